"""The floor of a ``journeymap measure`` process: its command line, running the hand-written query.

    python bench/measure/floor.py measure /tmp/measure-bench/parquet.measures.yaml -o /tmp/out.json

Everything a ``journeymap measure`` process pays before and around its own
work, and nothing of that work: Python, the ``journeymap`` command (click, the
``measure`` command's options parsed and checked), PyYAML reading the definitions file, and DuckDB running the
hand-written query of ``handwritten.py`` on the file the definitions name (it
prints its JSON on stdout, ``-o`` is ignored). journeymap's own part of a run
(its modules, the definitions model, binding, compiling, intervals, the
snapshot) is the difference between ``journeymap measure`` and this; the
difference between this and ``handwritten.py`` is what no journeymap process
can avoid with this command line (bench/measure/RESULTS.md).
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

from journeymap.cli import app
from journeymap.cli.commands import measure

HERE = Path(__file__).resolve().parent


def hand_written(paths: list[str], *_: object) -> int:
    """In place of the command's body: read the definitions with PyYAML and run the hand-written query."""
    import yaml

    with open(paths[0], encoding="utf-8") as file:
        definitions = yaml.safe_load(file)
    data = os.path.join(os.path.dirname(paths[0]), definitions["sources"]["surveys"]["files"])
    script = runpy.run_path(str(HERE / "handwritten.py"))
    script["main"](data)
    return 0


if __name__ == "__main__":
    measure._run = hand_written  # the command's options are parsed as for a real run, then this runs
    sys.exit(app.run())
