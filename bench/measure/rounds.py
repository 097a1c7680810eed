"""Several whole commands run in turn, round after round; each one's CPU, wall time and peak, and its ratio to the last.

    python bench/measure/rounds.py 15 "journeymap measure D/parquet.measures.yaml -o D/out.json" \\
        "python bench/measure/floor.py measure D/parquet.measures.yaml -o D/x.json" \\
        "python bench/measure/handwritten.py D/surveys.parquet"

Why rounds: on a shared machine the load changes from one second to the next,
so every command runs once per round (A B C, A B C, ...) and each ratio to the
last command (the yardstick) is taken within a round; the median of those
ratios is the figure quoted, as ``bench/pairs.py`` does for two commands. CPU is
user + system time of the finished child (``os.wait4``), peak its maximum
resident set. One warm-up run of each first; Python's bytecode cache left on.
A command that fails stops the measurement; exit code 1 is a run (``measure`` says so when the data have
problems, which is what a bad-data benchmark measures).
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time


def timed(command: str, env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, peak KiB) of one run of ``command``; its output is discarded."""
    started = time.perf_counter()
    child = subprocess.Popen(shlex.split(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) > 1:
        raise SystemExit(f"failed ({status}): {command}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss


def main(rounds: int, commands: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands:
        timed(command, env)
    runs: dict[str, list[tuple[float, float, int]]] = {command: [] for command in commands}
    for _ in range(rounds):
        for command in commands:
            runs[command].append(timed(command, env))
    yardstick = runs[commands[-1]]
    for command, measured in runs.items():
        cpu = [a[0] / b[0] for a, b in zip(measured, yardstick, strict=True)]
        wall = [a[1] / b[1] for a, b in zip(measured, yardstick, strict=True)]
        print(
            f"{statistics.median(m[0] for m in measured):6.3f} s CPU {statistics.median(m[1] for m in measured):6.3f} s"
            f" wall {max(m[2] for m in measured) / 1024:5.0f} MiB  CPU x{statistics.median(cpu):.2f}"
            f" ({min(cpu):.2f}-{max(cpu):.2f}) wall x{statistics.median(wall):.2f}  {command}"
        )
    print(f"{rounds} rounds; load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
