"""Runs `python -m bot run` for bench_throughput.py, with optional bench-only knobs (no project file changed).

- BENCH_RATE_OVERALL=<msg/s>, BENCH_RATE_CHAT_BURST=<n>: replace the defaults of
  bot.telegram.ratelimit.TelegramRateLimiter (30 msg/s overall, 6 per 6 s per chat), to measure what
  the bot costs without the outgoing rate limits that Telegram imposes (the fake imposes none).
- BENCH_SQLITE_POOL=<n>: SQLite engines get pool_size=n, max_overflow=0 (an experiment: with n=1 the
  writers queue in asyncio instead of sleeping in SQLite's busy handler).
- BENCH_PG_POOL=<size>: PostgreSQL engines get pool_size=size, max_overflow=0.
- BENCH_PG_ASYNC_COMMIT=1 (experiment, never for production): PostgreSQL commits without waiting
  for the disk (synchronous_commit=off), to see how much of the latency tail is fsync.
- BENCH_MAX_CONCURRENT=<n>: ChatOrderedProcessor handles at most n updates at once (default 16).
- BENCH_CPROFILE=<file>: cProfile the main thread (the event loop) and dump the stats there at exit.
- BENCH_GC_STATS=1: log, at exit, how many garbage collections of each generation ran and their
  longest pause (a pause stops the event loop, so it shows in the latency tail).
Everything else (env, migrations, logging) is exactly `python -m bot run`.
"""

from __future__ import annotations

import os
import sys


def _patch_rate_limits() -> None:
    overall = os.environ.get("BENCH_RATE_OVERALL")
    burst = os.environ.get("BENCH_RATE_CHAT_BURST")
    if not overall and not burst:
        return
    from bot.telegram import ratelimit

    original = ratelimit.TelegramRateLimiter.__init__

    def patched(self, overall_per_second: float = 30, chat_burst: int = 6, chat_period: float = 6.0, **kw):
        if overall:
            overall_per_second = float(overall)
        if burst:
            chat_burst = int(burst)
        original(self, overall_per_second, chat_burst, chat_period, **kw)

    ratelimit.TelegramRateLimiter.__init__ = patched


def _patch_engines() -> None:
    size = os.environ.get("BENCH_SQLITE_POOL")
    pg_size = os.environ.get("BENCH_PG_POOL")
    concurrent = os.environ.get("BENCH_MAX_CONCURRENT")
    if concurrent:
        from bot.telegram import ingest

        original_init = ingest.ChatOrderedProcessor.__init__

        def init(self, runtime, health, max_concurrent_updates: int = 16):
            original_init(self, runtime, health, int(concurrent))

        ingest.ChatOrderedProcessor.__init__ = init
    if not size and not pg_size and not os.environ.get("BENCH_PG_ASYNC_COMMIT"):
        return
    from bot import runtime
    from bot.store import db

    original = db.make_engine

    def make_engine(url, **kwargs):
        if url.get_backend_name() == "sqlite" and size:
            kwargs.setdefault("pool_size", int(size))
            kwargs.setdefault("max_overflow", 0)
        if url.get_backend_name() == "postgresql" and os.environ.get("BENCH_PG_ASYNC_COMMIT"):
            kwargs.setdefault("connect_args", {"server_settings": {"synchronous_commit": "off"}})
        if url.get_backend_name() == "postgresql" and pg_size:
            kwargs.setdefault("pool_size", int(pg_size))
            kwargs.setdefault("max_overflow", 0)
        return original(url, **kwargs)

    db.make_engine = make_engine
    runtime.make_engine = make_engine


def _gc_stats() -> None:
    if not os.environ.get("BENCH_GC_STATS"):
        return
    import atexit
    import gc
    import time

    stats = {0: [0, 0.0, 0.0], 1: [0, 0.0, 0.0], 2: [0, 0.0, 0.0]}  # gen -> count, total, longest
    started = [0.0]
    t0 = time.monotonic()

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = time.perf_counter() - started[0]
        entry = stats[info["generation"]]
        entry[0] += 1
        entry[1] += took
        entry[2] = max(entry[2], took)
        if info["generation"] == 2:
            print(f"gc gen2 at {time.monotonic() - t0:.1f} s: {took * 1000:.1f} ms", flush=True)

    gc.callbacks.append(callback)

    def report() -> None:
        for gen, (count, total, longest) in stats.items():
            print(
                f"gc gen{gen}: {count} collections, {total * 1000:.1f} ms in all, longest {longest * 1000:.1f} ms",
                flush=True,
            )

    atexit.register(report)


if __name__ == "__main__":
    _gc_stats()
    _patch_rate_limits()
    _patch_engines()
    from bot.__main__ import main

    out = os.environ.get("BENCH_CPROFILE")
    if out:
        import cProfile

        profiler = cProfile.Profile()
        try:
            code = profiler.runcall(main, ["run"])
        finally:
            profiler.dump_stats(out)
        sys.exit(code)
    sys.exit(main(["run"]))
