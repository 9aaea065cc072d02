"""Daily challenges, the pure part: the catalog and its validation, the choice of the day's challenge,
streaks, when the next one is due (zoneinfo, DST included), and reading times and time zones.

No Telegram, no database: the service (`bot/challenges/service.py`) and the handlers build on this.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import get_timezone_location

from bot.coach.keys import KEY_IDS
from bot.scenario.loader import Problem, ScenarioError, _compose, _line_of
from bot.scenario.model import Loc

LANGUAGES = ("fr", "en")
NO_REPEAT_DAYS = 30
MAX_TEXT = 400
DEFAULT_MINUTE = 9 * 60
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_FIELDS = {"id", "key", "difficulty", "text"}


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True, slots=True)
class Challenge:
    """One small real-world dare, in one language, training one key."""

    id: str
    language: str
    key: str
    difficulty: int
    text: str


class CatalogError(Exception):
    """Broken challenge files; str() lists each problem as file:line: reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Catalog:
    """Every challenge, by id and by language."""

    def __init__(self, challenges: Iterable[Challenge] = ()):
        self.challenges: tuple[Challenge, ...] = tuple(challenges)
        self.by_id: dict[str, Challenge] = {c.id: c for c in self.challenges}

    def get(self, challenge_id: str) -> Challenge | None:
        return self.by_id.get(challenge_id)

    def for_language(self, lang: str) -> list[Challenge]:
        """The challenges of a language (the other language's when it has none)."""
        mine = [c for c in self.challenges if c.language == lang]
        return mine or list(self.challenges)

    def __len__(self) -> int:
        return len(self.challenges)


def challenge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def parse_file(text: str, file: str) -> tuple[list[tuple[Challenge, int]], list[Problem]]:
    """The challenges of one file with their line, and every problem found (file:line: reason)."""
    problems: list[Problem] = []
    try:
        data, lines = _compose(text, file)
    except ScenarioError as exc:
        return [], exc.problems

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(file, _line_of(lines, loc), message))

    if not isinstance(data, dict):
        add((), "a challenge file must be a mapping with 'language' and 'challenges'")
        return [], problems
    for name in data:
        if name not in ("language", "challenges"):
            add((name,), f"unknown field '{name}' (expected 'language' and 'challenges')")
    lang = data.get("language")
    if lang not in LANGUAGES:
        add(("language",), f"language: must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    items = data.get("challenges")
    if not isinstance(items, list) or not items:
        add(("challenges",), "challenges: must be a non-empty list")
        return [], problems
    found: list[tuple[Challenge, int]] = []
    for i, item in enumerate(items):
        loc = ("challenges", i)
        if not isinstance(item, dict):
            add(loc, f"challenges[{i}]: must be a mapping with id, key, difficulty and text")
            continue
        ok = True
        for name in item:
            if name not in _FIELDS:
                add(
                    (*loc, name),
                    f"challenges[{i}].{name}: unknown field (expected id, key, difficulty, text)",
                )
                ok = False
        for name in sorted(_FIELDS - set(item)):
            add(loc, f"challenges[{i}]: missing '{name}'")
            ok = False
        cid, key, level, body = item.get("id"), item.get("key"), item.get("difficulty"), item.get("text")
        if "id" in item and not (isinstance(cid, str) and _ID.match(cid)):
            add((*loc, "id"), f"challenges[{i}].id: use lowercase letters, digits and dashes, not {cid!r}")
            ok = False
        if "key" in item and key not in KEY_IDS:
            add((*loc, "key"), f"challenges[{i}].key: {key!r} is not a key; use one of {', '.join(KEY_IDS)}")
            ok = False
        if "difficulty" in item and (type(level) is not int or not 1 <= level <= 3):
            add((*loc, "difficulty"), f"challenges[{i}].difficulty: must be 1, 2 or 3, not {level!r}")
            ok = False
        if "text" in item:
            if not isinstance(body, str) or not body.strip():
                add((*loc, "text"), f"challenges[{i}].text: must be a non-empty text")
                ok = False
            elif len(body.strip()) > MAX_TEXT:
                add(
                    (*loc, "text"),
                    f"challenges[{i}].text: {len(body.strip())} characters; keep it under {MAX_TEXT}",
                )
                ok = False
        if ok and lang in LANGUAGES:
            found.append(
                (
                    Challenge(str(cid), lang, str(key), int(str(level)), " ".join(str(body).split())),
                    _line_of(lines, (*loc, "id")),
                )
            )
    return found, problems


def check_catalog(directory: Path) -> tuple[list[Challenge], list[Problem]]:
    """Every challenge of a folder and every problem: per file, duplicate ids, keys left uncovered."""
    challenges: list[Challenge] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in challenge_files(directory):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 1, "the file is not UTF-8 text"))
            continue
        found, file_problems = parse_file(text, str(path))
        problems += file_problems
        for challenge, line in found:
            if challenge.id in seen:
                problems.append(
                    Problem(str(path), line, f"id '{challenge.id}' is already used by {seen[challenge.id]}")
                )
                continue
            seen[challenge.id] = str(path)
            challenges.append(challenge)
    for lang in sorted({c.language for c in challenges}):
        keys = {c.key for c in challenges if c.language == lang}
        for key in KEY_IDS:
            if key not in keys:
                problems.append(
                    Problem(str(directory), 0, f"{lang}: no challenge trains '{key}'", severity="warning")
                )
    return challenges, problems


def load_catalog(directory: Path) -> Catalog:
    """The catalog of a folder (empty when the folder does not exist); CatalogError on any error."""
    if not directory.is_dir():
        return Catalog()
    challenges, problems = check_catalog(directory)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CatalogError(errors)
    return Catalog(tuple(challenges))


# --------------------------------------------------------------------------- choice of the day


def weakest_key(scores: Iterable[Mapping[str, int | None] | None]) -> str | None:
    """The key with the lowest average over the given rehearsals' scores (None: nothing measured)."""
    totals: dict[str, list[int]] = {}
    for card in scores:
        for key, value in (card or {}).items():
            if key in KEY_IDS and isinstance(value, int | float):
                totals.setdefault(key, []).append(int(value))
    if not totals:
        return None
    return min(totals, key=lambda k: (sum(totals[k]) / len(totals[k]), KEY_IDS.index(k)))


def target_difficulty(streak: int) -> int:
    """Easy for the first days, then harder as the streak grows."""
    if streak < 3:
        return 1
    if streak < 7:
        return 2
    return 3


# How much more often the weakest key comes up than each other key.
WEAKEST_WEIGHT = 6


def choose(
    catalog: Catalog,
    lang: str,
    *,
    weakest: str | None,
    streak: int,
    recent: Mapping[str, date],
    day: date,
    seed: object = 0,
) -> Challenge | None:
    """The challenge of `day`: the weakest key most days, difficulty after the streak, none of the
    last 30 days (`recent`: challenge id -> last date given), the same answer for the same inputs."""
    pool = catalog.for_language(lang)
    if not pool:
        return None
    rng = random.Random(f"{seed}:{day.isoformat()}")
    fresh = [c for c in pool if c.id not in recent or (day - recent[c.id]).days >= NO_REPEAT_DAYS]
    if not fresh:
        # A small catalog ran out: the one given longest ago.
        return min(pool, key=lambda c: (recent.get(c.id, date.min), c.id))
    keys = sorted({c.key for c in fresh}, key=KEY_IDS.index)
    weights = [WEAKEST_WEIGHT if k == weakest else 1 for k in keys]
    key = rng.choices(keys, weights=weights)[0]
    level = target_difficulty(streak)
    candidates = [c for c in fresh if c.key == key]
    best = min(abs(c.difficulty - level) for c in candidates)
    # Nearest difficulty; on a tie the easier one, so a long pause never jumps straight to the hardest.
    closest = [c for c in candidates if abs(c.difficulty - level) == best]
    lowest = min(c.difficulty for c in closest)
    closest = sorted((c for c in closest if c.difficulty == lowest), key=lambda c: c.id)
    return rng.choice(closest)


# --------------------------------------------------------------------------- streaks


class Streak(NamedTuple):
    current: int
    best: int


def streaks(days: Iterable[tuple[date, str]], today: date) -> Streak:
    """Consecutive challenges done (current and best), from the days alone (each challenge's local
    date and status), whatever the order in which the user started, paused or stopped them. Days
    without a challenge (paused, stopped, bot down) do not break a streak; a challenge given and not
    done does, except today's and yesterday's, which can still be checked in."""
    best = run = 0
    for day, status in sorted(days):
        if status == "done":
            run += 1
        elif day < today - timedelta(days=1):
            run = 0
        best = max(best, run)
    return Streak(run, best)


# --------------------------------------------------------------------------- when it is due


def zone(name: str | None, default: str = "Europe/Paris") -> ZoneInfo:
    try:
        return ZoneInfo(name or default)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(default)


def aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return aware(moment).astimezone(tz).date()


def due_at(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """The UTC moment of `minute` past midnight on local `day`. A time the clocks skip (spring
    forward) becomes the first moment after the gap; a time that happens twice (fall back), the first."""
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # In a gap: fold=1 reads the wall time with the offset after the change, which lands before the
    # gap; the clocks jump somewhere between the two readings. Find that instant to the second.
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = first
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0) + (timedelta(seconds=1) if high.microsecond else timedelta())


def next_due(now: datetime, minute: int, tz: ZoneInfo, *, has_today: bool) -> datetime:
    """When the next daily challenge is due after a change of schedule: today's time if it is still
    ahead and today has no challenge yet, otherwise tomorrow's. Never in the past."""
    now = aware(now)
    today = local_date(now, tz)
    todays = due_at(today, minute, tz)
    if not has_today and todays > now:
        return todays
    return due_at(today + timedelta(days=1), minute, tz)


# --------------------------------------------------------------------------- reading user input

_TIME = re.compile(r"^(\d{1,2})(?:\s*(?:[:hH.])\s*(\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?$", re.I)


def parse_time(text: str) -> int | None:
    """'08:30', '8h30', '8h', '20.15', '8:30 pm' -> minutes after midnight; None when unreadable."""
    cleaned = text.strip().lower().replace(" ", "")
    compact = re.fullmatch(r"(\d{2})(\d{2})", cleaned)
    if compact:
        hour, minute, suffix = int(compact[1]), int(compact[2]), None
    else:
        match = _TIME.match(cleaned)
        if not match:
            return None
        hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[-_'’.,/]", " ", plain)
    return " ".join(plain.split())


# City, IANA zone, latitude, longitude. Names in French and English; the first name is the one shown.
CITIES: tuple[tuple[str, str, float, float], ...] = (
    ("Paris", "Europe/Paris", 48.86, 2.35),
    ("Lyon", "Europe/Paris", 45.76, 4.84),
    ("Marseille", "Europe/Paris", 43.30, 5.37),
    ("Toulouse", "Europe/Paris", 43.60, 1.44),
    ("Bordeaux", "Europe/Paris", 44.84, -0.58),
    ("Nantes", "Europe/Paris", 47.22, -1.55),
    ("Lille", "Europe/Paris", 50.63, 3.06),
    ("Strasbourg", "Europe/Paris", 48.57, 7.75),
    ("Brest", "Europe/Paris", 48.39, -4.49),
    ("Nice", "Europe/Paris", 43.70, 7.27),
    ("Ajaccio", "Europe/Paris", 41.93, 8.74),
    ("Bruxelles|Brussels", "Europe/Brussels", 50.85, 4.35),
    ("Liège|Liege", "Europe/Brussels", 50.63, 5.57),
    ("Luxembourg", "Europe/Luxembourg", 49.61, 6.13),
    ("Genève|Geneva", "Europe/Zurich", 46.20, 6.14),
    ("Lausanne", "Europe/Zurich", 46.52, 6.63),
    ("Zurich", "Europe/Zurich", 47.37, 8.54),
    ("Monaco", "Europe/Monaco", 43.74, 7.42),
    ("Londres|London", "Europe/London", 51.51, -0.13),
    ("Manchester", "Europe/London", 53.48, -2.24),
    ("Édimbourg|Edinburgh", "Europe/London", 55.95, -3.19),
    ("Dublin", "Europe/Dublin", 53.35, -6.26),
    ("Lisbonne|Lisbon", "Europe/Lisbon", 38.72, -9.14),
    ("Porto", "Europe/Lisbon", 41.15, -8.61),
    ("Madrid", "Europe/Madrid", 40.42, -3.70),
    ("Barcelone|Barcelona", "Europe/Madrid", 41.39, 2.17),
    ("Séville|Seville", "Europe/Madrid", 37.39, -5.98),
    ("Andorre|Andorra", "Europe/Andorra", 42.51, 1.52),
    ("Rome", "Europe/Rome", 41.90, 12.50),
    ("Milan", "Europe/Rome", 45.46, 9.19),
    ("Naples", "Europe/Rome", 40.85, 14.27),
    ("Berlin", "Europe/Berlin", 52.52, 13.40),
    ("Munich", "Europe/Berlin", 48.14, 11.58),
    ("Francfort|Frankfurt", "Europe/Berlin", 50.11, 8.68),
    ("Hambourg|Hamburg", "Europe/Berlin", 53.55, 9.99),
    ("Amsterdam", "Europe/Amsterdam", 52.37, 4.90),
    ("Copenhague|Copenhagen", "Europe/Copenhagen", 55.68, 12.57),
    ("Oslo", "Europe/Oslo", 59.91, 10.75),
    ("Stockholm", "Europe/Stockholm", 59.33, 18.07),
    ("Helsinki", "Europe/Helsinki", 60.17, 24.94),
    ("Varsovie|Warsaw", "Europe/Warsaw", 52.23, 21.01),
    ("Prague", "Europe/Prague", 50.08, 14.44),
    ("Vienne|Vienna", "Europe/Vienna", 48.21, 16.37),
    ("Budapest", "Europe/Budapest", 47.50, 19.04),
    ("Bucarest|Bucharest", "Europe/Bucharest", 44.43, 26.10),
    ("Athènes|Athens", "Europe/Athens", 37.98, 23.73),
    ("Istanbul", "Europe/Istanbul", 41.01, 28.98),
    ("Kyiv|Kiev", "Europe/Kyiv", 50.45, 30.52),
    ("Moscou|Moscow", "Europe/Moscow", 55.76, 37.62),
    ("Reykjavik", "Atlantic/Reykjavik", 64.15, -21.94),
    ("Casablanca", "Africa/Casablanca", 33.57, -7.59),
    ("Rabat", "Africa/Casablanca", 34.02, -6.84),
    ("Alger|Algiers", "Africa/Algiers", 36.75, 3.06),
    ("Tunis", "Africa/Tunis", 36.81, 10.18),
    ("Le Caire|Cairo", "Africa/Cairo", 30.04, 31.24),
    ("Dakar", "Africa/Dakar", 14.69, -17.44),
    ("Abidjan", "Africa/Abidjan", 5.36, -4.01),
    ("Bamako", "Africa/Bamako", 12.64, -8.00),
    ("Ouagadougou", "Africa/Ouagadougou", 12.37, -1.52),
    ("Niamey", "Africa/Niamey", 13.51, 2.11),
    ("Lomé|Lome", "Africa/Lome", 6.13, 1.22),
    ("Cotonou", "Africa/Porto-Novo", 6.37, 2.39),
    ("Accra", "Africa/Accra", 5.60, -0.19),
    ("Lagos", "Africa/Lagos", 6.52, 3.38),
    ("Douala", "Africa/Douala", 4.05, 9.77),
    ("Yaoundé|Yaounde", "Africa/Douala", 3.87, 11.52),
    ("Libreville", "Africa/Libreville", 0.42, 9.47),
    ("Kinshasa", "Africa/Kinshasa", -4.44, 15.27),
    ("Brazzaville", "Africa/Brazzaville", -4.27, 15.28),
    ("Kigali", "Africa/Kigali", -1.95, 30.06),
    ("Nairobi", "Africa/Nairobi", -1.29, 36.82),
    ("Addis-Abeba|Addis Ababa", "Africa/Addis_Ababa", 9.03, 38.74),
    ("Djibouti", "Africa/Djibouti", 11.59, 43.15),
    ("Johannesburg", "Africa/Johannesburg", -26.20, 28.05),
    ("Le Cap|Cape Town", "Africa/Johannesburg", -33.92, 18.42),
    ("Antananarivo", "Indian/Antananarivo", -18.88, 47.51),
    ("Saint-Denis de La Réunion|La Réunion|Reunion", "Indian/Reunion", -20.88, 55.45),
    ("Port-Louis|Maurice|Mauritius", "Indian/Mauritius", -20.16, 57.50),
    ("Mayotte|Mamoudzou", "Indian/Mayotte", -12.78, 45.23),
    ("Beyrouth|Beirut", "Asia/Beirut", 33.89, 35.50),
    ("Jérusalem|Jerusalem|Tel Aviv", "Asia/Jerusalem", 31.77, 35.21),
    ("Riyad|Riyadh", "Asia/Riyadh", 24.71, 46.68),
    ("Doha", "Asia/Qatar", 25.29, 51.53),
    ("Dubaï|Dubai|Abou Dabi|Abu Dhabi", "Asia/Dubai", 25.20, 55.27),
    ("Téhéran|Tehran", "Asia/Tehran", 35.69, 51.39),
    ("Karachi", "Asia/Karachi", 24.86, 67.01),
    ("Bombay|Mumbai", "Asia/Kolkata", 19.08, 72.88),
    ("Delhi|New Delhi", "Asia/Kolkata", 28.61, 77.21),
    ("Bangalore|Bengaluru", "Asia/Kolkata", 12.97, 77.59),
    ("Katmandou|Kathmandu", "Asia/Kathmandu", 27.72, 85.32),
    ("Dacca|Dhaka", "Asia/Dhaka", 23.81, 90.41),
    ("Bangkok", "Asia/Bangkok", 13.76, 100.50),
    ("Hô Chi Minh-Ville|Ho Chi Minh City|Saigon", "Asia/Ho_Chi_Minh", 10.82, 106.63),
    ("Hanoï|Hanoi", "Asia/Bangkok", 21.03, 105.85),
    ("Kuala Lumpur", "Asia/Kuala_Lumpur", 3.14, 101.69),
    ("Singapour|Singapore", "Asia/Singapore", 1.35, 103.82),
    ("Jakarta", "Asia/Jakarta", -6.21, 106.85),
    ("Manille|Manila", "Asia/Manila", 14.60, 120.98),
    ("Hong Kong", "Asia/Hong_Kong", 22.32, 114.17),
    ("Shanghai", "Asia/Shanghai", 31.23, 121.47),
    ("Pékin|Beijing", "Asia/Shanghai", 39.90, 116.41),
    ("Taipei", "Asia/Taipei", 25.03, 121.57),
    ("Séoul|Seoul", "Asia/Seoul", 37.57, 126.98),
    ("Tokyo", "Asia/Tokyo", 35.68, 139.69),
    ("Osaka", "Asia/Tokyo", 34.69, 135.50),
    ("Perth", "Australia/Perth", -31.95, 115.86),
    ("Darwin", "Australia/Darwin", -12.46, 130.84),
    ("Adélaïde|Adelaide", "Australia/Adelaide", -34.93, 138.60),
    ("Brisbane", "Australia/Brisbane", -27.47, 153.03),
    ("Sydney", "Australia/Sydney", -33.87, 151.21),
    ("Melbourne", "Australia/Melbourne", -37.81, 144.96),
    ("Nouméa|Noumea", "Pacific/Noumea", -22.27, 166.46),
    ("Auckland", "Pacific/Auckland", -36.85, 174.76),
    ("Papeete|Tahiti", "Pacific/Tahiti", -17.54, -149.57),
    ("Honolulu", "Pacific/Honolulu", 21.31, -157.86),
    ("Anchorage", "America/Anchorage", 61.22, -149.90),
    ("Vancouver", "America/Vancouver", 49.28, -123.12),
    ("Seattle", "America/Los_Angeles", 47.61, -122.33),
    ("San Francisco", "America/Los_Angeles", 37.77, -122.42),
    ("Los Angeles", "America/Los_Angeles", 34.05, -118.24),
    ("Las Vegas", "America/Los_Angeles", 36.17, -115.14),
    ("Phoenix", "America/Phoenix", 33.45, -112.07),
    ("Calgary", "America/Edmonton", 51.05, -114.07),
    ("Edmonton", "America/Edmonton", 53.55, -113.49),
    ("Denver", "America/Denver", 39.74, -104.99),
    ("Winnipeg", "America/Winnipeg", 49.90, -97.14),
    ("Mexico", "America/Mexico_City", 19.43, -99.13),
    ("Houston", "America/Chicago", 29.76, -95.37),
    ("Dallas", "America/Chicago", 32.78, -96.80),
    ("Chicago", "America/Chicago", 41.88, -87.63),
    ("Atlanta", "America/New_York", 33.75, -84.39),
    ("Miami", "America/New_York", 25.76, -80.19),
    ("Washington", "America/New_York", 38.91, -77.04),
    ("New York", "America/New_York", 40.71, -74.01),
    ("Boston", "America/New_York", 42.36, -71.06),
    ("Toronto", "America/Toronto", 43.65, -79.38),
    ("Ottawa", "America/Toronto", 45.42, -75.70),
    ("Montréal|Montreal", "America/Toronto", 45.50, -73.57),
    ("Québec|Quebec", "America/Toronto", 46.81, -71.21),
    ("Halifax", "America/Halifax", 44.65, -63.58),
    ("Moncton", "America/Moncton", 46.09, -64.78),
    ("Saint-Jean de Terre-Neuve|St. John's", "America/St_Johns", 47.56, -52.71),
    ("Saint-Pierre", "America/Miquelon", 46.78, -56.18),
    ("Port-au-Prince", "America/Port-au-Prince", 18.59, -72.31),
    ("Pointe-à-Pitre|Guadeloupe", "America/Guadeloupe", 16.24, -61.53),
    ("Fort-de-France|Martinique", "America/Martinique", 14.62, -61.06),
    ("Cayenne|Guyane", "America/Cayenne", 4.92, -52.31),
    ("Bogotá|Bogota", "America/Bogota", 4.71, -74.07),
    ("Lima", "America/Lima", -12.05, -77.04),
    ("Santiago", "America/Santiago", -33.45, -70.67),
    ("Buenos Aires", "America/Argentina/Buenos_Aires", -34.60, -58.38),
    ("São Paulo|Sao Paulo", "America/Sao_Paulo", -23.55, -46.63),
    ("Rio de Janeiro", "America/Sao_Paulo", -22.91, -43.17),
)

# UTC offsets that no Etc/GMT zone covers (not whole hours): a zone that uses them.
_ODD_OFFSETS = {
    -570: "Pacific/Marquesas",
    -210: "America/St_Johns",
    210: "Asia/Tehran",
    270: "Asia/Kabul",
    330: "Asia/Kolkata",
    345: "Asia/Kathmandu",
    390: "Asia/Yangon",
    525: "Australia/Eucla",
    570: "Australia/Darwin",
    630: "Australia/Lord_Howe",
    765: "Pacific/Chatham",
}
_OFFSET = re.compile(r"^(?:utc|gmt|z)?\s*([+-−])\s*(\d{1,2})(?:\s*[:h.]?\s*(\d{2}))?$")


@cache
def _zone_names() -> dict[str, str]:
    """Folded IANA names and their last part (kolkata, new york) -> IANA name."""
    names: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/", "posix/", "right/")) or "/" not in name:
            continue
        names.setdefault(_fold(name.replace("/", " ")), name)
        names.setdefault(_fold(name.rsplit("/", 1)[-1]), name)
    for names_field, tz, _lat, _lon in CITIES:
        for city in names_field.split("|"):
            names[_fold(city)] = tz
    return names


def offset_zone(minutes: int) -> str | None:
    """An IANA zone with a fixed UTC offset: Etc/GMT-2 is UTC+2 (the Etc sign is reversed)."""
    if minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60:
        hours = minutes // 60
        return "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return _ODD_OFFSETS.get(minutes)


def parse_timezone(text: str) -> str | None:
    """An IANA name ('Europe/Paris', any case), a city ('Montréal', 'new york') or a UTC offset
    ('UTC+2', '+02:00', 'GMT-5', 'UTC') -> an IANA zone name; None when unknown."""
    raw = text.strip()
    if not raw:
        return None
    folded = _fold(raw)
    if folded in ("utc", "gmt", "z", "utc 0", "gmt 0"):
        return "Etc/UTC"
    compact = raw.lower().replace(" ", "").replace("−", "-")
    match = _OFFSET.match(compact)
    if match:
        sign = -1 if match[1] in "-−" else 1
        hours, mins = int(match[2]), int(match[3] or 0)
        if hours > 14 or mins >= 60:
            return None
        return offset_zone(sign * (hours * 60 + mins))
    try:
        ZoneInfo(raw)
        if "/" in raw and raw in available_timezones():
            return raw
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return _zone_names().get(folded)


def zone_label(name: str, lang: str = "en") -> str:
    """How a zone is shown: its city in the user's language ('Londres', 'New York'), 'UTC+2' for a
    fixed offset, the zone's name when Babel knows no city for it."""
    if name == "Etc/UTC" or name == "Etc/GMT":
        return "UTC"
    match = re.fullmatch(r"Etc/GMT([+-])(\d+)", name)
    if match:
        return f"UTC{'-' if match[1] == '+' else '+'}{match[2]}"
    try:
        return get_timezone_location(name, locale=lang, return_city=True) or name
    except (LookupError, ValueError):
        return name


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(a)))


# Farther than this from every city of the table, the longitude decides (at sea, in the wilds).
NEAREST_CITY_KM = 800


def timezone_at(latitude: float, longitude: float) -> tuple[str, str | None]:
    """The time zone at a point, without the internet: the nearest city of the table (its zone and
    name), or, far from all of them, the zone of the longitude (15° an hour; no city)."""
    best = min(CITIES, key=lambda c: _distance_km(latitude, longitude, c[2], c[3]))
    if _distance_km(latitude, longitude, best[2], best[3]) <= NEAREST_CITY_KM:
        return best[1], best[0].split("|")[0]
    hours = max(-12, min(12, round(longitude / 15)))
    return offset_zone(hours * 60) or "Etc/UTC", None
