"""Precision / recall / F1 of the scorer on a labelled CSV, per label and per language.

    python bench/eval_scorer.py [CSV ...] [--errors] [--summary] [--only-summary]

With several files, --summary adds a combined table (F1 per label and language, one column a file,
plus the pooled counts); --only-summary prints only that table.

CSV format: a header row, then text,lang and one 0/1 column per label (bot.coach.analysis.LABELS).
Columns are read by their header, in any order; a label with no column in a file is not measured on
that file (older batches predate `job_request`). Default: ../shared/scoring/dev.csv next to the project root.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.coach.analysis import LABELS  # noqa: E402
from bot.coach.scorer import analyse  # noqa: E402

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/scoring/dev.csv"


def load(path: Path) -> tuple[list[dict], tuple[str, ...]]:
    """The rows of a labelled CSV, and the labels it has a column for."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        header = set(reader.fieldnames or ())
    return rows, tuple(label for label in LABELS if label in header)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict], labels: tuple[str, ...] = LABELS) -> tuple[dict, list[tuple[dict, set, set]]]:
    """counts[(lang, label)] = [tp, fp, fn]; errors = (row, missed labels, extra labels)."""
    counts: dict[tuple[str, str], list[int]] = {}
    errors = []
    for row in rows:
        lang = row["lang"]
        got = analyse(row["text"], lang).labels & set(labels)
        want = {label for label in labels if row[label].strip() == "1"}
        for label in labels:
            for key in ((lang, label), ("all", label)):
                c = counts.setdefault(key, [0, 0, 0])
                if label in got and label in want:
                    c[0] += 1
                elif label in got:
                    c[1] += 1
                elif label in want:
                    c[2] += 1
        if got != want:
            errors.append((row, want - got, got - want))
    return counts, errors


def report(path: Path, show_errors: bool, quiet: bool = False) -> dict:
    rows, labels = load(path)
    counts, errors = evaluate(rows, labels)
    if quiet:
        return counts
    langs = sorted({r["lang"] for r in rows}, key=lambda x: (x != "fr", x))
    print(f"== {path} ({len(rows)} messages, {len(rows) - len(errors)} fully right)")
    for lang in [*langs, "all"]:
        n = len(rows) if lang == "all" else sum(r["lang"] == lang for r in rows)
        print(f"-- {lang} ({n} messages)")
        print(f"   {'label':<16} {'prec':>6} {'rec':>6} {'F1':>6} {'supp':>5} {'tp':>4} {'fp':>4} {'fn':>4}")
        for label in labels:
            tp, fp, fn = counts.get((lang, label), [0, 0, 0])
            p, r, f = prf(tp, fp, fn)
            print(f"   {label:<16} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:5d} {tp:4d} {fp:4d} {fn:4d}")
    if show_errors:
        print(f"-- errors ({len(errors)})")
        for row, missed, extra in errors:
            parts = []
            if missed:
                parts.append("missed=" + ",".join(sorted(missed)))
            if extra:
                parts.append("extra=" + ",".join(sorted(extra)))
            print(f"   [{row['lang']}] {' '.join(parts):<45} {row['text']}")
    print()
    return counts


def summary(results: list[tuple[str, dict]]) -> None:
    """One table: F1 per (language, label), one column per file, and a pooled column."""
    pooled: dict[tuple[str, str], list[int]] = {}
    for _, counts in results:
        for key, c in counts.items():
            acc = pooled.setdefault(key, [0, 0, 0])
            for i in range(3):
                acc[i] += c[i]
    columns = [*results, ("pooled", pooled)] if len(results) > 1 else results
    names = [name if len(name) <= 12 else name[:11] + "~" for name, _ in columns]
    print("== F1 summary")
    print(f"   {'lang':<4} {'label':<16} " + " ".join(f"{n:>12}" for n in names))
    langs = sorted({lang for _, c in columns for lang, _ in c if lang != "all"}, key=lambda x: (x != "fr", x))
    for lang in [*langs, "all"]:
        for label in LABELS:
            cells = []
            for _, counts in columns:
                c = counts.get((lang, label))
                if c is None or c[0] + c[1] + c[2] == 0:
                    cells.append(f"{'-':>12}")
                else:
                    cells.append(f"{prf(*c)[2]:12.3f}")
            print(f"   {lang:<4} {label:<16} " + " ".join(cells))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "csv", nargs="*", type=Path, help="labelled CSV file(s); default: shared/scoring/dev.csv"
    )
    parser.add_argument("--errors", action="store_true", help="list misclassified messages")
    parser.add_argument("--summary", action="store_true", help="also print a combined F1 table")
    parser.add_argument("--only-summary", action="store_true", help="print only the combined F1 table")
    args = parser.parse_args(argv)
    results = []
    for path in args.csv or [DEFAULT_CSV]:
        results.append((path.stem, report(path, args.errors, quiet=args.only_summary)))
    if args.summary or args.only_summary:
        summary(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
