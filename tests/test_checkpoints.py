"""SQLite's write-ahead log is copied to the database file by a worker thread, never by a commit."""

from __future__ import annotations

import asyncio
import os

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.store.db import BackgroundCheckpoints, make_engine, make_sessionmaker
from bot.store.migrate import upgrade
from bot.store.models import GroupNote


def db_size(url) -> int:
    """Bytes of the database file itself (the log is a separate file)."""
    return os.stat(url.database).st_size


async def test_commits_leave_the_log_to_the_background_checkpoints(tmp_path):
    url = make_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await asyncio.to_thread(upgrade, url)
    engine = make_engine(url)
    checkpoints = BackgroundCheckpoints(engine, every=0.05)
    sessions = make_sessionmaker(engine)
    try:
        async with sessions() as session:
            assert await session.scalar(text("PRAGMA wal_autocheckpoint")) == 0
        size = db_size(url)
        for start in range(0, 3000, 100):  # far past SQLite's own threshold (1,000 pages)
            async with sessions() as session:
                session.add_all(GroupNote(chat_id=-(start + i + 1)) for i in range(100))
                await session.commit()
        assert db_size(url) == size  # everything is still in the log
        checkpoints.start()
        for _ in range(100):
            await asyncio.sleep(0.05)
            if db_size(url) > size:
                break
        assert db_size(url) > size  # copied by the worker
        await checkpoints.stop()
        async with sessions() as session:
            assert await session.scalar(text("SELECT count(*) FROM group_notes")) == 3000
    finally:
        await checkpoints.stop()
        await engine.dispose()
