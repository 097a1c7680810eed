"""Touchpoint scores and their roll-ups to stages, personas, channels and the journey.

Aggregate weight of a touchpoint ``t`` (docs/scoring.md, "Aggregates")::

    a_t = moment_of_truth_factor(t) * volume_weight(t) * reach(t)

* moment-of-truth factor: ``scoring.moment_of_truth`` by impact, 1 otherwise;
* volume weight: ``volume / mean volume`` of the journey's touchpoints that
  state one, 1 where unknown;
* reach: the share of customers (persona shares) the touchpoint serves; 1 in
  a single-persona view.

A group's score is the ``a``-weighted mean of its scored touchpoints; its
confidence the ``a``-weighted mean of all its touchpoints' confidences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from journeymap.model import Journey, Stage, Touchpoint
from journeymap.scoring.components import Context, Incoming, combine, read_components
from journeymap.scoring.results import GroupScore, JourneyScore, TouchpointScore
from journeymap.settings.friction import COMPONENTS, ScoringConfig


def incoming_transitions(journey: Journey) -> dict[str, list[Incoming]]:
    """Transitions into each touchpoint; without ``next`` the next touchpoint in order."""
    ordered = [tp for _, tp in journey.touchpoints()]
    incoming: dict[str, list[Incoming]] = {tp.id: [] for tp in ordered}
    for index, tp in enumerate(ordered):
        targets: list[tuple[str, bool | None]]
        if tp.next is None:
            targets = [(ordered[index + 1].id, None)] if index + 1 < len(ordered) else []
        else:
            targets = [(t.to, t.context_carried) for t in tp.next]
        for target, carried in targets:
            if target in incoming:
                incoming[target].append(Incoming(tp.id, tp.channel, carried))
    return incoming


def volume_weights(journey: Journey) -> dict[str, float]:
    """``volume / mean known volume``; 1 for touchpoints without a volume."""
    known = [tp.volume for _, tp in journey.touchpoints() if tp.volume is not None]
    mean = sum(known) / len(known) if known else 0.0
    return {tp.id: (tp.volume / mean if tp.volume is not None and mean > 0 else 1.0) for _, tp in journey.touchpoints()}


def score_touchpoint(
    journey: Journey,
    stage: Stage,
    touchpoint: Touchpoint,
    config: ScoringConfig,
    persona: str | None = None,
    incoming: Iterable[Incoming] = (),
    weight: float = 1.0,
) -> TouchpointScore:
    """One touchpoint's score, for everyone or for ``persona``."""
    ctx = Context(journey, config.limits, persona, tuple(incoming))
    score, confidence, contributions = combine(read_components(touchpoint, ctx), config.weights)
    served = tuple(p.id for p in journey.personas if touchpoint.serves(p.id))
    moment = touchpoint.moment_of_truth.impact if touchpoint.moment_of_truth else None
    return TouchpointScore(
        touchpoint_id=touchpoint.id,
        name=touchpoint.name,
        stage_id=stage.id,
        stage_name=stage.name,
        channel=touchpoint.channel,
        score=score,
        band=config.bands.band(score),
        confidence=confidence,
        contributions=contributions,
        persona=persona,
        personas=served,
        moment_of_truth=moment,
        volume=touchpoint.volume,
        weight=weight,
    )


def aggregate(kind: str, group_id: str, name: str, scores: list[TouchpointScore], config: ScoringConfig) -> GroupScore:
    """The ``weight``-weighted mean of touchpoint scores, with component points and confidence."""
    total = sum(s.weight for s in scores)
    scored = [s for s in scores if s.score is not None]
    scored_total = sum(s.weight for s in scored)
    score = sum(s.weight * (s.score or 0.0) for s in scored) / scored_total if scored_total > 0 else None
    confidence = sum(s.weight * s.confidence for s in scores) / total if total > 0 else 0.0
    components = tuple(
        (name_, _component_points(scored, name_, scored_total)) for name_ in COMPONENTS if scored_total > 0
    )
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


def _component_points(scores: list[TouchpointScore], component: str, total: float) -> float:
    weighted = sum(s.weight * c.points for s in scores for c in s.contributions if c.component == component)
    return weighted / total


def score_journey(journey: Journey, config: ScoringConfig, persona: str | None = None) -> JourneyScore:
    """Every touchpoint and every roll-up; with ``persona``, that persona's view only."""
    touchpoints = _touchpoint_scores(journey, config, persona)
    by_id = {s.touchpoint_id: s for s in touchpoints}
    stages = tuple(
        aggregate("stage", st.id, st.name, [by_id[tp.id] for tp in st.touchpoints if tp.id in by_id], config)
        for st in journey.stages
    )
    channels = tuple(
        aggregate("channel", ch, _channel_name(journey, ch), [s for s in touchpoints if s.channel == ch], config)
        for ch in dict.fromkeys(s.channel for s in touchpoints)
    )
    personas = tuple(
        aggregate("persona", p.id, p.name, list(_touchpoint_scores(journey, config, p.id)), config)
        for p in journey.personas
        if persona is None or p.id == persona
    )
    overall = aggregate("journey", journey.id, journey.info.title, list(touchpoints), config)
    return JourneyScore(
        journey_id=journey.id,
        title=journey.info.title,
        overall=overall,
        touchpoints=touchpoints,
        stages=stages,
        personas=personas,
        channels=channels,
        persona=persona,
        settings=config.model_dump(mode="json"),
    )


def _touchpoint_scores(journey: Journey, config: ScoringConfig, persona: str | None) -> tuple[TouchpointScore, ...]:
    """Scores with their aggregate weights; a persona view keeps that persona's touchpoints."""
    incoming = incoming_transitions(journey)
    volumes = volume_weights(journey)
    reach = _reach(journey, persona)
    return tuple(
        score_touchpoint(
            journey,
            stage,
            tp,
            config,
            persona,
            incoming[tp.id],
            config.moment_of_truth.factor(tp.moment_of_truth.impact if tp.moment_of_truth else None)
            * volumes[tp.id]
            * reach(tp),
        )
        for stage, tp in journey.touchpoints()
        if persona is None or tp.serves(persona)
    )


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
    "aggregate",
    "incoming_transitions",
    "score_journey",
    "score_touchpoint",
    "volume_weights",
]
