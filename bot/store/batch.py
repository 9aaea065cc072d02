"""Group commit: many small writes share one transaction, each caller waiting for its own commit.

Under load (many chats at once) this turns N commits into a few without weakening durability: a
caller returns only once what it asked for is committed.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

T = TypeVar("T")

# Applies a batch in a session (not committing); returns one result per item, in order, or None.
Apply = Callable[[AsyncSession, list[Any]], Awaitable[list[Any] | None]]


class GroupCommit(Generic[T]):
    def __init__(self, sessions: async_sessionmaker[AsyncSession], apply: Apply, max_batch: int = 500):
        self.sessions, self.apply, self.max_batch = sessions, apply, max_batch
        self._pending: list[tuple[T, asyncio.Future]] = []
        self._worker: asyncio.Task | None = None

    async def submit(self, item: T) -> Any:
        """Queue `item`; return what `apply` reported for it once the transaction holding it committed."""
        future = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _run(self, items: list[Any]) -> list[Any]:
        async with self.sessions() as session:
            results = await self.apply(session, items) or [None] * len(items)
            await session.commit()
        return results

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
            items = [item for item, _ in batch]
            try:
                try:
                    results = await self._run(items)
                except DBAPIError as exc:
                    if not exc.connection_invalidated:
                        raise
                    # A pooled connection died (database restarted): once more, on a fresh one.
                    results = await self._run(items)
            except Exception as exc:  # noqa: BLE001 - every caller of the batch gets the error
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


_batchers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def batcher_for(sessions: async_sessionmaker[AsyncSession], apply: Apply) -> GroupCommit:
    """The one GroupCommit of `apply` for this database (created on first use, gone with it)."""
    per_db = _batchers.setdefault(sessions, {})
    if apply not in per_db:
        per_db[apply] = GroupCommit(sessions, apply)
    return per_db[apply]
