#!/usr/bin/env python3
"""Throughput, latency, memory and crash-safety bench of the bot in webhook mode (loopback only).

    /tmp/venv/bin/python bench/bench_throughput.py --part all --db both

Parts (``--part``, comma-separated or ``all``):

- ``throughput``: 40 users (``--users``), set up untimed (/rehearse + persona button), then each sends
  5 open-question replies (``--replies``), all users at once, in two patterns: ``wait`` (send, wait for
  the persona's answer, send the next) and ``burst`` (fire the 5 replies without waiting). A third,
  ``paced``, is for latency below saturation: the same 200 replies sent open loop at a steady
  ``--paced-rate`` (100 updates/s by default, each user every 0.4 s); its msg/s is that rate. The same
  load against a bare PTB echo bot (bench/echo_bot.py, ``run_webhook``) on the same fake gives the
  baseline. Oser is measured as configured (its TelegramRateLimiter: 30 msg/s overall, 6 per 6 s per
  chat) and with those limits lifted (bench/run_bot.py), which shows what the code itself costs
  (``--only-lifted`` skips the first). All processes run side by side and the rounds alternate
  (echo, then Oser, pattern by pattern, ``--rounds`` times): this machine's speed varies with its
  neighbours' load, so each ratio compares runs made moments apart; the notes give the medians.
- ``latency``: computed from the throughput runs: webhook POST answered (monotonic, in this process)
  -> the fake's receipt of the persona's sendMessage (Call.time), and the bot's own log lines
  "update N handled in X ms, Y ms after it arrived": X is handling the update until its reply is
  sent, Y the whole time inside the bot, from the update stored at the webhook (with its wait for a
  free handler and for the chat's earlier updates) until its reply is sent.
- ``memory``: RSS of the bot (VmRSS) at start and after 100, 500, 1000 users (``--memory-users``),
  each doing /rehearse, button, 6 replies, /end (rate limits lifted unless --memory-ratelimit).
- ``crash``: the throughput load (``wait`` pattern, configured limits) while the bot is SIGKILLed at
  random moments and restarted (``--kills`` times); the sender retries each POST until it gets 200.
  Checks exactly-once in the database and at the fake.
- ``profile``: py-spy samples the bot during a throughput run (limits lifted); top self/total costs.
- ``sniffio``: the same runs with sniffio importable (PYTHONPATH=/tmp/bench_sniffio, made with
  ``pip install --target``; /tmp/venv untouched) and without, bot and echo.

``--patterns`` picks the load patterns; ``--baseline DIR`` adds another checkout of the project (a
``git worktree`` of an older commit) as one more variant in the same alternating rounds: an A/B
comparison of a change, which two runs minutes apart cannot give on this machine.

Every loop is bounded in count and time, all traffic stays on 127.0.0.1, and the script stops its
processes (by pid) and drops its PostgreSQL databases before exiting.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotAPI, callback_query, text_message  # noqa: E402

PY = sys.executable
TOKEN = "123456:BENCH-token-for-the-fake-api"
SECRET = "bench-webhook-secret"
HOOK_PATH = "/tg/hook"
SCENARIO = "drh-industrie"
PERSONA = "Sabine"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
SNIFFIO_DIR = Path("/tmp/bench_sniffio")
QUESTIONS = [
    "Comment êtes-vous arrivée à ce poste ?",
    "Qu'est-ce qui vous plaît le plus dans votre métier au quotidien ?",
    "Quels sont les plus grands défis de votre secteur en ce moment ?",
    "Comment voyez-vous évoluer les métiers des ressources humaines dans l'industrie ?",
    "Quelles compétences recherchez-vous chez les personnes qui changent de carrière ?",
    "Qu'est-ce qui vous a le plus surprise dans votre parcours ?",
]
HANDLED_RE = re.compile(r"update (\d+) handled in ([\d.]+) ms(?:, ([\d.]+) ms after it arrived)?")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- the fake


class BenchFake(FakeBotAPI):
    """The tests' fake, plus a per-chat record of successful sendMessage calls (time, text)."""

    def __init__(self) -> None:
        super().__init__()
        self._mlock = threading.Lock()
        self._conds: dict[int, threading.Condition] = {}
        self.msgs: dict[int, list[tuple[float, str]]] = {}

    def _chat_cond(self, chat: int) -> threading.Condition:
        with self._mlock:
            cond = self._conds.get(chat)
            if cond is None:
                cond = self._conds[chat] = threading.Condition(self._mlock)
            return cond

    def _reply(self, handler, call, error, result=None) -> None:  # noqa: ANN001
        super()._reply(handler, call, error, result)
        if call is not None and error is None and call.method == "sendMessage":
            chat = call.params.get("chat_id")
            cond = self._chat_cond(chat)
            with cond:
                self.msgs.setdefault(chat, []).append((call.time, str(call.params.get("text", ""))))
                cond.notify_all()

    def register(self, update: dict) -> None:
        """Like Telegram: the fake knows the chats and callback ids of the updates it 'delivers'."""
        with self._lock:
            self._register_update(update)

    def texts(self, chat: int) -> list[tuple[float, str]]:
        with self._mlock:
            return list(self.msgs.get(chat, []))

    def count(self, chat: int, match) -> int:  # noqa: ANN001
        with self._mlock:
            return sum(1 for _t, text in self.msgs.get(chat, []) if match(text))

    def wait_count(self, chat: int, match, n: int, timeout: float) -> bool:  # noqa: ANN001
        cond = self._chat_cond(chat)
        deadline = time.monotonic() + timeout
        with cond:
            while True:
                if sum(1 for _t, text in self.msgs.get(chat, []) if match(text)) >= n:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                cond.wait(min(left, 0.5))


def is_persona(text: str) -> bool:
    return text.startswith(PERSONA)


def persona_body(text: str) -> str:
    """ "Sabine: …" in English, "Sabine : …" in French: the persona's words alone."""
    return re.sub(rf"^{PERSONA}\s*:\s*", "", text)


def is_error_note(text: str) -> bool:
    """The bot's on_error message, in English or French."""
    return "went wrong" in text or "mal passé de mon côté" in text


def any_text(_text: str) -> bool:
    return True


# --------------------------------------------------------------------------- webhook sender


class Sender:
    """POSTs updates like Telegram: keep-alive connection per thread; retried until 200 when asked."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()
        self.lock = threading.Lock()
        self.failures = Counter()  # status or exception name -> count

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        return conn

    def _drop(self) -> None:
        conn = getattr(self.local, "conn", None)
        if conn is not None:
            conn.close()
        self.local.conn = None

    def post_once(self, update: dict) -> int:
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        for attempt in range(2):  # a kept-alive connection the server closed: reconnect once
            conn = self._conn()
            try:
                conn.request("POST", HOOK_PATH, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self._drop()
                return resp.status
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self._drop()
                if attempt == 1:
                    raise exc
            except OSError:
                self._drop()
                raise
        return 0

    def post(self, update: dict, *, deadline: float, retry: bool = True) -> tuple[int, float, int]:
        """(status, monotonic time the 200 came back, attempts); retries until 200 or the deadline."""
        attempts = 0
        while True:
            attempts += 1
            try:
                status = self.post_once(update)
            except OSError as exc:
                status = -1
                with self.lock:
                    self.failures[type(exc).__name__] += 1
            if status == 200:
                return status, time.monotonic(), attempts
            if status != -1:
                with self.lock:
                    self.failures[f"HTTP {status}"] += 1
            if not retry or time.monotonic() > deadline:
                return status, time.monotonic(), attempts
            time.sleep(0.05 + random.random() * 0.1)


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def wait_idle(
    pid: int, quiet: float = 0.05, window: float = 0.5, timeout: float = 15.0, initial: float = 6.0
) -> None:
    """Wait until the process uses < quiet CPU-seconds per window (e.g. the bot's chart warm-up job that
    imports matplotlib 5 s after start), at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    time.sleep(min(initial, timeout))  # the warm-up job starts 5 s after start
    while time.monotonic() < deadline:
        c0 = proc_cpu_seconds(pid)
        time.sleep(window)
        if proc_cpu_seconds(pid) - c0 < quiet:
            return


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class BotProc:
    """Oser (bench/run_bot.py = `python -m bot run`) or the echo bot, as a subprocess in webhook mode."""

    def __init__(
        self,
        kind: str,
        fake: BenchFake,
        workdir: Path,
        db_url: str | None,
        *,
        port: int | None = None,
        env_extra: dict | None = None,
        tag: str = "",
    ):
        self.kind, self.fake, self.workdir, self.db_url = kind, fake, workdir, db_url
        self.port = port or free_port()
        self.env_extra = env_extra or {}
        self.tag = tag or kind
        self.log_path = workdir / f"{self.tag}.log"
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=self.fake.base_url,
            SCENARIOS_DIR=str(ROOT / "scenarios"),
            WEBHOOK_URL="https://bot.example.org" + HOOK_PATH,
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        if self.db_url:
            env["DATABASE_URL"] = self.db_url
        env.update(self.env_extra)
        return env

    def start(self, timeout: float = 60) -> float:
        """Start and wait until it serves; returns the seconds it took."""
        script = ROOT / "bench" / ("echo_bot.py" if self.kind == "echo" else "run_bot.py")
        t0 = time.monotonic()
        hooks_before = len(self.fake.calls_of("setWebhook"))
        with open(self.log_path, "a") as logf:
            logf.write(f"---- start {self.starts + 1} ----\n")
            logf.flush()
            self.proc = subprocess.Popen(
                [PY, str(script)], env=self.env(), cwd=self.workdir, stdout=logf, stderr=subprocess.STDOUT
            )
        self.starts += 1
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.tag} exited with {self.proc.returncode}: see {self.log_path}")
            if self.kind == "echo":
                if (
                    len(self.fake.calls_of("setWebhook")) > hooks_before
                    and self._http_status("GET", HOOK_PATH) > 0
                ):
                    time.sleep(0.3)  # run_webhook sets the webhook, then starts the application
                    return time.monotonic() - t0
            elif self._http_status("GET", "/healthz") == 200:
                return time.monotonic() - t0
            time.sleep(0.05)
        raise RuntimeError(f"{self.tag} did not start in {timeout} s: see {self.log_path}")

    def _http_status(self, method: str, path: str) -> int:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
            with urllib.request.urlopen(req, timeout=2) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self, timeout: float = 30) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""


# --------------------------------------------------------------------------- databases


class Databases:
    """Fresh databases: a SQLite file in the work dir, or a PostgreSQL database dropped at the end."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.pg_names: list[str] = []

    def fresh(self, kind: str, name: str) -> str:
        if kind == "sqlite":
            path = self.workdir / f"{name}.db"
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(str(path) + suffix).unlink()
            return f"sqlite+aiosqlite:///{path}"
        db = f"bench_{name}_{os.getpid()}".lower()
        asyncio.run(self._pg_admin(f'DROP DATABASE IF EXISTS "{db}"', f'CREATE DATABASE "{db}"'))
        self.pg_names.append(db)
        return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{db}"

    @staticmethod
    async def _pg_admin(*statements: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(PG_ADMIN, timeout=10)
        try:
            for stmt in statements:
                await conn.execute(stmt)
        finally:
            await conn.close()

    def drop_all(self) -> None:
        for db in self.pg_names:
            with contextlib.suppress(Exception):
                asyncio.run(self._pg_admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        self.pg_names.clear()


def query(db_url: str, sql: str) -> list[tuple]:
    if db_url.startswith("sqlite"):
        path = db_url.split(":///", 1)[1]
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]

    async def run() -> list[tuple]:
        import asyncpg

        conn = await asyncpg.connect(db_url.replace("postgresql+asyncpg", "postgresql"), timeout=10)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()

    return asyncio.run(run())


# --------------------------------------------------------------------------- load


@dataclass
class Round:
    label: str
    pattern: str
    users: int
    replies: int
    seconds: float = 0.0
    rate: float = 0.0
    delivered: int = 0
    expected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    handled_ms: list[float] = field(default_factory=list)
    inbot_ms: list[float] = field(default_factory=list)
    update_ids: list[int] = field(default_factory=list)
    post_failures: int = 0
    cpu_bot: float = 0.0
    cpu_load: float = 0.0


def run_threads(fn, items, timeout: float) -> None:  # noqa: ANN001
    threads = [threading.Thread(target=fn, args=(item,), daemon=True) for item in items]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))


def setup_users(fake: BenchFake, sender: Sender, users: list[int], timeout: float = 120) -> int:
    """Untimed: /rehearse, wait for the list, tap the persona, wait for the persona's first line."""
    failed = []

    def one(uid: int) -> None:
        deadline = time.monotonic() + timeout
        update = text_message(uid, "/rehearse")
        fake.register(update)
        sender.post(update, deadline=deadline)
        if not fake.wait_count(uid, any_text, 1, timeout):
            failed.append(uid)
            return
        update = callback_query(uid, f"sc:{SCENARIO}", chat_id=uid)
        fake.register(update)
        sender.post(update, deadline=deadline)
        if not fake.wait_count(uid, is_persona, 1, timeout):
            failed.append(uid)

    run_threads(one, users, timeout + 10)
    return len(failed)


def timed_round(
    fake: BenchFake,
    sender: Sender,
    bot: BotProc,
    users: list[int],
    replies: int,
    pattern: str,
    match,
    label: str,
    reply_timeout: float = 60,
    paced_rate: float = 100.0,
) -> Round:  # noqa: ANN001
    """All users at once; `wait`: send, wait for the answer, send the next; `burst`: all replies, then
    wait; `paced`: open loop, the users' replies evenly spread at `paced_rate` updates/s overall
    (each user sends every users/rate seconds, whether answered or not)."""
    rnd = Round(label, pattern, len(users), replies, expected=len(users) * replies)
    base = {uid: fake.count(uid, match) for uid in users}
    posted: dict[int, list[tuple[int, float]]] = {uid: [] for uid in users}
    start = threading.Barrier(len(users) + 1)
    failures_before = sum(sender.failures.values())

    def one(uid: int) -> None:
        start.wait(30)
        began = time.monotonic()
        deadline = began + reply_timeout
        for k in range(replies):
            if pattern == "paced":
                due = began + (users.index(uid) + k * len(users)) / paced_rate
                time.sleep(max(0.0, due - time.monotonic()))
            update = text_message(uid, QUESTIONS[k % len(QUESTIONS)])
            fake.register(update)
            status, t_done, _n = sender.post(update, deadline=deadline)
            posted[uid].append((update["update_id"], t_done))
            if pattern == "wait":
                fake.wait_count(uid, match, base[uid] + k + 1, max(0.1, deadline - time.monotonic()))
        fake.wait_count(uid, match, base[uid] + replies, max(0.1, deadline - time.monotonic()))

    cpu_bot0, cpu_load0 = proc_cpu_seconds(bot.pid), time.process_time()
    threads = [threading.Thread(target=one, args=(uid,), daemon=True) for uid in users]
    for t in threads:
        t.start()
    start.wait(30)
    t0 = time.monotonic()
    for t in threads:
        t.join(reply_timeout + 30)
    rnd.cpu_bot = proc_cpu_seconds(bot.pid) - cpu_bot0
    rnd.cpu_load = time.process_time() - cpu_load0
    last = t0
    for uid in users:
        got = [t for t, text in fake.texts(uid) if match(text)][base[uid] :]
        rnd.delivered += min(len(got), replies)
        if got:
            last = max(last, got[min(len(got), replies) - 1])
        for k, (update_id, t_done) in enumerate(posted[uid]):
            rnd.update_ids.append(update_id)
            if k < len(got):
                rnd.latencies_ms.append((got[k] - t_done) * 1000)
    rnd.seconds = last - t0
    rnd.rate = rnd.delivered / rnd.seconds if rnd.seconds > 0 else 0.0
    rnd.post_failures = sum(sender.failures.values()) - failures_before
    return rnd


def handled_times(bot: BotProc, update_ids: list[int]) -> tuple[list[float], list[float]]:
    """From the bot's log: handling times, and times since the update arrived (both in ms)."""
    wanted = set(update_ids)
    handled, inbot = [], []
    for m in HANDLED_RE.finditer(bot.log_text()):
        if int(m.group(1)) in wanted:
            handled.append(float(m.group(2)))
            if m.group(3):
                inbot.append(float(m.group(3)))
    return handled, inbot


def log_problems(bot: BotProc) -> Counter:
    """Count WARNING/ERROR lines (and tracebacks) of a bot log by their message, digits masked."""
    problems = Counter()
    for line in bot.log_text().splitlines():
        m = re.search(r" (WARNING|ERROR|CRITICAL) ([\w.]+): (.*)", line)
        if m:
            problems[f"{m.group(1)} {m.group(2)}: {re.sub(r'[0-9]+', 'N', m.group(3))[:110]}"] += 1
        elif line.startswith(("Traceback", "sqlalchemy.exc.", "asyncpg.exceptions.", "TimeoutError")):
            problems[line[:120]] += 1
    return problems


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def dist(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (
        f"n={len(values)} min={min(values):.1f} p50={pct(values, 50):.1f} p90={pct(values, 90):.1f} "
        f"p99={pct(values, 99):.1f} max={max(values):.1f} ms"
    )


# --------------------------------------------------------------------------- parts


class Bench:
    def __init__(self, args):  # noqa: ANN001
        self.args = args
        self.workdir = Path(tempfile.mkdtemp(prefix="oser-bench-"))
        self.dbs = Databases(self.workdir)
        self.bots: list[BotProc] = []
        self.summary: list[tuple[str, ...]] = []
        self.notes: list[str] = []
        self.next_user = 7_000_000

    def users(self, n: int) -> list[int]:
        first = self.next_user
        self.next_user += n
        return list(range(first, first + n))

    def bot(self, *a, **kw) -> BotProc:  # noqa: ANN002, ANN003
        bot = BotProc(*a, **kw)
        self.bots.append(bot)
        return bot

    def cleanup(self) -> None:
        for bot in self.bots:
            with contextlib.suppress(Exception):
                bot.stop(10)
        self.dbs.drop_all()
        if not self.args.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def row(self, *cells: object) -> None:
        self.summary.append(tuple(str(c) for c in cells))

    # ---------------------------------------------------------- throughput + latency

    def load_on(self, fake: BenchFake, bot: BotProc, match, label: str, setup: bool, pattern: str) -> Round:  # noqa: ANN001
        a = self.args
        sender = Sender(bot.port)
        users = self.users(a.users)
        if setup:
            failed = setup_users(fake, sender, users)
            if failed:
                self.notes.append(f"{label}: {failed} users could not be set up")
        time.sleep(a.settle)  # let the per-chat limiter's bucket drain after the untimed setup
        if bot.kind != "echo":
            wait_idle(bot.pid, timeout=12, initial=0)
        rnd = timed_round(
            fake,
            sender,
            bot,
            users,
            a.replies,
            pattern,
            match,
            label,
            reply_timeout=a.reply_timeout,
            paced_rate=a.paced_rate,
        )
        if bot.kind != "echo":
            time.sleep(0.3)  # the log line comes after the reply is sent and the update marked
            rnd.handled_ms, rnd.inbot_ms = handled_times(bot, rnd.update_ids)
        log(
            f"  {label:<34} {pattern:<5}: {rnd.delivered}/{rnd.expected} answers in {rnd.seconds:.2f} s = "
            f"{rnd.rate:.1f} msg/s; latency {dist(rnd.latencies_ms)}; bot CPU {rnd.cpu_bot:.2f} s, "
            f"load-gen CPU {rnd.cpu_load:.2f} s; POST failures {rnd.post_failures}"
        )
        if rnd.handled_ms:
            log(f"  {'':<34} {'':<5}  bot log 'handled in': {dist(rnd.handled_ms)}")
        if rnd.inbot_ms:
            log(f"  {'':<34} {'':<5}  bot log 'after it arrived': {dist(rnd.inbot_ms)}")
        return rnd

    def throughput(
        self,
        db: str,
        variants: list[tuple[str, dict, str]] | None = None,
        echo_variants: list[tuple[str, dict]] | None = None,
        profile: bool = False,
    ) -> dict:
        """Echo and Oser against one fake; returns {label: [rounds]}."""
        a = self.args
        results: dict[str, list[Round]] = {}
        if echo_variants is None:
            echo_variants = [("echo (PTB defaults)", {})]
        if variants is None:
            variants = [("oser (configured limits)", {}, "cfg"), ("oser (limits lifted)", LIFTED, "lifted")]
            if a.only_lifted:
                variants = variants[1:]
            if db == "postgres" and not a.no_pg_workaround:
                variants.append(("oser (lifted, pool 20, 8 at once)", {**LIFTED, **PG_WORKAROUND}, "pgfix"))
            if a.baseline:
                # Another checkout of the bot (git worktree), run side by side: an A/B comparison in
                # alternating rounds, steadier than two runs minutes apart on a busy machine.
                base = str(Path(a.baseline).resolve())
                # with its own scenarios: an older engine may not read today's format
                env = {**LIFTED, "PYTHONPATH": base, "SCENARIOS_DIR": str(Path(base) / "scenarios")}
                variants.append(("baseline (limits lifted)", env, "base"))
        with BenchFake() as fake:
            # Every process runs side by side and the rounds alternate (echo, then each Oser variant,
            # pattern by pattern, `--rounds` times), so each ratio compares runs made moments apart on
            # a machine whose speed varies with its neighbours' load.
            procs: list[tuple[str, BotProc, object, bool]] = []
            for label, env in echo_variants:
                echo = self.bot(
                    "echo", fake, self.workdir, None, env_extra=env, tag=f"echo-{db}-{len(self.bots)}"
                )
                echo.start()
                procs.append((label, echo, any_text, False))
            for label, env, tag in variants:
                url = self.dbs.fresh(db, f"tp_{tag}_{db}_{len(self.bots)}")
                bot = self.bot(
                    "oser", fake, self.workdir, url, env_extra=env, tag=f"oser-{db}-{tag}-{len(self.bots)}"
                )
                took = bot.start()
                log(f"  {label} [{db}] started in {took:.1f} s, RSS {rss_mb(bot.pid):.0f} MB")
                wait_idle(bot.pid)
                procs.append((f"{label} [{db}]", bot, is_persona, True))
            spies = {}
            if profile:
                spies = {
                    name: self.start_pyspy(proc, f"{db}-{name}")
                    for name, proc, _m, is_oser in procs
                    if is_oser
                }
            for _ in range(a.rounds):
                for pattern in [p for p in a.patterns if p != "paced" or a.paced_rate > 0]:
                    for name, proc, match, is_oser in procs:
                        rnd = self.load_on(fake, proc, match, name, setup=is_oser, pattern=pattern)
                        results.setdefault(name.removesuffix(f" [{db}]"), []).append(rnd)
            for name, spy in spies.items():
                if spy is not None:
                    self.stop_pyspy(spy, name)
            for name, proc, _m, is_oser in procs:
                code = proc.stop()
                if not is_oser:
                    continue
                problems = log_problems(proc)
                if problems or code != 0:
                    self.notes.append(
                        f"{name}: exit code {code}; log problems: "
                        + "; ".join(f"{n}x {p}" for p, n in problems.most_common(6))
                    )
        return results

    def report_throughput(self, db: str, results: dict) -> None:
        echo = results.get("echo (PTB defaults)")
        for label, rounds in results.items():
            ratios: dict[str, list[float]] = {}
            for i, rnd in enumerate(rounds):
                ratio = ""
                if echo and not label.startswith("echo") and echo[i].rate and rnd.pattern != "paced":
                    ratios.setdefault(rnd.pattern, []).append(rnd.rate / echo[i].rate)
                    ratio = f"{rnd.rate / echo[i].rate * 100:.0f}%"
                self.row(
                    "throughput",
                    db,
                    label,
                    rnd.pattern,
                    f"{rnd.rate:.1f}",
                    ratio,
                    f"{pct(rnd.latencies_ms, 50):.1f}",
                    f"{pct(rnd.latencies_ms, 99):.1f}",
                    f"{pct(rnd.handled_ms, 50):.1f}" if rnd.handled_ms else "-",
                    f"{pct(rnd.handled_ms, 99):.1f}" if rnd.handled_ms else "-",
                    f"{pct(rnd.inbot_ms, 50):.1f}" if rnd.inbot_ms else "-",
                    f"{pct(rnd.inbot_ms, 99):.1f}" if rnd.inbot_ms else "-",
                    f"{rnd.delivered}/{rnd.expected}",
                )
            for pattern, values in ratios.items():
                rates = sorted(r.rate for r in rounds if r.pattern == pattern)
                self.notes.append(
                    f"{label} [{db}] {pattern}: median {statistics.median(rates):.1f} msg/s, "
                    f"median ratio to echo {statistics.median(values) * 100:.0f}% over {len(values)} paired rounds "
                    f"({', '.join(f'{v * 100:.0f}%' for v in values)})"
                )

    # ---------------------------------------------------------- memory

    def memory(self, db: str) -> None:
        a = self.args
        marks = sorted({m for m in (100, 500, a.memory_users) if m <= a.memory_users})
        with BenchFake() as fake:
            url = self.dbs.fresh(db, f"mem_{db}")
            env = {} if a.memory_ratelimit else LIFTED
            bot = self.bot("oser", fake, self.workdir, url, env_extra=env, tag=f"oser-{db}-memory")
            bot.start()
            time.sleep(1)
            readings = [("start", rss_mb(bot.pid))]
            wait_idle(bot.pid)
            readings.append(("start+warm-up", rss_mb(bot.pid)))
            log(f"  memory [{db}]: RSS at start {readings[0][1]:.1f} MB")
            sender = Sender(bot.port)
            done = 0
            stuck = 0
            t_start = time.monotonic()
            all_users = self.users(a.memory_users)
            budget = a.memory_seconds

            def rehearsal(uid: int) -> None:
                nonlocal stuck
                deadline = time.monotonic() + 60
                steps = (
                    [text_message(uid, "/rehearse"), None]
                    + [text_message(uid, q) for q in QUESTIONS[:6]]
                    + [text_message(uid, "/end")]
                )
                waits = (
                    [(any_text, 1), (is_persona, 1)]
                    + [(is_persona, k + 2) for k in range(6)]
                    + [(any_text, 0)]
                )
                for step, (match, n) in zip(steps, waits, strict=True):
                    if step is None:
                        step = callback_query(uid, f"sc:{SCENARIO}", chat_id=uid)
                    fake.register(step)
                    sender.post(step, deadline=deadline)
                    if n and not fake.wait_count(uid, match, n, max(0.1, deadline - time.monotonic())):
                        stuck += 1
                        return

            for mark in marks:
                batch = all_users[done:mark]
                # bounded concurrency: `memory_concurrency` users rehearse at once
                for i in range(0, len(batch), a.memory_concurrency):
                    if time.monotonic() - t_start > budget:
                        break
                    run_threads(rehearsal, batch[i : i + a.memory_concurrency], 120)
                    done = min(mark, done + len(batch[i : i + a.memory_concurrency]))
                if done < mark:
                    self.notes.append(f"memory [{db}]: time budget ({budget} s) reached after {done} users")
                    time.sleep(1)
                    readings.append((f"{done} users (budget)", rss_mb(bot.pid)))
                    break
                time.sleep(1)
                readings.append((f"{done} users", rss_mb(bot.pid)))
                log(
                    f"  memory [{db}]: RSS after {done} users {readings[-1][1]:.1f} MB "
                    f"({time.monotonic() - t_start:.0f} s)"
                )
            elapsed = time.monotonic() - t_start
            # The last users' /end is posted without waiting for the debrief: give it a moment.
            settle = time.monotonic() + 10
            while True:
                ended = query(url, "SELECT count(*) FROM rehearsals WHERE status = 'ended'")[0][0]
                if ended >= done or time.monotonic() > settle:
                    break
                time.sleep(0.2)
            bot.stop()
            problems = log_problems(bot)
            if problems:
                self.notes.append(
                    f"memory [{db}]: log problems: "
                    + "; ".join(f"{n}x {p}" for p, n in problems.most_common(6))
                )
            if stuck:
                self.notes.append(f"memory [{db}]: {stuck} rehearsals got no answer within 60 s")
        self.row(
            "memory",
            db,
            "RSS MB " + ", ".join(f"{k}: {v:.1f}" for k, v in readings),
            f"{done} rehearsals in {elapsed:.0f} s, {ended} ended in DB",
            (
                "FAIL (>150 MB)"
                if max(v for _k, v in readings) > 150
                else "PASS"
                if done >= a.memory_users
                else f"INCOMPLETE ({done}/{a.memory_users} users)"
            ),
        )

    # ---------------------------------------------------------- crash

    def crash(self, db: str) -> None:
        a = self.args
        with BenchFake() as fake:
            url = self.dbs.fresh(db, f"crash_{db}")
            bot = self.bot("oser", fake, self.workdir, url, tag=f"oser-{db}-crash")
            bot.start()
            sender = Sender(bot.port)
            users = self.users(a.users)
            setup_users(fake, sender, users)
            base = {uid: [text for _t, text in fake.texts(uid)] for uid in users}
            posted: list[int] = []
            posted_lock = threading.Lock()
            finished = threading.Event()
            kills: list[float] = []
            start = threading.Barrier(len(users) + 1)

            def user(uid: int) -> None:
                start.wait(30)
                deadline = time.monotonic() + 120
                for k in range(a.replies):
                    update = text_message(uid, QUESTIONS[k % len(QUESTIONS)])
                    fake.register(update)
                    status, _t, _n = sender.post(update, deadline=deadline)  # retried until 200
                    if status == 200:
                        with posted_lock:
                            posted.append(update["update_id"])
                    # a person waits a while for the answer, then writes again anyway
                    fake.wait_count(
                        uid, is_persona, 1 + k + 1, min(8.0, max(0.1, deadline - time.monotonic()))
                    )

            def killer() -> None:
                rng = random.Random(a.seed)
                for _i in range(a.kills):
                    if finished.wait(rng.uniform(0.2, 1.2)):
                        return
                    bot.kill()
                    kills.append(time.monotonic())
                    time.sleep(rng.uniform(0.0, 0.5))
                    bot.start()

            threads = [threading.Thread(target=user, args=(uid,), daemon=True) for uid in users]
            for t in threads:
                t.start()
            k_thread = threading.Thread(target=killer, daemon=True)
            start.wait(30)
            t0 = time.monotonic()
            k_thread.start()
            for t in threads:
                t.join(180)
            finished.set()
            k_thread.join(120)
            load_s = time.monotonic() - t0
            # Let the outbox retry job send what the killed processes left: replies committed by a
            # process killed before sending wait for their claim to expire (15 s), then for the job
            # (every 5 s). Counting answers at the fake is not enough: re-sent duplicates count too.
            drain_deadline = time.monotonic() + 60
            while time.monotonic() < drain_deadline:
                if query(url, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0] == 0:
                    break
                time.sleep(0.5)
            time.sleep(2)
            code = bot.stop()
            sent_ids = set(posted)
            bench_users = ",".join(str(u) for u in users)
            user_turns = query(
                url,
                f"SELECT t.update_id, t.text, r.user_id FROM turns t JOIN rehearsals r "
                f"ON r.id = t.rehearsal_id WHERE t.role = 'user' AND r.user_id IN ({bench_users})",
            )
            persona_turns = query(
                url,
                f"SELECT r.user_id, t.text FROM turns t JOIN rehearsals r ON r.id = t.rehearsal_id "
                f"WHERE t.role = 'persona' AND r.user_id IN ({bench_users}) ORDER BY t.seq",
            )
            unhandled = query(url, "SELECT count(*) FROM inbound_updates WHERE handled_at IS NULL")[0][0]
            unsent = query(url, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0]
            processed = query(url, "SELECT count(*) FROM processed_updates")[0][0]
            inbound = query(url, "SELECT count(*) FROM inbound_updates")[0][0]
            turn_ids = Counter(r[0] for r in user_turns)
            dup_turns = sum(n - 1 for n in turn_ids.values() if n > 1)
            missing_turns = len(sent_ids - set(turn_ids))
            # persona answers: the DB's persona lines against what reached the fake, per chat
            db_lines: dict[int, Counter] = {}
            for uid, text in persona_turns:
                db_lines.setdefault(uid, Counter())[persona_body(f"{PERSONA}: {text}")] += 1
            fake_dup = fake_missing = 0
            other_dup = 0
            went_wrong = 0
            for uid in users:
                got = [text for _t, text in fake.texts(uid)]
                persona_got = Counter(persona_body(t) for t in got if is_persona(t))
                want = db_lines.get(uid, Counter())
                fake_dup += sum(max(0, persona_got[t] - want[t]) for t in persona_got)
                fake_missing += sum(max(0, want[t] - persona_got[t]) for t in want)
                others = Counter(t for t in got if not is_persona(t))
                other_dup += sum(n - 1 for n in others.values() if n > 1)
                went_wrong += sum(1 for t in got[len(base[uid]) :] if is_error_note(t))
            problems = log_problems(bot)
        ok = (
            dup_turns == 0
            and missing_turns == 0
            and len(user_turns) == len(sent_ids)
            and fake_missing == 0
            and unhandled == 0
            and unsent == 0
        )
        log(
            f"  crash [{db}]: {len(kills)} kills, {bot.starts} starts, load {load_s:.1f} s; updates sent "
            f"{len(sent_ids)}, user turns {len(user_turns)} (dup {dup_turns}, missing {missing_turns}); persona "
            f"answers at fake: dup {fake_dup}, missing {fake_missing}; other dup msgs {other_dup}; "
            f"'went wrong' msgs {went_wrong}; inbound {inbound} unhandled {unhandled}; processed {processed}; "
            f"outbox unsent {unsent}; POST failures {dict(sender.failures)}; exit {code}"
        )
        if problems:
            self.notes.append(
                f"crash [{db}]: log problems: " + "; ".join(f"{n}x {p}" for p, n in problems.most_common(8))
            )
        self.row(
            "crash",
            db,
            f"{len(kills)} SIGKILLs",
            f"sent {len(sent_ids)} / user turns {len(user_turns)}",
            f"dup turns {dup_turns}, missing {missing_turns}",
            f"fake persona dup {fake_dup}, missing {fake_missing}",
            f"unhandled {unhandled}, unsent {unsent}, errors-to-user {went_wrong}",
            "PASS" if ok else "FAIL",
        )

    # ---------------------------------------------------------- profile

    def start_pyspy(self, bot: BotProc, tag: str):  # noqa: ANN201
        spy_bin = Path(PY).parent / "py-spy"
        if not spy_bin.exists():
            self.notes.append("profile: py-spy not installed (pip install py-spy)")
            return None
        out = self.workdir / f"pyspy-{tag}.txt"
        proc = subprocess.Popen(
            [
                str(spy_bin),
                "record",
                "--pid",
                str(bot.pid),
                "--rate",
                "250",
                "--nonblocking",
                "--format",
                "raw",
                "--output",
                str(out),
                "--duration",
                "300",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(1.0)
        return proc, out

    def stop_pyspy(self, spy, label: str) -> None:  # noqa: ANN001
        proc, out = spy
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if not out.exists():
            self.notes.append(f"profile: py-spy wrote nothing ({proc.stderr.read().decode()[-300:]})")
            return
        self.report_profile(out, label)

    def report_profile(self, path: Path, label: str) -> None:
        self_cost, total_cost, areas = Counter(), Counter(), Counter()
        samples = 0
        for line in path.read_text(errors="replace").splitlines():
            stack, _sep, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            frames = [f for f in stack.split(";") if f]
            if not frames or frames[0].startswith("process") and len(frames) == 1:
                continue
            samples += n
            names = [self._frame(f) for f in frames]
            self_cost[names[-1]] += n
            for name in set(names):
                total_cost[name] += n
            areas[self._area(frames)] += n
        if not samples:
            return
        lines = [
            f"profile of {label}: {samples} on-CPU samples (py-spy, 250 Hz)",
            "  by area (innermost known):",
        ]
        lines += [f"    {n / samples * 100:5.1f}%  {a}" for a, n in areas.most_common(12)]
        lines.append("  top self:")
        lines += [f"    {n / samples * 100:5.1f}%  {f}" for f, n in self_cost.most_common(18)]
        lines.append("  top total (inclusive):")
        skip = (
            "run (asyncio",
            "_run_once",
            "run_forever",
            "run_until_complete",
            "<module>",
            "_run (asyncio",
            "main (",
            "cmd_run",
            "serve (",
            "run (",
            "_bootstrap",
            "process ",
        )
        shown = 0
        for f, n in total_cost.most_common(80):
            if any(f.startswith(s) for s in skip):
                continue
            lines.append(f"    {n / samples * 100:5.1f}%  {f}")
            shown += 1
            if shown >= 25:
                break
        text = "\n".join(lines)
        print(text, flush=True)
        (self.workdir / f"profile-{re.sub(r'[^a-z0-9]+', '-', label.lower())}.txt").write_text(text)
        self.profiles.append(text)

    profiles: list[str] = []

    @staticmethod
    def _frame(frame: str) -> str:
        # py-spy raw frames: "function (path/to/file.py:line)"
        m = re.match(r"(.*?) \((.*?)(?::\d+)?\)$", frame)
        if not m:
            return frame
        func, path = m.groups()
        path = re.sub(r".*/site-packages/", "", path)
        path = re.sub(r".*/work/main/", "", path)
        path = re.sub(r".*/lib/python3\.\d+/", "stdlib/", path)
        return f"{func} ({path})"

    @staticmethod
    def _area(frames: list[str]) -> str:
        order = [
            ("sniffio/import", ("_find_and_load", "import_module", "_handle_fromlist", "find_spec")),
            ("json", ("json/",)),
            ("logging", ("logging/",)),
        ]
        inner = frames[-1]
        for name, keys in order:
            if any(k in inner for k in keys):
                return name
        for f in reversed(frames):
            for pkg in (
                "sqlalchemy",
                "aiosqlite",
                "asyncpg",
                "httpx",
                "httpcore",
                "anyio",
                "h11",
                "tornado",
                "telegram",
                "apscheduler",
                "aiolimiter",
                "yaml",
                "babel",
            ):
                if f"site-packages/{pkg}" in f:
                    return pkg
            if "/work/main/bot/" in f:
                return "bot/" + re.sub(r".*/work/main/bot/", "", f.split(" (", 1)[-1]).split(":")[0]
            if "sqlite3" in f:
                return "sqlite3"
        if "asyncio" in inner or "selectors" in inner:
            return "asyncio event loop"
        return "other: " + self_short(inner)

    # ---------------------------------------------------------- sniffio

    def sniffio(self, db: str) -> None:
        with_sniffio = {"PYTHONPATH": str(SNIFFIO_DIR)}
        if not (SNIFFIO_DIR / "sniffio").is_dir():
            self.notes.append(f"sniffio: {SNIFFIO_DIR} missing (pip install --target {SNIFFIO_DIR} sniffio)")
            return
        installed = subprocess.run([PY, "-c", "import sniffio"], capture_output=True).returncode == 0
        self.notes.append(f"sniffio importable in {Path(PY).parent.parent}: {installed}")
        timing = (
            "import timeit\n"
            "def f():\n"
            "    try:\n        import sniffio\n    except ImportError:\n        pass\n"
            "print(timeit.timeit(f, number=2000) / 2000 * 1e6)"
        )
        cost = subprocess.run([PY, "-c", timing], capture_output=True, text=True)
        cost_with = subprocess.run(
            [PY, "-c", timing], capture_output=True, text=True, env={**os.environ, **with_sniffio}
        )
        self.notes.append(
            f"`import sniffio` costs {float(cost.stdout or 'nan'):.1f} us when missing (failed import, "
            f"path scan every time) vs {float(cost_with.stdout or 'nan'):.2f} us when installed"
        )
        count = subprocess.run(
            [
                PY,
                "-c",
                (
                    "import asyncio, httpx, httpcore._synchronization as s, builtins\n"
                    "n = 0\nreal = builtins.__import__\n"
                    "def imp(name, *a, **k):\n"
                    "    global n\n"
                    "    if name == 'sniffio': n += 1\n"
                    "    return real(name, *a, **k)\n"
                    "builtins.__import__ = imp\n"
                    "async def main():\n"
                    "    async with httpx.AsyncClient() as c:\n"
                    "        for _ in range(3):\n"
                    "            try:\n                await c.get('http://127.0.0.1:9/')\n"
                    "            except Exception:\n                pass\n"
                    "asyncio.run(main())\nprint(n / 3)"
                ),
            ],
            capture_output=True,
            text=True,
        )
        self.notes.append(
            f"httpcore tries `import sniffio` {count.stdout.strip() or '?'} times per request "
            f"(httpx AsyncClient, no sniffio)"
        )
        variants = [
            ("oser lifted, no sniffio", LIFTED, "nosniff"),
            ("oser lifted, sniffio", {**LIFTED, **with_sniffio}, "sniff"),
        ]
        echo_variants = [("echo (PTB defaults)", {}), ("echo, sniffio", with_sniffio)]
        results = self.throughput(db, variants=variants, echo_variants=echo_variants)
        for label, rounds in results.items():
            for rnd in rounds:
                self.row(
                    "sniffio",
                    db,
                    label,
                    rnd.pattern,
                    f"{rnd.rate:.1f}",
                    "",
                    f"{pct(rnd.latencies_ms, 50):.1f}",
                    f"{pct(rnd.latencies_ms, 99):.1f}",
                    f"{pct(rnd.handled_ms, 50):.1f}" if rnd.handled_ms else "-",
                    f"{pct(rnd.handled_ms, 99):.1f}" if rnd.handled_ms else "-",
                    f"{pct(rnd.inbot_ms, 50):.1f}" if rnd.inbot_ms else "-",
                    f"{pct(rnd.inbot_ms, 99):.1f}" if rnd.inbot_ms else "-",
                    f"cpu/msg bot {rnd.cpu_bot / max(rnd.delivered, 1) * 1000:.2f} ms",
                )


def self_short(frame: str) -> str:
    return frame[:80]


LIFTED = {"BENCH_RATE_OVERALL": "100000", "BENCH_RATE_CHAT_BURST": "100000"}
# What the PostgreSQL pool deadlock needs (see the report): a pool that fits 2 connections per update.
PG_WORKAROUND = {"BENCH_PG_POOL": "20", "BENCH_MAX_CONCURRENT": "8"}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--part", default="all", help="throughput,latency,memory,crash,profile,sniffio or all (default all)"
    )
    parser.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument(
        "--only-lifted",
        action="store_true",
        help="skip the runs with Telegram's limits (capped at ~30 msg/s)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="paired rounds per pattern (echo and Oser alternate)"
    )
    parser.add_argument("--replies", type=int, default=5)
    parser.add_argument(
        "--paced-rate",
        type=float,
        default=100.0,
        help="updates/s of the open-loop 'paced' pattern, for latency below saturation (0: skip it)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=3.0,
        help="seconds between the untimed setup and the timed replies (default 3)",
    )
    parser.add_argument("--memory-users", type=int, default=1000)
    parser.add_argument("--memory-concurrency", type=int, default=50)
    parser.add_argument("--memory-seconds", type=float, default=240, help="time budget of the memory part")
    parser.add_argument(
        "--memory-ratelimit",
        action="store_true",
        help="keep the bot's rate limits in the memory part (slow: 30 msg/s)",
    )
    parser.add_argument(
        "--reply-timeout",
        type=float,
        default=45,
        help="longest a user waits for its answers in a timed round (default 45 s)",
    )
    parser.add_argument(
        "--no-pg-workaround",
        action="store_true",
        help="skip the PostgreSQL variant with a bigger pool and fewer updates at once",
    )
    parser.add_argument(
        "--baseline",
        help="another checkout of the project (e.g. a git worktree of an older commit) run as an extra "
        "variant, limits lifted, for an A/B comparison in the same rounds",
    )
    parser.add_argument(
        "--patterns",
        type=lambda text: [p for p in text.split(",") if p],
        default=["wait", "burst", "paced"],
        help="load patterns of the throughput part, comma-separated (default wait,burst,paced)",
    )
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work dir (bot logs, profiles)")
    args = parser.parse_args()
    parts = (
        {"throughput", "latency", "memory", "crash", "profile", "sniffio"}
        if args.part == "all"
        else set(args.part.split(","))
    )
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    bench = Bench(args)
    t_all = time.monotonic()
    log(f"work dir {bench.workdir}; parts {sorted(parts)}; dbs {dbs}; {os.cpu_count()} CPUs")
    try:
        for db in dbs:
            if parts & {"throughput", "latency", "profile"}:
                log(
                    f"throughput/latency [{db}]" + (" (with py-spy on the bot)" if "profile" in parts else "")
                )
                results = bench.throughput(db, profile="profile" in parts)
                bench.report_throughput(db, results)
            if "crash" in parts:
                log(f"crash safety [{db}]")
                bench.crash(db)
            if "memory" in parts and (db == "sqlite" or args.db != "both"):
                log(f"memory [{db}]")
                bench.memory(db)
            if "sniffio" in parts and db == dbs[0]:
                log(f"sniffio [{db}]")
                bench.sniffio(db)
    finally:
        bench.cleanup()
    print()
    print(
        f"SUMMARY ({time.monotonic() - t_all:.0f} s, {os.cpu_count()} CPUs; rates in answered messages/s; "
        "latency = webhook 200 -> sendMessage at the fake; from the bot's log: 'handled' = handling the update "
        "until its reply is sent, 'in-bot' = the update's arrival (stored) until its reply is sent)"
    )
    header = (
        "part",
        "db",
        "variant",
        "pattern",
        "msg/s",
        "vs echo",
        "lat p50",
        "lat p99",
        "handled p50",
        "handled p99",
        "in-bot p50",
        "in-bot p99",
        "answers",
    )
    rows = [header] + [r for r in bench.summary if r[0] in ("throughput", "sniffio")]
    widths = [max(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(len(header))]
    for r in rows:
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)))
    for r in bench.summary:
        if r[0] not in ("throughput", "sniffio"):
            print(" | ".join(r))
    if bench.notes:
        print("\nNOTES")
        for note in bench.notes:
            print(" -", note)
    print(
        "\nTargets: bot >= 50% of echo msg/s; latency p50 <= 15 ms, p99 <= 50 ms; RSS <= 150 MB after 1000 "
        "rehearsals; crash: no lost or duplicated turn."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
