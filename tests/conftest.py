"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when OSER_TEST_DATABASE_URL is set).

CI runs the whole suite twice: once as is (SQLite), once with OSER_TEST_DATABASE_URL pointing to a
fresh PostgreSQL database.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from bot.store.db import make_engine, make_sessionmaker
from bot.store.migrate import upgrade
from bot.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def pytest_report_header(config) -> str:
    return f"database: {'PostgreSQL' if os.environ.get('OSER_TEST_DATABASE_URL') else 'SQLite'}"


@pytest.fixture(scope="session")
def migrated_url(tmp_path_factory) -> URL:
    env = os.environ.get("OSER_TEST_DATABASE_URL")
    url = (
        make_url(env) if env else make_url(f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    )
    upgrade(url)
    return url


async def _wipe(url: URL) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            await conn.execute(text(f"DELETE FROM {table.name}"))
    await engine.dispose()


@pytest.fixture
async def db_url(migrated_url: URL) -> URL:
    """A migrated, empty database for this test."""
    await _wipe(migrated_url)
    return migrated_url


@pytest.fixture
async def sessions(db_url: URL):
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    await engine.dispose()


TOKEN = "123456:TEST-token-for-the-fake-api"


def leaks(text: str) -> list[str]:
    """What `text` (a log) must not hold: the token, or a name or text a test user wrote."""
    from fakebotapi import USER_TEXTS

    found = [s for s in (TOKEN, TOKEN.split(":")[1]) if s in text]
    # Short texts ("/start", "ok", "Camille"...) also appear in the bot's own words.
    return found + [t for t in list(USER_TEXTS) if len(t) >= 12 and not t.startswith("/") and t in text]


class _LogRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot be formatted holds nothing to check
            return
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self.texts.append(text)


@pytest.fixture(autouse=True)
def logs_hold_no_user_text_nor_token():
    """Every test: what the bot logs at INFO and above (what `oser run` writes) holds neither the
    token nor what users wrote (their messages, their names)."""
    from bot.__main__ import quiet_libraries

    quiet_libraries()  # as `oser run` does
    recorder = _LogRecorder()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(recorder)
    root.setLevel(min(previous, logging.INFO) if previous else logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(recorder)
        root.setLevel(previous)
    found = [(leak, text) for text in recorder.texts if (leak := leaks(text))]
    assert not found, f"user text or token in the logs: {found[:3]}"


@pytest.fixture
def fake():
    from fakebotapi import FakeBotAPI

    with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(fake, db_url, tmp_path):
    """A real Application, over real HTTP against the fake Bot API, updates fed with process_update."""
    from bot.app import build_application, post_init
    from bot.config import Settings
    from bot.runtime import Runtime
    from bot.telegram.ratelimit import TelegramRateLimiter

    settings = Settings(
        bot_token=TOKEN,
        database_url=db_url.render_as_string(hide_password=False),
        telegram_base_url=fake.base_url,
        scenarios_dir=SCENARIOS,
        _env_file=None,
    )
    runtime = Runtime.create(settings)
    # Tests check behaviour, not pacing: Telegram's per-chat limit would only slow them down.
    app = build_application(
        runtime, TOKEN, rate_limiter=TelegramRateLimiter(chat_burst=10_000, chat_period=1)
    )
    async with app:
        await post_init(app)
        yield Harness(app, fake, runtime)
    await runtime.engine.dispose()


class Harness:
    """Feeds updates to the application and reads what it sent."""

    def __init__(self, app, fake, runtime):
        self.app, self.fake, self.runtime = app, fake, runtime

    async def send(self, update: dict) -> list[str]:
        """Process one update; return the texts sent (or edited) in response."""
        from telegram import Update

        before = len(self.fake.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        calls = self.fake.calls[before:]
        return [
            c.params.get("text", "") for c in calls if c.method.lower() in ("sendmessage", "editmessagetext")
        ]

    def last_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        for call in reversed(self.fake.calls):
            if (
                call.method.lower() in ("sendmessage", "editmessagetext")
                and call.params.get("chat_id") == chat_id
            ):
                markup = call.params.get("reply_markup") or {}
                rows = markup.get("inline_keyboard", [])
                if rows:
                    return [(b["text"], b["callback_data"]) for row in rows for b in row]
        return []

    def all_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        found = []
        for call in self.fake.calls:
            if (
                call.method.lower() in ("sendmessage", "editmessagetext")
                and call.params.get("chat_id") == chat_id
            ):
                for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []):
                    found += [(b["text"], b["callback_data"]) for b in row]
        return found

    async def count(self, model, **where) -> int:
        from sqlalchemy import func, select

        async with self.runtime.sessions() as session:
            query = select(func.count()).select_from(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return await session.scalar(query)
