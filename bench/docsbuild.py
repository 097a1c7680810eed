"""What the MkDocs plugin costs a docs build, cold and on the rebuilds ``mkdocs serve`` does.

    python bench/docsbuild.py            # 3 runs of each case, median wall time
    python bench/docsbuild.py --runs 5

The site is the bundled examples as a page per journey file (``journeys:``,
with the audit summary) plus a page with a flow view. Each case builds in
this process, as ``mkdocs serve`` does between rebuilds; "cold" empties the
drawing cache first. The baseline is the same site without the plugin.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeymap.integrations import figure

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "site_name: Journeys\nplugins:\n  - search\n  - journeymap:\n      journeys: journeys/\n      audit: true\n"
PLAIN = "site_name: Journeys\nplugins:\n  - search\n"
HOME = "# Home\n\n```journeymap\n../journeys/first-purchase.yaml\nview: flow\n```\n"


def project(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    shutil.copytree(ROOT / "examples", folder / "journeys", ignore=shutil.ignore_patterns("data"))
    (folder / "plugin.yml").write_text(PLUGIN, encoding="utf-8")
    (folder / "plain.yml").write_text(PLAIN, encoding="utf-8")


def timed(folder: Path, config: str, before: Callable[[], None]) -> float:
    before()
    loaded = load_config(str(folder / config), site_dir=str(folder / "site"))
    start = time.perf_counter()
    build(loaded)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        project(folder)
        journey = folder / "journeys" / "telecom-support.yaml"
        text = journey.read_text(encoding="utf-8")
        edits = iter(range(1_000_000))

        def edit() -> None:
            journey.write_text(text.replace("Kestrel Fibre", f"Kestrel Fibre {next(edits)}"), encoding="utf-8")

        timed(folder, "plugin.yml", lambda: None)  # imports and Graphviz warmed up
        cases: dict[str, tuple[str, Callable[[], None]]] = {
            "without the plugin": ("plain.yml", lambda: None),
            "cold (7 maps drawn)": ("plugin.yml", figure._CACHE.clear),
            "rebuild, nothing changed": ("plugin.yml", lambda: None),
            "rebuild, one journey edited": ("plugin.yml", edit),
        }
        print("| build | median (s) |\n|---|---|")
        for name, (config, before) in cases.items():
            times = [timed(folder, config, before) for _ in range(runs)]
            print(f"| {name} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
