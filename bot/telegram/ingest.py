"""Updates stored before they are acknowledged, then handled exactly once, in order per chat.

python-telegram-bot acknowledges an update before handling it (polling advances the offset on the
next fetch; its webhook answers 200 once the update is queued), so a hard kill could lose it. Here:

- polling asks for updates, stores them in `inbound_updates`, and only then advances the offset;
- the webhook answers 200 only once the update is stored (Telegram retries otherwise);
- the processor handles updates of different chats concurrently and updates of one chat strictly
  in order (one lock per chat in the process, plus a PostgreSQL advisory lock per chat so that
  several instances never handle two updates of one chat at once), then marks each handled
  (many marks share one commit);
- at start, stored updates not yet handled are handled.

Handling itself is idempotent (`processed_updates`, see delivery.py), so an update handled but not
yet marked when the process died is recognised and not handled twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Iterable
from contextlib import asynccontextmanager, suppress
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from telegram import Update
from telegram.error import InvalidToken, RetryAfter
from telegram.ext import Application, BaseUpdateProcessor

from bot.runtime import Runtime
from bot.store.batch import batcher_for
from bot.store.db import insert_new
from bot.store.models import InboundUpdate, utcnow
from bot.supervisor import TRANSIENT, Health, Loop
from bot.telegram.delivery import mark_handled, reply_sent_at
from bot.telegram.ratelimit import retry_after_seconds

log = logging.getLogger(__name__)


def _chat_of(data: dict) -> tuple[int | None, int | None]:
    """(chat id, user id) of a raw update, without parsing it fully."""
    for key in ("message", "edited_message", "channel_post", "edited_channel_post", "business_message"):
        if key in data:
            msg = data[key]
            return msg.get("chat", {}).get("id"), (msg.get("from") or {}).get("id")
    if "callback_query" in data:
        cq = data["callback_query"]
        chat = ((cq.get("message") or {}).get("chat") or {}).get("id")
        user = (cq.get("from") or {}).get("id")
        return chat or user, user
    for key in ("my_chat_member", "chat_member", "chat_join_request"):
        if key in data:
            return data[key].get("chat", {}).get("id"), (data[key].get("from") or {}).get("id")
    for value in data.values():
        if isinstance(value, dict) and isinstance(value.get("from"), dict):
            return value["from"].get("id"), value["from"].get("id")
    return None, None


def _rows(updates: Iterable[dict]) -> list[dict]:
    rows = []
    for data in updates:
        chat_id, user_id = _chat_of(data)
        rows.append(
            {
                "update_id": int(data["update_id"]),
                "chat_id": chat_id,
                "user_id": user_id,
                "payload": data,
                "received_at": utcnow(),
            }
        )
    return rows


_STORE = insert_new(InboundUpdate.__table__, "update_id")


async def _insert(session, rows: list[dict]) -> set[int]:
    """Insert rows in one statement, ignoring update ids already stored; the ids that were new."""
    unique = list({row["update_id"]: row for row in rows}.values())
    return set(await session.scalars(_STORE[session.get_bind().dialect.name], unique))


async def store(runtime: Runtime, updates: Iterable[dict]) -> list[int]:
    """Insert raw updates (ignoring ones already stored) and commit; return the ids that were new."""
    rows = _rows(updates)
    if not rows:
        return []
    async with runtime.sessions() as session:
        new = await _insert(session, rows)
        await session.commit()
    return sorted(new)


async def _apply_batch(session, items: list[dict]) -> list[bool]:
    new = await _insert(session, _rows(items))
    return [int(item["update_id"]) in new for item in items]


async def store_one(runtime: Runtime, data: dict) -> bool:
    """Store one update, sharing the commit with concurrent callers (webhook requests); True if new."""
    return bool(await batcher_for(runtime.sessions, _apply_batch).submit(data))


async def pending(runtime: Runtime, limit: int = 1000, received_before: datetime | None = None) -> list[dict]:
    query = select(InboundUpdate.payload).where(InboundUpdate.handled_at.is_(None))
    if received_before is not None:
        query = query.where(InboundUpdate.received_at < received_before)
    async with runtime.sessions() as session:
        rows = await session.scalars(query.order_by(InboundUpdate.update_id).limit(limit))
        return list(rows)


async def enqueue(app: Application, payloads: Iterable[dict]) -> None:
    for data in payloads:
        await app.update_queue.put(Update.de_json(data, app.bot))


async def resume(app: Application, runtime: Runtime, received_before: datetime | None = None) -> int:
    """Queue every stored update not handled yet (after a crash or a restart)."""
    count = 0
    while True:
        batch = await pending(runtime, received_before=received_before)
        fresh = [d for d in batch if d["update_id"] not in _queued]
        if not fresh:
            return count
        now = time.perf_counter()
        for data in fresh:
            _queued[data["update_id"]] = now
        await enqueue(app, fresh)
        count += len(fresh)
        if len(batch) < 1000:
            return count


# An update whose handling met a fault of the database is left unhandled this long (at least)
# before the sweep queues it again; younger ones may still be on their way (another instance).
SWEEP_AFTER_SECONDS = 20

# Set by the error handler when an update's handling met a database fault: the processor then
# leaves it unhandled, for the sweep.
retry_later: ContextVar[bool] = ContextVar("retry_later", default=False)


async def sweep(app: Application, runtime: Runtime) -> int:
    """Queue again the stored updates left unhandled for a while and not queued in this process."""
    count = await resume(app, runtime, received_before=utcnow() - timedelta(seconds=SWEEP_AFTER_SECONDS))
    if count:
        log.info("queued again %d updates left unhandled by a database fault", count)
    return count


# Updates queued in this process and not yet handled (id -> when it arrived, perf_counter): a stored
# update is never queued twice here.
_queued: dict[int, float] = {}


async def accept(app: Application, runtime: Runtime, updates: list[dict]) -> None:
    """Store then queue: the durable path shared by polling and the webhook."""
    arrived = time.perf_counter()
    if len(updates) == 1:
        fresh = updates if await store_one(runtime, updates[0]) else []
    else:
        new = set(await store(runtime, updates))
        fresh = [d for d in updates if int(d["update_id"]) in new]
    for data in fresh:
        _queued[int(data["update_id"])] = arrived
    await enqueue(app, fresh)


class PollingStopped(Exception):
    """Polling cannot go on (Telegram refuses the token): one clear line for the operator."""


async def _token_refused(app: Application) -> bool:
    """After an InvalidToken from getUpdates: does getMe confirm it (rather than a passing 401)?"""
    try:
        await app.bot.get_me()
    except InvalidToken:
        return True
    except TRANSIENT:
        return False
    return False


async def poll(
    app: Application, runtime: Runtime, stop: asyncio.Event, loop: Loop, poll_seconds: int = 10
) -> None:
    """Long polling that advances the offset only past updates already stored.

    Any fault of Telegram (HTTP errors, timeouts, an answer that is not JSON) or of the database
    while storing is waited out with the loop's backoff: the offset has not moved, so the same
    updates are fetched again. A token Telegram refuses (getMe confirms it) raises PollingStopped.
    """
    offset: int | None = None
    stopping = asyncio.create_task(stop.wait())
    while not stop.is_set():
        fetch = asyncio.create_task(
            app.bot.get_updates(offset=offset, timeout=poll_seconds, allowed_updates=Update.ALL_TYPES)
        )
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not fetch.done():
            # Stopping: nothing fetched is lost, since the offset only moves past stored updates.
            fetch.cancel()
            break
        try:
            fetched = fetch.result()
            if fetched:
                await accept(app, runtime, [u.to_dict() for u in fetched])
                offset = fetched[-1].update_id + 1
        except RetryAfter as exc:
            await _sleep(stop, retry_after_seconds(exc))
            continue
        except InvalidToken as exc:
            if await _token_refused(app):
                stopping.cancel()
                raise PollingStopped(
                    "Telegram refused BOT_TOKEN: check the token given by @BotFather"
                ) from None
            await _sleep(stop, loop.failed(exc))
            continue
        except TRANSIENT as exc:
            await _sleep(stop, loop.failed(exc))
            continue
        except BaseException:
            stopping.cancel()
            raise
        loop.progress()
    stopping.cancel()
    if offset is not None:
        # Confirm what was stored, so Telegram does not send it again after a clean stop (bounded:
        # a Telegram that hangs must not delay the stop).
        try:
            async with asyncio.timeout(FINAL_REQUEST_SECONDS):
                await app.bot.get_updates(offset=offset, timeout=0, allowed_updates=Update.ALL_TYPES)
        except Exception:  # noqa: BLE001 - best effort; the stored copies make a resend harmless
            log.debug("final offset confirmation failed")


# The longest a request made while stopping may take (Docker sends SIGKILL 10 s after SIGTERM).
FINAL_REQUEST_SECONDS = 2.0


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, strictly ordered within a chat, and each update marked handled.

    Within the process a lock per chat keeps order; across instances the handler's transaction takes
    a PostgreSQL advisory lock per chat (delivery.transactional). Every update is then marked
    handled here, whether a handler took it or not.
    """

    def __init__(self, runtime: Runtime, health: Health, max_concurrent_updates: int = 16):
        super().__init__(max_concurrent_updates)
        self.runtime = runtime
        self.health = health
        self._locks: dict[int, list] = {}  # chat id -> [lock, number of updates using it]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @asynccontextmanager
    async def _chat_lock(self, chat_id: int | None):
        if chat_id is None:
            yield
            return
        entry = self._locks.setdefault(chat_id, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(chat_id, None)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        chat = update.effective_chat
        chat_id = chat.id if chat else (update.effective_user.id if update.effective_user else None)
        async with self._chat_lock(chat_id):
            started = time.perf_counter()
            reply_sent_at.set(None)
            retry_later.set(False)
            await coroutine
        # Until its last reply was accepted by Telegram (or handled, when it had none to send).
        done = reply_sent_at.get() or time.perf_counter()
        handlers = self.health.loop("handlers")
        try:
            if retry_later.get():
                return  # left unhandled: the sweep queues it again once the database answers
            await mark_handled(self.runtime.sessions, update.update_id)
            handlers.progress()
        except TRANSIENT as exc:
            # Handled (its claim is committed) but not marked: the sweep finds it handled already.
            handlers.failed(exc)
            return
        finally:
            arrived = _queued.pop(update.update_id, started)
        # Handling time, then the whole time inside the bot (with the wait for its turn).
        log.info(
            "update %s handled in %.1f ms, %.1f ms after it arrived",
            update.update_id,
            (done - started) * 1000,
            (done - arrived) * 1000,
        )
