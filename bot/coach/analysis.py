"""What the scorer says of one user message: labels, each with the spans that show it.

This is the one contract between the scorer, the dialogue engine (persona branching) and the
debrief: all three read the same labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS: tuple[str, ...] = (
    "open_question",
    "closed_question",
    "giving",
    "asking",
    "gratitude",
    "presumption",
    # Asking for a job (hiring, a position, passing on one's CV): the classic mistake of a networking
    # interview. It comes on top of the other labels ("Vous recrutez ?" is also a closed question).
    "job_request",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the message, by character offsets into the original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """The labels a message shows, with evidence spans (every span lies inside the text)."""

    text: str
    lang: str
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    # What the message is about (bot.coach.topics): every topic in order of appearance, and the topic
    # of each question it asks, in order (None for a question on no known topic).
    topics: tuple[str, ...] = ()
    asked: tuple[str | None, ...] = ()

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(label for label, spans in self.evidence.items() if spans)

    def has(self, label: str) -> bool:
        return bool(self.evidence.get(label))

    def to_json(self) -> dict[str, object]:
        """The `score` command's output line (CONTRACT.md), with the topics of the message."""
        return {
            "labels": {label: self.has(label) for label in LABELS},
            "evidence": {
                label: [s.text for s in self.evidence.get(label, ())] for label in LABELS if self.has(label)
            },
            "topics": list(self.topics),
        }
