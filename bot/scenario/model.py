"""The scenario file format: a persona, its state, and the nodes of the conversation.

See scenarios/README.md for a commented example. Everything a coach writes is validated here;
cross-references (targets, state names, secrets) are checked by `bot.scenario.loader`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from bot.coach.analysis import LABELS
from bot.coach.keys import KEY_IDS
from bot.coach.topics import TOPICS
from bot.scenario.expr import Condition, ExprError

ENDINGS = ("contact_obtained", "polite_goodbye", "persona_closed")
# Topics a persona can have answers for ("goodbye" is a move, handled by `wrap_up`).
ANSWER_TOPICS = tuple(t for t in TOPICS if t != "goodbye")
# Facts the engine adds to the labels and state variables when it evaluates a condition.
FACTS = ("short", "turn", "about_self", "offers_someone")
# Where something is in a scenario file: keys and list indexes from the top ("nodes", "intro", "say", 0).
Loc = tuple[str | int, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_condition(value: str | None) -> str | None:
    if value is not None:
        try:
            Condition.parse(value)
        except ExprError as exc:
            raise ValueError(str(exc)) from None
    return value


class Persona(_Strict):
    name: str = Field(min_length=1, description="Name shown on the /rehearse button")
    role: str = Field(min_length=1)
    sector: str = Field(
        min_length=1, description="industry, health, public, tech, non-profit, retail, banking..."
    )
    temperament: str = Field(min_length=1)
    bio: str = Field("", description="A few lines of biography, for writers and the scenario list")


class StateVar(_Strict):
    min: int = 0
    max: int = 5
    initial: int = 0

    @model_validator(mode="after")
    def _bounds(self) -> StateVar:
        if not self.min <= self.initial <= self.max:
            raise ValueError(f"initial {self.initial} is not between min {self.min} and max {self.max}")
        return self


class Line(_Strict):
    """One variant of what the persona says; the first variant whose condition holds is used."""

    id: str | None = Field(None, description="Stable id for translation; defaults to node id + position")
    when: str | None = Field(None, description="Condition on state (and labels of the last reply)")
    text: str = Field(min_length=1)

    _when = field_validator("when")(_check_condition)


class Branch(_Strict):
    """Where the conversation goes after the user's reply; the first branch whose condition holds wins."""

    when: str | None = Field(None, description="Condition on the reply's labels and state; none means always")
    goto: str = Field(min_length=1, description="Id of the next node")
    effects: dict[str, int] = Field(default_factory=dict, description="Added to state variables (clamped)")
    reveal: str | None = Field(None, description="Id of a secret the persona reveals on this branch")
    nudge: dict[Literal[KEY_IDS], int] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Points added to key scores in the debrief"
    )

    _when = field_validator("when")(_check_condition)


def _as_lines(value: object) -> object:
    if isinstance(value, str):
        return [{"text": value}]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


# A list of line variants (plain sentences or {when, text}); `Lines` needs at least one. The schema
# says what may be written: a sentence, or a list of sentences and {when, text} variants.
_LINES_INPUT = str | list[str | Line]
Bank = Annotated[list[Line], BeforeValidator(_as_lines, json_schema_input_type=_LINES_INPUT)]
Lines = Annotated[
    list[Line], Field(min_length=1), BeforeValidator(_as_lines, json_schema_input_type=_LINES_INPUT)
]


class Node(_Strict):
    say: Annotated[list[Line], Field(min_length=1)]
    topic: Literal[ANSWER_TOPICS] | None = Field(  # type: ignore[valid-type]
        None,
        description="The topic this node's line is about: said when the user asks about it or asks nothing",
    )
    raises: str | None = Field(
        None, description="Id of a need (under needs:) that this node's line brings up"
    )
    next: list[Branch] = Field(default_factory=list)
    end: Literal[ENDINGS] | None = Field(  # type: ignore[valid-type]
        None, description="Makes this node an ending: contact_obtained, polite_goodbye or persona_closed"
    )
    opens: list[Literal[KEY_IDS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Keys this moment gives the user a chance to show"
    )

    _say = field_validator("say", mode="before")(_as_lines)

    @model_validator(mode="after")
    def _way_out(self) -> Node:
        if self.end and self.next:
            raise ValueError("an ending node has no 'next' branches")
        return self


class Reaction(_Strict):
    """How the persona reacts to a move (a job request): a line, effects, and maybe a node to go to."""

    say: Lines
    effects: dict[str, int] = Field(default_factory=dict, description="Added to state variables (clamped)")
    goto: str | None = Field(None, description="Node to go to (an ending for a polite end); none: stay")


class Need(_Strict):
    """Something the persona needs, that a user's offer can meet."""

    words: list[str] = Field(
        min_length=1, description="Words that show an offer meets this need (accents and case do not matter)"
    )
    say: Lines = Field(description="The persona's reaction to an offer that meets this need")
    effects: dict[str, int] = Field(default_factory=dict, description="Added to state variables (clamped)")
    gift: str = Field(
        min_length=1, description="An offer the user could have made, shown by the debrief (in the register)"
    )


class Reactions(_Strict):
    """What the persona says to the user's moves, on top of the beats of the nodes."""

    job_request: Reaction | None = Field(
        None, description="Reaction to a request for a job (default: by level: redirect, cool, polite end)"
    )
    offer: Bank = Field(default_factory=list, description="Thanks for an offer that meets no need")
    thanks: Bank = Field(default_factory=list, description="Acknowledges thanks in mid-conversation")
    presumption: Bank = Field(
        default_factory=list, description="Gently corrects a presumption the branches do not handle"
    )
    second_question: Bank = Field(
        default_factory=list, description="Acknowledges a second question, answered next turn"
    )
    move_on: Bank = Field(
        default_factory=list, description="Fresh lines that move on when a node has nothing new to say"
    )


class Secret(_Strict):
    text: str = Field(min_length=1, description="What the persona reveals, e.g. a contact's name")


class ScriptedReply(_Strict):
    text: str | None = Field(None, description="Real text, read by the bot (then labels and asked are read)")
    labels: list[Literal[LABELS]] = Field(default_factory=list)  # type: ignore[valid-type]
    asked: list[Literal[ANSWER_TOPICS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Topics of the reply's questions, in order"
    )
    short: bool = False
    expect: list[str] = Field(
        default_factory=list,
        description="Line ids (or their start, e.g. topic.path, job_request, need.terrain) the answer must hold",
    )


class GoldenTest(_Strict):
    """Replies in, expected path and reveals out; run by `scenarios check` and in CI."""

    name: str
    replies: list[str | ScriptedReply] = Field(min_length=1)
    path: list[str] | None = Field(None, description="Node ids visited after the start node, in order")
    reveals: list[str] | None = None
    ending: Literal[ENDINGS] | None = None  # type: ignore[valid-type]


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    language: Literal["fr", "en"]
    level: int = Field(1, ge=1, le=3)
    tags: list[str] = Field(default_factory=list)
    pitch: str = Field(min_length=1, description="One line shown in /rehearse")
    persona: Persona
    state: dict[str, StateVar] = Field(default_factory=dict)
    start: str
    max_turns: int = Field(12, ge=2, le=40)
    time_up: str = Field(description="Ending node used when max_turns replies have been given")
    # "register" in the file (a pydantic model cannot have a field of that name).
    address: Literal["tu", "vous"] = Field(
        "vous",
        alias="register",
        description="How the user addresses the persona in French (tu or vous): tips and rewrites follow it",
    )
    secrets: dict[str, Secret] = Field(default_factory=dict)
    topics: dict[Literal[ANSWER_TOPICS], Lines] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Answers by topic of the user's question, several variants each"
    )
    deflections: Bank = Field(
        default_factory=list, description="Natural deflections for a question the persona has no answer for"
    )
    reactions: Reactions = Field(default_factory=lambda: Reactions(job_request=None))
    needs: dict[str, Need] = Field(default_factory=dict)
    wrap_up: str | None = Field(None, description="Ending said when the user wraps up (default: time_up)")
    nodes: dict[str, Node] = Field(min_length=1)
    tests: list[GoldenTest] = Field(default_factory=list)
    translations: dict[Literal["fr", "en"], dict[str, str]] = Field(
        default_factory=dict,
        description="Other languages this persona can speak: language -> {line id or 'pitch': text}",
    )

    def banks(self) -> list[tuple[Loc, str, list[Line]]]:
        """Every list of lines outside the nodes: (location in the file, line id prefix, lines)."""
        out: list[tuple[Loc, str, list[Line]]] = [
            (("topics", topic), f"topic.{topic}", lines) for topic, lines in self.topics.items()
        ]
        out.append((("deflections",), "deflect", self.deflections))
        if self.reactions.job_request is not None:
            out.append((("reactions", "job_request", "say"), "job_request", self.reactions.job_request.say))
        for kind in ("offer", "thanks", "presumption", "second_question", "move_on"):
            out.append((("reactions", kind), kind, getattr(self.reactions, kind)))
        out.extend(
            (("needs", need_id, "say"), f"need.{need_id}", need.say) for need_id, need in self.needs.items()
        )
        return out

    def line_ids(self) -> list[tuple[str, int, str]]:
        """(node id or bank prefix, variant index, line id) for every line, in file order."""
        return [
            (node_id, i, line.id or f"{node_id}.{i}")
            for node_id, node in self.nodes.items()
            for i, line in enumerate(node.say)
        ] + [
            (prefix, i, line.id or f"{prefix}.{i}")
            for _loc, prefix, lines in self.banks()
            for i, line in enumerate(lines)
        ]

    def languages(self) -> list[str]:
        return [self.language, *(lang for lang in self.translations if lang != self.language)]

    def pitch_in(self, lang: str) -> str:
        return self.lines_in(lang).get("pitch") or self.pitch

    def lines_in(self, lang: str) -> dict[str, str]:
        """The translated lines for `lang` (line id or 'pitch' -> text); empty when there are none."""
        return next((lines for code, lines in self.translations.items() if code == lang), {})
