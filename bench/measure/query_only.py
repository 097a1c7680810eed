"""The queries alone, in one process: journeymap's compiled SQL against the hand-written one, alternately.

    python bench/measure/query_only.py /tmp/jm-bench/parquet.measures.yaml /tmp/jm-bench/surveys.parquet

Why: whole-process timings include Python's start-up (the CLI, pydantic, the
YAML reader), a fixed ~0.3 s; this shows what the compiler itself costs.
Prints the median of 9 runs of each and their ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import duckdb

from journeymap.measuring import bind
from journeymap.measuring.compile import compile_source
from journeymap.measuring.duckdb_engine import Engine
from journeymap.measuring.load import load_definitions
from journeymap.measuring.plan import jobs, source_files

HERE = Path(__file__).resolve().parent


def main(definitions: str, data: str) -> None:
    loaded = load_definitions(definitions)
    assert loaded.definitions is not None
    planned = list(enumerate(jobs(loaded.definitions)))
    with Engine() as engine:
        files = source_files(loaded, "surveys", loaded.definitions.sources["surveys"])
        types, options = engine._describe(files, False)
        bound = bind.bind(loaded, files, types, planned)
        checks = engine._checks(files, bound, False, options) if files.format == "parquet" else None
        query = compile_source(files, bound.bounds, None, checks, options=options)
    text = (HERE / "handwritten.py").read_text(encoding="utf-8").split('QUERY = """')[1].split('"""')[0]
    hand = text.format(reader="read_parquet($file)" if data.endswith(".parquet") else "read_csv($file)")
    connection = duckdb.connect()
    times: dict[str, list[float]] = {"journeymap": [], "hand-written": []}
    runs = {"journeymap": (query.sql, query.params), "hand-written": (hand, {"file": data})}
    for _ in range(9):
        for name, (sql, params) in runs.items():
            started = time.perf_counter()
            connection.execute(sql, params).fetchall()
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:13s} median {median:.3f} s")
    print(f"ratio journeymap / hand-written: {medians['journeymap'] / medians['hand-written']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
