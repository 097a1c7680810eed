"""Run the compiled queries on DuckDB: one connection, bounded memory, spilling to disk, plain results.

Why DuckDB: it reads CSV, Parquet and JSON where they lie, in parallel and
out of core (``memory_limit`` with a ``temp_directory`` to spill to), so an
export larger than memory is measured without loading it. The engine only
executes; what the numbers mean is decided in ``compile`` and ``results``.

Every DuckDB error becomes a diagnostic (JM601 for a file that cannot be
read) or a MeasureError (out of memory, exit 2); none escapes as a traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.errors import JourneymapError
from journeymap.measuring import bind as binding
from journeymap.measuring.compile import Bound, Checks, Query, compile_source, hull
from journeymap.measuring.load import LoadedDefinitions
from journeymap.measuring.plan import Job, SourceFiles, Window, source_files
from journeymap.measuring.sql import Value
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    import duckdb

    from journeymap.measuring import locate
    from journeymap.measuring.locate import Located, Wanted


class MeasureError(JourneymapError):
    """The measurement could not run at all (not enough memory, no temporary space): exit 2."""


class EngineOptions(NamedTuple):
    """DuckDB's resources: memory before spilling to ``temp_directory`` (a fresh folder when None), threads;
    and which engine reads export files (``ibis``: the same definitions through Ibis on DuckDB)."""

    memory_limit: str | None = "2GB"
    temp_directory: str | None = None
    threads: int | None = None
    engine: Literal["duckdb", "ibis"] = "duckdb"


class Group(NamedTuple):
    """One output row: the group's keys and every aggregate by alias."""

    set: str
    tp: str | None
    no_date: bool
    period: dt.datetime | None
    persona: str | None
    values: dict[str, Any]


@dataclass
class SourceRun:
    """What one source yielded: its groups, which aggregates each job reads, checks and problems."""

    files: SourceFiles
    types: dict[str, str] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    slots: dict[int, dict[str, str]] = field(default_factory=dict)
    own: dict[int, list[Group]] = field(default_factory=dict)
    checks: Checks = field(default_factory=Checks)
    scanned: int = 0
    problems: list[Diagnostic] = field(default_factory=list)
    withheld: set[int] = field(default_factory=set)
    queries: int = 0
    options: dict[str, Any] = field(default_factory=dict)
    approximate: bool = False
    #: Rows read per value of the touchpoint column (in the query's window): what a diagnostic cites.
    touchpoint_rows: dict[str | None, int] = field(default_factory=dict)
    #: Each bound job (by index), the date column as read, and whether every column was read as text: what
    #: ``locate`` needs to find a diagnostic's rows again.
    bounds: dict[int, Bound] = field(default_factory=dict)
    date: Value | None = None
    all_text: bool = False
    #: Jobs bound to check their values only, with the codes of the problems that withhold their value: their
    #: rows cannot be told (the date or a filter cannot be read), so they are checked over the rows that can.
    check_only: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: The main query's window (the smallest holding every job's rows but those with a query of their own).
    window: Window = field(default_factory=Window)


class Engine:
    """A DuckDB connection configured for measuring; use it as a context manager."""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()
        self._temp: str | None = None
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._csv_reading: dict[str, Any] | None = None

    def __enter__(self) -> Engine:
        import duckdb

        spill = self.options.temp_directory or tempfile.mkdtemp(prefix="journeymap-measure-")
        self._temp = None if self.options.temp_directory else spill
        config: dict[str, Any] = {"temp_directory": spill, "autoinstall_known_extensions": False}
        if self.options.memory_limit:
            config["memory_limit"] = self.options.memory_limit
        if self.options.threads:
            config["threads"] = self.options.threads
        try:
            self._connection = duckdb.connect(":memory:", config=config)
            self._connection.execute("SET preserve_insertion_order = false")
            self._connection.execute("SET enable_progress_bar = false")
            self._connection.execute("SET parquet_metadata_cache = true")  # the footer read once, not per query
            _utc(self._connection)
        except duckdb.Error as error:
            self.__exit__()
            message = Msg("cannot start DuckDB: %(error)s", error=Verbatim(first_line(error)))
            raise MeasureError(message, Msg("check --memory-limit")) from None
        return self

    def __exit__(self, *_: object) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            raise RuntimeError("use Engine as a context manager")
        return self._connection

    def run_source(self, loaded: LoadedDefinitions, name: str, jobs: list[tuple[int, Job]]) -> SourceRun:
        """Read one source once (twice when an optimistic pass finds answers off the scale)."""
        assert loaded.definitions is not None
        files = source_files(loaded, name, loaded.definitions.sources[name])
        run = SourceRun(files, problems=list(files.problems))
        if files.problems or not files.paths:
            run.withheld = {index for index, _ in jobs}
            return run
        try:
            self._measure(loaded, run, jobs, all_text=False)
        except _Unreadable as error:
            if files.format != "csv" or not error.conversion:
                return self._unreadable(loaded, run, jobs, error)
            try:  # a CSV column sniffed as numbers holds text further down: read every column as text
                run.files = files  # as defined (the first pass may have read them without personas)
                self._measure(loaded, run, jobs, all_text=True)
            except _Unreadable as again:
                return self._unreadable(loaded, run, jobs, again)
        return run

    def _measure(self, loaded: LoadedDefinitions, run: SourceRun, jobs: list[tuple[int, Job]], all_text: bool) -> None:
        run.types, run.options = self._describe(run.files, all_text)
        options = run.options
        bound = binding.bind(loaded, run.files, run.types, jobs)
        run.problems = list(run.files.problems) + bound.problems
        run.withheld = set(bound.withheld)
        run.files = bound.files_read(run.files)
        keep(run, bound, all_text)
        pinned = [b for b in bound.bounds if own_query(b)]
        shared = [b for b in bound.bounds if not own_query(b)]
        checks = self._checks(run.files, bound, all_text, options) if run.files.format == "parquet" else None
        query = compile_source(run.files, shared, bound.date, checks, all_text, options=options, span=bound.span)
        run.groups = self._groups(query)
        run.queries = 1 + (checks is not None)
        checks = checks or reduce_checks(query.checks, run.groups)
        if any(not checks.clean(b) for b in shared if b.index in query.lean):
            query = compile_source(run.files, shared, bound.date, checks, all_text, options=options, span=bound.span)
            run.groups = self._groups(query)
            run.queries += 1
        run.slots, run.checks = query.slots, windowed(checks, query.checks, run.groups)
        run.touchpoint_rows = rows_by_touchpoint(run.groups, query.checks["scanned"])
        run.scanned = sum(run.touchpoint_rows.values())
        for b in pinned:
            own = compile_source(run.files, [b], bound.date, checks, all_text, b.job.match, options, bound.span)
            run.own[b.index] = self._groups(own)
            run.slots[b.index] = own.slots[b.index]
            run.queries += 1

    def _describe(self, files: SourceFiles, all_text: bool) -> tuple[dict[str, str], dict[str, Any]]:
        """The columns and their types, and the reader's options: for one CSV file the sniffed ones, so it is
        sniffed once; for CSV also the buffer size a low memory limit needs (``csv_reading``)."""
        if files.format == "csv" and len(files.paths) == 1 and not all_text:
            return self._sniff(files)
        reading = self.csv_reading() if files.format == "csv" else {}
        query = compile_source(files, [], None, Checks(), all_text, options=reading)
        rows = self._execute(f"DESCRIBE SELECT * FROM {query.reader}", query.params)
        return {str(row[0]): str(row[1]) for row in rows}, reading

    def csv_reading(self) -> dict[str, Any]:
        """Options for every CSV read on this connection (``csv_reading``), asked for once."""
        if self._csv_reading is None:
            self._csv_reading = csv_reading(self.connection)
        return self._csv_reading

    def _sniff(self, files: SourceFiles) -> tuple[dict[str, str], dict[str, Any]]:
        reading = self.csv_reading()
        options: dict[str, Any] = dict(reading)
        if files.spec.delimiter:
            options["delim"] = files.spec.delimiter
        listed = "".join(f", {name} = ${name}" for name in options)
        text = f"SELECT * FROM sniff_csv($file{listed})"
        row = self._execute(text, {"file": files.paths[0], **options})[0]
        found = dict(zip(_SNIFFED, row[: len(_SNIFFED)], strict=True))
        columns = {str(c["name"]): str(c["type"]) for c in found["Columns"]}
        options = {"auto_detect": False, "columns": columns, "header": bool(found["HasHeader"])}
        options |= {"skip": int(found["SkipRows"])}
        for key, name in (("Delimiter", "delim"), ("Quote", "quote"), ("Escape", "escape"), ("Comment", "comment")):
            options[name] = "" if found[key] == "(empty)" else str(found[key])
        options["new_line"] = str(found["NewLineDelimiter"])
        for key, name in (("DateFormat", "dateformat"), ("TimestampFormat", "timestampformat")):
            if found[key]:
                options[name] = str(found[key])
        return columns, options | reading

    def _checks(self, files: SourceFiles, bound: binding.Binding, all_text: bool, options: dict[str, Any]) -> Checks:
        """Column-wide minimum and maximum (free from Parquet statistics) and date gaps, before the main query."""
        query = compile_source(files, bound.bounds, bound.date, None, all_text, options=options, span=bound.span)
        wanted = {alias: name for name, alias in query.checks.items() if name != "scanned"}
        if not wanted:
            return Checks()
        text = query.ungrouped(wanted)
        used = set(re.findall(r"\$(p\d+)\b", text))  # the window's parameters are not in this query
        row = self._execute(text, {name: value for name, value in query.params.items() if name in used})[0]
        selected = [alias for alias in query.aggregates.values() if alias in wanted]
        return checks_from({wanted[alias]: value for alias, value in zip(selected, row, strict=True)})

    def _groups(self, query: Query) -> list[Group]:
        cursor_rows = self._execute(query.sql, query.params)
        return [_group(query, row) for row in cursor_rows]

    def _execute(self, text: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        import duckdb

        try:
            return self.connection.execute(text, params).fetchall()
        except duckdb.OutOfMemoryException as error:
            message = Msg("DuckDB ran out of memory: %(error)s", error=Verbatim(first_line(error)))
            raise MeasureError(message, _MEMORY_HINT) from None
        except (duckdb.ConversionException, duckdb.InvalidInputException) as error:
            raise _Unreadable(first_line(error), conversion=True) from None
        except duckdb.Error as error:
            if "No space left" in str(error) or "temp_directory" in str(error):
                message = Msg("DuckDB cannot spill to disk: %(error)s", error=Verbatim(first_line(error)))
                raise MeasureError(message, _MEMORY_HINT) from None
            raise _Unreadable(first_line(error), conversion=False) from None

    def _unreadable(
        self, loaded: LoadedDefinitions, run: SourceRun, jobs: list[tuple[int, Job]], error: _Unreadable
    ) -> SourceRun:
        run.problems.append(unreadable(loaded, run.files, str(error)))
        run.withheld = {index for index, _ in jobs}
        run.groups, run.own = [], {}
        return run

    def locate(self, run: SourceRun, wanted: list[Wanted]) -> dict[Wanted, Located]:
        """The first rows of each diagnostic (``locate.Wanted``) in one scan, asked only when a check has failed;
        empty when the files cannot be read a second time (the diagnostics are then said without their rows)."""
        return locate_with(self._execute, run, wanted, run.options)

    def date_range(self, run: SourceRun, date_sql: str) -> tuple[Any, Any] | None:
        """The first and last date of a source (only asked for when a window matched no rows)."""
        query = compile_source(run.files, [], None, Checks(), options=run.options)
        try:
            row = self._execute(f"SELECT min({date_sql}), max({date_sql}) FROM {query.reader}", query.params)[0]
        except (_Unreadable, MeasureError):
            return None
        return (row[0], row[1])


def keep(run: SourceRun, bound: binding.Binding, all_text: bool) -> None:
    """What ``locate`` and ``results`` will need, kept on the run: the bound jobs, the date column, how the files
    were read, and which jobs are bound only to check their values."""
    run.bounds = {b.index: b for b in bound.bounds}
    run.date, run.all_text, run.check_only = bound.date, all_text, dict(bound.check_only)
    run.window = hull(b.job for b in bound.bounds if not own_query(b))


def locate_with(
    execute: Callable[[str, dict[str, Any]], list[tuple[Any, ...]]],
    run: SourceRun,
    wanted: list[Wanted],
    options: dict[str, Any],
) -> dict[Wanted, Located]:
    """Find the rows of ``wanted`` with ``execute`` (a DuckDB connection's); nothing when a query fails."""
    from journeymap.measuring import locate  # bad data only: a clean run does not load it

    findings = [finding(run, item) for item in wanted]
    text, params = locate.query(run.files, findings, run.date, run.all_text, options)
    try:
        rows = execute(text, params)
        sizes = None
        if locate.numbered_through(run.files):
            sizes = {str(r[0]): int(r[1]) for r in execute(*locate.offsets_query(run.files, run.all_text, options))}
    except (_Unreadable, MeasureError, locate.Unreadable):
        return {}
    return dict(zip(wanted, locate.read(rows, run.files, len(wanted), sizes), strict=True))


def finding(run: SourceRun, wanted: Wanted) -> locate.Finding:
    """A diagnostic's rows to find, with its job as bound. A job whose rows cannot be placed (dates that do not
    parse) counted its rows without a readable date too when its window is its query's, whose groups hold them."""
    from journeymap.measuring import locate

    index, what, placed = wanted
    bound = None if index is None else run.bounds[index]
    undated_too = bound is not None and not placed and (own_query(bound) or bound.job.window == run.window)
    return locate.Finding(bound, what, undated_too)


def _utc(connection: duckdb.DuckDBPyConnection) -> None:
    """Times with an offset are read as UTC: without the ICU extension DuckDB does so; with it, we ask."""
    import duckdb

    with contextlib.suppress(duckdb.Error):
        connection.execute("SET TimeZone = 'UTC'")


#: The first columns of DuckDB's sniff_csv(), in order.
_SNIFFED = (
    "Delimiter",
    "Quote",
    "Escape",
    "NewLineDelimiter",
    "Comment",
    "SkipRows",
    "HasHeader",
    "Columns",
    "DateFormat",
    "TimestampFormat",
)
#: DuckDB's own CSV buffer (bytes), and the smallest one journeymap asks for: DuckDB's longest line, 2 MiB.
CSV_BUFFER, MIN_CSV_BUFFER = 32_000_000, 2 * 1024 * 1024
_UNITS = {"bytes": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4, "PiB": 1024**5}
_MEMORY_HINT = Msg("give DuckDB more memory (--memory-limit) or a temporary folder with free space (--temp-directory)")


def csv_reading(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Options for every CSV read on a DuckDB connection: ``buffer_size`` when its memory limit is low.

    Why: DuckDB's CSV reader takes buffers of up to 32 MB per thread, whatever the memory limit, so
    a CSV export of a few dozen MB failed with "out of memory" below ~100 MB on two threads even
    though the query needs little memory. A quarter of each thread's share of the limit (at least
    2 MiB, DuckDB's longest line) reads the same rows; above 32 MB DuckDB's own choice is kept. The
    limit is read as DuckDB reports it, so any way it was written counts the same.
    """
    query = "SELECT current_setting('memory_limit'), current_setting('threads')"
    limit, threads = connection.execute(query).fetchall()[0]
    size = memory_bytes(str(limit))
    share = size // (4 * max(int(threads), 1)) if size is not None else CSV_BUFFER
    return {"buffer_size": max(share, MIN_CSV_BUFFER)} if share < CSV_BUFFER else {}


def memory_bytes(setting: str) -> int | None:
    """DuckDB's memory limit as it reports it (``30.5 MiB``, ``1.8 GiB``) in bytes; None for anything else."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(bytes|[KMGTP]iB)\s*", setting)
    return int(float(match.group(1)) * _UNITS[match.group(2)]) if match else None


def unreadable(loaded: LoadedDefinitions, files: SourceFiles, error: str) -> Diagnostic:
    """JM601: export files the engine cannot read in their format; the engine's own words kept as written."""
    message = Msg(
        "source '%(name)s' (%(files)s) cannot be read as %(format)s: %(error)s",
        name=Verbatim(files.name),
        files=Verbatim(", ".join(files.shown[:3])),
        format=Verbatim(files.format),
        error=Verbatim(error),
    )
    hint = Msg("check the file, or set `format:` (and `delimiter:` for CSV) on the source")
    return Diagnostic("JM601", Severity.ERROR, message, loaded.span("sources", files.name), hint)


class _Unreadable(Exception):
    def __init__(self, message: str, conversion: bool) -> None:
        super().__init__(message)
        self.conversion = conversion


def own_query(bound: Bound) -> bool:
    """Medians and p90 of a touchpoint matching several column values are computed in a query of their own."""
    return bound.job.kind in ("median", "p90") and bound.job.match is not None and len(bound.job.match) > 1


def _group(query: Query, row: tuple[Any, ...]) -> Group:
    named = dict(zip(_columns(query), row, strict=True))
    optional = [k for k in ("month", "quarter", "persona") if f"s_{k}" in named]
    chosen = next((k for k in optional if named[f"s_{k}"] == 0), "base")
    period = named.get(f"g_{chosen}") if chosen in ("month", "quarter") else None
    persona = named.get("g_persona") if chosen == "persona" else None
    values = {alias: named[alias] for alias in query.aliases}
    return Group(chosen, named["g_tp"], bool(named.get("g_no_date")), period, persona, values)


def _columns(query: Query) -> list[str]:
    optional = [k for k in query.keys if k in ("month", "quarter", "persona")]
    return [f"g_{k}" for k in query.keys] + [f"s_{k}" for k in optional] + list(query.aliases)


def reduce_checks(checks: dict[str, str], groups: list[Group]) -> Checks:
    """Checks computed inside the main query (``checks``: name -> alias), per group, folded into column-wide ones."""
    base = [g for g in groups if g.set == "base"]
    folded: dict[str, Any] = {}
    for name, alias in checks.items():
        present = [g.values[alias] for g in base if g.values[alias] is not None]
        if name.startswith("low:") or name in ("unparsed_example", "first_date"):
            folded[name] = min(present, default=None)
        elif name.startswith("high:") or name == "last_date":
            folded[name] = max(present, default=None)
        else:
            folded[name] = sum(present)
    return checks_from(folded)


def rows_by_touchpoint(groups: list[Group], scanned: str) -> dict[str | None, int]:
    """The rows read per touchpoint value, from the base groups' ``count(*)`` (alias ``scanned``)."""
    rows: dict[str | None, int] = {}
    for group in groups:
        if group.set == "base":
            rows[group.tp] = rows.get(group.tp, 0) + int(group.values[scanned])
    return rows


def windowed(checks: Checks, embedded: dict[str, str], groups: list[Group]) -> Checks:
    """``checks`` with the source's first and last date taken from the rows the query read.

    Why: a source's date range is the rows its measures read, in their window, whatever the format.
    Column-wide checks made before the query (free from Parquet statistics) cover the whole file, and
    a Parquet source under ``--since`` would otherwise report dates that no measure read.
    """
    spans = {name: alias for name, alias in embedded.items() if name in ("first_date", "last_date")}
    read = reduce_checks(spans, groups)
    return dataclasses.replace(checks, first_date=read.first_date, last_date=read.last_date)


def checks_from(values: dict[str, Any]) -> Checks:
    checks = Checks()
    for name, value in values.items():
        if name.startswith("low:"):
            checks.low[name[4:]] = value
        elif name.startswith("high:"):
            checks.high[name[5:]] = value
    checks.no_date = int(values.get("no_date") or 0)
    checks.unparsed_dates = int(values.get("unparsed_dates") or 0)
    example = values.get("unparsed_example")
    checks.unparsed_example = None if example is None else str(example)
    first, last = values.get("first_date"), values.get("last_date")
    checks.first_date = None if first is None else str(first)[:10]
    checks.last_date = None if last is None else str(last)[:10]
    return checks


def first_line(error: BaseException) -> str:
    text = str(error).strip().split("\n")[0]
    return text if len(text) <= 300 else text[:299] + "…"
