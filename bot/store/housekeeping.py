"""Housekeeping: delivery records are kept as long as they protect against loss or duplicates, then purged.

Three tables exist only to make delivery safe: received updates (`inbound_updates`, which hold the
raw message), the record that an update was handled (`processed_updates`) and the replies to send
(`outbox`). Telegram re-sends an update for at most 24 hours, so a handled update or a sent reply
older than `KEEP` protects nothing any more; left alone, these tables would grow with every message
for as long as the bot runs, and keep users' raw messages for good. Rows still in use (an update
not handled yet, a reply not sent yet) are never purged.

Deletion goes in small batches, one short transaction each, so the bot's own writes are never held
up for long (SQLite has one writer). Every instance may run it: deleting the same rows twice is
harmless.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot.store.models import InboundUpdate, Outbox, ProcessedUpdate, utcnow

KEEP = timedelta(days=7)
BATCH = 1000


def _purges(cutoff: datetime):
    """(the table's primary key column, the condition of rows that may go)."""
    return (
        (InboundUpdate.update_id, InboundUpdate.handled_at < cutoff),
        (ProcessedUpdate.update_id, ProcessedUpdate.at < cutoff),
        (Outbox.id, Outbox.sent_at < cutoff),
    )


async def purge_delivery_records(
    sessions, *, now: datetime | None = None, keep: timedelta = KEEP, batch: int = BATCH
) -> dict[str, int]:
    """Delete handled updates, their handled marks and sent replies older than `keep`; returns the
    number of rows deleted per table."""
    cutoff = (now or utcnow()) - keep
    deleted: dict[str, int] = {}
    for key, condition in _purges(cutoff):
        table, name = key.class_, key.table.name
        deleted[name] = 0
        while True:
            oldest = select(key).where(condition).limit(batch).scalar_subquery()
            async with sessions() as session:
                result = await session.execute(delete(table).where(key.in_(oldest)))
                await session.commit()
            count = result.rowcount or 0
            deleted[name] += count
            if count < batch:
                break
            await asyncio.sleep(0)  # let updates waiting for the database go first
    return deleted
