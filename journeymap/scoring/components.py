"""One pure function per friction component: touchpoint -> Reading(0..1 or None).

Why one function each: every formula can be read, tested and documented on
its own (docs/scoring.md lists the same formulas). A component whose inputs
are missing returns ``value=None``: it is left out of the weighted mean and
lowers the confidence, it never counts as "no friction".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.model import Journey, Touchpoint
from journeymap.model.emotion import EMOTION_MAX, EMOTION_MIN, Emotion
from journeymap.model.journey import CesScale
from journeymap.model.metrics import Measure
from journeymap.model.units import number_text
from journeymap.scoring.results import Contribution
from journeymap.settings.friction import COMPONENTS, LABELS, Limits, Weights

#: Rates where the measured share itself is the failure (lower is better).
FAILURE_RATES = ("abandonment_rate", "error_rate", "repeat_contact_rate", "escalation_rate")
#: Rates where the failure is what is missing to 100% (higher is better); containment
#: counts because a self-service step that does not solve it sends the customer elsewhere.
SUCCESS_RATES = ("fcr", "completion_rate", "containment_rate")
#: Durations compared with their targets.
DURATIONS = ("waiting_time", "response_time", "frt", "aht", "resolution_time", "delivery_time")
#: Shares done on time; the late share (1 - rate) is friction.
ON_TIME_RATES = ("on_time_rate", "sla_compliance")


@dataclass(frozen=True)
class Reading:
    """A component's normalised friction with the inputs it came from."""

    value: float | None
    inputs: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Incoming:
    """A transition into the touchpoint, as the channel-switch component sees it."""

    source: str
    source_channel: str
    context_carried: bool | None


@dataclass(frozen=True)
class Context:
    """What a component needs beyond the touchpoint itself."""

    journey: Journey
    limits: Limits
    persona: str | None
    incoming: tuple[Incoming, ...] = ()


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def fmt(value: float) -> str:
    """A number for notes: at most three decimals, no trailing zeros."""
    return number_text(round(value, 3))


def _mean(parts: list[float]) -> float:
    return sum(parts) / len(parts)


# -- effort --------------------------------------------------------------------


def effort(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """CES on its own scale; the direction (higher = easier or harder) decides the sign."""
    ces = touchpoint.metrics.ces
    if ces is None:
        return Reading(None, note="no CES measured")
    scale: CesScale = ctx.journey.scales.ces
    low = ces.scale_min if ces.scale_min is not None else scale.min
    high = ces.scale_max if ces.scale_max is not None else scale.max
    direction = ces.higher_is or scale.higher_is
    if high <= low:
        return Reading(None, (f"ces {ces.text}",), f"the CES scale {fmt(low)}-{fmt(high)} is empty")
    value = clamp(ces.value, low, high)
    if direction == "easier":
        friction, formula = (high - value) / (high - low), f"({fmt(high)} - {fmt(value)}) / ({fmt(high)} - {fmt(low)})"
    else:
        friction, formula = (value - low) / (high - low), f"({fmt(value)} - {fmt(low)}) / ({fmt(high)} - {fmt(low)})"
    inputs = (f"ces {ces.text} on {fmt(low)}-{fmt(high)}, higher = {direction}",)
    return Reading(friction, inputs, f"{formula} = {fmt(friction)}")


# -- emotion -------------------------------------------------------------------


def emotion(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """The persona's emotion, or the share-weighted mean over the personas served (``Journey.emotion``)."""
    found = ctx.journey.emotions(touchpoint, ctx.persona)
    if not found:
        if touchpoint.emotion is None:
            return Reading(None, note="no emotion given")
        served = [ctx.persona] if ctx.persona else [p.id for p in ctx.journey.personas if touchpoint.serves(p.id)]
        return Reading(None, note="no emotion given for " + ", ".join(served))
    score = ctx.journey.emotion(touchpoint, ctx.persona)
    assert score is not None  # found is not empty
    friction = (EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN)
    inputs = tuple(f"{pid}: {_emotion_text(feeling)}" for pid, feeling, _ in found)
    if len(found) == 1:
        return Reading(friction, inputs, f"(5 - {fmt(score)}) / 4 = {fmt(friction)}")
    total = sum(w for _, _, w in found)
    parts = " + ".join(f"{fmt(w / total)}·(5 - {fmt(f.score)})/4" for _, f, w in found)
    return Reading(friction, inputs, f"share-weighted mean {parts} = {fmt(friction)}")


def _emotion_text(feeling: Emotion) -> str:
    return f"{feeling.name} ({fmt(feeling.score)})" if feeling.name else fmt(feeling.score)


# -- satisfaction --------------------------------------------------------------


def satisfaction(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Shortfall of CSAT and NPS below target, as a share of the room below target."""
    parts: list[float] = []
    inputs: list[str] = []
    notes: list[str] = []
    csat = touchpoint.metrics.csat
    if csat is not None:
        target, given = _target(touchpoint.targets.csat, ctx.limits.csat_target)
        part = clamp((target - csat.value) / target) if target > 0 else 0.0
        parts.append(part)
        inputs.append(f"csat {csat.text} (target {_target_text(touchpoint.targets.csat, given, target * 100, '%')})")
        notes.append(f"csat ({fmt(target)} - {fmt(csat.value)}) / {fmt(target)} = {fmt(part)}")
    nps = touchpoint.metrics.nps
    if nps is not None:
        target, given = _target(touchpoint.targets.nps, ctx.limits.nps_target)
        part = clamp((target - nps.value) / (target + 100)) if target > -100 else 0.0
        parts.append(part)
        inputs.append(f"nps {nps.text} (target {_target_text(touchpoint.targets.nps, given, target, '')})")
        notes.append(f"nps ({fmt(target)} - {fmt(nps.value)}) / ({fmt(target)} + 100) = {fmt(part)}")
    return _combine_parts(parts, inputs, notes, "no CSAT or NPS measured")


def _target(measure: Measure | None, default: float) -> tuple[float, bool]:
    return (measure.value, True) if measure is not None else (default, False)


def _target_text(measure: Measure | None, given: bool, shown: float, suffix: str) -> str:
    if given and measure is not None:
        return measure.text
    return f"{fmt(shown)}{suffix} by default"


# -- failure rates -------------------------------------------------------------


def failure(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Mean share of customers the touchpoint fails: 1-FCR, 1-completion, abandonment, errors..."""
    parts: list[float] = []
    inputs: list[str] = []
    notes: list[str] = []
    for name in SUCCESS_RATES + FAILURE_RATES:
        measure = touchpoint.metrics.get(name)
        if measure is None:
            continue
        part = 1 - measure.value if name in SUCCESS_RATES else measure.value
        parts.append(clamp(part))
        inputs.append(f"{name} {measure.text}")
        notes.append(f"1 - {name} = {fmt(part)}" if name in SUCCESS_RATES else f"{name} = {fmt(part)}")
    missing = "no FCR, completion, containment, abandonment, error, repeat-contact or escalation rate"
    return _combine_parts(parts, inputs, notes, missing)


# -- time against target -------------------------------------------------------


def time(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Durations over target (ratio, full friction at ``limits.time_ratio``x) and late shares."""
    cap = ctx.limits.time_ratio
    parts: list[float] = []
    inputs: list[str] = []
    notes: list[str] = []
    for name in DURATIONS:
        measured, target = touchpoint.metrics.get(name), touchpoint.targets.get(name)
        if measured is None:
            continue
        if target is None:
            notes.append(f"{name} {measured.text} not used: no target")
            continue
        ratio = measured.value / target.value if target.value > 0 else (1.0 if measured.value <= 0 else cap)
        part = clamp((ratio - 1) / (cap - 1))
        parts.append(part)
        inputs.append(f"{name} {measured.text} (target {target.text})")
        capped = " (capped)" if ratio >= cap else ""
        notes.append(f"{name} ratio {fmt(ratio)}: ({fmt(ratio)} - 1) / ({fmt(cap)} - 1) = {fmt(part)}{capped}")
    for name in ON_TIME_RATES:
        measure = touchpoint.metrics.get(name)
        if measure is not None:
            part = clamp(1 - measure.value)
            parts.append(part)
            inputs.append(f"{name} {measure.text}")
            notes.append(f"1 - {name} = {fmt(part)}")
    return _combine_parts(parts, inputs, notes, "no duration with a target, no on-time or SLA share")


# -- counts: pain points and handoffs ------------------------------------------


def pain_points(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Listed pain points, saturating: ``limits.pain_points`` or more is full friction."""
    if "pain_points" not in touchpoint.model_fields_set:
        return Reading(None, note="pain points not listed (write `pain_points: []` when there are none)")
    return _saturating(len(touchpoint.pain_points), ctx.limits.pain_points, "pain_points")


def handoffs(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Internal handoffs between teams, saturating at ``limits.handoffs``."""
    if "handoffs" not in touchpoint.model_fields_set:
        return Reading(None, note="handoffs not stated (write `handoffs: 0` when there are none)")
    return _saturating(touchpoint.handoffs, ctx.limits.handoffs, "handoffs")


def _saturating(count: int, cap: int, name: str) -> Reading:
    value = min(count, cap) / cap
    return Reading(value, (f"{name}: {count}",), f"min({count}, {cap}) / {cap} = {fmt(value)}")


# -- channel switch without context --------------------------------------------


def channel_switch(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Share of arrivals that make the customer start over.

    Counted: transitions in from another channel, and any transition the file
    marks ``context_carried: false`` (an IVR-to-agent hand-over on one
    channel loses context just the same). Among those whose
    ``context_carried`` is stated, the share marked false is the friction.
    """
    relevant = [i for i in ctx.incoming if i.source_channel != touchpoint.channel or i.context_carried is not None]
    if not relevant:
        return Reading(0.0, ("no channel switch into this touchpoint",), "nothing to carry over = 0")
    known = [i for i in relevant if i.context_carried is not None]
    inputs = tuple(f"from {i.source} ({i.source_channel}): {_carried(i.context_carried)}" for i in relevant)
    if not known:
        return Reading(None, inputs, "context_carried not stated on any switch into this touchpoint")
    lost = sum(1 for i in known if i.context_carried is False)
    value = lost / len(known)
    return Reading(value, inputs, f"{lost} of {len(known)} stated switches lose context = {fmt(value)}")


def _carried(carried: bool | None) -> str:
    return {True: "context carried", False: "context lost", None: "not stated"}[carried]


# -- shared helpers ------------------------------------------------------------


def _combine_parts(parts: list[float], inputs: list[str], notes: list[str], missing: str) -> Reading:
    """Mean of the sub-measures found; no sub-measure means no data."""
    if not parts:
        return Reading(None, tuple(inputs), "; ".join([missing, *notes]))
    value = _mean(parts)
    note = "; ".join(notes)
    if len(parts) > 1:
        note += f"; mean = {fmt(value)}"
    return Reading(value, tuple(inputs), note)


COMPONENT_FUNCTIONS: dict[str, Callable[[Touchpoint, Context], Reading]] = {
    "effort": effort,
    "emotion": emotion,
    "satisfaction": satisfaction,
    "failure": failure,
    "time": time,
    "pain_points": pain_points,
    "channel_switch": channel_switch,
    "handoffs": handoffs,
}


def read_components(touchpoint: Touchpoint, ctx: Context) -> dict[str, Reading]:
    """Every component's reading, in the documented order."""
    return {name: COMPONENT_FUNCTIONS[name](touchpoint, ctx) for name in COMPONENTS}


def combine(readings: dict[str, Reading], weights: Weights) -> tuple[float | None, float, tuple[Contribution, ...]]:
    """Weighted mean over the components with data: (score 0-100, confidence 0-1, contributions).

    score = 100 * sum(w_i * v_i) / sum(w_i) over available i;
    confidence = sum(w_i, available) / sum(w_i, all).
    """
    available = sum(weights.of(name) for name, r in readings.items() if r.value is not None)
    contributions = tuple(
        Contribution(
            component=name,
            label=LABELS[name],
            value=reading.value,
            weight=weights.of(name),
            points=100 * weights.of(name) * reading.value / available
            if reading.value is not None and available > 0
            else 0.0,
            inputs=reading.inputs,
            note=reading.note,
        )
        for name, reading in readings.items()
    )
    confidence = available / weights.total
    if available <= 0:
        return None, confidence, contributions
    score = clamp(sum(c.points for c in contributions), 0.0, 100.0)
    return score, confidence, contributions
