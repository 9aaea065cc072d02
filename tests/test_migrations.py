"""Migrations: every revision goes up, down and up again, and the models match the migrations."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from bot.store.db import make_engine
from bot.store.migrate import alembic_config, downgrade, upgrade
from bot.store.models import Base


async def _admin(url, sql: str) -> None:
    engine = make_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.exec_driver_sql(sql)
    await engine.dispose()


@pytest.fixture
def fresh_url(tmp_path):
    """An empty database of the same kind as the suite's (its own, so the test can go down to nothing)."""
    env = os.environ.get("OSER_TEST_DATABASE_URL")
    if not env:
        yield make_url(f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}")
        return
    base = make_url(env)
    name = f"oser_stairway_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    yield base.set(database=name)
    asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _tables(url) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def _diff(url) -> list:
    engine = make_engine(url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata))
    await engine.dispose()
    return diff


def test_stairway_up_down_up_and_models_match(fresh_url):
    script = ScriptDirectory.from_config(alembic_config(fresh_url))
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert revisions, "no migrations found"
    for revision in revisions:
        upgrade(fresh_url, revision)
        down_to = script.get_revision(revision).down_revision or "base"
        downgrade(fresh_url, down_to)
        upgrade(fresh_url, revision)
    assert asyncio.run(_tables(fresh_url)) == {t.name for t in Base.metadata.sorted_tables}
    assert asyncio.run(_diff(fresh_url)) == []
    downgrade(fresh_url, "base")
    assert asyncio.run(_tables(fresh_url)) == set()


async def test_suite_runs_on_the_requested_database(db_url):
    """CI runs the suite twice; this proves the second run really talks to PostgreSQL."""
    engine = make_engine(db_url)
    async with engine.connect() as conn:
        dialect = conn.dialect.name
    await engine.dispose()
    assert dialect == ("postgresql" if os.environ.get("OSER_TEST_DATABASE_URL") else "sqlite")
