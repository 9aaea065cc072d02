"""Concrete rewrites for the debrief: the user's own sentence, and a better one.

Templates are English msgids passed through the rehearsal language's catalog (`gettext`), so the
suggestion is written in the language the user rehearsed in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.i18n import N_


@dataclass(frozen=True, slots=True)
class Rewrite:
    original: str  # empty when we suggest a sentence the user did not try
    better: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


# "Do you like X?" / "Est-ce que vous aimez X ?" -> "What do you enjoy most about X?"
_LIKE = {
    "fr": re.compile(
        r"(?:est[- ]ce que |est[- ]ce qu')?(?:vous |tu )?(?:aimez|aimes|appreciez|apprecies)(?:[- ](?:vous|tu))?\s+(?P<x>[^?!.]+)",
        re.I,
    ),
    "en": re.compile(r"(?:do|did) you (?:like|enjoy|love)\s+(?P<x>[^?!.]+)", re.I),
}

# Topic of a closed question -> an open question on the same topic (first match wins).
_CLOSED_TOPICS: tuple[tuple[str, str, str], ...] = (
    (
        r"\b(longtemps|depuis|combien d'annees)\b",
        r"\b(how long|since when)\b",
        N_("How did you come to this position?"),
    ),
    (
        r"\b(combien|nombre)\b.*\b(equipe|personnes|gens|salaries)\b",
        r"\bhow many\b",
        N_("How is your team organised day to day?"),
    ),
    (r"\b(equipe|collegues)\b", r"\b(team|colleagues)\b", N_("How is your team organised day to day?")),
    (
        r"\b(recrut|embauch|poste ouvert|postes)\b",
        r"\b(hiring|recruit|openings?|vacanc)\b",
        N_("How do people usually join your team?"),
    ),
    (
        r"\b(secteur|marche|entreprise|boite|societe)\b",
        r"\b(sector|industry|company|market|field)\b",
        N_("How do you see your sector changing in the next few years?"),
    ),
    (
        r"\b(stress|difficile|dur|fatig|charge)\b",
        r"\b(stress|hard|difficult|tiring|busy)\b",
        N_("What are the biggest challenges in your work right now?"),
    ),
)
_CLOSED_DEFAULT = N_("What do you find most interesting in your work these days?")

# Topic of a presumption -> the question that checks it instead.
_PRESUMPTION_TOPICS: tuple[tuple[str, str, str], ...] = (
    (
        r"\b(debord|occupe|pas le temps|deranger|mieux a faire|charge)",
        r"\b(busy|bother|no time|better things)",
        N_("How much time do you have today? I'll fit in."),
    ),
    (
        r"\b(embauch|recrut|poste)",
        r"\b(hiring|recruit|openings?|jobs?)\b",
        N_("How do you see hiring in your team this year?"),
    ),
    (
        r"\b(profil|age|ans|reconversion|senior|junior|diplome)",
        r"\b(profile|age|old|career change|background|degree)",
        N_("How might a profile like mine be seen in your field?"),
    ),
    (
        r"\b(rh|cv|recruteurs|candidatures)\b",
        r"\b(hr|cv|resume|recruiters|applications)\b",
        N_("How are applications read in your company?"),
    ),
    (
        r"\b(cooptation|piston|reseau|connaissances)\b",
        r"\b(referral|connections|network|who you know)\b",
        N_("How did people in your team get their jobs?"),
    ),
)
_PRESUMPTION_DEFAULT = N_("How do you see things on your side?")


def _topic(text: str, lang: str, topics: tuple[tuple[str, str, str], ...], default: str) -> str:
    folded = _fold(text)
    for fr, en, msgid in topics:
        if re.search(fr if lang == "fr" else en, folded):
            return msgid
    return default


def rewrite_closed(sentence: str, lang: str, gettext) -> Rewrite | None:
    """A closed question rewritten as an open one, reusing the user's own topic where possible."""
    m = _LIKE.get(lang, _LIKE["fr"]).search(sentence)
    if m:
        topic = m.group("x").strip().rstrip(" ?")
        if 0 < len(topic) <= 60:
            return Rewrite(sentence, gettext("What do you enjoy most about {topic}?").format(topic=topic))
    return Rewrite(sentence, gettext(_topic(sentence, lang, _CLOSED_TOPICS, _CLOSED_DEFAULT)))


def rewrite_presumption(sentence: str, lang: str, gettext) -> Rewrite | None:
    """A presumption rewritten as the question that would check it."""
    return Rewrite(sentence, gettext(_topic(sentence, lang, _PRESUMPTION_TOPICS, _PRESUMPTION_DEFAULT)))


def suggest_gift(lang: str, gettext) -> Rewrite:
    return Rewrite("", gettext("If it helps, I can send you the article I read on this last week."))


def suggest_ask(lang: str, gettext) -> Rewrite:
    return Rewrite("", gettext("Would you have one or two people I could contact on your behalf?"))


def suggest_thanks(lang: str, gettext) -> Rewrite:
    return Rewrite("", gettext("Thank you for your time; I'll let you know how my meetings go."))
