"""Outgoing traffic within Telegram's limits, with retries.

python-telegram-bot's AIORateLimiter limits groups but not private chats and does not retry by
default. This limiter applies about 30 messages/s overall and about 1 message/s per chat (with a
burst of a few messages, so a debrief and its companions are not held back), honours RetryAfter, and retries
network errors with exponential backoff.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections import OrderedDict
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.telegram.request import Deadline

log = logging.getLogger(__name__)


def retry_after_seconds(exc: RetryAfter) -> float:
    """How long Telegram asks to wait. `retry_after` is an int or a timedelta depending on
    python-telegram-bot's settings, and reading the int warns about the coming change: both handled."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


# Methods that send something to a chat count against the limits; the rest (getUpdates, answers to
# button taps, setMyCommands…) go straight through.
_LIMITED_PREFIXES = ("send", "copy", "forward", "edit")


class TelegramRateLimiter(BaseRateLimiter[None]):
    def __init__(
        self,
        overall_per_second: float = 30,
        chat_burst: int = 6,
        chat_period: float = 6.0,
        max_retries: int = 4,
        max_chats: int = 10_000,
    ):
        self._overall = AsyncLimiter(overall_per_second, 1)
        self._chat_burst, self._chat_period = chat_burst, chat_period
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self._max_chats = max_chats
        self._max_retries = max_retries
        # Once the bot stops: no more waiting for a turn or retrying past this moment.
        self.deadline = Deadline()

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            limiter = self._chats[chat_id] = AsyncLimiter(self._chat_burst, self._chat_period)
            if len(self._chats) > self._max_chats:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return limiter

    async def process_request(
        self,
        callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args,
    ):
        async with self.deadline.guard():
            return await self._process(callback, args, kwargs, endpoint, data)

    async def _process(
        self, callback, args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any]
    ):
        limited = endpoint.lower().startswith(_LIMITED_PREFIXES)
        chat_id = data.get("chat_id")
        attempt = 0
        while True:
            try:
                if limited:
                    if isinstance(chat_id, int):
                        async with self._chat_limiter(chat_id), self._overall:
                            return await callback(*args, **kwargs)
                    async with self._overall:
                        return await callback(*args, **kwargs)
                return await callback(*args, **kwargs)
            except BadRequest:
                raise  # a NetworkError subclass, but retrying cannot fix it
            except RetryAfter as exc:
                attempt += 1
                if attempt > self._max_retries or self.deadline.when is not None:
                    raise
                wait = retry_after_seconds(exc)
                log.warning("%s: Telegram asks to wait %.1f s", endpoint, wait)
                await asyncio.sleep(wait + 0.1)
            except (TimedOut, NetworkError) as exc:
                attempt += 1
                stopping = self.deadline.when is not None
                if attempt > self._max_retries or endpoint.lower() == "getupdates" or stopping:
                    raise
                delay = 0.25 * 2 ** (attempt - 1)
                log.debug("%s failed (%s); retry %d in %.2f s", endpoint, type(exc).__name__, attempt, delay)
                await asyncio.sleep(delay)
