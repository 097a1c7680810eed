"""Score step: a journey -> friction scores that explain themselves.

    import journeymap
    from journeymap.scoring import score
    result = score(journeymap.read("examples/telecom-support.yaml"))
    result.ranked()[0].top()   # the worst touchpoint and why

The model (formulas, default weights, bands) is documented in docs/scoring.md.
Imports are lazy: the journey model refers to ``journeymap.settings.friction``
for its ``scoring:`` section, and an eager import here would be a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap.model import Journey
    from journeymap.scoring.results import Contribution, GroupScore, JourneyScore, TouchpointScore
    from journeymap.settings.friction import ScoringConfig

__all__ = ["Contribution", "GroupScore", "JourneyScore", "ScoringConfig", "TouchpointScore", "score"]

_LAZY = {
    "Contribution": "journeymap.scoring.results",
    "GroupScore": "journeymap.scoring.results",
    "JourneyScore": "journeymap.scoring.results",
    "TouchpointScore": "journeymap.scoring.results",
    "ScoringConfig": "journeymap.settings.friction",
}


def score(journey: Journey, config: ScoringConfig | None = None, persona: str | None = None) -> JourneyScore:
    """Score every touchpoint and roll them up; pure: no I/O, no printing.

    ``config`` is used as given; by default the journey's own ``scoring:``
    over the documented defaults (``settings.friction.effective_config`` also merges a
    project's settings). ``persona`` restricts the view to one persona.
    """
    from journeymap.scoring.aggregate import score_journey

    journey.require_persona(persona)
    from journeymap.settings.friction import effective_config

    return score_journey(journey, config or effective_config(None, journey.scoring), persona)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'journeymap.scoring' has no attribute {name!r}")
