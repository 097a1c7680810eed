"""``validate`` and a command of two versions of journeymap, run in turn; CPU ratios taken per round.

    python bench/triples.py J.yaml --before ../base --after . --rounds 5 -- score --format json

Each round runs ``validate J`` (with the after version), the command with the before version, then
with the after version, as whole processes under ``/usr/bin/time -f '%U %S'`` (CPU = user + system);
the ratios command/validate and after/before are taken within each round and their medians printed.
Why rounds of three: on a shared machine the load changes from one minute to the next, so what is
compared runs back to back (bench/pairs.py does the same for two commands).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile


def timed(tree: str, args: list[str]) -> float:
    """CPU seconds of ``python -m journeymap ARGS`` with ``tree`` first on the path; output discarded."""
    env = {**os.environ, "PYTHONPATH": tree}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        argv = ["/usr/bin/time", "-o", report.name, "-f", "%U %S", sys.executable, "-m", "journeymap", *args]
        subprocess.run(argv, env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        user, system = (float(x) for x in report.read().split()[-2:])
    return user + system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("journey")
    parser.add_argument("--before", required=True, help="the source tree of the version before")
    parser.add_argument("--after", required=True, help="the source tree of the version after")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("command", nargs="+", help="the command and its options, after --")
    args = parser.parse_args()
    journey = os.path.abspath(args.journey)
    command = [args.command[0], journey, *args.command[1:]]
    rounds = []
    for _ in range(args.rounds):
        validate = timed(args.after, ["validate", journey])
        before, after = timed(args.before, command), timed(args.after, command)
        rounds.append((validate, before, after))
        print(f"validate {validate:.2f} s, before {before:.2f} s, after {after:.2f} s", flush=True)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(
        f"medians: validate {median([r[0] for r in rounds]):.2f} s, before {median([r[1] for r in rounds]):.2f} s, "
        f"after {median([r[2] for r in rounds]):.2f} s; before/validate {median([r[1] / r[0] for r in rounds]):.2f}, "
        f"after/validate {median([r[2] / r[0] for r in rounds]):.2f}, "
        f"after/before {median([r[2] / r[1] for r in rounds]):.2f}; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
