"""The contacts journal through the bot: logging a meeting, list, edit, delete, thank-you practice, nudge buttons."""

from __future__ import annotations

import json
from datetime import date, timedelta

from fakebotapi import callback_query, text_message
from sqlalchemy import select

from bot.contacts.rules import local_today, say_day, zone
from bot.store.models import Contact, Nudge, User, utcnow

ANNA = 2001
LANG = "en"  # English texts are the msgids: the assertions do not depend on the French catalog


def today() -> date:
    return local_today(utcnow(), zone("Europe/Paris"))


async def say(bot, text: str, user: int = ANNA) -> list[str]:
    return await bot.send(text_message(user, text, language_code=LANG))


async def tap(bot, data: str, user: int = ANNA) -> list[str]:
    """Press a button of the last message the bot sent (so that edits of that message work)."""
    last = bot.fake.last_message(user)
    message_id = last["message_id"] if last else None
    return await bot.send(callback_query(user, data, chat_id=user, message_id=message_id, language_code=LANG))


def datas(bot, user: int = ANNA) -> list[str]:
    return [d for _label, d in bot.last_buttons(user)]


async def contacts(bot, user: int = ANNA) -> list[Contact]:
    async with bot.runtime.sessions() as session:
        return list(
            await session.scalars(select(Contact).where(Contact.user_id == user).order_by(Contact.id))
        )


async def nudges(bot, contact_id: int) -> dict[str, Nudge]:
    async with bot.runtime.sessions() as session:
        rows = await session.scalars(select(Nudge).where(Nudge.contact_id == contact_id))
        return {n.kind: n for n in rows}


async def log_meeting(
    bot, name: str, *, user: int = ANNA, names: str | None = None, thanked: str = "n"
) -> Contact:
    """Log a meeting the quickest way: name, then Skip/Today everywhere."""
    await tap(bot, "ct:new", user)
    texts = await say(bot, name, user)
    while True:
        buttons = datas(bot, user)
        if "ct:s:via" in buttons:
            texts = await tap(bot, "ct:s:via", user)
        elif "ct:d:0" in buttons:
            texts = await tap(bot, "ct:d:0", user)
        elif "ct:s:names" in buttons and names is not None:
            texts = await say(bot, names, user)
        elif any(d.startswith("ct:s:") for d in buttons):
            texts = await tap(bot, next(d for d in buttons if d.startswith("ct:s:")), user)
        elif "ct:th:n" in buttons:
            texts = await tap(bot, f"ct:th:{thanked}", user)
            break
        else:  # pragma: no cover - a step without the expected buttons
            raise AssertionError(texts)
    assert any("Saved" in t for t in texts), texts
    return (await contacts(bot, user))[-1]


async def test_first_use_explains_privacy_and_offers_to_log(bot):
    [text] = await say(bot, "/contacts")
    assert "/forget" in text and "database" in text
    assert "ct:new" in datas(bot)
    [again] = await say(bot, "/reseau")
    assert "/forget" not in again  # said once
    assert "empty" in again


async def test_guided_flow_logs_a_meeting_with_every_step(bot):
    await say(bot, "/contacts")
    [q] = await tap(bot, "ct:new")
    assert "name" in q.lower()
    [q] = await say(bot, "Marie Dupont")
    assert "Marie Dupont" in q and "ct:s:context" in datas(bot)  # no contacts yet: no "met through" step
    [q] = await say(bot, "Coffee at Airbus, we talked about supply chain and lean")
    assert set(datas(bot)) == {"ct:d:0", "ct:d:1"}
    [q] = await say(bot, "31/02")
    assert "March 12" in q  # says how to type it
    [q] = await say(bot, "01/01/2999")
    assert "future" in q
    [q] = await say(bot, "tomorrow")
    assert "future" in q  # not "I couldn't read that date"
    [q] = await say(bot, "3/4")
    assert "could be" in q and "write the month in words" in q  # 3 April or 4 March? Not guessed
    [q] = await tap(bot, "ct:d:1")
    assert "promise" in q and "ct:s:mine" in datas(bot)
    await say(bot, "send her the article on lean management")
    [q] = await tap(bot, "ct:s:theirs")
    assert "suggest" in q
    [q] = await say(bot, "Paul Martin, Sophie Leroy")
    assert "thanked" in q and set(datas(bot)) == {"ct:th:y", "ct:th:n"}
    saved, zone_question = await tap(bot, "ct:th:n")
    assert "Saved" in saved and "Marie Dupont" in saved
    assert "ct:p:" in " ".join(d for _t, d in bot.all_buttons(ANNA))  # practise the thank-you, one tap away
    # The zone was never set: asked once, now that reminders are scheduled at a local hour.
    assert "time zone" in zone_question and "ct:z:" not in zone_question
    assert "ch:z:Europe/London" in datas(bot)
    [answer] = await say(bot, "London")
    assert "London" in answer
    async with bot.runtime.sessions() as session:
        assert (await session.get(User, ANNA)).timezone == "Europe/London"

    [marie] = await contacts(bot)
    assert marie.met_on == today() - timedelta(days=1)
    assert marie.context.startswith("Coffee at Airbus")
    assert marie.promised_by_me == "send her the article on lean management"
    assert marie.promised_by_them == ""
    assert marie.suggested_names == ["Paul Martin", "Sophie Leroy"]
    assert marie.thanked_at is None
    due = await nudges(bot, marie.id)
    assert set(due) == {"thank", "news"} and {n.status for n in due.values()} == {"pending"}
    async with bot.runtime.sessions() as session:
        assert "flow" not in (await session.get(User, ANNA)).settings


async def test_a_suggested_name_is_linked_and_other_contacts_offered(bot):
    marie = await log_meeting(bot, "Marie Dupont", names="Paul Martin, Sophie Leroy")
    # Paul was suggested by Marie: linked without asking.
    await tap(bot, "ct:new")
    [q] = await say(bot, "paul martin")
    assert "Marie Dupont suggested paul martin" in q
    assert "ct:s:via" not in datas(bot)
    for _ in range(5):
        buttons = datas(bot)
        await tap(bot, "ct:d:0" if "ct:d:0" in buttons else next(d for d in buttons if d.startswith("ct:s:")))
    saved, *_zone = await tap(bot, "ct:th:y")
    assert "Tell Marie Dupont how it went" in saved
    paul = (await contacts(bot))[-1]
    assert paul.referred_by_id == marie.id and paul.thanked_at is not None
    assert set(await nudges(bot, paul.id)) == {"news"}  # already thanked: no thank-you reminder

    # Someone not suggested: the flow offers "met through" buttons for the existing contacts.
    await tap(bot, "ct:new")
    [q] = await say(bot, "Jean")
    assert "through" in q
    assert f"ct:v:{marie.id}" in datas(bot) and f"ct:v:{paul.id}" in datas(bot)
    [q] = await tap(bot, f"ct:v:{paul.id}")
    assert "Where and how" in q
    # A stale button of an earlier step does nothing.
    await tap(bot, f"ct:v:{marie.id}")
    await tap(bot, "ct:s:context")
    await tap(bot, "ct:d:0")
    await tap(bot, "ct:s:mine")
    await tap(bot, "ct:s:theirs")
    await tap(bot, "ct:s:names")
    await tap(bot, "ct:th:n")
    jean = (await contacts(bot))[-1]
    assert jean.name == "Jean" and jean.referred_by_id == paul.id


async def test_typed_dates_and_late_logging(bot):
    await say(bot, "/contacts")
    await tap(bot, "ct:new")
    await say(bot, "Léa")
    await tap(bot, "ct:s:context")
    ten_days_ago = today() - timedelta(days=10)
    [q] = await say(bot, ten_days_ago.isoformat())
    assert q.startswith(f"📅 Date noted: {say_day(ten_days_ago, 'en')}.")  # what was understood, in words
    await tap(bot, "ct:s:mine")
    await tap(bot, "ct:s:theirs")
    [q] = await tap(bot, "ct:s:names")
    # An older meeting: "within two days" or "later".
    assert set(datas(bot)) == {"ct:th:y", "ct:th:l", "ct:th:n"}
    saved, *_zone = await tap(bot, "ct:th:n")
    assert "not too late" in saved and "same day" not in saved
    [lea] = await contacts(bot)
    assert lea.met_on == ten_days_ago
    # Too old for a thank-you reminder; the news reminder is still useful.
    assert set(await nudges(bot, lea.id)) == {"news"}


async def test_cancel_leaves_the_flow_and_saves_nothing(bot):
    await tap(bot, "ct:new")
    await say(bot, "Hugo")
    [text] = await say(bot, "/cancel")
    assert "Cancelled" in text
    assert await contacts(bot) == []
    [reply] = await say(bot, "hello")
    assert "/rehearse" in reply  # free text is no longer captured


async def test_list_card_edit_and_delete_with_confirmation(bot):
    marie = await log_meeting(bot, "Marie Dupont", names="Paul Martin")
    paul = await log_meeting(bot, "Paul Martin")
    assert paul.referred_by_id == marie.id
    [listing] = await say(bot, "/contacts")
    assert "Marie Dupont" in listing and "Paul Martin" in listing
    assert {f"ct:o:{marie.id}", f"ct:o:{paul.id}", "ct:new"} <= set(datas(bot))

    [card] = await tap(bot, f"ct:o:{marie.id}")
    assert "Marie Dupont" in card and "Paul Martin" in card and "Reminder to thank" in card

    # Edit the context.
    [menu] = await tap(bot, f"ct:e:{marie.id}")
    assert f"ct:ef:{marie.id}:ctx" in datas(bot)
    await tap(bot, f"ct:ef:{marie.id}:ctx")
    [card] = await say(bot, "Lunch at the HR meetup")
    assert "Updated" in card and "Lunch at the HR meetup" in card
    # Edit the date: the pending reminders move with it.
    before = await nudges(bot, marie.id)
    await tap(bot, f"ct:ef:{marie.id}:date")
    [card] = await say(
        bot, (today() - timedelta(days=3)).strftime("%B %d")
    )  # "December 01": 01/12 is ambiguous in English
    (marie_now,) = [c for c in await contacts(bot) if c.id == marie.id]
    assert marie_now.met_on == today() - timedelta(days=3)
    after = await nudges(bot, marie.id)
    assert after["news"].due_at < before["news"].due_at
    # Edit the suggested names, then clear them.
    await tap(bot, f"ct:ef:{marie.id}:names")
    await say(bot, "Paul Martin; Zoé")
    assert [c for c in await contacts(bot) if c.id == marie.id][0].suggested_names == ["Paul Martin", "Zoé"]
    await tap(bot, f"ct:ef:{marie.id}:names")
    await tap(bot, "ct:clr")
    assert [c for c in await contacts(bot) if c.id == marie.id][0].suggested_names == []
    # "Met through": choose nobody.
    await tap(bot, f"ct:ef:{paul.id}:via")
    assert f"ct:ev:{paul.id}:0" in datas(bot)
    await tap(bot, f"ct:ev:{paul.id}:0")
    assert [c for c in await contacts(bot) if c.id == paul.id][0].referred_by_id is None
    await tap(bot, f"ct:ev:{paul.id}:{marie.id}")
    assert [c for c in await contacts(bot) if c.id == paul.id][0].referred_by_id == marie.id

    # Delete asks first; "No" keeps everything.
    [ask] = await tap(bot, f"ct:x:{marie.id}")
    assert "Delete Marie Dupont" in ask and f"ct:xy:{marie.id}" in datas(bot)
    await tap(bot, f"ct:o:{marie.id}")
    assert len(await contacts(bot)) == 2
    [done] = await tap(bot, f"ct:xy:{marie.id}")
    assert "deleted" in done
    remaining = await contacts(bot)
    assert [c.name for c in remaining] == ["Paul Martin"] and remaining[0].referred_by_id is None
    assert await bot.count(Nudge, contact_id=marie.id) == 0
    # Another user's contact can't be opened or deleted.
    [other] = await tap(bot, f"ct:xy:{paul.id}", user=ANNA + 1)
    assert "no longer exists" in other
    assert len(await contacts(bot)) == 1


async def test_practising_the_thank_you_message(bot):
    marie = await log_meeting(bot, "Marie Dupont")
    async with bot.runtime.sessions() as session:
        row = await session.get(Contact, marie.id)
        row.context = "Coffee at Airbus about supply chain and lean management"
        row.promised_by_me = "the article on lean"
        await session.commit()
    [prompt] = await tap(bot, f"ct:p:{marie.id}")
    assert "Marie Dupont" in prompt and "supply chain" in prompt
    [bare] = await say(bot, "thank you")
    assert "40/100" in bare
    assert "a detail of your conversation" in bare and "something in return" in bare
    assert "the article on lean" in bare  # the promise is recalled
    assert {f"ct:p:{marie.id}", f"ct:t:{marie.id}"} <= set(datas(bot))
    await tap(bot, f"ct:p:{marie.id}")
    [good] = await say(
        bot,
        "Thank you so much for your time yesterday, Marie. What you said about lean management in the supply "
        "chain really stuck with me. Happy to send you the article on lean I mentioned.",
    )
    assert "100/100" in good and "Missing" not in good
    # Marking as thanked from the feedback.
    await tap(bot, f"ct:t:{marie.id}")
    [row] = await contacts(bot)
    assert row.thanked_at is not None
    assert (await nudges(bot, marie.id))["thank"].status == "done"


async def test_nudge_buttons_mark_done_or_snooze(bot):
    marie = await log_meeting(bot, "Marie Dupont")
    due = await nudges(bot, marie.id)
    thank, news = due["thank"], due["news"]
    [text] = await tap(bot, f"ct:nz:{thank.id}")
    assert "remind you" in text
    moved = (await nudges(bot, marie.id))["thank"]
    assert moved.status == "pending"
    await tap(bot, f"ct:nd:{thank.id}")
    assert (await nudges(bot, marie.id))["thank"].status == "done"
    [row] = await contacts(bot)
    assert row.thanked_at is not None
    await tap(bot, f"ct:nd:{news.id}")
    [row] = await contacts(bot)
    assert row.informed_at is not None
    [answer] = await tap(bot, f"ct:nd:{news.id + 1000}")
    assert "no longer exists" in answer


async def test_reminders_follow_a_change_of_time_zone_then_of_hour(bot):
    contact = await log_meeting(bot, "Claire Martin")
    before = await nudges(bot, contact.id)
    paris, tokyo = zone("Europe/Paris"), zone("Asia/Tokyo")
    days = {kind: n.due_at.astimezone(paris).date() for kind, n in before.items()}
    assert set(days) == {"thank", "news"}

    await say(bot, "/settings timezone Asia/Tokyo")
    moved = await nudges(bot, contact.id)
    for kind, nudge in moved.items():
        local = nudge.due_at.astimezone(tokyo)
        assert (local.hour, local.minute) == (9, 0)
        assert local.date() == days[kind]  # same day: tomorrow 09:00 in Tokyo is still ahead
    assert moved["news"].due_at != before["news"].due_at

    await say(bot, "/settings time 18:30")
    for kind, nudge in (await nudges(bot, contact.id)).items():
        local = nudge.due_at.astimezone(tokyo)
        assert (local.hour, local.minute) == (18, 30)
        assert local.date() == days[kind]


async def test_news_suggestion_from_the_card(bot):
    marie = await log_meeting(bot, "Marie Dupont", names="Paul Martin")
    await log_meeting(bot, "Paul Martin")
    [text] = await tap(bot, f"ct:ns:{marie.id}")
    assert "Paul Martin" in text and "Hello Marie Dupont" in text
    await tap(bot, f"ct:i:{marie.id}")
    assert (await contacts(bot))[0].informed_at is not None


async def test_stats_and_export_include_the_network(bot):
    marie = await log_meeting(bot, "Marie Dupont", names="Paul Martin")
    await log_meeting(bot, "Paul Martin", thanked="y")
    texts = await say(bot, "/stats")
    stats = "\n".join(texts)
    assert "People met: 2" in stats and "Met through a recommendation: 1" in stats
    assert "Thanked within 48 hours: 1 (100%)" in stats  # Marie's 48 hours are not over yet
    await say(bot, "/export")
    [upload] = [c for c in bot.fake.calls if c.method.lower() == "senddocument"]
    exported = json.loads(next(iter(upload.files.values())).data)
    assert [c["name"] for c in exported["contacts"]] == ["Paul Martin", "Marie Dupont"]
    assert exported["contacts"][0]["referred_by"]["id"] == marie.id
