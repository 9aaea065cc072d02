"""Hand-written SQL on a session's own connection and transaction, for the statements every message runs.

A rehearsal reply runs half a dozen statements (claim the update, load the user, write the turn and
the rehearsal's state, queue the replies, the marks). Through SQLAlchemy each costs a few hundred
microseconds of Python (cache keys, execution contexts, ORM bookkeeping, a greenlet switch), far more
than SQLite or PostgreSQL take to run it, and together they were most of the bot's CPU per message.
These few statements go straight to the driver instead: the sqlite3 connection (whose calls already
run in the event loop's thread, see db.InlineSQLiteConnection) or asyncpg, inside the transaction the
session opened, so they commit or roll back with everything else. Values go through SQLAlchemy's own
type processors for the columns named, so rows read and written here are the same as the ORM's.

Errors come out as SQLAlchemy's (IntegrityError, OperationalError...), so callers retry them as any
other; a PostgreSQL connection found dead is invalidated, as SQLAlchemy would do.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, configure_mappers, make_transient_to_detached
from sqlalchemy.orm.attributes import manager_of_class
from sqlalchemy.types import TypeEngine

from bot.store.db import InlineSQLiteConnection

Processor = Callable[[Any], Any] | None


class Sql:
    """One statement: `?` placeholders (numbered `$1, $2…` for PostgreSQL), an optional PostgreSQL
    text when the two differ, and the SQLAlchemy types of its parameters and result columns (None
    where no conversion is needed)."""

    __slots__ = ("sqlite", "postgresql", "params", "results", "_compiled")

    def __init__(
        self,
        sql: str,
        *,
        params: Sequence[TypeEngine | None] = (),
        results: Sequence[TypeEngine | None] = (),
        postgresql: str | None = None,
    ) -> None:
        for text in (sql, postgresql or ""):
            if "'?" in text or "?'" in text:
                raise ValueError(f"a '?' inside a literal would be taken for a placeholder: {text}")
        counter = itertools.count(1)
        self.sqlite = sql
        self.postgresql = re.sub(r"\?", lambda _m: f"${next(counter)}", postgresql or sql)
        self.params = tuple(params)
        self.results = tuple(results)
        self._compiled: dict[str, tuple[str, tuple[Processor, ...], tuple[Processor, ...]]] = {}

    def compiled(self, dialect: Dialect) -> tuple[str, tuple[Processor, ...], tuple[Processor, ...]]:
        found = self._compiled.get(dialect.name)
        if found is None:
            binds = tuple(
                t.dialect_impl(dialect).bind_processor(dialect) if t is not None else None
                for t in self.params
            )
            results = tuple(
                t.dialect_impl(dialect).result_processor(dialect, None) if t is not None else None
                for t in self.results
            )
            text = self.postgresql if dialect.name == "postgresql" else self.sqlite
            found = self._compiled[dialect.name] = (text, binds, results)
        return found


def _convert(values: Sequence[Any], processors: tuple[Processor, ...]) -> tuple:
    """Values through their processors; a statement that declares types declares one per value."""
    if not any(processors):
        return tuple(values)
    return tuple(
        p(v) if p is not None and v is not None else v for v, p in zip(values, processors, strict=True)
    )


class Raw:
    """The driver connection behind a session's current transaction."""

    dialect: Dialect

    async def rows(self, sql: Sql, *params: Any) -> list[tuple]:
        raise NotImplementedError

    async def run(self, sql: Sql, *params: Any) -> int:
        """Execute; the number of rows changed."""
        raise NotImplementedError

    async def one(self, sql: Sql, *params: Any) -> tuple | None:
        found = await self.rows(sql, *params)
        return found[0] if found else None

    async def value(self, sql: Sql, *params: Any) -> Any:
        row = await self.one(sql, *params)
        return row[0] if row is not None else None


class _SQLite(Raw):
    def __init__(self, dialect: Dialect, connection: sqlite3.Connection) -> None:
        self.dialect, self.connection = dialect, connection

    def _execute(self, sql: Sql, params: tuple) -> tuple[sqlite3.Cursor, tuple]:
        text, binds, results = sql.compiled(self.dialect)
        values = _convert(params, binds)
        try:
            return self.connection.execute(text, values), results
        except sqlite3.Error as exc:
            raise DBAPIError.instance(text, values, exc, sqlite3.Error, hide_parameters=True) from None

    async def rows(self, sql: Sql, *params: Any) -> list[tuple]:
        cursor, results = self._execute(sql, params)
        try:
            found = cursor.fetchall()
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql.sqlite, params, exc, sqlite3.Error, hide_parameters=True) from None
        return [_convert(row, results) for row in found] if any(results) else found

    async def run(self, sql: Sql, *params: Any) -> int:
        cursor, _results = self._execute(sql, params)
        return cursor.rowcount


class _Postgres(Raw):
    def __init__(self, dialect: Dialect, connection, adapted) -> None:
        self.dialect, self.connection, self.adapted = dialect, connection, adapted
        self.driver = adapted._connection  # asyncpg.Connection

    async def _call(self, method, sql: Sql, params: tuple):
        text, binds, results = sql.compiled(self.dialect)
        values = _convert(params, binds)
        try:
            if self.adapted._transaction is None:
                # The session's transaction starts lazily, with its first statement: this may be it.
                await self.adapted._start_transaction()
            return await method(text, *values), results
        except Exception as exc:  # noqa: BLE001 - translated as SQLAlchemy does, then raised
            raise await self._translate(exc, text, values) from None

    async def _translate(self, exc: Exception, text: str, values: tuple) -> Exception:
        dbapi = self.dialect.loaded_dbapi
        try:
            self.adapted._handle_exception(exc)
        except Exception as translated:  # noqa: BLE001
            exc = translated
        if not isinstance(exc, dbapi.Error):
            return exc
        gone = self.dialect.is_disconnect(exc, self.adapted, None)
        if gone:
            await self.connection.invalidate()
        return DBAPIError.instance(
            text, values, exc, dbapi.Error, hide_parameters=True, connection_invalidated=gone
        )

    async def rows(self, sql: Sql, *params: Any) -> list[tuple]:
        records, results = await self._call(self.driver.fetch, sql, params)
        if any(results):
            return [_convert(tuple(r), results) for r in records]
        return [tuple(r) for r in records]

    async def run(self, sql: Sql, *params: Any) -> int:
        status, _results = await self._call(self.driver.execute, sql, params)
        last = status.rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0


_KEY = "oser_raw"


async def raw(session: AsyncSession) -> Raw:
    """The driver connection of the session's transaction (opening it if needed)."""
    found = session.sync_session.info.get(_KEY)
    if found is not None:
        return found
    connection = await session.connection()
    adapted = (await connection.get_raw_connection()).dbapi_connection
    dialect = connection.dialect
    if dialect.name == "sqlite":
        driver = adapted._connection
        if not isinstance(driver, InlineSQLiteConnection):
            raise TypeError("hand-written SQL needs the engine of bot.store.db.make_engine")
        found = _SQLite(dialect, driver._conn)
    elif dialect.name == "postgresql" and dialect.driver == "asyncpg":
        found = _Postgres(dialect, connection, adapted)
    else:
        raise TypeError(f"no hand-written SQL for {dialect.name}+{dialect.driver}")
    session.sync_session.info[_KEY] = found
    return found


@event.listens_for(Session, "after_transaction_end")
def _forget_connection(session: Session, _transaction) -> None:
    # The next transaction may run on another connection of the pool.
    session.info.pop(_KEY, None)


def columns_sql(table, alias: str) -> str:
    """The table's columns, in order, for a hand-written SELECT."""
    return ", ".join(f'{alias}."{c.name}"' for c in table.columns)


_LOADERS: dict[type, tuple[tuple[str, ...], Any]] = {}  # class -> (column keys, class manager)


def loaded(session: AsyncSession, cls: type, values: Sequence[Any]):
    """An ORM object for a row read here (every column of its table, in order), attached to the
    session as if its own query had loaded it: later changes to it are flushed as usual.

    Like SQLAlchemy's own loading, the values go straight into the object's dict (not through its
    constructor and attribute events, which cost more than the query), then the object is marked
    persistent-but-detached and added to the session."""
    found = _LOADERS.get(cls)
    if found is None:
        configure_mappers()  # as the first query would; the attribute machinery needs it
        found = _LOADERS[cls] = (tuple(c.key for c in cls.__table__.columns), manager_of_class(cls))
    names, manager = found
    obj = manager.new_instance()
    obj.__dict__.update(zip(names, values, strict=True))
    make_transient_to_detached(obj)
    session.sync_session.add(obj)
    return obj
