"""Where a bad-data diagnostic's rows are: the first few row numbers of each export file, found by DuckDB.

Why a query of its own, run only when a check has failed: a clean run must cost
nothing more, and the numbers are needed only to say where to look. The query
reads the source once more, numbers its rows and keeps, per file, the number of
its first row and of the first ``LOCATED`` rows the diagnostic counted (``min(n,
k)``, a bounded aggregate): no row is brought into Python.

How rows are numbered (docs/decisions/0035-measure-bad-rows-located.md): data
rows from 1, the first row after the header being row 1, in every format.
Parquet has ``file_row_number``. A CSV or JSON reader has none, so rows are
numbered by ``row_number() OVER ()``, which DuckDB runs as a streaming window:
one thread reads the files in the order given, so the n-th row numbered is the
n-th row of the files; each file's own numbers start from its first row's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.measuring.compile import Bound, Compiler
from journeymap.measuring.plan import SourceFiles, Window
from journeymap.measuring.sql import ParamValue, Value

#: How many rows a diagnostic names: the first ones, in file order, then "and N more".
LOCATED = 5
#: The name the reader gives the column holding each row's file (an unlikely column name in an export).
FILE_COLUMN = "journeymap_source_file"
#: What a diagnostic counts: answers off the scale (``bad``), values that are no number or flag (``unparsed``),
#: dates that do not parse (``unparsed_dates``), rows without a date (``no_date``).
WHAT = ("bad", "unparsed", "unparsed_dates", "no_date")


@dataclass(frozen=True)
class Located:
    """The first rows of a diagnostic: (file as shown, row number from 1 after the header), in file order."""

    rows: tuple[tuple[str, int], ...]


def query(
    files: SourceFiles,
    bound: Bound | None,
    date: Value | None,
    what: str,
    all_text: bool = False,
    options: dict[str, ParamValue] | None = None,
    undated_too: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The SQL (and its parameters) that finds the rows a diagnostic counted: ``bound``'s rows for ``bad`` and
    ``unparsed`` (``undated_too``: and its rows without a readable date), the source's ``date`` column for
    ``unparsed_dates`` and ``no_date``."""
    compiler = Compiler(files, date, Window(), all_text, options)
    condition = compiler.diagnosed(bound, what, undated_too)
    reader = compiler.reader(file_column=compiler.params.add(FILE_COLUMN))
    number = "file_row_number + 1" if files.format == "parquet" else "row_number() OVER ()"
    text = (
        f"SELECT f, min(n) AS first, min(n, {LOCATED}) FILTER (WHERE bad) AS found\n"
        f'FROM (SELECT "{FILE_COLUMN}" AS f, {number} AS n, ({condition}) AS bad FROM {reader})\n'
        "GROUP BY f HAVING count_if(bad) > 0"
    )
    return text, compiler.params.values


def read(rows: list[tuple[Any, ...]], files: SourceFiles) -> Located:
    """The query's rows as the first ``LOCATED`` (file, number) pairs, files in the order they are read."""
    shown = dict(zip(files.paths, files.shown, strict=True))
    order = {path: position for position, path in enumerate(files.paths)}
    per_file = sorted(rows, key=lambda row: order.get(str(row[0]), len(order)))
    found = [
        (shown.get(str(path), str(path)), int(number) - int(first) + 1)
        for path, first, numbers in per_file
        for number in sorted(numbers)
    ]
    return Located(tuple(found[:LOCATED]))
