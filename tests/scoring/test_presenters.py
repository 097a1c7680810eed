"""Presenters: the rich table, plain text and Markdown agree on rows and reasons."""

from __future__ import annotations

import subprocess
import sys

import journeymap
from journeymap.formats.score_text import format_markdown, format_plain, format_rich
from journeymap.formats.score_view import ScoreView, reasons_text
from journeymap.scoring import score
from tests.conftest import EXAMPLES

TELECOM = str(EXAMPLES / "telecom-support.yaml")


def _view(**options: object) -> ScoreView:
    return ScoreView(TELECOM, score(journeymap.read(TELECOM)), **options)  # type: ignore[arg-type]


def test_rich_table_shows_the_same_first_row_as_plain() -> None:
    view = _view(top=3)
    first = view.rows()[0]
    rich = format_rich([view], color=False, width=200)
    plain = format_plain([view])
    for text in (rich, plain):
        assert first.name in text
        assert reasons_text(first) in text
    assert "stages" in rich
    assert "██" in rich or "▓" in rich


def test_rich_colour_only_when_asked() -> None:
    assert "\x1b[" in format_rich([_view(top=1)], color=True)
    assert "\x1b[" not in format_rich([_view(top=1)], color=False)


def test_markdown_escapes_pipes_and_explains() -> None:
    text = format_markdown([_view(explain="phone-agent-tier1")])
    assert "### phone-agent-tier1" in text
    assert "| component | value | weight | strength | points | inputs | normalisation |" in text


def test_weights_module_imports_first_without_a_cycle() -> None:
    code = (
        "import journeymap.settings.friction, journeymap.model; print(journeymap.model.Journey.model_fields['scoring'])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
