"""What every score presenter shows: ranked rows for one ``--by``, and the explain target.

Why one view: the human, plain, Markdown and JSON presenters must agree on
ranking, ``--top`` and the "main reasons", so that choice is made once here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from journeymap import shown
from journeymap.scoring.results import Contribution, GroupScore, JourneyScore, TouchpointScore, rank_groups
from journeymap.settings.friction import LABELS
from journeymap.translation import N_, Translator, english


@dataclass(frozen=True)
class ScoreView:
    """One journey's scores as the command shows them."""

    path: str
    result: JourneyScore
    by: str = "touchpoint"
    top: int | None = None
    explain: str | None = None
    rank: str = "priority"
    #: The language and digits of the words around the scores (``--lang``, else the journey's language).
    t: Translator = field(default_factory=english)

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

    def stage_name(self, stage_id: str) -> str:
        """A touchpoint's stage as the stage strip names it (the journey's words, not its id)."""
        return self._place_names.get(("stage", stage_id), stage_id)

    def channel_name(self, channel_id: str) -> str:
        """A touchpoint's channel as ``--by channel`` names it: a built-in one in the view's language."""
        return self._place_names.get(("channel", channel_id), channel_id)

    @cached_property
    def _place_names(self) -> dict[tuple[str, str], str]:
        """Stage and channel ids -> names, made once per view (a table of 10,000 rows asks for each).

        Why names: an Arabic journey's table showed `decision` and `mobile_app` beside Arabic words;
        ids stay in the JSON, where programs read them.
        """
        names = {("stage", g.id): g.name for g in self.result.stages}
        # a built-in channel's name is in the catalog; a custom channel's (the user's words) is not
        names.update({("channel", g.id): self.t(g.name) for g in self.result.channels})
        return names


def reasons(row: TouchpointScore | GroupScore, n: int = 3) -> list[tuple[str, float]]:
    """The top components as (label, points)."""
    if isinstance(row, TouchpointScore):
        return [(c.label, c.points) for c in row.top(n)]
    return [(LABELS[c], p) for c, p in row.top(n)]


def reasons_text(row: TouchpointScore | GroupScore, n: int = 3, t: Translator | None = None) -> str:
    t = t or english()
    found = reasons(row, n)
    if not found:
        return "-"
    separator = t.context("list separator", ", ")
    return separator.join(f"{t(label)} {t.number(f'{points:.1f}')}" for label, points in found)


def score_text(score: float | None, t: Translator | None = None) -> str:
    return "-" if score is None else (t or english()).number(shown.friction_tenth(score))


def priority_text(row: TouchpointScore, t: Translator | None = None) -> str:
    return score_text(row.priority, t)


def percent(share: float, t: Translator | None = None) -> str:
    return (t or english()).number(f"{share * 100:.0f}%")


def value_text(contribution: Contribution, t: Translator | None = None) -> str:
    t = t or english()
    return t(N_("no data")) if contribution.value is None else t.number(f"{contribution.value:.3f}")


def row_name(row: TouchpointScore | GroupScore) -> tuple[str, str]:
    """(id, name) of a row."""
    if isinstance(row, TouchpointScore):
        return row.touchpoint_id, row.name
    return row.id, row.name


def strip(result: JourneyScore, t: Translator | None = None) -> list[tuple[str, str, str]]:
    """The stage heat strip: (stage name, score text, band) in journey order."""
    return [(g.name, score_text(g.score, t), g.band) for g in result.stages]


#: Friction bands as the tables show them (``high`` ... ``unknown``), translated when shown.
BANDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low"), "unknown": N_("unknown")}


def band_text(band: str, t: Translator | None = None) -> str:
    """A band word in ``t``'s language (the band itself stays the key of colours and JSON)."""
    return (t or english())(BANDS.get(band, band))


__all__ = [
    "BANDS",
    "ScoreView",
    "band_text",
    "percent",
    "priority_text",
    "reasons",
    "reasons_text",
    "row_name",
    "score_text",
    "strip",
]
