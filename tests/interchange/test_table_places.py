"""A problem the validator finds in an imported table is at its cell and said in the table's terms.

Why: the validator reads YAML the importer generated; its lines (``already used (line 12)``) and its hints
(``metrics: {csat: ...}``) mean nothing to someone who wrote a spreadsheet.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import assert_no_traceback, run_cli

BAD = (
    "stage,touchpoint,touchpoint id,channel,emotion,target csat,next\n"
    "awareness,Ad,ad,web,3,,nowhere\n"
    ",Ad 3,ad3,web,3,90%,\n"
    ",Ad 4,ad,web,3,,\n"
)


def _import(tmp_path: Path, source: Path, *args: str) -> tuple[int, str]:
    result = run_cli("import", source, "-o", tmp_path / "out.yaml", *args)
    assert_no_traceback(result)
    assert not (tmp_path / "out.yaml").exists()
    return result.code, result.stderr


def test_every_validation_problem_is_at_its_csv_cell(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD, encoding="utf-8")
    code, said = _import(tmp_path, source)
    assert code == 1
    lines = said.splitlines()
    assert f"{source}:2:7: error[JM719] the imported journey does not validate: unknown touchpoint 'nowhere'" in said
    target = f"{source}:3:6: error[JM719] the imported journey does not validate: a target for 'csat', but this row"
    assert any(line.startswith(target) for line in lines), said
    assert "  hint: fill in the 'csat' column on this row, or clear the target" in lines
    duplicate = "the imported journey does not validate: touchpoint id 'ad' is already used on row 2"
    assert f"{source}:4:3: error[JM719] {duplicate}" in said
    assert "line 12" not in said
    assert "metrics: {" not in said
    assert "`id:`" not in said
    assert all(line.startswith((f"{source}:", "  hint:")) for line in lines), said


def test_the_places_in_a_workbook_are_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Journey"
    for row in csv.reader(BAD.splitlines()):
        sheet.append([cell or None for cell in row])
    source = tmp_path / "bad.xlsx"
    book.save(source)
    code, said = _import(tmp_path, source)
    assert code == 1
    assert f"{source}:Journey!F3: error[JM719]" in said
    assert f"{source}:Journey!C4: error[JM719]" in said
    assert f"{source}:Journey!G2: error[JM719]" in said


def test_the_problems_are_said_in_arabic(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD.replace("awareness", "الوعي"), encoding="utf-8")
    code, said = _import(tmp_path, source, "--lang", "ar")
    assert code == 1
    assert not [words for words in ("target for", "fill in", "already used", "this row") if words in said], said
    assert f"{source}:3:6:" in said
    assert f"{source}:4:3:" in said


def test_a_custom_target_without_its_metric_names_its_column(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text("stage,touchpoint,channel,target custom handover_time\nbuy,Pay,web,2d\n", encoding="utf-8")
    code, said = _import(tmp_path, source)
    assert code == 1
    assert f"{source}:2:4: error[JM719]" in said
    assert "fill in the 'custom handover_time' column on this row" in said


def test_an_emotion_for_a_persona_not_at_the_row_is_at_its_cell(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(
        "stage,touchpoint,channel,personas,emotion sara,emotion omar\nbuy,Pay,web,omar,2,4\n", encoding="utf-8"
    )
    code, said = _import(tmp_path, source)
    assert code == 1
    assert f"{source}:2:5: error[JM719]" in said, said
    assert "add 'sara' to this row's 'personas' cell" in said


def test_a_very_long_name_gets_a_shorter_automatic_id(tmp_path: Path) -> None:
    source = tmp_path / "long.csv"
    with source.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["stage", "touchpoint", "channel"])
        writer.writerow(["awareness", "word " * 60, "web"])
        writer.writerow(["awareness", "كلمة " * 60, "web"])
    result = run_cli("import", source, "-o", tmp_path / "long.yaml")
    assert result.code == 0, result.output
    text = (tmp_path / "long.yaml").read_text(encoding="utf-8")
    assert "- id: " + ("word-" * 12).rstrip("-") + "\n" in text
    assert "- id: " + ("كلمة-" * 12)[:60].rstrip("-") + "\n" in text
