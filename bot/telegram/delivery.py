"""Exactly-once handling of updates and at-least-once delivery of replies (the outbox).

Each handler runs inside `transactional`: one database session per update. The handler's changes,
the record that the update was handled, and the replies to send are committed together; only then
are the replies sent. A redelivered update (same update_id) is not handled again: its replies that
were not sent yet are sent. Replies left unsent by a crash are sent by `flush_unsent` at start and
by a periodic job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import wraps

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.i18n import pick_language, translator
from bot.store.models import Outbox, ProcessedUpdate, User, utcnow
from bot.telegram.context import OserContext

log = logging.getLogger(__name__)

Handler = Callable[[Update, OserContext], Awaitable[None]]


def _markup(payload: dict) -> InlineKeyboardMarkup | None:
    rows = payload.get("buttons")
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


async def _send(bot, row: Outbox) -> None:
    payload = row.payload
    if payload.get("edit_message_id") is not None:
        try:
            await bot.edit_message_text(
                chat_id=row.chat_id,
                message_id=payload["edit_message_id"],
                text=payload["text"],
                reply_markup=_markup(payload),
            )
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            # The message is too old or gone: send the content as a new message instead.
    await bot.send_message(chat_id=row.chat_id, text=payload["text"], reply_markup=_markup(payload))


# Outbox rows being sent by this process: the retry job never sends one twice at the same time.
_sending: set[int] = set()


async def _claim(session, row_id: int) -> bool:
    """Whether this process may send the row now: unsent, and (PostgreSQL) not being sent by another
    instance; the row lock is held until the transaction ends, right after the send."""
    query = select(Outbox.id).where(Outbox.id == row_id, Outbox.sent_at.is_(None))
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return await session.scalar(query) is not None


async def deliver(bot, sessions, rows: list[Outbox]) -> bool:
    """Send rows in order, marking each sent; stop at the first transient failure (kept for retry)."""
    for row in rows:
        if row.id in _sending:
            return False  # already on its way from another task; keep this chat's order
        _sending.add(row.id)
        try:
            async with sessions() as session:
                if not await _claim(session, row.id):
                    continue
                if session.bind.dialect.name != "postgresql":
                    # SQLite: end the read transaction before the network call (one instance only).
                    await session.commit()
                try:
                    await _send(bot, row)
                except Forbidden:
                    log.info("chat %s blocked the bot; reply dropped", row.chat_id)
                    await session.execute(
                        update(User)
                        .where(User.chat_id == row.chat_id, User.blocked_at.is_(None))
                        .values(blocked_at=utcnow())
                    )
                except BadRequest as exc:
                    log.warning("reply %s refused by Telegram (%s); dropped", row.id, exc.message)
                except (RetryAfter, NetworkError) as exc:
                    log.warning("reply %s not sent yet (%s); will retry", row.id, type(exc).__name__)
                    await session.rollback()
                    return False
                await session.execute(update(Outbox).where(Outbox.id == row.id).values(sent_at=utcnow()))
                await session.commit()
        finally:
            _sending.discard(row.id)
    return True


async def flush_unsent(bot, sessions, *, update_id: int | None = None, older_than: float = 0.0) -> int:
    """Send replies committed but not sent (after a crash, a network error, or for a redelivered update)."""
    query = select(Outbox).where(Outbox.sent_at.is_(None)).order_by(Outbox.id)
    if update_id is not None:
        query = query.where(Outbox.update_id == update_id)
    if older_than:
        query = query.where(Outbox.created_at < utcnow() - timedelta(seconds=older_than))
    async with sessions() as session:
        rows = list(await session.scalars(query.limit(500)))
    by_chat: dict[int, list[Outbox]] = {}
    for row in rows:
        by_chat.setdefault(row.chat_id, []).append(row)
    for chat_rows in by_chat.values():
        await deliver(bot, sessions, chat_rows)
    return len(rows)


async def _load_user(context: OserContext, update: Update) -> None:
    tg_user = update.effective_user
    chat = update.effective_chat
    rt = context.runtime
    if tg_user is None or chat is None or chat.type != "private":
        context._ = translator(
            pick_language(tg_user.language_code if tg_user else None, rt.settings.default_locale)
        )
        return
    user = await context.db.get(User, tg_user.id)
    telegram_lang = pick_language(tg_user.language_code, rt.settings.default_locale)
    if user is None:
        user = User(
            id=tg_user.id,
            chat_id=chat.id,
            first_name=tg_user.first_name or "",
            language=telegram_lang,
            settings={},
        )
        context.db.add(user)
    elif not user.language_chosen and user.language != telegram_lang:
        user.language = telegram_lang
    if user.blocked_at is not None:
        user.blocked_at = None  # they write to us again: they unblocked the bot
    context.user = user
    context._ = translator(user.language)


def transactional(func: Handler) -> Handler:
    """Run a handler once per update, commit its changes with its replies, then send them."""

    @wraps(func)
    async def wrapper(update: Update, context: OserContext) -> None:
        rt = context.runtime
        started = time.perf_counter()
        chat = update.effective_chat
        async with rt.sessions() as session:
            if await session.get(ProcessedUpdate, update.update_id) is not None:
                log.info("update %s already handled; resending what was not sent", update.update_id)
                await flush_unsent(context.bot, rt.sessions, update_id=update.update_id)
                return
            context.db = session
            context.replies = []
            await _load_user(context, update)
            await func(update, context)
            user_id = (
                context.user.id
                if context.user
                else (update.effective_user.id if update.effective_user else None)
            )
            session.add(ProcessedUpdate(update_id=update.update_id, user_id=user_id))
            rows = []
            if chat is not None:
                rows = [
                    Outbox(
                        update_id=update.update_id,
                        user_id=user_id,
                        chat_id=chat.id,
                        payload=reply.to_payload(),
                    )
                    for reply in context.replies
                ]
            session.add_all(rows)
            try:
                await session.commit()
            except IntegrityError:
                # Another worker handled the same update at the same moment.
                await session.rollback()
                log.info("update %s handled concurrently elsewhere", update.update_id)
                return
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(context.callback_answer)
            except TelegramError as exc:
                log.debug("callback answer failed: %s", exc)
        await deliver(context.bot, rt.sessions, rows)
        log.debug(
            "update %s: %s in %.1f ms",
            update.update_id,
            func.__name__,
            (time.perf_counter() - started) * 1000,
        )

    return wrapper
