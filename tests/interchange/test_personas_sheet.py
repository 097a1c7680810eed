"""A workbook keeps the personas (names, shares, gender...) on a sheet of their own, so a spreadsheet round
trip leaves every score as it was; a CSV file cannot, and export says that the scores will change."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.api import read
from journeymap.model import Journey
from journeymap.scoring import score
from tests.conftest import EXAMPLES, assert_no_traceback, run_cli

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_an_xlsx_round_trip_keeps_the_personas_and_every_score(example: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.xlsx"
    said = run_cli("export", example, "-o", table)
    assert said.code == 0, said.output
    assert "persona" not in said.stderr
    assert run_cli("import", table, "-o", tmp_path / "back.yaml").code == 0
    journey, back = read(str(example)), read(str(tmp_path / "back.yaml"))
    assert back.personas == journey.personas
    assert _scores(back) == _scores(journey)  # first-purchase was 40.4 -> 42.0 when the shares were lost
    compared = run_cli("compare", example, tmp_path / "back.yaml", "--format", "json")
    assert compared.code == 0, compared.output


def _scores(journey: Journey) -> list[tuple[str, float | None]]:
    """The journey's, each stage's and each persona's friction, to one decimal as every output shows it."""
    scored = score(journey)
    groups = [scored.overall, *scored.stages, *scored.personas]
    return [(g.id if g is not scored.overall else "", None if g.score is None else round(g.score, 1)) for g in groups]


def test_a_csv_export_says_the_scores_will_change(tmp_path: Path) -> None:
    said = run_cli("export", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "t.csv")
    assert said.code == 0
    assert "persona shares (friction and priorities weigh personas by them" in said.stderr
    arabic = run_cli("export", "--lang", "ar", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "u.csv")
    assert arabic.code == 0
    assert "persona shares" not in arabic.stderr
    assert "XLSX" in arabic.stderr


def test_a_bad_share_is_at_its_cell_of_the_personas_sheet(tmp_path: Path) -> None:
    source = _workbook(
        tmp_path / "p.xlsx",
        [["stage", "touchpoint", "channel", "emotion sara"], ["awareness", "Ad", "web", 3]],
        [["persona id", "name", "share", "colour"], ["sara", "Sara", "abc"]],
        sheet="الشخصيات",
    )
    result = run_cli("import", source, "-o", tmp_path / "p.yaml")
    assert_no_traceback(result)
    assert result.code == 1
    assert f"{source}:الشخصيات!D1: warning[JM717] unknown column 'colour'" in result.stderr
    assert f"{source}:الشخصيات!C2: error[JM719]" in result.stderr


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_repeated_persona_id_names_the_row_of_the_first(tmp_path: Path, lang: str) -> None:
    source = _workbook(
        tmp_path / "p.xlsx",
        [["stage", "touchpoint", "channel", "personas"], ["awareness", "Ad", "web", "sara"]],
        [["persona id", "name", "share"], ["sara", "Sara", "50%"], ["sara", "Sara again", "30%"]],
    )
    result = run_cli("import", "--lang", lang, source, "-o", tmp_path / "p.yaml")
    assert result.code == 1
    assert f"{source}:personas!A3: error[JM719]" in result.stderr
    assert "line" not in result.stderr.replace(str(tmp_path), "")
    english = "persona id 'sara' is already used on row 2"
    assert (english in result.stderr) == (lang == "en"), result.stderr


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_shares_a_persona_nobody_meets_and_a_ces_off_its_scale_are_at_their_cells(tmp_path: Path, lang: str) -> None:
    source = _workbook(
        tmp_path / "p.xlsx",
        [["stage", "touchpoint", "channel", "personas", "ces"], ["awareness", "Ad", "web", "sara", 9]],
        [["persona id", "name", "share"], ["sara", "Sara", "80%"], ["omar", "Omar", "30%"]],
    )
    result = run_cli("import", "--lang", lang, source, "-o", tmp_path / "p.yaml")
    assert result.code == 1
    said = result.stderr
    assert f"{source}:personas!C1: error[JM719]" in said  # the shares' column: they add up to 110%
    assert f"{source}:touchpoints!E2: error[JM719]" in said
    assert f"{source}:personas!A3: error[JM719]" in said
    assert "`personas:`" not in said
    assert "scale: 1-7}" in said  # the cell's own form of a value with its scale
    english = ("persona 'omar' is at the touchpoint of no row", "fix the value, or give its scale in the cell")
    assert all((words in said) == (lang == "en") for words in english), said


def test_a_share_formula_without_a_value_is_said_at_its_cell(tmp_path: Path) -> None:
    """A script-written workbook stores no value for a formula: the share would be read as blank, silently
    changing every score."""
    source = _workbook(
        tmp_path / "p.xlsx",
        [["stage", "touchpoint", "channel", "emotion sara", "emotion omar"], ["awareness", "Ad", "web", 3, 4]],
        [["persona id", "name", "share"], ["sara", "Sara", "=0.5+0.1"], ["omar", "Omar", 0.4]],
    )
    result = run_cli("import", source, "-o", tmp_path / "p.yaml")
    assert_no_traceback(result)
    assert f"{source}:personas!C2: warning[JM720] the cell holds the formula =0.5+0.1" in result.stderr


def _workbook(
    path: Path, touchpoints: list[list[object]], personas: list[list[object]], sheet: str = "personas"
) -> Path:
    """A workbook of a touchpoints sheet and a personas sheet (named ``sheet``), each given by its rows."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "touchpoints"
    for row in touchpoints:
        first.append(row)
    people = book.create_sheet(sheet)
    for row in personas:
        people.append(row)
    book.save(path)
    return path
