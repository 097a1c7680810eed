"""``journeymap measure``: compute metrics from survey and ticket exports and write a snapshot."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal

import click

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

if TYPE_CHECKING:
    from journeymap.measuring import Engines, Measurement, Overrides


@journeymap_command("measure")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="PATH...",
    help="Journeys (checkout.yaml: reads checkout.measures.yaml beside it), definitions files, or folders and "
    "globs of them (every definitions file under a folder).",
    shell_complete=options.files,
)
@click.option(
    "--period",
    type=click.Choice(("month", "quarter"), case_sensitive=False),
    help="Also give each value per month or quarter (for measures that set none).",
)
@click.option("--since", metavar="YYYY-MM-DD", help="First day counted.")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day counted.")
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    help="Snapshot file (one PATH only; - for stdout); default <journey>.measured.json",
    shell_complete=options.files,
)
@click.option(
    "--memory-limit", default="2GB", metavar="SIZE", help="DuckDB memory before it spills to disk, e.g. 512MB."
)
@click.option(
    "--temp-directory",
    metavar="DIR",
    help="Where DuckDB spills (default: a fresh one).",
    shell_complete=options.directories,
)
@click.option("--threads", type=click.IntRange(1, 256), metavar="N", help="DuckDB threads (default: all).")
@click.option(
    "--engine",
    type=click.Choice(("duckdb", "ibis"), case_sensitive=False),
    default="duckdb",
    help="What reads export files: duckdb, or ibis (the same definitions as Ibis expressions on DuckDB; "
    "needs journeymap[ibis]). Sources with `connection:` (Spark, BigQuery, Snowflake, Trino) always use Ibis.",
)
@options.lang
def command(
    paths: tuple[str, ...],
    period: Literal["month", "quarter"] | None,
    since: str | None,
    until: str | None,
    output: str | None,
    memory_limit: str,
    temp_directory: str | None,
    threads: int | None,
    engine: Literal["duckdb", "ibis"],
    lang: str | None,
) -> int:
    """Compute each touchpoint's metrics from survey and ticket exports (CSV, Parquet, JSON) on DuckDB,
    or from tables on Spark or a warehouse through Ibis (`connection:` sources).

    The definitions (sources, and per touchpoint NPS, CSAT, CES, rates, durations and counts with
    filters) live in <journey>.measures.yaml; see docs/measure.md. Every value gets its
    sample size and a 95% interval, and is written to <journey>.measured.json (the same
    bytes for the same data). Data problems (missing columns, answers off the scale, empty filters,
    dates that do not parse) are reported like validation errors, and their values are left empty.
    Exit code 0: measured; 1: problems in the definitions or the data; 2: unreadable input or a usage error.

    Examples:

      journeymap measure journeys/checkout.yaml

      journeymap measure journeys/

      journeymap measure journeys/checkout.measures.yaml \\
        --period quarter --since 2024-01-01

      journeymap measure support.yaml --memory-limit 512MB -o -

      journeymap measure support.yaml --engine ibis
    """
    engine_options = (memory_limit, temp_directory, threads, engine)
    return guarded(lambda: _run(list(paths), period, since, until, output, engine_options), lang)


#: ``--memory-limit``, ``--temp-directory``, ``--threads`` and ``--engine``, as ``EngineOptions`` takes them.
EngineChoices = tuple[str, str | None, int | None, Literal["duckdb", "ibis"]]


def _run(
    paths: list[str],
    period: Literal["month", "quarter"] | None,
    since: str | None,
    until: str | None,
    output: str | None,
    engine_options: EngineChoices = ("2GB", None, None, "duckdb"),
) -> int:
    from journeymap.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, UsageError
    from journeymap.measuring import EngineOptions, Engines, Overrides
    from journeymap.translation import Msg, Verbatim

    overrides = Overrides(_day(since, "--since"), _day(until, "--until"), period)
    if overrides.since and overrides.until and overrides.since > overrides.until:
        raise UsageError(
            Msg("--since %(since)s is after --until %(until)s", since=Verbatim(str(since)), until=Verbatim(str(until)))
        )
    definitions = definitions_paths(paths)
    if output is not None and len(definitions) != 1:
        raise UsageError(
            Msg("-o names one snapshot; give one PATH with it"), Msg("leave -o out to write one beside each")
        )
    with Engines(EngineOptions(*engine_options)) as engines:  # started once for all
        codes = [_measure_one(path, overrides, engines, output) for path in definitions]
    if EXIT_UNUSABLE in codes:
        return EXIT_UNUSABLE
    return EXIT_PROBLEMS if EXIT_PROBLEMS in codes else EXIT_OK


def definitions_paths(paths: list[str]) -> list[str]:
    """Each PATH's definitions, in order and once each: a file as ``definitions_path`` finds them; a folder or a
    glob, every definitions file under it and every journey in it that holds ``measures:``."""
    found: list[str] = []
    for path in paths:
        if not os.path.isfile(path) and (os.path.isdir(path) or _is_glob(path)):
            found.extend(_definitions_under(path))
        else:
            found.append(definitions_path(path))  # a file, or says what is wrong with the name
    unique: dict[str, str] = {}
    for path in found:
        unique.setdefault(os.path.normpath(path), path)
    return list(unique.values())


def _is_glob(path: str) -> bool:
    import glob

    return glob.has_magic(path)


def _definitions_under(path: str) -> list[str]:
    """Definitions files under a folder (or matching a glob), and journeys there that hold their own."""
    from journeymap.errors import UsageError
    from journeymap.loader.sources import is_measure_definitions, measure_files
    from journeymap.translation import Msg, Verbatim

    files = measure_files(path)
    found = [f for f in files if is_measure_definitions(f) or _holds_measures(f)]
    if not found:
        raise UsageError(
            Msg(
                "%(path)s holds no measure definitions (*.measures.yaml, or a journey with `measures:`)",
                path=Verbatim(path),
            ),
            Msg("write them as described in docs/measure.md"),
        )
    return found


def definitions_path(path: str) -> str:
    """The definitions for a journey (``checkout.yaml`` -> ``checkout.measures.yaml``), or the file given."""
    from journeymap.errors import UsageError
    from journeymap.translation import Msg, Verbatim

    name = os.path.basename(path)
    if name.endswith((".measures.yaml", ".measures.yml")):
        return path
    stem, extension = os.path.splitext(path)
    if extension.lower() not in (".yaml", ".yml"):
        raise UsageError(
            Msg("%(path)s: give a journey (.yaml) or its definitions (.measures.yaml)", path=Verbatim(path))
        )
    for candidate in (stem + ".measures.yaml", stem + ".measures.yml"):
        if os.path.isfile(candidate):
            return candidate
    if _holds_measures(path):
        return path
    raise UsageError(
        Msg(
            "%(path)s has no definitions beside it (%(name)s) nor `measures:` in it",
            path=Verbatim(path),
            name=Verbatim(f"{os.path.basename(stem)}.measures.yaml"),
        ),
        Msg("write them as described in docs/measure.md"),
    )


def _holds_measures(path: str) -> bool:
    """Whether a journey file has a top-level ``measures:`` section (then it is its own definitions)."""
    import re

    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return any(re.match(r"measures\s*:", line) for line in file)
    except OSError:
        return False


def _measure_one(path: str, overrides: Overrides, engines: Engines, output: str | None) -> int:
    from journeymap.cli.boundary import say
    from journeymap.cli.outputs import print_diagnostics
    from journeymap.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE
    from journeymap.loader import UNREADABLE_CODES
    from journeymap.measuring import measure, snapshot_bytes, write_snapshot
    from journeymap.translation import Msg, Verbatim

    with _progress_bar() as progress:
        measurement = measure(path, overrides, engines.options, progress, engines)
    print_diagnostics(measurement.diagnostics)
    if any(d.code in UNREADABLE_CODES for d in measurement.diagnostics):
        return EXIT_UNUSABLE
    if not measurement.measured:
        return EXIT_PROBLEMS
    if output == "-":
        sys.stdout.buffer.write(snapshot_bytes(measurement))
    else:
        written = write_snapshot(measurement, output)
        _table(measurement)
        say(
            Msg(
                "%(path)s: %(summary)s; wrote %(written)s",
                path=Verbatim(measurement.path),
                summary=_summary(measurement),
                written=Verbatim(str(written)),
            )
        )
    return EXIT_OK if measurement.ok else EXIT_PROBLEMS


def _day(text: str | None, option: str) -> dt.date | None:
    from journeymap.errors import UsageError
    from journeymap.translation import Msg, Verbatim

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            Msg("%(option)s %(text)s is not a date", option=Verbatim(option), text=Verbatim(text)),
            Msg("write it as YYYY-MM-DD, e.g. 2024-01-31"),
        ) from None


def _table(measurement: Measurement) -> None:
    """The values as a table on stdout: aligned columns, one line per measure."""
    from journeymap.cli.boundary import speaker
    from journeymap.formats import safe_terminal
    from journeymap.measuring.display import headings, row

    t = speaker()
    rows = [headings(t)]
    rows += [row(result, t) for result in measurement.results]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for cells in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        print(safe_terminal(line))


def _summary(measurement: Measurement) -> str:
    done = sum(1 for r in measurement.results if r.figure is not None)
    rows = sum(run.scanned for run in measurement.sources.values())
    from journeymap.measuring import counts
    from journeymap.translation import Msg

    return Msg(
        "%(done)s of %(total)s computed from %(rows)s",
        done=done,
        total=counts.measures(len(measurement.results)),
        rows=counts.rows(rows),
    )


@contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A transient bar on stderr, one step per source, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Measuring", total=None)

        def advance(source: str, done: int, total: int) -> None:
            bar.update(task, description=f"Reading {source}", completed=done, total=total)

        yield advance
