"""Speed and memory of the scorer on one core.

    python bench/bench_scorer.py [CSV] [--seconds 3]

Prints: messages/s on typical messages (<= 300 chars: dev.csv texts cycled plus generated variants),
p50/p99 latency per message, the worst time for a 4,096-character message among several adversarial
shapes, and the memory added by importing and using the scorer (tracemalloc peak and RSS delta).
Targets: >= 5,000 msg/s, p99 <= 2 ms, 4,096 chars <= 20 ms, <= 50 MB.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/scoring/dev.csv"
TARGETS = {"msg_per_s": 5000, "p99_ms": 2.0, "long_ms": 20.0, "mem_mb": 50.0}


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; falls back to the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [(row["text"], row["lang"]) for row in csv.DictReader(fh)]


def variants(rows: list[tuple[str, str]], n: int, seed: int = 7) -> list[tuple[str, str]]:
    """Typical messages (<= 300 chars): dev texts and casual / concatenated variants of them."""
    rnd = random.Random(seed)
    out = list(rows)
    while len(out) < n:
        text, lang = rnd.choice(rows)
        kind = rnd.randrange(6)
        if kind == 0:
            text = text.lower().rstrip(" ?.!")
        elif kind == 1:
            other = rnd.choice([r for r in rows if r[1] == lang])[0]
            text = f"{text} {other}"
        elif kind == 2:
            text = text.replace("é", "e").replace("è", "e").replace("à", "a").replace("ç", "c")
        elif kind == 3:
            text = text + rnd.choice([" 🙏", " !!", " ??", " lol", " :)", " 👍👍"])
        elif kind == 4:
            text = text.replace("'", "\u2019").replace(" ?", "\u00a0?")
        else:
            text = text.upper()
        out.append((text[:300], lang))
    return out


def long_messages() -> dict[str, tuple[str, str]]:
    """Adversarial 4,096-character messages."""
    n = 4096
    dictated = (
        "alors voila je vous explique un peu mon parcours donc j'ai commence dans la logistique et ensuite "
        "je suis passe chez un transporteur ou je gerais les plannings et du coup vous voyez je me demandais "
        "si vous pourriez me dire comment vous etes arrivee la et est ce que vous connaitriez quelqu'un qui "
    )
    cases = {
        "run-on dictated fr": ((dictated * 30)[:n], "fr"),
        "run-on dictated en": (
            (
                "so yeah basically i was thinking that maybe you could tell me how you got there and "
                "whether you know anyone i could talk to because honestly i know you must be busy "
            )
            * 40
        )[:n],
        "repeated punctuation": (("?!.," * 1100)[:n], "fr"),
        "many question marks": (("vous " + "?" * 50 + " ") * 80)[:n],
        "emoji": (("🙏😀👍🏽 " * 1100)[:n], "fr"),
        "no spaces": (("a" * n), "fr"),
        "vous vous vous": (("vous " * 900)[:n], "fr"),
        "les les les": (("les recruteurs " * 300)[:n], "fr"),
        "hyphens": (("-vous-tu-il " * 400)[:n], "fr"),
        "apostrophes": (("qu'est-ce qu' " * 350)[:n], "fr"),
        "spaces": ((" " * (n - 1) + "?"), "fr"),
        "combining marks": (("e\u0301\u0301\u0301 " * 820)[:n], "fr"),
        "you must you must": (("you must " * 500)[:n], "en"),
        "i know i know": (("i know that you " * 300)[:n], "en"),
    }
    fixed = {}
    for name, value in cases.items():
        if isinstance(value, tuple):
            text, lang = value
        else:
            text, lang = value, "en" if name.endswith("en") or "you" in name else "fr"
        fixed[name] = (text[:n].ljust(n, "."), lang)
    return fixed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--seconds", type=float, default=3.0, help="duration of the throughput run")
    args = parser.parse_args(argv)

    # --- memory: import + use --------------------------------------------------------------------
    gc.collect()
    rss0 = rss_mb()
    tracemalloc.start()
    from bot.coach.scorer import analyse

    rows = load(args.csv)
    msgs = variants(rows, 2000)
    for text, lang in msgs:
        analyse(text, lang)
    for text, lang in long_messages().values():
        analyse(text, lang)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()
    rss1 = rss_mb()
    mem_trace = peak / 2**20
    mem_rss = rss1 - rss0

    # --- throughput --------------------------------------------------------------------------------
    n_chars = sum(len(t) for t, _ in msgs)
    done = 0
    t0 = time.perf_counter()
    deadline = t0 + args.seconds
    while time.perf_counter() < deadline:
        for text, lang in msgs:
            analyse(text, lang)
        done += len(msgs)
    elapsed = time.perf_counter() - t0
    rate = done / elapsed

    # --- latency per message -----------------------------------------------------------------------
    lat = []
    clock = time.perf_counter_ns
    for _ in range(3):
        for text, lang in msgs:
            s = clock()
            analyse(text, lang)
            lat.append(clock() - s)
    lat.sort()
    p50 = lat[len(lat) // 2] / 1e6
    p99 = lat[int(len(lat) * 0.99)] / 1e6
    pmax = lat[-1] / 1e6

    # --- 4,096-character messages ------------------------------------------------------------------
    long_times = {}
    for name, (text, lang) in long_messages().items():
        best_of = []
        for _ in range(5):
            s = time.perf_counter()
            analyse(text, lang)
            best_of.append(time.perf_counter() - s)
        long_times[name] = max(best_of) * 1000
    worst_name = max(long_times, key=long_times.get)

    def ok(flag: bool) -> str:
        return "ok" if flag else "MISSED"

    print(
        f"typical messages: {len(msgs)} distinct, mean {n_chars / len(msgs):.0f} chars, max {max(len(t) for t, _ in msgs)}"
    )
    print(f"throughput (1 core): {rate:,.0f} msg/s   [{ok(rate >= TARGETS['msg_per_s'])} >= 5,000]")
    print(
        f"latency: p50 {p50:.3f} ms  p99 {p99:.3f} ms  max {pmax:.3f} ms   [{ok(p99 <= TARGETS['p99_ms'])} p99 <= 2 ms]"
    )
    print("4,096-char messages (worst of 5 runs each):")
    for name, ms in sorted(long_times.items(), key=lambda kv: -kv[1]):
        print(f"   {name:<22} {ms:7.2f} ms")
    print(
        f"worst 4,096-char: {long_times[worst_name]:.2f} ms ({worst_name})   "
        f"[{ok(long_times[worst_name] <= TARGETS['long_ms'])} <= 20 ms]"
    )
    mem = max(mem_trace, mem_rss)
    print(
        f"memory added by import + use: tracemalloc peak {mem_trace:.2f} MB, RSS delta {mem_rss:.2f} MB   "
        f"[{ok(mem <= TARGETS['mem_mb'])} <= 50 MB]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
