"""The persona listens: topics of a turn, answers by topic, reactions to moves, no line twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.coach.topics import TOPICS, read
from bot.scenario import engine
from bot.scenario.loader import load_file
from bot.scenario.model import ANSWER_TOPICS

ROOT = Path(__file__).resolve().parents[1]
LISTENING = load_file(ROOT / "tests/fixtures/good/listening.yaml")


@pytest.mark.parametrize(
    ("text", "lang", "asked"),
    [
        ("Comment se passe une journée type ?", "fr", ("daily_work",)),
        ("comment ton équipe travaille avec les utilisateurs terrain", "fr", ("team",)),
        ("qu'est-ce qui a été le plus difficile quand vous avez démarré ?", "fr", ("challenges",)),
        ("Comment va l'équpe en ce moment ?", "fr", ("team",)),  # a typo
        ("quel conseil me donnerais tu", "fr", ("advice",)),  # no accent, no "?"
        (
            "Comment tu es arrivé chez Kargo ? Et ton équipe, elle est organisée comment ?",
            "fr",
            ("path", "team"),
        ),
        ("What does a typical day look like for you?", "en", ("daily_work",)),
        ("Who else should I talk to?", "en", ("contacts",)),
        ("How did you get into this and what do you enjoy most about it?", "en", ("path", "likes")),
        # a job request is about hiring, whatever else it names
        ("Any chance you could forward my CV to your recruiter?", "en", ("hiring",)),
        ("Tu pourrais faire passer mon CV à ta DRH ?", "fr", ("hiring",)),
        # the topic named just before the question, in the same sentence
        ("Votre exploitation, elle produit quoi exactement : lait, viande ?", "fr", ("company",)),
        ("Did you have a good weekend?", "en", ("small_talk",)),  # a question, not a goodbye
        ("How did you get through the drought last summer?", "en", ("challenges",)),
        ("Do I need a license to work in logistics?", "en", ("training",)),
        # what the question asks for outweighs what it names
        (
            "J'envisage d'ouvrir un food truck après ma formation, vous en pensez quoi ?",
            "fr",
            ("project_opinion",),
        ),
        ("Do you know any nurses working in private clinics who'd talk to me?", "en", ("contacts",)),
        ("What's the hardest thing about running a bus company?", "en", ("challenges",)),
        ("Pas trop dur de venir avec les grèves ?", "fr", ("small_talk",)),
        ("Faut-il savoir coder pour faire du support ?", "fr", ("skills",)),
        ("Je serais curieux de savoir où la coopérative vend son miel.", "fr", ("company",)),
        # why they left, where they are, what made them give up or nearly
        ("Pourquoi avoir lâché la banque pour ouvrir une boulangerie ?", "fr", ("path",)),
        ("What made you switch from teaching to UX?", "en", ("path",)),
        ("Vous êtes installés où exactement ?", "fr", ("company",)),
        ("Vous avez déjà eu envie de tout plaquer ?", "fr", ("challenges",)),
        ("Have you ever been close to throwing in the towel?", "en", ("challenges",)),
        ("Would it be a good idea to start with a short course?", "en", ("project_opinion",)),
        ("Who else do you reckon I should be talking to?", "en", ("contacts",)),
        ("Qui d'autre vous me conseilleriez d'appeler ?", "fr", ("contacts",)),
        ("Is it a daft idea to retrain at 50?", "en", ("project_opinion",)),
        ("Tu étais où avant d'arriver ici ?", "fr", ("path",)),
        ("Et toi ?", "fr", (None,)),
        ("Je suis commercial depuis quinze ans.", "fr", ()),
    ],
)
def test_the_topic_of_each_question_is_read(text, lang, asked):
    assert read(text, lang).asked == asked


def test_wrapping_up_is_read_but_is_not_a_question():
    analysis = read("Je ne vais pas vous retenir plus longtemps, merci beaucoup", "fr")
    assert "goodbye" in analysis.topics and analysis.asked == ()


def test_the_topic_list_is_documented_for_scenario_writers():
    readme = (ROOT / "scenarios/README.md").read_text(encoding="utf-8")
    for topic in ANSWER_TOPICS:
        assert f"| `{topic}` |" in readme
    assert set(ANSWER_TOPICS) | {"goodbye"} == set(TOPICS)


def test_score_prints_the_topics():
    line = json.dumps({"text": "Comment est organisée votre équipe ?", "lang": "fr"})
    out = subprocess.run(
        [sys.executable, "-m", "bot", "score"], input=line + "\n", capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out)["topics"] == ["team"]


def say(state, text, scenario=LISTENING):
    return engine.respond(scenario, state, read(text, scenario.language))


def test_a_question_is_answered_from_its_topic_then_the_beat_follows():
    state, _ = engine.start(LISTENING)
    state, turn = say(state, "Comment tu es arrivé là ?")
    assert turn.parts == ("topic.path.0", "work.0")
    assert (
        turn.text
        == "J'ai commencé comme technicien. D'ailleurs, mon souci du moment : personne pour tester l'appli."
    )
    state, turn = say(state, "Et avant ça, tu as toujours été chef de projet ?")
    assert turn.parts[0] == "topic.path.1"


def test_a_topic_without_answers_gets_a_deflection_never_an_unrelated_line():
    state, _ = engine.start(LISTENING)
    state, turn = say(state, "Comment voyez-vous évoluer le secteur ?")
    assert turn.parts[0] == "deflect.0"


def test_two_questions_first_answered_second_acknowledged_then_answered():
    state, _ = engine.start(LISTENING)
    state, turn = say(state, "Comment tu es arrivé là ? Et ton équipe, elle est comment ?")
    assert turn.parts[:2] == ("topic.path.0", "second_question.0")
    state, turn = say(state, "Je vois, c'est intéressant ce que tu racontes.")
    assert turn.parts[0] == "topic.team.0"


def test_a_job_request_gets_the_reaction_and_never_the_secret():
    state, _ = engine.start(LISTENING)
    state["vars"]["warmth"] = 5  # warm enough that a request for a contact would earn the secret
    state, turn = engine.reply(LISTENING, state, {"job_request", "asking", "closed_question"}, False)
    assert turn.parts == ("job_request.0",) and state["revealed"] == [] and state["vars"]["warmth"] == 4
    state, turn = engine.reply(LISTENING, state, {"job_request", "closed_question"}, False)
    assert turn.parts == ("job_request.1",)
    state, turn = engine.reply(LISTENING, state, {"job_request", "closed_question"}, False)
    assert turn.ending == "polite_goodbye"  # asked a third time: the persona has said its piece


@pytest.mark.parametrize("level", [1, 2, 3])
def test_without_a_written_reaction_job_requests_get_a_default_by_level(level):
    scenario = LISTENING.model_copy(
        update={"level": level, "reactions": LISTENING.reactions.model_copy(update={"job_request": None})}
    )
    state, _ = engine.start(scenario)
    state, turn = engine.reply(scenario, state, {"job_request", "closed_question"}, False)
    assert turn.parts[0] == "default.job_request.0"
    assert ("poste" in turn.text) and (turn.ending is not None) == (level == 3)


def test_an_offer_meeting_a_need_gets_its_reaction_and_the_gift_is_remembered():
    state, first = engine.start(LISTENING)
    state, turn = say(state, "Salut Paul, content de te revoir après tout ce temps.")
    assert state["gifts"] == ["Je connais des gens prêts à tester ton appli."]
    state, turn = say(state, "Si ça t'aide, je connais deux testeurs qui pourraient t'aider.")
    assert turn.parts[0] == "need.tests.0" and state["vars"]["warmth"] == 3


def test_a_plain_offer_is_acknowledged_and_the_persona_never_leaves_right_after_it():
    state, _ = engine.start(LISTENING)
    state, _ = say(state, "Bonjour Paul, je suis ravi de te voir.")
    # 'short' leads to the goodbye; with an offer, the persona thanks and stays one more turn.
    state, turn = engine.reply(LISTENING, state, {"giving"}, True, text="je t'envoie l'article")
    assert turn.parts == ("offer.0",) and not turn.ending and state["node"] == "work"
    state, turn = engine.reply(LISTENING, state, set(), True)
    assert turn.ending == "polite_goodbye"


def test_thanks_and_presumptions_are_acknowledged():
    state, _ = engine.start(LISTENING)
    state, turn = engine.reply(LISTENING, state, {"gratitude"}, False)
    assert turn.parts[0] == "thanks.0"
    state, turn = engine.reply(LISTENING, state, {"presumption"}, False)
    assert turn.parts[0] == "presumption.0"  # the branch of 'work' does not handle presumptions


def test_wrapping_up_leads_to_the_wrap_up_ending():
    state, _ = engine.start(LISTENING)
    state, turn = say(state, "Je ne vais pas te retenir plus longtemps, merci beaucoup !")
    assert turn.ending == "polite_goodbye" and turn.parts == ("bye.0",)


def test_no_line_twice_moves_on_then_wraps_up():
    state, _ = engine.start(LISTENING)
    seen: list[str] = []
    for _ in range(LISTENING.max_turns + 1):
        state, turn = engine.reply(LISTENING, state, set(), False)
        seen.extend(turn.parts)
        if turn.ending:
            break
    assert len(seen) == len(set(seen))
    assert "move_on.0" in seen and turn.ending == "polite_goodbye"


def test_a_question_is_answered_even_as_the_persona_says_goodbye():
    state, _ = engine.start(LISTENING)
    state, _ = say(state, "Salut Paul, content de te voir, ça fait longtemps.")
    state, turn = engine.reply(LISTENING, state, {"open_question"}, True, asked=["team"])
    assert turn.parts == ("topic.team.0", "bye.1") and turn.ending


def test_the_console_takes_commands_and_ignores_emoji(tmp_path):
    from io import StringIO

    from bot.console import play

    out = StringIO()
    play(LISTENING, "fr", StringIO("/help\n🙂\n/stats\n/inconnue\nComment tu es arrivé là ?\n/fin\n"), out)
    text = out.getvalue()
    assert "/language" in text  # the console's help
    assert "Emoji" in text or "emoji" in text
    assert "Telegram" in text and "/help" in text
    assert "J'ai commencé comme technicien." in text
    # the opening and one answer: the emoji and commands were not turns
    assert sum(1 for line in text.splitlines() if line.lstrip("> ").startswith("Paul")) == 2


def _check(tmp_path, text):
    from bot.scenario.check import check_dir

    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    problems, _summary = check_dir(tmp_path)
    return [str(p) for p in problems]


FIXTURE_TEXT = (ROOT / "tests/fixtures/good/listening.yaml").read_text(encoding="utf-8")


def test_check_passes_the_fixture(tmp_path):
    assert _check(tmp_path, FIXTURE_TEXT) == []


def test_check_reports_an_unknown_topic_with_its_line(tmp_path):
    problems = _check(tmp_path, FIXTURE_TEXT.replace('  team: "On est six', '  teams: "On est six'))
    line = FIXTURE_TEXT.splitlines().index('  team: "On est six dans l\'équipe."') + 1
    assert any(p.startswith(f"{tmp_path / 's.yaml'}:{line}:") and "teams" in p for p in problems), problems


def test_check_reports_an_empty_bank_and_a_repeated_line(tmp_path):
    text = FIXTURE_TEXT.replace('  thanks: ["Avec plaisir."]', "  thanks: []").replace(
        '"Aucune idée, franchement."', '"Et toi, tu cherches quoi ?"'
    )
    problems = _check(tmp_path, text)
    assert any("reactions.thanks: empty list of lines" in p for p in problems), problems
    assert any("same text as" in p and "deflections[0]" in p for p in problems), problems


def test_check_reports_a_need_no_node_raises_and_golden_expectations(tmp_path):
    problems = _check(tmp_path, FIXTURE_TEXT.replace("    raises: tests\n", ""))
    assert any("needs.tests: no node raises it" in p for p in problems), problems
    problems = _check(tmp_path, FIXTURE_TEXT.replace("expect: [topic.team]", "expect: [topic.path]"))
    assert any("answered with ['topic.team.0'" in p for p in problems), problems


def test_golden_replies_with_labels_keep_them_and_use_the_text_for_needs(tmp_path):
    text = FIXTURE_TEXT.replace(
        "path: [work, work]",
        "path: [work, work]\n  - name: an offer in words the scorer may not read\n    replies:\n"
        '      - {labels: [giving], text: "mes deux testeurs", expect: [need.tests]}',
    )
    assert _check(tmp_path, text) == []


def test_a_node_reached_only_by_the_job_reaction_is_not_unreachable(tmp_path):
    text = FIXTURE_TEXT.replace(
        "    effects: {warmth: -1}\n  offer:", "    effects: {warmth: -1}\n    goto: no_job\n  offer:"
    ).replace("nodes:\n", 'nodes:\n  no_job:\n    say: "Bon, on en reste là."\n    end: persona_closed\n', 1)
    assert _check(tmp_path, text) == []


def test_the_second_question_is_acknowledged_after_a_node_that_answers_the_first():
    scenario = LISTENING.model_copy(
        update={
            "nodes": {**LISTENING.nodes, "work": LISTENING.nodes["work"].model_copy(update={"topic": "path"})}
        }
    )
    state, _ = engine.start(scenario)
    state, turn = engine.reply(scenario, state, {"open_question"}, False, asked=["path", "team"])
    assert turn.parts == ("work.0", "second_question.0") and state["pending"] == "team"


@pytest.mark.parametrize(
    ("register", "example"), [("tu", "conseillerais-tu"), ("vous", "conseilleriez-vous")]
)
def test_the_study_tip_for_a_job_request_speaks_in_the_scenarios_register(register, example):
    from bot.i18n import translator
    from bot.rehearsal.handlers import study_tip

    tip = translator("fr")(study_tip(read("Vous recrutez en ce moment ?", "fr"), False, register))
    assert "poste" in tip and example in tip


LIBRARY = {
    path.stem: load_file(path)
    for path in sorted((ROOT / "scenarios").glob("*.yaml"))
    if path.stem != "challenges"
}
THANKS = {
    "fr": "Bonjour, merci beaucoup de prendre ce temps avec moi !",
    "en": "Hi, thanks so much for making the time!",
}
PRESENTS = {
    "fr": "J'ai été chef de rayon pendant douze ans et je me reconvertis.",
    "en": "I spent twelve years managing a warehouse and I'm changing careers.",
}


@pytest.mark.parametrize("scenario_id", [sid for sid, s in LIBRARY.items() if "presente_toi" in s.nodes])
def test_a_persona_sums_up_the_user_only_after_they_presented_themselves(scenario_id):
    scenario = LIBRARY[scenario_id]
    lang = scenario.language
    # thanks alone: the persona asks who the user is, instead of "so you want to change careers"
    state, _ = engine.start(scenario)
    state, _ = say(state, THANKS[lang], scenario)
    assert state["path"][-1] == "presente_toi"
    state, _ = say(state, PRESENTS[lang], scenario)
    summary = state["path"][-1]
    # a user who presents themselves at once gets the same summary, without the question
    direct, _ = engine.start(scenario)
    direct, _ = say(direct, PRESENTS[lang], scenario)
    assert direct["path"][-1] == summary != "presente_toi"


def _play_until_given(scenario, replies):
    """Play a golden conversation until the persona has given a contact."""
    state, _ = engine.start(scenario)
    for reply in replies:
        if state["vars"].get("given", 0) >= 1:
            break
        if isinstance(reply, str):
            state, _ = say(state, reply, scenario)
        else:
            state, _ = engine.reply(
                scenario, state, reply.labels, reply.short, asked=reply.asked, text=reply.text or ""
            )
    return state


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_once_a_contact_is_given_the_persona_never_refuses_names(scenario_id):
    scenario = LIBRARY[scenario_id]
    question = {
        "fr": "Vous connaîtriez d'autres personnes que je pourrais rencontrer ?",
        "en": "Do you know anyone else I could talk to?",
    }[scenario.language]
    refusals = {
        f"topic.contacts.{i}"
        for i, line in enumerate(scenario.topics["contacts"])
        if line.when is not None and "given == 0" in line.when
    }
    assert refusals, "the refusals wait until no contact was given"
    # a golden conversation that earns the contact, then one more question about people to meet
    golden = next(t for t in scenario.tests if t.reveals)
    state = _play_until_given(scenario, golden.replies)
    assert state["vars"]["given"] >= 1
    state, turn = say(state, question, scenario)
    # the answer written for a user who already has a name ("start with the one I gave you")
    assert turn is not None and "topic.contacts.0" in turn.parts and not refusals & set(turn.parts)


def test_a_reaction_to_an_offer_follows_the_beat_that_tells_the_need_it_presumes():
    scenario = LIBRARY["ancienne-collegue-banque"]
    state, _ = engine.start(scenario)
    for text in (
        "Je suis toujours aux sinistres, mais je voudrais bosser dans l'analyse de données.",
        "Et toi, qu'est-ce qui te plaît le plus dans ton poste ?",
    ):
        state, _ = say(state, text, scenario)
    assert "relances" not in state["raised"]
    offer = (
        "Je peux te filer les fichiers de sinistres que j'avais préparés, ça pourrait servir à ton équipe."
    )
    state, turn = say(state, offer, scenario)
    need = [i for i, part in enumerate(turn.parts) if part.startswith("need.relances")]
    beat = [i for i, part in enumerate(turn.parts) if part.startswith(state["node"] + ".")]
    assert "relances" in state["raised"] and need and beat and beat[0] < need[0]


def test_an_offer_put_as_a_question_is_met_as_an_offer_not_answered_from_a_topic():
    analysis = read(
        "Je connais un régleur cinq axes qui cherche à bouger, je peux lui parler de vous ?", "fr"
    )
    assert "giving" in analysis.labels and analysis.asked == (None,)


@pytest.mark.parametrize(
    ("offer", "someone"),
    [
        (
            "J'ai piloté une GMAO dans mon usine, si mon retour d'expérience peut vous servir je vous l'envoie.",
            False,
        ),
        (
            "Je connais un chef de chantier en rénovation qui cherche à changer, je peux lui parler de vous ?",
            True,
        ),
    ],
)
def test_a_persona_says_someone_who_knows_only_to_an_offer_of_someone(offer, someone):
    scenario = LIBRARY["directrice-dix-minutes"]
    state, _ = engine.start(scenario)
    state, _ = say(state, "Je suis ingénieure dans l'automobile depuis douze ans.", scenario)
    state, turn = say(state, offer, scenario)
    people = [p for p in turn.parts if p.startswith("need.")]
    assert people and all(
        (scenario.needs["chefs_projet"].say[int(p.rsplit(".", 1)[1])].when == "offers_someone") is someone
        for p in people
    )
