"""The compiled catalogs really ship: no .po that `pybabel compile` would skip, no stale .mo."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, LOCALES, translations


def fuzzy_parts(po: Path) -> list[str]:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    found = ["the header (pybabel compile skips the whole catalog)"] if catalog.fuzzy else []
    return found + [str(m.id)[:60] for m in catalog if m.id and m.fuzzy]


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def stale_mo(folder: Path) -> list[str]:
    """A compiled catalog whose messages differ from its .po's."""
    stale = []
    for po in folder.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists():
            continue
        with mo.open("rb") as fh:
            compiled = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
        with po.open("rb") as fh:
            catalog = read_po(fh)
        wanted: dict = {}
        for m in catalog:
            if not m.id or not m.string or m.fuzzy:
                continue
            if m.pluralizable:  # untranslated plurals compile to their msgids
                wanted[_key(m.id)] = tuple(
                    m.string if any(m.string) else (m.id[0], *[m.id[1]] * (len(m.string) - 1))
                )
            else:
                wanted[m.id] = m.string
        if compiled != wanted:
            stale.append(str(mo))
    return stale


def compiled_copy(folder: Path) -> None:
    """The catalogs copied to `folder`, compiled as the Docker build does (`pybabel compile`)."""
    shutil.copytree(LOCALE_DIR, folder)
    command = [
        sys.executable,
        "-m",
        "babel.messages.frontend",
        "compile",
        "-d",
        str(folder),
        "-D",
        "messages",
    ]
    subprocess.run(command, check=True, capture_output=True)


def test_no_catalog_is_fuzzy():
    for lang in LOCALES:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
        assert fuzzy_parts(po) == [], (lang, fuzzy_parts(po))


def test_pybabel_compiles_every_catalog(tmp_path):
    """What the Docker image does: a .mo for each language, with the French texts."""
    compiled_copy(tmp_path / "locales")
    for lang in LOCALES:
        assert (tmp_path / "locales" / lang / "LC_MESSAGES" / "messages.mo").exists(), lang
    assert stale_mo(tmp_path / "locales") == []
    with (tmp_path / "locales" / "fr" / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        assert (
            gettext.GNUTranslations(fh).gettext("This button has expired.") == "Ce bouton n'est plus valable."
        )


def test_a_stale_mo_is_detected_and_none_is_in_the_tree(tmp_path):
    assert stale_mo(LOCALE_DIR) == []
    compiled_copy(tmp_path / "locales")
    po = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('"Ce bouton n\'est plus valable."', '"Bouton périmé."'),
        encoding="utf-8",
    )
    assert stale_mo(tmp_path / "locales") == [str(po.with_suffix(".mo"))]
    assert translations("fr").gettext("This button has expired.") == "Ce bouton n'est plus valable."


def test_the_lock_file_pins_every_runtime_dependency():
    """The Docker image installs requirements.lock: it must cover pyproject's dependencies."""
    import re
    import tomllib

    root = Path(__file__).resolve().parents[1]
    pinned = {
        re.split(r"==", line)[0].lower().replace("_", "-")
        for line in (root / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert all(
        "==" in line
        for line in (root / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    )
    wanted = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
        assert name in pinned, name
