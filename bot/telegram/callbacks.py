"""Every button's data, decoded by one strict parser before any handler sees it.

Callback data comes back from the user's client as they choose: anything may arrive, not only what
the bot put on its buttons. `parse` accepts only the forms below (ids in decimal ASCII within
PostgreSQL's bigint range, known actions); anything else, and a callback without the message its
button was on (an inline message: the bot sends none), is answered "This button has expired"
by `refuse_odd_buttons`, which runs before every other handler.

A new button adds its form to `FORMS` (tests/test_callbacks.py checks every button in the code).
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.coach.keys import KEY_IDS
from bot.i18n import LOCALES
from bot.telegram.context import OserContext
from bot.telegram.delivery import transactional

MAX_ID = 2**63 - 1  # PostgreSQL's bigint, SQLite's integer


class _Id:
    """A non-negative decimal id in ASCII digits, within MAX_ID."""

    _digits = re.compile(r"[0-9]{1,19}")

    def match(self, text: str) -> bool:
        return bool(self._digits.fullmatch(text)) and int(text) <= MAX_ID


ID = _Id()
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ZONE = re.compile(r"[A-Za-z0-9_+\-/]{1,48}")
SLUG = re.compile(r"[A-Za-z0-9_.\-]{1,60}")
WORD = re.compile(r"[a-z_]{1,16}")
KIND = re.compile(r"[a-z_]{1,32}")  # a kind of prompt (bot/telegram/prompts.py)


def _one_of(*values: str) -> frozenset[str]:
    return frozenset(values)


# prefix -> the accepted forms of what follows it (":"-separated fields): a set of literals, or a
# matcher (a compiled pattern or ID) per field.
FORMS: dict[str, list[tuple]] = {
    "sc": [(SLUG,)],
    "pg": [(ID,)],
    "why": [(ID, frozenset(KEY_IDS))],
    "lang": [(frozenset(LOCALES),)],
    "mode": [(_one_of("study", "real"),)],
    "hist": [(_one_of("p", "d"), ID)],
    "mood": [(_one_of("b", "a"), ID, _one_of("1", "2", "3", "4", "5"))],
    "forget": [(_one_of("yes"), ID), (_one_of("no"),)],
    "ch": [
        (_one_of("done", "snooze", "skip", "nr"), DATE),
        (_one_of("on", "off", "pause", "time", "tz"),),
        (_one_of("t"), ID),
        (_one_of("z"), ZONE),
    ],
    "fl": [(_one_of("r"), KIND)],
    "ct": [
        (_one_of("new", "clr"),),
        (_one_of("l"), ID),
        (_one_of("l"), ID, _one_of("new")),
        (_one_of("o", "t", "i", "p", "ns", "e", "x", "xy", "v", "nd", "nz"), ID),
        (_one_of("s"), WORD),
        (_one_of("d"), _one_of("0", "1")),
        (_one_of("th"), _one_of("y", "l", "n")),
        (_one_of("ef"), ID, WORD),
        (_one_of("ev"), ID, ID),
    ],
}


def _fits(field: str, matcher) -> bool:
    if isinstance(matcher, frozenset):
        return field in matcher
    if isinstance(matcher, re.Pattern):
        return matcher.fullmatch(field) is not None
    return matcher.match(field)


def parse(data: str | None) -> tuple[str, ...] | None:
    """The fields of well-formed button data (its prefix first); None for anything else."""
    if not data or not data.isascii():
        return None
    prefix, *fields = data.split(":")
    for form in FORMS.get(prefix, ()):
        if len(form) == len(fields) and all(_fits(f, m) for f, m in zip(fields, form, strict=True)):
            return (prefix, *fields)
    return None


def is_odd(update: Update) -> bool:
    """A button press no handler should see: unknown data, or no message to act on."""
    query = update.callback_query
    return query is not None and (query.message is None or parse(query.data) is None)


@transactional
async def _expired(update: Update, context: OserContext) -> None:
    context.callback_answer = context._("This button has expired.")


async def refuse_odd_buttons(update: Update, context: OserContext) -> None:
    """Before every handler: an odd button press gets "This button has expired", nothing else."""
    if is_odd(update):
        await _expired(update, context)
        raise ApplicationHandlerStop
