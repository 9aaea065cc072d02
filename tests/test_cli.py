"""The command line: clear one-line errors, never a traceback, never the token."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:SECRET-token-that-must-never-show"


def run_cli(
    *args: str, env: dict | None = None, stdin: str = "", cwd: Path | None = None, timeout: float = 60
):
    base = {
        k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL", "TELEGRAM_BASE_URL")
    }
    base["SCENARIOS_DIR"] = str(ROOT / "scenarios")
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=base,
        cwd=cwd,
        timeout=timeout,
    )


def assert_one_clear_line(result, fragment: str) -> None:
    assert result.returncode != 0
    err = result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert len(err.splitlines()) == 1, result.stderr
    assert fragment in err
    assert TOKEN not in result.stdout + result.stderr
    assert TOKEN.split(":")[1] not in result.stdout + result.stderr


def test_run_without_token(tmp_path):
    assert_one_clear_line(run_cli("run", cwd=tmp_path), "BOT_TOKEN is not set")


def test_bad_database_url(tmp_path):
    result = run_cli(
        "run", env={"BOT_TOKEN": TOKEN, "DATABASE_URL": "mysql://root@localhost/x"}, cwd=tmp_path
    )
    assert_one_clear_line(result, "DATABASE_URL")
    result = run_cli("db", "upgrade", env={"DATABASE_URL": "not a url at all"}, cwd=tmp_path)
    assert_one_clear_line(result, "DATABASE_URL")


def test_unreachable_database(tmp_path):
    url = "postgresql+asyncpg://oser:pw-secret@127.0.0.1:1/oser"
    result = run_cli("run", env={"BOT_TOKEN": TOKEN, "DATABASE_URL": url}, cwd=tmp_path)
    assert_one_clear_line(
        result, "cannot prepare the database at postgresql+asyncpg://oser:***@127.0.0.1:1/oser"
    )
    assert "pw-secret" not in result.stderr


def test_token_rejected_by_telegram_is_not_printed(tmp_path):
    from fakebotapi import FakeBotAPI

    with FakeBotAPI(invalid_token=TOKEN) as fake:
        result = run_cli(
            "run",
            env={
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_BASE_URL": fake.base_url,
                "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/b.db",
            },
            cwd=tmp_path,
        )
    assert_one_clear_line(
        result.__class__(result.args, result.returncode, result.stdout, _last_line(result.stderr)),
        "refused BOT_TOKEN",
    )
    assert TOKEN not in result.stderr and TOKEN.split(":")[1] not in result.stderr


def _last_line(text: str) -> str:
    """`run` logs its start-up at INFO before failing; the error itself is the last line."""
    lines = [line for line in text.strip().splitlines() if line]
    return lines[-1] if lines else ""


def test_unreachable_telegram(tmp_path):
    result = run_cli(
        "run",
        env={
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": "http://127.0.0.1:1/bot",
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/b.db",
        },
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "cannot reach Telegram" in _last_line(result.stderr)
    assert TOKEN not in result.stderr and TOKEN.split(":")[1] not in result.stderr


def test_default_database_is_created_in_data_folder(tmp_path):
    result = run_cli("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "bot.db").exists()


def test_broken_scenario_folder_stops_run_with_file_and_line(tmp_path):
    (tmp_path / "sc").mkdir()
    (tmp_path / "sc" / "x.yaml").write_text("id: x\nlanguage: de\n")
    result = run_cli("run", env={"BOT_TOKEN": TOKEN, "SCENARIOS_DIR": str(tmp_path / "sc")}, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'sc' / 'x.yaml'}:2: language" in result.stderr


def test_score_command_contract():
    lines = [
        {"text": "Qu'est-ce qui vous plaît le plus dans votre métier ?", "lang": "fr"},
        {"text": "Do you like your job?", "lang": "en"},
    ]
    result = run_cli("score", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2
    assert set(out[0]["labels"]) == {
        "open_question",
        "closed_question",
        "giving",
        "asking",
        "gratitude",
        "presumption",
        "job_request",
    }
    assert out[0]["labels"]["open_question"] and not out[0]["labels"]["closed_question"]
    assert out[1]["labels"]["closed_question"] and not out[1]["labels"]["open_question"]
    for item, source in zip(out, lines, strict=True):
        for spans in item["evidence"].values():
            assert all(span in source["text"] for span in spans)


def test_score_command_reports_bad_lines():
    result = run_cli("score", stdin='{"text": 3}\nnot json\n{"text": "merci", "lang": "fr"}\n')
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in out[0] and "error" in out[1]
    assert out[2]["labels"]["gratitude"]
    assert result.returncode == 1


def test_scenarios_graph_prints_mermaid_or_a_clear_error():
    result = run_cli("scenarios", "graph", "drh-industrie")
    assert result.returncode == 0 and result.stdout.startswith("flowchart TD")
    result = run_cli("scenarios", "graph", "nobody")
    assert_one_clear_line(result, "no scenario 'nobody'")


def test_console_plays_a_rehearsal_and_debriefs():
    replies = "\n".join(
        [
            "Bonjour ! Comment êtes-vous arrivée à ce poste ?",
            "Qu'est-ce qui vous plaît le plus dans votre métier ?",
            "Si ça peut vous être utile, je peux vous envoyer l'étude de l'Apec sur l'industrie.",
            "Auriez-vous une ou deux personnes que je pourrais contacter de votre part ?",
            "Merci beaucoup, je vous tiendrai au courant.",
            "/end",
        ]
    )
    result = run_cli("console", "--scenario", "drh-industrie", "--lang", "fr", stdin=replies + "\n")
    assert result.returncode == 0, result.stderr
    assert "Sabine" in result.stdout
    assert "S'intéresser à l'autre — " in result.stdout
    assert "/100" in result.stdout


def test_healthcheck_reports_the_bot_and_the_database(tmp_path):
    """Polling mode: the verdict the running bot keeps in HEALTH_FILE, then the database; 0 or 1."""
    import json
    import time

    health = tmp_path / "health.json"
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/h.db", "HEALTH_FILE": str(health)}

    def write(problems: list[str], age: float = 0) -> None:
        health.write_text(json.dumps({"pid": 1, "written": time.time() - age, "problems": problems}))

    missing = run_cli("healthcheck", env=env, cwd=tmp_path)
    assert missing.returncode == 1 and "is the bot running" in missing.stderr
    write([])
    ok = run_cli("healthcheck", env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    write(["polling failing for 12 s"])
    failing = run_cli("healthcheck", env=env, cwd=tmp_path)
    assert failing.returncode == 1 and "polling failing for 12 s" in failing.stderr
    write([], age=600)
    stuck = run_cli("healthcheck", env=env, cwd=tmp_path)
    assert stuck.returncode == 1 and "not updated" in stuck.stderr
    write([])
    down = run_cli(
        "healthcheck",
        env={**env, "DATABASE_URL": "postgresql+asyncpg://x:pw@127.0.0.1:1/x"},
        cwd=tmp_path,
    )
    assert_one_clear_line(down, "unhealthy: the database")
    assert down.returncode == 1


def test_an_unusable_data_folder_is_named_with_the_uid(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    result = run_cli(
        "db", "upgrade", env={"DATABASE_URL": f"sqlite+aiosqlite:///{blocker}/bot.db"}, cwd=tmp_path
    )
    assert_one_clear_line(result, f"the database folder {blocker} is not writable by this process (uid ")


def test_the_database_password_may_be_given_apart_with_any_character():
    from bot.config import Settings

    password = "p@ss:w/rd%41 #?"
    settings = Settings(
        database_url="postgresql+asyncpg://oser@db:5432/oser", database_password=password, _env_file=None
    )
    assert settings.db_url.password == password
    assert settings.db_url.host == "db" and settings.db_url.database == "oser"
    assert password not in settings.safe_database_url()
    # As alembic and the engine get it: rendered, then parsed back.
    from sqlalchemy.engine import make_url

    assert make_url(settings.db_url.render_as_string(hide_password=False)).password == password


def test_healthcheck_exits_1_not_2_on_a_bad_setting(tmp_path):
    result = run_cli("healthcheck", env={"DATABASE_URL": "mysql://x"}, cwd=tmp_path)
    assert result.returncode == 1 and "DATABASE_URL" in result.stderr
