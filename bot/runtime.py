"""What every part of the running bot shares: settings, database, scenarios, services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.rehearsal import Rehearsals
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

    def scenarios_for(self, lang: str) -> list[Scenario]:
        mine = [s for s in self.scenarios.values() if s.language == lang] or list(self.scenarios.values())
        return sorted(mine, key=lambda s: (s.level, s.persona.name))
