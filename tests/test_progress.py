"""Progress and personal data: /stats and its chart, /history, mood taps, /export, /privacy, /forget."""

from __future__ import annotations

import json
import re
import struct
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from fakebotapi import callback_query, text_message
from sqlalchemy import select

from bot.coach.keys import KEY_IDS
from bot.progress import chart
from bot.progress import service as progress
from bot.store.models import (
    Base,
    ChallengeDay,
    Contact,
    InboundUpdate,
    Nudge,
    Rehearsal,
    Turn,
    User,
)
from bot.telegram import extensions

ANNA = 2001  # English-speaking users: these tests read English texts
BEN = 2002
T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def en(user: int, text: str) -> dict:
    return text_message(user, text, language_code="en")


def tap(bot, user: int, data: str) -> dict:
    """A button press on the bot's latest message in that chat (so the bot can edit it)."""
    return callback_query(user, data, message=bot.fake.last_message(user), language_code="en")


def scores_for(i: int) -> dict:
    """Rehearsal i (0-based) of the seeded history: trends chosen to show each arrow."""
    return {
        "no_preconceptions": 70,
        "be_yourself": 60 if i % 2 else None,
        "give_first": None,
        "take_interest": 40 if i < 7 else 80,
        "long_term": 30 if i < 7 else 20,
        "enjoy": 55,
        "dare": 50,
    }


def moods_for(i: int) -> dict:
    return {} if i < 2 else {"before": 2 if i < 7 else 4, "after": 4}


async def seed_user(sessions, user_id: int, lang: str = "en") -> None:
    async with sessions() as session:
        session.add(User(id=user_id, chat_id=user_id, first_name="Anna", language=lang, settings={}))
        await session.commit()


async def seed_history(sessions, user_id: int, count: int, scores=scores_for, moods=moods_for) -> list[int]:
    """`count` debriefed rehearsals, one a day; returns their ids, oldest first."""
    ids = []
    async with sessions() as session:
        for i in range(count):
            r = Rehearsal(
                user_id=user_id,
                scenario_id="uk-building-society",
                status="ended",
                state={"lang": "en", "moods": moods(i)},
                started_at=T0 + timedelta(days=i),
                ended_at=T0 + timedelta(days=i, minutes=10),
                ending="ended_by_user",
                scores=scores(i),
            )
            session.add(r)
            await session.flush()
            ids.append(r.id)
        await session.commit()
    return ids


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --------------------------------------------------------------------------- computations


def point(n: int, scores: dict, moods: dict | None = None) -> progress.Point:
    return progress.Point(n, n, "x", T0 + timedelta(days=n), {k: scores.get(k) for k in KEY_IDS}, moods or {})


def test_trends_compare_the_last_five_measured_scores_with_the_five_before():
    points = [point(i + 1, scores_for(i), moods_for(i)) for i in range(12)]
    p = progress.progress_of(points)
    assert p.done == 12
    assert (p.keys["take_interest"].recent, p.keys["take_interest"].previous) == (80, 40)
    assert p.keys["take_interest"].arrow == "↗"
    assert p.keys["long_term"].arrow == "↘" and p.keys["dare"].arrow == "→"
    assert p.keys["give_first"].recent is None and p.keys["give_first"].arrow == ""
    # Not measured is never 0: be_yourself averages only the rehearsals that measured it.
    assert p.keys["be_yourself"].recent == 60 and p.keys["be_yourself"].previous == 60
    assert p.best == "take_interest" and p.weakest == "long_term"
    assert (p.mood_before.recent, p.mood_before.previous, p.mood_before.arrow) == (4, 2, "↗")
    assert p.mood_after.arrow == "→"
    # Fewer than 6 measurements: a recent average, nothing to compare with.
    few = progress.progress_of(points[:3])
    assert few.keys["dare"].previous is None and few.keys["dare"].arrow == ""
    # One measured key is the best, never also the key to work on.
    assert progress.progress_of([point(1, {"dare": 40})]).weakest is None


def test_chart_series_keeps_the_last_30_rehearsals_with_a_running_average_over_all():
    points = [point(i + 1, {"dare": i, "enjoy": None if i % 3 else 90}) for i in range(40)]
    series = progress.chart_series(points)
    assert series["dare"].dots == [(n, n - 1) for n in range(11, 41)]
    # The first shown line value already averages the 5 scores up to it (6..10 -> rehearsals 7..11).
    assert series["dare"].line[0] == (11, (6 + 7 + 8 + 9 + 10) / 5)
    assert series["enjoy"].dots == [(n, 90) for n in range(11, 41) if (n - 1) % 3 == 0]
    assert series["give_first"].dots == [] and series["give_first"].line == []
    assert series["overall"].dots[-2:] == [(39, 38), (40, 64)]  # 38 alone; round((39 + 90) / 2)


def test_chart_is_a_phone_sized_png_of_exactly_the_scores_given():
    points = [point(i + 1, scores_for(i)) for i in range(12)]
    series = progress.chart_series(points)
    labels = chart.Labels(
        "Vos sept clés",
        "points · ligne",
        "Répétition n°",
        "pas encore mesuré",
        {k: k for k in (*KEY_IDS, "overall")},
    )
    drawn = chart.render(series, labels)
    assert png_size(drawn.png) == (chart.WIDTH, chart.HEIGHT) == (drawn.width, drawn.height)
    assert drawn.width >= 720 and drawn.height > drawn.width  # portrait, fills a phone's width
    for name in (*KEY_IDS, "overall"):
        assert drawn.plotted[name]["dots"] == series[name].dots
        assert [y for _x, y in drawn.plotted[name]["line"]] == pytest.approx(
            [y for _x, y in series[name].line]
        )
    assert drawn.plotted["take_interest"]["dots"] == [(i + 1, 40 if i < 7 else 80) for i in range(12)]
    # The figure is reused between renders: another user's chart carries none of these points.
    other = chart.render(progress.chart_series([point(1, {"dare": 10}), point(2, {"dare": 20})]), labels)
    assert other.plotted["dare"]["dots"] == [(1, 10), (2, 20)]
    assert other.plotted["take_interest"]["dots"] == []
    assert other.png != drawn.png


def test_forget_reaches_every_table_that_can_hold_user_rows():
    for table in Base.metadata.sorted_tables:
        points_to_users = any(fk.column.table.name == "users" for fk in table.foreign_keys)
        if "user_id" in table.c or points_to_users or table.name in ("users", "turns"):
            assert progress._owned_by(table, 1) is not None, table.name  # noqa: SLF001 - the bot's own
    assert progress._owned_by(Base.metadata.tables["send_slots"], 1) is None  # noqa: SLF001 - same


# --------------------------------------------------------------------------- /stats


async def test_stats_for_a_new_user_is_a_friendly_empty_state_without_a_chart(bot):
    texts = await bot.send(en(ANNA, "/stats"))
    assert len(texts) == 1
    assert "/rehearse" in texts[0] and "No rehearsal yet" in texts[0]
    assert bot.fake.calls_of("sendPhoto") == []


async def test_stats_shows_trends_best_key_mood_sections_then_the_chart(bot, sessions, monkeypatch):
    await seed_user(sessions, ANNA)
    await seed_history(sessions, ANNA, 12)
    drawn = []
    real_render = chart.render

    def spy(series, labels):
        result = real_render(series, labels)
        drawn.append((result, labels))
        return result

    monkeypatch.setattr(chart, "render", spy)

    async def challenges_section(context):
        return "🔥 Challenge streak: 3 days"

    extensions.STATS_SECTIONS.append(challenges_section)
    try:
        [text] = await bot.send(en(ANNA, "/stats"))
    finally:
        extensions.STATS_SECTIONS.remove(challenges_section)
    assert "Rehearsals done: 12" in text
    assert "• Take an interest: 80 ↗ (40)" in text
    assert "• Long-term relationship: 20 ↘ (30)" in text
    assert "• Dare: 50 → (50)" in text
    assert "• Give first: not measured yet" in text
    assert "Best key: Take an interest" in text and "Key to work on: Long-term relationship" in text
    assert "• before the conversation: 4.0 ↗ (2.0)" in text
    assert "• after the conversation: 4.0 → (4.0)" in text
    assert text.index("Rehearsals done") < text.index("Challenge streak")
    suggestion = [d for _label, d in bot.last_buttons(ANNA) if d.startswith("sc:")]
    if suggestion:
        assert bot.runtime.scenarios[suggestion[0][3:]].language == "en"

    [photo] = bot.fake.calls_of("sendPhoto")
    assert photo.params["chat_id"] == ANNA and photo.ok
    assert png_size(photo.files["photo"].data) == (chart.WIDTH, chart.HEIGHT)
    [(result, labels)] = drawn
    assert result.png == photo.files["photo"].data
    assert (
        labels.panels["long_term"] == "Long-term relationship"
        and labels.x_label == "Rehearsal no. (oldest → newest)"
    )
    async with sessions() as session:
        stored = list(
            await session.execute(
                select(Rehearsal.started_at, Rehearsal.scores).order_by(Rehearsal.started_at)
            )
        )
    for key in KEY_IDS:
        expected = [(n, s[key]) for n, (_at, s) in enumerate(stored, start=1) if s[key] is not None]
        assert result.plotted[key]["dots"] == expected, key
    assert [y for _x, y in result.plotted["overall"]["dots"]] == [progress.overall(s) for _at, s in stored]


async def test_stats_after_one_rehearsal_has_no_chart_yet(bot, sessions):
    await seed_user(sessions, ANNA)
    await seed_history(sessions, ANNA, 1)
    [text] = await bot.send(en(ANNA, "/stats"))
    assert "Rehearsals done: 1" in text and "second rehearsal" in text
    assert bot.fake.calls_of("sendPhoto") == []


async def test_stats_show_before_values_only_when_they_exist(bot, sessions):
    await seed_user(sessions, ANNA)
    await seed_history(sessions, ANNA, 3)
    [text] = await bot.send(en(ANNA, "/stats"))
    assert "average of your last 3 rehearsals:" in text and "5 before" not in text
    assert "• Take an interest: 40\n" in text and "(" not in text.split("Each key")[1].split("Best key")[0]
    assert "• before the conversation: 2.0" in text and "↗" not in text


async def test_stats_numbers_read_the_french_way(bot, sessions):
    await seed_user(sessions, ANNA, lang="fr")
    await seed_history(sessions, ANNA, 12)
    [text] = await bot.send(text_message(ANNA, "/stats", language_code="fr"))
    assert "4,0" in text and "4.0" not in text
    assert "Pas d'a priori\u00a0: 70" in text


async def test_stats_and_the_debrief_recommend_the_same_partner_not_the_one_just_met(bot, sessions):
    await seed_user(sessions, ANNA)
    await seed_history(sessions, ANNA, 3)
    await bot.send(en(ANNA, "/rehearse"))
    await bot.send(callback_query(ANNA, "sc:uk-building-society", chat_id=ANNA, language_code="en"))
    await bot.send(en(ANNA, "Hello! How did you come to work in this field?"))
    await bot.send(en(ANNA, "/end"))
    after_debrief = [d for _l, d in bot.all_buttons(ANNA) if d.startswith("sc:")]
    await bot.send(en(ANNA, "/stats"))
    in_stats = [d for _l, d in bot.last_buttons(ANNA) if d.startswith("sc:")]
    assert in_stats and after_debrief[-1:] == in_stats
    assert in_stats != ["sc:uk-building-society"]


# --------------------------------------------------------------------------- /history


def numbers(listing: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", listing, flags=re.M)]


async def test_history_pages_five_at_a_time_newest_first(bot, sessions):
    await seed_user(sessions, ANNA)
    ids = await seed_history(sessions, ANNA, 12)
    [first] = await bot.send(en(ANNA, "/history"))
    # Numbered as on the chart (1 is the first rehearsal), listed newest first.
    assert numbers(first) == [12, 11, 10, 9, 8] and first.count("/100") == 5
    assert "Jan 17, 2025" in first  # the newest rehearsal (started 17 January, Paris time)
    buttons = bot.last_buttons(ANNA)
    assert [d for _l, d in buttons if d.startswith("hist:d:")] == [f"hist:d:{i}" for i in reversed(ids[-5:])]
    assert ("1/3", "hist:p:0") in buttons and any(d == "hist:p:1" for _l, d in buttons)
    assert not any(label.startswith("◀️") for label, _d in buttons)

    [second] = await bot.send(tap(bot, ANNA, "hist:p:1"))
    assert [c.method for c in bot.fake.calls[-2:]][-1] == "editMessageText"
    assert numbers(second) == [7, 6, 5, 4, 3]
    assert [d for _l, d in bot.last_buttons(ANNA) if d.startswith("hist:d:")] == [
        f"hist:d:{i}" for i in reversed(ids[2:7])
    ]
    [third] = await bot.send(tap(bot, ANNA, "hist:p:2"))
    assert numbers(third) == [2, 1] and third.count("/100") == 2
    nav = [label for label, d in bot.last_buttons(ANNA) if d.startswith("hist:p:")]
    assert nav[0].startswith("◀️") and not nav[-1].endswith("▶️")
    # A page past the end (an old button after /forget, say) shows the last page.
    [again] = await bot.send(tap(bot, ANNA, "hist:p:9"))
    assert numbers(again) == [2, 1]


async def test_history_button_shows_a_debrief_again(bot):
    await bot.send(en(ANNA, "/rehearse"))
    await bot.send(callback_query(ANNA, "sc:uk-building-society", chat_id=ANNA, language_code="en"))
    await bot.send(en(ANNA, "How did you come to work in this field?"))
    first_debrief = (await bot.send(en(ANNA, "/end")))[0]
    [listing] = await bot.send(en(ANNA, "/history"))
    assert listing.startswith("🗂") and numbers(listing) == [1]
    [(label, data)] = [b for b in bot.last_buttons(ANNA) if b[1].startswith("hist:d:")]
    [again] = await bot.send(callback_query(ANNA, data, chat_id=ANNA, language_code="en"))
    assert again == first_debrief
    assert len([d for _l, d in bot.last_buttons(ANNA) if d.startswith("why:")]) == 7
    # Someone else's rehearsal id gets a short answer, not the debrief.
    assert await bot.send(callback_query(BEN, data, chat_id=BEN, language_code="en")) == []


async def test_history_of_a_new_user_says_how_to_start(bot):
    [text] = await bot.send(en(ANNA, "/history"))
    assert "/rehearse" in text


# --------------------------------------------------------------------------- mood check


async def rehearsal_of(sessions, user_id: int) -> Rehearsal:
    async with sessions() as session:
        return await session.scalar(
            select(Rehearsal).where(Rehearsal.user_id == user_id).order_by(Rehearsal.id.desc())
        )


async def test_mood_taps_before_and_after_never_block_and_feed_enjoy(bot, sessions):
    await bot.send(en(ANNA, "/rehearse"))
    opening = await bot.send(callback_query(ANNA, "sc:uk-building-society", chat_id=ANNA, language_code="en"))
    assert "1 (uneasy) to 5 (at ease)" in opening[0]
    rid = (await rehearsal_of(sessions, ANNA)).id
    # The taps ride on the persona's first line, the last message.
    assert bot.last_buttons(ANNA) == [
        (f"{n} {face}", f"mood:b:{rid}:{n}") for n, face in chart_faces().items()
    ]
    assert await bot.send(tap(bot, ANNA, f"mood:b:{rid}:2")) == [opening[-1]]  # same line, taps removed
    assert "reply_markup" not in bot.fake.last_message(ANNA)
    assert (await rehearsal_of(sessions, ANNA)).state["moods"] == {"before": 2}
    for line in (
        "I am moving from logistics into financial services this year.",
        "How does your team work with the branches day to day?",
        "What does a typical week look like for you at the moment?",
    ):
        assert (await bot.send(en(ANNA, line)))[-1]
    texts = await bot.send(en(ANNA, "/end"))
    ask = [t for t in texts if "how do you feel" in t]
    assert len(ask) == 1 and texts.index(ask[0]) == 1
    after_buttons = [d for _l, d in bot.all_buttons(ANNA) if d.startswith("mood:a:")]
    assert after_buttons == [f"mood:a:{rid}:{n}" for n in range(1, 6)]
    before_tap = await rehearsal_of(sessions, ANNA)
    message = next(m for m in bot.fake.chat_history(ANNA) if "how do you feel" in (m.get("text") or ""))
    [thanks] = await bot.send(callback_query(ANNA, f"mood:a:{rid}:5", message=message, language_code="en"))
    stored = await rehearsal_of(sessions, ANNA)
    assert stored.state["moods"] == {"before": 2, "after": 5}
    async with sessions() as session:
        fresh = await session.scalar(select(Rehearsal).where(Rehearsal.id == rid).options(_turns()))
        expected = bot.runtime.rehearsals.debrief(fresh).stored_scores()
    assert stored.scores == expected
    assert stored.scores["enjoy"] is not None and stored.scores["enjoy"] != (before_tap.scores or {}).get(
        "enjoy"
    )
    assert f"{stored.scores['enjoy']}/100" in thanks and "5/5" in thanks
    # /stats shows the mood trend.
    [stats] = await bot.send(en(ANNA, "/stats"))
    assert "• before the conversation: 2.0" in stats and "• after the conversation: 5.0" in stats


def chart_faces():
    from bot.progress.handlers import MOOD_FACES

    return MOOD_FACES


def _turns():
    from sqlalchemy.orm import selectinload

    return selectinload(Rehearsal.turns)


async def test_replying_without_a_mood_tap_simply_continues(bot, sessions):
    await bot.send(en(BEN, "/rehearse"))
    await bot.send(callback_query(BEN, "sc:uk-building-society", chat_id=BEN, language_code="en"))
    texts = await bot.send(en(BEN, "How did you come to this job?"))
    assert len(texts) == 1 and not texts[0].startswith("Noted")
    assert "moods" not in (await rehearsal_of(sessions, BEN)).state
    # Bad or foreign mood data is refused without touching anything.
    rid = (await rehearsal_of(sessions, BEN)).id
    for data in (f"mood:b:{rid}:9", "mood:x:1:1", f"mood:b:{rid}"):
        assert await bot.send(callback_query(BEN, data, chat_id=BEN, language_code="en")) == []
    assert await bot.send(callback_query(ANNA, f"mood:b:{rid}:3", chat_id=ANNA, language_code="en")) == []
    assert "moods" not in (await rehearsal_of(sessions, BEN)).state


# --------------------------------------------------------------------------- /export


async def test_export_sends_everything_as_a_json_document(bot, monkeypatch):
    async def contacts_section(session, user):
        return [{"name": "Léa", "met_on": "2025-01-02"}]

    monkeypatch.setitem(extensions.EXPORT_SECTIONS, "contacts", contacts_section)
    await bot.send(en(ANNA, "/settings mode study"))
    await bot.send(en(ANNA, "/rehearse"))
    await bot.send(callback_query(ANNA, "sc:uk-building-society", chat_id=ANNA, language_code="en"))
    await bot.send(en(ANNA, "How did you come to work in this field?"))
    await bot.send(en(ANNA, "/end"))
    assert await bot.send(en(ANNA, "/export")) == []
    [call] = bot.fake.calls_of("sendDocument")
    upload = call.files["document"]
    assert upload.filename.startswith("oser-export-") and upload.filename.endswith(".json")
    data = json.loads(upload.data)
    assert data["user"]["id"] == ANNA and data["user"]["first_name"] == "Camille"
    assert data["user"]["language"] == "en" and data["user"]["settings"]["mode"] == "study"
    assert data["contacts"] == [{"name": "Léa", "met_on": "2025-01-02"}]
    assert isinstance(data["challenges"], list)
    [session] = data["sessions"]
    assert session["scenario"] == "uk-building-society"
    # Readable besides the contract: the persona's name, the zone as a city, the local start time.
    assert session["persona"] == bot.runtime.scenarios["uk-building-society"].persona.name
    assert data["user"]["timezone_label"] == "Paris"
    local = datetime.fromisoformat(session["started_at_local"])
    assert local == datetime.fromisoformat(session["started_at"]) and local.utcoffset() is not None
    assert set(session["scores"]) == set(KEY_IDS)
    assert all(v is None or 0 <= v <= 100 for v in session["scores"].values())
    datetime.fromisoformat(session["started_at"])
    assert datetime.fromisoformat(session["ended_at"]).tzinfo is not None
    assert [t["role"] for t in session["turns"]] == ["persona", "user", "persona"]
    mine = session["turns"][1]
    assert mine["text"] == "How did you come to work in this field?" and "open_question" in mine["labels"]
    datetime.fromisoformat(mine["at"])


async def test_export_without_sections_gives_empty_challenges(bot):
    await bot.send(en(ANNA, "/export"))
    data = json.loads(bot.fake.calls_of("sendDocument")[0].files["document"].data)
    assert data["sessions"] == [] and data["user"]["id"] == ANNA
    assert data.get("challenges") == [] or "challenges" in extensions.EXPORT_SECTIONS


# --------------------------------------------------------------------------- /privacy and /forget


async def test_privacy_says_what_is_kept_and_how_to_export_or_erase(bot):
    [text] = await bot.send(en(ANNA, "/privacy"))
    for words in (
        "first name",
        "every message",
        "mood",
        "/forget",
        "/export",
        "never the text",
        "after a week",
    ):
        assert words in text


SECRET = "ANNA-SECRET"


async def seed_everything(bot, sessions, user_id: int) -> None:
    """Rows in every table that can hold something of the user's, each carrying SECRET-like text."""
    marker = f"{user_id}-{SECRET}"
    await bot.send(en(user_id, "/rehearse"))
    await bot.send(callback_query(user_id, "sc:uk-building-society", chat_id=user_id, language_code="en"))
    await bot.send(en(user_id, f"How did you come to work in this field? {marker}"))
    await bot.send(en(user_id, "/end"))
    async with sessions() as session:
        session.add(
            ChallengeDay(
                user_id=user_id,
                local_date=date(2025, 1, 6),
                challenge_id="thank",
                status="done",
                reflection=marker,
            )
        )
        contact = Contact(user_id=user_id, name=f"Léa {marker}", met_on=date(2025, 1, 5))
        session.add(contact)
        await session.flush()
        session.add(Nudge(user_id=user_id, contact_id=contact.id, kind="thank", due_at=T0))
        session.add(
            InboundUpdate(
                update_id=900000 + user_id, chat_id=user_id, user_id=user_id, payload={"text": marker}
            )
        )
        await session.commit()


async def all_rows(sessions) -> dict[str, list[dict]]:
    async with sessions() as session:
        return {
            table.name: [dict(row) for row in (await session.execute(select(table))).mappings()]
            for table in Base.metadata.sorted_tables
        }


def pk(table_name: str, row: dict) -> tuple:
    table = Base.metadata.tables[table_name]
    return tuple(row[c.name] for c in table.primary_key.columns)


def rows_about(rows: dict[str, list[dict]], user_id: int) -> dict[str, set[tuple]]:
    """Computed from the data, independently of bot.progress: the rows that carry the user's id or
    text, or depend (foreign key) on such a row."""
    found: dict[str, set[tuple]] = {}
    for table in Base.metadata.sorted_tables:
        mine = set()
        for row in rows[table.name]:
            direct = (
                (table.name == "users" and row["id"] == user_id)
                or row.get("user_id") == user_id
                or row.get("chat_id") == user_id
                or f"{user_id}-{SECRET}" in repr(row)
            )
            via_parent = any(
                row[fk.parent.name] is not None
                and any(
                    parent[fk.column.name] == row[fk.parent.name]
                    and pk(fk.column.table.name, parent) in found.get(fk.column.table.name, set())
                    for parent in rows[fk.column.table.name]
                )
                for fk in table.foreign_keys
                if fk.column.table is not table
            )
            if direct or via_parent:
                mine.add(pk(table.name, row))
        found[table.name] = mine
    return found


async def test_forget_erases_every_row_of_the_user_in_every_table_and_nothing_else(bot, sessions):
    await seed_everything(bot, sessions, ANNA)
    await seed_everything(bot, sessions, BEN)
    [question] = await bot.send(en(ANNA, "/forget"))
    assert "cannot be undone" in question and "/export" in question
    yes = next(d for _l, d in bot.last_buttons(ANNA) if d.startswith("forget:yes:"))
    before = await all_rows(sessions)
    anna = rows_about(before, ANNA)
    ben = rows_about(before, BEN)
    for name in ("users", "rehearsals", "turns", "challenge_days", "contacts", "nudges", "outbox",
                 "processed_updates", "inbound_updates"):  # fmt: skip
        assert anna[name] and ben[name], f"the test seeds no {name} row"

    [done] = await bot.send(tap(bot, ANNA, yes))
    assert "erased" in done and "/start" in done

    after = await all_rows(sessions)
    for table in Base.metadata.sorted_tables:
        remaining = {pk(table.name, row) for row in after[table.name]}
        assert not remaining & anna[table.name], f"{table.name} still holds rows of the user"
        assert rows_about(after, ANNA)[table.name] == set(), f"{table.name} holds a new row about the user"
        # Everyone else's rows are all still there, and nothing else was deleted.
        assert remaining == {pk(table.name, row) for row in before[table.name]} - anna[table.name], table.name
        assert ben[table.name] <= remaining

    # Afterwards, a new user.
    [empty] = await bot.send(en(ANNA, "/stats"))
    assert "No rehearsal yet" in empty
    async with sessions() as session:
        user = await session.get(User, ANNA)
        assert user is not None and user.settings == {}
        assert await session.scalar(select(Turn.id).join(Rehearsal).where(Rehearsal.user_id == ANNA)) is None


async def test_forget_needs_a_fresh_yes(bot, sessions):
    await seed_everything(bot, sessions, ANNA)
    await bot.send(en(ANNA, "/forget"))
    [kept] = await bot.send(tap(bot, ANNA, "forget:no"))
    assert "Nothing was erased" in kept
    old = int(time.time()) - 3600
    [expired] = await bot.send(tap(bot, ANNA, f"forget:yes:{old}"))
    assert "expired" in expired
    assert await bot.count(Rehearsal, user_id=ANNA) == 1 and await bot.count(Contact, user_id=ANNA) == 1


async def test_a_redelivered_yes_erases_nothing_more_and_confirms_again(bot, sessions):
    await seed_everything(bot, sessions, ANNA)
    await bot.send(en(ANNA, "/forget"))
    yes = next(d for _l, d in bot.last_buttons(ANNA) if d.startswith("forget:yes:"))
    update = tap(bot, ANNA, yes)
    await bot.send(update)
    await bot.send(update)
    assert await bot.count(User, id=ANNA) == 0 and await bot.count(Rehearsal, user_id=ANNA) == 0
