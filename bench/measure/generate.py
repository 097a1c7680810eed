"""Write the benchmark's exports and definitions, or the small bundled examples/data.

    python bench/measure/generate.py /tmp/jm-bench              # 10M survey rows (Parquet), 1M (CSV), definitions
    python bench/measure/generate.py /tmp/jm-bench --rows 100000 --csv-rows 10000   # a quick try
    python bench/measure/generate.py --examples                 # examples/data (a few thousand rows)

Deterministic: the same seed writes the same rows (journeymap/measuring/synthetic.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymap.measuring import synthetic

ROOT = Path(__file__).resolve().parents[2]
TOUCHPOINTS = 40


def definitions(files: str) -> str:
    """NPS, CSAT and CES for each of the 40 touchpoints, from one source."""
    lines = ["version: 1", "sources:", f"  surveys: {{files: {files}, touchpoint: touchpoint}}", "measures:"]
    for number in range(1, TOUCHPOINTS + 1):
        lines += [
            f"  touchpoint-{number:02d}:",
            "    nps: {source: surveys, answers: nps}",
            "    csat: {source: surveys, answers: csat}",
            "    ces: {source: surveys, answers: ces}",
        ]
    return "\n".join(lines) + "\n"


def benchmark(folder: Path, rows: int, csv_rows: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    synthetic.write_surveys(folder / "surveys.parquet", rows, seed=seed, touchpoints=TOUCHPOINTS)
    synthetic.write_surveys(folder / "surveys.csv", csv_rows, seed=seed, touchpoints=TOUCHPOINTS)
    (folder / "parquet.measures.yaml").write_text(definitions("surveys.parquet"), encoding="utf-8")
    (folder / "csv.measures.yaml").write_text(definitions("surveys.csv"), encoding="utf-8")


def examples(seed: int) -> None:
    """examples/data: the telecom journey's surveys and tickets, small enough to commit."""
    folder = ROOT / "examples" / "data"
    folder.mkdir(parents=True, exist_ok=True)
    synthetic.write_surveys(folder / "telecom-surveys.csv", 3000, seed=seed, threads=1)
    synthetic.write_tickets(folder / "telecom-tickets.csv", 2000, seed=seed, threads=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rows", type=int, default=10_000_000, help="Parquet survey rows")
    parser.add_argument("--csv-rows", type=int, default=1_000_000, help="CSV survey rows")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--examples", action="store_true", help="write examples/data instead")
    args = parser.parse_args()
    if args.examples:
        examples(args.seed)
    elif args.folder:
        benchmark(args.folder, args.rows, args.csv_rows, args.seed)
    else:
        parser.error("give a folder, or --examples")


if __name__ == "__main__":
    main()
