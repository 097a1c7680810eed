"""How a friction score is written, for every output: one rule, so no two outputs disagree.

A score is shown to a tenth (``41.5``) where outputs rank or compare (``score``,
``compare``, the report's comparison) and as a whole number (``42``) where it labels a
picture (the map, its compact view and pages, the report's tiles and tables, a docs
figure). The whole number is the tenth rounded half up, never the raw score rounded on
its own: a raw 41.48 is ``41.5`` in ``score`` and would be ``41`` on a map, which a
reader holding both would take for two different scores.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: What is shown for a score that is not known (no touchpoint with data).
UNKNOWN = "–"


def friction_tenth(score: float) -> str:
    """``41.48`` -> ``41.5``: a friction score to one decimal."""
    return f"{score:.1f}"


def friction_whole(score: float) -> str:
    """``41.48`` -> ``42``: the tenth rounded half up (``74.5`` -> ``75``, ``-0.5`` -> ``-1``)."""
    return str(Decimal(friction_tenth(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


__all__ = ["UNKNOWN", "friction_tenth", "friction_whole"]
