"""Metrics computed from survey and ticket exports, with sample sizes and intervals, on DuckDB.

The pipeline, one module per step::

    load      <journey>.measures.yaml -> Definitions, or diagnostics (JM1xx, JM6xx)
    plan      defaults applied: each measure's window, period, touchpoint values; each source's files
    bind      measures tied to the real columns (missing or wrong columns -> diagnostics)
    compile   one aggregate query per source (grouping sets for periods and personas)
    duckdb_engine  runs them, out of core
    ibis_engine    or the same aggregates as Ibis expressions, on Spark or a warehouse (a `connection:` source)
    results   values with n and 95% intervals (stats), or why a value is withheld
    snapshot  <journey>.measured.json, the same bytes for the same data

Use::

    from journeymap.measuring import measure, write_snapshot
    measurement = measure("journeys/checkout.measures.yaml")
    write_snapshot(measurement)     # journeys/checkout.measured.json
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic, Severity, sort_unique
from journeymap.measuring.duckdb_engine import EngineOptions, MeasureError, SourceRun
from journeymap.measuring.load import LoadedDefinitions, load_definitions
from journeymap.measuring.plan import Job, Overrides, jobs
from journeymap.measuring.results import Figure, Result, Runner
from journeymap.measuring.snapshot import snapshot_bytes, snapshot_path, write_snapshot
from journeymap.measuring.spec import Source
from journeymap.translation import Msg, Verbatim

__all__ = [
    "EngineOptions",
    "Engines",
    "Figure",
    "MeasureError",
    "Measurement",
    "Overrides",
    "Result",
    "measure",
    "snapshot_bytes",
    "snapshot_path",
    "write_snapshot",
]


@dataclass
class Measurement:
    """One definitions file measured: every result in the order written, each source's run, all diagnostics."""

    loaded: LoadedDefinitions
    results: list[Result] = field(default_factory=list)
    sources: dict[str, SourceRun] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: What the command line set (--since, --until, --period): recorded so a snapshot's freshness can be checked.
    overrides: Overrides = field(default_factory=Overrides)

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def measured(self) -> bool:
        """Whether the definitions were valid, so the data were read (a snapshot can be written)."""
        return self.loaded.ok


def measure(
    path: str,
    overrides: Overrides | None = None,
    options: EngineOptions | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    engines: Engines | None = None,
) -> Measurement:
    """Read the definitions at ``path``, scan each source once, and compute every measure.

    ``progress(source, done, total)`` is called before each source is read.
    Problems in the definitions or the data come back as diagnostics (and
    the values they affect stay empty); only a run that cannot happen at
    all (DuckDB out of memory or disk) raises MeasureError. ``engines``:
    engines already started (``with Engines(options) as engines``), to
    measure several definitions files on one connection; ``options`` is
    then theirs. By default the engines are started and closed here.
    """
    from journeymap.measuring.results import Context, results_for

    overrides, options = overrides or Overrides(), options or EngineOptions()
    loaded = load_definitions(path)
    measurement = Measurement(loaded, diagnostics=list(loaded.diagnostics), overrides=overrides)
    if not loaded.ok or loaded.definitions is None:
        return measurement
    definitions = loaded.definitions
    planned = jobs(definitions, overrides)
    found: dict[int, Result] = {}
    with contextlib.ExitStack() as own:
        engines = engines or own.enter_context(Engines(options))
        context = Context(loaded, None, definitions.confidence, definitions.min_sample)
        by_source = _by_source(planned)
        for done, (name, on_source) in enumerate(by_source.items()):
            if progress:
                progress(name, done, len(by_source))
            context.engine = engine = engines.for_source(definitions.sources[name])
            run = engine.run_source(loaded, name, on_source)
            measurement.sources[name] = run
            found.update(results_for(context, run, on_source))
    measurement.results = [found[index] for index in range(len(planned))]
    measurement.diagnostics = sort_unique(measurement.diagnostics + context.diagnostics)
    return measurement


class Engines:
    """The engines a run needs, each started once: DuckDB for export files, Ibis for connections
    (and for files with ``EngineOptions(engine="ibis")``). Ibis is imported only when a source needs it.

    Why shareable: starting DuckDB (a connection and a folder to spill to) costs 15-40 ms of CPU, as much
    as measuring a small export; ``journeymap measure a.yaml b.yaml`` starts it once for both files.
    """

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self.started: dict[str, Runner] = {}
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> Engines:
        return self

    def __exit__(self, *_: object) -> None:
        self.stack.close()

    def for_source(self, source: Source) -> Runner:
        kind = "ibis" if source.connection is not None or self.options.engine == "ibis" else "duckdb"
        if kind not in self.started:
            if kind == "ibis":
                try:
                    from journeymap.measuring.ibis_engine import IbisEngine
                except ImportError as error:
                    hint = Msg("install it: pip install 'journeymap[ibis]' (or journeymap[spark] for pyspark://)")
                    package = Verbatim(error.name or str(error))
                    message = Msg("reading this source needs Ibis (%(package)s)", package=package)
                    raise MeasureError(message, hint) from None
                self.started[kind] = self.stack.enter_context(IbisEngine(self.options))
            else:
                from journeymap.measuring.duckdb_engine import Engine

                self.started[kind] = self.stack.enter_context(Engine(self.options))
        return self.started[kind]


def _by_source(planned: list[Job]) -> dict[str, list[tuple[int, Job]]]:
    """Jobs grouped by source, sources in the order they are first used."""
    grouped: dict[str, list[tuple[int, Job]]] = {}
    for index, job in enumerate(planned):
        grouped.setdefault(job.spec.source, []).append((index, job))
    return grouped
