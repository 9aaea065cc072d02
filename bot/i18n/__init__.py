"""Gettext catalogs, French and English. Source strings (msgids) are English.

`.po` files are committed; a compiled `.mo` is used when it is up to date (the Docker image
compiles them), otherwise the `.po` is compiled in memory at first use, so a fresh checkout works.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES: tuple[str, ...] = ("fr", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"

Translate = Callable[[str], str]


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it where it is shown."""
    return message


@cache
def translations(lang: str) -> gettext.NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(lang: str) -> Translate:
    return translations(lang if lang in LOCALES else "en").gettext


def pick_language(telegram_code: str | None, default: str) -> str:
    """The user's language from Telegram's language_code: French, English, else the default."""
    code = (telegram_code or "").lower()
    for lang in LOCALES:
        if code == lang or code.startswith(lang + "-") or code.startswith(lang + "_"):
            return lang
    return default
