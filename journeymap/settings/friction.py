"""Scoring settings: weights, bands and limits, with documented defaults.

Why a pydantic model: the same object is the ``scoring:`` section a journey
file may carry and the ``[scoring]`` table of journeymap.toml, so it is
validated (and described in the JSON Schema) like every other part of the
format. Every default here is written out in docs/scoring.md; change both
together.
"""

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from journeymap.settings.base import StrictModel as FrozenModel
from journeymap.translation import N_, Msg

Component = Literal["effort", "emotion", "satisfaction", "failure", "time", "pain_points", "channel_switch", "handoffs"]
#: Components in the order they are listed in explanations and docs.
COMPONENTS: tuple[Component, ...] = (
    "effort",
    "emotion",
    "satisfaction",
    "failure",
    "time",
    "pain_points",
    "channel_switch",
    "handoffs",
)
#: Short labels for tables.
LABELS: dict[str, str] = {
    "effort": N_("effort (CES)"),
    "emotion": N_("emotion"),
    "satisfaction": N_("satisfaction vs target"),
    "failure": N_("failure rates"),
    "time": N_("time vs target"),
    "pain_points": N_("pain points"),
    "channel_switch": N_("context lost on switch"),
    "handoffs": N_("handoffs"),
}


def _weight(default: float, what: str) -> float:
    """A weight field; the description names the component for the JSON Schema."""
    result: float = Field(default=default, ge=0, le=1000, description=what)
    return result


class Weights(FrozenModel):
    """Relative weight of each component; only the ratios matter."""

    effort: float = _weight(0.15, "Customer Effort Score, scale direction respected")
    emotion: float = _weight(0.15, "emotion on the 1-5 scale")
    satisfaction: float = _weight(0.15, "CSAT and NPS against their targets")
    failure: float = _weight(0.15, "1-FCR, 1-completion, 1-containment, abandonment, error, repeat, escalation")
    time: float = _weight(0.15, "durations against their targets, late share")
    pain_points: float = _weight(0.10, "listed pain points, saturating")
    channel_switch: float = _weight(0.10, "arriving without the context carried over")
    handoffs: float = _weight(0.05, "internal handoffs, saturating")

    def of(self, component: str) -> float:
        """The weight of one component by name."""
        value: float = getattr(self, component)
        return value

    @property
    def total(self) -> float:
        return sum(self.of(c) for c in COMPONENTS)


class Bands(FrozenModel):
    """Score thresholds: below ``medium`` is low, from ``high`` up is high."""

    medium: float = Field(default=35, ge=0, le=100, description="lowest score counted as medium friction")
    high: float = Field(default=65, ge=0, le=100, description="lowest score counted as high friction")

    @model_validator(mode="after")
    def _ordered(self) -> "Bands":
        if self.medium > self.high:
            said = Msg(
                "bands.medium (%(medium)s) must not be above bands.high (%(high)s)",
                medium=self.medium,
                high=self.high,
            )
            raise PydanticCustomError("jm_range", "{message}", {"message": said})
        return self

    def band(self, score: float | None) -> str:
        """``low``, ``medium`` or ``high``; ``unknown`` when nothing could be scored."""
        if score is None:
            return "unknown"
        if score >= self.high:
            return "high"
        return "medium" if score >= self.medium else "low"


class MomentWeights(FrozenModel):
    """How much more a moment of truth counts in aggregates, by its impact."""

    high: float = Field(default=2.0, ge=0, le=100, description="priority multiplier of a high-impact moment")
    medium: float = Field(default=1.5, ge=0, le=100, description="priority multiplier of a medium-impact moment")
    low: float = Field(default=1.25, ge=0, le=100, description="priority multiplier of a low-impact moment")

    def factor(self, impact: str | None) -> float:
        """1 for an ordinary touchpoint, the impact's factor for a moment of truth."""
        return 1.0 if impact is None else float(getattr(self, impact))


class Limits(FrozenModel):
    """Where saturating components reach full friction, and default targets."""

    time_ratio: float = Field(default=3.0, gt=1, le=100, description="measured/target ratio that counts as 1")
    pain_points: int = Field(default=3, ge=1, le=100, description="pain points that count as full friction")
    handoffs: int = Field(default=3, ge=1, le=100, description="handoffs that count as full friction")
    csat_target: float = Field(default=0.85, gt=0, le=1, description="CSAT target when the touchpoint has none")
    nps_target: float = Field(default=30, gt=-100, le=100, description="NPS target when the touchpoint has none")
    one_component: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="friction the most heavily weighted component gives alone at its worst (0.6 = a score of 60)",
    )


class ScoringConfig(FrozenModel):
    """Friction-score settings; every field has a documented default (docs/scoring.md)."""

    weights: Weights = Field(default_factory=Weights, description="how much each friction component counts")
    bands: Bands = Field(default_factory=Bands, description="the scores where medium and high friction begin")
    moment_of_truth: MomentWeights = Field(
        default_factory=MomentWeights, description="how much a moment of truth raises priority, by impact"
    )
    limits: Limits = Field(
        default_factory=Limits, description="the values that count as full friction, and default targets"
    )

    @model_validator(mode="after")
    def _some_weight(self) -> "ScoringConfig":
        if self.weights.total <= 0:
            said = Msg("at least one scoring weight must be above 0")
            raise PydanticCustomError("jm_range", "{message}", {"message": said})
        return self


DEFAULT_CONFIG = ScoringConfig()


def effective_config(project: dict[str, Any] | None, own: ScoringConfig | None) -> ScoringConfig:
    """Defaults, then the project's ``scoring`` table, then the file's ``scoring:``, key by key.

    Why key by key: a journey that only sets ``bands.high`` keeps the project's weights.
    """
    merged = _deep_merge(project or {}, own.model_dump(exclude_unset=True) if own else {})
    return ScoringConfig.model_validate(merged) if merged else DEFAULT_CONFIG


def _deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        below = merged.get(key)
        merged[key] = _deep_merge(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


__all__ = [
    "COMPONENTS",
    "DEFAULT_CONFIG",
    "LABELS",
    "Bands",
    "Component",
    "Limits",
    "MomentWeights",
    "ScoringConfig",
    "Weights",
    "effective_config",
]
