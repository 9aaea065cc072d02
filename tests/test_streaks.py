"""Streaks come from the days themselves: a property test over random lives of a subscriber.

Each example plays a random sequence of on / off / pause / done / skip / snooze, time zone changes
and time passing, through the service's own functions (subscription, check-ins, the daily
challenge given while on), and compares the streak the bot shows with a plain reference: walk the
calendar day by day; a day with a challenge done adds one, a day with a challenge given and not done
(older than yesterday) resets to zero, a day without a challenge changes nothing.

OSER_STREAK_EXAMPLES sets the number of sequences (10,000 for the figure in the issue).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.challenges import service as svc
from bot.challenges.rules import local_date
from bot.store.models import ChallengeDay, User

DEFAULT_TZ = "Europe/Paris"
ZONES = ("Europe/Paris", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Toronto", "Asia/Tokyo", None)
EXAMPLES = int(os.environ.get("OSER_STREAK_EXAMPLES", "1000"))

events = st.lists(
    st.one_of(
        st.sampled_from(["on", "off", "pause", "done", "done_yesterday", "skip", "snooze"]),
        st.tuples(st.just("zone"), st.sampled_from(ZONES)),
        st.tuples(st.just("wait"), st.integers(min_value=1, max_value=60)),  # hours
    ),
    max_size=60,
)


def reference(days: dict[date, str], today: date) -> tuple[int, int]:
    """The plain computation, one calendar day at a time."""
    if not days:
        return 0, 0
    run = best = 0
    day, last = min(days), max(max(days), today)
    while day <= last:
        status = days.get(day)
        if status == "done":
            run += 1
        elif status is not None and day < today - timedelta(days=1):
            run = 0
        best = max(best, run)
        day += timedelta(days=1)
    return run, best


class Life:
    """A subscriber's state, changed only through the service's functions."""

    def __init__(self):
        self.now = datetime(2026, 3, 27, 7, 0, tzinfo=UTC)  # the weekend clocks change in Europe
        self.user = svc.with_defaults(User(id=1, chat_id=1, language="fr", settings={}))
        self.rows: dict[date, ChallengeDay] = {}

    def today(self) -> date:
        return local_date(self.now, svc.user_zone(self.user, DEFAULT_TZ))

    def given(self, day: date) -> ChallengeDay:
        """The challenge of `day` (given on demand with /challenge, or by the daily message)."""
        if day not in self.rows:
            self.rows[day] = ChallengeDay(user_id=1, local_date=day, challenge_id="c", status="sent")
        return self.rows[day]

    def play(self, event) -> None:
        user, now = self.user, self.now
        if event == "on":
            user.challenge_status = "on"
        elif event == "off":
            svc.stop(user)
        elif event == "pause":
            svc.pause(user)
        elif event in ("done", "done_yesterday"):
            day = self.today() - timedelta(days=1 if event == "done_yesterday" else 0)
            row = self.rows.get(day) if event == "done_yesterday" else self.given(day)
            if row is not None and row.status != "done" and svc.can_check_in(row, user, now, DEFAULT_TZ):
                svc.mark_done(row, now)
        elif event == "skip":
            row = self.given(self.today())
            if row.status != "done":
                svc.mark_skipped(row)
        elif event == "snooze":
            row = self.given(self.today())
            if row.status != "done" and user.challenge_status == "on":
                row.status = "sent"
                svc.snooze(user, row, now)
        elif event[0] == "zone":
            user.timezone = event[1]
        else:  # time passes; while on, each new local day brings its challenge
            for _hour in range(event[1]):
                self.now += timedelta(hours=1)
                if user.challenge_status == "on":
                    self.given(self.today())

    def shown(self):
        rows = [(d, r.status, r.challenge_id) for d, r in sorted(self.rows.items())]
        return svc.streak_from(self.user, rows, self.today())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events)
def test_the_streak_shown_is_the_reference_computed_from_the_days(sequence):
    life = Life()
    for event in sequence:
        life.play(event)
        days = {d: r.status for d, r in life.rows.items()}
        assert tuple(life.shown()) == reference(days, life.today()), (event, days, life.today())


def test_stopping_and_starting_again_the_same_day_keeps_the_streak():
    """The case from the issue: on, off, on, then done the same day: a streak of 1, not 0."""
    life = Life()
    for event in ("on", "off", "on", "done"):
        life.play(event)
    assert tuple(life.shown()) == (1, 1)
    for event in (("wait", 24), "done", "off", ("wait", 24 * 5), "on", "done"):
        life.play(event)
    assert tuple(life.shown()) == (3, 3)
