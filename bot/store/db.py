"""Engine and sessions: one database session per update, owned by the caller."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import weakref
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Result, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)


class FolderNotWritable(Exception):
    """The SQLite file's folder cannot be created or written: one line naming it and the user."""


def prepare_sqlite_folder(url: URL) -> None:
    """Create the folder of a SQLite file (the default `data/bot.db` needs `data/`), and check this
    process may write there (a bind-mounted folder owned by another user is the usual mistake)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    folder = Path(url.database).resolve().parent
    file = folder / Path(url.database).name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable = os.access(folder, os.W_OK | os.X_OK) and (not file.exists() or os.access(file, os.W_OK))
    except OSError:
        writable = False
    if not writable:
        raise FolderNotWritable(
            f"the database folder {folder} is not writable by this process (uid {os.getuid()}, "
            f"gid {os.getgid()}): give it to that user (e.g. chown -R {os.getuid()}:{os.getgid()} on the "
            "host folder) or use a named volume"
        )


# How long a connection waits for another process's write lock before giving up (sqlite3's
# `timeout`); the caller then retries. aiosqlite runs the wait in its worker thread, not the loop.
SQLITE_BUSY_TIMEOUT = 5.0


def make_engine(url: URL, **kwargs) -> AsyncEngine:
    prepare_sqlite_folder(url)
    # Errors never carry the statement's values into the logs: they hold what users wrote.
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() == "sqlite":
        connect_args = {"timeout": SQLITE_BUSY_TIMEOUT, **kwargs.pop("connect_args", {})}
        # Each call to aiosqlite is a trip to its thread and back: a connection returned to the pool
        # is rolled back only when a transaction is open (below), not after every commit.
        kwargs.setdefault("pool_reset_on_return", None)
        engine = create_async_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine.sync_engine, "reset")
        def _rollback_if_open(dbapi_connection, _record, reset_state) -> None:
            # SQLAlchemy's documented custom reset: `driver_connection` is the aiosqlite connection.
            if not reset_state.terminate_only and dbapi_connection.driver_connection.in_transaction:
                dbapi_connection.rollback()

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
    # No pre-ping: it would cost a round trip per transaction. A connection that died meanwhile
    # (database restart) fails its first statement, SQLAlchemy then drops the pool's stale
    # connections, and callers retry once on a fresh one (delivery.transactional, GroupCommit).
    kwargs.setdefault("pool_recycle", 1800)
    return create_async_engine(url, **kwargs)


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched (`AsyncSession.execute` is typed as giving any Result;
    for these statements it is a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


def insert_new(table: Table, key: str, *, returning: bool = True) -> dict:
    """Per dialect name (ON CONFLICT is not standard SQL): an insert that skips the rows whose `key`
    is stored already and returns the keys it inserted (else its rowcount tells)."""
    statements = {
        dialect.dialect.name: dialect.insert(table).on_conflict_do_nothing(index_elements=[key])
        for dialect in (sqlite, postgresql)
    }
    if returning:
        return {name: stmt.returning(table.c[key]) for name, stmt in statements.items()}
    return statements


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


# event loop -> database file -> the lock its sessions take turns on
_serial_locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# engine -> its database file, resolved once
_serial_keys: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _serial_lock(engine) -> _TaskLock:
    key = _serial_keys.get(engine)
    if key is None:
        database = engine.url.database
        key = str(Path(database).resolve()) if database and database != ":memory:" else id(engine)
        _serial_keys[engine] = key
    per_loop = _serial_locks.get(loop := asyncio.get_running_loop())
    if per_loop is None:
        per_loop = _serial_locks[loop] = {}
    lock = per_loop.get(key)
    if lock is None:
        lock = per_loop[key] = _TaskLock()
    return lock


class SerialSession(AsyncSession):
    """SQLite allows one writer at a time; when several transactions compete, SQLite's busy handler
    sleeps with a growing back-off, which turns a few milliseconds of work into seconds of latency.
    Sessions of one process therefore
    take turns in asyncio instead, per database file, whichever engine they use (the same task may
    nest)."""

    async def __aenter__(self):
        lock = _serial_lock(self.sync_session.bind.engine)
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


class BackgroundCheckpoints:
    """Copies SQLite's write-ahead log into the database file from a worker thread.

    By default SQLite does this (a "checkpoint", with an fsync) inside whichever commit finds the
    log long enough: in the bot that commit runs on the event loop, which then stalls for as long
    as the disk takes, and every reply in flight waits (the slowest replies under load). Here the
    bot's connections never checkpoint; a thread does it every `every` seconds on a connection of
    its own, without blocking writers (PASSIVE). Only the running bot does this (`oser run`).
    """

    def __init__(self, engine: AsyncEngine, every: float = 1.0) -> None:
        self.path = engine.url.database or ":memory:"
        self.every = every
        self._task: asyncio.Task | None = None
        self._connection: sqlite3.Connection | None = None

        @event.listens_for(engine.sync_engine, "connect")
        def _no_checkpoint_on_commit(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA wal_autocheckpoint=0")
            cursor.close()

    def checkpoint(self) -> tuple[int, int, int]:
        """One pass (in a worker thread): (busy, frames in the log, frames copied)."""
        if self._connection is None:
            self._connection = sqlite3.connect(
                self.path, timeout=SQLITE_BUSY_TIMEOUT, check_same_thread=False
            )
        return self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    async def _run(self) -> None:
        failing = False
        while True:
            await asyncio.sleep(self.every)
            try:
                await asyncio.to_thread(self.checkpoint)
            except sqlite3.Error as exc:  # the next pass tries again; one line per outage
                if not failing:
                    log.warning("SQLite checkpoint failed (%s); logged again when it works", exc)
                failing = True
            else:
                if failing:
                    log.warning("SQLite checkpoints work again")
                failing = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._connection is not None:
            await asyncio.to_thread(self.checkpoint)  # leave the log short
            self._connection.close()
            self._connection = None
