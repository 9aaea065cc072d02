"""Progress and personal data in Telegram: /stats (with its chart), /history, /export, /privacy,
/forget, and the optional mood taps before and after a rehearsal.

Queries and computations live in `bot/progress/service.py`; this module reads the update, calls them and
renders the replies.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from babel.dates import format_date
from babel.numbers import format_decimal
from telegram import InputFile, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CommandHandler

from bot.buttons import (
    ChooseScenario,
    ForgetNo,
    ForgetYes,
    HistoryDebrief,
    HistoryPage,
    Mood,
    MoodAfter,
    MoodBefore,
    WhyKey,
)
from bot.challenges.rules import zone, zone_label
from bot.coach.keys import KEY_IDS
from bot.i18n import N_, Translate, locale_of, ngettext, pick_language, translator
from bot.progress import chart
from bot.progress import service as progress
from bot.rehearsal.service import load_rehearsal
from bot.render import KEY_NAMES, Buttons, debrief_text
from bot.store.models import Rehearsal, User, utcnow
from bot.telegram import prompts
from bot.telegram.callbacks import on
from bot.telegram.context import OserContext, Upload, required
from bot.telegram.delivery import Handler, transactional
from bot.telegram.extensions import (
    EXPORT_SECTIONS,
    FLOWS,
    PRIVATE,
    REHEARSAL_HOOKS,
    STATS_SECTIONS,
    RehearsalHook,
)
from bot.telegram.prompts import parks_prompt

log = logging.getLogger(__name__)

# A /forget confirmation button older than this asks again: an old tap must not erase everything.
FORGET_BUTTON_TTL = 15 * 60
MOOD_FACES = {1: "😟", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
MOODS: tuple[Mood, ...] = (1, 2, 3, 4, 5)


def register(app: Application) -> None:
    """Add the commands and buttons of progress and personal data."""
    for names, callback in (
        (("stats",), stats),
        (("history", "historique"), history),
        (("export",), export),
        (("privacy", "confidentialite"), privacy),
        (("forget", "oublier"), forget),
    ):
        app.add_handler(CommandHandler(list(names), callback, filters=PRIVATE))
    for handler in (
        on(MoodBefore, on_mood_before),
        on(MoodAfter, on_mood_after),
        on(HistoryPage, on_history_page),
        on(HistoryDebrief, on_history_debrief),
        on(ForgetYes, on_forget_yes, transaction=False),  # see _erase
        on(ForgetNo, on_forget_no),
    ):
        app.add_handler(handler)
    FLOWS[MOOD_FLOW] = mood_answer
    if REHEARSAL_HOOK not in REHEARSAL_HOOKS:
        REHEARSAL_HOOKS.append(REHEARSAL_HOOK)
    prompts.PROMPTS[MOOD_FLOW] = prompts.Prompt(
        lambda _, f: _("the question about how you feel"), _ask_mood_again, quiet=True
    )
    # matplotlib is imported at the first /stats only (about a second, once per process): loading it
    # at start would cost every instance ~40 MB of memory whether or not anyone asks for a chart.


# --------------------------------------------------------------------------- files after the commit


def with_upload(func: Handler) -> Handler:
    """`transactional`, then send the file the handler prepared in `context.upload`.

    The outbox (delivery.py) carries text replies only. These commands change nothing, so their file
    is sent directly after the commit instead of through it: if it is lost (crash, network), nothing
    is inconsistent and the user simply asks again. A redelivered update is not handled again, so
    it sends no second file."""
    inner = transactional(func)

    @wraps(func)
    async def wrapper(update: Update, context: OserContext) -> None:
        context.upload = None
        await inner(update, context)
        upload: Upload | None = context.upload
        if upload is None or update.effective_chat is None:
            return
        chat_id = update.effective_chat.id
        try:
            data = await asyncio.to_thread(upload.make)
            file = InputFile(data, filename=upload.filename)
            if upload.kind == "photo":
                await context.bot.send_photo(chat_id, file, caption=upload.caption)
            else:
                await context.bot.send_document(chat_id, file, caption=upload.caption)
        except TelegramError as exc:
            log.warning("%s not sent (%s)", upload.kind, type(exc).__name__)
            try:
                await context.bot.send_message(chat_id, upload.failed)
            except TelegramError:
                log.warning("could not tell the user that the %s was not sent", upload.kind)

    return wrapper


# --------------------------------------------------------------------------- /stats


def _average(value: float, locale: str) -> str:
    return format_decimal(round(value), locale=locale)


def _mood(value: float, locale: str) -> str:
    return format_decimal(value, format="0.0", locale=locale)


def _trend_line(name: str, t: progress.Trend, fmt: Callable[[float, str], str], _: Translate) -> str:
    if t.recent is None:
        return _("• {key}: not measured yet").format(key=name)
    locale = locale_of(_)
    if t.previous is None:
        return _("• {key}: {value}").format(key=name, value=fmt(t.recent, locale))
    return _("• {key}: {value} {arrow} ({before})").format(
        key=name, value=fmt(t.recent, locale), arrow=t.arrow, before=fmt(t.previous, locale)
    )


def stats_text(context: OserContext, p: progress.Progress) -> tuple[str, Buttons]:
    """The rehearsal part of /stats: counts, each key's trend, best key and key to work on, mood."""
    _ = context._
    lines = [_("📊 Your progress"), _("Rehearsals done: {count}").format(count=p.done), ""]
    window = min(p.done, progress.WINDOW)
    if any(t.previous is not None for t in p.keys.values()):
        lines.append(_("Each key, average of your last 5 rehearsals (and of the 5 before):"))
    else:
        lines.append(
            ngettext(
                "Each key, score of your last rehearsal:",
                "Each key, average of your last {count} rehearsals:",
                window,
                _,
            ).format(count=window)
        )
    for key in KEY_IDS:
        lines.append(_trend_line(_(KEY_NAMES[key]), p.keys[key], _average, _))
    buttons: Buttons = []
    best = p.best
    if best is not None:
        lines += ["", _("🏆 Best key: {key}").format(key=_(KEY_NAMES[best]))]
    found = recommendation(context, p.points)
    if found is not None:
        key, suggestion = found
        lines.append(_("🎯 Key to work on: {key}").format(key=_(KEY_NAMES[key])))
        if suggestion is not None:
            lines.append(partner_line(context, suggestion))
            buttons.append(partner_button(context, suggestion))
    if p.has_moods:
        if p.mood_before.previous is not None or p.mood_after.previous is not None:
            lines += ["", _("How you feel (1 = uneasy, 5 = at ease), last 5 rehearsals (and the 5 before):")]
        else:
            lines += ["", _("How you feel (1 = uneasy, 5 = at ease), average of your last rehearsals:")]
        lines.append(_trend_line(_("before the conversation"), p.mood_before, _mood, _))
        lines.append(_trend_line(_("after the conversation"), p.mood_after, _mood, _))
    if p.done < 2:
        lines += ["", _("Your chart appears after your second rehearsal.")]
    return "\n".join(lines), buttons


def recommendation(context: OserContext, points: list[progress.Point]):
    """The key to work on and a persona for it: one logic for /stats and the debrief."""
    lang = context.user.language
    return progress.recommendation(
        points, lambda key, exclude: context.runtime.suggest_for(key, lang, exclude)
    )


def partner_line(context: OserContext, scenario) -> str:
    return context._("{name} is a good partner for that. {pitch}").format(
        name=scenario.persona.name, pitch=scenario.pitch_in(context.user.language)
    )


def partner_button(context: OserContext, scenario) -> list[tuple[str, str]]:
    return [
        (
            context._("Rehearse with {name}").format(name=scenario.persona.name)[:60],
            ChooseScenario(scenario.id).to_data(),
        )
    ]


EMPTY_STATS = N_(
    "📊 No rehearsal yet, so nothing to measure. After your first debrief you will see here how you "
    "progress on each of the seven keys, with a chart.\n\nType /rehearse to choose a persona: a "
    "conversation takes about five minutes."
)


def chart_labels(_: Translate, shown: int) -> chart.Labels:
    panels = {key: _(KEY_NAMES[key]) for key in KEY_IDS}
    panels["overall"] = _("Overall")
    return chart.Labels(
        title=_("Your seven keys"),
        subtitle=ngettext(
            "Last {count} rehearsal · dots: each rehearsal · line: average of 5",
            "Last {count} rehearsals · dots: each rehearsal · line: average of 5",
            shown,
            _,
        ).format(count=shown),
        x_label=_("Rehearsal no. (oldest → newest)"),
        not_measured=_("not measured yet"),
        panels=panels,
    )


@with_upload
@parks_prompt
async def stats(update: Update, context: OserContext) -> None:
    """Progress on each key and the mood, the other features' figures, then the chart."""
    _ = context._
    points = await progress.finished_rehearsals(context.db, context.user.id)
    if points:
        p = progress.progress_of(points)
        text, buttons = stats_text(context, p)
    else:
        text, buttons = _(EMPTY_STATS), []
    for section in STATS_SECTIONS:
        paragraph = await section(context)
        if paragraph:
            text += "\n\n" + paragraph
    context.reply(text, buttons)
    if len(points) >= 2:
        series = progress.chart_series(points)
        labels = chart_labels(_, min(len(points), progress.CHART_REHEARSALS))
        context.upload = Upload(
            kind="photo",
            make=lambda: chart.render(series, labels).png,
            filename="oser-progress.png",
            caption=_("Your keys over your rehearsals. /history lists them."),
            failed=_("I couldn't send your chart. Please try /stats again in a minute."),
        )


# --------------------------------------------------------------------------- /history


def _day(context: OserContext, moment) -> str:
    day = progress.local_day(moment, context.user.timezone, context.runtime.settings.default_timezone)
    return format_date(day, format="medium", locale=context.user.language)


def history_view(context: OserContext, page: progress.HistoryPage) -> tuple[str, Buttons]:
    _ = context._
    if page.total == 0:
        return _(
            "No finished rehearsal yet. Type /rehearse to start one: your debriefs will be listed here."
        ), []
    lines = [_("🗂 Your rehearsals, most recent first:"), ""]
    buttons: Buttons = []
    for item in page.items:
        number = item.number
        scenario = context.runtime.scenarios.get(item.scenario_id)
        name = scenario.persona.name if scenario else item.scenario_id
        score = _("{score}/100").format(score=item.overall) if item.overall is not None else _("not measured")
        day = _day(context, item.started_at)
        lines.append(f"{number}. {day} · {name} · {score}")
        buttons.append(
            [
                (
                    _("Debrief {number}: {name}").format(number=number, name=name)[:60],
                    HistoryDebrief(item.rehearsal_id).to_data(),
                )
            ]
        )
    if page.pages > 1:
        nav = []
        if page.page > 0:
            nav.append(("◀️ " + _("Newer"), HistoryPage(page.page - 1).to_data()))
        nav.append((f"{page.page + 1}/{page.pages}", HistoryPage(page.page).to_data()))
        if page.page < page.pages - 1:
            nav.append((_("Older") + " ▶️", HistoryPage(page.page + 1).to_data()))
        buttons.append(nav)
    lines += ["", _("Tap a rehearsal to see its debrief again.")]
    return "\n".join(lines), buttons


@transactional
@parks_prompt
async def history(update: Update, context: OserContext) -> None:
    """The last rehearsals, a page at a time, each with a button that shows its debrief again."""
    page = await progress.history_page(context.db, context.user.id, 0)
    context.reply(*history_view(context, page))


def _why_buttons(rehearsal_id: int, _: Translate) -> Buttons:
    """The same "Why?" buttons as under a fresh debrief (handled by the core)."""
    labels = [
        (_("Why? {key}").format(key=_(KEY_NAMES[k])), WhyKey(rehearsal_id, k).to_data()) for k in KEY_IDS
    ]
    return [labels[i : i + 2] for i in range(0, len(labels), 2)]


async def on_history_page(update: Update, context: OserContext, button: HistoryPage) -> None:
    """Page the history, in place."""
    query = required(update.callback_query, "a button press")
    page = await progress.history_page(context.db, context.user.id, button.page)
    context.reply(*history_view(context, page), edit=query.message.message_id if query.message else None)


async def on_history_debrief(update: Update, context: OserContext, button: HistoryDebrief) -> None:
    """Show a past rehearsal's debrief again."""
    _ = context._
    rehearsal = await load_rehearsal(context.db, context.user.id, button.rehearsal_id)
    if rehearsal is None or rehearsal.status != "ended":
        context.callback_answer = _("I can't find that rehearsal any more. /history shows the current list.")
        return
    scenario = context.runtime.scenarios.get(rehearsal.scenario_id)
    debrief = context.runtime.rehearsals.debrief(rehearsal)
    context.reply(debrief_text(debrief, scenario, _), _why_buttons(rehearsal.id, _))


# --------------------------------------------------------------------------- mood check


def _opening(context: OserContext, rehearsal: Rehearsal) -> tuple[str, Buttons]:
    """Under a rehearsal's introduction: the optional mood question, its taps on the first line."""
    return mood_question_before(context._), mood_buttons(rehearsal.id, "before")


async def _after_debrief(context: OserContext, rehearsal: Rehearsal) -> None:
    """After a debrief: the optional mood question, then the key to work on and a persona for it."""
    _ = context._
    ask_closing_mood(context, rehearsal)
    # The same recommendation as /stats: over the recent rehearsals, this one included.
    found = recommendation(context, await progress.finished_rehearsals(context.db, context.user.id))
    if found is not None and found[1] is not None:
        key, suggestion = found
        context.reply(
            _("Your key to work on: {key}.").format(key=_(KEY_NAMES[key]))
            + " "
            + partner_line(context, suggestion),
            [partner_button(context, suggestion)],
        )
    else:
        context.reply(_("Well done for practising! /rehearse to try again or meet someone else."))


REHEARSAL_HOOK = RehearsalHook(_opening, _after_debrief)


def mood_buttons(rehearsal_id: int, moment: str) -> Buttons:
    """One row of five taps, 1 (uneasy) to 5 (at ease); `moment` is "before" or "after"."""
    kind = MoodBefore if moment == "before" else MoodAfter
    return [[(f"{n} {MOOD_FACES[n]}", kind(rehearsal_id, n).to_data()) for n in MOODS]]


def mood_question_before(_: Translate) -> str:
    """Joined to the rehearsal's introduction; the taps come under the persona's first line."""
    return _(
        "Optional: how do you feel about this conversation? Tap 1 (uneasy) to 5 (at ease) below, or simply reply."
    )


MOOD_FLOW = "mood_after"
_MOOD_TYPED = re.compile(r"^\s*([1-5])\s*(?:/\s*5)?\s*\W*$")


def ask_closing_mood(context: OserContext, rehearsal: Rehearsal) -> None:
    """Queue the optional mood question that follows a debrief (a tap, or a typed 1 to 5)."""
    _ = context._
    prompts.start(context, {"kind": MOOD_FLOW, "rehearsal_id": rehearsal.id})
    context.reply(
        _(
            "And after this conversation, how do you feel? Tap 1 (uneasy) to 5 (at ease). Optional: it counts towards “{key}”."
        ).format(key=_(KEY_NAMES["enjoy"])),
        mood_buttons(rehearsal.id, "after"),
    )


async def on_mood_after(update: Update, context: OserContext, button: MoodAfter) -> None:
    """A mood tap after the debrief: stored, and the scores recomputed."""
    query = required(update.callback_query, "a button press")
    prompts.close(context, MOOD_FLOW)
    await _closing_mood(
        context, button.rehearsal_id, button.mood, query.message.message_id if query.message else None
    )


async def on_mood_before(update: Update, context: OserContext, button: MoodBefore) -> None:
    """A mood tap before the conversation: stored."""
    _ = context._
    message = required(update.callback_query, "a button press").message
    message_id = message.message_id if message else None
    noted = await progress.record_mood(
        context.db, context.runtime.rehearsals, context.user.id, button.rehearsal_id, "before", button.mood
    )
    if noted is None:
        context.callback_answer = _("I can't find that rehearsal any more. /rehearse starts a new one.")
        return
    context.callback_answer = _("Noted, thank you. Your turn: reply whenever you are ready.")
    # The same text without the taps: one tap per rehearsal, and the chat stays tidy.
    if message_id is not None and isinstance(message, Message) and message.text:
        context.reply(message.text, edit=message_id)


async def _closing_mood(context: OserContext, rehearsal_id: int, value: int, edit: int | None) -> None:
    """Store the mood after a debrief (tapped or typed) and say what it changed."""
    _ = context._
    noted = await progress.record_mood(
        context.db, context.runtime.rehearsals, context.user.id, rehearsal_id, "after", value
    )
    if noted is None:
        context.callback_answer = _("I can't find that rehearsal any more. /rehearse starts a new one.")
        return
    text = _("Noted, thank you: {mood}/5 {face}").format(mood=value, face=MOOD_FACES[value])
    if noted.enjoy_after is not None:
        text += "\n" + _("With your mood taken into account, {key} is now {score}/100.").format(
            key=_(KEY_NAMES["enjoy"]), score=noted.enjoy_after
        )
    text += "\n" + _("/stats shows how your mood evolves.")
    context.reply(text, edit=edit)


async def mood_answer(update: Update, context: OserContext, text: str) -> bool:
    """A typed answer to the mood question after a debrief: 1 to 5; anything else is not for it."""
    flow = prompts.close(context, MOOD_FLOW) or {}
    match = _MOOD_TYPED.match(text)
    if match is None:
        return False  # the question is optional: the text goes where it would have gone without it
    await _closing_mood(context, int(flow.get("rehearsal_id") or 0), int(match.group(1)), None)
    return True


async def _ask_mood_again(context: OserContext, flow: dict) -> None:
    rehearsal = await load_rehearsal(context.db, context.user.id, int(flow.get("rehearsal_id") or 0))
    if rehearsal is not None:
        ask_closing_mood(context, rehearsal)


# --------------------------------------------------------------------------- /export


@with_upload
@parks_prompt
async def export(update: Update, context: OserContext) -> None:
    """Everything stored about the user, as a JSON document."""
    _ = context._
    data = await progress.export_user(context.db, context.user, EXPORT_SECTIONS)
    _readable_export(context, data)
    day = progress.local_day(utcnow(), context.user.timezone, context.runtime.settings.default_timezone)
    context.upload = Upload(
        kind="document",
        make=lambda: json.dumps(data, ensure_ascii=False, indent=2).encode(),
        filename=f"oser-export-{day.isoformat()}.json",
        caption=_("Everything I keep about you, as JSON. /privacy explains it; /forget erases it."),
        failed=_("I couldn't send the file. Please try /export again in a minute."),
    )


def _readable_export(context: OserContext, data: dict) -> None:
    """Besides the contract's fields: each persona's name, the zone as the user knows it, and each
    rehearsal's start in the user's local time (the stored times stay ISO 8601 UTC)."""
    zone_name = context.user.timezone or context.runtime.settings.default_timezone
    data["user"]["timezone_label"] = zone_label(zone_name, context.user.language)
    local = zone(zone_name, context.runtime.settings.default_timezone)
    for item in data["sessions"]:
        scenario = context.runtime.scenarios.get(item["scenario"])
        item["persona"] = scenario.persona.name if scenario else None
        started = datetime.fromisoformat(item["started_at"]) if item["started_at"] else None
        item["started_at_local"] = started.astimezone(local).isoformat() if started else None


# --------------------------------------------------------------------------- /privacy


PRIVACY = N_(
    "🔒 Your data\n\n"
    "What I keep, and why:\n"
    "• your Telegram user and chat ids, first name and language: to talk to you;\n"
    "• your settings (feedback mode, time zone, daily challenge time): to follow your choices;\n"
    "• your rehearsals: every message you write in them and the persona's replies, the labels and scores "
    "computed from them, and your mood taps: for the debriefs, /history and /stats;\n"
    "• your daily challenges, what you did with them and your reflections; your contacts journal and its "
    "reminders;\n"
    "• the messages on their way to and from you (received updates, replies waiting to be sent): so that "
    "none is lost or handled twice; these are erased after a week.\n\n"
    "How long: the rest stays until you erase it with /forget. Nothing is shared with anyone. The technical logs record "
    "timings and errors, never the text of your messages. Like every Telegram conversation, our messages "
    "travel through Telegram.\n\n"
    "Your choice, at any time:\n"
    "/export — receive everything as a JSON file\n"
    "/forget — erase everything, for good"
)


@transactional
@parks_prompt
async def privacy(update: Update, context: OserContext) -> None:
    """What is stored, why, for how long, and how to export or erase it."""
    context.reply(context._(PRIVACY))


# --------------------------------------------------------------------------- /forget


@transactional
@parks_prompt
async def forget(update: Update, context: OserContext) -> None:
    """Ask for confirmation before erasing everything."""
    _ = context._
    context.reply(
        _(
            "This erases everything I keep about you: your rehearsals and every message in them, scores, mood "
            "taps, daily challenges, contacts journal and settings. It cannot be undone.\n\n"
            "Want a copy first? /export sends it to you."
        ),
        [
            [(_("Yes, erase everything"), ForgetYes(int(time.time())).to_data())],
            [(_("No, keep my data"), ForgetNo().to_data())],
        ],
    )


async def on_forget_yes(update: Update, context: OserContext, button: ForgetYes) -> None:
    """The /forget "yes": a fresh one erases; an expired one only says so."""
    if 0 <= time.time() - button.issued <= FORGET_BUTTON_TTL:
        await _erase(update, context)
    else:
        await _expired_yes(update, context)


@transactional
async def _expired_yes(update: Update, context: OserContext) -> None:
    _keep(
        update,
        context,
        context._("This button has expired: nothing was erased. Send /forget again if you still want to."),
    )


async def on_forget_no(update: Update, context: OserContext, button: ForgetNo) -> None:
    """The /forget "no"."""
    _keep(update, context, context._("Nothing was erased. /privacy explains what I keep and why."))


def _keep(update: Update, context: OserContext, text: str) -> None:
    query = required(update.callback_query, "a button press")
    context.reply(text, edit=query.message.message_id if query.message else None)


async def _erase(update: Update, context: OserContext) -> None:
    """Delete every row about the user, then say so.

    Deliberately not `transactional`: that would record the update, and queue the confirmation, in
    rows that carry the user's id (processed_updates, outbox), the very rows /forget must leave
    behind. Erasing is idempotent, so a redelivered update just erases nothing and confirms again."""
    rt = context.runtime
    tg_user = required(update.effective_user, "a sender")
    query = required(update.callback_query, "a button press")
    async with rt.sessions() as session:
        user = await session.get(User, tg_user.id)
        lang = user.language if user else pick_language(tg_user.language_code, rt.settings.default_locale)
        deleted = await progress.forget_user(session, tg_user.id)
        await session.commit()
    log.info("a user's data was erased on request (%d rows)", sum(deleted.values()))
    context.application.drop_user_data(tg_user.id)
    _ = translator(lang)
    try:
        await query.answer()
    except TelegramError as exc:
        log.debug("callback answer failed: %s", exc)
    text = _(
        "Done: everything I kept about you is erased. If you come back, I'll greet you as a new user: "
        "/start whenever you like."
    )
    # A private chat's id is the user's id, should Telegram leave out the message (too old).
    chat_id = update.effective_chat.id if update.effective_chat else tg_user.id
    try:
        if query.message is None:
            raise BadRequest("no message to edit")
        await context.bot.edit_message_text(text, chat_id=chat_id, message_id=query.message.message_id)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return
        try:
            await context.bot.send_message(chat_id, text)
        except TelegramError:
            log.warning("could not confirm the erasure")
    except TelegramError:
        log.warning("could not confirm the erasure")
