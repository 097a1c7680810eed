"""Metric values: percentages, durations and survey formulas."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from journeymap.model import Metrics
from journeymap.model.base import slugify
from journeymap.model.units import parse_duration, parse_percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [("71%", 0.71), ("0.71", 0.71), (0.71, 0.71), (71, 0.71), ("71", 0.71), (1, 1.0), ("٧١٪", 0.71), (" 5 % ", 0.05)]
    + [("4.2/5", 0.84), ("8 / 10", 0.8), ("٤/٥", 0.8)],
)
def test_percent_forms(text: object, expected: float) -> None:
    assert parse_percent(text)[0] == pytest.approx(expected)


def test_a_score_out_of_its_maximum_keeps_its_text_and_is_checked_against_the_schema() -> None:
    """`csat: 4.2/5` reads as 84% (JM213 told users to write it so), and editors accept it too."""
    import re

    from journeymap.model.units import PERCENT_PATTERN

    assert parse_percent("4.2/5") == (pytest.approx(0.84), "4.2/5")
    assert re.match(PERCENT_PATTERN, "4.2/5")
    with pytest.raises(ValueError, match="not a percentage"):
        parse_percent("4/0")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("15m", 900), ("6h", 21600), ("2d", 172800), ("1w", 604800), ("1h30m", 5400), ("PT6H", 21600)]
    + [("P2D", 172800), ("PT1H30M", 5400), ("P1DT2H", 93600), ("250ms", 0.25), ("٢h", 7200)],
)
def test_duration_forms(text: str, seconds: float) -> None:
    assert parse_duration(text)[0] == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["5", 5, "6 hours", "PT", "P", "h", "-3h", "", True])
def test_durations_need_a_unit(text: object) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
@settings(max_examples=200, derandomize=True)
def test_percent_text_round_trips(value: float) -> None:
    assert parse_percent(f"{value:.4f}%")[0] == pytest.approx(round(value, 4) / 100)


def test_nps_from_counts_uses_the_standard_formula() -> None:
    nps = Metrics.model_validate({"nps": {"promoters": 120, "passives": 50, "detractors": 30}}).nps
    assert nps is not None
    assert nps.value == pytest.approx(45.0)  # 60% promoters - 15% detractors
    assert nps.responses == 200


def test_nps_from_histogram_counts_9_and_10_as_promoters() -> None:
    histogram = [1, 0, 0, 0, 0, 0, 1, 2, 2, 3, 1]  # scores 0..10: 2 detractors, 4 passives, 4 promoters
    nps = Metrics.model_validate({"nps": {"histogram": histogram}}).nps
    assert nps is not None
    assert nps.value == pytest.approx(20.0)
    assert nps.responses == 10


def test_csat_from_histogram_is_share_of_4_and_5() -> None:
    csat = Metrics.model_validate({"csat": {"histogram": {1: 5, 2: 5, 3: 10, 4: 40, 5: 40}}}).csat
    assert csat is not None
    assert csat.value == pytest.approx(0.80)
    assert csat.responses == 100


def test_ces_from_histogram_keeps_scale_and_direction() -> None:
    data = {"histogram": [0, 0, 1, 1, 0, 0, 2], "scale": "1-7", "higher_is": "easier"}
    ces = Metrics.model_validate({"ces": data}).ces
    assert ces is not None
    assert ces.value == pytest.approx((3 + 4 + 7 * 2) / 4)
    assert (ces.scale_min, ces.scale_max, ces.higher_is) == (1, 7, "easier")


def test_histogram_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValidationError, match="lists 11 counts"):
        Metrics.model_validate({"nps": {"histogram": [1, 2, 3]}})


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Instagram ad", "instagram-ad"), ("Checkout / Payment!", "checkout-payment"), ("فَتْحُ الحساب", "فتح-الحساب")],
)
def test_default_ids_keep_the_script(name: str, slug: str) -> None:
    assert slugify(name) == slug
