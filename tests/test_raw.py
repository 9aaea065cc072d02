"""Hand-written SQL (bot/store/raw.py): same transaction, same values and same errors as the ORM's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, DateTime, select, text
from sqlalchemy.exc import IntegrityError

from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import Outbox, Rehearsal, User
from bot.store.raw import Sql, columns_sql, loaded, raw

_QUEUE = Sql(
    "INSERT INTO outbox (update_id, user_id, chat_id, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    params=(None, None, None, JSON(), DateTime(timezone=True)),
)
_USER = Sql(
    f"SELECT {columns_sql(User.__table__, 'u')} FROM users u WHERE u.id = ?",
    results=[c.type for c in User.__table__.columns],
)
_NEW_USER = Sql(
    "INSERT INTO users (id, chat_id, first_name, language, language_chosen, settings, created_at) "
    "VALUES (?, ?, '', ?, ?, ?, ?)",
    params=(None, None, None, None, JSON(), DateTime(timezone=True)),
)
MOMENT = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
PAYLOAD = {"text": "Merci, à bientôt ✨", "buttons": [["Oui", "y:1"]]}


async def test_a_write_belongs_to_the_session_transaction(sessions):
    async with sessions() as session:
        await (await raw(session)).value(_QUEUE, 1, 2, 3, PAYLOAD, MOMENT)
        await session.rollback()
    async with sessions() as session:
        assert await session.scalar(select(Outbox.id)) is None
        row_id = await (await raw(session)).value(_QUEUE, 1, 2, 3, PAYLOAD, MOMENT)
        await session.commit()
    async with sessions() as session:
        stored = await session.get(Outbox, row_id)
        # Read back through the ORM: the very values written here.
        assert (stored.update_id, stored.chat_id, stored.payload) == (1, 3, PAYLOAD)
        assert stored.created_at.replace(tzinfo=UTC) == MOMENT


async def test_rows_read_here_are_the_orm_rows_and_their_changes_are_flushed(sessions):
    async with sessions() as session:
        session.add(
            User(
                id=5,
                chat_id=5,
                language="fr",
                language_chosen=True,
                settings={"mode": "study"},
                created_at=MOMENT,
            )
        )
        await session.commit()
    async with sessions() as session:
        orm = await session.get(User, 5)
        expected = {c.key: getattr(orm, c.key) for c in User.__table__.columns}
    async with sessions() as session:
        row = await (await raw(session)).one(_USER, 5)
        user = loaded(session, User, row)
        assert {c.key: getattr(user, c.key) for c in User.__table__.columns} == expected
        assert user.language_chosen is True and user.settings == {"mode": "study"}
        assert await session.get(User, 5) is user  # in the session's identity map
        assert not session.is_modified(user) and user not in session.dirty  # loaded, not changed
        user.language = "en"
        await session.commit()
    async with sessions() as session:
        assert (await session.get(User, 5)).language == "en"


async def test_the_same_transaction_sees_both_kinds_of_writes(sessions):
    async with sessions() as session:
        await (await raw(session)).run(_NEW_USER, 8, 8, "fr", False, {}, MOMENT)
        session.add(Rehearsal(user_id=8, scenario_id="x", state={}, status="active"))
        await session.flush()  # the foreign key finds the user written by hand
        assert await session.scalar(select(User.language).where(User.id == 8)) == "fr"
        await session.commit()
    async with sessions() as session:
        assert await session.scalar(select(Rehearsal.scenario_id).where(Rehearsal.user_id == 8)) == "x"


async def test_constraint_errors_are_sqlalchemy_errors_and_the_session_goes_on(sessions):
    async with sessions() as session:
        db = await raw(session)
        await db.run(_NEW_USER, 9, 9, "fr", False, {}, MOMENT)
        with pytest.raises(IntegrityError):
            await db.run(_NEW_USER, 9, 9, "fr", False, {}, MOMENT)
        await session.rollback()
    async with sessions() as session:  # nothing committed, the connection still works
        await (await raw(session)).run(_NEW_USER, 9, 9, "en", False, {}, MOMENT)
        await session.commit()
    async with sessions() as session:
        assert await session.scalar(select(User.language).where(User.id == 9)) == "en"


async def test_a_lost_or_busy_connection_gives_an_error_that_handlers_retry(db_url):
    """PostgreSQL: the server closed the connection; the error says so and the pool opens a fresh one.
    SQLite: another process holds the write lock; the error is an OperationalError (retried)."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError, OperationalError

    engine = make_engine(
        db_url, **({"pool_size": 1, "max_overflow": 0} if db_url.get_backend_name() == "postgresql" else {})
    )
    sessions = make_sessionmaker(engine)
    try:
        if db_url.get_backend_name() == "postgresql":
            async with sessions() as session:
                pid = await session.scalar(text("SELECT pg_backend_pid()"))
                await session.commit()
            admin = make_engine(db_url)
            async with admin.connect() as conn:
                await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await admin.dispose()
            async with sessions() as session:
                with pytest.raises(DBAPIError) as caught:
                    await (await raw(session)).run(_NEW_USER, 10, 10, "fr", False, {}, MOMENT)
                assert caught.value.connection_invalidated
        else:
            other = sqlite3.connect(db_url.database)
            other.execute("BEGIN IMMEDIATE")
            try:
                async with sessions() as session:
                    db = await raw(session)
                    db.connection.execute("PRAGMA busy_timeout = 50")
                    with pytest.raises(OperationalError, match="locked"):
                        await db.run(_NEW_USER, 10, 10, "fr", False, {}, MOMENT)
                    db.connection.execute("PRAGMA busy_timeout = 5000")
            finally:
                other.rollback()
                other.close()
        async with sessions() as session:
            await (await raw(session)).run(_NEW_USER, 10, 10, "fr", False, {}, MOMENT)
            await session.commit()
        async with sessions() as session:
            assert await session.scalar(select(User.id).where(User.id == 10)) == 10
    finally:
        await engine.dispose()


def test_a_question_mark_inside_a_literal_is_refused():
    with pytest.raises(ValueError, match="literal"):
        Sql("SELECT 1 FROM users WHERE first_name = '?'")
    assert Sql("UPDATE t SET a = ? WHERE b = ?").postgresql == "UPDATE t SET a = $1 WHERE b = $2"
