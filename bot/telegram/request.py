"""Calls to the Bot API over aiohttp, in place of python-telegram-bot's default httpx transport.

python-telegram-bot takes any HTTP library through `BaseRequest`: this class only moves bytes, PTB
still builds every request and maps Telegram's answers to its errors. Why: sending a message through
httpx cost about 2 ms of CPU on this machine, and up to 3.4 ms with many requests at once (httpcore
looks at every pooled connection on each request); aiohttp, with its parser in C, 0.6 to 0.8 ms at any
concurrency (bench/bench_cpu.py measures the whole reply). Each message the bot answers is one send,
so this was the largest cost left once the database work was trimmed.

Like PTB's HTTPXRequest: HTTP/1.1, a bounded connection pool, the same timeouts and defaults, proxies
from the environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY), certificates from certifi.
Network failures become TimedOut or NetworkError, without the request's URL (it carries the bot
token) in their message. aiohttp's own `trust_env` is not used: it reads ~/.netrc in a worker
thread on every request, which cost a sixth of the bot's CPU; the proxy of each Bot API origin is
looked up once instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
import certifi
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData


class Deadline:
    """A moment (the event loop's clock) by which every guarded call must end, once the bot stops.

    Until `stop_by` is called, `guard()` limits nothing. Then calls in flight and new ones end at
    that moment at the latest, with TimedOut: whatever Telegram does (hangs, answers slowly), the
    last requests cannot hold the stop back (Docker sends SIGKILL 10 s after SIGTERM)."""

    def __init__(self) -> None:
        self.when: float | None = None
        self._active: set[asyncio.Timeout] = set()

    def stop_by(self, when: float) -> None:
        self.when = when if self.when is None else min(self.when, when)
        for timeout in self._active:
            deadline = timeout.when()
            if deadline is None or deadline > self.when:
                timeout.reschedule(self.when)

    @contextlib.asynccontextmanager
    async def guard(self):
        timeout = asyncio.timeout_at(self.when)
        self._active.add(timeout)
        try:
            async with timeout:
                yield
        except TimeoutError:
            if self.when is None:
                raise
            raise TimedOut("the bot is stopping") from None
        finally:
            self._active.discard(timeout)


def _seconds(value, default: float | None) -> float | None:
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        connection_pool_size: int = 8,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read, self._write, self._connect, self._pool = (
            read_timeout,
            write_timeout,
            connect_timeout,
            pool_timeout,
        )
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # origin (scheme://host:port) -> proxy URL
        self.deadline = Deadline()

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._pool_size, ssl=ssl.create_default_context(cafile=certifi.where())
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
                timeout=aiohttp.ClientTimeout(total=None),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=BaseRequest.DEFAULT_NONE,
        write_timeout=BaseRequest.DEFAULT_NONE,
        connect_timeout=BaseRequest.DEFAULT_NONE,
        pool_timeout=BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data and request_data.contains_files)
        read = _seconds(read_timeout, self._read)
        write = _seconds(write_timeout, self._media_write if files else self._write)
        connect = _seconds(connect_timeout, self._connect)
        pool = _seconds(pool_timeout, self._pool)
        # aiohttp has no write timeout of its own: the whole request is bounded by the sum.
        parts = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in parts else sum(p for p in parts if p is not None),
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            body, headers = self._body(request_data)
            async with (
                self.deadline.guard(),
                self._session.request(
                    method, url, data=body, headers=headers, timeout=timeout, proxy=self.proxy_for(url)
                ) as response,
            ):
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            message = str(exc).replace(url, "<Bot API URL>")
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {message}") from None

    def proxy_for(self, url: str) -> str | None:
        """The proxy the environment names for this URL (None: connect directly)."""
        slash = url.find("/", url.find("//") + 2)
        origin = url if slash < 0 else url[:slash]
        if origin not in self._proxies:
            parts = urlsplit(url)
            proxies = getproxies()
            proxy = proxies.get(parts.scheme) or proxies.get("all")
            if proxy and proxy_bypass(parts.hostname or ""):
                proxy = None
            self._proxies[origin] = proxy
        return self._proxies[origin]

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict:
        """As PTB's, without its traceback in the log for an answer that is not JSON (a proxy's
        error page): the caller gets the same TelegramError, and the polling loop logs the outage
        once."""
        try:
            return json.loads(payload.decode("utf-8", "replace"))
        except ValueError:
            raise TelegramError("Invalid server response") from None

    @staticmethod
    def _body(request_data: RequestData | None):
        """The request body and its headers: one JSON document, which the Bot API accepts (for a
        typical reply 35 µs of CPU against 90 µs to form-encode each field), or a multipart form
        with the files."""
        if request_data is None:
            return None, None
        if not request_data.contains_files:
            body = json.dumps(request_data.parameters, ensure_ascii=False, separators=(",", ":"))
            return body.encode(), _JSON
        form = aiohttp.FormData(quote_fields=False)
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
        for name, (filename, content, mimetype) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mimetype)
        return form, None


_JSON = {"Content-Type": "application/json"}
