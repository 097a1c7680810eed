"""What every score presenter shows: ranked rows for one ``--by``, and the explain target.

Why one view: the human, plain, Markdown and JSON presenters must agree on
ranking, ``--top`` and the "main reasons", so that choice is made once here.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.scoring.results import Contribution, GroupScore, JourneyScore, TouchpointScore, rank_groups
from journeymap.settings.friction import LABELS


@dataclass(frozen=True)
class ScoreView:
    """One journey's scores as the command shows them."""

    path: str
    result: JourneyScore
    by: str = "touchpoint"
    top: int | None = None
    explain: str | None = None
    rank: str = "priority"

    def rows(self) -> list[TouchpointScore | GroupScore]:
        """Ranked rows, cut to ``--top``: touchpoints by ``rank`` (priority or friction), groups by friction."""
        ranked: list[TouchpointScore | GroupScore]
        if self.by == "touchpoint":
            ranked = list(self.result.ranked(self.rank))
        else:
            groups = {"stage": self.result.stages, "persona": self.result.personas, "channel": self.result.channels}
            ranked = list(rank_groups(groups[self.by]))
        return ranked[: self.top] if self.top is not None else ranked

    def explained(self) -> TouchpointScore | None:
        return self.result.touchpoint(self.explain) if self.explain else None


def reasons(row: TouchpointScore | GroupScore, n: int = 3) -> list[tuple[str, float]]:
    """The top components as (label, points)."""
    if isinstance(row, TouchpointScore):
        return [(c.label, c.points) for c in row.top(n)]
    return [(LABELS[c], p) for c, p in row.top(n)]


def reasons_text(row: TouchpointScore | GroupScore, n: int = 3) -> str:
    found = reasons(row, n)
    return ", ".join(f"{label} {points:.1f}" for label, points in found) if found else "-"


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def priority_text(row: TouchpointScore) -> str:
    return score_text(row.priority)


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def value_text(contribution: Contribution) -> str:
    return "no data" if contribution.value is None else f"{contribution.value:.3f}"


def row_name(row: TouchpointScore | GroupScore) -> tuple[str, str]:
    """(id, name) of a row."""
    if isinstance(row, TouchpointScore):
        return row.touchpoint_id, row.name
    return row.id, row.name


def strip(result: JourneyScore) -> list[tuple[str, str, str]]:
    """The stage heat strip: (stage name, score text, band) in journey order."""
    return [(g.name, score_text(g.score), g.band) for g in result.stages]


__all__ = ["ScoreView", "percent", "priority_text", "reasons", "reasons_text", "row_name", "score_text", "strip"]
