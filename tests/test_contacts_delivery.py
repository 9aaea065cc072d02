"""Nudge delivery (exactly-once claims), stats, export and erasure of the contacts journal."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import delete, func, select

from bot.contacts import service as svc
from bot.contacts.handlers import render_nudge, send_due_nudges
from bot.i18n import translator
from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import ChallengeDay, Contact, Nudge, Outbox, Rehearsal, User
from bot.telegram.extensions import EXPORT_SECTIONS, STATS_SECTIONS

MET = date(2026, 3, 10)
LOGGED = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
THANK_DUE = datetime(2026, 3, 11, 8, 0, tzinfo=UTC)  # 09:00 in Paris (winter time)
NEWS_DUE = datetime(2026, 3, 31, 7, 0, tzinfo=UTC)  # 09:00 in Paris (summer time)


async def make_user(sessions, user_id: int, *, tz: str | None = "Europe/Paris", lang: str = "en") -> None:
    async with sessions() as session:
        session.add(
            User(id=user_id, chat_id=user_id, first_name="T", language=lang, settings={}, timezone=tz)
        )
        await session.commit()


async def log(sessions, user_id: int, name: str, met_on: date = MET, **fields) -> int:
    async with sessions() as session:
        user = await session.get(User, user_id)
        contact = await svc.create_contact(
            session, user, name=name, met_on=met_on, default_tz="Europe/Paris", now=LOGGED, **fields
        )
        await session.commit()
        return contact.id


async def nudge_rows(sessions, **where) -> list[Nudge]:
    async with sessions() as session:
        query = select(Nudge).order_by(Nudge.id)
        for key, value in where.items():
            query = query.where(getattr(Nudge, key) == value)
        return list(await session.scalars(query))


def send(bot, sessions, at: datetime) -> asyncio.Future:
    return send_due_nudges(bot.app.bot, sessions, rate=1000, now=at)


async def test_nudges_are_sent_when_due_then_never_again(bot, sessions):
    await make_user(sessions, 11)
    cid = await log(sessions, 11, "Marie Dupont", promised_by_me="the lean article")
    assert {n.kind: n.due_at.replace(tzinfo=UTC) for n in await nudge_rows(sessions)} == {
        "thank": THANK_DUE,
        "news": NEWS_DUE,
    }
    assert await send(bot, sessions, THANK_DUE - timedelta(seconds=1)) == 0
    assert await send(bot, sessions, THANK_DUE) == 1
    [message] = bot.fake.sent_messages(11)
    assert (
        "Marie Dupont" in message["text"]
        and "thanked" in message["text"]
        and "the lean article" in message["text"]
    )
    buttons = [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    [thank] = await nudge_rows(sessions, kind="thank")
    assert buttons == [f"ct:p:{cid}", f"ct:nd:{thank.id}", f"ct:nz:{thank.id}"]
    assert thank.status == "sent" and thank.sent_at is not None
    assert await send(bot, sessions, THANK_DUE + timedelta(hours=1)) == 0
    assert len(bot.fake.sent_messages(11)) == 1


async def test_news_nudge_suggests_what_to_tell_from_recent_activity(bot, sessions):
    await make_user(sessions, 12)
    marie = await log(sessions, 12, "Marie Dupont", suggested_names=["Paul Martin"])
    await log(sessions, 12, "Paul Martin", met_on=MET + timedelta(days=5), referred_by_id=marie)
    async with sessions() as session:
        session.add(
            Rehearsal(
                user_id=12,
                scenario_id="x",
                status="ended",
                state={},
                started_at=LOGGED + timedelta(days=2),
                ended_at=LOGGED + timedelta(days=2),
            )
        )
        session.add(Rehearsal(user_id=12, scenario_id="y", status="cancelled", state={}))
        for offset, status in ((1, "done"), (2, "done"), (3, "skipped")):
            session.add(
                ChallengeDay(
                    user_id=12, local_date=MET + timedelta(days=offset), challenge_id="c", status=status
                )
            )
        session.add(
            ChallengeDay(user_id=12, local_date=MET - timedelta(days=1), challenge_id="c", status="done")
        )
        await session.commit()
    # Thank-you reminders first (both were due), then the news.
    await send(bot, sessions, NEWS_DUE)
    news = [m["text"] for m in bot.fake.sent_messages(12) if "news" in m["text"]]
    marie_news = [t for t in news if "met Marie Dupont" in t]
    assert marie_news, news
    text = marie_news[0]
    assert "Paul Martin" in text  # met through Marie
    assert "(1 rehearsal, 2 challenges done)" in text


async def test_two_concurrent_deliveries_send_each_nudge_once(bot, sessions, db_url):
    users = list(range(100, 112))
    for user_id in users:
        await make_user(sessions, user_id)
        await log(sessions, user_id, f"Contact {user_id}")
    other_engine = make_engine(db_url)
    other = make_sessionmaker(other_engine)
    try:
        results = await asyncio.gather(send(bot, sessions, THANK_DUE), send(bot, other, THANK_DUE))
    finally:
        await other_engine.dispose()
    assert sum(results) == len(users)
    for user_id in users:
        assert len(bot.fake.sent_messages(user_id)) == 1
    assert {n.status for n in await nudge_rows(sessions, kind="thank")} == {"sent"}


async def test_a_nudge_becomes_an_outbox_row_in_the_transaction_that_claims_it(bot, sessions):
    await make_user(sessions, 13)
    cid = await log(sessions, 13, "Marie Dupont")
    # The worker claims the nudge, queues its message, commits, and dies before sending it.
    assert await svc.queue_due_nudges(sessions, render_nudge, now=THANK_DUE) == 1
    assert bot.fake.sent_messages(13) == []
    [thank] = await nudge_rows(sessions, kind="thank")
    async with sessions() as session:
        [row] = await session.scalars(select(Outbox))
    assert thank.status == "claimed" and (row.kind, row.ref_id, row.chat_id) == ("nudge", thank.id, 13)
    assert "Marie Dupont" in row.payload["text"] and row.payload["buttons"][0][0][1] == f"ct:p:{cid}"
    assert await svc.queue_due_nudges(sessions, render_nudge, now=THANK_DUE) == 0, "claimed once"
    # The next round sends it, once.
    assert await send(bot, sessions, THANK_DUE + timedelta(minutes=1)) == 1
    assert await send(bot, sessions, THANK_DUE + timedelta(minutes=2)) == 0
    assert len(bot.fake.sent_messages(13)) == 1
    [thank] = await nudge_rows(sessions, kind="thank")
    assert thank.status == "sent" and thank.sent_at is not None


async def test_a_nudge_answered_while_queued_stays_done(bot, sessions):
    await make_user(sessions, 19)
    cid = await log(sessions, 19, "Marie Dupont")
    await svc.queue_due_nudges(sessions, render_nudge, now=THANK_DUE)
    async with sessions() as session:
        await svc.mark_thanked(session, await session.get(Contact, cid), now=THANK_DUE)
        await session.commit()
    await send(bot, sessions, THANK_DUE)
    [thank] = await nudge_rows(sessions, kind="thank")
    assert thank.status == "done"


async def test_telegram_asking_to_wait_holds_a_nudge_then_it_goes(bot, sessions):
    await make_user(sessions, 21)
    await log(sessions, 21, "Marie Dupont")
    bot.fake.fail_next("sendMessage", 429, retry_after=1)
    assert await send(bot, sessions, THANK_DUE) == 1
    assert len(bot.fake.sent_messages(21)) == 1


async def test_a_user_who_blocked_the_bot_is_not_nudged_any_more(bot, sessions):
    await make_user(sessions, 14)
    await make_user(sessions, 15)
    await log(sessions, 14, "Marie Dupont")
    await log(sessions, 15, "Paul Martin")
    bot.fake.block(14)
    assert await send(bot, sessions, THANK_DUE) == 1  # user 15 only
    async with sessions() as session:
        assert (await session.get(User, 14)).blocked_at is not None
        assert (await session.get(User, 15)).blocked_at is None
    [thank14] = await nudge_rows(sessions, kind="thank", user_id=14)
    assert thank14.status == "pending"
    bot.fake.unblock(14)
    assert await send(bot, sessions, NEWS_DUE) == 1  # user 15's news; user 14 stays quiet
    assert bot.fake.sent_messages(14) == []


async def test_thanked_before_the_reminder_means_no_reminder(bot, sessions):
    await make_user(sessions, 16)
    cid = await log(sessions, 16, "Marie Dupont")
    async with sessions() as session:
        contact = await session.get(Contact, cid)
        await svc.mark_thanked(session, contact, now=LOGGED + timedelta(hours=1))
        await session.commit()
    assert await send(bot, sessions, THANK_DUE) == 0
    [thank] = await nudge_rows(sessions, kind="thank")
    assert thank.status == "done"
    # A reminder that could not go out for days (the bot was down) is dropped, not sent late.
    await make_user(sessions, 17)
    await log(sessions, 17, "Léa")
    assert await send(bot, sessions, THANK_DUE + timedelta(days=4)) == 0
    [late] = await nudge_rows(sessions, kind="thank", user_id=17)
    assert late.status == "cancelled"


async def test_nudge_text_follows_the_users_language(bot, sessions):
    await make_user(sessions, 18, lang="fr", tz="Asia/Tokyo")
    await log(sessions, 18, "Kenji")
    [thank] = await nudge_rows(sessions, kind="thank")
    assert thank.due_at.replace(tzinfo=UTC) == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
    await send(bot, sessions, datetime(2026, 3, 11, 0, 0, tzinfo=UTC))
    [message] = bot.fake.sent_messages(18)
    assert "Kenji" in message["text"] and "10 mars 2026" in message["text"]  # French date format
    msgid = "👋 On {date} you met {name}. Have you thanked them? A short message within 48 hours makes a real difference."
    assert message["text"].startswith(translator("fr")(msgid).format(date="10 mars 2026", name="Kenji"))


async def test_a_thank_you_nudge_snoozed_past_two_days_does_not_promise_48_hours(bot, sessions):
    await make_user(sessions, 20, lang="en", tz="Europe/Paris")
    cid = await log(sessions, 20, "Nadia")
    [thank] = await nudge_rows(sessions, kind="thank", user_id=20)
    async with sessions() as session:
        row = await session.get(Nudge, thank.id)
        row.due_at = row.due_at + timedelta(days=2)  # snoozed twice
        await session.commit()
    await send(bot, sessions, thank.due_at + timedelta(days=2))
    [message] = bot.fake.sent_messages(20)
    assert "Nadia" in message["text"] and "48 hours" not in message["text"]
    assert "a few days later" in message["text"] and cid


async def test_stats_section_describes_the_network(sessions):
    await make_user(sessions, 19)
    marie = await log(sessions, 19, "Marie Dupont")
    await log(sessions, 19, "Paul Martin", referred_by_id=marie)
    await log(sessions, 19, "Léa", met_on=MET - timedelta(days=10))
    async with sessions() as session:
        contact = await session.get(Contact, marie)
        await svc.mark_thanked(session, contact, now=LOGGED + timedelta(hours=2))
        await svc.mark_informed(session, contact, now=LOGGED + timedelta(days=20))
        await session.commit()
    async with sessions() as session:
        context = SimpleNamespace(
            db=session,
            user=await session.get(User, 19),
            _=translator("en"),
            runtime=SimpleNamespace(settings=SimpleNamespace(default_timezone="Europe/Paris")),
        )
        from bot.contacts.handlers import stats_section

        assert stats_section in STATS_SECTIONS
        text = await stats_section(context)
    assert "People met: 3" in text
    assert "Thanked within 48 hours: 1 (33%)" in text
    assert "Kept informed: 1" in text
    assert "Met through a recommendation: 1" in text
    async with sessions() as session:
        context.db, context.user = session, None
        await make_user(sessions, 20)
        context.user = await session.get(User, 20)
        assert await stats_section(context) is None  # nothing logged: no section


async def test_export_holds_every_contact_and_nudge_and_forgetting_the_user_erases_them(sessions):
    await make_user(sessions, 21)
    await make_user(sessions, 22)
    marie = await log(
        sessions,
        21,
        "Marie Dupont",
        context="Coffee",
        promised_by_me="an article",
        promised_by_them="an introduction",
        suggested_names=["Paul Martin"],
    )
    await log(sessions, 21, "Paul Martin", referred_by_id=marie)
    await log(sessions, 22, "Someone else")
    async with sessions() as session:
        exported = await EXPORT_SECTIONS["contacts"](session, await session.get(User, 21))
    json.dumps(exported)  # JSON-able as it is
    by_name = {c["name"]: c for c in exported}
    assert set(by_name) == {"Marie Dupont", "Paul Martin"}
    assert by_name["Marie Dupont"]["promised_by_them"] == "an introduction"
    assert by_name["Marie Dupont"]["suggested_names"] == ["Paul Martin"]
    assert by_name["Paul Martin"]["referred_by"] == {"id": marie, "name": "Marie Dupont"}
    assert {n["kind"] for n in by_name["Marie Dupont"]["nudges"]} == {"thank", "news"}
    assert by_name["Marie Dupont"]["nudges"][0]["due_at"].endswith("+00:00")

    # /forget deletes the user row; the database cascades to contacts and nudges.
    async with sessions() as session:
        await session.execute(delete(User).where(User.id == 21))
        await session.commit()
    async with sessions() as session:
        for model in (Contact, Nudge):
            assert (
                await session.scalar(select(func.count()).select_from(model).where(model.user_id == 21)) == 0
            )
            assert (
                await session.scalar(select(func.count()).select_from(model).where(model.user_id == 22)) >= 1
            )
