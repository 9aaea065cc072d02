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
from bot.coach.rewrite import (
    Rewrite,
    rewrite_closed,
    rewrite_presumption,
    suggest_ask,
    suggest_gift,
    suggest_thanks,
)
from bot.coach.style import buzzwords, is_personal, mood_markers

SUBSTANTIVE_WORDS = 4


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

    @property
    def overall(self) -> int | None:
        measured = [k.score for k in self.keys.values() if k.score is not None]
        return round(sum(measured) / len(measured)) if measured else None

    def scores(self) -> dict[str, int | None]:
        return {key: self.keys[key].score for key in KEY_IDS}

    def weakest(self) -> str | None:
        measured = [(k.score, i, k.key) for i, k in enumerate(self.keys.values()) if k.score is not None]
        return min(measured)[2] if measured else None


_SENTENCE_END = re.compile(r"[.!?…\n]+")


def sentence_around(text: str, span: Span) -> str:
    """The sentence of `text` that holds the span, trimmed: what the user actually wrote."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, span.start):
        start = m.end()
    m = _SENTENCE_END.search(text, span.end)
    end = m.end() if m else len(text)
    sentence = text[start:end].strip()
    return sentence if len(sentence) <= 300 else sentence[:297].rstrip() + "…"


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
    gettext=lambda s: s,
) -> Debrief:
    """Score the seven keys of one rehearsal from the analyses of the user's turns (in order).

    `opened` lists keys the scenario gave a chance to show; `gettext` translates rewrite templates
    into the rehearsal's language.
    """
    lang = turns[0].lang if turns else "fr"
    n = len(turns)
    opened_set = set(opened)
    has = [set(t.labels) for t in turns]
    substantive = [i for i, t in enumerate(turns) if _words(t.text) >= SUBSTANTIVE_WORDS]
    short = n - len(substantive)
    results: dict[str, KeyResult] = {}

    def first(label: str) -> int | None:
        return next((i for i, labels in enumerate(has) if label in labels), None)

    # take_interest: open questions earn, closed-only questions and one-word replies cost.
    opens = [i for i in range(n) if "open_question" in has[i]]
    # A request or an offer is naturally phrased as a yes/no question: only plain closed questions cost.
    closed_only = [
        i
        for i in range(n)
        if "closed_question" in has[i] and not has[i] & {"open_question", "asking", "giving"}
    ]
    ti = KeyResult("take_interest", None)
    if n:
        ti.score = _clamp(25 + 25 * min(len(opens), 3) - 5 * len(closed_only) - 5 * short)
        ti.earned = _quotes(turns, "open_question", "open_question")
        ti.missed = _quotes(turns, "closed_question", "closed_question", set(closed_only))
        ti.rewrites = [rw for q in ti.missed[:2] if (rw := rewrite_closed(q.text, lang, gettext))]
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
        nop.rewrites = [rw for q in nop.missed[:2] if (rw := rewrite_presumption(q.text, lang, gettext))]
    results["no_preconceptions"] = nop

    # give_first: offering something, ideally before asking.
    gifts = [i for i in range(n) if "giving" in has[i]]
    first_ask = first("asking")
    gf = KeyResult("give_first", None)
    if gifts or "give_first" in opened_set or len(substantive) >= 4:
        if not gifts:
            gf.score = 15
            gf.rewrites = [suggest_gift(lang, gettext)]
        else:
            gave_first = first_ask is None or gifts[0] <= first_ask
            gf.score = _clamp((70 if len(gifts) == 1 else 85) + (15 if gave_first else 0))
            gf.earned = _quotes(turns, "giving", "giving")
            if not gave_first:
                gf.missed = _quotes(turns, "asking", "ask_before_giving", {first_ask})
    results["give_first"] = gf

    # dare: an explicit request; better once some rapport exists.
    asks = [i for i in range(n) if "asking" in has[i]]
    dr = KeyResult("dare", None)
    if asks or "dare" in opened_set or len(substantive) >= 4:
        if not asks:
            dr.score = 10
            dr.rewrites = [suggest_ask(lang, gettext)]
        else:
            rapport = any(("open_question" in has[i] or "giving" in has[i]) for i in range(asks[0] + 1))
            dr.score = _clamp(70 + (20 if rapport else -15) + (10 if len(asks) > 1 else 0))
            dr.earned = _quotes(turns, "asking", "asking")
            if not rapport:
                dr.missed = _quotes(turns, "asking", "premature_ask", {asks[0]})
    results["dare"] = dr

    # long_term: thanks and promises to keep the person informed.
    thanks = [i for i in range(n) if "gratitude" in has[i]]
    lt = KeyResult("long_term", None)
    if thanks or "long_term" in opened_set or ended_naturally or len(substantive) >= 5:
        if not thanks:
            lt.score = 10
            lt.rewrites = [suggest_thanks(lang, gettext)]
        else:
            late = thanks[-1] >= n - 2
            lt.score = _clamp(70 + (15 if len(thanks) > 1 else 0) + (15 if late else 0))
            lt.earned = _quotes(turns, "gratitude", "gratitude")
    results["long_term"] = lt

    # be_yourself (heuristic): speaking in one's own name about one's path; buzzwords cost.
    by = KeyResult("be_yourself", None)
    if len(substantive) >= 3:
        personal = [i for i in substantive if is_personal(turns[i].text, lang)]
        buzzy = [(i, w) for i in range(n) for w in buzzwords(turns[i].text, lang)]
        by.score = _clamp(
            30 + 25 * min(len(personal), 2) + (20 if not buzzy else 0) - 15 * len({i for i, _ in buzzy})
        )
        by.earned = [Quote(_trim(turns[i].text), "personal", i + 1) for i in personal[:2]]
        by.missed = [Quote(w, "buzzword", i + 1) for i, w in buzzy[:3]]
    results["be_yourself"] = by

    # enjoy (heuristic): warm, positive tone; apologies and gloom cost; the mood check counts.
    en = KeyResult("enjoy", None)
    before, after = moods
    if len(substantive) >= 3 or after is not None:
        warm, cold = [], []
        for i in range(n):
            w, c = mood_markers(turns[i].text, lang)
            if w:
                warm.append(i)
            if c:
                cold.append(i)
        score = 40 + 20 * min(len(warm), 3) - 15 * len(cold)
        if after is not None:
            score += 10 * (after - 3) + (5 * (after - before) if before is not None else 0)
        en.score = _clamp(score)
        en.earned = [Quote(_trim(turns[i].text), "warm_tone", i + 1) for i in warm[:2]]
        en.missed = [Quote(_trim(turns[i].text), "cold_tone", i + 1) for i in cold[:2]]
    results["enjoy"] = en

    for key, points in (nudges or {}).items():
        if key in results and results[key].score is not None:
            results[key].score = _clamp(results[key].score + points)
    return Debrief({key: results[key] for key in KEY_IDS})


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rstrip() + "…"
