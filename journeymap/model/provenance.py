"""The provenance of a measured metric value: source, sample size, interval, dates and trend, as classes.

Why a module of its own: these classes are needed only when a value comes from a measured snapshot
(``journeymap.measuring.evidence`` builds them), so a journey's validation does not build them at
start-up; ``Measure.measured`` holds one, and ``journeymap.model.evidence`` words it.
"""

import math
from statistics import NormalDist

from pydantic import Field

from journeymap.model.base import FrozenModel
from journeymap.model.evidence import dates_words


class SeriesPoint(FrozenModel):
    """One period's value of a measured metric (``2024-Q1``, ``2024-03``)."""

    period: str
    value: float
    n: int
    low: float | None = None
    high: float | None = None
    #: The snapshot's own flag: this period's value rests on fewer answers than a reliable estimate needs.
    small_sample: bool = False


class Provenance(FrozenModel):
    """How a metric value was measured: where from, on how many answers, how sure, over which dates."""

    snapshot: str = Field(description="the snapshot file the value was read from")
    source: str = Field(description="the source's name in the definitions")
    files: tuple[str, ...] = ()
    statistic: str = ""
    method: str = ""
    n: int = 0
    rows: int = 0
    low: float | None = None
    high: float | None = None
    confidence: float = 0.95
    since: str | None = Field(default=None, description="first day of the data the value rests on")
    until: str | None = Field(default=None, description="last day of the data the value rests on")
    small_sample: bool = False
    replaced: str | None = Field(default=None, description="the value typed in the journey, replaced by this one")
    series_by: str | None = None
    series: tuple[SeriesPoint, ...] = ()

    @property
    def interval(self) -> tuple[float, float] | None:
        return None if self.low is None or self.high is None else (self.low, self.high)

    @property
    def dates(self) -> str | None:
        """The data's date range as a message: ``2024-01-01 to 2024-12-31`` (translated where shown)."""
        return dates_words(self.since, self.until)

    @property
    def change(self) -> tuple[float, bool] | None:
        """The change from the previous period to the last, and whether it is larger than its uncertainty.

        Larger means outside ``z * sqrt(se1² + se2²)``, each standard error read back from its interval
        (half-width / z): the usual test of a difference between two independent estimates. Without
        intervals a change is never called significant.
        """
        if len(self.series) < 2:
            return None
        before, last = self.series[-2], self.series[-1]
        delta = last.value - before.value
        z = NormalDist().inv_cdf(0.5 + self.confidence / 2)
        errors = [_standard_error(p, z) for p in (before, last)]
        if any(e is None for e in errors):
            return delta, False
        spread = z * math.sqrt(sum(e * e for e in errors if e is not None))
        return delta, abs(delta) > spread


def _standard_error(point: SeriesPoint, z: float) -> float | None:
    if point.low is None or point.high is None:
        return None
    return (point.high - point.low) / (2 * z)
