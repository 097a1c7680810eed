"""The command group: every command of ``COMMANDS`` is there, in order, though each is built only when used."""

from __future__ import annotations

import itertools
import re

import pytest

from journeymap.cli.app import COMMANDS, PANELS, LazyGroup, cli
from journeymap.cli.command import Command, summary
from tests.conftest import EXAMPLES, run_cli


def _sections(help_text: str) -> dict[str, list[str]]:
    """The commands ``journeymap --help`` lists under each heading (``Check:``...), in order."""
    sections: dict[str, list[str]] = {}
    heading = ""
    for line in help_text.splitlines():
        if found := re.fullmatch(r"(\w+):", line):
            heading = found[1]
            sections[heading] = []
        elif found := re.match(r"^  (\w+)  ", line):
            sections.setdefault(heading, []).append(found[1])
    return sections


def test_help_lists_every_command_in_order_under_its_heading() -> None:
    result = run_cli("--help")
    assert result.code == 0, result.output
    listed = {heading: names for heading, names in _sections(result.stdout).items() if heading in PANELS}
    expected = {panel: [name for name, entry in COMMANDS.items() if entry.panel == panel] for panel in PANELS}
    assert listed == expected
    assert list(PANELS) == ["Check", "Analyse", "Present", "Reference", "Start", "Exchange"]


def test_each_listed_summary_is_the_first_paragraph_of_its_command() -> None:
    group = cli
    assert isinstance(group, LazyGroup)
    for name, entry in COMMANDS.items():
        assert entry.summary == summary(group.commands[name].help or ""), name


def test_every_command_is_built_with_its_name_and_options() -> None:
    assert isinstance(cli, LazyGroup)
    assert list(cli.commands) == list(COMMANDS)
    for name in COMMANDS:
        command = cli.commands[name]
        assert isinstance(command, Command)
        assert command.name == name
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


@pytest.mark.parametrize("columns", [80, 160])
def test_score_on_a_terminal_fits_its_width(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setattr("journeymap.cli.outputs.terminal", lambda: True)
    monkeypatch.setattr("journeymap.cli.outputs.width", lambda: columns)
    result = run_cli("score", EXAMPLES / "telecom-support.yaml")
    assert result.code == 0, result.output
    longest = max(len(line) for line in result.stdout.splitlines())
    assert columns - 20 < longest <= columns  # the table takes the terminal's width (it was drawn 120 wide)


def test_score_on_a_narrow_terminal_shows_each_touchpoint_as_a_card(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journeymap.cli.outputs.terminal", lambda: True)
    monkeypatch.setattr("journeymap.cli.outputs.width", lambda: 80)
    result = run_cli("score", EXAMPLES / "telecom-support.yaml", "--top", "2")
    assert result.code == 0, result.output
    assert "1  phone-agent-tier1 *  First-line phone agent\n    Service and support · Phone\n" in result.stdout
    assert "    priority 114.6 · friction 91.4 high · confidence 70%\n" in result.stdout  # one line, id whole
    assert "    failure rates 23.5, emotion 19.0, pain points 19.0\n" in result.stdout


def test_help_text_is_wrapped_by_the_terminal_not_by_the_source() -> None:
    """A docstring's line breaks inside a paragraph are not kept: no "long line / short remainder" pairs."""
    ragged = []
    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.code == 0, result.output
        description = re.split(r"^(?:Positional arguments|Options):$", result.stdout, flags=re.MULTILINE)[0]
        description = description.splitlines()
        for line, after in itertools.pairwise(description):
            prose = line.startswith("  ") and not line.startswith("   ") and line.strip()
            word = after.split(" ", 3)[2] if after.startswith("  ") and after[2:3].islower() else ""
            if prose and word and len(line.rstrip()) + 1 + len(word) <= 78:  # the word fitted: a kept break
                ragged.append(f"{name}: {line.strip()!r} / {after.strip()!r}")
    assert ragged == []


def test_reflowed_keeps_examples_lists_and_exit_codes_on_their_lines() -> None:
    from journeymap.cli.command import reflowed

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


def test_examples_keep_their_lines_and_prose_is_wrapped_at_spaces() -> None:
    """At 80 columns (click's help width: 78) an example is never broken, a word with a hyphen neither."""
    result = run_cli("render", "--help")
    assert "    journeymap render fault.yaml --compare fault.future.yaml -o compare.png\n" in result.stdout
    continued = run_cli("compare", "--help").stdout  # a continued example keeps its two lines, as written
    assert "    journeymap compare --git origin/main journeys/ \\\n      --format markdown -o comment.md\n" in continued
    listed = run_cli("--help").stdout
    assert "every cross-reference" in listed.replace("\n            ", " ")
    assert not [line for line in listed.splitlines() if line.rstrip().endswith("-") and not line.endswith(" -")]


def test_choices_are_accepted_in_any_case_where_they_were() -> None:
    result = run_cli("score", EXAMPLES / "first-purchase.yaml", "-f", "JSON", "--by", "Stage", "-n", "1")
    assert result.code == 0, result.output
    assert '"by": "stage"' in result.stdout


def test_no_arguments_shows_the_help() -> None:
    result = run_cli()
    assert result.code == 2
    assert "Usage: journeymap [OPTIONS] COMMAND [ARGS]..." in result.stderr
    assert "Check:" in result.stderr


def test_version_and_the_help_of_a_command() -> None:
    version = run_cli("-V")
    assert version.code == 0
    assert re.fullmatch(r"journeymap \S+\n", version.stdout)
    helped = run_cli("validate", "-h")
    assert helped.code == 0
    assert helped.stdout.startswith("Usage: journeymap validate [OPTIONS] PATH...\n")
    assert "-f, --format FORMAT" in helped.stdout
    assert "[default: auto]" in helped.stdout


def test_no_markup_is_left_in_the_help() -> None:
    for name in COMMANDS:
        text = run_cli(name, "--help").stdout
        assert not re.search(r"\[/?(bold|dim)\]|\\\[", text), name


def test_lang_before_the_command_is_the_commands_lang() -> None:
    journey = EXAMPLES / "first-purchase.yaml"
    before = run_cli("--lang", "ar", "validate", journey)
    assert before.code == 0, before.output
    assert before.stdout == run_cli("validate", journey, "--lang", "ar").stdout
    assert "صالحة" in before.stdout
    assert "all valid" in run_cli("--lang", "ar", "validate", journey, "--lang", "en").stdout  # the nearer one wins
    unknown = run_cli("--lang", "xx", "validate", journey)
    assert unknown.code == 2
    assert "no messages in language 'xx'" in unknown.stderr
