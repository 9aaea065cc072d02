"""Builds the Application: handlers in one documented list, jobs, lifecycle, error handling."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.challenges import handlers as challenges
from bot.contacts import handlers as contacts
from bot.i18n import N_, translator
from bot.progress import handlers as progress
from bot.rehearsal import handlers as h
from bot.runtime import Runtime
from bot.store.housekeeping import purge_delivery_records
from bot.supervisor import TRANSIENT, Health, is_database_fault, is_supervised, reason, supervised_job
from bot.telegram.callbacks import refuse_odd_buttons
from bot.telegram.context import OserContext
from bot.telegram.delivery import flush_unsent, release_stale_claims
from bot.telegram.extensions import PRIVATE
from bot.telegram.ingest import ChatOrderedProcessor, retry_later, sweep
from bot.telegram.ratelimit import TelegramRateLimiter
from bot.telegram.request import AiohttpRequest

log = logging.getLogger(__name__)

# The command menu: (English name, French name, description).
COMMANDS = (
    ("rehearse", "entretien", N_("Rehearse a networking interview")),
    ("end", "fin", N_("End the rehearsal and get the debrief")),
    ("cancel", "cancel", N_("Stop the rehearsal without a debrief")),
    ("challenge", "defi", N_("Today's challenge")),
    ("stats", "stats", N_("Your progress")),
    ("history", "historique", N_("Past rehearsals")),
    ("contacts", "reseau", N_("Your journal of real meetings")),
    ("settings", "settings", N_("Feedback mode, daily challenge, time zone")),
    ("language", "language", N_("Français / English")),
    ("privacy", "privacy", N_("What is stored and why")),
    ("export", "export", N_("Download your data")),
    ("forget", "forget", N_("Erase everything about you")),
    ("help", "help", N_("What I can do")),
)


def register_handlers(app: Application) -> None:
    """All handlers, in order; the first match of group 0 handles the update. Group -2 runs first and
    answers odd button presses (forged or unknown data); group -1 stops updates from group chats."""
    app.add_handler(TypeHandler(Update, refuse_odd_buttons), group=-2)
    app.add_handler(TypeHandler(Update, h.gatekeeper), group=-1)
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, h.edited))
    for names, callback in (
        (("start",), h.start),
        (("help", "aide"), h.help_command),
        (("rehearse", "entretien"), h.rehearse),
        (("end", "fin"), h.end),
        (("cancel", "annuler"), h.cancel),
        (("language", "langue"), h.language),
        (("settings", "reglages"), h.settings),
    ):
        app.add_handler(CommandHandler(list(names), callback, filters=PRIVATE))
    # Feature modules add their commands and callback handlers (with their own data prefixes) here,
    # before the catch-alls below.
    for feature in (challenges, progress, contacts):
        feature.register(app)
    for button in h.BUTTONS:
        app.add_handler(button)
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, h.unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT, h.text_reply))
    app.add_handler(MessageHandler(PRIVATE, h.not_text))


async def on_error(update: object, context: OserContext) -> None:
    """Log with the traceback; tell the user, in their language, what to do.

    A fault of the database that outlasted the handler's own retries is not the user's problem: the
    stored update is left unhandled and queued again once the database answers (ingest.sweep), with
    one log line per outage."""
    if isinstance(update, Update) and context.error is not None and is_database_fault(context.error):
        context.application.bot_data["health"].loop("handlers").failed(context.error)
        retry_later.set(True)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == "private":
        lang = "fr"
        user = update.effective_user
        if user is not None and user.language_code and user.language_code.startswith("en"):
            lang = "en"
        _ = translator(lang)
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                _(
                    "Sorry, something went wrong on my side. Please send your message again in a minute; your rehearsal is saved."
                ),
            )
        except Exception:  # noqa: BLE001 - the error handler must never raise
            log.warning("could not tell the user about the error")


async def post_init(app: Application) -> None:
    rt: Runtime = app.bot_data["runtime"]
    health: Health = app.bot_data["health"]
    default = rt.settings.default_locale
    try:
        for lang in ("en", "fr", None):
            _ = translator(lang or default)
            name = 1 if (lang or default) == "fr" else 0
            await app.bot.set_my_commands(
                [BotCommand(c[name], _(c[2])) for c in COMMANDS], language_code=lang
            )
    except TRANSIENT as exc:  # the menu is a convenience: the next start sets it
        log.warning("could not set the command menu (%s)", reason(exc))
    try:
        await release_stale_claims(rt.sessions)
        sent = await flush_unsent(app.bot, rt.sessions)
    except TRANSIENT as exc:  # the sender job tries again with its backoff
        health.loop("sender", regular=True).failed(exc)
    else:
        if sent:
            log.info("resent %d replies left unsent before the restart", sent)
    if app.job_queue is not None:
        jobs = app.job_queue
        jobs.run_repeating(_retry_unsent, interval=5, first=5, name="sender")
        jobs.run_repeating(_sweep, interval=10, first=10, name="intake-sweep")
        jobs.run_repeating(_purge, interval=3600, first=60, name="purge-delivery-records")
        supervise_jobs(app)


def supervise_jobs(app: Application) -> None:
    """Every periodic job (the features' too) under a Loop of its name: backoff on faults, one log
    line per outage. Only the sender counts for health (it must make progress regularly)."""
    health: Health = app.bot_data["health"]
    if app.job_queue is None:
        return
    for job in app.job_queue.jobs():
        if not is_supervised(job.callback):
            sender = job.name == "sender"
            loop = health.loop(job.name or job.callback.__name__, regular=sender, vital=sender)
            job.callback = supervised_job(loop, job.callback)


async def _retry_unsent(context: OserContext) -> None:
    rt: Runtime = context.application.bot_data["runtime"]
    await flush_unsent(context.bot, rt.sessions, strict=True)


async def _sweep(context: OserContext) -> None:
    """Queue again the stored updates left unhandled (their handling met a database fault)."""
    rt: Runtime = context.application.bot_data["runtime"]
    await sweep(context.application, rt)


async def _purge(context: OserContext) -> None:
    rt: Runtime = context.application.bot_data["runtime"]
    deleted = await purge_delivery_records(rt.sessions)
    if any(deleted.values()):
        log.info(
            "purged delivery records older than a week: %s",
            ", ".join(f"{count} from {table}" for table, count in deleted.items()),
        )


async def close_requests(app: Application) -> None:
    """Close the HTTP sessions, also when the bot stopped before it was fully initialised."""
    for request in app.bot_data["requests"]:
        await request.shutdown()


async def post_shutdown(app: Application) -> None:
    rt: Runtime = app.bot_data["runtime"]
    await rt.engine.dispose()


def build_application(
    runtime: Runtime, token: str, *, rate_limiter: TelegramRateLimiter | None = None
) -> Application:
    health = Health(runtime.settings.health_stall_seconds)
    processor = ChatOrderedProcessor(runtime, health)
    requests = (AiohttpRequest(connection_pool_size=processor.max_concurrent_updates + 4), AiohttpRequest(2))
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(context=OserContext))
        .rate_limiter(rate_limiter or TelegramRateLimiter(overall_per_second=runtime.settings.telegram_rate))
        # Updates come from our own durable intake (bot/telegram/ingest.py), not PTB's Updater.
        .updater(None)
        .concurrent_updates(processor)
        # A connection for each handler running, plus a few for the jobs.
        .request(requests[0])
        .get_updates_request(requests[1])
    )
    base = runtime.settings.telegram_base_url
    if base:
        base = base.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    app = builder.build()
    app.bot_data["runtime"] = runtime
    app.bot_data["requests"] = requests
    app.bot_data["health"] = health
    register_handlers(app)
    app.add_error_handler(on_error)
    return app
