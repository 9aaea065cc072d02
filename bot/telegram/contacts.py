"""Telegram handlers of the contacts feature (being written)."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Add this feature's handlers, jobs and extension hooks."""
