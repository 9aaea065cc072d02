"""In process: a database fault while handling leaves the update for later, without a word to the user."""

from __future__ import annotations

import pytest
from fakebotapi import text_message
from sqlalchemy.exc import OperationalError
from telegram import Update

from bot.store.models import InboundUpdate, ProcessedUpdate
from bot.supervisor import Loop, supervised_job
from bot.telegram import ingest


class FailingSessions:
    """The runtime's sessions, failing like a database that went away while `down` is set."""

    def __init__(self, sessions):
        self.sessions, self.down = sessions, True

    def __call__(self, *args, **kwargs):
        if self.down:
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        return self.sessions(*args, **kwargs)


async def handle(bot, update: dict) -> None:
    """As the running bot does: through the chat-ordered processor."""
    app = bot.app
    parsed = Update.de_json(update, app.bot)
    await app.update_processor.process_update(parsed, app.process_update(parsed))


async def test_a_database_fault_while_handling_leaves_the_update_for_the_sweep(bot, monkeypatch, caplog):
    user = 2201
    update = text_message(user, "/help")
    assert await ingest.store(bot.runtime, [update]) == [update["update_id"]]
    real = bot.runtime.sessions
    failing = FailingSessions(real)
    bot.runtime.sessions = failing
    try:
        await handle(bot, update)
        await handle(bot, text_message(user, "/help"))  # the outage goes on: no second log line
    finally:
        bot.runtime.sessions = real
    # Nothing said to the user (no "something went wrong": it will be handled), nothing marked.
    assert bot.fake.sent_texts(user) == []
    assert await bot.count(InboundUpdate, handled_at=None) == 1
    assert sum("handlers: " in r.getMessage() for r in caplog.records) == 1
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("bot"))
    # The database is back: the sweep queues it again, it is handled once.
    monkeypatch.setattr(ingest, "SWEEP_AFTER_SECONDS", 0)
    assert await ingest.sweep(bot.app, bot.runtime) == 1
    assert await ingest.sweep(bot.app, bot.runtime) == 0  # queued already
    queued = await bot.app.update_queue.get()
    await bot.app.update_processor.process_update(queued, bot.app.process_update(queued))
    assert len(bot.fake.sent_texts(user)) == 1
    assert await bot.count(ProcessedUpdate, update_id=update["update_id"]) == 1
    assert await bot.count(InboundUpdate, handled_at=None) == 0
    assert any("handlers: recovered" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("fault", [OperationalError("x", {}, OSError("disk I/O error")), TimeoutError()])
async def test_a_supervised_job_backs_off_and_logs_once_per_outage(fault, caplog):
    calls = []

    async def job(context) -> None:
        calls.append(context)
        if len(calls) <= 3:
            raise fault

    loop = Loop("sweep", regular=False, base=0.0)
    run = supervised_job(loop, job)
    for _ in range(5):
        await run(None)
    assert len(calls) == 5
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.supervisor"]
    assert len(lines) == 2 and "recovered" in lines[1], lines
    assert loop.problem(stall_seconds=60) is None


async def test_a_job_in_backoff_skips_its_turns():
    calls = []

    async def job(context) -> None:
        calls.append(1)
        raise TimeoutError

    loop = Loop("sender", regular=True, base=60.0)
    run = supervised_job(loop, job)
    await run(None)
    await run(None)
    assert len(calls) == 1
    assert "sender failing" in loop.problem(stall_seconds=60)


def test_only_vital_loops_count_for_health():
    from bot.supervisor import Health

    health = Health(stall_seconds=60)
    health.loop("contact-nudges", vital=False).failed(TimeoutError())
    assert health.problems() == []
    health.loop("sender", regular=True).failed(TimeoutError())
    assert health.problems() == ["sender failing for 0 s"]
