"""Queries on users shared by the features that message them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from bot.store.models import User


async def record_blocked(sessions, chat_id: int, now: datetime) -> None:
    """Telegram said the user blocked the bot (Forbidden): nothing more is sent to them until they
    write again. In a private chat the chat id is the user id."""
    async with sessions() as session:
        await session.execute(
            update(User).where(User.chat_id == chat_id, User.blocked_at.is_(None)).values(blocked_at=now)
        )
        await session.commit()
