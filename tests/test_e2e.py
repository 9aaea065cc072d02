"""End to end: the real bot process (`python -m bot run`) over real HTTP against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SCENARIOS, TOKEN, leaks
from fakebotapi import callback_query, text_message
from sqlalchemy import select

from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import Rehearsal, Turn

GOOD = [
    "Bonjour Sabine, merci de me recevoir ! Comment êtes-vous arrivée à la direction des ressources humaines ?",
    "Qu'est-ce qui vous plaît le plus dans votre métier aujourd'hui ?",
    "Si ça peut vous être utile, je peux vous envoyer l'étude de l'Apec sur les métiers de l'industrie que j'ai lue la semaine dernière.",
    "Quels sont les plus gros défis de votre équipe cette année ?",
    "Auriez-vous une ou deux personnes que je pourrais contacter de votre part ?",
    "Merci beaucoup pour votre temps, je vous tiendrai au courant de mes rencontres.",
]
POOR = [
    "Vous devez être débordée, je ne vais pas vous déranger longtemps.",
    "Est-ce que vous aimez votre travail ?",
    "Vous êtes là depuis longtemps ?",
    "De toute façon je sais que vous n'embauchez pas.",
    "Combien de personnes dans l'équipe ?",
    "ok",
]
SCORE_LINE = re.compile(r"^(.+) — (\d+)/100$", re.M)


class BotProcess:
    def __init__(self, fake, db_url, workdir: Path):
        self.fake, self.db_url, self.workdir = fake, db_url, workdir
        self.procs: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}  # more settings for the next start

    def start(self) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
        env.update(
            BOT_TOKEN=TOKEN,
            DATABASE_URL=self.db_url.render_as_string(hide_password=False),
            TELEGRAM_BASE_URL=self.fake.base_url,
            SCENARIOS_DIR=str(SCENARIOS),
            HEALTH_FILE=str(self.workdir / "health.json"),
        )
        env.update(self.env)
        polls = len(self.fake.calls_of("getUpdates"))
        log = open(self.workdir / f"bot-{len(self.procs)}.log", "w")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=self.workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.procs.append(proc)
        assert self.fake.wait_for(lambda: len(self.fake.calls_of("getUpdates")) > polls, timeout=30), (
            self.log()
        )
        return proc

    def log(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.workdir.glob("bot-*.log")))

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        assert not leaks(self.log()), leaks(self.log())


@pytest.fixture
def bot_process(fake, db_url, tmp_path):
    runner = BotProcess(fake, db_url, tmp_path)
    yield runner
    runner.stop_all()


def say(fake, update: dict, chat_id: int, timeout: float = 20) -> list[str]:
    """Push an update and return the messages the bot sent in answer (waits until they stop coming)."""
    before = len(fake.sent_texts(chat_id))
    fake.push(update)
    assert fake.wait_for(lambda: len(fake.sent_texts(chat_id)) > before, timeout=timeout), "no answer"
    # Wait until the bot has said everything it had to say (replies may be paced per chat).
    seen = len(fake.sent_texts(chat_id))
    while fake.wait_for(lambda n=seen: len(fake.sent_texts(chat_id)) > n, timeout=1.2):
        seen = len(fake.sent_texts(chat_id))
    return fake.sent_texts(chat_id)[before:]


def converse(fake, user: int, replies: list[str]) -> str:
    """/start, /rehearse, pick Sabine, the replies, then /end if the persona did not end it; the debrief."""
    say(fake, text_message(user, "/start"), user)
    say(fake, text_message(user, "/rehearse"), user)
    say(fake, callback_query(user, "sc:drh-industrie", chat_id=user), user)
    for reply in replies:
        texts = say(fake, text_message(user, reply), user)
        debrief = [t for t in texts if SCORE_LINE.search(t)]
        if debrief:
            return debrief[0]
    texts = say(fake, text_message(user, "/end"), user)
    return next(t for t in texts if SCORE_LINE.search(t))


def scores(debrief: str) -> dict[str, int]:
    return {name: int(score) for name, score in SCORE_LINE.findall(debrief)}


def db_rows(db_url, model, **where):
    async def go():
        engine = make_engine(db_url)
        async with make_sessionmaker(engine)() as session:
            query = select(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            order = model.id if hasattr(model, "id") else model.update_id
            rows = list(await session.scalars(query.order_by(order)))
        await engine.dispose()
        return rows

    return asyncio.run(go())


def test_good_conversation_scores_higher_than_poor_one(bot_process, fake):
    bot_process.start()
    good = scores(converse(fake, 2001, GOOD))
    poor = scores(converse(fake, 2002, POOR))
    for key in ("S'intéresser à l'autre", "Donner avant de recevoir", "Oser"):
        assert key in good, good
        assert good[key] > poor.get(key, 0), (key, good, poor)
    assert good["Pas d'a priori"] > poor["Pas d'a priori"]


def test_sigkill_mid_rehearsal_loses_no_turn(bot_process, fake, db_url):
    user = 2003
    proc = bot_process.start()
    say(fake, text_message(user, "/rehearse"), user)
    say(fake, callback_query(user, "sc:drh-industrie", chat_id=user), user)
    say(fake, text_message(user, GOOD[0]), user)
    say(fake, text_message(user, GOOD[1]), user)
    fake.push(text_message(user, GOOD[2]))
    time.sleep(0.05)  # the third reply is in flight when the process dies
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    bot_process.start()
    texts = say(fake, text_message(user, GOOD[3]), user)
    assert any(t.startswith("Sabine") for t in texts)
    turns = db_rows(db_url, Turn, role="user")
    assert [t.text for t in turns] == GOOD[:4]
    [rehearsal] = db_rows(db_url, Rehearsal)
    assert rehearsal.status == "active"
    # Every user turn got the persona's answer, each sent once at least.
    sent = fake.sent_texts(user)
    for persona_turn in db_rows(db_url, Turn, role="persona"):
        assert any(persona_turn.text in s for s in sent), persona_turn.text


def test_same_update_delivered_twice_is_handled_once(bot_process, fake, db_url):
    user = 2004
    bot_process.start()
    say(fake, text_message(user, "/rehearse"), user)
    say(fake, callback_query(user, "sc:drh-industrie", chat_id=user), user)
    update = text_message(user, GOOD[0])
    say(fake, update, user)
    fake.push(update)
    say(fake, text_message(user, "/help"), user)  # handled after the duplicate
    answers = [t for t in fake.sent_texts(user) if t.startswith("Sabine")]
    assert len(answers) == 2  # the opening line and one answer
    assert len(db_rows(db_url, Turn, role="user")) == 1


def test_sigterm_stops_cleanly(bot_process, fake):
    proc = bot_process.start()
    say(fake, text_message(2005, "/start"), 2005)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0, bot_process.log()
    assert "Traceback" not in bot_process.log()


def test_logs_hold_neither_message_text_nor_token(bot_process, fake):
    bot_process.start()
    converse(fake, 2006, GOOD[:3])
    log = bot_process.log()
    # One line per update: its handling time, then its whole time in the bot since it arrived.
    timings = re.findall(r"update (\d+) handled in ([\d.]+) ms, ([\d.]+) ms after it arrived", log)
    assert len({update_id for update_id, _, _ in timings}) >= 4  # /start, the button, the replies
    assert all(0 < float(handled) <= float(since) for _, handled, since in timings)
    for text in GOOD[:3]:
        assert text not in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


def test_updates_stored_but_not_handled_are_handled_at_start(bot_process, fake, db_url):
    """A crash between storing an update and handling it: the next start handles it."""
    from bot.telegram.ingest import store

    class _Runtime:  # store() needs only the engine and sessions
        def __init__(self, url):
            self.engine = make_engine(url)
            self.sessions = make_sessionmaker(self.engine)

    user = 2007
    update = text_message(user, "/start")

    async def go():
        runtime = _Runtime(db_url)
        assert await store(runtime, [update]) == [update["update_id"]]
        assert await store(runtime, [update]) == []  # stored once, whatever the redeliveries
        await runtime.engine.dispose()

    asyncio.run(go())
    bot_process.start()
    assert fake.wait_for(lambda: fake.sent_texts(user), timeout=15)
    assert "Oser" in fake.sent_texts(user)[0]
