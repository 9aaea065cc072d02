"""The journal of real meetings: contacts, their follow-up nudges, and exactly-once nudge delivery.

Nudge delivery follows the same rules as the daily challenge:

1. claim: a conditional `UPDATE nudges SET status='claimed' WHERE id=… AND status='pending'` (or a
   claim older than a minute, left by a crash or a network error), committed before anything is
   sent; a row count of 0 means another worker won it. On PostgreSQL the candidates are read with
   `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows instead of waiting;
2. send the message;
3. mark it sent (`status='sent'` only if the claim is still ours).

So two instances never send the same nudge, and a crash repeats at most the message in flight.
When Telegram answers Forbidden (the user blocked the bot), the user is marked blocked and nothing
more is sent to them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.contacts.rules import (
    Activity,
    MeetingNotes,
    NetworkFigures,
    aware,
    local_today,
    moved_due,
    nudge_schedule,
    same_person,
    snooze_until,
    thanked_in_time,
    zone,
)
from bot.render import Buttons
from bot.store.db import rowcount
from bot.store.models import ChallengeDay, Contact, Nudge, Rehearsal, User, utcnow
from bot.store.users import record_blocked

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=1)  # a claim older than this, still unsent, is retried
THANK_LATE = timedelta(days=3)  # a thank-you reminder this late is no longer useful: dropped
BATCH = 100


def _utc(now: datetime | None) -> datetime:
    return aware(now or utcnow()).astimezone(UTC)


def user_tz(user: User, default_tz: str) -> str:
    return user.timezone or default_tz


def notes_of(contact: Contact) -> MeetingNotes:
    return MeetingNotes(
        name=contact.name,
        context=contact.context or "",
        promised_by_me=contact.promised_by_me or "",
        promised_by_them=contact.promised_by_them or "",
        suggested_names=tuple(contact.suggested_names or ()),
    )


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------


async def list_contacts(session: AsyncSession, user_id: int) -> list[Contact]:
    query = (
        select(Contact).where(Contact.user_id == user_id).order_by(Contact.met_on.desc(), Contact.id.desc())
    )
    return list(await session.scalars(query))


async def count_contacts(session: AsyncSession, user_id: int) -> int:
    return (
        await session.scalar(select(func.count()).select_from(Contact).where(Contact.user_id == user_id)) or 0
    )


async def get_contact(session: AsyncSession, user_id: int, contact_id: int) -> Contact | None:
    contact = await session.get(Contact, contact_id)
    return contact if contact is not None and contact.user_id == user_id else None


async def nudges_of(session: AsyncSession, contact_id: int) -> list[Nudge]:
    query = select(Nudge).where(Nudge.contact_id == contact_id).order_by(Nudge.due_at)
    return list(await session.scalars(query))


async def get_nudge(session: AsyncSession, user_id: int, nudge_id: int) -> Nudge | None:
    nudge = await session.get(Nudge, nudge_id)
    return nudge if nudge is not None and nudge.user_id == user_id else None


async def find_referrer(
    session: AsyncSession, user_id: int, name: str, exclude_id: int | None = None
) -> Contact | None:
    """The most recent contact who suggested someone of that name."""
    for contact in await list_contacts(session, user_id):
        if contact.id == exclude_id:
            continue
        if any(same_person(name, s) for s in contact.suggested_names or ()):
            return contact
    return None


# ---------------------------------------------------------------------------------------------
# Changes
# ---------------------------------------------------------------------------------------------


async def create_contact(
    session: AsyncSession,
    user: User,
    *,
    name: str,
    met_on: date,
    context: str = "",
    promised_by_me: str = "",
    promised_by_them: str = "",
    suggested_names: list[str] | None = None,
    referred_by_id: int | None = None,
    thanked_at: datetime | None = None,
    default_tz: str = "Europe/Paris",
    now: datetime | None = None,
) -> Contact:
    """Log a meeting and schedule its nudges (thank the next day unless already thanked; news later)."""
    now = _utc(now)
    if referred_by_id is not None and await get_contact(session, user.id, referred_by_id) is None:
        referred_by_id = None
    contact = Contact(
        user_id=user.id,
        name=name[:128],
        context=context,
        met_on=met_on,
        promised_by_me=promised_by_me,
        promised_by_them=promised_by_them,
        suggested_names=list(suggested_names or []),
        referred_by_id=referred_by_id,
        thanked_at=thanked_at,
        created_at=now,
    )
    session.add(contact)
    await session.flush()
    await schedule(session, user, contact, default_tz=default_tz, now=now)
    return contact


async def schedule(
    session: AsyncSession, user: User, contact: Contact, *, default_tz: str, now: datetime | None = None
) -> None:
    """Create the contact's nudges, or move those still pending after the meeting date changed."""
    now = _utc(now)
    due = nudge_schedule(
        contact.met_on,
        now,
        user_tz(user, default_tz),
        user.challenge_minute,
        thanked=contact.thanked_at is not None,
        default_tz=default_tz,
    )
    existing = {n.kind: n for n in await nudges_of(session, contact.id)}
    for kind, moment in due.items():
        nudge = existing.get(kind)
        if nudge is None:
            session.add(
                Nudge(user_id=user.id, contact_id=contact.id, kind=kind, due_at=moment, status="pending")
            )
        elif nudge.status == "pending":
            nudge.due_at = moment
    # A thank-you reminder that no longer applies (already thanked, or the meeting is too old).
    thank = existing.get("thank")
    if "thank" not in due and thank is not None and thank.status == "pending":
        thank.status = "done" if contact.thanked_at else "cancelled"
    await session.flush()


async def move_pending_nudges(
    session: AsyncSession,
    user: User,
    *,
    old_tz: str | None,
    old_minute: int | None,
    default_tz: str,
    now: datetime | None = None,
) -> int:
    """The user changed their time zone or hour: pending reminders keep their local day and come at
    the new hour in the new zone. Returns how many moved."""
    now = _utc(now)
    before = zone(old_tz, default_tz)
    after = zone(user_tz(user, default_tz), default_tz)
    minute = user.challenge_minute
    if minute is None or (before == after and old_minute == minute):
        return 0
    pending = await session.scalars(select(Nudge).where(Nudge.user_id == user.id, Nudge.status == "pending"))
    moved = 0
    for nudge in pending:
        if nudge.due_at <= now:
            continue  # due already: the next round of the nudge job sends it
        due = moved_due(nudge.due_at, now, before, after, minute)
        if nudge.due_at != due:
            nudge.due_at = due
            moved += 1
    await session.flush()
    return moved


async def _close_nudges(session: AsyncSession, contact: Contact, kind: str, now: datetime) -> None:
    """The user did what the nudge asks: its reminder, pending or already out, is done."""
    await session.execute(
        update(Nudge)
        .where(
            Nudge.contact_id == contact.id,
            Nudge.kind == kind,
            Nudge.status.in_(("pending", "claimed", "sent")),
        )
        .values(status="done", done_at=now)
    )


async def mark_thanked(session: AsyncSession, contact: Contact, now: datetime | None = None) -> None:
    now = _utc(now)
    if contact.thanked_at is None:
        contact.thanked_at = now
    await _close_nudges(session, contact, "thank", now)


async def mark_informed(session: AsyncSession, contact: Contact, now: datetime | None = None) -> None:
    now = _utc(now)
    contact.informed_at = now
    await _close_nudges(session, contact, "news", now)


async def nudge_done(
    session: AsyncSession, contact: Contact, nudge: Nudge, now: datetime | None = None
) -> None:
    if nudge.kind == "thank":
        await mark_thanked(session, contact, now)
    else:
        await mark_informed(session, contact, now)
    await session.refresh(nudge)


async def snooze(
    session: AsyncSession, user: User, nudge: Nudge, *, default_tz: str, now: datetime | None = None
) -> datetime:
    """Bring the nudge back later at the chosen hour (a day for thanks, a week for news)."""
    now = _utc(now)
    moment = snooze_until(nudge.kind, now, user_tz(user, default_tz), user.challenge_minute, default_tz)
    nudge.status = "pending"
    nudge.due_at = moment
    nudge.claimed_at = None
    nudge.done_at = None
    return moment


async def delete_contact(session: AsyncSession, contact: Contact) -> None:
    """Delete a contact and its nudges; people met through them keep their entry, unlinked."""
    await session.execute(delete(Nudge).where(Nudge.contact_id == contact.id))
    await session.execute(
        update(Contact).where(Contact.referred_by_id == contact.id).values(referred_by_id=None)
    )
    await session.delete(contact)
    await session.flush()


# ---------------------------------------------------------------------------------------------
# Activity, stats, export
# ---------------------------------------------------------------------------------------------


async def activity_since(session: AsyncSession, user: User, contact: Contact) -> Activity:
    """What the user did since meeting `contact`: rehearsals ended, challenges done, people met."""
    since = datetime.combine(contact.met_on, time.min, tzinfo=UTC)
    rehearsals = await session.scalar(
        select(func.count())
        .select_from(Rehearsal)
        .where(Rehearsal.user_id == user.id, Rehearsal.status == "ended", Rehearsal.ended_at >= since)
    )
    challenges = await session.scalar(
        select(func.count())
        .select_from(ChallengeDay)
        .where(
            ChallengeDay.user_id == user.id,
            ChallengeDay.status == "done",
            ChallengeDay.local_date >= contact.met_on,
        )
    )
    through = list(
        await session.scalars(
            select(Contact.name)
            .where(Contact.user_id == user.id, Contact.referred_by_id == contact.id)
            .order_by(Contact.met_on)
        )
    )
    others = await session.scalar(
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.user_id == user.id,
            Contact.id != contact.id,
            Contact.met_on >= contact.met_on,
            or_(Contact.referred_by_id.is_(None), Contact.referred_by_id != contact.id),
        )
    )
    return Activity(
        rehearsals=rehearsals or 0,
        challenges=challenges or 0,
        met_through=tuple(through),
        other_meetings=others or 0,
    )


async def network_figures(
    session: AsyncSession, user: User, *, default_tz: str, now: datetime | None = None
) -> NetworkFigures:
    now = _utc(now)
    tz_name = user_tz(user, default_tz)
    today = local_today(now, zone(tz_name, default_tz))
    contacts = await list_contacts(session, user.id)
    in_time = [c for c in contacts if thanked_in_time(c.met_on, c.thanked_at, tz_name, default_tz)]
    closed = [c for c in contacts if (today - c.met_on).days >= 2 or c in in_time]
    return NetworkFigures(
        met=len(contacts),
        thanked_in_time=len(in_time),
        thank_window_closed=len(closed),
        informed=sum(1 for c in contacts if c.informed_at is not None),
        referred=sum(1 for c in contacts if c.referred_by_id is not None),
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def export_contacts(session: AsyncSession, user: User) -> list[dict]:
    """Every contact of the user with its nudges, as JSON-able dicts (for /export)."""
    contacts = await list_contacts(session, user.id)
    names = {c.id: c.name for c in contacts}
    nudges = list(
        await session.scalars(
            select(Nudge).where(Nudge.user_id == user.id).order_by(Nudge.contact_id, Nudge.due_at)
        )
    )
    by_contact: dict[int, list[Nudge]] = {}
    for nudge in nudges:
        by_contact.setdefault(nudge.contact_id, []).append(nudge)
    return [
        {
            "id": c.id,
            "name": c.name,
            "context": c.context,
            "met_on": c.met_on.isoformat(),
            "promised_by_me": c.promised_by_me,
            "promised_by_them": c.promised_by_them,
            "suggested_names": list(c.suggested_names or []),
            "referred_by": {"id": c.referred_by_id, "name": names.get(c.referred_by_id)}
            if c.referred_by_id
            else None,
            "thanked_at": _iso(c.thanked_at),
            "informed_at": _iso(c.informed_at),
            "created_at": _iso(c.created_at),
            "nudges": [
                {
                    "kind": n.kind,
                    "due_at": _iso(n.due_at),
                    "status": n.status,
                    "sent_at": _iso(n.sent_at),
                    "done_at": _iso(n.done_at),
                }
                for n in by_contact.get(c.id, [])
            ],
        }
        for c in contacts
    ]


# ---------------------------------------------------------------------------------------------
# Delivery
# ---------------------------------------------------------------------------------------------

# Builds the message of a nudge in the user's language: (text, buttons).
Render = Callable[[AsyncSession, Nudge, Contact, User], Awaitable[tuple[str, Buttons]]]


@dataclass(frozen=True, slots=True)
class Claim:
    nudge_id: int
    claimed_at: datetime


def _claimable(now: datetime):
    return or_(
        and_(Nudge.status == "pending", Nudge.due_at <= now),
        and_(Nudge.status == "claimed", Nudge.claimed_at < now - CLAIM_TIMEOUT),
    )


async def claim_due(
    sessions: async_sessionmaker[AsyncSession], now: datetime, limit: int = BATCH
) -> list[Claim]:
    """Claim the nudges due at `now` (and stale claims); each claim is ours only if its UPDATE hit one row."""
    now = aware(now).astimezone(UTC)
    claims: list[Claim] = []
    async with sessions() as session:
        query = (
            select(Nudge.id)
            .join(User, User.id == Nudge.user_id)
            .where(_claimable(now), User.blocked_at.is_(None))
            .order_by(Nudge.due_at, Nudge.id)
            .limit(limit)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(of=Nudge, skip_locked=True)
        ids = list(await session.scalars(query))
        for nudge_id in ids:
            result = await session.execute(
                update(Nudge)
                .where(Nudge.id == nudge_id, _claimable(now))
                .values(status="claimed", claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            if rowcount(result) == 1:
                claims.append(Claim(nudge_id, now))
        await session.commit()
    return claims


async def _finish(sessions, claim: Claim, **values) -> bool:
    """Move a claimed nudge on (sent, back to pending, cancelled…) if the claim is still ours."""
    async with sessions() as session:
        result = await session.execute(
            update(Nudge)
            .where(
                Nudge.id == claim.nudge_id, Nudge.status == "claimed", Nudge.claimed_at == claim.claimed_at
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        await session.commit()
        return result.rowcount == 1


def _markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in buttons]
    )


async def deliver_claim(bot, sessions, claim: Claim, render: Render, now: datetime) -> bool:
    """Send one claimed nudge; True when a message went out."""
    async with sessions() as session:
        nudge = await session.get(Nudge, claim.nudge_id)
        contact = await session.get(Contact, nudge.contact_id) if nudge else None
        user = await session.get(User, nudge.user_id) if nudge else None
        if nudge is None or contact is None or user is None:
            return False
        if nudge.kind == "thank" and contact.thanked_at is not None:
            await _finish(sessions, claim, status="done", done_at=now)
            return False
        if nudge.kind == "news" and contact.informed_at is not None:
            await _finish(sessions, claim, status="done", done_at=now)
            return False
        if nudge.kind == "thank" and nudge.due_at < now - THANK_LATE:
            await _finish(sessions, claim, status="cancelled")
            return False
        text, buttons = await render(session, nudge, contact, user)
        chat_id = user.chat_id
    try:
        await bot.send_message(chat_id=chat_id, text=text, reply_markup=_markup(buttons))
    except Forbidden:
        log.info("user %s blocked the bot; no more nudges", user.id)
        await record_blocked(sessions, chat_id, now)
        await _finish(sessions, claim, status="pending", claimed_at=None)
        return False
    except BadRequest as exc:
        log.warning("nudge %s refused by Telegram (%s); dropped", claim.nudge_id, exc.message)
        await _finish(sessions, claim, status="cancelled")
        return False
    except TelegramError as exc:  # network error, flood control: the claim expires and is retried
        log.warning("nudge %s not sent yet (%s); will retry", claim.nudge_id, type(exc).__name__)
        return False
    if not await _finish(sessions, claim, status="sent", sent_at=utcnow()):
        log.info("nudge %s was answered or re-claimed while sending", claim.nudge_id)
    return True


async def send_due_nudges(
    bot,
    sessions: async_sessionmaker[AsyncSession],
    render: Render,
    *,
    now: datetime | None = None,
    limit: int = BATCH,
) -> int:
    """Claim and send every nudge due at `now`; returns how many messages went out."""
    now = aware(now or utcnow()).astimezone(UTC)
    sent = 0
    for claim in await claim_due(sessions, now, limit):
        try:
            if await deliver_claim(bot, sessions, claim, render, now):
                sent += 1
        except Exception:  # noqa: BLE001 - one broken nudge must not stop the others; its claim expires
            log.exception("nudge %s failed", claim.nudge_id)
    return sent
