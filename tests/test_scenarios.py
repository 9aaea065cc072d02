"""Scenario files: loading, validation messages with file:line, lint, golden tests, the engine."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bot.coach.analysis import LABELS
from bot.scenario import engine
from bot.scenario.check import check_dir
from bot.scenario.expr import Condition, ExprError
from bot.scenario.loader import ScenarioError, load_dir, load_file
from bot.scenario.model import ANSWER_TOPICS

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


def test_condition_language():
    env = {"open_question": True, "warmth": 3, "turn": 2}
    assert Condition.parse("open_question and warmth >= 3").evaluate(env)
    assert not Condition.parse("asking or warmth < 3").evaluate(env)
    assert Condition.parse("not (asking and open_question) and turn == 2").evaluate(env)
    assert Condition.parse("open_question and not asking or warmth > 10").evaluate(env)
    assert Condition.parse("warmth >= 2 and (presumption or open_question)").names() == {
        "warmth",
        "presumption",
        "open_question",
    }


@pytest.mark.parametrize("source", ["", "warmth >=", "a and", "(a", "a b", "__import__('os')", "a; b", "1 +"])
def test_condition_refuses_what_is_not_the_language(source):
    with pytest.raises(ExprError):
        Condition.parse(source)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_file_is_refused_with_file_line_and_reason(path: Path):
    line, fragment = re.match(r"# expect (\d+): (.+)", path.read_text().splitlines()[0]).groups()
    problems, summary = check_dir_single(path)
    assert problems, f"{path.name} was accepted"
    rendered = [str(p) for p in problems]
    assert any(r.startswith(f"{path}:{line}:") and fragment in r for r in rendered), rendered
    assert "errors" in summary


def check_dir_single(path: Path):
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, Path(tmp) / path.name)
        problems, summary = check_dir(Path(tmp))
    # Report paths as the fixture's own for readable assertions.
    for p in problems:
        object.__setattr__(p, "file", str(path))
    return problems, summary


def test_loader_refuses_a_broken_folder_listing_every_file():
    with pytest.raises(ScenarioError) as exc:
        load_dir(FIXTURES / "broken")
    files = {p.file for p in exc.value.problems}
    assert len(files) >= 8


def test_shipped_library_passes_check():
    problems, summary = check_dir(SCENARIOS)
    assert problems == [], "\n".join(map(str, problems))
    assert "all good" in summary


def test_fixture_scenario_golden_tests_pass():
    problems, _ = check_dir(FIXTURES / "good")
    assert problems == []


def test_engine_opens_up_or_closes_on_what_the_user_does():
    scenario = load_file(FIXTURES / "good" / "mini.yaml")
    state, first = engine.start(scenario)
    assert first.text.startswith("Bonjour")
    state, turn = engine.reply(scenario, state, {"open_question"}, False)
    assert turn.node == "warm" and state["vars"]["warmth"] == 3
    assert turn.text.startswith("Avec plaisir")  # variant chosen by state
    state, turn = engine.reply(scenario, state, {"asking"}, False)
    assert turn.ending == "contact_obtained" and turn.revealed == "contact"
    assert state["revealed"] == ["contact"]
    # Once ended, further replies change nothing.
    assert engine.reply(scenario, state, {"open_question"}, False) == (state, None)

    state, _ = engine.start(scenario)
    state, turn = engine.reply(scenario, state, {"presumption"}, False)
    assert state["vars"]["warmth"] == 0
    state, turn = engine.reply(scenario, state, set(), True)
    assert turn.text == "Je n'ai pas beaucoup de temps."
    state, turn = engine.reply(scenario, state, set(), True)
    assert turn.ending == "persona_closed"


def test_engine_state_is_plain_json_and_max_turns_ends_it():
    import json

    scenario = load_file(FIXTURES / "good" / "mini.yaml")
    state, _ = engine.start(scenario)
    for _i in range(scenario.max_turns):
        state = json.loads(json.dumps(state))  # what the database stores and gives back
        state, turn = engine.reply(
            scenario, state, {"giving"} if state["node"] == "warm" else {"open_question"}, False
        )
        if turn.ending:
            break
    assert state["ending"] == "polite_goodbye"
    assert state["turn"] == scenario.max_turns


def test_random_walks_never_get_stuck_nor_repeat_a_line():
    rng = random.Random(7)
    scenarios = load_dir(SCENARIOS)
    topics = [*ANSWER_TOPICS, None]
    for scenario in scenarios.values():
        for _walk in range(200):
            state, first = engine.start(scenario)
            said = [first.text]
            for _turn in range(scenario.max_turns + engine.GRACE_TURNS + 1):
                labels = {label for label in LABELS if rng.random() < 0.25}
                asked = [rng.choice(topics) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
                state, turn = engine.reply(scenario, state, labels, rng.random() < 0.2, asked=asked)
                assert turn is not None and turn.text
                said.extend(turn.parts)
                if state["ending"]:
                    break
            assert state["ending"], f"{scenario.id} did not end within max_turns"
            repeated = {line for line in said if said.count(line) > 1}
            assert not repeated, (scenario.id, repeated)


def test_json_schema_is_up_to_date_and_accepts_the_library():
    import json

    import jsonschema
    import yaml

    from bot.scenario.schema import schema_text

    assert (SCENARIOS / "schema.json").read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m bot scenarios schema -o scenarios/schema.json"
    )
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for path in sorted(SCENARIOS.glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, [e.message for e in errors[:3]])
    broken = yaml.safe_load((FIXTURES / "broken" / "bad_level.yaml").read_text())
    assert list(validator.iter_errors(broken))


def test_graph_is_mermaid_with_every_node_and_branch():
    from bot.scenario.graph import mermaid

    scenario = load_file(FIXTURES / "good" / "mini.yaml")
    text = mermaid(scenario)
    assert text.startswith("flowchart TD")
    for node in scenario.nodes:
        assert f"n_{node}" in text
    edges = [line for line in text.splitlines() if "-->" in line]
    assert len(edges) == sum(len(n.next) for n in scenario.nodes.values())
    assert 'n_warm -->|"asking and warmth >= 3 · reveals contact"| n_contact' in text


def test_a_translated_scenario_speaks_the_users_language():
    scenario = load_file(FIXTURES / "good" / "mini.yaml")
    assert scenario.languages() == ["fr", "en"]
    state, first = engine.start(scenario, "en")
    assert first.text == "Hello, what can I do for you?" and state["lang"] == "en"
    state, turn = engine.reply(scenario, state, {"open_question"}, False)
    assert turn.text == "With pleasure! My job is people first."
    state, first = engine.start(scenario, "de")  # not a translation: the scenario's own language
    assert first.text.startswith("Bonjour") and state["lang"] == "fr"


def test_library_is_rich_enough():
    scenarios = load_dir(SCENARIOS)
    by_lang = {lang: [s for s in scenarios.values() if s.language == lang] for lang in ("fr", "en")}
    assert len(by_lang["fr"]) >= 8 and len(by_lang["en"]) >= 3
    assert len({s.persona.sector for s in scenarios.values()}) >= 6
    assert {s.level for s in scenarios.values()} == {1, 2, 3}
    for s in scenarios.values():
        endings = {n.end for n in s.nodes.values() if n.end}
        user_dependent = [
            b
            for n in s.nodes.values()
            for b in n.next
            if b.when and set(LABELS) & Condition.parse(b.when).names()
        ]
        assert len(s.nodes) >= 8 and len(user_dependent) >= 3 and len(endings) >= 2, s.id
        assert s.secrets, s.id
        # A golden path reveals the secret, another one makes the persona close.
        assert any(t.reveals for t in s.tests), s.id
        assert any(t.ending == "persona_closed" for t in s.tests), s.id


def test_the_readme_example_is_a_valid_scenario_whose_tests_pass():
    from bot.scenario.check import lint, run_golden
    from bot.scenario.loader import parse_scenario

    readme = (SCENARIOS / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(id: libraire-quartier.*?)```", readme, re.S)
    assert example is not None
    scenario, lines = parse_scenario(example.group(1), "README.md")
    assert scenario.topics and scenario.needs and scenario.reactions.job_request
    assert lint(scenario, lines, "README.md") == [] and run_golden(scenario, lines, "README.md") == []
