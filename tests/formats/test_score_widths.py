"""``journeymap score`` on terminals 110 to 160 columns wide: ids, numbers and words whole, the table only where
it fits (else stage and channel under the name, else a card per touchpoint)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import EXAMPLES, run_cli

JOURNEYS = ["first-purchase.yaml", "telecom-support.yaml", "bank-account-opening-ar.yaml"]
WIDTHS = [110, 115, 120, 130, 160]


def _score(monkeypatch: pytest.MonkeyPatch, journey: str, columns: int) -> str:
    """The output of ``journeymap score JOURNEY`` on a terminal ``columns`` wide."""
    monkeypatch.setattr("journeymap.cli.outputs.terminal", lambda: True)
    monkeypatch.setattr("journeymap.cli.outputs.width", lambda: columns)
    result = run_cli("score", EXAMPLES / journey)
    assert result.code == 0, result.output
    return result.stdout


def _rows(journey: str) -> list[dict[str, Any]]:
    """Each touchpoint's id, name and numbers as the JSON gives them (the shown numbers: one decimal)."""
    document = json.loads(run_cli("score", EXAMPLES / journey, "-f", "json").stdout)
    rows: list[dict[str, Any]] = document["journeys"][0]["rows"]
    return rows


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("journey", JOURNEYS)
def test_ids_numbers_and_words_stay_whole(monkeypatch: pytest.MonkeyPatch, journey: str, columns: int) -> None:
    shown = _score(monkeypatch, journey, columns)
    lines = shown.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    words = set(shown.split())
    for row in _rows(journey):
        assert row["id"] in words, f"{row['id']} broken at {columns} columns"
        assert set(str(row["name"]).split()) <= words, f"a word of {row['name']!r} broken at {columns} columns"
    if journey != "bank-account-opening-ar.yaml":  # (its digits are Arabic-Indic: the JSON's are not shown)
        for row in _rows(journey):
            assert f"{row['priority']:.1f}" in words
            assert f"{row['score']:.1f}" in words


def _layout(shown: str) -> str:
    """Which of the three the output is: the whole table, the table with stage and channel under the name,
    or cards."""
    heading = next((line for line in shown.splitlines() if re.match(r"^ #   ", line)), None)
    if heading is None:
        return "cards"
    return "table" if re.search(r"\bstage\b", heading) else "stacked"


@pytest.mark.parametrize(
    ("journey", "columns", "layout"),
    [
        ("telecom-support.yaml", 110, "cards"),
        ("telecom-support.yaml", 115, "cards"),
        ("telecom-support.yaml", 120, "stacked"),
        ("telecom-support.yaml", 130, "stacked"),
        ("telecom-support.yaml", 160, "table"),
        ("first-purchase.yaml", 120, "cards"),  # its ids are longer (where-is-my-order-email *)
        ("first-purchase.yaml", 130, "stacked"),
        ("first-purchase.yaml", 160, "table"),
    ],
)
def test_the_table_is_drawn_only_where_it_fits(
    monkeypatch: pytest.MonkeyPatch, journey: str, columns: int, layout: str
) -> None:
    shown = _score(monkeypatch, journey, columns)
    assert _layout(shown) == layout
    if layout == "stacked":  # each name with its stage and channel under it
        assert re.search(r"\n {28,}(Service and support|Consideration) · ", shown)


def test_a_stacked_row_keeps_its_id_and_numbers_on_its_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _score(monkeypatch, "telecom-support.yaml", 130)
    first = next(line for line in shown.splitlines() if line.startswith(" 1 "))
    numbers = r"114\.6\s+91\.4\s+high\s+70%"
    assert re.match(rf" 1   phone-agent-tier1 \*\s+First-line phone agent\s+{numbers}\s+failure rates", first)


@pytest.mark.parametrize("columns", [50, 80, *WIDTHS])
@pytest.mark.parametrize("journey", JOURNEYS)
def test_each_stage_and_its_score_on_one_line(journey: str, columns: int) -> None:
    """The stages line breaks between stages only: no stage's name is split from its score."""
    import journeymap
    from journeymap.formats.score_text import _heat_strip
    from journeymap.formats.score_view import ScoreView
    from journeymap.scoring import score
    from journeymap.translation import for_journey

    path = str(EXAMPLES / journey)
    loaded = journeymap.read(path)
    view = ScoreView(path, score(loaded), t=for_journey(loaded))
    lines = _heat_strip(view, columns).plain.split("\n")
    assert all(cell_len(line) <= columns for line in lines), lines
    for stage in loaded.stages:
        name = view.stage_name(stage.id)
        assert any(re.search(re.escape(name) + r" \S*\d", line) for line in lines), (name, lines)
