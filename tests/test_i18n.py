"""Every user-facing string of the code has a French translation; placeholders survive translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, pick_language, translator

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if isinstance(message, tuple):  # ngettext: (singular, plural), the catalog's key is the singular
            message = message[0]
        if isinstance(message, str) and message.strip():
            found.add(message)
    return found


def catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def test_every_message_is_translated_in_french():
    fr = catalog("fr")
    translated = {_forms(m.id)[0] for m in fr if m.id and m.string}
    missing = sorted(code_messages() - translated)
    assert missing == [], "untranslated in fr.po (run the extraction described in the README):\n" + "\n".join(
        missing
    )


def _forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def test_placeholders_survive_translation():
    for message in catalog("fr"):
        if message.id and message.string:
            wanted = set(re.findall(r"{\w+}", _forms(message.id)[-1]))
            forms = _forms(message.string)
            # A singular form may leave the count out ("Last rehearsal" rather than "Last 1 rehearsal").
            for form in forms[:-1]:
                assert set(re.findall(r"{\w+}", form)) <= wanted, message.id
            assert set(re.findall(r"{\w+}", forms[-1])) == wanted, message.id


def test_language_follows_telegram_then_default():
    assert pick_language("fr-CA", "en") == "fr"
    assert pick_language("en", "fr") == "en"
    assert pick_language("de", "fr") == "fr"
    assert pick_language(None, "en") == "en"
    assert translator("fr")("Dare") == "Oser"
    assert translator("en")("Dare") == "Dare"
