"""Who owns the user's next free-text message.

At most one guided prompt waits for the user's text at a time (`user.settings["flow"]`: a contact
flow step, a challenge reflection, a settings question…); without one, the rehearsal in progress
gets the text. The most recent explicit action wins: any command, or starting a rehearsal, parks the
open prompt (`user.settings["parked"]`) and says so in one line with a button to resume it; starting
another prompt parks the previous one the same way. Everything lives in the user's row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps

from telegram import Update

from bot.buttons import ResumePrompt
from bot.i18n import N_, Translate
from bot.telegram.context import OserContext


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the core needs to know about a kind of prompt: how to name it, how to ask it again."""

    # "logging your meeting with Anna": what is put on hold, for the one-line note.
    describe: Callable[[Translate, dict], str]
    # Ask the prompt's question again (after "Resume").
    ask: Callable[[OserContext, dict], Awaitable[None]]
    # An optional question (the mood after a debrief): a command simply drops it, without a note.
    quiet: bool = False


PROMPTS: dict[str, Prompt] = {}


def current(context: OserContext) -> dict | None:
    """The open prompt, or None."""
    user = context.user_or_none
    flow = (user.settings or {}).get("flow") if user is not None else None
    return flow if isinstance(flow, dict) and flow.get("kind") else None


def parked(context: OserContext) -> dict | None:
    user = context.user_or_none
    flow = (user.settings or {}).get("parked") if user is not None else None
    return flow if isinstance(flow, dict) and flow.get("kind") else None


def set_flow(context: OserContext, flow: dict | None) -> None:
    """Update (a dict with at least "kind") or end (None) the open prompt."""
    settings = dict(context.user.settings or {})
    if flow is None:
        settings.pop("flow", None)
    else:
        settings["flow"] = flow
    context.user.settings = settings


def describe(context: OserContext, flow: dict) -> str:
    prompt = PROMPTS.get(flow.get("kind", ""))
    return prompt.describe(context._, flow) if prompt else context._(N_("your last answer"))


def park(context: OserContext) -> None:
    """Put the open prompt on hold (if any), saying so with a button to resume it."""
    flow = current(context)
    if flow is None:
        return
    settings = dict(context.user.settings or {})
    settings.pop("flow", None)
    prompt = PROMPTS.get(flow["kind"])
    if flow.get("quiet") or (prompt is not None and prompt.quiet):
        context.user.settings = settings
        return
    settings["parked"] = flow
    context.user.settings = settings
    _ = context._
    # Only a known kind can be resumed (and its name fits in the button's data).
    resume_button = (
        [[("▶️ " + _("Resume"), ResumePrompt(flow["kind"]).to_data())]] if prompt is not None else []
    )
    context.reply("⏸ " + _("On hold: {what}.").format(what=describe(context, flow)), resume_button)


def start(context: OserContext, flow: dict) -> None:
    """Open a new prompt: it owns the next text; another prompt that was open is parked."""
    open_flow = current(context)
    if open_flow is not None and not _same(open_flow, flow):
        park(context)
    set_flow(context, flow)


def _same(a: dict, b: dict) -> bool:
    return all(a.get(k) == b.get(k) for k in ("kind", "contact_id", "day"))


def close(context: OserContext, kind: str | None = None) -> dict | None:
    """End the open prompt (only if it is of `kind`, when given); the parked one of that kind too."""
    flow = current(context)
    settings = dict(context.user.settings or {})
    if flow is not None and (kind is None or flow["kind"] == kind):
        settings.pop("flow", None)
    else:
        flow = None
    held = parked(context)
    if kind is not None and held is not None and held["kind"] == kind:
        settings.pop("parked", None)
    context.user.settings = settings
    return flow


async def resume(context: OserContext, kind: str) -> bool:
    """The "Resume" button: the parked prompt of that kind owns the text again; False if gone."""
    held = parked(context)
    if held is None or held["kind"] != kind or kind not in PROMPTS:
        return False
    settings = dict(context.user.settings or {})
    settings.pop("parked", None)
    context.user.settings = settings
    start(context, held)
    await PROMPTS[kind].ask(context, held)
    return True


def parks_prompt(func):
    """For commands: the command is an explicit action, so the open prompt is parked first."""

    @wraps(func)
    async def wrapper(update: Update, context: OserContext) -> None:
        if context.user_or_none is not None:
            park(context)
        await func(update, context)

    return wrapper
