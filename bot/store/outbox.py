"""What the features need to send scheduled messages: queue one in the outbox within the transaction
that decides it, and the rate clock that every worker and instance shares for bulk sending. The
Telegram plumbing (`bot/telegram/delivery.py`) sends the rows."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from bot.store.models import Outbox, SendSlot, utcnow

CLOCK = "challenges"
_QUEUE = insert(Outbox.__table__)


def payload(text: str, buttons: list | None = None, edit_message_id: int | None = None) -> dict:
    """An outbox row's message: its text, its buttons as [[text, data], …] rows, the message to edit."""
    out: dict = {"text": text}
    if buttons:
        out["buttons"] = [[list(b) for b in row] for row in buttons]
    if edit_message_id is not None:
        out["edit_message_id"] = edit_message_id
    return out


async def queue(
    session: AsyncSession | AsyncConnection,
    *,
    user_id: int,
    chat_id: int,
    text: str,
    buttons: list,
    kind: str,
    ref_id: int,
) -> None:
    """Queue a scheduled message in the caller's transaction, unclaimed: `delivery.send_scheduled`
    sends it (at the shared rate) once the transaction is committed, then records it under `kind`."""
    await session.execute(
        _QUEUE,
        {
            "user_id": user_id,
            "chat_id": chat_id,
            "payload": payload(text, buttons),
            "kind": kind,
            "ref_id": ref_id,
            "created_at": utcnow(),
        },
    )


class RateClock:
    """At most `rate` messages per second across every worker and instance: a shared row holds the
    moment the next message may go; each message advances it by 1/rate and waits for its slot.
    A worker reserves its slots one at a time over one connection of its own."""

    def __init__(self, engine: AsyncEngine, rate: float, name: str = CLOCK):
        self.engine, self.step, self.name = engine, 1.0 / rate, name
        self.postgres = engine.dialect.name == "postgresql"
        self._conn: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        # At high rates a worker takes a few consecutive slots per database round trip.
        self.batch = max(1, min(8, int(rate // 50)))
        self._slots: list[float] = []  # event-loop times of slots taken and not used yet

    async def ensure(self) -> None:
        insert = pg_insert if self.postgres else sqlite_insert
        async with self.engine.begin() as conn:
            await conn.execute(
                insert(SendSlot).values(name=self.name, next_at=utcnow()).on_conflict_do_nothing()
            )

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()

    async def wait_turn(self) -> None:
        loop = asyncio.get_running_loop()
        async with self._lock:
            if not self._slots:
                first = loop.time() + await self._reserve(self.step * self.batch, 0.0)
                self._slots = [first + i * self.step for i in range(self.batch)]
            slot = self._slots.pop(0)
        delay = slot - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def hold(self, seconds: float) -> None:
        """Nobody sends for `seconds` (Telegram said so)."""
        async with self._lock:
            self._slots = []  # taken before the pause: no longer valid
            await self._reserve(0.0, seconds)

    async def _reserve(self, step: float, pause: float) -> float:
        """Move the clock to max(next_at, now + pause) + step; return the seconds until the slot."""
        try:
            if self._conn is None:
                self._conn = await self.engine.connect()
                if self.postgres:
                    await self._conn.execution_options(isolation_level="AUTOCOMMIT")
                    # The clock only paces sends: losing its last moves in a database crash is
                    # harmless, so its updates need not wait for the disk.
                    await self._conn.exec_driver_sql("SET synchronous_commit = off")
            if self.postgres:
                slot, now = (
                    await self._conn.execute(
                        text(
                            "UPDATE send_slots SET next_at = greatest(next_at,"
                            " clock_timestamp() + make_interval(secs => :pause)) + make_interval(secs => :step)"
                            " WHERE name = :name"
                            " RETURNING next_at - make_interval(secs => :step), clock_timestamp()"
                        ),
                        {"step": step, "pause": pause, "name": self.name},
                    )
                ).one()
                return (slot - now).total_seconds()
            return await self._sqlite_reserve(self._conn, step, pause)
        except Exception:
            await self.close()
            raise

    async def _sqlite_reserve(self, conn: AsyncConnection, step: float, pause: float) -> float:
        # SQLite stores datetimes as text: compare-and-set in Python, again if another writer won.
        while True:
            try:
                async with conn.begin():
                    current = await conn.scalar(select(SendSlot.next_at).where(SendSlot.name == self.name))
                    now = utcnow()
                    start = max(current, now + timedelta(seconds=pause)) if current else now
                    result = await conn.execute(
                        update(SendSlot)
                        .where(SendSlot.name == self.name, SendSlot.next_at == current)
                        .values(next_at=start + timedelta(seconds=step))
                    )
                if result.rowcount == 1:
                    return (start - utcnow()).total_seconds()
            except OperationalError:
                pass  # the database is busy: try again
            await asyncio.sleep(0.002)
