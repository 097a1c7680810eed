"""The yardstick: the same 40-touchpoint NPS / CSAT / CES aggregation, written by hand in DuckDB SQL.

    python bench/measure/handwritten.py /tmp/jm-bench/surveys.parquet > hand.json

One GROUP BY over the file, the counts and sums every value and interval
needs (n, promoters, detractors, satisfied, CES sum and sum of squares), with
``count_if`` as an expert would write it; the 95% intervals are then computed
in Python, like journeymap does. Prints JSON: touchpoint -> metric -> [value, n].
"""

from __future__ import annotations

import json
import math
import sys

import duckdb

QUERY = """
SELECT touchpoint,
  count(nps), count_if(nps >= 9), count_if(nps <= 6),
  count(csat), count_if(csat >= 4),
  count(ces), sum(ces::DOUBLE), sum(ces::DOUBLE * ces)
FROM {reader}
GROUP BY touchpoint
ORDER BY touchpoint
"""


def main(path: str) -> None:
    reader = "read_parquet($file)" if path.endswith(".parquet") else "read_csv($file)"
    rows = duckdb.connect().execute(QUERY.format(reader=reader), {"file": path}).fetchall()
    found = {}
    for touchpoint, n_nps, promoters, detractors, n_csat, satisfied, n_ces, total, squares in rows:
        p, d = promoters / n_nps, detractors / n_nps
        nps_half = 1.96 * 100 * math.sqrt((p + d - (p - d) ** 2) / n_nps)
        share = satisfied / n_csat
        mean = total / n_ces
        ces_half = 1.96 * math.sqrt((squares - total * total / n_ces) / (n_ces - 1) / n_ces)
        found[touchpoint] = {
            "nps": [100 * (p - d), n_nps, nps_half],
            "csat": [share, n_csat],
            "ces": [mean, n_ces, ces_half],
        }
    json.dump(found, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
