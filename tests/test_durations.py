"""One duration formatter for every output: the precision rule by magnitude, and text that reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.durations import duration_text
from journeymap.measuring.display import value_text
from journeymap.model.evidence import amount_text, change_text
from journeymap.model.metrics import human_duration
from journeymap.model.units import parse_duration


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (0.25, "0.25s"),
        (0.0534, "0.053s"),
        (0.0012, "0.001s"),  # durations are measured to the millisecond
        (0.0004, "0s"),
        (5, "5s"),
        (5.3, "5.3s"),
        (5.04, "5s"),
        (9.96, "10s"),
        (45.4, "45s"),
        (59.6, "1m"),
        (60, "1m"),
        (344, "5m 44s"),
        (3600, "1h"),
        (3605, "1h"),  # rounded to the minute: never "1h 5s", which skips the minutes
        (3690, "1h 2m"),
        (7440, "2h 4m"),
        (7499, "2h 5m"),  # rounded, not cut: 2h 4m 59s is closer to 2h 5m
        (187_200, "2d 4h"),
        (604_800 + 86_400, "1w 1d"),
        (-65, "-1m 5s"),
    ],
)
def test_precision_by_magnitude(seconds: float, text: str) -> None:
    assert duration_text(seconds) == text


def test_every_output_uses_the_same_formatter() -> None:
    for seconds in (0.4, 5.3, 45, 344, 7499, 187_200):
        shown = duration_text(seconds)
        assert human_duration(seconds) == shown  # typed ISO values, audit messages
        assert amount_text(seconds, "duration") == shown  # map, report, citations, intervals
        assert value_text(seconds, "duration") == shown  # measure's own table
        assert change_text(-seconds, "duration") == "-" + shown  # trends


@given(st.floats(min_value=0, max_value=10**8, allow_nan=False))
def test_the_text_reads_back_as_the_value_to_its_precision(seconds: float) -> None:
    text = duration_text(seconds)
    back, _ = parse_duration(text)
    if seconds < 1:
        tolerance = max(seconds * 0.05, 0.0005)
    elif seconds < 10:
        tolerance = 0.05
    elif seconds < 59.5:
        tolerance = 0.5
    else:
        units = [size for size in (604_800, 86_400, 3_600, 60, 1) if seconds >= size]
        tolerance = (units[1] if len(units) > 1 else 1) / 2
    assert back == pytest.approx(seconds, abs=tolerance + 1e-9)
    assert len(text.split()) <= 2
