"""Every ratio issue #14 sets a target for, measured in one run, each pair in alternation.

    python bench/ratios.py --yamllint /path/to/yamllint --mmdc .tools/npm/node_modules/.bin/mmdc
    python bench/ratios.py --pairs 5 --markdown /tmp/ratios.md

A pair is two whole processes run in turn (A, B, A, B, ...) after one warm-up each; the
ratio A/B is taken pair by pair and the median quoted, so a shared machine's drift moves
both sides of a pair alike. CPU time is user + system of the process and every child it
waited for (Graphviz's ``dot``, Chromium under Mermaid's CLI); wall time is what a user
waits. Which one a target reads is stated in its row: CPU where both sides are one
process tree doing the same work, wall against Mermaid's CLI (whose browser runs several
processes at once, and whose start-up is what a user of it pays).

Peers are optional: a row whose peer is not installed is left out, and says so.
yamllint is not a dependency of journeymap (install it in its own virtualenv);
Mermaid's CLI is what ``scripts/bootstrap --dev`` installs in ``.tools/npm``, driven
with Debian's Chromium and its text-size limit raised so it draws 1,000 tasks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JOURNEYMAP = [sys.executable, "-m", "journeymap"]


@dataclass(frozen=True)
class Run:
    cpu: float
    wall: float
    peak_mib: float


@dataclass(frozen=True)
class Pair:
    """One comparison: A against its yardstick B, and which clock the target reads."""

    name: str
    a: list[str]
    b: list[str]
    clock: str  # "cpu" or "wall"
    target: str


# Python's bytecode cache left on, as installed software has it: without it every run
# compiles journeymap's own modules from source again (about 0.1 s of CPU per process).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], cwd: Path) -> Run:
    """One whole process; its CPU includes every child it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {code}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def alternate(pair: Pair, cwd: Path, pairs: int) -> tuple[list[Run], list[Run]]:
    """Warm both up once, then run A and B in turn ``pairs`` times."""
    run_once(pair.a, cwd)
    run_once(pair.b, cwd)
    a_runs: list[Run] = []
    b_runs: list[Run] = []
    for _ in range(pairs):
        a_runs.append(run_once(pair.a, cwd))
        b_runs.append(run_once(pair.b, cwd))
    return a_runs, b_runs


def median_of(runs: list[Run], clock: Callable[[Run], float]) -> float:
    return statistics.median(clock(run) for run in runs)


def row(pair: Pair, a_runs: list[Run], b_runs: list[Run]) -> str:
    """One Markdown row: medians of each side, then the pairwise median ratio on both clocks."""
    cpu_ratio = statistics.median(a.cpu / b.cpu for a, b in zip(a_runs, b_runs, strict=True))
    wall_ratio = statistics.median(a.wall / b.wall for a, b in zip(a_runs, b_runs, strict=True))
    chosen = cpu_ratio if pair.clock == "cpu" else wall_ratio
    return (
        f"| {pair.name} | {median_of(a_runs, lambda r: r.cpu):.3f} / {median_of(b_runs, lambda r: r.cpu):.3f} s"
        f" | {median_of(a_runs, lambda r: r.wall):.3f} / {median_of(b_runs, lambda r: r.wall):.3f} s"
        f" | {cpu_ratio:.2f}x | {wall_ratio:.2f}x | **{chosen:.2f}x** ({pair.clock}) | {pair.target} |"
        f" {max(r.peak_mib for r in a_runs):.0f} / {max(r.peak_mib for r in b_runs):.0f} MiB |"
    )


def write_inputs(work: Path, sizes: list[int]) -> dict[int, Path]:
    """Generated in a child process: a parent grown by a big journey would inflate every
    child's peak memory (the fork copies its pages before the exec)."""
    paths = {}
    for size in sizes:
        path = work / f"j{size}.yaml"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), "-o", str(path)], check=True)
        paths[size] = path
    return paths


def mermaid_inputs(work: Path, paths: dict[int, Path]) -> dict[int, Path]:
    """The Mermaid export of each journey: the same tasks, drawn by Mermaid's own CLI."""
    out = {}
    for size, path in paths.items():
        target = work / f"j{size}.mmd"
        subprocess.run([*JOURNEYMAP, "render", str(path), "-f", "mermaid", "-o", str(target)], check=True)
        out[size] = target
    return out


def mmdc_configs(work: Path) -> tuple[Path, Path]:
    browser = work / "puppeteer.json"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    browser.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox", "--disable-gpu"]}))
    limits = work / "mermaid.json"
    limits.write_text(json.dumps({"maxTextSize": 100_000_000}))
    return browser, limits


def comparisons(work: Path, args: argparse.Namespace) -> list[Pair]:
    paths = write_inputs(work, [10, 100, 1000, 10000])
    big, small = str(paths[10000]), str(paths[10])
    pairs = [
        Pair(
            "validate 10,000 tp / compose-only (GC off)",
            [*JOURNEYMAP, "validate", big],
            [sys.executable, str(HERE / "compose_only.py"), big],
            "cpu",
            "at most 2.5x (aim 2x)",
        ),
        Pair(
            "score 10,000 tp / validate",
            [*JOURNEYMAP, "score", big, "--format", "json"],
            [*JOURNEYMAP, "validate", big],
            "cpu",
            "at most 1.5x",
        ),
        Pair(
            "audit 10,000 tp / validate",
            [*JOURNEYMAP, "audit", big, "--format", "json", "--fail-on", "never"],
            [*JOURNEYMAP, "validate", big],
            "cpu",
            "at most 1.5x",
        ),
    ]
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if checker:
        schema = work / "schema.json"
        subprocess.run([*JOURNEYMAP, "schema", "-o", str(schema)], check=True)
        for size in (10, 1000, 10000):
            pairs.append(
                Pair(
                    f"validate {size:,} tp / check-jsonschema",
                    [*JOURNEYMAP, "validate", str(paths[size])],
                    [checker, "--schemafile", str(schema), str(paths[size])],
                    "cpu",
                    "below 1x (faster than the peer)",
                )
            )
    if args.yamllint:
        pairs.append(
            Pair(
                "validate 10 tp / yamllint",
                [*JOURNEYMAP, "validate", small],
                [args.yamllint, small],
                "cpu",
                "at most 1.5x",
            )
        )
    if args.mmdc:
        browser, limits = mmdc_configs(work)
        for size, source in mermaid_inputs(work, {s: paths[s] for s in (10, 100, 1000)}).items():
            pairs.append(
                Pair(
                    f"render map svg {size:,} tp / mmdc",
                    [*JOURNEYMAP, "render", str(paths[size]), "-f", "svg", "-o", str(work / f"j{size}.svg")],
                    [
                        args.mmdc,
                        "-q",
                        "-p",
                        str(browser),
                        "-c",
                        str(limits),
                        "-i",
                        str(source),
                        "-o",
                        str(work / f"m{size}.svg"),
                    ],
                    "wall",
                    "at most 0.2x (5x faster)",
                )
            )
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description="Issue #14's ratios, each pair in alternation, in one run.")
    parser.add_argument("--pairs", type=int, default=5, help="counted pairs per comparison (default 5)")
    parser.add_argument("--yamllint", help="yamllint executable (in its own virtualenv)")
    parser.add_argument("--mmdc", help="Mermaid's CLI executable")
    parser.add_argument("--only", nargs="+", help="only comparisons whose name starts with one of these")
    parser.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    for tool in ("yamllint", "mmdc"):
        if getattr(args, tool):
            setattr(args, tool, str(Path(getattr(args, tool)).resolve()))
    head = [
        "| comparison A / B | CPU A / B (median) | wall A / B (median) | CPU ratio | wall ratio | "
        "target's clock | target | peak A / B |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        rows = []
        for pair in comparisons(work, args):
            if args.only and not any(pair.name.startswith(prefix) for prefix in args.only):
                continue
            a_runs, b_runs = alternate(pair, work, args.pairs)
            rows.append(row(pair, a_runs, b_runs))
            print(rows[-1], file=sys.stderr)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table = f"{args.pairs} pairs per comparison, medians; {machine}.\n\n" + "\n".join(head + rows) + "\n"
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
