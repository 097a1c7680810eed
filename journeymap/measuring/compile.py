"""Measures -> one DuckDB aggregate query per source: every measure on a source shares one scan.

Why this shape: ten million survey rows cost one read, whatever the number of
touchpoints. Rows are grouped by the touchpoint column (and by month,
quarter or persona with GROUPING SETS), and each measure adds a few
aggregates, shared when two measures need the same one. NPS, shares, counts
and means are sums (promoters, satisfied answers, n, sum of x, sum of x^2),
so a touchpoint matching several values of the column adds its groups up in
Python; medians and p90 cannot be added up, so a touchpoint that matches
several values gets a query of its own for them.

Lean and strict aggregates: when a column's values are known to lie on the
scale (its minimum and maximum, free from Parquet statistics), aggregates
count plain answers, like a hand-written query; otherwise every aggregate
also checks each answer, and the rows off the scale are counted for the
diagnostics. An optimistic lean query whose column turns out to be off the
scale is run again strictly, so no number is ever computed from bad answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from journeymap.measuring import sql
from journeymap.measuring.plan import Job, SourceFiles, Window
from journeymap.measuring.spec import DEFAULT_SCALES, DETRACTORS, PROMOTERS, QUANTILES, Between, Condition
from journeymap.measuring.sql import Params, ParamValue, Value, both, counted, filtered
from journeymap.measuring.stats import EXACT_RANKS_UP_TO, z_value

OPTIONAL_KEYS = ("month", "quarter", "persona")


class Limits(NamedTuple):
    """What a valid value is: between ``low`` and ``high`` (None: open), a whole number when ``whole``."""

    low: float | None
    high: float | None
    whole: bool

    def condition(self, value: Value) -> str:
        parts = []
        if self.low is not None:
            parts.append(f"{value.sql} >= {_number(self.low)}")
        if self.high is not None:
            parts.append(f"{value.sql} <= {_number(self.high)}")
        if self.whole and not value.integral:
            parts.append(f"{value.sql} = trunc({value.sql})")
        return " AND ".join(parts) or f"{value.sql} IS NOT NULL"

    def text(self) -> str:
        if self.high is None:
            return f"at least {_number(self.low or 0)}"
        return f"{_number(self.low or 0)}-{_number(self.high)}"


def _number(value: float) -> str:
    """A limit as SQL: whole numbers only ever come from validated scales, or 0."""
    return sql.whole(int(value))


@dataclass(frozen=True)
class Bound:
    """A job tied to its source's columns: the value it aggregates, its limits and its row filter."""

    index: int
    job: Job
    value: Value | None
    limits: Limits | None
    where: tuple[tuple[str, str, Condition], ...] = ()


@dataclass
class Checks:
    """Column-wide facts that decide lean or strict aggregates, and the date diagnostics."""

    low: dict[str, Any] = field(default_factory=dict)
    high: dict[str, Any] = field(default_factory=dict)
    unparsed_dates: int = 0
    unparsed_example: str | None = None
    no_date: int = 0
    #: The first and last date (or time) in the source, as text: the data's date range.
    first_date: str | None = None
    last_date: str | None = None

    def clean(self, bound: Bound) -> bool:
        """Whether every value of the bound's column is valid, so lean aggregates give the exact answer."""
        value, limits = bound.value, bound.limits
        if value is None or limits is None:
            return True
        if not checkable(bound) or value.sql not in self.low:
            return False
        low, high = self.low[value.sql], self.high[value.sql]
        if low is None:
            return True
        return (limits.low is None or low >= limits.low) and (limits.high is None or high <= limits.high)


def checkable(bound: Bound) -> bool:
    """Whether a column-wide minimum and maximum can prove every value valid (not for text, or whole
    numbers stored as decimals)."""
    value, limits = bound.value, bound.limits
    if value is None or limits is None:
        return True
    return not value.unparsed and not (limits.whole and not value.integral)


@dataclass
class Query:
    """An aggregate query and how to read its result: which output column is which job's which count."""

    sql: str
    params: dict[str, Any]
    keys: tuple[str, ...]
    aliases: tuple[str, ...]
    slots: dict[int, dict[str, str]]
    checks: dict[str, str]
    lean: frozenset[int]
    reader: str = ""
    aggregates: dict[str, str] = field(default_factory=dict)

    def ungrouped(self, aliases: Iterable[str]) -> str:
        """A query of some of these aggregates over the whole source, without grouping or window."""
        wanted = set(aliases)
        columns = ", ".join(
            f"{expression} AS {alias}" for expression, alias in self.aggregates.items() if alias in wanted
        )
        return f"SELECT {columns} FROM {self.reader}"


def limits_of(job: Job) -> Limits | None:
    """The valid values of a job's column: the survey scale, 0/1 for flags, durations not negative."""
    if job.kind in ("nps", "csat", "ces"):
        low, high = job.spec.scale or DEFAULT_SCALES[job.kind]
        return Limits(low, high, True)
    if job.kind == "share":
        return Limits(0, 1, True)
    if job.kind in ("mean", "median", "p90"):
        return Limits(0, None, False) if job.spec.unit != "number" else Limits(None, None, False)
    return None


def value_of(job: Job, types: dict[str, str]) -> Value | None:
    """The value a job aggregates; raises KeyError for a missing column and sql.WrongType for a wrong one."""
    spec = job.spec
    if job.kind == "count":
        return None
    if spec.answers is not None:
        return sql.number(spec.answers, types[spec.answers])
    if spec.share_of is not None:
        return sql.flag(spec.share_of, types[spec.share_of])
    of = spec.duration()
    if isinstance(of, Between):
        return sql.elapsed(sql.timestamp(of.from_, types[of.from_]), sql.timestamp(of.to, types[of.to]))
    assert of is not None
    return sql.number(of, types[of])


def hull(jobs: Iterable[Job]) -> Window:
    """The smallest window holding every job's rows; open when any job is open on that side."""
    listed = list(jobs)
    if not listed or not all(job.window.bounded for job in listed):
        return Window()
    sinces = [j.window.since for j in listed if j.window.since is not None]
    untils = [j.window.until for j in listed if j.window.until is not None]
    since = min(sinces) if len(sinces) == len(listed) else None
    until = max(untils) if len(untils) == len(listed) else None
    return Window(since, until)


class Compiler:
    """Builds one source's query; equal aggregates are written once and shared."""

    def __init__(
        self,
        source: SourceFiles,
        date: Value | None,
        window: Window,
        all_text: bool = False,
        options: dict[str, ParamValue] | None = None,
        span: Value | None = None,
    ) -> None:
        self.source, self.date, self.window, self.all_text = source, date, window, all_text
        #: The date column read for the data's date range (first and last day); never filters or groups.
        self.span = span or date
        self.options = options or {}
        self.params = Params()
        self.aggregates: dict[str, str] = {}

    def aggregate(self, expression: str) -> str:
        if expression not in self.aggregates:
            self.aggregates[expression] = f"a{len(self.aggregates)}"
        return self.aggregates[expression]

    def own_window(self, job: Job) -> str | None:
        """The date condition a job needs beyond the query's window."""
        if self.date is None:
            return None
        parts = []
        start, end = job.window.start(), job.window.end()
        if start is not None and job.window.since != self.window.since:
            parts.append(f"{self.date.sql} >= {self.params.add(start)}")
        if end is not None and job.window.until != self.window.until:
            parts.append(f"{self.date.sql} < {self.params.add(end)}")
        return " AND ".join(parts) or None

    def slots(self, bound: Bound, lean: bool) -> dict[str, str]:
        """The aggregates one job reads, by name (rows, n, promoters, sum, ...)."""
        conditions = [sql.condition(column, kind, wanted, self.params) for column, kind, wanted in bound.where]
        rows_filter = both(*conditions, self.own_window(bound.job))
        slots = {"rows": self.aggregate(counted(rows_filter))}
        value, limits = bound.value, bound.limits
        if value is None or limits is None:
            return slots | self._date_slots(rows_filter)
        valid = None if lean else limits.condition(value)
        use = both(rows_filter, valid)
        slots["n"] = self.aggregate(counted(both(use, f"{value.sql} IS NOT NULL")) if use else f"count({value.sql})")
        slots |= self._date_slots(rows_filter)  # the rows matched: shared by every job with the same filter
        slots |= self._kind_slots(bound, value, use)
        if not lean:
            slots |= self._bad_slots(value, limits, rows_filter)
        return slots

    def _date_slots(self, rows: str | None) -> dict[str, str]:
        """The first and last date of the rows a value was computed from (its touchpoint, filter and window).

        Why the matched rows, not only the answered ones: jobs with the same filter then share the two
        aggregates (without a filter they are the column-wide check itself), so dates cost next to nothing.
        """
        if self.span is None:
            return {}
        return {
            "first": self.aggregate(filtered(f"min({self.span.sql})", rows)),
            "last": self.aggregate(filtered(f"max({self.span.sql})", rows)),
        }

    def _kind_slots(self, bound: Bound, value: Value, use: str | None) -> dict[str, str]:
        job, x = bound.job, value.sql
        if job.kind == "nps":
            return {
                "promoters": self.aggregate(counted(both(use, f"{x} >= {PROMOTERS[0]}"))),
                "detractors": self.aggregate(counted(both(use, f"{x} <= {DETRACTORS[1]}"))),
            }
        if job.kind == "csat":
            low, high = job.spec.satisfied or _top_two(job.spec.scale or DEFAULT_SCALES["csat"])
            return {"hits": self.aggregate(counted(both(use, sql.in_scale(value, low, high))))}
        if job.kind == "share":
            hit = x if value.boolean else f"{x} = 1"
            return {"hits": self.aggregate(counted(both(use, hit)))}
        if job.kind in ("ces", "mean"):
            return {
                "sum": self.aggregate(filtered(f"sum({x}::DOUBLE)", use)),
                "squares": self.aggregate(filtered(f"sum({x}::DOUBLE * {x})", use)),
            }
        listed = ", ".join(str(q) for q in QUANTILES.values())
        return {
            "quantiles": self.aggregate(filtered(f"quantile_cont({x}, [{listed}])", use)),
            "order": self.aggregate(self._order_statistics(x, use, z_value(job.confidence))),
        }

    def _order_statistics(self, x: str, use: str | None, z: float) -> str:
        """The order statistics that bound a median's and a p90's interval, in the scan that computes them.

        Every answer of the group, sorted, while there are at most ``EXACT_RANKS_UP_TO`` (Python then
        takes exact binomial ranks); above, only x(l) and x(u) for each quantile, the ranks computed
        from the group's count exactly as ``stats.normal_ranks`` does (the constants are bound doubles).
        """
        n = filtered(f"count({x})", use)
        values = f"list_sort({filtered(f'list({x})', both(use, f'{x} IS NOT NULL'))})"
        ranks = []
        for q in QUANTILES.values():
            centre, sd = f"({n}::DOUBLE * {self.params.add(q)})", f"sqrt({n}::DOUBLE * {self.params.add(q * (1 - q))})"
            spread = f"{self.params.add(z)} * {sd}"
            ranks.append(f"greatest(floor({centre} - {spread}), 1)::BIGINT")
            ranks.append(f"least(ceil({centre} + {spread} + 1), {n})::BIGINT")
        picked = f"list_select({values}, [{', '.join(ranks)}])"
        return f"CASE WHEN {n} <= {EXACT_RANKS_UP_TO} THEN {values} ELSE {picked} END"

    def _bad_slots(self, value: Value, limits: Limits, rows: str | None) -> dict[str, str]:
        off = both(rows, f"{value.sql} IS NOT NULL", f"NOT ({limits.condition(value)})")
        slots = {
            "bad": self.aggregate(counted(off)),
            "bad_low": self.aggregate(filtered(f"min({value.sql})", off)),
            "bad_high": self.aggregate(filtered(f"max({value.sql})", off)),
        }
        if value.unparsed:
            unparsed = both(rows, value.unparsed)
            slots["unparsed"] = self.aggregate(counted(unparsed))
            slots["unparsed_example"] = self.aggregate(filtered(f"min(CAST({value.raw} AS VARCHAR))", unparsed))
        return slots

    def diagnosed(self, bound: Bound | None, what: str, undated_too: bool = False) -> tuple[str | None, str]:
        """The rows a diagnostic counted, as two conditions: which rows are the job's (None: every row), and which
        of them are wrong (for ``locate``; the compiler has no window).

        ``bad`` and ``unparsed``: the rows of ``bound``'s touchpoint, filter and window whose value is off its
        limits, or is there but no number (the ``_bad_slots`` counts, summed over the job's groups), and with
        ``undated_too`` the rows without a readable date as well (a window's groups with them);
        ``unparsed_dates`` and ``no_date``: the source's rows whose date does not parse, or is empty.
        """
        if bound is None:
            assert self.date is not None
            if what == "unparsed_dates":
                return None, self.date.unparsed or "false"
            parsed = f"NOT ({self.date.unparsed})" if self.date.unparsed else None
            return None, both(f"{self.date.sql} IS NULL", parsed) or "false"
        job, value, limits = bound.job, bound.value, bound.limits
        assert value is not None
        assert limits is not None
        touchpoint = None
        if job.match is not None and self.source.spec.touchpoint:
            members = ", ".join(self.params.add(v) for v in job.match)
            touchpoint = f"{sql.key(self.source.spec.touchpoint)} IN ({members})"
        conditions = [sql.condition(column, kind, wanted, self.params) for column, kind, wanted in bound.where]
        inside = self.own_window(job)
        if inside and undated_too:
            assert self.date is not None
            inside = f"{self.date.sql} IS NULL OR ({inside})"
        if what == "unparsed":
            found = value.unparsed or "false"
        else:
            found = f"{value.sql} IS NOT NULL AND NOT ({limits.condition(value)})"
        return both(touchpoint, *conditions, inside), found

    def check_aggregates(self, bounds: Iterable[Bound]) -> dict[str, str]:
        """Column-wide minimum and maximum of each whole-number value, and the date column's gaps."""
        checks: dict[str, str] = {}
        for bound in bounds:
            value = bound.value
            if value is not None and bound.limits is not None and checkable(bound):
                checks[f"low:{value.sql}"] = self.aggregate(f"min({value.sql})")
                checks[f"high:{value.sql}"] = self.aggregate(f"max({value.sql})")
        checks |= self.span_aggregates()
        if self.date is not None:
            checks["no_date"] = self.aggregate(counted(f"{self.date.sql} IS NULL"))
            if self.date.unparsed:
                checks["unparsed_dates"] = self.aggregate(counted(self.date.unparsed))
                example = filtered(f"min(CAST({self.date.raw} AS VARCHAR))", self.date.unparsed)
                checks["unparsed_example"] = self.aggregate(example)
        return checks

    def span_aggregates(self) -> dict[str, str]:
        """The first and last date of the rows the query reads (its window), for the source's date range."""
        if self.span is None:
            return {}
        return {
            "first_date": self.aggregate(f"min({self.span.sql})"),
            "last_date": self.aggregate(f"max({self.span.sql})"),
        }

    def reader(self, file_column: str | None = None) -> str:
        """The table function that reads the source's files (paths and options are parameters).

        Why ``union_by_name`` only for several files: on one CSV it costs a
        second pass of type detection. ``options`` are what the CSV sniffer
        found when the columns were described, so the scan does not sniff again,
        and the engine's reading options (a smaller buffer under a low memory
        limit), which also apply when every column is read as text. ``file_column``
        (a parameter) names a column holding each row's file, for ``locate``.
        """
        files = self.params.add(list(self.source.paths))
        options = ", union_by_name = true" if len(self.source.paths) > 1 else ""
        if file_column is not None:
            options += f", filename = {file_column}"
        function = {"parquet": "read_parquet", "json": "read_json"}.get(self.source.format, "read_csv")
        if function == "read_csv" and self.all_text:
            options += ", all_varchar = true"
        if function == "read_csv" and self.options:
            options += "".join(f", {name} = {self.params.add(value)}" for name, value in self.options.items())
        if function == "read_csv" and self.source.spec.delimiter and "delim" not in self.options:
            options += f", delim = {self.params.add(self.source.spec.delimiter)}"
        return f"{function}({files}{options})"

    def window_condition(self) -> str | None:
        """Rows inside the query's window, plus rows without a date (counted for the diagnostics)."""
        if self.date is None or not self.window.bounded:
            return None
        parts = []
        start, end = self.window.start(), self.window.end()
        if start is not None:
            parts.append(f"{self.date.sql} >= {self.params.add(start)}")
        if end is not None:
            parts.append(f"{self.date.sql} < {self.params.add(end)}")
        return f"{self.date.sql} IS NULL OR ({' AND '.join(parts)})"


def _top_two(scale: tuple[int, int]) -> tuple[int, int]:
    """Satisfied answers by default: the top two of the scale (4-5 on 1-5)."""
    return (max(scale[0], scale[1] - 1), scale[1])


def compile_source(
    source: SourceFiles,
    bounds: list[Bound],
    date: Value | None,
    checks: Checks | None,
    all_text: bool = False,
    pinned: tuple[str, ...] | None = None,
    options: dict[str, ParamValue] | None = None,
    span: Value | None = None,
) -> Query:
    """The one query for ``bounds`` on ``source``; with ``checks`` None, lean and with the checks inside.

    ``pinned`` makes a query for one touchpoint matching several column values:
    those rows only, all in one group.
    """
    compiler = Compiler(source, date, hull(b.job for b in bounds), all_text, options, span)
    scanned = compiler.aggregate("count(*)")
    lean = frozenset(b.index for b in bounds if (checks.clean(b) if checks else checkable(b)))
    slots = {b.index: compiler.slots(b, b.index in lean) for b in bounds}
    embedded = compiler.check_aggregates(bounds) if checks is None else compiler.span_aggregates()
    embedded["scanned"] = scanned
    reader = compiler.reader()
    keys = _keys(source, bounds, date, compiler.window, pinned)
    where = compiler.window_condition()
    if pinned:
        members = ", ".join(compiler.params.add(v) for v in pinned)
        where = both(where, f"{sql.key(source.spec.touchpoint)} IN ({members})")
    text = _select(keys, compiler.aggregates, reader, where)
    aliases = tuple(compiler.aggregates.values())
    return Query(
        text, compiler.params.values, tuple(keys), aliases, slots, embedded, lean, reader, dict(compiler.aggregates)
    )


def _keys(
    source: SourceFiles, bounds: list[Bound], date: Value | None, window: Window, pinned: tuple[str, ...] | None
) -> dict[str, str]:
    """Output key -> SQL: the touchpoint, whether the row has no date, and the optional period and persona."""
    keys = {"tp": "''" if pinned else sql.key(source.spec.touchpoint)}
    if date is not None and window.bounded:
        keys["no_date"] = f"({date.sql} IS NULL)"
    periods = {b.job.period for b in bounds if b.job.period}
    for period in ("month", "quarter"):
        if period in periods and date is not None:
            keys[period] = f"date_trunc('{period}', {date.sql})"
    if source.spec.persona and not pinned:
        keys["persona"] = sql.key(source.spec.persona)
    return keys


def _select(keys: dict[str, str], aggregates: dict[str, str], reader: str, where: str | None) -> str:
    base = [name for name in keys if name not in OPTIONAL_KEYS]
    optional = [name for name in keys if name in OPTIONAL_KEYS]
    columns = [f"{expression} AS g_{name}" for name, expression in keys.items()]
    columns += [f"GROUPING(g_{name}) AS s_{name}" for name in optional]
    columns += [f"{expression} AS {alias}" for expression, alias in aggregates.items()]
    if optional:
        sets = [base] + [[*base, name] for name in optional]
        grouping = "GROUPING SETS (" + ", ".join("(" + ", ".join(f"g_{k}" for k in s) + ")" for s in sets) + ")"
    else:
        grouping = ", ".join(f"g_{k}" for k in base)
    order = ", ".join(f"{column} NULLS FIRST" for column in [f"s_{k}" for k in optional] + [f"g_{k}" for k in keys])
    lines = ["SELECT " + ",\n  ".join(columns), f"FROM {reader}"]
    if where:
        lines.append(f"WHERE {where}")
    lines += [f"GROUP BY {grouping}", f"ORDER BY {order}"]
    return "\n".join(lines)
