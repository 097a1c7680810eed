"""``journeymap --help`` stays light: no renderers, templates or Graphviz at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("graphviz", "jinja2", "journeymap.rendering", "journeymap.reporting", "journeymap.scoring", "pydantic", "yaml")


def _imported_modules(*args: str) -> set[str]:
    code = "import sys\nfrom journeymap.cli.app import main\nmain(sys.argv[1:])"
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args], capture_output=True, text=True, check=False
    )
    modules = set()
    for line in completed.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


def test_help_imports_nothing_heavy() -> None:
    modules = _imported_modules("--help")
    assert modules, "python -X importtime produced no output"
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    assert loaded == []


def test_help_imports_no_command() -> None:
    """``journeymap --help`` lists every command from ``COMMANDS`` (their summaries), importing none."""
    modules = _imported_modules("--help")
    assert "journeymap.cli.app" in modules
    assert sorted(m for m in modules if m.startswith("journeymap.cli.commands.")) == []


def test_the_command_line_does_not_import_typer_or_rich() -> None:
    modules = _imported_modules("validate", "--help")
    assert sorted(m for m in modules if m.split(".")[0] in ("typer", "rich", "pydantic")) == []


def test_version_imports_nothing_heavy() -> None:
    modules = _imported_modules("--version")
    assert not [m for m in modules if m.startswith(HEAVY)]


def test_a_command_imports_no_other_command() -> None:
    """Only the command that runs is imported and built (journeymap.cli.app.COMMANDS is read lazily)."""
    modules = _imported_modules("validate", "--help")
    commands = sorted(m for m in modules if m.startswith("journeymap.cli.commands."))
    assert commands == ["journeymap.cli.commands.validate"]


def test_measure_does_not_build_the_journey_model(tmp_path: Path) -> None:
    """Definitions without a journey are measured without importing the journey model (a third of the start-up)."""
    from tests.measuring.helpers import workspace

    path = workspace(tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n")
    modules = _imported_modules("measure", str(path), "-o", str(tmp_path / "out.json"))
    assert "journeymap.measuring.spec" in modules
    assert [
        m for m in modules if m.startswith(("journeymap.model", "journeymap.validation", "journeymap.auditing"))
    ] == []
    assert [m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core")] == []  # decision 49
