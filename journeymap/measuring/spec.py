"""Measure definitions: which export files to read and how each touchpoint's metrics are computed from them.

Why a model of its own: today the definitions live in ``<journey>.measures.yaml``
beside a journey; later they become the journey format's ``sources:`` and
``measures:`` sections. Either way they are plain, declarative YAML: a filter
is "column equals / in / between values", never SQL, so nothing a user
writes can change the query the engine runs (docs/measure.md).

The shape, in brief::

    version: 1
    sources:
      surveys: {files: data/surveys-*.parquet, date: answered_at, touchpoint: touchpoint}
    measures:
      checkout:                                   # a touchpoint id of the journey
        nps: {source: surveys, answers: recommend}
        fcr: {source: tickets, share_of: first_contact_resolved, where: {channel: phone}}

Why read by hand, not by pydantic like the journey format (docs/decisions/0049): ``journeymap measure``
is held to within 1.3x of the hand-written DuckDB query (issue #17), and importing pydantic and
building these six classes cost 0.15-0.19 s of CPU per process, as much as the rest of journeymap's
part. The shapes are few and flat; each problem is reported as the journey format reports it (the same
error kinds, read by ``validation.messages.describe``), at its place in the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar

from journeymap.translation import Msg, Verbatim

Scalar = bool | int | float | str
Period = Literal["month", "quarter"]
Kind = Literal["nps", "csat", "ces", "share", "mean", "median", "p90", "count"]
Survey = Literal["nps", "csat", "ces"]
DurationUnit = Literal["ms", "s", "min", "h", "d", "number"]

#: How many seconds one of each unit is ("number": no conversion, for means of plain numbers).
UNIT_SECONDS: dict[str, float] = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "number": 1.0}
#: The standard scales, and which answers count (NPS: promoters 9-10, detractors 0-6).
NPS_SCALE, PROMOTERS, DETRACTORS = (0, 10), (9, 10), (0, 6)
DEFAULT_SCALES: dict[str, tuple[int, int]] = {"nps": NPS_SCALE, "csat": (1, 5), "ces": (1, 7)}
QUANTILES = {"median": 0.5, "p90": 0.9}
_WHAT = ("answers", "share_of", "mean", "median", "p90", "count")

#: An id as in journey files (model.base.ID_PATTERN): no whitespace or YAML/reference punctuation.
ID_PATTERN = r"""^[^\s,:;#"'<>()\[\]{}|\\/&*!%@`?=+^~$]+$"""
_ID = re.compile(ID_PATTERN)
COLUMN_PATTERN = r"\S"
_COLUMN = re.compile(COLUMN_PATTERN)


# -- problems, in the error kinds of the journey format ----------------------------------------------------------


class SpecProblem(ValueError):
    """A value that does not fit, as ``validation.messages.describe`` reads errors: a kind and its context."""

    def __init__(self, kind: str, text: str, **ctx: Any) -> None:
        super().__init__(text)
        self.kind, self.text, self.ctx = kind, text, ctx


class DefinitionsError(ValueError):
    """Every problem of a definitions file, each as ``{"type", "loc", "msg", "input", "ctx"}``."""

    def __init__(self, details: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(details)} problem(s) in the definitions")
        self.details = details

    def errors(self) -> list[dict[str, Any]]:
        return self.details


def _error(message: Msg) -> SpecProblem:
    """A problem said in our words (the ``Msg`` is translated where it is shown)."""
    return SpecProblem("jm_value", str(message), message=message)


def _expected(choices: tuple[Any, ...]) -> str:
    """``'month' or 'quarter'``, ``'a', 'b' or 'c'``: the choices as the journey format lists them."""
    shown = [repr(choice) for choice in choices]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


# -- values ------------------------------------------------------------------------------------------------------


def _text(value: Any, max_length: int, pattern: re.Pattern[str] | None = None) -> str:
    """Text of 1 to ``max_length`` characters; a number stands for its digits (``answers: 7``)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SpecProblem("string_type", "Input should be a valid string")
    text = str(value) if isinstance(value, str) else _digits(value)
    if not text:
        raise SpecProblem("string_too_short", "String should have at least 1 character", min_length=1)
    if len(text) > max_length:
        raise SpecProblem(
            "string_too_long", f"String should have at most {max_length} characters", max_length=max_length
        )
    if pattern is not None and not pattern.search(text):
        raise SpecProblem(
            "string_pattern_mismatch", f"String should match pattern '{pattern.pattern}'", pattern=pattern.pattern
        )
    return text


def _digits(number: int | float) -> str:
    """A number written where text is expected (``answers: 7``), as Python writes the number."""
    return repr(int(number)) if isinstance(number, int) else repr(float(number))


def _id(value: Any) -> str:
    return _text(value, 200, _ID)


def _column(value: Any) -> str:
    return _text(value, 300, _COLUMN)


def _choice(*choices: Any) -> Callable[[Any], Any]:
    """One of ``choices``, of the same kind (``"1"`` is not the version 1, nor ``true`` the number 1)."""
    kind = str if isinstance(choices[0], str) else int

    def read(value: Any) -> Any:
        if isinstance(value, kind) and not isinstance(value, bool) and value in choices:
            return choices[choices.index(value)]  # the plain value, not the loader's spelled one
        expected = _expected(choices)
        raise SpecProblem("literal_error", f"Input should be {expected}", expected=expected)

    return read


def _scalar(value: Any) -> Scalar:
    """A value a filter compares with: true or false, a number, a text (plain, as DuckDB takes them)."""
    if isinstance(value, bool):
        return bool(value)
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    raise SpecProblem("string_type", "Input should be a valid string")


def _whole(value: Any, low: int, high: int) -> int:
    number: Any = value
    if isinstance(value, bool):
        raise SpecProblem("int_type", "Input should be a valid integer")
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            raise SpecProblem("int_parsing", "Input should be a valid integer, unable to parse string") from None
    elif isinstance(value, float):
        if not value.is_integer():
            raise SpecProblem("int_from_float", "Input should be a valid integer, got a number with a fractional part")
        number = int(value)
    elif not isinstance(value, int):
        raise SpecProblem("int_type", "Input should be a valid integer")
    if number < low:
        raise SpecProblem("greater_than_equal", f"Input should be greater than or equal to {low}", ge=low)
    if number > high:
        raise SpecProblem("less_than_equal", f"Input should be less than or equal to {high}", le=high)
    return int(number)


def _number_or_text(value: Any) -> float | str:
    """``target``: a number or a text, as written (never used: JM630 says so)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise SpecProblem("float_type", "Input should be a valid number")
    return float(value) if isinstance(value, (int, float)) else str(value)


def _scale(value: Any) -> tuple[int, int]:
    """``1-5``, ``0-10`` or ``[1, 5]`` -> (1, 5): whole numbers, low below high."""
    parts: Any = value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(-?\d+)\s*-\s*(-?\d+)\s*", value)
        parts = match.groups() if match else None
    elif isinstance(value, int) and not isinstance(value, bool):
        parts = (value, value)
    if not isinstance(parts, (list, tuple)) or len(parts) != 2:
        raise _error(Msg("a scale or range of answers is written 1-5 or [1, 5], not '%(v)s'", v=Verbatim(str(value))))
    try:
        low, high = (int(str(part)) for part in parts)
    except ValueError:
        raise _error(
            Msg("a scale or range of answers holds whole numbers, e.g. 1-5, not '%(v)s'", v=Verbatim(str(value)))
        ) from None
    if low > high:
        raise _error(Msg("the low end of '%(v)s' is above its high end", v=Verbatim(str(value))))
    return (low, high)


def _date(value: Any) -> dt.date:
    """``2024-01-31`` (YAML reads it as text, or as a date) -> a date; whole days only."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _error(
            Msg("'%(v)s' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31", v=Verbatim(str(value)))
        ) from None


def _confidence(value: Any) -> float:
    """0.95, 95 or "95%" -> 0.95."""
    text = str(value).strip().rstrip("%") if isinstance(value, str) else value
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise _error(Msg("confidence is a share such as 0.95 or 95%%, not '%(v)s'", v=Verbatim(str(value)))) from None
    number = number / 100 if number > 1 else number
    if not 0.5 <= number < 1:
        raise _error(Msg("confidence is between 50%% and 99.9%%, not '%(v)s'", v=Verbatim(str(value))))
    return number


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, (str, int, float)) else value


def _condition(value: Any) -> Any:
    """``phone`` means equals, ``[a, b]`` means in; a mapping says equals / in / not_in / between."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {"in": value}
    return {"equals": value}


# -- reading a mapping into a record -----------------------------------------------------------------------------

_BAD: Any = object()  # a value that did not fit (its problem is recorded)
Loc = tuple[str | int, ...]
T = TypeVar("T")


class _Field(NamedTuple):
    """One key of a mapping: how its value is read, what its absence means, and its attribute when that is
    not the key itself (``in`` is ``in_``: a Python word)."""

    key: str
    read: Callable[[_Reading, Any, Loc], Any]
    required: bool = False
    nullable: bool = True
    default: Callable[[], Any] = lambda: None
    attribute: str = ""

    @property
    def name(self) -> str:
        return self.attribute or self.key


class _Reading:
    """Every problem of one file, collected while it is read (all of them, as journey files are checked)."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def fail(self, loc: Loc, value: Any, kind: str, text: str, **ctx: Any) -> Any:
        self.errors.append({"type": kind, "loc": loc, "msg": text, "input": value, "ctx": ctx})
        return _BAD

    def problem(self, loc: Loc, value: Any, problem: SpecProblem) -> Any:
        return self.fail(loc, value, problem.kind, problem.text, **problem.ctx)


def _plain(read: Callable[[Any], Any]) -> Callable[[_Reading, Any, Loc], Any]:
    """A value read on its own (text, a choice, a date...), its problem recorded at its place."""

    def reading(into: _Reading, value: Any, loc: Loc) -> Any:
        try:
            return read(value)
        except SpecProblem as problem:
            return into.problem(loc, value, problem)

    return reading


def _list_of(
    item: Callable[[_Reading, Any, Loc], Any], before: Callable[[Any], Any] = lambda v: v
) -> Callable[[_Reading, Any, Loc], Any]:
    """A list of at least one item (a single value where ``before`` makes it a list)."""

    def reading(into: _Reading, value: Any, loc: Loc) -> Any:
        value = before(value)
        if not isinstance(value, (list, tuple)):
            return into.fail(loc, value, "list_type", "Input should be a valid list")
        if not value:
            return into.fail(loc, value, "too_short", "List should have at least 1 item", min_length=1)
        items = [item(into, part, (*loc, index)) for index, part in enumerate(value)]
        return _BAD if any(i is _BAD for i in items) else items

    return reading


def _pair(into: _Reading, value: Any, loc: Loc) -> Any:
    """``between: [low, high]``: two values."""
    if not isinstance(value, (list, tuple)):
        return into.fail(loc, value, "tuple_type", "Input should be a valid tuple")
    if len(value) != 2:
        return into.problem(loc, value, _error(Msg("`between` gives two values, the low and the high end: [1, 5]")))
    items = [_plain(_scalar)(into, part, (*loc, index)) for index, part in enumerate(value)]
    return _BAD if any(i is _BAD for i in items) else (items[0], items[1])


def _mapping_of(
    key: Callable[[Any], str], item: Callable[[_Reading, Any, Loc], Any], at_least_one: bool = False
) -> Callable[[_Reading, Any, Loc], Any]:
    """A mapping whose keys are names the author chose (sources, touchpoints, metrics, columns)."""

    def reading(into: _Reading, value: Any, loc: Loc) -> Any:
        if not isinstance(value, dict):
            return into.fail(loc, value, "dict_type", "Input should be a valid dictionary")
        if at_least_one and not value:
            return into.fail(loc, value, "too_short", "Dictionary should have at least 1 item", min_length=1)
        found: dict[str, Any] = {}
        for name, part in value.items():
            try:
                read_key = key(name)
            except SpecProblem as problem:
                into.problem((*loc, name, "[key]"), name, problem)
                item(into, part, (*loc, name))  # its own problems are said too
                found[str(name)] = _BAD
                continue
            found[read_key] = item(into, part, (*loc, name))
        return _BAD if any(v is _BAD for v in found.values()) else found

    return reading


def _record(
    cls: type[T], fields: tuple[_Field, ...], check: Callable[[T], None] | None = None
) -> Callable[[_Reading, Any, Loc], Any]:
    """A mapping with these keys and no other, read into ``cls``; ``check`` then sees the whole record.

    ``cls.KEYS`` is set here from ``fields``, so the keys a file may use are written once.
    """
    cls.KEYS = tuple(f.key for f in fields)  # type: ignore[attr-defined]
    by_key = {name: f for f in fields for name in (f.key, f.name)}

    def reading(into: _Reading, value: Any, loc: Loc) -> Any:
        if not isinstance(value, dict):
            return into.fail(loc, value, "model_type", "Input should be a valid dictionary")
        fits = True
        for name, part in value.items():
            if name not in by_key:
                into.fail((*loc, name), part, "extra_forbidden", "Extra inputs are not permitted")
                fits = False
        values: dict[str, Any] = {}
        for f in fields:
            key = f.key if f.key in value else f.name
            if key not in value:
                if f.required:
                    into.fail((*loc, f.key), value, "missing", "Field required")
                    fits = False
                values[f.name] = f.default()
                continue
            part = value[key]
            values[f.name] = None if part is None and f.nullable else f.read(into, part, (*loc, f.key))
            fits = fits and values[f.name] is not _BAD
        if not fits:
            return _BAD
        record = cls(**values)
        if check is not None:
            try:
                check(record)
            except SpecProblem as problem:
                return into.problem(loc, value, problem)
        return record

    return reading


# -- the definitions -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One column's filter: exactly one of equals, in, not_in or between (both ends included)."""

    equals: Scalar | None = None
    in_: list[Scalar] | None = None
    not_in: list[Scalar] | None = None
    between: tuple[Scalar, Scalar] | None = None

    #: The keys a file may use (set from the reader's fields).
    KEYS: ClassVar[tuple[str, ...]]

    @property
    def operator(self) -> str:
        return next(name for name in ("equals", "in_", "not_in", "between") if getattr(self, name) is not None)

    def values(self) -> list[Scalar]:
        """The values the filter compares with, in the order written."""
        chosen = getattr(self, self.operator)
        return list(chosen) if isinstance(chosen, (list, tuple)) else [chosen]


def _one_filter(condition: Condition) -> None:
    given = [name for name in ("equals", "in_", "not_in", "between") if getattr(condition, name) is not None]
    if len(given) != 1:
        raise _error(Msg("a filter gives exactly one of `equals`, `in`, `not_in` or `between`"))


_read_condition = _record(
    Condition,
    (
        _Field("equals", _plain(_scalar)),
        _Field("in", _list_of(_plain(_scalar)), attribute="in_"),
        _Field("not_in", _list_of(_plain(_scalar))),
        _Field("between", _pair),
    ),
    _one_filter,
)


@dataclass(frozen=True)
class Between:
    """A duration as the time from one timestamp column to another."""

    from_: str
    to: str

    #: The keys a file may use (set from the reader's fields).
    KEYS: ClassVar[tuple[str, ...]]


_read_between = _record(
    Between,
    (_Field("from", _plain(_column), required=True, attribute="from_"), _Field("to", _plain(_column), required=True)),
)

#: A duration column, or ``{from: COLUMN, to: COLUMN}``.
DurationOf = str | Between


def _duration(into: _Reading, value: Any, loc: Loc) -> Any:
    return _read_between(into, value, loc) if isinstance(value, dict) else _plain(_column)(into, value, loc)


@dataclass(frozen=True)
class Source:
    """Export files (CSV, Parquet or JSON), or a table behind a connection URL, and the columns that place each row.

    Why ``files`` and ``connection`` both optional here: which one a source
    gives (exactly one) is checked with the file's other cross-checks, so the
    message can say so at the source's line (JM620) rather than "field required".
    """

    files: list[str] = field(default_factory=list)
    connection: str | None = None
    table: str | None = None
    format: Literal["csv", "parquet", "json"] | None = None
    date: str | None = None
    touchpoint: str | None = None
    persona: str | None = None
    delimiter: str | None = None

    #: The keys a file may use (set from the reader's fields).
    KEYS: ClassVar[tuple[str, ...]]


_read_source = _record(
    Source,
    (
        _Field("files", _list_of(_plain(lambda v: _text(v, 10_000)), _listed), nullable=False, default=list),
        _Field("connection", _plain(lambda v: _text(v, 2000))),
        _Field("table", _plain(lambda v: _text(v, 500))),
        _Field("format", _plain(_choice("csv", "parquet", "json"))),
        _Field("date", _plain(_column)),
        _Field("touchpoint", _plain(_column)),
        _Field("persona", _plain(_column)),
        _Field("delimiter", _plain(lambda v: _text(v, 1))),
    ),
)


@dataclass(frozen=True)
class MeasureSpec:
    """How one metric of one touchpoint is computed: the source, what to aggregate, which rows."""

    source: str
    answers: str | None = None
    survey: Survey | None = None
    scale: tuple[int, int] | None = None
    satisfied: tuple[int, int] | None = None
    higher_is: Literal["easier", "harder"] | None = None
    share_of: str | None = None
    mean: DurationOf | None = None
    median: DurationOf | None = None
    p90: DurationOf | None = None
    unit: DurationUnit | None = None
    count: Literal["rows"] | None = None
    match: list[Scalar] | None = None
    where: dict[str, Condition] = field(default_factory=dict)
    since: dt.date | None = None
    until: dt.date | None = None
    period: Period | None = None
    invalid: Literal["error", "skip"] = "error"
    target: float | str | None = None
    better: Literal["higher", "lower"] | None = None

    #: The keys a file may use (set from the reader's fields).
    KEYS: ClassVar[tuple[str, ...]]

    @property
    def what(self) -> str:
        """The key that says what is aggregated: answers, share_of, mean, median, p90 or count."""
        return next(name for name in _WHAT if getattr(self, name) is not None)

    def kind(self, metric: str) -> Kind:
        """What is computed: a survey kind for answers (named by ``survey`` or the metric), else the statistic."""
        what = self.what
        if what == "answers":
            return self.survey or _survey_of(metric)
        if what == "share_of":
            return "share"
        return what  # type: ignore[return-value]

    def duration(self) -> DurationOf | None:
        chosen: DurationOf | None = self.mean or self.median or self.p90
        return chosen


def _consistent(spec: MeasureSpec) -> None:
    given = [name for name in _WHAT if getattr(spec, name) is not None]
    if len(given) != 1:
        raise _error(
            Msg(
                "a measure gives exactly one of: answers, share_of, mean, median, p90, count (found: %(found)s)",
                found=Verbatim(", ".join(given)) if given else Msg("none"),
            )
        )
    misplaced = [
        key
        for key, allowed in (("survey", "answers"), ("scale", "answers"), ("satisfied", "answers"))
        if getattr(spec, key) is not None and given[0] != allowed
    ]
    if spec.unit is not None and given[0] not in ("mean", "median", "p90"):
        misplaced.append("unit")
    if spec.higher_is is not None and given[0] != "answers":
        misplaced.append("higher_is")
    if misplaced:
        raise _error(
            Msg(
                "`%(keys)s` does not apply to a `%(what)s` measure",
                keys=Verbatim("`, `".join(misplaced)),
                what=Verbatim(given[0]),
            )
        )
    _in_order(spec.since, spec.until)


def _in_order(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise _error(Msg("since (%(s)s) is after until (%(u)s)", s=Verbatim(str(since)), u=Verbatim(str(until))))


def _survey_of(metric: str) -> Kind:
    if metric in ("nps", "csat", "ces"):
        return metric  # type: ignore[return-value]
    raise ValueError(f"metric '{metric}' needs `survey: nps|csat|ces`")


def _where(into: _Reading, value: Any, loc: Loc) -> Any:
    if not isinstance(value, dict):
        return into.fail(loc, value, "dict_type", "Input should be a valid dictionary")
    return _mapping_of(_column, lambda i, v, at: _read_condition(i, _condition(v), at))(into, value, loc)


_read_measure = _record(
    MeasureSpec,
    (
        _Field("source", _plain(_id), required=True, nullable=False),
        _Field("answers", _plain(_column)),
        _Field("survey", _plain(_choice("nps", "csat", "ces"))),
        _Field("scale", _plain(_scale)),
        _Field("satisfied", _plain(_scale)),
        _Field("higher_is", _plain(_choice("easier", "harder"))),
        _Field("share_of", _plain(_column)),
        _Field("mean", _duration),
        _Field("median", _duration),
        _Field("p90", _duration),
        _Field("unit", _plain(_choice("ms", "s", "min", "h", "d", "number"))),
        _Field("count", _plain(_choice("rows"))),
        _Field("match", _list_of(_plain(_scalar), _listed)),
        _Field("where", _where, nullable=False, default=dict),
        _Field("since", _plain(_date)),
        _Field("until", _plain(_date)),
        _Field("period", _plain(_choice("month", "quarter"))),
        _Field("invalid", _plain(_choice("error", "skip")), nullable=False, default=lambda: "error"),
        _Field("target", _plain(_number_or_text)),
        _Field("better", _plain(_choice("higher", "lower"))),
    ),
    _consistent,
)


@dataclass(frozen=True)
class Definitions:
    """A definitions file: sources, defaults for every measure, and the measures by touchpoint and metric."""

    version: Literal[1]
    sources: dict[str, Source]
    measures: dict[str, dict[str, MeasureSpec]]
    journey: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    period: Period | None = None
    confidence: float = 0.95
    min_sample: int = 30

    #: The keys a file may use (set from the reader's fields).
    KEYS: ClassVar[tuple[str, ...]]

    def items(self) -> list[tuple[str, str, MeasureSpec]]:
        """Every (touchpoint, metric, measure), in the order written."""
        return [(tp, metric, spec) for tp, metrics in self.measures.items() for metric, spec in metrics.items()]


_read_definitions = _record(
    Definitions,
    (
        _Field("version", _plain(_choice(1)), required=True, nullable=False),
        _Field("journey", _plain(lambda v: _text(v, 10_000))),
        _Field("sources", _mapping_of(_id, _read_source, at_least_one=True), required=True, nullable=False),
        _Field("since", _plain(_date)),
        _Field("until", _plain(_date)),
        _Field("period", _plain(_choice("month", "quarter"))),
        _Field("confidence", _plain(_confidence), nullable=False, default=lambda: 0.95),
        _Field("min_sample", _plain(lambda v: _whole(v, 1, 1_000_000)), nullable=False, default=lambda: 30),
        _Field(
            "measures",
            _mapping_of(_id, _mapping_of(_id, _read_measure), at_least_one=True),
            required=True,
            nullable=False,
        ),
    ),
    lambda d: _in_order(d.since, d.until),
)


def read_definitions(data: Any) -> Definitions:
    """The definitions in ``data`` (a file's YAML), or DefinitionsError with every problem found."""
    into = _Reading()
    found = _read_definitions(into, data, ())
    if found is _BAD or into.errors:
        raise DefinitionsError(into.errors)
    definitions: Definitions = found
    return definitions


def read_condition(data: Any) -> Condition:
    """One filter (``{in: [web, app]}``), or DefinitionsError: for callers that build a filter themselves."""
    into = _Reading()
    found = _read_condition(into, _condition(data), ())
    if found is _BAD or into.errors:
        raise DefinitionsError(into.errors)
    condition: Condition = found
    return condition


# -- fingerprints --------------------------------------------------------------------------------------------------

#: Attribute -> key where they differ (``in_`` is written ``in``, ``from_`` ``from``).
_KEY_OF = {"in_": "in", "from_": "from"}


def _plain_data(value: Any) -> Any:
    """A record as the file would write it: keys as written, nothing unset, dates as text, pairs as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            _KEY_OF.get(f.name, f.name): _plain_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    if isinstance(value, (list, tuple)):
        return [_plain_data(part) for part in value]
    if isinstance(value, dict):
        return {key: _plain_data(part) for key, part in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def definition_hash(source: Source, measure: MeasureSpec, window: tuple[Any, ...] = ()) -> str:
    """A short, stable fingerprint of everything that decides a value: the source, the measure, the window.

    Why: a snapshot says which definition produced each number; a changed
    filter or scale changes the hash, a reformatted YAML file does not.
    """
    payload = {
        "source": _plain_data(source),
        "measure": _plain_data(measure),
        "window": [str(part) for part in window],
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
