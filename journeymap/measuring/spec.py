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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StrictBool, Tag, model_validator
from pydantic_core import PydanticCustomError

from journeymap.translation import Msg, Verbatim


class FrozenModel(BaseModel):
    """Immutable and strict about unknown keys, like the journey format's models.

    Why not ``journeymap.model.base.FrozenModel``: importing ``journeymap.model``
    builds the whole journey schema, a second that ``journeymap measure`` need not pay.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, coerce_numbers_to_str=True, populate_by_name=True
    )


#: An id as in journey files: no whitespace or YAML/reference punctuation.
Id = Annotated[str, Field(pattern=r"""^[^\s,:;#"'<>()\[\]{}|\\/&*!%@`?=+^~$]+$""", min_length=1, max_length=200)]

Scalar = StrictBool | int | float | str
Period = Literal["month", "quarter"]
Kind = Literal["nps", "csat", "ces", "share", "mean", "median", "p90", "count"]
Survey = Literal["nps", "csat", "ces"]
DurationUnit = Literal["ms", "s", "min", "h", "d", "number"]
Column = Annotated[str, Field(min_length=1, max_length=300, pattern=r"\S")]

#: How many seconds one of each unit is ("number": no conversion, for means of plain numbers).
UNIT_SECONDS: dict[str, float] = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "number": 1.0}
#: The standard scales, and which answers count (NPS: promoters 9-10, detractors 0-6).
NPS_SCALE, PROMOTERS, DETRACTORS = (0, 10), (9, 10), (0, 6)
DEFAULT_SCALES: dict[str, tuple[int, int]] = {"nps": NPS_SCALE, "csat": (1, 5), "ces": (1, 7)}
QUANTILES = {"median": 0.5, "p90": 0.9}
_WHAT = ("answers", "share_of", "mean", "median", "p90", "count")


def _error(message: Msg) -> PydanticCustomError:
    """A spec error the validator translates (the ``Msg`` in the context); its English text is the message."""
    return PydanticCustomError("jm_value", "{message}", {"message": message})


def _reversed(since: object, until: object) -> Msg:
    return Msg("since (%(s)s) is after until (%(u)s)", s=Verbatim(str(since)), u=Verbatim(str(until)))


def _scale(value: Any) -> Any:
    """``1-5``, ``0-10`` or ``[1, 5]`` -> (1, 5): whole numbers, low below high."""
    if value is None or isinstance(value, tuple):
        return value
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


def _date(value: Any) -> Any:
    """``2024-01-31`` (YAML reads it as text) -> a date; whole days only."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _error(
            Msg("'%(v)s' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31", v=Verbatim(str(value)))
        ) from None


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, (str, int, float)) else value


def _condition(value: Any) -> Any:
    """``phone`` means equals, ``[a, b]`` means in; a mapping says equals / in / not_in / between."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {"in": value}
    return {"equals": value}


def _confidence(value: Any) -> Any:
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


IntRange = Annotated[tuple[int, int], BeforeValidator(_scale)]
Day = Annotated[dt.date, BeforeValidator(_date)]


class Condition(FrozenModel):
    """One column's filter: exactly one of equals, in, not_in or between (both ends included)."""

    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Scalar] | None = Field(default=None, min_length=1)
    between: tuple[Scalar, Scalar] | None = None

    @model_validator(mode="after")
    def _one(self) -> Condition:
        given = [name for name in ("equals", "in_", "not_in", "between") if getattr(self, name) is not None]
        if len(given) != 1:
            raise _error(Msg("a filter gives exactly one of `equals`, `in`, `not_in` or `between`"))
        return self

    @property
    def operator(self) -> str:
        return next(name for name in ("equals", "in_", "not_in", "between") if getattr(self, name) is not None)

    def values(self) -> list[Scalar]:
        """The values the filter compares with, in the order written."""
        chosen = getattr(self, self.operator)
        return list(chosen) if isinstance(chosen, (list, tuple)) else [chosen]


Where = dict[Column, Annotated[Condition, BeforeValidator(_condition)]]


class Between(FrozenModel):
    """A duration as the time from one timestamp column to another."""

    from_: Column = Field(alias="from")
    to: Column


def _duration_kind(value: Any) -> str:
    return "between" if isinstance(value, (dict, Between)) else "column"


#: A duration column, or ``{from: COLUMN, to: COLUMN}``.
DurationOf = Annotated[
    Annotated[Column, Tag("column")] | Annotated[Between, Tag("between")], Discriminator(_duration_kind)
]


class Source(FrozenModel):
    """Export files (CSV, Parquet or JSON), or a table behind a connection URL, and the columns that place each row.

    Why ``files`` and ``connection`` both optional here: which one a source
    gives (exactly one) is checked with the file's other cross-checks, so the
    message can say so at the source's line (JM620) rather than "field required".
    """

    files: Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_listed)] = Field(
        default_factory=list, min_length=1, description="paths or globs, relative to the definitions file"
    )
    connection: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="an Ibis connection URL (pyspark://, bigquery://...); ${VAR} reads the environment"
    )
    table: Annotated[str, Field(min_length=1, max_length=500)] | None = Field(
        default=None, description="the table or view to read through `connection`"
    )
    format: Literal["csv", "parquet", "json"] | None = Field(default=None, description="default: from the extension")
    date: Column | None = Field(default=None, description="the date or time of each row, for since/until/period")
    touchpoint: Column | None = Field(default=None, description="the column naming each row's touchpoint")
    persona: Column | None = Field(default=None, description="the column naming each row's persona or segment")
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] | None = Field(default=None, description="CSV only")


class MeasureSpec(FrozenModel):
    """How one metric of one touchpoint is computed: the source, what to aggregate, which rows."""

    source: Id
    answers: Column | None = Field(default=None, description="survey answers: NPS 0-10, CSAT or CES on `scale`")
    survey: Survey | None = Field(default=None, description="what the answers are; default: the metric's name")
    scale: IntRange | None = None
    satisfied: IntRange | None = Field(default=None, description="CSAT: answers that count as satisfied")
    higher_is: Literal["easier", "harder"] | None = Field(default=None, description="CES: the scale's direction")
    share_of: Column | None = Field(default=None, description="a true/false or 1/0 column: the share of true")
    mean: DurationOf | None = None
    median: DurationOf | None = None
    p90: DurationOf | None = None
    unit: DurationUnit | None = Field(default=None, description="unit of a numeric duration column (default s)")
    count: Literal["rows"] | None = None
    match: Annotated[list[Scalar], BeforeValidator(_listed)] | None = Field(
        default=None, min_length=1, description="values of the source's touchpoint column; default: the touchpoint id"
    )
    where: Where = Field(default_factory=dict)
    since: Day | None = None
    until: Day | None = None
    period: Period | None = None
    invalid: Literal["error", "skip"] = Field(default="error", description="answers off the scale: stop or leave out")
    target: float | str | None = Field(default=None, description="not used (JM630): targets are the journey's")
    better: Literal["higher", "lower"] | None = Field(default=None, description="not used (JM630)")

    @model_validator(mode="after")
    def _consistent(self) -> MeasureSpec:
        given = [name for name in _WHAT if getattr(self, name) is not None]
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
            if getattr(self, key) is not None and given[0] != allowed
        ]
        if self.unit is not None and given[0] not in ("mean", "median", "p90"):
            misplaced.append("unit")
        if self.higher_is is not None and given[0] != "answers":
            misplaced.append("higher_is")
        if misplaced:
            raise _error(
                Msg(
                    "`%(keys)s` does not apply to a `%(what)s` measure",
                    keys=Verbatim("`, `".join(misplaced)),
                    what=Verbatim(given[0]),
                )
            )
        if self.since and self.until and self.since > self.until:
            raise _error(
                Msg("since (%(s)s) is after until (%(u)s)", s=Verbatim(str(self.since)), u=Verbatim(str(self.until)))
            )
        return self

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


def _survey_of(metric: str) -> Kind:
    if metric in ("nps", "csat", "ces"):
        return metric  # type: ignore[return-value]
    raise ValueError(f"metric '{metric}' needs `survey: nps|csat|ces`")


class Definitions(FrozenModel):
    """A definitions file: sources, defaults for every measure, and the measures by touchpoint and metric."""

    version: Literal[1]
    journey: str | None = Field(
        default=None, description="the journey file these measures are for, relative to this file"
    )
    sources: dict[Id, Source] = Field(min_length=1)
    since: Day | None = Field(default=None, description="first day counted (default for every measure)")
    until: Day | None = Field(default=None, description="last day counted, included")
    period: Period | None = Field(default=None, description="also give a value per month or quarter")
    confidence: Annotated[float, BeforeValidator(_confidence)] = 0.95
    min_sample: int = Field(default=30, ge=1, le=1_000_000, description="fewer answers are flagged as small")
    measures: dict[Id, dict[Id, MeasureSpec]] = Field(min_length=1)

    @model_validator(mode="after")
    def _window(self) -> Definitions:
        if self.since and self.until and self.since > self.until:
            raise _error(
                Msg("since (%(s)s) is after until (%(u)s)", s=Verbatim(str(self.since)), u=Verbatim(str(self.until)))
            )
        return self

    def items(self) -> list[tuple[str, str, MeasureSpec]]:
        """Every (touchpoint, metric, measure), in the order written."""
        return [(tp, metric, spec) for tp, metrics in self.measures.items() for metric, spec in metrics.items()]


def definition_hash(source: Source, measure: MeasureSpec, window: tuple[Any, ...] = ()) -> str:
    """A short, stable fingerprint of everything that decides a value: the source, the measure, the window.

    Why: a snapshot says which definition produced each number; a changed
    filter or scale changes the hash, a reformatted YAML file does not.
    """
    payload = {
        "source": source.model_dump(mode="json", by_alias=True, exclude_none=True),
        "measure": measure.model_dump(mode="json", by_alias=True, exclude_none=True),
        "window": [str(part) for part in window],
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
