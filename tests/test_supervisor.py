"""The bot's own loops survive faults of Telegram and of the database, and say so once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

import pytest
from conftest import SCENARIOS, TOKEN
from fakebotapi import text_message
from sqlalchemy import text
from test_e2e import BotProcess, db_rows, say

from bot.store.db import make_engine
from bot.store.models import InboundUpdate, ProcessedUpdate


def healthcheck(bot_process) -> int:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
    env.update(
        BOT_TOKEN=TOKEN,
        DATABASE_URL=bot_process.db_url.render_as_string(hide_password=False),
        SCENARIOS_DIR=str(SCENARIOS),
        HEALTH_FILE=str(bot_process.workdir / "health.json"),
        HEALTH_STALL_SECONDS="8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "healthcheck"], env=env, cwd=bot_process.workdir, capture_output=True
    )
    return done.returncode


def wait_health(bot_process, fake, expected: int, timeout: float = 30) -> bool:
    return fake.wait_for(lambda: healthcheck(bot_process) == expected, timeout=timeout, interval=0.2)


@pytest.fixture
def polling(fake, db_url, tmp_path):
    runner = BotProcess(fake, db_url, tmp_path)
    runner.env = {"HEALTH_STALL_SECONDS": "8"}
    yield runner
    runner.stop_all()


@pytest.mark.parametrize(
    "fault",
    ["500", "401 not confirmed by getMe", "a 200 that is not JSON", "409 another poller"],
)
def test_polling_survives_telegram_faults(polling, fake, fault):
    user = 2101
    proc = polling.start()
    say(fake, text_message(user, "/start"), user)
    assert wait_health(polling, fake, 0)
    if fault == "a 200 that is not JSON":
        fake.garble_next("getUpdates", times=4)
    else:
        fake.fail_next("getUpdates", int(fault[:3]), times=4)
    fake.push(text_message(user, "/help"))
    # Unhealthy while getUpdates fails (a backoff of 0.5 + 1 + 2 + 4 s for four failures).
    assert wait_health(polling, fake, 1)
    assert fake.wait_for(lambda: len(fake.sent_texts(user)) >= 2, timeout=40), polling.log()
    assert wait_health(polling, fake, 0)
    say(fake, text_message(user, "/help"), user)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    log = polling.log()
    # One line for the outage and one for its end, not one per attempt; no traceback.
    assert log.count("polling: ") == 2, log
    assert "recovered after" in log and "Traceback" not in log
    # Every update handled once.
    texts = fake.sent_texts(user)
    assert sum("What I can do" in t or "Ce que je sais faire" in t for t in texts) == 2, texts


def test_polling_survives_a_database_fault(polling, fake, db_url):
    """The table updates are stored in is gone for a while: polling waits, then stores them."""
    user = 2102
    proc = polling.start()
    before = len(say(fake, text_message(user, "/start"), user))

    async def rename(old: str, new: str) -> None:
        engine = make_engine(db_url)
        async with engine.begin() as conn:
            await conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
        await engine.dispose()

    asyncio.run(rename("inbound_updates", "inbound_updates_away"))
    try:
        update = text_message(user, "/help")
        fake.push(update)
        assert wait_health(polling, fake, 1)
        assert len(fake.sent_texts(user)) == before
    finally:
        asyncio.run(rename("inbound_updates_away", "inbound_updates"))
    assert fake.wait_for(lambda: len(fake.sent_texts(user)) > before, timeout=40), polling.log()
    assert wait_health(polling, fake, 0)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    assert [r.update_id for r in db_rows(db_url, ProcessedUpdate)][-1] == update["update_id"]
    assert len(db_rows(db_url, InboundUpdate)) == 2
    log = polling.log()
    assert log.count("polling: ") == 2 and "Traceback" not in log, log


def test_a_token_refused_for_good_stops_the_process_with_one_line(polling, fake):
    proc = polling.start()
    fake.invalid_token = TOKEN
    assert proc.wait(30) != 0
    log = polling.log()
    assert "Telegram refused BOT_TOKEN" in log and "Traceback" not in log, log
    assert TOKEN not in log


def test_sigterm_while_telegram_hangs_stops_cleanly_and_loses_nothing(polling, fake, db_url):
    """Replies in flight to a Telegram that does not answer: the stop does not wait for them (nor
    retry them); they stay in the outbox and go at the next start."""
    from bot.store.models import Outbox

    users = [2111, 2112, 2113]
    proc = polling.start()
    fake.delay_next("sendMessage", 60, times=len(users))
    for user in users:
        fake.push(text_message(user, "/help"))
    assert fake.wait_for(lambda: len(fake.calls_of("sendMessage")) >= len(users), timeout=20)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0, polling.log()
    assert "Traceback" not in polling.log()
    assert len([r for r in db_rows(db_url, Outbox) if r.sent_at is None]) == len(users)
    polling.start()
    for user in users:
        assert fake.wait_for(lambda u=user: fake.sent_texts(u), timeout=20), polling.log()
