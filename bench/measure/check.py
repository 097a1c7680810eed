"""Check that journeymap, the hand-written SQL and the pandas script agree on every value and n.

    python bench/measure/check.py /tmp/jm-bench/parquet.measures.yaml /tmp/jm-bench/surveys.parquet

Why: a benchmark of three programs only means something if they compute the
same numbers; this runs all three once and compares to 1e-9.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from journeymap.measuring import measure

HERE = Path(__file__).resolve().parent


def main(definitions: str, data: str) -> None:
    measurement = measure(definitions)
    ours = {
        (r.job.touchpoint, r.job.metric): (r.figure.estimate.value, r.figure.estimate.n)
        for r in measurement.results
        if r.figure
    }
    for script in ("handwritten.py", "pandas_baseline.py"):
        output = subprocess.run(
            [sys.executable, str(HERE / script), data], check=True, capture_output=True, text=True
        ).stdout
        theirs = json.loads(output)
        compared = 0
        for (touchpoint, metric), (value, n) in ours.items():
            other = theirs[touchpoint][metric]
            if not (math.isclose(value, other[0], rel_tol=1e-9, abs_tol=1e-9) and n == other[1]):
                raise SystemExit(f"{script}: {touchpoint}.{metric} = {other[:2]}, journeymap says {(value, n)}")
            compared += 1
        print(f"{script}: {compared} values and n agree with journeymap")
    if len(ours) != 120:
        raise SystemExit(f"journeymap computed {len(ours)} of 120 values: {measurement.diagnostics[:3]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
