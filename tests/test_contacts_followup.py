"""Pure follow-up logic: dates, nudge schedule across time zones, thank-you scoring, news and stats texts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.contacts.rules import (
    Activity,
    AmbiguousDate,
    FutureDate,
    MeetingNotes,
    NetworkFigures,
    moved_due,
    network_paragraph,
    news_suggestion,
    next_at_hour,
    nudge_schedule,
    parse_day,
    same_person,
    say_day,
    score_thanks,
    snooze_until,
    split_names,
    thanked_in_time,
    thanks_feedback,
)
from bot.i18n import translator

TODAY = date(2026, 4, 15)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("Aujourd'hui", TODAY),
        ("hier", date(2026, 4, 14)),
        ("yesterday", date(2026, 4, 14)),
        ("avant-hier", date(2026, 4, 13)),
        ("12/03", date(2026, 3, 12)),
        ("12/3", date(2026, 3, 12)),
        ("12.03.2025", date(2025, 3, 12)),
        ("12-03-26", date(2026, 3, 12)),
        ("2026-03-12", date(2026, 3, 12)),
        ("12 mars", date(2026, 3, 12)),
        ("le 1er avril", date(2026, 4, 1)),
        ("3 March 2025", date(2025, 3, 3)),
        ("March 3rd", date(2026, 3, 3)),
        # Day and month only, later in the year than today: last year's.
        ("20/12", date(2025, 12, 20)),
        ("31/02", None),
        ("13/13", None),
        # Weekdays: the most recent one before today (TODAY is a Wednesday).
        ("mardi", date(2026, 4, 14)),
        ("lundi dernier", date(2026, 4, 13)),
        ("last Tuesday", date(2026, 4, 14)),
        ("mercredi", date(2026, 4, 8)),
        ("Fri", date(2026, 4, 10)),
        ("", None),
        ("un jour", None),
    ],
)
def test_parse_day(typed, expected):
    assert parse_day(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed",
    ["2026-05-01", "16/04/2026", "demain", "tomorrow", "après-demain", "next tuesday", "jeudi prochain"],
)
def test_a_future_date_is_refused_as_such(typed):
    with pytest.raises(FutureDate):
        parse_day(typed, TODAY)


def test_english_numbers_that_read_both_ways_are_not_guessed():
    with pytest.raises(AmbiguousDate) as both:
        parse_day("3/12", TODAY, "en")
    assert (both.value.first, both.value.second) == (date(2025, 12, 3), date(2026, 3, 12))
    assert parse_day("3/13", TODAY, "en") == parse_day("13/3", TODAY, "en") == date(2026, 3, 13)
    assert parse_day("March 3", TODAY, "en") == date(2026, 3, 3)
    assert parse_day("3/12", TODAY, "fr") == date(2025, 12, 3)  # day first in French
    assert say_day(date(2025, 12, 2), "fr") == "mardi 2 décembre 2025"
    assert say_day(date(2025, 12, 2), "en") == "Tuesday, December 2, 2025"


def test_split_and_match_names():
    assert split_names("Paul Martin, Sophie Leroy et Zoé\nAnne; paul martin") == [
        "Paul Martin",
        "Sophie Leroy",
        "Zoé",
        "Anne",
    ]
    assert same_person("paul martin", "Paul Martin")
    assert same_person("Zoe", "Zoé")
    assert same_person("Paul", "Paul Martin")
    assert same_person("Mme Sophie Leroy", "Sophie Leroy")
    assert not same_person("Paula", "Paul Martin")
    assert not same_person("Martine", "Paul Martin")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tz", "met_on", "minute", "thank_utc", "news_utc"),
    [
        # Paris, winter (UTC+1): 09:00 local is 08:00 UTC; 21 days later, still winter.
        ("Europe/Paris", date(2026, 1, 10), 540, utc(2026, 1, 11, 8, 0), utc(2026, 1, 31, 8, 0)),
        # Paris, the night clocks go forward (29 March 2026): the day after is summer time (UTC+2).
        ("Europe/Paris", date(2026, 3, 28), 540, utc(2026, 3, 29, 7, 0), utc(2026, 4, 18, 7, 0)),
        # Paris: met in winter, news three weeks later in summer time: still 09:00 local.
        ("Europe/Paris", date(2026, 3, 15), 540, utc(2026, 3, 16, 8, 0), utc(2026, 4, 5, 7, 0)),
        # Paris, clocks go back (25 October 2026).
        ("Europe/Paris", date(2026, 10, 24), 540, utc(2026, 10, 25, 8, 0), utc(2026, 11, 14, 8, 0)),
        # New York changes on 8 March 2026 (UTC-5 -> UTC-4).
        (
            "America/New_York",
            date(2026, 3, 7),
            8 * 60 + 30,
            utc(2026, 3, 8, 12, 30),
            utc(2026, 3, 28, 12, 30),
        ),
        ("America/New_York", date(2026, 2, 20), 18 * 60, utc(2026, 2, 21, 23, 0), utc(2026, 3, 13, 22, 0)),
        # Tokyo (UTC+9, no daylight saving): 09:00 local is midnight UTC; 07:00 local is the previous UTC day.
        ("Asia/Tokyo", date(2026, 3, 28), 540, utc(2026, 3, 29, 0, 0), utc(2026, 4, 18, 0, 0)),
        ("Asia/Tokyo", date(2026, 6, 1), 7 * 60, utc(2026, 6, 1, 22, 0), utc(2026, 6, 21, 22, 0)),
    ],
)
def test_nudges_the_next_day_and_three_weeks_later_at_the_chosen_hour(
    tz, met_on, minute, thank_utc, news_utc
):
    now = datetime.combine(met_on, datetime.min.time(), tzinfo=ZoneInfo(tz)).replace(hour=20)
    due = nudge_schedule(met_on, now, tz, minute, thanked=False)
    assert due == {"thank": thank_utc, "news": news_utc}
    local = due["thank"].astimezone(ZoneInfo(tz))
    assert local.date() == met_on + timedelta(days=1)
    assert local.hour * 60 + local.minute == minute
    news_local = due["news"].astimezone(ZoneInfo(tz))
    assert news_local.date() == met_on + timedelta(days=21)
    assert news_local.hour * 60 + news_local.minute == minute


def test_an_hour_skipped_by_daylight_saving_lands_just_after_the_jump():
    # 02:30 does not exist in Paris on 29 March 2026: the reminder comes at 03:30 local (01:30 UTC).
    due = nudge_schedule(date(2026, 3, 28), utc(2026, 3, 28, 19), "Europe/Paris", 150, thanked=False)
    assert due["thank"] == utc(2026, 3, 29, 1, 30)


def test_schedule_when_logged_late_or_already_thanked():
    tz = "Europe/Paris"
    # Logged two days later, after the chosen hour: the next chosen hour, never in the past.
    now = utc(2026, 4, 15, 12, 0)  # 14:00 in Paris
    due = nudge_schedule(date(2026, 4, 13), now, tz, 540, thanked=False)
    assert due["thank"] == utc(2026, 4, 16, 7, 0)
    # Already thanked: only the news reminder.
    assert set(nudge_schedule(date(2026, 4, 13), now, tz, 540, thanked=True)) == {"news"}
    # A meeting logged more than a week later gets no thank-you reminder; an old one gets its news soon.
    due = nudge_schedule(date(2026, 2, 1), now, tz, 540, thanked=False)
    assert set(due) == {"news"} and due["news"] == utc(2026, 4, 16, 7, 0)
    # Before the chosen hour of the due day: that day.
    assert next_at_hour(utc(2026, 4, 15, 6, 0), ZoneInfo(tz), 540, on_or_after=date(2026, 4, 15)) == utc(
        2026, 4, 15, 7, 0
    )


def test_unknown_time_zone_falls_back_to_the_default():
    due = nudge_schedule(
        date(2026, 1, 10), utc(2026, 1, 10, 12), "Mars/Olympus", 540, thanked=False, default_tz="Asia/Tokyo"
    )
    assert due["thank"] == utc(2026, 1, 11, 0, 0)


def test_snooze_comes_back_at_the_chosen_hour():
    now = utc(2026, 4, 15, 12, 0)
    assert snooze_until("thank", now, "Europe/Paris", 540) == utc(2026, 4, 16, 7, 0)
    assert snooze_until("news", now, "America/New_York", 540) == utc(2026, 4, 22, 13, 0)


def test_a_pending_reminder_keeps_its_local_day_after_a_change_of_zone_or_hour():
    paris, tokyo = ZoneInfo("Europe/Paris"), ZoneInfo("Asia/Tokyo")
    now = utc(2026, 4, 15, 12, 0)
    due = utc(2026, 4, 17, 7, 0)  # 17 April, 09:00 in Paris
    # Moved to Tokyo: 17 April, 09:00 there (00:00 UTC), not 16:00 as the old UTC moment would be.
    assert moved_due(due, now, paris, tokyo, 540) == utc(2026, 4, 17, 0, 0)
    # Only the hour changed: 17 April, 18:30 in Paris.
    assert moved_due(due, now, paris, paris, 18 * 60 + 30) == utc(2026, 4, 17, 16, 30)
    # Due later today, at an hour already past in the new zone: the next day there.
    soon = utc(2026, 4, 15, 16, 0)  # 15 April, 18:00 in Paris, 01:00 on the 16th in Tokyo
    assert moved_due(soon, now, paris, tokyo, 540) == utc(2026, 4, 16, 0, 0)
    # Nothing changed: nothing moves.
    assert moved_due(due, now, paris, paris, 540) == due


def test_thanked_within_48_hours():
    met = date(2026, 4, 13)
    assert thanked_in_time(met, utc(2026, 4, 13, 20), "Europe/Paris")
    assert thanked_in_time(met, utc(2026, 4, 14, 21, 59), "Europe/Paris")  # 23:59 in Paris, the day after
    assert not thanked_in_time(met, utc(2026, 4, 14, 22, 0), "Europe/Paris")  # midnight: too late
    assert not thanked_in_time(met, None, "Europe/Paris")
    # Naive datetimes (as SQLite returns them) are UTC.
    assert thanked_in_time(met, datetime(2026, 4, 14, 10), "Asia/Tokyo")


NOTES = MeetingNotes(
    name="Marie Dupont",
    context="Café chez Airbus : on a parlé de logistique et de supply chain",
    promised_by_me="lui envoyer l'article sur le lean",
    suggested_names=("Paul Martin",),
)
GOOD_FR = (
    "Bonjour Marie, merci beaucoup pour votre temps hier ! Ce que vous m'avez dit sur la logistique chez "
    "Airbus m'a beaucoup éclairée. Comme promis, je vous envoie l'article sur le lean."
)


def test_a_good_thank_you_scores_higher_than_merci_alone():
    bare = score_thanks("merci", "fr", NOTES)
    good = score_thanks(GOOD_FR, "fr", NOTES)
    assert bare.score == 40 and set(bare.missing) == {"detail", "giving"}
    assert good.score == 100 and good.missing == ()
    assert good.gratitude and good.giving
    assert any("logistique" in d for d in good.detail)


def test_each_part_counts():
    thanks_only = score_thanks("Merci pour notre échange d'hier.", "fr", NOTES)
    assert thanks_only.score == 40 and not thanks_only.detail  # generic words are not a detail
    with_detail = score_thanks("Merci pour votre éclairage sur la supply chain.", "fr", NOTES)
    assert with_detail.score == 75 and "giving" in with_detail.missing
    specific = score_thanks(
        "Merci ! Ce que vous avez dit sur votre reconversion m'a touchée.", "fr", MeetingNotes()
    )
    assert specific.detail, "a specific reference counts even without notes"
    proper = score_thanks("Merci pour la mise en relation avec Safran.", "fr", MeetingNotes())
    assert proper.detail == ("Safran",)
    greeting = score_thanks("Bonjour Marie, merci !", "fr", MeetingNotes(name="M.D."))
    assert not greeting.detail  # a first name after a greeting is not a detail
    no_thanks = score_thanks("Je vous envoie l'article sur le lean.", "fr", NOTES)
    assert "gratitude" in no_thanks.missing and no_thanks.score == 60


def test_english_thank_you():
    notes = MeetingNotes(name="Anna", context="Video call about data teams at a bank")
    bare = score_thanks("thanks", "en", notes)
    good = score_thanks(
        "Thank you so much for your time, Anna. What you said about data teams really stuck with me. "
        "Happy to send you the report I mentioned.",
        "en",
        notes,
    )
    assert bare.score < good.score == 100


def test_feedback_names_what_is_missing():
    text = thanks_feedback(score_thanks("merci", "fr", NOTES), NOTES, str)
    assert "40/100" in text
    assert "Missing: a detail of your conversation" in text and "logistique" in text  # points to the notes
    assert "Missing: something in return" in text and "article sur le lean" in text  # recalls the promise
    assert "You thank them" in text
    full = thanks_feedback(score_thanks(GOOD_FR, "fr", NOTES), NOTES, str)
    assert "Missing" not in full and "100/100" in full
    nothing = thanks_feedback(score_thanks("ok", "fr", MeetingNotes()), MeetingNotes(), str)
    assert "0/100" in nothing and "Missing: a clear thank-you" in nothing


def test_a_very_long_thank_you_loses_points():
    long = GOOD_FR + " " + "Encore merci pour tout ce temps passé ensemble." * 30
    result = score_thanks(long, "fr", NOTES)
    assert result.too_long and result.score == 90


def test_news_suggestion_uses_the_activity():
    text = news_suggestion(
        "Marie", Activity(rehearsals=3, challenges=5, met_through=("Paul Martin",), other_meetings=2), str
    )
    assert "Paul Martin" in text and "(3 rehearsals, 5 challenges done)" in text
    assert "Other people met since: 2" in text
    assert "Hello Marie," in text
    assert text.lower().count("thank you again") == 1  # thanked for the introduction, not twice
    quiet = news_suggestion("Marie", Activity(), str)
    assert "Even without big news" in quiet and "Paul" not in quiet
    # Only what there is, with the right plural: no "rehearsals: 0", no "1 défis".
    fr = news_suggestion("Marie", Activity(rehearsals=0, challenges=1), translator("fr"))
    assert "(1 défi relevé)" in fr and "répétition" not in fr


def test_network_paragraph():
    assert network_paragraph(NetworkFigures(), str) is None
    text = network_paragraph(
        NetworkFigures(met=5, thanked_in_time=3, thank_window_closed=4, informed=2, referred=1), str
    )
    assert "People met: 5" in text
    assert "Thanked within 48 hours: 3 (75%)" in text
    assert "Kept informed: 2" in text and "Met through a recommendation: 1" in text
