"""Score results: plain frozen dataclasses that explain themselves.

Why dataclasses and not pydantic: results are built by our own code from a
validated journey, never parsed from user input, so they need no validation;
``as_dict`` gives the stable JSON shape (docs/scoring.md, "JSON output").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from journeymap.settings.friction import COMPONENTS, LABELS

if TYPE_CHECKING:
    from journeymap.scoring.components import Reading


@dataclass(frozen=True)
class Contribution:
    """One component's part in a score.

    ``value`` is the normalised friction 0..1 (None: no data, excluded),
    ``strength`` how much of the friction it can give alone at its worst
    (from its weight), ``points`` its share of the 0-100 score, so the points
    of a score's contributions add up to the score. The value, inputs and
    note are the component's ``Reading``'s (its words made when first read).
    """

    component: str
    weight: float
    points: float
    strength: float
    reading: Reading = field(repr=False)

    @property
    def label(self) -> str:
        return LABELS[self.component]

    @property
    def value(self) -> float | None:
        return self.reading.value

    @property
    def applicable(self) -> bool:
        return self.reading.applicable

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.reading.inputs

    @property
    def note(self) -> str:
        return self.reading.note

    @property
    def available(self) -> bool:
        return self.value is not None

    def as_dict(self) -> dict[str, Any]:
        return _contribution(self.component, self.weight, self.points, self.strength, self.reading)


def _contribution(component: str, weight: float, points: float, strength: float, reading: Reading) -> dict[str, Any]:
    """A contribution's JSON (docs/scoring.md), from its parts: a touchpoint's JSON needs no ``Contribution``.

    The words are given as plain ``str``: they are messages (``Msg``, a ``str`` that remembers how to
    translate it), and the JSON writer takes about ten times longer over a subclass of ``str`` than over
    a ``str`` (0.3 s of the 10,000-touchpoint document). The text is the same.
    """
    value = reading.value
    inputs, note = reading.words
    return {
        "component": component,
        "label": LABELS[component],
        "value": None if value is None else round(value, 4),
        "weight": weight,
        "strength": round(strength, 4),
        "points": round(points, 2),
        "inputs": [str(said) for said in inputs],
        "note": str(note),
        "applicable": reading.applicable,
    }


def aggregate_weight(moment_factor: float, volume_weight: float, reach: float) -> float:
    """A touchpoint's weight in its aggregates: moment-of-truth factor x volume weight x reach (docs/scoring.md)."""
    return moment_factor * volume_weight * reach


@dataclass(frozen=True)
class TouchpointScore:
    """A touchpoint's friction, for everyone or for one persona.

    ``readings``, ``points``, ``weights`` and ``strengths`` are per component in the documented
    order (``settings.friction.COMPONENTS``); ``contributions`` puts them together when first asked.
    Why not contributions up front: a journey is scored for everyone and once per persona, and the
    persona views are only summed into their persona's aggregate.
    """

    touchpoint_id: str
    name: str
    stage_id: str
    stage_name: str
    channel: str
    score: float | None
    band: str
    confidence: float
    readings: tuple[Reading, ...] = field(repr=False)
    points: tuple[float, ...]
    weights: tuple[float, ...] = field(repr=False)
    strengths: tuple[float, ...] = field(repr=False)
    persona: str | None = None
    personas: tuple[str, ...] = ()
    moment_of_truth: str | None = None
    volume: int | None = None
    moment_factor: float = 1.0
    volume_weight: float = 1.0
    reach: float = 1.0

    @classmethod
    def made(cls, **values: Any) -> TouchpointScore:
        """``cls(**fields)`` given every field: the same object (equal, same hash and repr), made faster.

        Why: a frozen dataclass's ``__init__`` sets each of its 19 fields through ``object.__setattr__``
        (5 us of each of a big journey's 10,000 scores); filling the new object's dictionary at once
        takes 2 us. Scoring gives every field, so no default is skipped.
        """
        if values.keys() != _TOUCHPOINT_FIELDS:
            raise TypeError(f"TouchpointScore.made takes every field and no other: {sorted(values)}")
        made = object.__new__(cls)
        made.__dict__.update(values)
        return made

    @cached_property
    def contributions(self) -> tuple[Contribution, ...]:
        """Each component's part, in the documented order."""
        return tuple(
            Contribution(name, weight, points, strength, reading)
            for name, weight, points, strength, reading in zip(
                COMPONENTS, self.weights, self.points, self.strengths, self.readings, strict=True
            )
        )

    @property
    def weight(self) -> float:
        """The aggregate weight: moment-of-truth factor x volume weight x reach (docs/scoring.md)."""
        return aggregate_weight(self.moment_factor, self.volume_weight, self.reach)

    @property
    def priority(self) -> float | None:
        """What fixing this touchpoint is worth: friction x confidence x aggregate weight.

        The aggregate weight is reach (persona share, volume against the
        journey's mean) times the moment-of-truth factor, so 1 is an ordinary
        touchpoint of average reach: its priority is the friction its
        evidence vouches for. Weak evidence (one emotion) no longer outranks
        a measured, high-volume moment of truth.
        """
        return None if self.score is None else self.score * self.confidence * self.weight

    def top(self, n: int = 3) -> list[Contribution]:
        """The components that add the most points, largest first (ties in listed order)."""
        ranked = sorted((c for c in self.contributions if c.points > 0), key=lambda c: -c.points)
        return ranked[:n]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "touchpoint",
            "id": self.touchpoint_id,
            "name": self.name,
            "stage": self.stage_id,
            "channel": self.channel,
            "persona": self.persona,
            "personas": list(self.personas),
            "score": _round(self.score, 1),
            "band": self.band,
            "confidence": round(self.confidence, 3),
            "priority": _round(self.priority, 1),
            "moment_of_truth": self.moment_of_truth,
            "volume": self.volume,
            "weight": round(self.weight, 4),
            "weight_parts": {
                "moment_of_truth": self.moment_factor,
                "volume": round(self.volume_weight, 4),
                "reach": round(self.reach, 4),
            },
            "contributions": list(
                map(_contribution, COMPONENTS, self.weights, self.points, self.strengths, self.readings)
            ),
        }


#: A touchpoint score's fields.
_TOUCHPOINT_FIELDS = frozenset(f.name for f in fields(TouchpointScore))


@dataclass(frozen=True)
class GroupScore:
    """A stage, persona, channel or the whole journey: an aggregate of touchpoints."""

    kind: str
    id: str
    name: str
    score: float | None
    band: str
    confidence: float
    touchpoints: tuple[str, ...]
    components: tuple[tuple[str, float], ...] = ()

    def top(self, n: int = 3) -> list[tuple[str, float]]:
        """Components adding the most points to the aggregate, largest first."""
        return sorted((c for c in self.components if c[1] > 0), key=lambda c: -c[1])[:n]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "score": _round(self.score, 1),
            "band": self.band,
            "confidence": round(self.confidence, 3),
            "touchpoints": list(self.touchpoints),
            "components": [{"component": c, "points": round(p, 2)} for c, p in self.components],
        }


@dataclass(frozen=True)
class JourneyScore:
    """Every score for one journey: touchpoints, roll-ups and the journey itself.

    ``personas`` (each persona's aggregate) is computed when first read, by ``persona_groups``.
    Why: each persona's aggregate sums that persona's own view of every touchpoint it meets (a
    sixth of scoring a big journey with three personas), and most outputs never show it: ``score``
    shows it with ``--by persona``, the report in its portfolio. It is the same whenever it is read.
    """

    journey_id: str
    title: str
    overall: GroupScore
    touchpoints: tuple[TouchpointScore, ...]
    stages: tuple[GroupScore, ...]
    channels: tuple[GroupScore, ...]
    persona: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    persona_groups: Callable[[], tuple[GroupScore, ...]] = field(default=tuple, repr=False, compare=False)

    @cached_property
    def personas(self) -> tuple[GroupScore, ...]:
        """Each persona's aggregate (only the viewed persona's in a ``--persona`` view)."""
        return self.persona_groups()

    def touchpoint(self, touchpoint_id: str) -> TouchpointScore | None:
        return self._by_id.get(touchpoint_id)

    @cached_property
    def _by_id(self) -> dict[str, TouchpointScore]:
        """The touchpoints by id, built on first use: a report asks once per touchpoint, and a search each
        time made that quadratic. The first score of an id wins, as the search's did."""
        found: dict[str, TouchpointScore] = {}
        for t in self.touchpoints:
            found.setdefault(t.touchpoint_id, t)
        return found

    def ranked(self, by: str = "priority") -> list[TouchpointScore]:
        """Touchpoints by ``priority`` (default) or ``friction``, highest first; unscored ones last."""
        if by == "friction":
            return sorted(self.touchpoints, key=lambda t: (t.score is None, -(t.score or 0.0)))
        return sorted(self.touchpoints, key=lambda t: (t.priority is None, -(t.priority or 0.0), -(t.score or 0.0)))


def rank_groups(groups: tuple[GroupScore, ...]) -> list[GroupScore]:
    """Groups by score, highest friction first; unscored ones last."""
    return sorted(groups, key=lambda g: (g.score is None, -(g.score or 0.0)))


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


__all__ = ["Contribution", "GroupScore", "JourneyScore", "TouchpointScore", "aggregate_weight", "rank_groups"]
