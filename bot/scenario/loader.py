"""Load scenario files, validate them, and say exactly where a broken one is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.coach.analysis import LABELS
from bot.scenario.expr import Condition
from bot.scenario.model import FACTS, Loc, Scenario


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ScenarioError(Exception):
    """One or more scenario files are broken; str() lists each problem as file:line: reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _compose(text: str, file: str) -> tuple[object, dict[Loc, int]]:
    """Parse YAML and remember the line (1-based) of every key and item, by path."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([Problem(file, line, f"not valid YAML: {reason}")]) from None
    lines: dict[Loc, int] = {}

    def build(node: yaml.Node, path: Loc) -> object:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[object, object] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if key in out:
                    raise ScenarioError(
                        [Problem(file, key_node.start_mark.line + 1, f"'{key}' is defined twice")]
                    )
                out[key] = build(value_node, (*path, key))
                # Point at the key's line rather than its value's (they differ for nested blocks).
                lines[(*path, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*path, i)) for i, item in enumerate(node.value)]
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_object(node)
        finally:
            loader.dispose()

    if root is None:
        raise ScenarioError([Problem(file, 1, "the file is empty")])
    return build(root, ()), lines


def _line_of(lines: dict[Loc, int], loc: Loc) -> int:
    path = tuple(loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def _describe(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def parse_scenario(text: str, file: str) -> tuple[Scenario, dict[Loc, int]]:
    """Validate one file's text; raise ScenarioError with file:line for each problem."""
    data, lines = _compose(text, file)
    if not isinstance(data, dict):
        raise ScenarioError([Problem(file, 1, "a scenario file must be a mapping (key: value)")])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            # pydantic adds the union member's type name to the location; drop those parts.
            loc = tuple(p for p in loc if p not in ("str", "ScriptedReply", "literal['fr','en']"))
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(Problem(file, _line_of(lines, loc), f"{_describe(loc)}: {msg}"))
        raise ScenarioError(problems) from None
    problems = check_references(scenario, lines, file)
    if problems:
        raise ScenarioError(problems)
    return scenario, lines


def check_references(scenario: Scenario, lines: dict[Loc, int], file: str) -> list[Problem]:
    """Errors that make a scenario unplayable: unknown targets, names, secrets."""
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(file, _line_of(lines, loc), message))

    nodes = scenario.nodes
    known_names = set(LABELS) | set(FACTS) | set(scenario.state)
    if scenario.start not in nodes:
        add(("start",), f"start: no node named '{scenario.start}'")
    if scenario.time_up not in nodes:
        add(("time_up",), f"time_up: no node named '{scenario.time_up}'")
    elif not nodes[scenario.time_up].end:
        add(("time_up",), f"time_up: node '{scenario.time_up}' must be an ending (it needs 'end:')")
    for node_id, node in nodes.items():
        for i, line in enumerate(node.say):
            if line.when:
                # A line is chosen after moving, so it may read state but labels too (of the reply just made).
                for name in Condition.parse(line.when).names() - known_names:
                    add(
                        ("nodes", node_id, "say", i, "when"),
                        f"nodes.{node_id}.say[{i}]: unknown name '{name}' in condition",
                    )
        if not node.end:
            if not node.next:
                add(
                    ("nodes", node_id),
                    f"nodes.{node_id}: no 'next' branches and no 'end': the conversation would stop here",
                )
            elif node.next[-1].when is not None:
                add(
                    ("nodes", node_id, "next", len(node.next) - 1),
                    f"nodes.{node_id}: the last branch needs no 'when' so that every reply has a way out",
                )
        for i, branch in enumerate(node.next):
            loc = ("nodes", node_id, "next", i)
            if branch.goto not in nodes:
                add((*loc, "goto"), f"nodes.{node_id}.next[{i}]: goto '{branch.goto}' is not a node")
            if branch.when:
                for name in Condition.parse(branch.when).names() - known_names:
                    add((*loc, "when"), f"nodes.{node_id}.next[{i}]: unknown name '{name}' in condition")
            for var in branch.effects:
                if var not in scenario.state:
                    add((*loc, "effects"), f"nodes.{node_id}.next[{i}]: effect on undefined state '{var}'")
            if branch.reveal and branch.reveal not in scenario.secrets:
                add((*loc, "reveal"), f"nodes.{node_id}.next[{i}]: reveals unknown secret '{branch.reveal}'")
    for where, _prefix, bank in scenario.banks():
        for i, line in enumerate(bank):
            for name in Condition.parse(line.when).names() - known_names if line.when else ():
                add(
                    (*where, i, "when"),
                    f"{'.'.join(map(str, where))}[{i}]: unknown name '{name}' in condition",
                )
    for node_id, node in nodes.items():
        if node.raises and node.raises not in scenario.needs:
            add(("nodes", node_id, "raises"), f"nodes.{node_id}: raises unknown need '{node.raises}'")
    effects: list[tuple[Loc, dict[str, int]]] = [
        (("needs", k, "effects"), need.effects) for k, need in scenario.needs.items()
    ]
    job = scenario.reactions.job_request
    if job is not None:
        effects.append((("reactions", "job_request", "effects"), job.effects))
        if job.goto is not None and job.goto not in nodes:
            add(
                ("reactions", "job_request", "goto"),
                f"reactions.job_request: goto '{job.goto}' is not a node",
            )
    for where, changes in effects:
        for var in changes:
            if var not in scenario.state:
                add(where, f"{'.'.join(map(str, where))}: effect on undefined state '{var}'")
    if scenario.wrap_up is not None:
        if scenario.wrap_up not in nodes:
            add(("wrap_up",), f"wrap_up: no node named '{scenario.wrap_up}'")
        elif not nodes[scenario.wrap_up].end:
            add(("wrap_up",), f"wrap_up: node '{scenario.wrap_up}' must be an ending (it needs 'end:')")
    for i, test in enumerate(scenario.tests):
        for j, node_id in enumerate(test.path or ()):
            if node_id not in nodes:
                add(("tests", i, "path", j), f"tests[{i}] ({test.name}): path names unknown node '{node_id}'")
        for j, secret in enumerate(test.reveals or ()):
            if secret not in scenario.secrets:
                add(("tests", i, "reveals", j), f"tests[{i}] ({test.name}): unknown secret '{secret}'")
    return problems


def load_file(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([Problem(str(path), 1, "the file is not UTF-8 text")]) from None
    return parse_scenario(text, str(path))[0]


def scenario_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_dir(directory: Path) -> dict[str, Scenario]:
    """Load every scenario of a folder; raise ScenarioError listing every problem of every file."""
    scenarios: dict[str, Scenario] = {}
    problems: list[Problem] = []
    if not directory.is_dir():
        raise ScenarioError([Problem(str(directory), 0, "the scenarios folder does not exist")])
    for path in scenario_files(directory):
        try:
            scenario = load_file(path)
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        if scenario.id in scenarios:
            problems.append(Problem(str(path), 1, f"id '{scenario.id}' is already used by another file"))
        scenarios[scenario.id] = scenario
    if problems:
        raise ScenarioError(problems)
    return scenarios
