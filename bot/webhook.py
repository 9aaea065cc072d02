"""The webhook server: refuses early and cheaply, stores before 200, answers /healthz.

Hostile traffic must not cost memory, file descriptors or log space:

- the secret and the path are checked as soon as the headers are in, before the body is read (a
  refused request's connection is closed, its body never read);
- a body is at most WEBHOOK_MAX_BODY bytes (Telegram's updates are a few kilobytes);
- headers must arrive within WEBHOOK_HEADER_TIMEOUT (also the idle time of a kept-alive
  connection), a body within WEBHOOK_BODY_TIMEOUT;
- at most WEBHOOK_MAX_CONNECTIONS connections are open at once (and never so many that the process
  runs out of file descriptors): the next ones are closed at once;
- refusals are logged once per burst: one line when it starts, one with the counts when it ends.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import resource
import time
from collections import Counter
from typing import Any
from urllib.parse import urlparse

import tornado.http1connection
import tornado.httpserver
import tornado.web

from bot.config import Settings
from bot.runtime import Runtime
from bot.supervisor import TRANSIENT, Health, database_ok
from bot.telegram import ingest

log = logging.getLogger("bot.webhook")

# File descriptors kept for everything else (database connections, Bot API connections, files).
FD_RESERVE = 128
# A burst of refusals ends after this many quiet seconds.
BURST_QUIET_SECONDS = 5.0


class Refusals:
    """Refused requests and connections, logged once per burst."""

    def __init__(self, quiet: float = BURST_QUIET_SECONDS) -> None:
        self.quiet = quiet
        self.counts: Counter[str] = Counter()
        self.started = 0.0
        self.last = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def note(self, why: str) -> None:
        now = time.monotonic()
        if not self.counts:
            self.started = now
            log.warning("webhook: refusing requests (%s); a summary follows when it stops", why)
        self.counts[why] += 1
        self.last = now
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.quiet, self._check)

    def _check(self) -> None:
        self._timer = None
        now = time.monotonic()
        if now - self.last < self.quiet:
            self._timer = asyncio.get_running_loop().call_later(self.quiet - (now - self.last), self._check)
            return
        detail = ", ".join(f"{why}: {count}" for why, count in self.counts.most_common())
        log.warning(
            "webhook: refused %d in %.0f s (%s)",
            sum(self.counts.values()),
            self.last - self.started,
            detail,
        )
        self.counts.clear()


def connection_cap(wanted: int) -> int:
    """WEBHOOK_MAX_CONNECTIONS, lowered if the open-file limit could not hold that many."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - FD_RESERVE))


class CappedHTTPServer(tornado.httpserver.HTTPServer):
    """Tornado's HTTP server with a cap on open connections: past it, a new connection is closed
    as soon as it is accepted (which also keeps the accept loop out of "too many open files")."""

    # Tornado's Configurable passes the constructor's keywords on to initialize: these two are ours,
    # required, which a subclass of HTTPServer's signature cannot say.
    def initialize(  # type: ignore[override]
        self, *args: Any, max_connections: int, refusals: Refusals, **kwargs: Any
    ) -> None:
        super().initialize(*args, **kwargs)
        self.max_connections = max_connections
        self.refusals = refusals
        self.open = 0

    def handle_stream(self, stream, address) -> None:
        if self.open >= self.max_connections:
            self.refusals.note("too many connections")
            stream.close()
            return
        self.open += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn) -> None:
        self.open -= 1
        super().on_close(server_conn)


def make_web_app(app, runtime: Runtime, settings: Settings, refusals: Refusals) -> tornado.web.Application:
    """The webhook endpoint (secret checked, stored before 200), GET /healthz, 404 elsewhere."""
    secret = settings.webhook_secret.get_secret_value().encode() if settings.webhook_secret else b""
    path = urlparse(settings.webhook_url or "").path or "/"
    health: Health = app.bot_data["health"]
    intake = health.loop("webhook intake")
    max_body = settings.webhook_max_body

    class Refusing(tornado.web.RequestHandler):
        def refuse(self, status: int, why: str) -> None:
            refusals.note(why)
            self.set_status(status)
            # Finishing before the body is read closes the connection: the body is never read.
            self.finish()

        def log_exception(self, *args) -> None:  # keep request bodies out of the logs
            log.warning("webhook request failed")

    @tornado.web.stream_request_body
    class WebhookHandler(Refusing):
        def prepare(self) -> None:
            if self.request.method != "POST":
                self.refuse(405, "not a POST")
                return
            given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
            if not secret or not hmac.compare_digest(given, secret):
                self.refuse(403, "wrong secret")
                return
            length = self.request.headers.get("Content-Length")
            if length is not None and (not length.isdigit() or int(length) > max_body):
                self.refuse(413, "body too large")
                return
            connection = self.request.connection
            # Tornado's HTTP/1 server gives each request its HTTP1Connection (the type the interface
            # does not name), which can lower the body limit of this one request.
            assert isinstance(connection, tornado.http1connection.HTTP1Connection)
            connection.set_max_body_size(max_body)
            self._chunks: list[bytes] = []

        def data_received(self, chunk: bytes) -> None:
            self._chunks.append(chunk)

        async def post(self) -> None:
            try:
                data = json.loads(b"".join(self._chunks))
                if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                    raise ValueError
            except ValueError:
                self.set_status(400)
                return
            try:
                await ingest.accept(app, runtime, [data])
            except TRANSIENT as exc:
                # Not stored: answer an error so that Telegram sends the update again.
                intake.failed(exc)
                self.set_status(503)
                return
            intake.progress()
            self.set_status(200)

    @tornado.web.stream_request_body
    class Elsewhere(Refusing):
        def prepare(self) -> None:
            self.refuse(404, "unknown path")

    class HealthHandler(tornado.web.RequestHandler):
        async def get(self) -> None:
            healthy = app.running and not health.problems() and await database_ok(runtime.engine)
            self.set_status(200 if healthy else 503)
            self.write("ok" if healthy else "unavailable")

    return tornado.web.Application(
        [(path, WebhookHandler), (r"/healthz", HealthHandler), (r".*", Elsewhere)],
        log_function=lambda _h: None,
    )


def listen(app, runtime: Runtime, settings: Settings) -> CappedHTTPServer:
    """Start serving the webhook on WEBHOOK_LISTEN:WEBHOOK_PORT."""
    # Timeouts and malformed requests are refusals like the others: counted, not logged one by one.
    logging.getLogger("tornado.general").setLevel(logging.ERROR)
    refusals = Refusals()
    server = CappedHTTPServer(
        make_web_app(app, runtime, settings, refusals),
        max_connections=connection_cap(settings.webhook_max_connections),
        refusals=refusals,
        max_body_size=settings.webhook_max_body,
        max_buffer_size=settings.webhook_max_body,
        max_header_size=16 * 1024,
        idle_connection_timeout=settings.webhook_header_timeout,
        body_timeout=settings.webhook_body_timeout,
        no_keep_alive=False,
    )
    server.listen(settings.webhook_port, address=settings.webhook_listen)
    return server
