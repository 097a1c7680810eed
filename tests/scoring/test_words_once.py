"""Decision 35: words made once per value, persona aggregates when read, plain text in the JSON.

Each shortcut is held to the long way: the cached words to the same function called afresh, the
summed persona views to full ``TouchpointScore``s, the aggregates read later to those of a
``--persona`` run.
"""

from __future__ import annotations

import pytest

import journeymap
from journeymap.model import Journey
from journeymap.scoring import aggregate, components, score
from journeymap.settings.friction import COMPONENTS, ScoringConfig
from journeymap.translation import translate, translator
from tests.conftest import EXAMPLES

JOURNEYS = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
ARABIC = translator("ar")


def _journey(name: str) -> Journey:
    return journeymap.read(str(EXAMPLES / name))


def _touchpoint(tid: str, csat: str) -> dict[str, object]:
    return {
        "id": tid,
        "name": tid,
        "channel": "web",
        "metrics": {"csat": csat, "fcr": "70%", "waiting_time": "30m"},
        "targets": {"csat": "85%", "waiting_time": "15m"},
    }


def _two_alike() -> Journey:
    return Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Two alike"},
            "personas": [{"id": "ann", "name": "Ann"}],
            "stages": [{"id": "s", "name": "S", "touchpoints": [_touchpoint("a", "60%"), _touchpoint("b", "60%")]}],
        }
    )


def test_equal_typed_values_share_the_words_of_one_call() -> None:
    first, second = score(_two_alike()).touchpoints
    for mine, theirs in zip(first.readings, second.readings, strict=True):
        assert (mine.inputs, mine.note) == (theirs.inputs, theirs.note)
    satisfaction, time = COMPONENTS.index("satisfaction"), COMPONENTS.index("time")
    assert first.readings[satisfaction].inputs == ("CSAT 60% (target 85%)",)
    assert first.readings[time].inputs[0] is second.readings[time].inputs[0]  # one message for both
    assert first.readings[satisfaction] is second.readings[satisfaction]  # one reading for both


@pytest.mark.parametrize(
    ("words", "arguments"),
    [
        (components._csat, (0.6, "60%", 0.85, "85%", 0.8)),
        (components._csat, (0.6, "60%", None, None, 0.8)),
        (components._nps, (-10.0, "-10", None, None, 30.0)),
        (components._rate, ("fcr", components._short_name("fcr"), 0.7, "70%")),
        (
            components._over_target,
            ("waiting_time", components._short_name("waiting_time"), 1800.0, "30m", 900.0, "15m", 3.0),
        ),
        (components._over_target, ("aht", components._short_name("aht"), 9000.0, "2h30m", 900.0, "15m", 3.0)),
    ],
)
def test_cached_readings_are_the_same_words_in_every_language(words: object, arguments: tuple[object, ...]) -> None:
    asked = (components._Asked(words, arguments, True),)  # type: ignore[arg-type]
    once, again = components._parts_reading(asked, "none"), components._parts_reading(asked, "none")
    fresh = components._reading_of(asked, "none")
    assert once is again
    assert (once.value, once.applicable) == (fresh.value, fresh.applicable)
    for made, anew in zip((*once.inputs, once.note), (*fresh.inputs, fresh.note), strict=True):
        assert made == anew
        assert translate(made, ARABIC) == translate(anew, ARABIC)
        assert type(made) is type(anew)


def test_a_measured_value_is_read_afresh() -> None:
    asked = (components._Asked(components._csat, (0.6, "60%", None, None, 0.8), False),)
    assert components._parts_reading(asked, "none") is not components._parts_reading(asked, "none")


@pytest.mark.parametrize("name", JOURNEYS)
def test_a_summed_persona_view_is_its_full_view(name: str) -> None:
    """The summands ``aggregate`` reads of a persona's view are those of that view's full scores."""
    journey = _journey(name)
    config = ScoringConfig()
    shared = aggregate._Shared.of(journey, config)
    aggregate._touchpoint_scores(journey, config, None, shared)
    for persona in journey.personas:
        full = aggregate._touchpoint_scores(journey, config, persona.id, shared)
        summed = aggregate._summands(journey, config, persona.id, shared)
        assert [(s.touchpoint_id, s.score, s.confidence, s.points, s.weight) for s in summed] == [
            (t.touchpoint_id, t.score, t.confidence, t.points, t.weight) for t in full
        ]


@pytest.mark.parametrize("name", JOURNEYS)
def test_persona_aggregates_are_made_when_read_and_are_those_of_each_persona_run(name: str) -> None:
    journey = _journey(name)
    result = score(journey)
    assert "personas" not in vars(result)
    assert [g.id for g in result.personas] == [p.id for p in journey.personas]
    assert result.personas is result.personas
    for group in result.personas:
        assert group == score(journey, persona=group.id).personas[0]


@pytest.mark.parametrize("name", JOURNEYS)
def test_the_json_words_are_plain_text_equal_to_the_messages(name: str) -> None:
    for touchpoint in score(_journey(name)).touchpoints:
        for written, contribution in zip(touchpoint.as_dict()["contributions"], touchpoint.contributions, strict=True):
            assert all(type(said) is str for said in written["inputs"])
            assert type(written["note"]) is str
            assert written["inputs"] == list(contribution.inputs)
            assert written["note"] == contribution.note
