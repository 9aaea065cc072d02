"""Sending daily challenges: exactly once per user and local day, whatever happens (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from conftest import SCENARIOS, TOKEN
from sqlalchemy import func, select

from bot.challenges.handlers import RECORDERS, send_due
from bot.challenges.rules import due_at, load_catalog
from bot.challenges.service import Scheduler, todays_challenge
from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import ChallengeDay, Outbox, Rehearsal, SendSlot, User, utcnow
from bot.telegram.delivery import send_scheduled

CATALOG = load_catalog(SCENARIOS / "challenges")
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
async def tg(fake):
    """A plain Bot (no rate limiter: the service handles RetryAfter itself) against the fake API."""
    from telegram import Bot

    bot = Bot(TOKEN, base_url=fake.base_url)
    await bot.initialize()
    yield bot
    await bot.shutdown()


def sender(sessions, tg, **kwargs) -> SimpleNamespace:
    """The job's work: decide what is due, send it through the outbox."""
    kwargs.setdefault("rate", 1000)
    kwargs.setdefault("concurrency", 2)  # new connections cost more than the test's few users need

    async def run(now=None):
        return await send_due(sessions, tg, CATALOG, default_timezone="Europe/Paris", now=now, **kwargs)

    return SimpleNamespace(run=run)


def scheduler(sessions) -> Scheduler:
    """Only the deciding half: the messages stay queued (as after a crash right after the commit)."""
    return Scheduler(sessions, CATALOG, default_timezone="Europe/Paris", concurrency=1)


async def outbox(sessions, chat_id=None) -> list[Outbox]:
    async with sessions() as session:
        query = select(Outbox).order_by(Outbox.id)
        if chat_id is not None:
            query = query.where(Outbox.chat_id == chat_id)
        return list(await session.scalars(query))


async def add_users(sessions, ids, *, due: datetime | None, tz=None, minute=540, lang="fr", status="on"):
    async with sessions() as session, session.begin():
        for uid in ids:
            session.add(
                User(
                    id=uid,
                    chat_id=uid,
                    language=lang,
                    settings={},
                    timezone=tz,
                    challenge_status=status,
                    challenge_minute=minute,
                    next_challenge_at=due,
                )
            )


async def days(sessions, user_id=None) -> list[ChallengeDay]:
    async with sessions() as session:
        query = select(ChallengeDay).order_by(ChallengeDay.user_id, ChallengeDay.local_date)
        if user_id is not None:
            query = query.where(ChallengeDay.user_id == user_id)
        return list(await session.scalars(query))


async def user(sessions, user_id) -> User:
    async with sessions() as session:
        return await session.get(User, user_id)


NINE_PARIS = datetime(2024, 6, 10, 7, 0, tzinfo=UTC)  # 09:00 in Paris


async def test_each_due_user_gets_one_challenge_with_its_buttons(sessions, tg, fake):
    await add_users(sessions, range(1, 21), due=NINE_PARIS)
    await add_users(sessions, [50], due=NINE_PARIS + timedelta(hours=1))  # not due yet
    await add_users(sessions, [60], due=NINE_PARIS, status="paused")
    report = await sender(sessions, tg).run(NINE_PARIS)
    assert report.sent == 20
    assert sorted(m["chat_id"] for m in fake.sent_messages()) == list(range(1, 21))
    message = fake.sent_messages(1)[0]
    assert "🎯" in message["text"]
    data = [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    row = (await days(sessions, 1))[0]
    assert data == [
        f"ch:done:{row.local_date.isoformat()}",
        f"ch:snooze:{row.local_date.isoformat()}",
        f"ch:skip:{row.local_date.isoformat()}",
    ]
    assert row.status == "sent" and row.local_date == date(2024, 6, 10)
    assert CATALOG.get(row.challenge_id).text in message["text"]
    # The next one is tomorrow at 09:00 Paris time; a second run sends nothing.
    assert (await user(sessions, 1)).next_challenge_at == NINE_PARIS + timedelta(days=1)
    again = await sender(sessions, tg).run(NINE_PARIS + timedelta(minutes=5))
    assert again.sent == 0 and len(fake.sent_messages()) == 20


async def test_two_concurrent_senders_send_each_user_exactly_once(db_url, fake, tg):
    engines = [make_engine(db_url) for _ in range(2)]
    makers = [make_sessionmaker(e) for e in engines]
    try:
        await add_users(makers[0], range(100, 160), due=NINE_PARIS)
        reports = await asyncio.gather(
            sender(makers[0], tg, rate=2000, concurrency=None).run(NINE_PARIS),
            sender(makers[1], tg, rate=2000, concurrency=None).run(NINE_PARIS),
        )
        chats = [m["chat_id"] for m in fake.sent_messages()]
        assert sorted(chats) == list(range(100, 160)), "each user exactly once"
        assert sum(r.sent for r in reports) == 60
        rows = await days(makers[0])
        assert len(rows) == 60 and {r.status for r in rows} == {"sent"}
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_challenge_becomes_an_outbox_row_in_the_transaction_that_decides_it(sessions, fake):
    await add_users(sessions, [7], due=NINE_PARIS)
    report = await scheduler(sessions).run(NINE_PARIS)
    assert report.sent == 1 and fake.sent_messages() == [], "deciding sends nothing"
    [day] = await days(sessions, 7)
    [row] = await outbox(sessions)
    assert day.status == "claimed" and (row.kind, row.ref_id, row.chat_id) == ("challenge", day.id, 7)
    assert CATALOG.get(day.challenge_id).text in row.payload["text"]
    assert row.payload["buttons"][0] == [["Fait ✅", f"ch:done:{day.local_date.isoformat()}"]]
    assert row.sent_at is None and row.claimed_until is None
    assert (await user(sessions, 7)).next_challenge_at == NINE_PARIS + timedelta(days=1)


async def test_a_decision_that_cannot_queue_its_message_is_not_taken(sessions, fake, monkeypatch):
    import bot.challenges.service

    async def broken(*args, **kwargs):
        raise RuntimeError("the outbox is unwritable")

    await add_users(sessions, [6], due=NINE_PARIS)
    monkeypatch.setattr(bot.challenges.service, "queue", broken)
    report = await scheduler(sessions).run(NINE_PARIS)
    assert report.failed == 1
    assert await days(sessions, 6) == [] and await outbox(sessions) == [], "the claim went with the message"
    assert (await user(sessions, 6)).next_challenge_at == NINE_PARIS + timedelta(minutes=1)


async def test_a_crash_between_the_commit_and_the_send_sends_it_once_later(sessions, tg, fake):
    await add_users(sessions, [8], due=NINE_PARIS)
    await scheduler(sessions).run(NINE_PARIS)  # the worker dies right after committing
    report = await sender(sessions, tg).run(NINE_PARIS + timedelta(minutes=1))
    assert report.sent == 1 and report.users == 0, "the next run sends it without deciding again"
    [message] = fake.sent_messages(8)
    [day] = await days(sessions, 8)
    assert day.status == "sent" and day.message_id is not None and day.sent_at is not None
    assert CATALOG.get(day.challenge_id).text in message["text"]
    assert (await sender(sessions, tg).run(NINE_PARIS + timedelta(minutes=2))).sent == 0
    assert len(fake.sent_messages(8)) == 1


async def test_a_message_taken_by_a_sender_that_died_waits_for_its_claim_to_expire(sessions, tg, fake):
    """SQLite's claim (on PostgreSQL the row lock dies with the worker's connection)."""
    await add_users(sessions, [5], due=NINE_PARIS)
    await scheduler(sessions).run(NINE_PARIS)
    async with sessions() as session, session.begin():
        row = (await session.scalars(select(Outbox))).one()
        row.claimed_until = utcnow() + timedelta(seconds=60)
    assert (await sender(sessions, tg).run(NINE_PARIS)).sent == 0
    async with sessions() as session, session.begin():
        (await session.scalars(select(Outbox))).one().claimed_until = utcnow() - timedelta(seconds=1)
    assert (await sender(sessions, tg).run(NINE_PARIS)).sent == 1
    assert len(fake.sent_messages(5)) == 1


async def test_two_senders_never_send_the_same_queued_challenge(db_url, tg, fake):
    engines = [make_engine(db_url) for _ in range(2)]
    makers = [make_sessionmaker(e) for e in engines]
    try:
        await add_users(makers[0], range(200, 240), due=NINE_PARIS)
        await scheduler(makers[0]).run(NINE_PARIS)
        tallies = await asyncio.gather(*(send_scheduled(tg, m, 2000, RECORDERS) for m in makers))
        assert sorted(m["chat_id"] for m in fake.sent_messages()) == list(range(200, 240))
        assert sum(t["challenge", "sent"] for t in tallies) == 40
        assert {d.status for d in await days(makers[0])} == {"sent"}
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_user_who_blocked_the_bot_is_unsubscribed(sessions, tg, fake):
    await add_users(sessions, [9, 10], due=NINE_PARIS)
    fake.block(9)
    report = await sender(sessions, tg).run(NINE_PARIS)
    assert report.blocked == 1 and report.sent == 1
    blocked = await user(sessions, 9)
    assert blocked.challenge_status == "off" and blocked.blocked_at is not None
    assert blocked.next_challenge_at is None
    assert await days(sessions, 9) == []
    assert (await user(sessions, 10)).challenge_status == "on"
    # Never tried again.
    assert (await sender(sessions, tg).run(NINE_PARIS + timedelta(days=1))).blocked == 0


async def test_retry_after_is_honoured_across_workers(sessions, tg, fake):
    await add_users(sessions, [11], due=NINE_PARIS)
    fake.fail_next("sendMessage", 429, retry_after=1)
    report = await sender(sessions, tg).run(NINE_PARIS)
    assert report.sent == 1
    attempts = fake.calls_of("sendMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].time - attempts[0].time >= 0.95
    # The shared clock was moved, so other workers waited too.
    async with sessions() as session:
        slot = await session.get(SendSlot, "challenges")
    assert slot.next_at >= utcnow() - timedelta(seconds=5)


async def test_a_network_error_is_retried_at_the_next_tick(sessions, tg, fake):
    await add_users(sessions, [12], due=NINE_PARIS)
    fake.fail_next("sendMessage", 502)
    report = await sender(sessions, tg).run(NINE_PARIS)
    assert report.sent == 0 and report.failed == 1
    [day] = await days(sessions, 12)
    assert day.status == "claimed", "still queued"
    assert (await user(sessions, 12)).next_challenge_at == NINE_PARIS + timedelta(days=1)
    assert (await sender(sessions, tg).run(NINE_PARIS + timedelta(minutes=1))).sent == 1
    assert len(fake.sent_messages(12)) == 1 and (await days(sessions, 12))[0].status == "sent"


async def test_after_downtime_a_missed_challenge_is_sent_the_same_local_day_only(sessions, tg, fake):
    # Due at 09:00 yesterday; the bot comes back at 08:00 today: yesterday's is skipped.
    await add_users(sessions, [20], due=NINE_PARIS - timedelta(days=1))
    # Due at 09:00 today; the bot comes back at 11:00: today's is sent.
    await add_users(sessions, [21], due=NINE_PARIS)
    morning = NINE_PARIS - timedelta(hours=1)
    report = await sender(sessions, tg).run(morning)
    assert report.sent == 0 and fake.sent_messages(20) == []
    assert (await user(sessions, 20)).next_challenge_at == NINE_PARIS
    report = await sender(sessions, tg).run(NINE_PARIS + timedelta(hours=2))
    assert report.sent == 2
    assert [r.local_date for r in await days(sessions, 20)] == [date(2024, 6, 10)]


async def test_late_at_night_a_missed_day_is_not_sent_after_midnight(sessions, tg, fake):
    await add_users(sessions, [22], due=datetime(2024, 6, 10, 21, 50, tzinfo=UTC), minute=23 * 60 + 50)
    # Back at 00:05 Paris time on the 11th: that was yesterday's; the next is tonight at 23:50.
    await sender(sessions, tg).run(datetime(2024, 6, 10, 22, 5, tzinfo=UTC))
    assert fake.sent_messages(22) == []
    assert (await user(sessions, 22)).next_challenge_at == datetime(2024, 6, 11, 21, 50, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tz", "start", "minute"),
    [
        (PARIS, date(2024, 3, 29), 9 * 60),
        (PARIS, date(2024, 3, 29), 2 * 60 + 30),
        (PARIS, date(2024, 10, 25), 2 * 60 + 30),
        (NEW_YORK, date(2024, 3, 8), 9 * 60),
        (NEW_YORK, date(2024, 3, 8), 2 * 60 + 30),
        (NEW_YORK, date(2024, 11, 1), 1 * 60 + 30),
    ],
)
async def test_a_scheduler_ticking_through_dst_sends_once_a_day_at_the_local_time(
    sessions, tg, fake, tz, start, minute
):
    uid = 30
    first = due_at(start, minute, tz)
    await add_users(sessions, [uid], due=first, tz=tz.key, minute=minute)
    tick = first - timedelta(minutes=20)
    end = due_at(start + timedelta(days=3), minute, tz) + timedelta(hours=2)
    sent_at = []
    while tick < end:
        before = len(fake.sent_messages(uid))
        await sender(sessions, tg).run(tick)
        if len(fake.sent_messages(uid)) > before:
            sent_at.append(tick)
        tick += timedelta(minutes=10)
    local_days = [t.astimezone(tz).date() for t in sent_at]
    assert local_days == [start + timedelta(days=i) for i in range(4)], "one message a local day"
    for day, moment in zip(local_days, sent_at, strict=True):
        due = due_at(day, minute, tz)
        assert due <= moment < due + timedelta(minutes=10), "sent at the first tick after it is due"
        wanted = f"{minute // 60:02d}:{minute % 60:02d}"
        if due.astimezone(tz).strftime("%H:%M") != wanted:
            # Only on the spring-forward day: the time does not exist, so it went right after the gap.
            assert minute == 150 and due.astimezone(tz).strftime("%H:%M") == "03:00"
    assert [r.local_date for r in await days(sessions, uid)] == local_days


async def test_snoozed_challenge_is_reminded_once_and_not_after_done(sessions, tg, fake):
    await add_users(sessions, [40, 41], due=NINE_PARIS)
    await sender(sessions, tg).run(NINE_PARIS)
    from bot.challenges.service import mark_done, snooze

    async with sessions() as session, session.begin():
        for uid in (40, 41):
            u = await session.get(User, uid)
            row = (await session.scalars(select(ChallengeDay).where(ChallengeDay.user_id == uid))).one()
            snooze(u, row, NINE_PARIS + timedelta(minutes=10))
            if uid == 41:
                mark_done(row, NINE_PARIS + timedelta(minutes=30))
    assert (await user(sessions, 40)).next_challenge_at == NINE_PARIS + timedelta(hours=2, minutes=10)
    later = NINE_PARIS + timedelta(hours=2, minutes=10)
    report = await sender(sessions, tg).run(later)
    assert report.reminders == 1
    assert len(fake.sent_messages(40)) == 2 and "⏰" in fake.sent_messages(40)[1]["text"]
    assert len(fake.sent_messages(41)) == 1, "done: no more reminders that day"
    await sender(sessions, tg).run(later + timedelta(minutes=30))
    assert len(fake.sent_messages(40)) == 2
    assert (await user(sessions, 40)).next_challenge_at == NINE_PARIS + timedelta(days=1)


async def test_challenge_on_demand_before_the_time_is_not_sent_again(sessions, tg, fake):
    await add_users(sessions, [42], due=NINE_PARIS)
    async with sessions() as session, session.begin():
        u = await session.get(User, 42)
        row, _challenge = await todays_challenge(
            session, u, CATALOG, NINE_PARIS - timedelta(hours=2), "Europe/Paris"
        )
    report = await sender(sessions, tg).run(NINE_PARIS)
    assert report.sent == 0 and fake.sent_messages(42) == []
    assert (await user(sessions, 42)).next_challenge_at == NINE_PARIS + timedelta(days=1)


async def test_the_days_challenge_trains_the_weakest_key(sessions, tg, fake):
    await add_users(sessions, range(300, 330), due=NINE_PARIS)
    async with sessions() as session, session.begin():
        for uid in range(300, 330):
            session.add(
                Rehearsal(
                    user_id=uid,
                    scenario_id="drh-industrie",
                    status="ended",
                    scores={"dare": 10, "give_first": 90, "take_interest": 70, "long_term": None},
                )
            )
    await sender(sessions, tg).run(NINE_PARIS)
    keys = [CATALOG.get(r.challenge_id).key for r in await days(sessions)]
    assert keys.count("dare") > len(keys) / 3


async def test_rate_is_shared_through_the_clock(sessions, tg, fake):
    await add_users(sessions, range(500, 511), due=NINE_PARIS)
    await sender(sessions, tg, rate=20).run(NINE_PARIS)
    times = sorted(c.time for c in fake.calls_of("sendMessage"))
    # 11 messages at 20/s take at least half a second.
    assert times[-1] - times[0] >= 10 / 20 * 0.9
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SendSlot)) == 1


def test_send_due_command_sends_and_exits_0(db_url, fake, tmp_path):
    import os
    import subprocess
    import sys

    async def prepare():
        engine = make_engine(db_url)
        await add_users(make_sessionmaker(engine), [70, 71], due=NINE_PARIS)
        await engine.dispose()

    asyncio.run(prepare())
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        BOT_TOKEN=TOKEN,
        DATABASE_URL=db_url.render_as_string(hide_password=False),
        TELEGRAM_BASE_URL=fake.base_url,
        SCENARIOS_DIR=str(SCENARIOS),
    )
    run = [sys.executable, "-m", "bot", "challenges", "send-due"]
    result = subprocess.run(
        [*run, "--at", "2024-06-10T09:00:00+02:00"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "2 challenges" in result.stdout
    assert sorted(m["chat_id"] for m in fake.sent_messages()) == [70, 71]
    assert TOKEN not in result.stdout + result.stderr
    again = subprocess.run([*run, "--at", "2024-06-10T07:30:00Z"], env=env, cwd=tmp_path, capture_output=True)
    assert again.returncode == 0 and len(fake.sent_messages()) == 2
    bad = subprocess.run([*run, "--at", "tomorrow"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2 and "ISO-8601" in bad.stderr and "Traceback" not in bad.stderr
