"""How each command scales from 1,000 to 10,000 touchpoints, net of start-up, and its peak memory.

    python bench/scaling.py                       # sizes 10 (start-up), 1000, 10000; 1 run each
    python bench/scaling.py --runs 3 --markdown /tmp/scaling.md

Every figure is a whole process (``python -m journeymap``, so the code on PYTHONPATH is the
one measured). Time is CPU time (user + system, Graphviz included: the child processes are
counted), because a shared machine's wall time says more about its other jobs than about
journeymap; wall time is printed too. Start-up is the same command on a 10-touchpoint
journey, and the ratio is (t(10,000) - start-up) / (t(1,000) - start-up): the target is 11x
at most. Peak memory is the largest resident set of the process or any child it waited for
(Graphviz's ``dot`` included). A command that refuses a size (exit 2, e.g. the flow view
above 2,000 touchpoints) is shown as refused, with its time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import journey

#: The target of issue #14: x10 touchpoints, at most x11 the time, net of start-up.
TARGET_RATIO = 11.0


@dataclass(frozen=True)
class Run:
    cpu: float
    wall: float
    peak_mib: float
    code: int


def commands(path: Path, out: Path) -> dict[str, list[str]]:
    """The commands measured, each writing into ``out`` (never over another's output)."""
    jm = [sys.executable, "-m", "journeymap"]
    p = str(path)
    return {
        "validate": [*jm, "validate", p],
        "score": [*jm, "score", p, "--format", "json"],
        "audit": [*jm, "audit", p, "--format", "json", "--fail-on", "never"],
        "render map svg": [*jm, "render", p, "-o", str(out / "map.svg")],
        "render map dot": [*jm, "render", p, "-f", "dot", "-o", str(out / "map.dot")],
        "render flow svg": [*jm, "render", p, "--view", "flow", "-o", str(out / "flow.svg")],
        "render mermaid": [*jm, "render", p, "-f", "mermaid", "-o", str(out / "map.mmd")],
        "report html": [*jm, "report", p, "-o", str(out / "report" / "report.html")],
    }


def run_once(command: list[str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        raise RuntimeError(f"{' '.join(command)} exited {code}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, code)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.cpu for r in runs),
        statistics.median(r.wall for r in runs),
        max(r.peak_mib for r in runs),
        runs[0].code,
    )


def cell(run: Run) -> str:
    refused = " (refused, exit 2)" if run.code == 2 else ""
    return f"{run.cpu:.2f} s ({run.wall:.1f} s wall) / {run.peak_mib:.0f} MiB{refused}"


def ratio(small: Run, big: Run, start: Run) -> str:
    net_small, net_big = small.cpu - start.cpu, big.cpu - start.cpu
    if big.code == 2:
        return "refused at 10,000"
    if net_small <= 0:
        return "n/a"
    value = net_big / net_small
    return f"{value:.1f}x {'met' if value <= TARGET_RATIO else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description="How each command scales from 1,000 to 10,000 touchpoints.")
    parser.add_argument("--sizes", type=int, nargs=3, default=[10, 1000, 10000], metavar=("START", "SMALL", "BIG"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="measure only these commands (names as in the table)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    import yaml

    start_size, small_size, big_size = args.sizes
    results: dict[str, dict[int, Run]] = {}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for size in args.sizes:
            path = work / f"journey-{size}.yaml"
            path.write_text(yaml.safe_dump(journey(size), allow_unicode=True, sort_keys=False), encoding="utf-8")
            out = work / f"out-{size}"
            (out / "report").mkdir(parents=True)
            for name, command in commands(path, out).items():
                if args.only and name not in args.only:
                    continue
                measured = median([run_once(command) for _ in range(args.runs)])
                results.setdefault(name, {})[size] = measured
                print(f"{size:>6} {name:<18} {cell(measured)}", file=sys.stderr, flush=True)
    head = f"| command | {start_size:,} tp (start-up) | {small_size:,} tp | {big_size:,} tp | x net of start-up |"
    lines = [head, "|---|---:|---:|---:|---|"]
    for name, by_size in results.items():
        start, small, big = by_size[start_size], by_size[small_size], by_size[big_size]
        lines.append(f"| {name} | {cell(start)} | {cell(small)} | {cell(big)} | {ratio(small, big, start)} |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table = f"CPU time (wall time) / peak RSS, median of {args.runs} run(s); {machine}.\n\n" + "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
