"""One owner for the next free-text message: every pair of prompts, opened in both orders.

For each ordered pair (A, B): open A, then open B (through its command and buttons, as a user would),
type an answer meant for B, and look at every place a text can land (rehearsal turns, the contact
being logged or edited, the thank-you practice, the challenge reflection, the time, zone and language
settings). Exactly B's place must change. When B is finished, one more text must land in the
rehearsal if one is open, and nowhere otherwise.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from fakebotapi import callback_query, text_message
from sqlalchemy import select

from bot.contacts.rules import local_today, zone
from bot.store.models import ChallengeDay, Contact, Rehearsal, Turn, User, utcnow

LANG = "fr"
STEPS = ("name", "via", "context", "date", "mine", "theirs", "names", "thanked")


def yesterday() -> date:
    return local_today(utcnow(), zone("Europe/Paris")) - timedelta(days=1)


class Player:
    def __init__(self, bot, uid: int):
        self.bot, self.uid = bot, uid
        self.paul: int | None = None
        self.replies: list[str] = []
        self.new_buttons: list[str] = []

    async def say(self, text: str) -> list[str]:
        start = len(self.bot.fake.calls)
        self.replies = await self.bot.send(text_message(self.uid, text, language_code=LANG))
        self.new_buttons = [
            button["callback_data"]
            for call in self.bot.fake.calls[start:]
            for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in row
        ]
        return self.replies

    async def tap(self, data: str) -> list[str]:
        last = self.bot.fake.last_message(self.uid)
        message_id = last["message_id"] if last else None
        self.replies = await self.bot.send(
            callback_query(self.uid, data, chat_id=self.uid, message_id=message_id, language_code=LANG)
        )
        return self.replies

    def buttons(self) -> list[str]:
        return [d for _t, d in self.bot.last_buttons(self.uid)]

    async def setup(self) -> None:
        """The user exists and has one contact (so the "met through" step and the card flows exist)."""
        await self.say("/aide")
        async with self.bot.runtime.sessions() as session:
            contact = Contact(user_id=self.uid, name="Paul Martin", met_on=yesterday(), suggested_names=[])
            session.add(contact)
            await session.commit()
            self.paul = contact.id


# ------------------------------------------------------------------------------ the prompts


async def open_rehearsal(p: Player) -> None:
    await p.say("/entretien")
    if "sc:drh-industrie" not in p.buttons():
        await p.tap("pg:1")
    await p.tap("sc:drh-industrie")


async def open_contact_step(p: Player, step: str) -> None:
    await p.say("/reseau")
    await p.tap("ct:new")
    for current in STEPS:
        if current == step:
            return
        if current == "name":
            await p.say("Sophie Durand")
        elif current == "date":
            await p.tap("ct:d:0")
        else:
            await p.tap(f"ct:s:{current}")


async def open_edit(p: Player) -> None:
    await p.say("/reseau")
    await p.tap(f"ct:ef:{p.paul}:ctx")


async def open_practice(p: Player) -> None:
    await p.say("/reseau")
    await p.tap(f"ct:p:{p.paul}")


async def open_reflection(p: Player) -> None:
    await p.say("/defi")
    await p.tap(next(d for d in p.buttons() if d.startswith("ch:done:")))


async def open_time(p: Player) -> None:
    await p.say("/reglages")
    await p.tap("ch:time")


async def open_zone(p: Player) -> None:
    await p.say("/reglages")
    await p.tap("ch:tz")


async def open_language(p: Player) -> None:
    await p.say("/langue")


@dataclass(frozen=True)
class Owner:
    name: str  # the place its text lands in (see `places`)
    open: object
    answer: str
    finished: bool  # the answer ends the prompt


ANSWERS = {
    "name": "Zoé Lemaire",
    "via": "Paul Martin",
    "context": "Un café au salon Vivatech",
    "date": None,  # yesterday, filled at run time
    "mine": "Un article sur la reconversion",
    "theirs": "Une mise en relation avec Lucie",
    "names": "Hélène Roux",
    "thanked": "oui",
}


def owners() -> dict[str, Owner]:
    found = {"rehearsal": Owner("rehearsal", open_rehearsal, "Bonjour, je suis ravi de vous parler", False)}
    for step in STEPS:
        answer = ANSWERS[step] or yesterday().strftime("%d/%m/%Y")

        async def opener(p: Player, step=step) -> None:
            await open_contact_step(p, step)

        found[f"contact:{step}"] = Owner("contact_new", opener, answer, step == "thanked")
    found["contact_edit"] = Owner("contact_edit", open_edit, "Rencontré à un atelier CV", True)
    found["thanks_practice"] = Owner(
        "thanks_practice", open_practice, "Merci Paul pour votre temps et vos conseils", True
    )
    found["reflection"] = Owner("reflection", open_reflection, "J'ai osé appeler mon ancien chef", True)
    found["settings_time"] = Owner("settings_time", open_time, "7h15", True)
    found["settings_zone"] = Owner("settings_zone", open_zone, "Tokyo", True)
    found["settings_language"] = Owner("settings_language", open_language, "English", True)
    return found


async def places(p: Player) -> dict[str, object]:
    """Everything a typed text can change, by the name of its owner."""
    async with p.bot.runtime.sessions() as session:
        user = await session.get(User, p.uid)
        turns = list(
            await session.scalars(
                select(Turn.text)
                .join(Rehearsal)
                .where(Rehearsal.user_id == p.uid, Turn.role == "user")
                .order_by(Turn.id)
            )
        )
        contacts = list(await session.scalars(select(Contact).where(Contact.user_id == p.uid)))
        reflections = list(
            await session.scalars(select(ChallengeDay.reflection).where(ChallengeDay.user_id == p.uid))
        )
        flow = (user.settings or {}).get("flow") or {}
        paul = next(c for c in contacts if c.id == p.paul)
        return {
            "rehearsal": turns,
            "contact_new": (
                flow if flow.get("kind") == "contact_new" else None,
                sorted(c.name for c in contacts),
            ),
            "contact_edit": (paul.name, paul.context, paul.promised_by_me, paul.promised_by_them),
            "reflection": reflections,
            "settings_time": user.challenge_minute,
            "settings_zone": user.timezone,
            "settings_language": (user.language, user.language_chosen),
        }


def changed(before: dict, after: dict, p: Player) -> set[str]:
    found = {name for name in before if before[name] != after[name]}
    # The thank-you practice stores nothing: its feedback (with "Try again") is where its text went.
    if f"ct:p:{p.paul}" in p.new_buttons and f"ct:e:{p.paul}" not in p.new_buttons:  # not the card
        found.add("thanks_practice")
    return found


async def play(bot, uid: int, first: str, second: str, table: dict[str, Owner]) -> list[str]:
    """Open `first` then `second`, type for `second`; the problems found (empty: none)."""
    p = Player(bot, uid)
    await p.setup()
    a, b = table[first], table[second]
    await a.open(p)
    await b.open(p)
    problems = []
    expected = b.name
    if a.name == "rehearsal" and b.name == "reflection":
        expected = "rehearsal"  # a challenge done during a rehearsal does not ask for a note
    elif a.name != "rehearsal" and not any(d.startswith("fl:r:") for _t, d in bot.all_buttons(uid)):
        problems.append(f"{first}→{second}: no button to resume {first}")
    before = await places(p)
    await p.say(b.answer if expected == b.name else a.answer)
    after = await places(p)
    where = changed(before, after, p)
    if where != {expected}:
        problems.append(f"{first}→{second}: {b.answer!r} landed in {sorted(where)}, expected {expected}")
    if b.finished or expected != b.name:
        # The prompt is done: the next words go to the rehearsal if one is open, else nowhere.
        rehearsal_open = "rehearsal" in (a.name, b.name)
        before = after
        await p.say("Et vous, comment avez-vous commencé")
        where = changed(before, await places(p), p)
        if where != ({"rehearsal"} if rehearsal_open else set()):
            problems.append(f"{first}→{second} then: the next text landed in {sorted(where)}")
    return problems


async def test_every_pair_of_prompts_in_both_orders_delivers_each_text_to_its_owner(bot):
    table = owners()
    pairs = list(itertools.permutations(table, 2))
    problems: list[str] = []
    for index, (first, second) in enumerate(pairs):
        problems += await play(bot, 50_000 + index, first, second, table)
    print(f"\n{len(pairs)} ordered pairs of prompts, {len(problems)} misdelivered", *problems, sep="\n")
    assert problems == []


async def test_a_parked_prompt_resumes_with_its_button_and_cancel_says_the_rehearsal_goes_on(bot):
    p = Player(bot, 40_001)
    await p.setup()
    await p.say("/reseau")
    await p.tap("ct:new")
    await p.say("Sophie Durand")
    start = len(bot.fake.calls)
    await open_rehearsal(p)
    texts = [c.params.get("text", "") for c in bot.fake.calls[start:]]
    assert any("En attente" in t and "Sophie Durand" in t for t in texts), texts
    assert "fl:r:contact_new" in [d for _t, d in bot.all_buttons(p.uid)]
    before = await places(p)
    await p.say("Bonjour, merci de prendre le temps")
    assert changed(before, await places(p), p) == {"rehearsal"}
    replies = await p.tap("fl:r:contact_new")
    assert any("Sophie Durand" in t for t in replies), replies  # the question is asked again
    await p.say("Paul Martin")
    flow = (await places(p))["contact_new"][0]
    assert flow["data"]["referred_by_id"] == p.paul and flow["step"] == "context"
    [text] = await p.say("/annuler")
    assert "Annulé" in text and "Sophie Durand" in text and "Reprendre" not in text
    assert "répétition" in text  # the rehearsal goes on, and the user is told so
    before = await places(p)
    await p.say("Et comment avez-vous commencé ?")
    assert changed(before, await places(p), p) == {"rehearsal"}
    # An old "Resume" button once the prompt is gone only says it has expired.
    assert await p.tap("fl:r:contact_new") == []


async def test_typed_answers_to_the_settings_questions_are_read_like_arguments(bot):
    p = Player(bot, 40_002)
    await p.setup()
    await open_time(p)
    [text] = await p.say("8h30")
    assert "08:30" in text
    await open_zone(p)
    [text] = await p.say("Montréal")
    assert "Toronto" in text or "Montréal" in text
    await open_time(p)
    [text] = await p.say("demain matin")
    assert "demain matin" in text and "8h30" in text  # not understood: says so and how to write it
    await p.say("/annuler")
    await open_language(p)
    [text] = await p.say("English")
    assert "English" in text
    async with bot.runtime.sessions() as session:
        user = await session.get(User, p.uid)
    assert (user.challenge_minute, user.timezone, user.language) == (8 * 60 + 30, "America/Toronto", "en")
    assert (user.settings or {}).get("flow") is None


async def test_the_mood_after_a_debrief_can_be_typed_and_other_text_is_not_taken_for_it(bot):
    p = Player(bot, 40_003)
    await p.setup()
    await open_rehearsal(p)
    await p.say("Bonjour, merci de me recevoir. Comment êtes-vous arrivée à ce poste ?")
    await p.say("/fin")
    texts = await p.say("4")
    assert any("4/5" in t for t in texts), texts
    async with bot.runtime.sessions() as session:
        rehearsal = await session.scalar(select(Rehearsal).where(Rehearsal.user_id == p.uid))
    assert rehearsal.state["moods"]["after"] == 4
    # A second debrief's question, then a command: the optional question goes away without a note.
    await open_rehearsal(p)
    await p.say("Bonjour, pouvez-vous me parler de votre parcours ?")
    await p.say("/fin")
    [text] = await p.say("/aide")
    assert "En attente" not in text
    # And text that is not a mood, right after a debrief, is not taken for one.
    await open_rehearsal(p)
    await p.say("Bonjour, qu'est-ce qui vous plaît dans votre métier ?")
    await p.say("/fin")
    [text] = await p.say("merci beaucoup")
    assert "/entretien" in text and "5" not in text


async def test_the_readme_command_table_and_help_match_the_registered_commands(bot):
    from conftest import ROOT
    from telegram.ext import CommandHandler

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Telegram commands (private chats)")[1].split("\n\n")[1]
    rows = [re.findall(r"`(/\w+)", line.split("|")[1]) for line in table.splitlines()[2:]]
    registered = {
        "/" + name
        for handlers in bot.app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    assert {name for row in rows for name in row} == registered
    [help_en] = await bot.send(text_message(40_010, "/help", language_code="en"))
    [help_fr] = await bot.send(text_message(40_011, "/aide", language_code="fr"))
    listed_en = set(re.findall(r"/\w+", help_en))
    listed_fr = set(re.findall(r"/\w+", help_fr))
    for row in rows:
        english = [n for n in row if n in listed_en]
        french = [n for n in row if n in listed_fr]
        assert english and french, row  # every command of the table is in /help, in both languages
    assert listed_en <= registered and listed_fr <= registered


async def test_the_settings_keyboard_marks_the_mode_just_chosen(bot):
    uid = 40_012
    await bot.send(text_message(uid, "/settings", language_code="en"))
    assert ("• Real", "mode:real") in bot.last_buttons(uid)
    settings_message = bot.fake.last_message(uid)
    texts = await bot.send(
        callback_query(
            uid, "mode:study", chat_id=uid, message_id=settings_message["message_id"], language_code="en"
        )
    )
    assert any("Mode set to study" in t for t in texts)
    [edit] = [c for c in bot.fake.calls_of("editMessageText") if c.params.get("chat_id") == uid]
    labels = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "• Study" in labels and "Real" in labels and "• Real" not in labels
