"""Engine and sessions: one database session per update, owned by the caller."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def prepare_sqlite_folder(url: URL) -> None:
    """Create the folder of a SQLite file (the default `data/bot.db` needs `data/`)."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: URL, **kwargs) -> AsyncEngine:
    prepare_sqlite_folder(url)
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        # A transaction that read and then writes after another connection committed fails at once
        # (SQLITE_BUSY on a stale snapshot); handlers retry such transient errors (delivery.py).
        return engine
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 10)
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


class _TaskLock:
    """An asyncio lock that the task holding it may take again (nested sessions of one task)."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task | None = None
        self._depth = 0

    async def acquire(self) -> None:
        task = asyncio.current_task()
        if self._owner is task and task is not None:
            self._depth += 1
            return
        await self._lock.acquire()
        self._owner, self._depth = task, 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
            self._lock.release()


class SerialSession(AsyncSession):
    """SQLite allows one writer at a time; when several transactions compete, SQLite's busy handler
    sleeps with a growing back-off, which turns a few milliseconds of work into seconds of latency.
    Sessions of one process therefore take turns in asyncio instead (the same task may nest)."""

    async def __aenter__(self):
        lock = self.sync_session.bind.engine.__dict__.setdefault("_oser_serial", _TaskLock())
        await lock.acquire()
        self._oser_lock = lock
        return self

    async def __aexit__(self, type_, value, traceback) -> None:
        try:
            await super().__aexit__(type_, value, traceback)
        finally:
            self._oser_lock.release()


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    if engine.dialect.name == "sqlite":
        return async_sessionmaker(engine, expire_on_commit=False, class_=SerialSession)
    return async_sessionmaker(engine, expire_on_commit=False)
