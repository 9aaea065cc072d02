"""The journal of real meetings: contacts, their follow-up nudges, and exactly-once nudges.

A due nudge is claimed (a conditional `UPDATE nudges SET status='claimed' WHERE id=… AND
status='pending'`; on PostgreSQL the candidates are read `FOR UPDATE SKIP LOCKED`, so concurrent
workers take different rows) and its message queued in the outbox in the same transaction; the
outbox sender sends it like every scheduled message (`bot/telegram/delivery.send_scheduled`) and
`recorded` marks it sent. So two instances never send the same nudge, and a crash repeats at most
the message in flight. When the user blocked the bot, they are marked blocked and nothing more is
sent to them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import bindparam, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

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
from bot.store.outbox import queue

log = logging.getLogger(__name__)

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


async def queue_due_nudges(
    sessions: async_sessionmaker[AsyncSession],
    render: Render,
    *,
    now: datetime | None = None,
    limit: int = BATCH,
) -> int:
    """Claim the nudges due at `now` and queue their messages in the outbox, in one transaction (the
    outbox sender sends them); returns how many were queued. A claim is ours only if its UPDATE hit
    one row, so two workers never queue the same nudge."""
    now = aware(now or utcnow()).astimezone(UTC)
    queued = 0
    async with sessions() as session:
        query = (
            select(Nudge, Contact, User)
            .join(Contact, Contact.id == Nudge.contact_id)
            .join(User, User.id == Nudge.user_id)
            .where(Nudge.status == "pending", Nudge.due_at <= now, User.blocked_at.is_(None))
            .order_by(Nudge.due_at, Nudge.id)
            .limit(limit)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(of=Nudge, skip_locked=True)
        for nudge, contact, user in (await session.execute(query)).all():
            claim = await session.execute(
                update(Nudge)
                .where(Nudge.id == nudge.id, Nudge.status == "pending")
                .values(status="claimed", claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            if rowcount(claim) != 1:
                continue  # another worker won it
            if (nudge.kind == "thank" and contact.thanked_at) or (
                nudge.kind == "news" and contact.informed_at
            ):
                nudge.status, nudge.done_at = "done", now
            elif nudge.kind == "thank" and nudge.due_at < now - THANK_LATE:
                nudge.status = "cancelled"
            else:
                text, buttons = await render(session, nudge, contact, user)
                await queue(
                    session,
                    user_id=user.id,
                    chat_id=user.chat_id,
                    text=text,
                    buttons=buttons,
                    kind="nudge",
                    ref_id=nudge.id,
                )
                queued += 1
        await session.commit()
    return queued


_NUDGES = Nudge.__table__
_RECORD = (
    update(_NUDGES)
    .where(_NUDGES.c.id == bindparam("ref_id"), _NUDGES.c.status == "claimed")
    .values(
        status=bindparam("to"),
        sent_at=bindparam("at"),
        claimed_at=case((bindparam("to") == "pending", None), else_=_NUDGES.c.claimed_at),
    )
)


async def recorded(
    conn: AsyncConnection, kind: str, user_id: int, ref_id: int, outcome: str, message_id: int | None
) -> None:
    """Record what became of a queued nudge, in the sender's transaction (unless the user answered
    it meanwhile): sent; back to pending when the user blocked the bot (they are marked blocked, so
    it waits until they write again); cancelled when Telegram refused it for good."""
    to = {"sent": "sent", "blocked": "pending", "dropped": "cancelled"}[outcome]
    await conn.execute(_RECORD, {"ref_id": ref_id, "to": to, "at": utcnow() if to == "sent" else None})
