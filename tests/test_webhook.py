"""Webhook mode: secret token checked, updates stored before 200, health endpoint, several instances."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request

import pytest
from conftest import SCENARIOS, TOKEN, leaks
from fakebotapi import callback_query, post_webhook, text_message
from test_e2e import db_rows

from bot.store.models import InboundUpdate, Turn

SECRET = "webhook-secret-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebhookBot:
    def __init__(self, fake, db_url, workdir, **settings: str):
        self.fake, self.db_url, self.workdir = fake, db_url, workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/tg/hook"
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
        env.update(
            BOT_TOKEN=TOKEN,
            DATABASE_URL=db_url.render_as_string(hide_password=False),
            TELEGRAM_BASE_URL=fake.base_url,
            SCENARIOS_DIR=str(SCENARIOS),
            WEBHOOK_URL="https://bot.example.org/tg/hook",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(self.port),
            HEALTH_FILE=str(workdir / f"health-{self.port}.json"),
        )
        env.update(settings)
        self.log = open(workdir / f"webhook-{self.port}.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=workdir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        assert self.wait_healthy(), (workdir / f"webhook-{self.port}.log").read_text()

    def health(self) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    def wait_healthy(self, timeout: float = 30) -> bool:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if self.health() == 200:
                return True
            time.sleep(0.1)
        return False

    def post(self, update: dict, secret: str | None = SECRET) -> int:
        return post_webhook(self.url, update, secret_token=secret)

    def log_text(self) -> str:
        return (self.workdir / f"webhook-{self.port}.log").read_text()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(20)
        self.log.close()
        return code


@pytest.fixture
def webhook_bots(fake, db_url, tmp_path):
    bots = []

    def start(**settings: str) -> WebhookBot:
        bots.append(WebhookBot(fake, db_url, tmp_path, **settings))
        return bots[-1]

    yield start
    for bot in bots:
        if bot.proc.poll() is None:
            bot.proc.kill()
            bot.proc.wait(10)
    for bot in bots:
        assert not leaks(bot.log_text()), leaks(bot.log_text())


def test_webhook_checks_the_secret_and_answers_after_storing(webhook_bots, fake, db_url):
    bot = webhook_bots()
    [hook] = fake.calls_of("setWebhook")
    assert hook.params["url"] == "https://bot.example.org/tg/hook" and hook.params["secret_token"] == SECRET
    user = 3001
    assert bot.post(text_message(user, "/start"), secret=None) == 403
    assert bot.post(text_message(user, "/start"), secret="wrong") == 403
    assert fake.sent_texts(user) == []
    assert db_rows(db_url, InboundUpdate) == []
    update = text_message(user, "/start")
    assert bot.post(update) == 200
    # 200 means stored: the row exists as soon as the answer came back.
    assert [r.update_id for r in db_rows(db_url, InboundUpdate)] == [update["update_id"]]
    assert fake.wait_for(lambda: fake.sent_texts(user), timeout=10)
    assert "Oser" in fake.sent_texts(user)[0]
    assert bot.post({"not": "an update"}) == 400
    assert bot.stop() == 0


def test_two_instances_share_one_database(webhook_bots, fake, db_url):
    a, b = webhook_bots(), webhook_bots()
    users = [3101, 3102, 3103]
    for user in users:
        (a if user % 2 else b).post(text_message(user, "/rehearse"))
    for user in users:
        assert fake.wait_for(lambda u=user: fake.sent_texts(u), timeout=10)
        (b if user % 2 else a).post(callback_query(user, "sc:drh-industrie", chat_id=user))
    for user in users:
        assert fake.wait_for(
            lambda u=user: any(t.startswith("Sabine") for t in fake.sent_texts(u)), timeout=10
        )
    replies = [
        "Comment êtes-vous arrivée à ce poste ?",
        "Qu'est-ce qui vous plaît dans votre métier ?",
        "Quels sont vos défis ?",
    ]
    # Replies of each user alternate between the instances; all users talk at the same time.
    for i, reply in enumerate(replies):
        threads = [
            threading.Thread(target=(a if (user + i) % 2 else b).post, args=(text_message(user, reply),))
            for user in users
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for user in users:
            assert fake.wait_for(
                lambda u=user, n=i: sum(t.startswith("Sabine") for t in fake.sent_texts(u)) >= n + 2,
                timeout=15,
            )
    turns = db_rows(db_url, Turn, role="user")
    assert sorted(t.text for t in turns) == sorted(replies * len(users))
    assert not any("went wrong" in t for user in users for t in fake.sent_texts(user))
    assert a.stop() == 0 and b.stop() == 0


def test_same_chat_on_two_instances_at_once_is_handled_in_turn(webhook_bots, fake, db_url):
    a, b = webhook_bots(), webhook_bots()
    user = 3201
    a.post(text_message(user, "/rehearse"))
    assert fake.wait_for(lambda: fake.sent_texts(user), timeout=10)
    a.post(callback_query(user, "sc:drh-industrie", chat_id=user))
    assert fake.wait_for(lambda: any(t.startswith("Sabine") for t in fake.sent_texts(user)), timeout=10)
    first, second = (
        text_message(user, "Comment êtes-vous arrivée là ?"),
        text_message(user, "Quels sont vos défis ?"),
    )
    threads = [
        threading.Thread(target=a.post, args=(first,)),
        threading.Thread(target=b.post, args=(second,)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fake.wait_for(lambda: sum(t.startswith("Sabine") for t in fake.sent_texts(user)) >= 3, timeout=15)
    assert len(db_rows(db_url, Turn, role="user")) == 2
    assert not any("went wrong" in t for t in fake.sent_texts(user))


async def test_health_reports_an_unreachable_database():
    from sqlalchemy.engine import make_url

    from bot.store.db import make_engine
    from bot.supervisor import database_ok

    engine = make_engine(make_url("postgresql+asyncpg://nobody@127.0.0.1:1/none"))
    assert await database_ok(engine, seconds=2) is False
    await engine.dispose()


def test_webhook_answers_503_and_is_unhealthy_while_updates_cannot_be_stored(webhook_bots, fake, db_url):
    import asyncio

    from sqlalchemy import text

    from bot.store.db import make_engine

    async def rename(old: str, new: str) -> None:
        engine = make_engine(db_url)
        async with engine.begin() as conn:
            await conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
        await engine.dispose()

    bot = webhook_bots()
    user = 3301
    asyncio.run(rename("inbound_updates", "inbound_updates_away"))
    try:
        update = text_message(user, "/start")
        assert bot.post(update) == 503  # Telegram sends it again later
        assert bot.post(update) == 503
        assert bot.health() == 503
    finally:
        asyncio.run(rename("inbound_updates_away", "inbound_updates"))
    assert bot.post(update) == 200
    assert bot.wait_healthy(timeout=10)
    assert fake.wait_for(lambda: fake.sent_texts(user), timeout=10)
    assert bot.stop() == 0
    log = bot.log_text()
    assert log.count("webhook intake: ") == 2 and "Traceback" not in log, log


def raw_request(port: int, head: bytes, body: bytes = b"", timeout: float = 10) -> bytes:
    """Send `head` (and `body`), then read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:  # closed with the rest of the request unread
            pass
        return answer


def head(path: str, secret: str | None, length: int) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_refusals_come_before_the_body_is_read(webhook_bots, fake):
    """90 MB announced, a few bytes sent: the answer comes at once and the connection is closed
    (the server would otherwise wait for the body it had to read)."""
    bot = webhook_bots()
    big = 90 * 1024 * 1024
    assert raw_request(bot.port, head("/tg/hook", None, big), b"{").startswith(b"HTTP/1.1 403")
    assert raw_request(bot.port, head("/tg/hook", "wrong", big), b"{").startswith(b"HTTP/1.1 403")
    assert raw_request(bot.port, head("/elsewhere", SECRET, big), b"{").startswith(b"HTTP/1.1 404")
    # With the secret, a body over WEBHOOK_MAX_BODY (1 MB) is refused from its announced length.
    assert raw_request(bot.port, head("/tg/hook", SECRET, 2 * 1024 * 1024), b"{").startswith(b"HTTP/1.1 413")
    # And a real update still goes through.
    assert bot.post(text_message(3401, "/start")) == 200
    for _ in range(30):  # a burst of refusals: one line when it starts
        raw_request(bot.port, head("/tg/hook", "wrong", 10), b"0123456789")
    assert bot.stop() == 0
    assert bot.log_text().count("webhook: refusing requests") == 1, bot.log_text()


def test_slow_headers_are_cut_and_connections_capped(webhook_bots, fake):
    bot = webhook_bots(WEBHOOK_HEADER_TIMEOUT="1", WEBHOOK_MAX_CONNECTIONS="4")
    # Half a header, then nothing: the server closes the connection after WEBHOOK_HEADER_TIMEOUT.
    assert raw_request(bot.port, b"POST /tg/hook HTTP/1.1\r\nHost: x\r\n") == b""
    # Four connections hold every slot: a fifth is closed at once, without an answer.
    held = [socket.create_connection(("127.0.0.1", bot.port)) for _ in range(4)]
    try:
        for sock in held:
            sock.sendall(b"POST /tg/hook HTTP/1.1\r\n")
        assert raw_request(bot.port, head("/tg/hook", SECRET, 2), b"{}") == b""
    finally:
        for sock in held:
            sock.close()
    # The slots free again: health and updates are answered.
    assert bot.wait_healthy(timeout=10)
    assert bot.post(text_message(3402, "/start")) == 200
    assert bot.stop() == 0
    assert "Too many open files" not in bot.log_text()
