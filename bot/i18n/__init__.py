"""Gettext catalogs, French and English. Source strings (msgids) are English.

`.po` files are committed; a compiled `.mo` is used when it is up to date (the Docker image
compiles them), otherwise the `.po` is compiled in memory at first use, so a fresh checkout works.
"""

from __future__ import annotations

import gettext
import io
import re
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


_FR_COLON = re.compile(r"[ \u00a0\u202f]*:(?=\s|$)")
_FR_TALL = re.compile(r"(?<=[^\s(\u00a0\u202f!?;])[ ]?([!?;]+)(?=\s|$|[)»”.,…])")
_FR_OPEN = re.compile(r"[«“]\s*")
_FR_CLOSE = re.compile(r"\s*[»”]")


def french_typography(text: str) -> str:
    """A no-break space before : (and a narrow one before ; ! ?), « » with no-break spaces inside."""
    text = _FR_COLON.sub("\u00a0:", text)
    text = _FR_TALL.sub("\u202f\\1", text)
    text = _FR_OPEN.sub("«\u00a0", text)
    return _FR_CLOSE.sub("\u00a0»", text)


def english_typography(text: str) -> str:
    """English quotes are “ ”, never « »."""
    return re.sub(r"\s*»", "”", re.sub(r"«\s*", "“", text))


class Translator:
    """`_("…")`: the translated message with the language's typography; `.ngettext` for plurals."""

    def __init__(self, lang: str):
        self.lang = lang
        self._catalog = translations(lang)
        self._fix = french_typography if lang == "fr" else english_typography
        self._cache: dict[str, str] = {}

    def __call__(self, message: str) -> str:
        found = self._cache.get(message)
        if found is None:
            found = self._cache[message] = self._fix(self._catalog.gettext(message))
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._fix(self._catalog.ngettext(singular, plural, n))


@cache
def translator(lang: str) -> Translator:
    return Translator(lang if lang in LOCALES else "en")


def ngettext(singular: str, plural: str, n: int, _: Translate) -> str:
    """The plural form for `n` in `_`'s language (English rules for a bare function such as `str`).
    The translator comes last so that pybabel's default `ngettext` keyword extracts the messages."""
    method = getattr(_, "ngettext", None)
    if method is not None:
        return str(method(singular, plural, n))
    return singular if n == 1 else plural


def quote(_: Translate, text: str) -> str:
    """`text` between the language's quotation marks: « » in French, “ ” in English."""
    return f"«\u00a0{text}\u00a0»" if locale_of(_) == "fr" else f"“{text}”"


def locale_of(_: Translate) -> str:
    """The Babel locale of a translator (English for a bare function)."""
    return getattr(_, "lang", "en")


def pick_language(telegram_code: str | None, default: str) -> str:
    """The user's language from Telegram's language_code: French, English, else the default."""
    code = (telegram_code or "").lower()
    for lang in LOCALES:
        if code == lang or code.startswith(lang + "-") or code.startswith(lang + "_"):
            return lang
    return default
