"""Engine and sessions: one database session per update, owned by the caller."""

from __future__ import annotations

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
        # One connection: transactions queue in asyncio (cheap, fair) instead of sleeping in SQLite's
        # busy handler, whose back-off turns contention into seconds of latency. Code must never
        # open a session while holding another (it would wait for itself).
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            # We issue BEGIN ourselves (below), so the driver must not.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine.sync_engine, "begin")
        def _begin_immediate(conn) -> None:
            # Take the write lock when the transaction starts: a transaction that read, then wants to
            # write after another connection committed would otherwise fail at once (SQLITE_BUSY).
            # Transactions are serialised, across connections and processes alike.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 10)
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
