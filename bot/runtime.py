"""What every part of the running bot shares: settings, database, scenarios, services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.rehearsal.service import Rehearsals
from bot.scenario.loader import load_dir
from bot.scenario.model import Scenario
from bot.store.db import make_engine, make_sessionmaker


@dataclass(slots=True)
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    scenarios: dict[str, Scenario]
    rehearsals: Rehearsals

    @classmethod
    def create(cls, settings: Settings) -> Runtime:
        scenarios = load_dir(settings.scenarios_dir)
        engine = make_engine(settings.db_url)
        return cls(settings, engine, make_sessionmaker(engine), scenarios, Rehearsals(scenarios))

    def suggest_for(self, key: str, lang: str, exclude: str | None = None) -> Scenario | None:
        """The scenario that gives the most chances to practise `key` (easiest first on a tie)."""
        candidates = [s for s in self.scenarios_for(lang) if s.id != exclude]

        def chances(s: Scenario) -> int:
            return sum(key in node.opens for node in s.nodes.values()) + (3 if key in s.tags else 0)

        ranked = sorted(candidates, key=lambda s: (-chances(s), s.level, s.persona.name))
        return ranked[0] if ranked and chances(ranked[0]) > 0 else None

    def scenarios_for(self, lang: str) -> list[Scenario]:
        mine = [s for s in self.scenarios.values() if lang in s.languages()] or list(self.scenarios.values())
        return sorted(mine, key=lambda s: (s.level, s.persona.name))
