"""The fake Bot API is faithful enough for a real python-telegram-bot ``Application``."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import json
import socket
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

try:  # tests/ as a package (rootdir on sys.path) or as a plain directory (pytest's rootdir-less import)
    from tests.fakebotapi import (
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
except ModuleNotFoundError:  # pragma: no cover - depends on how pytest imports the tests
    from fakebotapi import (  # type: ignore[no-redef]
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

TOKEN = "123:ABC"
USER = 42


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


def build_app(fake: FakeBotAPI, token: str = TOKEN) -> Application:
    return ApplicationBuilder().token(token).base_url(fake.base_url).base_file_url(fake.base_file_url).build()


@contextlib.asynccontextmanager
async def polling(app: Application, poll_timeout: int = 1) -> AsyncIterator[Application]:
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def echo_app(fake: FakeBotAPI, seen: list[Update] | None = None) -> Application:
    app = build_app(fake)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("Bienvenue !")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if seen is not None:
            seen.append(update)
        await update.effective_message.reply_text(update.effective_message.text)

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


def bot_for(fake: FakeBotAPI, token: str = TOKEN) -> Bot:
    return Bot(token, base_url=fake.base_url, base_file_url=fake.base_file_url)


# --------------------------------------------------------------------------- polling end to end


async def test_echo_bot_replies_in_the_right_chat(fake: FakeBotAPI) -> None:
    async with polling(echo_app(fake)) as app:
        assert app.bot.username == "oser_test_bot"
        assert app.bot.id == 123
        fake.push(text_message(USER, "bonjour"))
        fake.push(text_message(7, "/start"))
        assert await fake.await_for(lambda: fake.sent_messages(USER) and fake.sent_messages(7))

    assert fake.sent_messages(USER) == [{"chat_id": USER, "text": "bonjour"}]
    assert fake.sent_texts(7) == ["Bienvenue !"]
    assert fake.token == TOKEN
    reply = fake.last_message(USER)
    assert reply is not None
    assert reply["from"]["username"] == "oser_test_bot"
    assert reply["chat"] == {"id": USER, "type": "private", "first_name": "Camille"}
    # Telegram shares message ids between the user's and the bot's messages of a chat.
    user_message, bot_message = fake.chat_history(USER)
    assert bot_message["message_id"] == user_message["message_id"] + 1
    # polling starts with deleteWebhook; a graceful stop confirms the fetched updates
    assert fake.calls[0].method == "getMe"
    assert fake.calls_of("deleteWebhook")
    assert fake.pending_updates == []


async def test_sent_message_round_trips_through_de_json(fake: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Oui", callback_data="yes")]])
    async with bot_for(fake) as bot:
        first = await bot.send_message(USER, "Prêt ?", reply_markup=keyboard)
        second = await bot.send_message(USER, "42", reply_to_message_id=first.message_id)

    assert first.chat.id == USER and first.chat.type == "private"
    assert first.from_user.is_bot and first.text == "Prêt ?"
    assert first.reply_markup == keyboard
    assert isinstance(first.date, dtm.datetime)
    assert second.message_id == first.message_id + 1
    assert second.reply_to_message.message_id == first.message_id
    # form values are JSON-decoded, but free text stays a string
    params = fake.sent_messages(USER)[0]
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "Oui", "callback_data": "yes"}]]}
    assert fake.sent_messages(USER)[1]["text"] == "42"


async def test_callback_query_is_answered_and_message_edited(fake: FakeBotAPI) -> None:
    app = build_app(fake)

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("Noté")
        await update.callback_query.edit_message_text(f"Choix : {update.callback_query.data}")

    app.add_handler(CallbackQueryHandler(on_button))
    async with polling(app):
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="pick:a")]])
        await app.bot.send_message(USER, "Choisis", reply_markup=keyboard)
        update = callback_query(USER, "pick:a", message=fake.last_message(USER))
        fake.push(update)
        assert await fake.await_for(lambda: fake.calls_of("editMessageText"))

    (answer,) = fake.calls_of("answerCallbackQuery")
    assert answer.ok and answer.params == {
        "callback_query_id": update["callback_query"]["id"],
        "text": "Noté",
    }
    (edit,) = fake.calls_of("editMessageText")
    assert edit.ok
    assert edit.params["message_id"] == update["callback_query"]["message"]["message_id"]
    (shown,) = fake.chat_history(USER)
    assert shown["text"] == "Choix : pick:a"
    assert "reply_markup" not in shown  # editing without reply_markup removes the keyboard
    assert "edit_date" in shown


async def test_multipart_uploads_are_recorded_with_their_bytes(fake: FakeBotAPI) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\r\n--boundary-lookalike\r\n\xff"
    async with bot_for(fake) as bot:
        photo = await bot.send_photo(USER, photo=png, caption="Légende", filename="carte.png")
        document = await bot.send_document(USER, InputFile(b"a;b\r\n1;2\r\n", filename="notes.csv"))
        downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()

    (call,) = fake.calls_of("sendPhoto")
    upload = call.files["photo"]
    assert upload.data == png
    assert upload.filename == "carte.png"
    assert upload.content_type == "image/png"
    assert call.params["chat_id"] == USER and call.params["caption"] == "Légende"
    assert photo.caption == "Légende" and photo.photo[-1].file_size == len(png)
    assert fake.calls_of("sendDocument")[0].files["document"].filename == "notes.csv"
    assert document.document.file_name == "notes.csv"
    assert bytes(downloaded) == b"a;b\r\n1;2\r\n"


async def test_handlers_receive_every_builder_update(fake: FakeBotAPI) -> None:
    app = build_app(fake)
    seen: list[Update] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update)

    app.add_handler(MessageHandler(filters.ALL, record))
    builders = [
        sticker_message(USER),
        photo_message(USER, caption="vue"),
        voice_message(USER),
        edited_text_message(USER, "corrigé", message_id=1),
        group_text_message(USER, -1001234, "salut le groupe"),
    ]
    async with polling(app):
        for update in builders:
            fake.push(update)
        assert await fake.await_for(lambda: len(seen) == len(builders))

    sticker, photo, voice, edited, group = seen
    assert sticker.message.sticker.emoji == "👍"
    assert photo.message.photo[-1].width == 1280 and photo.message.caption == "vue"
    assert voice.message.voice.file_id == "VOICE_1" and voice.message.voice.mime_type == "audio/ogg"
    assert edited.edited_message.text == "corrigé" and edited.edited_message.edit_date
    assert group.message.chat.type == "supergroup" and group.message.chat.id == -1001234
    assert [u.update_id for u in seen] == sorted(u["update_id"] for u in builders)


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

    statuses = [c.status for c in fake.calls_of("sendMessage")]
    assert statuses == [429, 403, 400, 400, 200]
    assert fake.calls_of("sendMessage")[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert fake.sent_texts(USER) == ["enfin"]


async def test_blocked_user_gets_forbidden(fake: FakeBotAPI) -> None:
    fake.block(USER)
    async with bot_for(fake) as bot:
        with pytest.raises(Forbidden):
            await bot.send_chat_action(USER, "typing")
        fake.unblock(USER)
        assert await bot.send_chat_action(USER, "typing") is True


async def test_invalid_token_makes_initialize_raise() -> None:
    with FakeBotAPI(invalid_token="999:REVOKED") as fake:
        app = build_app(fake, token="999:REVOKED")
        with pytest.raises(InvalidToken):
            await app.initialize()
        assert fake.calls[0].status == 401
        assert fake.calls[0].response == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        # Malformed tokens get Telegram's 404, which python-telegram-bot also maps to InvalidToken.
        with pytest.raises(InvalidToken):
            await build_app(fake, token="not-a-token").initialize()


async def test_telegram_side_validation(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        message = await bot.send_message(USER, "<b>Gras</b> &amp; net", parse_mode=ParseMode.HTML)
        assert message.text == "Gras & net"
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(USER, "<b>oups", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)unsupported start tag"):
            await bot.send_message(USER, "<div>bloc</div>", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)can't find end of the tag"):
            await bot.send_message(USER, "1 < 2", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)reserved"):
            await bot.send_message(USER, "Fin.", parse_mode=ParseMode.MARKDOWN_V2)
        await bot.send_message(USER, r"*Fin*\. `a.b` [x](http://e.x/a.b)", parse_mode=ParseMode.MARKDOWN_V2)
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(USER, "x" * 4097)
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            too_long = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="x" * 65)]])
            await bot.send_message(USER, "clavier", reply_markup=too_long)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("Gras & net", chat_id=USER, message_id=message.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("?", chat_id=USER, message_id=9999)
        assert await bot.delete_message(USER, message.message_id)
        with pytest.raises(BadRequest, match="(?i)message to delete not found"):
            await bot.delete_message(USER, message.message_id)
        with pytest.raises(BadRequest, match="(?i)query id is invalid"):
            await bot.answer_callback_query("unknown")


async def test_commands_and_webhook_info(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        assert await bot.set_my_commands([("start", "Commencer"), ("aide", "Aide")])
        assert await bot.set_my_commands([("start", "Start")], language_code="en")
        assert [c.command for c in await bot.get_my_commands()] == ["start", "aide"]
        assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
        with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
            await bot.set_my_commands([("Start", "majuscule interdite")])
        assert await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
        assert await bot.close() and await bot.log_out()

        fake.push(text_message(USER, "en attente"))
        assert (await bot.get_webhook_info()).pending_update_count == 1
        assert await bot.set_webhook("https://example.invalid/hook", secret_token="s3cret")
        info = await bot.get_webhook_info()
        assert info.url == "https://example.invalid/hook"
        with pytest.raises(Conflict, match="(?i)webhook is active"):
            await bot.get_updates()
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.get_updates() == ()

    async with httpx.AsyncClient() as client:
        response = await client.post(f"{fake.base_url}{TOKEN}/noSuchMethod", json={})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


# --------------------------------------------------------------------------- getUpdates semantics


async def test_long_polling_returns_as_soon_as_an_update_arrives() -> None:
    with FakeBotAPI(max_poll_timeout=5) as fake:
        async with bot_for(fake) as bot:
            started = time.monotonic()
            assert await bot.get_updates(timeout=0) == ()
            assert time.monotonic() - started < 0.5

            poll = asyncio.create_task(bot.get_updates(timeout=5))
            await asyncio.sleep(0.3)
            fake.push(text_message(USER, "réveil"))
            updates = await asyncio.wait_for(poll, timeout=2)
            assert time.monotonic() - started < 1.5
            assert [u.message.text for u in updates] == ["réveil"]

        # Same through an Application with a long polling timeout.
        async with polling(echo_app(fake), poll_timeout=5):
            await asyncio.sleep(0.3)  # the updater is now inside a long poll
            pushed = time.monotonic()
            fake.push(text_message(USER, "vite"))
            assert await fake.await_for(lambda: "vite" in fake.sent_texts(USER), timeout=3)
            assert time.monotonic() - pushed < 1.0


async def test_get_updates_offset_limit_and_confirmation(fake: FakeBotAPI) -> None:
    first = fake.push(text_message(USER, "un"))
    second = fake.push(text_message(USER, "deux"))
    async with bot_for(fake) as bot:
        assert [u.update_id for u in await bot.get_updates(limit=1)] == [first]
        # Not confirmed yet: delivered again.
        assert [u.update_id for u in await bot.get_updates()] == [first, second]
        assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
        assert await bot.get_updates(offset=second + 1) == ()
        assert await bot.get_updates() == ()  # confirmed updates are gone for good

        ids = [fake.push(text_message(USER, str(n))) for n in range(3)]
        assert [u.update_id for u in await bot.get_updates(offset=-1)] == [ids[-1]]
        assert [u.update_id for u in await bot.get_updates()] == [ids[-1]]

    params = fake.calls_of("getUpdates")[0].params
    assert params == {"limit": 1}  # PTB omits None parameters (timeout)


async def test_update_fetched_but_not_confirmed_is_redelivered_after_restart(fake: FakeBotAPI) -> None:
    update_id = fake.push(text_message(USER, "avant le crash"))
    async with bot_for(fake) as crashed:
        # A bot that fetched the update and died before its next getUpdates.
        assert [u.update_id for u in await crashed.get_updates()] == [update_id]

    seen: list[Update] = []
    async with polling(echo_app(fake, seen)):
        assert await fake.await_for(lambda: seen)
    assert [u.update_id for u in seen] == [update_id]
    assert fake.sent_texts(USER) == ["avant le crash"]


async def test_graceful_restart_does_not_redeliver(fake: FakeBotAPI) -> None:
    seen: list[Update] = []
    async with polling(echo_app(fake, seen)):
        fake.push(text_message(USER, "une fois"))
        assert await fake.await_for(lambda: seen)
    async with polling(echo_app(fake, seen)):
        fake.push(text_message(USER, "deux fois"))
        assert await fake.await_for(lambda: len(seen) >= 2)
        await asyncio.sleep(0.2)
    assert [u.message.text for u in seen] == ["une fois", "deux fois"]


async def test_pushing_the_same_update_twice_delivers_it_twice(fake: FakeBotAPI) -> None:
    seen: list[Update] = []
    duplicate = text_message(USER, "doublon")
    async with polling(echo_app(fake, seen)):
        fake.push(duplicate)
        assert await fake.await_for(lambda: len(seen) == 1)
        await asyncio.sleep(0.1)  # let the bot confirm it
        assert fake.push(duplicate) == duplicate["update_id"]
        assert await fake.await_for(lambda: len(seen) == 2)
    assert seen[0].update_id == seen[1].update_id


async def test_concurrent_get_updates_conflict(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as first, bot_for(fake) as second:
        older = asyncio.create_task(first.get_updates(timeout=1))
        await asyncio.sleep(0.2)
        newer = asyncio.create_task(second.get_updates(timeout=1))
        with pytest.raises(Conflict, match="(?i)terminated by other getupdates request"):
            await older
        assert await newer == ()


# --------------------------------------------------------------------------- raw HTTP & sync helpers


def test_raw_requests_json_form_and_get() -> None:
    with FakeBotAPI() as fake:
        fake.push(text_message(USER, "brut"))

        def call(method: str, data: bytes | None = None, content_type: str | None = None) -> dict:
            request = urllib.request.Request(f"{fake.base_url}{TOKEN}/{method}", data=data)
            if content_type:
                request.add_header("Content-Type", content_type)
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.loads(response.read())

        assert call("GETME")["result"]["username"] == "oser_test_bot"
        body = json.dumps({"chat_id": USER, "text": "true"}).encode()
        assert call("sendMessage", body, "application/json")["result"]["text"] == "true"
        form = b"chat_id=42&text=%5B1%5D&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D"
        call("sendmessage", form, "application/x-www-form-urlencoded")
        assert call("getUpdates?timeout=0")["result"][0]["message"]["text"] == "brut"

        assert fake.wait_for(lambda calls: len(calls) == 4, timeout=1)
        assert not fake.wait_for(lambda: len(fake.calls) > 4, timeout=0.05)
        assert fake.wait_for(fake.sent_messages, timeout=0)  # optional arguments are not given calls
        assert [m["text"] for m in fake.sent_messages(USER)] == ["true", "[1]"]
        assert fake.sent_messages(USER)[1]["reply_markup"] == {"inline_keyboard": []}
        assert [c.method for c in fake.calls] == ["getMe", "sendMessage", "sendMessage", "getUpdates"]
        assert fake.calls[3].http_method == "GET"


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
            assert fake.webhook["url"] == url and fake.webhook["secret_token"] == "s3cret"
            fake.push(text_message(USER, "par webhook"))
            assert await asyncio.to_thread(fake.deliver_to_webhook) == [200]
            assert fake.pending_updates == []
            status = await asyncio.to_thread(post_webhook, url, text_message(USER, "intrus"), "wrong")
            assert status == 403
            status = await asyncio.to_thread(fake.post_webhook, url, text_message(USER, "direct"), "s3cret")
            assert status == 200
            assert await fake.await_for(lambda: len(fake.sent_messages(USER)) == 2)
        finally:
            await app.updater.stop()
            await app.stop()
    assert fake.sent_texts(USER) == ["par webhook", "direct"]
