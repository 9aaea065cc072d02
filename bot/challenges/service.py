"""Daily challenges, the service: subscription, the day's challenge, check-ins, and the scheduler
that sends each due challenge exactly once.

Sending (`Sender.run`, used by the bot's job every minute and by `python -m bot challenges send-due`):

* Due users are read through the partial index `ix_users_challenge_due` (challenge_status = 'on',
  next_challenge_at <= now, not blocked).
* Each (user, local date) is claimed in the database before its message is sent: a `challenge_days`
  row, unique per user and date.
  - PostgreSQL: the user row is locked `FOR UPDATE SKIP LOCKED` in a short transaction per user
    (lock, claim, send, mark sent, advance next_challenge_at, commit). Two workers never hold the same
    user; a worker that dies loses its connection, so its lock and uncommitted claim vanish and the
    next run retries at once.
  - SQLite (one scheduler; a write transaction would block the whole database during the send): a
    conditional UPDATE of next_challenge_at leases the user for a minute (row count 1 = ours), the
    claim row is committed, the message sent, then the row marked sent. A claim still unsent after a
    minute is retried.
  Per worker, one message at a time is between "sent" and "recorded", so a crash repeats at most the
  one message in flight (Telegram has no idempotent send).
* All workers and instances share one rate clock (`send_slots` row "challenges"): each message takes
  the next slot, 1/CHALLENGE_RATE seconds after the previous one, and waits for it. Telegram's
  RetryAfter moves the shared clock, so every worker waits.
* A user who blocked the bot is unsubscribed (challenge_status off, blocked_at set).
* After downtime, a missed challenge is sent if it is still the same local day for the user;
  otherwise the user simply gets the next day's.

This module does not import Telegram: the caller passes a `send` function that raises the
exceptions below (see `bot/telegram/challenges.py`).
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, DateTime, Row, bindparam, literal_column, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from bot.buttons import ChallengeDone, ChallengeSkip, ChallengeSnooze
from bot.challenges.rules import (
    DEFAULT_MINUTE,
    Catalog,
    CatalogError,
    Challenge,
    Streak,
    choose,
    due_at,
    load_catalog,
    local_date,
    next_due,
    streaks,
    weakest_key,
    zone,
)
from bot.i18n import N_, Translate, ngettext, translator
from bot.render import KEY_NAMES, Buttons
from bot.store.db import rowcount
from bot.store.models import ChallengeDay, Rehearsal, SendSlot, User, utcnow

log = logging.getLogger(__name__)

SNOOZE = timedelta(hours=2)
# SQLite: how long a worker owns a user it leased, and after which an unsent claim is retried.
LEASE = timedelta(seconds=60)
STALE_CLAIM = timedelta(seconds=60)
# After a network error: try again at the next tick.
RETRY_LATER = timedelta(seconds=60)
CLOCK = "challenges"
RECENT_REHEARSALS = 10
FLOOD_ATTEMPTS = 5


# --------------------------------------------------------------------------- catalog

_catalogs: dict[Path, Catalog] = {}


def catalog_for(directory: Path) -> Catalog:
    """The challenge catalog of a folder, loaded once. Broken files are logged and the catalog is
    empty (no challenge is sent) rather than stopping the bot; `scenarios check` reports them."""
    path = Path(directory).resolve()
    if path not in _catalogs:
        try:
            _catalogs[path] = load_catalog(path)
        except CatalogError as exc:
            log.error("challenge files have errors; no daily challenge will be sent:\n%s", exc)
            _catalogs[path] = Catalog()
    return _catalogs[path]


# --------------------------------------------------------------------------- what the user sees


def stars(level: int) -> str:
    return "★" * level + "☆" * (3 - level)


def streak_line(_: Translate, streak: int) -> str:
    return ngettext("Streak: {n} day 🔥", "Streak: {n} days in a row 🔥", streak, _).format(n=streak)


def kept_streak_line(_: Translate, streak: int) -> str:
    """What stopping or pausing does to the streak: nothing (only days with a challenge count)."""
    if streak == 0:
        return _("Your streak starts again with the next challenge you do (/challenge gives one any time).")
    return ngettext(
        "Your streak of {n} day is kept: days without a challenge don't break it, and /challenge still gives "
        "you one whenever you like.",
        "Your streak of {n} days is kept: days without a challenge don't break it, and /challenge still gives "
        "you one whenever you like.",
        streak,
        _,
    ).format(n=streak)


def challenge_message(_: Translate, challenge: Challenge, streak: int, *, reminder: bool = False) -> str:
    head = _("⏰ A reminder of today's challenge") if reminder else _("🎯 Today's challenge")
    lines = [f"{head} · {_(KEY_NAMES[challenge.key])} {stars(challenge.difficulty)}", "", challenge.text]
    if streak:
        lines += ["", streak_line(_, streak)]
    return "\n".join(lines)


def day_key(day: date) -> str:
    """How buttons name a user's challenge: its local date (one per user and day)."""
    return day.isoformat()


def challenge_buttons(_: Translate, day: date, *, snooze: bool) -> Buttons:
    key = day_key(day)
    rows: Buttons = [[(_("Done ✅"), ChallengeDone(key).to_data())]]
    second = [(_("Snooze 2 h ⏰"), ChallengeSnooze(key).to_data())] if snooze else []
    second.append((_("Not today"), ChallengeSkip(key).to_data()))
    rows.append(second)
    return rows


STATUS_NAMES = {
    "on": N_("every day at {time} ({zone} time)"),
    "paused": N_("paused (your streak is kept)"),
    "off": N_("off"),
}


# --------------------------------------------------------------------------- queries


def with_defaults(user: User) -> User:
    """A user created in this very update has no column defaults yet (they apply at INSERT)."""
    if user.challenge_status is None:
        user.challenge_status = "off"
    if user.challenge_minute is None:
        user.challenge_minute = DEFAULT_MINUTE
    return user


# A user: their row as a model, or (the PostgreSQL sender's plain-SQL path) a row of its columns.
UserRow = User | Row[Any]


def user_zone(user: UserRow, default_timezone: str) -> ZoneInfo:
    return zone(user.timezone, default_timezone)


def zone_name(user: User, default_timezone: str) -> str:
    return user.timezone or default_timezone


def due_users(now: datetime | BindParameter[datetime]):
    """Due subscribers, oldest first. The literal 'on' (not a bound parameter) lets PostgreSQL use
    the partial index ix_users_challenge_due even with a generic prepared-statement plan."""
    return (
        select(User)
        .where(
            User.challenge_status == literal_column("'on'"),
            User.next_challenge_at <= now,
            User.blocked_at.is_(None),
        )
        .order_by(User.next_challenge_at)
    )


async def recent_days(session: AsyncSession, user_id: int, since: date) -> dict[date, ChallengeDay]:
    rows = await session.scalars(
        select(ChallengeDay).where(ChallengeDay.user_id == user_id, ChallengeDay.local_date >= since)
    )
    return {row.local_date: row for row in rows}


# Statements the sender runs for every user, built once (building one costs more than running it).
_HISTORY = (
    select(ChallengeDay.local_date, ChallengeDay.status, ChallengeDay.challenge_id)
    .where(ChallengeDay.user_id == bindparam("user_id"))
    .order_by(ChallengeDay.local_date)
)
_RECENT_SCORES = (
    select(Rehearsal.scores)
    .where(Rehearsal.user_id == bindparam("user_id"), Rehearsal.status == "ended")
    .order_by(Rehearsal.started_at.desc())
    .limit(RECENT_REHEARSALS)
)


async def history(session: AsyncSession | AsyncConnection, user_id: int) -> list[tuple[date, str, str]]:
    """(date, status, challenge id) of every challenge the user was given, oldest first."""
    result = await session.execute(_HISTORY, {"user_id": user_id})
    return [(d, s, c) for d, s, c in result]


def streak_from(user: UserRow, rows: list[tuple[date, str, str]], today: date) -> Streak:
    # A claim never sent is not a day the user was given a challenge.
    return streaks([(d, s) for d, s, _c in rows if s != "claimed"], today)


async def streak_of(session: AsyncSession, user: User, today: date) -> Streak:
    return streak_from(user, await history(session, user.id), today)


async def pick(
    session: AsyncSession | AsyncConnection,
    user: UserRow,
    catalog: Catalog,
    day: date,
    rows: list[tuple[date, str, str]],
) -> Challenge | None:
    """The day's challenge: the weakest key of the user's recent rehearsals, harder as the streak
    grows, none of the last 30 days."""
    scores = await session.scalars(_RECENT_SCORES, {"user_id": user.id})
    recent: dict[str, date] = {}
    for d, _s, cid in rows:
        recent[cid] = max(d, recent.get(cid, d))
    return choose(
        catalog,
        user.language,
        weakest=weakest_key(scores),
        streak=streak_from(user, rows, day).current,
        recent=recent,
        day=day,
        seed=user.id,
    )


def next_moment(user: User, tz: ZoneInfo, now: datetime, rows: dict[date, ChallengeDay]) -> datetime:
    """When the scheduler should look at this user again: the next daily challenge, or an earlier
    snoozed reminder of today's or yesterday's."""
    today = local_date(now, tz)
    moment = next_due(now, user.challenge_minute, tz, has_today=today in rows)
    for row in rows.values():
        if row.status == "sent" and row.snooze_until is not None and row.local_date >= today - timedelta(1):
            moment = min(moment, max(row.snooze_until, now))
    return moment


# --------------------------------------------------------------------------- the user's side


async def day_on(session: AsyncSession, user_id: int, day: date) -> ChallengeDay | None:
    return await session.scalar(
        select(ChallengeDay).where(ChallengeDay.user_id == user_id, ChallengeDay.local_date == day)
    )


async def todays_challenge(
    session: AsyncSession, user: User, catalog: Catalog, now: datetime, default_timezone: str
) -> tuple[ChallengeDay, Challenge] | None:
    """Today's challenge (given now if it was not yet); None when the catalog is empty."""
    tz = user_zone(user, default_timezone)
    today = local_date(now, tz)
    rows = await history(session, user.id)
    existing = await day_on(session, user.id, today)
    if existing is None and session.get_bind().dialect.name == "postgresql":
        # The scheduler holds this lock while it sends today's challenge: wait for it, then see its row.
        await session.execute(select(User.id).where(User.id == user.id).with_for_update())
        existing = await day_on(session, user.id, today)
    if existing is None:
        challenge = await pick(session, user, catalog, today, rows)
        if challenge is None:
            return None
        # The scheduler may be giving today's challenge at this very moment: then its row wins.
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        await session.execute(
            insert(ChallengeDay)
            .values(
                user_id=user.id,
                local_date=today,
                challenge_id=challenge.id,
                status="sent",
                claimed_at=now,
                claimed_by="on-demand",
                sent_at=now,
            )
            .on_conflict_do_nothing(index_elements=["user_id", "local_date"])
        )
        existing = await day_on(session, user.id, today)
        assert existing is not None, "inserted just now, or by the scheduler"
    challenge = catalog.get(existing.challenge_id)
    if challenge is None:
        # The catalog changed since: keep the day, show another challenge of the same key.
        challenge = await pick(session, user, catalog, today, rows)
        if challenge is None:
            return None
        existing.challenge_id = challenge.id
    return existing, challenge


async def day_of(session: AsyncSession, user: User, key: str) -> ChallengeDay | None:
    """The user's challenge named by a button (its date); None when there is none."""
    try:
        day = date.fromisoformat(key)
    except (TypeError, ValueError):
        return None
    return await day_on(session, user.id, day)


def can_check_in(row: ChallengeDay, user: User, now: datetime, default_timezone: str) -> bool:
    """Today's and yesterday's challenges can be checked in, not older ones."""
    today = local_date(now, user_zone(user, default_timezone))
    return row.local_date >= today - timedelta(days=1)


def mark_done(row: ChallengeDay, now: datetime) -> None:
    row.status = "done"
    row.done_at = now
    row.snooze_until = None


def mark_skipped(row: ChallengeDay) -> None:
    row.status = "skipped"
    row.snooze_until = None


def snooze(user: User, row: ChallengeDay, now: datetime) -> datetime:
    """Remind the user in two hours (the scheduler sends the reminder)."""
    until = now + SNOOZE
    row.snooze_until = until
    if user.challenge_status == "on":
        current = user.next_challenge_at
        user.next_challenge_at = until if current is None or until < current else current
    return until


async def reschedule(session: AsyncSession, user: User, now: datetime, default_timezone: str) -> None:
    """Recompute next_challenge_at after a change of status, time or time zone."""
    if user.challenge_status != "on":
        user.next_challenge_at = None
        return
    tz = user_zone(user, default_timezone)
    rows = await recent_days(session, user.id, local_date(now, tz) - timedelta(days=1))
    user.next_challenge_at = next_moment(user, tz, now, rows)


async def subscribe(session: AsyncSession, user: User, now: datetime, default_timezone: str) -> None:
    user.challenge_status = "on"
    user.blocked_at = None
    await reschedule(session, user, now, default_timezone)


def pause(user: User) -> None:
    if user.challenge_status == "on":
        user.challenge_status = "paused"
    user.next_challenge_at = None


def stop(user: User) -> None:
    """Stop the daily messages. Like a pause, it changes nothing in the streak: days without a
    challenge do not count, and /challenge still gives one on demand."""
    user.challenge_status = "off"
    user.next_challenge_at = None


async def export(session: AsyncSession, user: User, catalog: Catalog) -> list[dict]:
    rows = await session.scalars(
        select(ChallengeDay).where(ChallengeDay.user_id == user.id).order_by(ChallengeDay.local_date)
    )
    out = []
    for row in rows:
        challenge = catalog.get(row.challenge_id)
        item = {
            "date": row.local_date.isoformat(),
            "text": challenge.text if challenge else row.challenge_id,
            # "claimed" is internal (a send in flight): for the user it was given.
            "status": "sent" if row.status == "claimed" else row.status,
        }
        if row.reflection:
            item["reflection"] = row.reflection
        out.append(item)
    return out


# --------------------------------------------------------------------------- sending


class Blocked(Exception):
    """The user blocked the bot."""


class FloodWait(Exception):
    """Telegram asks to wait (RetryAfter)."""

    def __init__(self, seconds: float):
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Undeliverable(Exception):
    """Telegram refused this message for good (chat not found…)."""


class Transient(Exception):
    """A network problem: the message may or may not have arrived; try again later."""


SendFn = Callable[[int, str, Buttons], Awaitable[int | None]]


class RateClock:
    """At most `rate` messages per second across every worker and instance: a shared row holds the
    moment the next message may go; each message advances it by 1/rate and waits for its slot.
    A worker reserves its slots one at a time over one connection of its own."""

    def __init__(self, engine: AsyncEngine, rate: float, name: str = CLOCK):
        self.engine, self.step, self.name = engine, 1.0 / rate, name
        self.postgres = engine.dialect.name == "postgresql"
        self._conn: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        # At high rates a worker takes a few consecutive slots per database round trip.
        self.batch = max(1, min(8, int(rate // 50)))
        self._slots: list[float] = []  # event-loop times of slots taken and not used yet

    async def ensure(self) -> None:
        insert = pg_insert if self.postgres else sqlite_insert
        async with self.engine.begin() as conn:
            await conn.execute(
                insert(SendSlot).values(name=self.name, next_at=utcnow()).on_conflict_do_nothing()
            )

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()

    async def wait_turn(self) -> None:
        loop = asyncio.get_running_loop()
        async with self._lock:
            if not self._slots:
                first = loop.time() + await self._reserve(self.step * self.batch, 0.0)
                self._slots = [first + i * self.step for i in range(self.batch)]
            slot = self._slots.pop(0)
        delay = slot - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def hold(self, seconds: float) -> None:
        """Nobody sends for `seconds` (Telegram said so)."""
        async with self._lock:
            self._slots = []  # taken before the pause: no longer valid
            await self._reserve(0.0, seconds)

    async def _reserve(self, step: float, pause: float) -> float:
        """Move the clock to max(next_at, now + pause) + step; return the seconds until the slot."""
        try:
            if self._conn is None:
                self._conn = await self.engine.connect()
                if self.postgres:
                    await self._conn.execution_options(isolation_level="AUTOCOMMIT")
                    # The clock only paces sends: losing its last moves in a database crash is
                    # harmless, so its updates need not wait for the disk.
                    await self._conn.exec_driver_sql("SET synchronous_commit = off")
            if self.postgres:
                slot, now = (
                    await self._conn.execute(
                        text(
                            "UPDATE send_slots SET next_at = greatest(next_at,"
                            " clock_timestamp() + make_interval(secs => :pause)) + make_interval(secs => :step)"
                            " WHERE name = :name"
                            " RETURNING next_at - make_interval(secs => :step), clock_timestamp()"
                        ),
                        {"step": step, "pause": pause, "name": self.name},
                    )
                ).one()
                return (slot - now).total_seconds()
            return await self._sqlite_reserve(self._conn, step, pause)
        except Exception:
            await self.close()
            raise

    async def _sqlite_reserve(self, conn: AsyncConnection, step: float, pause: float) -> float:
        # SQLite stores datetimes as text: compare-and-set in Python, again if another writer won.
        while True:
            try:
                async with conn.begin():
                    current = await conn.scalar(select(SendSlot.next_at).where(SendSlot.name == self.name))
                    now = utcnow()
                    start = max(current, now + timedelta(seconds=pause)) if current else now
                    result = await conn.execute(
                        update(SendSlot)
                        .where(SendSlot.name == self.name, SendSlot.next_at == current)
                        .values(next_at=start + timedelta(seconds=step))
                    )
                if result.rowcount == 1:
                    return (start - utcnow()).total_seconds()
            except OperationalError:
                pass  # the database is busy: try again
            await asyncio.sleep(0.002)


# The PostgreSQL sender's statements for the common case (see Sender._postgres_next).
_PG_NEXT_DUE = (
    due_users(bindparam("now", type_=DateTime(timezone=True)))
    .with_only_columns(
        User.id, User.chat_id, User.language, User.timezone, User.challenge_minute, User.settings
    )
    .limit(1)
    .with_for_update(skip_locked=True)
)
_INSERT_DAY = ChallengeDay.__table__.insert()
_SET_NEXT_DUE = (
    update(User.__table__)
    .where(User.__table__.c.id == bindparam("uid"))
    .values(next_challenge_at=bindparam("next_at"))
)


@dataclass
class Report:
    sent: int = 0
    reminders: int = 0
    skipped: int = 0
    blocked: int = 0
    failed: int = 0
    users: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.sent} challenges and {self.reminders} reminders sent, {self.blocked} users blocked the bot, "
            f"{self.failed} to retry, {self.skipped} users rescheduled without a message "
            f"({self.users} due users, {self.seconds:.1f} s)"
        )


@dataclass
class _Action:
    kind: str  # "daily" or "reminder"
    row: ChallengeDay
    challenge: Challenge
    outcome: str = ""  # sent, blocked, retry, dropped
    message_id: int | None = None


@dataclass
class _Plan:
    chat_id: int
    language: str
    streak: int
    rows: dict[date, ChallengeDay]
    actions: list[_Action] = field(default_factory=list)
    # Set when the scheduler must look again at a given moment rather than at the next challenge.
    next_at: datetime | None = None
    # True once a message went out: the worker's in-flight lock is held until it is recorded.
    holding: bool = False


def default_concurrency(rate: float) -> int:
    """Concurrent senders per worker: enough to prepare the next users while one message is in
    flight; more would only compete for the same event loop."""
    return max(2, min(8, math.ceil(rate / 50)))


class Sender:
    """Sends every due challenge and snoozed reminder, once. Safe to run in several processes."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        send: SendFn,
        catalog: Catalog,
        *,
        rate: float,
        default_timezone: str,
        worker: str | None = None,
        concurrency: int | None = None,
    ):
        self.sessions, self.send, self.catalog = sessions, send, catalog
        self.engine: AsyncEngine = sessions.kw["bind"]
        self.postgres = self.engine.dialect.name == "postgresql"
        self.clock = RateClock(self.engine, rate)
        self.default_timezone = default_timezone
        self.worker = (worker or f"{socket.gethostname()}:{os.getpid()}")[:64]
        # Each concurrent sender holds one connection (its user's transaction); leave the rest of
        # the pool to the bot's handlers.
        pool = self.engine.pool
        capacity = pool.size() if hasattr(pool, "size") else 4  # the pool's own connections
        self.concurrency = concurrency or max(1, min(default_concurrency(rate), capacity // 2))
        # One message at a time between "sent" and "recorded": a crash repeats at most that one.
        self._in_flight = asyncio.Lock()
        self.report = Report()

    async def run(self, now: datetime | None = None) -> Report:
        """Send what is due at `now` (default: the current time, read again for each user)."""
        self.report = Report()
        if not len(self.catalog):
            log.warning("no challenge in the catalog: nothing sent")
            return self.report
        started = asyncio.get_running_loop().time()
        await self.clock.ensure()
        try:
            if self.postgres:
                await asyncio.gather(*(self._postgres_worker(now) for _ in range(self.concurrency)))
            else:
                await self._sqlite_run(now)
        finally:
            await self.clock.close()
        self.report.seconds = asyncio.get_running_loop().time() - started
        return self.report

    # ---------------------------------------------------------------- PostgreSQL

    async def _postgres_worker(self, fixed_now: datetime | None) -> None:
        # One connection for the whole run: one short transaction per user, no checkout each time.
        async with self.engine.connect() as conn:
            while await self._postgres_next(conn, fixed_now or utcnow()):
                pass

    async def _postgres_next(self, conn: AsyncConnection, now: datetime) -> bool:
        """Lock the next due user nobody else holds, send, record, commit; False when none is left.

        The common case (nothing given since yesterday: no snooze, no claim) runs on plain SQL,
        one short transaction and a few round trips; anything else goes through `_postgres_user`."""
        user_id = None
        plan = None
        try:
            user = (await conn.execute(_PG_NEXT_DUE, {"now": now})).first()
            if user is None:
                await conn.rollback()
                return False
            user_id = user.id
            tz = user_zone(user, self.default_timezone)
            today = local_date(now, tz)
            past = await history(conn, user.id)
            if past and past[-1][0] >= today - timedelta(days=1):
                await conn.rollback()
                await self._postgres_user(user.id, now)
                return True
            self.report.users += 1
            values: dict = {}
            if due_at(today, user.challenge_minute, tz) > now:
                # Due for a day now past (the bot was down): that one is skipped.
                values["next_challenge_at"] = next_due(now, user.challenge_minute, tz, has_today=False)
                self.report.skipped += 1
            else:
                challenge = await self._pick(conn, user, today, past)
                plan = _Plan(user.chat_id, user.language, streak_from(user, past, today).current, {})
                # Write the outcome of a successful send first, in the transaction that holds the
                # lock: between the send and the commit there is then nothing but the commit.
                await conn.execute(
                    _INSERT_DAY,
                    {
                        "user_id": user.id,
                        "local_date": today,
                        "challenge_id": challenge.id,
                        "status": "sent",
                        "claimed_at": now,
                        "claimed_by": self.worker,
                        "sent_at": utcnow(),
                    },
                )
                await conn.execute(
                    _SET_NEXT_DUE,
                    {"uid": user.id, "next_at": next_due(now, user.challenge_minute, tz, has_today=True)},
                )
                _ = translator(user.language)
                outcome, _message_id = await self._deliver(
                    plan,
                    challenge_message(_, challenge, plan.streak),
                    challenge_buttons(_, today, snooze=True),
                )
                if outcome == "sent":
                    await conn.commit()
                    self.report.sent += 1
                    return True
                # Not sent: undo, then record why.
                await conn.rollback()
                if outcome == "blocked":
                    values.update(challenge_status="off", blocked_at=now, next_challenge_at=None)
                    self.report.blocked += 1
                elif outcome == "dropped":
                    values["next_challenge_at"] = next_due(now, user.challenge_minute, tz, has_today=True)
                else:
                    values["next_challenge_at"] = now + RETRY_LATER
                    self.report.failed += 1
            await conn.execute(update(User).where(User.id == user.id).values(**values))
            await conn.commit()
        except IntegrityError:
            await conn.rollback()
            # /challenge gave today's challenge at the same moment: the next pass sees its row.
            log.info("user %s: today's challenge was given elsewhere meanwhile", user_id)
        except Exception:
            await conn.rollback()
            if user_id is None:
                raise
            log.exception("user %s: sending the challenge failed; retrying later", user_id)
            await self._postpone(user_id, now)
        finally:
            if plan is not None:
                self._release(plan)
        return True

    async def _postgres_user(self, user_id: int, now: datetime) -> None:
        """The general case, with the ORM: snoozed reminders, claims left by others, races."""
        async with self.sessions() as session:
            try:
                user = await session.scalar(
                    due_users(now).where(User.id == user_id).with_for_update(skip_locked=True)
                )
                if user is None:
                    return  # taken by another worker meanwhile
                self.report.users += 1
                plan = await self._plan(session, user, now, locked=True)
                try:
                    await self._execute(plan)
                    await self._record(session, user, plan, now)
                    await session.commit()
                finally:
                    self._release(plan)
            except IntegrityError:
                await session.rollback()
                log.info("user %s: today's challenge was given elsewhere meanwhile", user_id)

    async def _postpone(self, user_id: int, now: datetime) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(User).where(User.id == user_id).values(next_challenge_at=now + RETRY_LATER)
            )
        self.report.failed += 1

    # ---------------------------------------------------------------- SQLite

    async def _sqlite_run(self, fixed_now: datetime | None) -> None:
        tried: set[int] = set()
        while True:
            now = fixed_now or utcnow()
            async with self.sessions() as session:
                found = (
                    await session.execute(
                        select(User.id, User.next_challenge_at)
                        .where(
                            User.challenge_status == literal_column("'on'"),
                            User.next_challenge_at <= now,
                            User.blocked_at.is_(None),
                        )
                        .order_by(User.next_challenge_at)
                        .limit(500 + len(tried))
                    )
                ).all()
            batch = [(uid, seen) for uid, seen in found if uid not in tried]
            if not batch:
                return
            tried.update(uid for uid, _seen in batch)
            queue: asyncio.Queue = asyncio.Queue()
            for item in batch:
                queue.put_nowait(item)
            await asyncio.gather(*(self._sqlite_drain(queue, fixed_now) for _ in range(self.concurrency)))

    async def _sqlite_drain(self, queue: asyncio.Queue, fixed_now: datetime | None) -> None:
        while not queue.empty():
            user_id, seen = queue.get_nowait()
            now = fixed_now or utcnow()
            try:
                await self._sqlite_user(user_id, seen, now)
            except Exception:
                log.exception("user %s: sending the challenge failed; retrying later", user_id)
                await self._postpone(user_id, now)

    async def _sqlite_user(self, user_id: int, seen: datetime, now: datetime) -> None:
        lease = now + LEASE
        async with self.sessions() as session:
            try:
                async with session.begin():
                    taken = await session.execute(
                        update(User)
                        .where(
                            User.id == user_id,
                            User.next_challenge_at == seen,
                            User.challenge_status == "on",
                            User.blocked_at.is_(None),
                        )
                        .values(next_challenge_at=lease)
                        .execution_options(synchronize_session=False)
                    )
                    if rowcount(taken) != 1:
                        return  # another worker leased this user first
                    self.report.users += 1
                    user = await session.get_one(User, user_id, populate_existing=True)
                    plan = await self._plan(session, user, now, locked=False)
            except IntegrityError:
                log.info("user %s: today's challenge was given elsewhere meanwhile", user_id)
                return
            try:
                await self._execute(plan)
                async with session.begin():
                    user = await session.get_one(User, user_id, populate_existing=True)
                    for action in plan.actions:
                        await session.refresh(action.row)
                    if user.next_challenge_at is None or user.next_challenge_at != lease:
                        # The user paused, stopped or changed the time meanwhile: keep their change.
                        plan.next_at = user.next_challenge_at
                    await self._record(session, user, plan, now)
            finally:
                self._release(plan)

    # ---------------------------------------------------------------- shared

    def _release(self, plan: _Plan) -> None:
        if plan.holding:
            plan.holding = False
            self._in_flight.release()

    async def _pick(
        self,
        session: AsyncSession | AsyncConnection,
        user: UserRow,
        today: date,
        past: list[tuple[date, str, str]],
    ) -> Challenge:
        challenge = await pick(session, user, self.catalog, today, past)
        if challenge is None:  # `run` sends nothing when the catalog is empty
            raise RuntimeError("the challenge catalog is empty")
        return challenge

    async def _plan(self, session: AsyncSession, user: User, now: datetime, *, locked: bool) -> _Plan:
        """What to send to this user now, with the claims written (`locked`: we hold the user's row
        lock, so a claim left by someone else belongs to a dead worker)."""
        tz = user_zone(user, self.default_timezone)
        today = local_date(now, tz)
        past = await history(session, user.id)
        # Usually nothing since yesterday (no snooze, no claim): spare the query.
        recent = past and past[-1][0] >= today - timedelta(days=1)
        rows = await recent_days(session, user.id, today - timedelta(days=1)) if recent else {}
        plan = _Plan(user.chat_id, user.language, streak_from(user, past, today).current, rows)
        row: ChallengeDay | None
        for row in sorted(rows.values(), key=lambda r: r.local_date):
            if row.status == "sent" and row.snooze_until is not None and row.snooze_until <= now:
                challenge = self.catalog.get(row.challenge_id)
                if challenge is None:
                    row.snooze_until = None
                    continue
                plan.actions.append(_Action("reminder", row, challenge))
        row = rows.get(today)
        if due_at(today, user.challenge_minute, tz) <= now and (row is None or row.status == "claimed"):
            if row is not None and not locked and row.claimed_at > utcnow() - STALE_CLAIM:
                # Another worker is sending it right now: look again once its claim is stale.
                plan.next_at = now + LEASE
                return plan
            challenge = self.catalog.get(row.challenge_id) if row is not None else None
            if challenge is None:
                challenge = await self._pick(session, user, today, past)
            if row is None:
                row = ChallengeDay(user_id=user.id, local_date=today, challenge_id=challenge.id)
                if not locked:
                    # SQLite: the claim row is committed before the message goes.
                    session.add(row)
                    rows[today] = row
                # PostgreSQL: the user row lock is the claim; the row is written once the message is
                # sent, in the same transaction (one round trip less per message).
            row.challenge_id = challenge.id
            row.status, row.claimed_at, row.claimed_by = "claimed", utcnow(), self.worker
            if not locked:
                await session.flush()
            plan.actions.insert(0, _Action("daily", row, challenge))
        return plan

    async def _execute(self, plan: _Plan) -> None:
        _ = translator(plan.language)
        for action in plan.actions:
            body = challenge_message(_, action.challenge, plan.streak, reminder=action.kind == "reminder")
            buttons = challenge_buttons(_, action.row.local_date, snooze=action.kind == "daily")
            action.outcome, action.message_id = await self._deliver(plan, body, buttons)
            if action.outcome == "blocked":
                return

    async def _deliver(self, plan: _Plan, body: str, buttons: Buttons) -> tuple[str, int | None]:
        chat_id = plan.chat_id
        for _attempt in range(FLOOD_ATTEMPTS):
            await self.clock.wait_turn()
            if not plan.holding:
                # From here until the outcome is committed, this message is "in flight".
                await self._in_flight.acquire()
                plan.holding = True
            try:
                return "sent", await self.send(chat_id, body, buttons)
            except FloodWait as exc:
                log.warning("Telegram asks to wait %.1f s; every worker waits", exc.seconds)
                await self.clock.hold(exc.seconds)
            except Blocked:
                return "blocked", None
            except Undeliverable as exc:
                log.warning("challenge for chat %s refused by Telegram (%s); skipped today", chat_id, exc)
                return "dropped", None
            except Transient as exc:
                log.warning("challenge for chat %s not sent (%s); retrying later", chat_id, exc)
                return "retry", None
        return "retry", None

    async def _record(self, session: AsyncSession, user: User, plan: _Plan, now: datetime) -> None:
        """Write what happened, and when to look at this user again."""
        if any(a.outcome == "blocked" for a in plan.actions):
            user.challenge_status, user.blocked_at, user.next_challenge_at = "off", now, None
            for action in plan.actions:
                if action.kind == "daily" and action.row.status == "claimed" and action.row in session:
                    await session.delete(action.row)
            self.report.blocked += 1
            return
        retry = False
        for action in plan.actions:
            row = action.row
            if action.kind == "daily":
                if row.status != "claimed":
                    continue  # the user checked it in meanwhile
                if action.outcome == "sent":
                    row.status, row.sent_at, row.message_id = "sent", utcnow(), action.message_id
                    if row not in session:
                        session.add(row)
                    plan.rows[row.local_date] = row
                    self.report.sent += 1
                else:
                    retry = retry or action.outcome == "retry"
                    if row in session:
                        await session.delete(row)
                    plan.rows.pop(row.local_date, None)
            elif action.outcome == "sent":
                row.snooze_until = None
                self.report.reminders += 1
            elif action.outcome == "dropped":
                row.snooze_until = None
            else:
                retry = True
        if not plan.actions:
            self.report.skipped += 1
        if user.challenge_status != "on":
            user.next_challenge_at = None
        elif plan.next_at is not None:
            user.next_challenge_at = plan.next_at
        elif retry:
            user.next_challenge_at = now + RETRY_LATER
            self.report.failed += 1
        else:
            tz = user_zone(user, self.default_timezone)
            rows = plan.rows or await recent_days(session, user.id, local_date(now, tz) - timedelta(days=1))
            user.next_challenge_at = next_moment(user, tz, now, rows)
