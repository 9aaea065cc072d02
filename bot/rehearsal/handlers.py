"""Telegram handlers of the rehearsal (/rehearse, /end, the debrief's "Why?" buttons, the replies),
and the core commands around it (/start, /help, /cancel, /settings, /language, the group gatekeeper):
read the update, call one service function, queue the reply.

Every handler runs inside `transactional` (see delivery.py), so `context.db`, `context.user`,
`context._` are set and replies queued with `context.reply` are sent after the commit.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.buttons import ChooseLanguage, ChooseMode, ChooseScenario, ResumePrompt, ScenarioPage, WhyKey
from bot.coach.analysis import Analysis
from bot.coach.keys import KEY_IDS
from bot.i18n import LOCALES, N_, translator
from bot.rehearsal.service import AlreadyActive, UnknownScenario, load_rehearsal
from bot.render import KEY_NAMES, Buttons, debrief_text, persona_line, seven_keys, why_text
from bot.scenario.engine import is_emoji_only, is_short
from bot.store.models import GroupNote
from bot.telegram import prompts
from bot.telegram.callbacks import on
from bot.telegram.context import OserContext, required
from bot.telegram.delivery import transactional
from bot.telegram.extensions import FLOWS, REHEARSAL_HOOKS, SETTINGS_HOOKS, START_OFFERS
from bot.telegram.prompts import describe, park, parks_prompt

log = logging.getLogger(__name__)

PAGE_SIZE = 6
LONG_MESSAGE = 1200
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def _level(level: int) -> str:
    return "★" * level + "☆" * (3 - level)


@transactional
@parks_prompt
async def start(update: Update, context: OserContext) -> None:
    """Welcome: what the bot does and the seven keys."""
    _ = context._
    name = context.user.first_name or "👋"
    context.reply(
        _("Hello {name}! I'm Oser, your partner for rehearsing networking interviews.").format(name=name)
        + "\n\n"
        + _(
            "You talk with a persona (an HR director, a former colleague, a sceptical founder…) who reacts to what you "
            "actually say. At the end, a debrief scores the seven keys of a good networking conversation, quoting your "
            "own words."
        )
        + "\n\n"
        + _("The seven keys:")
        + "\n"
        + seven_keys(_)
        + "\n\n"
        + _("Type /rehearse to choose a persona. /help lists everything I can do.")
    )
    for offer in START_OFFERS:
        found = await offer(context)
        if found is not None:
            context.reply(*found)


@transactional
@parks_prompt
async def help_command(update: Update, context: OserContext) -> None:
    """The list of commands."""
    _ = context._
    context.reply(
        _(
            "What I can do:\n"
            "/start — welcome and the seven keys\n"
            "/rehearse — choose a persona and start a rehearsal\n"
            "/end — end the rehearsal and get your debrief\n"
            "/cancel — stop the open question, or the rehearsal without a debrief\n"
            "/challenge — today's small dare\n"
            "/stats — your progress, with a chart\n"
            "/history — your past rehearsals\n"
            "/contacts — your journal of real meetings\n"
            "/settings — feedback mode, daily challenge time, time zone\n"
            "/language — Français or English\n"
            "/privacy, /export, /forget — your data\n"
            "/help — this list\n\n"
            "During a rehearsal, simply write your replies as you would say them. When I ask a question, "
            "a typed answer works as well as the buttons."
        )
    )


def _scenario_page(context: OserContext, page: int) -> tuple[str, list[list[tuple[str, str]]]]:
    _ = context._
    scenarios = context.runtime.scenarios_for(context.user.language)
    pages = max(1, (len(scenarios) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = max(0, min(page, pages - 1))
    chunk = scenarios[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [_("Who would you like to talk with?"), ""]
    buttons: list[list[tuple[str, str]]] = []
    for s in chunk:
        lines.append(
            f"{_level(s.level)} {s.persona.name} — {s.persona.role}\n{s.pitch_in(context.user.language)}"
        )
        label = f"{s.persona.name} · {_level(s.level)}"
        buttons.append([(label[:60], ChooseScenario(s.id).to_data())])
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(("◀️ " + _("Previous"), ScenarioPage(page - 1).to_data()))
        nav.append((f"{page + 1}/{pages}", ScenarioPage(page).to_data()))
        if page < pages - 1:
            nav.append((_("Next") + " ▶️", ScenarioPage(page + 1).to_data()))
        buttons.append(nav)
    lines.append("")
    lines.append(_("Level: ★ welcoming, ★★ needs care, ★★★ demanding."))
    return "\n".join(lines), buttons


def _in_progress_text(context: OserContext, scenario_id: str) -> str:
    scenario = context.runtime.scenarios.get(scenario_id)
    name = scenario.persona.name if scenario else scenario_id
    return context._(
        "You are in a rehearsal with {name}. Reply to continue, /end for your debrief, or /cancel."
    ).format(name=name)


@transactional
@parks_prompt
async def rehearse(update: Update, context: OserContext) -> None:
    """List the personas, one button each."""
    current = await context.active_rehearsal()
    if current is not None:
        context.reply(_in_progress_text(context, current.scenario_id))
        return
    if not context.runtime.scenarios:
        context.reply(context._("No persona is available right now. Please try again later."))
        return
    text, buttons = _scenario_page(context, 0)
    context.reply(text, buttons)


async def _begin(update: Update, context: OserContext, scenario_id: str) -> None:
    _ = context._
    rt = context.runtime
    park(context)  # starting a rehearsal is an explicit action: the open prompt waits
    try:
        rehearsal, opening = await rt.rehearsals.start(context.db, context.user, scenario_id)
    except AlreadyActive as exc:
        context.reply(_in_progress_text(context, exc.rehearsal.scenario_id))
        return
    except UnknownScenario:
        context.reply(_("This persona is no longer available. Type /rehearse to see the current list."))
        return
    scenario = rt.scenarios[scenario_id]
    intro = (
        _("You are talking with {name}, {role}.").format(
            name=scenario.persona.name, role=scenario.persona.role
        )
        + "\n"
        + _("Write your replies as you would say them. /end when you are done, /cancel to stop.")
    )
    # Buttons under the persona's first line (the optional mood taps): replying simply skips them.
    buttons: Buttons = []
    for hook in REHEARSAL_HOOKS:
        paragraph, more = hook.opening(context, rehearsal)
        intro += "\n\n" + paragraph
        buttons += more
    context.reply(intro)
    context.reply(persona_line(scenario, opening.text, _), buttons)


async def on_scenario(update: Update, context: OserContext, button: ChooseScenario) -> None:
    """A persona's button: start the rehearsal."""
    await _begin(update, context, button.scenario_id)


async def on_scenario_page(update: Update, context: OserContext, button: ScenarioPage) -> None:
    """Page the list of personas, in place."""
    text, buttons = _scenario_page(context, button.page)
    context.reply(text, buttons, edit=_message_id(update))


async def on_why(update: Update, context: OserContext, button: WhyKey) -> None:
    """Why a key got its score, under a debrief."""
    rehearsal = await load_rehearsal(context.db, context.user.id, button.rehearsal_id)
    if rehearsal is None:
        context.reply(context._("I can't find that rehearsal any more. /rehearse starts a new one."))
        return
    context.reply(why_text(context.runtime.rehearsals.debrief(rehearsal), button.key, context._))


async def on_language(update: Update, context: OserContext, button: ChooseLanguage) -> None:
    prompts.close(context, LANGUAGE_FLOW)
    _set_language(context, button.code)


async def on_mode(update: Update, context: OserContext, button: ChooseMode) -> None:
    _set_mode(context, button.mode)
    message_id = _message_id(update)
    if message_id is not None:  # the settings message marks the new mode, not the old one
        context.reply(*await _settings_view(context), edit=message_id)


async def on_resume(update: Update, context: OserContext, button: ResumePrompt) -> None:
    """The "Resume" button of a prompt on hold."""
    if not await prompts.resume(context, button.kind):
        context.callback_answer = context._("This button has expired.")


def _message_id(update: Update) -> int | None:
    query = required(update.callback_query, "a button press")
    return query.message.message_id if query.message else None


BUTTONS = (
    on(ChooseScenario, on_scenario),
    on(ScenarioPage, on_scenario_page),
    on(WhyKey, on_why),
    on(ChooseLanguage, on_language),
    on(ChooseMode, on_mode),
    on(ResumePrompt, on_resume),
)


async def _debrief_reply(context: OserContext, rehearsal, debrief) -> None:
    _ = context._
    scenario = context.runtime.scenarios.get(rehearsal.scenario_id)
    buttons = []
    row: list[tuple[str, str]] = []
    for key in KEY_IDS:
        row.append((_("Why? {key}").format(key=_(KEY_NAMES[key])), WhyKey(rehearsal.id, key).to_data()))
        if len(row) == 2:
            buttons.append(row)
            row = []
    if row:
        buttons.append(row)
    context.reply(debrief_text(debrief, scenario, _), buttons)
    for hook in REHEARSAL_HOOKS:  # the mood after it, the key to work on
        await hook.after_debrief(context, rehearsal)


@transactional
@parks_prompt
async def end(update: Update, context: OserContext) -> None:
    """End the rehearsal and send the debrief."""
    rt = context.runtime
    rehearsal = await context.active_rehearsal()
    if rehearsal is None:
        context.reply(context._("There is no rehearsal in progress. Type /rehearse to start one."))
        return
    debrief = await rt.rehearsals.finish(context.db, rehearsal)
    await _debrief_reply(context, rehearsal, debrief)


@transactional
async def cancel(update: Update, context: OserContext) -> None:
    """Stop the open prompt (saying what goes on), or else the rehearsal without a debrief."""
    _ = context._
    flow = prompts.close(context)
    rehearsal = await context.active_rehearsal()
    if flow is not None:
        text = _("Cancelled: {what}. Nothing of it was saved.").format(what=describe(context, flow))
        if rehearsal is not None:
            text += "\n" + _in_progress_text(context, rehearsal.scenario_id)
        context.reply(text)
        return
    if rehearsal is None:
        context.reply(context._("There is nothing to cancel. Type /rehearse to start a rehearsal."))
        return
    await context.runtime.rehearsals.cancel(context.db, rehearsal)
    context.reply(
        context._("Rehearsal cancelled, nothing was scored. /rehearse whenever you want to try again.")
    )


def _set_language(context: OserContext, lang: str) -> None:
    context.user.language = lang
    context.user.language_chosen = True
    context._ = translator(lang)
    context.reply(context._("From now on I'll speak English with you."))


LANGUAGE_WORDS = {
    "fr": "fr",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "en": "en",
    "english": "en",
    "anglais": "en",
}
LANGUAGE_FLOW = "settings_language"


def parse_language(text: str) -> str | None:
    """'fr', 'Français', 'anglais', 'English'… as a locale code, or None."""
    return LANGUAGE_WORDS.get(text.strip().strip(".!").lower())


async def _ask_language(context: OserContext, flow: dict | None = None) -> None:
    prompts.start(context, {"kind": LANGUAGE_FLOW})
    context.reply(
        context._("Which language would you like? Tap a button or write it."),
        [[(LANGUAGE_NAMES[code], ChooseLanguage(code).to_data()) for code in LOCALES]],
    )


async def language_answer(update: Update, context: OserContext, text: str) -> None:
    """A typed answer to the language question, read like `/language …`."""
    lang = parse_language(text)
    if lang is None:
        context.reply(
            context._("Write Français or English, or tap a button above; /cancel keeps the current language.")
        )
        return
    prompts.close(context, LANGUAGE_FLOW)
    _set_language(context, lang)


@transactional
@parks_prompt
async def language(update: Update, context: OserContext) -> None:
    """Switch between French and English (`/language fr`, `/language English`, buttons or a typed answer)."""
    lang = parse_language(" ".join(context.args or []))
    if lang is not None:
        _set_language(context, lang)
        return
    await _ask_language(context)


FLOWS[LANGUAGE_FLOW] = language_answer
prompts.PROMPTS[LANGUAGE_FLOW] = prompts.Prompt(lambda _, f: _("the language question"), _ask_language)


MODE_NAMES = {
    "study": N_("study (a one-line tip after each reply)"),
    "real": N_("real (feedback only in the debrief)"),
}


def _set_mode(context: OserContext, mode: str) -> None:
    context.user.settings = {**(context.user.settings or {}), "mode": mode}
    context.reply(context._("Mode set to {mode}.").format(mode=context._(MODE_NAMES[mode])))


async def _settings_view(context: OserContext) -> tuple[str, list[list[tuple[str, str]]]]:
    """The /settings message: every setting, with the current choices marked."""
    _ = context._
    mode = (context.user.settings or {}).get("mode", "real")
    lines = [_("Your settings:"), _("Feedback mode: {mode}").format(mode=_(MODE_NAMES[mode]))]
    buttons = [
        [
            (("• " if mode == "study" else "") + _("Study"), ChooseMode("study").to_data()),
            (("• " if mode == "real" else "") + _("Real"), ChooseMode("real").to_data()),
        ]
    ]
    for hook in SETTINGS_HOOKS:
        lines += await hook.lines(context)
        buttons += await hook.buttons(context)
    return "\n".join(lines), buttons


@transactional
@parks_prompt
async def settings(update: Update, context: OserContext) -> None:
    """Show or change settings: `/settings mode study|real`, and the features' own arguments."""
    _ = context._
    args = [a for a in (context.args or [])]
    lowered = [a.lower() for a in args]
    if len(lowered) >= 2 and lowered[0] == "mode" and lowered[1] in MODE_NAMES:
        _set_mode(context, lowered[1])
        return
    if args:
        for hook in SETTINGS_HOOKS:
            if await hook.handle_args(context, args):
                return
    text, buttons = await _settings_view(context)
    if args:
        text = _("I didn't understand. Use /settings mode study or /settings mode real.") + "\n\n" + text
    context.reply(text, buttons)


# A job request comes first: it is the mistake to correct, whatever else the reply shows. The example
# speaks to the persona, so it follows the scenario's register.
JOB_REQUEST_TIP = {
    "vous": N_(
        "💡 Asking for a job turns the talk into a job interview. Ask for advice or a contact instead, "
        "like “Who would you advise me to meet?”"
    ),
    "tu": N_(
        "💡 Asking for a job turns the talk into a job interview. Ask for advice or a contact instead, "
        "like “Who would you advise me to meet?” (tu)"
    ),
}

TIPS = (
    ("presumption", N_("💡 That sounds like an assumption: ask a question instead.")),
    ("asking", N_("💡 You dared to ask: well done.")),
    ("giving", N_("💡 You offered something first: a great way to build trust.")),
    ("open_question", N_("💡 An open question: it invites a real story.")),
    ("closed_question", N_("💡 A closed question: try starting with “how” or “what”.")),
    ("gratitude", N_("💡 Thanking people builds a lasting relationship.")),
)


def study_tip(analysis: Analysis, short: bool, register: str = "vous") -> str:
    if analysis.has("job_request"):
        return JOB_REQUEST_TIP.get(register, JOB_REQUEST_TIP["vous"])
    for label, tip in TIPS:
        if analysis.has(label):
            return tip
    if short:
        return N_("💡 A very short reply gives little to work with: add a question or a bit of your story.")
    return N_("💡 Try an open question about their work, or offer something useful.")


@transactional
async def text_reply(update: Update, context: OserContext) -> None:
    """A reply during a rehearsal: stored, scored, answered by the persona."""
    _ = context._
    rt = context.runtime
    text = required(update.message, "a message").text or ""
    flow = (context.user.settings or {}).get("flow")
    if flow and flow.get("kind") in FLOWS and await FLOWS[flow["kind"]](update, context, text) is not False:
        return
    rehearsal = await context.active_rehearsal()
    if rehearsal is None:
        context.reply(_("No rehearsal in progress. Type /rehearse to choose a persona and start."))
        return
    if is_emoji_only(text):
        context.reply(
            _("Emoji alone can't carry the conversation: write your reply in words.")
            + "\n"
            + _in_progress_text(context, rehearsal.scenario_id)
        )
        return
    outcome = await rt.rehearsals.reply(context.db, rehearsal, text, update.update_id)
    scenario = rt.scenarios[rehearsal.scenario_id]
    if len(text) > LONG_MESSAGE:
        context.reply(
            _("That's a long message! In a real conversation, shorter turns leave room for the other person.")
        )
    if outcome.persona is not None:
        context.reply(persona_line(scenario, outcome.persona.text, _))
    if (context.user.settings or {}).get("mode") == "study" and outcome.debrief is None:
        context.reply(_(study_tip(outcome.analysis, is_short(text), scenario.address)))
    if outcome.persona is not None and outcome.persona.ending:
        context.reply(
            _(
                "{name} is wrapping up. Say your last word if you like (a thank-you counts), or /end for your debrief."
            ).format(name=scenario.persona.name.split()[0])
        )
    if outcome.debrief is not None:
        await _debrief_reply(context, rehearsal, outcome.debrief)


@transactional
async def not_text(update: Update, context: OserContext) -> None:
    """Stickers, photos, voice notes, files: explain that only text counts."""
    _ = context._
    text = _("I can only read text messages: please write your reply in words.")
    rehearsal = await context.active_rehearsal()
    if rehearsal is not None:
        text += "\n" + _in_progress_text(context, rehearsal.scenario_id)
    else:
        text += "\n" + _("Type /rehearse to start a rehearsal.")
    context.reply(text)


@transactional
@parks_prompt
async def unknown_command(update: Update, context: OserContext) -> None:
    """A command the bot does not know."""
    context.reply(context._("I don't know that command. /help lists what I can do."))


@transactional
async def edited(update: Update, context: OserContext) -> None:
    """Edits do not change a rehearsal: say so."""
    if update.effective_chat and update.effective_chat.type != "private":
        return
    context.reply(
        context._(
            "I noticed you edited a message: edits don't change the rehearsal. Send your new version as a new message."
        )
    )


@transactional
async def _group_note(update: Update, context: OserContext) -> None:
    chat = required(update.effective_chat, "a chat")
    if await context.db.get(GroupNote, chat.id) is None:
        context.db.add(GroupNote(chat_id=chat.id))
        context.reply(
            context._("I work in private conversations only: open a private chat with me to rehearse.")
        )


async def gatekeeper(update: Update, context: OserContext) -> None:
    """Before any handler: groups get a one-time note, and nothing else happens there."""
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        if update.message is not None or update.callback_query is not None:
            await _group_note(update, context)
        raise ApplicationHandlerStop
