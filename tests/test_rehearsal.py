"""The rehearsal service: turns stored with the persona's answers, the last word, the debrief."""

from __future__ import annotations

from pathlib import Path

from bot.rehearsal.service import Rehearsals, turns_of
from bot.scenario.loader import load_file
from bot.store.models import User

MINI = load_file(Path(__file__).parent / "fixtures" / "good" / "mini.yaml")


async def test_after_the_goodbye_the_user_has_a_last_word_that_counts(sessions):
    service = Rehearsals({MINI.id: MINI})
    async with sessions() as session:
        user = User(id=1, chat_id=1, language="fr", settings={})
        session.add(user)
        rehearsal, opening = await service.start(session, user, MINI.id)
        assert opening.text.startswith("Bonjour")
        first = await service.reply(session, rehearsal, "Comment êtes-vous arrivée à ce métier ?", 11)
        assert first.persona.node == "warm" and first.debrief is None
        ask = await service.reply(
            session, rehearsal, "Pourriez-vous me présenter à quelqu'un de votre équipe ?", 12
        )
        assert ask.persona.ending == "contact_obtained" and ask.debrief is None
        assert rehearsal.status == "active"
        last = await service.reply(session, rehearsal, "Merci infiniment, je vous tiendrai au courant !", 13)
        assert last.persona is None and last.debrief is not None
        assert rehearsal.status == "ended" and rehearsal.ending == "contact_obtained"
        long_term = last.debrief.keys["long_term"]
        assert long_term.score >= 85
        assert any("Merci infiniment" in q.text for q in long_term.earned)
        await session.commit()
        stored = await turns_of(session, rehearsal)
        assert [t.role for t in stored] == ["persona", "user", "persona", "user", "persona", "user"]
        assert [t.seq for t in stored] == [1, 2, 3, 4, 5, 6] and rehearsal.last_seq == 6
        assert [t.update_id for t in stored if t.role == "user"] == [11, 12, 13]
        assert rehearsal.scores == last.debrief.stored_scores()


async def test_the_english_translation_is_used_for_an_english_speaker(sessions):
    service = Rehearsals({MINI.id: MINI})
    async with sessions() as session:
        user = User(id=2, chat_id=2, language="en", settings={})
        session.add(user)
        rehearsal, opening = await service.start(session, user, MINI.id)
        assert opening.text == "Hello, what can I do for you?"
        outcome = await service.reply(session, rehearsal, "What do you enjoy most about your job?", 21)
        assert outcome.analysis.lang == "en" and "open_question" in outcome.analysis.labels
        assert outcome.persona.text == "With pleasure! My job is people first."


async def test_history_keeps_the_capped_overall_of_an_early_job_request(sessions):
    from bot.progress.service import history_page, overall

    service = Rehearsals({MINI.id: MINI})
    async with sessions() as session:
        user = User(id=3, chat_id=3, language="fr", settings={})
        session.add(user)
        rehearsal, _ = await service.start(session, user, MINI.id)
        await service.reply(session, rehearsal, "Vous recrutez en ce moment ?", 31)
        for i, text in enumerate(
            [
                "Qu'est-ce qui vous plaît le plus dans votre métier ?",
                "Comment votre équipe est-elle organisée au quotidien ?",
                "Si ça peut vous servir, je vous envoie l'étude que j'ai lue sur le sujet.",
            ]
        ):
            await service.reply(session, rehearsal, text, 32 + i)
        result = await service.finish(session, rehearsal)
        await session.commit()
        assert result.cap == 60 and result.overall <= 60
        assert overall(rehearsal.scores) == result.overall
        page = await history_page(session, user.id, 0)
        assert page.items[0].overall == result.overall
