"""Rule-based scorer: one message in, labels with evidence spans out.

Pure domain code (stdlib only). The pipeline:

1. normalise the text (lowercase, accents stripped, apostrophes/dashes unified, spaces collapsed)
   while keeping an offset map back to the original characters;
2. cut it into sentences (on . ! ? ; … and newlines) and each sentence into sub-clauses (", et",
   ", mais", ":", " et est-ce que" …) so that "X, mais pourriez-vous … ?" is read as two units;
3. decide per sub-clause whether it is an open or a closed question, and per sentence / comma chunk
   whether it asks, gives, thanks or presumes, with the language rules of `scorer_fr` / `scorer_en`;
4. map every evidence span back to the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from re import Pattern

from bot.coach import scorer_en, scorer_fr
from bot.coach.analysis import LABELS, Analysis, Span
from bot.coach.scorer_rules import Gated, Rules

_RULES: dict[str, Rules] = {"fr": scorer_fr.RULES, "en": scorer_en.RULES}

# ---------------------------------------------------------------------------------------------
# Normalisation with an offset map
# ---------------------------------------------------------------------------------------------

_SPECIAL: dict[str, str] = {}
for _c in "\u2019\u2018\u02bc`\u00b4\u2032":
    _SPECIAL[_c] = "'"
for _c in "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033":
    _SPECIAL[_c] = '"'
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    _SPECIAL[_c] = "-"
for _c in "\n\r\u2028\u2029\x0b\x0c\x85":
    _SPECIAL[_c] = "\n"
_SPECIAL["\u2026"] = "."
_SPECIAL["\u0153"] = _SPECIAL["\u0152"] = "oe"
_SPECIAL["\u00e6"] = _SPECIAL["\u00c6"] = "ae"
_SPECIAL["\u00df"] = "ss"

_CHAR_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 20_000


def _norm_char(ch: str) -> str:
    out = _CHAR_CACHE.get(ch)
    if out is not None:
        return out
    if ch in _SPECIAL:
        out = _SPECIAL[ch]
    elif ch.isspace():
        out = " "
    else:
        decomposed = unicodedata.normalize("NFKD", ch.lower())
        out = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(out) > 4:  # ligatures such as U+FDFA expand a lot: keep them opaque
            out = ch
        # a lone combining mark maps to "" (it disappears from the normalised text)
    if len(_CHAR_CACHE) < _CACHE_LIMIT:
        _CHAR_CACHE[ch] = out
    return out


def _one_to_one_table() -> dict[int, str]:
    """Characters whose normal form is exactly one ASCII character (accented Latin letters, quotes…)."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x2100):
        ch = chr(code)
        out = _norm_char(ch)
        if len(out) == 1 and out.isascii() and out != ch:
            table[code] = out
    for ch in "\t\x0b\x0c":
        table[ord(ch)] = " "
    table[ord("`")] = "'"
    table[ord("\r")] = "\n"
    return table


_TABLE = _one_to_one_table()
_CHAR_CACHE.clear()


def normalise(text: str) -> tuple[str, Sequence[int]]:
    """Return (normalised text, omap) where omap[i] is the index in `text` of normalised char i."""
    # Fast path: every character maps to exactly one ASCII character and no spaces need collapsing.
    fast = text.translate(_TABLE).lower()
    if (
        len(fast) == len(text)
        and fast.isascii()
        and "  " not in fast
        and " \n" not in fast
        and "\n " not in fast
        and not fast.startswith(" ")
    ):
        return fast, range(len(text))
    return _normalise_slow(text)


def _normalise_slow(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    omap: list[int] = []
    prev = "\n"
    get = _CHAR_CACHE.get
    for i, ch in enumerate(text):
        out = get(ch)
        if out is None:
            out = _norm_char(ch)
        for c in out:
            if c == " " and (prev == " " or prev == "\n"):
                continue
            if c == "\n" and prev == " ":
                chars[-1] = "\n"
                omap[-1] = i
                prev = c
                continue
            chars.append(c)
            omap.append(i)
            prev = c
    return "".join(chars), omap


# ---------------------------------------------------------------------------------------------
# Segmentation
# ---------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.!?;\n]+", re.A)
_HAS_WORD = re.compile(r"[a-z0-9]", re.A)
_CHUNK_SPLIT = Gated(
    re.compile(r"\s*(?:[,:()\"]|\s-\s|\s(?=(?:mais|but)\s))\s*", re.A),
    (",", ":", "(", ")", '"', "-", " mais ", " but "),
)
_STRIP = " ,:;-\"'()*_~"


# A "." that does not end a sentence: after a title or a short abbreviation ("M. Dupont", "Mme.",
# "cf.", "Dr."), or inside a token ("3.5", "lesechos.fr", "www.x.com"). URLs are skipped whole.
_ABBREV = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pr",
        "prof",
        "st",
        "ste",
        "cf",
        "ex",
        "vs",
        "av",
        "bd",
        "sr",
        "jr",
        "env",
    ]
)
_URL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?)]", re.A)


def _not_an_end(norm: str, start: int, run: str) -> bool:
    if run != ".":
        return False
    nxt = norm[start + 1 : start + 2]
    if nxt and (nxt.isalnum() or nxt == "/"):
        return True  # "3.5", "site.fr", "p.ex"
    if nxt != " ":
        return False
    i = start
    while i > 0 and norm[i - 1].isalpha():
        i -= 1
    word = norm[i:start]
    # a one-letter initial ("J. Martin") or a title; never "la" / "moi" / "ok" (ordinary words)
    return word in _ABBREV or (len(word) == 1 and word not in "aky")


def _sentences(norm: str) -> list[tuple[int, int, str]]:
    """(start, end, terminal) with terminal in {'?', '.', ''} ('' = no punctuation: casual)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    urls = [(u.start(), u.end()) for u in _URL.finditer(norm)] if ("//" in norm or "www." in norm) else []
    for m in _SENT_END.finditer(norm):
        run = m.group(0)
        if urls and any(a <= m.start() < b for a, b in urls):
            continue
        if _not_an_end(norm, m.start(), run):
            continue
        term = "?" if "?" in run else ("." if any(c in run for c in ".!;") else "")
        out.append((pos, m.start(), term))
        pos = m.end()
    if pos < len(norm):
        out.append((pos, len(norm), ""))
    return [(s, e, t) for s, e, t in out if _HAS_WORD.search(norm, s, e)]


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a] in _STRIP:
        a += 1
    while b > a and s[b - 1] in _STRIP:
        b -= 1
    return a, b


def _split(s: str, a: int, b: int, pattern: Gated) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    pos = a
    for m in pattern.finditer(s, a, b):
        if m.start() > pos:
            parts.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < b:
        parts.append((pos, b))
    out = []
    for x, y in parts:
        x, y = _trim(s, x, y)
        if x < y and _HAS_WORD.search(s, x, y):
            out.append((x, y))
    return out


# ---------------------------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------------------------


class _Sentence:
    __slots__ = ("start", "end", "term", "subs", "chunks", "chunk_starts", "kinds", "is_question")

    def __init__(self, norm: str, start: int, end: int, term: str, rules: Rules) -> None:
        self.start, self.end, self.term = start, end, term
        self.subs = _split(norm, start, end, rules.sub_split) or [(start, end)]
        self.chunks = _split(norm, start, end, _CHUNK_SPLIT) or [(start, end)]
        self.chunk_starts = [c[0] for c in self.chunks]
        self.kinds: list[str | None] = []
        self.is_question = False

    def chunk_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.chunk_starts, pos) - 1
        return self.chunks[max(i, 0)]


def _classify(norm: str, sent: _Sentence, a: int, b: int, last: bool, rules: Rules) -> str | None:
    """'open', 'closed' or None for the sub-clause norm[a:b] of `sent`."""
    clause = norm[a:b]
    if (
        rules.rhetorical is not None
        and rules.rhetorical.match(clause)
        and not rules.second_person.search(clause)
    ):
        return None
    # a forced marker decides; when both occur, the first one frames the clause ("i was wondering if
    # you'd introduce me to someone who could tell me what it's like" is a yes/no request)
    mo = rules.open_forced.search(clause)
    mc = rules.closed_forced.search(clause)
    if mo is not None and (mc is None or mo.start() <= mc.start()):
        return "open"
    if mc is not None:
        return "closed"
    term = sent.term
    kind: str | None = None
    if term == "?" and last:
        kind = rules.in_situ(clause) or "closed"
    elif term == "?":
        kind = rules.at_start(clause) or (rules.in_situ(clause) if rules.strong(clause) else None)
    elif term == "":
        kind = rules.at_start(clause)
        if kind is None and rules.intonation(clause):
            kind = rules.in_situ(clause) or "closed"
    else:  # '.' or '!': only explicit interrogative syntax (inversion, est-ce que, do you …)
        if rules.strong(clause):
            kind = rules.in_situ(clause) or "closed"
    return kind or None


def _add(bucket: dict[str, list[tuple[int, int]]], label: str, a: int, b: int) -> None:
    spans = bucket[label]
    if (a, b) not in spans:
        spans.append((a, b))


def _drop(bucket: dict[str, list[tuple[int, int]]], label: str, start: int, end: int) -> None:
    """Forget the spans of `label` that overlap [start, end)."""
    bucket[label] = [(a, b) for a, b in bucket[label] if b <= start or a >= end]


def _negated(norm: str, chunk: tuple[int, int], m_end: int, rules: Rules) -> bool:
    return rules.negation.search(norm, chunk[0], min(chunk[1], m_end + 14)) is not None


def _score_sentence(
    norm: str, sent: _Sentence, rules: Rules, bucket: dict[str, list[tuple[int, int]]]
) -> None:
    s, e = sent.start, sent.end
    # --- questions ---------------------------------------------------------------------------
    n = len(sent.subs)
    for i, (a, b) in enumerate(sent.subs):
        kind = _classify(norm, sent, a, b, i == n - 1, rules)
        sent.kinds.append(kind)
    if not any(sent.kinds) and sent.term != "?" and len(sent.chunks) > 1:
        a, b = sent.chunks[-1]
        if rules.tail_question(norm[a:b]):
            sent.kinds[-1] = rules.in_situ(norm[a:b]) or "closed"
            sent.subs[-1] = (a, b)
    if any(sent.kinds):
        sent.is_question = True
        hypo = rules.hypothetical.search(norm, s, e) is not None
        for (a, b), kind in zip(sent.subs, sent.kinds, strict=True):
            if kind is None:
                continue
            if hypo:
                kind = "open"
            end = b
            if sent.term == "?" and (a, b) == sent.subs[-1]:
                q = norm.find("?", e)  # the sentence's terminator run holds a "?": include it in the evidence
                end = q + 1 if q != -1 else b
            _add(bucket, f"{kind}_question", a, end)
    is_q = sent.is_question or sent.term == "?"

    # --- giving (computed first: an offer cancels a first-person "can I …?" request) -----------
    give_chunks: set[tuple[int, int]] = set()
    for m in rules.giving.finditer(norm, s, e):
        chunk = sent.chunk_at(m.start())
        if rules.self_object.search(norm, m.end(), min(chunk[1], m.end() + 60)):
            continue
        if _negated(norm, chunk, m.end(), rules) and not is_q:
            continue
        give_chunks.add(chunk)
        _add(bucket, "giving", *chunk)

    # --- asking --------------------------------------------------------------------------------
    for pattern, needs_q in rules.asking:
        if needs_q and not is_q:
            continue
        for m in pattern.finditer(norm, s, e):
            chunk = sent.chunk_at(m.start())
            if not is_q and _negated(norm, chunk, m.end(), rules):
                continue
            _add(bucket, "asking", *chunk)
    if is_q:
        for m in rules.ask_self_modal.finditer(norm, s, e):
            chunk = sent.chunk_at(m.start())
            if chunk in give_chunks:
                continue
            _add(bucket, "asking", *chunk)

    _job_requests(norm, sent, rules, bucket)

    # --- gratitude -----------------------------------------------------------------------------
    for m in rules.gratitude.finditer(norm, s, e):
        chunk = sent.chunk_at(m.start())
        if rules.gratitude_not.search(norm, chunk[0], chunk[1]):
            continue
        _add(bucket, "gratitude", *chunk)

    # --- presumption ---------------------------------------------------------------------------
    if rules.presumption_not.search(norm, s, e):
        return
    for m in rules.presumption.finditer(norm, s, e):
        chunk = sent.chunk_at(m.start())
        if chunk in give_chunks:  # "je connais un chef qui accepterait sûrement de…": a hope inside an offer
            continue
        _add(bucket, "presumption", *chunk)


def _found(pattern: Pattern[str], norm: str, start: int, end: int) -> bool:
    return pattern.search(norm, start, end) is not None


_ME = re.compile(r"\b(?:moi|le mien|me|mine|my)\b", re.A)
# the user's application as the object of a favour ("could you put my application in front of the GM?")
_MY_FILE = re.compile(
    r"\b(?:my (?:application|cv|resume|portfolio)|mon (?:cv|dossier|profil|portfolio|book)|ma candidature)\b",
    re.A,
)
# an opinion on the user's plan ("je vise un poste de X, ça vous semble cohérent ?"), not a job request
_OPINION = re.compile(
    r"\b(?:semble|coherent\w*|pertinent\w*|bonne idee|seems?|consistent|makes? sense|looks? (?:right|good|ok|okay|realistic"
    r"|sensible)|a good (?:move|idea|plan))\b",
    re.A,
)
_THEIRS = re.compile(r"\b(?:you|your|ur|u|vous|vs|votre|vos|ton|ta|tes|tu)\b", re.A)
# a reminder is a request despite its negation: "n'oubliez pas de penser à moi", "don't forget me"
_REMINDER = re.compile(r"\bn'oubli\w* pas\b|\bdon'?t forget\b", re.A)


def _job_requests(norm: str, sent: _Sentence, rules: Rules, bucket: dict[str, list[tuple[int, int]]]) -> None:
    """A job request (LABELS.md): a favour for a post is also `asking`; a question whether they hire or
    have a post for the user, read in a closed question, is kept aside: an offer of candidates cancels it."""
    s, e = sent.start, sent.end
    asks = list(rules.job_ask.finditer(norm, s, e))
    if (
        (sent.term == "?" or sent.is_question)
        and not _found(rules.job_not, norm, s, e)  # advice or training to get a post is not asking for one
    ):
        asks += rules.job_ask_in_question.finditer(norm, s, e)
    if rules.job_context.search(norm, s, e):
        asks += rules.job_ask_in_context.finditer(norm, s, e)
    if (
        (sent.term == "?" or sent.is_question or _found(rules.job_request_form, norm, s, e))
        # in a question, what its question clauses ask ("je sais que vous recrutez des ingés, mais : vous auriez
        # 10 min ?" asks for time)
        and (thing := _job_thing_asked(norm, sent, rules.job_thing)) is not None
        and _found(rules.job_self, norm, s, e)
        and not _found(rules.job_not, norm, s, e)
        and not any(s <= ga < e for ga, _ in bucket["giving"])
        and (_REMINDER.search(norm, s, e) is not None or not _negated(norm, (s, e), e, rules))
    ):
        chunk = sent.chunk_at(thing.start())
        _add(bucket, "job_request", *chunk)
        if _found(rules.job_request_form, norm, s, e) and (
            _found(rules.job_favour, norm, s, e)
            or _MY_FILE.search(norm, s, e) is not None
            or _REMINDER.search(norm, s, e) is not None
        ):
            _add(bucket, "asking", *chunk)  # a favour for the user: "could you back me for the post?"
    if (
        "closed" in sent.kinds
        and (opening := rules.job_opening.search(norm, s, e)) is not None
        # their need ("vous n'auriez pas besoin d'un…"), not "is the council hiring youth workers?"
        and _THEIRS.search(norm, max(s, opening.start() - 8), opening.end()) is not None
        # hiring interns or volunteers is not hiring the user
        and not (_found(rules.job_others, norm, s, e) and _ME.search(norm, s, e) is None)
        and not _found(rules.job_not, norm, s, e)
    ):
        # "votre agence aurait besoin d'un négociateur ?"
        _add(bucket, "_job_question", *sent.chunk_at(opening.start()))
    for m in asks:
        chunk = sent.chunk_at(m.start())
        if sent.term != "?" and _negated(norm, chunk, m.end(), rules):
            continue
        _add(bucket, "job_request", *chunk)
        _add(bucket, "asking", *chunk)
    if sent.term == "?" or sent.is_question or asks:
        # a question or request about "a post" for the user, not about how to get one
        post = rules.job_post.search(norm, s, e)
        if post and _found(rules.job_me, norm, s, e) and not _found(rules.job_not, norm, s, e):
            chunk = sent.chunk_at(post.start())
            _add(bucket, "job_request", *chunk)
            if rules.job_favour.search(norm, s, e):
                _add(bucket, "asking", *chunk)
    if not (sent.term == "?" or sent.is_question) or "closed" not in sent.kinds:
        return  # a statement, or an open question on how they hire
    for m in rules.job_question.finditer(norm, s, e):
        chunk = sent.chunk_at(m.start())
        if sent.term != "?" and _negated(norm, chunk, m.end(), rules):
            continue
        if rules.job_others.search(m.group(0)) and not _ME.search(m.group(0)):
            continue  # hiring interns, volunteers…: not for the user
        _add(bucket, "_job_question", *chunk)


def _job_thing_asked(norm: str, sent: _Sentence, thing: Pattern[str]) -> re.Match[str] | None:
    """A post named in what the sentence asks: in a question, its question clauses only ("je sais que vous
    recrutez des ingés, mais : vous auriez 10 min ?" asks for time)."""
    if sent.term == "?" or sent.is_question:
        asked = [span for span, kind in zip(sent.subs, sent.kinds, strict=False) if kind]
        for a, b in asked or [(sent.subs[-1][0], sent.end)]:
            if (m := thing.search(norm, a, b)) is not None:
                return m
        return None
    return thing.search(norm, sent.start, sent.end)


def _bucket_has(bucket: dict[str, list[tuple[int, int]]], label: str, sent: _Sentence) -> bool:
    return any(sent.start <= a < sent.end for a, _ in bucket[label])


def _job_in_message(
    norm: str, sentences: Sequence[_Sentence], rules: Rules, bucket: dict[str, list[tuple[int, int]]]
) -> None:
    """Job requests read from the whole message: a favour about an application named elsewhere in it,
    and self-candidacy (ready to work there, in a message naming an opening): not an offer."""
    # "I've attached my portfolio. Forward it…", "mention me to X when they're looking for a new operator"
    if rules.job_context.search(norm) or _MY_FILE.search(norm) or rules.job_opening.search(norm):
        for sent in sentences:
            for m in rules.job_ask_in_message.finditer(norm, sent.start, sent.end):
                chunk = sent.chunk_at(m.start())
                if not _negated(norm, chunk, m.end(), rules):
                    _add(bucket, "job_request", *chunk)
                    _add(bucket, "asking", *chunk)
                    # "je vous ai envoyé ma candidature, vous pourriez la mettre en haut de la pile ?"
                    _drop(bucket, "giving", sent.start, sent.end)
    if not rules.job_ready.search(norm):
        return
    for sent in sentences:
        ready = rules.job_ready.search(norm, sent.start, sent.end)
        opening = rules.job_opening.search(norm, sent.start, sent.end)
        # a question on a post or their hiring, in a message where the user says they are keen:
        # "vous prenez des apprentis ? J'ai 34 ans mais je suis très motivée"
        asked_post = (sent.term == "?" or sent.is_question) and (
            _found(rules.job_thing, norm, sent.start, sent.end)
            or _found(rules.job_others, norm, sent.start, sent.end)  # "vous prenez des apprentis ?"
            or _bucket_has(bucket, "_job_question", sent)
        )
        # keen, in the question itself ("J'aimerais rejoindre votre cabinet, il y aurait moyen ?") or about a
        # post at their place ("un poste dans votre maison d'édition serait un rêve")
        keen = ready is not None and (
            sent.term == "?"
            or sent.is_question
            or (
                _found(rules.job_thing, norm, sent.start, sent.end)
                and _THEIRS.search(norm, sent.start, sent.end)
            )
        )
        # once the user has said they want the post, a question about how to reach it asks for the post
        # ("… la personne qui gère les recrutements ? J'aimerais postuler.")
        if asked_post or (
            (opening is not None or keen or ready is not None and rules.job_opening.search(norm))
            and not _found(rules.job_not, norm, sent.start, sent.end)
        ):
            chunk = (sent.start, sent.end)
            _add(bucket, "job_request", *chunk)
            _drop(bucket, "giving", sent.start, sent.end)  # offering oneself as a hire is not a gift


def analyse(text: str, lang: str = "fr") -> Analysis:
    """Return what the message shows: for each label, the spans of `text` that show it."""
    rules = _RULES.get((lang or "fr").lower()[:2], scorer_fr.RULES)
    norm, omap = normalise(text)
    bucket: dict[str, list[tuple[int, int]]] = {label: [] for label in LABELS}
    bucket["_job_question"] = []
    sentences = [_Sentence(norm, start, end, term, rules) for start, end, term in _sentences(norm)]
    for sent in sentences:
        _score_sentence(norm, sent, rules, bucket)
    if rules.job_seeking.search(norm):
        # "Je cherche un CDI dans la logistique : vous avez des pistes chez vous ?"
        for sent in sentences:
            if (
                (sent.term == "?" or sent.is_question)
                and (m := rules.job_at_theirs.search(norm, sent.start, sent.end))
                # "je vise un poste de X, ça vous semble cohérent ?" asks an opinion on the plan
                and _OPINION.search(norm, sent.start, sent.end) is None
            ):
                _add(bucket, "job_request", *sent.chunk_at(m.start()))
    for a, b in bucket["_job_question"]:
        # "Vous cherchez des bénévoles ? Je connais deux retraités…" offers candidates: an offer after
        # the question cancels it (an offer before it does not: "… je peux vous aider. Vous recrutez ?")
        if not any(ga >= b for ga, _ in bucket["giving"]):
            _add(bucket, "job_request", a, b)
            # "does your team need someone like me?" asks to be taken on: not an offer
            _drop(bucket, "giving", a, b)
    _job_in_message(norm, sentences, rules, bucket)
    evidence: dict[str, tuple[Span, ...]] = {}
    for label in LABELS:
        pairs = bucket[label]
        if not pairs:
            evidence[label] = ()
            continue
        spans: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for a, b in sorted(pairs):
            if a >= b:
                continue
            oa, ob = omap[a], omap[b - 1] + 1
            if (oa, ob) in seen:
                continue
            seen.add((oa, ob))
            spans.append(Span(oa, ob, text[oa:ob]))
        evidence[label] = tuple(spans)
    return Analysis(text=text, lang=lang, evidence=evidence)
