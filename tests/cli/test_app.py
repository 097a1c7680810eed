"""The command group: every command of ``COMMANDS`` is there, in order, though each is built only when used."""

from __future__ import annotations

import re

import pytest

from journeymap.cli.app import COMMANDS, LazyGroup, app
from tests.conftest import EXAMPLES, run_cli


def test_help_lists_every_command_in_order() -> None:
    result = run_cli("--help")
    assert result.code == 0, result.output
    listed = [name for name in re.findall(r"^│ (\w+) ", result.stdout, flags=re.MULTILINE) if name in COMMANDS]
    panels = ["Check", "Analyse", "Present", "Reference", "Start", "Exchange"]
    expected = [name for panel in panels for name, (_, own) in COMMANDS.items() if own == panel]
    assert listed == expected


def test_every_command_is_built_with_its_panel_and_options() -> None:
    import typer.main

    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    assert list(group.commands) == list(COMMANDS)
    for name, (_, panel) in COMMANDS.items():
        command = group.commands[name]
        assert command.name == name
        assert getattr(command, "rich_help_panel", None) == panel
        assert any(param.name == "lang" for param in command.params)


def test_a_misspelt_command_still_gets_a_suggestion() -> None:
    result = run_cli("validat", "examples/")
    assert result.code == 2
    assert "No such command 'validat'. Did you mean 'validate'?" in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run_cli("nosuch")
    assert result.code == 2
    assert "No such command 'nosuch'" in result.stderr


def test_score_text_is_the_plain_table_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`score -f text` is accepted as `validate` and `audit` accept it: the plain table, no rich markup."""
    journey = EXAMPLES / "first-purchase.yaml"
    plain = run_cli("score", journey, "-f", "human")
    monkeypatch.setattr("journeymap.cli.outputs.terminal", lambda: True)
    monkeypatch.setattr("journeymap.cli.outputs.color", lambda: True)
    text = run_cli("score", journey, "-f", "text")
    rich = run_cli("score", journey, "-f", "human")
    assert text.code == 0, text.output
    assert text.stdout == plain.stdout
    assert "\x1b[" not in text.stdout
    assert rich.stdout != plain.stdout  # the terminal really was taken for one
