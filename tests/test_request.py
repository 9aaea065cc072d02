"""Bot API calls over aiohttp (bot/telegram/request.py): PTB's behaviour, errors without the token."""

from __future__ import annotations

import socket

import pytest
from fakebotapi import FakeBotAPI
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.telegram.request import AiohttpRequest

TOKEN = "123456:TEST-token-that-must-not-leak"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bot(base_url: str, **kwargs) -> Bot:
    return Bot(TOKEN, base_url=base_url, request=AiohttpRequest(**kwargs))


async def test_messages_go_through_and_telegram_errors_keep_their_meaning():
    with FakeBotAPI() as fake:
        async with _bot(fake.base_url) as bot:
            sent = await bot.send_message(42, "Bonjour ✨ & à bientôt", reply_markup=None)
            assert sent.text == "Bonjour ✨ & à bientôt" and sent.chat.id == 42
            with pytest.raises(BadRequest, match="empty"):
                await bot.send_message(42, "")
            await bot.send_document(42, b"a,b\n1,2\n", filename="notes.csv", caption="export")
        assert fake.sent_texts(42) == ["Bonjour ✨ & à bientôt"]
        upload = fake.calls_of("sendDocument")[0]
        assert upload.files["document"].filename == "notes.csv"
        assert upload.files["document"].data == b"a,b\n1,2\n"
        assert upload.params["caption"] == "export"


async def test_a_message_is_one_json_document_with_its_keyboard_as_an_object():
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Pourquoi ? « é »", callback_data="why:1")]])
    with FakeBotAPI() as fake:
        async with _bot(fake.base_url) as bot:
            await bot.send_message(42, "Qu'est-ce qui vous amène ? 🙂", reply_markup=markup)
        [call] = fake.calls_of("sendMessage")
    assert call.content_type == "application/json"
    assert call.params == {
        "chat_id": 42,
        "text": "Qu'est-ce qui vous amène ? 🙂",
        "reply_markup": {"inline_keyboard": [[{"text": "Pourquoi ? « é »", "callback_data": "why:1"}]]},
    }


async def test_an_unreachable_api_is_a_network_error_without_the_token():
    bot = _bot(f"http://127.0.0.1:{_closed_port()}/bot")
    await bot.request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(42, "hello")
        assert not isinstance(caught.value, TimedOut)
        shown = f"{caught.value} {caught.value!r} {caught.value.__cause__!r} {caught.value.__context__!r}"
        assert TOKEN not in shown and TOKEN.split(":")[1] not in shown
    finally:
        await bot.request.shutdown()


async def test_a_slow_answer_is_a_timeout():
    with FakeBotAPI() as fake:
        fake.delay_next("sendMessage", 1.0)
        async with _bot(fake.base_url, read_timeout=0.2) as bot:
            with pytest.raises(TimedOut):
                await bot.send_message(42, "hello")


async def test_proxies_come_from_the_environment(monkeypatch):
    """The fake serves absolute-form requests, so it can stand in for an HTTP proxy: a Bot API host
    that does not exist is reached through it; NO_PROXY sends that host direct (and fails)."""
    with FakeBotAPI() as fake:
        monkeypatch.setenv("HTTP_PROXY", fake.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with _bot("http://api.telegram.invalid/bot") as bot:
            await bot.send_message(7, "through the proxy")
        assert fake.sent_texts(7) == ["through the proxy"]

        monkeypatch.setenv("NO_PROXY", "api.telegram.invalid")
        request = AiohttpRequest()
        assert request.proxy_for("http://api.telegram.invalid/bot1:x/getMe") is None
        assert request.proxy_for("http://elsewhere.invalid/bot1:x/getMe") == fake.url
