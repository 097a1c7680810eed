"""The same measures through Ibis: on Spark, a warehouse, or DuckDB, computed where the data are.

Why a second engine and not a second meaning: ``bind`` ties measures to
columns, ``Checks`` decides lean or strict aggregates, and ``results`` turns
the groups into values with intervals, exactly as for the DuckDB engine. Only
the aggregate is built differently: as an Ibis expression (counts, sums, sums
of squares, quantiles), which Ibis compiles to the backend's dialect. The
backend returns the same groups ``duckdb_engine`` reads, so one place computes
every statistic.

Ibis has no GROUPING SETS, so the base groups and each optional grouping
(month, quarter, persona) are aggregated apart and put together with UNION
ALL: still one query per source (the backend may scan once per grouping).

Medians and p90 are exact where the backend has an exact quantile (DuckDB,
Spark's ``percentile``, Snowflake's ``percentile_cont``, one per aggregate)
and approximate elsewhere (BigQuery, Trino: ``approx_quantile``), said by JM628.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import ibis  # type: ignore[import-untyped]
import ibis.expr.datatypes as idt  # type: ignore[import-untyped]
import ibis.expr.operations as ops  # type: ignore[import-untyped]

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.measuring import bind as binding
from journeymap.measuring import ibis_values as iv
from journeymap.measuring import sql
from journeymap.measuring.compile import Bound, Checks, checkable, hull
from journeymap.measuring.connection import MissingVariable, Resolved, resolve, scheme, table_path
from journeymap.measuring.duckdb_engine import (
    EngineOptions,
    Group,
    MeasureError,
    SourceRun,
    checks_from,
    csv_reading,
    first_line,
    keep,
    locate_with,
    own_query,
    reduce_checks,
    rows_by_touchpoint,
    unreadable,
    windowed,
)
from journeymap.measuring.load import LoadedDefinitions
from journeymap.measuring.locate import Located, Unreadable, Wanted
from journeymap.measuring.plan import Job, SourceFiles, Window, source_files
from journeymap.measuring.spec import DEFAULT_SCALES, DETRACTORS, PROMOTERS, QUANTILES, Source
from journeymap.measuring.stats import EXACT_RANKS_UP_TO, z_value
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    import ibis.expr.types as ir  # type: ignore[import-untyped]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped]

#: How a backend computes medians and p90 (``IbisEngine._open``).
Quantiles = Literal["multi", "single", "approximate"]
#: The grouping sets after the base one, in the order the DuckDB engine sorts them.
OPTIONAL = ("month", "quarter", "persona")
_TRUNCATE = {"month": "M", "quarter": "Q"}
#: Python packages each backend needs beyond Ibis (what ``journeymap[spark]`` and the Ibis extras install).
_DRIVERS = {
    "pyspark": "pyspark",
    "duckdb": "duckdb",
    "bigquery": "google.cloud.bigquery",
    "snowflake": "snowflake.connector",
    "trino": "trino",
}


def duckdb_types(schema: Any) -> dict[str, str]:
    """Ibis column types in DuckDB's spelling, so ``bind`` and ``sql.family`` judge them as for DuckDB."""
    return {str(name): _duckdb_type(dtype) for name, dtype in schema.items()}


def _duckdb_type(dtype: idt.DataType) -> str:
    if dtype.is_integer():
        return "BIGINT"
    if dtype.is_floating() or dtype.is_decimal():
        return "DOUBLE"
    if dtype.is_boolean():
        return "BOOLEAN"
    if dtype.is_string():
        return "VARCHAR"
    if dtype.is_date():
        return "DATE"
    if dtype.is_timestamp():
        return "TIMESTAMP"
    return str(dtype).upper()  # intervals, lists, structs: not numbers, dates or flags (JM604)


@dataclass
class IbisQuery:
    """One source's aggregate as an Ibis expression, and which output column is which job's which count."""

    expr: Any
    slots: dict[int, dict[str, str]]
    checks: dict[str, str]
    lean: frozenset[int]
    combined: dict[str, tuple[str, ...]]


class _Failed(Exception):
    """The backend could not run a query: the message (secrets removed) and whether a value failed to convert."""

    def __init__(self, message: str, conversion: bool = False) -> None:
        super().__init__(message)
        self.conversion = conversion


class Builder:
    """Builds one source's aggregate; equal aggregates (the same Ibis operation) are computed once."""

    def __init__(
        self,
        table: ir.Table,
        types: dict[str, str],
        spec: Source,
        dated: bool,
        window: Window,
        pinned: tuple[str, ...] | None = None,
        quantiles: Quantiles = "multi",
        span: bool = False,
    ) -> None:
        self.types, self.spec, self.window, self.pinned, self.quantiles = types, spec, window, pinned, quantiles
        date = iv.timestamp(table, spec.date, types[spec.date]) if dated and spec.date else None
        where = self._window_condition(date)
        if pinned:
            where = iv.both(where, iv.key(table, spec.touchpoint).isin(list(pinned)))
        self.rel = table.filter(where) if where is not None else table
        self.date = iv.timestamp(self.rel, spec.date, types[spec.date]) if date is not None and spec.date else None
        #: The date column read for the data's date range (first and last day); never filters or groups.
        self.span = self.date or (_quiet_timestamp(self.rel, spec.date, types) if span else None)
        self.aggregates: dict[Any, tuple[str, Any]] = {}
        self.combined: dict[str, tuple[str, ...]] = {}

    def aggregate(self, expression: Any) -> str:
        node = expression.op()
        if node not in self.aggregates:
            self.aggregates[node] = (f"a{len(self.aggregates)}", expression)
        return self.aggregates[node][0]

    def counted(self, condition: Any) -> str:
        return self.aggregate(self.rel.count(where=condition) if condition is not None else self.rel.count())

    def _window_condition(self, date: iv.Value | None) -> Any:
        """Rows inside the window, and rows without a date (counted for the diagnostics)."""
        if date is None or not self.window.bounded:
            return None
        start, end = self.window.start(), self.window.end()
        inside = iv.both(date.x >= start if start else None, date.x < end if end else None)
        return date.x.isnull() | inside

    def own_window(self, job: Job) -> Any:
        """The date condition a job needs beyond the query's window."""
        if self.date is None:
            return None
        start, end = job.window.start(), job.window.end()
        parts = []
        if start is not None and job.window.since != self.window.since:
            parts.append(self.date.x >= start)
        if end is not None and job.window.until != self.window.until:
            parts.append(self.date.x < end)
        return iv.both(*parts)

    def slots(self, bound: Bound, lean: bool) -> dict[str, str]:
        """The aggregates one job reads, by name, as ``compile.Compiler.slots``."""
        conditions = [iv.condition(self.rel, column, kind, wanted) for column, kind, wanted in bound.where]
        rows_filter = iv.both(*conditions, self.own_window(bound.job))
        slots = {"rows": self.counted(rows_filter)}
        value, limits = iv.value_of(bound.job, self.rel, self.types), bound.limits
        if value is None or limits is None:
            return slots | self._date_slots(rows_filter)
        use = iv.both(rows_filter, None if lean else iv.valid(limits, value))
        x = value.x
        slots["n"] = self.counted(iv.both(use, x.notnull())) if use is not None else self.aggregate(x.count())
        slots |= self._date_slots(rows_filter)
        slots |= self._kind_slots(bound.job, value, use)
        if not lean:
            slots |= self._bad_slots(value, iv.valid(limits, value), rows_filter)
        return slots

    def _date_slots(self, rows: Any) -> dict[str, str]:
        """The first and last date of the rows a value was computed from, as ``compile.Compiler._date_slots``."""
        if self.span is None:
            return {}
        first, last = self.span.x.min(where=rows), self.span.x.max(where=rows)
        return {"first": self.aggregate(first), "last": self.aggregate(last)}

    def _kind_slots(self, job: Job, value: iv.Value, use: Any) -> dict[str, str]:
        x = value.x
        if job.kind == "nps":
            return {
                "promoters": self.counted(iv.both(use, x >= PROMOTERS[0])),
                "detractors": self.counted(iv.both(use, x <= DETRACTORS[1])),
            }
        if job.kind == "csat":
            scale = job.spec.scale or DEFAULT_SCALES["csat"]
            low, high = job.spec.satisfied or (max(scale[0], scale[1] - 1), scale[1])
            return {"hits": self.counted(iv.both(use, iv.in_scale(value, low, high)))}
        if job.kind == "share":
            return {"hits": self.counted(iv.both(use, x == 1))}
        if job.kind in ("ces", "mean"):
            real = x.cast("float64")
            return {"sum": self.aggregate(real.sum(where=use)), "squares": self.aggregate((real * x).sum(where=use))}
        wanted = list(QUANTILES.values())
        if self.quantiles == "approximate":
            return {"quantiles": self.aggregate(x.approx_quantile(wanted, where=use))}
        order = {"order": self.aggregate(order_statistics(x, use, z_value(job.confidence)))}
        if self.quantiles == "single":  # one exact quantile per aggregate (Snowflake), listed when read
            parts = tuple(self.aggregate(x.quantile(q, where=use)) for q in wanted)
            name = "q_" + "_".join(parts)
            self.combined[name] = parts
            return {"quantiles": name} | order
        return {"quantiles": self.aggregate(x.quantile(wanted, where=use))} | order

    def _bad_slots(self, value: iv.Value, valid: Any, rows: Any) -> dict[str, str]:
        off = iv.both(rows, value.x.notnull(), ~valid)
        slots = {
            "bad": self.counted(off),
            "bad_low": self.aggregate(value.x.min(where=off)),
            "bad_high": self.aggregate(value.x.max(where=off)),
        }
        if value.unparsed is not None:
            unparsed = iv.both(rows, value.unparsed)
            slots["unparsed"] = self.counted(unparsed)
            slots["unparsed_example"] = self.aggregate(value.raw.cast("string").min(where=unparsed))
        return slots

    def check_aggregates(self, bounds: list[Bound]) -> dict[str, str]:
        """Minimum and maximum of each checkable value (named by its DuckDB SQL, as ``Checks`` expects), date gaps."""
        checks: dict[str, str] = {}
        for bound in bounds:
            value = iv.value_of(bound.job, self.rel, self.types)
            if bound.value is not None and value is not None and bound.limits is not None and checkable(bound):
                checks[f"low:{bound.value.sql}"] = self.aggregate(value.x.min())
                checks[f"high:{bound.value.sql}"] = self.aggregate(value.x.max())
        checks |= self.span_aggregates()
        if self.date is not None:
            checks["no_date"] = self.counted(self.date.x.isnull())
            if self.date.unparsed is not None:
                checks["unparsed_dates"] = self.counted(self.date.unparsed)
                example = self.date.raw.cast("string").min(where=self.date.unparsed)
                checks["unparsed_example"] = self.aggregate(example)
        return checks

    def span_aggregates(self) -> dict[str, str]:
        """The first and last date of the rows the query reads, as ``compile.Compiler.span_aggregates``."""
        if self.span is None:
            return {}
        return {"first_date": self.aggregate(self.span.x.min()), "last_date": self.aggregate(self.span.x.max())}

    def keys(self, bounds: list[Bound]) -> dict[str, Any]:
        """Output key -> expression: the touchpoint, whether the row has no date, period and persona."""
        keys: dict[str, Any] = {"tp": ibis.literal("") if self.pinned else iv.key(self.rel, self.spec.touchpoint)}
        if self.date is not None and self.window.bounded:
            keys["no_date"] = self.date.x.isnull()
        periods = {b.job.period for b in bounds if b.job.period}
        for period in ("month", "quarter"):
            if period in periods and self.date is not None:
                keys[period] = self.date.x.truncate(_TRUNCATE[period])
        if self.spec.persona and not self.pinned:
            keys["persona"] = iv.key(self.rel, self.spec.persona)
        return keys

    def grouped(self, keys: dict[str, Any]) -> Any:
        """Every grouping set aggregated, one UNION ALL: columns set, g_tp, g_no_date, g_month, g_quarter,
        g_persona, then the aggregates."""
        metrics = dict(self.aggregates.values())
        base = {f"g_{k}": v for k, v in keys.items() if k not in OPTIONAL}
        sets = [("base", base)] + [(k, base | {f"g_{k}": keys[k]}) for k in OPTIONAL if k in keys]
        filler = {
            "g_no_date": ibis.literal(False),
            "g_month": ibis.null("timestamp"),
            "g_quarter": ibis.null("timestamp"),
            "g_persona": ibis.null("string"),
        }
        parts = []
        for name, grouping in sets:
            part = self.rel.group_by(**grouping).aggregate(**metrics)
            missing = {column: value for column, value in filler.items() if column not in grouping}
            part = part.mutate(set=ibis.literal(name), **missing)
            parts.append(part.select("set", "g_tp", *filler, *metrics))
        return parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)


def build(
    table: ir.Table,
    types: dict[str, str],
    spec: Source,
    bounds: list[Bound],
    dated: bool,
    checks: Checks | None,
    pinned: tuple[str, ...] | None = None,
    quantiles: Quantiles = "multi",
    span: bool = False,
) -> IbisQuery:
    """The one aggregate for ``bounds``, as ``compile.compile_source`` (lean where ``checks`` prove it)."""
    builder = Builder(table, types, spec, dated, hull(b.job for b in bounds), pinned, quantiles, span)
    scanned = builder.counted(None)
    lean = frozenset(b.index for b in bounds if (checks.clean(b) if checks else checkable(b)))
    slots = {b.index: builder.slots(b, b.index in lean) for b in bounds}
    embedded = builder.check_aggregates(bounds) if checks is None else builder.span_aggregates()
    embedded["scanned"] = scanned
    expr = builder.grouped(builder.keys(bounds))
    return IbisQuery(expr, slots, embedded, lean, builder.combined)


class IbisEngine:
    """Sources read through Ibis: tables behind connection URLs, and export files on Ibis's DuckDB."""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()
        self._connections: dict[str, BaseBackend] = {}
        self._tables: dict[str, ir.Table] = {}
        self._files: BaseBackend | None = None
        self._secrets: list[Resolved] = []
        self._reading: dict[str, Any] | None = None

    def __enter__(self) -> IbisEngine:
        return self

    def __exit__(self, *_: object) -> None:
        """Close what this engine opened; a Spark session is left running, as others in the process may share it."""
        for url, connection in self._connections.items():
            if scheme(url) != "pyspark":
                with contextlib.suppress(Exception):
                    connection.disconnect()
        if self._files is not None:
            self._files.disconnect()
        self._connections, self._tables, self._files, self._reading = {}, {}, None, None

    def run_source(self, loaded: LoadedDefinitions, name: str, jobs: list[tuple[int, Job]]) -> SourceRun:
        """Read one source: its table, its columns, then one aggregate (more when a column is off the scale)."""
        assert loaded.definitions is not None
        source = loaded.definitions.sources[name]
        files = SourceFiles(name, source) if source.connection else source_files(loaded, name, source)
        run = SourceRun(files, problems=list(files.problems))
        if files.problems or (not files.paths and not source.connection):
            run.withheld = {index for index, _ in jobs}
            return run
        try:
            table, quantiles = self._open(loaded, run, all_text=False)
            self._measure(loaded, run, jobs, table, quantiles)
        except _Failed as error:
            if source.connection or files.format != "csv" or not error.conversion:
                return self._failed(loaded, run, jobs, error)
            try:  # a CSV column sniffed as numbers holds text further down: read every column as text
                run.files = files  # as defined (the first pass may have read them without personas)
                table, quantiles = self._open(loaded, run, all_text=True)
                self._measure(loaded, run, jobs, table, quantiles, all_text=True)
            except _Failed as again:
                return self._failed(loaded, run, jobs, again)
        except _Unavailable as problem:
            run.problems.append(problem.diagnostic)
            run.withheld = {index for index, _ in jobs}
        return run

    def _measure(
        self,
        loaded: LoadedDefinitions,
        run: SourceRun,
        jobs: list[tuple[int, Job]],
        table: ir.Table,
        quantiles: Quantiles,
        all_text: bool = False,
    ) -> None:
        """As ``duckdb_engine.Engine._measure``: the same checks, lean and strict passes and own queries."""
        run.types = duckdb_types(table.schema())
        bound = binding.bind(loaded, run.files, run.types, jobs)
        run.problems = list(run.files.problems) + bound.problems
        run.withheld = set(bound.withheld)
        run.files = bound.files_read(run.files)
        spec = run.files.spec
        keep(run, bound, all_text)
        dated, spanned = bound.date is not None, bound.span is not None
        pinned = [b for b in bound.bounds if own_query(b)]
        shared = [b for b in bound.bounds if not own_query(b)]
        checks = self._checks(table, run.types, spec, bound, dated) if run.files.format == "parquet" else None
        query = build(table, run.types, spec, shared, dated, checks, quantiles=quantiles, span=spanned)
        run.groups = self._groups(query)
        run.queries = 1 + (checks is not None)
        checks = checks or reduce_checks(query.checks, run.groups)
        if any(not checks.clean(b) for b in shared if b.index in query.lean):
            query = build(table, run.types, spec, shared, dated, checks, quantiles=quantiles, span=spanned)
            run.groups = self._groups(query)
            run.queries += 1
        run.slots, run.checks = query.slots, windowed(checks, query.checks, run.groups)
        run.touchpoint_rows = rows_by_touchpoint(run.groups, query.checks["scanned"])
        run.scanned = sum(run.touchpoint_rows.values())
        for b in pinned:
            own = build(table, run.types, spec, [b], dated, checks, b.job.match, quantiles, spanned)
            run.own[b.index] = self._groups(own)
            run.slots[b.index] = own.slots[b.index]
            run.queries += 1
        run.approximate = quantiles == "approximate"
        if run.approximate:
            run.problems += [_approximate(loaded, job) for _, job in jobs if job.kind in QUANTILES]

    def _checks(
        self, table: ir.Table, types: dict[str, str], spec: Source, bound: binding.Binding, dated: bool
    ) -> Checks:
        """Column-wide minimum and maximum and date gaps over the whole source, before the main query."""
        builder = Builder(table, types, spec, dated, Window(), span=bound.span is not None)
        wanted = builder.check_aggregates(bound.bounds)
        if not wanted:
            return Checks()
        metrics = dict(builder.aggregates.values())
        row = self._rows(builder.rel.aggregate(**metrics))[0]
        return checks_from({name: row[alias] for name, alias in wanted.items()})

    def _groups(self, query: IbisQuery) -> list[Group]:
        groups = [_group(row, query.combined) for row in self._rows(query.expr)]
        return sorted(groups, key=_order)

    def _rows(self, expr: Any) -> list[dict[str, Any]]:
        """Run an expression on its backend; any driver error becomes _Failed (or MeasureError for memory)."""
        try:
            rows = _fetch(expr)
        except Exception as error:  # every driver has its own exceptions; none may escape
            text = first_line(error)
            if type(error).__name__ == "OutOfMemoryException":
                message = Msg("out of memory: %(error)s", error=Verbatim(text))
                raise MeasureError(message, Msg("give DuckDB more memory (--memory-limit)")) from None
            conversion = type(error).__name__ in ("ConversionException", "InvalidInputException")
            raise _Failed(self._scrub(text), conversion) from None
        return rows

    def _open(self, loaded: LoadedDefinitions, run: SourceRun, all_text: bool) -> tuple[ir.Table, Quantiles]:
        """The source's table (a connection's, or the files on Ibis's DuckDB) and how its backend computes
        quantiles: several in one exact aggregate, one exact aggregate each, or approximately."""
        spec = run.files.spec
        self._tables.pop(run.files.name, None)  # an engine shared by several files keeps no other file's table
        if spec.connection is None:
            try:
                connection = self._duckdb()
            except ImportError as error:
                message = Msg(
                    "source '%(name)s': reading files through Ibis needs %(package)s",
                    name=Verbatim(run.files.name),
                    package=Verbatim(error.name or str(error)),
                )
                hint = Msg("install journeymap[ibis] with Ibis's DuckDB backend: pip install 'ibis-framework[duckdb]'")
                at = loaded.span("sources", run.files.name)
                raise _Unavailable(Diagnostic("JM625", Severity.ERROR, message, at, hint)) from None
            table = _read_files(connection, run.files, all_text, self._csv_reading(connection))
        else:
            connection = self._connect(loaded, run.files.name, spec.connection)
            table = self._table(loaded, run.files.name, connection, spec.table or "")
        self._tables[run.files.name] = table
        return table, quantile_mode(connection)

    def _csv_reading(self, connection: BaseBackend) -> dict[str, Any]:
        """The DuckDB engine's CSV options for Ibis's DuckDB (a smaller buffer under a low limit), asked once."""
        if self._reading is None:
            self._reading = csv_reading(connection.con)
        return self._reading

    def _duckdb(self) -> BaseBackend:
        """Ibis's DuckDB for export files, with the DuckDB engine's memory, spill folder and threads."""
        if self._files is None:
            config: dict[str, Any] = {}
            for name in ("memory_limit", "temp_directory", "threads"):
                if getattr(self.options, name):
                    config[name] = getattr(self.options, name)
            self._files = ibis.duckdb.connect(**config)
            with contextlib.suppress(Exception):
                self._files.raw_sql("SET TimeZone = 'UTC'")
        return self._files

    def _connect(self, loaded: LoadedDefinitions, name: str, url: str) -> BaseBackend:
        """``ibis.connect`` on the URL with its ``${NAME}`` variables filled in, once per URL."""
        if url in self._connections:
            return self._connections[url]
        at = loaded.span("sources", name, "connection")
        backend = scheme(url)
        driver = _DRIVERS.get(backend)
        if driver and importlib.util.find_spec(driver.split(".")[0]) is None:
            extra = "spark" if backend == "pyspark" else "ibis"
            message = Msg(
                "source '%(name)s': reading %(backend)s:// needs the %(package)s package",
                name=Verbatim(name),
                backend=Verbatim(backend),
                package=Verbatim(driver.split(".")[0]),
            )
            hint = Msg(
                "install journeymap[%(extra)s] (or the Ibis backend: pip install 'ibis-framework[%(backend)s]')",
                extra=Verbatim(extra),
                backend=Verbatim(backend),
            )
            raise _Unavailable(Diagnostic("JM625", Severity.ERROR, message, at, hint))
        try:
            resolved = resolve(url)
        except MissingVariable as missing:
            message = Msg(
                "source '%(name)s': the connection uses ${%(variable)s}, which is not set in the environment",
                name=Verbatim(name),
                variable=Verbatim(missing.name),
            )
            hint = Msg(
                "export %(variable)s=... before measuring (credentials never go in the definitions file)",
                variable=Verbatim(missing.name),
            )
            raise _Unavailable(Diagnostic("JM624", Severity.ERROR, message, at, hint)) from None
        try:
            self._secrets.append(resolved)
            connection = ibis.connect(resolved.url)
        except Exception as error:  # drivers raise their own errors
            text = self._scrub(first_line(error))
            message = Msg(
                "source '%(name)s': cannot connect to %(backend)s://: %(error)s",
                name=Verbatim(name),
                backend=Verbatim(backend),
                error=Verbatim(text),
            )
            hint = Msg("check the URL and the credentials in the environment")
            raise _Unavailable(Diagnostic("JM626", Severity.ERROR, message, at, hint)) from None
        self._connections[url] = connection
        return connection

    def _table(self, loaded: LoadedDefinitions, name: str, connection: BaseBackend, table: str) -> ir.Table:
        at = loaded.span("sources", name, "table")
        table_name, database = table_path(table)
        try:
            if database:
                return connection.table(table_name, database=database if len(database) > 1 else database[0])
            return connection.table(table_name)
        except Exception as error:  # drivers raise their own errors
            message = Msg(
                "source '%(name)s': table '%(table)s' cannot be read: %(error)s",
                name=Verbatim(name),
                table=Verbatim(table),
                error=Verbatim(self._scrub(first_line(error))),
            )
            hint = Msg("check the name (database.table where the backend needs one) and the grants")
            raise _Unavailable(Diagnostic("JM626", Severity.ERROR, message, at, hint)) from None

    def _scrub(self, text: str) -> str:
        """A driver's message without any value filled in from the environment."""
        for resolved in self._secrets:
            text = resolved.scrub(text)
        return text

    def _failed(
        self, loaded: LoadedDefinitions, run: SourceRun, jobs: list[tuple[int, Job]], error: _Failed
    ) -> SourceRun:
        files, spec = run.files, run.files.spec
        if spec.connection:
            message = Msg(
                "source '%(name)s' (table %(table)s): the backend could not run the query: %(error)s",
                name=Verbatim(files.name),
                table=Verbatim(str(spec.table)),
                error=Verbatim(str(error)),
            )
            diagnostic = Diagnostic("JM629", Severity.ERROR, message, loaded.span("sources", files.name, "table"))
        else:
            diagnostic = unreadable(loaded, files, str(error))
        run.problems.append(diagnostic)
        run.withheld = {index for index, _ in jobs}
        run.groups, run.own = [], {}
        return run

    def locate(self, run: SourceRun, wanted: list[Wanted]) -> dict[Wanted, Located]:
        """As ``duckdb_engine.Engine.locate`` for export files, on Ibis's DuckDB (the same query, so the same rows);
        nothing for a table behind a connection: a table's rows have no order to number them by."""
        files = self._files
        if run.files.spec.connection is not None or files is None:
            return {}
        reading = self._csv_reading(files) if run.files.format == "csv" else {}

        def execute(text: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
            try:
                return list(files.con.execute(text, params).fetchall())
            except Exception as error:  # a file that cannot be read again: said without its rows
                raise Unreadable(first_line(error)) from None

        return locate_with(execute, run, wanted, reading)

    def date_range(self, run: SourceRun, date_sql: str) -> tuple[Any, Any] | None:
        """The first and last date of a source (``date_sql`` is the DuckDB engine's; here the column is re-read)."""
        table, column = self._tables.get(run.files.name), run.files.spec.date
        if table is None or column is None or column not in run.types:
            return None
        moment = iv.timestamp(table, column, run.types[column]).x
        try:
            row = self._rows(table.aggregate(low=moment.min(), high=moment.max()))[0]
        except (_Failed, MeasureError):
            return None
        return (row["low"], row["high"])


def _quiet_timestamp(table: ir.Table, column: str | None, types: dict[str, str]) -> iv.Value | None:
    """The date column for the date range when no job needs it (as ``bind._quiet_date``): no diagnostics."""
    if column is None or column not in types:
        return None
    try:
        return iv.timestamp(table, column, types[column])
    except sql.WrongType:
        return None


def order_statistics(x: Any, use: Any, z: float) -> Any:
    """As ``compile.Compiler._order_statistics``: every answer sorted while there are at most
    ``EXACT_RANKS_UP_TO``, else x(l) and x(u) of each quantile, ranked by ``stats.normal_ranks``'s formula."""
    n = x.count(where=use)
    real = n.cast("float64")
    values = x.collect(where=use).sort()
    picked = []
    for q in QUANTILES.values():
        centre, sd = real * ibis.literal(q, "float64"), (real * ibis.literal(q * (1 - q), "float64")).sqrt()
        spread = ibis.literal(z, "float64") * sd
        low = ibis.greatest((centre - spread).floor(), 1).cast("int32")
        high = ibis.least((centre + spread + 1).ceil(), n).cast("int32")
        picked += [values[low - 1], values[high - 1]]
    return ibis.ifelse(n <= EXACT_RANKS_UP_TO, values, ibis.array(picked))


def quantile_mode(backend: Any) -> Quantiles:
    """How a backend (an Ibis backend or its class) computes medians and p90: several fractions in one
    exact aggregate (DuckDB, Spark), one exact aggregate each (Snowflake), or only approximately."""
    if backend.has_operation(ops.MultiQuantile):
        return "multi"
    return "single" if backend.has_operation(ops.Quantile) else "approximate"


def _fetch(expr: Any) -> list[dict[str, Any]]:
    """The rows of an expression as plain Python values.

    Why DuckDB apart: Ibis's own result conversion imports pandas, seconds of
    start-up for a result of a few hundred rows; on DuckDB the compiled query
    is run on Ibis's connection and fetched as tuples instead.
    """
    backend = ibis.get_backend(expr)
    if backend.name != "duckdb":
        rows: list[dict[str, Any]] = expr.to_pyarrow().to_pylist()
        return rows
    cursor = backend.con.execute(ibis.to_sql(expr, dialect="duckdb"))
    names = [str(column[0]) for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class _Unavailable(Exception):
    """A source that cannot be reached at all: its diagnostic (JM624-JM626)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _read_files(connection: BaseBackend, files: SourceFiles, all_text: bool, reading: dict[str, Any]) -> ir.Table:
    """Export files as an Ibis table, read by DuckDB with the options the DuckDB engine uses (``reading``:
    its CSV options, the buffer a low memory limit needs)."""
    paths = list(files.paths)
    options: dict[str, Any] = {"union_by_name": True} if len(paths) > 1 else {}
    try:
        if files.format == "parquet":
            return connection.read_parquet(paths, **options)
        if files.format == "json":
            return connection.read_json(paths, **options)
        options |= reading
        if all_text:
            options["all_varchar"] = True
        if files.spec.delimiter:
            options["delim"] = files.spec.delimiter
        return connection.read_csv(paths, **options)
    except Exception as error:  # DuckDB's errors while sniffing
        raise _Failed(first_line(error), type(error).__name__ == "ConversionException") from None


def _approximate(loaded: LoadedDefinitions, job: Job) -> Diagnostic:
    measure = Verbatim(job.label)
    message = (
        Msg("%(measure)s: this backend has no exact quantile, so the median is approximate", measure=measure)
        if job.kind == "median"
        else Msg(
            "%(measure)s: this backend has no exact quantile, so the %(kind)s is approximate",
            measure=measure,
            kind=Verbatim(job.kind),
        )
    )
    return Diagnostic("JM628", Severity.INFO, message, loaded.span(*job.path))


def _group(row: dict[str, Any], combined: dict[str, tuple[str, ...]]) -> Group:
    chosen = str(row["set"])
    period = row.get(f"g_{chosen}") if chosen in ("month", "quarter") else None
    if isinstance(period, dt.datetime) and period.tzinfo is not None:
        period = period.replace(tzinfo=None)
    persona = row.get("g_persona") if chosen == "persona" else None
    values = {name: value for name, value in row.items() if not name.startswith("g_") and name != "set"}
    for name, parts in combined.items():
        listed = [values[part] for part in parts]
        values[name] = None if None in listed else listed
    return Group(chosen, row["g_tp"], bool(row.get("g_no_date")), period, persona, values)


def _order(group: Group) -> tuple[Any, ...]:
    """The DuckDB engine's ORDER BY: grouping sets in a fixed order, then the keys, missing ones first."""
    rank = ("month", "quarter", "persona", "base").index(group.set)
    return (rank, _missing_first(group.tp), group.no_date, _missing_first(group.period), _missing_first(group.persona))


def _missing_first(value: Any) -> tuple[bool, Any]:
    return (value is not None, value if value is not None else "")
