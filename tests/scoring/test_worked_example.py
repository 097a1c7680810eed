"""The worked example in docs/scoring.md, recomputed from the page itself."""

from __future__ import annotations

import re

import pytest

from journeymap.loader import load_text
from journeymap.scoring import score
from journeymap.scoring.results import TouchpointScore
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
SECTION = DOC.split("## Worked example", 1)[1].split("\n## ", 1)[0]


def _example_yaml() -> str:
    match = re.search(r"```yaml\n(.*?)```", SECTION, re.S)
    assert match, "docs/scoring.md lost its worked example"
    return match.group(1)


def _score(text: str) -> TouchpointScore:
    from journeymap.validation import validate

    result = validate(load_text(text, "worked-example.yaml"))
    assert result.journey is not None, result.diagnostics
    found = score(result.journey).touchpoint("support-call")
    assert found is not None
    return found


def _table() -> dict[str, tuple[float, float, float, float]]:
    """component -> (value, weight, strength, points) as printed in the page's table."""
    rows = {}
    for line in SECTION.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] not in ("component", "---"):
            value = float(cells[2].rsplit("=", 1)[-1])
            rows[cells[0]] = (value, float(cells[3]), float(cells[4]), float(cells[5]))
    return rows


def test_table_rows_match_the_computation() -> None:
    table = _table()
    result = _score(_example_yaml())
    assert set(table) == {c.component for c in result.contributions}
    for contribution in result.contributions:
        value, weight, strength, points = table[contribution.component]
        assert contribution.value == pytest.approx(value, abs=5e-5), contribution.component
        assert contribution.weight == weight
        assert contribution.strength == pytest.approx(strength)
        assert round(contribution.points, 2) == points, contribution.component


def test_friction_confidence_band_and_priority_match_the_page() -> None:
    result = _score(_example_yaml())
    assert f"{result.score:.1f}" == "64.7"
    assert "=\n**64.7**, band **medium**" in SECTION
    assert result.confidence == 1.0
    assert result.band == "medium"
    assert result.priority is not None
    assert f"{result.priority:.1f}" == "97.1"
    assert "= **97.1**" in SECTION


def test_missing_ces_variant_matches_the_page() -> None:
    text = "\n".join(line for line in _example_yaml().splitlines() if "ces: 5" not in line)
    result = _score(text)
    assert f"{result.score:.1f}" == "55.9"
    assert f"{result.confidence:.0%}" == "85%"
    assert "becomes **55.9**" in SECTION
    assert "confidence **85%**" in SECTION
    assert result.priority is not None
    assert f"{result.priority:.1f}" == "71.3"
    assert "= **71.3**" in SECTION
