"""Metrics and targets: the built-in catalogue and its normalised values.

The ``Metrics`` class *is* the catalogue: each field declares the metric's
unit and whether higher or lower is better, and the JSON Schema, the format
reference and the analysis all read it from there.
"""

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, TypeAlias

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from journeymap.durations import duration_text
from journeymap.model import surveys
from journeymap.model.base import FrozenModel, Id
from journeymap.model.units import (
    DURATION_PATTERN,
    NUMBER_PATTERN,
    PERCENT_PATTERN,
    PERCENT_SIGN_RE,
    SCALE_PATTERN,
    WHOLE_NUMBER_PATTERN,
    ascii_digits,
    is_duration,
    model_error,
    number_text,
    parse_duration,
    parse_number,
    parse_percent,
)
from journeymap.shown import percent_text as percent_text
from journeymap.translation import N_, NC_, Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.model.provenance import Provenance

Unit = Literal["percent", "duration", "nps", "effort", "count", "money", "number"]
Better = Literal["higher", "lower"]


def _provenance(value: Any) -> Any:
    """``Measure.measured`` as a ``Provenance`` (a mapping is read as one), its class built only when a value has one.

    Why a validator and not the type: the annotation ``Provenance | None`` made every process that
    builds the journey model build the provenance classes too (22 fields), which only a measured
    snapshot needs.
    """
    if value is None:
        return None
    from journeymap.model.provenance import Provenance

    return value if isinstance(value, Provenance) else Provenance.model_validate(value)


if TYPE_CHECKING:
    Measured: TypeAlias = Provenance | None
else:
    Measured = Annotated[Any, BeforeValidator(_provenance)]


class Measure(FrozenModel):
    """A metric value, normalised: fractions for percentages, seconds for durations."""

    value: float
    unit: Unit
    text: str = Field(description="the value as written in the file")
    responses: int | None = Field(default=None, description="sample size when computed from raw responses")
    formula: str | None = Field(default=None, description="how the value was computed from raw responses")
    #: Set when the value comes from the journey's measured snapshot, never from YAML: not part of the
    #: format (no schema) nor of a dump (``journeymap.measuring.evidence`` puts it there).
    measured: SkipJsonSchema[Measured] = Field(default=None, exclude=True)

    @property
    def interval(self) -> tuple[float, float] | None:
        """The measured value's confidence interval (None for a typed value, or a statistic without one)."""
        return None if self.measured is None else self.measured.interval

    @property
    def display(self) -> str:
        """The value as a reader expects it: 66% (not 0.66), 2d 4h (not PT52H); otherwise as written."""
        if self.unit == "percent" and not self.text.rstrip().endswith(("%", "٪")) and "(" not in self.text:
            return percent_text(self.value)
        if self.unit == "duration" and self.text.upper().startswith("P"):
            return human_duration(self.value)
        return self.text


class Effort(Measure):
    """A Customer Effort Score on an explicit scale."""

    scale_min: float | None = None
    scale_max: float | None = None
    higher_is: Literal["easier", "harder"] | None = Field(
        default=None, description="scale direction; None means the journey's `scales.ces`"
    )


class CustomMeasure(Measure):
    """A team-specific metric with its own unit and direction."""

    better: Better | None = None
    label: str | None = None


def human_duration(seconds: float) -> str:
    """Seconds as every output writes a duration: 45s, 5m 44s, 2d 4h (``journeymap.durations``, one rule)."""
    return duration_text(seconds)


# -- parsers: raw YAML value -> Measure ------------------------------------------


def _measure(unit: Unit, value: float, text: str, **extra: Any) -> dict[str, Any]:
    """A metric value's fields, for pydantic to validate as a ``Measure`` in the pass it is already in.

    Why not ``Measure(...)``: constructing a model inside a validator enters pydantic again for every
    value (about 52,000 times at 10,000 touchpoints); the fields are validated all the same.
    """
    return {"value": value, "unit": unit, "text": text, **extra}


def _built(measure: Measure | dict[str, Any]) -> Measure:
    """A parser's result as a ``Measure``, for the few parsers that build on another's value."""
    return Measure(**measure) if isinstance(measure, dict) else measure


_PERCENT_RULE = Msg("a percentage is between %(low)s and %(high)s", low="0%", high="100%")
_COUNT_RULE = Msg("a count cannot be negative")
_NPS_RULE = Msg("NPS runs from %(low)s to %(high)s", low="-100", high="+100")


def _percent(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    fraction, text = parse_percent(value)
    _check_range(fraction, 0.0, 1.0, text, _PERCENT_RULE)
    return _measure("percent", fraction, text)


def _duration(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    seconds, text = parse_duration(value)
    return _measure("duration", seconds, text)


def _count(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    number, text = parse_number(value, NC_("is not a", "count"))
    _check_range(number, 0, float("inf"), text, _COUNT_RULE)
    return _measure("count", number, text)


def _money(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    number, text = parse_number(value, NC_("is not a", "money amount"))
    return _measure("money", number, text)


def _nps(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    if not isinstance(value, dict):
        number, text = parse_number(value, NC_("is not a", "Net Promoter Score (-100 to 100)"))
        _check_range(number, -100, 100, text, _NPS_RULE)
        return _measure("nps", number, text)
    surveys.check_keys(value, ("value", "responses", "promoters", "passives", "detractors", "histogram"), "nps")
    if "histogram" in value:
        score, n = surveys.nps_from_histogram(surveys.counts_from_histogram(value["histogram"], 0, 10, "NPS"))
        formula = "%promoters(9-10) - %detractors(0-6) from a 0-10 histogram"
    elif {"promoters", "detractors"} <= value.keys():
        counts = [surveys._count(value.get(k, 0), f"NPS {k}") for k in ("promoters", "passives", "detractors")]
        score, n = surveys.nps_from_counts(*counts)
        formula = "%promoters - %detractors"
    else:
        return _with_responses(_nps, value, "nps")
    return _measure("nps", round(score, 6), f"{number_text(round(score, 1))} (n={n})", responses=n, formula=formula)


def _csat(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    if not isinstance(value, dict):
        return _percent(value)
    surveys.check_keys(value, ("value", "responses", "histogram"), "csat")
    if "histogram" in value:
        share, n = surveys.csat_from_histogram(surveys.counts_from_histogram(value["histogram"], 1, 5, "CSAT"))
        text = f"{number_text(round(share * 100, 1))}% (n={n})"
        return _measure("percent", round(share, 6), text, responses=n, formula="share of 4-5 answers on 1-5")
    return _with_responses(_percent, value, "csat")


def _effort(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    if not isinstance(value, dict):
        number, text = parse_number(value, NC_("is not a", "Customer Effort Score"))
        return Effort(value=number, unit="effort", text=text)
    surveys.check_keys(value, ("value", "responses", "histogram", "scale", "higher_is"), "ces")
    low, high = _scale(value.get("scale"))
    higher_is = value.get("higher_is")
    if higher_is not in (None, "easier", "harder"):
        shown = Verbatim(str(higher_is))
        raise model_error("jm_value", Msg("higher_is is 'easier' or 'harder', not '%(value)s'", value=shown))
    extra: dict[str, Any] = {"scale_min": low, "scale_max": high, "higher_is": higher_is}
    if "histogram" in value:
        if low is None or high is None:
            low, high = 1, 7
            extra |= {"scale_min": 1, "scale_max": 7}
        counts = surveys.counts_from_histogram(value["histogram"], int(low), int(high), "CES")
        mean, n = surveys.mean_from_histogram(counts, int(low))
        text = f"{number_text(round(mean, 2))} (n={n})"
        return Effort(value=round(mean, 6), unit="effort", text=text, responses=n, formula="mean answer", **extra)
    _require_value(value, "ces")
    base = _effort(value["value"])
    responses = _responses(value)
    return Effort(value=base.value, unit="effort", text=base.text, responses=responses, **extra)


def _scale(scale: Any) -> tuple[float | None, float | None]:
    """A scale written as ``1-7``, ``١-٧`` or ``[1, 7]``."""
    if scale is None:
        return None, None
    parts: list[Any] = scale if isinstance(scale, list) else _scale_ends(str(scale))
    try:
        low, high = (parse_number(p)[0] for p in parts)
    except (PydanticCustomError, ValueError):
        shown = Verbatim(str(scale))
        raise model_error("jm_value", Msg("a scale is written 1-7 or [1, 7], not '%(value)s'", value=shown)) from None
    if low >= high:
        raise model_error("jm_value", Msg("a scale's low end must be below its high end"))
    return low, high


_SCALE_TEXT = re.compile(r"^\s*([-+]?[^-\s]+)\s*-\s*([-+]?[^-\s]+)\s*$")


def _scale_ends(text: str) -> list[str]:
    """The two ends of a scale written as text (``1-7``, ``-3-3``); the whole text when it has no two ends."""
    match = _SCALE_TEXT.match(ascii_digits(text))
    return list(match.groups()) if match else [text]


def _responses(data: dict[str, Any]) -> int | None:
    responses = data.get("responses")
    if responses is None:
        return None
    return surveys._count(responses, "responses")  # "responses must be a whole number..."


def _with_responses(parse: Any, data: dict[str, Any], metric: str) -> Measure:
    """The ``{value, responses}`` form: a computed value with its sample size."""
    _require_value(data, metric)
    measure = _built(parse(data["value"]))
    return measure.model_copy(update={"responses": _responses(data)})


def _require_value(data: dict[str, Any], metric: str) -> None:
    if data.get("value") is None:
        hint = {
            "nps": N_("`promoters`, `passives` and `detractors`, or a 0-10 `histogram`"),
            "csat": N_("a 1-5 `histogram`"),
            "ces": N_("a `histogram` with its `scale`"),
        }.get(metric, N_("a `histogram`"))
        message = Msg("%(metric)s needs a `value`, or raw responses: %(hint)s", metric=Verbatim(metric), hint=Msg(hint))
        raise model_error("jm_survey", message)


def _custom(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    if not isinstance(value, dict):
        value = {"value": value}
    surveys.check_keys(value, ("value", "unit", "better", "label", "responses"), "custom metric")
    unit = value.get("unit") or _infer_unit(value.get("value"))
    parsers = {"percent": _percent, "duration": _duration, "count": _count, "money": _money, "number": _number}
    if not isinstance(unit, str) or unit not in parsers:
        choices = Verbatim(", ".join(parsers))
        raise model_error(
            "jm_value", Msg("unit '%(unit)s' is not one of: %(choices)s", unit=_shown(unit), choices=choices)
        )
    better = value.get("better")
    if better not in (None, "higher", "lower"):
        raise model_error("jm_value", Msg("better is 'higher' or 'lower', not '%(value)s'", value=_shown(better)))
    label = value.get("label")
    if isinstance(label, (int, float)) and not isinstance(label, bool):
        label = str(label)  # `label: 1e2` is text as written (numbers keep their spelling)
    if label is not None and not isinstance(label, str):
        raise model_error("jm_value", Msg("label is text, not '%(value)s'", value=_shown(label)))
    base = _built(parsers[unit](value.get("value")))
    return CustomMeasure(**base.model_dump(), better=better, label=label)


def _shown(value: Any) -> str:
    """A value quoted in a message: text as written, a mapping or list by its kind (never hashed or dumped)."""
    if isinstance(value, dict):
        return Msg("a mapping")
    if isinstance(value, list):
        return Msg("a list")
    return Verbatim(str(value))


def _infer_unit(value: Any) -> str:
    """``23%`` is a percentage and ``3d`` a duration even without ``unit:``."""
    if isinstance(value, str):
        if PERCENT_SIGN_RE.search(value):
            return "percent"
        if is_duration(value):
            return "duration"
    return "number"


def _number(value: Any) -> Any:
    number, text = parse_number(value)
    return _measure("number", number, text)


def _check_range(value: float, low: float, high: float, text: str, rule: Msg) -> None:
    if not low <= value <= high:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise model_error("jm_range", Msg("%(text)s is out of range: %(rule)s", text=Verbatim(shown), rule=rule))


# -- input schemas (what users write), for the JSON Schema -----------------------

_NUMERIC_TEXT = {"type": "string", "pattern": NUMBER_PATTERN}
_NUM = {"anyOf": [{"type": "number"}, _NUMERIC_TEXT]}
#: A number 0-100 or a text such as 71%: one schema (``pattern`` applies to text only, the bounds to numbers),
#: so editors say what a percentage is rather than "expected a number".
_PERCENT_IN = {"type": ["number", "string"], "minimum": 0, "maximum": 100, "pattern": PERCENT_PATTERN}
_DURATION_IN = {"type": "string", "pattern": DURATION_PATTERN}
_RESPONSES = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": WHOLE_NUMBER_PATTERN}]}
_HISTOGRAM = {
    "anyOf": [
        {"type": "array", "items": _RESPONSES},
        {"type": "object", "additionalProperties": _RESPONSES},
    ]
}


def _described(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A field of the hand-written input shapes, with the hover text editors show for it."""
    return {**schema, "description": description}


_SAMPLE = _described(_RESPONSES, "how many answers the value comes from")
_COUNTS = _described(_HISTOGRAM, "how many answers gave each score: a list from the lowest score, or score -> count")
_NPS_IN = {
    "anyOf": [
        {"type": "number", "minimum": -100, "maximum": 100},
        _NUMERIC_TEXT,
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "value": _described(
                    {"anyOf": [{"type": "number", "minimum": -100, "maximum": 100}, _NUMERIC_TEXT]},
                    "the score, -100 to 100, when computed elsewhere",
                ),
                "responses": _SAMPLE,
                "promoters": _described(_RESPONSES, "answers of 9 or 10"),
                "passives": _described(_RESPONSES, "answers of 7 or 8"),
                "detractors": _described(_RESPONSES, "answers of 0 to 6"),
                "histogram": _described(_HISTOGRAM, "answers per score 0 to 10: 11 counts, or score -> count"),
            },
        },
    ]
}
_CSAT_IN = {
    "anyOf": [
        _PERCENT_IN,
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "value": _described(_PERCENT_IN, "the share of satisfied answers, when computed elsewhere"),
                "responses": _SAMPLE,
                "histogram": _described(_HISTOGRAM, "answers per score 1 to 5: 5 counts, or score -> count"),
            },
        },
    ]
}
_SCALE_IN = {
    "anyOf": [
        {"type": "string", "pattern": SCALE_PATTERN},
        {"type": "array", "items": _NUM, "minItems": 2, "maxItems": 2},
    ]
}
_EFFORT_IN = {
    "anyOf": [
        _NUM,
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "value": _described(_NUM, "the mean answer, when computed elsewhere"),
                "responses": _SAMPLE,
                "histogram": _COUNTS,
                "scale": _described(_SCALE_IN, "the survey's scale, `1-7` or `[1, 7]`; default: `scales.ces`"),
                "higher_is": _described({"enum": ["easier", "harder"]}, "whether a high answer means easier or harder"),
            },
        },
    ]
}
_CUSTOM_IN = {
    "anyOf": [
        {"type": ["number", "string"]},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["value"],
            "properties": {
                "value": _described({"type": ["number", "string"]}, "the measured value, e.g. `23%`, `3d` or `4.2`"),
                "unit": _described(
                    {"enum": ["percent", "duration", "count", "money", "number"]},
                    "how the value is read; default: from how it is written",
                ),
                "better": _described({"enum": ["higher", "lower"]}, "which direction is better, for targets"),
                "label": _described({"type": "string"}, "the metric's name in maps and reports"),
                "responses": _SAMPLE,
            },
        },
    ]
}

Percent = Annotated[Measure, BeforeValidator(_percent), WithJsonSchema(_PERCENT_IN)]
Duration = Annotated[Measure, BeforeValidator(_duration), WithJsonSchema(_DURATION_IN)]
Count = Annotated[
    Measure, BeforeValidator(_count), WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, _NUMERIC_TEXT]})
]
Money = Annotated[Measure, BeforeValidator(_money), WithJsonSchema(_NUM)]
Nps = Annotated[Measure, BeforeValidator(_nps), WithJsonSchema(_NPS_IN)]
Csat = Annotated[Measure, BeforeValidator(_csat), WithJsonSchema(_CSAT_IN)]
Ces = Annotated[Effort, BeforeValidator(_effort), WithJsonSchema(_EFFORT_IN)]
Custom = Annotated[CustomMeasure, BeforeValidator(_custom), WithJsonSchema(_CUSTOM_IN)]


def _metric(title: str, better: Better | None, description: str) -> Any:
    return Field(default=None, title=title, description=description, json_schema_extra={"better": better})


class Metrics(FrozenModel):
    """Measured values at a touchpoint or for the whole journey (also the shape of ``targets``)."""

    nps: Nps | None = _metric(
        "Net Promoter Score", "higher", "-100..100; or promoters/passives/detractors counts, or a 0-10 histogram"
    )
    csat: Csat | None = _metric(
        "Customer Satisfaction", "higher", "share of satisfied answers; or a 1-5 histogram (4-5 = satisfied)"
    )
    ces: Ces | None = _metric(
        "Customer Effort Score", None, "on the journey's CES scale (default 1-7, higher = easier); or a histogram"
    )
    fcr: Percent | None = _metric(
        "First Contact Resolution", "higher", "share of requests solved in the first interaction"
    )
    aht: Duration | None = _metric("Average Handle Time", "lower", "agent time per interaction")
    frt: Duration | None = _metric("First Response Time", "lower", "time until the first reply")
    waiting_time: Duration | None = _metric("Average waiting time", "lower", "time customers wait before service")
    response_time: Duration | None = _metric("Average response time", "lower", "time to answer a request")
    resolution_time: Duration | None = _metric("Resolution time", "lower", "time until the request is solved")
    delivery_time: Duration | None = _metric("Delivery time", "lower", "time from order to delivery")
    abandonment_rate: Percent | None = _metric("Abandonment rate", "lower", "share who give up at this point")
    churn_rate: Percent | None = _metric("Churn rate", "lower", "customers lost over a period")
    retention_rate: Percent | None = _metric("Retention rate", "higher", "customers kept over a period")
    conversion_rate: Percent | None = _metric("Conversion rate", "higher", "share who move on to the next step")
    completion_rate: Percent | None = _metric("Completion rate", "higher", "share who complete the task")
    error_rate: Percent | None = _metric("Error rate", "lower", "share of attempts that fail")
    repeat_contact_rate: Percent | None = _metric("Repeat contact rate", "lower", "share who must contact again")
    escalation_rate: Percent | None = _metric("Escalation rate", "lower", "share escalated to another team or tier")
    containment_rate: Percent | None = _metric("Containment rate", "higher", "share solved in self-service or by a bot")
    sla_compliance: Percent | None = _metric("SLA compliance", "higher", "share handled within the promised time")
    on_time_rate: Percent | None = _metric("On-time rate", "higher", "share delivered or done on time")
    open_rate: Percent | None = _metric("Open rate", "higher", "share of messages opened")
    click_rate: Percent | None = _metric("Click-through rate", "higher", "share of views that lead to a click")
    clv: Money | None = _metric("Customer Lifetime Value", "higher", "value of a customer over the relationship")
    ticket_volume: Count | None = _metric("Ticket volume", None, "requests received per period")
    custom: dict[Id, Custom] = Field(
        default_factory=dict, description="team-specific metrics: a value, or {value, unit, better, label}"
    )

    def items(self) -> list[tuple[str, Measure]]:
        """Every metric given, built-in ones in catalogue order, then custom ones."""
        given = self.__dict__  # fields in declaration (catalogue) order; faster than a getattr per name
        found: list[tuple[str, Measure]] = [
            (name, value) for name, value in given.items() if value is not None and name != "custom"
        ]
        found.extend(sorted(self.custom.items()))
        return found

    def get(self, name: str) -> Measure | None:
        if name in METRIC_NAMES:
            value: Measure | None = getattr(self, name)
            return value
        return self.custom.get(name)


class MetricSpec(NamedTuple):
    id: str
    title: str
    unit: Unit
    better: Better | None
    description: str


_UNITS: dict[Any, Unit] = {
    Percent: "percent",
    Duration: "duration",
    Count: "count",
    Money: "money",
    Nps: "nps",
    Csat: "percent",
    Ces: "effort",
}


def _catalogue() -> dict[str, MetricSpec]:
    specs = {}
    for name, field in Metrics.model_fields.items():
        if name == "custom":
            continue
        extra = field.json_schema_extra
        better = extra.get("better") if isinstance(extra, dict) else None
        unit = next(u for t, u in _UNITS.items() if field.annotation == t | None)
        specs[name] = MetricSpec(name, field.title or name, unit, better, field.description or "")  # type: ignore[arg-type]
    return specs


METRIC_NAMES: tuple[str, ...] = tuple(name for name in Metrics.model_fields if name != "custom")
CATALOGUE: dict[str, MetricSpec] = _catalogue()

_SHORT_NAMES = {
    "click_rate": N_("CTR"),
    "open_rate": N_("Open rate"),
    "sla_compliance": N_("SLA"),
    "on_time_rate": N_("On time"),
}


def metric_title(name: str, measure: Measure | None = None) -> str:
    """How a metric is named in prose and tables: a custom metric's ``label``, else the catalogue's title.

    The one naming rule every output uses, so a team's own label (often in
    the journey's language) is never replaced by its id.
    """
    if isinstance(measure, CustomMeasure) and measure.label:
        return measure.label
    spec = CATALOGUE.get(name)
    return Msg(spec.title) if spec else name


def metric_short_name(name: str, measure: Measure | None = None) -> str:
    """A compact name for narrow cells: 'abandonment_rate' -> 'Abandonment'; a custom ``label`` as written."""
    if isinstance(measure, CustomMeasure) and measure.label:
        return measure.label
    if name in _SHORT_NAMES:
        return Msg(_SHORT_NAMES[name])
    if name not in CATALOGUE:
        return name.upper() if len(name) <= 4 else name.removesuffix("_rate").replace("_", " ").capitalize()
    return Msg(name.upper() if len(name) <= 4 else name.removesuffix("_rate").replace("_", " ").capitalize())
