#!/usr/bin/env python3
"""Precision check of `job_request` on questions that are not job requests.

    python bench/job_precision.py [--show]

The labelled turns of bench/data/topics-*.csv (written for the topic reader, by three writers) hold
hundreds of questions on the persona's path, team, training, contacts…: every one whose topic is not
`hiring` should not be read as a job request. Prints how many are, per file.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.coach.scorer import analyse  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the turns read as job requests")
    args = parser.parse_args()
    total = flagged = 0
    for path in sorted((ROOT / "bench" / "data").glob("topics-*.csv")):
        n = bad = 0
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if "hiring" in row["asked"].split(";"):
                    continue
                n += 1
                if "job_request" in analyse(row["text"], row["lang"]).labels:
                    bad += 1
                    if args.show:
                        print(f"    {path.name}: {row['text']}")
        print(f"{path.name:14} read as job requests: {bad}/{n}")
        total, flagged = total + n, flagged + bad
    print(f"all            read as job requests: {flagged}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
