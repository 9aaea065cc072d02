"""Sending replies from the outbox: Telegram's limits and errors (rate limiter, RetryAfter, Forbidden, edits)."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from fakebotapi import text_message
from sqlalchemy import select
from telegram.error import BadRequest, RetryAfter

from bot.store.models import Outbox, User
from bot.telegram.delivery import Pending, deliver
from bot.telegram.ratelimit import TelegramRateLimiter

CARLA = 3001


async def test_a_reply_with_buttons_reaches_telegram_as_sent(bot):
    await bot.send(text_message(CARLA, "/rehearse", language_code="en"))
    [call] = [c for c in bot.fake.calls_of("sendMessage") if c.params["chat_id"] == CARLA]
    assert call.params["text"] and call.content_type == "application/json"
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    assert all(set(button) == {"text", "callback_data"} for row in keyboard for button in row)
    async with bot.runtime.sessions() as session:
        [row] = await session.scalars(select(Outbox).where(Outbox.chat_id == CARLA))
    assert row.sent_at is not None
    assert [[[b["text"], b["callback_data"]] for b in r] for r in keyboard] == row.payload["buttons"]


async def test_telegram_asking_to_wait_is_honoured_then_the_reply_goes(bot):
    bot.fake.fail_next("sendMessage", 429, retry_after=1)
    texts = await bot.send(text_message(CARLA, "/help", language_code="en"))
    attempts = [c for c in bot.fake.calls_of("sendMessage") if c.params["chat_id"] == CARLA]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].time - attempts[0].time >= 1  # it waited as long as Telegram asked
    assert texts and texts[-1] == attempts[1].params["text"]


async def test_a_user_who_blocked_the_bot_is_recorded_and_the_reply_dropped(bot):
    await bot.send(text_message(CARLA, "/start", language_code="en"))
    bot.fake.block(CARLA)
    await bot.send(text_message(CARLA, "/help", language_code="en"))
    async with bot.runtime.sessions() as session:
        assert (await session.get(User, CARLA)).blocked_at is not None
        unsent = await session.scalars(select(Outbox).where(Outbox.sent_at.is_(None)))
        assert list(unsent) == []  # dropped for good, not retried forever
    attempts = [c for c in bot.fake.calls_of("sendMessage") if c.params["chat_id"] == CARLA]
    assert [c.status for c in attempts][-1] == 403 and len([c for c in attempts if c.status == 403]) == 1


async def test_an_edit_of_a_message_that_is_gone_is_sent_as_a_new_one(bot, caplog):
    tg = bot.app.bot
    caplog.set_level("WARNING", logger="bot.telegram.delivery")
    bot.fake.fail_next("editMessageText", 400, "Bad Request: message is not modified")
    assert await deliver(
        tg, bot.runtime.sessions, [Pending(0, CARLA, {"text": "Same", "edit_message_id": 5})]
    )
    assert bot.fake.calls_of("sendMessage") == []  # unchanged: nothing more to say
    assert "refused by Telegram" not in caplog.text  # an edit already in place, not a failure
    bot.fake.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    assert await deliver(
        tg, bot.runtime.sessions, [Pending(0, CARLA, {"text": "Fresh", "edit_message_id": 5})]
    )
    assert bot.fake.sent_texts(CARLA) == ["Fresh"]


async def test_the_limiter_paces_each_chat_without_holding_back_the_others():
    limiter = TelegramRateLimiter(overall_per_second=1000, chat_burst=2, chat_period=0.6)
    sent: list[tuple[int, float]] = []

    async def send(chat: int) -> None:
        async def call() -> None:
            sent.append((chat, time.monotonic()))

        await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": chat}, None)

    start = time.monotonic()
    await asyncio.gather(send(1), send(1), send(1), send(2))
    chats = [chat for chat, _at in sent]
    assert chats.index(2) < chats.index(1, 2)  # chat 2 did not wait behind chat 1's third message
    third = [at for chat, at in sent if chat == 1][2]
    assert third - start >= 0.2  # chat 1's third message waited for its share of the period


async def test_the_limiter_retries_what_telegram_refuses_for_a_while_not_what_it_refuses_for_good():
    limiter = TelegramRateLimiter(max_retries=2)
    attempts = []

    async def flood() -> None:
        attempts.append("flood")
        raise RetryAfter(timedelta(0))

    with pytest.raises(RetryAfter):
        await limiter.process_request(flood, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert attempts == ["flood"] * 3  # the first try and 2 retries

    async def bad() -> None:
        attempts.append("bad")
        raise BadRequest("Bad Request: message text is empty")

    with pytest.raises(BadRequest):
        await limiter.process_request(bad, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert attempts.count("bad") == 1
