"""Concrete rewrites for the debrief: the user's own sentence, and a better one.

Templates are English msgids passed through the rehearsal language's catalog (`gettext`), so the
suggestion is written in the language the user rehearsed in. French has two registers: each template
has a `vous` msgid and a `tu` one (msgids ending in "(tu)"); English ignores the register.

Rewrites start from the user's sentence where they can (their topic, their question, their
assumption turned into a question to check), and one debrief never gives the same suggestion for two
different sentences (`Rewriter` remembers what it said).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.coach.style import fold
from bot.i18n import N_, Translate


@dataclass(frozen=True, slots=True)
class Rewrite:
    original: str  # empty when we suggest a sentence the user did not try
    better: str


@dataclass(frozen=True, slots=True)
class Template:
    vous: str  # msgid: English, and the formal register in French
    tu: str  # msgid of the informal French register (shown as `vous` in English)


# "Do you like X?" / "Est-ce que vous aimez X ?" -> "What do you enjoy most about X?"
_LIKE = {
    "fr": re.compile(
        r"(?:est[- ]ce que |est[- ]ce qu')?(?:vous |tu )?(?:aimez|aimes|appreciez|apprecies)(?:[- ](?:vous|tu))?\s+(?P<x>[^?!.]+)",
        re.I,
    ),
    "en": re.compile(r"(?:do|did) you (?:like|enjoy|love)\s+(?P<x>[^?!.]+)", re.I),
}
_LIKE_TEMPLATE = Template(
    N_("What do you enjoy most about {topic}?"), N_("What do you enjoy most about {topic}? (tu)")
)

# Topic of a closed question -> an open question on the same topic (first match wins).
_CLOSED_TOPICS: tuple[tuple[str, str, Template], ...] = (
    (
        r"\b(longtemps|depuis|combien d'annees|arrive)\b",
        r"\b(how long|since when|join)\b",
        Template(N_("How did you come to this position?"), N_("How did you come to this position? (tu)")),
    ),
    (
        r"\b(combien|nombre)\b.*\b(equipe|personnes|gens|salaries|benevoles)\b",
        r"\bhow many\b",
        Template(
            N_("How is your team organised day to day?"), N_("How is your team organised day to day? (tu)")
        ),
    ),
    (
        r"\b(equipe|collegues)\b",
        r"\b(team|colleagues)\b",
        Template(
            N_("How is your team organised day to day?"), N_("How is your team organised day to day? (tu)")
        ),
    ),
    (
        r"\b(recrut|embauch|poste ouvert|postes)\b",
        r"\b(hiring|recruit|openings?|vacanc)\b",
        Template(
            N_("How do people usually join your team?"), N_("How do people usually join your team? (tu)")
        ),
    ),
    (
        r"\b(secteur|marche|entreprise|boite|societe|structure)\b",
        r"\b(sector|industry|company|market|field|organisation)\b",
        Template(
            N_("How do you see your sector changing in the next few years?"),
            N_("How do you see your sector changing in the next few years? (tu)"),
        ),
    ),
    (
        r"\b(stress|difficile|dur|fatig|charge|astreinte|week-end)\b",
        r"\b(stress|hard|difficult|tiring|busy|weekends?)\b",
        Template(
            N_("What are the biggest challenges in your work right now?"),
            N_("What are the biggest challenges in your work right now? (tu)"),
        ),
    ),
)
# The user's own closed question, followed by the open question that lets the other person tell more.
_FOLLOW_UP = Template(
    N_("{question} And how does that work for you, day to day?"),
    N_("{question} And how does that work for you, day to day? (tu)"),
)
_CLOSED_DEFAULT = Template(
    N_("What do you find most interesting in your work these days?"),
    N_("What do you find most interesting in your work these days? (tu)"),
)

# Topic of a presumption -> the question that checks it instead.
_PRESUMPTION_TOPICS: tuple[tuple[str, str, Template], ...] = (
    (
        r"\b(debord|occupe|pas le temps|deranger|mieux a faire|charge|sous l'eau)",
        r"\b(busy|bother|no time|better things|swamped)",
        Template(
            N_("How much time do you have today? I'll fit in."),
            N_("How much time do you have today? I'll fit in. (tu)"),
        ),
    ),
    (
        r"\b(embauch|recrut|poste)",
        r"\b(hiring|recruit|openings?|jobs?)\b",
        Template(
            N_("How do you see hiring in your team this year?"),
            N_("How do you see hiring in your team this year? (tu)"),
        ),
    ),
    (
        # whole words: "agence", "old-fashioned" are not about the user's age
        r"\b(profils?|age|ans|reconversions?|seniors?|juniors?|diplomes?)\b",
        r"\b(profiles?|age|old|career changers?|career change|background|degrees?)\b(?!-)",
        Template(
            N_("How might a profile like mine be seen in your field?"),
            N_("How might a profile like mine be seen in your field? (tu)"),
        ),
    ),
    (
        r"\b(rh|cv|recruteurs|candidatures)\b",
        r"\b(hr|cv|resume|recruiters|applications)\b",
        Template(
            N_("How are applications read in your company?"),
            N_("How are applications read in your company? (tu)"),
        ),
    ),
    (
        r"\b(cooptation|piston|reseau|connaissances)\b",
        r"\b(referral|connections|network|who you know)\b",
        Template(
            N_("How did people in your team get their jobs?"),
            N_("How did people in your team get their jobs? (tu)"),
        ),
    ),
)
# The user's own assumption, offered as a hypothesis to check.
_HYPOTHESIS = N_("I have the impression that {assumption}: am I wrong?")
_PRESUMPTION_DEFAULT = Template(
    N_("How do you see things on your side?"), N_("How do you see things on your side? (tu)")
)
# Markers that make a statement a presumption, dropped when it is turned into a hypothesis.
_ASSUMING = {
    "fr": re.compile(
        r"(?:,?\s*(?:j'imagine|je suppose|je parie|je me doute|non|hein|n'est-ce pas|pas vrai)\s*[?.!…]*\s*$)"
        r"|^(?:j'imagine|je suppose|je sais|je me doute|je suis s[uû]re?)(?: bien)? (?:que |qu')"
        r"|\b(?:s[uû]rement|forc[ée]ment|[ée]videmment|de toute fa[cç]on) ?",
        re.I,
    ),
    "en": re.compile(
        r"(?:,?\s*(?:i imagine|i guess|i suppose|i bet|right|isn't it|aren't you|don't you|do they|don't they)\s*[?.!…]*\s*$)"
        r"|^(?:i imagine|i guess|i suppose|i bet|i know|i'm sure)(?: that)? "
        r"|\b(?:surely|obviously|of course|anyway) ?",
        re.I,
    ),
}

# A job request -> a request for advice or for a contact.
_JOB_REWRITES = (
    Template(
        N_("If you were in my shoes, who would you talk to first to get into this field?"),
        N_("If you were in my shoes, who would you talk to first to get into this field? (tu)"),
    ),
    Template(
        N_("Would you have one or two people I could contact on your behalf, to learn how they got in?"),
        N_("Would you have one or two people I could contact on your behalf, to learn how they got in? (tu)"),
    ),
)
_GIFT = Template(
    N_("If it helps, I can send you the article I read on this last week."),
    N_("If it helps, I can send you the article I read on this last week. (tu)"),
)
_ASK = Template(
    N_("Would you have one or two people I could contact on your behalf?"),
    N_("Would you have one or two people I could contact on your behalf? (tu)"),
)
_THANKS = Template(
    N_("Thank you for your time; I'll let you know how my meetings go."),
    N_("Thank you for your time; I'll let you know how my meetings go. (tu)"),
)


def _topic(text: str, lang: str, topics: tuple[tuple[str, str, Template], ...]) -> Template | None:
    folded = fold(text)
    for fr, en, template in topics:
        if re.search(fr if lang == "fr" else en, folded):
            return template
    return None


def _as_question(sentence: str, lang: str) -> str:
    core = sentence.strip().rstrip(" ?!.…")
    return core + (" ?" if lang == "fr" else "?")


class Rewriter:
    """Rewrites for one debrief, in the rehearsal's language and register, never the same one twice."""

    def __init__(
        self, lang: str, gettext: Translate, register: str = "vous", gifts: Sequence[str] = ()
    ) -> None:
        self.lang = lang if lang in ("fr", "en") else "fr"
        self.gettext = gettext
        self.informal = self.lang == "fr" and register == "tu"
        self.gifts = [g for g in gifts if g and g.strip()]
        self.used: set[str] = set()

    def _say(self, template: Template, **values: str) -> str:
        msgid = template.tu if self.informal else template.vous
        text: str = self.gettext(msgid)
        if text == msgid and msgid.endswith(" (tu)"):  # no catalog entry: never show the marker
            text = msgid[: -len(" (tu)")]
        return text.format(**values) if values else text

    def _first_new(self, candidates: list[str]) -> str:
        for text in candidates:
            if text not in self.used:
                self.used.add(text)
                return text
        return candidates[-1]

    def closed(self, sentence: str) -> Rewrite:
        """A closed question rewritten as an open one on the user's own topic."""
        candidates = []
        m = _LIKE.get(self.lang, _LIKE["fr"]).search(sentence)
        if m:
            topic = m.group("x").strip().rstrip(" ?")
            if 0 < len(topic) <= 60:
                candidates.append(self._say(_LIKE_TEMPLATE, topic=topic))
        template = _topic(sentence, self.lang, _CLOSED_TOPICS)
        if template is not None:
            candidates.append(self._say(template))
        if len(sentence) <= 120:
            candidates.append(self._say(_FOLLOW_UP, question=_as_question(sentence, self.lang)))
        candidates.append(self._say(_CLOSED_DEFAULT))
        return Rewrite(sentence, self._first_new(candidates))

    def presumption(self, sentence: str) -> Rewrite:
        """A presumption rewritten as the question that would check it."""
        candidates = []
        template = _topic(sentence, self.lang, _PRESUMPTION_TOPICS)
        if template is not None:
            candidates.append(self._say(template))
        assumption = _ASSUMING[self.lang].sub("", sentence.strip()).strip(" ,;:.!?…")
        if 3 <= len(assumption) <= 120:
            if not assumption[:2].isupper():
                assumption = assumption[0].lower() + assumption[1:]
            candidates.append(self.gettext(_HYPOTHESIS).format(assumption=assumption))
        candidates.append(self._say(_PRESUMPTION_DEFAULT))
        return Rewrite(sentence, self._first_new(candidates))

    def job_request(self, sentence: str) -> Rewrite:
        """A job request turned into a request for advice or for a contact."""
        return Rewrite(sentence, self._first_new([self._say(t) for t in _JOB_REWRITES]))

    def gift(self) -> Rewrite:
        """An offer to try: one tied to a need the persona raised in this conversation, else a stock one."""
        return Rewrite("", self._first_new([*self.gifts, self._say(_GIFT)]))

    def ask(self) -> Rewrite:
        return Rewrite("", self._first_new([self._say(_ASK)]))

    def thanks(self) -> Rewrite:
        return Rewrite("", self._first_new([self._say(_THANKS)]))
