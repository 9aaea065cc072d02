"""Following up real meetings (key 5, a long-term relationship): pure logic, no Telegram, no database.

- `parse_day`: the date of a meeting as people type it ("12/03", "2026-03-12", "hier", "3 March"…);
- `nudge_schedule` and `next_at_hour`: when to remind the user, at their chosen local hour, in their
  time zone (zoneinfo, so daylight-saving changes are handled);
- `score_thanks`: rates a thank-you message (thanks, a detail of the conversation, something given
  back) with feedback that names what is missing;
- `news_suggestion`: what to tell a contact three weeks later, from plain activity figures;
- `network_paragraph`: the /stats lines about the user's network.

User-facing text goes through the `_` translator passed in (msgids are English).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date

from bot.coach.scorer import analyse
from bot.i18n import ngettext

Translate = Callable[[str], str]

THANK_AFTER_DAYS = 1  # "have you thanked X?" the day after the meeting
NEWS_AFTER_DAYS = 21  # "give X news of your search" about three weeks later
THANK_STALE_DAYS = 7  # a meeting logged later than this gets no thank-you reminder
SNOOZE_DAYS = {"thank": 1, "news": 7}

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase, accents stripped, apostrophes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2019\u2018`´]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def split_names(text: str) -> list[str]:
    """Names typed in one message: separated by commas, semicolons, new lines, " et " or " and "."""
    parts = re.split(r"[,;\n/]+|\s+(?:et|and|&)\s+", text.strip())
    names: list[str] = []
    for part in parts:
        name = re.sub(r"\s+", " ", part).strip(" .-")
        if name and fold(name) not in {fold(n) for n in names}:
            names.append(name[:128])
    return names[:20]


def same_person(typed: str, suggested: str) -> bool:
    """Whether a logged name is one the user was given: same words ignoring case and accents, or all
    the words of one among the other's ("Paul" and "Paul Martin")."""
    a, b = fold(typed), fold(suggested)
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(re.findall(r"[\w']+", a)), set(re.findall(r"[\w']+", b))
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(shorter) and sum(len(w) for w in shorter) >= 3 and shorter <= longer


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_TODAY = {"today", "aujourd'hui", "aujourdhui", "auj", "ce jour"}
_YESTERDAY = {"yesterday", "hier"}
_BEFORE_YESTERDAY = {"avant-hier", "avant hier", "the day before yesterday"}

_MONTHS = {
    # French
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip


_FUTURE = {"demain", "tomorrow", "apres-demain", "apres demain", "the day after tomorrow"}
_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip


class FutureDate(ValueError):
    """The typed date is after today: a meeting to log has already happened."""


class AmbiguousDate(ValueError):
    """An English numeric date that reads as two dates (3/12: 3 December or 12 March)."""

    def __init__(self, first: date, second: date):
        super().__init__(f"{first.isoformat()} or {second.isoformat()}")
        self.first, self.second = first, second


def _year(y: str) -> int:
    value = int(y)
    return value + 2000 if value < 100 else value


def _recent(day: int, month: int, today: date) -> date:
    """A day and month without a year: the most recent such date, today included."""
    candidate = date(today.year, month, day)
    if candidate > today:
        candidate = date(today.year - 1, month, day)
    return candidate


def _weekday(t: str, today: date) -> date | None:
    """'mardi', 'mardi dernier', 'last Tuesday', 'Tue': the most recent such day before today.
    Raises FutureDate for 'mardi prochain', 'next Tuesday'."""
    words = t.split()
    if len(words) == 2 and (words[0] == "next" or words[1] == "prochain"):
        if (words[1] if words[0] == "next" else words[0]) in _WEEKDAYS:
            raise FutureDate(t)
        return None
    if len(words) == 2 and words[0] in ("last", "ce", "on") and words[1] in _WEEKDAYS:
        words = words[1:]
    elif len(words) == 2 and words[1] == "dernier" and words[0] in _WEEKDAYS:
        words = words[:1]
    if len(words) != 1 or words[0] not in _WEEKDAYS:
        return None
    back = (today.weekday() - _WEEKDAYS[words[0]]) % 7 or 7
    return today - timedelta(days=back)


def _numeric(first: int, second: int, year: int | None, today: date, lang: str) -> date:
    """A numeric day and month: day first in French; in English, refused when it reads both ways."""

    def make(day: int, month: int) -> date:
        return date(year, month, day) if year else _recent(day, month, today)

    if lang != "en" or first > 12 or second > 12 or first == second:
        return make(first, second) if lang != "en" or second <= 12 else make(second, first)
    raise AmbiguousDate(make(first, second), make(second, first))


def parse_day(text: str, today: date, lang: str = "fr") -> date | None:
    """A meeting date typed by the user, or None when it can't be read.

    Understands today/yesterday/the day before (French and English), weekday names (mardi, last
    Tuesday), day/month with or without a year (12/03, 12.03.2026, 12-3-26), ISO dates (2026-03-12)
    and month names (12 mars, March 3rd). Numbers are day first in French; in English a number
    pair that reads both ways (3/12) raises AmbiguousDate. Raises FutureDate for a date after today
    (tomorrow, next Monday, 2 May when it is April).
    """
    t = fold(text).strip(" .!")
    if t in _TODAY:
        return today
    if t in _YESTERDAY:
        return today - timedelta(days=1)
    if t in _BEFORE_YESTERDAY:
        return today - timedelta(days=2)
    if t in _FUTURE:
        raise FutureDate(t)
    result: date | None = _weekday(t, today)
    if result is not None:
        return result
    try:
        if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", t):
            result = date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", t):
            result = _numeric(int(m[1]), int(m[2]), _year(m[3]), today, lang)
        elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})", t):
            result = _numeric(int(m[1]), int(m[2]), None, today, lang)
        elif m := re.fullmatch(r"(?:le )?(\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+)\.?(?: (\d{4}))?", t):
            month = _MONTHS.get(m[2])
            if month is None:
                return None
            result = date(int(m[3]), month, int(m[1])) if m[3] else _recent(int(m[1]), month, today)
        elif m := re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?", t):
            month = _MONTHS.get(m[1])
            if month is None:
                return None
            result = date(int(m[3]), month, int(m[2])) if m[3] else _recent(int(m[2]), month, today)
    except AmbiguousDate:
        raise
    except ValueError:  # 31/02, month 13…
        return None
    if result is not None and result > today:
        raise FutureDate(result.isoformat())
    return result


def format_day(day: date, lang: str) -> str:
    """'12 mars 2026' in French, 'Mar 12, 2026' in English: unambiguous for every reader."""
    return format_date(day, format="medium", locale=lang)


def say_day(day: date, lang: str) -> str:
    """The date in full words, to echo what was understood: 'mardi 2 décembre 2025'."""
    return format_date(day, format="full", locale=lang)


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# ---------------------------------------------------------------------------------------------
# Schedule
# ---------------------------------------------------------------------------------------------


def zone(name: str | None, default: str = "Europe/Paris") -> ZoneInfo:
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def aware(moment: datetime) -> datetime:
    """Datetimes read back from SQLite are naive UTC: make them aware."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return aware(now).astimezone(tz).date()


def at_local(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """The UTC moment of `minute` (after local midnight) on local date `day`.

    A time that does not exist that day (the hour skipped when clocks go forward) is read with the
    offset before the change, i.e. it lands just after the jump; a repeated time (clocks go back)
    is its first occurrence.
    """
    minute = max(0, min(minute, 24 * 60 - 1))
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
    return local.astimezone(UTC)


def next_at_hour(now: datetime, tz: ZoneInfo, minute: int, *, on_or_after: date) -> datetime:
    """The first moment at the chosen local hour on `on_or_after` or later that is after `now`."""
    now = aware(now)
    day = max(on_or_after, local_today(now, tz))
    moment = at_local(day, minute, tz)
    while moment <= now:
        day += timedelta(days=1)
        moment = at_local(day, minute, tz)
    return moment


def nudge_schedule(
    met_on: date, now: datetime, tz_name: str | None, minute: int, *, thanked: bool, default_tz: str = "UTC"
) -> dict[str, datetime]:
    """When to send each reminder about a meeting (UTC): kind -> due moment.

    - "thank": the day after the meeting at the chosen hour, or the next chosen hour if the
      meeting was logged late; none when already thanked or the meeting is more than a week old;
    - "news": 21 days after the meeting at the chosen hour (or the next chosen hour if that is past).
    """
    tz = zone(tz_name, default_tz)
    today = local_today(now, tz)
    due: dict[str, datetime] = {}
    if not thanked and (today - met_on).days <= THANK_STALE_DAYS:
        due["thank"] = next_at_hour(now, tz, minute, on_or_after=met_on + timedelta(days=THANK_AFTER_DAYS))
    due["news"] = next_at_hour(now, tz, minute, on_or_after=met_on + timedelta(days=NEWS_AFTER_DAYS))
    return due


def moved_due(due: datetime, now: datetime, old_tz: ZoneInfo, new_tz: ZoneInfo, minute: int) -> datetime:
    """A pending reminder after the user changed their time zone or hour: the same local day as
    before, at the chosen hour in the new zone (or the next such moment, if that one is past)."""
    day = aware(due).astimezone(old_tz).date()
    return next_at_hour(now, new_tz, minute, on_or_after=day)


def snooze_until(
    kind: str, now: datetime, tz_name: str | None, minute: int, default_tz: str = "UTC"
) -> datetime:
    """A snoozed reminder comes back at the chosen hour, one day (thank) or a week (news) later."""
    tz = zone(tz_name, default_tz)
    days = SNOOZE_DAYS.get(kind, 1)
    return next_at_hour(now, tz, minute, on_or_after=local_today(now, tz) + timedelta(days=days))


def thanked_in_time(
    met_on: date, thanked_at: datetime | None, tz_name: str | None, default_tz: str = "UTC"
) -> bool:
    """Thanked within 48 hours: on the day of the meeting or the day after (local time)."""
    if thanked_at is None:
        return False
    tz = zone(tz_name, default_tz)
    return aware(thanked_at) < at_local(met_on + timedelta(days=2), 0, tz)


# ---------------------------------------------------------------------------------------------
# Thank-you messages
# ---------------------------------------------------------------------------------------------

WEIGHTS = {"gratitude": 40, "detail": 35, "giving": 25}

# Words too common in any thank-you note to prove the user remembers the conversation.
_STOPWORDS = frozenset(
    """
    avec avoir dans elle elles etre leur leurs mais meme nous notre nos pour plus sans sont tout tous
    toute toutes tres vous votre vos cette ceci cela celle ceux comme chez donc encore entre faire
    fait peut peux quand quel quelle quels quelles sera serait suis etait aussi bien merci beaucoup
    vraiment grand grande hier matin soir aujourd'hui demain semaine jour temps echange echanges
    rencontre rencontrer discussion conversation entretien rendez-vous cafe cafes appel visio
    conseil conseils aide aider precieux precieuse precieuses interessant interessante agreable
    plaisir bonjour bonsoir cordialement belle journee prochain prochaine message moment
    about after again also because been before being could does from have having here into just
    like make more most much only other over same should some such than that their them then there
    these they this those through very were what when where which while with would your yours
    thank thanks grateful really great time today yesterday morning evening week coffee call chat
    talk talking meeting conversation discussion advice help helpful insightful pleasure hello dear
    best regards next message moment
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_DETAIL_PATTERNS = {
    "fr": re.compile(
        r"\b(?:quand|lorsque|ce que|ce qu'|comme) vous (?:m'|nous )?(?:avez |aviez )?"
        r"(?:dit|parle|explique|raconte|mentionne|evoque|conseille|suggere|partage|decrit|montre)\w*"
        r"|\b(?:votre|vos|ton|tes) (?:conseil|conseils|idee|idees|suggestion|remarque|retour|regard|recit|histoire|anecdote|exemple|parcours|point de vue)s? (?:sur|de|d'|concernant|a propos)"
        r"|\b(?:notre|nos) (?:echange|discussion|conversation|entretien)s? (?:sur|autour|a propos|au sujet)"
        r"|\b(?:a propos|au sujet) d(?:e|u|es|')"
        r"|\b(?:en particulier|notamment|surtout|particulierement)\b"
        r"|\b(?:j'ai retenu|je retiens|m'a marque|m'a fait reflechir|m'a beaucoup (?:aide|eclaire|parle))"
    ),
    "en": re.compile(
        r"\b(?:when|what|how) you (?:said|mentioned|told|explained|described|shared|talked|spoke|suggested|showed)"
        r"|\byour (?:advice|tip|tips|idea|ideas|suggestion|point|story|take|insight|insights|perspective|example) (?:on|about|regarding|of)"
        r"|\b(?:our|the) (?:chat|conversation|talk|discussion|exchange) (?:on|about|around)"
        r"|\b(?:in particular|especially|particularly|specifically)\b"
        r"|\b(?:i took away|stuck with me|made me think|really helped me (?:see|understand))"
    ),
}
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'\-]*")


def _content_words(text: str) -> dict[str, str]:
    """Folded content word -> the word as written (4+ letters, not a stop word)."""
    words: dict[str, str] = {}
    for m in _WORD.finditer(text):
        raw = m.group(0).strip("'-")
        word = fold(raw)
        for prefix in ("l'", "d'", "j'", "m'", "qu'", "n'", "s'", "c'"):
            if word.startswith(prefix):
                word = word[len(prefix) :]
                raw = raw[len(prefix) :]
        if len(word) >= 4 and word not in _STOPWORDS:
            words.setdefault(word, raw)
    return words


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    return len(a) >= 6 and len(b) >= 6 and a[:6] == b[:6]


_GREETINGS = {"bonjour", "bonsoir", "salut", "hello", "hi", "dear", "cher", "chere", "merci", "thanks", "you"}


def _proper_nouns(text: str, exclude: Iterable[str]) -> list[str]:
    """Capitalised words that do not start a sentence nor follow a greeting (a company, a person, a place…)."""
    excluded = {fold(w) for name in exclude for w in _WORD.findall(name)}
    found = []
    for m in re.finditer(r"\b([A-ZÀ-Ý][\w\-]{1,})", text):
        before = text[: m.start(1)].rstrip()
        if not before or before[-1] in '.!?:«"(\n':
            continue
        previous = _WORD.findall(before[-20:])
        if previous and fold(previous[-1]) in _GREETINGS:
            continue
        word = m.group(1)
        if fold(word) in excluded or fold(word) in _STOPWORDS or (word.isupper() and len(word) <= 2):
            continue
        found.append(word)
    return found


def fold_keep_length(text: str) -> str:
    """`fold`, one character for one, so that match offsets point into the original text."""
    out = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
            continue
        if ch in "\u2019\u2018`´":
            out.append("'")
            continue
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or ch)
    return "".join(out)


def _clause(text: str, start: int, end: int, limit: int = 70) -> str:
    """The matched words, extended to the end of their clause (at most `limit` characters)."""
    stop = re.search(r"[.!?;,\n]", text[end:])
    clause_end = end + stop.start() if stop else len(text)
    return _short(text[start:clause_end].strip(), limit)


@dataclass(frozen=True, slots=True)
class MeetingNotes:
    """What the user logged about a meeting, to recognise details recalled in a message."""

    name: str = ""
    context: str = ""
    promised_by_me: str = ""
    promised_by_them: str = ""
    suggested_names: tuple[str, ...] = ()

    def text(self) -> str:
        return " ".join([self.context, self.promised_by_me, self.promised_by_them, *self.suggested_names])


@dataclass(frozen=True, slots=True)
class ThanksScore:
    """A thank-you message rated on the three things that make it count."""

    score: int
    gratitude: tuple[str, ...] = ()
    detail: tuple[str, ...] = ()
    giving: tuple[str, ...] = ()
    too_long: bool = False
    missing: tuple[str, ...] = field(default=())

    def has(self, part: str) -> bool:
        return bool(getattr(self, part))


LONG_THANKS_WORDS = 150


def score_thanks(text: str, lang: str, notes: MeetingNotes | None = None) -> ThanksScore:
    """Rate a thank-you message: thanks (40), a detail of the conversation (35), something given back (25).

    A detail is a word shared with what the user logged about the meeting (context, promises,
    suggested names), a specific reference ("what you said about…", "especially…") or a proper noun
    other than the person's own name. Very long messages lose 10 points: a thank-you is short.
    """
    notes = notes or MeetingNotes()
    analysis = analyse(text, lang if lang in ("fr", "en") else "fr")
    gratitude = tuple(s.text for s in analysis.evidence.get("gratitude", ()))
    giving = tuple(s.text for s in analysis.evidence.get("giving", ()))

    detail: list[str] = []
    pattern = _DETAIL_PATTERNS.get(lang, _DETAIL_PATTERNS["fr"])
    for m in pattern.finditer(fold_keep_length(text)):
        clause = _clause(text, m.start(), m.end())
        if not any(clause in d for d in detail):
            detail.append(clause)
    logged = _content_words(notes.text())
    for word, raw in _content_words(text).items():
        if any(_stem_match(word, known) for known in logged) and not any(raw in d for d in detail):
            detail.append(raw)
    for noun in _proper_nouns(text, [notes.name]):
        if not any(noun in d for d in detail):
            detail.append(noun)
    if re.search(r"\d", text) and not detail:
        detail.extend(re.findall(r"\S*\d\S*", text)[:1])
    detail = list(dict.fromkeys(detail))[:4]

    parts = {"gratitude": gratitude, "detail": tuple(detail), "giving": giving}
    score = sum(WEIGHTS[k] for k, v in parts.items() if v)
    too_long = len(text.split()) > LONG_THANKS_WORDS
    if too_long:
        score -= 10
    return ThanksScore(
        score=max(0, min(100, score)),
        gratitude=gratitude,
        detail=tuple(detail),
        giving=giving,
        too_long=too_long,
        missing=tuple(k for k, v in parts.items() if not v),
    )


def _quote(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def thanks_feedback(result: ThanksScore, notes: MeetingNotes, _: Translate) -> str:
    """Feedback on a practised thank-you message: what works (quoted), what is missing and how to add it."""
    lines = [_("Your thank-you message: {score}/100").format(score=result.score), ""]
    if result.gratitude:
        lines.append("✅ " + _("You thank them: {quote}").format(quote=_quote(result.gratitude[0])))
    else:
        lines.append(
            "❌ " + _("Missing: a clear thank-you. Start with it, e.g. “Thank you for your time yesterday.”")
        )
    if result.detail:
        lines.append(
            "✅ "
            + _("You recall the conversation: {quote}").format(
                quote=", ".join(_quote(d) for d in result.detail[:3])
            )
        )
    elif notes.context.strip():
        lines.append(
            "❌ "
            + _(
                "Missing: a detail of your conversation, so they know you listened. From your notes: {notes}"
            ).format(notes=_quote(_short(notes.context)))
        )
    else:
        lines.append(
            "❌ "
            + _(
                "Missing: a detail of your conversation, so they know you listened (“what you said about…”, a name, an idea)."
            )
        )
    if result.giving:
        lines.append("✅ " + _("You give something back: {quote}").format(quote=_quote(result.giving[0])))
    elif notes.promised_by_me.strip():
        lines.append(
            "❌ "
            + _("Missing: something in return. You promised {promise}: say it's on its way.").format(
                promise=_quote(_short(notes.promised_by_me))
            )
        )
    else:
        lines.append(
            "❌ "
            + _(
                "Missing: something in return, e.g. an article, a contact, or news of the people they suggested."
            )
        )
    if result.too_long:
        lines.append("✂️ " + _("It's long: a thank-you reads best in a few lines."))
    lines.append("")
    if not result.missing:
        lines.append(_("All there: thanks, a detail, something given back. Send it today!"))
    else:
        lines.append(
            _(
                "Add what is missing and try again, or send it as it is: a thank-you sent today beats a perfect one sent next week."
            )
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# News three weeks later
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Activity:
    """What the user did since meeting someone (plain figures, read from the database elsewhere)."""

    rehearsals: int = 0
    challenges: int = 0
    met_through: tuple[str, ...] = ()  # people the user met through this contact
    other_meetings: int = 0  # other people met since


def news_suggestion(name: str, activity: Activity, _: Translate) -> str:
    """What to tell `name` about the search, and a draft message built from the user's activity."""
    points: list[str] = []
    if activity.met_through:
        points.append(
            _("Tell them how it went with the people they suggested: {names}.").format(
                names=", ".join(activity.met_through)
            )
        )
    if activity.other_meetings:
        points.append(
            _("Other people met since: {count}. Say what you learned from them.").format(
                count=activity.other_meetings
            )
        )
    if activity.rehearsals or activity.challenges:
        done = []  # only what there is: no "rehearsals: 0"
        if activity.rehearsals:
            done.append(
                ngettext("{n} rehearsal", "{n} rehearsals", activity.rehearsals, _).format(
                    n=activity.rehearsals
                )
            )
        if activity.challenges:
            done.append(
                ngettext("{n} challenge done", "{n} challenges done", activity.challenges, _).format(
                    n=activity.challenges
                )
            )
        points.append(_("You kept practising ({done}): say what is moving.").format(done=", ".join(done)))
    if not points:
        points.append(_("Even without big news, say where you are and what you are exploring next."))

    draft = [
        _("Hello {name},").format(name=name),
        _("I wanted to give you some news of my search since we met."),
    ]
    if activity.met_through:
        draft.append(
            _(
                "Thanks to you I met {names}: it was very useful, thank you again for putting us in touch."
            ).format(names=", ".join(activity.met_through))
        )
    if activity.other_meetings:
        draft.append(_("I've had several other conversations that are helping me refine my project."))
    elif activity.rehearsals or activity.challenges:
        draft.append(_("I keep meeting people and sharpening my project, step by step."))
    draft.append(_("Next, I plan to … (your next step)."))
    # The thanks for the introductions are said above: not twice.
    draft.append(
        _("I'll keep you informed.")
        if activity.met_through
        else _("I'll keep you informed. Thank you again for your help!")
    )
    return (
        _("What you could tell {name}:").format(name=name)
        + "\n"
        + "\n".join(f"• {p}" for p in points)
        + "\n\n"
        + _("A draft to adapt:")
        + "\n"
        + "\n".join(draft)
    )


# ---------------------------------------------------------------------------------------------
# /stats
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NetworkFigures:
    met: int = 0
    thanked_in_time: int = 0
    thank_window_closed: int = 0  # meetings whose 48 hours are over, or already thanked in time
    informed: int = 0
    referred: int = 0


def network_paragraph(figures: NetworkFigures, _: Translate) -> str | None:
    """The /stats section about real meetings; None when the user has logged none."""
    if not figures.met:
        return None
    lines = [_("Your network (/contacts):"), _("People met: {count}").format(count=figures.met)]
    if figures.thank_window_closed:
        pct = round(100 * figures.thanked_in_time / figures.thank_window_closed)
        lines.append(
            _("Thanked within 48 hours: {count} ({percent}%)").format(
                count=figures.thanked_in_time, percent=pct
            )
        )
    lines.append(_("Kept informed: {count}").format(count=figures.informed))
    lines.append(_("Met through a recommendation: {count}").format(count=figures.referred))
    return "\n".join(lines)
