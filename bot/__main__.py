"""Command line: `python -m bot <command>` (also installed as `oser`). See CONTRACT.md / README."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings

log = logging.getLogger("bot")


class Fatal(Exception):
    """Stops the command with one clear line on stderr and a non-zero exit."""


class RedactFilter(logging.Filter):
    """Belt and braces: the token never reaches a log line, whatever logs it."""

    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret:
            message = record.getMessage()
            if self.secret in message:
                record.msg = message.replace(self.secret, "***")
                record.args = ()
            if record.exc_info and record.exc_info[1] is not None and self.secret in str(record.exc_info[1]):
                record.exc_info = None
                record.msg = f"{record.msg} (exception hidden: it contained the token)"
        return True


def quiet_libraries() -> None:
    """Libraries that say too much at INFO; httpx logs request URLs, which carry the token."""
    for name in ("httpx", "httpcore", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # The scheduler warns of every run a blocked event loop made late: the outage says it once.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


def setup_logging(secret: str = "") -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()
    redact = RedactFilter(secret)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


def _load_scenarios(directory: Path):
    from bot.challenges.rules import CatalogError, load_catalog
    from bot.scenario.loader import ScenarioError, load_dir

    try:
        scenarios = load_dir(directory)
    except ScenarioError as exc:
        raise Fatal("scenario files have errors:\n" + str(exc)) from None
    if (directory / "challenges").is_dir():
        try:
            load_catalog(directory / "challenges")
        except CatalogError as exc:
            raise Fatal("challenge files have errors:\n" + str(exc)) from None
    return scenarios


def migrate(settings: Settings) -> None:
    from bot.store.migrate import upgrade

    try:
        upgrade(settings.db_url)
    except Exception as exc:  # noqa: BLE001 - any failure here is reported as one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Fatal(f"cannot prepare the database at {settings.safe_database_url()}: {reason}") from None


def cmd_run(args) -> int:
    settings = load_settings()
    token = settings.token()
    setup_logging(token)
    _load_scenarios(settings.scenarios_dir)
    migrate(settings)
    from bot.server import StartupError, serve

    try:
        asyncio.run(serve(settings, token))
    except StartupError as exc:
        raise Fatal(str(exc)) from None
    return 0


def cmd_db(args) -> int:
    settings = load_settings()
    migrate(settings)
    print(f"database is up to date ({settings.safe_database_url()})")
    return 0


def cmd_console(args) -> int:
    from bot.console import choose, play

    settings = load_settings()
    scenarios = _load_scenarios(settings.scenarios_dir)
    lang = args.lang or settings.default_locale
    if args.scenario:
        scenario = scenarios.get(args.scenario)
        if scenario is None:
            raise Fatal(f"no scenario '{args.scenario}'; available: {', '.join(sorted(scenarios))}")
    else:
        scenario = choose(scenarios, lang)
        if scenario is None:
            raise Fatal("no scenario chosen; run again and type a number from the list")
    return play(scenario, lang)


def cmd_score(args) -> int:
    from bot.coach.topics import read

    errors = 0
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, lang = item["text"], item.get("lang", "fr")
            if not isinstance(text, str) or lang not in ("fr", "en"):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            errors += 1
            print(json.dumps({"error": f'line {number}: expected {{"text": str, "lang": "fr"|"en"}}'}))
            continue
        print(json.dumps(read(text, lang).to_json(), ensure_ascii=False))
    return 1 if errors else 0


def cmd_scenarios_check(args) -> int:
    from bot.scenario.check import check_dir

    settings_dir = Path(args.dir) if args.dir else load_settings().scenarios_dir
    problems, summary = check_dir(settings_dir)
    for problem in problems:
        print(problem)
    print(summary)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_scenarios_graph(args) -> int:
    from bot.scenario.graph import mermaid

    settings_dir = Path(args.dir) if args.dir else load_settings().scenarios_dir
    scenarios = _load_scenarios(settings_dir)
    if args.id not in scenarios:
        raise Fatal(f"no scenario '{args.id}' in {settings_dir}; available: {', '.join(sorted(scenarios))}")
    sys.stdout.write(mermaid(scenarios[args.id]))
    return 0


def cmd_scenarios_schema(args) -> int:
    from bot.scenario.schema import schema_text

    if args.output:
        Path(args.output).write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_healthcheck(args) -> int:
    """For Docker's HEALTHCHECK (exit 0 healthy, 1 not): the webhook server's /healthz; in polling
    mode, the verdict the running bot keeps in HEALTH_FILE, and the database."""
    import urllib.error
    import urllib.request

    def unhealthy(why: str) -> int:
        print(f"oser: unhealthy: {why}", file=sys.stderr)
        return 1

    try:
        settings = load_settings()
    except ConfigError as exc:
        return unhealthy(str(exc))

    if settings.webhook_url:
        host = "127.0.0.1" if settings.webhook_listen in ("0.0.0.0", "::") else settings.webhook_listen
        try:
            with urllib.request.urlopen(
                f"http://{host}:{settings.webhook_port}/healthz", timeout=5
            ) as response:
                return 0 if response.status == 200 else unhealthy(f"/healthz answered {response.status}")
        except urllib.error.HTTPError as exc:
            return unhealthy(f"/healthz answered {exc.code}")
        except OSError as exc:
            return unhealthy(f"/healthz does not answer ({exc})")
    from bot.store.db import make_engine
    from bot.supervisor import database_ok, default_health_file, read_health_file

    token = settings.bot_token.get_secret_value().strip() if settings.bot_token else None
    problems = read_health_file(
        settings.health_file or default_health_file(token), settings.health_stall_seconds
    )
    if problems:
        return unhealthy("; ".join(problems))

    async def check() -> bool:
        engine = make_engine(settings.db_url)
        try:
            return await database_ok(engine)
        finally:
            await engine.dispose()

    if not asyncio.run(check()):
        return unhealthy(f"the database at {settings.safe_database_url()} does not answer")
    return 0


def cmd_challenges_send_due(args) -> int:
    from datetime import UTC, datetime

    settings = load_settings()
    token = settings.token()
    setup_logging(token)
    at = None
    if args.at:
        try:
            at = datetime.fromisoformat(args.at)
        except ValueError:
            raise Fatal(
                f"--at '{args.at}' is not an ISO-8601 moment such as 2024-03-31T09:00:00+02:00"
            ) from None
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)  # a moment without an offset is read as UTC
    report = asyncio.run(_send_due(settings, token, at))
    print(f"challenges send-due: {report}")
    return 0


async def _send_due(settings: Settings, token: str, at):

    from sqlalchemy.exc import DBAPIError
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    from bot.challenges.handlers import send_due
    from bot.challenges.rules import CatalogError, load_catalog
    from bot.challenges.service import default_concurrency
    from bot.store.db import make_engine, make_sessionmaker
    from bot.telegram.request import AiohttpRequest

    try:
        catalog = load_catalog(settings.scenarios_dir / "challenges")
    except CatalogError as exc:
        raise Fatal("challenge files have errors:\n" + str(exc)) from None
    concurrency = default_concurrency(settings.challenge_rate)
    base = (settings.telegram_base_url or "https://api.telegram.org/bot").rstrip("/")
    bot = Bot(
        token,
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        request=(request := AiohttpRequest(connection_pool_size=4)),
    )
    # One connection per concurrent decider, two for the sender, one for the rate clock.
    engine = make_engine(settings.db_url, pool_size=concurrency + 4)
    try:
        try:
            await bot.initialize()
        except InvalidToken:
            raise Fatal("Telegram refused BOT_TOKEN: check the token given by @BotFather") from None
        except NetworkError as exc:
            raise Fatal(
                f"cannot reach Telegram ({type(exc).__name__}): check the network or TELEGRAM_BASE_URL"
            ) from None
        try:
            return await send_due(
                make_sessionmaker(engine),
                bot,
                catalog,
                rate=settings.challenge_rate,
                default_timezone=settings.default_timezone,
                now=at,
                concurrency=concurrency,
            )
        except (DBAPIError, OSError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise Fatal(f"cannot use the database at {settings.safe_database_url()}: {reason}") from None
    finally:
        await bot.shutdown()
        await request.shutdown()  # also when initialising failed (the bot skips it then)
        await engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oser", description="Oser: rehearse networking interviews on Telegram."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="apply migrations, then run the bot").set_defaults(func=cmd_run)
    console = sub.add_parser("console", help="rehearse in the terminal")
    console.add_argument("--scenario", help="scenario id")
    console.add_argument("--lang", choices=("fr", "en"), help="language of the interface")
    console.set_defaults(func=cmd_console)
    sub.add_parser("score", help="label JSON lines read on stdin").set_defaults(func=cmd_score)
    sub.add_parser(
        "healthcheck", help="exit 0 when the bot (webhook) or its database (polling) answers"
    ).set_defaults(func=cmd_healthcheck)
    db = sub.add_parser("db", help="database").add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db)
    scenarios = sub.add_parser("scenarios", help="scenario files").add_subparsers(
        dest="scenarios_command", required=True, metavar="ACTION"
    )
    check = scenarios.add_parser("check", help="validate scenario files")
    check.add_argument("dir", nargs="?", help="folder (default: SCENARIOS_DIR)")
    check.set_defaults(func=cmd_scenarios_check)
    graph = scenarios.add_parser("graph", help="print a scenario as a Mermaid diagram")
    graph.add_argument("id")
    graph.add_argument("--dir", help="folder (default: SCENARIOS_DIR)")
    graph.set_defaults(func=cmd_scenarios_graph)
    schema = scenarios.add_parser("schema", help="print (or write) the JSON Schema of scenario files")
    schema.add_argument("--output", "-o", help="file to write, e.g. scenarios/schema.json")
    schema.set_defaults(func=cmd_scenarios_schema)
    challenges = sub.add_parser("challenges", help="daily challenges").add_subparsers(
        dest="challenges_command", required=True, metavar="ACTION"
    )
    send_due = challenges.add_parser("send-due", help="send the challenges due now")
    send_due.add_argument("--at", help="ISO-8601 moment (default: now; without an offset: UTC)")
    send_due.set_defaults(func=cmd_challenges_send_due)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, Fatal) as exc:
        print(f"oser: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
