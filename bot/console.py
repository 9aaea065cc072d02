"""`python -m bot console`: the same rehearsal and debrief in the terminal, no Telegram needed."""

from __future__ import annotations

import sys

from bot.coach.scorer import analyse
from bot.i18n import translator
from bot.rehearsal import debrief_for
from bot.render import debrief_text, persona_line
from bot.scenario import engine
from bot.scenario.model import Scenario


def play(scenario: Scenario, lang: str, stdin=sys.stdin, stdout=sys.stdout) -> int:
    _ = translator(lang)
    out = stdout.write
    out(
        _("You are talking with {name}, {role}.").format(
            name=scenario.persona.name, role=scenario.persona.role
        )
        + "\n"
    )
    out(_("Type your replies; /end for the debrief, /cancel to stop.") + "\n\n")
    state, turn = engine.start(scenario, lang)
    out(persona_line(scenario, turn.text, _) + "\n")
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
        if text in ("/end", "/fin"):
            break
        if text in ("/cancel", "/annuler"):
            out(_("Rehearsal cancelled, nothing was scored.") + "\n")
            return 0
        analysis = analyse(text, state["lang"])
        analyses.append(analysis)
        if state.get("ending"):
            break  # that was the user's last word after the persona's goodbye
        state, turn = engine.reply(scenario, state, analysis.labels, engine.is_short(text))
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
