"""Rehearsal service: the only place that joins the engine, the scorer and the database.

Handlers and tests call these functions inside one database session per update; the caller commits
(together with the replies to send), so a user turn and the persona's answer are stored before
anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.coach import debrief as debrief_mod
from bot.coach.analysis import LABELS, Analysis, Span
from bot.coach.topics import read
from bot.i18n import translator
from bot.scenario import engine
from bot.scenario.engine import PersonaTurn
from bot.scenario.model import Scenario
from bot.store.models import Rehearsal, Turn, User, utcnow


class AlreadyActive(Exception):
    def __init__(self, rehearsal: Rehearsal):
        self.rehearsal = rehearsal


class UnknownScenario(Exception):
    pass


@dataclass(slots=True)
class ReplyOutcome:
    rehearsal: Rehearsal
    analysis: Analysis
    persona: PersonaTurn | None
    debrief: debrief_mod.Debrief | None  # set when the persona ended the rehearsal


def analysis_of(turn: Turn, lang: str) -> Analysis:
    evidence = {
        label: tuple(Span(int(s), int(e), str(t)) for s, e, t in spans)
        for label, spans in (turn.evidence or {}).items()
        if label in LABELS
    }
    return Analysis(text=turn.text, lang=lang, evidence=evidence)


async def active_rehearsal(session: AsyncSession, user_id: int) -> Rehearsal | None:
    """The user's rehearsal in progress, without its turns (a reply only appends)."""
    return await session.scalar(
        select(Rehearsal).where(Rehearsal.user_id == user_id, Rehearsal.status == "active")
    )


async def turns_of(session: AsyncSession, rehearsal: Rehearsal) -> list[Turn]:
    return list(
        await session.scalars(select(Turn).where(Turn.rehearsal_id == rehearsal.id).order_by(Turn.seq))
    )


async def load_rehearsal(session: AsyncSession, user_id: int, rehearsal_id: int) -> Rehearsal | None:
    return await session.scalar(
        select(Rehearsal)
        .where(Rehearsal.id == rehearsal_id, Rehearsal.user_id == user_id)
        .options(selectinload(Rehearsal.turns))
    )


def debrief_for(turns: list[Analysis], state: dict, gettext=lambda s: s) -> debrief_mod.Debrief:
    """The debrief of a rehearsal from its user turns and engine state (shared with the console)."""
    moods = state.get("moods", {})
    return debrief_mod.compute(
        turns,
        opened=state.get("opened", ()),
        nudges=state.get("nudges", {}),
        ended_naturally=bool(state.get("ending")),
        moods=(moods.get("before"), moods.get("after")),
        gettext=gettext,
        register=state.get("register", "vous"),
        gifts=state.get("gifts", []),
    )


def _turn_row(
    rehearsal: Rehearsal,
    seq: int,
    role: str,
    text: str,
    *,
    labels: list | None = None,
    evidence: dict | None = None,
    line_id: str | None = None,
    update_id: int | None = None,
) -> dict:
    """One row of `turns`, for `_INSERT_TURNS`."""
    return {
        "rehearsal_id": rehearsal.id,
        "seq": seq,
        "role": role,
        "text": text,
        "labels": labels or [],
        "evidence": evidence or {},
        "line_id": line_id,
        "update_id": update_id,
        "at": utcnow(),
    }


# The turns of a reply in one statement (a Core insert: the rehearsal's turns are not loaded, and
# nothing reads the new rows back as objects).
_INSERT_TURNS = insert(Turn.__table__)


class Rehearsals:
    def __init__(self, scenarios: dict[str, Scenario]):
        self.scenarios = scenarios

    def scenario(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise UnknownScenario(scenario_id) from None

    async def start(
        self, session: AsyncSession, user: User, scenario_id: str
    ) -> tuple[Rehearsal, PersonaTurn]:
        scenario = self.scenario(scenario_id)
        current = await active_rehearsal(session, user.id)
        if current is not None:
            raise AlreadyActive(current)
        state, opening = engine.start(scenario, user.language)
        rehearsal = Rehearsal(
            user_id=user.id, scenario_id=scenario.id, state=state, status="active", turns=[], last_seq=1
        )
        rehearsal.turns.append(Turn(seq=1, role="persona", text=opening.text, line_id=opening.line_id))
        session.add(rehearsal)
        await session.flush()
        return rehearsal, opening

    async def reply(
        self, session: AsyncSession, rehearsal: Rehearsal, text: str, update_id: int | None
    ) -> ReplyOutcome:
        """Store the user's turn and the persona's answer. When the persona has ended the conversation,
        the user still has a last word (as in real life: thanks, goodbye); that reply ends the rehearsal.

        This runs for every message of a rehearsal, so it writes without reading the earlier turns:
        one insert for the new turns, one update of the rehearsal (flushed at the caller's commit)."""
        scenario = self.scenario(rehearsal.scenario_id)
        analysis = read(text, rehearsal.state.get("lang", scenario.language))
        seq = rehearsal.last_seq + 1
        turns = [
            _turn_row(
                rehearsal,
                seq,
                "user",
                text,
                labels=sorted(analysis.labels),
                evidence={
                    k: [[s.start, s.end, s.text] for s in v] for k, v in analysis.evidence.items() if v
                },
                update_id=update_id,
            )
        ]
        if rehearsal.state.get("ending"):
            # The persona has said goodbye; this was the user's last word (a thank-you counts): debrief.
            rehearsal.last_seq = seq
            await session.execute(_INSERT_TURNS, turns)
            result = await self.finish(session, rehearsal)
            await session.flush()
            return ReplyOutcome(rehearsal, analysis, None, result)
        state, persona = engine.respond(scenario, rehearsal.state, analysis)
        if persona is not None:
            turns.append(_turn_row(rehearsal, seq + 1, "persona", persona.text, line_id=persona.line_id))
        rehearsal.state = state  # a new dict: the ORM sees the change and writes it at the commit
        rehearsal.last_seq = seq + len(turns) - 1
        await session.execute(_INSERT_TURNS, turns)
        return ReplyOutcome(rehearsal, analysis, persona, None)

    def debrief(self, rehearsal: Rehearsal, turns: list[Turn] | None = None) -> debrief_mod.Debrief:
        """Compute the debrief from the stored turns (deterministic: the same turns give the same
        debrief); rewrites are suggested in the language the user rehearsed in. `turns` defaults to
        the rehearsal's loaded turns (selectinload)."""
        scenario = self.scenarios.get(rehearsal.scenario_id)
        lang = (rehearsal.state or {}).get("lang") or (scenario.language if scenario else "fr")
        user_turns = [
            analysis_of(t, lang) for t in (rehearsal.turns if turns is None else turns) if t.role == "user"
        ]
        return debrief_for(user_turns, rehearsal.state or {}, translator(lang))

    async def finish(self, session: AsyncSession, rehearsal: Rehearsal) -> debrief_mod.Debrief:
        """End the rehearsal and score it from its stored turns."""
        result = self.debrief(rehearsal, await turns_of(session, rehearsal))
        rehearsal.status = "ended"
        rehearsal.ended_at = utcnow()
        rehearsal.ending = (rehearsal.state or {}).get("ending") or "ended_by_user"
        rehearsal.scores = result.stored_scores()
        return result

    async def cancel(self, session: AsyncSession, rehearsal: Rehearsal) -> None:
        rehearsal.status = "cancelled"
        rehearsal.ended_at = utcnow()
        await session.flush()
