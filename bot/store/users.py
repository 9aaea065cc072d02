"""Queries on users shared by the features that message them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.store.models import User

_users = User.__table__
_BLOCKED = (
    update(_users)
    .where(_users.c.chat_id == bindparam("chat"), _users.c.blocked_at.is_(None))
    .values(blocked_at=bindparam("now"))
)


async def mark_blocked(conn: AsyncSession | AsyncConnection, chat_id: int, now: datetime) -> None:
    """Telegram said the user blocked the bot (Forbidden): nothing more is sent to them until they
    write again. In a private chat the chat id is the user id. In the caller's transaction."""
    await conn.execute(_BLOCKED, {"chat": chat_id, "now": now})


async def record_blocked(sessions, chat_id: int, now: datetime) -> None:
    """`mark_blocked`, in a transaction of its own."""
    async with sessions() as session:
        await mark_blocked(session, chat_id, now)
        await session.commit()
