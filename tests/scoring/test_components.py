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
    assert harder.inputs == ("CES 2 on 1-5, higher = harder",)


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
    assert result.value == pytest.approx(1 - (1 - csat) * (1 - nps))
    assert result.inputs == ("CSAT 68% (target 85% by default)", "NPS -10 (target 30 by default)")


def test_satisfaction_at_target_is_no_friction() -> None:
    assert _one("satisfaction", metrics={"csat": "91%"}, targets={"csat": "90%"}).value == 0.0


def test_failure_is_the_share_failed_in_at_least_one_way() -> None:
    result = _one("failure", metrics={"fcr": "70%", "error_rate": "10%", "containment_rate": "40%"})
    assert result.value == pytest.approx(1 - 0.7 * 0.4 * 0.9)


def test_adding_a_small_error_rate_raises_failure() -> None:
    """Issue 12: with a mean, `error_rate: 5%` lowered a 38% failure to 21.5%."""
    before = _one("failure", metrics={"fcr": "62%"})
    after = _one("failure", metrics={"fcr": "62%", "error_rate": "5%"})
    assert before.value is not None
    assert after.value is not None
    assert after.value > before.value


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
    assert result.value == pytest.approx(1 - 0.5 * 0.8)


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
    assert _switch(None).value is None  # switched channel, context not stated: no data
    assert _switch(None).applicable
    same = _switch(None, channel="live_chat")  # same channel, nothing stated: nothing to carry over
    assert (same.value, same.applicable) == (None, False)
    assert _switch(False, channel="live_chat").value == 1.0  # stated loss on one channel counts


def test_first_touchpoint_has_nothing_to_carry_over() -> None:
    """No switch is "does not apply", not zero friction with data (it used to cap an angry-only score at 60%)."""
    result = _one("channel_switch")
    assert (result.value, result.applicable) == (None, False)


@pytest.mark.parametrize(("lossy_share", "expected"), [("5%", 0.05), ("95%", 0.95)])
def test_context_loss_is_weighted_by_the_customers_on_each_path(lossy_share: str, expected: float) -> None:
    """Issue 12: a lossy path taken by 5% or by 95% of customers both gave 0.5."""
    rest = f"{100 - int(lossy_share[:-1])}%"
    touchpoints = [
        {
            "id": "bot",
            "name": "Bot",
            "channel": "chatbot",
            "next": [
                {"to": "agent", "share": lossy_share, "context_carried": False},
                {"to": "form", "share": rest},
            ],
        },
        {"id": "form", "name": "Form", "channel": "web", "next": [{"to": "agent", "context_carried": True}]},
        {"id": "agent", "name": "Agent", "channel": "phone"},
    ]
    result = _component(_journey(touchpoints), "agent", "channel_switch")
    assert result.value == pytest.approx(expected)


def test_an_angry_touchpoint_alone_scores_its_full_strength() -> None:
    journey = _journey([{"id": "t", "name": "T", "channel": "social", "emotion": "angry"}])
    found = score(journey).touchpoint("t")
    assert found is not None
    assert found.score == pytest.approx(60.0)  # limits.one_component: the emotion alone, at its worst
    assert found.confidence == pytest.approx(0.15 / 0.9)  # channel switch does not apply


def test_neutral_is_a_third_of_the_way_to_angry() -> None:
    assert _one("emotion", emotion="neutral").value == pytest.approx(1 / 3)
    assert _one("emotion", emotion=4).value == 0.0
    assert _one("emotion", emotion="delighted").value == 0.0


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
    assert result.value == pytest.approx((4 - (0.75 * 1 + 0.25 * 5)) / 3)
    assert result.inputs == ("a: angry (1)", "b: 5")


def test_abandonment_counts_beyond_its_target_or_the_channel_norm() -> None:
    """A 38% web checkout is ordinary (the norm is 80%); 19% on a phone queue is not (8%); a target wins."""
    web = _component(
        Journey.model_validate(
            {
                "version": 1,
                "journey": {"title": "Norms"},
                "personas": [{"id": "pat", "name": "Pat"}],
                "stages": [
                    {
                        "id": "purchase",
                        "name": "Purchase",
                        "touchpoints": [
                            {"id": "t", "name": "T", "channel": "web", "metrics": {"abandonment_rate": "38%"}}
                        ],
                    }
                ],
            }
        ),
        "t",
        "failure",
    )
    assert web.value == 0.0
    assert "the norm 80% for an online cart or checkout" in web.note
    phone = _one("failure", channel="phone", metrics={"abandonment_rate": "19%"})
    assert phone.value == pytest.approx((0.19 - 0.08) / 0.92)
    targeted = _one("failure", metrics={"abandonment_rate": "38%"}, targets={"abandonment_rate": "20%"})
    assert targeted.value == pytest.approx((0.38 - 0.20) / 0.80)
