"""The fake Bot API answers python-telegram-bot as Telegram would, for what the bot uses."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import json
import socket
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator

import pytest
from fakebotapi import (
    FakeBotAPI,
    callback_query,
    edited_text_message,
    group_text_message,
    photo_message,
    post_webhook,
    sticker_message,
    text_message,
    voice_message,
)
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

TOKEN = "123:ABC"
USER = 42


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


def echo_app(fake: FakeBotAPI, seen: list[Update] | None = None) -> Application:
    """The benches' baseline: a bare python-telegram-bot echo bot."""
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if seen is not None:
            seen.append(update)
        await update.effective_message.reply_text(update.effective_message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def eventually(fake: FakeBotAPI, predicate) -> bool:  # noqa: ANN001
    return await asyncio.to_thread(fake.wait_for, predicate)


def bot_for(fake: FakeBotAPI, token: str = TOKEN) -> Bot:
    return Bot(token, base_url=fake.base_url)


# --------------------------------------------------------------------------- messages


async def test_echo_bot_polls_and_replies_in_the_right_chat(fake: FakeBotAPI) -> None:
    async with polling(echo_app(fake)) as app:
        assert app.bot.username == "oser_test_bot" and app.bot.id == 123
        fake.push(text_message(USER, "bonjour"))
        fake.push(text_message(7, "salut"))
        assert await eventually(fake, lambda: fake.sent_messages(USER) and fake.sent_messages(7))

    assert fake.sent_messages(USER) == [{"chat_id": USER, "text": "bonjour"}]  # form-encoded by httpx
    assert fake.sent_texts(7) == ["salut"]
    reply = fake.last_message(USER)
    assert reply["chat"] == {"id": USER, "type": "private", "first_name": "Camille"}
    # Telegram shares message ids between the user's and the bot's messages of a chat.
    user_message, bot_message = fake.chat_history(USER)
    assert bot_message["message_id"] == user_message["message_id"] + 1


async def test_sent_message_round_trips_through_de_json(fake: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Oui", callback_data="yes")]])
    async with bot_for(fake) as bot:
        first = await bot.send_message(USER, "Prêt ?", reply_markup=keyboard)
        second = await bot.send_message(USER, "42")

    assert first.chat.id == USER and first.chat.type == "private"
    assert first.from_user.is_bot and first.text == "Prêt ?"
    assert first.reply_markup == keyboard
    assert isinstance(first.date, dtm.datetime)
    assert second.message_id == first.message_id + 1
    # form values are JSON-decoded, but free text stays a string
    params = fake.sent_messages(USER)[0]
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "Oui", "callback_data": "yes"}]]}
    assert fake.sent_messages(USER)[1]["text"] == "42"


async def test_callback_query_is_answered_once_and_its_message_edited(fake: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="pick:a")]])
    async with bot_for(fake) as bot:
        sent = await bot.send_message(USER, "Choisis", reply_markup=keyboard)
        update = callback_query(USER, "pick:a", message=fake.last_message(USER))
        fake.push(update)
        query_id = update["callback_query"]["id"]
        assert await bot.answer_callback_query(query_id, "Noté")
        with pytest.raises(BadRequest, match="(?i)query id is invalid"):
            await bot.answer_callback_query(query_id)
        with pytest.raises(BadRequest, match="(?i)query id is invalid"):
            await bot.answer_callback_query("unknown")
        await bot.edit_message_text("Choix : A", chat_id=USER, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("Choix : A", chat_id=USER, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("?", chat_id=USER, message_id=9999)

    (shown,) = fake.chat_history(USER)
    assert shown["text"] == "Choix : A"
    assert "reply_markup" not in shown  # editing without reply_markup removes the keyboard
    assert "edit_date" in shown


async def test_multipart_uploads_are_recorded_with_their_bytes(fake: FakeBotAPI) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\r\n--boundary-lookalike\r\n\xff"
    async with bot_for(fake) as bot:
        photo = await bot.send_photo(USER, photo=png, caption="Légende", filename="carte.png")
        document = await bot.send_document(USER, InputFile(b"a;b\r\n1;2\r\n", filename="notes.csv"))
        with pytest.raises(BadRequest, match="(?i)caption is too long"):
            await bot.send_photo(USER, photo=png, caption="x" * 1025)

    upload = fake.calls_of("sendPhoto")[0].files["photo"]
    assert (upload.data, upload.filename, upload.content_type) == (png, "carte.png", "image/png")
    assert photo.caption == "Légende" and photo.photo[-1].file_size == len(png)
    assert fake.calls_of("sendDocument")[0].files["document"].data == b"a;b\r\n1;2\r\n"
    assert document.document.file_name == "notes.csv"


async def test_what_telegram_refuses(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        assert (await bot.send_message(USER, "x" * 4096)).text == "x" * 4096
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(USER, "😀" * 2049)  # 4098 UTF-16 units
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            too_long = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="x" * 65)]])
            await bot.send_message(USER, "clavier", reply_markup=too_long)
        assert await bot.set_my_commands([("entretien", "Répéter"), ("aide", "Aide")], language_code="fr")
        with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
            await bot.set_my_commands([("Start", "majuscule interdite")])


# --------------------------------------------------------------------------- errors


async def test_fault_injection_surfaces_as_telegram_errors(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        fake.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(USER, "trop vite")
        wait = flood.value.retry_after  # seconds, or a timedelta once PTB_TIMEDELTA is set
        assert dtm.timedelta(seconds=3) in (wait, dtm.timedelta(seconds=wait))

        fake.fail_next("SENDMESSAGE", 403)
        with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
            await bot.send_message(USER, "bloqué")

        fake.fail_next("sendMessage", 400, "Bad Request: chat not found", times=2)
        for _ in range(2):
            with pytest.raises(BadRequest, match="(?i)chat not found"):
                await bot.send_message(USER, "perdu")

        assert (await bot.send_message(USER, "enfin")).text == "enfin"

        fake.block(7)
        with pytest.raises(Forbidden):
            await bot.send_message(7, "bloqué pour de bon")

    statuses = [c.status for c in fake.calls_of("sendMessage")]
    assert statuses == [429, 403, 400, 400, 200, 403]
    assert fake.calls_of("sendMessage")[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert fake.sent_texts() == ["enfin"]


async def test_invalid_token_makes_initialize_raise() -> None:
    with FakeBotAPI(invalid_token="999:REVOKED") as fake:
        with pytest.raises(InvalidToken):
            await bot_for(fake, "999:REVOKED").initialize()
        assert fake.calls[0].response == {"ok": False, "error_code": 401, "description": "Unauthorized"}


def test_unknown_method_is_404_and_json_bodies_are_read(fake: FakeBotAPI) -> None:
    def call(method: str, body: dict) -> dict:
        request = urllib.request.Request(
            f"{fake.base_url}{TOKEN}/{method}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as err:
            return json.loads(err.read())

    assert call("sendMessage", {"chat_id": USER, "text": "true"})["result"]["text"] == "true"
    assert call("noSuchMethod", {}) == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }
    assert fake.calls[0].content_type == "application/json"


# --------------------------------------------------------------------------- updates


def test_builders_are_telegram_shaped() -> None:
    update = Update.de_json(text_message(USER, "/start@oser_test_bot abc", update_id=5000), None)
    assert update.update_id == 5000
    assert update.message.from_user.language_code == "fr"
    assert update.message.from_user.first_name == "Camille"
    (entity,) = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, len("/start@oser_test_bot"))
    assert text_message(USER, "pas une commande")["message"].get("entities") is None
    first, second = text_message(USER, "a"), text_message(USER, "b")
    assert second["update_id"] == first["update_id"] + 1
    query = Update.de_json(callback_query(USER, "x", message_id=77, language_code="en"), None)
    assert query.callback_query.message.message_id == 77
    assert query.callback_query.from_user.language_code == "en"
    assert query.callback_query.message.from_user.is_bot
    group = Update.de_json(group_text_message(USER, -5, "/help"), None)
    assert group.message.chat.type == "group" and group.message.entities[0].length == 5
    sticker, photo, voice, edited, supergroup = (
        Update.de_json(u, None)
        for u in (
            sticker_message(USER),
            photo_message(USER, caption="vue"),
            voice_message(USER),
            edited_text_message(USER, "corrigé", message_id=1),
            group_text_message(USER, -1001234, "salut le groupe"),
        )
    )
    assert sticker.message.sticker.emoji == "👍"
    assert photo.message.photo[-1].width == 1280 and photo.message.caption == "vue"
    assert voice.message.voice.file_id == "VOICE_1" and voice.message.voice.mime_type == "audio/ogg"
    assert edited.edited_message.text == "corrigé" and edited.edited_message.edit_date
    assert supergroup.message.chat.type == "supergroup"


async def test_get_updates_offset_limit_and_confirmation(fake: FakeBotAPI) -> None:
    first = fake.push(text_message(USER, "un"))
    second = fake.push(text_message(USER, "deux"))
    async with bot_for(fake) as bot:
        assert [u.update_id for u in await bot.get_updates(limit=1)] == [first]
        # Not confirmed yet: delivered again (after a crash, say).
        assert [u.update_id for u in await bot.get_updates()] == [first, second]
        assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
        assert await bot.get_updates(offset=second + 1) == ()
        assert await bot.get_updates() == ()  # confirmed updates are gone for good
        # Re-pushed after its confirmation: delivered once more, to test duplicate handling.
        assert fake.push(text_message(USER, "doublon", update_id=first)) == first
        assert [u.update_id for u in await bot.get_updates()] == [first]


async def test_a_long_poll_returns_when_an_update_arrives(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=60))
        await eventually(fake, lambda: fake.calls_of("getUpdates"))
        fake.push(text_message(USER, "réveil"))
        assert [u.message.text for u in await poll] == ["réveil"]


async def test_concurrent_get_updates_conflict(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as first, bot_for(fake) as second:
        older = asyncio.create_task(first.get_updates(timeout=1))
        await eventually(fake, lambda: fake.calls_of("getUpdates"))
        newer = asyncio.create_task(second.get_updates(timeout=1))
        with pytest.raises(Conflict, match="(?i)terminated by other getupdates request"):
            await older
        assert await newer == ()


# --------------------------------------------------------------------------- webhooks


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_mode_end_to_end(fake: FakeBotAPI) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    app = echo_app(fake)
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="s3cret"
        )
        try:
            (hook,) = fake.calls_of("setWebhook")
            assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret"
            async with bot_for(fake) as bot:
                with pytest.raises(Conflict, match="(?i)webhook is active"):
                    await bot.get_updates()
            status = await asyncio.to_thread(post_webhook, url, text_message(USER, "intrus"), "wrong")
            assert status == 403
            status = await asyncio.to_thread(post_webhook, url, text_message(USER, "direct"), "s3cret")
            assert status == 200
            assert await eventually(fake, lambda: fake.sent_messages(USER))
        finally:
            await app.updater.stop()
            await app.stop()
    assert fake.sent_texts(USER) == ["direct"]
