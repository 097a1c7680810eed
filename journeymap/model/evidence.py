"""Where a measured metric value came from: source, sample size, interval, date range and trend.

Why in the model: a value overlaid from ``<journey>.measured.json`` (see
``journeymap.measuring.evidence``) travels with its provenance, so every
output (audit, score, map, report, JSON) reads the same n, interval and
trend from the value itself, and nothing recomputes them.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.shown import amount_text, amounts_text
from journeymap.translation import Formula, Joined, Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.model.metrics import Measure
    from journeymap.model.provenance import Provenance as Provenance
    from journeymap.model.provenance import SeriesPoint as SeriesPoint

#: Eight heights of a trend line, lowest first: Unicode block elements, drawn by every font journeymap ships
#: with maps, the same in SVG, PNG and PDF, and never mirrored in right-to-left text.
SPARK = "▁▂▃▄▅▆▇█"


#: The snapshot beside a journey: ``checkout.yaml`` -> ``checkout.measured.json``.
SNAPSHOT_SUFFIX = ".measured.json"


def __getattr__(name: str) -> Any:
    """``Provenance`` and ``SeriesPoint`` from ``journeymap.model.provenance``, built when first asked for.

    Why not imported here: their pydantic classes are only needed once a measured snapshot is read,
    and building them cost every small ``validate`` a tenth of the journey model's start-up.
    """
    if name in ("Provenance", "SeriesPoint"):
        from journeymap.model import provenance

        return getattr(provenance, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def snapshot_beside(journey_path: str) -> Path | None:
    """The journey's measured snapshot when that file exists; None for stdin or when there is none.

    The one rule for where a journey's measured values are (``journeymap measure`` writes them there).
    """
    if journey_path in ("-", "<stdin>") or not journey_path.lower().endswith((".yaml", ".yml")):
        return None
    path = Path(os.path.splitext(journey_path)[0] + SNAPSHOT_SUFFIX)
    return path if path.is_file() else None


def sparkline(values: list[float]) -> str:
    """Values as a line of block characters, lowest ▁ to highest █ (flat data: a flat middle line)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high - low <= 1e-12:
        return SPARK[3] * len(values)
    return "".join(SPARK[round((v - low) / (high - low) * (len(SPARK) - 1))] for v in values)


def change_text(delta: float, unit: str, grouped: bool = True) -> str:
    """A signed change in the unit's terms: ``+20 pts`` for shares (points, never a relative %), ``-1m 5s``.

    ``grouped``: a count's thousands separated (``-9,600``), as ``shown.amount_text`` writes them.
    """
    if unit == "percent":
        return _signed(delta, unit) + " pts"
    return _signed(delta, unit, grouped)


def _signed(delta: float, unit: str, grouped: bool = True) -> str:
    """A change's number with its sign first: ``+20``, ``-5.2`` (shares in points), ``-1m 5s``."""
    sign = "+" if delta >= 0 else "-"
    if unit == "percent":
        return sign + f"{abs(delta) * 100:.1f}".rstrip("0").rstrip(".")
    return sign + amount_text(abs(delta), unit, grouped)


def count_text(n: int) -> str:
    """A sample size in few characters: 98, 1.2k, 20k, 3.4M."""
    if n < 1000:
        return str(n)
    if n < 1_000_000:
        return f"{n / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"


# -- what every output shows of a measured value: messages, translated where they are shown ----------------
#
# Why messages built here: the map, the report, the PDF, the compact view and the audit and score texts all
# show these lines; each builds them with these functions and translates them with the journey's (or the
# reader's) translator, so an Arabic output reads ``من ٥٤٫٥٪ إلى ٦٩٫٤٪، ن=١٦٠`` everywhere and no English
# word or Latin digit is left in one of them.


def dates_words(since: str | None, until: str | None) -> Msg | None:
    """``2024-01-01 to 2024-12-31``: a date range, its dates in the reader's digits; None without dates."""
    if since is None and until is None:
        return None
    return Msg("%(since)s to %(until)s", since=Formula(since or "…"), until=Formula(until or "…"))


def interval_text(low: float, high: float, unit: str) -> Msg:
    """``54.5% to 69.4%``: an interval as its two ends, with the same precision.

    Why both ends and never ``±``: a share's interval is asymmetric (Wilson), so ``±7.5%`` around 62% hides
    that it runs from 54.5% to 69.4%; the ends are what a reader compares with a target.
    """
    first, last = amounts_text((low, high), unit)
    return Msg("%(low)s to %(high)s", low=first, high=last)


def evidence_words(measure: "Measure") -> Joined | None:
    """The compact provenance under a measured value: ``54.5% to 69.4% · n=160`` (``· small sample``)."""
    evidence = measure.measured
    if evidence is None:
        return None
    parts: list[str] = []
    if evidence.interval is not None:
        parts.append(interval_text(*evidence.interval, measure.unit))
    parts.append(sample_size(evidence.n))
    if evidence.small_sample:
        parts.append(Msg("small sample"))
    return Joined(" · ", parts)


def change_words(delta: float, unit: str, significant: bool) -> Msg:
    """The last change, ``▲+17.6 pts`` when larger than its uncertainty (``Provenance.change``), else ``+3 pts``."""
    mark = ("▲" if delta > 0 else "▼") if significant else ""
    if unit == "percent":
        return Msg("%(mark)s%(change)s pts", mark=Verbatim(mark), change=_signed(delta, unit))
    return Msg("%(mark)s%(change)s", mark=Verbatim(mark), change=_signed(delta, unit))


def trend_words(measure: "Measure") -> Msg | None:
    """The trend line and the last change: ``▃▂▁▅ ▲+10.7 pts``; None with fewer than two periods."""
    evidence = measure.measured
    if evidence is None or len(evidence.series) < 2:
        return None
    line = Verbatim(sparkline([p.value for p in evidence.series]))
    change = evidence.change
    assert change is not None  # two periods or more always have a change
    return Msg("%(line)s %(change)s", line=line, change=change_words(change[0], measure.unit, change[1]))


def periods_words(measure: "Measure") -> Joined | None:
    """Which periods the trend line covers, and which of them rest on a small sample:
    ``2024-01 … 2024-12 · small sample: 2024-03, 2024-11``; None with fewer than two periods."""
    evidence = measure.measured
    if evidence is None or len(evidence.series) < 2:
        return None
    first, last = evidence.series[0].period, evidence.series[-1].period
    parts: list[str] = [Msg("%(first)s … %(last)s", first=Formula(first), last=Formula(last))]
    small = [Formula(p.period) for p in evidence.series if p.small_sample]
    if small:
        parts.append(Msg("small sample: %(periods)s", periods=Joined(", ", small)))
    return Joined(" · ", parts)


def evidence_text(measure: "Measure") -> str | None:
    """The compact provenance beside a measured value, in English: ``54.5% to 69.4% · n=160``."""
    return evidence_words(measure)


def trend_text(measure: "Measure") -> str | None:
    """The trend line and the last change, in English: ``▃▂▁▅ ▲+10.7 pts``."""
    return trend_words(measure)


def citation(measure: "Measure") -> str | None:
    """The full provenance in words, for explanations: source, n, interval, dates, method.

    Why messages: the citation sits inside findings and explanations of Arabic journeys, so each part
    is translated (and its numbers written in the reader's digits) where they are shown.
    """
    evidence = measure.measured
    if evidence is None:
        return None
    parts: list[str] = [Msg("measured from %(source)s", source=Verbatim(evidence.source)), sample_size(evidence.n)]
    if evidence.interval is not None:
        parts.append(interval_words(evidence, measure.unit))
    dates = dates_words(evidence.since, evidence.until)
    if dates is not None:
        parts.append(dates)
    if evidence.small_sample:
        parts.append(Msg("small sample"))
    if evidence.replaced:
        # a value as the journey's reader writes it (``45.6% (n=250)`` in Arabic digits), not verbatim
        parts.append(Msg("replaces %(value)s typed in the journey", value=evidence.replaced))
    return Joined(", ", parts)


def sample_size(n: int) -> Msg:
    """``n=100``, in the reader's letter and digits."""
    return Msg("n=%(n)s", n=n)


def interval_words(evidence: "Provenance", unit: str) -> Msg:
    """``95% 21.9% to 39.6%``: the confidence level and the interval's ends, each in the reader's digits."""
    assert evidence.interval is not None
    low, high = amounts_text(evidence.interval, unit)
    return Msg("%(level)s %(low)s to %(high)s", level=f"{evidence.confidence * 100:g}%", low=low, high=high)


def cited(measure: "Measure") -> str:
    """A value as an explanation cites it: as written, plus its provenance when measured.

    ``30% [measured from surveys, n=100, 95% 21.9% to 39.6%, 2024-01-15 to 2024-06-15]``.
    """
    found = citation(measure)
    return measure.text if found is None else Msg("%(value)s [%(citation)s]", value=measure.text, citation=found)


def cited_value(measure: "Measure") -> str:
    """A value as every finding cites it: a measured one with its n and interval
    (``42% (n=317, 95% 36.7% to 47.5%)``), a typed one as displayed (``42%``).

    Why one place: a CSAT of 70% from 12 answers and one from 5,000 read the same without them; the
    words are this module's, as the map and the report write them; audit findings and compare cite it.
    """
    evidence = measure.measured
    if evidence is None:
        return measure.display
    parts: list[str] = [sample_size(evidence.n)]
    if evidence.interval is not None:
        parts.append(interval_words(evidence, measure.unit))
    return Msg("%(value)s (%(evidence)s)", value=measure.display, evidence=Joined(", ", parts))
