"""Build small journeys from plain inputs, the way a user would write them."""

from __future__ import annotations

from typing import Any

from journeymap.model import Journey
from journeymap.scoring import score
from journeymap.scoring.results import TouchpointScore
from journeymap.settings.friction import ScoringConfig

#: Every input the touchpoint model reads, at its best and at its worst.
BEST: dict[str, Any] = {
    "ces": 7.0,
    "emotion": 5.0,
    "csat": 1.0,
    "nps": 100.0,
    "fcr": 1.0,
    "completion_rate": 1.0,
    "containment_rate": 1.0,
    "abandonment_rate": 0.0,
    "error_rate": 0.0,
    "repeat_contact_rate": 0.0,
    "escalation_rate": 0.0,
    "waiting_time": 60,
    "on_time_rate": 1.0,
    "sla_compliance": 1.0,
    "pain_points": 0,
    "handoffs": 0,
    "context_carried": True,
}
WORST: dict[str, Any] = {
    "ces": 1.0,
    "emotion": 1.0,
    "csat": 0.0,
    "nps": -100.0,
    "fcr": 0.0,
    "completion_rate": 0.0,
    "containment_rate": 0.0,
    "abandonment_rate": 1.0,
    "error_rate": 1.0,
    "repeat_contact_rate": 1.0,
    "escalation_rate": 1.0,
    "waiting_time": 600,
    "on_time_rate": 0.0,
    "sla_compliance": 0.0,
    "pain_points": 3,
    "handoffs": 3,
    "context_carried": False,
}
#: Inputs where a higher value is better (the rest: lower is better; context: True is better).
HIGHER_IS_BETTER = frozenset(
    {"ces", "emotion", "csat", "nps", "fcr", "completion_rate", "containment_rate", "on_time_rate", "sla_compliance"}
)
#: Target for waiting_time, in seconds.
WAITING_TARGET = 200
_METRICS = tuple(k for k in BEST if k not in ("emotion", "pain_points", "handoffs", "context_carried"))


def journey_data(inputs: dict[str, Any]) -> dict[str, Any]:
    """A journey whose touchpoint ``tp`` has exactly ``inputs`` (missing keys are not written)."""
    metrics = {k: _metric(k, v) for k, v in inputs.items() if k in _METRICS and v is not None}
    tp: dict[str, Any] = {"id": "tp", "name": "Touchpoint", "channel": "phone", "metrics": metrics}
    if "waiting_time" in metrics:
        tp["targets"] = {"waiting_time": f"{WAITING_TARGET}s"}
    if inputs.get("emotion") is not None:
        tp["emotion"] = inputs["emotion"]
    if inputs.get("pain_points") is not None:
        tp["pain_points"] = [f"pain {i}" for i in range(inputs["pain_points"])]
    if inputs.get("handoffs") is not None:
        tp["handoffs"] = inputs["handoffs"]
    before: dict[str, Any] = {"id": "before", "name": "Before", "channel": "live_chat"}
    before["next"] = [{"to": "tp", "context_carried": inputs.get("context_carried")}]
    return {
        "version": 1,
        "journey": {"title": "Property"},
        "personas": [{"id": "pat", "name": "Pat"}],
        "stages": [{"id": "service", "name": "Service", "touchpoints": [before, tp]}],
    }


def _metric(name: str, value: Any) -> Any:
    return f"{int(value)}s" if name == "waiting_time" else value


def score_inputs(inputs: dict[str, Any], config: ScoringConfig | None = None) -> TouchpointScore:
    """The score of touchpoint ``tp`` built from ``inputs``."""
    journey = Journey.model_validate(journey_data(inputs))
    result = score(journey, config)
    found = result.touchpoint("tp")
    assert found is not None
    return found
