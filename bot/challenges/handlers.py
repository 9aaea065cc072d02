"""Telegram side of the daily challenge: /challenge (/defi), the message's buttons, the reflection
flow, its settings, the /start offer, /stats and /export sections, a shared location, and the job
that sends due challenges every minute. The rules live in bot/challenges/service.py and bot/challenges/rules.py.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from pathlib import Path

from babel.dates import format_date
from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot import buttons as cb
from bot.challenges import service as svc
from bot.challenges.rules import (
    Catalog,
    format_minute,
    local_date,
    parse_time,
    parse_timezone,
    timezone_at,
    zone_label,
)
from bot.i18n import ngettext
from bot.render import Buttons
from bot.store.models import ChallengeDay, utcnow
from bot.telegram import prompts
from bot.telegram.callbacks import on
from bot.telegram.context import OserContext, required
from bot.telegram.delivery import Recorder, send_scheduled, transactional
from bot.telegram.extensions import (
    EXPORT_SECTIONS,
    FLOWS,
    PRIVATE,
    SCHEDULE_HOOKS,
    SCHEDULED_LOCALLY,
    SETTINGS_HOOKS,
    START_OFFERS,
    STATS_SECTIONS,
    SettingsHook,
)
from bot.telegram.prompts import Prompt, parks_prompt, set_flow

log = logging.getLogger(__name__)

FLOW = "challenge_reflection"
TIME_FLOW = "settings_time"
ZONE_FLOW = "settings_zone"
REFLECTION_MAX = 500
ZONE_TEXT_MAX = 64  # the longest city or zone name is about 30 characters
TIME_CHOICES = (7 * 60, 8 * 60, 9 * 60, 12 * 60 + 30, 18 * 60, 20 * 60)
ZONE_CHOICES = (
    ("Paris", "Europe/Paris"),
    ("London", "Europe/London"),
    ("Montréal", "America/Toronto"),
    ("New York", "America/New_York"),
    ("Casablanca", "Africa/Casablanca"),
    ("Dakar", "Africa/Dakar"),
    ("La Réunion", "Indian/Reunion"),
    ("UTC", "Etc/UTC"),
)
TIME_WORDS = ("time", "heure", "hour")
ZONE_WORDS = ("timezone", "tz", "zone", "fuseau")
CHALLENGE_WORDS = ("challenges", "challenge", "defis", "défis", "defi", "défi")
ON_WORDS = ("on", "oui", "yes", "start", "resume", "reprendre")
OFF_WORDS = ("off", "non", "no", "stop")

# The catalog of the last application built, for /export (its hooks get no context).
_export_catalog: Catalog = Catalog()


# --------------------------------------------------------------------------- helpers


def _ready(context: OserContext) -> None:
    user = context.user_or_none
    if user is not None:
        svc.with_defaults(user)


def _catalog(context: OserContext) -> Catalog:
    return svc.catalog_for(Path(context.runtime.settings.scenarios_dir) / "challenges")


def _default_tz(context: OserContext) -> str:
    return context.runtime.settings.default_timezone


def _zone_label(context: OserContext) -> str:
    return zone_label(svc.zone_name(context.user, _default_tz(context)), context.user.language)


def _next_when(context: OserContext) -> str:
    """When a subscriber's next challenge comes (set while they are subscribed)."""
    return _when(context, required(context.user.next_challenge_at, "the next challenge's moment"))


def _when(context: OserContext, moment: datetime) -> str:
    """'today at 09:00', 'tomorrow at 09:00' or 'on 2024-03-31 at 09:00', in the user's time."""
    _ = context._
    tz = svc.user_zone(context.user, _default_tz(context))
    local = moment.astimezone(tz)
    today = local_date(utcnow(), tz)
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return _("today at {time}").format(time=clock)
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at {time}").format(time=clock)
    day = format_date(local.date(), format="EEEE d MMMM", locale=context.user.language)
    return _("on {date} at {time}").format(date=day, time=clock)


def _now_there(context: OserContext) -> str:
    return utcnow().astimezone(svc.user_zone(context.user, _default_tz(context))).strftime("%H:%M")


def _schedule_buttons(context: OserContext) -> Buttons:
    _ = context._
    return [
        [(_("Challenge time"), cb.AskChallengeTime().to_data()), (_("Time zone"), cb.AskZone().to_data())]
    ]


def _status_line(context: OserContext) -> str:
    _ = context._
    status = context.user.challenge_status
    name = _(svc.STATUS_NAMES.get(status, svc.STATUS_NAMES["off"]))
    if status == "on":
        name = name.format(time=format_minute(context.user.challenge_minute), zone=_zone_label(context))
    return _("Daily challenge: {status}").format(status=name)


def _day_text(context: OserContext, row: ChallengeDay) -> str:
    challenge = _catalog(context).get(row.challenge_id)
    return challenge.text if challenge else ""


def _original_message_id(update: Update) -> int | None:
    query = update.callback_query
    return query.message.message_id if query is not None and query.message is not None else None


# --------------------------------------------------------------------------- subscription


async def _subscribe(context: OserContext) -> None:
    _ = context._
    await svc.subscribe(context.db, context.user, utcnow(), _default_tz(context))
    context.reply(
        _(
            "Subscribed! Your daily challenge comes every day at {time} ({zone} time). The first one: {when}."
        ).format(
            time=format_minute(context.user.challenge_minute),
            zone=_zone_label(context),
            when=_next_when(context),
        )
        + "\n"
        + _("Change the time with /settings time 08:30; pause or stop it any time in /settings."),
        _schedule_buttons(context),
    )
    await ask_zone_once(context)


def _pause(context: OserContext) -> None:
    _ = context._
    if context.user.challenge_status == "off":
        context.reply(
            _("The daily challenge is off, so there is nothing to pause. /settings challenges on starts it."),
            [[(_("Start the daily challenge"), cb.ChallengesOn().to_data())]],
        )
        return
    svc.pause(context.user)
    context.reply(
        _("Daily challenge paused. Enjoy the break: your streak is kept. Resume whenever you like."),
        [[(_("Resume"), cb.ChallengesOn().to_data())]],
    )


async def _stop(context: OserContext) -> None:
    _ = context._
    svc.stop(context.user)
    today = local_date(utcnow(), svc.user_zone(context.user, _default_tz(context)))
    streak = await svc.streak_of(context.db, context.user, today)
    context.reply(
        _(
            "Daily challenge stopped: no more messages. You can start again any time with /settings challenges on."
        )
        + "\n"
        + svc.kept_streak_line(_, streak.current),
        [[(_("Start the daily challenge"), cb.ChallengesOn().to_data())]],
    )


async def _change_schedule(context: OserContext, **change) -> None:
    """Set the user's time zone or daily hour, then move what was scheduled at the old local hour:
    the next challenge, and what other features registered (SCHEDULE_HOOKS)."""
    user = context.user
    old_tz, old_minute = user.timezone, user.challenge_minute
    for name, value in change.items():
        setattr(user, name, value)
    await svc.reschedule(context.db, user, utcnow(), _default_tz(context))
    for hook in SCHEDULE_HOOKS:
        await hook(context, old_tz, old_minute)


async def _set_time(context: OserContext, minute: int) -> None:
    _ = context._
    await _change_schedule(context, challenge_minute=minute)
    time, zone = format_minute(minute), _zone_label(context)
    if context.user.challenge_status == "on":
        context.reply(
            _("Done: your daily challenge now comes at {time} ({zone} time). Next one: {when}.").format(
                time=time, zone=zone, when=_next_when(context)
            )
        )
    else:
        context.reply(
            _(
                "Time saved: {time} ({zone} time). The daily challenge is not on yet: tap below to start it."
            ).format(time=time, zone=zone),
            [[(_("Start the daily challenge"), cb.ChallengesOn().to_data())]],
        )


async def _set_zone(context: OserContext, name: str, city: str | None = None, located: bool = False) -> None:
    _ = context._
    await _change_schedule(context, timezone=name)
    label = zone_label(name, context.user.language)
    if located and city and city != label:
        text = _("Time zone set from your location: {zone} (near {city}). It is {time} there now.").format(
            zone=label, city=city, time=_now_there(context)
        )
    elif located:
        text = _("Time zone set from your location: {zone}. It is {time} there now.").format(
            zone=label, time=_now_there(context)
        )
    else:
        text = _("Time zone set: {zone}. It is {time} there now.").format(
            zone=label, time=_now_there(context)
        )
    if context.user.challenge_status == "on":
        text += "\n" + _("Your next challenge: {when}.").format(when=_next_when(context))
    if located:
        text += "\n" + _(
            "Not right? Write /settings timezone followed by your city, e.g. /settings timezone Lyon."
        )
    context.reply(text)


async def _ask_time(context: OserContext, flow: dict | None = None) -> None:
    """The time question: a button per usual hour, or a typed answer (read by `time_answer`)."""
    _ = context._
    prompts.start(context, {"kind": TIME_FLOW})
    rows: Buttons = []
    for i in range(0, len(TIME_CHOICES), 3):
        rows.append([(format_minute(m), cb.SetChallengeTime(m).to_data()) for m in TIME_CHOICES[i : i + 3]])
    context.reply(
        _(
            "At what time would you like your daily challenge ({zone} time)? Tap a time or write one, like 7:45."
        ).format(zone=_zone_label(context)),
        rows,
    )


async def _ask_zone(context: OserContext, flow: dict | None = None, intro: str = "") -> None:
    """The time zone question: a button per likely city, a shared location, or a typed answer
    (the question asked once on its own is `quiet`: a command simply drops it)."""
    _ = context._
    prompts.start(context, {"kind": ZONE_FLOW, **({"quiet": True} if intro else {})})
    rows: Buttons = []
    for i in range(0, len(ZONE_CHOICES), 4):
        rows.append([(label, cb.SetZone(name).to_data()) for label, name in ZONE_CHOICES[i : i + 4]])
    context.reply(
        intro
        + _(
            "Your time zone is {zone}. Where are you? Tap a city, share your location (📎 → Location), or write "
            "a city, a zone such as America/Montreal, or an offset such as UTC+2."
        ).format(zone=_zone_label(context)),
        rows,
    )


async def ask_zone_once(context: OserContext) -> None:
    """A user whose zone was never set is asked for it once, when something is first scheduled for
    them, rather than silently getting the default zone (never in the middle of a rehearsal)."""
    user = context.user
    settings = user.settings or {}
    if user.timezone is not None or settings.get("zone_asked") or await context.active_rehearsal():
        return
    user.settings = {**settings, "zone_asked": True}
    await _ask_zone(
        context, intro=context._("One question, asked once, so that I write at the right time:") + "\n"
    )


async def time_answer(update: Update, context: OserContext, text: str) -> None:
    """A typed answer to the time question, read like `/settings time …`."""
    _ready(context)
    minute = parse_time(text)
    if minute is None:
        context.reply(
            context._(
                "I couldn't read “{text}” as a time. Write it like 8:30 or 8h30, or tap a time above; /cancel "
                "keeps the current one."
            ).format(text=text.strip()[:40])
        )
        return
    prompts.close(context, TIME_FLOW)
    await _set_time(context, minute)


async def zone_answer(update: Update, context: OserContext, text: str) -> None:
    """A typed answer to the time zone question, read like `/settings timezone …`."""
    _ready(context)
    name = parse_timezone(text)
    if name is None:
        _unknown_zone(context, text.strip())
        return
    prompts.close(context, ZONE_FLOW)
    await _set_zone(context, name)


def _unknown_zone(context: OserContext, text: str) -> None:
    context.reply(
        context._(
            "I don't know the time zone “{text}”. Try a city (/settings timezone Lyon), a zone "
            "(/settings timezone Europe/Paris) or an offset (/settings timezone UTC+2), or share your "
            "location."
        ).format(text=text[:40] or "…")
    )


# --------------------------------------------------------------------------- /challenge


@transactional
@parks_prompt
async def challenge(update: Update, context: OserContext) -> None:
    """Today's challenge on demand, with its buttons (and yesterday's check-in when still open)."""
    _ready(context)
    _ = context._
    user, now = context.user, utcnow()
    found = await svc.todays_challenge(context.db, user, _catalog(context), now, _default_tz(context))
    if found is None:
        context.reply(_("No challenge is available right now. Please try again later."))
        return
    row, chosen = found
    today = local_date(now, svc.user_zone(user, _default_tz(context)))
    streak = (await svc.streak_of(context.db, user, today)).current
    buttons: Buttons = []
    if row.status == "done":
        text = (
            "\n".join(
                [
                    _("✅ Today's challenge is done. Well done!"),
                    "",
                    chosen.text,
                    "",
                    svc.streak_line(_, streak),
                ]
            )
            + "\n"
            + _("A new one comes tomorrow.")
        )
    elif row.status == "skipped":
        text = _("You set today's challenge aside. If you did it after all, tell me:") + "\n\n" + chosen.text
        buttons = [[(_("Done after all ✅"), cb.ChallengeDone(svc.day_key(row.local_date)).to_data())]]
    else:
        text = svc.challenge_message(_, chosen, streak)
        buttons = svc.challenge_buttons(_, row.local_date, snooze=user.challenge_status == "on")
    yesterday = await svc.day_on(context.db, user.id, today - timedelta(days=1))
    if yesterday is not None and yesterday.status == "sent":
        buttons.append(
            [(_("✅ I did yesterday's"), cb.ChallengeDone(svc.day_key(yesterday.local_date)).to_data())]
        )
    if user.challenge_status == "off":
        time = format_minute(user.challenge_minute)
        text += "\n\n" + _("Would you like one every day? It will come at {time}, your time.").format(
            time=time
        )
        buttons.append([(_("Yes, every day at {time} ✅").format(time=time), cb.ChallengesOn().to_data())])
    context.reply(text, buttons)


# --------------------------------------------------------------------------- buttons


async def _done(update: Update, context: OserContext, row: ChallengeDay) -> None:
    _ = context._
    now = utcnow()
    if row.status == "done":
        context.callback_answer = _("Already checked in ✅")
        return
    if not svc.can_check_in(row, context.user, now, _default_tz(context)):
        context.reply(_("That challenge is too old to check in now. /challenge shows today's."))
        return
    svc.mark_done(row, now)
    today = local_date(now, svc.user_zone(context.user, _default_tz(context)))
    streak = await svc.streak_of(context.db, context.user, today)
    message_id = _original_message_id(update)
    body = _day_text(context, row)
    if message_id is not None and body:
        context.reply(body + "\n\n✅ " + _("Done!"), edit=message_id)
    text = _("Well done! 🎉") + " " + svc.streak_line(_, streak.current)
    if streak.current > 1 and streak.current == streak.best:
        text += " " + _("Your best streak so far!")
    if await context.active_rehearsal() is not None:
        # Never take over a rehearsal's next words with the (optional) reflection question.
        context.reply(text)
        return
    flow = {"kind": FLOW, "day": svc.day_key(row.local_date)}
    prompts.start(context, flow)
    await _ask_reflection(context, flow, text + "\n\n")


async def _ask_reflection(context: OserContext, flow: dict, intro: str = "") -> None:
    _ = context._
    context.reply(
        intro + _("In one line, how did it go? What did you notice? (optional)"),
        [[(_("Skip"), cb.SkipReflection(flow.get("day", "")).to_data())]],
    )


async def _snooze(context: OserContext, row: ChallengeDay) -> None:
    _ = context._
    now = utcnow()
    if row.status == "done":
        context.callback_answer = _("Already checked in ✅")
        return
    if context.user.challenge_status != "on":
        context.reply(
            _(
                "Reminders come with the daily challenge, which is not on. Start it with /settings challenges on."
            )
        )
        return
    if not svc.can_check_in(row, context.user, now, _default_tz(context)):
        context.reply(_("That challenge is too old now. /challenge shows today's."))
        return
    if row.status == "skipped":
        row.status = "sent"
    until = svc.snooze(context.user, row, now)
    local = until.astimezone(svc.user_zone(context.user, _default_tz(context))).strftime("%H:%M")
    context.reply(_("Snoozed: I'll remind you at {time}.").format(time=local))


async def _skip(update: Update, context: OserContext, row: ChallengeDay) -> None:
    _ = context._
    if row.status == "done":
        context.callback_answer = _("Already checked in ✅")
        return
    svc.mark_skipped(row)
    text = _("No problem: rest today, a new challenge comes tomorrow.")
    message_id = _original_message_id(update)
    body = _day_text(context, row)
    buttons = [[(_("Done after all ✅"), cb.ChallengeDone(svc.day_key(row.local_date)).to_data())]]
    if message_id is not None and body:
        context.reply(body + "\n\n" + text, buttons, edit=message_id)
    else:
        context.reply(text, buttons)


async def _day_row(context: OserContext, button: cb.OfDay) -> ChallengeDay | None:
    """The user's challenge of that day, or None after saying it is gone."""
    _ready(context)
    row = await svc.day_of(context.db, context.user, button.day)
    if row is None:
        context.reply(context._("I can't find that challenge any more. /challenge shows today's."))
    return row


async def on_done(update: Update, context: OserContext, button: cb.ChallengeDone) -> None:
    if row := await _day_row(context, button):
        await _done(update, context, row)


async def on_snooze(update: Update, context: OserContext, button: cb.ChallengeSnooze) -> None:
    if row := await _day_row(context, button):
        await _snooze(context, row)


async def on_skip(update: Update, context: OserContext, button: cb.ChallengeSkip) -> None:
    if row := await _day_row(context, button):
        await _skip(update, context, row)


async def on_no_reflection(update: Update, context: OserContext, button: cb.SkipReflection) -> None:
    if await _day_row(context, button):
        prompts.close(context, FLOW)
        context.reply(context._("No problem. See you tomorrow!"))


async def on_subscribe(update: Update, context: OserContext, button: cb.ChallengesOn) -> None:
    _ready(context)
    await _subscribe(context)


async def on_stop(update: Update, context: OserContext, button: cb.ChallengesOff) -> None:
    _ready(context)
    await _stop(context)


async def on_pause(update: Update, context: OserContext, button: cb.ChallengesPause) -> None:
    _ready(context)
    _pause(context)


async def on_ask_time(update: Update, context: OserContext, button: cb.AskChallengeTime) -> None:
    _ready(context)
    await _ask_time(context)


async def on_time(update: Update, context: OserContext, button: cb.SetChallengeTime) -> None:
    _ready(context)
    if button.minute < 24 * 60:
        prompts.close(context, TIME_FLOW)
        await _set_time(context, button.minute)
    else:
        context.callback_answer = context._("This button has expired.")


async def on_ask_zone(update: Update, context: OserContext, button: cb.AskZone) -> None:
    _ready(context)
    await _ask_zone(context)


async def on_zone(update: Update, context: OserContext, button: cb.SetZone) -> None:
    _ready(context)
    if tz_name := parse_timezone(button.name):
        prompts.close(context, ZONE_FLOW)
        await _set_zone(context, tz_name)
    else:
        context.callback_answer = context._("This button has expired.")


# --------------------------------------------------------------------------- reflection, location


async def reflection(update: Update, context: OserContext, text: str) -> None:
    """The one-line reflection after a challenge is done."""
    _ready(context)
    _ = context._
    flow = (context.user.settings or {}).get("flow") or {}
    set_flow(context, None)
    row = await svc.day_of(context.db, context.user, str(flow.get("day") or ""))
    if row is None:
        context.reply(_("I can't find that challenge any more. /challenge shows today's."))
        return
    row.reflection = text.strip()[:REFLECTION_MAX]
    context.reply(_("Thank you, noted. See you tomorrow for the next one!"))


@transactional
async def location(update: Update, context: OserContext) -> None:
    """A shared location sets the time zone (nearest known city, or the longitude far from any)."""
    _ready(context)
    point = required(required(update.message, "a message").location, "a location")
    name, city = timezone_at(point.latitude, point.longitude)
    prompts.close(context, ZONE_FLOW)
    await _set_zone(context, name, city, located=True)


# --------------------------------------------------------------------------- extension hooks


async def settings_lines(context: OserContext) -> list[str]:
    _ready(context)
    return [_status_line(context), context._("Time zone: {zone}").format(zone=_zone_label(context))]


async def settings_buttons(context: OserContext) -> Buttons:
    _ready(context)
    _ = context._
    status = context.user.challenge_status
    if status == "on":
        return [
            *_schedule_buttons(context),
            [(_("Pause"), cb.ChallengesPause().to_data()), (_("Stop"), cb.ChallengesOff().to_data())],
        ]
    if status == "paused":
        return [
            [(_("Resume"), cb.ChallengesOn().to_data()), (_("Stop"), cb.ChallengesOff().to_data())],
            *_schedule_buttons(context),
        ]
    return [[(_("Start the daily challenge"), cb.ChallengesOn().to_data())], *_schedule_buttons(context)]


async def settings_args(context: OserContext, args: list[str]) -> bool:
    """`/settings time 08:30`, `/settings timezone Europe/Paris`, `/settings challenges on|off|pause`."""
    _ready(context)
    _ = context._
    word, rest = args[0].lower(), " ".join(args[1:]).strip()
    if word in TIME_WORDS:
        minute = parse_time(rest) if rest else None
        if minute is None:
            context.reply(
                _("I couldn't read that time. Write it as HH:MM, for example /settings time 08:30.")
            )
        else:
            await _set_time(context, minute)
        return True
    if word in ZONE_WORDS:
        if len(rest) > ZONE_TEXT_MAX:
            context.reply(
                ngettext(
                    "That's too long for a time zone: write a city, a zone such as Europe/Paris or an offset such as "
                    "UTC+2 (at most {count} character).",
                    "That's too long for a time zone: write a city, a zone such as Europe/Paris or an offset such as "
                    "UTC+2 (at most {count} characters).",
                    ZONE_TEXT_MAX,
                    _,
                ).format(count=ZONE_TEXT_MAX)
            )
            return True
        name = parse_timezone(rest) if rest else None
        if name is None:
            _unknown_zone(context, rest)
        else:
            await _set_zone(context, name)
        return True
    if word in CHALLENGE_WORDS:
        value = rest.lower()
        if value in ON_WORDS:
            await _subscribe(context)
        elif value in OFF_WORDS:
            await _stop(context)
        elif value == "pause":
            _pause(context)
        else:
            context.reply(
                _("Use /settings challenges on, /settings challenges off or /settings challenges pause.")
            )
        return True
    return False


async def start_offer(context: OserContext) -> tuple[str, Buttons] | None:
    """Under the /start welcome: the daily challenge in one tap."""
    _ = context._
    _ready(context)
    if context.user_or_none is None or context.user.challenge_status != "off" or not len(_catalog(context)):
        return None
    time = format_minute(context.user.challenge_minute)
    return (
        _(
            "Would you like a small dare each day? One concrete step of a few minutes (ask a former colleague for "
            "a name, send a thank-you note…), every day at {time}, your time ({zone}). Change or stop it any time "
            "in /settings."
        ).format(time=time, zone=_zone_label(context)),
        [[(_("Yes, every day at {time} ✅").format(time=time), cb.ChallengesOn().to_data())]],
    )


async def stats_section(context: OserContext) -> str | None:
    """Streak, best streak and challenges done this month."""
    _ready(context)
    _ = context._
    user = context.user
    rows = await svc.history(context.db, user.id)
    if not rows and user.challenge_status == "off":
        return None
    today = local_date(utcnow(), svc.user_zone(user, _default_tz(context)))
    streak = svc.streak_from(user, rows, today)
    month = sum(1 for day, status, _c in rows if status == "done" and day >= today.replace(day=1))
    return _("🎯 Daily challenges: a streak of {current} (best: {best}), {month} done this month.").format(
        current=streak.current, best=streak.best, month=month
    )


async def export_section(session, user) -> list[dict]:
    """[{"date", "text", "status"}] for /export."""
    return await svc.export(session, user, _export_catalog)


# --------------------------------------------------------------------------- sending


RECORDERS: dict[str, Recorder] = {"challenge": svc.recorded, "reminder": svc.recorded}


async def send_due(
    sessions,
    bot,
    catalog: Catalog,
    *,
    rate: float,
    default_timezone: str,
    now: datetime | None = None,
    concurrency: int | None = None,
) -> svc.Report:
    """Decide the challenges and snoozed reminders due at `now` and send them, while they are queued."""
    started = time.monotonic()
    scheduler = svc.Scheduler(
        sessions,
        catalog,
        default_timezone=default_timezone,
        concurrency=concurrency or svc.default_concurrency(rate),
    )
    tally = await send_scheduled(bot, sessions, rate, RECORDERS, until=scheduler.run(now))
    report = scheduler.report
    report.sent, report.reminders = tally["challenge", "sent"], tally["reminder", "sent"]
    report.blocked = sum(n for (_kind, outcome), n in tally.items() if outcome == "blocked")
    report.failed += sum(n for (_kind, outcome), n in tally.items() if outcome == "retry")
    report.seconds = time.monotonic() - started
    return report


async def send_due_job(context: OserContext) -> None:
    """Every minute: send the challenges (and snoozed reminders) that are due."""
    settings = context.runtime.settings
    report = await send_due(
        context.runtime.sessions,
        context.bot,
        _catalog(context),
        rate=settings.challenge_rate,
        default_timezone=settings.default_timezone,
    )
    if report.users or report.sent or report.reminders:
        log.info("daily challenges: %s", report)


# --------------------------------------------------------------------------- wiring


SETTINGS_HOOK = SettingsHook(lines=settings_lines, buttons=settings_buttons, handle_args=settings_args)


def register(app: Application) -> None:
    """Add this feature's handlers, jobs and extension hooks."""
    global _export_catalog
    runtime = app.bot_data.get("runtime")
    if runtime is not None:
        _export_catalog = svc.catalog_for(Path(runtime.settings.scenarios_dir) / "challenges")
    app.add_handler(CommandHandler(["challenge", "defi"], challenge, filters=PRIVATE))
    app.add_handlers(
        [
            on(cb.ChallengeDone, on_done),
            on(cb.ChallengeSnooze, on_snooze),
            on(cb.ChallengeSkip, on_skip),
            on(cb.SkipReflection, on_no_reflection),
            on(cb.ChallengesOn, on_subscribe),
            on(cb.ChallengesOff, on_stop),
            on(cb.ChallengesPause, on_pause),
            on(cb.AskChallengeTime, on_ask_time),
            on(cb.SetChallengeTime, on_time),
            on(cb.AskZone, on_ask_zone),
            on(cb.SetZone, on_zone),
        ]
    )
    app.add_handler(MessageHandler(PRIVATE & filters.LOCATION, location))
    # The registries are module-level and an application may be built more than once (tests).
    FLOWS[FLOW] = reflection
    FLOWS[TIME_FLOW] = time_answer
    FLOWS[ZONE_FLOW] = zone_answer
    prompts.PROMPTS[FLOW] = Prompt(lambda _, f: _("your note on the daily challenge"), _ask_reflection)
    prompts.PROMPTS[TIME_FLOW] = Prompt(lambda _, f: _("the question about your challenge time"), _ask_time)
    prompts.PROMPTS[ZONE_FLOW] = Prompt(lambda _, f: _("the time zone question"), _ask_zone)
    EXPORT_SECTIONS["challenges"] = export_section
    if SETTINGS_HOOK not in SETTINGS_HOOKS:
        SETTINGS_HOOKS.append(SETTINGS_HOOK)
    if start_offer not in START_OFFERS:
        START_OFFERS.append(start_offer)
    if stats_section not in STATS_SECTIONS:
        STATS_SECTIONS.append(stats_section)
    if ask_zone_once not in SCHEDULED_LOCALLY:
        SCHEDULED_LOCALLY.append(ask_zone_once)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            send_due_job,
            interval=60,
            first=5,
            name="challenges-send-due",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
