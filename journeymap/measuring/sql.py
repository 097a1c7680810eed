"""Safe SQL pieces: quoted identifiers, bound parameters, and column values by column type.

Why here, in one place: everything a user writes (column names, filter
values, file paths) reaches DuckDB either as a double-quoted identifier or as
a bound parameter, never as SQL text. Only whole numbers that the model has
already validated (scale ends) are written into the query as literals.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Literal, NamedTuple

from journeymap.translation import N_

if TYPE_CHECKING:
    from journeymap.measuring.spec import Condition, Scalar

Family = Literal["integer", "decimal", "boolean", "text", "date", "timestamp", "interval", "other"]

_FAMILIES: tuple[tuple[str, Family], ...] = (
    (r"^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|INT[1248]|UHUGEINT)$", "integer"),
    (r"^(FLOAT|REAL|DOUBLE|DECIMAL(\(.*\))?|NUMERIC(\(.*\))?|FLOAT[48])$", "decimal"),
    (r"^(BOOLEAN|BOOL)$", "boolean"),
    (r"^(VARCHAR|TEXT|STRING|CHAR|BPCHAR)(\(.*\))?$", "text"),
    (r"^DATE$", "date"),
    (r"^TIMESTAMP.*$", "timestamp"),
    (r"^INTERVAL$", "interval"),
)
#: Text spellings of true and false in flag columns (compared in lower case, trimmed).
TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")


def family(type_name: str) -> Family:
    """The kind of a DuckDB column type, as far as measuring cares."""
    upper = type_name.strip().upper()
    return next((name for pattern, name in _FAMILIES if re.match(pattern, upper)), "other")


def quote(identifier: str) -> str:
    """A column name as a DuckDB identifier: double quotes, inner quotes doubled; any text is safe."""
    return '"' + identifier.replace('"', '""') + '"'


def whole(number: int) -> str:
    """A validated whole number as SQL text (scale ends); refuses anything else."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("only whole numbers are written into SQL; everything else is a parameter")
    return str(number)


ParamValue = str | int | float | bool | dt.date | dt.datetime | list[str] | dict[str, str]


class Params:
    """Bound parameters by name: each distinct value once, so equal filters produce equal SQL."""

    def __init__(self) -> None:
        self.values: dict[str, ParamValue] = {}
        self._names: dict[tuple[str, str], str] = {}

    def add(self, value: ParamValue) -> str:
        """The placeholder (``$p3``) for ``value``."""
        key = (type(value).__name__, repr(value))
        if key not in self._names:
            name = f"p{len(self._names)}"
            self._names[key] = name
            self.values[name] = value
        return "$" + self._names[key]


def both(*conditions: str | None) -> str | None:
    """Conditions joined with AND; None when there are none."""
    present = [c for c in conditions if c]
    if not present:
        return None
    return " AND ".join(c if len(present) == 1 else f"({c})" for c in present)


def counted(condition: str | None) -> str:
    """The number of rows where ``condition`` holds (all rows without one).

    Why ``count_if`` and not ``count(*) FILTER (WHERE ...)``: DuckDB evaluates
    it about 30% faster, and a survey scan is mostly such counts.
    """
    return f"count_if({condition})" if condition else "count(*)"


def filtered(aggregate: str, condition: str | None) -> str:
    """``aggregate FILTER (WHERE condition)``, or the plain aggregate."""
    return f"{aggregate} FILTER (WHERE {condition})" if condition else aggregate


class Value(NamedTuple):
    """A column (or two) turned into the number a measure aggregates.

    ``sql`` is NULL where the row has no usable value; ``unparsed`` is the
    condition for "a value is there but is not what it should be" (text that
    is no number, no date), counted for diagnostics; ``integral`` says the type
    holds whole numbers only, so a scale check needs no rounding test.
    """

    sql: str
    raw: str
    unparsed: str | None = None
    integral: bool = False
    boolean: bool = False


class WrongType(Exception):
    """A column whose type cannot hold what the measure needs (a list where numbers are expected)."""

    def __init__(self, column: str, type_name: str, expected: str) -> None:
        super().__init__(column)
        self.column, self.type_name, self.expected = column, type_name, expected


def number(column: str, type_name: str) -> Value:
    """Answers, durations and other numbers: numeric columns as they are, text parsed, others refused."""
    q, kind = quote(column), family(type_name)
    if kind == "integer":
        return Value(q, q, integral=True)
    if kind == "decimal":
        return Value(f"{q}::DOUBLE", q)
    if kind == "text":
        parsed = f"TRY_CAST(trim({q}) AS DOUBLE)"
        return Value(parsed, q, unparsed=f"{q} IS NOT NULL AND trim({q}) <> '' AND {parsed} IS NULL")
    if kind == "interval":
        return Value(f"epoch({q})", q)
    raise WrongType(column, type_name, N_("numbers"))


def flag(column: str, type_name: str) -> Value:
    """A true/false column as 1/0: booleans, 0/1 numbers, or words such as yes/no."""
    q, kind = quote(column), family(type_name)
    if kind == "boolean":
        return Value(q, q, integral=True, boolean=True)
    if kind in ("integer", "decimal"):
        return number(column, type_name)
    if kind == "text":
        word = f"lower(trim({q}))"
        trues = ", ".join(f"'{w}'" for w in TRUE_WORDS)
        falses = ", ".join(f"'{w}'" for w in FALSE_WORDS)
        parsed = f"CASE WHEN {word} IN ({trues}) THEN 1 WHEN {word} IN ({falses}) THEN 0 END"
        return Value(parsed, q, unparsed=f"{q} IS NOT NULL AND trim({q}) <> '' AND {parsed} IS NULL", integral=True)
    raise WrongType(column, type_name, N_("true/false or 1/0"))


def timestamp(column: str, type_name: str) -> Value:
    """A date or time as a TIMESTAMP (UTC); text is parsed as ISO 8601, with or without an offset."""
    q, kind = quote(column), family(type_name)
    if kind in ("date", "timestamp"):
        return Value(f"CAST({q} AS TIMESTAMP)", q)
    if kind == "text":
        parsed = f"CAST(TRY_CAST(trim({q}) AS TIMESTAMPTZ) AS TIMESTAMP)"
        return Value(parsed, q, unparsed=f"{q} IS NOT NULL AND trim({q}) <> '' AND {parsed} IS NULL")
    raise WrongType(column, type_name, N_("dates or times"))


def elapsed(start: Value, end: Value) -> Value:
    """Seconds from one timestamp to another (negative when the end comes first)."""
    sql = f"(epoch_ms({end.sql}) - epoch_ms({start.sql})) / 1000.0"
    parts = [part for part in (start.unparsed, end.unparsed) if part]
    unparsed = " OR ".join(f"({part})" for part in parts) or None
    raw = f"CAST({start.raw} AS VARCHAR) || ' to ' || CAST({end.raw} AS VARCHAR)"
    return Value(sql, raw, unparsed=unparsed)


def key(column: str | None) -> str:
    """A grouping column as text (ids compare as text whatever the export's type); a constant without one."""
    return f"CAST({quote(column)} AS VARCHAR)" if column else "''"


def in_scale(value: Value, low: int, high: int) -> str:
    """The condition "a whole number from low to high" for ``value``."""
    condition = f"{value.sql} BETWEEN {whole(low)} AND {whole(high)}"
    return condition if value.integral else f"{condition} AND {value.sql} = trunc({value.sql})"


class FilterValue(Exception):
    """A filter value that the column cannot hold (text compared with a number column)."""

    def __init__(self, column: str, value: object, expected: str) -> None:
        super().__init__(column)
        self.column, self.value, self.expected = column, value, expected


def condition(column: str, type_name: str, wanted: Condition, params: Params) -> str:
    """One ``where`` entry as SQL: the column quoted, every value a parameter of the column's kind."""
    kind = family(type_name)
    if kind == "other":
        raise WrongType(column, type_name, N_("text, numbers, true/false or dates to filter on"))
    target = f"CAST({quote(column)} AS TIMESTAMP)" if kind in ("date", "timestamp") else quote(column)
    values = [params.add(coerce_value(column, kind, value)) for value in wanted.values()]
    operator = wanted.operator
    if operator == "equals":
        return f"{target} = {values[0]}"
    if operator == "between":
        return f"{target} BETWEEN {values[0]} AND {values[1]}"
    listed = ", ".join(values)
    if operator == "in_":
        return f"{target} IN ({listed})"
    return f"({target} IS NULL OR {target} NOT IN ({listed}))"


def coerce_value(column: str, kind: Family, value: Scalar) -> ParamValue:
    """A filter value as the column's kind, or FilterValue saying what was expected."""
    if kind == "text":
        return ("true" if value else "false") if isinstance(value, bool) else _text(value)
    if kind in ("integer", "decimal"):
        return _number(column, value)
    if kind == "boolean":
        word = str(value).strip().lower()
        if isinstance(value, bool) or word in TRUE_WORDS + FALSE_WORDS:
            return value if isinstance(value, bool) else word in TRUE_WORDS
        raise FilterValue(column, value, N_("true or false"))
    return _moment(column, value)


def _text(value: Scalar) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(column: str, value: Scalar) -> int | float:
    if isinstance(value, bool):
        raise FilterValue(column, value, N_("a number"))
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, int) else float(value)
    try:
        return float(value)
    except ValueError:
        raise FilterValue(column, value, N_("a number")) from None


def _moment(column: str, value: Scalar) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterValue(column, value, N_("a date such as 2024-01-31")) from None
