"""Exactly-once handling of updates, and the one sender of every message (the outbox).

Each handler runs inside `transactional`: one database session per update. The handler's changes,
the record that the update was handled, and the replies to send are committed together; only then
are the replies sent. A redelivered update (same update_id) is not handled again: its replies that
were not sent yet are sent. Replies left unsent by a crash are sent by `flush_unsent` at start and
by a periodic job.

Scheduled messages (daily challenges, contact nudges) are queued by the features' schedulers in the
transaction that decides them (`bot.store.outbox.queue`) and sent by `send_scheduled`, at the rate
all workers share, then recorded by the feature (`Recorder`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any

from sqlalchemy import BigInteger, DateTime, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.i18n import pick_language, translator
from bot.store.batch import batcher_for
from bot.store.db import insert_new
from bot.store.models import InboundUpdate, Outbox, ProcessedUpdate, Rehearsal, User, utcnow
from bot.store.outbox import RateClock
from bot.store.users import mark_blocked, record_blocked
from bot.telegram.context import OserContext
from bot.telegram.ratelimit import retry_after_seconds

log = logging.getLogger(__name__)

Handler = Callable[[Update, OserContext], Coroutine[Any, Any, None]]


def _keyboard(payload: dict) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard."""
    rows = payload.get("buttons")
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


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


async def _send(bot, row: Pending) -> int | None:
    """Send one row; the id of the message sent (None for an edit)."""
    payload = row.payload
    keyboard = _keyboard(payload)
    if payload.get("edit_message_id") is not None:
        try:
            await bot.edit_message_text(
                payload["text"],
                chat_id=row.chat_id,
                message_id=payload["edit_message_id"],
                reply_markup=keyboard,
            )
            return None
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return None
            # The message is too old or gone: send the content as a new message instead.
    return (await bot.send_message(row.chat_id, payload["text"], reply_markup=keyboard)).message_id


# How long a claim keeps other senders (the retry job, other instances) off a reply: longer than a
# send with its retries, and than the wait for its "sent" mark through a database outage, so that a
# reply is not sent twice. A process that restarts releases its own claims at once.
CLAIM_SECONDS = 60
_outbox = Outbox.__table__
_inbound = InboundUpdate.__table__
_processed = ProcessedUpdate.__table__

# The statements every message runs, built once: SQLAlchemy caches their compiled form.
_MARK_SENT = (
    update(_outbox).where(_outbox.c.id.in_(bindparam("ids", expanding=True))).values(sent_at=bindparam("now"))
)
_MARK_HANDLED = (
    update(_inbound)
    .where(_inbound.c.update_id.in_(bindparam("ids", expanding=True)), _inbound.c.handled_at.is_(None))
    .values(handled_at=bindparam("now"))
)


async def _apply_marks(session, items: list[tuple[str, int]]) -> None:
    sent = [value for kind, value in items if kind == "sent"]
    handled = [value for kind, value in items if kind == "handled"]
    if sent:
        await session.execute(_MARK_SENT, {"ids": sent, "now": utcnow()})
    if handled:
        await session.execute(_MARK_HANDLED, {"ids": handled, "now": utcnow()})


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
    faults: list[Exception] | None = [] if strict else None
    # Rows still claimed by another process are read too: they hold their chat's later rows back,
    # so that a chat's replies arrive in the order they were decided.
    query = select(Outbox).where(Outbox.sent_at.is_(None), Outbox.kind.is_(None)).order_by(Outbox.id)
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


# --------------------------------------------------------------------------- scheduled messages

# Records what became of a scheduled row, in the transaction that marks it sent: (connection, kind,
# user id, ref id, outcome: "sent", "blocked" or "dropped", the message's id).
Recorder = Callable[[AsyncConnection, str, int, int, str, int | None], Awaitable[None]]
FLOOD_ATTEMPTS = 5


def _take_statement(postgres: bool):
    ready = (
        select(_outbox.c.id)
        .where(
            _outbox.c.sent_at.is_(None),
            _outbox.c.kind.in_(bindparam("kinds", expanding=True)),
            (_outbox.c.claimed_until.is_(None)) | (_outbox.c.claimed_until < bindparam("now")),
        )
        .order_by(_outbox.c.id)
        .limit(1)
    )
    # PostgreSQL: the row lock is the claim, held until the outcome is committed, and gone with a
    # worker that dies (its row is sent again at once). SQLite: a claim committed before the send.
    ready = ready.with_for_update(skip_locked=True) if postgres else ready
    mark: dict[str, Any] = (
        {"sent_at": bindparam("now")} if postgres else {"claimed_until": bindparam("until")}
    )
    return (
        update(_outbox)
        .where(_outbox.c.id == ready.scalar_subquery())
        .values(**mark)
        .returning(
            _outbox.c.id,
            _outbox.c.user_id,
            _outbox.c.chat_id,
            _outbox.c.payload,
            _outbox.c.kind,
            _outbox.c.ref_id,
        )
    )


_TAKE = {"postgresql": _take_statement(True), "sqlite": _take_statement(False)}


async def send_scheduled(
    bot, sessions, rate: float, recorders: dict[str, Recorder], *, until: Awaitable[Any] | None = None
) -> Counter[tuple[str, str]]:
    """Send the queued scheduled rows of the recorders' kinds, one at a time at `rate` messages per
    second shared by every worker (`RateClock`), until none is left and `until` (the scheduler that
    queues them meanwhile) is done. Each row is claimed, so two workers never send it, and recorded
    as sent with its outcome in one transaction, so a crash repeats at most the message in flight.
    The first network failure stops the round: the next one retries. How many (kind, outcome)."""
    engine = sessions.kw["bind"]
    postgres = engine.dialect.name == "postgresql"
    clock = RateClock(engine, rate)
    await clock.ensure()
    tally: Counter[tuple[str, str]] = Counter()
    producer = asyncio.ensure_future(until) if until is not None else None

    async def take(conn: AsyncConnection) -> tuple[bool, Any]:
        """Whether the scheduler had finished before looking, and the next row, claimed on `conn`."""
        finished = producer is None or producer.done()
        now = utcnow()
        params = {"kinds": list(recorders), "now": now, "until": now + timedelta(seconds=CLAIM_SECONDS)}
        row = (await conn.execute(_TAKE[engine.dialect.name], params)).first()
        if row is None or not postgres:
            await conn.commit()
        return finished, row

    async def release(conn: AsyncConnection, row: Any) -> None:
        await conn.rollback()  # PostgreSQL: the lock goes, and the sent mark with it
        if not postgres and row is not None:
            await conn.execute(update(_outbox).where(_outbox.c.id == row.id).values(claimed_until=None))
            await conn.commit()

    try:
        async with engine.connect() as first, engine.connect() as second:
            conns = [first, second]
            # The next row is taken on the other connection while one is sent: taking sends nothing,
            # so a crash still repeats at most the message in flight.
            ahead = asyncio.ensure_future(take(first))
            try:
                while True:
                    finished, row = await ahead
                    conn = conns[0]
                    if row is None:
                        if producer is None or finished:
                            break
                        await asyncio.wait({producer}, timeout=0.05)
                        ahead = asyncio.ensure_future(take(conn))
                        continue
                    conns.reverse()
                    ahead = asyncio.ensure_future(take(conns[0]))
                    outcome, message_id = await _send_paced(
                        bot, clock, Pending(row.id, row.chat_id, row.payload)
                    )
                    tally[row.kind, outcome] += 1
                    if outcome == "retry":
                        await release(conn, row)
                        await release(conns[0], (await ahead)[1])
                        break
                    if not postgres:
                        await conn.execute(_MARK_SENT, {"ids": [row.id], "now": utcnow()})
                    if outcome == "blocked":
                        await mark_blocked(conn, row.chat_id, utcnow())
                    await recorders[row.kind](conn, row.kind, row.user_id, row.ref_id, outcome, message_id)
                    await conn.commit()
            finally:
                ahead.cancel()
                await asyncio.gather(ahead, return_exceptions=True)
        if producer is not None:
            await producer
    finally:
        await clock.close()
        if producer is not None and not producer.done():
            producer.cancel()
    return tally


async def _send_paced(bot, clock: RateClock, row: Pending) -> tuple[str, int | None]:
    """Send at the clock's next slot: sent, blocked, dropped (refused for good) or retry (later)."""
    for _attempt in range(FLOOD_ATTEMPTS):
        await clock.wait_turn()
        try:
            return "sent", await _send(bot, row)
        except RetryAfter as exc:
            log.warning("Telegram asks to wait %.1f s; every worker waits", retry_after_seconds(exc))
            await clock.hold(retry_after_seconds(exc))
        except Forbidden:
            log.info("chat %s blocked the bot; message %s dropped", row.chat_id, row.id)
            return "blocked", None
        except BadRequest as exc:
            log.warning("message %s refused by Telegram (%s); dropped", row.id, exc.message)
            return "dropped", None
        except TelegramError as exc:  # NetworkError, TimedOut: maybe delivered, maybe not
            log.warning("message %s not sent yet (%s); the next round retries", row.id, type(exc).__name__)
            return "retry", None
    return "retry", None


# Older replies of the chat not sent yet: new ones must wait behind them.
_OLDER_UNSENT = (
    select(_outbox.c.id)
    .where(
        _outbox.c.user_id == bindparam("user_id"),
        _outbox.c.chat_id == bindparam("chat_id"),
        _outbox.c.sent_at.is_(None),
        _outbox.c.kind.is_(None),
    )
    .limit(1)
)
# The user, their rehearsal in progress (which most messages need next) and whether older replies
# wait, in one query.
_LOAD_USER = (
    select(User, Rehearsal, _OLDER_UNSENT.exists())
    .outerjoin(Rehearsal, (Rehearsal.user_id == User.id) & (Rehearsal.status == "active"))
    .where(User.id == bindparam("user_id"))
)


async def _load_user(context: OserContext, update: Update) -> bool | None:
    """Set the context's user (created on first contact), rehearsal and translator; whether older
    replies of the chat wait to be sent (None: not known)."""
    tg_user = update.effective_user
    chat = update.effective_chat
    rt = context.runtime
    if tg_user is None or chat is None or chat.type != "private":
        context._ = translator(
            pick_language(tg_user.language_code if tg_user else None, rt.settings.default_locale)
        )
        return None
    row = (await context.db.execute(_LOAD_USER, {"user_id": tg_user.id, "chat_id": chat.id})).first()
    user, context.active, behind = row if row is not None else (None, None, None)
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
    return behind


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


# Without RETURNING: the rowcount says whether the row is new, and on SQLite each fetch is one more
# trip to aiosqlite's thread.
_CLAIM = insert_new(_processed, "update_id", returning=False)
# PostgreSQL: the per-chat advisory lock and the claim of the update in one round trip. The lock is
# taken first (the CTE is scanned before the insert), and held until the transaction ends, so two
# instances never handle two updates of one chat at the same time.
_chat_lock = select(func.pg_advisory_xact_lock(bindparam("chat_id", type_=BigInteger))).cte("chat_lock")
_PG_LOCK_AND_CLAIM = (
    postgresql.insert(_processed)
    .from_select(
        ["update_id", "user_id", "at"],
        select(
            bindparam("update_id", type_=BigInteger),
            bindparam("user_id", type_=BigInteger),
            bindparam("at", type_=DateTime(timezone=True)),
        ).select_from(_chat_lock),
    )
    .on_conflict_do_nothing(index_elements=["update_id"])
    .returning(_processed.c.update_id)
)


async def _claim_update(session, update_id: int, user_id: int | None, chat_id: int | None) -> bool:
    """Record the update as handled, as the first statement of the handler's transaction; False when
    it was handled before (a redelivery). Two instances racing on one update: the second waits for
    the first's commit, then finds the row and stops."""
    params = {"update_id": update_id, "user_id": user_id, "at": utcnow()}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql" and chat_id is not None:
        return await session.scalar(_PG_LOCK_AND_CLAIM, {**params, "chat_id": chat_id}) is not None
    result = await session.execute(_CLAIM[dialect], params)
    return result.rowcount == 1


# Several rows in one statement. Their ids come back in no promised order, but one statement
# inserts its rows in the order given, each with the next id: sorted, they match the rows.
_QUEUE_REPLIES = insert(_outbox).returning(_outbox.c.id)


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
        behind = await _load_user(context, update)
        await func(update, context)
        rows: list[Pending] = []
        if chat is not None and context.replies:
            now = utcnow()
            if behind is None:
                older = await session.scalar(_OLDER_UNSENT, {"user_id": user_id, "chat_id": chat.id})
                behind = older is not None
            claimed_until = None if behind else now + timedelta(seconds=CLAIM_SECONDS)
            queued: list[dict[str, Any]] = [
                {
                    "update_id": update.update_id,
                    "user_id": user_id,
                    "chat_id": chat.id,
                    "payload": payload,
                    "claimed_until": claimed_until,
                    "created_at": now,
                }
                for reply in context.replies
                for payload in payloads(reply)
            ]
            ids = sorted(await session.scalars(_QUEUE_REPLIES, queued))
            rows = [Pending(row_id, chat.id, q["payload"]) for row_id, q in zip(ids, queued, strict=True)]
        # A conflict here (IntegrityError, a DBAPIError) means the data changed under this attempt:
        # `transactional` runs the handler again on the new state. A redelivered update never
        # gets this far: its claim above found the row.
        await session.commit()
        return rows, bool(behind)
