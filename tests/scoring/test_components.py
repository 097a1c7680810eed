"""Each component's formula on small, hand-checked inputs."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap.model import Journey
from journeymap.scoring import score
from journeymap.scoring.results import Contribution


def _journey(touchpoints: list[dict[str, Any]], **extra: Any) -> Journey:
    return Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Components"},
            "personas": [{"id": "pat", "name": "Pat"}],
            "stages": [{"id": "s", "name": "S", "touchpoints": touchpoints}],
            **extra,
        }
    )


def _component(journey: Journey, touchpoint: str, component: str) -> Contribution:
    found = score(journey).touchpoint(touchpoint)
    assert found is not None
    return next(c for c in found.contributions if c.component == component)


def _one(component: str, **fields: Any) -> Contribution:
    return _component(_journey([{"id": "t", "name": "T", "channel": "web", **fields}]), "t", component)


def test_effort_respects_a_harder_scale() -> None:
    easier = _one("effort", metrics={"ces": 2})
    harder = _one("effort", metrics={"ces": {"value": 2, "scale": "1-5", "higher_is": "harder"}})
    assert easier.value == pytest.approx(5 / 6)
    assert harder.value == pytest.approx(1 / 4)
    assert harder.inputs == ("ces 2 on 1-5, higher = harder",)


def test_effort_uses_the_journey_scale() -> None:
    journey = _journey(
        [{"id": "t", "name": "T", "channel": "web", "metrics": {"ces": 4}}],
        scales={"ces": {"min": 1, "max": 5, "higher_is": "harder"}},
    )
    assert _component(journey, "t", "effort").value == pytest.approx(0.75)


def test_satisfaction_uses_default_targets_and_says_so() -> None:
    result = _one("satisfaction", metrics={"csat": "68%", "nps": -10})
    csat = (0.85 - 0.68) / 0.85
    nps = (30 + 10) / 130
    assert result.value == pytest.approx((csat + nps) / 2)
    assert result.inputs == ("csat 68% (target 85% by default)", "nps -10 (target 30 by default)")


def test_satisfaction_at_target_is_no_friction() -> None:
    assert _one("satisfaction", metrics={"csat": "91%"}, targets={"csat": "90%"}).value == 0.0


def test_failure_takes_the_mean_of_rates() -> None:
    result = _one("failure", metrics={"fcr": "70%", "error_rate": "10%", "containment_rate": "40%"})
    assert result.value == pytest.approx((0.3 + 0.6 + 0.1) / 3)


def test_funnel_rates_are_not_friction() -> None:
    result = _one("failure", metrics={"conversion_rate": "2%", "click_rate": "1%"})
    assert result.value is None


def test_time_without_target_is_not_used_and_noted() -> None:
    result = _one("time", metrics={"aht": "18m"})
    assert result.value is None
    assert "aht 18m not used: no target" in result.note


def test_time_ratio_is_capped() -> None:
    result = _one("time", metrics={"frt": "26h"}, targets={"frt": "2h"})
    assert result.value == 1.0
    assert "(capped)" in result.note


def test_time_adds_the_late_share() -> None:
    result = _one("time", metrics={"waiting_time": "4m", "on_time_rate": "80%"}, targets={"waiting_time": "2m"})
    assert result.value == pytest.approx((0.5 + 0.2) / 2)


def test_pain_points_absent_is_no_data_but_empty_is_zero() -> None:
    assert _one("pain_points").value is None
    assert _one("pain_points", pain_points=[]).value == 0.0
    assert _one("pain_points", pain_points=["a", "b", "c", "d"]).value == 1.0


def test_handoffs_absent_is_no_data_but_zero_is_zero() -> None:
    assert _one("handoffs").value is None
    assert _one("handoffs", handoffs=0).value == 0.0
    assert _one("handoffs", handoffs=2).value == pytest.approx(2 / 3)


def _switch(carried: bool | None, channel: str = "phone") -> Contribution:
    before = {"id": "a", "name": "A", "channel": "live_chat", "next": [{"to": "b", "context_carried": carried}]}
    journey = _journey([before, {"id": "b", "name": "B", "channel": channel}])
    return _component(journey, "b", "channel_switch")


def test_channel_switch_cases() -> None:
    assert _switch(False).value == 1.0
    assert _switch(True).value == 0.0
    assert _switch(None).value is None  # switched channel, context not stated
    assert _switch(None, channel="live_chat").value == 0.0  # same channel, nothing stated: no switch
    assert _switch(False, channel="live_chat").value == 1.0  # stated loss on one channel counts


def test_first_touchpoint_has_no_switch() -> None:
    assert _one("channel_switch").value == 0.0


def test_emotion_for_everyone_is_share_weighted() -> None:
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "E"},
            "personas": [{"id": "a", "name": "A", "share": "75%"}, {"id": "b", "name": "B", "share": "25%"}],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [{"id": "t", "name": "T", "channel": "web", "emotion": {"a": "angry", "b": 5}}],
                }
            ],
        }
    )
    result = _component(journey, "t", "emotion")
    assert result.value == pytest.approx(0.75)
    assert result.inputs == ("a: angry (1)", "b: 5")
