"""What users write never reaches the logs: database errors hide their parameters, and the suite's
own log check (conftest.py) catches a leak."""

from __future__ import annotations

import pytest
from conftest import TOKEN, leaks
from fakebotapi import text_message
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError

from bot.store.models import Turn, utcnow

SECRET_TEXT = "my very private message about my former employer"


def test_the_log_check_finds_user_texts_names_and_the_token():
    text_message(1, SECRET_TEXT, first_name="Bérénice-Ophélie")
    assert leaks(f"handled {SECRET_TEXT}")
    assert leaks("user Bérénice-Ophélie")
    assert leaks(f"url /bot{TOKEN}/getMe")
    assert not leaks("update 12 handled in 3.1 ms")


async def test_database_errors_do_not_carry_the_values(sessions):
    # A Core statement built once, as the hot path runs them (a turn whose rehearsal does not exist).
    bad_turn = {"rehearsal_id": 999, "seq": 1, "role": "user", "text": SECRET_TEXT, "at": utcnow()}
    async with sessions() as session:
        with pytest.raises(DBAPIError) as raised:
            await session.execute(insert(Turn.__table__), [bad_turn, {**bad_turn, "seq": 2}])
    assert SECRET_TEXT not in str(raised.value)

    async with sessions() as session:
        with pytest.raises(DBAPIError) as raised:
            await session.execute(text("INSERT INTO no_such_table (t) VALUES (:t)"), {"t": SECRET_TEXT})
    assert SECRET_TEXT not in str(raised.value)
