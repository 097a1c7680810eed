"""Run real docs builds in a temporary project, and take recipes from the docs exactly as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, run_cli

DOCS_PIPELINE = ROOT / "docs" / "docs-pipeline.md"
#: The tools a recipe's ``$ ...`` lines name, run with this Python (so this checkout's journeymap is used).
MODULES = {"mkdocs": "mkdocs", "sphinx-build": "sphinx"}
_OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
#: The first line of a recipe block that says which file it is: ``# mkdocs.yml``, ``.. docs/index.rst``...
_FILE_LINE = re.compile(r"^(?:#|\.\.|<!--)\s*(?P<path>[\w./-]+\.[a-z]+)\s*(?:-->)?$")


@dataclass(frozen=True)
class Build:
    code: int
    output: str


def journeys(project: Path, pattern: str = "*.yaml") -> Path:
    """The bundled example journeys (current and future states, one in Arabic) in ``project/journeys``."""
    folder = project / "journeys"
    folder.mkdir(parents=True, exist_ok=True)
    for example in sorted(EXAMPLES.glob(pattern)):
        shutil.copy(example, folder / example.name)
    return folder


def run_tool(tool: str, *args: str, cwd: Path, **env: str) -> Build:
    """``mkdocs`` or ``sphinx-build`` as a real process of this Python, importing this checkout first."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NO_COLOR": "1", **env}
    completed = subprocess.run(
        [sys.executable, "-m", MODULES[tool], *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(completed.returncode, completed.stdout + completed.stderr)


def section(heading: str, text: str | None = None) -> str:
    """The text under ``heading`` (``## X`` or ``### X``) up to the next heading of the same level or higher."""
    text = text if text is not None else DOCS_PIPELINE.read_text(encoding="utf-8")
    level, title = heading.split(" ", 1)
    lines = text.splitlines()
    start = lines.index(f"{level} {title}") + 1
    ends = (i for i in range(start, len(lines)) if re.match(rf"^#{{1,{len(level)}}} ", lines[i]) and _outside(lines, i))
    return "\n".join(lines[start : next(ends, len(lines))])


def _outside(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is outside every fenced block (a ``# comment`` in a block is not a heading)."""
    return not any(start < index < end for start, end, _ in _fences(lines))


def _fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """(opening line, closing line, info) of each top-level fenced block."""
    found, index = [], 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"{re.escape(fence[0])}{{{len(fence)},}}\s*")
        end = next((j for j in range(index + 1, len(lines)) if closing.fullmatch(lines[j])), len(lines))
        found.append((index, end, opening.group("info").strip()))
        index = end + 1
    return found


def blocks(text: str) -> list[tuple[str, str]]:
    """(info string, body) of each top-level fenced block in ``text``."""
    lines = text.splitlines()
    return [(info, "\n".join(lines[start + 1 : end]) + "\n") for start, end, info in _fences(lines)]


def recipe_files(text: str) -> dict[str, str]:
    """Each block whose first line names a file, by that file's path: the recipe's files, exactly as written."""
    files = {}
    for _, body in blocks(text):
        match = _FILE_LINE.match(body.splitlines()[0]) if body.strip() else None
        if match:
            files[match.group("path")] = body
    return files


def recipe_commands(text: str) -> list[list[str]]:
    """The ``$ ...`` lines of the recipe's console blocks, without the ``pip install`` ones."""
    lines = (line for info, body in blocks(text) if info == "console" for line in body.splitlines())
    commands = [shlex.split(line[2:], comments=True) for line in lines if line.startswith("$ ")]
    return [c for c in commands if c[:2] != ["pip", "install"]]


def follow(text: str, project: Path) -> Build:
    """Write the recipe's files into ``project`` and run its commands in order; the last build's result."""
    for name, body in recipe_files(text).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(body, encoding="utf-8")
    result = Build(0, "")
    for command in recipe_commands(text):
        if command[0] == "journeymap":
            cli = run_cli(*command[1:], cwd=project)
            assert cli.code == 0, cli.output
            continue
        result = run_tool(command[0], *command[1:], cwd=project)
        if result.code != 0:
            return result
    return result
