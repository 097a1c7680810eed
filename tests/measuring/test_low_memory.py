"""A memory limit below the export's size: CSV read in smaller buffers, the same snapshot bytes.

DuckDB's CSV reader takes buffers of up to 32 MB whatever the memory limit, so
without ``buffer_size`` an export larger than the limit failed with "out of
memory" (exit 2) though the aggregate itself needs little memory.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.measuring import EngineOptions
from journeymap.measuring.duckdb_engine import CSV_BUFFER, MIN_CSV_BUFFER, Engine, memory_bytes
from tests.conftest import run_cli

MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("30.5 MiB", int(30.5 * MIB)),
        ("1.8 GiB", int(1.8 * 1024 * MIB)),
        ("512 bytes", 512),
        ("0 bytes", 0),
        ("2 TiB", 2 * 1024**4),
        ("80%", None),
        ("", None),
        ("lots", None),
    ],
)
def test_memory_bytes_reads_duckdbs_own_words(setting: str, expected: int | None) -> None:
    assert memory_bytes(setting) == expected


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=1, max_value=64 * 1024).map(lambda mb: f"{mb}MB"))
def test_memory_bytes_of_any_limit_is_the_limit_duckdb_set(limit: str) -> None:
    """Whatever limit is asked for, the setting DuckDB reports back reads as that many bytes (to its rounding)."""
    connection = duckdb.connect(config={"memory_limit": limit})
    try:
        reported = connection.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    finally:
        connection.close()
    found = memory_bytes(reported)
    assert found is not None, reported
    asked = int(limit[:-2]) * 1_000_000
    assert abs(found - asked) <= 0.06 * asked, (limit, reported, found)


@pytest.mark.parametrize(
    ("limit", "threads", "expected"),
    [
        ("16MB", 2, {"buffer_size": MIN_CSV_BUFFER}),  # a quarter of 7.6 MiB is under DuckDB's longest line
        ("64MB", 2, {"buffer_size": int(61.0 * MIB) // 8}),
        ("64MB", 1, {"buffer_size": int(61.0 * MIB) // 4}),
        ("2GB", 2, {}),  # DuckDB's own 32 MB buffers fit: its choice is kept, the query is as before
        ("512MB", 2, {}),
    ],
)
def test_csv_buffer_is_a_quarter_of_each_threads_share(limit: str, threads: int, expected: dict[str, int]) -> None:
    with Engine(EngineOptions(memory_limit=limit, threads=threads)) as engine:
        assert engine.csv_reading() == expected
    assert all(size < CSV_BUFFER for size in expected.values())


def _export(folder: Path, text_at: int | None) -> Path:
    """About 19 MB of survey answers (more than the 16 MB limit below), and definitions reading them.

    ``text_at``: the row whose answer is ``n/a``, far below what the CSV sniffer samples, so the column is
    sniffed as numbers and the whole file is read again as text (JM604), under the same limit.
    """
    bad = "" if text_at is None else f"WHEN i = {text_at} THEN 'n/a' "
    connection = duckdb.connect()
    connection.execute(
        "COPY (SELECT 'tp-' || (i % 7) AS touchpoint,"
        f" CASE {bad}WHEN i % 13 = 0 THEN NULL ELSE (i % 11)::VARCHAR END AS nps,"
        " 1 + i % 5 AS csat, 'an answer kept as free text, ' || i AS comment FROM range(400000) AS r(i))"
        " TO '" + str(folder / "surveys.csv") + "' (HEADER)"
    )
    connection.close()
    definitions = folder / "big.measures.yaml"
    definitions.write_text(
        "version: 1\nsources:\n  surveys: {files: surveys.csv, touchpoint: touchpoint}\nmeasures:\n"
        "  tp-2:\n    nps: {source: surveys, answers: nps}\n    csat: {source: surveys, answers: csat}\n",
        encoding="utf-8",
    )
    return definitions


@pytest.mark.parametrize(
    ("text_at", "engine", "code", "found"),
    [
        (None, "duckdb", 0, b'"diagnostics": []'),
        (390000, "duckdb", 1, b'"JM604"'),
        (None, "ibis", 0, b'"diagnostics": []'),  # Ibis's DuckDB reads the files with the same options
    ],
)
def test_a_csv_larger_than_the_memory_limit_is_measured_to_the_same_bytes(
    tmp_path: Path, text_at: int | None, engine: str, code: int, found: bytes
) -> None:
    definitions = _export(tmp_path, text_at)
    assert (tmp_path / "surveys.csv").stat().st_size > 16_000_000
    limited = ("--memory-limit", "16MB", "--threads", "2", "--engine", engine)
    low = run_cli("measure", str(definitions), *limited, "-o", str(tmp_path / "a"))
    assert low.code == code, low.output
    default = run_cli("measure", str(definitions), "-o", str(tmp_path / "b"))
    assert default.code == code, default.output
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    assert found in (tmp_path / "a").read_bytes()
