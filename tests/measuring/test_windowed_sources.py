"""A source's date range and its date diagnostics follow one rule for every format and engine.

The rule: a source's ``dates`` are the first and last day of the rows its measures read (their window);
rows without a date (JM608) or with a date that does not parse (JM607) cannot be placed inside or outside a
window, so they are counted over the whole source. Parquet used to report the whole file's dates under
``--since`` (its column checks read the file's statistics) while CSV reported the window's.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli
from tests.measuring.helpers import TICKETS, workspace

MEASURES = """\
measures:
  phone-support:
    fcr: {source: tickets, share_of: first_contact_resolved}
    aht: {source: tickets, median: wait_seconds}
"""

#: The tickets export with one row that has no date and one whose date does not parse.
GAPS = TICKETS + "11,,2024-04-05 10:00:00,phone,phone-support,true,20,false,false\n"
UNPARSED = TICKETS + "12,someday,2024-04-05 10:00:00,phone,phone-support,true,20,false,false\n"


def definitions(folder: Path, file_format: str, tickets: str = TICKETS) -> Path:
    path = workspace(folder, MEASURES, tickets=tickets)
    if file_format == "parquet":
        csv = folder / "tickets.csv"
        columns = "{'opened_at': 'VARCHAR'}" if "someday" in tickets else "{}"
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv}', types = {columns})) TO '{folder / 'tickets.parquet'}'")
        path.write_text(path.read_text(encoding="utf-8").replace("tickets.csv", "tickets.parquet"), encoding="utf-8")
    return path


def snapshot(path: Path, *options: str) -> tuple[int, dict[str, object], str]:
    done = run_cli("measure", path, "-o", "-", *options)
    return done.code, json.loads(done.stdout) if done.stdout else {}, done.stderr


CASES = [("csv", ()), ("parquet", ()), ("csv", ("--engine", "ibis")), ("parquet", ("--engine", "ibis"))]


@pytest.mark.parametrize(("file_format", "engine"), CASES)
def test_a_source_date_range_is_the_rows_its_window_lets_in(
    tmp_path: Path, file_format: str, engine: tuple[str, ...]
) -> None:
    path = definitions(tmp_path, file_format)
    code, whole, _ = snapshot(path, *engine)
    assert code == 0
    assert whole["sources"]["tickets"]["dates"] == ["2024-01-02", "2024-04-02"]  # type: ignore[index]
    code, windowed, _ = snapshot(path, "--since", "2024-03-01", *engine)
    assert code == 0
    assert windowed["sources"]["tickets"]["dates"] == ["2024-03-11", "2024-04-02"]  # type: ignore[index]
    fcr = windowed["measures"]["phone-support"]["fcr"]  # type: ignore[index]
    assert (fcr["n"], fcr["dates"]) == (3, ["2024-03-11", "2024-04-02"])


@pytest.mark.parametrize(("file_format", "engine"), CASES)
def test_rows_without_a_date_are_counted_over_the_whole_source_in_every_format(
    tmp_path: Path, file_format: str, engine: tuple[str, ...]
) -> None:
    path = definitions(tmp_path, file_format, GAPS)
    code, found, _ = snapshot(path, "--since", "2024-03-01", *engine)
    assert code == 0
    messages = [d["message"] for d in found["diagnostics"] if d["code"] == "JM608"]  # type: ignore[union-attr, index]
    assert messages == [
        "1 row of source 'tickets' has no date in column 'opened_at'; "
        f"it is left out of every measure limited by since, until or period: tickets.{file_format} row 11"
    ]
    assert found["measures"]["phone-support"]["fcr"]["n"] == 3  # type: ignore[index]


@pytest.mark.parametrize(("file_format", "engine"), CASES)
def test_dates_that_do_not_parse_withhold_the_windowed_measures_in_every_format(
    tmp_path: Path, file_format: str, engine: tuple[str, ...]
) -> None:
    path = definitions(tmp_path, file_format, UNPARSED)
    code, _, stderr = snapshot(path, "--since", "2024-03-01", *engine)
    assert code == 1
    assert (
        "error[JM607] 1 row of source 'tickets' has a date in column 'opened_at' that does not parse "
        f"(e.g. 'someday'): tickets.{file_format} row 11\n"
    ) in stderr
    code, _, stderr = snapshot(path, *engine)
    assert code == 0, "without a window or period no measure reads the dates"
    assert "JM607" not in stderr


@pytest.mark.parametrize(("file_format", "engine"), CASES)
def test_bad_values_outside_the_window_are_not_reported_inside_they_are(
    tmp_path: Path, file_format: str, engine: tuple[str, ...]
) -> None:
    # ticket 1 (2024-01-02) waited -30 s: Parquet's column checks see it in the whole file, but only a
    # measure that reads January may report it
    path = definitions(tmp_path, file_format, TICKETS.replace("phone-support,true,30,", "phone-support,true,-30,"))
    code, found, stderr = snapshot(path, "--since", "2024-03-01", *engine)
    assert code == 0, stderr
    assert found["measures"]["phone-support"]["aht"]["n"] == 3  # type: ignore[index]
    code, _, stderr = snapshot(path, *engine)
    assert code == 1
    assert (
        "error[JM605] 1 duration from column 'wait_seconds' of source 'tickets' in phone-support.aht is negative "
        f"(lowest -30), of 7 rows: tickets.{file_format} row 1; the value is not computed"
    ) in stderr
