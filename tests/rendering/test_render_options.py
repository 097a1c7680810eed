"""`render` checks what it is asked for: unknown choices and impossible combinations are usage errors.

Through the CLI (in-process) that is exit code 2 and a one-line ``journeymap: error: ...`` with a
hint, and no output; through the library it is ``UsageError`` naming the valid choices, never a
bare ``KeyError`` and never a silently different drawing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import journeymap
from journeymap.api import read
from journeymap.cli.app import main
from journeymap.errors import UsageError
from journeymap.model import Journey
from journeymap.rendering import FORMATS, VIEWS, render
from journeymap.rendering.choices import VIEWS_BY_FORMAT
from journeymap.rendering.theme import THEMES
from tests.conftest import EXAMPLES

FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"
TELECOM = EXAMPLES / "telecom-support.yaml"


@pytest.fixture(scope="module")
def journey() -> Journey:
    return read(str(FIRST_PURCHASE))


def _cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["render", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_one_line_usage_error(code: int, err: str) -> str:
    """Exit 2, ``journeymap: error: ...`` on one line (then only a hint), no traceback; returns that line."""
    assert code == 2, err
    lines = err.splitlines()
    assert lines, "nothing on standard error"
    assert lines[0].startswith("journeymap: error: "), err
    assert all(line.startswith("  hint: ") for line in lines[1:]), err
    assert "Traceback" not in err
    assert "internal error" not in err
    return lines[0]


# -- through the CLI --------------------------------------------------------------------------


@pytest.mark.parametrize("example", [FIRST_PURCHASE, TELECOM], ids=["first-purchase", "telecom-support"])
def test_flow_view_as_mermaid_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example: Path
) -> None:
    """It used to write the map and exit 0, as if the flow had been drawn."""
    out = tmp_path / "flow.mmd"
    code, stdout, err = _cli(capsys, example, "--view", "flow", "-f", "mermaid", "-o", out)
    line = _assert_one_line_usage_error(code, err)
    assert "flow view" in line
    assert "mermaid" in line
    assert "'svg', 'png', 'pdf' or 'dot'" in err  # the hint says how to draw the flow
    assert not out.exists()
    assert stdout == ""


def test_flow_view_as_mermaid_writes_nothing_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = _cli(capsys, FIRST_PURCHASE, "--view", "flow", "-f", "mermaid", "-o", "-")
    _assert_one_line_usage_error(code, err)
    assert "journey\n" not in stdout


def test_map_view_as_mermaid_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = _cli(capsys, FIRST_PURCHASE, "--view", "map", "-f", "mermaid", "-o", "-")
    assert code == 0, err
    assert stdout.startswith("journey\n  title First purchase at Hearth & Home online\n")


def test_flow_view_as_dot_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = _cli(capsys, TELECOM, "--view", "flow", "-f", "dot", "-o", "-")
    assert code == 0, err
    assert stdout.startswith("digraph flow {")


def test_unknown_persona_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "x.mmd"
    code, _, err = _cli(capsys, FIRST_PURCHASE, "--persona", "sarah", "-f", "mermaid", "-o", out)
    line = _assert_one_line_usage_error(code, err)
    assert "no persona 'sarah'" in line
    assert "did you mean 'sara'?" in err
    assert not out.exists()


def test_persona_with_a_line_break_stays_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(capsys, FIRST_PURCHASE, "--persona", "sara\njourneymap: error: forged", "-f", "dot")
    line = _assert_one_line_usage_error(code, err)
    assert "'sara\\njourneymap: error: forged'" in line
    assert len([text for text in err.splitlines() if text.startswith("journeymap: error:")]) == 1


# -- through the library ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message_parts", "hint_part"),
    [
        ({"fmt": "gif"}, ["unknown format 'gif'", *(f"'{f}'" for f in FORMATS)], None),
        ({"fmt": "SVG"}, ["unknown format 'SVG'"], "did you mean 'svg'?"),
        ({"fmt": "mmd"}, ["unknown format 'mmd'"], None),
        ({"view": "flwo"}, ["unknown view 'flwo'", *(f"'{v}'" for v in VIEWS)], "did you mean 'flow'?"),
        ({"theme": "blue"}, ["unknown theme 'blue'", *(f"'{t}'" for t in THEMES)], None),
        ({"theme": "drak"}, ["unknown theme 'drak'"], "did you mean 'dark'?"),
        ({"fmt": "mermaid", "view": "flow"}, ["flow view cannot be drawn as mermaid", "'map'"], "'dot'"),
        ({"persona": "sarah"}, ["no persona 'sarah'"], "did you mean 'sara'?"),
        ({"persona": "nobody"}, ["no persona 'nobody'"], "expected one of: omar, sara"),
    ],
    ids=["gif", "SVG", "mmd", "flwo", "blue", "drak", "flow-as-mermaid", "sarah", "nobody"],
)
def test_render_checks_its_arguments(
    journey: Journey, arguments: dict[str, Any], message_parts: list[str], hint_part: str | None
) -> None:
    for entry_point in (render, journeymap.render):  # journeymap.render delegates to rendering.render
        with pytest.raises(UsageError) as raised:
            entry_point(journey, **arguments)
        error = raised.value
        assert "\n" not in error.message
        for part in message_parts:
            assert part in error.message, error.message
        if hint_part is not None:
            assert error.hint is not None
            assert hint_part in error.hint, error.hint


def test_arguments_are_checked_before_anything_is_drawn(journey: Journey, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad theme with an image format fails at once: Graphviz is never started."""
    import journeymap.rendering.graphviz as graphviz

    def no_graphviz(*_: object, **__: object) -> bytes:
        raise AssertionError("Graphviz was started for a request that cannot be drawn")

    monkeypatch.setattr(graphviz, "run_graphviz", no_graphviz)
    for arguments in ({"fmt": "svg", "theme": "blue"}, {"fmt": "pdf", "persona": "nobody"}, {"fmt": "gif"}):
        with pytest.raises(UsageError):
            render(journey, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("view", "fmt"), [(v, f) for v in VIEWS for f in ("dot", "mermaid") if v in VIEWS_BY_FORMAT[f]]
)
def test_valid_choices_still_render(journey: Journey, view: str, fmt: str) -> None:
    for persona in (None, "sara", "omar"):
        for theme in THEMES:
            assert render(journey, fmt, view, theme, persona)
