"""After a crash, a chat's replies still arrive in the order they were decided."""

from __future__ import annotations

from datetime import timedelta

from fakebotapi import text_message

from bot.app import post_init
from bot.store.models import Outbox, utcnow
from bot.telegram.delivery import CLAIM_SECONDS, flush_unsent

USER = 4101


async def left_by_a_dead_process(bot, text: str, claimed_seconds_ago: float) -> int:
    """An unsent reply, claimed by a process that died while sending it."""
    async with bot.runtime.sessions() as session:
        row = Outbox(
            update_id=None,
            user_id=USER,
            chat_id=USER,
            payload={"text": text},
            claimed_until=utcnow() + timedelta(seconds=CLAIM_SECONDS - claimed_seconds_ago),
        )
        session.add(row)
        await session.commit()
        return row.id


async def test_a_newer_reply_waits_behind_an_older_unsent_one(bot):
    await left_by_a_dead_process(bot, "the debrief decided before the crash", claimed_seconds_ago=1)
    # The next command is answered, but its reply does not overtake the older one.
    assert await bot.send(text_message(USER, "/help", language_code="en")) == []
    assert bot.fake.sent_texts(USER) == []
    # Once the claim is given up (expired, or released at start), both go, in order.
    await post_init_again(bot, stale_after=0)
    texts = bot.fake.sent_texts(USER)
    assert texts[0] == "the debrief decided before the crash"
    assert "What I can do" in texts[1]


async def post_init_again(bot, stale_after: float) -> None:
    import bot.telegram.delivery as delivery

    saved = delivery.STALE_CLAIM_SECONDS
    delivery.STALE_CLAIM_SECONDS = stale_after
    try:
        await post_init(bot.app)
    finally:
        delivery.STALE_CLAIM_SECONDS = saved


async def test_claims_left_by_a_dead_process_are_released_at_start(bot):
    await left_by_a_dead_process(bot, "first, decided before the crash", claimed_seconds_ago=5)
    await post_init(bot.app)  # what a new process does at start
    assert bot.fake.sent_texts(USER) == ["first, decided before the crash"]
    await bot.send(text_message(USER, "/help", language_code="en"))
    assert "What I can do" in bot.fake.sent_texts(USER)[1]


async def test_a_fresh_claim_of_a_live_instance_is_left_alone(bot):
    row_id = await left_by_a_dead_process(bot, "being sent by another instance", claimed_seconds_ago=0)
    await post_init(bot.app)
    assert bot.fake.sent_texts(USER) == []
    assert await flush_unsent(bot.app.bot, bot.runtime.sessions) == 0
    assert await bot.count(Outbox, id=row_id, sent_at=None) == 1
