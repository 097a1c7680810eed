"""Metric values and emotions are validated in the journey's own pass (decision 31): same values, same fields set."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from journeymap.model import Touchpoint
from journeymap.model.emotion import Emotion, parse_emotion
from journeymap.model.metrics import CustomMeasure, Effort, Measure, Metrics
from journeymap.model.units import CACHED_TEXTS, parse_duration, parse_percent, plain_number


def test_metric_values_are_measures_with_the_fields_written() -> None:
    metrics = Metrics.model_validate(
        {"csat": "80%", "waiting_time": "15m", "nps": 30, "fcr": 0.54, "ces": 5, "custom": {"lead": "3d"}}
    )
    assert metrics.csat == Measure(value=0.8, unit="percent", text="80%")
    assert metrics.waiting_time == Measure(value=900.0, unit="duration", text="15m")
    assert metrics.fcr == Measure(value=0.54, unit="percent", text="0.54")
    assert metrics.nps is not None
    assert metrics.nps.model_fields_set == {"value", "unit", "text"}
    assert type(metrics.ces) is Effort
    assert type(metrics.custom["lead"]) is CustomMeasure
    assert type(metrics.csat) is Measure
    assert metrics.csat.model_fields_set == {"value", "unit", "text"}


def test_computed_values_keep_their_sample_and_formula() -> None:
    metrics = Metrics.model_validate(
        {"csat": {"value": "80%", "responses": 40}, "nps": {"promoters": 6, "detractors": 2}}
    )
    assert metrics.csat is not None
    assert metrics.csat.responses == 40
    assert metrics.csat.model_fields_set == {"value", "unit", "text", "responses"}
    assert metrics.nps is not None
    assert metrics.nps.responses == 8
    assert metrics.nps.formula == "%promoters - %detractors"


def test_emotions_are_emotions_with_the_fields_written() -> None:
    touchpoint = Touchpoint.model_validate(
        {"id": "t", "name": "T", "channel": "web", "emotion": {"p0": "محبطة", "p1": "٣٫٥", "p2": 4}}
    )
    assert touchpoint.emotion is not None
    feelings = touchpoint.emotion.by_persona
    assert feelings["p0"] == Emotion(score=2, name="frustrated", text="محبطة")
    assert feelings["p0"].model_fields_set == {"score", "name", "text"}
    assert feelings["p1"] == Emotion(score=3.5)
    assert feelings["p1"].model_fields_set == {"score"}
    assert feelings["p2"].score == 4.0
    assert isinstance(parse_emotion("happy"), Emotion)  # callers outside the model still get an Emotion


def test_a_bad_value_is_reported_at_its_field_as_before() -> None:
    with pytest.raises(ValidationError) as caught:
        Metrics.model_validate({"waiting_time": "1" * 400 + "h", "csat": "120%"})
    found = {(error["type"], error["loc"]) for error in caught.value.errors()}
    assert found == {("finite_number", ("waiting_time", "value")), ("jm_range", ("csat",))}


def test_remembered_texts_give_the_same_answer_and_errors_are_raised_each_time() -> None:
    assert parse_percent("71%") == parse_percent("71%") == (0.71, "71%")
    assert parse_duration(" ١ ساعة و٣٠ د ") == (5400.0, "١ ساعة و٣٠ د")
    for _ in range(2):
        with pytest.raises(PydanticCustomError):
            parse_percent("abc")
    assert plain_number.cache_info().maxsize == CACHED_TEXTS
