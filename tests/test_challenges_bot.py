"""Daily challenges through the real Application: /start offer, /settings, /challenge, its buttons,
the reflection flow, yesterday's check-in, location, /stats and /export sections."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from fakebotapi import callback_query, text_message
from sqlalchemy import select

from bot.challenges.handlers import export_section, stats_section
from bot.challenges.rules import local_date, next_due
from bot.i18n import translator
from bot.store.models import ChallengeDay, Rehearsal, User, utcnow
from bot.telegram.extensions import EXPORT_SECTIONS, FLOWS, SETTINGS_HOOKS, START_OFFERS, STATS_SECTIONS

ANNE = 2001
BEN = 2002
PARIS = ZoneInfo("Europe/Paris")


async def get_user(bot, uid) -> User:
    async with bot.runtime.sessions() as session:
        return await session.get(User, uid)


async def rows_of(bot, uid) -> list[ChallengeDay]:
    async with bot.runtime.sessions() as session:
        query = select(ChallengeDay).where(ChallengeDay.user_id == uid).order_by(ChallengeDay.local_date)
        return list(await session.scalars(query))


def data_of(bot, uid, prefix: str) -> str:
    return next(d for _t, d in bot.last_buttons(uid) if d.startswith(prefix))


async def say(bot, uid, text):
    return await bot.send(text_message(uid, text, language_code="en"))


async def tap(bot, uid, data, message_id=None):
    return await bot.send(callback_query(uid, data, chat_id=uid, language_code="en", message_id=message_id))


def test_hooks_are_registered_once(bot):
    assert FLOWS["challenge_reflection"] is not None
    assert EXPORT_SECTIONS["challenges"] is export_section
    assert STATS_SECTIONS.count(stats_section) == 1
    assert sum(1 for h in SETTINGS_HOOKS if h.handle_args.__module__ == "bot.challenges.handlers") == 1
    assert sum(1 for o in START_OFFERS if o.__module__ == "bot.challenges.handlers") == 1
    assert "challenges-send-due" in [job.name for job in bot.app.job_queue.jobs()]


async def test_start_offers_the_daily_challenge_in_one_tap(bot):
    texts = await say(bot, ANNE, "/start")
    assert any("every day at 09:00" in t for t in texts)
    assert "ch:on" in [d for _t, d in bot.last_buttons(ANNE)]
    before = utcnow()
    reply, zone_question = await tap(bot, ANNE, "ch:on")
    assert "09:00" in reply and "(Paris time)" in reply
    # The zone was never set: asked once, with buttons and a typed answer.
    assert "time zone is Paris" in zone_question
    assert "ch:z:Europe/London" in [d for _t, d in bot.last_buttons(ANNE)]
    user = await get_user(bot, ANNE)
    assert user.challenge_status == "on" and user.challenge_minute == 540
    assert user.next_challenge_at in {
        next_due(before, 540, PARIS, has_today=False),
        next_due(utcnow(), 540, PARIS, has_today=False),
    }
    # Once subscribed, /start no longer offers it; the zone question, unanswered, goes quietly.
    texts = await say(bot, ANNE, "/start")
    assert not any("every day at 09:00" in t for t in texts) and not any("On hold" in t for t in texts)
    # Asked once only.
    await tap(bot, ANNE, "ch:off")
    assert len(await tap(bot, ANNE, "ch:on")) == 1


async def test_settings_arguments_change_time_zone_and_subscription(bot):
    [reply] = await say(bot, ANNE, "/settings time 08:30")
    assert "08:30" in reply and "ch:on" in [d for _t, d in bot.last_buttons(ANNE)]
    assert (await get_user(bot, ANNE)).challenge_minute == 510
    reply, *_asked_once = await say(bot, ANNE, "/settings challenges on")
    assert "08:30" in reply
    user = await get_user(bot, ANNE)
    assert user.challenge_status == "on"
    assert user.next_challenge_at.astimezone(PARIS).strftime("%H:%M") == "08:30"

    [reply] = await say(bot, ANNE, "/settings timezone America/New_York")
    assert "New York" in reply
    user = await get_user(bot, ANNE)
    assert user.timezone == "America/New_York"
    assert user.next_challenge_at.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") == "08:30"
    [reply] = await say(bot, ANNE, "/settings timezone UTC+2")
    assert "UTC+2" in reply and (await get_user(bot, ANNE)).timezone == "Etc/GMT-2"
    [reply] = await say(bot, ANNE, "/settings timezone Montréal")
    assert (await get_user(bot, ANNE)).timezone == "America/Toronto"

    [reply] = await say(bot, ANNE, "/settings timezone Atlantis")
    assert "Atlantis" in reply and "/settings timezone" in reply
    [reply] = await say(bot, ANNE, "/settings time 25:00")
    assert "/settings time 08:30" in reply
    assert (await get_user(bot, ANNE)).challenge_minute == 510

    [reply] = await say(bot, ANNE, "/settings challenges pause")
    assert "streak" in reply
    user = await get_user(bot, ANNE)
    assert user.challenge_status == "paused" and user.next_challenge_at is None
    await say(bot, ANNE, "/settings challenges on")
    assert (await get_user(bot, ANNE)).challenge_status == "on"
    [reply] = await say(bot, ANNE, "/settings challenges off")
    assert "streak" in reply  # says what stopping does to it
    user = await get_user(bot, ANNE)
    assert user.challenge_status == "off" and user.next_challenge_at is None
    [reply] = await say(bot, ANNE, "/settings challenges maybe")
    assert "/settings challenges on" in reply
    # The core's own arguments still work.
    [reply] = await say(bot, ANNE, "/settings mode study")
    assert "study" in reply.lower()


async def test_settings_buttons_for_time_zone_pause_and_stop(bot):
    [text] = await say(bot, BEN, "/settings")
    assert "Daily challenge: off" in text and "Time zone: Paris" in text
    data = [d for _t, d in bot.last_buttons(BEN)]
    assert {"ch:on", "ch:time", "ch:tz"} <= set(data)
    await tap(bot, BEN, "ch:time")
    assert "ch:t:480" in [d for _t, d in bot.last_buttons(BEN)]
    await tap(bot, BEN, "ch:t:480")
    assert (await get_user(bot, BEN)).challenge_minute == 480
    await tap(bot, BEN, "ch:tz")
    assert "ch:z:Europe/London" in [d for _t, d in bot.last_buttons(BEN)]
    [reply] = await tap(bot, BEN, "ch:z:Europe/London")
    assert "London" in reply and (await get_user(bot, BEN)).timezone == "Europe/London"
    await tap(bot, BEN, "ch:on")
    [text] = await say(bot, BEN, "/settings")
    assert "every day at 08:00 (London time)" in text
    assert {"ch:pause", "ch:off"} <= {d for _t, d in bot.last_buttons(BEN)}
    await tap(bot, BEN, "ch:pause")
    assert (await get_user(bot, BEN)).challenge_status == "paused"
    [text] = await say(bot, BEN, "/settings")
    assert "paused" in text and "ch:on" in [d for _t, d in bot.last_buttons(BEN)]
    await tap(bot, BEN, "ch:off")
    assert (await get_user(bot, BEN)).challenge_status == "off"
    assert await tap(bot, BEN, "ch:t:99999") == []


async def test_challenge_and_defi_show_todays_challenge_once(bot):
    [first] = await say(bot, ANNE, "/challenge")
    buttons = [d for _t, d in bot.last_buttons(ANNE)]
    [row] = await rows_of(bot, ANNE)
    assert (
        f"ch:done:{row.local_date.isoformat()}" in buttons
        and f"ch:skip:{row.local_date.isoformat()}" in buttons
    )
    assert f"ch:snooze:{row.local_date.isoformat()}" not in buttons, (
        "no reminders without the daily subscription"
    )
    assert "ch:on" in buttons
    challenge = bot.runtime and __import__("bot.challenges.service").challenges.service
    text = challenge.catalog_for(bot.runtime.settings.scenarios_dir / "challenges").get(row.challenge_id).text
    assert text in first
    [second] = await say(bot, ANNE, "/defi")
    assert text in second
    assert len(await rows_of(bot, ANNE)) == 1
    # An English speaker gets an English challenge, a French speaker a French one.
    assert row.challenge_id.startswith("en-")
    await bot.send(text_message(BEN, "/defi", language_code="fr"))
    assert (await rows_of(bot, BEN))[0].challenge_id.startswith("fr-")


async def test_done_asks_for_a_reflection_then_saves_it(bot):
    await say(bot, ANNE, "/challenge")
    done = data_of(bot, ANNE, "ch:done:")
    message = bot.fake.last_message(ANNE)
    texts = await bot.send(callback_query(ANNE, done, message=message, language_code="en"))
    # The challenge's own message loses its buttons and says it is done.
    edited = bot.fake.chat_history(ANNE)
    edited = next(m for m in edited if m["message_id"] == message["message_id"])
    assert edited["text"].endswith("✅ Done!") and "reply_markup" not in edited
    assert any("Well done" in t and "Streak: 1 day" in t for t in texts)
    assert any("how did it go" in t for t in texts)
    assert (await get_user(bot, ANNE)).settings["flow"]["kind"] == "challenge_reflection"
    [thanks] = await say(bot, ANNE, "I called Marc, he was happy to help!")
    assert "noted" in thanks
    [row] = await rows_of(bot, ANNE)
    assert row.status == "done" and row.reflection == "I called Marc, he was happy to help!"
    assert "flow" not in (await get_user(bot, ANNE)).settings
    # A second tap does not start it all again.
    assert await tap(bot, ANNE, done) == []
    [again] = await say(bot, ANNE, "/challenge")
    assert "done" in again


async def test_the_reflection_can_be_skipped_or_cancelled(bot):
    await say(bot, ANNE, "/challenge")
    await tap(bot, ANNE, data_of(bot, ANNE, "ch:done:"))
    [reply] = await tap(bot, ANNE, data_of(bot, ANNE, "ch:nr:"))
    assert "tomorrow" in reply and "flow" not in (await get_user(bot, ANNE)).settings
    await say(bot, BEN, "/challenge")
    await tap(bot, BEN, data_of(bot, BEN, "ch:done:"))
    await say(bot, BEN, "/cancel")
    assert "flow" not in (await get_user(bot, BEN)).settings
    [reply] = await say(bot, BEN, "Hello")
    assert "/rehearse" in reply  # back to normal: free text is about rehearsals again
    assert (await rows_of(bot, BEN))[0].reflection is None


async def test_done_during_a_rehearsal_does_not_hijack_it(bot):
    await say(bot, ANNE, "/challenge")
    done = data_of(bot, ANNE, "ch:done:")
    async with bot.runtime.sessions() as session, session.begin():
        session.add(Rehearsal(user_id=ANNE, scenario_id="drh-industrie", status="active", state={}))
    texts = await tap(bot, ANNE, done)
    assert any("Well done" in t for t in texts) and not any("how did it go" in t for t in texts)
    assert "flow" not in (await get_user(bot, ANNE)).settings


async def test_snooze_and_not_today(bot):
    await say(bot, ANNE, "/settings challenges on")
    await say(bot, ANNE, "/challenge")
    snooze = data_of(bot, ANNE, "ch:snooze:")
    before = utcnow()
    [reply] = await tap(bot, ANNE, snooze)
    assert "remind you at" in reply
    [row] = await rows_of(bot, ANNE)
    until = row.snooze_until
    assert before + timedelta(hours=2) <= until <= utcnow() + timedelta(hours=2)
    assert (await get_user(bot, ANNE)).next_challenge_at <= until
    skip = data_of(bot, ANNE, "ch:skip:")
    texts = await tap(bot, ANNE, skip)  # edits the challenge's message (sent anew if it is gone)
    assert "tomorrow" in texts[-1]
    [row] = await rows_of(bot, ANNE)
    assert row.status == "skipped" and row.snooze_until is None
    assert data_of(bot, ANNE, "ch:done:") == f"ch:done:{row.local_date.isoformat()}"  # done after all
    # Not subscribed: no reminder promised.
    await say(bot, BEN, "/challenge")
    [row] = await rows_of(bot, BEN)
    [reply] = await tap(bot, BEN, f"ch:snooze:{row.local_date.isoformat()}")
    assert "/settings challenges on" in reply
    # A button naming a day without a challenge (or garbage) says what to do.
    [reply] = await tap(bot, BEN, f"ch:done:{(row.local_date - timedelta(days=5)).isoformat()}")
    assert "/challenge" in reply
    # Garbage is refused before the handler: "This button has expired" (tests/test_callbacks.py).
    assert await tap(bot, BEN, "ch:done:nonsense") == []
    assert (await rows_of(bot, BEN))[0].status == "sent"


async def test_yesterdays_challenge_can_still_be_checked_in(bot):
    await say(bot, ANNE, "/start")
    today = local_date(utcnow(), PARIS)
    async with bot.runtime.sessions() as session, session.begin():
        for age in (1, 2):
            session.add(
                ChallengeDay(
                    user_id=ANNE,
                    local_date=today - timedelta(days=age),
                    challenge_id="en-dare-one-name",
                    status="sent",
                )
            )
    await say(bot, ANNE, "/challenge")
    rows = await rows_of(bot, ANNE)
    yesterday = next(r for r in rows if r.local_date == today - timedelta(days=1))
    older = next(r for r in rows if r.local_date == today - timedelta(days=2))
    assert f"ch:done:{yesterday.local_date.isoformat()}" in [d for _t, d in bot.last_buttons(ANNE)]
    texts = await tap(bot, ANNE, f"ch:done:{yesterday.local_date.isoformat()}")
    assert any("Well done" in t for t in texts)
    [reply] = await tap(bot, ANNE, f"ch:done:{older.local_date.isoformat()}")
    assert "too old" in reply
    statuses = {r.local_date: r.status for r in await rows_of(bot, ANNE)}
    assert statuses[today - timedelta(days=1)] == "done" and statuses[today - timedelta(days=2)] == "sent"


async def test_a_shared_location_sets_the_time_zone(bot):
    update = text_message(ANNE, "x", language_code="en")
    del update["message"]["text"]
    update["message"]["location"] = {"latitude": 40.71, "longitude": -74.0}
    [reply] = await bot.send(update)
    assert "location: New York." in reply  # the zone's city, said once
    assert (await get_user(bot, ANNE)).timezone == "America/New_York"


async def test_stats_and_export_sections(bot):
    await say(bot, ANNE, "/start")
    today = local_date(utcnow(), PARIS)
    async with bot.runtime.sessions() as session, session.begin():
        user = await session.get(User, ANNE)
        ctx = SimpleNamespace(
            db=session, user=user, user_or_none=user, _=translator("en"), runtime=bot.runtime
        )
        assert await stats_section(ctx) is None, "nothing to say before any challenge"
        # Three done, a pause of five days, two done: the pause keeps the streak.
        for age in (9, 8, 7, 1, 0):
            session.add(
                ChallengeDay(
                    user_id=ANNE,
                    local_date=today - timedelta(days=age),
                    challenge_id="en-dare-one-name",
                    status="done",
                    reflection="Nice." if age == 0 else None,
                )
            )
        session.add(
            ChallengeDay(
                user_id=ANNE,
                local_date=today - timedelta(days=12),
                challenge_id="en-give-article",
                status="sent",
            )
        )
        await session.flush()
        paragraph = await stats_section(ctx)
        assert "a streak of 5 (best: 5)" in paragraph
        month = sum(1 for age in (9, 8, 7, 1, 0) if (today - timedelta(days=age)).month == today.month)
        assert f"{month} done this month" in paragraph
        exported = await EXPORT_SECTIONS["challenges"](session, user)
    assert len(exported) == 6
    assert exported[0] == {
        "date": (today - timedelta(days=12)).isoformat(),
        "text": "Send someone in your network an article they might enjoy, with one line on why you thought "
        "of them. Ask for nothing.",
        "status": "sent",
    }
    assert exported[-1]["status"] == "done" and exported[-1]["reflection"] == "Nice."
    assert {"date", "text", "status"} <= set(exported[1])


async def test_the_jobs_queue_then_send_through_the_outbox(bot):
    """The bot's jobs `challenges-send-due` and `contact-nudges`, run as registered."""
    from bot.contacts.service import create_contact
    from bot.store.models import Nudge, Outbox

    now = utcnow()
    local = now.astimezone(PARIS)
    async with bot.runtime.sessions() as session, session.begin():
        anne = User(id=ANNE, chat_id=ANNE, language="en", settings={}, timezone="Europe/Paris")
        anne.challenge_status, anne.challenge_minute = "on", local.hour * 60 + local.minute
        anne.next_challenge_at = now - timedelta(seconds=1)
        session.add(anne)
        await session.flush()
        contact = await create_contact(session, anne, name="Marie", met_on=local.date(), now=now)
        await session.flush()
        for nudge in await session.scalars(select(Nudge).where(Nudge.contact_id == contact.id)):
            nudge.due_at = now - timedelta(seconds=1)
    jobs = {job.name: job.callback for job in bot.app.job_queue.jobs()}
    context = SimpleNamespace(runtime=bot.runtime, bot=bot.app.bot, application=bot.app)
    await jobs["challenges-send-due"](context)
    await jobs["contact-nudges"](context)
    texts = [m["text"] for m in bot.fake.sent_messages(ANNE)]
    assert len(texts) == 3 and "🎯" in texts[0] and sum("Marie" in t for t in texts) == 2
    [day] = await rows_of(bot, ANNE)
    assert day.status == "sent" and day.message_id is not None
    async with bot.runtime.sessions() as session:
        sent = select(Outbox.kind).where(Outbox.sent_at.is_not(None))
        assert sorted(await session.scalars(sent)) == ["challenge", "nudge", "nudge"]
