"""The statistics: known values, and properties that hold for every sample."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.measuring import stats

counts = st.integers(min_value=1, max_value=10**6)


@st.composite
def nps_answers(draw: st.DrawFn) -> tuple[int, int, int]:
    n = draw(counts)
    promoters = draw(st.integers(0, n))
    detractors = draw(st.integers(0, n - promoters))
    return promoters, detractors, n


def test_student_t_quantiles_match_the_tables() -> None:
    table = {1: 12.7062, 2: 4.3027, 5: 2.5706, 10: 2.2281, 29: 2.0452, 30: 2.0423, 120: 1.9799}
    for df, value in table.items():
        assert stats.t_quantile(0.975, df) == pytest.approx(value, abs=1e-4)
    assert stats.t_quantile(0.995, 10) == pytest.approx(3.1693, abs=1e-4)
    assert stats.t_quantile(0.975, 10**9) == pytest.approx(1.959964, abs=1e-6)


def test_wilson_known_values() -> None:
    assert stats.wilson(4, 7).interval == pytest.approx((0.2505, 0.8418), abs=1e-4)
    assert stats.wilson(0, 10).interval == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert stats.wilson(10, 10).interval == pytest.approx((0.7225, 1.0), abs=1e-4)


def test_nps_known_value() -> None:
    # docs/format.md: 118 promoters, 96 passives, 152 detractors -> -9.3
    estimate = stats.nps(118, 152, 366)
    assert estimate.value == pytest.approx(-9.29, abs=0.01)
    p, d = 118 / 366, 152 / 366
    half = 1.959964 * 100 * math.sqrt((p + d - (p - d) ** 2) / 366)
    assert estimate.interval == pytest.approx((estimate.value - half, estimate.value + half))


def test_mean_known_value_and_one_answer() -> None:
    assert stats.mean(100, 370, 1510).value == pytest.approx(3.7)
    single = stats.mean(1, 4, 16)
    assert (single.value, single.interval) == (4, None)


@given(nps_answers())
def test_nps_lies_in_its_interval_within_minus_100_and_100(answers: tuple[int, int, int]) -> None:
    estimate = stats.nps(*answers)
    low, high = estimate.interval or (0, 0)
    assert -100 <= low <= estimate.value <= high <= 100


@given(counts, st.data())
def test_wilson_holds_the_share_and_stays_in_0_1(n: int, data: st.DataObject) -> None:
    successes = data.draw(st.integers(0, n))
    estimate = stats.wilson(successes, n)
    low, high = estimate.interval or (0, 0)
    assert 0 <= low <= estimate.value <= high <= 1


@given(nps_answers(), st.integers(2, 50))
def test_intervals_narrow_as_the_sample_grows(answers: tuple[int, int, int], factor: int) -> None:
    """The same shares from ``factor`` times the answers give a narrower (or equal) interval."""
    promoters, detractors, n = answers
    assert width(stats.wilson(promoters * factor, n * factor)) <= width(stats.wilson(promoters, n)) + 1e-12
    larger = stats.nps(promoters * factor, detractors * factor, n * factor)
    assert width(larger) <= width(stats.nps(promoters, detractors, n)) + 1e-9


@given(st.lists(st.integers(1, 7), min_size=2, max_size=200))
def test_a_mean_lies_in_its_interval_within_the_scale(answers: list[int]) -> None:
    n, total, squares = len(answers), sum(answers), sum(a * a for a in answers)
    estimate = stats.mean(n, total, squares, bounds=(1, 7))
    low, high = estimate.interval or (0, 0)
    assert 1 <= low <= estimate.value <= high <= 7
    repeated = stats.mean(n * 4, total * 4, squares * 4, bounds=(1, 7))
    assert width(repeated) <= width(estimate) + 1e-9


def width(estimate: stats.Estimate) -> float:
    low, high = estimate.interval or (estimate.value, estimate.value)
    return high - low


def test_small_samples_and_bad_input() -> None:
    assert stats.is_small(29)
    assert not stats.is_small(30)
    assert stats.is_small(99, min_sample=100)
    with pytest.raises(ValueError, match="at least one answer"):
        stats.wilson(1, 0)
    with pytest.raises(ValueError, match="cannot exceed n"):
        stats.nps(3, 3, 5)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        stats.z_value(1.5)
