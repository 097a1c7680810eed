"""Touchpoint tables as XLSX, with openpyxl (imported here only: most commands never need it).

Export is deterministic: the same journey gives the same bytes. The workbook's created and modified
times are fixed, and the ZIP entries are rewritten with a fixed date, since a ZIP stores the time
each entry was written. The journey's title and language are the workbook's title and language
properties, which import reads back; a right-to-left journey's sheet is laid out right to left.
Formula-like text is stored as text with Excel's quote prefix, never as a formula.
A cell's place is ``file.xlsx:Sheet!C7``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from journeymap.diagnostics import Span
from journeymap.interchange.build import Imported, diagnostic, finish
from journeymap.interchange.cells import formula_like
from journeymap.interchange.table import Grid, Value, journey_table, table_to_journey
from journeymap.translation import Msg, Verbatim

SHEET = "touchpoints"
#: Rows read from a sheet at most (blank rows count): far more than any journey's touchpoints.
MAX_ROWS = 100_000
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
#: The fixed time every exported workbook and ZIP entry carries (ZIP dates start in 1980).
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True, order=True)
class CellSpan(Span):
    """A cell of a sheet: shown as ``path:Sheet!C7``; line and column stay the row and column numbers."""

    sheet: str = field(default="", compare=False)

    def __str__(self) -> str:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        return f"{self.path}:{self.sheet}!{get_column_letter(max(self.column, 1))}{self.line}"


def read_xlsx(
    raw: bytes,
    path: str,
    *,
    title: str | None = None,
    language: str | None = None,
    sheet: str | None = None,
    destination: str | None = None,
) -> Imported:
    """A touchpoint table from a workbook: ``sheet``, else the first sheet."""
    try:
        grid = _grid(raw, path, sheet)
    except _Unreadable as error:
        return finish(path, None, [diagnostic("JM713", error.message, Span(path), error.hint)])
    return table_to_journey(replace(grid, destination=destination), title, language)


class _Unreadable(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _grid(raw: bytes, path: str, sheet: str | None) -> Grid:
    import warnings

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _Unreadable(Msg("cannot read the file as XLSX: it is not an Excel workbook"), Msg("save it as .xlsx"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            names = list(book.sheetnames)
            chosen = sheet if sheet is not None else (names[0] if names else None)
            if chosen is None or chosen not in names:
                hint = Msg("choose one with --sheet: %(sheets)s", sheets=Verbatim(", ".join(names))) if names else None
                raise _Unreadable(
                    Msg("the workbook has no sheet %(sheet)s", sheet=Verbatim(repr(chosen)))
                    if chosen
                    else Msg("the workbook has no sheet"),
                    hint,
                )
            rows = _rows(book[chosen])
            personas = _personas_sheet(names, chosen)
            persona_rows = _rows(book[personas]) if personas else None
            title, language = _text_property(book.properties.title), _language(book.properties.language)
            book.close()
            formulas = _has_formulas(raw)
            blanks = _formulas_without_values(raw, chosen, rows) if formulas else []
            if formulas and personas and persona_rows is not None:  # a share left blank changes every score
                persona_blanks = _formulas_without_values(raw, personas, persona_rows)
            else:
                persona_blanks = []
    except _Unreadable:
        raise
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl and zipfile
        raise _Unreadable(
            Msg("cannot read the file as XLSX: %(problem)s", problem=Verbatim(f"{type(error).__name__}: {error}")),
            Msg("save it again as .xlsx"),
        ) from None
    place = _placer(path, chosen)
    found = tuple(_formula_warning(formula, place(row, col)) for row, col, formula in blanks)
    people = Grid(path, persona_rows, _placer(path, personas)) if personas and persona_rows is not None else None
    if people is not None:
        found += tuple(_formula_warning(formula, people.place(row, col)) for row, col, formula in persona_blanks)
    return Grid(path, rows, place, title, language, found, personas=people)


def _personas_sheet(names: list[str], chosen: str) -> str | None:
    """The workbook's personas sheet (``personas``, ``الشخصيات``), unless it is the sheet being imported."""
    from journeymap.interchange.columns import PERSONAS_SHEETS

    return next((n for n in names if n.strip().casefold() in PERSONAS_SHEETS and n != chosen), None)


def _placer(path: str, sheet: str) -> Any:
    return lambda row, col: CellSpan(path, row + 1, col + 1, sheet=sheet)


def _has_formulas(raw: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (``<f>`` elements): most exported ones do not."""
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return any(re.search(rb"<(?:\w+:)?f[ >/]", book.read(name)) for name in sheets)


def _formulas_without_values(raw: bytes, sheet: str, values: list[list[Value]]) -> list[tuple[int, int, str]]:
    """The cells (row, column, formula) holding a formula whose computed value the workbook does not store.

    Why: a spreadsheet program stores each formula's last value beside it, and import reads those values; a
    workbook written by a script (openpyxl's ``=E2*1``) stores none, and the cell would read as blank.
    """
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    found: list[tuple[int, int, str]] = []
    for r, row in enumerate(book[sheet].iter_rows(values_only=True)):
        if r >= len(values):
            break
        for c, formula in enumerate(row):
            blank = c >= len(values[r]) or values[r][c] is None
            if blank and isinstance(formula, str) and formula.startswith("="):
                found.append((r, c, formula))
            elif blank and formula is not None and not isinstance(formula, (str, int, float, bool, datetime)):
                found.append((r, c, str(getattr(formula, "text", "") or "=…")))  # an array or data-table formula
    book.close()
    return found


def _formula_warning(formula: str, span: Span) -> Any:
    return diagnostic(
        "JM720",
        Msg(
            "the cell holds the formula %(formula)s but no computed value: read as blank",
            formula=Verbatim(formula[:60]),
        ),
        span,
        Msg("open the workbook in a spreadsheet program and save it (that computes the value), or type the value"),
    )


def _rows(sheet: Any) -> list[list[Value]]:
    """The sheet's values, each row without its trailing empty cells; at most ``MAX_ROWS`` rows.

    Why the limit: a 16 MB workbook can unpack to millions of cells (a sheet formatted down to row
    1,048,576), which no touchpoint table needs and which would fill memory.
    """
    rows: list[list[Value]] = []
    for row in sheet.iter_rows(values_only=True):
        if len(rows) == MAX_ROWS:
            raise _Unreadable(
                Msg("the sheet has more than %(rows)s rows", rows=f"{MAX_ROWS:,}"),
                Msg("a touchpoint table has one row per touchpoint"),
            )
        values = [_value(v) for v in row]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def _text_property(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(value: Any) -> str | None:
    """The workbook's language property when it is a language tag (a workbook from elsewhere may say anything)."""
    from journeymap.model.journey import LANGUAGE_PATTERN

    text = _text_property(value)
    return text if text and re.match(LANGUAGE_PATTERN, text) else None


def _value(value: Any) -> Value:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value)


def write_xlsx(journey: Any) -> bytes:
    """The journey as a workbook: the touchpoint table, then the personas sheet; bold frozen header rows."""
    from openpyxl import Workbook

    from journeymap.interchange.columns import PERSONAS_SHEETS
    from journeymap.interchange.personas import persona_table

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _fill(sheet, journey_table(journey), journey.info.rtl)
    _fill(book.create_sheet(PERSONAS_SHEETS[0]), persona_table(journey), journey.info.rtl)
    _properties(book, journey)
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def _fill(sheet: Any, rows: list[list[Value]], rtl: bool) -> None:
    """Rows into a sheet: formula-like text stored as text, several lines wrapped, the header bold and frozen."""
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            value = _storable(value)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = rtl


def _storable(value: Any) -> Any:
    """Text a worksheet can hold: control characters (which XLSX forbids) shown as visible ``\\u001b``
    escapes, as every other output shows them; tab, line feed and carriage return stay."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS_RE.sub(lambda found: f"\\u{ord(found.group()):04x}", value)


def _properties(book: Any, journey: Any) -> None:
    props = book.properties
    props.title = journey.info.title
    props.language = journey.info.language
    props.creator = "journeymap"
    props.lastModifiedBy = None
    props.created = FIXED_TIME
    props.modified = FIXED_TIME


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated ``FIXED_TIME``, in the same order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                content = _MODIFIED.sub(
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content
                )
            target.writestr(info, content)
    return out.getvalue()
