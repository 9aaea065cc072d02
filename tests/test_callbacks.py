"""Forged or odd button data: one strict parser, "This button has expired", the spinner answered."""

from __future__ import annotations

import itertools
import re
from dataclasses import fields
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

import pytest
from fakebotapi import callback_query, next_update_id, text_message
from telegram.ext import CallbackQueryHandler

from bot import buttons as b
from bot.buttons import (
    BUTTONS,
    DATE,
    KEYS,
    KIND,
    LANGUAGES,
    MAX_DATA,
    MAX_ID,
    SLUG,
    WORD,
    ZONE,
    Button,
    OpenContact,
    SkipStep,
    parse,
)
from bot.store.models import ProcessedUpdate

ROOT = Path(__file__).resolve().parents[1]
USER = 4001
# Data the bot has put on buttons, as users keep them in their chats, and what each decodes to: the
# wire format never changes. Every family has one here, and forged copies of each field below.
OLD_DATA = {
    "sc:drh-industrie": b.ChooseScenario("drh-industrie"),
    "sc:uk-building-society": b.ChooseScenario("uk-building-society"),
    "pg:1": b.ScenarioPage(1),
    "why:1:give_first": b.WhyKey(1, "give_first"),
    f"why:{2**63 - 1}:dare": b.WhyKey(2**63 - 1, "dare"),
    "lang:en": b.ChooseLanguage("en"),
    "lang:fr": b.ChooseLanguage("fr"),
    "mode:study": b.ChooseMode("study"),
    "mode:real": b.ChooseMode("real"),
    "fl:r:contact_new": b.ResumePrompt("contact_new"),
    "hist:p:0": b.HistoryPage(0),
    "hist:d:1": b.HistoryDebrief(1),
    "mood:b:1:3": b.MoodBefore(1, 3),
    "mood:a:12:5": b.MoodAfter(12, 5),
    "forget:yes:1733360000": b.ForgetYes(1733360000),
    "forget:no": b.ForgetNo(),
    "ch:done:2024-03-01": b.ChallengeDone("2024-03-01"),
    "ch:snooze:2024-03-01": b.ChallengeSnooze("2024-03-01"),
    "ch:skip:2024-03-01": b.ChallengeSkip("2024-03-01"),
    "ch:t:540": b.SetChallengeTime(540),
    "ch:z:Europe/Paris": b.SetZone("Europe/Paris"),
    "ct:o:1": b.OpenContact(1),
    "ct:l:0:new": b.ContactListBelow(0),
    "ct:ev:1:0": b.EditVia(1, 0),
    "ct:nd:1": b.NudgeDone(1),
}
FAMILIES = list(OLD_DATA)
FORGED = ["²", "1" * 30, str(2**63), "-1", "１", "1 ", "", "x"]


def forgeries() -> list[str]:
    found = []
    for data in FAMILIES:
        prefix, *fields = data.split(":")
        for i in range(len(fields)):
            for bad in FORGED:
                forged = ":".join([prefix, *fields[:i], bad, *fields[i + 1 :]])
                if parse(forged) is None:
                    found.append(forged)
        found.append(data + ":extra")
        if parse(prefix + ":unknown-action") is None:  # "sc:" takes any scenario id
            found.append(prefix + ":unknown-action")
    return found


def test_old_button_data_decodes_to_the_same_button_and_encodes_back_the_same():
    for data, button in OLD_DATA.items():
        assert parse(data) == button, data
        assert type(button).parse(data) == button, data
        assert button.to_data() == data, data


def test_the_parser_takes_ids_in_ascii_within_64_bits_and_known_actions_only():
    for bad in (
        "why:²:dare",
        f"why:{2**63}:dare",
        "why:1:dance",
        "why:1",
        "hist:x:1",
        "hist:p:-1",
        "mood:b:1:6",
        "mood:b:1:0",
        "mood:x:1:1",
        "mood:b:1",
        "lang:de",
        "mode:fast",
        "forget:yes",
        "forget:maybe",
        "forget:no:1",
        "fl:r:Contact",
        "fl:r:",
        "sc:",
        "sc:a b",
        "pg:",
        "zz:1",
        None,
        "",
        "é:1",
        "sc:é",
    ):
        assert parse(bad) is None, bad
    # Every family has its forged cases.
    assert {f.split(":")[0] for f in forgeries()} == {f.split(":")[0] for f in FAMILIES}
    assert set(BUTTONS) == {f.split(":")[0] for f in FAMILIES}  # and every family is tested


def test_no_button_data_is_written_by_hand():
    """Every button's data comes from its class in bot/buttons.py: no string of a family elsewhere."""
    prefixes = "|".join(re.escape(prefix) for prefix in BUTTONS)
    literal = re.compile(rf"""f?"(?:{prefixes}):[^"]*"|f?'(?:{prefixes}):[^']*'""")
    found = [
        (path.name, data)
        for path in (ROOT / "bot").rglob("*.py")
        if path.name != "buttons.py"
        for data in literal.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []


STRINGS = {
    WORD: ["a", "a" * 16],
    ZONE: ["Europe/Paris", "A" * 48],
    DATE: ["2024-03-01"],
    SLUG: ["drh-industrie", "A" * 60],
    KIND: ["contact_new", "a" * 32],
    KEYS: sorted(KEYS),
    LANGUAGES: sorted(LANGUAGES),
}


def _examples(kind: type[Button]) -> list[Button]:
    """Instances of a typed button: every literal value, the largest id, the longest slug."""
    hints = get_type_hints(kind, include_extras=True)
    choices = []
    for f in fields(kind):
        hint = hints[f.name]
        if hint is int:
            choices.append([0, MAX_ID])
        elif get_origin(hint) is Literal:
            choices.append(list(get_args(hint)))
        else:  # Annotated[str, PATTERN or VALUES]: a short and the longest value it takes
            choices.append(STRINGS[get_args(hint)[1]])
    return [kind(*values) for values in itertools.product(*choices)]


def test_every_typed_button_round_trips_within_64_bytes_and_passes_the_strict_check():
    kinds = [kind for family in BUTTONS.values() for kind in family]
    assert len(kinds) >= 40
    for kind in kinds:
        for button in _examples(kind):
            data = button.to_data()
            assert len(data.encode()) <= MAX_DATA, data
            assert kind.parse(data) == button, data
            assert parse(data) == button, data
            # one kind per data: the routing by pattern sends it to one handler
            assert [k for k in kinds if k.pattern.match(data)] == [kind], data
    # the encoder refuses what the decoder would refuse
    for odd in (
        OpenContact(-1),
        OpenContact(MAX_ID + 1),
        SkipStep("Via"),
        SkipStep("a" * 17),
        b.WhyKey(1, "dance"),
        b.ChooseLanguage("de"),
        b.ChooseScenario("a b"),
        b.ChooseScenario("é"),
        b.ResumePrompt("Contact"),
        b.MoodBefore(1, 6),  # type: ignore[arg-type]
        b.ForgetYes(-1),
    ):
        with pytest.raises(ValueError):
            odd.to_data()


def test_int_fields_decode_as_ints():
    assert b.MoodAfter.parse("mood:a:7:4") == b.MoodAfter(7, 4)
    assert b.ForgetYes.parse("forget:yes:123") == b.ForgetYes(123)
    assert b.MoodAfter.parse("mood:b:7:4") is None  # the other kind's data


async def test_every_kind_of_button_has_a_handler(bot):
    """Data that passes the strict check reaches a handler: no button is left without a route."""
    patterns = [
        h.pattern for group in bot.app.handlers.values() for h in group if isinstance(h, CallbackQueryHandler)
    ]
    for kind in (kind for family in BUTTONS.values() for kind in family):
        assert kind.pattern in patterns, kind.__name__


@pytest.mark.parametrize("family", sorted({f.split(":")[0] for f in FAMILIES}))
async def test_forged_button_data_gets_expired_and_the_spinner_answered(bot, family):
    for data in [f for f in forgeries() if f.split(":")[0] == family]:
        before = len(bot.fake.calls)
        texts = await bot.send(callback_query(USER, data, chat_id=USER, language_code="en"))
        assert texts == [], data
        calls = bot.fake.calls[before:]
        [answer] = [c for c in calls if c.method == "answerCallbackQuery"]
        assert answer.params.get("text") == "This button has expired.", data
        assert not [c for c in calls if c.method == "sendMessage"], data  # no "something went wrong"


async def test_forged_data_is_answered_in_the_users_language(bot):
    await bot.send(text_message(USER, "/start"))
    before = len(bot.fake.calls)
    await bot.send(callback_query(USER, "why:²:dare", chat_id=USER))
    [answer] = [c for c in bot.fake.calls[before:] if c.method == "answerCallbackQuery"]
    assert answer.params.get("text") == "Ce bouton n'est plus valable."


async def test_a_callback_with_only_an_inline_message_id_is_answered(bot):
    update = callback_query(USER, "pg:1", chat_id=USER, language_code="en")
    query = update["callback_query"]
    del query["message"]
    query["inline_message_id"] = "AAQAAAAAAAAA"
    before = len(bot.fake.calls)
    assert await bot.send(update) == []
    [answer] = [c for c in bot.fake.calls[before:] if c.method == "answerCallbackQuery"]
    assert answer.params.get("text") == "This button has expired."
    assert await bot.count(ProcessedUpdate, update_id=update["update_id"]) == 1


async def test_a_genuine_button_still_works(bot):
    await bot.send(text_message(USER, "/rehearse"))
    texts = await bot.send(callback_query(USER, "sc:drh-industrie", chat_id=USER, update_id=next_update_id()))
    assert any(t.startswith("Sabine") for t in texts)
