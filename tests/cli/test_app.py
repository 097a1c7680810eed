"""The command group: every command of ``COMMANDS`` is there, in order, though each is built only when used."""

from __future__ import annotations

import itertools
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


def test_help_text_is_wrapped_by_the_terminal_not_by_the_source() -> None:
    """A docstring's line breaks inside a paragraph are not kept: no "long line / short remainder" pairs."""
    ragged = []
    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.code == 0, result.output
        description = result.stdout.split("╭", 1)[0].splitlines()
        for line, after in itertools.pairwise(description):
            prose = line.startswith(" ") and not line.startswith("  ") and line.strip()
            if prose and after.startswith(" ") and after[1:2].islower() and len(line.rstrip()) < 80:
                ragged.append(f"{name}: {line.strip()!r} / {after.strip()!r}")
    assert ragged == []


def test_reflowed_keeps_examples_lists_and_exit_codes_on_their_lines() -> None:
    from journeymap.cli.app import reflowed

    doc = """Summary line.

    First sentence of a paragraph
    that goes on.
    Exit code 0: fine.
    - one
    - two

      journeymap validate examples/
    """
    assert reflowed(doc) == (
        "Summary line.\n\nFirst sentence of a paragraph that goes on.\nExit code 0: fine.\n- one\n- two\n\n"
        "  journeymap validate examples/"
    )
