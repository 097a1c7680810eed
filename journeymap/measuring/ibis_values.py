"""Column values and filters as Ibis expressions: the same meanings as ``sql``, for any Ibis backend.

Why a twin of ``sql`` and not SQL text: a warehouse has its own dialect, and
Ibis writes it. Each function here says in Ibis what its namesake in ``sql``
says to DuckDB (answers as numbers, flags as 1/0, dates as timestamps in UTC,
filter values as literals of the column's kind), so both engines count the
same rows. Types come in DuckDB's spelling (``ibis_engine.duckdb_types``), so
``bind`` and ``sql.family`` decide the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ibis  # type: ignore[import-untyped]
import ibis.expr.datatypes as dt  # type: ignore[import-untyped]

from journeymap.measuring import sql
from journeymap.measuring.compile import Limits
from journeymap.measuring.spec import Between, Condition

if TYPE_CHECKING:
    import ibis.expr.types as ir  # type: ignore[import-untyped]

    from journeymap.measuring.plan import Job

UTC = dt.Timestamp(timezone="UTC")


@dataclass(frozen=True)
class Value:
    """What ``sql.Value`` is, as expressions on one relation: the number, the raw column, when it fails to parse."""

    x: Any
    raw: Any
    unparsed: Any | None = None
    integral: bool = False


def number(table: ir.Table, column: str, type_name: str) -> Value:
    """Numbers as they are, text parsed (blank is no answer), anything else refused."""
    c, kind = table[column], sql.family(type_name)
    if kind == "integer":
        return Value(c, c, integral=True)
    if kind == "decimal":
        return Value(c.cast("float64"), c)
    if kind == "text":
        parsed = c.strip().try_cast("float64")
        return Value(parsed, c, c.notnull() & (c.strip() != "") & parsed.isnull())
    raise sql.WrongType(column, type_name, "numbers")


def flag(table: ir.Table, column: str, type_name: str) -> Value:
    """true/false as 1/0 (a cast, so a missing flag stays missing), 0/1 numbers, or words such as yes/no."""
    c, kind = table[column], sql.family(type_name)
    if kind == "boolean":
        return Value(c.cast("int32"), c, integral=True)
    if kind in ("integer", "decimal"):
        return number(table, column, type_name)
    if kind == "text":
        word = c.strip().lower()
        parsed = ibis.cases((word.isin(sql.TRUE_WORDS), 1), (word.isin(sql.FALSE_WORDS), 0), else_=ibis.null("int32"))
        return Value(parsed, c, c.notnull() & (c.strip() != "") & parsed.isnull(), integral=True)
    raise sql.WrongType(column, type_name, "true/false or 1/0")


def timestamp(table: ir.Table, column: str, type_name: str) -> Value:
    """A date or time as a timestamp; text parsed as ISO 8601, an offset turned into UTC."""
    c, kind = table[column], sql.family(type_name)
    if kind in ("date", "timestamp"):
        return Value(c.cast("timestamp"), c)
    if kind == "text":
        parsed = c.strip().try_cast(UTC).cast("timestamp")
        return Value(parsed, c, c.notnull() & (c.strip() != "") & parsed.isnull())
    raise sql.WrongType(column, type_name, "dates or times")


def elapsed(start: Value, end: Value) -> Value:
    """Seconds from one timestamp to another, to the millisecond (as DuckDB's epoch_ms)."""
    seconds = (_milliseconds(end.x) - _milliseconds(start.x)).cast("float64") / 1000.0
    parts = [part for part in (start.unparsed, end.unparsed) if part is not None]
    unparsed = parts[0] | parts[1] if len(parts) == 2 else (parts[0] if parts else None)
    raw = start.raw.cast("string") + " to " + end.raw.cast("string")
    return Value(seconds, raw, unparsed)


def _milliseconds(moment: Any) -> Any:
    return moment.epoch_seconds().cast("int64") * 1000 + moment.millisecond().cast("int64")


def value_of(job: Job, table: ir.Table, types: dict[str, str]) -> Value | None:
    """The value a job aggregates (as ``compile.value_of``); bind has already checked the columns."""
    spec = job.spec
    if job.kind == "count":
        return None
    if spec.answers is not None:
        return number(table, spec.answers, types[spec.answers])
    if spec.share_of is not None:
        return flag(table, spec.share_of, types[spec.share_of])
    of = spec.duration()
    if isinstance(of, Between):
        begin, end = timestamp(table, of.from_, types[of.from_]), timestamp(table, of.to, types[of.to])
        return elapsed(begin, end)
    assert of is not None
    return number(table, of, types[of])


def valid(limits: Limits, value: Value) -> Any:
    """``Limits.condition`` in Ibis: within the ends, and a whole number when the scale wants one."""
    x = value.x
    parts = []
    if limits.low is not None:
        parts.append(x >= int(limits.low))
    if limits.high is not None:
        parts.append(x <= int(limits.high))
    if limits.whole and not value.integral:
        parts.append(x == x.floor())
    return both(*parts) if parts else x.notnull()


def in_scale(value: Value, low: int, high: int) -> Any:
    """A whole number from low to high."""
    inside = value.x.between(low, high)
    return inside if value.integral else inside & (value.x == value.x.floor())


def key(table: ir.Table, column: str | None) -> Any:
    """A grouping column as text (ids compare as text whatever the type), or '' without one."""
    return table[column].cast("string") if column else ibis.literal("")


def condition(table: ir.Table, column: str, type_name: str, wanted: Condition) -> Any:
    """One ``where`` entry: the column compared with literals of its kind (as ``sql.condition``)."""
    kind = sql.family(type_name)
    if kind == "other":
        raise sql.WrongType(column, type_name, "text, numbers, true/false or dates to filter on")
    target = table[column].cast("timestamp") if kind in ("date", "timestamp") else table[column]
    values = [sql.coerce_value(column, kind, value) for value in wanted.values()]
    operator = wanted.operator
    if operator == "equals":
        return target == values[0]
    if operator == "between":
        return target.between(values[0], values[1])
    if operator == "in_":
        return target.isin(values)
    return target.isnull() | target.notin(values)


def both(*conditions: Any) -> Any:
    """Conditions joined with AND; None when there are none."""
    present = [c for c in conditions if c is not None]
    if not present:
        return None
    joined = present[0]
    for part in present[1:]:
        joined = joined & part
    return joined
