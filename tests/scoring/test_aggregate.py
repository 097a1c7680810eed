"""Roll-ups: moments of truth, volume and persona share, per-persona emotion, config in the file."""

from __future__ import annotations

from typing import Any

import pytest

import journeymap
from journeymap.model import Journey
from journeymap.scoring import score
from journeymap.scoring.aggregate import estimated_volumes, incoming_transitions
from journeymap.settings.friction import ScoringConfig
from tests.conftest import EXAMPLES


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


#: An angry touchpoint with nothing else known: the emotion alone at its worst, at the full
#: strength of the most heavily weighted component (limits.one_component, 0.6); no channel
#: switch into it, so that component does not apply.
BAD = 60.0
#: Friction of a neutral emotion (3) alone: a third of the way to angry.
NEUTRAL = BAD / 3


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
    assert everyone == pytest.approx(BAD * (4 - (0.75 * 1 + 0.25 * 5)) / 3)  # share-weighted emotion 2


def test_by_persona_rows_are_per_persona() -> None:
    journey = _journey([_tp("split", {"ann": 1, "bob": 5}), _tp("ann-only", 3, personas=["ann"])])
    personas = {g.id: g for g in score(journey).personas}
    assert personas["bob"].touchpoints == ("split",)
    assert personas["bob"].score == pytest.approx(0.0)
    assert personas["ann"].score == pytest.approx((BAD + NEUTRAL) / 2)


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
    tuned_settings = {"limits": {"one_component": 0.75}, "bands": {"high": 90}}
    tuned = score(_journey(touchpoints, scoring=tuned_settings)).touchpoints[0]
    # emotion 1.0 at the strongest weight; pain points and handoffs 0; no channel switch
    assert default.score == pytest.approx(60.0)
    assert tuned.score == pytest.approx(75.0)
    assert tuned.band == "medium"


def test_explicit_config_overrides_the_file() -> None:
    journey = _journey([_tp("a", 1, pain_points=[])], scoring={"weights": {"emotion": 0}})
    assert score(journey).touchpoints[0].score == pytest.approx(0.0)
    assert score(journey, ScoringConfig()).touchpoints[0].score == pytest.approx(BAD)


def test_bands_must_be_ordered() -> None:
    with pytest.raises(ValueError, match=r"bands\.medium"):
        ScoringConfig.model_validate({"bands": {"medium": 70, "high": 40}})


def test_unmeasured_steps_get_the_customers_arriving_from_measured_ones() -> None:
    """Issue 12: an unmeasured delivery step counted as "average" and outranked the checkout before it."""
    journey = _journey(
        [
            _tp("page", 3, volume=10000, next=[{"to": "checkout", "share": "20%"}]),
            _tp("checkout", 2, volume=2000, next=[{"to": "delivery", "share": "90%"}]),
            _tp("delivery", 2, next=[]),
        ]
    )
    assert estimated_volumes(journey) == {"page": 10000, "checkout": 2000, "delivery": pytest.approx(1800)}


def test_entry_points_share_the_average_and_steps_split_it() -> None:
    journey = _journey(
        [
            {"id": "ad", "name": "Ad", "channel": "social", "step": "in"},
            {"id": "letter", "name": "Letter", "channel": "letter", "step": "in"},
            {"id": "call", "name": "Call", "channel": "phone", "step": "ask"},
            {"id": "chat", "name": "Chat", "channel": "live_chat", "step": "ask"},
            {"id": "done", "name": "Done", "channel": "sms"},
        ]
    )
    assert estimated_volumes(journey) == {
        "ad": 0.5,
        "letter": 0.5,
        "call": pytest.approx(0.5),
        "chat": pytest.approx(0.5),
        "done": pytest.approx(1.0),
    }


def test_priority_is_friction_times_confidence_times_weight() -> None:
    journey = _journey([_tp("bad", 1, moment_of_truth={"impact": "high"}, volume=300), _tp("other", 3, volume=100)])
    bad = score(journey).touchpoint("bad")
    assert bad is not None
    assert bad.score is not None
    assert (bad.moment_factor, bad.volume_weight) == (2.0, 1.5)
    assert bad.priority == pytest.approx(bad.score * bad.confidence * 2.0 * 1.5 * bad.reach)


def test_weak_evidence_no_longer_leads_the_ranking() -> None:
    """Issue 12: an angry-only public complaint ranked first; a measured, busy moment of truth 22nd."""
    journey = _journey(
        [
            _tp("complaint", 1, channel="social"),
            _tp(
                "agent",
                2,
                channel="phone",
                volume=18400,
                moment_of_truth={"impact": "high"},
                metrics={"fcr": "58%", "csat": "71%", "waiting_time": "9m"},
                targets={"fcr": "75%", "csat": "85%", "waiting_time": "3m"},
                pain_points=["Repeats the account number"],
            ),
        ]
    )
    result = score(journey)
    assert next(t.touchpoint_id for t in result.ranked("friction")) == "agent"
    assert [t.touchpoint_id for t in result.ranked()] == ["agent", "complaint"]


def test_a_service_stage_brings_its_own_customers() -> None:
    """Service runs beside the buying stages: its first step is where people needing help come in."""
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Two ways in"},
            "personas": [{"id": "ann", "name": "Ann"}],
            "stages": [
                {
                    "id": "purchase",
                    "name": "Purchase",
                    "touchpoints": [
                        {
                            "id": "shop",
                            "name": "Shop",
                            "channel": "web",
                            "volume": 1000,
                            "next": [{"to": "bill", "share": "10%"}],
                        },
                        {"id": "bill", "name": "Bill", "channel": "email"},
                    ],
                },
                {
                    "id": "service",
                    "name": "Service",
                    "touchpoints": [
                        {"id": "faq", "name": "FAQ", "channel": "self_service"},
                        {"id": "call", "name": "Call", "channel": "phone", "volume": 3000},
                    ],
                },
            ],
        }
    )
    volumes = estimated_volumes(journey)
    assert volumes["bill"] == pytest.approx(100)  # the funnel
    assert volumes["faq"] == pytest.approx(2000)  # not the bill's 100: the average of the stated volumes


def test_a_score_made_at_once_is_the_one_its_class_makes() -> None:
    """``TouchpointScore.made`` (what scoring uses) gives the object ``__init__`` gives, and every field is asked."""
    import dataclasses

    from journeymap.scoring.results import TouchpointScore

    for made in score(journeymap.read(str(EXAMPLES / "first-purchase.yaml"))).touchpoints:
        values = {f.name: getattr(made, f.name) for f in dataclasses.fields(TouchpointScore)}
        again = TouchpointScore(**values)
        assert (made, hash(made), repr(made), made.priority) == (again, hash(again), repr(again), again.priority)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.score = 0.0  # type: ignore[misc]
        with pytest.raises(TypeError):
            TouchpointScore.made(**{k: v for k, v in values.items() if k != "reach"})
