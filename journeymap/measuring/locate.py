"""Where bad-data diagnostics' rows are: the first few row numbers in each export file, found by DuckDB.

Why a query of its own, run only when a check has failed: a clean run must cost
nothing more, and the numbers are needed only to say where to look. One query
per source finds the rows of all its diagnostics: it numbers the rows, keeps
those wrong in some column (one condition per column, whatever the number of
touchpoints), and per file, for each diagnostic, the first ``LOCATED`` numbers
of its own rows (``min(n, k)``, a bounded aggregate): no row reaches Python.

How rows are numbered (docs/decisions/0035-measure-bad-rows-located.md): data
rows from 1, the first row after the header being row 1, in every format.
Parquet has ``file_row_number``, per file. A CSV or JSON reader has none, so
rows are numbered by ``row_number() OVER ()``, which DuckDB runs as a streaming
window: one thread reads the files in the order given, so the n-th row
numbered is the n-th data row; with several files the rows of the files before
are taken off (``offsets_query``), so each file's rows count from 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.measuring.compile import Bound, Compiler
from journeymap.measuring.plan import SourceFiles, Window
from journeymap.measuring.sql import ParamValue, Value, both

#: How many rows a diagnostic names: the first ones, in file order, then "and N more".
LOCATED = 5
#: The name the reader gives the column holding each row's file (an unlikely column name in an export).
FILE_COLUMN = "journeymap_source_file"
#: The name of each row's number (in the query only; a column of the export by that name would be hidden).
ROW_COLUMN = "journeymap_row_number"
#: What a diagnostic counts: answers off the scale (``bad``), values that are no number or flag (``unparsed``),
#: dates that do not parse (``unparsed_dates``), rows without a date (``no_date``).
WHAT = ("bad", "unparsed", "unparsed_dates", "no_date")


#: One diagnostic's rows to find: the job's index (None: the source's date column), what it counted (``WHAT``),
#: and whether the job's rows are placed by their dates (else its rows without a readable date count too).
Wanted = tuple[int | None, str, bool]


class Unreadable(Exception):
    """The files could not be read again to find the rows (the diagnostics are then said without them)."""


@dataclass(frozen=True)
class Located:
    """The first rows of a diagnostic: (file as shown, row number from 1 after the header), in file order."""

    rows: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Finding:
    """What one diagnostic's rows are: its job bound to the columns (None for the date column), what it counted,
    and whether the rows without a readable date were counted too."""

    bound: Bound | None
    what: str
    undated_too: bool = False


def query(
    files: SourceFiles,
    findings: list[Finding],
    date: Value | None,
    all_text: bool = False,
    options: dict[str, ParamValue] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The SQL (and its parameters) that finds the rows of every diagnostic of a source in one scan: per file, for
    each finding, the numbers of its first ``LOCATED`` rows (column ``l<i>``).

    Why filtered first: the rows that are wrong in some column are few, and testing a value once per column
    (not once per touchpoint, filter and window of every job) keeps the scan at the cost of one condition.
    """
    compiler = Compiler(files, date, Window(), all_text, options)
    parts = [compiler.diagnosed(f.bound, f.what, f.undated_too) for f in findings]
    reader = compiler.reader(file_column=compiler.params.add(FILE_COLUMN))
    number = "file_row_number + 1" if files.format == "parquet" else "row_number() OVER ()"
    wrong = " OR ".join(f"({found})" for found in dict.fromkeys(found for _, found in parts))
    lists = "".join(
        f", min({ROW_COLUMN}, {LOCATED}) FILTER (WHERE {both(rows, found)}) AS l{i}"
        for i, (rows, found) in enumerate(parts)
    )
    text = (
        f'SELECT "{FILE_COLUMN}"{lists}\n'
        f"FROM (SELECT {number} AS {ROW_COLUMN}, * FROM {reader})\n"
        f'WHERE {wrong}\nGROUP BY "{FILE_COLUMN}"'
    )
    return text, compiler.params.values


def offsets_query(
    files: SourceFiles, all_text: bool, options: dict[str, ParamValue] | None
) -> tuple[str, dict[str, Any]]:
    """The rows of each file, for several CSV or JSON files (numbered through all of them): their offsets."""
    compiler = Compiler(files, None, Window(), all_text, options)
    reader = compiler.reader(file_column=compiler.params.add(FILE_COLUMN))
    return f'SELECT "{FILE_COLUMN}", count(*) FROM {reader} GROUP BY "{FILE_COLUMN}"', compiler.params.values


def numbered_through(files: SourceFiles) -> bool:
    """Whether row numbers run on from one file into the next (several CSV or JSON files), so each file's
    numbers need the rows of the files before it taken off; Parquet numbers each file's rows."""
    return files.format != "parquet" and len(files.paths) > 1


def read(
    rows: list[tuple[Any, ...]], files: SourceFiles, count: int, sizes: dict[str, int] | None = None
) -> list[Located]:
    """The query's rows as each finding's first ``LOCATED`` (file, number) pairs, files in the order read;
    ``sizes``: each file's rows when the numbers run on through the files."""
    shown = dict(zip(files.paths, files.shown, strict=True))
    before, total = {}, 0
    for path in files.paths:
        before[path] = total
        total += (sizes or {}).get(path, 0)
    order = {path: position for position, path in enumerate(files.paths)}
    per_file = sorted(rows, key=lambda row: order.get(str(row[0]), len(order)))
    located = []
    for i in range(count):
        found = [
            (shown.get(str(row[0]), str(row[0])), int(number) - before.get(str(row[0]), 0))
            for row in per_file
            for number in sorted(row[1 + i] or [])
        ]
        located.append(Located(tuple(found[:LOCATED])))
    return located
