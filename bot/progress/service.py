"""Progress and personal data: the queries and computations behind /stats, /history, /export, /forget.

No Telegram here: the handlers in `bot/progress/handlers.py` render what these functions return.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Table, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.coach.keys import KEY_IDS
from bot.rehearsal.service import Rehearsals
from bot.store.db import rowcount
from bot.store.models import Base, Rehearsal, Turn, User

# /stats compares the average of the last WINDOW measured scores of a key with the WINDOW before.
WINDOW = 5
# A change smaller than this (points out of 100) is shown as stable.
KEY_STEP = 5
# Mood taps are 1..5: a change smaller than this is stable.
MOOD_STEP = 0.3
MOODS = (1, 2, 3, 4, 5)
MOOD_MOMENTS = ("before", "after")
# The chart shows the last CHART_REHEARSALS rehearsals: more would be a smear on a phone.
CHART_REHEARSALS = 30
HISTORY_PAGE = 5


def overall(scores: Mapping[str, int | None] | None) -> int | None:
    """The rehearsal's overall score, as its debrief gave it (stored with the keys: a job request in
    the first turns caps it); for rehearsals stored before that, the rounded mean of the measured keys."""
    scores = scores or {}
    if scores.get("overall") is not None:
        return scores["overall"]
    measured = [score for key in KEY_IDS if (score := scores.get(key)) is not None]
    return round(sum(measured) / len(measured)) if measured else None


def local_day(moment: datetime, tz_name: str | None, default_tz: str) -> date:
    """The user's calendar date of a stored (UTC) moment."""
    try:
        zone = ZoneInfo(tz_name or default_tz)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(default_tz)
    return moment.astimezone(zone).date()


def arrow(recent: float | None, previous: float | None, step: float) -> str:
    if recent is None or previous is None:
        return ""
    if recent - previous >= step:
        return "↗"
    if previous - recent >= step:
        return "↘"
    return "→"


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


# --------------------------------------------------------------------------- /stats


@dataclass(frozen=True, slots=True)
class Point:
    """One finished rehearsal as /stats sees it."""

    number: int  # 1 for the user's first finished rehearsal
    rehearsal_id: int
    scenario_id: str
    started_at: datetime
    scores: dict[str, int | None]
    moods: dict[str, int]


@dataclass(frozen=True, slots=True)
class Trend:
    """Average of the last WINDOW values against the WINDOW before (None when there are none)."""

    recent: float | None
    previous: float | None
    step: float

    @property
    def arrow(self) -> str:
        return arrow(self.recent, self.previous, self.step)


@dataclass(slots=True)
class Progress:
    done: int
    keys: dict[str, Trend]
    mood_before: Trend
    mood_after: Trend
    points: list[Point] = field(default_factory=list)

    @property
    def best(self) -> str | None:
        ranked = [(-t.recent, i, k) for i, (k, t) in enumerate(self.keys.items()) if t.recent is not None]
        return min(ranked)[2] if ranked else None

    @property
    def weakest(self) -> str | None:
        """The key to work on: the lowest recent average (None when it is also the best)."""
        ranked = [(t.recent, i, k) for i, (k, t) in enumerate(self.keys.items()) if t.recent is not None]
        if len(ranked) < 2:
            return None
        found = min(ranked)[2]
        return None if found == self.best else found

    @property
    def has_moods(self) -> bool:
        return self.mood_before.recent is not None or self.mood_after.recent is not None


def trend(values: list[float], step: float) -> Trend:
    return Trend(_mean(values[-WINDOW:]), _mean(values[-2 * WINDOW : -WINDOW]), step)


async def finished_rehearsals(session: AsyncSession, user_id: int) -> list[Point]:
    """The user's debriefed rehearsals, oldest first; reads only the columns /stats needs."""
    rows = await session.execute(
        select(
            Rehearsal.id,
            Rehearsal.scenario_id,
            Rehearsal.started_at,
            Rehearsal.scores,
            Rehearsal.state["moods"],
        )
        .where(Rehearsal.user_id == user_id, Rehearsal.status == "ended")
        .order_by(Rehearsal.started_at, Rehearsal.id)
    )
    points = []
    for number, (rid, scenario_id, started_at, scores, moods) in enumerate(rows, start=1):
        scores = scores or {}
        points.append(
            Point(
                number=number,
                rehearsal_id=rid,
                scenario_id=scenario_id,
                started_at=started_at,
                scores={key: scores.get(key) for key in (*KEY_IDS, "overall")},
                moods={m: v for m, v in (moods or {}).items() if m in MOOD_MOMENTS and v in MOODS},
            )
        )
    return points


def progress_of(points: list[Point]) -> Progress:
    keys = {}
    for key in KEY_IDS:
        keys[key] = trend([score for p in points if (score := p.scores[key]) is not None], KEY_STEP)
    return Progress(
        done=len(points),
        keys=keys,
        mood_before=trend([p.moods["before"] for p in points if "before" in p.moods], MOOD_STEP),
        mood_after=trend([p.moods["after"] for p in points if "after" in p.moods], MOOD_STEP),
        points=points,
    )


def recommendation(points: list[Point], suggest: Callable[[str, str | None], Any]) -> tuple[str, Any] | None:
    """The key to work on and a persona to practise it with, the same under a debrief and in /stats:
    the key with the lowest recent average, and `suggest(key, exclude)`'s persona, other than the one
    of the last rehearsal (None as the persona when no other one fits). None: no key stands out."""
    key = progress_of(points).weakest if points else None
    if key is None:
        return None
    return key, suggest(key, points[-1].scenario_id)


@dataclass(frozen=True, slots=True)
class Series:
    """What one panel of the chart plots: each rehearsal's score (dots) and the running average (line)."""

    dots: list[tuple[int, int]]
    line: list[tuple[int, float]]


def chart_series(points: list[Point], last: int = CHART_REHEARSALS) -> dict[str, Series]:
    """Per key (and "overall"), the scores of the last `last` rehearsals, x being the rehearsal's number.

    The line is the average of the last WINDOW measured scores up to each dot, computed over the whole
    history, so the first dots of the window already carry their past."""
    first_shown = points[-last].number if len(points) > last else 1
    out: dict[str, Series] = {}
    for key in (*KEY_IDS, "overall"):
        dots: list[tuple[int, int]] = []
        line: list[tuple[int, float]] = []
        seen: list[int] = []
        for p in points:
            value = overall(p.scores) if key == "overall" else p.scores[key]
            if value is None:
                continue
            seen.append(value)
            if p.number >= first_shown:
                dots.append((p.number, value))
                line.append((p.number, sum(seen[-WINDOW:]) / len(seen[-WINDOW:])))
        out[key] = Series(dots, line)
    return out


# --------------------------------------------------------------------------- mood check


@dataclass(frozen=True, slots=True)
class MoodNoted:
    rehearsal: Rehearsal
    enjoy_after: int | None


async def record_mood(
    session: AsyncSession, rehearsals: Rehearsals, user_id: int, rehearsal_id: int, moment: str, value: int
) -> MoodNoted | None:
    """Store a mood tap in the rehearsal's state; a debriefed rehearsal gets its scores recomputed.

    Returns None when the rehearsal is not the user's (or no longer exists)."""
    if moment not in MOOD_MOMENTS or value not in MOODS:
        raise ValueError(f"bad mood {moment}={value}")
    # The row lock (PostgreSQL) keeps a reply being handled at the same moment from being overwritten
    # by this read-modify-write of the state, or the other way round.
    rehearsal = await session.scalar(
        select(Rehearsal)
        .where(Rehearsal.id == rehearsal_id, Rehearsal.user_id == user_id)
        .options(selectinload(Rehearsal.turns))
        .with_for_update(of=Rehearsal)
        .execution_options(populate_existing=True)
    )
    if rehearsal is None:
        return None
    state = dict(rehearsal.state or {})
    state["moods"] = {**(state.get("moods") or {}), moment: value}
    rehearsal.state = state  # a new dict: the JSON column only notices reassignment
    after = (rehearsal.scores or {}).get("enjoy")
    if rehearsal.status == "ended":
        rehearsal.scores = rehearsals.debrief(rehearsal).stored_scores()
        after = rehearsal.scores.get("enjoy")
    await session.flush()
    return MoodNoted(rehearsal, after)


# --------------------------------------------------------------------------- /history


@dataclass(frozen=True, slots=True)
class HistoryItem:
    number: int  # as on the /stats chart: 1 for the user's first finished rehearsal
    rehearsal_id: int
    scenario_id: str
    started_at: datetime
    overall: int | None


@dataclass(frozen=True, slots=True)
class HistoryPage:
    items: list[HistoryItem]
    page: int  # 0 is the most recent
    pages: int
    total: int


async def history_page(
    session: AsyncSession, user_id: int, page: int, per_page: int = HISTORY_PAGE
) -> HistoryPage:
    """Debriefed rehearsals, newest first, one page of them (a page past the end shows the last one)."""
    mine = (Rehearsal.user_id == user_id, Rehearsal.status == "ended")
    total = await session.scalar(select(func.count()).select_from(Rehearsal).where(*mine)) or 0
    pages = max(1, -(-total // per_page))
    page = max(0, min(page, pages - 1))
    rows = await session.execute(
        select(Rehearsal.id, Rehearsal.scenario_id, Rehearsal.started_at, Rehearsal.scores)
        .where(*mine)
        .order_by(Rehearsal.started_at.desc(), Rehearsal.id.desc())
        .limit(per_page)
        .offset(page * per_page)
    )
    first = total - page * per_page
    items = [
        HistoryItem(first - i, rid, sid, at, overall(scores)) for i, (rid, sid, at, scores) in enumerate(rows)
    ]
    return HistoryPage(items, page, pages, total)


# --------------------------------------------------------------------------- /export


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


ExportSection = Callable[[AsyncSession, User], Awaitable[Any]]


async def export_user(
    session: AsyncSession, user: User, sections: Mapping[str, ExportSection] | None = None
) -> dict:
    """Everything stored about the user, in the /export format of CONTRACT.md.

    "user" holds every column of the users table (new columns are exported without a change here);
    `sections` are the other features' parts ("challenges", "contacts"…); "challenges" is [] when no
    feature provides it."""
    data: dict[str, Any] = {
        "user": {c.key: _json_value(getattr(user, c.key)) for c in User.__mapper__.column_attrs},
        "sessions": [],
    }
    rehearsals = await session.scalars(
        select(Rehearsal)
        .where(Rehearsal.user_id == user.id)
        .order_by(Rehearsal.started_at, Rehearsal.id)
        .options(selectinload(Rehearsal.turns))
    )
    for r in rehearsals:
        scores = r.scores or {}
        data["sessions"].append(
            {
                "id": r.id,
                "scenario": r.scenario_id,
                "status": r.status,
                "started_at": _json_value(r.started_at),
                "ended_at": _json_value(r.ended_at),
                "ending": r.ending,
                "scores": {key: scores.get(key) for key in KEY_IDS},
                "moods": dict((r.state or {}).get("moods") or {}),
                "turns": [_turn(t) for t in r.turns],
            }
        )
    for name, section in (sections or {}).items():
        data[name] = await section(session, user)
    data.setdefault("challenges", [])
    return data


def _turn(turn: Turn) -> dict:
    return {
        "role": turn.role,
        "text": turn.text,
        "at": _json_value(turn.at),
        "labels": list(turn.labels or []),
    }


# --------------------------------------------------------------------------- /forget


def _owned_by(table: Table, user_id: int, seen: frozenset[str] = frozenset()) -> ColumnElement[bool] | None:
    """The SQL condition for the rows of `table` that belong to the user, or None if none can.

    A row belongs to the user when it is their users row, carries their user_id, or points (by a
    foreign key) to a row that belongs to them, e.g. a turn of their rehearsal. Derived from the
    metadata, so a table added later is covered without a change here."""
    if table.name == User.__tablename__:
        return table.c.id == user_id
    conditions = []
    if "user_id" in table.c:
        conditions.append(table.c.user_id == user_id)
    for fk in table.foreign_keys:
        parent = fk.column.table
        if parent is table or parent.name in seen:
            continue
        if fk.parent.name == "user_id" and parent.name == User.__tablename__:
            continue  # already the first condition
        # A row belongs to its parent when it cannot outlive it (ON DELETE CASCADE, or a required
        # reference); an optional reference (ON DELETE SET NULL) is only a pointer.
        if (fk.ondelete or "").upper() != "CASCADE" and fk.parent.nullable:
            continue
        parent_condition = _owned_by(parent, user_id, seen | {table.name})
        if parent_condition is not None:
            conditions.append(fk.parent.in_(select(fk.column).where(parent_condition)))
    return or_(*conditions) if conditions else None


async def forget_user(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Delete every row about the user, in every table; returns the number of rows deleted per table.

    Children go first (reverse dependency order), so the conditions that reach a row through its
    parent still find the parent; the users row goes last. The caller commits."""
    deleted = {}
    for table in reversed(Base.metadata.sorted_tables):
        condition = _owned_by(table, user_id)
        if condition is None:
            continue
        result = await session.execute(delete(table).where(condition))
        deleted[table.name] = rowcount(result) or 0
    return deleted
