"""Every help page fits an 80-column terminal, and its examples are commands that can be copied as shown."""

from __future__ import annotations

import re
import shlex
import shutil
from os import terminal_size

import pytest

from journeymap.cli.app import COMMANDS, imported_command
from tests.conftest import run_cli

PAGES = ["", *COMMANDS]
LANGUAGES = ["en", "ar"]


def _help(page: str, lang: str, monkeypatch: pytest.MonkeyPatch, columns: int = 80) -> str:
    """``journeymap [--lang LANG] PAGE --help`` as a terminal ``columns`` wide shows it (click asks shutil)."""
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): terminal_size((columns, 24)))
    result = run_cli("--lang", lang, *([page] if page else []), "--help")
    assert result.code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_help_line_is_wider_than_80_columns(page: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help(page, lang, monkeypatch)
    wide = [f"{len(line)}: {line}" for line in text.splitlines() if len(line) > 80]
    assert wide == [], f"journeymap {page} --help"


def _examples(text: str) -> list[str]:
    """The example commands of a help page, each continued line (`` \\``) joined to the next."""
    examples = re.split(r"^\s*Examples:$", text, maxsplit=1, flags=re.MULTILINE)[1]
    examples = re.split(r"^\S", examples, maxsplit=1, flags=re.MULTILINE)[0]  # up to the next heading
    joined = re.sub(r" \\\n\s+", " ", examples)
    return [line.strip() for line in joined.splitlines() if line.strip()]


@pytest.mark.parametrize("page", COMMANDS)
def test_each_example_is_one_command_the_command_accepts(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a user copies from the page (continued lines included) is read by the command without a usage error."""
    examples = _examples(_help(page, "en", monkeypatch))
    assert examples, page
    command = imported_command(page)
    for example in examples:
        words = shlex.split(example.split("|")[-1].split(">")[0])
        assert words[:2] == ["journeymap", page], example
        with command.make_context(page, words[2:]) as ctx:  # a usage error raises here
            assert ctx.params is not None
