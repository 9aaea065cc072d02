"""Forged or odd button data: one strict parser, "This button has expired", the spinner answered."""

from __future__ import annotations

import itertools
import re
from dataclasses import fields
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

import pytest
from fakebotapi import callback_query, next_update_id, text_message

from bot.store.models import ProcessedUpdate
from bot.telegram.callbacks import (
    BUTTONS,
    DATE,
    MAX_DATA,
    MAX_ID,
    WORD,
    ZONE,
    Button,
    OpenContact,
    SkipStep,
    parse,
)

ROOT = Path(__file__).resolve().parents[1]
USER = 4001
# A valid-looking button of every family, with a forged copy of each field in turn.
FAMILIES = [
    "sc:drh-industrie",
    "pg:1",
    "why:1:give_first",
    "lang:en",
    "mode:study",
    "hist:p:0",
    "hist:d:1",
    "mood:b:1:3",
    "forget:yes:1",
    "ch:done:2024-03-01",
    "ch:t:540",
    "ch:z:Europe/Paris",
    "ct:o:1",
    "ct:l:0:new",
    "ct:ev:1:0",
    "ct:nd:1",
]
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


def test_the_parser_takes_ids_in_ascii_within_64_bits_and_known_actions_only():
    for data in FAMILIES:
        assert parse(data) is not None, data
    assert parse(f"why:{2**63 - 1}:dare") is not None
    for bad in ("why:²:dare", f"why:{2**63}:dare", "why:1:dance", "hist:x:1", "zz:1", None, "", "é:1"):
        assert parse(bad) is None, bad
    # Every family has its forged cases.
    assert {f.split(":")[0] for f in forgeries()} == {f.split(":")[0] for f in FAMILIES}


def test_every_button_the_bot_makes_parses():
    """Each callback data written as a string in the code, its placeholders filled with typical values."""
    samples = {
        "key": "give_first",
        "k": "dare",
        "code": "fr",
        "moment[0]": "a",
        "n": "3",
        "name": "Europe/Paris",
        "flow.get('day', '')": "2024-03-01",
        "flow['kind']": "challenge_reflection",
    }
    prefixes = "(?:sc|pg|why|lang|mode|hist|mood|forget|ch|ct|fl)"
    literal = re.compile(rf"""f?"({prefixes}:[^"]*)"|f?'({prefixes}:[^']*)'""")
    found = 0
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "callbacks.py":  # the typed buttons' forms: see the test below
            continue
        for groups in literal.findall(path.read_text(encoding="utf-8")):
            data = next(g for g in groups if g)

            def fill(match: re.Match, data: str = data) -> str:
                inner = match.group(1)
                if "day_key" in inner or (data.startswith("ch:") and inner == "key"):
                    return "2024-03-01"
                if inner in samples:
                    return samples[inner]
                if inner == "step":
                    return "via"
                return "1"

            concrete = re.sub(r"\{([^}]*)\}", fill, data)
            if concrete.endswith(":") or "<" in concrete:  # a pattern, or a comment's description
                continue
            found += 1
            assert parse(concrete) is not None, (path.name, data)
    assert found > 15  # the string-built ones; typed buttons are checked below


STRINGS = {WORD: ["a", "a" * 16], ZONE: ["Europe/Paris", "A" * 48], DATE: ["2024-03-01"]}


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
        else:  # Annotated[str, PATTERN]: a short and the longest value it takes
            choices.append(STRINGS[get_args(hint)[1]])
    return [kind(*values) for values in itertools.product(*choices)]


def test_every_typed_button_round_trips_within_64_bytes_and_passes_the_strict_check():
    kinds = [kind for family in BUTTONS.values() for kind in family]
    assert len(kinds) >= 20
    for kind in kinds:
        for button in _examples(kind):
            data = button.to_data()
            assert len(data.encode()) <= MAX_DATA, data
            assert kind.parse(data) == button, data
            assert parse(data) is not None, data
            # one kind per data: the routing by pattern sends it to one handler
            assert [k for k in kinds if k.pattern.match(data)] == [kind], data
    # the encoder refuses what the decoder would refuse
    for odd in (OpenContact(-1), OpenContact(MAX_ID + 1), SkipStep("Via"), SkipStep("a" * 17)):
        with pytest.raises(ValueError):
            odd.to_data()


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
