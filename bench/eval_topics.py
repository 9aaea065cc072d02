"""Accuracy of the topic reader (bot.coach.topics) on labelled user turns.

    python bench/eval_topics.py [CSV ...] [--errors]

CSV columns: text, lang, asked — the topic of each question the turn asks, in order, separated by
";" ("-" for a question on no known topic, empty when the turn asks nothing). Default: every
bench/data/topics-*.csv. Prints, per file and language: the share of question turns whose first
topic is read right (what the persona answers), the share of turns whose whole list is right, and
the share of turns without a question read as asking one.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.coach.topics import read  # noqa: E402


def gold(cell: str) -> list[str | None]:
    return [None if t == "-" else t for t in (cell or "").split(";") if t]


def evaluate(rows: list[dict]) -> dict[str, list[int]]:
    """counts[lang] = [question turns, first topic right, turns, whole list right, no-question turns, false questions]"""
    counts: dict[str, list[int]] = {}
    errors = []
    for row in rows:
        want = gold(row["asked"])
        got = list(read(row["text"], row["lang"]).asked)
        for lang in (row["lang"], "all"):
            c = counts.setdefault(lang, [0, 0, 0, 0, 0, 0])
            c[2] += 1
            c[3] += got == want
            if want:
                c[0] += 1
                c[1] += bool(got) and got[0] == want[0]
            else:
                c[4] += 1
                c[5] += bool(got)
        if got != want:
            errors.append((row, want, got))
    return counts, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "bench" / "data").glob("topics-*.csv"))
    for path in files:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        counts, errors = evaluate(rows)
        print(f"{path.name}: {len(rows)} turns")
        for lang, (q, first, n, whole, nq, false_q) in sorted(counts.items()):
            print(
                f"  {lang:3}  first topic {first}/{q} = {first / q:.1%}   whole list {whole}/{n} = {whole / n:.1%}"
                f"   no-question turns read as questions {false_q}/{nq}"
            )
        if args.errors:
            for row, want, got in errors:
                print(f"    want {want} got {got}: {row['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
