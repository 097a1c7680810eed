"""No value of a table is dropped or misread in silence: formulas without a value, decimal commas, the
tool's own metric labels in every language it ships, and the language of a table with a few foreign rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.api import read
from tests.conftest import assert_no_traceback, run_cli


def _import(tmp_path: Path, source: Path, *args: str) -> tuple[int, str, Path]:
    target = tmp_path / "out.yaml"
    result = run_cli("import", source, "-o", target, *args)
    assert_no_traceback(result)
    return result.code, result.stderr, target


def _scripted_workbook(tmp_path: Path) -> Path:
    """A workbook as a script writes it: formulas with no computed value stored beside them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Journey"
    sheet.append(["stage", "touchpoint", "channel", "emotion", "csat"])
    sheet.append(["awareness", "Ad", "web", 3, 0.7])
    sheet.append(["awareness", "Site", "web", 3, "=E2*1"])
    path = tmp_path / "scripted.xlsx"
    book.save(path)
    return path


def test_a_formula_without_a_computed_value_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    code, said, target = _import(tmp_path, _scripted_workbook(tmp_path))
    assert code == 0, said
    assert f"{tmp_path / 'scripted.xlsx'}:Journey!E3: warning[JM720] the cell holds the formula =E2*1" in said
    site = next(tp for _, tp in read(str(target)).touchpoints() if tp.id == "site")
    assert site.metrics.csat is None


def test_a_formula_in_the_touchpoint_column_is_reported_at_that_cell(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _scripted_workbook(tmp_path)
    book = load_workbook(path)
    book["Journey"].append(["awareness", "=A2", "web", 3])
    book.save(path)
    code, said, _ = _import(tmp_path, path)
    assert code == 1
    assert f"{path}:Journey!B4: error[JM716] the touchpoint has no name" in said
    assert f"{path}:Journey!B4: warning[JM720]" in said
    assert "!A4" not in said


def test_the_formula_warning_is_in_arabic(tmp_path: Path) -> None:
    code, said, _ = _import(tmp_path, _scripted_workbook(tmp_path), "--lang", "ar")
    assert code == 0
    assert "Journey!E3: warning[JM720]" in said
    assert "holds the formula" not in said


def test_a_workbook_whose_formulas_have_values_gives_no_warning(tmp_path: Path) -> None:
    table = tmp_path / "t.xlsx"
    assert run_cli("export", Path(__file__).parents[2] / "examples" / "first-purchase.yaml", "-o", table).code == 0
    code, said, _ = _import(tmp_path, table)
    assert code == 0
    assert "JM720" not in said


def test_decimal_commas_are_read_in_a_semicolon_table(tmp_path: Path) -> None:
    source = tmp_path / "semi.csv"
    source.write_text(
        "stage;touchpoint;channel;emotion;csat;target csat;waiting time\nawareness;Ad;web;3,5;71,5%;80%;1,5h\n",
        encoding="utf-8",
    )
    code, said, target = _import(tmp_path, source)
    assert code == 0, said
    ad = next(tp for _, tp in read(str(target)).touchpoints())
    assert ad.metrics.csat is not None
    assert ad.metrics.csat.value == pytest.approx(0.715)
    assert ad.metrics.waiting_time is not None
    assert ad.metrics.waiting_time.value == 5400
    assert ad.emotion is not None
    assert ad.emotion.everyone is not None
    assert ad.emotion.everyone.score == 3.5


def test_a_decimal_comma_in_a_comma_table_says_why_it_is_not_read(tmp_path: Path) -> None:
    source = tmp_path / "comma.csv"
    source.write_text('stage,touchpoint,channel,csat\nawareness,Ad,web,"71,5%"\n', encoding="utf-8")
    code, said, _ = _import(tmp_path, source)
    assert code == 1
    assert f"{source}:2:4: error[JM716]" in said
    assert "decimal commas are read in semicolon-separated tables" in said
    arabic = run_cli("import", source, "-o", tmp_path / "x.yaml", "--lang", "ar")
    assert "decimal commas" not in arabic.stderr


@pytest.mark.parametrize(
    ("metric", "target"),
    [
        ("رضا العملاء", "هدف رضا العملاء"),  # the Arabic title journeymap prints for CSAT
        ("الرضا", "مستهدف الرضا"),  # its short Arabic name
        ("Customer Satisfaction", "Customer Satisfaction target"),
        ("CSAT", "target CSAT"),
    ],
)
def test_every_label_journeymap_prints_for_a_metric_is_its_column(tmp_path: Path, metric: str, target: str) -> None:
    source = tmp_path / "labels.csv"
    source.write_text(f"stage,touchpoint,channel,{metric},{target}\nawareness,Ad,web,71%,80%\n", encoding="utf-8")
    code, said, out = _import(tmp_path, source)
    assert code == 0, said
    assert "JM717" not in said
    ad = next(tp for _, tp in read(str(out)).touchpoints())
    assert ad.metrics.csat is not None
    assert ad.targets.csat is not None


def test_one_arabic_row_does_not_make_an_english_table_arabic(tmp_path: Path) -> None:
    rows = "".join(f"awareness,Visit the shop number {n},web\n" for n in range(4))
    source = tmp_path / "mixed.csv"
    source.write_text("stage,touchpoint,channel\n" + rows + "awareness,فرع الرياض,in_person\n", encoding="utf-8")
    code, said, out = _import(tmp_path, source)
    assert code == 0, said
    assert read(str(out)).info.language == "en"


def test_one_english_row_does_not_make_an_arabic_table_english(tmp_path: Path) -> None:
    rows = "".join(f"الوعي,زيارة الفرع الرئيسي رقم {n},web\n" for n in range(4))
    source = tmp_path / "mixed.csv"
    source.write_text("stage,touchpoint,channel\n" + rows + "الوعي,Apple Pay,web\n", encoding="utf-8")
    code, said, out = _import(tmp_path, source)
    assert code == 0, said
    assert read(str(out)).info.language == "ar"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_points_between_thousands_in_a_semicolon_table_are_not_guessed(tmp_path: Path, lang: str) -> None:
    """``1.200`` is twelve hundred where commas are decimal, 1.2 elsewhere: an error, never a guess."""
    source = tmp_path / "semi.csv"
    source.write_text("stage;touchpoint;channel;ticket volume\nawareness;Ad;web;1.200\n", encoding="utf-8")
    code, said, _ = _import(tmp_path, source, "--lang", lang)
    assert code == 1
    assert f"{source}:2:4: error[JM716]" in said
    assert "1200" in said
    assert "1,200" in said
    assert ("could be read two ways" in said) == (lang == "en")
