"""Database tables: users, their rehearsals and turns, and the bookkeeping that makes delivery safe."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and always read back aware in UTC.

    PostgreSQL keeps the zone (timestamptz); SQLite stores the text without it and gives naive
    datetimes back. Written values are converted to UTC (a naive one is taken as UTC already), so
    both databases hold the same instants and compare them the same way.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return _in_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return _in_utc(value)


def _in_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}

    if TYPE_CHECKING:
        # Every model here maps one Table (DeclarativeBase types it as any FromClause): the Core
        # statements built on `Model.__table__` type-check as on a table.
        __table__: ClassVar[Table]


class User(Base):
    """A person who talks to the bot in a private chat; the id is their Telegram user id."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    language: Mapped[str] = mapped_column(String(8))
    # True once the user picked a language with /language: Telegram's language no longer overrides it.
    language_chosen: Mapped[bool] = mapped_column(default=False)
    settings: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # IANA time zone; None until the user sets one (DEFAULT_TIMEZONE applies).
    timezone: Mapped[str | None] = mapped_column(String(64))
    # Daily challenge: off (never subscribed or stopped), on, or paused (holiday: the streak is kept).
    challenge_status: Mapped[str] = mapped_column(String(16), default="off", server_default="off")
    # Local time of the daily challenge, in minutes after midnight (540 = 09:00).
    challenge_minute: Mapped[int] = mapped_column(default=540, server_default="540")
    # The UTC moment the next challenge is due (indexed: the scheduler's query reads only due rows).
    next_challenge_at: Mapped[datetime | None]
    # Set when Telegram says the user blocked the bot; nothing is sent to them any more.
    blocked_at: Mapped[datetime | None]

    rehearsals: Mapped[list[Rehearsal]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


Index(
    "ix_users_challenge_due",
    User.next_challenge_at,
    sqlite_where=text("challenge_status = 'on'"),
    postgresql_where=text("challenge_status = 'on'"),
)


class Rehearsal(Base):
    """One conversation with a persona, from /rehearse to the debrief."""

    __tablename__ = "rehearsals"
    __table_args__ = (
        # At most one rehearsal in progress per user, even if two updates race.
        Index(
            "uq_rehearsals_active_user",
            "user_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        Index("ix_rehearsals_user_started", "user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active, ended, cancelled
    state: Mapped[dict] = mapped_column(default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ending: Mapped[str | None] = mapped_column(String(32))
    # key id -> 0..100, or None when the rehearsal gave no chance to show that key.
    scores: Mapped[dict | None]
    # seq of the last turn: a reply appends turns without reading the earlier ones.
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    user: Mapped[User] = relationship(back_populates="rehearsals")
    # Loaded only when asked for (selectinload, or Rehearsals.turns_of): a reply never reads them all.
    turns: Mapped[list[Turn]] = relationship(
        back_populates="rehearsal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Turn.seq",
        lazy="raise",
    )


class Turn(Base):
    """One message of a rehearsal, the user's or the persona's."""

    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rehearsal_id: Mapped[int] = mapped_column(ForeignKey("rehearsals.id", ondelete="CASCADE"))
    seq: Mapped[int]
    role: Mapped[str] = mapped_column(String(16))  # user, persona
    text: Mapped[str] = mapped_column(Text)
    labels: Mapped[list] = mapped_column(default=list)
    evidence: Mapped[dict] = mapped_column(default=dict)
    line_id: Mapped[str | None] = mapped_column(String(128))
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    rehearsal: Mapped[Rehearsal] = relationship(back_populates="turns")

    __table_args__ = (Index("uq_turns_rehearsal_seq", "rehearsal_id", "seq", unique=True),)


class ProcessedUpdate(Base):
    """A Telegram update already handled: a redelivered one (same update_id) is not handled again."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # for housekeeping's purge


class Outbox(Base):
    """A message committed with the change that decided it (a reply, a daily challenge, a nudge),
    then sent; unsent rows are sent again after a crash."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who sends it: the process that created the row claims it at birth; a claim that expires
    # unsent (the process died) lets the retry job of any instance send it.
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    # A scheduled message (None: a reply): what it delivers ("challenge", "reminder" of a
    # challenge_days row, "nudge" of a nudges row) and that row's id, recorded once it is sent.
    kind: Mapped[str | None] = mapped_column(String(16))
    ref_id: Mapped[int | None]


class GroupNote(Base):
    """Group chats already told, once, that the bot works in private."""

    __tablename__ = "group_notes"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ChallengeDay(Base):
    """One user's challenge for one local date: the claim that makes sending exactly-once, then its outcome."""

    __tablename__ = "challenge_days"
    __table_args__ = (
        Index("uq_challenge_days_user_date", "user_id", "local_date", unique=True),
        Index("ix_challenge_days_status_claimed", "status", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    challenge_id: Mapped[str] = mapped_column(String(64))
    # claimed (queued in the outbox), sent, done, skipped (not today); snoozed uses snooze_until.
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    snooze_until: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    reflection: Mapped[str | None] = mapped_column(Text)


class Contact(Base):
    """A real person the user met (issue: journal of real meetings)."""

    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_user_met", "user_id", "met_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(128))
    context: Mapped[str] = mapped_column(Text, default="")
    met_on: Mapped[date] = mapped_column(Date)
    promised_by_me: Mapped[str] = mapped_column(Text, default="")
    promised_by_them: Mapped[str] = mapped_column(Text, default="")
    suggested_names: Mapped[list] = mapped_column(default=list)
    # The contact who recommended this person, when the user met them through someone.
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    thanked_at: Mapped[datetime | None]
    informed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Nudge(Base):
    """A reminder about a contact (thank them, give them news), delivered with exactly-once claims."""

    __tablename__ = "nudges"
    __table_args__ = (
        Index("ix_nudges_due", "status", "due_at"),
        Index("uq_nudges_contact_kind", "contact_id", "kind", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # thank, news
    due_at: Mapped[datetime]
    # pending, claimed (queued in the outbox), sent, done, cancelled
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class InboundUpdate(Base):
    """An update stored durably before Telegram is told it arrived; handled later, exactly once."""

    __tablename__ = "inbound_updates"
    __table_args__ = (Index("ix_inbound_updates_pending", "handled_at", "update_id"),)

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    payload: Mapped[dict]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]


class SendSlot(Base):
    """A shared clock for outgoing rate limits across workers and instances (one row per limit)."""

    __tablename__ = "send_slots"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_at: Mapped[datetime]
