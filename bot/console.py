"""`python -m bot console`: the same rehearsal and debrief in the terminal, no Telegram needed."""

from __future__ import annotations

import sys

from bot.coach.topics import read
from bot.i18n import translator
from bot.rehearsal.service import debrief_for
from bot.render import debrief_text, persona_line
from bot.scenario import engine
from bot.scenario.model import Scenario

# Telegram commands that have no meaning in the terminal.
_TELEGRAM_ONLY = frozenset(
    [
        "start",
        "rehearse",
        "entretien",
        "stats",
        "challenge",
        "defi",
        "settings",
        "history",
        "historique",
        "export",
        "forget",
        "contacts",
        "reseau",
        "privacy",
    ]
)


def _help(_) -> str:
    return _(
        "In the console:\n"
        "/end — end the rehearsal and get your debrief\n"
        "/cancel — stop the rehearsal without a debrief\n"
        "/language fr|en — switch the language of these messages\n"
        "/help — this list"
    )


def play(scenario: Scenario, lang: str, stdin=sys.stdin, stdout=sys.stdout) -> int:
    """Rehearse `scenario` in the terminal: the same engine, scorer and debrief, the same commands."""
    _ = translator(lang)
    out = stdout.write
    out(
        _("You are talking with {name}, {role}.").format(
            name=scenario.persona.name, role=scenario.persona.role
        )
        + "\n"
    )
    out(_("Type your replies; /end for the debrief, /cancel to stop.") + "\n\n")
    state, opening = engine.start(scenario, lang)
    out(persona_line(scenario, opening.text, _) + "\n")
    analyses = []
    while True:
        out("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:  # end of input: debrief what was said
            out("\n")
            break
        text = line.strip()
        if not text:
            continue
        if text.startswith("/"):
            command, _sep, arg = text[1:].partition(" ")
            command = command.split("@")[0].lower()
            if command in ("end", "fin"):
                break
            if command in ("cancel", "annuler"):
                out(_("Rehearsal cancelled, nothing was scored.") + "\n")
                return 0
            if command in ("help", "aide"):
                out(_help(_) + "\n")
            elif command in ("language", "langue"):
                if arg.strip().lower() in ("fr", "en"):
                    lang = arg.strip().lower()
                    _ = translator(lang)
                    out(_("From now on I'll speak English with you.") + "\n")
                else:
                    out(_("Type /language fr or /language en.") + "\n")
            elif command in _TELEGRAM_ONLY:
                out(_("That command works in Telegram. Here: /help lists what the console can do.") + "\n")
            else:
                out(_("I don't know that command. /help lists what I can do.") + "\n")
            continue
        if engine.is_emoji_only(text):
            out(_("Emoji alone can't carry the conversation: write your reply in words.") + "\n")
            continue
        analysis = read(text, state["lang"])
        analyses.append(analysis)
        if state.get("ending"):
            break  # that was the user's last word after the persona's goodbye
        state, turn = engine.respond(scenario, state, analysis)
        if turn is not None:
            out(persona_line(scenario, turn.text, _) + "\n")
        if state.get("ending"):
            # As in the bot: after the persona's goodbye, one last word (a thank-you counts).
            name = scenario.persona.name.split()[0]
            out(
                _(
                    "{name} is wrapping up. Say your last word if you like (a thank-you counts), or /end for your debrief."
                ).format(name=name)
                + "\n"
            )
    out("\n" + debrief_text(debrief_for(analyses, state, translator(state["lang"])), scenario, _) + "\n")
    return 0


def choose(scenarios: dict[str, Scenario], lang: str, stdin=sys.stdin, stdout=sys.stdout) -> Scenario | None:
    _ = translator(lang)
    listed = sorted(
        (s for s in scenarios.values() if lang in s.languages()), key=lambda s: (s.level, s.persona.name)
    ) or sorted(scenarios.values(), key=lambda s: (s.level, s.persona.name))
    stdout.write(_("Who would you like to talk with?") + "\n")
    for i, s in enumerate(listed, 1):
        stdout.write(f"{i}. {s.persona.name} — {s.persona.role} [{s.id}]\n   {s.pitch_in(lang)}\n")
    stdout.write("> ")
    stdout.flush()
    answer = stdin.readline().strip()
    if answer.isdigit() and 1 <= int(answer) <= len(listed):
        return listed[int(answer) - 1]
    return scenarios.get(answer)
