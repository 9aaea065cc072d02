"""Faults, hostile traffic and stops, against the real bot process (loopback only); prints figures.

Parts (`--part NAME`, default all):

- faults: polling under load (40 chats sending /help, about 20 updates/s), each fault injected
  `--rounds` times for `--outage` seconds: getUpdates answering 401, 500, or a 200 that is not JSON
  (fake Bot API), SQLite's write lock held by another process, a full disk (the database on a
  64 MB tmpfs, filled up), a PostgreSQL restart (a private cluster started for the bench, when
  initdb/pg_ctl are installed). Figures: seconds from the fault clearing to the first successful
  getUpdates and to the first update handled; the health verdict during each outage; at the end,
  updates lost and updates answered twice.
- bodies: the webhook, 100 parallel 90 MB bodies without the secret; RSS before and after.
- halfheaders: the webhook under a 1,024 open-file limit, 2,000 connections that send half a
  header and hold; log lines written, and how long until /healthz and a real update are answered.
- sigterm: SIGTERM while the Bot API hangs (every sendMessage held 60 s); exit code and seconds.

Usage: .venv/bin/python bench/bench_faults.py [--part faults|bodies|halfheaders|sigterm] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fakebotapi import FakeBotAPI, text_message  # noqa: E402

from bot.supervisor import read_health_file  # noqa: E402

TOKEN = "123456:BENCH-token-for-the-fake-api"
SECRET = "bench-webhook-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bot:
    """`python -m bot run` in a subprocess, its log in a file."""

    def __init__(self, fake: FakeBotAPI, workdir: Path, database_url: str, preexec=None, **env: str):
        self.workdir = workdir
        self.health_file = workdir / "health.json"
        self.log_path = workdir / f"bot-{time.monotonic_ns()}.log"
        full = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
        full.update(
            BOT_TOKEN=TOKEN,
            DATABASE_URL=database_url,
            TELEGRAM_BASE_URL=fake.base_url,
            SCENARIOS_DIR=str(ROOT / "scenarios"),
            HEALTH_FILE=str(self.health_file),
            HEALTH_STALL_SECONDS="20",
            PYTHONPATH=str(ROOT),
        )
        full.update(env)
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=full,
            cwd=workdir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=preexec,
        )

    def text(self) -> str:
        return self.log_path.read_text()

    def problems(self) -> list[str]:
        return read_health_file(self.health_file, 20)

    def stop(self) -> tuple[int, float]:
        started = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(10)
        self.log.close()
        return code, time.monotonic() - started


def wait_for(predicate, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until `predicate()` held, or None after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(interval)
    return None


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --------------------------------------------------------------------------- faults


class Load:
    """Chats sending /help all along; every update should be answered exactly once."""

    def __init__(self, fake: FakeBotAPI, chats: int = 40, per_second: float = 20) -> None:
        self.fake, self.chats, self.per_second = fake, chats, per_second
        self.pushed: dict[int, int] = {}  # chat -> updates pushed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            chat = 5000 + n % self.chats
            self.fake.push(text_message(chat, "/help", language_code="en"))
            self.pushed[chat] = self.pushed.get(chat, 0) + 1
            n += 1
            time.sleep(1 / self.per_second)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def answered(self) -> dict[int, int]:
        return {chat: len(self.fake.sent_texts(chat)) for chat in list(self.pushed)}


class Faults:
    """Each fault: start() makes it, clear() ends it."""

    def __init__(self, fake: FakeBotAPI, database: Path | None, tmpfs: Path | None, pg: PgCluster | None):
        self.fake, self.database, self.tmpfs, self.pg = fake, database, tmpfs, pg
        self._held: sqlite3.Connection | None = None

    def start(self, kind: str) -> None:
        if kind == "getUpdates 401":
            self.fake.fail_next("getUpdates", 401, times=10**6)
        elif kind == "getUpdates 500":
            self.fake.fail_next("getUpdates", 500, times=10**6)
        elif kind == "getUpdates non-JSON 200":
            self.fake.garble_next("getUpdates", times=10**6)
        elif kind == "SQLite write lock held":
            self._held = sqlite3.connect(self.database, timeout=30, isolation_level=None)
            self._held.execute("BEGIN EXCLUSIVE")
        elif kind == "full disk":
            filler = self.tmpfs / "filler"
            with filler.open("wb") as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
        elif kind == "PostgreSQL restart":
            self.pg.stop()

    def clear(self, kind: str) -> None:
        if kind.startswith("getUpdates"):
            self.fake.clear_faults()
        elif kind == "SQLite write lock held":
            self._held.rollback()
            self._held.close()
            self._held = None
        elif kind == "full disk":
            (self.tmpfs / "filler").unlink()
        elif kind == "PostgreSQL restart":
            self.pg.start()


class PgCluster:
    """A private PostgreSQL cluster (never the shared one) that the bench may stop and start."""

    def __init__(self, folder: Path) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            raise RuntimeError("no PostgreSQL binaries")
        self.bin = bins[-1]
        self.folder = folder
        self.port = free_port()
        user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.user = user
        folder.mkdir(parents=True, exist_ok=True)
        if user:
            folder.parent.chmod(0o755)  # the bench's temporary folder: postgres must reach its own
            shutil.chown(folder, "postgres")
        self._run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bench")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.user, str(self.bin / tool), *args], check=True, capture_output=True)

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/bench"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "pg.log"),
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def migrate(url: str) -> None:
    from sqlalchemy.engine import make_url

    from bot.store.migrate import upgrade

    upgrade(make_url(url))


def fault_round(fake: FakeBotAPI, bot: Bot, load: Load, faults: Faults, kind: str, outage: float) -> dict:
    healths = []
    faults.start(kind)
    started = time.monotonic()
    while time.monotonic() - started < outage:
        healths.append(not bot.problems())
        time.sleep(0.5)
    before = len(fake.calls)
    pushed = dict(load.pushed)  # everything pushed until the fault clears
    faults.clear(kind)
    cleared = time.monotonic()

    def polled() -> bool:
        return any(c.method == "getUpdates" and c.ok and c.time > cleared for c in fake.calls[before:])

    def caught_up() -> bool:
        answered = load.answered()
        return all(answered.get(chat, 0) >= count for chat, count in pushed.items())

    resumed = wait_for(polled, 60)
    answered = wait_for(caught_up, 90, 0.2)
    healthy_again = wait_for(lambda: not bot.problems(), 60, 0.2)
    return {
        "unhealthy during the outage": f"{healths.count(False)}/{len(healths)} checks",
        "getUpdates ok after": None if resumed is None else round(resumed, 1),
        "all updates of the outage answered after": None if answered is None else round(answered, 1),
        "healthy again after": None if healthy_again is None else round(healthy_again, 1),
    }


def part_faults(args, workdir: Path) -> None:
    kinds = ["getUpdates 401", "getUpdates 500", "getUpdates non-JSON 200", "SQLite write lock held"]
    setups: list[tuple[str, list[str]]] = [("sqlite", kinds)]
    tmpfs = workdir / "tmpfs"
    tmpfs.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(tmpfs)]).returncode == 0
    if mounted:
        setups.append(("tmpfs", ["full disk"]))
    else:
        print("full disk: skipped (cannot mount a tmpfs here)")
    pg = None
    try:
        pg = PgCluster(workdir / "pg")
        setups.append(("postgresql", ["PostgreSQL restart"]))
    except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
        print(f"PostgreSQL restart: skipped ({exc})")
    if args.kind:
        setups = [(setup, [k for k in kinds_ if k in args.kind]) for setup, kinds_ in setups]
        setups = [(setup, kinds_) for setup, kinds_ in setups if kinds_]
    try:
        for setup, setup_kinds in setups:
            if setup == "postgresql":
                url, database = pg.url, None
            else:
                folder = tmpfs if setup == "tmpfs" else workdir
                database = folder / "bot.db"
                url = f"sqlite+aiosqlite:///{database}"
            migrate(url)
            with FakeBotAPI() as fake:
                bot = Bot(fake, workdir, url)
                if wait_for(lambda: fake.calls_of("getUpdates"), 60) is None:
                    print(bot.text())
                    raise SystemExit("the bot did not start")
                load = Load(fake)
                load.start()
                time.sleep(3)
                faults = Faults(fake, database, tmpfs if mounted else None, pg)
                for kind in setup_kinds:
                    for round_ in range(1, args.rounds + 1):
                        figures = fault_round(fake, bot, load, faults, kind, args.outage)
                        print(f"{kind} #{round_}: {json.dumps(figures)}", flush=True)
                        time.sleep(2)
                load.stop()
                pushed = sum(load.pushed.values())
                wait_for(lambda ld=load, n=pushed: sum(ld.answered().values()) >= n, 90, 0.5)
                time.sleep(3)  # anything answered twice shows up now
                answered = load.answered()
                lost = sum(max(0, load.pushed[c] - answered[c]) for c in load.pushed)
                twice = sum(max(0, answered[c] - load.pushed[c]) for c in load.pushed)
                code, seconds = bot.stop()
                log = bot.text()
                outage_lines = sum(1 for line in log.splitlines() if "retrying with a backoff" in line)
                print(
                    f"{setup}: {pushed} updates pushed under faults, {lost} lost, {twice} answered twice; "
                    f"outage log lines {outage_lines} for {len(setup_kinds) * args.rounds} outages; "
                    f"tracebacks {log.count('Traceback')}; exit {code} in {seconds:.1f} s",
                    flush=True,
                )
    finally:
        if pg is not None:
            pg.destroy()
        if mounted:
            subprocess.run(["umount", str(tmpfs)])


# --------------------------------------------------------------------------- webhook


def webhook_bot(fake: FakeBotAPI, workdir: Path, preexec=None, **env: str) -> tuple[Bot, int]:
    port = free_port()
    url = f"sqlite+aiosqlite:///{workdir / 'hook.db'}"
    migrate(url)
    bot = Bot(
        fake,
        workdir,
        url,
        preexec=preexec,
        WEBHOOK_URL="https://bot.example.org/tg/hook",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        **env,
    )
    if wait_for(lambda: health(port) == 200, 60) is None:
        print(bot.text())
        raise SystemExit("the webhook bot did not start")
    return bot, port


def health(port: int) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


async def _big_body(port: int, size: int) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST /tg/hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    ).encode()
    writer.write(head)
    chunk = b"x" * (1024 * 1024)
    sent = 0
    try:
        while sent < size:
            writer.write(chunk)
            await writer.drain()
            sent += len(chunk)
    except (ConnectionError, OSError):
        pass
    try:
        answer = await asyncio.wait_for(reader.read(64), 10)
    except (TimeoutError, ConnectionError, OSError):
        answer = b""
    writer.close()
    return f"{answer[:12].decode(errors='replace')} after {sent // (1024 * 1024)} MB sent"


def part_bodies(args, workdir: Path) -> None:
    with FakeBotAPI() as fake:
        bot, port = webhook_bot(fake, workdir)
        time.sleep(2)
        idle = rss_mb(bot.proc.pid)

        async def many() -> list[str]:
            return await asyncio.gather(*(_big_body(port, 90 * 1024 * 1024) for _ in range(args.bodies)))

        started = time.monotonic()
        answers = asyncio.run(many())
        peak = rss_mb(bot.proc.pid)
        time.sleep(2)
        after = rss_mb(bot.proc.pid)
        answered = health(port)
        code, seconds = bot.stop()
        kinds: dict[str, int] = {}
        for a in answers:
            kinds[a.split(" after")[0]] = kinds.get(a.split(" after")[0], 0) + 1
        print(
            f"{args.bodies} parallel 90 MB bodies without the secret in {time.monotonic() - started:.1f} s: "
            f"answers {kinds}; RSS idle {idle:.0f} MB, right after {peak:.0f} MB, 2 s later {after:.0f} MB "
            f"(+{after - idle:.0f} MB); /healthz {answered}; log lines {len(bot.text().splitlines())}; "
            f"exit {code} in {seconds:.1f} s"
        )


def part_halfheaders(args, workdir: Path) -> None:
    import resource

    def limit_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    with FakeBotAPI() as fake:
        bot, port = webhook_bot(fake, workdir, preexec=limit_files)
        lines_before = len(bot.text().splitlines())
        held = []
        resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))
        opened = time.monotonic()
        for _ in range(args.connections):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.sendall(b"POST /tg/hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-")
                held.append(sock)
            except OSError:
                pass
        opening = time.monotonic() - opened
        healthy = wait_for(lambda: health(port) == 200, 60, 0.2)
        update = text_message(7001, "/start")
        from fakebotapi import post_webhook

        def stored() -> bool:
            try:
                return (
                    post_webhook(f"http://127.0.0.1:{port}/tg/hook", update, secret_token=SECRET, timeout=2)
                    == 200
                )
            except OSError:
                return False

        accepted = wait_for(stored, 60, 0.2)
        answered = wait_for(lambda: fake.sent_texts(7001), 30)
        for sock in held:
            sock.close()
        time.sleep(6)  # the burst's summary line
        code, seconds = bot.stop()
        log = bot.text().splitlines()[lines_before:]
        refusal_lines = [line for line in log if "webhook:" in line]
        print(
            f"{len(held)} half-header connections opened in {opening:.1f} s (bot limited to 1,024 files): "
            f"/healthz 200 after {healthy and round(healthy + opening, 1)} s from the first connection, "
            f"update stored after {accepted and round(accepted + opening, 1)} s and answered "
            f"{answered is not None}; {len(log)} log lines meanwhile ({len(refusal_lines)} about refusals), "
            f"'Too many open files' {sum('Too many open files' in line for line in log)}; "
            f"exit {code} in {seconds:.1f} s"
        )
        for line in refusal_lines:
            print("   ", line[:200])


def part_sigterm(args, workdir: Path) -> None:
    url = f"sqlite+aiosqlite:///{workdir / 'term.db'}"
    migrate(url)
    with FakeBotAPI() as fake:
        for round_ in range(1, args.rounds + 1):
            polls = len(fake.calls_of("getUpdates"))
            bot = Bot(fake, workdir, url)
            wait_for(lambda p=polls: len(fake.calls_of("getUpdates")) > p, 60)
            fake.delay_next("sendMessage", 60, times=200)
            fake.delay_next("getUpdates", 60, times=1)
            before = len(fake.calls_of("sendMessage"))
            for user in range(20):
                fake.push(text_message(8000 + user, "/help"))
            wait_for(lambda b=before: len(fake.calls_of("sendMessage")) >= b + 10, 30)
            code, seconds = bot.stop()
            fake.clear_faults()
            print(f"SIGTERM with the Bot API hanging #{round_}: exit {code} in {seconds:.1f} s")
            if code != 0:
                print("\n".join(bot.text().splitlines()[-15:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("faults", "bodies", "halfheaders", "sigterm"), action="append")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kind", action="append", help="only this fault (repeatable), e.g. 'full disk'")
    parser.add_argument("--outage", type=float, default=8.0, help="seconds each fault lasts")
    parser.add_argument("--bodies", type=int, default=100)
    parser.add_argument("--connections", type=int, default=2000)
    args = parser.parse_args()
    parts = args.part or ["faults", "bodies", "halfheaders", "sigterm"]
    for part in parts:
        with tempfile.TemporaryDirectory(prefix=f"bench-{part}-") as tmp:
            print(f"== {part}", flush=True)
            globals()[f"part_{part}"](args, Path(tmp))


if __name__ == "__main__":
    main()
