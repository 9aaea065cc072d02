"""Golden debriefs: real conversations through the real scorer, engine and debrief (as bot/console.py).

- On each of the 11 scenarios, an excellent conversation scores at least 15 points above an average one
  (tests/fixtures/debrief_golden.yaml).
- Job requests, late offers and rewrites in the scenario's register (tu/vous), on the debrief structure
  and on the rendered text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.coach.scorer import analyse
from bot.i18n import translator
from bot.rehearsal.service import debrief_for
from bot.render import debrief_text, why_text
from bot.scenario import engine
from bot.scenario.loader import load_dir

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = load_dir(ROOT / "scenarios")
GOLDEN = yaml.safe_load((ROOT / "tests/fixtures/debrief_golden.yaml").read_text(encoding="utf-8"))
# Scenarios held in "tu" (the persona asks for it in its first lines).
TU = {"ancienne-collegue-banque", "cafe-alumni-tech", "pair-ressourcerie"}


def play(scenario_id: str, texts: list[str], **state_extra):
    """Play the user's turns as the console does: stop after the user's last word once the persona ended."""
    scenario = SCENARIOS[scenario_id]
    state, _turn = engine.start(scenario)
    analyses = []
    for text in texts:
        analysis = analyse(text, state["lang"])
        analyses.append(analysis)
        if state.get("ending"):
            break
        state, _turn = engine.reply(scenario, state, analysis.labels, engine.is_short(text))
    state = {**state, **state_extra}
    return debrief_for(analyses, state, translator(state["lang"])), scenario, state


def test_every_scenario_has_golden_conversations():
    assert set(GOLDEN) == set(SCENARIOS)
    assert len(GOLDEN) == 11


@pytest.mark.parametrize("scenario_id", sorted(GOLDEN))
def test_excellent_scores_15_points_above_average(scenario_id: str):
    excellent, _, _ = play(scenario_id, GOLDEN[scenario_id]["excellent"])
    average, _, _ = play(scenario_id, GOLDEN[scenario_id]["average"])
    assert excellent.overall is not None and average.overall is not None
    assert excellent.overall >= average.overall + 15, (excellent.scores(), average.scores())
    # the excellent conversation shows every behaviour the keys reward
    assert excellent.keys["give_first"].earned and excellent.keys["dare"].earned
    assert not excellent.keys["dare"].missed


def test_job_request_is_the_named_mistake_under_dare_and_caps_the_overall_score():
    turns = [
        "Bonjour Madame, je suis technicien de maintenance depuis quinze ans et je veux me reconvertir.",
        "Vous recrutez en ce moment ?",
        "Comment êtes-vous arrivée à la DRH ?",
        "Qu'est-ce qui est le plus difficile pour vous en ce moment ?",
        "Comment voyez-vous l'avenir des métiers de l'usinage ?",
        "Merci beaucoup pour cet échange, je vous tiendrai au courant de mes démarches.",
    ]
    debrief, scenario, _ = play("drh-industrie", turns)
    dare = debrief.keys["dare"]
    assert dare.missed[0].rule == "job_request" and dare.missed[0].text == "Vous recrutez en ce moment ?"
    assert dare.rewrites and "?" in dare.rewrites[0].better and "poste" not in dare.rewrites[0].better
    assert debrief.cap == 60 and debrief.overall is not None and debrief.overall <= 60
    text = debrief_text(debrief, scenario, translator("fr"))
    assert "⚠️ «\u00a0Vous recrutez en ce moment ?\u00a0» — vous avez demandé un poste" in text
    # the same conversation asking for advice instead keeps a higher Dare
    advice = [
        *turns[:1],
        *turns[2:5],
        "Quel conseil me donneriez-vous pour entrer dans la formation technique ?",
        turns[5],
    ]
    better, _, _ = play("drh-industrie", advice)
    assert better.keys["dare"].score > dare.score
    assert better.overall > debrief.overall


def test_job_request_in_english_and_late_one_does_not_cap():
    turns = [
        "I spent fifteen years in retail banking operations and I'd like to move into branch leadership.",
        "How did you come to run the branch network?",
        "What's the biggest challenge with the branch closures right now?",
        "How do you see branches changing over the next few years?",
        "Could you pass my CV on to your HR team?",
        "Thank you so much for your time, I'll keep you posted.",
    ]
    debrief, scenario, _ = play("uk-building-society", turns)
    dare = debrief.keys["dare"]
    assert [q.rule for q in dare.missed] == ["job_request"] and not dare.earned
    assert dare.score is not None and dare.score < 55
    assert debrief.cap is None
    assert "you asked for a job" in debrief_text(debrief, scenario, translator("en"))


def test_late_offer_is_not_praised_as_before_asking():
    turns = [
        "Bonjour Madame Morel, j'ai été quinze ans technicien de maintenance dans l'automobile.",
        "Comment faites-vous pour former les régleurs que vous n'arrivez pas à recruter ?",
        "Auriez-vous une ou deux personnes que je pourrais contacter de votre part ?",
        "Si cela peut vous aider, je peux vous mettre en relation avec le responsable des formations de l'AFPA.",
        "Merci beaucoup pour cet échange, je vous tiens au courant.",
    ]
    debrief, _, _ = play("drh-industrie", turns)
    give = debrief.keys["give_first"]
    assert [q.rule for q in give.earned] == ["giving_late"]
    assert [q.rule for q in give.missed] == ["ask_before_giving"]
    assert give.score == 70


@pytest.mark.parametrize("scenario_id", sorted(TU))
def test_rewrites_follow_the_tutoiement(scenario_id: str):
    turns = [
        "Salut, je suis dans la logistique depuis dix ans et je cherche à changer.",
        "Tu travailles là depuis longtemps ?",
        "Vous êtes combien dans l'équipe ?",
        "Tu dois être débordé en ce moment.",
        "Tu fais des astreintes le week-end ?",
    ]
    debrief, _, _ = play(scenario_id, turns, register="tu")
    rewrites = [
        rw.better
        for key in ("take_interest", "no_preconceptions", "give_first", "dare", "long_term")
        for rw in debrief.keys[key].rewrites
    ]
    assert rewrites
    for better in rewrites:
        words = set(better.replace("?", " ").replace(",", " ").lower().split())
        assert not words & {"vous", "votre", "vos"}, better
    # two different sentences never get the same suggestion
    assert len(rewrites) == len(set(rewrites))


def test_vous_register_by_default_and_gifts_from_the_conversation():
    turns = [
        "Bonjour Madame, je suis infirmière depuis douze ans et je prépare le concours de cadre.",
        "Comment êtes-vous arrivée à ce poste ?",
        "Qu'est-ce qui vous occupe le plus en ce moment ?",
        "Comment voyez-vous le métier évoluer ?",
        "Merci beaucoup pour votre temps, je vous tiendrai au courant.",
    ]
    plain, _, _ = play("cadre-sante-recommandation", turns)
    assert "vous" in plain.keys["give_first"].rewrites[0].better
    gift = "Je peux vous envoyer la liste des IFSI qui cherchent des tutrices de stage."
    tied, _, _ = play("cadre-sante-recommandation", turns, gifts=[gift])
    assert tied.keys["give_first"].rewrites[0].better == gift


def test_why_always_ends_with_what_would_score_higher():
    debrief, _, _ = play("cafe-alumni-tech", GOLDEN["cafe-alumni-tech"]["average"])
    _ = translator("fr")
    for key in debrief.keys:
        last = why_text(debrief, key, _).splitlines()[-1]
        assert last.startswith("Pour faire mieux") or last.startswith("Score maximal"), (key, last)
