"""Settings, from the environment and a `.env` file (names as in CONTRACT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/bot.db"


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one line, safe to show (never the token)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    # The database password on its own (any characters, no URL escaping): replaces the URL's.
    database_password: SecretStr | None = None
    telegram_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(8080, ge=1, le=65535)
    # Webhook server limits (hostile traffic): body size, header and body timeouts, open connections.
    webhook_max_body: int = Field(1024 * 1024, ge=1024)
    webhook_header_timeout: float = Field(10, gt=0)
    webhook_body_timeout: float = Field(10, gt=0)
    webhook_max_connections: int = Field(256, ge=1)
    scenarios_dir: Path = Path("scenarios")
    default_locale: Literal["fr", "en"] = "fr"
    default_timezone: str = "Europe/Paris"
    challenge_rate: float = Field(25, gt=0)
    # Outgoing messages per second, all chats together (Telegram allows about 30).
    telegram_rate: float = Field(30, gt=0)
    # Health: unhealthy when polling or the outbox sender made no progress for this long.
    health_stall_seconds: float = Field(60, gt=0)
    # Where the running bot keeps its health verdict for `oser healthcheck` (polling mode).
    health_file: Path | None = None

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                "is not a database URL (expected sqlite+aiosqlite:///… or postgresql+asyncpg://…)"
            ) from None
        if url.drivername not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
            raise ValueError(
                f"uses the driver '{url.drivername}'; use sqlite+aiosqlite:///… or postgresql+asyncpg://…"
            )
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not an IANA time zone such as Europe/Paris") from None
        return value

    @model_validator(mode="after")
    def _webhook(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @property
    def db_url(self) -> URL:
        url = make_url(self.database_url)
        if self.database_password is not None and self.database_password.get_secret_value():
            url = url.set(password=self.database_password.get_secret_value())
        return url

    def safe_database_url(self) -> str:
        """The database URL with any password hidden, for messages."""
        return self.db_url.render_as_string(hide_password=True)

    def token(self) -> str:
        if self.bot_token is None or not self.bot_token.get_secret_value().strip():
            raise ConfigError(
                "BOT_TOKEN is not set: get a token from @BotFather and set it in the environment or in .env"
            )
        return self.bot_token.get_secret_value().strip()


def load_settings() -> Settings:
    """Read the settings; raise ConfigError with one clear line on any problem."""
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "configuration"
        msg = err["msg"].removeprefix("Value error, ")
        # pydantic may echo the input; never show it (it could be the token).
        raise ConfigError(f"{name} {msg}" if err["loc"] else msg) from None
