"""The seven keys of the method, in the order of the source text."""

from __future__ import annotations

KEY_IDS: tuple[str, ...] = (
    "no_preconceptions",
    "be_yourself",
    "give_first",
    "take_interest",
    "long_term",
    "enjoy",
    "dare",
)
