"""Every button's callback data: one typed class per action, which both encodes and decodes it.

Callback data comes back from the user's client as they choose: anything may arrive, not only what
the bot put on its buttons. `parse` accepts only the data of the buttons declared here (ids in
decimal ASCII within PostgreSQL's bigint range, known actions) and gives it back decoded; the
Telegram layer (bot/telegram/callbacks.py) answers anything else "This button has expired" before
any handler runs, and routes each kind of button to its handler.

A button is one `Button` class (a frozen dataclass): its `form` is its wire format, its fields'
types say what each placeholder accepts, and the class both encodes (`to_data`) and decodes
(`parse`). The wire format of a button never changes: users keep old buttons in their chats.
This module is pure Python (no Telegram, no database), so the services that write a message with
buttons (the daily challenge) build their data with these classes too. tests/test_callbacks.py
checks every button.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, fields
from typing import Annotated, Any, ClassVar, Literal, Self, get_args, get_origin, get_type_hints

from bot.coach.keys import KEY_IDS
from bot.i18n import LOCALES

MAX_ID = 2**63 - 1  # PostgreSQL's bigint, SQLite's integer
MAX_DATA = 64  # bytes of callback data Telegram keeps

ID = re.compile(r"[0-9]{1,19}")  # and at most MAX_ID
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ZONE = re.compile(r"[A-Za-z0-9_+\-/]{1,48}")
SLUG = re.compile(r"[A-Za-z0-9_.\-]{1,60}")
WORD = re.compile(r"[a-z_]{1,16}")
KIND = re.compile(r"[a-z_]{1,32}")  # a kind of prompt (bot/telegram/prompts.py)
KEYS = frozenset(KEY_IDS)  # one of the seven keys
LANGUAGES = frozenset(LOCALES)


# ---------------------------------------------------------------------------------------------
# The codec
# ---------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Button:
    """One kind of button. A subclass is a frozen dataclass declared with its wire format:

        @dataclass(frozen=True)
        class OpenContact(Button, form="ct:o:{contact_id}"):
            contact_id: int

    An `int` field is a decimal id within MAX_ID; a `Literal[...]` field one of its values (strings,
    or ints); an `Annotated[str, PATTERN]` field a string that PATTERN matches in full, or one of a
    frozenset of strings (`Annotated[str, KEYS]`). A subclass without a form only declares fields
    that several kinds of button share.
    """

    form: ClassVar[str]
    pattern: ClassVar[re.Pattern[str]]  # the data of this button, and nothing else
    _ints: ClassVar[frozenset[str]]  # fields decoded as int

    def __init_subclass__(cls, *, form: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if form is None:  # fields shared by several kinds of button
            return
        hints = get_type_hints(cls, vars(sys.modules[cls.__module__]), include_extras=True)
        regex: list[str] = []
        ints: set[str] = set()
        end = 0
        for placeholder in _PLACEHOLDER.finditer(form):
            name = placeholder.group(1)
            regex.append(re.escape(form[end : placeholder.start()]))
            regex.append(f"(?P<{name}>{_field_regex(hints[name])})")
            if _is_int(hints[name]):
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


# prefix (what comes before the first ":") -> the kinds of button under it, filled as they are declared
BUTTONS: dict[str, list[type[Button]]] = {}


def _is_int(hint: Any) -> bool:
    if get_origin(hint) is Literal:
        return all(type(value) is int for value in get_args(hint))
    return hint is int


def _field_regex(hint: Any) -> str:
    if hint is int:
        return ID.pattern
    if get_origin(hint) is Literal:
        return "|".join(re.escape(str(value)) for value in get_args(hint))
    if get_origin(hint) is Annotated:
        _type, matcher = get_args(hint)
        if isinstance(matcher, frozenset):
            return "|".join(re.escape(value) for value in sorted(matcher))
        return f"(?:{matcher.pattern})"
    raise TypeError(f"a button field cannot be {hint!r}")


def parse(data: str | None) -> Button | None:
    """The button that well-formed data encodes; None for anything else (the strict check)."""
    if not data or not data.isascii():
        return None
    for kind in BUTTONS.get(data.split(":")[0], ()):
        button = kind.parse(data)
        if button is not None:
            return button
    return None


# ---------------------------------------------------------------------------------------------
# Rehearsals, settings and language (bot/rehearsal/handlers.py)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChooseScenario(Button, form="sc:{scenario_id}"):
    """Rehearse with this persona."""

    scenario_id: Annotated[str, SLUG]


@dataclass(frozen=True)
class ScenarioPage(Button, form="pg:{page}"):
    """A page of the personas, in place."""

    page: int


@dataclass(frozen=True)
class WhyKey(Button, form="why:{rehearsal_id}:{key}"):
    """Why this score, under a debrief."""

    rehearsal_id: int
    key: Annotated[str, KEYS]


@dataclass(frozen=True)
class ChooseLanguage(Button, form="lang:{code}"):
    code: Annotated[str, LANGUAGES]


@dataclass(frozen=True)
class ChooseMode(Button, form="mode:{mode}"):
    mode: Literal["study", "real"]


@dataclass(frozen=True)
class ResumePrompt(Button, form="fl:r:{kind}"):
    """Resume the prompt put on hold (bot/telegram/prompts.py)."""

    kind: Annotated[str, KIND]


# ---------------------------------------------------------------------------------------------
# Progress and personal data (bot/progress/handlers.py)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPage(Button, form="hist:p:{page}"):
    """A page of /history, in place."""

    page: int


@dataclass(frozen=True)
class HistoryDebrief(Button, form="hist:d:{rehearsal_id}"):
    """A past rehearsal's debrief, again."""

    rehearsal_id: int


Mood = Literal[1, 2, 3, 4, 5]  # 1: uneasy, 5: at ease


@dataclass(frozen=True)
class OfMood(Button):
    """A mood tap: how the user feels about a rehearsal."""

    rehearsal_id: int
    mood: Mood


@dataclass(frozen=True)
class MoodBefore(OfMood, form="mood:b:{rehearsal_id}:{mood}"):
    """Before the conversation, under the persona's first line."""


@dataclass(frozen=True)
class MoodAfter(OfMood, form="mood:a:{rehearsal_id}:{mood}"):
    """After it, under the debrief."""


@dataclass(frozen=True)
class ForgetYes(Button, form="forget:yes:{issued}"):
    """Erase everything, confirmed."""

    issued: int  # when the button was made (Unix time): an old one asks again


@dataclass(frozen=True)
class ForgetNo(Button, form="forget:no"):
    """Keep my data."""


# ---------------------------------------------------------------------------------------------
# Contacts (bot/contacts/handlers.py)
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
# Daily challenges (bot/challenges/handlers.py; the service, bot/challenges/service.py, puts the
# first three under the challenge it sends)
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
