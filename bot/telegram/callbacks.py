"""Button presses in Telegram: odd ones refused before any handler, each kind routed to its handler.

The buttons themselves (one typed class per action, which encodes and decodes its data) are
declared in bot/buttons.py. `refuse_odd_buttons` runs before every other handler: data that no
declared button accepts (forged, unknown, malformed), and a callback without the message its button
was on (an inline message: the bot sends none), are answered "This button has expired", nothing
else. `on` routes one kind of button by its pattern to a handler that receives it decoded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.buttons import Button, parse
from bot.telegram.context import OserContext, required
from bot.telegram.delivery import transactional

B = TypeVar("B", bound=Button)


def on(
    kind: type[B],
    handler: Callable[[Update, OserContext, B], Awaitable[None]],
    *,
    transaction: bool = True,
) -> CallbackQueryHandler:
    """Route presses of one kind of button to `handler`, with the button decoded, in a transaction
    (`transaction=False` for the one handler that must leave no trace: erasing the user's data)."""

    @wraps(handler)
    async def run(update: Update, context: OserContext) -> None:
        data = required(update.callback_query, "a button press").data
        # refuse_odd_buttons already refused what `parse` refuses (an id above MAX_ID)
        await handler(update, context, required(kind.parse(data), "well-formed button data"))

    return CallbackQueryHandler(transactional(run) if transaction else run, pattern=kind.pattern)


def is_odd(update: Update) -> bool:
    """A button press no handler should see: unknown data, or no message to act on."""
    query = update.callback_query
    return query is not None and (query.message is None or parse(query.data) is None)


@transactional
async def _expired(update: Update, context: OserContext) -> None:
    context.callback_answer = context._("This button has expired.")


async def refuse_odd_buttons(update: Update, context: OserContext) -> None:
    """Before every handler: an odd button press gets "This button has expired", nothing else."""
    if is_odd(update):
        await _expired(update, context)
        raise ApplicationHandlerStop
