"""Daily challenges on PostgreSQL: exactly-once delivery at the configured rate, crash recovery, and
the cost of selecting due users among a million subscribers. Prints figures; not a test.

    .venv/bin/python bench/bench_challenges.py [--pg postgresql://postgres@127.0.0.1:5432/test]
        [--users 10000] [--rate 200] [--subscribers 1000000] [--skip-send] [--skip-select]

1. `--users` users due in the same minute; two `python -m bot challenges send-due` processes at once
   against the fake Bot API (tests/fakebotapi.py, served by this process) with CHALLENGE_RATE=`--rate`:
   duplicates, missing, achieved rate.
2. The same, with one worker killed (SIGKILL) at a random moment and restarted, then one more run
   (the next cron tick): duplicates and missing.
3. `--subscribers` subscribers (COPY-free: INSERT … SELECT generate_series) of whom `--users` are due:
   time to select the due users, and the plan (it must use ix_users_challenge_due).
Each part uses its own database, dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fakebotapi import FakeBotAPI  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.store.migrate import upgrade  # noqa: E402

TOKEN = "123456:BENCH-token"
WORKER_TIMEOUT = 900


def sqlalchemy_url(dsn: str) -> str:
    return dsn.replace("postgresql://", "postgresql+asyncpg://", 1)


class Database:
    """A fresh database next to the one given, migrated; dropped on exit."""

    def __init__(self, admin_dsn: str, name: str):
        self.admin_dsn, self.name = admin_dsn, name
        base, _slash, _db = admin_dsn.rpartition("/")
        self.dsn = f"{base}/{name}"

    async def __aenter__(self) -> Database:
        admin = await asyncpg.connect(self.admin_dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{self.name}"')
        await admin.close()
        try:
            await asyncio.to_thread(upgrade, make_url(sqlalchemy_url(self.dsn)))
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        admin = await asyncpg.connect(self.admin_dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        await admin.close()


async def add_due_users(dsn: str, count: int) -> None:
    conn = await asyncpg.connect(dsn)
    due = datetime.now(UTC) - timedelta(seconds=30)
    # Their chosen time is the current minute in the bot's default time zone: due *today*, whatever the
    # hour the bench runs (a fixed 09:00 is a day already past when it runs after local midnight).
    local = due.astimezone(ZoneInfo(Settings.model_fields["default_timezone"].default))
    minute = local.hour * 60 + local.minute
    records = [(i, i, "", "fr", False, "{}", due, "on", minute, due) for i in range(1, count + 1)]
    await conn.copy_records_to_table(
        "users",
        records=records,
        columns=[
            "id", "chat_id", "first_name", "language", "language_chosen", "settings", "created_at",
            "challenge_status", "challenge_minute", "next_challenge_at",
        ],
    )  # fmt: skip
    # A database in service has planner statistics for its users (autovacuum keeps them current);
    # freshly COPYed rows have none yet, and without them PostgreSQL sorts every due row for each
    # "next due user" query (a bitmap scan then a sort: ~3.5 ms per claim for 10,000 due users,
    # instead of 0.04 ms walking the index). Analyse once, as autovacuum would.
    await conn.execute("ANALYZE users")
    await conn.close()


async def reset(dsn: str) -> None:
    """Everyone due again, nothing given yet (a fresh day for the next part)."""
    conn = await asyncpg.connect(dsn)
    await conn.execute("DELETE FROM challenge_days")
    await conn.execute("UPDATE users SET next_challenge_at = now() - interval '30 seconds'")
    await conn.execute("VACUUM ANALYZE users")  # a day passes between two runs: autovacuum's work
    await conn.close()


def start_worker(dsn: str, fake: FakeBotAPI, rate: float, logdir: Path, name: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
    env.update(
        BOT_TOKEN=TOKEN,
        DATABASE_URL=sqlalchemy_url(dsn),
        TELEGRAM_BASE_URL=fake.base_url,
        SCENARIOS_DIR=str(ROOT / "scenarios"),
        CHALLENGE_RATE=str(rate),
    )
    out = open(logdir / f"{name}.log", "w")  # noqa: SIM115 - closed when the process ends
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "challenges", "send-due"],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    proc.name = name
    return proc


CPU: dict[str, float] = {}  # worker name -> CPU seconds (user + system)


def wait_all(procs: list[subprocess.Popen]) -> list[int]:
    """Wait for the workers (killing any still running after WORKER_TIMEOUT); record their CPU time."""
    deadline = time.monotonic() + WORKER_TIMEOUT
    codes = []
    for proc in procs:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        CPU[proc.name] = usage.ru_utime + usage.ru_stime
        codes.append(proc.returncode)
    return codes


def report_line(logdir: Path, name: str) -> str:
    lines = [ln for ln in (logdir / f"{name}.log").read_text().splitlines() if "send-due:" in ln]
    return lines[-1].split("send-due:", 1)[1].strip() if lines else "(no report: killed)"


def tally(fake: FakeBotAPI, users: int) -> tuple[int, int, float, float]:
    """Duplicates, missing, achieved rate (messages/s between the first and the last), span (s)."""
    calls = [c for c in fake.calls_of("sendMessage") if c.ok]
    per_chat = Counter(c.params.get("chat_id") for c in calls)
    duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    missing = sum(1 for uid in range(1, users + 1) if per_chat.get(uid, 0) == 0)
    times = sorted(c.time for c in calls)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    rate = (len(times) - 1) / span if span else 0.0
    return duplicates, missing, rate, span


async def bench_send(admin_dsn: str, users: int, rate: float) -> None:
    async with Database(admin_dsn, f"oser_bench_send_{os.getpid()}") as db:
        await add_due_users(db.dsn, users)
        logdir = Path(tempfile.mkdtemp(prefix="oser-bench-"))
        with FakeBotAPI() as fake:
            print(f"\n== {users} users due at once, 2 send-due workers, CHALLENGE_RATE={rate:g}")
            usage = resource.getrusage(resource.RUSAGE_SELF)
            fake_cpu0 = usage.ru_utime + usage.ru_stime
            started = time.monotonic()
            codes = await asyncio.to_thread(
                wait_all, [start_worker(db.dsn, fake, rate, logdir, n) for n in ("a", "b")]
            )
            wall = time.monotonic() - started
            duplicates, missing, achieved, span = tally(fake, users)
            print(f"exit codes {codes}; worker a: {report_line(logdir, 'a')}")
            print(f"worker b: {report_line(logdir, 'b')}")
            print(
                f"duplicates: {duplicates}   missing: {missing}   achieved rate: {achieved:.1f}/s "
                f"({achieved / rate:.1%} of {rate:g}/s; first to last message {span:.1f} s; wall {wall:.1f} s)"
            )
            own = resource.getrusage(resource.RUSAGE_SELF)
            workers = CPU["a"] + CPU["b"]
            print(
                f"CPU: workers {CPU['a']:.1f} s + {CPU['b']:.1f} s ({workers / users * 1000:.1f} ms per message), "
                f"fake Bot API {own.ru_utime + own.ru_stime - fake_cpu0:.1f} s, on {os.cpu_count()} CPUs "
                f"({(workers + own.ru_utime + own.ru_stime - fake_cpu0) / wall:.2f} CPUs busy on average, "
                f"load average {os.getloadavg()[0]:.1f})"
            )

            await reset(db.dsn)
            fake.reset_calls()
            print(
                "\n== the same, one worker killed (SIGKILL) at a random moment and restarted, then one more run"
            )
            a = start_worker(db.dsn, fake, rate, logdir, "a2")
            b = start_worker(db.dsn, fake, rate, logdir, "b2")
            kill_after = random.uniform(0.25, 0.75) * users / rate
            await asyncio.sleep(kill_after)
            sent_before = len([c for c in fake.calls_of("sendMessage") if c.ok])
            a.send_signal(signal.SIGKILL)
            a.wait()
            print(
                f"killed worker a after {kill_after:.1f} s ({sent_before} messages sent by then); restarting it"
            )
            a2 = start_worker(db.dsn, fake, rate, logdir, "a3")
            codes = await asyncio.to_thread(wait_all, [b, a2])
            print(f"exit codes {codes}; worker b: {report_line(logdir, 'b2')}")
            print(f"restarted a: {report_line(logdir, 'a3')}")
            tick = start_worker(db.dsn, fake, rate, logdir, "tick")
            await asyncio.to_thread(wait_all, [tick])
            print(f"next cron tick: {report_line(logdir, 'tick')}")
            duplicates, missing, _achieved, _span = tally(fake, users)
            print(f"duplicates: {duplicates}   missing: {missing}")


async def bench_select(admin_dsn: str, subscribers: int, due: int) -> None:

    from bot.challenges.service import due_users
    from bot.store.db import make_engine
    from bot.store.models import User

    async with Database(admin_dsn, f"oser_bench_select_{os.getpid()}") as db:
        print(f"\n== selecting the due users among {subscribers:,} subscribers ({due:,} due)")
        conn = await asyncpg.connect(db.dsn)
        started = time.monotonic()
        # The first `due` users are due a few seconds ago; the others spread over the next day.
        await conn.execute(
            """
            INSERT INTO users (id, chat_id, first_name, language, language_chosen, settings, created_at,
                               challenge_status, challenge_minute, next_challenge_at)
            SELECT g, g, '', 'fr', false, '{}'::json, now(), 'on', 540,
                   CASE WHEN g <= $2 THEN now() - interval '20 seconds' + (g % 20) * interval '1 second'
                        ELSE now() + (1 + g % 1440) * interval '1 minute' END
            FROM generate_series(1, $1::int) AS g
            """,
            subscribers,
            due,
        )
        await conn.execute("ANALYZE users")
        print(
            f"inserted {subscribers:,} rows in {time.monotonic() - started:.1f} s (INSERT … SELECT generate_series)"
        )
        await conn.close()

        engine = make_engine(make_url(sqlalchemy_url(db.dsn)))
        now = datetime.now(UTC)
        query = due_users(now).with_only_columns(User.id)
        timings = []
        async with engine.connect() as sa:
            for _ in range(
                25
            ):  # past 5 runs, asyncpg switches to a generic plan: it must still use the index
                t0 = time.perf_counter()
                ids = (await sa.execute(query)).scalars().all()
                timings.append((time.perf_counter() - t0) * 1000)
                await sa.rollback()
            claim = due_users(now).limit(1).with_for_update(skip_locked=True).with_only_columns(User.id)
            claim_ms = []
            for _ in range(25):
                async with sa.begin():
                    t0 = time.perf_counter()
                    await sa.execute(claim)
                    claim_ms.append((time.perf_counter() - t0) * 1000)
            sql = str(query.compile(dialect=engine.dialect))
            plan = (await sa.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", (now,))).scalars().all()
            await sa.rollback()
        await engine.dispose()
        warm = timings[1:]
        print(
            f"select all {len(ids):,} due ids: median {statistics.median(warm):.1f} ms, "
            f"max {max(warm):.1f} ms over {len(warm)} runs (first, cold run: {timings[0]:.1f} ms)"
        )
        print(
            f"claim the next due user (LIMIT 1 FOR UPDATE SKIP LOCKED): median {statistics.median(claim_ms):.2f} ms"
        )
        print("EXPLAIN ANALYZE:")
        for line in plan:
            print("   ", line)
        print("uses ix_users_challenge_due:", any("ix_users_challenge_due" in line for line in plan))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pg", default="postgresql://postgres@127.0.0.1:5432/test", help="an existing database"
    )
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--subscribers", type=int, default=1_000_000)
    parser.add_argument("--skip-send", action="store_true")
    parser.add_argument("--skip-select", action="store_true")
    args = parser.parse_args()
    if not args.skip_send:
        await bench_send(args.pg, args.users, args.rate)
    if not args.skip_select:
        await bench_select(args.pg, args.subscribers, args.users)


if __name__ == "__main__":
    asyncio.run(main())
