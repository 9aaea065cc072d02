"""`scenarios graph ID`: a scenario as a Mermaid flowchart, for writers and reviewers."""

from __future__ import annotations

from bot.scenario.model import Scenario

_ENDING_STYLE = {
    "contact_obtained": "fill:#c8f7c5,stroke:#2e7d32",
    "polite_goodbye": "fill:#e3f2fd,stroke:#1565c0",
    "persona_closed": "fill:#ffcdd2,stroke:#c62828",
}


def _node_id(name: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in name)


def _quote(text: str) -> str:
    return text.replace('"', "#quot;")


def mermaid(scenario: Scenario) -> str:
    lines = [
        "flowchart TD",
        f"    %% {scenario.id}: {scenario.persona.name} ({scenario.language}, level {scenario.level})",
    ]
    for name, node in scenario.nodes.items():
        label = name if not node.end else f"{name}<br/>{node.end}"
        shape = ('(["', '"])') if node.end else (('[["', '"]]') if name == scenario.start else ('["', '"]'))
        lines.append(f"    {_node_id(name)}{shape[0]}{_quote(label)}{shape[1]}")
    for name, node in scenario.nodes.items():
        for branch in node.next:
            parts = [branch.when or "otherwise"]
            if branch.effects:
                parts.append(", ".join(f"{k} {v:+d}" for k, v in branch.effects.items()))
            if branch.reveal:
                parts.append(f"reveals {branch.reveal}")
            lines.append(f'    {_node_id(name)} -->|"{_quote(" · ".join(parts))}"| {_node_id(branch.goto)}')
    time_up = scenario.time_up
    lines.append(
        f'    {_node_id(scenario.start)} -.->|"after {scenario.max_turns} replies"| {_node_id(time_up)}'
    )
    for name, node in scenario.nodes.items():
        if node.end:
            lines.append(f"    style {_node_id(name)} {_ENDING_STYLE[node.end]}")
    return "\n".join(lines) + "\n"
