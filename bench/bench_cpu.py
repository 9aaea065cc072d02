#!/usr/bin/env python3
"""CPU the bot's event loop spends per rehearsal reply, in process (a steadier figure than msg/s).

    /tmp/venv/bin/python bench/bench_cpu.py [--db sqlite|postgres] [--users 40] [--replies 5]

The real Application and the bot's own durable intake (`ingest.accept`: store, queue, handle, send)
run in this process against the tests' fake Bot API on loopback (it serves from its own threads).
Users are set up untimed (/rehearse, persona button), then each sends its replies, waiting for the
persona's answer before the next one, all users at once. The figure is the CPU time of the event
loop's thread (time.thread_time) over the timed phase, divided by the replies answered: it leaves
out the fake's threads and the load generator, which share this machine with the bot in
bench_throughput.py. The webhook's HTTP server is left out too (the same for the echo bot).
``--profile FILE`` writes a cProfile of the timed phase.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_throughput import QUESTIONS, TOKEN  # noqa: E402 - the same replies as the webhook bench
from fakebotapi import FakeBotAPI, callback_query, text_message  # noqa: E402


def make_pg(name: str) -> str:
    import subprocess

    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


class CountingFake(FakeBotAPI):
    """The tests' fake, counting sendMessage calls per chat and waking the waiting task (no polling,
    which would spend the event loop's CPU and blur the figure)."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.counts: dict[int, int] = {}
        self.events: dict[int, asyncio.Event] = {}

    def _reply(self, handler, call, error, result=None) -> None:  # noqa: ANN001
        super()._reply(handler, call, error, result)
        if call is not None and error is None and call.method == "sendMessage":
            chat = call.params.get("chat_id")
            self.loop.call_soon_threadsafe(self._count, chat)

    def _count(self, chat: int) -> None:
        self.counts[chat] = self.counts.get(chat, 0) + 1
        event = self.events.get(chat)
        if event is not None:
            event.set()


async def wait_for(fake: CountingFake, chat: int, count: int, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while fake.counts.get(chat, 0) < count:
        event = fake.events.setdefault(chat, asyncio.Event())
        event.clear()
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"chat {chat}: {fake.counts.get(chat, 0)} of {count} messages")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), left)


async def run(args) -> dict:
    from bot.__main__ import migrate
    from bot.app import build_application, post_init
    from bot.config import Settings
    from bot.runtime import Runtime
    from bot.telegram.ingest import accept
    from bot.telegram.ratelimit import TelegramRateLimiter

    with CountingFake() as fake, tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db" if args.db == "sqlite" else make_pg("bench_cpu")
        settings = Settings(
            bot_token=TOKEN,
            database_url=url,
            telegram_base_url=fake.base_url,
            scenarios_dir=ROOT / "scenarios",
            _env_file=None,
        )
        await asyncio.to_thread(migrate, settings)
        runtime = Runtime.create(settings)
        app = build_application(
            runtime, TOKEN, rate_limiter=TelegramRateLimiter(overall_per_second=100_000, chat_burst=100_000)
        )
        fake.loop = asyncio.get_running_loop()
        users = [7_000_000 + i for i in range(args.users)]
        async with app:
            await post_init(app)
            await app.start()

            async def setup(uid: int) -> None:
                update = text_message(uid, "/rehearse")
                fake._register_update(update)  # noqa: SLF001 - the test fake's own
                await accept(app, runtime, [update])
                await wait_for(fake, uid, 1)
                update = callback_query(uid, f"sc:{args.scenario}", chat_id=uid)
                fake._register_update(update)  # noqa: SLF001 - the test fake's own
                await accept(app, runtime, [update])
                await wait_for(fake, uid, 2)

            await asyncio.gather(*(setup(uid) for uid in users))
            await asyncio.sleep(0.5)

            async def talk(uid: int) -> None:
                for i in range(args.replies):
                    before = fake.counts.get(uid, 0)
                    await accept(app, runtime, [text_message(uid, QUESTIONS[i % len(QUESTIONS)])])
                    await wait_for(fake, uid, before + 1)

            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            cpu0, wall0 = time.thread_time(), time.perf_counter()
            await asyncio.gather(*(talk(uid) for uid in users))
            cpu, wall = time.thread_time() - cpu0, time.perf_counter() - wall0
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
            await asyncio.sleep(0.3)  # let the last marks commit before stopping
            await app.stop()
        await runtime.engine.dispose()
        replies = args.users * args.replies
        return {"cpu_ms": cpu / replies * 1000, "rate": replies / wall}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--replies", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scenario", default="drh-industrie")
    parser.add_argument("--profile", help="write a cProfile of the last run's timed phase here")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.WARNING)
    results = []
    for i in range(args.runs):
        profile, args.profile = args.profile, (args.profile if i == args.runs - 1 else None)
        results.append(asyncio.run(run(args)))
        args.profile = profile
        r = results[-1]
        print(f"run {i + 1}: {r['cpu_ms']:.2f} ms CPU per reply (event loop), {r['rate']:.0f} replies/s")
    cpus = [r["cpu_ms"] for r in results]
    print(f"{args.db}: median {statistics.median(cpus):.2f} ms CPU per reply (min {min(cpus):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
