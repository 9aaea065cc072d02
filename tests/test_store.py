"""The engine and sessions (bot/store/db.py): what the hot path's statements rely on."""

from __future__ import annotations

from datetime import timedelta

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
