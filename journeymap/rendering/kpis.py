"""Metrics as every output shows them: name, value, target and whether the target is met.

Why one module: the map (its KPI strip and metric cells), the report summary,
its metric table, its touchpoint appendix and its JSON must never disagree on
a metric's name, how its value reads or whether it met its target. Each output
only lays these rows out; the rules themselves live in the model
(``metric_title``/``metric_short_name``, ``Measure.display``, ``Journey.meets``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from journeymap.model import Journey, Measure
from journeymap.model.metrics import Metrics, metric_short_name, metric_title
from journeymap.translation import for_journey, measure_text

Status = Literal["met", "missed", "not_comparable", "no_target"]


@dataclass(frozen=True)
class MetricRow:
    """One metric, ready to show: ``met`` is None without a target or when no direction says which way is better."""

    id: str
    name: str
    title: str
    value: str
    target: str | None
    met: bool | None

    @property
    def status(self) -> Status:
        if self.target is None:
            return "no_target"
        return "not_comparable" if self.met is None else ("met" if self.met else "missed")

    @property
    def values(self) -> tuple[str, ...]:
        """The value, then the target when there is one: the parts to isolate for bidi."""
        return (self.value,) if self.target is None else (self.value, self.target)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for templates and JSON, shaped like the report's other metric rows (``metric`` is the
        compact name); ``status`` included, so templates need no logic."""
        return {
            "id": self.id,
            "metric": self.name,
            "title": self.title,
            "value": self.value,
            "target": self.target,
            "met": self.met,
            "status": self.status,
        }


def metric_row(journey: Journey, name: str, measure: Measure, target: Measure | None) -> MetricRow:
    """The one reading of a metric against its (optional) target, in the journey's language and digits
    (a custom metric's ``label`` as written)."""
    t = for_journey(journey)
    return MetricRow(
        id=name,
        name=t(metric_short_name(name, measure)),
        title=t(metric_title(name, measure)),
        value=measure_text(measure.display, measure.unit, t),
        target=None if target is None else measure_text(target.display, target.unit, t),
        met=None if target is None else journey.meets(name, measure, target),
    )


def metric_rows(journey: Journey, metrics: Metrics | None, targets: Metrics | None) -> list[MetricRow]:
    """Every metric given, in catalogue order then custom ones, each with its target from ``targets``."""
    if metrics is None:
        return []
    return [
        metric_row(journey, name, measure, targets.get(name) if targets is not None else None)
        for name, measure in metrics.items()
    ]


def journey_kpis(journey: Journey) -> list[MetricRow]:
    """The journey's own metrics (``journey.metrics`` against ``journey.targets``): the map's strip, the report's
    summary; empty when the journey has none."""
    return metric_rows(journey, journey.info.metrics, journey.info.targets)
