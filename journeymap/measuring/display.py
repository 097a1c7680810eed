"""Measured values as people read them: 66.1% (not 0.661), 2h 4m (not 7440), NPS -12.3.

Why not ``journeymap.model.metrics``' helpers: importing the model costs a
second at start-up (see catalogue.py); these few lines follow the same rules,
and durations are written by the one formatter every output uses
(``journeymap.durations``).
"""

from __future__ import annotations

from journeymap.durations import duration_text
from journeymap.measuring.results import Result
from journeymap.measuring.stats import Estimate


def value_text(value: float, unit: str) -> str:
    """One value in its unit's usual form."""
    if unit == "percent":
        return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    if unit == "duration":
        return duration_text(value)
    if unit == "count":
        return f"{round(value):,}"
    if unit == "nps":
        return f"{value:.1f}"
    return f"{value:.2f}"


def interval_text(estimate: Estimate, unit: str) -> str:
    interval = estimate.interval
    if interval is None:
        return "-"
    return f"{value_text(interval[0], unit)} to {value_text(interval[1], unit)}"


def row(result: Result) -> list[str]:
    """A result as table cells: touchpoint, metric, value, n, 95% interval, target verdict."""
    job = result.job
    if result.figure is None:
        problems = ", ".join(p for p in result.problems if p != "withheld") or "see above"
        return [job.touchpoint, job.metric, "not computed", "-", "-", problems]
    estimate = result.figure.estimate
    small = " (small)" if result.figure.small else ""
    verdict = result.verdict.value if result.verdict else "-"
    if result.target is not None:
        verdict += f" (target {value_text(result.target, result.unit)})"
    cells = [value_text(estimate.value, result.unit), f"{estimate.n:,}{small}", interval_text(estimate, result.unit)]
    return [job.touchpoint, job.metric, *cells, verdict]
