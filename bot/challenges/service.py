"""Daily challenges, the service: subscription, the day's challenge, check-ins, and the scheduler
that gives each due challenge exactly once.

Scheduling (`Scheduler.run`, used by the bot's job every minute and by `python -m bot challenges send-due`):

* Due users are read through the partial index `ix_users_challenge_due` (challenge_status = 'on',
  next_challenge_at <= now, not blocked).
* For each due user, one short transaction decides: it holds the user (PostgreSQL: the row locked
  `FOR UPDATE SKIP LOCKED`, so workers take different users; SQLite: the write lock), claims the
  day's challenge (a `challenge_days` row, unique per user and local date), queues its message in
  the outbox, clears a due snooze and queues its reminder, advances next_challenge_at, and commits.
  No message is sent inside it.
* The outbox sender (`bot/telegram/delivery.send_scheduled`) then sends the queued rows at the shared
  rate and calls `recorded`: the day becomes 'sent' with its message id; a user who blocked the bot
  is unsubscribed (challenge_status off, blocked_at set).
* After downtime, a missed challenge is sent if it is still the same local day for the user;
  otherwise the user simply gets the next day's.

This module does not import Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, DateTime, Row, bindparam, case, delete, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
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
from bot.store.models import ChallengeDay, Rehearsal, User, utcnow
from bot.store.outbox import queue

log = logging.getLogger(__name__)

SNOOZE = timedelta(hours=2)
# After an unexpected error: try that user again at the next tick.
RETRY_LATER = timedelta(seconds=60)
RECENT_REHEARSALS = 10


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


def next_moment(user: UserRow, tz: ZoneInfo, now: datetime, rows: dict[date, Any]) -> datetime:
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
        # The scheduler holds this lock while it decides today's challenge: wait for it, then see its row.
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


# --------------------------------------------------------------------------- scheduling


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


def default_concurrency(rate: float) -> int:
    """Concurrent deciders per worker. Deciding costs a fraction of sending (one decider queues a few
    hundred users a second on PostgreSQL), and more deciders than needed only take the event loop and
    the CPU from the sender: measured with two workers at 200 messages/s, one each sends at the full
    rate, four each at 96 %."""
    return max(1, min(4, math.ceil(rate / 400)))


_DAYS = ChallengeDay.__table__
_USERS = User.__table__


# The recorder's statements, built once.
_DAY_SENT = (
    update(_DAYS)
    .where(_DAYS.c.id == bindparam("ref_id"))
    .values(
        status=case((_DAYS.c.status == "claimed", "sent"), else_=_DAYS.c.status),
        sent_at=bindparam("at"),
        message_id=bindparam("mid"),
    )
)
_DAY_UNCLAIMED = delete(_DAYS).where(_DAYS.c.id == bindparam("ref_id"), _DAYS.c.status == "claimed")
_UNSUBSCRIBE = (
    update(_USERS)
    .where(_USERS.c.id == bindparam("uid"))
    .values(challenge_status="off", next_challenge_at=None)
)


async def recorded(
    conn: AsyncConnection, kind: str, user_id: int, ref_id: int, outcome: str, message_id: int | None
) -> None:
    """Record what became of a queued challenge ("challenge") or reminder ("reminder"), in the
    sender's transaction: `outcome` is sent, blocked (the user blocked the bot: unsubscribed) or
    dropped (refused for good: the user was not given that day's challenge)."""
    if outcome == "sent":
        if kind == "challenge":
            await conn.execute(_DAY_SENT, {"ref_id": ref_id, "at": utcnow(), "mid": message_id})
        return
    if kind == "challenge":
        await conn.execute(_DAY_UNCLAIMED, {"ref_id": ref_id})
    if outcome == "blocked":
        await conn.execute(_UNSUBSCRIBE, {"uid": user_id})


# The scheduler's statements, built once (building one costs more than running it).
_NEXT_DUE = due_users(bindparam("now", type_=DateTime(timezone=True))).with_only_columns(
    User.id, User.chat_id, User.language, User.timezone, User.challenge_minute
)
_PG_LOCK_NEXT = _NEXT_DUE.limit(1).with_for_update(skip_locked=True)
_SQLITE_NEXT = _NEXT_DUE.with_only_columns(User.id).limit(1)
# SQLite: writing first takes the database's write lock, then checks the user is still due.
_SQLITE_LOCK = (
    update(_USERS)
    .where(
        _USERS.c.id == bindparam("uid"),
        _USERS.c.next_challenge_at <= bindparam("now"),
        _USERS.c.challenge_status == "on",
        _USERS.c.blocked_at.is_(None),
    )
    .values(next_challenge_at=_USERS.c.next_challenge_at)
)
_SQLITE_USER = _NEXT_DUE.where(User.id == bindparam("uid"))
_RECENT = select(_DAYS).where(_DAYS.c.user_id == bindparam("uid"), _DAYS.c.local_date >= bindparam("since"))
_CLAIM_DAY = _DAYS.insert().returning(_DAYS.c.id)
_UNSNOOZE = update(_DAYS).where(_DAYS.c.id == bindparam("row_id")).values(snooze_until=None)
_SET_NEXT = (
    update(_USERS).where(_USERS.c.id == bindparam("uid")).values(next_challenge_at=bindparam("next_at"))
)


class Scheduler:
    """Decides every due challenge and snoozed reminder, once, and queues its message in the outbox
    in the same transaction (`bot/telegram/delivery.send_scheduled` sends them). Safe to run in
    several processes."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        catalog: Catalog,
        *,
        default_timezone: str,
        worker: str | None = None,
        concurrency: int | None = None,
    ):
        self.engine: AsyncEngine = sessions.kw["bind"]
        self.catalog = catalog
        self.postgres = self.engine.dialect.name == "postgresql"
        self.default_timezone = default_timezone
        self.worker = (worker or f"{socket.gethostname()}:{os.getpid()}")[:64]
        # SQLite has one writer at a time: one decider. PostgreSQL: as many as asked, each on its connection.
        self.concurrency = (concurrency or 1) if self.postgres else 1
        self.report = Report()

    async def run(self, now: datetime | None = None) -> Report:
        """Queue what is due at `now` (default: the current time, read again for each user)."""
        self.report = Report()
        if not len(self.catalog):
            log.warning("no challenge in the catalog: nothing sent")
            return self.report
        await asyncio.gather(*(self._worker(now) for _ in range(self.concurrency)))
        return self.report

    async def _worker(self, fixed_now: datetime | None) -> None:
        # One connection for the whole run: one short transaction per user, no checkout each time.
        async with self.engine.connect() as conn:
            while True:
                now = fixed_now or utcnow()
                user_id = None
                try:
                    user = await self._lock_next(conn, now)
                    if user is None:
                        await conn.rollback()
                        return
                    user_id = user.id
                    self.report.users += 1
                    await self._decide(conn, user, now)
                    await conn.commit()
                except IntegrityError:
                    await conn.rollback()
                    # /challenge gave today's challenge at the same moment: the next pass sees its row.
                    log.info("user %s: today's challenge was given elsewhere meanwhile", user_id)
                except Exception:
                    await conn.rollback()
                    if user_id is None:
                        raise
                    log.exception("user %s: deciding the challenge failed; retrying later", user_id)
                    await conn.execute(_SET_NEXT, {"uid": user_id, "next_at": now + RETRY_LATER})
                    await conn.commit()
                    self.report.failed += 1

    async def _lock_next(self, conn: AsyncConnection, now: datetime) -> Row[Any] | None:
        """The next due user, held until the transaction ends: on PostgreSQL a row lock other workers
        skip; on SQLite the database's write lock."""
        if self.postgres:
            return (await conn.execute(_PG_LOCK_NEXT, {"now": now})).first()
        while True:
            user_id = await conn.scalar(_SQLITE_NEXT, {"now": now})
            await conn.rollback()
            if user_id is None:
                return None
            if rowcount(await conn.execute(_SQLITE_LOCK, {"uid": user_id, "now": now})) == 1:
                return (await conn.execute(_SQLITE_USER, {"uid": user_id, "now": now})).first()
            await conn.rollback()  # another worker took this user first

    async def _decide(self, conn: AsyncConnection, user: Row[Any], now: datetime) -> None:
        """Claim today's challenge (a `challenge_days` row) and due reminders, queue their messages,
        and set when to look at this user again: all in the caller's transaction."""
        tz = user_zone(user, self.default_timezone)
        today = local_date(now, tz)
        past = await history(conn, user.id)
        rows: dict[date, Any] = {}
        if past and past[-1][0] >= today - timedelta(days=1):  # usually not: spare the query
            found = await conn.execute(_RECENT, {"uid": user.id, "since": today - timedelta(days=1)})
            rows = {row.local_date: row for row in found}
        streak = streak_from(user, past, today).current
        _ = translator(user.language)
        messages: list[tuple[str, int, str, Buttons]] = []
        for row in sorted(rows.values(), key=lambda r: r.local_date):
            if row.status == "sent" and row.snooze_until is not None and row.snooze_until <= now:
                await conn.execute(_UNSNOOZE, {"row_id": row.id})
                rows[row.local_date] = SimpleNamespace(
                    status=row.status, snooze_until=None, local_date=row.local_date
                )
                if challenge := self.catalog.get(row.challenge_id):
                    text = challenge_message(_, challenge, streak, reminder=True)
                    buttons = challenge_buttons(_, row.local_date, snooze=False)
                    messages.append(("reminder", row.id, text, buttons))
                    self.report.reminders += 1
        if due_at(today, user.challenge_minute, tz) <= now and today not in rows:
            challenge = await pick(conn, user, self.catalog, today, past)
            if challenge is None:  # `run` queues nothing when the catalog is empty
                raise RuntimeError("the challenge catalog is empty")
            values = {"user_id": user.id, "local_date": today, "challenge_id": challenge.id}
            values.update(status="claimed", claimed_at=now, claimed_by=self.worker)
            day_id = await conn.scalar(_CLAIM_DAY, values)
            rows[today] = SimpleNamespace(status="claimed", snooze_until=None, local_date=today)
            text = challenge_message(_, challenge, streak)
            messages.insert(0, ("challenge", day_id, text, challenge_buttons(_, today, snooze=True)))
            self.report.sent += 1
        elif not messages:
            self.report.skipped += 1
        for kind, ref_id, text, buttons in messages:
            await queue(
                conn,
                user_id=user.id,
                chat_id=user.chat_id,
                text=text,
                buttons=buttons,
                kind=kind,
                ref_id=ref_id,
            )
        moment = next_moment(user, tz, now, rows)
        await conn.execute(
            _SET_NEXT, {"uid": user.id, "next_at": moment if moment > now else now + RETRY_LATER}
        )
