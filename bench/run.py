"""Benchmark journeymap against the parse limit and a peer, per journey size.

    python bench/run.py                  # sizes 10, 100, 1000, 10000; 5 runs each
    python bench/run.py --sizes 10 100 --runs 3 --markdown bench/RESULTS.md

Every figure is the median wall time of whole-process runs (start-up
included, as a pre-commit hook or CI step pays it) and the peak RSS of the
slowest of them. Commands missing from this version are skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import journey

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_kib: int


def run_once(command: list[str], cwd: Path) -> Measurement:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}")
    return Measurement(elapsed, usage.ru_maxrss)


def median_run(command: list[str], cwd: Path, runs: int) -> Measurement:
    measurements = [run_once(command, cwd) for _ in range(runs)]
    return Measurement(statistics.median(m.seconds for m in measurements), max(m.peak_kib for m in measurements))


def commands(path: Path, schema: Path, out: Path) -> dict[str, list[str]]:
    journeymap = [str(BIN / "journeymap")]
    available = subprocess.run([*journeymap, "--help"], capture_output=True, text=True, check=False).stdout
    table = {
        "parse limit (PyYAML C loader)": [
            sys.executable,
            "-c",
            f"import yaml; yaml.load(open({str(path)!r}, 'rb'), Loader=yaml.CSafeLoader)",
        ],
        "journeymap validate": [*journeymap, "validate", str(path)],
        "check-jsonschema (peer)": [str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(path)],
        "journeymap score": [*journeymap, "score", str(path), "--format", "json"],
        "journeymap audit": [*journeymap, "audit", str(path), "--format", "json", "--fail-on", "never"],
        "journeymap render (svg)": [*journeymap, "render", str(path), "-o", str(out / "map.svg")],
        "journeymap report (html)": [*journeymap, "report", str(path), "-o", str(out / "report.html")],
    }
    return {
        name: command
        for name, command in table.items()
        if not name.startswith("journeymap ") or f" {name.split()[1]} " in available.replace("│", " ")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark journeymap per journey size.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    import yaml

    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        schema = work / "schema.json"
        subprocess.run([str(BIN / "journeymap"), "schema", "-o", str(schema)], check=True)
        rows: dict[str, dict[int, Measurement]] = {}
        for size in args.sizes:
            path = work / f"journey-{size}.yaml"
            path.write_text(yaml.safe_dump(journey(size), allow_unicode=True, sort_keys=False), encoding="utf-8")
            for name, command in commands(path, schema, work).items():
                try:
                    rows.setdefault(name, {})[size] = median_run(command, work, args.runs)
                except RuntimeError as error:
                    print(f"{size:>6} {name:<32} failed: {error}", file=sys.stderr)
                    continue
                print(f"{size:>6} {name:<32} {rows[name][size].seconds:8.3f} s", file=sys.stderr)
        version = median_run([str(BIN / "journeymap"), "--version"], work, max(args.runs, 10))
    table = markdown(rows, args.sizes, version, args.runs)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


def markdown(rows: dict[str, dict[int, Measurement]], sizes: list[int], version: Measurement, runs: int) -> str:
    head = "| command | " + " | ".join(f"{s:,} tp" for s in sizes) + " |"
    rule = "|---|" + "---:|" * len(sizes)
    lines = [head, rule]
    for name, by_size in rows.items():
        cells = [
            f"{by_size[s].seconds:.3f} s / {by_size[s].peak_kib / 1024:.0f} MiB" if s in by_size else "failed"
            for s in sizes
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return (
        f"Median of {runs} whole-process runs (wall time / peak RSS); {machine}.\n\n"
        + "\n".join(lines)
        + f"\n\n`journeymap --version`: {version.seconds * 1000:.0f} ms median.\n"
    )


if __name__ == "__main__":
    if shutil.which("dot") is None:
        print("warning: Graphviz is not installed; render will fail", file=sys.stderr)
    main()
