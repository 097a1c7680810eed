"""Two whole commands, A and B, run in turn (A B A B ...) under ``/usr/bin/time -f '%U %S'``; the CPU ratio A/B.

    python bench/pairs.py --pairs 10 "journeymap validate /tmp/su/j10.yaml" "yamllint /tmp/su/j10.yaml"

Why pairs: on a shared machine the load changes from one second to the next, so
A and B are run back to back and the ratio is taken pair by pair; the median of
those ratios is the figure quoted (issues #14 and #17). CPU is user + system
time of the finished child as the OS accounts it (what ``/usr/bin/time`` reports,
10 ms resolution), wall time as ``%e``. One warm-up run of each first, so both
read their files and bytecode from a warm cache. Python's bytecode cache is
left on (``PYTHONDONTWRITEBYTECODE`` removed), as installed software has it.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import tempfile


def timed(command: str, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``command``; its output is discarded."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        argv = ["/usr/bin/time", "-o", report.name, "-f", "%U %S %e", *shlex.split(command)]
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        user, system, wall = (float(x) for x in report.read().split()[-3:])
    return user + system, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", help="the command measured")
    parser.add_argument("b", help="the yardstick")
    parser.add_argument("--pairs", type=int, default=10)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    timed(args.a, env), timed(args.b, env)
    a_runs, b_runs = [], []
    for _ in range(args.pairs):
        a_runs.append(timed(args.a, env))
        b_runs.append(timed(args.b, env))
    cpu = [a[0] / b[0] for a, b in zip(a_runs, b_runs, strict=True)]
    wall = [a[1] / b[1] for a, b in zip(a_runs, b_runs, strict=True)]
    print(f"A: {args.a}\nB: {args.b}")
    for label, i in (("CPU ", 0), ("wall", 1)):
        a_median, b_median = statistics.median(a[i] for a in a_runs), statistics.median(b[i] for b in b_runs)
        print(f"{label} A median {a_median:.3f} s, B median {b_median:.3f} s")
    print(f"A/B CPU median of pairs {statistics.median(cpu):.2f} (min {min(cpu):.2f}, max {max(cpu):.2f})")
    print(f"A/B wall median of pairs {statistics.median(wall):.2f}")
    print(f"pairs (CPU ratio): {' '.join(f'{r:.2f}' for r in cpu)}; load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
