"""Daily challenges: catalog, choice, streaks, schedule (DST), parsing, and the pure rules."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SCENARIOS

from bot.challenges.rules import (
    CITIES,
    Catalog,
    CatalogError,
    Challenge,
    check_catalog,
    choose,
    due_at,
    format_minute,
    load_catalog,
    next_due,
    parse_time,
    parse_timezone,
    streaks,
    target_difficulty,
    timezone_at,
    weakest_key,
    zone_label,
)
from bot.coach.keys import KEY_IDS
from bot.scenario.check import check_dir

CATALOG = load_catalog(SCENARIOS / "challenges")
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


# --------------------------------------------------------------------------- catalog


def test_shipped_catalog_is_large_varied_and_valid():
    challenges, problems = check_catalog(SCENARIOS / "challenges")
    assert problems == [], "\n".join(map(str, problems))
    by_lang = Counter(c.language for c in challenges)
    assert by_lang["fr"] >= 60 and by_lang["en"] >= 30
    for lang in ("fr", "en"):
        mine = [c for c in challenges if c.language == lang]
        for key in KEY_IDS:
            levels = {c.difficulty for c in mine if c.key == key}
            assert levels == {1, 2, 3}, f"{lang} {key}: difficulties {levels}"
        assert len({c.text for c in mine}) == len(mine), "two challenges say the same thing"


BROKEN = """\
language: fr
challenges:
  - id: fr-bon
    key: dare
    difficulty: 1
    text: "Demandez un nom à un ancien collègue."
  - id: fr-cle-inconnue
    key: courage
    difficulty: 1
    text: "Une clé qui n'existe pas."
  - id: fr-trop-dur
    key: dare
    difficulty: 5
    text: "Trop difficile."
  - id: fr-sans-texte
    key: enjoy
    difficulty: 2
  - id: fr-bon
    key: enjoy
    difficulty: 2
    colour: blue
    text: "Un id déjà pris."
"""


def _problems_by_line(problems) -> dict[int, str]:
    return {p.line: p.message for p in problems}


def test_broken_challenge_file_says_file_line_and_reason(tmp_path):
    (tmp_path / "defis.yaml").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        load_catalog(tmp_path)
    text = str(exc.value)
    file = str(tmp_path / "defis.yaml")
    assert f"{file}:8: challenges[1].key: 'courage' is not a key" in text
    assert f"{file}:13: challenges[2].difficulty: must be 1, 2 or 3, not 5" in text
    assert f"{file}:15: challenges[3]: missing 'text'" in text
    assert f"{file}:21: challenges[4].colour: unknown field" in text
    lines = _problems_by_line(exc.value.problems)
    assert set(lines) == {8, 13, 15, 21}


def test_duplicate_id_and_yaml_errors_have_lines(tmp_path):
    good = "language: en\nchallenges:\n  - id: en-one\n    key: dare\n    difficulty: 1\n    text: Ask.\n"
    (tmp_path / "a.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(good.replace("Ask.", "Ask again."), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("language: en\nchallenges:\n  - id: [unclosed\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("language: de\nchallenges: []\n", encoding="utf-8")
    _found, problems = check_catalog(tmp_path)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert f"{tmp_path / 'b.yaml'}:3: id 'en-one' is already used by {tmp_path / 'a.yaml'}" in errors
    assert any(e.startswith(f"{tmp_path / 'c.yaml'}:") and "not valid YAML" in e for e in errors)
    assert f"{tmp_path / 'd.yaml'}:1: language: must be one of fr, en, not 'de'" in errors
    assert f"{tmp_path / 'd.yaml'}:2: challenges: must be a non-empty list" in errors


def test_scenarios_check_validates_the_challenges_folder(tmp_path):
    (tmp_path / "challenges").mkdir()
    (tmp_path / "challenges" / "defis.yaml").write_text(BROKEN, encoding="utf-8")
    problems, summary = check_dir(tmp_path)
    assert "errors" in summary
    assert any(str(p).endswith("challenges[2].difficulty: must be 1, 2 or 3, not 5") for p in problems)
    problems, summary = check_dir(SCENARIOS)
    assert "challenges: all good" in summary


def test_scenarios_check_command_prints_file_and_line(tmp_path):
    from test_cli import run_cli

    (tmp_path / "challenges").mkdir()
    (tmp_path / "challenges" / "defis.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("scenarios", "check", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'challenges' / 'defis.yaml'}:13: challenges[2].difficulty" in result.stdout


def test_a_missing_folder_is_an_empty_catalog(tmp_path):
    assert len(load_catalog(tmp_path / "nowhere")) == 0


# --------------------------------------------------------------------------- choice


def test_weakest_key_from_rehearsal_scores():
    cards = [
        {"dare": 20, "give_first": 80, "take_interest": None},
        {"dare": 40, "give_first": 60, "enjoy": 35},
        None,
    ]
    assert weakest_key(cards) == "dare"  # 30 on average, enjoy 35
    assert weakest_key([{"dare": None}]) is None
    assert weakest_key([]) is None


def test_the_weakest_key_is_favoured():
    keys = Counter()
    for offset in range(200):
        day = date(2024, 1, 1) + timedelta(days=offset)
        chosen = choose(CATALOG, "fr", weakest="give_first", streak=0, recent={}, day=day, seed=42)
        keys[chosen.key] += 1
    assert keys.most_common(1)[0][0] == "give_first"
    assert keys["give_first"] > 200 * 0.35
    assert len(keys) >= 5, "the other keys still come up for variety"


def test_difficulty_rises_with_the_streak():
    assert [target_difficulty(s) for s in (0, 2, 3, 6, 7, 30)] == [1, 1, 2, 2, 3, 3]
    for streak, level in ((0, 1), (4, 2), (12, 3)):
        for offset in range(20):
            day = date(2024, 5, 1) + timedelta(days=offset)
            chosen = choose(CATALOG, "en", weakest="dare", streak=streak, recent={}, day=day, seed=7)
            assert chosen.difficulty == level


def test_no_challenge_repeats_within_30_days():
    for lang in ("fr", "en"):
        given: list[tuple[date, str]] = []
        recent: dict[str, date] = {}
        for offset in range(90):
            day = date(2024, 1, 1) + timedelta(days=offset)
            chosen = choose(CATALOG, lang, weakest="dare", streak=offset, recent=recent, day=day, seed=1)
            assert chosen.language == lang
            given.append((day, chosen.id))
            recent[chosen.id] = day
        for i, (day, cid) in enumerate(given):
            for later, other in given[i + 1 :]:
                if other == cid:
                    assert (later - day).days >= 30, f"{cid} again after {(later - day).days} days"


def test_choice_is_stable_for_a_user_and_day_and_survives_a_tiny_catalog():
    args = dict(weakest=None, streak=0, recent={}, day=date(2024, 2, 2))
    assert choose(CATALOG, "fr", seed=5, **args) == choose(CATALOG, "fr", seed=5, **args)
    tiny = Catalog([Challenge("en-a", "en", "dare", 1, "A"), Challenge("en-b", "en", "enjoy", 1, "B")])
    recent = {"en-a": date(2024, 2, 1), "en-b": date(2024, 1, 20)}
    assert choose(tiny, "en", weakest=None, streak=0, recent=recent, day=date(2024, 2, 2)).id == "en-b"
    # A language without challenges falls back to the other one rather than giving nothing.
    assert choose(tiny, "fr", **args).language == "en"


# --------------------------------------------------------------------------- streaks


def d(day: int) -> date:
    return date(2024, 6, day)


def test_streak_counts_consecutive_days_done():
    today = d(10)
    assert streaks([(d(7), "done"), (d(8), "done"), (d(9), "done")], today) == (3, 3)
    # A challenge given and not done, older than yesterday, breaks it.
    assert streaks([(d(5), "done"), (d(6), "done"), (d(7), "sent"), (d(8), "done")], today) == (1, 2)
    assert streaks([(d(5), "done"), (d(6), "skipped"), (d(8), "done")], today).current == 1
    # Yesterday's and today's can still be checked in: they do not break it yet.
    assert streaks([(d(7), "done"), (d(8), "done"), (d(9), "sent"), (d(10), "sent")], today).current == 2


def test_days_without_a_challenge_do_not_break_the_streak():
    rows = [(d(1), "done"), (d(2), "done"), (d(9), "done")]  # paused or stopped from the 3rd to the 8th
    assert streaks(rows, d(10)) == (3, 3)
    assert streaks(rows[:2], d(10)) == (2, 2)


# --------------------------------------------------------------------------- schedule


def local(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize(
    ("tz", "days", "utc_hours"),
    [
        # Europe/Paris: spring forward on 31 March 2024, fall back on 27 October 2024.
        (PARIS, [date(2024, 3, 30), date(2024, 3, 31), date(2024, 4, 1)], [8, 7, 7]),
        (PARIS, [date(2024, 10, 26), date(2024, 10, 27), date(2024, 10, 28)], [7, 8, 8]),
        # America/New_York: spring forward on 10 March 2024, fall back on 3 November 2024.
        (NEW_YORK, [date(2024, 3, 9), date(2024, 3, 10), date(2024, 3, 11)], [14, 13, 13]),
        (NEW_YORK, [date(2024, 11, 2), date(2024, 11, 3), date(2024, 11, 4)], [13, 14, 14]),
    ],
)
def test_nine_oclock_stays_nine_oclock_across_dst(tz, days, utc_hours):
    for day, hour in zip(days, utc_hours, strict=True):
        moment = due_at(day, 9 * 60, tz)
        assert moment.tzinfo == UTC and moment.hour == hour
        assert moment.astimezone(tz).strftime("%H:%M") == "09:00"


@pytest.mark.parametrize(
    ("tz", "day", "expected_local", "expected_utc"),
    [
        (PARIS, date(2024, 3, 31), "03:00", datetime(2024, 3, 31, 1, 0, tzinfo=UTC)),
        (NEW_YORK, date(2024, 3, 10), "03:00", datetime(2024, 3, 10, 7, 0, tzinfo=UTC)),
    ],
)
def test_a_time_skipped_by_spring_forward_is_due_at_the_first_moment_after(
    tz, day, expected_local, expected_utc
):
    moment = due_at(day, 2 * 60 + 30, tz)  # 02:30 does not exist that day
    assert moment == expected_utc
    assert moment.astimezone(tz).strftime("%H:%M") == expected_local
    # The days around are normal.
    assert due_at(day + timedelta(days=1), 150, tz).astimezone(tz).strftime("%H:%M") == "02:30"


def test_a_time_that_happens_twice_is_due_the_first_time():
    assert due_at(date(2024, 10, 27), 150, PARIS) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert due_at(date(2024, 11, 3), 90, NEW_YORK) == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)


def test_next_due_is_never_in_the_past():
    morning = datetime(2024, 6, 10, 5, 0, tzinfo=UTC)  # 07:00 in Paris
    assert local(next_due(morning, 540, PARIS, has_today=False), PARIS) == "2024-06-10 09:00 CEST"
    assert local(next_due(morning, 540, PARIS, has_today=True), PARIS) == "2024-06-11 09:00 CEST"
    noon = datetime(2024, 6, 10, 10, 0, tzinfo=UTC)
    assert local(next_due(noon, 540, PARIS, has_today=False), PARIS) == "2024-06-11 09:00 CEST"
    # A naive moment (as SQLite gives them back) is UTC.
    assert next_due(noon.replace(tzinfo=None), 540, PARIS, has_today=False) == next_due(
        noon, 540, PARIS, has_today=False
    )


# --------------------------------------------------------------------------- reading input


@pytest.mark.parametrize(
    ("text", "minute"),
    [("08:30", 510), ("8:30", 510), ("8h30", 510), ("8h", 480), ("20.15", 1215), ("0745", 465),
     ("9", 540), ("8:30 pm", 1230), ("12am", 0), ("23:59", 1439)],
)  # fmt: skip
def test_parse_time(text, minute):
    assert parse_time(text) == minute
    assert format_minute(minute) == f"{minute // 60:02d}:{minute % 60:02d}"


@pytest.mark.parametrize("text", ["24:00", "8:75", "soon", "", "13pm", "-1"])
def test_parse_time_refuses_nonsense(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("europe/paris", "Europe/Paris"),
        ("America/Montreal", "America/Montreal"),
        ("Montréal", "America/Toronto"),
        ("montreal", "America/Toronto"),
        ("New York", "America/New_York"),
        ("Londres", "Europe/London"),
        ("La Réunion", "Indian/Reunion"),
        ("Kolkata", "Asia/Kolkata"),
        ("UTC+2", "Etc/GMT-2"),
        ("+02:00", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"),
        ("UTC-03:00", "Etc/GMT+3"),
        ("UTC+5:30", "Asia/Kolkata"),
        ("UTC", "Etc/UTC"),
        ("+0", "Etc/UTC"),
    ],
)
def test_parse_timezone(text, zone):
    assert parse_timezone(text) == zone


@pytest.mark.parametrize("text", ["Atlantis", "UTC+15", "UTC+2:17", "", "../etc/passwd"])
def test_parse_timezone_refuses_unknown(text):
    assert parse_timezone(text) is None


def test_zone_labels_show_offsets_the_usual_way():
    assert zone_label("Etc/GMT-2") == "UTC+2"
    assert zone_label("Etc/GMT+5") == "UTC-5"
    assert zone_label("Etc/UTC") == "UTC"
    # Zones are shown as their city, in the user's language.
    assert zone_label("Europe/Paris") == "Paris"
    assert zone_label("Europe/London", "fr") == "Londres" and zone_label("America/New_York") == "New York"


def test_location_gives_the_zone_of_the_nearest_city_or_of_the_longitude():
    assert timezone_at(48.85, 2.29) == ("Europe/Paris", "Paris")
    assert timezone_at(45.75, 4.85) == ("Europe/Paris", "Lyon")
    assert timezone_at(40.75, -73.99) == ("America/New_York", "New York")
    assert timezone_at(45.52, -73.6) == ("America/Toronto", "Montréal")
    assert timezone_at(-20.9, 55.5) == ("Indian/Reunion", "Saint-Denis de La Réunion")
    # Mid-Pacific, far from every city: 15° of longitude an hour.
    assert timezone_at(0.0, -150.0) == ("Etc/GMT+10", None)
    assert timezone_at(-45.0, 90.0) == ("Etc/GMT-6", None)


def test_every_city_zone_exists():
    for _names, zone, lat, lon in CITIES:
        ZoneInfo(zone)
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_challenges_module_stays_pure():
    source = Path("bot/challenges/rules.py")
    text = (SCENARIOS.parent / source).read_text(encoding="utf-8")
    assert "import telegram" not in text and "sqlalchemy" not in text
