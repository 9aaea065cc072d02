"""Keeping the bot's own loops alive: backoff on faults, one log line per outage, health.

Polling, the webhook's storing path, the outbox sender and the scheduled jobs each have a `Loop`.
A fault of Telegram or of the database (`TRANSIENT`) is retried with a capped exponential backoff;
the first failure of an outage logs one line, the recovery another, the attempts in between
nothing. Anything else ends the loop, and the process stops with one clear line (a supervisor such
as Docker or systemd restarts it).

`Health` answers /healthz and `oser healthcheck`: unhealthy while a loop is in an outage, or when a
loop that should make progress regularly (polling, the sender) has made none for
HEALTH_STALL_SECONDS. The running bot writes the same verdict to a small file (HEALTH_FILE) for
`oser healthcheck` in polling mode, where no HTTP server runs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import time
import weakref
from collections.abc import Callable, Coroutine
from functools import wraps
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.error import TelegramError

log = logging.getLogger("bot.supervisor")

# Faults worth waiting out: Telegram's errors (HTTP errors, timeouts, bad answers) and the
# database's (locked, full disk, connection lost), whatever the driver.
TRANSIENT: tuple[type[BaseException], ...] = (TelegramError, SQLAlchemyError, OSError, TimeoutError)


async def database_ok(engine: AsyncEngine, seconds: float = 2.0) -> bool:
    """Whether the database answers a trivial query within `seconds` (for /healthz and healthcheck)."""
    try:
        async with asyncio.timeout(seconds), engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


def is_database_fault(exc: BaseException) -> bool:
    """A fault of the database itself (locked, full, unreachable, restarted), which passes: not a
    bug nor a constraint, which retrying would only repeat."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (OperationalError, InterfaceError, ConnectionError, TimeoutError))


def reason(exc: BaseException) -> str:
    """A short description of a fault for the log: the error's kind and, for Telegram and the
    database driver, their own one-line message (never parameters, which may hold user text)."""
    if isinstance(exc, TelegramError):
        return f"{type(exc).__name__}: {exc.message}"[:200]
    cause = getattr(exc, "orig", None) or exc.__cause__
    if isinstance(exc, SQLAlchemyError) and cause is not None:
        text = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
        return f"{type(exc).__name__} ({type(cause).__name__}: {text})"[:200]
    if isinstance(exc, OSError) and exc.strerror:
        return f"{type(exc).__name__}: {exc.strerror}"
    return type(exc).__name__


class Loop:
    """Progress and outages of one loop; tells how long to wait before the next attempt."""

    def __init__(
        self, name: str, *, regular: bool, vital: bool = True, base: float = 0.5, cap: float = 15.0
    ) -> None:
        self.name = name
        self.regular = regular  # expected to make progress every few seconds (polling, the sender)
        # Counts for health (a job that runs every minute or hour would stay "failing" until its next
        # run: its outages are logged, not reported as unhealthy).
        self.vital = vital
        self.base, self.cap = base, cap
        self.last_progress = time.monotonic()
        self.failing_since: float | None = None
        self.failures = 0
        self.next_attempt = 0.0

    def progress(self) -> None:
        now = time.monotonic()
        self.last_progress = now
        if self.failing_since is not None:
            log.warning(
                "%s: recovered after %.1f s (%d failed attempts)",
                self.name,
                now - self.failing_since,
                self.failures,
            )
            self.failing_since = None
            self.failures = 0
            self.next_attempt = 0.0

    def failed(self, exc: BaseException) -> float:
        """Record a failed attempt; the seconds to wait before the next one."""
        now = time.monotonic()
        if self.failing_since is None:
            self.failing_since = now
            log.warning(
                "%s: %s; retrying with a backoff of up to %.0f s (logged again when it recovers)",
                self.name,
                reason(exc),
                self.cap,
            )
        self.failures += 1
        delay = min(self.cap, self.base * 2 ** (self.failures - 1))
        self.next_attempt = now + delay
        return delay

    def waiting(self) -> bool:
        """True while a backoff is running (a periodic job then skips its turn)."""
        return self.failing_since is not None and time.monotonic() < self.next_attempt

    def problem(self, stall_seconds: float) -> str | None:
        now = time.monotonic()
        if self.failing_since is not None:
            return f"{self.name} failing for {now - self.failing_since:.0f} s"
        if self.regular and now - self.last_progress > stall_seconds:
            return f"{self.name} made no progress for {now - self.last_progress:.0f} s"
        return None


class Health:
    """The loops of the running bot and the verdict on them."""

    def __init__(self, stall_seconds: float) -> None:
        self.stall_seconds = stall_seconds
        self.loops: dict[str, Loop] = {}

    def loop(self, name: str, *, regular: bool = False, vital: bool = True) -> Loop:
        if name not in self.loops:
            self.loops[name] = Loop(name, regular=regular, vital=vital)
        return self.loops[name]

    def problems(self) -> list[str]:
        vital = [loop for loop in self.loops.values() if loop.vital]
        return [p for loop in vital if (p := loop.problem(self.stall_seconds))]

    def write(self, path: Path) -> None:
        """Write the verdict atomically (for `oser healthcheck` in polling mode)."""
        data = {"pid": os.getpid(), "written": time.time(), "problems": self.problems()}
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)

    async def keep_written(self, path: Path) -> None:
        """Rewrite the file every few seconds, until cancelled; a write that fails is retried."""
        every = max(0.5, min(1.0, self.stall_seconds / 4))
        failed = False
        while True:
            try:
                self.write(path)
                failed = False
            except OSError as exc:
                if not failed:
                    log.warning("cannot write the health file %s (%s)", path, exc.strerror)
                failed = True
            await asyncio.sleep(every)


def default_health_file(token: str | None) -> Path:
    """A file per bot (its id is the token's public prefix) in the temporary folder."""
    bot_id = (token or "").split(":", 1)[0]
    return Path(tempfile.gettempdir()) / f"oser-health-{bot_id if bot_id.isdigit() else 'bot'}.json"


def read_health_file(path: Path, stall_seconds: float) -> list[str]:
    """What `oser healthcheck` finds wrong in the file the bot keeps written (empty: healthy)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        written = float(data["written"])
        problems = [str(p) for p in data["problems"]]
    except FileNotFoundError:
        return [f"no health file at {path}: is the bot running?"]
    except (OSError, ValueError, KeyError, TypeError):
        return [f"unreadable health file at {path}"]
    age = time.time() - written
    if age > min(stall_seconds, FRESH_SECONDS):
        return [f"the bot has not updated {path} for {age:.0f} s (stuck or stopped)", *problems]
    return problems


# The bot rewrites its health file every second: older than this, its event loop is blocked (a
# database that holds it, a stuck call) or it stopped.
FRESH_SECONDS = 3.0


Job = Callable[..., Coroutine[Any, Any, None]]
_supervised: weakref.WeakSet[Job] = weakref.WeakSet()


def is_supervised(callback: Job) -> bool:
    """Whether the callback is one `supervised_job` made (it is not wrapped again)."""
    return callback in _supervised


def supervised_job(loop: Loop, callback: Job) -> Job:
    """A periodic job under a Loop: faults are logged once per outage and backed off (the job skips
    its turns during the backoff); other errors still reach the application's error handler."""

    @wraps(callback)
    async def run(context) -> None:
        if loop.waiting():
            return
        try:
            await callback(context)
        except TRANSIENT as exc:
            loop.failed(exc)
            return
        loop.progress()

    _supervised.add(run)
    return run
