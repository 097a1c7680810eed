"""Scoring configuration: weights, bands and constants, with documented defaults.

Why a pydantic model: the same object is the ``scoring:`` section a journey
file may carry, so it is validated (and described in the JSON Schema) like
every other part of the format. Every default here is written out in
docs/scoring.md; change both together.

This module imports nothing from journeymap but ``errors``: the journey model
refers to it for ``scoring:``, and importing ``journeymap.model`` from here
would be a cycle. ``FrozenModel`` below therefore repeats the model's settings.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from journeymap.errors import UsageError


class FrozenModel(BaseModel):
    """Same settings as journeymap.model.base.FrozenModel: frozen, no unknown keys, no NaN."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True)


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
    "effort": "effort (CES)",
    "emotion": "emotion",
    "satisfaction": "satisfaction vs target",
    "failure": "failure rates",
    "time": "time vs target",
    "pain_points": "pain points",
    "channel_switch": "context lost on switch",
    "handoffs": "handoffs",
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

    medium: float = Field(default=30, ge=0, le=100, description="lowest score counted as medium friction")
    high: float = Field(default=55, ge=0, le=100, description="lowest score counted as high friction")

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.medium > self.high:
            raise PydanticCustomError(
                "jm_range",
                "bands.medium ({medium}) must not be above bands.high ({high})",
                {"medium": self.medium, "high": self.high},
            )
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

    high: float = Field(default=2.0, ge=0, le=100)
    medium: float = Field(default=1.5, ge=0, le=100)
    low: float = Field(default=1.25, ge=0, le=100)

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


class ScoringConfig(FrozenModel):
    """Friction-score settings; every field has a documented default (docs/scoring.md)."""

    weights: Weights = Field(default_factory=Weights)
    bands: Bands = Field(default_factory=Bands)
    moment_of_truth: MomentWeights = Field(default_factory=MomentWeights)
    limits: Limits = Field(default_factory=Limits)

    @model_validator(mode="after")
    def _some_weight(self) -> ScoringConfig:
        if self.weights.total <= 0:
            raise PydanticCustomError("jm_range", "at least one scoring weight must be above 0")
        return self


DEFAULT_CONFIG = ScoringConfig()

#: Where project settings live, nearest first in each directory.
PROJECT_FILES = (("journeymap.toml", ("scoring",)), ("pyproject.toml", ("tool", "journeymap", "scoring")))


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


def find_project_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``journeymap.toml`` (``[scoring]``) or ``pyproject.toml`` (``[tool.journeymap.scoring]``).

    Searched from ``start`` up to the filesystem root; a pyproject.toml without
    a ``[tool.journeymap]`` table does not count. Returns the file and its
    ``scoring`` table (validated later, by ``effective_config``).
    """
    for directory in (start.resolve(), *start.resolve().parents):
        for name, keys in PROJECT_FILES:
            path = directory / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "pyproject.toml" and "journeymap" not in data.get("tool", {}):
                continue
            return path, _table(data, keys, path)
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse TOML with tomllib (Python 3.11+) or tomli; a clear error when neither exists."""
    try:
        toml = importlib.import_module("tomllib")
    except ImportError:
        try:
            toml = importlib.import_module("tomli")
        except ImportError:
            raise UsageError(f"cannot read {path}", hint="on Python 3.10, install tomli") from None
    try:
        data: dict[str, Any] = toml.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    return data


def _table(data: dict[str, Any], keys: tuple[str, ...], path: Path) -> dict[str, Any]:
    table: Any = data
    for key in keys:
        table = table.get(key, {}) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [{'.'.join(keys)}] must be a table")
    return table


def project_error(path: Path, error: ValidationError) -> str:
    """One line per problem in a project config, as ``file: scoring.weights.emotion: message``."""
    lines = [f"{path}: scoring.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
    return "\n".join(lines)


__all__ = [
    "COMPONENTS",
    "DEFAULT_CONFIG",
    "LABELS",
    "PROJECT_FILES",
    "Bands",
    "Component",
    "Limits",
    "MomentWeights",
    "ScoringConfig",
    "Weights",
    "effective_config",
    "find_project_config",
    "project_error",
]


def config_for(journey_scoring: ScoringConfig | None, project: tuple[Path, dict[str, Any]] | None) -> ScoringConfig:
    """Defaults < project settings < the journey's own ``scoring:``; bad project settings are a usage error."""
    from journeymap.errors import UsageError

    try:
        return effective_config(project[1] if project else None, journey_scoring)
    except ValidationError as error:
        where = project[0] if project else Path("scoring")
        raise UsageError(project_error(where, error), hint="see docs/scoring.md, Configuration") from None
