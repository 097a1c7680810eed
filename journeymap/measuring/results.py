"""From aggregated groups to values with n and intervals, and to diagnostics when the data are wrong.

Why a value is withheld rather than computed: answers off the scale, text
where numbers belong, unparseable dates and empty filters would each give a
number that looks right and is not. Each becomes a diagnostic at the line of
the definitions file that asked for it, and the value stays empty.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.measuring import counts, stats
from journeymap.measuring.duckdb_engine import Group, SourceRun
from journeymap.measuring.load import LoadedDefinitions
from journeymap.measuring.plan import Job
from journeymap.measuring.spec import DEFAULT_SCALES, QUANTILES, UNIT_SECONDS, Between
from journeymap.measuring.sql import family
from journeymap.measuring.units import unit_of
from journeymap.translation import Joined, Msg, Plural, Verbatim

if TYPE_CHECKING:
    from journeymap.measuring.locate import Located, Wanted

_ADDED = ("rows", "n", "promoters", "detractors", "hits", "sum", "squares", "bad", "unparsed")


class Figure(NamedTuple):
    """One computed value: the estimate (value, n, interval), the rows it covers, and whether n is small."""

    estimate: stats.Estimate
    rows: int
    small: bool


class Result(NamedTuple):
    """A measure's outcome: the value for its whole window, per period and per persona, or why there is none."""

    job: Job
    unit: str
    figure: Figure | None = None
    rows: int = 0
    left_out: int = 0
    series: tuple[tuple[str, Figure], ...] = ()
    personas: tuple[tuple[str, Figure], ...] = ()
    problems: tuple[str, ...] = ()
    #: The first and last day of the rows the value rests on (None without a date column).
    dates: tuple[str, str] | None = None


class Runner(Protocol):
    """An engine: DuckDB's (``duckdb_engine.Engine``) or Ibis's (``ibis_engine.IbisEngine``)."""

    def run_source(self, loaded: LoadedDefinitions, name: str, jobs: list[tuple[int, Job]]) -> SourceRun: ...

    def date_range(self, run: SourceRun, date_sql: str) -> tuple[Any, Any] | None: ...

    def locate(self, run: SourceRun, wanted: list[Wanted]) -> dict[Wanted, Located]: ...


@dataclass
class Context:
    """What every result of one run shares (``engine``: the one that read the current source)."""

    loaded: LoadedDefinitions
    engine: Runner | None
    confidence: float
    min_sample: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The first rows of the current source's bad-data diagnostics, found in one scan (``Runner.locate``).
    located: dict[Wanted, Located] = field(default_factory=dict)


def results_for(context: Context, run: SourceRun, jobs: list[tuple[int, Job]]) -> list[tuple[int, Result]]:
    """Every job of one source, in order, with the source's own diagnostics added to the context.

    A job whose rows cannot be told (dates that do not parse, a date or filter column that cannot be read)
    is withheld, but its values are checked all the same: every problem of the data is said in one run.
    The rows of every bad-data diagnostic are found in one more scan, only when there is one.
    """
    context.diagnostics += run.problems
    dated = _dated(run, jobs)
    unplaced = {i for i, _ in dated} if dated and run.checks.unparsed_dates else set()
    why = {i: run.check_only.get(i, ()) + (("JM607",) if i in unplaced else ()) for i, _ in jobs}
    wanted = _wanted(run, jobs, dated, why)
    context.located = context.engine.locate(run, wanted) if wanted and context.engine is not None else {}
    if dated:
        _date_problems(context, run)
    found = []
    for index, job in jobs:
        if index in run.withheld:
            found.append((index, Result(job, unit_of(job), problems=("withheld",))))
        else:
            found.append((index, _result(context, run, index, job, why[index])))
    return found


def _dated(run: SourceRun, jobs: list[tuple[int, Job]]) -> list[tuple[int, Job]]:
    """The jobs that read the source's dates (a window or a period), when the source has a date column."""
    if run.files.spec.date is None:
        return []
    return [(i, j) for i, j in jobs if (j.window.bounded or j.period) and i not in run.withheld]


def _wanted(
    run: SourceRun, jobs: list[tuple[int, Job]], dated: list[tuple[int, Job]], why: dict[int, tuple[str, ...]]
) -> list[Wanted]:
    """The diagnostics whose rows must be found: dates that do not parse or are empty, values that are no numbers,
    values off their limits (none on a clean source, so a clean run reads nothing more)."""
    wanted: list[Wanted] = []
    if dated and run.checks.unparsed_dates:
        wanted.append((None, "unparsed_dates", True))
    if dated and run.checks.no_date > run.checks.unparsed_dates:
        wanted.append((None, "no_date", True))
    for index, job in jobs:
        if index in run.withheld:
            continue
        _, placed, sums = _overall(run, index, job, why[index])
        wanted += [(index, what, placed) for what in ("unparsed", "bad") if sums["rows"] and sums.get(what)]
    return wanted


def _date_problems(context: Context, run: SourceRun) -> None:
    """JM607 for dates that do not parse (the dated measures are withheld), JM608 for rows without a date; each
    with the first rows where they are."""
    at = context.loaded.span("sources", run.files.name, "date")
    source, column = Verbatim(run.files.name), Verbatim(str(run.files.spec.date))
    unparsed, empty = run.checks.unparsed_dates, run.checks.no_date - run.checks.unparsed_dates
    if unparsed:
        message = Plural(
            "%(count)s row of source '%(source)s' has a date in column '%(column)s' that does not parse "
            "(e.g. '%(example)s')",
            "%(count)s rows of source '%(source)s' have a date in column '%(column)s' that does not parse "
            "(e.g. '%(example)s')",
            unparsed,
            count=f"{unparsed:,}",
            source=source,
            column=column,
            example=Verbatim(str(run.checks.unparsed_example)),
        )
        hint = Msg("write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, with an optional offset such as +02:00")
        said = _located(context, (None, "unparsed_dates", True), message, unparsed)
        context.diagnostics.append(Diagnostic("JM607", Severity.ERROR, said, at, hint))
    if empty > 0:
        message = Plural(
            "%(count)s row of source '%(source)s' has no date in column '%(column)s'; "
            "it is left out of every measure limited by since, until or period",
            "%(count)s rows of source '%(source)s' have no date in column '%(column)s'; "
            "they are left out of every measure limited by since, until or period",
            empty,
            count=f"{empty:,}",
            source=source,
            column=column,
        )
        said = _located(context, (None, "no_date", True), message, empty)
        context.diagnostics.append(Diagnostic("JM608", Severity.WARNING, said, at))


def _overall(run: SourceRun, index: int, job: Job, withheld: tuple[str, ...]) -> tuple[Job, bool, dict[str, Any]]:
    """A job as bound (without its window when no date can be read), whether its rows are placed by their dates
    (else those whose date does not parse may be in its window and are checked too), and its sums."""
    own = index in run.own
    groups = run.own[index] if own else run.groups
    slots = run.slots[index]
    bound = run.bounds[index].job if index in run.bounds else job
    placed = "JM607" not in withheld
    if withheld:  # only checked: a median's groups (with and without a date) are not added up
        slots = {name: alias for name, alias in slots.items() if name not in ("quantiles", "order")}
    return bound, placed, _sums(bound, _chosen(bound, None if own else job.match, groups, "base", placed), slots)


def _result(context: Context, run: SourceRun, index: int, job: Job, withheld: tuple[str, ...] = ()) -> Result:
    """A job's value, or the problems that stop it; ``withheld``: the codes of problems that stop it whatever its
    values (its rows cannot be told), which are checked all the same."""
    own = index in run.own
    groups = run.own[index] if own else run.groups
    match = None if own else job.match
    slots = run.slots[index]
    bound, placed, overall = _overall(run, index, job, withheld)
    problems = list(_problems(context, run, index, bound, overall, placed))
    if withheld or any(p.severity is Severity.ERROR for p in problems):
        context.diagnostics += problems
        codes = ("withheld", *withheld) if withheld else ()
        return Result(job, unit_of(job), rows=overall["rows"], problems=codes + tuple(p.code for p in problems))
    figure = _figure(context, run, job, overall)
    if figure is not None and figure.small:
        problems.append(_small(context, job, figure))
    context.diagnostics += problems
    return Result(
        job,
        unit_of(job),
        figure,
        rows=overall["rows"],
        left_out=overall.get("bad", 0) + overall.get("unparsed", 0),
        series=tuple(_breakdown(context, run, job, match, groups, slots, job.period)) if job.period else (),
        personas=tuple(_breakdown(context, run, job, match, groups, slots, "persona")),
        problems=tuple(p.code for p in problems),
        dates=_dates(overall),
    )


def _dates(sums: dict[str, Any]) -> tuple[str, str] | None:
    first, last = sums.get("first"), sums.get("last")
    return None if first is None or last is None else (str(first)[:10], str(last)[:10])


def _chosen(
    job: Job, match: tuple[str, ...] | None, groups: list[Group], kind: str, placed: bool = True
) -> list[Group]:
    """The groups that hold a job's rows: its touchpoint values, its grouping set, dated rows when it needs dates
    (and, when its rows cannot be ``placed``, those without a readable date too)."""
    dated = (job.window.bounded or job.period is not None) and placed
    return [g for g in groups if g.set == kind and (match is None or g.tp in match) and not (dated and g.no_date)]


def _sums(job: Job, groups: list[Group], slots: dict[str, str]) -> dict[str, Any]:
    """Add up a job's counts and sums over its groups; a median or p90 comes from its single group."""
    total: dict[str, Any] = {name: 0 for name in slots if name in _ADDED}
    for group in groups:
        for name in total:
            total[name] += group.values[slots[name]] or 0
    for name, pick in (("bad_low", min), ("bad_high", max), ("unparsed_example", min), ("first", min), ("last", max)):
        if name in slots:
            present = [g.values[slots[name]] for g in groups if g.values[slots[name]] is not None]
            total[name] = pick(present) if present else None
    for name in ("quantiles", "order"):
        if name in slots:
            present = [g.values[slots[name]] for g in groups if g.values[slots[name]] is not None]
            if len(present) > 1:
                raise RuntimeError(f"{job.label}: a median or p90 over {len(present)} groups cannot be added up")
            total[name] = present[0] if present else None
    return total


def _figure(context: Context, run: SourceRun, job: Job, sums: dict[str, Any]) -> Figure | None:
    """The statistic of a job's kind from its sums, with n and interval; None when nothing was answered."""
    n, rows = int(sums.get("n", sums["rows"])), int(sums["rows"])
    if n == 0:
        return None
    confidence = context.confidence
    kind = job.kind
    if kind == "nps":
        estimate = stats.nps(int(sums["promoters"]), int(sums["detractors"]), n, confidence)
    elif kind in ("csat", "share"):
        estimate = stats.wilson(int(sums["hits"]), n, confidence)
    elif kind in ("ces", "mean"):
        factor = _factor(run, job)
        bounds = _bounds(job)
        estimate = stats.mean(n, sums["sum"] * factor, sums["squares"] * factor * factor, confidence, bounds)
    elif kind in ("median", "p90"):
        position, factor = list(QUANTILES).index(kind), _factor(run, job)
        order = _order_bounds(sums.get("order"), n, position, confidence)
        scaled = None if order is None else (order[0] * factor, order[1] * factor)
        value = float(sums["quantiles"][position]) * factor
        estimate = stats.quantile(value, n, QUANTILES[kind], run.approximate, scaled)
    else:
        estimate = stats.count(rows)
    return Figure(estimate, rows, kind != "count" and stats.is_small(n, context.min_sample))


def _order_bounds(order: list[Any] | None, n: int, position: int, confidence: float) -> tuple[float, float] | None:
    """The order statistics x(l), x(u) around the quantile at ``position``: picked by exact binomial ranks
    from every sorted answer (small groups), or as the engine picked them by normal ranks (the l, u pairs
    of each quantile in turn)."""
    if not order:
        return None
    if n > stats.EXACT_RANKS_UP_TO:
        return float(order[2 * position]), float(order[2 * position + 1])
    ranks = stats.quantile_ranks(n, list(QUANTILES.values())[position], confidence)
    if ranks is None:
        return None
    return float(order[ranks[0] - 1]), float(order[ranks[1] - 1])


def _factor(run: SourceRun, job: Job) -> float:
    """Seconds per unit of a numeric duration column; 1 for intervals, timestamps and plain numbers."""
    if job.kind == "ces":
        return 1.0
    of = job.spec.duration()
    if isinstance(of, Between) or of is None or family(run.types.get(of, "")) == "interval":
        return 1.0
    return UNIT_SECONDS[job.spec.unit or "s"]


def _bounds(job: Job) -> tuple[float, float]:
    if job.kind == "ces":
        low, high = job.spec.scale or DEFAULT_SCALES["ces"]
        return (float(low), float(high))
    return (0.0, math.inf) if job.spec.unit != "number" else (-math.inf, math.inf)


def _breakdown(
    context: Context,
    run: SourceRun,
    job: Job,
    match: tuple[str, ...] | None,
    groups: list[Group],
    slots: dict[str, str],
    kind: str,
) -> Iterator[tuple[str, Figure]]:
    """The figure per period (2024-01, 2024-Q1) or per persona, in order; labels with no answers are left out."""
    chosen = _chosen(job, match, groups, kind)
    labels = sorted({label for g in chosen if (label := _label(g, kind)) is not None})
    for label in labels:
        part = [g for g in chosen if _label(g, kind) == label]
        figure = _figure(context, run, job, _sums(job, part, slots))
        if figure is not None:
            yield label, figure


def _label(group: Group, kind: str) -> str | None:
    if kind == "persona":
        return group.persona
    if group.period is None:
        return None
    if kind == "quarter":
        return f"{group.period.year}-Q{(group.period.month - 1) // 3 + 1}"
    return f"{group.period.year}-{group.period.month:02d}"


def _problems(
    context: Context, run: SourceRun, index: int, job: Job, sums: dict[str, Any], placed: bool = True
) -> Iterator[Diagnostic]:
    """What is wrong with a job's rows: none, text in a number column, answers off the scale, nothing answered.
    (``placed`` False: the rows include those whose date does not parse; ``locate`` finds them so.)"""
    at = context.loaded.span(*job.path)
    skip = job.spec.invalid == "skip"
    if sums["rows"] == 0:
        yield _no_rows(context, run, job, at)
        return
    column = _column_words(job, run)
    shown = {"column": column, "label": Verbatim(job.label), "rows": counts.of_rows(sums["rows"])}
    if sums.get("unparsed"):
        unparsed = sums["unparsed"]
        example = Verbatim(str(sums.get("unparsed_example")))
        message = (
            Plural(
                "%(count)s value of %(column)s in %(label)s is not true/false (e.g. '%(example)s'), of %(rows)s",
                "%(count)s values of %(column)s in %(label)s are not true/false (e.g. '%(example)s'), of %(rows)s",
                unparsed,
                count=f"{unparsed:,}",
                example=example,
                **shown,
            )
            if job.kind == "share"
            else Plural(
                "%(count)s value of %(column)s in %(label)s is not a number (e.g. '%(example)s'), of %(rows)s",
                "%(count)s values of %(column)s in %(label)s are not numbers (e.g. '%(example)s'), of %(rows)s",
                unparsed,
                count=f"{unparsed:,}",
                example=example,
                **shown,
            )
        )
        said = _located(context, (index, "unparsed", placed), message, unparsed)
        yield _bad_data("JM604", said, at, skip, unparsed)
    if sums.get("bad"):
        said = _located(context, (index, "bad", placed), _off_scale(job, sums, shown), sums["bad"])
        yield _bad_data("JM605", said, at, skip, sums["bad"])
    if sums.get("n", 1) == 0 and not sums.get("bad") and not sums.get("unparsed"):
        message = Plural(
            "%(count)s row matches %(label)s, but it has no value in %(column)s",
            "%(count)s rows match %(label)s, but none has a value in %(column)s",
            sums["rows"],
            count=f"{sums['rows']:,}",
            label=Verbatim(job.label),
            column=column,
        )
        yield Diagnostic("JM606", Severity.ERROR, message, at, Msg("check the column, or the measure's `where`"))


def _bad_data(code: str, message: str, at: Span, skip: bool, count: int) -> Diagnostic:
    """JM604 or JM605 (the value is not computed), or with ``invalid: skip`` JM611 (the rows are left out)."""
    if skip:
        said = Plural(
            "%(message)s; it is left out (`invalid: skip`)",
            "%(message)s; they are left out (`invalid: skip`)",
            count,
            message=message,
        )
        return Diagnostic("JM611", Severity.WARNING, said, at)
    hint = Msg("fix the export, narrow the rows with `where`, or add `invalid: skip` to leave them out")
    return Diagnostic(code, Severity.ERROR, Msg("%(message)s; the value is not computed", message=message), at, hint)


def _off_scale(job: Job, sums: dict[str, Any], shown: dict[str, Any]) -> Msg:
    """JM605's words: negative durations, flags that are neither 0 nor 1, answers off the scale, the verb agreeing
    with their count."""
    bad = sums["bad"]
    low, high = _shown(sums.get("bad_low")), _shown(sums.get("bad_high"))
    if job.kind in ("mean", "median", "p90"):
        return Plural(
            "%(count)s duration from %(column)s in %(label)s is negative (lowest %(low)s), of %(rows)s",
            "%(count)s durations from %(column)s in %(label)s are negative (lowest %(low)s), of %(rows)s",
            bad,
            count=f"{bad:,}",
            low=low,
            **shown,
        )
    if job.kind == "share":
        return Plural(
            "%(count)s value of %(column)s in %(label)s is neither %(zero)s nor %(one)s (from %(low)s to %(high)s), "
            "of %(rows)s",
            "%(count)s values of %(column)s in %(label)s are neither %(zero)s nor %(one)s (from %(low)s to %(high)s), "
            "of %(rows)s",
            bad,
            count=f"{bad:,}",
            zero=0,
            one=1,
            low=low,
            high=high,
            **shown,
        )
    scale = job.spec.scale or DEFAULT_SCALES[job.kind]
    return Plural(
        "%(count)s answer in %(column)s for %(label)s is not a whole number from %(first)s to %(last)s "
        "(lowest %(low)s, highest %(high)s), of %(rows)s",
        "%(count)s answers in %(column)s for %(label)s are not whole numbers from %(first)s to %(last)s "
        "(lowest %(low)s, highest %(high)s), of %(rows)s",
        bad,
        count=f"{bad:,}",
        first=scale[0],
        last=scale[1],
        low=low,
        high=high,
        **shown,
    )


def _located(context: Context, wanted: Wanted, message: Msg, count: int) -> Msg:
    """``message`` with where its ``count`` rows are (``surveys.csv rows 12, 57, 310 and 4 more``); the message
    alone when the engine cannot number the rows (a table behind a connection)."""
    found = context.located.get(wanted)
    if found is None or not found.rows:
        return message
    return Msg("%(message)s: %(rows)s", message=message, rows=rows_words(found, count))


def rows_words(found: Located, count: int) -> Msg | Joined:
    """The first rows, file by file (``a.csv rows 2, 5; b.csv row 1``), then how many more there are."""
    parts: list[str] = []
    for file, located in itertools.groupby(found.rows, key=lambda row: row[0]):
        numbers = [str(number) for _, number in located]
        parts.append(
            Plural(
                "%(file)s row %(numbers)s",
                "%(file)s rows %(numbers)s",
                len(numbers),
                file=Verbatim(file),
                numbers=Joined(", ", numbers),
            )
        )
    listed = Joined("; ", parts)
    more = count - len(found.rows)
    if more <= 0:
        return listed
    return Plural("%(rows)s and %(count)s more", "%(rows)s and %(count)s more", more, rows=listed, count=f"{more:,}")


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_words(job: Job, run: SourceRun) -> str:
    """The column(s) a job reads and their source: ``column 'nps' of source 'surveys'``."""
    spec = job.spec
    of = spec.answers or spec.share_of or spec.duration()
    if isinstance(of, Between):
        return Msg(
            "'%(first)s' to '%(last)s' of source '%(source)s'",
            first=Verbatim(of.from_),
            last=Verbatim(of.to),
            source=Verbatim(run.files.name),
        )
    return Msg("column '%(column)s' of source '%(source)s'", column=Verbatim(str(of)), source=Verbatim(run.files.name))


def _no_rows(context: Context, run: SourceRun, job: Job, at: Span) -> Diagnostic:
    """JM606 with the likeliest reason: an unknown touchpoint value, the filter, or the window.

    A measure limited to a window sees only that window's rows, and never the rows without a date:
    a touchpoint value missing there may well be in the data outside it, so the window is named
    (with the data's own dates) rather than the touchpoint column.
    """
    windowed, dated = job.window.bounded, job.window.bounded or job.period is not None
    seen = sorted({g.tp for g in run.groups if g.tp is not None and g.tp != "" and not (dated and g.no_date)})
    message = Msg(
        "no rows of source '%(source)s' match %(label)s", source=Verbatim(run.files.name), label=Verbatim(job.label)
    )
    if job.match is not None and not set(job.match) & set(seen) and not windowed:
        column = run.files.spec.touchpoint
        from journeymap.validation.suggest import did_you_mean  # on the error path only: it loads the model

        close = did_you_mean(job.match[0], seen, listing=False)
        listed = Verbatim(", ".join(seen[:15]) + (" ..." if len(seen) > 15 else ""))
        values = Msg(
            "values in column '%(column)s': %(listed)s; map another with `match:`",
            column=Verbatim(str(column)),
            listed=listed,
        )
        hint = Joined(" ", [close, values]) if close else values
        said = Msg(
            "%(message)s: no row has %(column)s = '%(value)s'",
            message=message,
            column=Verbatim(str(column)),
            value=Verbatim(job.match[0]),
        )
        return Diagnostic("JM606", Severity.ERROR, said, at, hint)
    if job.spec.where:
        columns = Verbatim(", ".join(f"'{column}'" for column in job.spec.where))
        read = sum(run.touchpoint_rows.get(value, 0) for value in job.match) if job.match else run.scanned
        hint = Msg("check the values in `where`; each column must equal one of them")
        said = Msg(
            "%(message)s: the `where` filter on %(columns)s leaves none of its %(rows)s",
            message=message,
            columns=columns,
            rows=counts.of_rows(read),
        )
        return Diagnostic("JM606", Severity.ERROR, said, at, hint)
    span = _date_span(context, run)
    hint = (
        Msg("the data run from %(first)s to %(last)s", first=Verbatim(span[0]), last=Verbatim(span[1]))
        if span
        else Msg("check since, until and the date column")
    )
    said = Msg("%(message)s from %(window)s", message=message, window=job.window.text())
    return Diagnostic("JM606", Severity.ERROR, said, at, hint)


def _date_span(context: Context, run: SourceRun) -> tuple[str, str] | None:
    from journeymap.measuring import sql

    column = run.files.spec.date
    if column is None or column not in run.types:
        return None
    if context.engine is None:
        return None
    found = context.engine.date_range(run, sql.timestamp(column, run.types[column]).sql)
    if not found or found[0] is None:
        return None
    return (str(found[0])[:10], str(found[1])[:10])


def _small(context: Context, job: Job, figure: Figure) -> Diagnostic:
    message = Msg(
        "%(label)s rests on %(n)s, fewer than %(minimum)s; its interval is wide and the value may move a lot",
        label=Verbatim(job.label),
        n=counts.of_answers(figure.estimate.n),
        minimum=context.min_sample,
    )
    return Diagnostic("JM609", Severity.INFO, message, context.loaded.span(*job.path))
