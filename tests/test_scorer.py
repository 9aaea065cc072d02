"""Behaviour of the message scorer (bot.coach.scorer): one phenomenon per test, messages written here.

dev.csv figures are the bench's job (bench/eval_scorer.py); these tests pin the linguistic rules,
in particular every borderline decision of shared/scoring/LABELS.md.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.coach.analysis import LABELS, Analysis
from bot.coach.scorer import analyse

OPEN, CLOSED, GIVING, ASKING, GRATITUDE, PRESUMPTION, JOB_REQUEST = LABELS


def labels(text: str, lang: str = "fr") -> frozenset[str]:
    return analyse(text, lang).labels


def check(text: str, lang: str, expected: set[str]) -> None:
    got = labels(text, lang)
    assert got == frozenset(expected), f"{text!r}: got {sorted(got)}, expected {sorted(expected)}"


# --- French questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inversion
        ("Travaillez-vous encore avec l'équipe de Nantes ?", {CLOSED}),
        ("Votre service va-t-il s'agrandir cette année ?", {CLOSED}),
        # est-ce que
        ("Est-ce que vous avez des stagiaires en ce moment ?", {CLOSED}),
        ("est ce que vous faites beaucoup de déplacements", {CLOSED}),
        # intonation only, no "?"
        ("vous travaillez dans quel service", {CLOSED}),
        ("ca fait longtemps que tu es chez eux", {CLOSED}),
        ("vous faites du télétravail", {CLOSED}),
        # tags
        ("Vous êtes basée à Bordeaux, non ?", {CLOSED}),
        ("vous etes a bordeaux non", {CLOSED}),
        # single fact
        ("Combien de clients suivez-vous ?", {CLOSED}),
        ("Quand avez-vous créé le cabinet ?", {CLOSED}),
        ("Où se trouvent vos bureaux ?", {CLOSED}),
        ("Quelle est la taille de votre service ?", {CLOSED}),
        ("C'est à Toulouse ?", {CLOSED}),
        # open wh-questions
        ("Comment avez-vous trouvé votre premier client ?", {OPEN}),
        ("Pourquoi avoir quitté la finance ?", {OPEN}),
        ("Qu'est-ce qui vous motive dans ce poste ?", {OPEN}),
        ("En quoi votre rôle a-t-il évolué ?", {OPEN}),
        ("Quels sont les défis de votre équipe cette année ?", {OPEN}),
        ("c'est quoi le meilleur moment de ta semaine", {OPEN}),
        ("comment tu t'es formée au design", {OPEN}),
        # indirect
        ("Je me demandais comment vous gériez une équipe à distance.", {OPEN}),
        ("Je me demandais si vous preniez des alternants.", {CLOSED}),
        ("J'aimerais comprendre comment se passe un audit chez vous.", {OPEN}),
        # imperative invitations, no "?"
        ("Racontez-moi votre arrivée dans l'entreprise.", {OPEN}),
        ("Parlez-moi de vos projets pour l'an prochain.", {OPEN}),
        ("racontez moi un peu comment ça se passe", {OPEN}),
        # two questions in one message
        ("Vous êtes combien dans l'équipe ? Et comment vous vous organisez ?", {OPEN, CLOSED}),
        ("Comment êtes-vous arrivé là, et est-ce que vous le referiez ?", {OPEN, CLOSED}),
    ],
)
def test_french_questions(text: str, expected: set[str]) -> None:
    check(text, "fr", expected)


@pytest.mark.parametrize(
    "text",
    [
        "Par où commencer ? J'ai tellement changé de poste.",  # rhetorical, about oneself
        "Bon, que dire de plus…",
        "Votre présentation au salon était passionnante.",
        "Je ne sais pas si vous recrutez, ce n'est pas le sujet.",
        "ah oui je vois ce que vous voulez dire",
        "Je ne vais pas vous retenir plus longtemps, rassurez-vous.",
        "On a pris rendez-vous pour jeudi.",
    ],
)
def test_french_statements_are_not_questions(text: str) -> None:
    got = labels(text)
    assert OPEN not in got and CLOSED not in got, (text, got)


def test_presumptive_vous_statement_is_not_a_question() -> None:
    check("vous devez être débordée en ce moment", "fr", {PRESUMPTION})


# --- asking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pourriez-vous me présenter à votre responsable marketing ?", {ASKING, CLOSED}),
        ("Accepteriez-vous de relire mon CV avant vendredi ?", {ASKING, CLOSED}),
        ("Puis-je vous recontacter après ma formation ?", {ASKING, CLOSED}),
        ("Est-ce que je pourrais citer votre nom dans ma lettre ?", {ASKING, CLOSED}),
        ("Auriez-vous une ou deux personnes que je pourrais contacter de votre part ?", {ASKING, CLOSED}),
        ("Est-ce que vous connaîtriez quelqu'un chez un équipementier ?", {ASKING, CLOSED}),
        ("tu connais qqn chez airbus", {ASKING, CLOSED}),
        ("vous auriez un contact à la métropole svp", {ASKING, CLOSED}),
        ("envoie moi son numero stp", {ASKING}),
        ("Je vous serais reconnaissante de transmettre ma candidature à votre DRH.", {ASKING, JOB_REQUEST}),
        ("J'aimerais beaucoup que vous regardiez ma lettre de motivation.", {ASKING}),
        ("On se refait un café le mois prochain ?", {ASKING, CLOSED}),
        # advice: asking + open
        ("Quel conseil donneriez-vous à quelqu'un qui débute ?", {ASKING, OPEN}),
        ("Que me conseilleriez-vous pour mon premier salon ?", {ASKING, OPEN}),
    ],
)
def test_french_asking(text: str, expected: set[str]) -> None:
    check(text, "fr", expected)


def test_vague_wish_is_not_asking() -> None:
    check("J'aimerais bien travailler dans l'aéronautique un jour.", "fr", set())


def test_borderline_hypothetical_advice_is_asking_and_open() -> None:
    # LABELS.md: "Si vous étiez à ma place, par où commenceriez-vous ?" is asking + open_question
    check("Si vous étiez à ma place, qu'est-ce que vous feriez en premier ?", "fr", {ASKING, OPEN})
    check("À ma place, vous commenceriez par quoi ?", "fr", {ASKING, OPEN})


def test_borderline_negated_request_is_not_asking() -> None:
    # LABELS.md: saying one will not ask is not asking
    check("Je ne vais pas vous demander de me recommander, promis.", "fr", set())
    check("I'm not going to ask you to introduce me, don't worry.", "en", set())


def test_borderline_polite_request_to_tell_is_open_only() -> None:
    # LABELS.md: "Pourriez-vous me raconter …" / "vous pouvez m'expliquer …" is open_question only
    check("Pourriez-vous me raconter comment s'est passée votre reconversion ?", "fr", {OPEN})
    check("vous pouvez m'expliquer en deux mots ce que fait un PMO", "fr", {OPEN})


def test_borderline_conditional_fact_question_is_closed_only() -> None:
    # LABELS.md: "Pourriez-vous me dire combien de personnes… ?" is closed_question only
    check("Pourriez-vous me dire combien de temps dure l'intégration ?", "fr", {CLOSED})


def test_borderline_sending_cv_for_review_is_asking_not_giving() -> None:
    # LABELS.md: "Est-ce que je pourrais vous envoyer mon CV pour avoir votre avis ?"
    check("Est-ce que je peux vous envoyer mon CV pour avoir votre avis ?", "fr", {ASKING, CLOSED})
    check("Can I send you my CV to get your feedback?", "en", {ASKING, CLOSED})


def test_borderline_offer_as_question_is_giving_and_closed() -> None:
    # LABELS.md: "Voulez-vous que je vous transmette l'étude ?" is giving + closed_question
    check("Voulez-vous que je vous envoie le compte rendu de l'atelier ?", "fr", {GIVING, CLOSED})
    check("Would you like me to send you the slides?", "en", {GIVING, CLOSED})


def test_borderline_promising_news_is_gratitude_not_giving() -> None:
    # LABELS.md: "Je vous envoie un message dès que j'ai des nouvelles" is gratitude
    check("Je vous envoie un petit mot dès que j'ai eu le recruteur.", "fr", {GRATITUDE})
    check("I'll drop you a message once I hear back.", "en", {GRATITUDE})


def test_borderline_know_someone_request_is_asking_and_closed() -> None:
    # LABELS.md: "Est-ce que vous connaîtriez quelqu'un chez Airbus ?" is asking + closed
    check("Connaîtriez-vous quelqu'un dans une agence de voyage ?", "fr", {ASKING, CLOSED})


def test_borderline_advice_question_is_asking_and_open() -> None:
    # LABELS.md: "Quel conseil me donneriez-vous ?" is asking + open
    check("Quels conseils me donneriez-vous pour négocier mon salaire ?", "fr", {ASKING, OPEN})


def test_borderline_asked_for_opinion_is_not_presumption() -> None:
    # LABELS.md: an opinion that is asked for is not a presumption
    check(
        "Vous me demandez ce que j'en pense : je crois que les grands groupes ne recrutent que des juniors.",
        "fr",
        set(),
    )
    check("You asked what I think: I guess big firms only hire juniors.", "en", set())


def test_info_seeking_is_not_asking() -> None:
    check("Qu'est-ce qui vous plaît le plus dans le conseil ?", "fr", {OPEN})
    check("Quel logiciel utilisez-vous pour la paie ?", "fr", {CLOSED})


# --- giving ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je peux vous envoyer le guide que j'ai rédigé sur le sujet.", {GIVING}),
        ("Si ça peut vous servir, j'ai une liste de fournisseurs locaux.", {GIVING}),
        ("si ca peut t'aider je connais bien le quartier", {GIVING}),
        ("Je vous transmets le lien vers le webinaire, il devrait vous plaire.", {GIVING}),
        ("J'ai un ami qui cherche une agence comme la vôtre, je peux vous mettre en relation.", {GIVING}),
        ("je te passe le contact de ma cousine, elle bosse dans la cyber", {GIVING}),
    ],
)
def test_french_giving(text: str, expected: set[str]) -> None:
    check(text, "fr", expected)


def test_talking_about_oneself_is_not_giving() -> None:
    check("Je suis comptable depuis douze ans et je me forme au contrôle de gestion.", "fr", set())


def test_negated_offer_is_not_giving() -> None:
    check("Je ne peux pas vous envoyer ce document, il est confidentiel.", "fr", set())


# --- gratitude -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Merci beaucoup pour cet échange !",
        "merci bcp",
        "Je vous remercie pour vos conseils.",
        "Je vous tiendrai au courant de la suite.",
        "Je reviendrai vers vous après mon entretien.",
        "je te redis après mon rdv",
        "Je vous donne des nouvelles la semaine prochaine.",
    ],
)
def test_french_gratitude(text: str) -> None:
    check(text, "fr", {GRATITUDE})


@pytest.mark.parametrize("text", ["ok", "ok ça marche", "d'accord", "Pas besoin de me remercier !"])
def test_bare_ok_is_not_gratitude(text: str) -> None:
    assert GRATITUDE not in labels(text)


# --- presumption -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vous devez être débordé avec la rentrée.",
        "vous devez en recevoir, des messages comme ça",
        "Je sais que vous n'embauchez pas cette année.",
        "De toute façon les RH ne regardent que les diplômes.",
        "de toute facon les recruteurs jettent les CV atypiques",
        "Je me doute que ma candidature ne vous intéressera pas.",
        "Ça doit être épuisant de gérer autant de projets.",
        "Les grands groupes ne recrutent que des profils classiques, c'est bien connu.",
        "Vous n'aurez sûrement rien pour moi.",
    ],
)
def test_french_presumption(text: str) -> None:
    assert PRESUMPTION in labels(text), text


def test_fact_already_said_is_not_presumption() -> None:
    check("Comme vous me l'avez dit, le service ne recrute pas avant l'été, je comprends.", "fr", set())


def test_presumption_then_question() -> None:
    check(
        "Vous devez être très prise, mais accepteriez-vous un café rapide ?",
        "fr",
        {PRESUMPTION, ASKING, CLOSED},
    )


# --- casual style ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vous bossez ou", {CLOSED}),
        ("vs bossez ou maintenant", {CLOSED}),
        ("tu connais qqn chez thales", {CLOSED, ASKING}),
        ("c quoi ton job exactement", {OPEN}),
        ("merci !! je te tiens au jus", {GRATITUDE}),
        ("VOUS TRAVAILLEZ DEPUIS COMBIEN DE TEMPS LA-BAS", {CLOSED}),
        ("Qu\u2019est\u2011ce qui vous plaît\u00a0?", {OPEN}),
    ],
)
def test_casual_style(text: str, expected: set[str]) -> None:
    check(text, "fr", expected)


# --- English ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How did you move from sales into product?", {OPEN}),
        ("What do you like most about the job?", {OPEN}),
        ("Tell me about your first year there.", {OPEN}),
        ("I'd love to understand how your team prioritises projects.", {OPEN}),
        ("Do you work with external recruiters?", {CLOSED}),
        ("how many ppl in ur team", {CLOSED}),
        ("is it a hybrid role", {CLOSED}),
        ("When did you join?", {CLOSED}),
        ("You're based in Leeds, right?", {CLOSED}),
        ("I was wondering if you take interns.", {CLOSED}),
        ("Could you tell me how you got the role?", {OPEN}),
        ("Could you tell me how many people are on the team?", {CLOSED}),
        ("Could you introduce me to your CTO?", {ASKING, CLOSED}),
        ("Would you be open to a quick call next week?", {ASKING, CLOSED}),
        ("Do you know anyone at Rolls-Royce I could talk to?", {ASKING, CLOSED}),
        ("What advice would you give someone switching to UX?", {ASKING, OPEN}),
        ("If you were in my shoes, how would you approach them?", {ASKING, OPEN}),
        ("please send me his email when u can", {ASKING}),
        ("Happy to send you the report on the conference.", {GIVING}),
        ("Here's the link to the article I mentioned.", {GIVING}),
        ("btw there's a meetup on this next week, might be handy for your team", {GIVING}),
        ("Thanks so much for your time!", {GRATITUDE}),
        ("I'll keep you posted.", {GRATITUDE}),
        ("ok sounds good", set()),
        ("You must be swamped right now.", {PRESUMPTION}),
        ("I know you're not hiring at the moment.", {PRESUMPTION}),
        ("Recruiters never read cover letters anyway.", {PRESUMPTION}),
        ("I've been an accountant for ten years.", set()),
        ("As you said, the team is frozen until spring, I understand.", set()),
    ],
)
def test_english(text: str, expected: set[str]) -> None:
    check(text, "en", expected)


# --- spans -----------------------------------------------------------------------------------------


def test_spans_point_at_the_evidence() -> None:
    text = "Merci pour votre temps ! Vous devez être débordée. Pourriez-vous me présenter à Julie ?"
    a = analyse(text, "fr")
    assert a.labels == {GRATITUDE, PRESUMPTION, ASKING, CLOSED}
    assert [s.text for s in a.evidence[GRATITUDE]] == ["Merci pour votre temps"]
    assert [s.text for s in a.evidence[PRESUMPTION]] == ["Vous devez être débordée"]
    assert a.evidence[CLOSED][0].text == "Pourriez-vous me présenter à Julie ?"
    for spans in a.evidence.values():
        for s in spans:
            assert text[s.start : s.end] == s.text


def test_spans_survive_accent_and_ligature_normalisation() -> None:
    text = "Œuvre\u0301  collective\u2026 Qu\u2019est-ce qui vous a fait choisir ce cœur de métier ?"
    a = analyse(text, "fr")
    (span,) = a.evidence[OPEN]
    assert span.text == text[span.start : span.end]
    assert span.text.startswith("Qu\u2019est-ce") and span.text.endswith("?")


def test_result_contract() -> None:
    a = analyse("Merci !", "fr")
    assert isinstance(a, Analysis)
    assert a.text == "Merci !" and a.lang == "fr"
    assert a.to_json()["labels"] == {label: label == GRATITUDE for label in LABELS}


def test_empty_and_unknown_language() -> None:
    assert analyse("", "fr").labels == frozenset()
    assert analyse("   \n ", "en").labels == frozenset()
    assert analyse("Merci !", "de").labels == {GRATITUDE}


# --- properties ------------------------------------------------------------------------------------


def _check_spans(text: str, lang: str) -> None:
    a = analyse(text, lang)
    assert set(a.evidence) <= set(LABELS)
    for spans in a.evidence.values():
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
            assert text[s.start : s.end] == s.text


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=400), lang=st.sampled_from(["fr", "en"]))
def test_never_raises_and_spans_are_valid(text: str, lang: str) -> None:
    _check_spans(text, lang)


_PIECES = st.sampled_from(
    [
        "vous",
        "tu",
        "merci",
        "est-ce que",
        "qu'est-ce",
        "comment",
        "?",
        "!",
        ".",
        ",",
        " ",
        "\n",
        "é",
        "\u0301",
        "’",
        "œ",
        "🙏",
        "pourriez-vous",
        "je peux vous envoyer",
        "de toute façon",
        "you must",
        "could you",
        "thanks",
        "I know",
        "ne",
        "pas",
        "\u00a0",
        "…",
        "İ",
        "ß",
        "ﬁ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(_PIECES, max_size=60), lang=st.sampled_from(["fr", "en"]))
def test_word_soup_never_raises_and_spans_are_valid(parts: list[str], lang: str) -> None:
    _check_spans(" ".join(parts), lang)
    _check_spans("".join(parts), lang)


# --- generalisation by phenomenon (messages written for these tests, not taken from any CSV) ------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # conditional / indirect requests, no "?"
        ("ça vous gênerait de transmettre mon profil à votre RH", "fr", {CLOSED, ASKING, JOB_REQUEST}),
        ("vous auriez la gentillesse de me présenter à votre associée", "fr", {CLOSED, ASKING}),
        ("tu serais ok pour me présenter à ton manager", "fr", {CLOSED, ASKING}),
        ("je voulais savoir si vous accepteriez de me recommander", "fr", {CLOSED, ASKING}),
        ("serait-il possible de vous appeler vendredi ?", "fr", {CLOSED, ASKING}),
        ("je me permets de vous solliciter pour un avis sur mon projet", "fr", {ASKING}),
        ("je serais preneuse de vos contacts dans la cosmétique", "fr", {ASKING}),
        ("si vous entendez parler d'un poste en logistique, pensez à moi", "fr", {ASKING, JOB_REQUEST}),
        # advice
        ("à ma place vous commenceriez par quoi", "fr", {OPEN, ASKING}),
        ("tu penses que je devrais refaire mon CV", "fr", {CLOSED, ASKING}),
        ("vous me verriez plutôt chez un éditeur ou en ESN", "fr", {CLOSED, ASKING}),
        # next meeting, with the question in the last comma chunk
        ("désolée pour le délai, vous auriez un moment pour un café", "fr", {CLOSED, ASKING}),
        ("ce serait chouette qu'on se revoie après l'été", "fr", {ASKING}),
        ("j'aimerais beaucoup échanger avec vous sur votre métier", "fr", {ASKING}),
        # review of one's own material
        ("je vous envoie mon portfolio et vous me direz ce que vous en pensez", "fr", {ASKING}),
        # English
        ("would you mind passing my CV to your team lead", "en", {CLOSED, ASKING, JOB_REQUEST}),
        ("any chance you could introduce me to your CFO", "en", {CLOSED, ASKING}),
        ("do you think I should apply now or wait for the spring", "en", {CLOSED, ASKING}),
        ("mind if I mention your name to her", "en", {CLOSED, ASKING}),
        ("let's grab a coffee when you're back", "en", {ASKING}),
        ("if anything comes up in logistics, keep me in mind", "en", {ASKING, JOB_REQUEST}),
        ("I could share my resume so you can tell me what to fix", "en", {ASKING}),
    ],
)
def test_asking_in_many_forms(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("j'aimerais tellement bosser dans le luxe un jour", "fr", set()),
        ("je ne vais pas vous demander de me pistonner, rassurez-vous", "fr", set()),
        ("je ne veux pas vous demander de relire mon CV, rassurez vous", "fr", set()),
        ("vous travaillez avec quels outils au quotidien", "fr", {CLOSED}),
        ("pourriez-vous me dire combien de chefs de projet vous êtes ?", "fr", {CLOSED}),
        ("dites-moi si je peux vous aider pour le forum", "fr", {GIVING}),
        ("I won't ask you for a referral, promise", "en", set()),
        ("I'd love to end up in a team like yours someday", "en", set()),
        ("what's the team focusing on this quarter", "en", {OPEN}),
    ],
)
def test_not_asking(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("je vous fais suivre l'invitation au forum des métiers", "fr"),
        ("je vous laisse le lien vers le replay", "fr"),
        ("je peux relayer votre offre auprès de mon ancienne promo", "fr"),
        ("il y a un forum à Lille en juin qui pourrait vous intéresser", "fr"),
        ("mon frère est dev freelance, ça peut te faire un bon contact", "fr"),
        ("je vous recommande vivement le podcast de Matthieu Stefani", "fr"),
        ("si votre équipe a besoin d'un coup de main pour le salon je suis là", "fr"),
        ("je peux me renseigner pour vous auprès de mon ancien collègue", "fr"),
        ("je leur ai transmis vos coordonnées", "fr"),
        ("I'll forward you the invite", "en"),
        ("happy to intro you to the organiser", "en"),
        ("thought you might like this article on supply chains", "en"),
        ("I'll keep an eye out for candidates for you", "en"),
        ("sending over the notes from the panel", "en"),
    ],
)
def test_giving_in_many_forms(text: str, lang: str) -> None:
    assert GIVING in labels(text, lang), text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("je vous transmets mon CV en pièce jointe", "fr"),
        ("je vous laisse travailler, bonne journée", "fr"),
        ("si vous avez besoin d'informations complémentaires sur mon parcours, n'hésitez pas", "fr"),
        ("je vais passer le concours en juin", "fr"),
        ("je peux citer votre nom ?", "fr"),
        ("je vous envoie un message après mon entretien", "fr"),
        ("if you need anything else from me, just ask", "en"),
        ("I'll text you once I hear back", "en"),
        ("I've been a teacher for ten years", "en"),
    ],
)
def test_not_giving(text: str, lang: str) -> None:
    assert GIVING not in labels(text, lang), text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("vous m'avez vraiment aidée", "fr"),
        ("grâce à vous j'ai enfin une piste", "fr"),
        ("je vous préviens dès que j'ai une réponse", "fr"),
        ("you've been super helpful", "en"),
        ("really appreciate your time", "en"),
        ("I'll ping you once I've spoken to Tom", "en"),
    ],
)
def test_gratitude_in_other_words(text: str, lang: str) -> None:
    assert labels(text, lang) == frozenset({GRATITUDE}), text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("vous avez été super patient avec moi merci", "fr", {GRATITUDE}),
        ("dsl je reviens vers vous tard, vous êtes toujours dispo jeudi", "fr", {CLOSED, ASKING}),
        ("I'd be really grateful for any advice on pricing", "en", {ASKING}),
    ],
)
def test_thanks_and_requests_are_not_confused(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # hedges about one's own request are not presumptions
        (
            "je sais que c'est beaucoup demander, mais pourriez-vous relire ma lettre ?",
            "fr",
            {CLOSED, ASKING},
        ),
        ("je sais que c'est un peu culotté", "fr", set()),
        ("je sais que je vous pose plein de questions", "fr", set()),
        ("I guess I'm rambling a bit, sorry", "en", set()),
        ("I know it's short notice", "en", set()),
        ("I guess not", "en", set()),
        # generic statements that are not ideas about them
        ("les gens que j'ai croisés au salon étaient adorables", "fr", set()),
        ("the people on the panel were all really open", "en", set()),
        # presumptions
        ("votre agence doit avoir plein de candidatures", "fr", {PRESUMPTION}),
        ("je suppose que vous ne prenez pas d'alternants", "fr", {PRESUMPTION}),
        ("I know you don't hire juniors", "en", {PRESUMPTION}),
        ("your boss must be thrilled with the launch", "en", {PRESUMPTION}),
    ],
)
def test_presumption_versus_hedges(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Bonjour M. Leroy, vous connaissez Mme. Faure", "fr", {CLOSED}),
        ("Pourriez-vous me présenter à M. Leroy ?", "fr", {CLOSED, ASKING}),
        ("j'ai lu https://www.example.fr/article?id=3. vous pouvez m'en dire plus", "fr", {OPEN}),
        ("Hi Dr. Chen, could you introduce me to Ms. Ortiz?", "en", {CLOSED, ASKING}),
        ("you must be swamped, do you know anyone at Orange", "en", {CLOSED, ASKING, PRESUMPTION}),
    ],
)
def test_segmentation_titles_urls_and_tail_questions(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


# --- offer and request frames (scorer_fr / scorer_en: OFFER_FRAMES, REQUEST_FRAMES_*) ---------------
# An offer = first-person offer modal + (adverbs) + beneficiary + transfer/help verb, or the modal + a verb acting
# on *their* things, or an impersonal value statement aimed at them. Messages written here, not from any CSV.


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # subject + modal + adverbs + beneficiary (+ object clitic) + transfer verb
        ("je peux volontiers vous la présenter, elle est adorable", "fr", {GIVING}),
        ("jpeux te le refiler si tu veux, c'est le 06 de mon ancien boss", "fr", {GIVING}),
        ("je me ferais une joie de vous coacher avant le jury", "fr", {GIVING}),
        ("je suis tout à fait prête à vous aider sur le recrutement", "fr", {GIVING}),
        ("je vais vous le faire suivre dans la soirée", "fr", {GIVING}),
        # modal + a verb acting on their things
        ("je pourrais jeter un œil à votre grille d'entretien si vous voulez", "fr", {GIVING}),
        ("I'd be delighted to proofread your grant application", "en", {GIVING}),
        ("i could totally sanity check your pricing page", "en", {GIVING}),
        # present tense with the beneficiary; offer phrased as a question
        ("jte donne son mail, il est hyper sympa", "fr", {GIVING}),
        ("je vous la fais parvenir ?", "fr", {GIVING, CLOSED}),
        ("tu veux que je demande à ma cousine ?", "fr", {GIVING, CLOSED}),
        ("want me to put you forward for the panel?", "en", {GIVING, CLOSED}),
        # impersonal value aimed at them
        ("le meetup de jeudi pourrait valoir le coup pour votre équipe", "fr", {GIVING}),
        ("la formation de l'Afpa pourrait être top pour ton stagiaire", "fr", {GIVING}),
        ("that newsletter is worth a read if you're hiring juniors", "en", {GIVING}),
        ("the Leeds meetup might be handy for your recruiters", "en", {GIVING}),
        ("saw a talk on hybrid teams and thought of your team", "en", {GIVING}),
        # open availability
        ("si t'as besoin d'un relecteur pour ton mémoire, compte sur moi", "fr", {GIVING}),
        ("vous auriez besoin d'un coup de main pour le stand ?", "fr", {GIVING, CLOSED}),
        ("if ya ever need someone to test the beta just shout", "en", {GIVING}),
        ("feel free to pick my brain on procurement anytime", "en", {GIVING}),
        ("my notes are all yours if you want them", "en", {GIVING}),
        ("I'd gladly chip in if the workshop needs another mentor", "en", {GIVING}),
    ],
)
def test_offer_frames(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the modal + verb + "your" frame excludes verbs done for the user's own sake
        ("je vais postuler à votre offre dès ce soir", "fr", set()),
        ("je peux passer à votre bureau jeudi si ça vous arrange", "fr", set()),
        ("je serais ravi de rejoindre votre équipe", "fr", set()),
        ("I'd love to join your team one day", "en", set()),
        ("I'll read your article tonight", "en", set()),
        # the user's own material or news is no offer
        ("je vous envoie ma lettre corrigée comme convenu", "fr", set()),
        ("I'll email you my portfolio tonight", "en", set()),
        ("I doubt my profile would interest you", "en", {PRESUMPTION}),
        ("je vous envoie un texto dès que c'est signé", "fr", {GRATITUDE}),
        # a value predicate followed by "de + infinitive" is a question about their job
        ("ce serait intéressant pour votre équipe de recruter des alternants ?", "fr", {CLOSED}),
        ("would it be useful for your team to hire juniors?", "en", {CLOSED}),
        # negated offer, and "vous avez besoin de …" as an info question
        ("je peux pas vous transmettre le rapport, il est interne", "fr", set()),
        ("vous avez besoin de profils data en ce moment ?", "fr", {CLOSED}),
        ("je reste à votre disposition pour toute question", "fr", set()),
    ],
)
def test_offer_frames_near_misses(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an opinion on the user's own things: imperative, question or first-person wish
        ("dites-moi sans filtre ce que vous pensez de ma lettre", "fr", {ASKING}),
        ("vous auriez un avis sur mon pitch ?", "fr", {ASKING, CLOSED}),
        ("jveux bien ton retour sur mon book si t'as un moment", "fr", {ASKING}),
        ("what do you make of my cover letter?", "en", {ASKING, OPEN}),
        ("would really value your honest take on my deck", "en", {ASKING}),
        ("please take a quick look at my resume when you can", "en", {ASKING}),
        # the person the user could contact
        ("vous voyez quelqu'un à qui je pourrais parler chez Thales ?", "fr", {ASKING, CLOSED}),
        ("tu verrais qui je devrais contacter pour l'alternance", "fr", {ASKING, CLOSED}),
        ("is there anybody in procurement I could reach out to?", "en", {ASKING, CLOSED}),
        # advice: wh-word + "je devrais" without inversion; hypothetical advice
        ("selon vous par quoi je devrais commencer", "fr", {ASKING, OPEN}),
        ("si vous aviez un conseil à me donner ce serait quoi", "fr", {ASKING, OPEN}),
        # intensifiers and elided subjects in polite frames
        (
            "je serais hyper reconnaissante si vous pouviez appuyer ma candidature",
            "fr",
            {ASKING, JOB_REQUEST},
        ),
        ("I was wondering if you'd be up for introducing me to your CTO", "en", {ASKING, CLOSED}),
        # keep-me-in-mind, next meeting, permission to come back
        (
            "faites-moi signe si un poste s'ouvre chez vous",
            "fr",
            {ASKING, JOB_REQUEST},
        ),  # a post for the user: LABELS.md
        ("ça te dirait qu'on se cale un déj la semaine pro ?", "fr", {ASKING, CLOSED}),
        ("on pourrait se revoir après l'été", "fr", {ASKING}),
        ("je peux revenir vers vous si j'ai d'autres questions ?", "fr", {ASKING, CLOSED}),
    ],
)
def test_request_frames(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("merci pour votre retour sur mon CV", "fr", {GRATITUDE}),
        ("thanks for your thoughts on my portfolio", "en", {GRATITUDE}),
        ("je vais relire ma lettre ce soir", "fr", set()),
        ("I'll have a look at my CV again tonight", "en", set()),
        ("je connais quelqu'un que je pourrais vous présenter", "fr", {GIVING}),
        ("I know someone you should talk to at Stripe", "en", {GIVING}),
        ("faites-moi signe si vous avez besoin d'un coup de main", "fr", {GIVING}),
        ("ça te dirait que je te présente Julie ?", "fr", {GIVING, CLOSED}),
        ("you'd be happy to know I got the job", "en", set()),
    ],
)
def test_request_frames_near_misses(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


def test_first_forced_marker_frames_the_question() -> None:
    # "i was wondering if …" comes first: a yes/no request, even with "tell me what …" in a relative clause
    check(
        "I was wondering if you'd introduce me to someone who could tell me what the job is like",
        "en",
        {ASKING, CLOSED},
    )
    # a polite yes/no frame stays closed despite an embedded "what"
    check("mind if I send you my CV so you can tell me what you think?", "en", {ASKING, CLOSED})


# --- job requests (LABELS.md, job_request row): on top of the other labels, with their near misses -----


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Vous recrutez en ce moment ?", "fr", {CLOSED, JOB_REQUEST}),
        ("vs embauchez en ce moment ou pas", "fr", {CLOSED, JOB_REQUEST}),
        ("Est-ce qu'il y aurait une place pour moi chez vous ?", "fr", {CLOSED, JOB_REQUEST}),
        ("Pourriez-vous transmettre mon CV à votre DRH ?", "fr", {CLOSED, ASKING, JOB_REQUEST}),
        ("tu peux me pistonner ?", "fr", {CLOSED, ASKING, JOB_REQUEST}),
        ("vous pouvez me faire rentrer chez Kargo ?", "fr", {CLOSED, ASKING, JOB_REQUEST}),
        (
            "Tu saurais qui contacter chez eux pour un poste en contrôle de gestion ?",
            "fr",
            {CLOSED, ASKING, JOB_REQUEST},
        ),
        ("bon alors pour le poste ?", "fr", {CLOSED, JOB_REQUEST}),
        ("Are you hiring?", "en", {CLOSED, JOB_REQUEST}),
        ("r u guys hiring atm", "en", {CLOSED, JOB_REQUEST}),
        ("Could you pass my resume on to your hiring manager?", "en", {CLOSED, ASKING, JOB_REQUEST}),
        ("Can you give my resume to your HR?", "en", {CLOSED, ASKING, JOB_REQUEST}),
        ("Would you take me on as a trainee?", "en", {CLOSED, ASKING, JOB_REQUEST}),
    ],
)
def test_job_requests(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a review of one's CV is advice
        ("Accepteriez-vous de relire mon CV ?", "fr", {CLOSED, ASKING}),
        ("Could you have a look at my CV?", "en", {CLOSED, ASKING}),
        # how their company recruits is information
        ("Comment se passent les recrutements chez vous en général ?", "fr", {OPEN}),
        ("Vous passez plutôt par des cabinets pour recruter ?", "fr", {CLOSED}),
        ("How does your company usually hire for these roles?", "en", {OPEN}),
        # hiring others, to offer candidates, is giving
        (
            "Vous recrutez des apprentis ? Mon voisin cherche une alternance et il est top.",
            "fr",
            {CLOSED, GIVING},
        ),
        ("Are you hiring interns? My niece is looking and she's brilliant.", "en", {CLOSED, GIVING}),
        # saying one will not ask, sending the CV they asked for
        ("Je ne vais pas vous demander de poste, rassurez-vous.", "fr", set()),
        ("I'm not going to ask you for a job, don't worry.", "en", set()),
        ("Je vous joins mon CV comme convenu.", "fr", set()),
        ("Here's the CV you asked for, thanks again!", "en", {GRATITUDE}),
        # a statement that they do not hire is a presumption, not a request
        ("Je sais que vous n'embauchez pas en ce moment.", "fr", {PRESUMPTION}),
        ("I know you're not hiring right now.", "en", {PRESUMPTION}),
    ],
)
def test_job_request_near_misses(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # offers by what they do for the other person
        ("Si vous voulez je peux relire les dossiers de financement de vos candidats.", "fr", {GIVING}),
        (
            "je connais encore un chef de quai qui accepterait sûrement de faire des tests avec ton équipe",
            "fr",
            {GIVING},
        ),
        ("Mon frère est mécano, il pourrait regarder votre camion gratuitement.", "fr", {GIVING}),
        ("I know regional grants really well, if that's any use to you.", "en", {GIVING}),
        ("My brother's a mechanic, he could look at your truck for free.", "en", {GIVING}),
        # talking about oneself is not an offer
        ("Mon frère est mécano à Nantes.", "fr", set()),
        ("I know this sector well, I spent fifteen years in it.", "en", set()),
        # presumptions without a question mark, and tag questions on a judgement
        ("Toi t'as bien réussi, la conformité ça paye bien j'imagine", "fr", {PRESUMPTION}),
        ("the managers surely won't go for it", "en", {PRESUMPTION}),
        ("Charities don't pay much, do they?", "en", {CLOSED, PRESUMPTION}),
        ("You're based in Bristol, right?", "en", {CLOSED}),
    ],
)
def test_offers_and_presumptions_in_new_wordings(text: str, lang: str, expected: set[str]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(
    "text",
    ["Il faut maîtriser quels outils pour ce poste ?", "Mon profil vous semble crédible pour ce poste ?"],
)
def test_a_question_about_the_post_is_not_a_job_request(text):
    # asking what a post takes, or what they think of one's profile, is information, not asking for it
    assert JOB_REQUEST not in analyse(text, "fr").labels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tu crois que ton manager accepterait de me recevoir pour un poste ?", "fr"),
        ("Je cherche un CDI dans la logistique : vous avez des pistes chez vous ?", "fr"),
        ("Vous prenez des gens en reconversion dans votre équipe ?", "fr"),
        ("Do you think your manager would see me about a position?", "en"),
        ("I'm after a permanent role in logistics: anything going at yours?", "en"),
        ("Would you consider me for a role on your team?", "en"),
    ],
)
def test_job_requests_composed_of_a_post_for_me(text, lang):
    assert JOB_REQUEST in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tu peux me conseiller une formation pour décrocher un poste ?", "fr"),
        ("Je me demandais comment vous recrutez les stagiaires.", "fr"),
        ("How would you prepare me for a role like yours?", "en"),
        ("I'm looking for a job in logistics and I'd love to understand how your team works.", "en"),
    ],
)
def test_advice_on_getting_a_post_is_not_a_job_request(text, lang):
    assert JOB_REQUEST not in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # self-candidacy: ready to work there, in a message naming an opening or a need for a person
        ("Franchement je suis prête à commencer demain si vous avez une place.", "fr"),
        ("Je me demandais si votre boîte avait besoin d'un comptable, parce que je serais partant.", "fr"),
        ("If you ever need another warehouse lead, I'm your guy.", "en"),
        # favours about an application named elsewhere in the message
        ("Je vous envoie mon CV, vous pourrez le transmettre à la personne qui recrute ?", "fr"),
        ("Could you mention me to your director? The planner job is still posted.", "en"),
        # in a question: what to do to get hired *there*, who to see to get a job
        ("What would I need to do to get hired onto your team?", "en"),
        ("Qu'est-ce qu'il faudrait que je fasse pour intégrer votre équipe ?", "fr"),
        # a question on their hiring, with an offer made *before* it
        (
            "Je peux vous envoyer mon étude si ça vous aide. D'ailleurs, vous recrutez des acheteurs en ce moment ?",
            "fr",
        ),
        ("Is your clinic taking on any junior nurses?", "en"),
        ("you hiring or nah", "en"),
        # a post for the user, asked in a question or a request, in any wording
        ("Would there be a paid traineeship for me in your accounts team?", "en"),
        ("Could you put my application in front of your plant manager?", "en"),
        ("Don't forget me when the dispatcher job opens!", "en"),
        ("Si vous pouviez me coopter, ce serait formidable.", "fr"),
        ("N'oubliez pas de penser à moi pour le poste de chef d'atelier.", "fr"),
        ("Serait-il envisageable que vous m'embauchiez en intérim quelques mois ?", "fr"),
        # a question on their openings in a message where the user says they are keen
        ("Est-ce qu'il reste une place dans l'équipe de nuit ? Je suis motivé à fond.", "fr"),
        ("Could your kitchen use another commis? I'd happily start at the bottom.", "en"),
        # hints and imperatives
        ("si jamais un poste de magasinier se libère chez vous je suis preneur", "fr"),
        ("Bon sinon recrutez-moi, je suis très organisée", "fr"),
        ("My lease ends in May, so if your team has budget for another planner... just saying", "en"),
        ("I'd be very open to joining your crew if you're ever short-staffed.", "en"),
        ("Un petit mot de votre part au recruteur m'aiderait beaucoup.", "fr"),
        ("I've attached my portfolio. Would you mind forwarding it to your art director?", "en"),
        ("Je sais que vous ne recrutez pas, mais si ça change, vous me feriez signe ?", "fr"),
        ("Je vous adresse ma candidature spontanée pour tout poste de magasinier.", "fr"),
        ("Just checking in about the barista role: am I still in the running?", "en"),
        ("I'm writing to express my interest in joining your maintenance team.", "en"),
        ("Is there any chance your pool needs another lifeguard? I'm great with kids.", "en"),
    ],
)
def test_job_requests_in_other_wordings(text, lang):
    labels = analyse(text, lang).labels
    assert JOB_REQUEST in labels
    # only the message that also offers a study is an offer
    assert ("giving" in labels) == ("envoyer mon étude" in text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a word or the CV passed to whoever decides, in texting or conjugated forms
        ("Tu pourrais glisser un petit mot pour moi à ta directrice ?", "fr"),
        ("Tu peux lui passer mon CV de ma part ?", "fr"),
        ("Il y aurait moyen que vous me fassiez entrer à l'atelier ?", "fr"),
        ("Could you squeeze me onto the weekend rota?", "en"),
        ("Could you make sure my application gets to the hiring manager?", "en"),
        # the CV left "in case" a post opens
        ("Je vous laisse mon CV, si jamais une place se libère dans l'atelier.", "fr"),
        ("Here's my resume, in case a vacancy comes up in your lab.", "en"),
        # their openings, asked in any wording
        ("Votre service cherche pas un technicien en ce moment ?", "fr"),
        ("Vous auriez des ouvertures de postes cette année ?", "fr"),
        ("Y a-t-il une place pour un profil comme le mien dans votre équipe", "fr"),
        ("Are you guys taking anybody on for the summer?", "en"),
        ("The receptionist job you told me about, is it still available?", "en"),
        ("Can you picture me working as a planner in your team?", "en"),
        ("If a coordinator role comes up at your place, count me in.", "en"),
    ],
)
def test_job_requests_in_more_wordings(text, lang):
    assert JOB_REQUEST in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an opinion on the user's plan, or advice about their own job, is not asking for a post
        ("Je vise un poste de chargée de mission, ça vous semble pertinent ?", "fr"),
        ("I'm aiming for a UX role, does that look realistic with my background?", "en"),
        ("Should I quit my job before the training starts?", "en"),
    ],
)
def test_opinions_on_the_plan_are_not_job_requests(text, lang):
    assert JOB_REQUEST not in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        # job requests: a follow-up on the application passed on, a hint with "faites-moi signe"
        ("Did your manager say anything about the resume you forwarded?", "en", JOB_REQUEST),
        ("Vous avez eu des nouvelles de la direction pour ma candidature ?", "fr", JOB_REQUEST),
        ("Si jamais vous cherchez quelqu'un avec mon profil, faites-moi signe.", "fr", JOB_REQUEST),
        ("Could you pop my resume over to your team lead?", "en", JOB_REQUEST),
        # offers: something the user made, a spare ticket, a friend who can help
        ("I put together a checklist for new volunteers, I can send it over.", "en", "giving"),
        ("I've got two spare passes for the logistics fair if you want them.", "en", "giving"),
        ("Mon voisin est électricien, il connaît un gars qui pourrait vous dépanner.", "fr", "giving"),
        # presumptions: a generalisation about a group, "no offence", "vous avez l'air de"
        ("Recruiters must get hundreds of these messages.", "en", "presumption"),
        ("Insurance is a bit boring, no offence.", "en", "presumption"),
        ("Vous avez l'air d'être quelqu'un de très pressé.", "fr", "presumption"),
        # asking: advice in other words
        ("What's the best piece of advice you got when you started?", "en", "asking"),
        ("tu aurais des gens a me conseiller de rencontrer a rennes ?", "fr", "asking"),
        ("Anyone worth me reaching out to in Leeds?", "en", "asking"),
    ],
)
def test_more_wordings_of_each_label(text, lang, label):
    assert label in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("That must have been frightening for you.", "en", "presumption"),  # empathy, not an assumption
        (
            "Would you mind passing my CV on to HR? I'll email it over tonight.",
            "en",
            "giving",
        ),  # the user's own CV
        ("Is it worth doing the course before I apply anywhere?", "en", JOB_REQUEST),
        ("Could you walk me through what happens when an application lands on your desk?", "en", JOB_REQUEST),
        ("Y'all hiring by any chance?", "en", "asking"),  # a hedge, not a request
        (
            "je peux dire que je viens de votre part si j'appelle M. Dubois ?",
            "fr",
            "giving",
        ),  # the user's errand
    ],
)
def test_lookalikes_of_each_label(text, lang, label):
    assert label not in analyse(text, lang).labels


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        # volunteering for a task is an offer, not a candidacy
        ("If you need someone to run the workshop, I'm happy to help.", "en", "giving"),
        ("Si jamais vous avez besoin de quelqu'un pour animer un atelier, je suis dispo.", "fr", "giving"),
        # how people get hired, candidates for them: not a request for a post
        ("How do people get hired in your department?", "en", "open_question"),
        ("Vous cherchez des bénévoles ? Je connais deux retraités qui adoreraient aider.", "fr", "giving"),
        # about the post, or the user's profile for it, asked as information or opinion
        ("Mon profil vous semble crédible pour ce poste ?", "fr", "closed_question"),
        ("Do I need a license to work in logistics?", "en", "closed_question"),
        ("Je me demandais si vous preniez des alternants.", "fr", "closed_question"),
        ("Could you tell me a bit about your role?", "en", "open_question"),
        ("Tu pourrais jeter un oeil à mon CV ?", "fr", "asking"),
        (
            "Vu votre poste vous devez connaître du monde : auriez-vous deux noms à me donner ?",
            "fr",
            "asking",
        ),
        ("Could I show you my portfolio so you can tell me if it holds up?", "en", "asking"),
        ("Si vous cherchez quelqu'un pour animer un atelier, je suis dispo.", "fr", "giving"),
    ],
)
def test_offers_and_questions_near_job_requests(text, lang, label):
    labels = analyse(text, lang).labels
    assert label in labels
    assert JOB_REQUEST not in labels


@pytest.mark.parametrize(
    ("text", "lang", "presumes"),
    [
        ("Les cadres de santé passent leur journée en réunion, non ?", "fr", True),
        ("At startups you end up working weekends no matter what, don't you?", "en", True),
        ("c un métier hyper stressant j'imagine, comment tu fais pour décrocher le soir", "fr", True),
        ("I'm guessing you're not hiring right now.", "en", True),
        ("Let's be honest, nobody's going to hire a 52-year-old career changer.", "en", True),
        # checking a plain fact with a tag is not a preconceived idea
        ("Vous êtes basée à Nantes, non ?", "fr", False),
        ("You're based in Bristol, right?", "en", False),
    ],
)
def test_tag_questions_and_hedges(text, lang, presumes):
    assert ("presumption" in analyse(text, lang).labels) is presumes


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Would it help if I shared my notes from the conference?", "en"),
        (
            "Heads-up in case you missed it: the region opened a grant last week, looks like a fit for you.",
            "en",
        ),
        ("I've done a lot of SQL tuning, so if those reports are still slow I'd gladly take a look.", "en"),
        ("Si un jour vous avez besoin d'une relecture en allemand, n'hésitez pas.", "fr"),
        (
            "Petite info au passage : la Région lance un appel à projets, ça pourrait coller à votre appli.",
            "fr",
        ),
    ],
)
def test_offers_in_other_wordings(text, lang):
    assert "giving" in analyse(text, lang).labels


def test_a_wish_is_not_a_question():
    assert "closed_question" not in analyse("Have a great evening!", "en").labels
    assert "closed_question" in analyse("Have you got a minute?", "en").labels
