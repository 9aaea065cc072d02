"""A bare python-telegram-bot echo bot in webhook mode: the baseline for bench_throughput.py.

Same environment variables as Oser (BOT_TOKEN, TELEGRAM_BASE_URL, WEBHOOK_URL, WEBHOOK_SECRET,
WEBHOOK_LISTEN, WEBHOOK_PORT). It uses PTB's own ``Application.run_webhook`` with PTB's defaults
(updates handled one at a time, default HTTP pool, no rate limiter, no database) and answers every
text message with the same text. ``ECHO_CONCURRENT=N`` (optional) handles up to N updates at once.
Stops on SIGINT/SIGTERM (PTB's run_webhook handles them).
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    builder = Application.builder().token(os.environ["BOT_TOKEN"])
    base = os.environ.get("TELEGRAM_BASE_URL")
    if base:
        base = base.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    concurrent = int(os.environ.get("ECHO_CONCURRENT") or 0)
    if concurrent > 1:
        builder = builder.concurrent_updates(concurrent)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    url = os.environ["WEBHOOK_URL"]
    app.run_webhook(
        listen=os.environ.get("WEBHOOK_LISTEN", "127.0.0.1"),
        port=int(os.environ.get("WEBHOOK_PORT", "8080")),
        url_path=urlparse(url).path.lstrip("/"),
        webhook_url=url,
        secret_token=os.environ["WEBHOOK_SECRET"],
        allowed_updates=Update.ALL_TYPES,
    )


if __name__ == "__main__":
    main()
