"""Scores as stable, versioned JSON (shape documented in docs/scoring.md).

Shape::

    {"schema_version": 1, "tool": {"name", "version"}, "by", "persona", "top",
     "journeys": [{"path", "id", "title", "journey": <group>, "stages": [<group>],
                   "rows": [<touchpoint or group> + "rank"], "explain": <touchpoint> | null,
                   "settings": {...}}]}

Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import json_text
from journeymap.formats.score_view import ScoreView

SCHEMA_VERSION = 2


def _journey(view: ScoreView) -> dict[str, Any]:
    explained = view.explained()
    return {
        "path": view.path,
        "id": view.result.journey_id,
        "title": view.result.title,
        "journey": view.result.overall.as_dict(),
        "stages": [g.as_dict() for g in view.result.stages],
        "rows": [{"rank": i, **row.as_dict()} for i, row in enumerate(view.rows(), start=1)],
        "explain": explained.as_dict() if explained else None,
        "settings": view.result.settings,
    }


def format_scores(views: Sequence[ScoreView], version: str) -> str:
    """The whole run as one JSON document."""
    first = views[0] if views else None
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "by": first.by if first else "touchpoint",
        "rank": first.rank if first else "priority",
        "persona": first.result.persona if first else None,
        "top": first.top if first else None,
        "journeys": [_journey(v) for v in views],
    }
    return json_text.dumps(document)


__all__ = ["SCHEMA_VERSION", "format_scores"]
