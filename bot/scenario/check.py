"""`scenarios check`: validation, lint and golden tests of every scenario file in a folder."""

from __future__ import annotations

from pathlib import Path

from bot.challenges.rules import check_catalog
from bot.scenario import engine
from bot.scenario.loader import Problem, ScenarioError, _line_of, parse_scenario, scenario_files
from bot.scenario.model import Loc, Scenario


def lint(scenario: Scenario, lines: dict[Loc, int], file: str) -> list[Problem]:
    """Problems that do not stop a scenario from loading but make it wrong to play."""
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(file, _line_of(lines, loc), message))

    reachable = {scenario.start, scenario.time_up}
    job = scenario.reactions.job_request
    extra = [job.goto if job else None, scenario.wrap_up]
    reachable |= {node for node in extra if node in scenario.nodes}
    todo_extra = [node for node in extra if node in scenario.nodes]
    todo = [scenario.start, *todo_extra]
    while todo:
        node = scenario.nodes.get(todo.pop())
        for branch in node.next if node else ():
            if branch.goto in scenario.nodes and branch.goto not in reachable:
                reachable.add(branch.goto)
                todo.append(branch.goto)
    for node_id in scenario.nodes:
        if node_id not in reachable:
            add(("nodes", node_id), f"nodes.{node_id}: unreachable (no branch leads here)")
    revealed = {b.reveal for n in scenario.nodes.values() for b in n.next if b.reveal}
    for secret in scenario.secrets:
        if secret not in revealed:
            add(("secrets", secret), f"secrets.{secret}: no branch ever reveals it")
    endings = [n for n in scenario.nodes.values() if n.end]
    if not endings:
        add(("nodes",), "nodes: the scenario has no ending node")
    for node_id, node in scenario.nodes.items():
        if node.say[-1].when is not None:
            add(
                ("nodes", node_id, "say", len(node.say) - 1),
                f"nodes.{node_id}: the last line variant needs no 'when' so the persona always has something to say",
            )
    for loc, _prefix, bank in scenario.banks():
        field_set = loc[0] == "reactions" and loc[1] in scenario.reactions.model_fields_set
        if not bank and (loc[0] == "deflections" and "deflections" in scenario.model_fields_set or field_set):
            add(
                loc,
                f"{'.'.join(map(str, loc))}: empty list of lines (remove it to use the defaults, or write lines)",
            )
    raised = {node.raises for node in scenario.nodes.values() if node.raises}
    for need_id in scenario.needs:
        if need_id not in raised:
            add(("needs", need_id), f"needs.{need_id}: no node raises it (add 'raises: {need_id}' to a node)")
    texts: dict[str, str] = {}
    for where, text in _all_texts(scenario):
        key = " ".join(text.lower().split())
        if key in texts:
            add(
                _location(where),
                f"{where}: same text as {texts[key]}: the persona would say the same line twice",
            )
        texts.setdefault(key, where)
    seen: dict[str, str] = {}
    for node_id, i, line_id in scenario.line_ids():
        if line_id in seen:
            add(
                ("nodes", node_id, "say", i),
                f"nodes.{node_id}.say[{i}]: line id '{line_id}' is already used by {seen[line_id]}",
            )
        seen[line_id] = f"nodes.{node_id}.say[{i}]"
    for lang, texts in scenario.translations.items():
        if lang == scenario.language:
            add(("translations", lang), f"translations.{lang}: the scenario is already written in {lang}")
            continue
        for node_id, i, line_id in scenario.line_ids():
            if line_id not in texts:
                add(
                    ("translations", lang),
                    f"translations.{lang}: missing translation of line '{line_id}' (nodes.{node_id}.say[{i}])",
                )
        if "pitch" not in texts:
            add(("translations", lang), f"translations.{lang}: missing translation of 'pitch'")
        for key in texts:
            if key != "pitch" and key not in seen:
                add(("translations", lang, key), f"translations.{lang}.{key}: no line has this id")
    return problems


def _all_texts(scenario: Scenario) -> list[tuple[str, str]]:
    """(where, text) of every line the persona can say, in file order."""
    out = [
        (f"nodes.{node_id}.say[{i}]", line.text)
        for node_id, node in scenario.nodes.items()
        for i, line in enumerate(node.say)
    ]
    for loc, _prefix, bank in scenario.banks():
        out.extend((f"{'.'.join(map(str, loc))}[{i}]", line.text) for i, line in enumerate(bank))
    return out


def _location(where: str) -> Loc:
    """'nodes.x.say[2]' -> ('nodes', 'x', 'say', 2), the path _line_of understands."""
    path: list[str | int] = []
    for part in where.replace("]", "").split("."):
        name, _, index = part.partition("[")
        path.append(name)
        if index:
            path.append(int(index))
    return tuple(path)


def run_golden(scenario: Scenario, lines: dict[Loc, int], file: str) -> list[Problem]:
    from bot.coach.debrief import speaks_about_self
    from bot.coach.topics import read

    problems: list[Problem] = []
    for i, test in enumerate(scenario.tests):
        state, _turn = engine.start(scenario)
        failures = []
        for j, reply in enumerate(test.replies):
            text = reply if isinstance(reply, str) else reply.text
            scripted = not isinstance(reply, str) and bool(reply.labels or reply.asked or reply.short)
            if isinstance(reply, str) or (text is not None and not scripted):
                analysis = read(text or "", scenario.language)
                labels, short = analysis.labels, engine.is_short(text or "")
                asked, topics = analysis.asked, analysis.topics
                about_self = speaks_about_self(analysis)
            else:
                labels, short = frozenset(reply.labels), reply.short
                asked, topics = tuple(reply.asked), ()
                about_self = True
            state, turn = engine.reply(
                scenario,
                state,
                labels,
                short,
                asked=asked,
                topics=topics,
                text=text or "",
                about_self=about_self,
            )
            for want in () if isinstance(reply, str) else reply.expect:
                parts = turn.parts if turn else ()
                if not any(part == want or part.startswith(want + ".") for part in parts):
                    failures.append(f"reply {j + 1} answered with {list(parts)}, not with {want}")
        if test.path is not None and state["path"][1:] != test.path:
            failures.append(f"path {state['path'][1:]} instead of {test.path}")
        if test.reveals is not None and sorted(state["revealed"]) != sorted(test.reveals):
            failures.append(f"reveals {state['revealed']} instead of {test.reveals}")
        if test.ending is not None and state["ending"] != test.ending:
            failures.append(f"ending {state['ending']} instead of {test.ending}")
        if failures:
            loc = ("tests", i)
            problems.append(
                Problem(
                    file, _line_of(lines, loc), f"golden test '{test.name}' failed: " + "; ".join(failures)
                )
            )
    return problems


def check_dir(directory: Path) -> tuple[list[Problem], str]:
    """Every problem of every file, and a one-line summary."""
    if not directory.is_dir():
        return [Problem(str(directory), 0, "not a folder")], "0 scenarios checked"
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    files = scenario_files(directory)
    tests = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            scenario, lines = parse_scenario(text, str(path))
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 1, "the file is not UTF-8 text"))
            continue
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        if scenario.id in ids:
            problems.append(
                Problem(
                    str(path),
                    _line_of(lines, ("id",)),
                    f"id '{scenario.id}' is already used by {ids[scenario.id]}",
                )
            )
        ids[scenario.id] = str(path)
        problems.extend(lint(scenario, lines, str(path)))
        problems.extend(run_golden(scenario, lines, str(path)))
        tests += len(scenario.tests)
    challenges = 0
    if (directory / "challenges").is_dir():
        found, challenge_problems = check_catalog(directory / "challenges")
        problems.extend(challenge_problems)
        challenges = len(found)
    errors = sum(1 for p in problems if p.severity == "error")
    summary = f"{len(files)} scenario files, {tests} golden tests, {challenges} challenges: " + (
        "all good" if not errors else f"{errors} errors"
    )
    return problems, summary
