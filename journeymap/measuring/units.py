"""The unit of a measure's value: how the snapshot, the table and the journey read it.

(Targets are the journey's own ``targets:``, decision 28: a measure has none.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap.measuring.plan import Job

#: What each kind of measure yields, in the units of journeymap's metric catalogue.
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
