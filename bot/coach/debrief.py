"""From the labelled turns of a rehearsal to the seven key scores, with evidence and rewrites.

Every rule is documented in the README's scoring table; keep the two in step. Scores are
deliberately honest: a behaviour that never appears earns nothing, one-word replies count
against the user, and a key the conversation gave no chance to show is `None` ("not measured").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.coach.analysis import Analysis, Span
from bot.coach.keys import KEY_IDS
from bot.coach.rewrite import Rewrite, Rewriter
from bot.coach.style import buzzwords, fold, is_gloomy_reply, is_personal, mood_markers
from bot.i18n import Translate

SUBSTANTIVE_WORDS = 4
# A job request in the first turns turns the whole talk into a job interview: the overall score is capped.
JOB_REQUEST_EARLY_TURNS = 3
JOB_REQUEST_OVERALL_CAP = 60
# Dare with a job request stays below any conversation that asked for advice or a contact instead
# (whose lowest score is 55: a request before any rapport).
JOB_REQUEST_DARE = 40
QUOTE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence of the user's, and the rule it illustrates (an id documented in the README)."""

    text: str
    rule: str
    turn: int


@dataclass(slots=True)
class KeyResult:
    key: str
    score: int | None  # None: not measured
    earned: list[Quote] = field(default_factory=list)
    missed: list[Quote] = field(default_factory=list)
    rewrites: list[Rewrite] = field(default_factory=list)


@dataclass(slots=True)
class Debrief:
    keys: dict[str, KeyResult]
    cap: int | None = None  # the overall score's ceiling (a job request in the first turns)

    @property
    def overall(self) -> int | None:
        measured = [k.score for k in self.keys.values() if k.score is not None]
        if not measured:
            return None
        score = round(sum(measured) / len(measured))
        return min(score, self.cap) if self.cap is not None else score

    def scores(self) -> dict[str, int | None]:
        return {key: self.keys[key].score for key in KEY_IDS}

    def stored_scores(self) -> dict[str, int | None]:
        """What a rehearsal keeps: the key scores, and the overall score (which a cap may lower)."""
        return {**self.scores(), "overall": self.overall}

    def weakest(self) -> str | None:
        measured = [(k.score, i, k.key) for i, k in enumerate(self.keys.values()) if k.score is not None]
        return min(measured)[2] if measured else None


_SENTENCE_END = re.compile(r"[.!?…\n]+")


def sentence_around(text: str, span: Span) -> str:
    """The sentence of `text` that holds the span, trimmed: what the user actually wrote."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, span.start):
        start = m.end()
    found = _SENTENCE_END.search(text, span.end)
    end = found.end() if found else len(text)
    return shorten(text[start:end].strip(), 300)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` on one line, cut at a word boundary with "…" when longer than `limit` (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, its end punctuation included."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _words(text: str) -> int:
    return len([w for w in text.split() if any(c.isalnum() for c in w)])


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def _quotes(turns: Sequence[Analysis], label: str, rule: str, only: set[int] | None = None) -> list[Quote]:
    out: list[Quote] = []
    seen: set[str] = set()
    for i, turn in enumerate(turns):
        if only is not None and i not in only:
            continue
        for span in turn.evidence.get(label, ()):
            sentence = sentence_around(turn.text, span)
            if sentence and sentence not in seen:
                seen.add(sentence)
                out.append(Quote(sentence, rule, i + 1))
    return out


def compute(
    turns: Sequence[Analysis],
    *,
    opened: Sequence[str] = (),
    nudges: dict[str, int] | None = None,
    ended_naturally: bool = False,
    moods: tuple[int | None, int | None] = (None, None),
    gettext: Translate = str,
    register: str = "vous",
    gifts: Sequence[str] = (),
) -> Debrief:
    """Score the seven keys of one rehearsal from the analyses of the user's turns (in order).

    `opened` lists keys the scenario gave a chance to show; `gettext` translates rewrite templates
    into the rehearsal's language; `register` ("tu" or "vous", French only) is the scenario's; `gifts`
    are example offers tied to needs the persona raised in this conversation (already written in the
    rehearsal's language and register): the give-first suggestion uses one of them.
    """
    lang = turns[0].lang if turns else "fr"
    rewriter = Rewriter(lang, gettext, register, gifts)
    n = len(turns)
    opened_set = set(opened)
    has = [set(t.labels) for t in turns]
    substantive = [i for i, t in enumerate(turns) if _words(t.text) >= SUBSTANTIVE_WORDS]
    short = n - len(substantive)
    results: dict[str, KeyResult] = {}

    def first(*labels: str) -> int | None:
        return next((i for i, got in enumerate(has) if got.intersection(labels)), None)

    # take_interest: open questions earn, closed-only questions and one-word replies cost.
    opens = [i for i in range(n) if "open_question" in has[i]]
    # A request or an offer is naturally phrased as a yes/no question: only plain closed questions cost.
    # A presumption with a tag ("you must work like crazy, right?") is corrected under No preconceptions,
    # where its rewrite checks the assumption; "and how does that work for you?" would not fix it.
    closed_only = [
        i
        for i in range(n)
        if "closed_question" in has[i]
        and not has[i] & {"open_question", "asking", "giving", "job_request", "presumption"}
    ]
    ti = KeyResult("take_interest", None)
    if n:
        ti.score = _clamp(25 + 25 * min(len(opens), 3) - 5 * len(closed_only) - 5 * short)
        ti.earned = _quotes(turns, "open_question", "open_question")
        ti.missed = _quotes(turns, "closed_question", "closed_question", set(closed_only))
        ti.rewrites = [rewriter.closed(q.text) for q in ti.missed[:2]]
    results["take_interest"] = ti

    # no_preconceptions: each presumption costs; it needs a real conversation to be earned.
    pres = [i for i in range(n) if "presumption" in has[i]]
    nop = KeyResult("no_preconceptions", None)
    if pres or len(substantive) >= 2:
        score = 100 - 40 * len(pres)
        if len(substantive) < 3:
            score = min(score, 60)
        nop.score = _clamp(score)
        nop.missed = _quotes(turns, "presumption", "presumption")
        nop.rewrites = [rewriter.presumption(q.text) for q in nop.missed[:2]]
    results["no_preconceptions"] = nop

    # give_first: offering something, ideally before the first request (a job request is one).
    gifts_at = [i for i in range(n) if "giving" in has[i]]
    first_ask = first("asking", "job_request")
    gf = KeyResult("give_first", None)
    if gifts_at or "give_first" in opened_set or len(substantive) >= 4:
        if not gifts_at:
            gf.score = 15
            gf.rewrites = [rewriter.gift()]
        else:
            before = {
                i for i in gifts_at if first_ask is None or _gives_before_asking(turns[i], i, first_ask)
            }
            gave_first = bool(before)
            gf.score = _clamp((70 if len(gifts_at) == 1 else 85) + (15 if gave_first else 0))
            gf.earned = _quotes(turns, "giving", "giving", before) + _quotes(
                turns, "giving", "giving_late", set(gifts_at) - before
            )
            if not gave_first:
                asked_at = set() if first_ask is None else {first_ask}
                gf.missed = _quotes(turns, "asking", "ask_before_giving", asked_at) or _quotes(
                    turns, "job_request", "ask_before_giving", asked_at
                )
    results["give_first"] = gf

    # dare: an explicit request for advice or a contact; better once some rapport exists. Asking for a
    # job is the classic mistake: it is named, and keeps Dare below any request for advice.
    jobs = [i for i in range(n) if "job_request" in has[i]]
    asks = [i for i in range(n) if "asking" in has[i] and "job_request" not in has[i]]
    dr = KeyResult("dare", None)
    if asks or jobs or "dare" in opened_set or len(substantive) >= 4:
        if asks:
            rapport = any(("open_question" in has[i] or "giving" in has[i]) for i in range(asks[0] + 1))
            dr.score = _clamp(70 + (20 if rapport else -15) + (10 if len(asks) > 1 else 0))
            dr.earned = _quotes(turns, "asking", "asking", set(asks))
            if not rapport:
                dr.missed = _quotes(turns, "asking", "premature_ask", {asks[0]})
        elif not jobs:
            dr.score = 10
            dr.rewrites = [rewriter.ask()]
        if jobs:
            dr.score = _clamp(
                min(JOB_REQUEST_DARE, dr.score if dr.score is not None else 100) - 10 * (len(jobs) - 1)
            )
            job_quotes = _quotes(turns, "job_request", "job_request", set(jobs))
            dr.missed = job_quotes + dr.missed
            dr.rewrites = [rewriter.job_request(q.text) for q in job_quotes[:2]]
    results["dare"] = dr

    # long_term: thanks and promises to keep the person informed; a bare "ok merci" is thanks, not a
    # relationship built.
    thanks = [i for i in range(n) if "gratitude" in has[i]]
    full_thanks = [i for i in thanks if _words(turns[i].text) >= SUBSTANTIVE_WORDS]
    lt = KeyResult("long_term", None)
    if thanks or "long_term" in opened_set or ended_naturally or len(substantive) >= 5:
        if not thanks:
            lt.score = 10
            lt.rewrites = [rewriter.thanks()]
        elif not full_thanks:
            lt.score = 40
            lt.missed = _quotes(turns, "gratitude", "bare_thanks")
            lt.rewrites = [rewriter.thanks()]
        else:
            late = thanks[-1] >= n - 2
            lt.score = _clamp(70 + (15 if len(full_thanks) > 1 else 0) + (15 if late else 0))
            lt.earned = _quotes(turns, "gratitude", "gratitude")
    results["long_term"] = lt

    # be_yourself (heuristic): speaking in one's own name about one's path; buzzwords cost. Questions
    # and requests ("je cherche un poste, vous avez quelque chose ?") are not about one's path.
    by = KeyResult("be_yourself", None)
    if len(substantive) >= 3:
        personal = [(i, q) for i in substantive if (q := _personal_sentence(turns[i])) is not None]
        buzzy = [(i, w) for i in range(n) for w in buzzwords(turns[i].text, lang)]
        by.score = _clamp(
            30 + 25 * min(len(personal), 2) + (20 if not buzzy else 0) - 15 * len({i for i, _ in buzzy})
        )
        by.earned = [Quote(q, "personal", i + 1) for i, q in personal[:2]]
        by.missed = [Quote(w, "buzzword", i + 1) for i, w in buzzy[:3]]
    results["be_yourself"] = by

    # enjoy (heuristic): warm, positive tone; apologies, gloom and gloomy one-word replies ("bof",
    # "rien", "meh") cost; the mood check counts.
    en = KeyResult("enjoy", None)
    before_mood, after_mood = moods
    if len(substantive) >= 3 or after_mood is not None:
        warm, cold = [], []
        for i in range(n):
            w, c = mood_markers(turns[i].text, lang)
            if w:
                warm.append(i)
            if c or is_gloomy_reply(turns[i].text, lang):
                cold.append(i)
        score = 40 + 20 * min(len(warm), 3) - 15 * len(cold)
        if after_mood is not None:
            score += 10 * (after_mood - 3) + (
                5 * (after_mood - before_mood) if before_mood is not None else 0
            )
        en.score = _clamp(score)
        en.earned = [Quote(shorten(turns[i].text), "warm_tone", i + 1) for i in warm[:2] if i not in cold]
        en.missed = [Quote(shorten(turns[i].text), "cold_tone", i + 1) for i in cold[:2]]
    results["enjoy"] = en

    for key, points in (nudges or {}).items():
        current = results[key].score if key in results else None
        if current is not None:
            results[key].score = _clamp(current + points)
    for result in results.values():
        _dedupe(result)
    early_job = any(i < JOB_REQUEST_EARLY_TURNS for i in jobs)
    return Debrief({key: results[key] for key in KEY_IDS}, cap=JOB_REQUEST_OVERALL_CAP if early_job else None)


def _gives_before_asking(turn: Analysis, i: int, first_ask: int) -> bool:
    """Whether the offer of turn `i` comes before the conversation's first request (turn `first_ask`)."""
    if i != first_ask:
        return i < first_ask
    gift = min(s.start for s in turn.evidence.get("giving", ()))
    ask = min(s.start for label in ("asking", "job_request") for s in turn.evidence.get(label, ()))
    return gift < ask


def _dedupe(result: KeyResult) -> None:
    """Each user sentence quoted at most once per key: never both ✅ and ⚠️ (the warning wins), and
    never a reply next to one of its own sentences."""
    kept: list[Quote] = []
    for quote in [*result.missed, *result.earned]:
        if any(q.turn == quote.turn and (quote.text in q.text or q.text in quote.text) for q in kept):
            continue
        kept.append(quote)
    result.missed = [q for q in result.missed if q in kept]
    result.earned = [q for q in result.earned if q in kept]


# Labels that make a sentence a question or a request: never credited as speaking about oneself.
_NOT_PERSONAL = ("open_question", "closed_question", "asking", "job_request")


# Said in one's own name, and not a courtesy ("merci de me recevoir", "ravi de vous rencontrer").
_FIRST_PERSON = {
    "fr": re.compile(r"\b(?:je|j'|moi|mon|ma|mes)(?=\W|$)"),
    "en": re.compile(r"\b(?:i|i'm|im|i've|i'd|my|me|myself)\b"),
}
_COURTESY = re.compile(
    r"^\W*(?:(?:bonjour|bonsoir|salut|hello|hi|hey|good (?:morning|afternoon|evening))\b[^.!?]*?[,!.]?\s*)?"
    r"(?:(?:et |encore )?merci|je vous remercie|je te remercie|(?:je suis )?(?:ravie?|enchantee?|heureux|heureuse|contente?)"
    r"|thanks|thank you|cheers|(?:it's |it is )?(?:so |really )?(?:nice|great|lovely|good) to|(?:i'm |i am )?(?:so |really )?"
    r"(?:pleased|glad|delighted|happy) to (?:meet|see|be)|a pleasure)\b"
)


def speaks_about_self(turn: Analysis) -> bool:
    """Whether the reply tells something of the user, in their own name, beyond a courtesy: a persona
    answers "so you want to change careers" only to a user who said something of the kind."""
    if _personal_sentence(turn) is not None:
        return True
    first_person = _FIRST_PERSON["en" if turn.lang == "en" else "fr"]
    # "je sais que vous êtes occupée", "je peux vous envoyer l'étude" are about the other person
    spans = [s for label in (*_NOT_PERSONAL, "presumption", "giving") for s in turn.evidence.get(label, ())]
    for a, b in sentences(turn.text):
        if any(s.start < b and a < s.end for s in spans):
            continue
        # "Merci de me recevoir, j'ai 45 ans et je viens de la vente": the courtesy, then the person
        for part in re.split(r"[,;:]|\s(?:et|and|mais|but)\s", fold(turn.text[a:b])):
            if first_person.search(part) and not _COURTESY.match(part):
                return True
    return False


def _personal_sentence(turn: Analysis) -> str | None:
    """The first sentence where the user speaks about their own path (not a question, not a request)."""
    spans = [s for label in _NOT_PERSONAL for s in turn.evidence.get(label, ())]
    for a, b in sentences(turn.text):
        if any(s.start < b and a < s.end for s in spans):
            continue
        sentence = turn.text[a:b].strip()
        if is_personal(sentence, turn.lang):
            return shorten(sentence)
    return None
