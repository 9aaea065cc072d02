"""The dialogue engine: pure functions from (scenario, state, reply labels) to the persona's next lines.

The state is a plain JSON-able dict so that it is stored in the database after every turn and a
restart continues exactly where the rehearsal stopped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.scenario.expr import Condition
from bot.scenario.model import Node, Scenario

SHORT_REPLY_WORDS = 3


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


def is_short(text: str) -> bool:
    """A reply of a few words or less gives the persona nothing to work with."""
    return len([w for w in text.split() if any(c.isalnum() for c in w)]) <= SHORT_REPLY_WORDS


def _env(scenario: Scenario, state: dict, labels: Iterable[str], short: bool) -> dict[str, int | bool]:
    env: dict[str, int | bool] = dict.fromkeys(labels, True)
    env.update(state["vars"])
    env["short"] = short
    env["turn"] = state["turn"]
    return env


def _line(scenario: Scenario, node_id: str, env: dict, lang: str) -> tuple[str, str]:
    node = scenario.nodes[node_id]
    chosen = next(
        (i for i, line in enumerate(node.say) if line.when is None or _cond(line.when).evaluate(env)),
        # No variant fits: the last one is the fallback (the linter flags it when it has a condition).
        len(node.say) - 1,
    )
    line_id = node.say[chosen].id or f"{node_id}.{chosen}"
    return line_id, scenario.translations.get(lang, {}).get(line_id, node.say[chosen].text)


def start(scenario: Scenario, lang: str | None = None) -> tuple[dict, PersonaTurn]:
    """A fresh state and the persona's opening line, in `lang` when the scenario has that translation."""
    state = {
        "lang": lang if lang in scenario.languages() else scenario.language,
        "node": scenario.start,
        "vars": {name: var.initial for name, var in scenario.state.items()},
        "turn": 0,
        "path": [scenario.start],
        "revealed": [],
        "opened": sorted(set(scenario.nodes[scenario.start].opens)),
        "nudges": {},
        "ending": None,
    }
    line_id, text = _line(scenario, scenario.start, _env(scenario, state, (), False), state["lang"])
    ending = scenario.nodes[scenario.start].end
    state["ending"] = ending
    return state, PersonaTurn(scenario.start, line_id, text, ending, None)


def choose_branch(node: Node, env: dict):
    for branch in node.next:
        if branch.when is None or _cond(branch.when).evaluate(env):
            return branch
    return None


def reply(
    scenario: Scenario, state: dict, labels: Iterable[str], short: bool
) -> tuple[dict, PersonaTurn | None]:
    """Apply the user's reply (its labels) and return the new state and the persona's answer.

    Returns (state, None) when the rehearsal had already ended.
    """
    if state.get("ending"):
        return state, None
    labels = frozenset(labels)
    new = {
        **state,
        "vars": dict(state["vars"]),
        "path": list(state["path"]),
        "revealed": list(state["revealed"]),
        "opened": list(state["opened"]),
        "nudges": dict(state["nudges"]),
        "turn": state["turn"] + 1,
    }
    env = _env(scenario, new, labels, short)
    branch = choose_branch(scenario.nodes[new["node"]], env)
    target = branch.goto if branch else scenario.time_up
    revealed = None
    if branch:
        for var, delta in branch.effects.items():
            spec = scenario.state[var]
            new["vars"][var] = max(spec.min, min(spec.max, new["vars"][var] + delta))
        for key, points in branch.nudge.items():
            new["nudges"][key] = new["nudges"].get(key, 0) + points
        if branch.reveal and branch.reveal not in new["revealed"]:
            new["revealed"].append(branch.reveal)
            revealed = branch.reveal
    # Time is up after max_turns replies, except on the very branch that reveals a secret: the
    # persona still says it, and the next reply ends the conversation.
    if new["turn"] >= scenario.max_turns and not scenario.nodes[target].end and not revealed:
        target = scenario.time_up
    node = scenario.nodes[target]
    new["node"] = target
    new["path"].append(target)
    new["opened"] = sorted(set(new["opened"]) | set(node.opens))
    new["ending"] = node.end
    env = _env(scenario, new, labels, short)
    line_id, text = _line(scenario, target, env, new.get("lang", scenario.language))
    return new, PersonaTurn(target, line_id, text, node.end, revealed)
