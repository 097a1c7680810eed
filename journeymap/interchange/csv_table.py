"""Touchpoint tables as CSV (the csv module): comma, semicolon or tab separated, UTF-8.

Export writes UTF-8 with a byte-order mark, so Excel opens Arabic text as Arabic, RFC 4180 line ends
and quoting, and neutralises formula-like text (journeymap.interchange.cells). A cell's place is
``file.csv:ROW:COLUMN``, counting rows as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from journeymap.diagnostics import Span
from journeymap.interchange.build import Imported, diagnostic, finish
from journeymap.interchange.cells import escape, unescape
from journeymap.interchange.table import Grid, Value, journey_table, table_to_journey
from journeymap.translation import Msg, Verbatim

_DELIMITERS = ",;\t"


def read_csv(
    text: str, path: str, *, title: str | None = None, language: str | None = None, destination: str | None = None
) -> Imported:
    try:
        rows: list[list[Value]] = [[unescape(cell) for cell in row] for row in parse_csv(text)]
    except csv.Error as error:
        said = Msg("cannot read the file as CSV: %(problem)s", problem=Verbatim(str(error)))
        problem = diagnostic("JM713", said, Span(path), Msg("save it as CSV (UTF-8)"))
        return finish(path, None, [problem])
    decimal_comma = delimiter_of(text) == ";"
    grid = Grid(
        path, rows, lambda row, col: Span(path, row + 1, col + 1), decimal_comma=decimal_comma, destination=destination
    )
    return table_to_journey(grid, title, language)


def delimiter_of(text: str) -> str:
    """The separator (comma, semicolon or tab): the one the header row uses most."""
    first = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) else ","


def parse_csv(text: str) -> list[list[str]]:
    """The records of CSV text, separated by ``delimiter_of(text)``."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), strict=True))


def write_csv(journey: Any) -> bytes:
    """The journey's touchpoint table as CSV bytes (UTF-8 with BOM, CRLF line ends)."""
    return csv_bytes(journey_table(journey))


def csv_bytes(rows: list[list[Value]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else escape(str(value)) for value in row])
    return out.getvalue().encode("utf-8-sig")
