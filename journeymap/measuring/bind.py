"""Tie measures to a source's real columns: every missing column or unusable type becomes a diagnostic.

Why before any query runs: a misspelt column should say "did you mean
'csat'?" and list the columns there are, at the line of the definitions file
that names it, not fail deep inside DuckDB with a binder error.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.measuring import sql
from journeymap.measuring.compile import Bound, limits_of, value_of
from journeymap.measuring.load import LoadedDefinitions
from journeymap.measuring.plan import Job, SourceFiles, Window
from journeymap.measuring.spec import Between, Condition


@dataclass
class Binding:
    """A source's jobs tied to its columns, and what could not be tied."""

    bounds: list[Bound] = field(default_factory=list)
    date: sql.Value | None = None
    #: The date column for the data's date range only (bound even when no job needs dates; never a filter).
    span: sql.Value | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    withheld: set[int] = field(default_factory=set)
    #: Jobs bound only to check their values, with the codes that withhold their value: the date, a filter or
    #: the persona column cannot be read, so their rows cannot be told; their answers are checked over the
    #: rows that can (every row of their touchpoint without the date, the other filters, no personas), so
    #: that every problem of the data is reported in one run.
    check_only: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: The code of the problem with the date column that dated jobs need (JM603 missing, JM604 not a date).
    date_codes: set[str] = field(default_factory=set)
    #: The persona column is missing: every job is only checked, grouped without personas (``files_read``).
    without_persona: bool = False

    def files_read(self, files: SourceFiles) -> SourceFiles:
        """The files as the query reads them: without the persona column when it is missing."""
        if not self.without_persona:
            return files
        return files._replace(spec=dataclasses.replace(files.spec, persona=None))


def bind(loaded: LoadedDefinitions, files: SourceFiles, types: dict[str, str], jobs: list[tuple[int, Job]]) -> Binding:
    """Bind each job on ``files`` (``jobs`` are (index, job) pairs) to the columns in ``types``.

    Every job's columns are checked whatever else is wrong, so one run says every problem: a job whose date
    or filter cannot be read is still bound (``check_only``) to check its values.
    """
    binding = Binding()
    source_ok = _source_columns(loaded, files, types, jobs, binding)
    for index, job in jobs:
        undated = bool(job.window.bounded or job.period) and binding.date is None
        checked = job._replace(window=Window(), period=None) if undated else job
        problems = _job_columns(loaded, files, types, checked)
        value_ok = all(column in types for key, column in _columns(checked) if key[0] != "where")
        bound, more = _bound(loaded, files, types, index, checked, value_ok)
        problems += more
        binding.problems += problems
        if not source_ok or bound is None or (undated and files.spec.date is None):
            binding.withheld.add(index)
            continue
        binding.bounds.append(bound)
        codes = {p.code for p in problems} | (binding.date_codes if undated else set())
        codes |= {"JM603"} if binding.without_persona else set()
        if codes:
            binding.check_only[index] = tuple(sorted(codes))
    return binding


def _source_columns(
    loaded: LoadedDefinitions, files: SourceFiles, types: dict[str, str], jobs: list[tuple[int, Job]], binding: Binding
) -> bool:
    """The source's own columns: touchpoint and persona must exist; the date must be a date."""
    spec, ok = files.spec, True
    for role in ("touchpoint", "persona"):
        column = getattr(spec, role)
        if column is not None and column not in types:
            binding.problems.append(missing(loaded, files, types, column, ("sources", files.name, role), role))
            ok = ok and role == "persona"  # without personas, values are still checked (``without_persona``)
            binding.without_persona = binding.without_persona or role == "persona"
    needs_date = any(job.window.bounded or job.period for _, job in jobs)
    if spec.date is not None and needs_date:
        at = ("sources", files.name, "date")
        if spec.date not in types:
            binding.problems.append(missing(loaded, files, types, spec.date, at, "date"))
            binding.date_codes.add("JM603")
        else:
            try:
                binding.date = sql.timestamp(spec.date, types[spec.date])
            except sql.WrongType as error:
                binding.problems.append(wrong_type(loaded, files, error, at))
                binding.date_codes.add("JM604")
    elif spec.date is not None and spec.date not in types:
        # nothing is limited to a window, so nothing is withheld; but a misspelt date column would silently
        # drop the data's date range from every output: said as a warning
        found = missing(loaded, files, types, spec.date, ("sources", files.name, "date"), "date")
        binding.problems.append(dataclasses.replace(found, severity=Severity.WARNING))
    binding.span = binding.date or _quiet_date(spec.date, types)
    return ok


def _quiet_date(column: str | None, types: dict[str, str]) -> sql.Value | None:
    """The date column for the date range when no job needs it: no diagnostics (nothing depends on it)."""
    if column is None or column not in types:
        return None
    try:
        return sql.timestamp(column, types[column])
    except sql.WrongType:
        return None


def _job_columns(loaded: LoadedDefinitions, files: SourceFiles, types: dict[str, str], job: Job) -> list[Diagnostic]:
    problems = []
    for key, column in _columns(job):
        if column not in types:
            problems.append(missing(loaded, files, types, column, (*job.path, *key), f"{job.label} {key[0]}"))
    return problems


def _columns(job: Job) -> list[tuple[tuple[str, ...], str]]:
    """Every column a job names, with the keys that name it."""
    spec = job.spec
    named: list[tuple[tuple[str, ...], str]] = []
    for key in ("answers", "share_of"):
        if getattr(spec, key) is not None:
            named.append(((key,), getattr(spec, key)))
    for key in ("mean", "median", "p90"):
        of = getattr(spec, key)
        if isinstance(of, Between):
            named += [((key, "from"), of.from_), ((key, "to"), of.to)]
        elif of is not None:
            named.append(((key,), of))
    named += [(("where", column), column) for column in spec.where]
    return named


def _bound(
    loaded: LoadedDefinitions, files: SourceFiles, types: dict[str, str], index: int, job: Job, value_ok: bool
) -> tuple[Bound | None, list[Diagnostic]]:
    """The job's value and the filters that can be read, with the problems of the others (a filter column
    that is missing, of a type no filter takes, or compared with a value of another kind); None when the
    value itself cannot be read."""
    problems: list[Diagnostic] = []
    value = None
    try:
        value = value_of(job, types) if value_ok else None
    except sql.WrongType as error:
        problems.append(wrong_type(loaded, files, error, (*job.path, job.spec.what)))
        value_ok = False
    where: list[tuple[str, str, Condition]] = []
    for column, wanted in job.spec.where.items():
        if column not in types:
            continue  # said by _job_columns
        try:
            sql.condition(column, types[column], wanted, sql.Params())
        except sql.WrongType as error:
            problems.append(wrong_type(loaded, files, error, (*job.path, "where", column)))
            continue
        except sql.FilterValue as error:
            problems.append(filter_value(loaded, files, types[column], error, (*job.path, "where", column)))
            continue
        where.append((column, types[column], wanted))
    if not value_ok:
        return None, problems
    return Bound(index, job, value, limits_of(job), tuple(where)), problems


def missing(
    loaded: LoadedDefinitions,
    files: SourceFiles,
    types: dict[str, str],
    column: str,
    at: tuple[str, ...],
    role: str,
) -> Diagnostic:
    """JM603: the column is not there; say what is."""
    columns = list(types)
    from journeymap.validation.suggest import did_you_mean  # on the error path only: it loads the model

    close = did_you_mean(column, columns, listing=False)
    from journeymap.translation import Msg, Verbatim

    listed = Verbatim(", ".join(columns[:20]))
    shown = (
        Msg("%(columns)s and %(more)s more", columns=listed, more=len(columns) - 20) if len(columns) > 20 else listed
    )
    hint = (
        Msg("%(close)s The columns are: %(columns)s", close=close, columns=shown)
        if close
        else Msg("the columns are: %(columns)s", columns=shown)
    )
    message = Msg(
        "column '%(column)s' (%(role)s) is not in source '%(source)s' (%(files)s)",
        column=Verbatim(column),
        role=Verbatim(role),
        source=Verbatim(files.name),
        files=Verbatim(_files(files)),
    )
    return Diagnostic("JM603", Severity.ERROR, message, _span(loaded, at), hint)


def wrong_type(loaded: LoadedDefinitions, files: SourceFiles, error: sql.WrongType, at: tuple[str, ...]) -> Diagnostic:
    """JM604: the column's type cannot hold what the measure needs."""
    from journeymap.translation import Msg, Verbatim

    message = Msg(
        "column '%(column)s' of source '%(source)s' holds %(type)s values, where the measure needs %(expected)s",
        column=Verbatim(error.column),
        source=Verbatim(files.name),
        type=Verbatim(error.type_name),
        expected=Msg(error.expected),
    )
    return Diagnostic("JM604", Severity.ERROR, message, _span(loaded, at), Msg("choose another column"))


def filter_value(
    loaded: LoadedDefinitions, files: SourceFiles, type_name: str, error: sql.FilterValue, at: tuple[str, ...]
) -> Diagnostic:
    """JM604: a filter compares a column with a value of another kind."""
    from journeymap.translation import Msg, Verbatim

    message = Msg(
        "filter on column '%(column)s' (%(type)s in source '%(source)s') compares it with '%(value)s', "
        "which is not %(expected)s",
        column=Verbatim(error.column),
        type=Verbatim(type_name),
        source=Verbatim(files.name),
        value=Verbatim(str(error.value)),
        expected=Msg(error.expected),
    )
    hint = Msg("write %(expected)s", expected=Msg(error.expected))
    return Diagnostic("JM604", Severity.ERROR, message, _span(loaded, at), hint)


def _span(loaded: LoadedDefinitions, at: tuple[str, ...]) -> Span:
    """The key of the place (a column named as a key, like a `where` entry) or its value."""
    if at and at[-2:-1] == ("where",):
        return loaded.source_map.key(at)
    return loaded.span(*at)


def _files(files: SourceFiles) -> str:
    if files.spec.table is not None:
        return f"table {files.spec.table}"
    shown = ", ".join(files.shown[:3])
    return shown + (f" and {len(files.shown) - 3} more" if len(files.shown) > 3 else "")
