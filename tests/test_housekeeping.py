"""Delivery records (received updates, handled marks, sent replies) are purged once they protect nothing."""

from __future__ import annotations

from datetime import timedelta

from fakebotapi import text_message
from sqlalchemy import select, update

from bot.store.housekeeping import purge_delivery_records
from bot.store.models import InboundUpdate, Outbox, ProcessedUpdate, User, utcnow

NOW = utcnow()
OLD = NOW - timedelta(days=8)
RECENT = NOW - timedelta(days=6)


async def _ids(sessions, column) -> set[int]:
    async with sessions() as session:
        return set(await session.scalars(select(column)))


async def test_old_handled_updates_and_sent_replies_go_the_rest_stays(sessions):
    async with sessions() as session:
        payload = {"update_id": 0, "message": {"text": "a user's words"}}
        session.add_all(
            [
                # Five handled more than a week ago (more than one batch), one handled recently, and one
                # received long ago but never handled: still in use, it must stay.
                *(
                    InboundUpdate(update_id=i, user_id=7, payload=payload, received_at=OLD, handled_at=OLD)
                    for i in range(1, 6)
                ),
                InboundUpdate(update_id=6, user_id=7, payload=payload, received_at=RECENT, handled_at=RECENT),
                InboundUpdate(update_id=7, user_id=7, payload=payload, received_at=OLD, handled_at=None),
                *(ProcessedUpdate(update_id=i, user_id=7, at=OLD) for i in range(1, 6)),
                ProcessedUpdate(update_id=6, user_id=7, at=RECENT),
                Outbox(id=1, update_id=1, chat_id=7, payload={"text": "hi"}, created_at=OLD, sent_at=OLD),
                Outbox(
                    id=2, update_id=6, chat_id=7, payload={"text": "hi"}, created_at=RECENT, sent_at=RECENT
                ),
                # Never sent (Telegram unreachable for days): the retry job still needs it.
                Outbox(id=3, update_id=7, chat_id=7, payload={"text": "hi"}, created_at=OLD, sent_at=None),
            ]
        )
        await session.commit()

    deleted = await purge_delivery_records(sessions, now=NOW, batch=2)

    assert deleted == {"inbound_updates": 5, "processed_updates": 5, "outbox": 1}
    assert await _ids(sessions, InboundUpdate.update_id) == {6, 7}
    assert await _ids(sessions, ProcessedUpdate.update_id) == {6}
    assert await _ids(sessions, Outbox.id) == {2, 3}
    # Nothing more to do the second time.
    assert await purge_delivery_records(sessions, now=NOW, batch=2) == {
        "inbound_updates": 0,
        "processed_updates": 0,
        "outbox": 0,
    }


async def test_the_bot_purges_every_hour_and_a_purged_user_carries_on(bot, caplog):
    [job] = [job for job in bot.app.job_queue.jobs() if job.name == "purge-delivery-records"]
    assert job.trigger.interval == timedelta(hours=1)
    uid = 4242
    assert await bot.send(text_message(uid, "/start", language_code="en"))
    assert await bot.count(ProcessedUpdate, user_id=uid) == 1
    assert await bot.count(Outbox, user_id=uid) >= 1
    sessions = bot.runtime.sessions
    async with sessions() as session:  # a week and a day later
        await session.execute(update(ProcessedUpdate).values(at=OLD))
        await session.execute(update(Outbox).values(created_at=OLD, sent_at=OLD))
        await session.commit()

    caplog.set_level("INFO", logger="bot.app")
    await job.run(bot.app)

    assert await bot.count(ProcessedUpdate, user_id=uid) == 0
    assert await bot.count(Outbox, user_id=uid) == 0
    assert "purged delivery records older than a week" in caplog.text
    assert "a user's words" not in caplog.text
    # The user's own data is untouched, and their next message is handled as usual.
    assert await bot.count(User, id=uid) == 1
    assert await bot.send(text_message(uid, "/help", language_code="en"))
    assert await bot.count(ProcessedUpdate, user_id=uid) == 1
