"""Every button's data, decoded by one strict parser before any handler sees it.

Callback data comes back from the user's client as they choose: anything may arrive, not only what
the bot put on its buttons. `parse` accepts only the forms below (ids in decimal ASCII within
PostgreSQL's bigint range, known actions); anything else, and a callback without the message its
button was on (an inline message: the bot sends none), is answered "This button has expired"
by `refuse_odd_buttons`, which runs before every other handler.

A button is one `Button` class (a frozen dataclass): its `form` is its wire format, its fields'
types say what each placeholder accepts, and the class both encodes (`to_data`) and decodes
(`parse`); `on` routes its presses by its `pattern` to a handler that receives it decoded. Older
families still list their forms in `FORMS`. The wire format of a button never changes: users keep
old buttons in their chats. tests/test_callbacks.py checks every button in the code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from functools import wraps
from typing import Annotated, Any, ClassVar, Literal, Self, TypeVar, get_args, get_origin, get_type_hints

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.coach.keys import KEY_IDS
from bot.i18n import LOCALES
from bot.telegram.context import OserContext, required
from bot.telegram.delivery import transactional

MAX_ID = 2**63 - 1  # PostgreSQL's bigint, SQLite's integer
MAX_DATA = 64  # bytes of callback data Telegram keeps


class _Id:
    """A non-negative decimal id in ASCII digits, within MAX_ID."""

    pattern = re.compile(r"[0-9]{1,19}")

    def match(self, text: str) -> bool:
        return bool(self.pattern.fullmatch(text)) and int(text) <= MAX_ID


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
    "fl": [(_one_of("r"), KIND)],
}


# ---------------------------------------------------------------------------------------------
# Typed buttons
# ---------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Button:
    """One kind of button. A subclass is a frozen dataclass declared with its wire format:

        @dataclass(frozen=True)
        class OpenContact(Button, form="ct:o:{contact_id}"):
            contact_id: int

    An `int` field is a decimal id within MAX_ID; a `Literal[...]` field one of its values; an
    `Annotated[str, PATTERN]` field a string that PATTERN matches in full. A subclass without a
    form only declares fields that several kinds of button share.
    """

    form: ClassVar[str]
    pattern: ClassVar[re.Pattern[str]]  # the data of this button, and nothing else
    _ints: ClassVar[frozenset[str]]

    def __init_subclass__(cls, *, form: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if form is None:  # fields shared by several kinds of button
            return
        hints = get_type_hints(cls, vars(sys.modules[cls.__module__]), include_extras=True)
        regex, ints, end = [], set(), 0
        for placeholder in _PLACEHOLDER.finditer(form):
            name = placeholder.group(1)
            regex.append(re.escape(form[end : placeholder.start()]))
            regex.append(f"(?P<{name}>{_field_regex(hints[name])})")
            if hints[name] is int:
                ints.add(name)
            end = placeholder.end()
        regex.append(re.escape(form[end:]))
        cls.form = form
        cls.pattern = re.compile("".join(regex) + r"\Z")
        cls._ints = frozenset(ints)
        BUTTONS.setdefault(form.split(":")[0], []).append(cls)

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The button this data encodes; None when it is not this button's, or is malformed."""
        found = cls.pattern.match(data) if data and data.isascii() else None
        if found is None:
            return None
        values: dict[str, Any] = found.groupdict()
        for name in cls._ints:
            values[name] = int(values[name])
            if values[name] > MAX_ID:
                return None
        return cls(**values)

    def to_data(self) -> str:
        """The callback data of this button (at most MAX_DATA bytes, and `parse` gives it back)."""
        data = self.form.format(**{f.name: getattr(self, f.name) for f in fields(self)})
        if len(data.encode()) > MAX_DATA or type(self).parse(data) != self:
            raise ValueError(f"{self!r} does not encode as a button")
        return data


# prefix -> the typed buttons under it (filled as Button subclasses are declared)
BUTTONS: dict[str, list[type[Button]]] = {}


def _field_regex(hint: Any) -> str:
    if hint is int:
        return ID.pattern.pattern
    if get_origin(hint) is Literal:
        return "|".join(re.escape(value) for value in get_args(hint))
    if get_origin(hint) is Annotated:
        _type, matcher = get_args(hint)
        return f"(?:{matcher.pattern})"
    raise TypeError(f"a button field cannot be {hint!r}")


B = TypeVar("B", bound=Button)


def on(kind: type[B], handler: Callable[[Update, OserContext, B], Awaitable[None]]) -> CallbackQueryHandler:
    """Route presses of one kind of button to `handler`, in a transaction, with the button decoded."""

    @transactional
    @wraps(handler)
    async def run(update: Update, context: OserContext) -> None:
        data = required(update.callback_query, "a button press").data
        # refuse_odd_buttons already refused what `parse` refuses (an id above MAX_ID)
        await handler(update, context, required(kind.parse(data), "well-formed button data"))

    return CallbackQueryHandler(run, pattern=kind.pattern)


# ---------------------------------------------------------------------------------------------
# Contacts (bot/telegram/contacts.py)
# ---------------------------------------------------------------------------------------------

Word = Annotated[str, WORD]  # a step of the "log a meeting" flow, or a field of a contact


@dataclass(frozen=True)
class NewContact(Button, form="ct:new"):
    """Start logging a meeting."""


@dataclass(frozen=True)
class ContactList(Button, form="ct:l:{page}"):
    """A page of the journal, in place."""

    page: int


@dataclass(frozen=True)
class ContactListBelow(Button, form="ct:l:{page}:new"):
    """A page of the journal, as a new message."""

    page: int


@dataclass(frozen=True)
class OfContact(Button):
    """A button about one contact."""

    contact_id: int


@dataclass(frozen=True)
class OpenContact(OfContact, form="ct:o:{contact_id}"):
    """The contact's card, in place."""


@dataclass(frozen=True)
class SkipStep(Button, form="ct:s:{step}"):
    step: Word


@dataclass(frozen=True)
class MetVia(Button, form="ct:v:{referrer_id}"):
    referrer_id: int


@dataclass(frozen=True)
class MetDay(Button, form="ct:d:{days_ago}"):
    days_ago: Literal["0", "1"]


@dataclass(frozen=True)
class Thanked(Button, form="ct:th:{answer}"):
    answer: Literal["y", "l", "n"]  # yes (within two days), yes later, not yet


@dataclass(frozen=True)
class MarkThanked(OfContact, form="ct:t:{contact_id}"):
    """I thanked them."""


@dataclass(frozen=True)
class MarkInformed(OfContact, form="ct:i:{contact_id}"):
    """I gave them news."""


@dataclass(frozen=True)
class PractiseThanks(OfContact, form="ct:p:{contact_id}"):
    """Practise the thank-you message."""


@dataclass(frozen=True)
class NewsSuggestion(OfContact, form="ct:ns:{contact_id}"):
    """What news to give them."""


@dataclass(frozen=True)
class EditMenu(OfContact, form="ct:e:{contact_id}"):
    """The menu of what to change, in place."""


@dataclass(frozen=True)
class EditField(Button, form="ct:ef:{contact_id}:{field}"):
    contact_id: int
    field: Word


@dataclass(frozen=True)
class EditVia(Button, form="ct:ev:{contact_id}:{referrer_id}"):
    contact_id: int
    referrer_id: int  # 0: met on their own


@dataclass(frozen=True)
class ClearField(Button, form="ct:clr"):
    """Empty the field being edited."""


@dataclass(frozen=True)
class AskDelete(OfContact, form="ct:x:{contact_id}"):
    """Ask before deleting, in place."""


@dataclass(frozen=True)
class Delete(OfContact, form="ct:xy:{contact_id}"):
    """Delete, confirmed."""


@dataclass(frozen=True)
class NudgeDone(Button, form="ct:nd:{nudge_id}"):
    nudge_id: int


@dataclass(frozen=True)
class NudgeSnooze(Button, form="ct:nz:{nudge_id}"):
    nudge_id: int


# ---------------------------------------------------------------------------------------------
# Daily challenges (bot/telegram/challenges.py; bot/challenges.py writes the first three's data
# itself, below the Telegram layer)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfDay(Button):
    """A button about the user's challenge of one day."""

    day: Annotated[str, DATE]  # its local date, ISO (challenges.day_key)


@dataclass(frozen=True)
class ChallengeDone(OfDay, form="ch:done:{day}"):
    """Done ✅."""


@dataclass(frozen=True)
class ChallengeSnooze(OfDay, form="ch:snooze:{day}"):
    """Remind me in two hours."""


@dataclass(frozen=True)
class ChallengeSkip(OfDay, form="ch:skip:{day}"):
    """Not today."""


@dataclass(frozen=True)
class SkipReflection(OfDay, form="ch:nr:{day}"):
    """No note on how it went."""


@dataclass(frozen=True)
class ChallengesOn(Button, form="ch:on"):
    """Start or resume the daily challenge."""


@dataclass(frozen=True)
class ChallengesOff(Button, form="ch:off"):
    """Stop it."""


@dataclass(frozen=True)
class ChallengesPause(Button, form="ch:pause"):
    """Pause it, keeping the streak."""


@dataclass(frozen=True)
class AskChallengeTime(Button, form="ch:time"):
    """Ask the hour of the challenge."""


@dataclass(frozen=True)
class SetChallengeTime(Button, form="ch:t:{minute}"):
    minute: int  # of the day; the handler refuses 1440 and above


@dataclass(frozen=True)
class AskZone(Button, form="ch:tz"):
    """Ask the user's time zone."""


@dataclass(frozen=True)
class SetZone(Button, form="ch:z:{name}"):
    name: Annotated[str, ZONE]  # an IANA name, checked by the handler


# ---------------------------------------------------------------------------------------------
# The strict check
# ---------------------------------------------------------------------------------------------


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
    prefix, *parts = data.split(":")
    for form in FORMS.get(prefix, ()):
        if len(form) == len(parts) and all(_fits(f, m) for f, m in zip(parts, form, strict=True)):
            return (prefix, *parts)
    if any(kind.parse(data) is not None for kind in BUTTONS.get(prefix, ())):
        return (prefix, *parts)
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
