"""A measure's target in the unit of its value, and which way is better.

Why the journey format's parsers: ``85%``, ``0.85`` and ``85`` mean the same
share, and ``2m`` is 120 seconds, here as in a journey's ``targets:`` (they
are imported only when a measure has a target: see catalogue.py).
"""

from __future__ import annotations

from typing import Literal

from journeymap.measuring.catalogue import METRICS
from journeymap.measuring.plan import Job

UNITS = {
    "nps": "nps",
    "csat": "percent",
    "ces": "effort",
    "share": "percent",
    "mean": "duration",
    "median": "duration",
    "p90": "duration",
    "count": "count",
}


def unit_of(job: Job) -> str:
    """The unit of a job's value: the catalogue's units (fractions for shares, seconds for durations)."""
    if job.kind in ("mean", "median", "p90") and job.spec.unit == "number":
        return "number"
    return UNITS[job.kind]


def target_of(job: Job) -> float | None:
    """The target as a number in the value's unit; raises PydanticCustomError when it is not one."""
    target = job.spec.target
    if target is None:
        return None
    from journeymap.model.units import parse_duration, parse_number, parse_percent

    unit = unit_of(job)
    if unit == "percent":
        return parse_percent(target)[0]
    if unit == "duration":
        return parse_duration(target)[0]
    return parse_number(target)[0]


def better_of(job: Job) -> Literal["higher", "lower"] | None:
    """Which direction is an improvement: the measure's ``better``, else the catalogue's, CES by its scale."""
    if job.spec.better:
        return job.spec.better
    if job.kind == "ces":
        return "lower" if job.spec.higher_is == "harder" else "higher"
    return METRICS[job.metric][1] if job.metric in METRICS else None
