"""Apply alembic migrations from code (`run`, `db upgrade`, tests)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import URL

from bot.store.db import prepare_sqlite_folder


def migrations_dir() -> Path:
    """The alembic folder: beside the package in a checkout, or OSER_MIGRATIONS_DIR (the Docker image)."""
    if os.environ.get("OSER_MIGRATIONS_DIR"):
        return Path(os.environ["OSER_MIGRATIONS_DIR"])
    beside = Path(__file__).resolve().parents[2] / "migrations"
    return beside if beside.is_dir() else Path.cwd() / "migrations"


def alembic_config(url: URL) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # configparser treats % specially; a password may contain one.
    cfg.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(url: URL, revision: str = "head") -> None:
    prepare_sqlite_folder(url)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: URL, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
