"""The queries alone, in one process: journeymap's compiled SQL against the hand-written one, alternately.

    python bench/measure/query_only.py /tmp/measure-bench/parquet.measures.yaml /tmp/measure-bench/surveys.parquet
    python bench/measure/query_only.py DEFINITIONS DATA --profile    # also DuckDB's own profile of each

Why: whole-process timings include Python's start-up (the CLI, pydantic, the
YAML reader), a fixed ~0.3 s; this shows what the compiler itself costs.
Prints the median of 9 runs of each, wall clock and process CPU (DuckDB's
threads included), and their ratios. Journeymap's query is what its run sends
after the column check (for Parquet, also after the minimum and maximum taken
from the file's statistics); for CSV its CSV options come from one
``sniff_csv``, which is timed with it, as the hand-written ``read_csv`` sniffs
inside its query. ``--profile`` prints, per query, DuckDB's profile of one
more run: the operators' time summed over DuckDB's threads (on a busy machine it
counts time a thread waited for a core), rows and bytes read, and the time spent planning.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from journeymap.measuring import bind
from journeymap.measuring.compile import compile_source
from journeymap.measuring.duckdb_engine import Engine
from journeymap.measuring.load import load_definitions
from journeymap.measuring.plan import jobs, source_files

HERE = Path(__file__).resolve().parent


def journeymap_query(definitions: str) -> Callable[[duckdb.DuckDBPyConnection], object]:
    """journeymap's query for the definitions' one source, as a function of a connection (CSV: sniff included)."""
    loaded = load_definitions(definitions)
    assert loaded.definitions is not None
    planned = list(enumerate(jobs(loaded.definitions)))
    files = source_files(loaded, "surveys", loaded.definitions.sources["surveys"])
    with Engine() as engine:
        types, options = engine._describe(files, False)
        bound = bind.bind(loaded, files, types, planned)
        checks = engine._checks(files, bound, False, options) if files.format == "parquet" else None
        query = compile_source(files, bound.bounds, None, checks, options=options)
    if files.format != "csv":
        return lambda connection: connection.execute(query.sql, query.params).fetchall()

    def sniffed_and_run(connection: duckdb.DuckDBPyConnection) -> object:
        connection.execute("SELECT * FROM sniff_csv($file)", {"file": files.paths[0]}).fetchall()
        return connection.execute(query.sql, query.params).fetchall()

    return sniffed_and_run


def hand_written_query(data: str) -> Callable[[duckdb.DuckDBPyConnection], object]:
    text = (HERE / "handwritten.py").read_text(encoding="utf-8").split('QUERY = """')[1].split('"""')[0]
    sql = text.format(reader="read_parquet($file)" if data.endswith(".parquet") else "read_csv($file)")
    return lambda connection: connection.execute(sql, {"file": data}).fetchall()


def profile(connection: duckdb.DuckDBPyConnection, run: Callable[[duckdb.DuckDBPyConnection], object]) -> str:
    """DuckDB's profile of one run (its last query): operators' time over all threads, rows and bytes read, planning."""
    handle, path = tempfile.mkstemp(suffix=".json")
    os.close(handle)
    try:
        connection.execute("PRAGMA enable_profiling = 'json'")
        connection.execute(f"PRAGMA profiling_output = '{path}'")
        run(connection)
        connection.execute("PRAGMA disable_profiling")
        found: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    finally:
        os.unlink(path)
    query = found["query"]
    return (
        f"operators {query['cpu_time']:.3f} s, {query['total_rows_scanned']:,} rows, "
        f"{found['io']['total_bytes_read']:,} bytes read, planning {found['planner']['total_time'] * 1000:.1f} ms"
    )


def main(definitions: str, data: str, profiled: bool) -> None:
    runs = {"journeymap": journeymap_query(definitions), "hand-written": hand_written_query(data)}
    connection = duckdb.connect()
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(9):
        for name, run in runs.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            run(connection)
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    for name in runs:
        print(f"{name:13s} median {statistics.median(wall[name]):.3f} s wall, {statistics.median(cpu[name]):.3f} s CPU")
    ratios = [a / b for a, b in zip(cpu["journeymap"], cpu["hand-written"], strict=True)]
    wall_ratio = statistics.median(wall["journeymap"]) / statistics.median(wall["hand-written"])
    print(f"ratio journeymap / hand-written: {wall_ratio:.2f} wall, {statistics.median(ratios):.2f} CPU (pairwise)")
    if profiled:
        for name, run in runs.items():
            print(f"{name:13s} {profile(connection, run)}")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--profile"]
    main(arguments[0], arguments[1], "--profile" in sys.argv[1:])
