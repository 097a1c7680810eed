"""How sure a measured value is: its sample size, a 95% interval, and whether it meets a target.

Why pure functions on counts and sums: the engine reduces millions of rows to
a few counts (promoters, satisfied answers, n, sum of x, sum of x squared) and
every statistic below is computed from those alone, so the formulas are tested
by hand against small examples and never depend on how the data was scanned.

* NPS: normal approximation with the multinomial variance of
  promoters minus detractors, var = (p + d - (p - d)^2) / n, in NPS points.
* Shares (CSAT, FCR, abandonment, repeat contact): the Wilson score interval,
  which stays inside 0..1 and behaves at 0% and 100% and for small n.
* Means (CES, durations): Student's t interval, mean ± t(n-1) * s / sqrt(n).
* Medians and p90: a distribution-free interval between two order statistics
  x(l) and x(u), their ranks from the binomial distribution of how many
  answers fall below the true quantile (exact up to ``EXACT_RANKS_UP_TO``
  answers, its normal approximation above).
"""

from __future__ import annotations

import functools
import math
from statistics import NormalDist
from typing import NamedTuple

#: Below this many answers a value is flagged as a small sample.
MIN_SAMPLE = 30
CONFIDENCE = 0.95
#: Up to this many answers the engine returns every value of a median's or p90's group, and the ranks of its
#: interval come from the exact binomial distribution; above, from the normal approximation, in the query.
EXACT_RANKS_UP_TO = 1000


class Estimate(NamedTuple):
    """A computed value, its sample size and (when one is defined) its confidence interval."""

    value: float
    n: int
    low: float | None = None
    high: float | None = None
    method: str = ""

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.low is None or self.high is None:
            return None
        return (self.low, self.high)


def z_value(confidence: float = CONFIDENCE) -> float:
    """The two-sided normal quantile: 1.96 for 95%."""
    _check_confidence(confidence)
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def nps(promoters: int, detractors: int, n: int, confidence: float = CONFIDENCE) -> Estimate:
    """NPS = 100 (p - d) with a normal interval from var = (p + d - (p - d)^2) / n.

    Why this variance: each answer scores +1 (promoter), 0 (passive) or -1
    (detractor); the mean of those scores is p - d and their variance is
    p + d - (p - d)^2, so the standard error of NPS is 100 * sqrt(var / n).
    """
    _check_counts(n, promoters, detractors)
    if promoters + detractors > n:
        raise ValueError("promoters and detractors cannot exceed n")
    p, d = promoters / n, detractors / n
    value = 100.0 * (p - d)
    half = z_value(confidence) * 100.0 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)
    low, high = _around(value, value - half, value + half, -100.0, 100.0)
    return Estimate(value, n, low, high, "normal, var = (p + d - (p - d)^2) / n")


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> Estimate:
    """A share with its Wilson score interval (Wilson 1927).

    Why Wilson and not p ± z·sqrt(p(1-p)/n): the simple interval collapses to
    a point at 0% and 100% and leaves 0..1 for small n; Wilson's does neither.
    """
    _check_counts(n, successes)
    z = z_value(confidence)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = _around(p, centre - half, centre + half, 0.0, 1.0)
    return Estimate(p, n, low, high, "Wilson score interval")


def mean(
    n: int,
    total: float,
    sum_of_squares: float,
    confidence: float = CONFIDENCE,
    bounds: tuple[float, float] = (-math.inf, math.inf),
) -> Estimate:
    """A mean from n, sum x and sum x^2, with Student's t interval (none for n = 1).

    ``bounds`` are what the values can be (a CES scale, durations >= 0): the
    interval is clipped to them, as no mean can lie outside.
    """
    _check_counts(n)
    value = total / n
    if n == 1:
        return Estimate(value, n, None, None, "mean (no interval from one answer)")
    variance = max((sum_of_squares - total * total / n) / (n - 1), 0.0)
    half = t_quantile(0.5 + confidence / 2, n - 1) * math.sqrt(variance / n)
    low, high = _around(value, value - half, value + half, *bounds)
    return Estimate(value, n, low, high, "Student's t, mean ± t(n-1)·s/√n")


def quantile(
    value: float, n: int, q: float, approximate: bool = False, bounds: tuple[float, float] | None = None
) -> Estimate:
    """A median or p90 as computed by the engine, with the order statistics that bound it (``bounds``).

    Exact, or approximate where the backend (BigQuery, Trino) only has an approximate quantile (no
    interval then). ``bounds`` None with an exact quantile: too few answers for a distribution-free
    interval at this confidence (``quantile_ranks`` found none).
    """
    _check_counts(n)
    if approximate:
        return Estimate(value, n, None, None, f"quantile {q:g}, approximate (the backend's approx_quantile)")
    method = f"quantile {q:g}, linear interpolation between order statistics"
    if bounds is None:
        return Estimate(value, n, None, None, method + "; too few answers for a distribution-free interval")
    low, high = _around(value, bounds[0], bounds[1], -math.inf, math.inf)
    ranks = "exact binomial" if n <= EXACT_RANKS_UP_TO else "normal approximation to the binomial"
    return Estimate(value, n, low, high, f"{method}; interval between order statistics, ranks by {ranks}")


def quantile_ranks(n: int, q: float, confidence: float = CONFIDENCE) -> tuple[int, int] | None:
    """The ranks (1-based) l and u of the order statistics x(l) <= x(u) that hold the q-quantile with at
    least ``confidence``, or None when n is too small for any (e.g. a median of 5 answers at 95%).

    Why order statistics: the number of answers below the true quantile is Binomial(n, q) whatever the
    distribution, so P(x(l) <= quantile < x(u)) = P(l <= B <= u - 1) needs no assumption about the data
    (waiting times are skewed, bimodal, capped), and every engine can find x(l) and x(u) in the scan that
    computes the quantile. Up to ``EXACT_RANKS_UP_TO`` answers the binomial is summed exactly (each tail
    at most (1 - confidence) / 2); above, l = floor(nq - z sd) and u = ceil(nq + z sd + 1) with
    sd = sqrt(n q (1 - q)), clamped to 1..n: the formula the engines evaluate in their queries
    (``normal_ranks``), so Python and SQL agree to the bit.
    """
    _check_counts(n)
    if n > EXACT_RANKS_UP_TO:
        return normal_ranks(n, q, z_value(confidence))
    tail = (1 - confidence) / 2
    below = _binomial_cdf(n, q)  # below[k] = P(B <= k)
    lows = [r for r in range(1, n + 1) if below[r - 1] <= tail]
    highs = [u for u in range(1, n + 1) if 1 - below[u - 1] <= tail]
    if not lows or not highs:
        return None
    return max(lows), min(highs)


def normal_ranks(n: int, q: float, z: float) -> tuple[int, int]:
    """l = floor(nq - z sd), u = ceil(nq + z sd + 1), sd = sqrt(n * (q (1 - q))), clamped to 1..n.

    Written exactly as the queries write it (``compile``, ``ibis_engine``): the same double operations in
    the same order, so the ranks are the same on every engine.
    """
    centre = float(n) * q
    sd = math.sqrt(float(n) * (q * (1 - q)))
    return max(math.floor(centre - z * sd), 1), min(math.ceil(centre + z * sd + 1), n)


def _binomial_cdf(n: int, q: float) -> list[float]:
    """P(B <= k) for k = 0..n, B ~ Binomial(n, q), summed from log-probabilities (no overflow at n = 1000)."""
    logs = [
        math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(q) + (n - k) * math.log1p(-q)
        for k in range(n + 1)
    ]
    total, cumulative = 0.0, []
    for log in logs:
        total += math.exp(log)
        cumulative.append(min(total, 1.0))
    return cumulative


def count(rows: int) -> Estimate:
    """A volume: an exact count of rows, no interval."""
    _check_counts(max(rows, 1))
    return Estimate(float(rows), rows, None, None, "count of rows")


def is_small(n: int, min_sample: int = MIN_SAMPLE) -> bool:
    """Too few answers to lean on: flagged in snapshots and diagnostics."""
    return n < min_sample


@functools.lru_cache(maxsize=1024)
def t_quantile(probability: float, df: float) -> float:
    """The Student t quantile for ``probability`` (0.5..1) and ``df`` degrees of freedom.

    Why computed here: journeymap has no SciPy. From 30 degrees of freedom on,
    the Cornish-Fisher expansion in 1/df (Abramowitz and Stegun 26.7.5) is
    accurate to 1e-7; below, the t CDF (the regularised incomplete beta
    function) is inverted by bisection to 1e-12.
    """
    if not 0.5 <= probability < 1 or df <= 0:
        raise ValueError("t_quantile needs 0.5 <= probability < 1 and df > 0")
    if df >= 30:
        return _cornish_fisher(NormalDist().inv_cdf(probability), df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < probability:
        low, high = high, high * 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, df) < probability:
            low = middle
        else:
            high = middle
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2


def _cornish_fisher(z: float, df: float) -> float:
    """The t quantile from the normal one, to the fourth order in 1/df."""
    terms = (
        (z**3 + z) / 4,
        (5 * z**5 + 16 * z**3 + 3 * z) / 96,
        (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384,
        (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160,
    )
    return z + sum(term / df ** (power + 1) for power, term in enumerate(terms))


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) (Numerical Recipes, betacf)."""
    c, d = 1.0, _reciprocal(1 - (a + b) * x / (a + 1))
    result = d
    for m in range(1, 500):
        even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d, c = _reciprocal(1 + even * d), _nonzero(1 + even / c)
        result *= d * c
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d, c = _reciprocal(1 + odd * d), _nonzero(1 + odd / c)
        result *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return result


def _nonzero(value: float) -> float:
    return value if abs(value) > 1e-300 else 1e-300


def _reciprocal(value: float) -> float:
    return 1 / _nonzero(value)


def _around(value: float, low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    """Clip an interval to what is possible and make sure it holds the value despite rounding."""
    return max(floor, min(low, value)), min(ceiling, max(high, value))


def _check_counts(n: int, *parts: int) -> None:
    if n < 1:
        raise ValueError("a statistic needs at least one answer (n >= 1)")
    if any(part < 0 or part > n for part in parts):
        raise ValueError("counts must lie between 0 and n")


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError("confidence is a share strictly between 0 and 1, e.g. 0.95")
