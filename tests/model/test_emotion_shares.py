"""``Journey.emotions`` with the shares given is ``Journey.emotions`` (decision 39)."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.model import Journey
from journeymap.model.journey import mean_by_share, share_weighted
from tests.conftest import EXAMPLES


def _split() -> Journey:
    return Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Split"},
            "personas": [{"id": "ann", "name": "Ann", "share": "90%"}, {"id": "bob", "name": "Bob"}],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [{"id": "t", "name": "T", "channel": "web", "emotion": {"ann": 1, "bob": 5}}],
                }
            ],
        }
    )


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_given_shares_read_as_the_journeys_own(name: str) -> None:
    journey = journeymap.read(str(EXAMPLES / name))
    shares = journey.persona_weights()
    for _, touchpoint in journey.touchpoints():
        for persona in (None, *(p.id for p in journey.personas)):
            assert journey.emotions(touchpoint, persona, shares) == journey.emotions(touchpoint, persona)


def test_the_shares_given_are_the_ones_used() -> None:
    journey = _split()
    ((_, touchpoint),) = journey.touchpoints()
    assert journey.emotion(touchpoint) == pytest.approx(0.9 * 1 + 0.1 * 5)
    found = journey.emotions(touchpoint, shares={"ann": 0.5, "bob": 0.5})
    assert share_weighted(found) == 3.0


def test_the_mean_by_share_is_share_weighteds_arithmetic() -> None:
    journey = _split()
    ((_, touchpoint),) = journey.touchpoints()
    found = journey.emotions(touchpoint)
    assert mean_by_share([(feeling.score, weight) for _, feeling, weight in found]) == share_weighted(found)
