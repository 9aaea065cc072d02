"""Running the bot: polling or webhook, durable intake, health endpoint, clean stop on signals."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from contextlib import suppress

from sqlalchemy.exc import DBAPIError
from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot import webhook
from bot.app import build_application, close_requests, post_init, post_shutdown
from bot.config import Settings
from bot.runtime import Runtime
from bot.store.db import BackgroundCheckpoints
from bot.supervisor import Health, default_health_file, reason
from bot.telegram import ingest
from bot.telegram.ratelimit import TelegramRateLimiter

log = logging.getLogger("bot")


class StartupError(Exception):
    """One clear line for the operator (never the token)."""


# The longest the last requests to Telegram may take once the bot stops (Docker's stop sends
# SIGKILL 10 s after SIGTERM; the rest of the stop takes well under a second).
STOP_SECONDS = 6.0


def _loop_ended(task: asyncio.Task, what: str) -> str:
    """The one line saying why a loop that should run until the stop ended."""
    if task.cancelled():
        return f"{what} was cancelled"
    exc = task.exception()
    if exc is None:
        return f"{what} ended unexpectedly"
    if isinstance(exc, ingest.PollingStopped):
        return str(exc)
    log.error("%s stopped", what, exc_info=exc)
    return f"{what} stopped ({reason(exc)})"


async def serve(settings: Settings, token: str) -> None:
    """Run until SIGINT/SIGTERM; raise StartupError with a clear line when it cannot start, or when
    one of its loops ends on its own (the exit is then non-zero, for a supervisor to restart it)."""
    runtime = Runtime.create(settings)
    app = build_application(runtime, token)
    health: Health = app.bot_data["health"]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def stopping() -> None:
        # From now on, whatever Telegram does, requests end within the budget (also during start).
        when = loop.time() + STOP_SECONDS
        for request in app.bot_data["requests"]:
            request.deadline.stop_by(when)
        if isinstance(app.bot.rate_limiter, TelegramRateLimiter):
            app.bot.rate_limiter.deadline.stop_by(when)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping)
    checkpoints = None
    if runtime.engine.dialect.name == "sqlite" and runtime.engine.url.database not in (None, "", ":memory:"):
        checkpoints = BackgroundCheckpoints(runtime.engine)  # before the first connection
    try:
        await app.initialize()
    except InvalidToken:
        await close_requests(app)
        await runtime.engine.dispose()
        raise StartupError("Telegram refused BOT_TOKEN: check the token given by @BotFather") from None
    except NetworkError as exc:
        await close_requests(app)
        await runtime.engine.dispose()
        raise StartupError(
            f"cannot reach Telegram ({type(exc).__name__}): check the network or TELEGRAM_BASE_URL"
        ) from None
    server = None
    poller = None
    health_file = settings.health_file or default_health_file(token)
    writer = None
    failure = None
    try:
        try:
            await post_init(app)
            await app.start()
            resumed = await ingest.resume(app, runtime)
        except DBAPIError as exc:
            raise StartupError(
                f"cannot use the database at {settings.safe_database_url()}: {reason(exc)}"
            ) from None
        if resumed:
            log.info("handling %d updates received before the restart", resumed)
        # Everything loaded so far (scenarios, catalogs, libraries) lives as long as the process:
        # keep it out of the garbage collector's full passes, which otherwise stop the event loop
        # for tens of milliseconds every few hundred updates (the slowest replies).
        gc.collect()
        gc.freeze()
        if checkpoints is not None:
            checkpoints.start()
        writer = asyncio.create_task(health.keep_written(health_file))
        if settings.webhook_url:
            server = webhook.listen(app, runtime, settings)
            assert settings.webhook_secret is not None, "the settings require it with webhook_url"
            await app.bot.set_webhook(
                settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
            )
            log.info("Oser is running (webhook on %s:%s)", settings.webhook_listen, settings.webhook_port)
        else:
            await app.bot.delete_webhook()
            poller = asyncio.create_task(
                ingest.poll(app, runtime, stop, health.loop("polling", regular=True))
            )
            log.info("Oser is running (polling); stop with Ctrl+C")
        stop_wait = asyncio.create_task(stop.wait())
        await asyncio.wait({stop_wait, *filter(None, (poller,))}, return_when=asyncio.FIRST_COMPLETED)
        stop_wait.cancel()
        if poller is not None and poller.done() and not stop.is_set():
            failure = _loop_ended(poller, "polling")
            poller = None
        log.info("stopping")
    finally:
        if not stop.is_set():
            stopping()  # a loop ended or the start failed: the same bounded stop
        if poller is not None:
            await poller
        if server is not None:
            server.stop()
        if writer is not None:
            writer.cancel()
            with suppress(asyncio.CancelledError):
                await writer
            with suppress(OSError):
                health_file.unlink()
        if app.running:
            await app.stop()
        if checkpoints is not None:
            await checkpoints.stop()
        await app.shutdown()
        await post_shutdown(app)
    if failure is not None:
        raise StartupError(failure)
