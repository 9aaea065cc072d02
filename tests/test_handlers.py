"""Handlers through a real Application over real HTTP against the fake Bot API (updates fed directly)."""

from __future__ import annotations

from fakebotapi import (
    callback_query,
    edited_text_message,
    group_text_message,
    photo_message,
    sticker_message,
    text_message,
    voice_message,
)
from sqlalchemy import func, select

from bot.store.models import Outbox, Rehearsal, Turn, User

ALICE = 1001
BOB = 1002

KEY_LINES_FR = (
    "Pas d'a priori",
    "Être soi-même",
    "Donner avant de recevoir",
    "S'intéresser à l'autre",
    "Relation durable",
    "Sourire",
    "Oser",
)


async def start_rehearsal(bot, user=ALICE, lang="fr", scenario="drh-industrie") -> list[str]:
    await bot.send(text_message(user, "/rehearse", language_code=lang))
    buttons = dict((data, text) for text, data in bot.last_buttons(user))
    if f"sc:{scenario}" not in buttons:  # the scenario may be on another page
        await bot.send(callback_query(user, "pg:1", chat_id=user, language_code=lang))
    return await bot.send(callback_query(user, f"sc:{scenario}", chat_id=user, language_code=lang))


async def test_start_welcomes_in_the_users_language(bot):
    fr, *offers = await bot.send(text_message(ALICE, "/start", language_code="fr"))
    assert "Oser" in fr and "/entretien" in fr
    for key in KEY_LINES_FR:
        assert key in fr
    en, *offers = await bot.send(text_message(BOB, "/start", language_code="en-GB"))
    assert "Take an interest" in en and "Dare" in en and "/rehearse" in en


async def test_rehearse_lists_personas_with_one_working_button_each(bot):
    [text] = await bot.send(text_message(ALICE, "/rehearse"))
    buttons = bot.last_buttons(ALICE)
    personas = [b for b in buttons if b[1].startswith("sc:")]
    assert personas, "no persona buttons"
    for label, data in personas:
        scenario = bot.runtime.scenarios[data[3:]]
        assert scenario.persona.name in label and scenario.language == "fr"
        assert scenario.persona.name in text
    # Every other button pages the list, and the pages together list every French scenario.
    seen = {d for _label, d in personas}
    for _label, data in [b for b in buttons if b[1].startswith("pg:")]:
        await bot.send(callback_query(ALICE, data, chat_id=ALICE))
        seen |= {d for _l, d in bot.last_buttons(ALICE) if d.startswith("sc:")}
    assert seen == {f"sc:{s.id}" for s in bot.runtime.scenarios.values() if s.language == "fr"}


async def test_a_persona_button_starts_the_rehearsal(bot):
    texts = await start_rehearsal(bot)
    assert any("Sabine Morel" in t for t in texts)
    assert texts[-1].startswith("Sabine")
    assert await bot.count(Rehearsal, user_id=ALICE, status="active") == 1
    # A second press does not start a second rehearsal.
    again = await bot.send(callback_query(ALICE, "sc:drh-industrie", chat_id=ALICE))
    assert "/fin" in again[-1]
    assert await bot.count(Rehearsal, user_id=ALICE) == 1


async def test_text_without_a_rehearsal_says_how_to_start(bot):
    [reply] = await bot.send(text_message(ALICE, "Bonjour"))
    assert "/entretien" in reply


async def test_reply_is_stored_and_answered_then_end_gives_the_debrief(bot):
    await start_rehearsal(bot)
    texts = await bot.send(text_message(ALICE, "Comment êtes-vous arrivée à ce poste ?"))
    assert len(texts) == 1 and texts[0].startswith("Sabine")
    async with bot.runtime.sessions() as session:
        turns = list(await session.scalars(select(Turn).order_by(Turn.seq)))
    assert [t.role for t in turns] == ["persona", "user", "persona"]
    assert "open_question" in turns[1].labels
    texts = await bot.send(text_message(ALICE, "/end"))
    debrief = texts[0]
    for key in KEY_LINES_FR:
        assert key in debrief
    assert "«\u00a0Comment êtes-vous arrivée à ce poste ?\u00a0»" in debrief
    assert await bot.count(Rehearsal, user_id=ALICE, status="ended") == 1
    why = [d for _t, d in bot.all_buttons(ALICE) if d.startswith("why:")]
    assert len(why) == 7
    # The weakest key comes with a persona that trains it, one tap away.
    suggestion = texts[-1]
    [(label, data)] = bot.last_buttons(ALICE)
    suggested = bot.runtime.scenarios[data[3:]]
    assert suggested.id != "drh-industrie" and suggested.language == "fr"
    assert suggested.persona.name in suggestion and suggested.persona.name in label
    [explained] = await bot.send(
        callback_query(ALICE, [d for d in why if d.endswith("take_interest")][0], chat_id=ALICE)
    )
    assert "S'intéresser à l'autre" in explained and "Comment êtes-vous arrivée" in explained
    [after] = await bot.send(text_message(ALICE, "/end"))
    assert "/entretien" in after


async def test_cancel_stops_without_debrief(bot):
    await start_rehearsal(bot)
    [text] = await bot.send(text_message(ALICE, "/cancel"))
    assert "/100" not in text
    assert await bot.count(Rehearsal, user_id=ALICE, status="cancelled") == 1


async def test_same_update_twice_gives_one_turn_and_one_answer(bot):
    await start_rehearsal(bot)
    update = text_message(ALICE, "Qu'est-ce qui vous plaît dans votre métier ?")
    first = await bot.send(update)
    second = await bot.send(update)
    assert len(first) == 1 and second == []
    assert await bot.count(Turn, role="user") == 1


async def test_redelivered_update_resends_a_reply_that_was_not_sent(bot):
    await start_rehearsal(bot)
    update = text_message(ALICE, "Qu'est-ce qui vous plaît dans votre métier ?")
    bot.fake.fail_next("sendMessage", 502, "Bad Gateway", times=5)  # the first try and its 4 retries
    sent_before = len(bot.fake.sent_texts(ALICE))
    await bot.send(update)  # the send fails; the turn and the reply are stored all the same
    assert len(bot.fake.sent_texts(ALICE)) == sent_before
    assert await bot.count(Turn, role="user") == 1
    async with bot.runtime.sessions() as session:
        unsent = list(await session.scalars(select(Outbox).where(Outbox.sent_at.is_(None))))
    assert len(unsent) == 1 and unsent[0].payload["text"].startswith("Sabine")
    texts = await bot.send(update)  # Telegram delivers the update again
    assert len(texts) == 1 and texts[0].startswith("Sabine")
    assert await bot.count(Turn, role="user") == 1


async def test_non_text_messages_get_a_note_and_leave_the_rehearsal_intact(bot):
    await start_rehearsal(bot)
    for update in (sticker_message(ALICE), photo_message(ALICE), voice_message(ALICE)):
        [text] = await bot.send(update)
        assert "Sabine Morel" in text and "/fin" in text
    [emoji] = await bot.send(text_message(ALICE, "👍🙂"))
    assert "Sabine Morel" in emoji
    assert await bot.count(Turn, role="user") == 0
    texts = await bot.send(text_message(ALICE, "Comment se passe une journée type pour vous ?"))
    assert texts[-1].startswith("Sabine")


async def test_very_long_message_is_a_turn_with_a_gentle_note(bot):
    await start_rehearsal(bot)
    long = (
        "Je travaille depuis quinze ans dans la logistique et je cherche à comprendre votre métier. " * 45
    )[:4000]
    texts = await bot.send(text_message(ALICE, long))
    assert any(t.startswith("Sabine") for t in texts)
    assert len(texts) == 2
    async with bot.runtime.sessions() as session:
        stored = await session.scalar(select(Turn.text).where(Turn.role == "user"))
    assert stored == long


async def test_edited_message_is_not_a_new_turn(bot):
    await start_rehearsal(bot)
    [text] = await bot.send(edited_text_message(ALICE, "Comment êtes-vous arrivée là ?", message_id=1))
    assert "edit" in text.lower() or "modifi" in text.lower()
    assert await bot.count(Turn, role="user") == 0


async def test_group_chat_gets_one_note_only(bot):
    first = await bot.send(group_text_message(ALICE, -5001, "/start"))
    assert len(first) == 1 and "priv" in first[0].lower()
    assert await bot.send(group_text_message(BOB, -5001, "salut")) == []
    assert await bot.count(User) == 0


async def test_unknown_command_points_to_help(bot):
    [text] = await bot.send(text_message(ALICE, "/dance"))
    assert "/help" in text


async def test_language_switch(bot):
    await bot.send(text_message(ALICE, "/language en"))
    [text] = await bot.send(text_message(ALICE, "/help"))
    assert "/rehearse" in text and "What I can do" in text
    # Telegram's language no longer overrides an explicit choice.
    [text] = await bot.send(text_message(ALICE, "/help", language_code="fr"))
    assert "What I can do" in text


async def test_study_mode_adds_a_tip_after_each_reply(bot):
    await bot.send(text_message(ALICE, "/settings mode study"))
    await start_rehearsal(bot)
    texts = await bot.send(text_message(ALICE, "Est-ce que vous aimez votre métier ?"))
    assert len(texts) == 2 and texts[-1].startswith("💡")
    await bot.send(text_message(ALICE, "/settings mode real"))
    texts = await bot.send(text_message(ALICE, "Comment êtes-vous arrivée là ?"))
    assert len(texts) == 1


async def test_replies_left_unsent_are_sent_at_start(bot):
    from bot.telegram.delivery import flush_unsent

    async with bot.runtime.sessions() as session:
        session.add(Outbox(chat_id=ALICE, payload={"text": "left over"}))
        await session.commit()
    assert await flush_unsent(bot.app.bot, bot.runtime.sessions) == 1
    assert "left over" in bot.fake.sent_texts(ALICE)
    assert await flush_unsent(bot.app.bot, bot.runtime.sessions) == 0


async def _drop_server_connections(url) -> int:
    """What a database restart does to the bot's pooled connections (PostgreSQL); SQLite has no
    server connection to lose, so there the bot simply carries on."""
    from sqlalchemy import text

    from bot.store.db import make_engine

    if url.get_backend_name() != "postgresql":
        return 0
    admin = make_engine(url)
    async with admin.connect() as conn:
        dropped = await conn.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    await admin.dispose()
    return dropped


async def test_replies_go_on_after_the_database_dropped_every_connection(bot, db_url):
    await start_rehearsal(bot)
    assert (await bot.send(text_message(ALICE, "Comment êtes-vous arrivée à ce poste ?")))[0].startswith(
        "Sabine"
    )
    dropped = await _drop_server_connections(db_url)
    assert dropped >= (1 if db_url.get_backend_name() == "postgresql" else 0)
    texts = await bot.send(text_message(ALICE, "Qu'est-ce qui vous plaît le plus dans votre métier ?"))
    assert len(texts) == 1 and texts[0].startswith("Sabine")
    assert await bot.count(Turn, role="user") == 2
    async with bot.runtime.sessions() as session:
        unsent = await session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None))
        )
    assert unsent == 0  # the reply was also recorded as sent


async def test_a_conflicting_write_is_handled_again_on_the_new_state(bot, monkeypatch):
    """Another writer changed the data under the handler, so its writes fail on a constraint: the
    attempt is rolled back and the update handled again, not marked handled without an answer."""
    from bot.rehearsal.service import Rehearsals
    from bot.store.models import GroupNote

    await start_rehearsal(bot)
    async with bot.runtime.sessions() as session:
        session.add(GroupNote(chat_id=-42))  # what "the other writer" committed
        await session.commit()
    original, calls = Rehearsals.reply, []

    async def conflict_once(self, session, rehearsal, text, update_id):
        calls.append(update_id)
        outcome = await original(self, session, rehearsal, text, update_id)
        if len(calls) == 1:
            session.add(GroupNote(chat_id=-42))  # fails when the transaction next writes
        return outcome

    monkeypatch.setattr(Rehearsals, "reply", conflict_once)
    texts = await bot.send(text_message(ALICE, "Comment êtes-vous arrivée à ce poste ?"))
    assert len(calls) == 2
    assert len(texts) == 1 and texts[0].startswith("Sabine")
    assert await bot.count(Turn, role="user") == 1
