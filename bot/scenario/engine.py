"""The dialogue engine: pure functions from (scenario, state, what the user did) to the persona's reply.

A reply is made of up to four parts, in this order (scenarios/README.md, "How the persona answers"):
1. a reaction to the user's move: a job request (which replaces the branches), an offer (matched to
   the persona's needs), thanks, a presumption the branches do not handle;
2. the answer to the user's question, from the bank of its topic (or a deflection), and a word for
   a second question;
3. the line of the node the branches lead to (the scenario's beats), unless that node is about
   another topic than the one just answered;
4. when nothing fresh is left, a line that moves on, and at last the persona wraps up: no line is
   ever said twice in one rehearsal.

The state is a plain JSON-able dict so that it is stored in the database after every turn and a
restart continues exactly where the rehearsal stopped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.coach.analysis import Analysis
from bot.coach.debrief import speaks_about_self
from bot.coach.scorer import normalise
from bot.scenario import defaults
from bot.scenario.expr import Condition
from bot.scenario.model import Branch, Line, Node, Scenario

# A rehearsal's state as stored (JSON): counters, node, and the engine's own keys (said, raised…).
State = dict[str, Any]
# What conditions read: the state's counters and this turn's labels.
Env = dict[str, int | bool]

SHORT_REPLY_WORDS = 3
# Turns past max_turns that offers can add (the persona never leaves right after an offer).
GRACE_TURNS = 2
LINE_ID_MAX = 128


@lru_cache(maxsize=4096)
def _cond(source: str) -> Condition:
    return Condition.parse(source)


@dataclass(frozen=True, slots=True)
class PersonaTurn:
    node: str
    line_id: str
    text: str
    ending: str | None  # set when this line ends the rehearsal
    revealed: str | None  # the secret this turn reveals, if any
    parts: tuple[str, ...] = ()  # the line ids the reply is made of, in order


def is_short(text: str) -> bool:
    """A reply of a few words or less gives the persona nothing to work with."""
    return len([w for w in text.split() if any(c.isalnum() for c in w)]) <= SHORT_REPLY_WORDS


def is_emoji_only(text: str) -> bool:
    """Emoji, symbols and punctuation only: nothing a persona can answer."""
    stripped = [c for c in text if not c.isspace()]
    return bool(stripped) and not any(unicodedata.category(c)[0] in "LN" for c in stripped)


def _env(
    scenario: Scenario,
    state: State,
    labels: Iterable[str],
    short: bool,
    about_self: bool = True,
    someone: bool = False,
) -> Env:
    env: Env = dict.fromkeys(labels, True)
    env.update(state["vars"])
    env["short"] = short
    env["about_self"] = about_self
    env["offers_someone"] = someone
    env["turn"] = state["turn"]
    return env


def _text(scenario: Scenario, lang: str, line_id: str, text: str) -> str:
    return scenario.lines_in(lang).get(line_id, text)


def _pick(
    scenario: Scenario, lines: Sequence[Line], prefix: str, env: Env, state: State
) -> tuple[str, str] | None:
    """The first variant whose condition holds and that was not said yet: (line id, text)."""
    said = state["said"]
    for i, line in enumerate(lines):
        line_id = line.id or f"{prefix}.{i}"
        if line_id in said:
            continue
        if line.when is None or _cond(line.when).evaluate(env):
            return line_id, _text(scenario, state["lang"], line_id, line.text)
    return None


def _pick_default(kind: str, texts: Sequence[str], state: State) -> tuple[str, str] | None:
    """The first default line of `kind` not said yet: (line id, text)."""
    for i, text in enumerate(texts):
        line_id = f"default.{kind}.{i}"
        if line_id not in state["said"]:
            return line_id, text
    return None


def _bank(
    scenario: Scenario, lines: Sequence[Line], prefix: str, kind: str, env: Env, state: State
) -> tuple[str, str] | None:
    """A fresh line of the scenario's bank, else of the defaults (none written, or all said)."""
    return _pick(scenario, lines, prefix, env, state) or _pick_default(
        kind, defaults.lines(state["lang"], scenario.address, kind), state
    )


def start(scenario: Scenario, lang: str | None = None) -> tuple[State, PersonaTurn]:
    """A fresh state and the persona's opening line, in `lang` when the scenario has that translation."""
    state: State = {
        "lang": lang if lang in scenario.languages() else scenario.language,
        "register": scenario.address,
        "node": scenario.start,
        "vars": {name: var.initial for name, var in scenario.state.items()},
        "turn": 0,
        "path": [scenario.start],
        "revealed": [],
        "opened": sorted(set(scenario.nodes[scenario.start].opens)),
        "nudges": {},
        "ending": None,
        "said": [],
        "raised": [],
        "gifts": [],
        "pending": None,
    }
    node = scenario.nodes[scenario.start]
    env = _env(scenario, state, (), False)
    line_id, text = _pick(scenario, node.say, scenario.start, env, state) or _fallback(scenario, node, state)
    state["said"].append(line_id)
    _raise(scenario, node, state)
    state["ending"] = node.end
    return state, PersonaTurn(scenario.start, line_id, text, node.end, None, (line_id,))


def choose_branch(node: Node, env: Env) -> Branch | None:
    for branch in node.next:
        if branch.when is None or _cond(branch.when).evaluate(env):
            return branch
    return None


def _fallback(scenario: Scenario, node: Node, state: State) -> tuple[str, str]:
    """The node's last variant, when every variant has a condition that fails (the linter flags it)."""
    i = len(node.say) - 1
    line_id = node.say[i].id or f"{state['node']}.{i}"
    return line_id, _text(scenario, state["lang"], line_id, node.say[i].text)


def _apply(scenario: Scenario, state: State, effects: dict[str, int]) -> None:
    for var, delta in effects.items():
        spec = scenario.state.get(var)
        if spec is not None:
            state["vars"][var] = max(spec.min, min(spec.max, state["vars"][var] + delta))


def _raise(scenario: Scenario, node: Node, state: State) -> None:
    """Remember a need the persona just brought up (the debrief suggests its gift)."""
    need_id = node.raises
    if need_id and need_id in scenario.needs and need_id not in state["raised"]:
        state["raised"].append(need_id)
        gift = scenario.needs[need_id].gift
        state["gifts"].append(_text(scenario, state["lang"], f"need.{need_id}.gift", gift))


def _mentions(condition: str | None, name: str) -> bool:
    return condition is not None and name in _cond(condition).names()


@lru_cache(maxsize=1024)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, at the start of a word of the normalised text."""
    alternatives = sorted({normalise(w)[0].strip() for w in words} - {""}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, alternatives)) + ")", re.A)


# A person the user can bring in ("je connais quelqu'un", "my brother", "a few drivers I know"), as
# opposed to information or help: a persona says "someone who knows machining?" only to the former.
_SOMEONE = re.compile(
    r"(?<![a-z])(?:quelqu'un|qqn|des gens|des personnes|une personne|un ami|une amie|des amis|un contact|des contacts"
    r"|un collegue|une collegue|mon (?:frere|cousin|voisin|mari|pere|oncle|ancien collegue|collegue|beau-frere|fils|associe"
    r"|copain|pote|ex-collegue)|ma (?:soeur|cousine|voisine|femme|mere|tante|collegue|fille|copine|belle-soeur)"
    r"|mes (?:anciens collegues|collegues|amis|contacts)|je connais (?:un|une|des|plusieurs|deux|trois|bien)"
    r"|someone|somebody|people|a friend|friends|a contact|contacts|colleagues|guys|lads|my (?:brother|sister|cousin"
    r"|neighbou?r|husband|wife|partner|dad|mum|mom|uncle|aunt|son|daughter|old colleague|colleague|mate|former colleague"
    r"|team)|i know (?:a|an|two|three|several|some|a few|loads))(?![a-z])"
)


def offers_someone(text: str) -> bool:
    """Whether the text brings in a person (a contact, a relative, people the user knows)."""
    return _SOMEONE.search(normalise(text)[0]) is not None


def matched_need(scenario: Scenario, text: str) -> str | None:
    """The first need whose words occur in the text (at the start of a word; accents and case ignored)."""
    if not scenario.needs or not text:
        return None
    norm = normalise(text)[0]
    for need_id, need in scenario.needs.items():
        if _words_pattern(tuple(need.words)).search(norm):
            return need_id
    return None


def respond(scenario: Scenario, state: State, analysis: Analysis) -> tuple[State, PersonaTurn | None]:
    """`reply` to a user turn read by `bot.coach.topics.read` (its labels, topics and text)."""
    return reply(
        scenario,
        state,
        analysis.labels,
        is_short(analysis.text),
        asked=analysis.asked,
        topics=analysis.topics,
        text=analysis.text,
        about_self=speaks_about_self(analysis),
    )


def reply(
    scenario: Scenario,
    state: State,
    labels: Iterable[str],
    short: bool,
    *,
    asked: Sequence[str | None] = (),
    topics: Sequence[str] = (),
    text: str = "",
    about_self: bool = True,
) -> tuple[State, PersonaTurn | None]:
    """Apply the user's reply and return the new state and the persona's answer.

    `labels` are the reply's labels, `asked` the topic of each question it asks (in order), `topics`
    every topic it mentions, `text` the reply itself (matched against the persona's needs),
    `about_self` whether it tells something of the user's path (a scripted reply without text is
    taken to).
    Returns (state, None) when the rehearsal had already ended.
    """
    if state.get("ending"):
        return state, None
    labels = frozenset(labels)
    # A state saved before a key existed (a rehearsal in progress across an upgrade) gets its default.
    new = {
        **state,
        "vars": dict(state["vars"]),
        "path": list(state["path"]),
        "revealed": list(state["revealed"]),
        "opened": list(state["opened"]),
        "nudges": dict(state["nudges"]),
        "said": list(state.get("said", ())),
        "raised": list(state.get("raised", ())),
        "gifts": list(state.get("gifts", ())),
        "pending": state.get("pending"),
        "turn": state["turn"] + 1,
    }
    new.setdefault("register", scenario.address)
    # a fact of this reply only, kept out of the stored state; it only matters for an offer
    offering_someone = "giving" in labels and offers_someone(text)
    env = _env(scenario, new, labels, short, about_self, offering_someone)
    here = new["node"]
    parts: list[tuple[str, str]] = []
    revealed = None
    asked_topics = [t for t in asked if t is not None]
    hold = False  # stay on the current node, without saying its line again
    branch = None
    after_beat: tuple[str, str] | None = None  # a reaction that presumes the next beat was said

    if "job_request" in labels:
        # A request for a job is not a networking move: the persona reacts, the branches do not run
        # (a job request never earns the secret).
        reaction = scenario.reactions.job_request
        if reaction is not None:
            _apply(scenario, new, reaction.effects)
            line = _pick(scenario, reaction.say, "job_request", env, new)
            target = reaction.goto or here
        else:
            if "warmth" in scenario.state:
                _apply(scenario, new, {"warmth": defaults.JOB_REQUEST_WARMTH[scenario.level]})
            line = _pick_default(
                "job_request", defaults.job_request(new["lang"], scenario.address, scenario.level), new
            )
            target = scenario.time_up if scenario.level >= 3 else here
        if line is None:  # asked for a job again: the persona has said its piece, it wraps up
            target = scenario.time_up
        else:
            parts.append(line)
        hold = target == here
        asked_topics = []
    else:
        wraps_up = (
            "goodbye" in topics and not asked_topics and not labels & {"asking", "giving", "open_question"}
        )
        branch = None if wraps_up else choose_branch(scenario.nodes[here], env)
        target = (
            (scenario.wrap_up or scenario.time_up)
            if wraps_up
            else (branch.goto if branch else scenario.time_up)
        )
        if branch:
            _apply(scenario, new, branch.effects)
            for key, points in branch.nudge.items():
                new["nudges"][key] = new["nudges"].get(key, 0) + points
            if branch.reveal and branch.reveal not in new["revealed"]:
                new["revealed"].append(branch.reveal)
                revealed = branch.reveal
        env = _env(scenario, new, labels, short, about_self, offering_someone)
        # 1. Reactions to the user's move.
        if "giving" in labels:
            need_id = matched_need(scenario, text)
            if need_id is not None:
                need = scenario.needs[need_id]
                _apply(scenario, new, need.effects)
                env = _env(scenario, new, labels, short, about_self, offering_someone)
                line = _pick(scenario, need.say, f"need.{need_id}", env, new)
            else:
                line = None
            line = line or _bank(scenario, scenario.reactions.offer, "offer", "offer", env, new)
            if (
                need_id is not None
                and need_id not in new["raised"]
                and scenario.nodes[target].raises == need_id
                and target != here
            ):
                # "Tout ce qui nous fait gagner du temps sur ces relances, je prends" presumes the
                # persona has told of its need: when the next beat tells it, the reaction follows it.
                after_beat = line
            elif line is not None:
                parts.append(line)
            if scenario.nodes[target].end and not revealed:
                hold = True  # never leave right after an offer: acknowledge it, the next reply decides
        if "presumption" in labels and not (branch and _mentions(branch.when, "presumption")):
            line = _bank(scenario, scenario.reactions.presumption, "presumption", "presumption", env, new)
            if line is not None:
                parts.append(line)
        if (
            "gratitude" in labels
            and not scenario.nodes[target].end
            and not hold
            and "giving" not in labels
            and not (branch and _mentions(branch.when, "gratitude"))
        ):
            line = _bank(scenario, scenario.reactions.thanks, "thanks", "thanks", env, new)
            if line is not None:
                parts.append(line)

    # Time is up after max_turns replies, except on the very branch that reveals a secret (the
    # persona still says it) and after an offer (acknowledged first), within a few grace turns.
    if new["turn"] >= scenario.max_turns and not scenario.nodes[target].end and not revealed:
        if hold and new["turn"] < scenario.max_turns + GRACE_TURNS and "giving" in labels:
            pass
        else:
            target, hold = scenario.time_up, False
    if hold:
        target = here
    node = scenario.nodes[target]
    new["node"] = target
    new["path"].append(target)
    new["opened"] = sorted(set(new["opened"]) | set(node.opens))
    new["ending"] = None if hold else node.end
    env = _env(scenario, new, labels, short, about_self, offering_someone)

    # 2. The answer to the question.
    # A scenario written without topics lets its nodes answer everything (the older format).
    topic = asked_topics[0] if asked_topics and scenario.topics else None
    if topic is None and not asked and new["pending"] and not hold:
        topic = new["pending"]  # the second question of the previous message, now that there is room
    new["pending"] = None
    # The node's line is the answer when it is about the asked topic, and when the branches took up
    # the user's request themselves (a secret revealed, a request reframed by a beat of its own).
    handled_ask = revealed is not None or (
        "asking" in labels and branch is not None and node.topic is None and _mentions(branch.when, "asking")
    )
    node_answers = False
    second = None  # the word for a second question, said right after the first one's answer
    if topic is not None:
        if not hold and (node.topic == topic or handled_ask) and _pick(scenario, node.say, target, env, new):
            node_answers = True
        else:
            line = _pick(scenario, scenario.topics.get(topic, ()), f"topic.{topic}", env, new)
            line = line or _bank(scenario, scenario.deflections, "deflect", "deflect", env, new)
            if line is not None:
                parts.append(line)
        others = [t for t in asked_topics[1:] if t != topic]
        if others:
            line = _bank(
                scenario, scenario.reactions.second_question, "second_question", "second_question", env, new
            )
            if line is not None:
                second = line
            new["pending"] = others[0]
    elif asked and scenario.topics and node.end and not parts:
        # A question on no known topic as the persona leaves: not left hanging.
        line = _bank(scenario, scenario.deflections, "deflect", "deflect", env, new)
        if line is not None:
            parts.append(line)

    if second is not None and not node_answers:
        parts.append(second)
    # 3. The beat: the node's line, unless it is about another topic than the one answered.
    if not hold:
        off_topic = topic is not None and node.topic is not None and node.topic != topic and not node_answers
        if node_answers or not off_topic or node.end:
            line = _pick(scenario, node.say, target, env, new)
            if line is None and node.end:
                line = _fallback(scenario, node, new)
            if line is not None:
                parts.append(line)
                _raise(scenario, node, new)
    if second is not None and node_answers:
        parts.append(second)  # after the node's own answer to the first question
    if after_beat is not None:
        parts.append(after_beat)
    # 4. Nothing fresh to say: move on, or wrap up.
    if not parts:
        line = _bank(scenario, scenario.reactions.move_on, "move_on", "move_on", env, new)
        if line is None:
            target = scenario.time_up
            node = scenario.nodes[target]
            new["node"] = target
            new["path"][-1] = target
            new["ending"] = node.end
            env = _env(scenario, new, labels, short, about_self, offering_someone)
            line = _pick(scenario, node.say, target, env, new) or _fallback(scenario, node, new)
        parts.append(line)

    ids = tuple(line_id for line_id, _ in parts)
    new["said"].extend(i for i in ids if i not in new["said"])
    text_out = " ".join(t.strip() for _, t in parts)
    return new, PersonaTurn(new["node"], "+".join(ids)[:LINE_ID_MAX], text_out, new["ending"], revealed, ids)
