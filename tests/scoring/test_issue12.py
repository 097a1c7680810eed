"""The score problems users measured (issue 12), each as a test that failed with the version 1 score."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap.model import Journey
from journeymap.scoring import score
from tests.conftest import ROOT

TELECOM = ROOT / "examples" / "telecom-support.yaml"


def _touchpoint(**fields: Any) -> float:
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Issue 12"},
            "personas": [{"id": "pat", "name": "Pat"}],
            "stages": [
                {"id": "service", "name": "S", "touchpoints": [{"id": "t", "name": "T", "channel": "phone", **fields}]}
            ],
        }
    )
    found = score(journey).touchpoint("t")
    assert found is not None
    assert found.score is not None
    return found.score


def test_an_error_rate_never_lowers_the_score() -> None:
    base = {"emotion": 2, "metrics": {"fcr": "62%", "ces": 4}, "pain_points": ["Slow"]}
    with_errors = {**base, "metrics": {**base["metrics"], "error_rate": "5%"}}
    assert _touchpoint(**with_errors) > _touchpoint(**base)


def test_a_missed_reply_time_target_never_lowers_the_score() -> None:
    base = {"emotion": 2, "metrics": {"waiting_time": "6m"}, "targets": {"waiting_time": "3m"}}
    more = {
        **base,
        "metrics": {"waiting_time": "6m", "frt": "10m"},
        "targets": {"waiting_time": "3m", "frt": "8m"},
    }
    assert _touchpoint(**more) > _touchpoint(**base)


def test_a_pain_point_on_an_angry_touchpoint_raises_it() -> None:
    assert _touchpoint(emotion="angry", pain_points=["Hung up on"]) > _touchpoint(emotion="angry")


def test_a_neutral_emotion_alone_is_low_friction() -> None:
    assert _touchpoint(emotion="neutral") < 35  # version 1: 50 (medium, above most measured problems)


def test_fixing_the_busiest_moment_of_truth_moves_the_journey() -> None:
    """Version 1: fixing the tier-1 agent's FCR, repeat contacts and emotions moved the journey 48.5 -> 46.9."""
    text = TELECOM.read_text(encoding="utf-8")
    fixed = (
        text.replace("emotion: {maya: frustrated, walter: 2}", "emotion: {maya: happy, walter: 4}")
        .replace("          fcr: 46%\n          csat: 62%", "          fcr: 80%\n          csat: 88%")
        .replace(
            "escalation_rate: 31%\n          repeat_contact_rate: 44%",
            "escalation_rate: 12%\n          repeat_contact_rate: 15%",
        )
    )
    assert fixed != text
    from journeymap.loader import load_text
    from journeymap.validation import validate

    before = score(_valid(load_text(text, "before.yaml"), validate))
    after = score(_valid(load_text(fixed, "after.yaml"), validate))
    old, new = before.touchpoint("phone-agent-tier1"), after.touchpoint("phone-agent-tier1")
    assert old is not None
    assert new is not None
    assert old.score is not None
    assert new.score is not None
    assert old.score - new.score > 15  # pain points and lost context still weigh on it
    total = sum(t.weight for t in before.touchpoints if t.score is not None)
    moved = (before.overall.score or 0.0) - (after.overall.score or 0.0)
    assert moved == pytest.approx(old.weight * (old.score - new.score) / total)  # its full share of the roll-up
    assert moved > 0.5


def _valid(loaded: Any, validate: Any) -> Journey:
    result = validate(loaded)
    assert result.journey is not None, result.diagnostics
    journey: Journey = result.journey
    return journey
