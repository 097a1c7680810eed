"""Roll-ups: moments of truth, volume and persona share, per-persona emotion, config in the file."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap.model import Journey
from journeymap.scoring import score
from journeymap.scoring.aggregate import incoming_transitions
from journeymap.settings.friction import ScoringConfig


def _journey(touchpoints: list[dict[str, Any]], **extra: Any) -> Journey:
    return Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Roll-up"},
            "personas": [
                {"id": "ann", "name": "Ann", "share": "60%"},
                {"id": "bob", "name": "Bob", "share": "20%"},
            ],
            "stages": [{"id": "service", "name": "Service", "touchpoints": touchpoints}],
            **extra,
        }
    )


#: An angry touchpoint with nothing else known: emotion 1 (weight 0.15) and no channel
#: switch into it (0, weight 0.10) score 100 * 0.15 / 0.25.
BAD = 60.0


def _tp(tp_id: str, emotion: Any, **extra: Any) -> dict[str, Any]:
    return {"id": tp_id, "name": tp_id, "channel": "web", "emotion": emotion, "next": [], **extra}


def test_moment_of_truth_weighs_double_in_the_stage() -> None:
    journey = _journey([_tp("calm", 5), _tp("bad", 1, moment_of_truth={"impact": "high"})])
    stage = score(journey).stages[0]
    # calm scores 0 with weight 1, bad scores BAD with weight 2
    assert stage.score == pytest.approx(BAD * 2 / 3)


def test_volume_weights_the_journey_score() -> None:
    journey = _journey([_tp("big", 5, volume=3000), _tp("small", 1, volume=1000)])
    # mean volume 2000: weights 1.5 and 0.5
    assert score(journey).overall.score == pytest.approx(BAD * 0.5 / 2.0)


def test_unknown_volume_counts_as_average() -> None:
    journey = _journey([_tp("known", 5, volume=500), _tp("unknown", 1)])
    assert score(journey).overall.score == pytest.approx(BAD / 2)


def test_persona_share_weights_reach() -> None:
    journey = _journey([_tp("ann-only", 1, personas=["ann"]), _tp("bob-only", 5, personas=["bob"])])
    # reach 0.75 and 0.25 of the mapped customers
    assert score(journey).overall.score == pytest.approx(BAD * 0.75)


def test_persona_view_uses_that_personas_emotion() -> None:
    journey = _journey([_tp("split", {"ann": 1, "bob": 5})])
    assert score(journey, persona="ann").touchpoints[0].score == pytest.approx(BAD)
    assert score(journey, persona="bob").touchpoints[0].score == pytest.approx(0.0)
    everyone = score(journey).touchpoints[0].score
    assert everyone == pytest.approx(BAD * 0.75)  # emotion 0.75 * 1 + 0.25 * 0


def test_by_persona_rows_are_per_persona() -> None:
    journey = _journey([_tp("split", {"ann": 1, "bob": 5}), _tp("ann-only", 3, personas=["ann"])])
    personas = {g.id: g for g in score(journey).personas}
    assert personas["bob"].touchpoints == ("split",)
    assert personas["bob"].score == pytest.approx(0.0)
    assert personas["ann"].score == pytest.approx((BAD + BAD / 2) / 2)


def test_personas_without_share_split_the_rest() -> None:
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "x"},
            "personas": [{"id": "a", "name": "A", "share": 0.5}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
            "stages": [{"id": "s", "name": "S"}],
        }
    )
    assert journey.persona_weights() == {"a": 0.5, "b": 0.25, "c": 0.25}


def test_implicit_next_leads_to_the_following_touchpoint() -> None:
    journey = _journey([{"id": "one", "name": "One", "channel": "web"}, {"id": "two", "name": "Two", "channel": "sms"}])
    incoming = incoming_transitions(journey)
    assert [i.source for i in incoming["two"]] == ["one"]
    assert incoming["one"] == []


def test_group_points_add_up_to_the_group_score() -> None:
    journey = _journey([_tp("a", 2, pain_points=["x"]), _tp("b", 4, handoffs=2, moment_of_truth=True)])
    overall = score(journey).overall
    assert sum(p for _, p in overall.components) == pytest.approx(overall.score)


def test_scoring_section_in_the_file_is_used() -> None:
    touchpoints = [_tp("a", 1, pain_points=[], handoffs=0)]
    default = score(_journey(touchpoints)).touchpoints[0]
    tuned = score(_journey(touchpoints, scoring={"weights": {"emotion": 0.75}, "bands": {"high": 90}})).touchpoints[0]
    # emotion 1.0, pain points, handoffs and channel switch 0: weight 0.15 of 0.40, tuned 0.75 of 1.00
    assert default.score == pytest.approx(37.5)
    assert tuned.score == pytest.approx(75.0)
    assert tuned.band == "medium"


def test_explicit_config_overrides_the_file() -> None:
    journey = _journey([_tp("a", 1, pain_points=[])], scoring={"weights": {"emotion": 0}})
    assert score(journey).touchpoints[0].score == pytest.approx(0.0)
    assert score(journey, ScoringConfig()).touchpoints[0].score == pytest.approx(100 * 0.15 / 0.35)


def test_bands_must_be_ordered() -> None:
    with pytest.raises(ValueError, match=r"bands\.medium"):
        ScoringConfig.model_validate({"bands": {"medium": 70, "high": 40}})
