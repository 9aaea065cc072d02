"""Every catalog message, rendered as users see it (through the translator, with sample values), follows
the typography, plural and gender rules of its language.

French: a no-break space before : and a (narrow) no-break one before ; ! ?, « » with no-break spaces
inside and never “ ”, no capital letter after a colon, no "(e)" or "il ou elle" forms. English: “ ”
and never « », no space before : ; ! ?. Both: a count followed by a noun goes through ngettext.
"""

from __future__ import annotations

import re
import string

from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, LOCALES, translator

# Placeholders that hold a count: the word after them must agree with it.
COUNTS = {"n", "count", "current", "best", "month", "days", "total", "number", "done"}
# Capitalised words that may follow a colon in French: names, languages, brands.
PROPER = {"Oser", "Telegram", "Français", "English", "UTC", "JSON", "Europe", "America", "Lyon", "Paris"}
# Words ending in s that are not plurals.
NOT_PLURAL = {"fois", "mois", "this", "is", "was", "news", "plus", "has", "its", "us", "yes", "as"}

FR_RULES = (
    (re.compile(r"[^\u00a0]:(?=\s|$)"), "a no-break space before ':'"),
    (re.compile(r"[^\u00a0\u202f!?]([;!?])(?=\s|$)"), "a no-break space before ; ! ?"),
    (re.compile(r"[“”\"]"), "« » quotes in French"),
    (re.compile(r"«(?!\u00a0)|(?<!\u00a0)»"), "no-break spaces inside « »"),
    (re.compile(r"\(e\)|\(ne\)|il ou elle|elle ou il", re.I), "a neutral form, not '(e)'"),
)
EN_RULES = (
    (re.compile(r"[«»]"), "“ ” quotes in English"),
    (re.compile(r"\s[:;!?](?=\s|$)"), "no space before : ; ! ?"),
)
CAPITAL_AFTER_COLON = re.compile(r"\u00a0: ([A-ZÀÂÉÈÊÎÔÛÇ][\w'’-]*)")


class Samples(dict):
    """Sample values for any placeholder: 3 for counts, a lower-case word for the rest."""

    def __missing__(self, key: str) -> object:
        return 3 if key in COUNTS else "camille"


def catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def rendered(lang: str):
    """(msgid, text) for every message of the catalog, each plural form with its own count."""
    _ = translator(lang)
    for message in catalog(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id[:2]
            for n in (0, 1, 2, 5, 1_000_000):
                yield singular, _.ngettext(singular, plural, n).format_map(Samples(n=n, count=n))
        else:
            yield message.id, _(message.id).format_map(Samples())


def count_then_noun(template: str) -> list[str]:
    """'{count} relevés' in a message without plural forms: wrong for 1 (and for 0 in French)."""
    found = []
    for name, word in re.findall(r"\{(\w+)\} ([a-zà-ÿ]+)", template):
        if name in COUNTS and word.endswith(("s", "x")) and word not in NOT_PLURAL:
            found.append(f"{{{name}}} {word}")
    return found


def problems(lang: str) -> list[str]:
    rules = FR_RULES if lang == "fr" else EN_RULES
    found = []
    for _msgid, text in rendered(lang):
        for pattern, rule in rules:
            if pattern.search(text):
                found.append(f"[{lang}] {rule}: {text!r}")
        if lang == "fr":
            for word in CAPITAL_AFTER_COLON.findall(text):
                if word not in PROPER and not word.isupper():
                    found.append(f"[fr] no capital after ':': {text!r}")
    for message in catalog(lang):
        if message.id and not isinstance(message.id, tuple):
            template = message.string if lang == "fr" and message.string else message.id
            for hit in count_then_noun(template):
                found.append(f"[{lang}] ngettext for {hit!r}: {template!r}")
    return found


def test_every_catalog_message_follows_its_languages_typography_plural_and_gender_rules():
    found = [p for lang in LOCALES for p in problems(lang)]
    checked = sum(1 for lang in LOCALES for _m in rendered(lang))
    print(f"\n{checked} rendered messages checked, {len(found)} breaking a rule", *found, sep="\n")
    assert found == []


def test_the_rules_catch_what_they_are_meant_to():
    fr = [p for p, _rule in FR_RULES]
    assert fr[0].search("Série : 2") and not fr[0].search("Série\u00a0: 2") and not fr[0].search("à 08:30")
    assert fr[1].search("Bravo !") and not fr[1].search("Bravo\u202f!")
    assert fr[2].search("“oui”") and fr[3].search("« oui »") and not fr[3].search("«\u00a0oui\u00a0»")
    assert fr[4].search("rencontré(e)") and fr[4].search("vous a-t-il ou elle promis")
    assert CAPITAL_AFTER_COLON.search("pour ça\u00a0: Un coordinateur")
    assert EN_RULES[0][0].search("« yes »") and EN_RULES[1][0].search("Streak : 2")
    assert count_then_noun("{count} relevés ce mois-ci") == ["{count} relevés"]
    assert count_then_noun("{n} fois") == [] and set(string.ascii_lowercase) >= set("ok")
