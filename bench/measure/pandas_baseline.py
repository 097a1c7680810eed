"""The pandas way: the same 40-touchpoint NPS / CSAT / CES aggregation, idiomatic and vectorised.

    python bench/measure/pandas_baseline.py /tmp/jm-bench/surveys.parquet > pandas.json
    python bench/measure/pandas_baseline.py /tmp/jm-bench/surveys.csv [pyarrow|c] > pandas.json

Reads only the four columns needed (for CSV with pyarrow's multi-threaded reader, the fastest pandas has,
or with ``c``, the reader ``pd.read_csv`` uses when no engine is named), derives the promoter,
detractor and satisfied flags as vectorised comparisons, and aggregates with
one ``groupby().agg()``. Prints JSON: touchpoint -> metric -> [value, n].
"""

from __future__ import annotations

import json
import sys

import pandas as pd

COLUMNS = ["touchpoint", "nps", "csat", "ces"]


def main(path: str, engine: str = "pyarrow") -> None:
    if path.endswith(".parquet"):
        frame = pd.read_parquet(path, columns=COLUMNS)
    else:
        frame = pd.read_csv(path, usecols=COLUMNS, engine=engine)
    frame = frame.assign(
        promoter=frame["nps"].ge(9).where(frame["nps"].notna()),
        detractor=frame["nps"].le(6).where(frame["nps"].notna()),
        satisfied=frame["csat"].ge(4).where(frame["csat"].notna()),
    )
    grouped = frame.groupby("touchpoint", sort=True).agg(
        n_nps=("nps", "count"),
        promoters=("promoter", "sum"),
        detractors=("detractor", "sum"),
        n_csat=("csat", "count"),
        satisfied=("satisfied", "sum"),
        n_ces=("ces", "count"),
        ces=("ces", "mean"),
        ces_sd=("ces", "std"),
    )
    found = {
        touchpoint: {
            "nps": [100 * (row.promoters - row.detractors) / row.n_nps, int(row.n_nps)],
            "csat": [row.satisfied / row.n_csat, int(row.n_csat)],
            "ces": [row.ces, int(row.n_ces)],
        }
        for touchpoint, row in grouped.iterrows()
    }
    json.dump(found, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
