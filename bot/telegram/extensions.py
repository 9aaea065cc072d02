"""Extension points where feature modules (challenges, progress, contacts) plug into the core handlers.

Each feature module has a `register(app)` that adds its handlers and jobs and fills these
registries (commands filtered by `PRIVATE`); the core handlers (`/start`, `/settings`, free text, `/stats`, `/export`) read them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import filters

from bot.render import Buttons
from bot.store.models import Rehearsal
from bot.telegram.context import OserContext

# What commands and messages of every feature are filtered by: private chats, new messages only
# (python-telegram-bot's message filters also match edited messages otherwise).
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE

# Free text while a guided flow is under way (user.settings["flow"] = {"kind": …, …}): kind -> handler.
# A handler that returns False did not take the text (and closed its flow): the rehearsal may have it.
FlowHandler = Callable[[Update, OserContext, str], Awaitable[bool | None]]
FLOWS: dict[str, FlowHandler] = {}

# Sections of /stats after the rehearsal figures: each returns a paragraph, or None to show nothing.
StatsSection = Callable[[OserContext], Awaitable[str | None]]
STATS_SECTIONS: list[StatsSection] = []

# Top-level parts of /export besides "user" and "sessions": name -> (session, user) -> JSON-able value.
ExportSection = Callable[[Any, Any], Awaitable[Any]]
EXPORT_SECTIONS: dict[str, ExportSection] = {}


@dataclass(frozen=True, slots=True)
class SettingsHook:
    """A feature's part of /settings: its lines, its buttons, and the `/settings <args>` it understands."""

    lines: Callable[[OserContext], Awaitable[list[str]]]
    buttons: Callable[[OserContext], Awaitable[Buttons]]
    # Returns True when it understood (and answered) the arguments.
    handle_args: Callable[[OserContext, list[str]], Awaitable[bool]]


SETTINGS_HOOKS: list[SettingsHook] = []

# Offers shown under the /start welcome (e.g. subscribe to the daily challenge in one tap).
StartOffer = Callable[[OserContext], Awaitable[tuple[str, Buttons] | None]]
START_OFFERS: list[StartOffer] = []

# After the user changed their time zone or daily hour (in the transaction that changed it), with the
# zone and minute from before: features move what they scheduled at the old local hour.
ScheduleHook = Callable[[OserContext, str | None, int | None], Awaitable[None]]
SCHEDULE_HOOKS: list[ScheduleHook] = []

# After a feature scheduled something at the user's local hour (a contact's reminders): the feature
# that owns the time zone asks for it, once, if the user never set it.
LocalScheduleHook = Callable[[OserContext], Awaitable[None]]
SCHEDULED_LOCALLY: list[LocalScheduleHook] = []


@dataclass(frozen=True, slots=True)
class RehearsalHook:
    """A feature's part in every rehearsal (the mood check and the key to work on, from progress)."""

    # A paragraph joined to the rehearsal's introduction, and buttons under the persona's first line.
    opening: Callable[[OserContext, Rehearsal], tuple[str, Buttons]]
    # Replies after the debrief.
    after_debrief: Callable[[OserContext, Rehearsal], Awaitable[None]]


REHEARSAL_HOOKS: list[RehearsalHook] = []
