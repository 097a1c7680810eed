"""Metrics as every output shows them: name, value, target and whether the target is met.

Why one module: the map (its KPI strip and metric cells), the report summary,
its metric table, its touchpoint appendix and its JSON must never disagree on
a metric's name, how its value reads or whether it met its target. Each output
only lays these rows out; the rules themselves live in the model
(``metric_title``/``metric_short_name``, ``Measure.display``, ``Journey.meets``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from journeymap.model import Journey, Measure
from journeymap.model.evidence import (
    change_text,
    citation,
    dates_words,
    evidence_words,
    periods_words,
    trend_words,
)
from journeymap.model.metrics import Metrics, metric_short_name, metric_title
from journeymap.shown import amount_text, amounts_text
from journeymap.translation import Joined, Numerals, Translator, measure_text, translate, translator

Status = Literal["met", "missed", "inconclusive", "not_comparable", "no_target"]


@dataclass(frozen=True)
class MetricRow:
    """One metric, ready to show: ``met`` is None without a target or when no direction says which way is better."""

    id: str
    name: str
    title: str
    value: str
    target: str | None
    met: bool | None
    #: ``Journey.target_status``: met, missed, inconclusive (a measured interval straddles the target), or None.
    verdict: Literal["met", "missed", "inconclusive"] | None = None
    #: A measured value's compact provenance (``36.7% to 47.5% · n=317``), and its trend: the line per period
    #: with the last change, then which periods it covers (``▁▃▅ ▲+9 pts · 2024-Q1 … 2024-Q4``), in the
    #: journey's language; ``trend_lines`` holds the same two parts for outputs that draw them as lines.
    evidence: str | None = None
    trend: str | None = None
    trend_lines: tuple[str, ...] = ()
    provenance: dict[str, Any] | None = None
    #: The provenance in words (``measured from surveys, n=317, 95% 36.7% to 47.5%, 2024-01-01 to ...``).
    citation: str | None = None

    @property
    def status(self) -> Status:
        if self.target is None:
            return "no_target"
        if self.verdict == "inconclusive":
            return "inconclusive"
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
            "evidence": self.evidence,
            "trend": self.trend,
            "measured": self.provenance,
        }


def translator_of(journey: Journey) -> Translator:
    """The journey's translator (``translation.for_journey``: its language, in its numerals), made once per
    language and numerals.

    Why: a map asks for it for every metric, emotion word and number it writes (11,000 times at 1,000
    touchpoints), and making it is a dozen string operations and two catalogue look-ups each time.
    """
    return _translator(journey.info.language, journey.info.numerals)


@lru_cache(maxsize=16)
def _translator(language: str, numerals: Numerals | None) -> Translator:
    return translator(language, numerals)


def metric_row(journey: Journey, name: str, measure: Measure, target: Measure | None) -> MetricRow:
    """The one reading of a metric against its (optional) target, with a measured value's provenance, in the
    journey's language and digits (a custom metric's ``label`` as written)."""
    t = translator_of(journey)
    return MetricRow(
        id=name,
        name=t(metric_short_name(name, measure)),
        title=t(metric_title(name, measure)),
        value=measure_text(measure.display, measure.unit, t),
        target=None if target is None else measure_text(target.display, target.unit, t),
        met=None if target is None else journey.meets(name, measure, target),
        verdict=None if target is None else journey.target_status(name, measure, target),
        evidence=shown(evidence_words(measure), t),
        trend=t(Joined(" · ", lines)) if (lines := trend_lines(measure, t)) else None,
        trend_lines=lines,
        provenance=provenance_data(measure),
        citation=None if (cites := citation(measure)) is None else translate(cites, t),
    )


def shown(message: str | None, t: Translator) -> str | None:
    """A measured value's words in ``t``'s language and digits (None stays None)."""
    return None if message is None else translate(message, t)


def trend_lines(measure: Measure, t: Translator) -> tuple[str, ...]:
    """A measured value's trend as every output shows it: the line with its last change, then its periods
    (first … last, and those resting on a small sample); empty without a series."""
    found = (shown(trend_words(measure), t), shown(periods_words(measure), t))
    return tuple(line for line in found if line)


def provenance_data(measure: Measure) -> dict[str, Any] | None:
    """A measured value's provenance as plain data (JSON, templates); None for a typed value."""
    evidence = measure.measured
    if evidence is None:
        return None
    change = evidence.change
    return {
        "source": evidence.source,
        "files": list(evidence.files),
        "snapshot": evidence.snapshot,
        "n": evidence.n,
        "interval": list(amounts_text(evidence.interval, measure.unit)) if evidence.interval else None,
        "confidence": evidence.confidence,
        "since": evidence.since,
        "until": evidence.until,
        "small_sample": evidence.small_sample,
        "replaced": evidence.replaced,
        "series": [
            {"period": p.period, "value": amount_text(p.value, measure.unit), "n": p.n, "small_sample": p.small_sample}
            for p in evidence.series
        ],
        "citation": citation(measure),
        "change": None if change is None else {"by": change_text(change[0], measure.unit), "significant": change[1]},
    }


def target_tally(rows: list[MetricRow]) -> dict[str, int]:
    """How many of ``rows`` met, missed, or could not decide their target (``Journey.target_status``, read once
    in ``metric_row``): the counts every summary shows, so an inconclusive target is never left out."""
    tally = dict.fromkeys(("met", "missed", "inconclusive"), 0)
    for row in rows:
        if row.status in tally:
            tally[row.status] += 1
    return tally


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


def data_range(journey: Journey) -> tuple[str, str] | None:
    """The first and last day of the data behind the journey's measured values (map title, report header).

    None when nothing is measured, or no measured value knows its dates.
    """
    starts, ends = [], []
    for _, tp in journey.touchpoints():
        for _, measure in tp.metrics.items():
            evidence = measure.measured
            if evidence is not None:
                starts += [evidence.since] if evidence.since else []
                ends += [evidence.until] if evidence.until else []
    if not starts and not ends:
        return None
    return (min(starts) if starts else "…", max(ends) if ends else "…")


def data_range_text(journey: Journey, t: Translator | None = None) -> str | None:
    """``2024-01-01 to 2024-12-31``: the data's date range as every output writes it, in the journey's language
    and digits (``t``, by default the journey's translator)."""
    found = data_range(journey)
    return None if found is None else shown(dates_words(*found), t or translator_of(journey))
