"""Exactly-once handling of updates and at-least-once delivery of replies (the outbox).

Each handler runs inside `transactional`: one database session per update. The handler's changes,
the record that the update was handled, and the replies to send are committed together; only then
are the replies sent. A redelivered update (same update_id) is not handled again: its replies that
were not sent yet are sent. Replies left unsent by a crash are sent by `flush_unsent` at start and
by a periodic job.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from sqlalchemy import JSON, DateTime, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # not exported; PTB is pinned to 22

from bot.i18n import pick_language, translator
from bot.store.batch import batcher_for
from bot.store.models import Outbox, Rehearsal, User, utcnow
from bot.store.raw import Raw, Sql, columns_sql, loaded, raw
from bot.store.users import record_blocked
from bot.telegram.context import OserContext

log = logging.getLogger(__name__)

Handler = Callable[[Update, OserContext], Awaitable[None]]


def _keyboard(payload: dict) -> dict | None:
    """The reply's buttons as the Bot API's JSON `reply_markup`."""
    rows = payload.get("buttons")
    if not rows:
        return None
    return {
        "inline_keyboard": [[{"text": text, "callback_data": data} for text, data in row] for row in rows]
    }


# Telegram's limit on a message's text, counted in UTF-16 code units.
MAX_MESSAGE = 4096


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """The text in parts Telegram accepts, each cut at a line break (else at a space, else anywhere)."""
    parts: list[str] = []
    while _units(text) > limit:
        # The longest prefix within the limit (characters outside the BMP count twice).
        end, units = 0, 0
        for char in text:
            units += 2 if ord(char) > 0xFFFF else 1
            if units > limit:
                break
            end += 1
        window = text[:end]
        cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = end
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n ")
    if text or not parts:
        parts.append(text)
    return [p for p in parts if p] or [text]


def payloads(reply) -> list[dict]:
    """A queued reply as one outbox payload per message: a long text becomes several messages (an
    edit edits the first, the rest are sent), the buttons go under the last one."""
    payload = reply.to_payload()
    texts = split_text(payload["text"])
    if len(texts) == 1:
        return [payload]
    parts = [{"text": t} for t in texts]
    if "edit_message_id" in payload:
        parts[0]["edit_message_id"] = payload["edit_message_id"]
    if "buttons" in payload:
        parts[-1]["buttons"] = payload["buttons"]
    return parts


@dataclass(slots=True)
class Pending:
    """A reply committed to the outbox and claimed by this process: what `deliver` needs."""

    id: int
    chat_id: int
    payload: dict


async def _api(bot, endpoint: str, params: dict) -> None:
    """One Bot API call with parameters that are JSON already, through the bot's rate limiter and
    its request object: the same retries, timeouts and errors (BadRequest, Forbidden, RetryAfter…)
    as `bot.send_message`, without building python-telegram-bot objects for the message, its
    keyboard or Telegram's answer, which nothing reads (bench_cpu: 11-18% less CPU per reply)."""
    data = RequestData([RequestParameter(name, value, None) for name, value in params.items()])

    async def call() -> None:
        await bot.request.post(f"{bot.base_url}/{endpoint}", request_data=data)

    limiter = bot.rate_limiter
    if limiter is None:
        await call()
    else:
        await limiter.process_request(call, (), {}, endpoint, params, None)


async def _send(bot, row: Pending) -> None:
    payload = row.payload
    params = {"chat_id": row.chat_id, "text": payload["text"]}
    keyboard = _keyboard(payload)
    if keyboard is not None:
        params["reply_markup"] = keyboard
    if payload.get("edit_message_id") is not None:
        try:
            await _api(bot, "editMessageText", {**params, "message_id": payload["edit_message_id"]})
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            # The message is too old or gone: send the content as a new message instead.
    await _api(bot, "sendMessage", params)


# How long a claim keeps other senders (the retry job, other instances) off a reply: longer than a
# send with its retries, and than the wait for its "sent" mark through a database outage, so that a
# reply is not sent twice. A process that restarts releases its own claims at once.
CLAIM_SECONDS = 60
_TIMESTAMP = DateTime(timezone=True)


_MARK_SENT = Sql(
    "UPDATE outbox SET sent_at = ? WHERE id IN (SELECT value FROM json_each(?))",
    postgresql="UPDATE outbox SET sent_at = ? WHERE id = ANY(?::integer[])",
    params=(_TIMESTAMP, None),
)
_MARK_HANDLED = Sql(
    "UPDATE inbound_updates SET handled_at = ? "
    "WHERE update_id IN (SELECT value FROM json_each(?)) AND handled_at IS NULL",
    postgresql="UPDATE inbound_updates SET handled_at = ? WHERE update_id = ANY(?::bigint[]) AND handled_at IS NULL",
    params=(_TIMESTAMP, None),
)


def _id_list(db: Raw, ids: list[int]):
    return ids if db.dialect.name == "postgresql" else json.dumps(ids)


async def _apply_marks(session, items: list[tuple[str, int]]) -> None:
    db = await raw(session)
    sent = [value for kind, value in items if kind == "sent"]
    handled = [value for kind, value in items if kind == "handled"]
    if sent:
        await db.run(_MARK_SENT, utcnow(), _id_list(db, sent))
    if handled:
        await db.run(_MARK_HANDLED, utcnow(), _id_list(db, handled))


async def _mark_sent(sessions, row_id: int) -> None:
    """Record a reply as sent; concurrent senders share one commit (each waits for it)."""
    await batcher_for(sessions, _apply_marks).submit(("sent", row_id))


async def mark_handled(sessions, update_id: int) -> None:
    """Record a stored update as handled, so a restart does not queue it again (it shares commits
    with the sent marks). Handling itself is exactly-once on its own (processed_updates, in the
    handler's transaction): a mark lost in a crash only means the update is looked at again and
    skipped."""
    await batcher_for(sessions, _apply_marks).submit(("handled", update_id))


# When this task last had a reply accepted by Telegram (perf_counter): the end of an update's
# latency, read by the processor's log line (the "sent" marks are committed after it).
reply_sent_at: ContextVar[float | None] = ContextVar("reply_sent_at", default=None)


async def deliver(bot, sessions, rows: list[Pending], faults: list[Exception] | None = None) -> bool:
    """Send rows this process has claimed, in order, marking each sent as soon as Telegram accepted it
    (so a crash repeats at most the message in flight); stop at the first transient failure, leaving
    the rest to the retry job once the claim expires. No database connection is held while sending."""
    for index, row in enumerate(rows):
        try:
            await _send(bot, row)
        except Forbidden:
            log.info("chat %s blocked the bot; reply dropped", row.chat_id)
            await record_blocked(sessions, row.chat_id, utcnow())
        except BadRequest as exc:
            log.warning("reply %s refused by Telegram (%s); dropped", row.id, exc.message)
        except (RetryAfter, NetworkError) as exc:
            if faults is None:
                log.warning("reply %s not sent yet (%s); will retry", row.id, type(exc).__name__)
            else:  # the sender's Loop logs it, once per outage
                faults.append(exc)
            # Give up the claims at once, so the retry job (or a redelivery) can send them soon.
            async with sessions() as session:
                await session.execute(
                    update(Outbox)
                    .where(Outbox.id.in_([r.id for r in rows[index:]]))
                    .values(claimed_until=None)
                )
                await session.commit()
            return False
        reply_sent_at.set(time.perf_counter())
        await _mark_sent_surely(sessions, row.id)
    return True


async def _mark_sent_surely(sessions, row_id: int) -> None:
    """Record a reply Telegram accepted as sent, waiting out a database fault for a while: a mark
    that is lost means the reply is sent again."""
    for delay in MARK_RETRIES:
        try:
            await _mark_sent(sessions, row_id)
            return
        except _TRANSIENT:
            await asyncio.sleep(delay)
    await _mark_sent(sessions, row_id)


# Seconds between attempts to record a reply as sent while the database fails: often (the mark
# should land as soon as the database is back), for about 40 s in all, within the claim.
MARK_RETRIES = (0.2, 0.5, *[1.0] * 40)


async def _claim(sessions, row_id: int) -> bool:
    """Claim an unsent row whose previous claim expired; True if this process may send it now."""
    now = utcnow()
    async with sessions() as session:
        result = await session.execute(
            update(Outbox)
            .where(
                Outbox.id == row_id,
                Outbox.sent_at.is_(None),
                (Outbox.claimed_until.is_(None)) | (Outbox.claimed_until < now),
            )
            .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        )
        await session.commit()
    return result.rowcount == 1


async def flush_unsent(
    bot, sessions, *, update_id: int | None = None, chat_id: int | None = None, strict: bool = False
) -> int:
    """Send replies committed but not sent (after a crash, a network error, or for a redelivered
    update) whose claim has expired; each is claimed first, so two instances never both send it.
    `strict` (the sender job): a round that could not send because of Telegram raises its error."""
    faults: list[Exception] = [] if strict else None
    # Rows still claimed by another process are read too: they hold their chat's later rows back,
    # so that a chat's replies arrive in the order they were decided.
    query = select(Outbox).where(Outbox.sent_at.is_(None)).order_by(Outbox.id)
    if update_id is not None:
        query = query.where(Outbox.update_id == update_id)
    if chat_id is not None:
        query = query.where(Outbox.chat_id == chat_id)
    async with sessions() as session:
        rows = list(await session.scalars(query.limit(500)))
    by_chat: dict[int, list[Outbox]] = {}
    for row in rows:
        by_chat.setdefault(row.chat_id, []).append(row)
    sent = 0
    for chat_rows in by_chat.values():
        for row in chat_rows:
            if not await _claim(sessions, row.id):
                break  # being sent by another process, or claimed by one that died: wait for it
            if not await deliver(bot, sessions, [Pending(row.id, row.chat_id, row.payload)], faults):
                # Telegram failed (after the limiter's retries): the rest waits for the next round,
                # rather than each chat waiting out the same timeouts.
                if faults:
                    raise faults[-1]
                return sent
            sent += 1
    if faults:
        raise faults[-1]
    return sent


# A claim made this long ago (or more) by a process that is no longer running is released at start:
# the reply was being sent when the process died (a live one sends within a second or two).
STALE_CLAIM_SECONDS = 2


async def release_stale_claims(sessions) -> int:
    """At start: give up the claims that a process which died while sending left behind, so that
    those replies go out now, before anything newer for their chats (not after CLAIM_SECONDS)."""
    made_before = utcnow() + timedelta(seconds=CLAIM_SECONDS - STALE_CLAIM_SECONDS)
    async with sessions() as session:
        result = await session.execute(
            update(Outbox)
            .where(Outbox.sent_at.is_(None), Outbox.claimed_until.is_not(None))
            .where(Outbox.claimed_until < made_before)
            .values(claimed_until=None)
        )
        await session.commit()
    return result.rowcount


_USER_WIDTH = len(User.__table__.columns)
_LOAD_USER = Sql(
    f"SELECT {columns_sql(User.__table__, 'u')}, {columns_sql(Rehearsal.__table__, 'r')} FROM users u "
    "LEFT JOIN rehearsals r ON r.user_id = u.id AND r.status = 'active' WHERE u.id = ?",
    results=[c.type for c in (*User.__table__.columns, *Rehearsal.__table__.columns)],
)


async def _load_user(context: OserContext, update: Update) -> None:
    tg_user = update.effective_user
    chat = update.effective_chat
    rt = context.runtime
    if tg_user is None or chat is None or chat.type != "private":
        context._ = translator(
            pick_language(tg_user.language_code if tg_user else None, rt.settings.default_locale)
        )
        return
    # One query for the user and their rehearsal in progress, which most messages need next.
    row = await (await raw(context.db)).one(_LOAD_USER, tg_user.id)
    user = context.active = None
    if row is not None:
        user = loaded(context.db, User, row[:_USER_WIDTH])
        if row[_USER_WIDTH] is not None:
            context.active = loaded(context.db, Rehearsal, row[_USER_WIDTH:])
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


# Database errors worth trying again: the connection dropped, a lock timed out, a conflict.
_TRANSIENT = (OperationalError, DBAPIError, TimeoutError, ConnectionError)
ATTEMPTS = 3


def transactional(func: Handler) -> Handler:
    """Run a handler once per update, commit its changes with its replies, then send them.

    One transaction holds the handler's changes, the record that the update was handled, and the
    replies (claimed by this process). On PostgreSQL it first takes a per-chat advisory lock, so
    updates of one chat never run at the same time on two instances. Transient database errors are
    retried a few times before the error handler tells the user.
    """

    @wraps(func)
    async def wrapper(update: Update, context: OserContext) -> None:
        rt = context.runtime
        started = time.perf_counter()
        for attempt in range(1, ATTEMPTS + 1):
            try:
                done = await _run_once(func, update, context)
                break
            except _TRANSIENT as exc:
                if attempt == ATTEMPTS:
                    raise
                log.debug(
                    "update %s: database error (%s); retry %d", update.update_id, type(exc).__name__, attempt
                )
                await asyncio.sleep(0.2 * attempt)
        if done is None:  # already handled: send what may not have been sent
            await flush_unsent(context.bot, rt.sessions, update_id=update.update_id)
            return
        rows, behind = done
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(context.callback_answer)
            except TelegramError as exc:
                log.debug("callback answer failed: %s", exc)
        if behind:  # older replies of this chat are not sent yet: they go first
            await flush_unsent(context.bot, rt.sessions, chat_id=rows[0].chat_id)
        else:
            await deliver(context.bot, rt.sessions, rows)
        log.debug(
            "update %s: %s in %.1f ms",
            update.update_id,
            func.__name__,
            (time.perf_counter() - started) * 1000,
        )

    return wrapper


_CLAIM = Sql(
    "INSERT INTO processed_updates (update_id, user_id, at) VALUES (?, ?, ?) "
    "ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
    params=(None, None, _TIMESTAMP),
)
# PostgreSQL: the per-chat advisory lock and the claim of the update in one round trip. The lock is
# taken first (the CTE is scanned before the insert), and held until the transaction ends, so two
# instances never handle two updates of one chat at the same time.
_PG_LOCK_AND_CLAIM = Sql(
    "WITH chat_lock AS (SELECT pg_advisory_xact_lock(?::bigint)) "
    "INSERT INTO processed_updates (update_id, user_id, at) "
    "SELECT ?::bigint, ?::bigint, ?::timestamptz FROM chat_lock "
    "ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
    params=(None, None, None, _TIMESTAMP),
)


async def _claim_update(session, update_id: int, user_id: int | None, chat_id: int | None) -> bool:
    """Record the update as handled, as the first statement of the handler's transaction; False when
    it was handled before (a redelivery). Two instances racing on one update: the second waits for
    the first's commit, then finds the row and stops."""
    db = await raw(session)
    if db.dialect.name == "postgresql" and chat_id is not None:
        return await db.value(_PG_LOCK_AND_CLAIM, chat_id, update_id, user_id, utcnow()) is not None
    return await db.value(_CLAIM, update_id, user_id, utcnow()) is not None


_QUEUE_REPLY = Sql(
    "INSERT INTO outbox (update_id, user_id, chat_id, payload, claimed_until, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    params=(None, None, None, JSON(), _TIMESTAMP, _TIMESTAMP),
)


_OLDER_UNSENT = Sql("SELECT id FROM outbox WHERE user_id = ? AND chat_id = ? AND sent_at IS NULL LIMIT 1")


async def _run_once(func: Handler, update: Update, context: OserContext) -> tuple[list[Pending], bool] | None:
    """One attempt: the replies to send, and whether older replies of the chat wait to be sent
    (the new ones are then queued unclaimed, behind them); None when the update was handled before."""
    rt = context.runtime
    chat = update.effective_chat
    tg_user = update.effective_user
    async with rt.sessions() as session:
        user_id = tg_user.id if tg_user else None
        if not await _claim_update(session, update.update_id, user_id, chat.id if chat else None):
            return None
        context.db = session
        context.replies = []
        context.callback_answer = None
        await _load_user(context, update)
        await func(update, context)
        rows: list[Pending] = []
        behind = False
        if chat is not None and context.replies:
            db = await raw(session)
            now = utcnow()
            behind = await db.value(_OLDER_UNSENT, user_id, chat.id) is not None
            claimed_until = None if behind else now + timedelta(seconds=CLAIM_SECONDS)
            for reply in context.replies:
                for payload in payloads(reply):
                    row_id = await db.value(
                        _QUEUE_REPLY, update.update_id, user_id, chat.id, payload, claimed_until, now
                    )
                    rows.append(Pending(row_id, chat.id, payload))
        # A conflict here (IntegrityError, a DBAPIError) means the data changed under this attempt:
        # `transactional` runs the handler again on the new state. A redelivered update never
        # gets this far: its claim above found the row.
        await session.commit()
        return rows, behind
