"""Touchpoint scores and their roll-ups to stages, personas, channels and the journey.

Aggregate weight of a touchpoint ``t`` (docs/scoring.md, "Aggregates")::

    a_t = moment_of_truth_factor(t) * volume_weight(t) * reach(t)

* moment-of-truth factor: ``scoring.moment_of_truth`` by impact, 1 otherwise;
* volume weight: ``volume / mean volume`` of the journey's touchpoints that
  state one; a touchpoint without one gets the customers arriving along the
  paths into it (``estimated_volumes``), an entry point the average;
* reach: the share of customers (persona shares) the touchpoint serves; 1 in
  a single-persona view.

A group's score is the ``a``-weighted mean of its scored touchpoints; its
confidence the ``a``-weighted mean of all its touchpoints' confidences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from operator import mul
from typing import Protocol

from journeymap.model import Journey, Stage, Touchpoint
from journeymap.scoring.components import (
    COMPONENT_FUNCTIONS,
    PER_PERSONA,
    Context,
    Incoming,
    Reading,
    Scale,
    combine,
    read_components,
)
from journeymap.scoring.results import GroupScore, JourneyScore, TouchpointScore, aggregate_weight
from journeymap.settings.friction import COMPONENTS, ScoringConfig


def incoming_transitions(journey: Journey, volumes: dict[str, float] | None = None) -> dict[str, list[Incoming]]:
    """Moves into each touchpoint (``flow.edges``: explicit ``next`` or the next step), with their customers.

    ``volumes`` are the journey's ``volume_weights`` when the caller has them already.
    """
    from journeymap import flow

    volumes = volume_weights(journey) if volumes is None else volumes
    incoming: dict[str, list[Incoming]] = {tp.id: [] for _, tp in journey.touchpoints()}
    for edge in flow.edges(journey):
        carried = edge.transition.context_carried if edge.transition is not None else None
        arrivals = volumes[edge.tail.id] * edge.share
        incoming[edge.head.id].append(Incoming(edge.tail.id, edge.tail.channel, carried, arrivals))
    return incoming


def estimated_volumes(journey: Journey) -> dict[str, float]:
    """Each touchpoint's customers: its ``volume``, else those arriving along the paths into it.

    Why estimate: in a funnel the steps after a measured one see at most its
    customers; counting an unmeasured delivery step as "average" gave it more
    reach than the checkout before it. Paths are followed in journey order
    (``flow.edges``, with their shares); a loop back is not followed.

    Customers come in at the journey's first step and, because service runs
    beside the buying stages, at the first step of each service stage: each
    such step brings the average (the mean stated volume, or 1 when no
    touchpoint states one: the figures are then relative flows, and a path
    taken by 5% carries 5%), split equally between its touchpoints. Any other
    touchpoint with no earlier way in counts as average.
    """
    from journeymap import flow

    stated = [tp.volume for _, tp in journey.touchpoints() if tp.volume is not None]
    average = sum(stated) / len(stated) if stated else 1.0
    into: dict[str, list[flow.Edge]] = {}
    for edge in flow.edges(journey):
        into.setdefault(edge.head.id, []).append(edge)
    seeds = _entry_steps(journey, flow.steps(journey))
    volumes: dict[str, float] = {}
    for _, tp in journey.touchpoints():
        arriving = [volumes[e.tail.id] * e.share for e in into.get(tp.id, []) if e.tail.id in volumes]
        if tp.volume is not None:
            volumes[tp.id] = float(tp.volume)
        elif tp.id in seeds:
            volumes[tp.id] = average / seeds[tp.id]
        else:
            volumes[tp.id] = sum(arriving) if arriving else average
    return volumes


def _entry_steps(journey: Journey, groups: list[list[Touchpoint]]) -> dict[str, int]:
    """Touchpoint id -> size of its step, for the steps where customers come in: the first step of
    the journey, and the first step of each service stage."""
    stage_of = {tp.id: stage.id for stage, tp in journey.touchpoints()}
    service = {stage.id for stage in journey.stages if stage.canonical_stage == "service"}
    entries = groups[:1]
    for before, group in pairwise(groups):
        stage = stage_of[group[0].id]
        if stage in service and stage_of[before[0].id] != stage:
            entries.append(group)
    return {tp.id: len(group) for group in entries for tp in group}


def volume_weights(journey: Journey) -> dict[str, float]:
    """Estimated customers over the average (``estimated_volumes``): 1 is an average touchpoint."""
    stated = [tp.volume for _, tp in journey.touchpoints() if tp.volume is not None]
    average = sum(stated) / len(stated) if stated else 1.0
    return {tid: (v / average if average > 0 else 1.0) for tid, v in estimated_volumes(journey).items()}


def score_touchpoint(
    journey: Journey,
    stage: Stage,
    touchpoint: Touchpoint,
    config: ScoringConfig,
    persona: str | None = None,
    incoming: Iterable[Incoming] = (),
    weight_parts: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> TouchpointScore:
    """One touchpoint's score, for everyone or for ``persona``."""
    ctx = Context(journey, config.limits, persona, tuple(incoming), stage, journey.persona_weights())
    place = _Place.of(journey, stage, touchpoint, config, tuple(incoming), weight_parts[1])
    scale = Scale.of(config.weights, config.limits.one_component)
    return _scored(place, config, scale, persona, read_components(touchpoint, ctx), weight_parts)


def _scored(
    place: _Place,
    config: ScoringConfig,
    scale: Scale,
    persona: str | None,
    readings: tuple[Reading, ...],
    weight_parts: tuple[float, float, float],
) -> TouchpointScore:
    """A touchpoint's score from its components' readings."""
    score, confidence, points = combine(readings, scale)
    touchpoint = place.touchpoint
    return TouchpointScore.made(
        touchpoint_id=touchpoint.id,
        name=touchpoint.name,
        stage_id=place.stage.id,
        stage_name=place.stage.name,
        channel=touchpoint.channel,
        score=score,
        band=config.bands.band(score),
        confidence=confidence,
        readings=readings,
        points=points,
        weights=scale.weights,
        strengths=scale.strengths,
        persona=persona,
        personas=place.served,
        moment_of_truth=place.moment,
        volume=touchpoint.volume,
        moment_factor=weight_parts[0],
        volume_weight=weight_parts[1],
        reach=weight_parts[2],
    )


class Summand(Protocol):
    """What ``aggregate`` reads of a touchpoint's score (a ``TouchpointScore`` has it all)."""

    @property
    def touchpoint_id(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def points(self) -> tuple[float, ...]: ...
    @property
    def weight(self) -> float: ...


def aggregate(kind: str, group_id: str, name: str, scores: Sequence[Summand], config: ScoringConfig) -> GroupScore:
    """The ``weight``-weighted mean of touchpoint scores, with component points and confidence.

    Each score's weight is read once (a property: three factors multiplied); the sums add the same
    terms in the same order as summing over the scores, so the figures are the same to the bit.
    """
    weights = [s.weight for s in scores]
    total = sum(weights)
    scored = [(w, s) for w, s in zip(weights, scores, strict=True) if s.score is not None]
    scored_total = sum([w for w, _ in scored])
    score = sum([w * (s.score or 0.0) for w, s in scored]) / scored_total if scored_total > 0 else None
    confidence = sum([w * s.confidence for w, s in zip(weights, scores, strict=True)]) / total if total > 0 else 0.0
    components = _component_points(scored, scored_total) if scored_total > 0 else ()
    return GroupScore(
        kind=kind,
        id=group_id,
        name=name,
        score=score,
        band=config.bands.band(score),
        confidence=confidence,
        touchpoints=tuple(s.touchpoint_id for s in scores),
        components=components,
    )


def _component_points(scored: list[tuple[float, Summand]], total: float) -> tuple[tuple[str, float], ...]:
    """Each component's weighted points over ``total``, in the documented order.

    Each component's terms (weight x points) are summed with ``sum`` in touchpoint order, so the
    figures are the same to the bit whichever way the loop runs.
    """
    weights = [w for w, _ in scored]
    columns = zip(*[s.points for _, s in scored], strict=True)
    return tuple(
        (name, sum(map(mul, weights, column)) / total) for name, column in zip(COMPONENTS, columns, strict=True)
    )


def score_journey(journey: Journey, config: ScoringConfig, persona: str | None = None) -> JourneyScore:
    """Every touchpoint and every roll-up; with ``persona``, that persona's view only.

    The moves, volumes, each touchpoint's place and the readings that do not depend on the persona
    are computed once (``_Shared``) and read by every view: the journey's and each persona's.
    """
    shared = _Shared.of(journey, config)
    touchpoints = _touchpoint_scores(journey, config, persona, shared)
    by_id = {s.touchpoint_id: s for s in touchpoints}
    stages = tuple(
        aggregate("stage", st.id, st.name, [by_id[tp.id] for tp in st.touchpoints if tp.id in by_id], config)
        for st in journey.stages
    )
    by_channel: dict[str, list[TouchpointScore]] = {}
    for s in touchpoints:
        by_channel.setdefault(s.channel, []).append(s)
    channels = tuple(
        aggregate("channel", ch, _channel_name(journey, ch), scores, config) for ch, scores in by_channel.items()
    )
    overall = aggregate("journey", journey.id, journey.info.title, list(touchpoints), config)
    return JourneyScore(
        journey_id=journey.id,
        title=journey.info.title,
        overall=overall,
        touchpoints=touchpoints,
        stages=stages,
        channels=channels,
        persona=persona,
        settings=config.model_dump(mode="json"),
        persona_groups=partial(_persona_groups, journey, config, persona, touchpoints, shared),
    )


def _persona_groups(
    journey: Journey,
    config: ScoringConfig,
    persona: str | None,
    touchpoints: tuple[TouchpointScore, ...],
    shared: _Shared,
) -> tuple[GroupScore, ...]:
    """Each persona's aggregate (only ``persona``'s when given), from its own view of the journey."""
    return tuple(
        aggregate("persona", p.id, p.name, _persona_view(journey, config, p.id, persona, touchpoints, shared), config)
        for p in journey.personas
        if persona is None or p.id == persona
    )


@dataclass(slots=True)
class _Place:
    """What every view reads of one touchpoint and does not depend on the persona (read, never changed).

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, and a journey makes one
    per touchpoint."""

    stage: Stage
    touchpoint: Touchpoint
    incoming: tuple[Incoming, ...]
    factor: float  # the moment-of-truth factor
    volume: float  # the volume weight
    served: tuple[str, ...]  # the personas it serves
    moment: str | None  # the moment of truth's impact

    @classmethod
    def of(
        cls,
        journey: Journey,
        stage: Stage,
        touchpoint: Touchpoint,
        config: ScoringConfig,
        incoming: tuple[Incoming, ...],
        volume: float,
    ) -> _Place:
        moment = touchpoint.moment_of_truth.impact if touchpoint.moment_of_truth else None
        served = tuple(p.id for p in journey.personas if touchpoint.serves(p.id))
        return cls(stage, touchpoint, incoming, config.moment_of_truth.factor(moment), volume, served, moment)


@dataclass
class _Shared:
    """What every view of one journey reads: each touchpoint's place (moves into it, volume weight,
    moment of truth, personas), the components' weights, and each touchpoint's readings of the
    components that do not depend on the persona (filled by the first view).

    Why: the journey's view and one view per persona used to follow the paths and read every component
    again each (four times with three personas); only the emotion differs between them.
    """

    places: list[_Place]
    scale: Scale
    shares: dict[str, float]  # the persona shares (``Journey.persona_weights``), made once
    readings: dict[str, tuple[Reading, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, journey: Journey, config: ScoringConfig) -> _Shared:
        from journeymap import flow

        with flow.shared(journey):  # the volumes and the moves follow the same paths
            volumes = volume_weights(journey)
            incoming = incoming_transitions(journey, volumes)
        places = [
            _Place.of(journey, stage, tp, config, tuple(incoming[tp.id]), volumes[tp.id])
            for stage, tp in journey.touchpoints()
        ]
        return cls(places, Scale.of(config.weights, config.limits.one_component), journey.persona_weights())

    def read(self, touchpoint: Touchpoint, ctx: Context) -> tuple[Reading, ...]:
        """Every component's reading: the persona's own for ``PER_PERSONA``, the shared one for the rest."""
        known = self.readings.get(touchpoint.id)
        if known is None:
            known = self.readings[touchpoint.id] = read_components(touchpoint, ctx)
            return known
        own = list(known)
        for i in _PER_PERSONA_AT:
            own[i] = COMPONENT_FUNCTIONS[COMPONENTS[i]](touchpoint, ctx)
        return tuple(own)


#: Where the components that depend on the persona are in ``COMPONENTS``.
_PER_PERSONA_AT = tuple(i for i, name in enumerate(COMPONENTS) if name in PER_PERSONA)


def _touchpoint_scores(
    journey: Journey, config: ScoringConfig, persona: str | None, shared: _Shared
) -> tuple[TouchpointScore, ...]:
    """Scores with their aggregate weights; a persona view keeps that persona's touchpoints."""
    reach = _reach(journey, persona)
    result: list[TouchpointScore] = []
    for place in shared.places:
        tp = place.touchpoint
        if persona is not None and not tp.serves(persona):
            continue
        ctx = Context(journey, config.limits, persona, place.incoming, place.stage, shared.shares)
        parts = (place.factor, place.volume, reach(tp))
        result.append(_scored(place, config, shared.scale, persona, shared.read(tp, ctx), parts))
    return tuple(result)


def _persona_view(
    journey: Journey,
    config: ScoringConfig,
    persona: str,
    shown: str | None,
    touchpoints: tuple[TouchpointScore, ...],
    shared: _Shared,
) -> Sequence[Summand]:
    """The scores summed into ``persona``'s aggregate: the view shown when it is that persona's."""
    return touchpoints if persona == shown else _summands(journey, config, persona, shared)


@dataclass(slots=True)
class _Summand:
    """What ``aggregate`` reads of one touchpoint's score in a view that is only summed (``Summand``)."""

    touchpoint_id: str
    score: float | None
    confidence: float
    points: tuple[float, ...]
    weight: float


def _summands(journey: Journey, config: ScoringConfig, persona: str, shared: _Shared) -> list[_Summand]:
    """A persona's view as its aggregate reads it: each touchpoint's score, confidence, points and weight.

    The same readings (``_Shared.read``), ``combine`` and aggregate weight (``aggregate_weight``) as
    ``_touchpoint_scores``, without the ``TouchpointScore`` nobody reads: the persona views of
    ``score`` feed only their persona's aggregate (a ``--persona`` run keeps its full view).
    """
    rows: list[_Summand] = []
    for place in shared.places:
        tp = place.touchpoint
        if not tp.serves(persona):
            continue
        ctx = Context(journey, config.limits, persona, place.incoming, place.stage, shared.shares)
        score, confidence, points = combine(shared.read(tp, ctx), shared.scale)
        rows.append(_Summand(tp.id, score, confidence, points, aggregate_weight(place.factor, place.volume, 1.0)))
    return rows


def _reach(journey: Journey, persona: str | None) -> Callable[[Touchpoint], float]:
    """Share of the customers a touchpoint serves (1 in a single-persona view)."""
    if persona is not None:
        return lambda tp: 1.0
    shares = journey.persona_weights()
    everyone = sum(shares.values()) or 1.0
    return lambda tp: sum(w for pid, w in shares.items() if tp.serves(pid)) / everyone


def _channel_name(journey: Journey, channel_id: str) -> str:
    channel = journey.channel(channel_id)
    return channel.name if channel else channel_id


__all__ = [
    "Summand",
    "aggregate",
    "estimated_volumes",
    "incoming_transitions",
    "score_journey",
    "score_touchpoint",
    "volume_weights",
]
