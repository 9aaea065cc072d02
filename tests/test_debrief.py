"""Debrief rules on labelled turns: quotes, credit, gloom, bare thanks, rewrites (issue 16, issue 18 part 7)."""

from __future__ import annotations

import pytest

from bot.coach.debrief import compute, shorten, speaks_about_self
from bot.coach.rewrite import Rewriter
from bot.coach.scorer import analyse
from bot.coach.style import is_personal
from bot.i18n import translator


def debrief(texts: list[str], lang: str = "fr", **kwargs):
    return compute([analyse(t, lang) for t in texts], gettext=translator(lang), **kwargs)


def test_shorten_cuts_at_a_word_boundary():
    text = "j'ai passé " + "beaucoup de temps à chercher " * 20
    short = shorten(text, 60)
    assert short.endswith("…") and len(short) <= 60
    assert text.startswith(short[:-1])
    assert text[len(short) - 1] == " "  # the cut falls between two words
    assert shorten("Court.", 60) == "Court."


def test_a_sentence_is_never_both_credited_and_flagged_for_the_same_key():
    d = debrief(["Tu peux me pistonner ?", "Salut, je suis comptable et je cherche à changer de métier."])
    dare = d.keys["dare"]
    assert [q.text for q in dare.missed] == ["Tu peux me pistonner ?"]
    assert not dare.earned


def test_each_sentence_quoted_at_most_once_per_key():
    texts = [
        "Je suis comptable depuis dix ans. Je cherche à rejoindre le secteur associatif, j'ai quitté mon poste en mars.",
        "Comment êtes-vous arrivée ici ?",
        "Qu'est-ce qui vous plaît ? Comment voyez-vous l'avenir ?",
        "Merci beaucoup pour votre temps, je vous tiens au courant.",
    ]
    d = debrief(texts)
    for result in d.keys.values():
        quotes = [(q.turn, q.text) for q in [*result.earned, *result.missed]]
        assert len(quotes) == len(set(quotes))
        for turn, text in quotes:
            assert not any(t == turn and text != other and text in other for t, other in quotes)


def test_requests_and_questions_are_not_credited_as_speaking_about_oneself():
    texts = [
        "Je cherche un poste de cadre de santé, est-ce que vous avez quelque chose pour moi ?",
        "Avant de parler de moi, je suis curieux : comment tu es arrivé dans la conformité ?",
        "Comment voyez-vous votre métier dans dix ans ?",
        "Merci beaucoup pour votre temps, je vous tiens au courant.",
    ]
    d = debrief(texts)
    assert d.keys["be_yourself"].earned == []


def test_gloomy_one_word_replies_count_against_enjoy():
    base = [
        "Je suis infirmière depuis douze ans et je veux évoluer.",
        "Comment êtes-vous arrivée à ce poste ?",
        "Qu'est-ce qui vous plaît le plus dans votre métier ?",
    ]
    plain = debrief([*base, "Je vois, merci pour ces explications."])
    gloomy = debrief([*base, "bof", "Rien."])
    assert gloomy.keys["enjoy"].score < plain.keys["enjoy"].score
    assert {q.text for q in gloomy.keys["enjoy"].missed} == {"bof", "Rien."}
    en = debrief(
        ["I've been a nurse for twelve years.", "How did you get here?", "What do you enjoy?", "meh"], "en"
    )
    assert [q.text for q in en.keys["enjoy"].missed] == ["meh"]


def test_a_bare_ok_merci_is_thanks_but_not_a_relationship_built():
    base = ["Je suis comptable depuis dix ans.", "Comment êtes-vous arrivée ici ?"]
    bare = debrief([*base, "ok merci"])
    full = debrief([*base, "Merci beaucoup pour vos conseils, je vous tiens au courant de mes rendez-vous."])
    assert bare.keys["long_term"].score == 40
    assert bare.keys["long_term"].missed[0].rule == "bare_thanks"
    assert full.keys["long_term"].score >= 85


def test_before_asking_means_before_the_first_request():
    texts = [
        "Je suis logisticien depuis dix ans.",
        "Comment êtes-vous arrivé à ce poste ?",
        "Vous pourriez me présenter à votre responsable ?",
        "Je peux vous envoyer l'étude sur les entrepôts que j'ai lue.",
        "Accepteriez-vous de relire mon CV ?",
    ]
    give = debrief(texts).keys["give_first"]
    assert [q.rule for q in give.earned] == ["giving_late"]


def test_two_sentences_never_get_the_same_rewrite():
    texts = [
        "Vous travaillez là depuis longtemps ?",
        "Vous êtes arrivée quand ?",
        "Vous aimez votre travail ?",
        "Vous faites des astreintes ?",
    ]
    d = debrief(texts)
    betters = [rw.better for rw in d.keys["take_interest"].rewrites]
    assert len(betters) == 2 and betters[0] != betters[1]


def test_presumption_rewrite_keeps_the_users_words_and_register():
    d = debrief(["Toi t'as bien réussi, la conformité ça paye bien j'imagine"], register="tu")
    better = d.keys["no_preconceptions"].rewrites[0].better
    assert "la conformité ça paye bien" in better and "j'imagine" not in better and better.endswith("?")


def test_english_ignores_the_register():
    d = debrief(["Do you like your job?"], "en", register="tu")
    assert d.keys["take_interest"].rewrites[0].better == "What do you enjoy most about your job?"


@pytest.mark.parametrize(
    ("text", "lang", "about_self"),
    [
        ("J'ai 45 ans et je veux changer de métier.", "fr", True),
        ("Merci de me recevoir, j'ai été chef de rayon douze ans.", "fr", True),
        ("Moi c'est Julie, je viens de la grande distribution.", "fr", True),
        ("My name's Tom, I used to run a warehouse.", "en", True),
        # courtesies, questions and presumptions say nothing of the user
        ("Bonjour, merci beaucoup de prendre ce temps avec moi !", "fr", False),
        ("Bonjour Sabine, ravi de vous rencontrer.", "fr", False),
        ("Je sais que vous êtes très occupée.", "fr", False),
        ("Hi! Thanks so much, really appreciate you taking the time.", "en", False),
        ("How did you get into this line of work?", "en", False),
    ],
)
def test_speaks_about_self(text, lang, about_self):
    assert speaks_about_self(analyse(text, lang)) is about_self


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ben je bosse toujours dans l'assurance, je pense à la tech.", "fr"),
        ("Moi c'est Julie, je viens de la grande distribution.", "fr"),
        ("I used to run a warehouse, now I'm in retail.", "en"),
    ],
)
def test_be_yourself_credits_plain_words_about_ones_path(text, lang):
    assert is_personal(text, lang)


def test_a_presumption_with_a_tag_is_corrected_once_not_as_a_closed_question():
    result = debrief(
        ["What does a typical week look like for you?", "You founders must work like crazy, right?"],
        lang="en",
    )
    by_key = result.keys
    assert [q.text for q in by_key["no_preconceptions"].missed] == [
        "You founders must work like crazy, right?"
    ]
    assert by_key["take_interest"].missed == []


@pytest.mark.parametrize(
    ("sentence", "lang", "keeps"),
    [
        (
            "I guess building societies are a bit old-fashioned compared to the big banks?",
            "en",
            "old-fashioned",
        ),
        ("Votre agence doit être super rentable, j'imagine", "fr", "agence"),
    ],
)
def test_a_presumption_is_rewritten_from_the_users_own_words_when_no_topic_fits(sentence, lang, keeps):
    rewrite = Rewriter(lang, translator(lang)).presumption(sentence)
    assert keeps in rewrite.better
