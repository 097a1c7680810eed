"""Bad data through ``journeymap measure``, in CSV and in Parquet: every diagnostic names the source, the
column and how many rows, at the line of the definitions that asked for the value."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli

TICKETS = """\
ticket_id,opened_at,touchpoint,channel,wait_seconds,csat
1,2024-01-02,phone,phone,30,5
2,2024-01-03,phone,phone,45,7
3,DATE,phone,phone,60,4
4,2024-02-01,chat,chat,90,0
5,2024-02-05,chat,chat,120,3
"""

DEFINITIONS = """\
version: 1
since: 2024-01-01
sources:
  tickets: {files: tickets.FORMAT, date: opened_at, touchpoint: touchpoint}
measures:
  phone:
    csat: {source: tickets, answers: csat}
    waiting_time: {source: tickets, mean: wait_secs}
  chat:
    csat: {source: tickets, answers: csat}
    aht: {source: tickets, median: wait_seconds, where: {channel: email}}
"""


def measured(folder: Path, file_format: str, date: str) -> str:
    csv = folder / "tickets.csv"
    csv.write_text(TICKETS.replace("DATE", date), encoding="utf-8")
    if file_format == "parquet":
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv}', types = {{'opened_at': 'VARCHAR'}})) TO '{csv}.parquet'")
        (folder / "tickets.csv.parquet").rename(folder / "tickets.parquet")
    path = folder / "bad.measures.yaml"
    path.write_text(DEFINITIONS.replace("FORMAT", file_format), encoding="utf-8")
    done = run_cli("measure", path, "-o", folder / "out.json")
    assert done.code == 1
    return done.stderr


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_a_date_that_does_not_parse_and_a_missing_column(tmp_path: Path, file_format: str) -> None:
    stderr = measured(tmp_path, file_format, "2024-01-0x")
    column = 39 if file_format == "csv" else 43  # the source's `date:`, after its file name
    assert (
        f"bad.measures.yaml:4:{column}: error[JM607] 1 row of source 'tickets' has a date in column 'opened_at' "
        f"that does not parse (e.g. '2024-01-0x'): tickets.{file_format} row 3\n"
    ) in stderr
    assert (
        f"bad.measures.yaml:8:43: error[JM603] column 'wait_secs' (phone.waiting_time mean) is not in source "
        f"'tickets' (tickets.{file_format})"
    ) in stderr
    assert "did you mean 'wait_seconds'?" in stderr


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_answers_off_the_scale_and_an_empty_filter(tmp_path: Path, file_format: str) -> None:
    stderr = measured(tmp_path, file_format, "2024-01-04")
    assert (
        "bad.measures.yaml:7:11: error[JM605] 1 answer in column 'csat' of source 'tickets' for phone.csat is "
        f"not a whole number from 1 to 5 (lowest 7, highest 7), of 3 rows: tickets.{file_format} row 2; "
        "the value is not computed"
    ) in stderr
    assert (
        "bad.measures.yaml:10:11: error[JM605] 1 answer in column 'csat' of source 'tickets' for chat.csat is not "
        f"a whole number from 1 to 5 (lowest 0, highest 0), of 2 rows: tickets.{file_format} row 4;"
    ) in stderr
    assert (
        "bad.measures.yaml:11:10: error[JM606] no rows of source 'tickets' match chat.aht: the `where` filter on "
        "'channel' leaves none of its 2 rows"
    ) in stderr
