"""The engine and sessions (bot/store/db.py): what the hot path's statements rely on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.store.models import Outbox, User, utcnow
from bot.telegram.delivery import _QUEUE_REPLIES  # noqa: PLC2701 - the bot's own


async def test_a_session_closed_without_commit_leaves_nothing_and_the_next_one_writes(sessions):
    """SQLite's pool rolls a connection back only when a transaction is still open (db.make_engine)."""
    async with sessions() as session:
        session.add(User(id=1, chat_id=1, language="fr", settings={}))
        await session.flush()
    async with sessions() as session:
        assert await session.get(User, 1) is None
        session.add(User(id=2, chat_id=2, language="fr", settings={}))
        await session.commit()
    async with sessions() as session:
        assert list(await session.scalars(select(User.id))) == [2]


async def test_replies_queued_together_get_ids_in_their_order(sessions):
    """delivery._run_once pairs the sorted ids with its rows: one statement, ids in row order."""
    rows = [
        {
            "update_id": 5,
            "user_id": 9,
            "chat_id": 9,
            "payload": {"text": f"part {i}"},
            "claimed_until": utcnow() + timedelta(seconds=60),
            "created_at": utcnow(),
        }
        for i in range(7)
    ]
    async with sessions() as session:
        ids = sorted(await session.scalars(_QUEUE_REPLIES, rows))
        await session.commit()
    async with sessions() as session:
        stored = {o.id: o.payload["text"] for o in await session.scalars(select(Outbox))}
    assert [stored[i] for i in ids] == [f"part {i}" for i in range(7)]


async def test_moments_come_back_aware_in_utc_and_compare_as_instants(sessions):
    """models.UTCDateTime: a moment written in any zone (or naive, taken as UTC) is read back in UTC,
    through the ORM and through Core alike, and a query compares instants, not wall clocks."""
    paris = datetime(2024, 6, 10, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    async with sessions() as session:
        session.add(User(id=1, chat_id=1, language="fr", settings={}, next_challenge_at=paris))
        session.add(
            User(id=2, chat_id=2, language="fr", settings={}, next_challenge_at=datetime(2024, 6, 10, 8))
        )
        await session.commit()
    async with sessions() as session:
        users = {u.id: u for u in await session.scalars(select(User))}
        assert users[1].next_challenge_at == datetime(2024, 6, 10, 7, 0, tzinfo=UTC)
        assert users[1].next_challenge_at.tzinfo is UTC
        assert users[2].next_challenge_at == datetime(2024, 6, 10, 8, 0, tzinfo=UTC)
        assert {m.tzinfo for m in await session.scalars(select(User.created_at))} == {UTC}
        before_eight_utc = select(User.id).where(
            User.next_challenge_at < datetime(2024, 6, 10, 8, 0, tzinfo=UTC)
        )
        assert list(await session.scalars(before_eight_utc)) == [1]
