"""The lock files agree with pyproject.toml and with each other (CI and the Docker image install from them)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return (
        re.split(r"[\[<>=!~; ]", requirement.strip(), maxsplit=1)[0]
        .lower()
        .replace("_", "-")
        .replace(".", "-")
    )


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def test_every_dependency_is_pinned_and_the_two_locks_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _pins(ROOT / "requirements.lock")
    dev = _pins(ROOT / "requirements-dev.lock")
    for requirement in project["dependencies"]:
        assert _name(requirement) in runtime, f"{requirement} is not pinned in requirements.lock"
    for requirement in project["optional-dependencies"]["dev"]:
        assert _name(requirement) in dev, f"{requirement} is not pinned in requirements-dev.lock"
    differing = {
        name: (version, dev.get(name)) for name, version in runtime.items() if dev.get(name) != version
    }
    assert not differing, f"requirements-dev.lock pins these differently from requirements.lock: {differing}"
