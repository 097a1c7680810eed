"""Measured values as people read them: 66.1% (not 0.661), 2h 4m (not 7440), NPS -12.3.

Why not ``journeymap.model.metrics``' helpers: importing the model costs a
second at start-up (see catalogue.py); these few lines follow the same rules,
and durations are written by the one formatter every output uses
(``journeymap.durations``).
"""

from __future__ import annotations

from journeymap.measuring.results import Result
from journeymap.measuring.stats import Estimate
from journeymap.shown import amount_text, amounts_text
from journeymap.translation import N_, Msg, Translator, Verbatim, english, measure_text


def value_text(value: float, unit: str) -> str:
    """One value in its unit's usual form (``journeymap.shown``: the map and the report write it so too)."""
    return amount_text(value, unit)


def interval_text(estimate: Estimate, unit: str, t: Translator | None = None) -> str:
    interval = estimate.interval
    if interval is None:
        return "-"
    low, high = amounts_text(interval, unit)
    if t is None or t.english:
        return f"{low} to {high}"
    shown = (measure_text(v, "duration" if unit == "duration" else "number", t) for v in (low, high))
    return t(Msg("%(low)s to %(high)s", low=Verbatim(next(shown)), high=Verbatim(next(shown))))


#: The table's headings, translated when shown (``measure``'s terminal language).
HEADINGS = (N_("touchpoint"), N_("metric"), N_("value"), N_("n"))


def headings(t: Translator | None = None) -> list[str]:
    """touchpoint, metric, value, n, 95% interval (the level is a number: the reader's digits).

    No target column: met, missed or inconclusive is the journey's to say, from its own ``targets:``
    (``Journey.target_status``), in validate, audit, the map and the report (decision 28).
    """
    t = t or english()
    return [*(t(h) for h in HEADINGS), t(Msg("%(level)s interval", level="95%"))]


def row(result: Result, t: Translator | None = None) -> list[str]:
    """A result as table cells: touchpoint, metric, value, n, 95% interval (or why there is no value)."""
    t = t or english()
    job = result.job
    if result.figure is None:
        problems = ", ".join(p for p in result.problems if p != "withheld") or t(N_("see above"))
        return [job.touchpoint, job.metric, t(N_("not computed")), "-", problems]
    estimate = result.figure.estimate
    small = t(N_(" (small)")) if result.figure.small else ""
    count = t.number(f"{estimate.n:,}")
    cells = [_shown(estimate.value, result.unit, t), f"{count}{small}", interval_text(estimate, result.unit, t)]
    return [job.touchpoint, job.metric, *cells]


def _shown(value: float, unit: str, t: Translator) -> str:
    """A value in ``t``'s digits and duration units (``٣٥ د``); English as ``value_text`` writes it."""
    return measure_text(value_text(value, unit), "duration" if unit == "duration" else "number", t)
