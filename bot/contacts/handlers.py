"""Telegram handlers of the contacts journal: /contacts (/reseau), its guided flows, nudges, stats, export.

Buttons are the typed `ct:` classes of bot/buttons.py, one handler each; guided flows are
`contact_new`, `contact_edit` and `thanks_practice` (see bot/telegram/extensions.py). The service is bot/contacts/service.py, the pure logic bot/contacts/rules.py.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from babel.numbers import format_decimal
from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import buttons as cb
from bot.contacts import service as svc
from bot.contacts.rules import (
    AmbiguousDate,
    FutureDate,
    at_local,
    format_day,
    format_minute,
    local_today,
    network_paragraph,
    news_suggestion,
    parse_day,
    same_person,
    say_day,
    score_thanks,
    split_names,
    thanks_feedback,
    zone,
)
from bot.i18n import locale_of, ngettext, translator
from bot.store.models import Contact, Nudge, User, utcnow
from bot.telegram import prompts
from bot.telegram.callbacks import on
from bot.telegram.context import OserContext, required
from bot.telegram.delivery import send_scheduled, transactional
from bot.telegram.extensions import (
    EXPORT_SECTIONS,
    FLOWS,
    PRIVATE,
    SCHEDULE_HOOKS,
    SCHEDULED_LOCALLY,
    STATS_SECTIONS,
)
from bot.telegram.prompts import Prompt, parks_prompt, set_flow

log = logging.getLogger(__name__)

PAGE_SIZE = 8
VIA_CHOICES = 6
MAX_TEXT = 1000
# The zone of a nudge's "how long ago" when the user never set one (the nudge job has no settings).
DEFAULT_NUDGE_ZONE = "Europe/Paris"

# Steps of the "log a meeting" flow, in order ("via" only when the user already has contacts).
STEPS = ("name", "via", "context", "date", "mine", "theirs", "names", "thanked")
OPTIONAL = {"via", "context", "mine", "theirs", "names"}

# Edit: short field code (in callback data) -> Contact attribute.
FIELDS = {
    "name": "name",
    "ctx": "context",
    "date": "met_on",
    "mine": "promised_by_me",
    "theirs": "promised_by_them",
    "names": "suggested_names",
}


def _tz(context: OserContext) -> str:
    return svc.user_tz(context.user, context.runtime.settings.default_timezone)


def _default_tz(context: OserContext) -> str:
    return context.runtime.settings.default_timezone


def _today(context: OserContext) -> date:
    return local_today(utcnow(), zone(_tz(context), _default_tz(context)))


def _read_day(context: OserContext, text: str, buttons: list | None = None):
    """The meeting date the user typed, or None after telling them why and how to write it."""
    _ = context._
    lang = context.user.language
    try:
        day = parse_day(text, _today(context), lang)
    except FutureDate:
        context.reply(
            _(
                "A meeting to log has already happened, and that date is in the future. Type the day you met, "
                "like yesterday, Tuesday or March 12."
            ),
            buttons,
        )
        return None
    except AmbiguousDate as both:
        context.reply(
            _("“{text}” could be {first} or {second}: write the month in words, like March 12.").format(
                text=text.strip()[:20], first=say_day(both.first, lang), second=say_day(both.second, lang)
            ),
            buttons,
        )
        return None
    if day is None:
        context.reply(
            _(
                "I couldn't read that date. Type it like yesterday, Tuesday, March 12 or 2026-03-12, or tap "
                "Today or Yesterday."
            ),
            buttons,
        )
    return day


def _day_noted(context: OserContext, day: date) -> str:
    """The date as understood, in words, so that a misreading shows at once."""
    return "📅 " + context._("Date noted: {date}.").format(date=say_day(day, context.user.language)) + "\n\n"


def _when(context: OserContext, moment: datetime) -> str:
    """A due moment in the user's words: their local date and time."""
    local = moment.astimezone(zone(_tz(context), _default_tz(context)))
    return (
        f"{format_day(local.date(), context.user.language)} {format_minute(local.hour * 60 + local.minute)}"
    )


def _too_long(context: OserContext) -> None:
    context.reply(
        ngettext(
            "That's a bit long: please keep it under {count} character.",
            "That's a bit long: please keep it under {count} characters.",
            MAX_TEXT,
            context._,
        ).format(count=format_decimal(MAX_TEXT, locale=locale_of(context._)))
    )


def _flow(context: OserContext) -> dict | None:
    flow = (context.user.settings or {}).get("flow")
    return flow if isinstance(flow, dict) else None


def _privacy_once(context: OserContext) -> str:
    """The first time: say plainly where the notes are kept and how to erase them."""
    settings = context.user.settings or {}
    if settings.get("contacts_privacy_seen"):
        return ""
    context.user.settings = {**settings, "contacts_privacy_seen": True}
    return (
        context._(
            "🔒 Your notes about the people you meet stay in this bot's database, only to remind you and to show "
            "your progress. /export gives you a copy; /forget erases everything, any time."
        )
        + "\n\n"
    )


# ---------------------------------------------------------------------------------------------
# List and card
# ---------------------------------------------------------------------------------------------


async def _list_reply(
    context: OserContext, page: int = 0, *, edit: int | None = None, intro: str = ""
) -> None:
    _ = context._
    contacts = await svc.list_contacts(context.db, context.user.id)
    if not contacts:
        context.reply(
            intro
            + _(
                "Your journal of real meetings is empty. After a networking conversation, log it here: "
                "I'll remind you to thank the person the next day and to give them news three weeks later."
            ),
            [[("➕ " + _("Log a meeting"), cb.NewContact().to_data())]],
            edit=edit,
        )
        return
    pages = max(1, (len(contacts) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = max(0, min(page, pages - 1))
    chunk = contacts[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lang = context.user.language
    lines = [_("The people you met ({count}):").format(count=len(contacts)), ""]
    buttons: list[list[tuple[str, str]]] = []
    for c in chunk:
        marks = ("✅" if c.thanked_at else "⏳") + ("📰" if c.informed_at else "")
        lines.append(f"{marks} {c.name} — {format_day(c.met_on, lang)}")
        buttons.append([(f"{c.name[:40]} · {format_day(c.met_on, lang)}", cb.OpenContact(c.id).to_data())])
    lines += [
        "",
        _("✅ thanked · ⏳ not thanked yet · 📰 kept informed. Tap a name to see, edit or delete it."),
    ]
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(("◀️", cb.ContactList(page - 1).to_data()))
        nav.append((f"{page + 1}/{pages}", cb.ContactList(page).to_data()))
        if page < pages - 1:
            nav.append(("▶️", cb.ContactList(page + 1).to_data()))
        buttons.append(nav)
    buttons.append([("➕ " + _("Log a meeting"), cb.NewContact().to_data())])
    context.reply(intro + "\n".join(lines), buttons, edit=edit)


async def _card_text(context: OserContext, contact: Contact) -> str:
    _ = context._
    lang = context.user.language
    lines = [_("{name} — met on {date}").format(name=contact.name, date=format_day(contact.met_on, lang))]
    if contact.context:
        lines.append(_("Context: {text}").format(text=contact.context))
    if contact.referred_by_id:
        referrer = await context.db.get(Contact, contact.referred_by_id)
        if referrer is not None:
            lines.append(_("Met through: {name}").format(name=referrer.name))
    if contact.promised_by_me:
        lines.append(_("You promised: {text}").format(text=contact.promised_by_me))
    if contact.promised_by_them:
        lines.append(_("They promised: {text}").format(text=contact.promised_by_them))
    if contact.suggested_names:
        lines.append(_("People they suggested: {names}").format(names=", ".join(contact.suggested_names)))
    activity = await svc.activity_since(context.db, context.user, contact)
    if activity.met_through:
        lines.append(_("People you met through them: {names}").format(names=", ".join(activity.met_through)))
    lines.append(
        _("Thanked: {when}").format(when=_when(context, contact.thanked_at))
        if contact.thanked_at
        else _("Thanked: not yet")
    )
    lines.append(
        _("News given: {when}").format(when=_when(context, contact.informed_at))
        if contact.informed_at
        else _("News given: not yet")
    )
    for nudge in await svc.nudges_of(context.db, contact.id):
        if nudge.status == "pending":
            label = (
                _("Reminder to thank them: {when}")
                if nudge.kind == "thank"
                else _("Reminder to give news: {when}")
            )
            lines.append("⏰ " + label.format(when=_when(context, nudge.due_at)))
    return "\n".join(lines)


def _card_buttons(context: OserContext, contact: Contact) -> list[list[tuple[str, str]]]:
    _ = context._
    rows: list[list[tuple[str, str]]] = []
    if contact.thanked_at is None:
        rows.append([("✅ " + _("I thanked them"), cb.MarkThanked(contact.id).to_data())])
    rows.append([("📝 " + _("Practise the thank-you"), cb.PractiseThanks(contact.id).to_data())])
    rows.append(
        [
            ("📰 " + _("News: what to say"), cb.NewsSuggestion(contact.id).to_data()),
            ("✅ " + _("I gave news"), cb.MarkInformed(contact.id).to_data()),
        ]
    )
    rows.append(
        [
            ("✏️ " + _("Edit"), cb.EditMenu(contact.id).to_data()),
            ("🗑 " + _("Delete"), cb.AskDelete(contact.id).to_data()),
        ]
    )
    rows.append([("◀️ " + _("All contacts"), cb.ContactList(0).to_data())])
    return rows


async def _card_reply(
    context: OserContext, contact: Contact, *, edit: int | None = None, intro: str = ""
) -> None:
    context.reply(intro + await _card_text(context, contact), _card_buttons(context, contact), edit=edit)


@transactional
@parks_prompt
async def contacts_command(update: Update, context: OserContext) -> None:
    """/contacts (/reseau): the journal of real meetings (an open step waits, with a button to resume)."""
    await _list_reply(context, 0, intro=_privacy_once(context))


# ---------------------------------------------------------------------------------------------
# The "log a meeting" flow
# ---------------------------------------------------------------------------------------------


def _day_buttons(context: OserContext) -> list[list[tuple[str, str]]]:
    _ = context._
    return [
        [("📅 " + _("Today"), cb.MetDay("0").to_data()), ("📅 " + _("Yesterday"), cb.MetDay("1").to_data())]
    ]


def _skip(context: OserContext, step: str) -> tuple[str, str]:
    return ("⏭ " + context._("Skip"), cb.SkipStep(step).to_data())


async def _prompt(context: OserContext, flow: dict, intro: str = "") -> None:
    """Ask the question of the flow's current step."""
    _ = context._
    step = flow["step"]
    name = flow["data"].get("name", "")
    if step == "name":
        context.reply(intro + _("Who did you meet? Write their name, or just their initials."))
    elif step == "via":
        contacts = [c for c in await svc.list_contacts(context.db, context.user.id)][:VIA_CHOICES]
        rows = [
            [("🤝 " + _("Through {name}").format(name=c.name[:40]), cb.MetVia(c.id).to_data())]
            for c in contacts
        ]
        rows.append([("⏭ " + _("No, skip"), cb.SkipStep("via").to_data())])
        context.reply(intro + _("Did you meet {name} through one of your contacts?").format(name=name), rows)
    elif step == "context":
        context.reply(
            intro
            + _(
                "Where and how did you meet {name}, and what did you talk about? One or two lines are enough."
            ).format(name=name),
            [[_skip(context, "context")]],
        )
    elif step == "date":
        context.reply(
            intro + _("When did you meet? Tap a button or type a date, like Tuesday or March 12."),
            _day_buttons(context),
        )
    elif step == "mine":
        context.reply(
            intro + _("Did you promise {name} anything (an article, a contact, news)?").format(name=name),
            [[_skip(context, "mine")]],
        )
    elif step == "theirs":
        context.reply(
            intro + _("Did {name} promise you anything (an introduction, a document)?").format(name=name),
            [[_skip(context, "theirs")]],
        )
    elif step == "names":
        context.reply(
            intro
            + _(
                "Did {name} suggest people for you to contact? Write their names, separated by commas."
            ).format(name=name),
            [[_skip(context, "names")]],
        )
    elif step == "thanked":
        met_on = date.fromisoformat(flow["data"]["met_on"])
        if (_today(context) - met_on).days <= 1:
            buttons = [
                [
                    ("✅ " + _("Yes"), cb.Thanked("y").to_data()),
                    ("⏳ " + _("Not yet"), cb.Thanked("n").to_data()),
                ]
            ]
        else:
            buttons = [
                [("✅ " + _("Yes, within two days"), cb.Thanked("y").to_data())],
                [("✅ " + _("Yes, later"), cb.Thanked("l").to_data())],
                [("⏳ " + _("Not yet"), cb.Thanked("n").to_data())],
            ]
        context.reply(intro + _("Last question: have you already thanked {name}?").format(name=name), buttons)


async def _next_step(context: OserContext, flow: dict, intro: str = "") -> None:
    """Move the flow to the next step that applies and ask it."""
    index = STEPS.index(flow["step"]) + 1
    while index < len(STEPS):
        step = STEPS[index]
        if step == "via" and (
            flow["data"].get("referred_by_id") or not await svc.count_contacts(context.db, context.user.id)
        ):
            index += 1
            continue
        break
    flow = {**flow, "step": STEPS[index]}
    set_flow(context, flow)
    await _prompt(context, flow, intro)


async def _start_new(context: OserContext, intro: str = "") -> None:
    flow = {"kind": "contact_new", "step": "name", "data": {}}
    prompts.start(context, flow)
    await _prompt(
        context,
        flow,
        intro
        + context._("Let's log a real meeting: a few short questions, most of them optional. /cancel stops.")
        + "\n\n",
    )


async def _set_name(context: OserContext, flow: dict, text: str) -> None:
    _ = context._
    name = " ".join(text.split())
    if not name or len(name) > 128:
        context.reply(_("Please write a name or initials (at most 128 characters)."))
        return
    data = {**flow["data"], "name": name}
    intro = ""
    referrer = await svc.find_referrer(context.db, context.user.id, name)
    if referrer is not None:
        data["referred_by_id"] = referrer.id
        intro = (
            _("{referrer} suggested {name}: I've noted that you met through {referrer}.").format(
                referrer=referrer.name, name=name
            )
            + "\n\n"
        )
    await _next_step(context, {**flow, "data": data}, intro)


async def _save_new(context: OserContext, flow: dict, thanked: str) -> None:
    _ = context._
    data = flow["data"]
    met_on = date.fromisoformat(data["met_on"])
    now = utcnow()
    thanked_at = None
    if thanked == "y":
        if (_today(context) - met_on).days <= 1:
            thanked_at = now
        else:  # "within two days" of a meeting logged later: the day after it, at noon
            thanked_at = min(
                now, at_local(met_on + timedelta(days=1), 12 * 60, zone(_tz(context), _default_tz(context)))
            )
    elif thanked == "l":
        thanked_at = now
    contact = await svc.create_contact(
        context.db,
        context.user,
        name=data["name"],
        met_on=met_on,
        context=data.get("context", ""),
        promised_by_me=data.get("mine", ""),
        promised_by_them=data.get("theirs", ""),
        suggested_names=data.get("names", []),
        referred_by_id=data.get("referred_by_id"),
        thanked_at=thanked_at,
        default_tz=_default_tz(context),
        now=now,
    )
    set_flow(context, None)
    lines = [
        _("Saved: {name}, met on {date}.").format(
            name=contact.name, date=format_day(met_on, context.user.language)
        )
    ]
    for nudge in await svc.nudges_of(context.db, contact.id):
        if nudge.kind == "thank":
            lines.append(
                "⏰ "
                + _("I'll ask you on {when} whether you have thanked them.").format(
                    when=_when(context, nudge.due_at)
                )
            )
        else:
            lines.append(
                "⏰ "
                + _("On {when}, I'll suggest giving them news of your search.").format(
                    when=_when(context, nudge.due_at)
                )
            )
    if contact.referred_by_id:
        referrer = await context.db.get(Contact, contact.referred_by_id)
        if referrer is not None:
            lines.append(
                "🤝 "
                + _(
                    "Tell {referrer} how it went with {name}: people love to know their introduction helped."
                ).format(referrer=referrer.name, name=contact.name)
            )
    buttons = []
    if contact.thanked_at is None:
        lines.append("")
        if (_today(context) - met_on).days <= 1:
            lines.append(_("A thank-you the same day makes a lasting impression. Want to practise it?"))
        else:
            lines.append(_("It is not too late: a thank-you still makes a difference. Want to practise it?"))
        buttons.append([("📝 " + _("Practise the thank-you"), cb.PractiseThanks(contact.id).to_data())])
    buttons.append([("📇 " + _("See my contacts"), cb.ContactListBelow(0).to_data())])
    context.reply("\n".join(lines), buttons)
    for ask in SCHEDULED_LOCALLY:  # the reminders are set at a local hour
        await ask(context)


async def flow_new(update: Update, context: OserContext, text: str) -> None:
    """Free text while logging a meeting: the answer to the current step."""
    _ = context._
    flow = required(_flow(context), "an open flow")
    step = flow.get("step", "name")
    text = text.strip()
    data = dict(flow.get("data") or {})
    if step == "name":
        await _set_name(context, flow, text)
        return
    if len(text) > MAX_TEXT:
        _too_long(context)
        return
    if step == "via":
        match = next(
            (c for c in await svc.list_contacts(context.db, context.user.id) if same_person(text, c.name)),
            None,
        )
        if match is None:
            context.reply(_("Tap one of the names above, or Skip if you met them on your own."))
            return
        data["referred_by_id"] = match.id
    elif step == "context":
        data["context"] = text
    elif step == "date":
        day = _read_day(context, text, _day_buttons(context))
        if day is None:
            return
        data["met_on"] = day.isoformat()
        await _next_step(context, {**flow, "data": data}, _day_noted(context, day))
        return
    elif step == "mine":
        data["mine"] = text
    elif step == "theirs":
        data["theirs"] = text
    elif step == "names":
        data["names"] = split_names(text)
    elif step == "thanked":
        answer = text.lower().strip(" !.")
        if answer in ("yes", "oui", "y", "o"):
            await _save_new(context, flow, "y")
        elif answer in ("no", "non", "not yet", "pas encore", "n"):
            await _save_new(context, flow, "n")
        else:
            context.reply(_("Tap one of the buttons above to answer, or /cancel to stop."))
        return
    await _next_step(context, {**flow, "data": data})


# ---------------------------------------------------------------------------------------------
# Edit
# ---------------------------------------------------------------------------------------------


def _edit_menu(context: OserContext, contact: Contact) -> tuple[str, list[list[tuple[str, str]]]]:
    _ = context._
    cid = contact.id
    rows = [
        [
            ("✏️ " + _("Name"), cb.EditField(cid, "name").to_data()),
            ("📅 " + _("Date"), cb.EditField(cid, "date").to_data()),
        ],
        [
            ("💬 " + _("Context"), cb.EditField(cid, "ctx").to_data()),
            ("🤝 " + _("Met through"), cb.EditField(cid, "via").to_data()),
        ],
        [
            ("🎁 " + _("My promises"), cb.EditField(cid, "mine").to_data()),
            ("📨 " + _("Their promises"), cb.EditField(cid, "theirs").to_data()),
        ],
        [("👥 " + _("People suggested"), cb.EditField(cid, "names").to_data())],
        [("◀️ " + _("Back"), cb.OpenContact(cid).to_data())],
    ]
    return _("What would you like to change about {name}?").format(name=contact.name), rows


async def _edit_field(context: OserContext, contact: Contact, field: str) -> None:
    _ = context._
    if field == "via":
        others = [c for c in await svc.list_contacts(context.db, context.user.id) if c.id != contact.id]
        rows = [[("🤝 " + c.name[:40], cb.EditVia(contact.id, c.id).to_data())] for c in others[:VIA_CHOICES]]
        rows.append([("🚫 " + _("Nobody"), cb.EditVia(contact.id, 0).to_data())])
        context.reply(_("Through whom did you meet {name}?").format(name=contact.name), rows)
        return
    prompts.start(context, {"kind": "contact_edit", "contact_id": contact.id, "field": field})
    current = getattr(contact, FIELDS[field])
    if isinstance(current, list):
        current = ", ".join(current)
    elif isinstance(current, date):
        current = format_day(current, context.user.language)
    prompt = {
        "name": _("Write the new name (or initials)."),
        "date": _("Type the date of the meeting, like yesterday, Tuesday or March 12, or tap a button."),
        "ctx": _("Write the new context of the meeting."),
        "mine": _("Write what you promised them."),
        "theirs": _("Write what they promised you."),
        "names": _("Write the names they suggested, separated by commas."),
    }[field]
    text = (
        prompt
        + ("\n" + _("Now: {value}").format(value=current) if current else "")
        + "\n"
        + _("/cancel keeps it as it is.")
    )
    if field == "date":
        buttons = _day_buttons(context)
    elif field == "name":
        buttons = []
    else:
        buttons = [[("🧹 " + _("Clear"), cb.ClearField().to_data())]]
    context.reply(text, buttons)


async def _apply_edit(context: OserContext, contact: Contact, field: str, value) -> None:
    """Store an edited field, then show the card again."""
    _ = context._
    attr = FIELDS[field]
    setattr(contact, attr, value)
    intro = ""
    if field == "date":
        await svc.schedule(context.db, context.user, contact, default_tz=_default_tz(context))
    if field == "name" and contact.referred_by_id is None:
        referrer = await svc.find_referrer(context.db, context.user.id, contact.name, exclude_id=contact.id)
        if referrer is not None:
            contact.referred_by_id = referrer.id
            intro = (
                _("{referrer} suggested {name}: I've noted that you met through {referrer}.").format(
                    referrer=referrer.name, name=contact.name
                )
                + "\n"
            )
    set_flow(context, None)
    await context.db.flush()
    await _card_reply(context, contact, intro=_("Updated.") + "\n" + intro + "\n")


async def flow_edit(update: Update, context: OserContext, text: str) -> None:
    """Free text while editing one field of a contact."""
    _ = context._
    flow = required(_flow(context), "an open flow")
    contact = await svc.get_contact(context.db, context.user.id, int(flow.get("contact_id", 0)))
    field = flow.get("field")
    if contact is None or field not in FIELDS:
        set_flow(context, None)
        context.reply(_("That contact no longer exists. /contacts shows your journal."))
        return
    text = text.strip()
    if field == "name":
        name = " ".join(text.split())
        if not name or len(name) > 128:
            context.reply(_("Please write a name or initials (at most 128 characters)."))
            return
        await _apply_edit(context, contact, field, name)
    elif field == "date":
        day = _read_day(context, text)
        if day is None:
            return
        await _apply_edit(context, contact, field, day)
    elif len(text) > MAX_TEXT:
        _too_long(context)
    elif field == "names":
        await _apply_edit(context, contact, field, split_names(text))
    else:
        await _apply_edit(context, contact, field, text)


# ---------------------------------------------------------------------------------------------
# Thank-you practice and news
# ---------------------------------------------------------------------------------------------


async def _start_practice(context: OserContext, contact: Contact) -> None:
    _ = context._
    prompts.start(context, {"kind": "thanks_practice", "contact_id": contact.id})
    lines = [
        _(
            "Write the thank-you message you would send to {name}, as you would send it. I'll tell you what works."
        ).format(name=contact.name),
        _("A good one thanks them, recalls a detail of your conversation, and gives something back."),
    ]
    if contact.context:
        lines.append(_("Your notes: {text}").format(text=contact.context))
    if contact.promised_by_me:
        lines.append(_("You promised: {text}").format(text=contact.promised_by_me))
    lines.append(_("/cancel to stop."))
    context.reply("\n".join(lines))


async def flow_practice(update: Update, context: OserContext, text: str) -> None:
    """Free text while practising a thank-you message: score it and give feedback."""
    _ = context._
    flow = required(_flow(context), "an open flow")
    contact = await svc.get_contact(context.db, context.user.id, int(flow.get("contact_id", 0)))
    set_flow(context, None)
    if contact is None:
        context.reply(_("That contact no longer exists. /contacts shows your journal."))
        return
    notes = svc.notes_of(contact)
    result = score_thanks(text, context.user.language, notes)
    buttons = [[("🔁 " + _("Try again"), cb.PractiseThanks(contact.id).to_data())]]
    if contact.thanked_at is None:
        buttons.append([("✅ " + _("I sent it: mark as thanked"), cb.MarkThanked(contact.id).to_data())])
    context.reply(thanks_feedback(result, notes, _), buttons)


async def _news_reply(context: OserContext, contact: Contact) -> str:
    activity = await svc.activity_since(context.db, context.user, contact)
    return news_suggestion(contact.name, activity, context._)


# ---------------------------------------------------------------------------------------------
# Nudges
# ---------------------------------------------------------------------------------------------


async def render_nudge(session, nudge: Nudge, contact: Contact, user: User) -> tuple[str, list]:
    """The message of a due nudge, in the user's language."""
    _ = translator(user.language)
    if nudge.kind == "thank":
        # Nudges go out when due (one due days ago is dropped): its due day is the day it is read.
        due_day = local_today(nudge.due_at, zone(user.timezone, DEFAULT_NUDGE_ZONE))
        if (due_day - contact.met_on).days <= 2:
            text = _(
                "👋 On {date} you met {name}. Have you thanked them? A short message within 48 hours makes a real difference."
            )
        else:
            text = _(
                "👋 On {date} you met {name}. Have you thanked them? Even a few days later, a short message "
                "still makes a difference."
            )
        text = text.format(date=format_day(contact.met_on, user.language), name=contact.name)
        if contact.promised_by_me:
            text += "\n" + _("You promised: {text}").format(text=contact.promised_by_me)
        buttons = [
            [("📝 " + _("Practise the message"), cb.PractiseThanks(contact.id).to_data())],
            [
                ("✅ " + _("Done, I thanked them"), cb.NudgeDone(nudge.id).to_data()),
                ("⏰ " + _("Tomorrow"), cb.NudgeSnooze(nudge.id).to_data()),
            ],
        ]
        return text, buttons
    activity = await svc.activity_since(session, user, contact)
    text = (
        _("📰 You met {name} on {date}: a good moment to give them news of your search.").format(
            name=contact.name, date=format_day(contact.met_on, user.language)
        )
        + "\n\n"
        + news_suggestion(contact.name, activity, _)
    )
    buttons = [
        [
            ("✅ " + _("Done, I gave news"), cb.NudgeDone(nudge.id).to_data()),
            ("⏰ " + _("In a week"), cb.NudgeSnooze(nudge.id).to_data()),
        ],
    ]
    return text, buttons


async def send_due_nudges(bot, sessions, *, rate: float, now: datetime | None = None) -> int:
    """Queue the nudges due at `now`, then send what is queued; how many nudges went out."""
    await svc.queue_due_nudges(sessions, render_nudge, now=now)
    tally = await send_scheduled(bot, sessions, rate, {"nudge": svc.recorded})
    return tally["nudge", "sent"]


async def _nudge_job(context: OserContext) -> None:
    rt = context.runtime
    sent = await send_due_nudges(context.bot, rt.sessions, rate=rt.settings.challenge_rate)
    if sent:
        log.info("sent %d contact nudges", sent)


# ---------------------------------------------------------------------------------------------
# Buttons
# ---------------------------------------------------------------------------------------------


def _message_id(update: Update) -> int | None:
    query = required(update.callback_query, "a button press")
    return query.message.message_id if query.message else None


def _expired(context: OserContext) -> None:
    context.callback_answer = context._("This button has expired.")


async def _contact(context: OserContext, contact_id: int) -> Contact | None:
    """The user's contact, or None after saying it no longer exists."""
    contact = await svc.get_contact(context.db, context.user.id, contact_id) if contact_id else None
    if contact is None:
        context.reply(context._("That contact no longer exists. /contacts shows your journal."))
    return contact


async def _edited_contact(context: OserContext, flow: dict) -> Contact | None:
    """The contact of the edit in progress; None (the flow closed, the button expired) when gone."""
    contact = await svc.get_contact(context.db, context.user.id, int(flow.get("contact_id", 0)))
    if contact is None:
        set_flow(context, None)
        _expired(context)
    return contact


async def on_new(update: Update, context: OserContext, button: cb.NewContact) -> None:
    await _start_new(context, _privacy_once(context))


async def on_list(update: Update, context: OserContext, button: cb.ContactList) -> None:
    await _list_reply(context, button.page, edit=_message_id(update))


async def on_list_below(update: Update, context: OserContext, button: cb.ContactListBelow) -> None:
    await _list_reply(context, button.page)


async def on_open(update: Update, context: OserContext, button: cb.OpenContact) -> None:
    if contact := await _contact(context, button.contact_id):
        await _card_reply(context, contact, edit=_message_id(update))


async def on_skip(update: Update, context: OserContext, button: cb.SkipStep) -> None:
    """Skip a step of the "log a meeting" flow."""
    flow = _flow(context) or {}
    if flow.get("kind") == "contact_new" and flow.get("step") == button.step and button.step in OPTIONAL:
        await _next_step(context, flow)
    else:
        _expired(context)


async def on_via(update: Update, context: OserContext, button: cb.MetVia) -> None:
    flow = _flow(context) or {}
    cid = button.referrer_id
    referrer = await svc.get_contact(context.db, context.user.id, cid) if cid else None
    if flow.get("kind") == "contact_new" and flow.get("step") == "via" and referrer is not None:
        await _next_step(context, {**flow, "data": {**flow["data"], "referred_by_id": referrer.id}})
    else:
        _expired(context)


async def on_day(update: Update, context: OserContext, button: cb.MetDay) -> None:
    flow = _flow(context) or {}
    day = _today(context) - timedelta(days=int(button.days_ago))
    if flow.get("kind") == "contact_new" and flow.get("step") == "date":
        await _next_step(context, {**flow, "data": {**flow["data"], "met_on": day.isoformat()}})
    elif flow.get("kind") == "contact_edit" and flow.get("field") == "date":
        if contact := await _edited_contact(context, flow):
            await _apply_edit(context, contact, "date", day)
    else:
        _expired(context)


async def on_thanked(update: Update, context: OserContext, button: cb.Thanked) -> None:
    flow = _flow(context) or {}
    if flow.get("kind") == "contact_new" and flow.get("step") == "thanked":
        await _save_new(context, flow, button.answer)
    else:
        _expired(context)


async def on_mark_thanked(update: Update, context: OserContext, button: cb.MarkThanked) -> None:
    if contact := await _contact(context, button.contact_id):
        await svc.mark_thanked(context.db, contact)
        intro = context._("Well done for thanking {name}! 🙏").format(name=contact.name)
        await _card_reply(context, contact, intro=intro + "\n\n")


async def on_mark_informed(update: Update, context: OserContext, button: cb.MarkInformed) -> None:
    if contact := await _contact(context, button.contact_id):
        await svc.mark_informed(context.db, contact)
        intro = context._("Noted: {name} has news from you. 🌱").format(name=contact.name)
        await _card_reply(context, contact, intro=intro + "\n\n")


async def on_practise(update: Update, context: OserContext, button: cb.PractiseThanks) -> None:
    if contact := await _contact(context, button.contact_id):
        await _start_practice(context, contact)


async def on_news(update: Update, context: OserContext, button: cb.NewsSuggestion) -> None:
    if contact := await _contact(context, button.contact_id):
        informed = cb.MarkInformed(contact.id).to_data()
        context.reply(await _news_reply(context, contact), [[("✅ " + context._("I gave news"), informed)]])


async def on_edit_menu(update: Update, context: OserContext, button: cb.EditMenu) -> None:
    if contact := await _contact(context, button.contact_id):
        text, rows = _edit_menu(context, contact)
        context.reply(text, rows, edit=_message_id(update))


async def on_edit_field(update: Update, context: OserContext, button: cb.EditField) -> None:
    if button.field not in (*FIELDS, "via"):
        _expired(context)
    elif contact := await _contact(context, button.contact_id):
        await _edit_field(context, contact, button.field)


async def on_edit_via(update: Update, context: OserContext, button: cb.EditVia) -> None:
    if contact := await _contact(context, button.contact_id):
        if button.referrer_id == 0:
            contact.referred_by_id = None
        else:
            referrer = await svc.get_contact(context.db, context.user.id, button.referrer_id)
            if referrer is None or referrer.id == contact.id:
                _expired(context)
                return
            contact.referred_by_id = referrer.id
        await context.db.flush()
        await _card_reply(context, contact, intro=context._("Updated.") + "\n\n")


async def on_clear(update: Update, context: OserContext, button: cb.ClearField) -> None:
    flow = _flow(context) or {}
    if flow.get("kind") == "contact_edit" and flow.get("field") in ("ctx", "mine", "theirs", "names"):
        if contact := await _edited_contact(context, flow):
            await _apply_edit(context, contact, flow["field"], [] if flow["field"] == "names" else "")
    else:
        _expired(context)


async def on_ask_delete(update: Update, context: OserContext, button: cb.AskDelete) -> None:
    _ = context._
    if contact := await _contact(context, button.contact_id):
        context.reply(
            _("Delete {name} and their reminders? This can't be undone.").format(name=contact.name),
            [
                [
                    ("🗑 " + _("Yes, delete"), cb.Delete(contact.id).to_data()),
                    ("↩️ " + _("No, keep"), cb.OpenContact(contact.id).to_data()),
                ]
            ],
            edit=_message_id(update),
        )


async def on_delete(update: Update, context: OserContext, button: cb.Delete) -> None:
    if contact := await _contact(context, button.contact_id):
        name = contact.name
        await svc.delete_contact(context.db, contact)
        if (_flow(context) or {}).get("contact_id") == contact.id:
            set_flow(context, None)
        await _list_reply(context, 0, intro=context._("{name} was deleted.").format(name=name) + "\n\n")


async def _nudge(context: OserContext, nudge_id: int) -> tuple[Nudge, Contact] | None:
    """The user's nudge and its contact, or None after saying the reminder no longer exists."""
    nudge = await svc.get_nudge(context.db, context.user.id, nudge_id) if nudge_id else None
    contact = await svc.get_contact(context.db, context.user.id, nudge.contact_id) if nudge else None
    if nudge is None or contact is None:
        context.reply(context._("That reminder no longer exists. /contacts shows your journal."))
        return None
    return nudge, contact


async def on_nudge_done(update: Update, context: OserContext, button: cb.NudgeDone) -> None:
    _ = context._
    if found := await _nudge(context, button.nudge_id):
        nudge, contact = found
        await svc.nudge_done(context.db, contact, nudge)
        if nudge.kind == "thank":
            context.reply(_("Well done for thanking {name}! 🙏").format(name=contact.name))
        else:
            context.reply(_("Noted: {name} has news from you. 🌱").format(name=contact.name))


async def on_nudge_snooze(update: Update, context: OserContext, button: cb.NudgeSnooze) -> None:
    _ = context._
    if found := await _nudge(context, button.nudge_id):
        nudge, _contact = found
        if nudge.status in ("done", "cancelled"):
            context.callback_answer = _("Already done: nothing to snooze.")
        else:
            moment = await svc.snooze(context.db, context.user, nudge, default_tz=_default_tz(context))
            context.reply(_("OK, I'll remind you on {when}.").format(when=_when(context, moment)))


# ---------------------------------------------------------------------------------------------
# Stats, export, registration
# ---------------------------------------------------------------------------------------------


async def stats_section(context: OserContext) -> str | None:
    figures = await svc.network_figures(context.db, context.user, default_tz=_default_tz(context))
    return network_paragraph(figures, context._)


async def export_section(session, user) -> list[dict]:
    return await svc.export_contacts(session, user)


async def move_nudges(context: OserContext, old_tz: str | None, old_minute: int | None) -> None:
    """The user's zone or hour changed: pending reminders follow it, on the same local day."""
    moved = await svc.move_pending_nudges(
        context.db, context.user, old_tz=old_tz, old_minute=old_minute, default_tz=_default_tz(context)
    )
    if moved:
        log.debug("moved %d pending reminders to the user's new hour", moved)


def _describe_new(_, flow: dict) -> str:
    name = (flow.get("data") or {}).get("name")
    return _("logging your meeting with {name}").format(name=name) if name else _("logging a meeting")


async def _flow_contact(context: OserContext, flow: dict) -> Contact | None:
    contact = await svc.get_contact(context.db, context.user.id, int(flow.get("contact_id") or 0))
    if contact is None:
        set_flow(context, None)
        context.reply(context._("That contact no longer exists. /contacts shows your journal."))
    return contact


async def _resume_edit(context: OserContext, flow: dict) -> None:
    if contact := await _flow_contact(context, flow):
        await _edit_field(context, contact, flow.get("field", "name"))


async def _resume_practice(context: OserContext, flow: dict) -> None:
    if contact := await _flow_contact(context, flow):
        await _start_practice(context, contact)


def register(app: Application) -> None:
    """Add this feature's handlers, jobs and extension hooks."""
    app.add_handler(CommandHandler(["contacts", "reseau"], contacts_command, filters=PRIVATE))
    app.add_handlers(
        [
            on(cb.NewContact, on_new),
            on(cb.ContactList, on_list),
            on(cb.ContactListBelow, on_list_below),
            on(cb.OpenContact, on_open),
            on(cb.SkipStep, on_skip),
            on(cb.MetVia, on_via),
            on(cb.MetDay, on_day),
            on(cb.Thanked, on_thanked),
            on(cb.MarkThanked, on_mark_thanked),
            on(cb.MarkInformed, on_mark_informed),
            on(cb.PractiseThanks, on_practise),
            on(cb.NewsSuggestion, on_news),
            on(cb.EditMenu, on_edit_menu),
            on(cb.EditField, on_edit_field),
            on(cb.EditVia, on_edit_via),
            on(cb.ClearField, on_clear),
            on(cb.AskDelete, on_ask_delete),
            on(cb.Delete, on_delete),
            on(cb.NudgeDone, on_nudge_done),
            on(cb.NudgeSnooze, on_nudge_snooze),
        ]
    )
    FLOWS["contact_new"] = flow_new
    FLOWS["contact_edit"] = flow_edit
    FLOWS["thanks_practice"] = flow_practice
    prompts.PROMPTS["contact_new"] = Prompt(_describe_new, _prompt)
    prompts.PROMPTS["contact_edit"] = Prompt(lambda _, f: _("editing a contact"), _resume_edit)
    prompts.PROMPTS["thanks_practice"] = Prompt(lambda _, f: _("your thank-you practice"), _resume_practice)
    if stats_section not in STATS_SECTIONS:
        STATS_SECTIONS.append(stats_section)
    EXPORT_SECTIONS["contacts"] = export_section
    if move_nudges not in SCHEDULE_HOOKS:
        SCHEDULE_HOOKS.append(move_nudges)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_nudge_job, interval=60, first=20, name="contact-nudges")
