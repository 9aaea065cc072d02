"""The shape of one language's rules for the scorer (see scorer_fr / scorer_en).

All patterns run on the *normalised* text: lowercase, no accents, apostrophe "'", dash "-", single
spaces. Every pattern must stay linear on adversarial input: only bounded repetitions such as
`(?:\\S+ ){0,3}?`, never nested unbounded ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

Pattern = re.Pattern[str]


# "not after an ASCII word character": the `\\b` in front of an alternative that starts with a word character
_WORD_START = "(?<![A-Za-z0-9_])"


def _split_top(pattern: str) -> list[str]:
    """Split a pattern on its top-level `|` (outside groups and character classes)."""
    parts: list[str] = []
    cur: list[str] = []
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


class WordRx:
    """Alternatives that all start at a word boundary, searched fast.

    The leading `\\b` of every alternative is factored out into one look-behind, `(?<![A-Za-z0-9_])`, in
    front of the whole alternation: `re` then rejects a position inside a word with one cheap check instead
    of trying every alternative there (a big alternation gives `re` no first-character set to skip with
    anyway). The match found is the leftmost one at a word start, exactly as if each alternative started
    with its own boundary check. Alternatives starting with a look-behind go to a second, ordinary pattern.
    """

    __slots__ = ("fast", "slow", "pattern")

    def __init__(self, alternatives: tuple[str, ...]) -> None:
        fast: list[str] = []
        slow: list[str] = []
        for alt in alternatives:
            for part in _split_top(alt):
                if part.startswith("(?<"):
                    slow.append(part)
                elif part.startswith("\\b"):
                    fast.append(part[2:])
                else:
                    raise ValueError(f"alternative must start with \\b or a look-behind: {part!r}")
        self.fast = re.compile(_WORD_START + "(?:" + "|".join(f"(?:{a})" for a in fast) + ")", re.A)
        self.slow = re.compile("|".join(f"(?:{a})" for a in slow), re.A) if slow else None
        self.pattern = "|".join(alternatives)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        end = len(s) if endpos is None else endpos
        if pos > end:
            out: list[re.Match[str]] = []
        else:
            out = list(self.fast.finditer(s, pos, end))
            for m in out:
                if m.end() == m.start():  # an empty match: step past it one character at a time instead
                    out = self._scan(s, pos, end)
                    break
        if self.slow is not None:
            out.extend(self.slow.finditer(s, pos, end))
        return out

    def _scan(self, s: str, pos: int, end: int) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        search = self.fast.search
        p = pos
        while p <= end:
            m = search(s, p, end)
            if m is None:
                break
            out.append(m)
            st, en = m.span()
            p = en if en > st else st + 1
        return out

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(s) if endpos is None else endpos
        m = self.fast.search(s, pos, end) if pos <= end else None
        if m is not None:
            return m
        return self.slow.search(s, pos, end) if self.slow is not None else None


def rx(*alternatives: str) -> WordRx:
    """Compile alternatives (each starting with `\\b` or a look-behind) into one fast pattern."""
    return WordRx(alternatives)


# ASCII whitespace other than " " (normalisation leaves none inside a sentence; a gate never skips text holding one)
_OTHER_SPACES = ("\n", "\t", "\r", "\x0b", "\x0c")


class Gated:
    """A pattern that can only match where one of `needles` occurs: `finditer` skips the scan when none does.

    Every match of `rx` inside s[pos:endpos] must contain one of the needles (plain substrings), so the
    result is exactly that of `rx.finditer`; the `in` tests cost far less than a scan by a pattern that
    starts with `\\s*` (tried at every position).
    """

    __slots__ = ("rx", "needles", "pattern")

    def __init__(self, pattern: Pattern, needles: tuple[str, ...]) -> None:
        self.rx = pattern
        self.needles = needles + _OTHER_SPACES
        self.pattern = pattern.pattern

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(s) if endpos is None else endpos
        part = s[pos:end]
        for needle in self.needles:
            if needle in part:
                return self.rx.finditer(s, pos, end)
        return iter(())


def words(*ws: str) -> str:
    """A non-capturing alternation of words, longest first."""
    return "(?:" + "|".join(sorted(ws, key=len, reverse=True)) + ")"


@dataclass(frozen=True, slots=True)
class Rules:
    sub_split: Gated
    second_person: Pattern
    rhetorical: Pattern | None
    open_forced: WordRx
    closed_forced: WordRx
    hypothetical: WordRx
    at_start: Callable[[str], str | None]
    in_situ: Callable[[str], str | None]
    strong: Callable[[str], bool]
    intonation: Callable[[str], bool]
    negation: Pattern
    giving: WordRx
    self_object: Pattern
    asking: tuple[tuple[WordRx, bool], ...]
    ask_self_modal: WordRx
    gratitude: WordRx
    gratitude_not: Pattern
    presumption: WordRx
    presumption_not: Pattern
    # the last comma chunk of an unterminated sentence read as a question on its own ("je sais que vous
    # etes occupee, vous auriez 10 min", "you must be busy, do you know anyone at X")
    tail_question: Callable[[str], bool]
    # job requests (LABELS.md): a favour for a post ("pass my CV to HR", "tu peux me pistonner"), which is
    # also `asking`; a question whether they hire or have a post for the user, read only in a question
    # (a closed one when nothing else marks it); favours that count only about a post ("keep me in mind",
    # "parler de moi") with `job_context` in the sentence; `job_others` = hiring *others* (interns…)
    job_ask: WordRx
    job_question: WordRx
    job_ask_in_context: WordRx
    job_context: Pattern
    job_others: Pattern
    # composed job requests: a question or request that asks for "a post" for the user ("ton manager
    # accepterait de me recevoir pour un poste ?": `job_post` and `job_me`, none of `job_not`), and a
    # question about openings "chez vous" in a message where the user says they seek a post
    # (`job_seeking` somewhere, `job_at_theirs` in the question)
    job_post: Pattern
    job_me: Pattern
    job_not: Pattern
    job_seeking: Pattern
    job_at_theirs: Pattern
    job_favour: Pattern  # the composed request is a favour done to the user: also `asking`
    # favours that are job requests when the *message* speaks of a post or an application ("recommend me
    # to your director? The job is still posted", "je vous envoie mon CV, vous pourrez le transmettre…")
    job_ask_in_message: WordRx
    job_ask_in_question: WordRx  # favours that are job requests only in a question
    # self-candidacy: the user says they are ready or keen to work there (`job_ready`) in a message that
    # names an opening or a need of theirs for a person (`job_opening`), question or not ("je suis prête
    # à commencer demain si vous avez une place", "If you ever need another lab tech, I'm your guy"):
    # a job request, and not an offer
    job_ready: Pattern
    job_opening: Pattern
    # a post for the user, asked: a question or a request (`job_request_form`) that names a post, hiring
    # or an application (`job_thing`) and the user (`job_self`, in the sentence), none of `job_not`:
    # "Would there be a paid internship for me?", "Si vous pouviez me coopter…", "can I apply to you guys?"
    job_thing: Pattern
    job_self: Pattern
    job_request_form: Pattern


def marker_kind(m: re.Match[str] | None, noun_rx: Pattern, fact_nouns: frozenset[str]) -> str | None:
    """Kind of an interrogative marker match with groups `o` (open), `c` (closed), `q` (quel/what)."""
    if m is None:
        return None
    if m.group("o") is not None:
        return "open"
    if m.group("c") is not None:
        return "closed"
    # "quel(le)(s) …" / "what …": closed when it asks for one fact (a size, a school, a date…),
    # unless the noun is the subject of a progressive verb ("what's your team working on": open)
    nm = noun_rx.match(m.string, m.end("q"))
    if nm is not None and nm.group("noun") in fact_nouns:
        nxt = nm.groupdict().get("next")
        if nxt is not None and len(nxt) > 4 and nxt.endswith("ing"):
            return "open"
        return "closed"
    return "open"


def rc_word(pattern: str) -> Pattern:
    """Compile a pattern whose every alternative starts at a word start: `\\b` before a word character, or `^`.

    The alternation gets one look-behind, `(?<![A-Za-z0-9_])`, in front (true wherever one of its
    alternatives could start, so the matches are the same): `re` then skips a position inside a word with
    one check instead of trying each alternative there.
    """
    return re.compile(_WORD_START + "(?:" + pattern + ")", re.A)


def rc(pattern: str) -> Pattern:
    """Compile one pattern (ASCII word boundaries: the normalised text has no accents, and ASCII `\\b` is fast)."""
    return re.compile(pattern, re.A)
