"""One pure function per friction component: touchpoint -> Reading(0..1 or None).

Why one function each: every formula can be read, tested and documented on
its own (docs/scoring.md lists the same formulas). A component whose inputs
are missing returns ``value=None``: it adds nothing and lowers the
confidence, it never counts as "no friction". A component that cannot apply
(no channel switch into the touchpoint) is ``applicable=False`` and does not
lower the confidence either.

Why "at least one" (``any_of``) and not a mean: a touchpoint fails a customer
if any of its problems does, so every extra problem raises the friction and
no good number can hide a bad one (decision 0007). Means made the score fall
when bad evidence was added (an error rate of 5% lowered a 38% failure mean).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from journeymap.model import Journey, Stage, Touchpoint
from journeymap.model.emotion import EMOTION_MIN
from journeymap.model.evidence import cited
from journeymap.model.journey import CesScale, mean_by_share
from journeymap.model.metrics import CustomMeasure, Measure, Metrics, metric_short_name
from journeymap.model.units import number_text
from journeymap.settings.friction import COMPONENTS, Limits, Weights
from journeymap.translation import N_, NC_, Formula, Joined, Msg, Verbatim

#: Rates where the measured share itself is the failure (lower is better).
FAILURE_RATES = ("abandonment_rate", "error_rate", "repeat_contact_rate", "escalation_rate")
#: Rates where the failure is what is missing to 100% (higher is better); containment
#: counts because a self-service step that does not solve it sends the customer elsewhere.
SUCCESS_RATES = ("fcr", "completion_rate", "containment_rate")
#: Durations compared with their targets.
DURATIONS = ("waiting_time", "response_time", "frt", "aht", "resolution_time", "delivery_time")
#: Shares done on time; the late share (1 - rate) is friction.
ON_TIME_RATES = ("on_time_rate", "sla_compliance")


class Reading:
    """A component's normalised friction, and the inputs and working it came from.

    ``value`` and ``applicable`` are known when the reading is made; the words (``inputs``, ``note``)
    may be given, or made by ``explain`` the first time they are read. Why: a journey is scored
    once for everyone and once per persona, and most outputs show the words of a few touchpoints
    at most; making every note up front was a third of scoring a big journey. ``explain`` only
    writes numbers the component has already computed, it never computes a value.
    """

    __slots__ = ("_explain", "_words", "applicable", "value")

    def __init__(
        self,
        value: float | None,
        inputs: tuple[str, ...] = (),
        note: str = "",
        applicable: bool = True,
        explain: Callable[[], tuple[tuple[str, ...], str]] | None = None,
    ) -> None:
        self.value = value
        self.applicable = applicable
        self._explain = explain
        self._words = None if explain is not None else (inputs, note)

    @property
    def inputs(self) -> tuple[str, ...]:
        return self._said()[0]

    @property
    def note(self) -> str:
        return self._said()[1]

    @property
    def words(self) -> tuple[tuple[str, ...], str]:
        """``(inputs, note)`` at once."""
        return self._said()

    def _said(self) -> tuple[tuple[str, ...], str]:
        if self._words is None:
            assert self._explain is not None
            self._words = self._explain()
            self._explain = None
        return self._words

    def __repr__(self) -> str:
        return f"Reading({self.value!r}, {self.inputs!r}, {self.note!r}, applicable={self.applicable!r})"


@dataclass(frozen=True)
class Incoming:
    """A transition into the touchpoint, as the channel-switch component sees it."""

    source: str
    source_channel: str
    context_carried: bool | None
    arrivals: float = 1.0  # customers on this move: the source's volume weight x the move's share


@dataclass(slots=True)
class Context:
    """What a component needs beyond the touchpoint itself; components only read it.

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, and a journey's
    scoring makes one context per touchpoint and view (40,000 at 10,000 touchpoints, 3 personas).
    """

    journey: Journey
    limits: Limits
    persona: str | None  # read only by the components in PER_PERSONA
    incoming: tuple[Incoming, ...] = ()
    stage: Stage | None = None
    shares: dict[str, float] | None = None  # the journey's ``persona_weights()``, made once per scoring


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


@lru_cache(maxsize=4096)
def fmt(value: float) -> str:
    """A number for notes: at most three decimals, no trailing zeros.

    Cached: a journey's notes repeat a few numbers (limits, weights, scale ends, shares) hundreds
    of thousands of times. Numbers that compare equal give the same text (0.0 and -0.0 both "0").
    """
    return number_text(round(value, 3))


def any_of(parts: list[float]) -> float:
    """The chance that at least one part fails the customer: 1 - (1 - a)(1 - b)...

    Never below the largest part, and it only rises when a part is added or
    rises (the monotonicity the score promises).
    """
    kept = 1.0
    for part in parts:
        kept *= 1.0 - part
    return 1.0 - kept


# -- effort --------------------------------------------------------------------


def effort(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """CES on its own scale; the direction (higher = easier or harder) decides the sign."""
    ces = touchpoint.metrics.ces
    if ces is None:
        return _NO_CES
    scale: CesScale = ctx.journey.scales.ces
    low = ces.scale_min if ces.scale_min is not None else scale.min
    high = ces.scale_max if ces.scale_max is not None else scale.max
    direction = ces.higher_is or scale.higher_is
    if high <= low:
        return Reading(
            None,
            (Msg("CES %(value)s", value=cited(ces)),),
            Msg("the CES scale %(low)s-%(high)s is empty", low=fmt(low), high=fmt(high)),
        )
    value = clamp(ces.value, low, high)
    if direction == "easier":
        friction, formula = (high - value) / (high - low), f"({fmt(high)} - {fmt(value)}) / ({fmt(high)} - {fmt(low)})"
    else:
        friction, formula = (value - low) / (high - low), f"({fmt(value)} - {fmt(low)}) / ({fmt(high)} - {fmt(low)})"
    inputs = (
        Msg(
            "CES %(value)s on %(low)s-%(high)s, higher = %(direction)s",
            value=cited(ces),
            low=fmt(low),
            high=fmt(high),
            direction=Msg(HIGHER_IS[direction]),
        ),
    )
    return Reading(friction, inputs, Formula(f"{formula} = {fmt(friction)}"))


#: How a CES scale reads, as its inputs say it.
HIGHER_IS = {"easier": N_("easier"), "harder": N_("harder")}
#: The counts a component reads, named as in the file.
COUNTED = (NC_("component input", "pain_points"), NC_("component input", "handoffs"))


# -- emotion -------------------------------------------------------------------


def emotion(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """The persona's emotion, or the share-weighted mean over the personas served (``Journey.emotion``)."""
    found = ctx.journey.emotions(touchpoint, ctx.persona, ctx.shares)
    if not found:
        if touchpoint.emotion is None:
            return _NO_EMOTION
        served = [ctx.persona] if ctx.persona else [p.id for p in ctx.journey.personas if touchpoint.serves(p.id)]
        return Reading(
            None, note=Msg("no emotion given for %(personas)s", personas=Joined(", ", [Verbatim(p) for p in served]))
        )
    return _felt_reading(tuple([(pid, feeling.name, feeling.score, weight) for pid, feeling, weight in found]))


#: (persona id, emotion name, emotion score, share) of each emotion read.
Felt = tuple[tuple[str, str | None, float, float], ...]


@lru_cache(maxsize=4096)
def _felt_reading(felt: Felt) -> Reading:
    """The reading of these emotions: ``Journey.emotion``'s share-weighted mean (``mean_by_share``), as friction.

    Cached: the reading depends on these numbers only, and a journey's touchpoints repeat a few personas'
    few emotion words (each persona's view reads one of a handful per touchpoint). A reading is never
    changed once made, so touchpoints share it.
    """
    score = mean_by_share([(value, weight) for _, _, value, weight in felt])
    friction = emotion_friction(score)
    return Reading(friction, explain=lambda: _emotion_words(felt, score, friction))


@lru_cache(maxsize=4096)
def _emotion_words(felt: Felt, score: float, friction: float) -> tuple[tuple[str, ...], str]:
    """The emotions read and the working from them to ``friction``.

    Cached: the words depend on these numbers only, and a journey's touchpoints repeat a few
    personas' few emotion words (the words of 10,000 touchpoints were 60,000 messages).
    """
    inputs = tuple(
        Msg("%(persona)s: %(emotion)s", persona=pid, emotion=_emotion_text(name, value)) for pid, name, value, _ in felt
    )
    if len(felt) == 1:
        return inputs, Formula(f"({fmt(CONTENT)} - {fmt(score)}) / 3 = {fmt(friction)}")
    total = sum(w for _, _, _, w in felt)
    parts = " + ".join(f"{fmt(w / total)}·{fmt(value)}" for _, _, value, w in felt)
    said = Msg(
        "share-weighted emotion %(mean)s; %(formula)s",
        mean=Formula(f"{parts} = {fmt(score)}"),
        formula=Formula(f"({fmt(CONTENT)} - {fmt(score)}) / 3 = {fmt(friction)}"),
    )
    return inputs, said


#: The emotion from which a customer feels no friction: content (4, "happy") or better.
CONTENT = 4.0


def emotion_friction(score: float) -> float:
    """Content (4) or better is no friction; each step below adds a third: neutral 1/3, angry 1.

    Why not (5 - e) / 4: a neutral customer is not half-way to angry, and
    "neutral" alone scored 50, above most measured problems.
    """
    return clamp((CONTENT - score) / (CONTENT - EMOTION_MIN))


def _emotion_text(name: str | None, score: float) -> str:
    if not name:
        return fmt(score)
    return Msg("%(emotion)s (%(score)s)", emotion=Msg.in_context("neutral", name), score=fmt(score))


# -- satisfaction --------------------------------------------------------------


def satisfaction(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Shortfall of CSAT and NPS below target, as a share of the room below target."""
    asked: list[_Asked] = []
    limits = ctx.limits
    given, aimed = _given(touchpoint.metrics), _given(touchpoint.targets)
    for name, metric, default in (("csat", _csat, limits.csat_target), ("nps", _nps, limits.nps_target)):
        measure = given[name]
        if measure is None:
            continue
        aim = aimed[name]
        asked.append(_ask(metric, measure, measure.value, cited(measure), _aim(aim), _aim_text(aim), default))
    return _parts_reading(tuple(asked), _NO_SATISFACTION)


def _csat(value: float, said: str, aim: float | None, aim_text: str | None, default: float) -> tuple[float, str, str]:
    """CSAT's shortfall below its target (``limits.csat_target`` by default), with its input and note."""
    target = aim if aim is not None else default
    part = clamp((target - value) / target) if target > 0 else 0.0
    shown = _target_text(aim_text, target * 100, "%")
    formula = Formula(f"({fmt(target)} - {fmt(value)}) / {fmt(target)} = {fmt(part)}")
    return (
        part,
        Msg("CSAT %(value)s (target %(target)s)", value=said, target=shown),
        Msg("csat %(formula)s", formula=formula),
    )


def _nps(value: float, said: str, aim: float | None, aim_text: str | None, default: float) -> tuple[float, str, str]:
    """NPS's shortfall below its target (``limits.nps_target`` by default), with its input and note."""
    target = aim if aim is not None else default
    part = clamp((target - value) / (target + 100)) if target > -100 else 0.0
    shown = _target_text(aim_text, target, "")
    formula = Formula(f"({fmt(target)} - {fmt(value)}) / ({fmt(target)} + 100) = {fmt(part)}")
    return (
        part,
        Msg("NPS %(value)s (target %(target)s)", value=said, target=shown),
        Msg("nps %(formula)s", formula=formula),
    )


def _aim(measure: Measure | None) -> float | None:
    return measure.value if measure is not None else None


def _aim_text(measure: Measure | None) -> str | None:
    return measure.text if measure is not None else None


def _target_text(aim_text: str | None, shown: float, suffix: str) -> str:
    if aim_text is not None:
        return aim_text
    return Msg("%(value)s by default", value=f"{fmt(shown)}{suffix}")


# -- failure rates -------------------------------------------------------------


def failure(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Share of customers the touchpoint fails in at least one way: 1-FCR, 1-completion, abandonment, errors..."""
    asked: list[_Asked] = []
    given = _given(touchpoint.metrics)
    for name in _RATES:
        measure = given[name]
        if measure is None:
            continue
        if name == "abandonment_rate":
            said = Msg("%(metric)s %(value)s", metric=_metric_name(name, measure), value=cited(measure))
            part, note = _abandonment(touchpoint, measure, ctx)
            asked.append(_Asked(_given_words, (part, said, note), False))
        else:
            asked.append(_ask(_rate, measure, name, _metric_name(name, measure), measure.value, cited(measure)))
    return _parts_reading(tuple(asked), _NO_RATE)


def _rate(name: str, metric: str, value: float, said: str) -> tuple[float, str, str]:
    """A success rate's failure (1 - rate) or a failure rate as measured, with its input and note."""
    success = name in SUCCESS_RATES
    part = 1 - value if success else value
    note = Formula(f"1 - {name} = {fmt(part)}" if success else f"{name} = {fmt(part)}")
    return clamp(part), Msg("%(metric)s %(value)s", metric=metric, value=said), note


def _abandonment(touchpoint: Touchpoint, measure: Measure, ctx: Context) -> tuple[float, str]:
    """The share who give up beyond what is normal here: beyond the target, or else beyond the channel's norm.

    Why not absolute like the other rates: seven in ten web carts are abandoned in an ordinary shop,
    while 8% is already high for a phone queue (docs/domain.md#abandonment-by-channel). The norms are
    the audit's (JM325, ``abandonment_norm``) at their defaults, so both read one table.
    """
    target = touchpoint.targets.abandonment_rate
    if target is not None:
        base, why = target.value, Msg("target %(target)s", target=target.text)
    else:
        from journeymap.auditing.rules.performance import AbandonmentOptions, abandonment_norm

        stage = ctx.stage or next(st for st, tp in ctx.journey.touchpoints() if tp.id == touchpoint.id)
        base, kind = abandonment_norm(ctx.journey, stage, touchpoint, AbandonmentOptions())
        why = Msg("the norm %(norm)s for %(kind)s", norm=f"{fmt(base * 100)}%", kind=kind)
    part = clamp((measure.value - base) / (1 - base)) if base < 1 else 0.0
    formula = Formula(f"({fmt(measure.value)} - {fmt(base)}) / (1 - {fmt(base)}) = {fmt(part)}")
    return part, Msg("abandonment beyond %(why)s: %(formula)s", why=why, formula=formula)


# -- time against target -------------------------------------------------------


def time(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Durations over target (ratio, full friction at ``limits.time_ratio``x) and late shares."""
    cap = ctx.limits.time_ratio
    asked: list[_Asked] = []
    given, aimed = _given(touchpoint.metrics), _given(touchpoint.targets)
    for name in DURATIONS:
        measured, target = given[name], aimed[name]
        if measured is None:
            continue
        if target is None:
            asked.append(_ask(_no_target, measured, name, cited(measured)))
            continue
        metric = _metric_name(name, measured)
        asked.append(
            _ask(_over_target, measured, name, metric, measured.value, cited(measured), target.value, target.text, cap)
        )
    for name in ON_TIME_RATES:
        measure = given[name]
        if measure is not None:
            asked.append(_ask(_on_time, measure, name, _metric_name(name, measure), measure.value, cited(measure)))
    return _parts_reading(tuple(asked), _NO_TIME)


def _no_target(name: str, said: str) -> tuple[None, None, str]:
    """A duration measured without a target: only a note."""
    return None, None, Msg("%(metric)s %(value)s not used: no target", metric=_VERBATIM[name], value=said)


def _on_time(name: str, metric: str, value: float, said: str) -> tuple[float, str, str]:
    """An on-time share: the late share (1 - rate) is friction."""
    part = clamp(1 - value)
    return part, Msg("%(metric)s %(value)s", metric=metric, value=said), Formula(f"1 - {name} = {fmt(part)}")


def _over_target(
    name: str, metric: str, value: float, said: str, target: float, target_text: str, cap: float
) -> tuple[float, str, str]:
    """A duration against its target: the ratio's friction (full at ``cap``), with its input and note."""
    ratio = value / target if target > 0 else (1.0 if value <= 0 else cap)
    part = clamp((ratio - 1) / (cap - 1))
    inputs = Msg("%(metric)s %(value)s (target %(target)s)", metric=metric, value=said, target=target_text)
    formula = Formula(f"({fmt(ratio)} - 1) / ({fmt(cap)} - 1) = {fmt(part)}")
    note = Msg("%(metric)s ratio %(ratio)s: %(formula)s", metric=_VERBATIM[name], ratio=fmt(ratio), formula=formula)
    return part, inputs, Msg("%(note)s (capped)", note=note) if ratio >= cap else note


# -- counts: pain points and handoffs ------------------------------------------


def pain_points(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Listed pain points, saturating: ``limits.pain_points`` or more is full friction."""
    if "pain_points" not in touchpoint.model_fields_set:
        return _NO_PAIN_POINTS
    return _saturating(len(touchpoint.pain_points), ctx.limits.pain_points, "pain_points")


def handoffs(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Internal handoffs between teams, saturating at ``limits.handoffs``."""
    if "handoffs" not in touchpoint.model_fields_set:
        return _NO_HANDOFFS
    return _saturating(touchpoint.handoffs, ctx.limits.handoffs, "handoffs")


@lru_cache(maxsize=1024)
def _saturating(count: int, cap: int, name: str) -> Reading:
    """Cached: a reading depends on these three only, and is never changed once made."""
    value = min(count, cap) / cap
    return Reading(
        value,
        (Msg("%(what)s: %(count)s", what=Msg.in_context("component input", name), count=count),),
        Msg("min(%(count)s, %(cap)s) / %(cap)s = %(value)s", count=count, cap=cap, value=fmt(value)),
    )


# -- channel switch without context --------------------------------------------


def channel_switch(touchpoint: Touchpoint, ctx: Context) -> Reading:
    """Share of the customers arriving here who must start over.

    Each move in is weighted by the customers on it (the source's volume
    weight x the move's share). A move that loses context (``context_carried:
    false``) counts as lost; a move that carries it, or stays on one channel
    without saying otherwise, as kept; a change of channel that does not say
    is unknown and left out. No change of channel and no lost context: the
    component does not apply (nothing to carry over is not evidence).
    """
    channel = touchpoint.channel
    relevant = [i for i in ctx.incoming if i.source_channel != channel or i.context_carried is False]
    if not relevant:
        return _NO_SWITCH
    inputs = tuple(
        [
            Msg(
                "from %(source)s (%(channel)s, %(weight)s of arrivals weight): %(carried)s",
                source=i.source,
                channel=i.source_channel,
                weight=fmt(i.arrivals),
                carried=_CARRIED[i.context_carried],
            )
            for i in relevant
        ]
    )
    lost = sum([i.arrivals for i in ctx.incoming if i.context_carried is False])
    kept = sum([i.arrivals for i in ctx.incoming if _kept(i, channel)])
    if lost + kept <= 0:
        return Reading(None, inputs, _CARRIED_NOT_STATED)
    value = lost / (lost + kept)
    said = Msg(
        "lost %(lost)s / (lost %(lost)s + kept %(kept)s) = %(value)s", lost=fmt(lost), kept=fmt(kept), value=fmt(value)
    )
    return Reading(value, inputs, said)


def _kept(incoming: Incoming, channel: str) -> bool:
    """Whether a move into a touchpoint on ``channel`` keeps the customer's context."""
    if incoming.context_carried is None:
        return incoming.source_channel == channel
    return incoming.context_carried


#: Readings and words that are the same for every touchpoint, made once (immutable, so shared).
_NO_SATISFACTION = Msg("no CSAT or NPS measured")
_NO_RATE = Msg("no FCR, completion, containment, abandonment, error, repeat-contact or escalation rate")
_NO_TIME = Msg("no duration with a target, no on-time or SLA share")
_VERBATIM = {name: Verbatim(name) for name in DURATIONS}
_NO_EMOTION = Reading(None, note=Msg("no emotion given"))
_NO_CES = Reading(None, note=Msg("no CES measured"))
_NO_PAIN_POINTS = Reading(None, note=Msg("pain points not listed (write `pain_points: []` when there are none)"))
_NO_HANDOFFS = Reading(None, note=Msg("handoffs not stated (write `handoffs: 0` when there are none)"))
_NO_SWITCH = Reading(
    None, (Msg("no channel switch into this touchpoint"),), Msg("nothing to carry over"), applicable=False
)
_CARRIED_NOT_STATED = Msg("context_carried not stated on any switch into this touchpoint")
_CARRIED = {True: Msg("context carried"), False: Msg("context lost"), None: Msg("not stated")}


# -- shared helpers ------------------------------------------------------------


#: The rates ``failure`` reads, in the order its inputs and notes list them.
_RATES = SUCCESS_RATES + FAILURE_RATES


def _given(metrics: Metrics) -> dict[str, Measure | None]:
    """A touchpoint's built-in metrics (or targets) by name: the model's fields, as pydantic keeps them.

    Why not ``Metrics.get``: it also looks in ``custom`` and searches the catalogue's names first, and
    the components ask for 21 built-in metrics per touchpoint (210,000 calls at 10,000 touchpoints).
    """
    fields: dict[str, Measure | None] = metrics.__dict__
    return fields


def _typed(measure: Measure) -> bool:
    """Whether a measure's words depend on its value and text alone: typed in the journey (no provenance
    to cite) and built in (no custom label). Their readings are made once per value (``_parts_reading``)."""
    return measure.measured is None and not isinstance(measure, CustomMeasure)


#: A sub-measure's part, input and note (the part and input are None for a note alone).
_Said = tuple[float | None, str | None, str]


class _Asked(NamedTuple):
    """One sub-measure of a reading: its words function and the arguments it is called with."""

    words: Callable[..., _Said]
    args: tuple[object, ...]
    typed: bool  # the arguments are plain text and numbers (``_typed``): equal arguments, equal words


def _ask(words: Callable[..., _Said], measure: Measure, *args: object) -> _Asked:
    return _Asked(words, args, _typed(measure))


def _given_words(part: float, said: str, note: str) -> _Said:
    """A sub-measure whose words were made by the caller (abandonment reads the touchpoint's place)."""
    return part, said, note


def _parts_reading(asked: tuple[_Asked, ...], missing: str) -> Reading:
    """The reading of these sub-measures: at least one of them (``_combine_parts``).

    Made once per arguments when every sub-measure is typed (``_typed``): a journey repeats its values
    and targets (CSAT 85%, waiting time 15m), so touchpoints with the same ones share one reading, its
    words and its JSON (a component's words were most of its time: a message with three arguments
    costs more than the arithmetic). Measured values (with a citation) are read each time: their words
    depend on more than the arguments' text.
    """
    if all(a.typed for a in asked):
        return _typed_reading(asked, missing)
    return _reading_of(asked, missing)


def _reading_of(asked: tuple[_Asked, ...], missing: str) -> Reading:
    parts: list[float] = []
    inputs: list[str] = []
    notes: list[str] = []
    for words, args, _ in asked:
        part, said, note = words(*args)
        if part is not None and said is not None:
            parts.append(part)
            inputs.append(said)
        notes.append(note)
    return _combine_parts(parts, inputs, notes, missing)


@lru_cache(maxsize=4096)
def _typed_reading(asked: tuple[_Asked, ...], missing: str) -> Reading:
    """``_reading_of``, cached: a reading is never changed once made, so touchpoints share it."""
    return _reading_of(asked, missing)


def _metric_name(name: str, measure: Measure) -> str:
    """``metric_short_name``; a built-in metric's is one message per metric, made once."""
    return metric_short_name(name, measure) if isinstance(measure, CustomMeasure) else _short_name(name)


@lru_cache(maxsize=64)
def _short_name(name: str) -> str:
    return metric_short_name(name)


def _combine_parts(parts: list[float], inputs: list[str], notes: list[str], missing: str) -> Reading:
    """At least one of the sub-measures found (``any_of``); no sub-measure means no data."""
    if not parts:
        return Reading(None, tuple(inputs), Joined("; ", [missing, *notes]))
    value = any_of(parts)
    note: str = Joined("; ", notes)
    if len(parts) > 1:
        product = " x ".join(f"(1 - {fmt(p)})" for p in parts)
        formula = Formula(f"1 - {product} = {fmt(value)}")
        note = Msg("%(notes)s; at least one: %(formula)s", notes=note, formula=formula)
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


#: The components whose reading depends on ``Context.persona``; no other component may read it, so the
#: journey's view and every persona's view share the others' readings (``aggregate._Shared``).
PER_PERSONA = frozenset({"emotion"})


def read_components(touchpoint: Touchpoint, ctx: Context) -> tuple[Reading, ...]:
    """Every component's reading, in the documented order (``COMPONENTS``)."""
    return tuple(COMPONENT_FUNCTIONS[name](touchpoint, ctx) for name in COMPONENTS)


@dataclass(frozen=True)
class Scale:
    """Each component's weight and strength, in the documented order: what ``combine`` reads of the settings.

    Each component's *strength* is ``one_component`` x its weight over the largest weight (only the
    weights' ratios matter). Made once per settings, not once per touchpoint.
    """

    weights: tuple[float, ...]
    strengths: tuple[float, ...]

    @classmethod
    def of(cls, weights: Weights, one_component: float = 0.6) -> Scale:
        weight = tuple(weights.of(name) for name in COMPONENTS)
        strongest = max(weight)
        return cls(weight, tuple(one_component * w / strongest if strongest > 0 else 0.0 for w in weight))


def combine(readings: tuple[Reading, ...], scale: Scale) -> tuple[float | None, float, tuple[float, ...]]:
    """Friction 0-100 from the components with data, the confidence behind it, and each component's points.

    ``readings`` and the result's points are in the order of ``COMPONENTS``.
    friction = 100 * (1 - prod(1 - strength_i * value_i)): the chance that at least one component
    fails the customer, so adding or worsening a fact never lowers it. confidence = weight with data /
    weight that applies. The friction is split into points in proportion to strength x value, so the
    points add up to the score.
    """
    pulls: list[float] = []
    used: list[int] = []
    applies = known = 0.0
    for i, (reading, weight, strength) in enumerate(zip(readings, scale.weights, scale.strengths, strict=True)):
        if reading.applicable:
            applies += weight
        value = reading.value
        if value is not None:
            known += weight
            pulls.append(strength * value)
            used.append(i)
    score = 100 * any_of(pulls) if pulls else None
    total_pull = sum(pulls)
    points = [0.0] * len(readings)
    if total_pull > 0:
        for i, pull in zip(used, pulls, strict=True):
            points[i] = (score or 0.0) * pull / total_pull
    confidence = known / applies if applies > 0 else 0.0
    return score, confidence, tuple(points)
