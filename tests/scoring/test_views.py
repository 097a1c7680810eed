"""The views of one journey share what does not depend on the persona, and words are made when read.

Decision 27: every view goes through the same component functions and ``combine``; these tests hold
the shortcuts (a persona's view reused, contributions built from tuples, cached words) to the long way.
"""

from __future__ import annotations

import json

import pytest

import journeymap
from journeymap.model import Journey
from journeymap.scoring import score
from journeymap.scoring.components import Context, Reading, read_components
from journeymap.settings.friction import COMPONENTS, ScoringConfig
from tests.conftest import EXAMPLES, run_cli

JOURNEYS = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def _journey(name: str) -> Journey:
    return journeymap.read(str(EXAMPLES / name))


@pytest.mark.parametrize("name", JOURNEYS)
def test_a_persona_view_is_its_aggregate_in_the_journey_view(name: str) -> None:
    """``--persona P`` reuses P's touchpoint scores for P's aggregate; the whole journey's run scores P apart."""
    journey = _journey(name)
    everyone = score(journey)
    for persona in journey.personas:
        alone = score(journey, persona=persona.id)
        (own,) = alone.personas
        assert own == next(g for g in everyone.personas if g.id == persona.id)
        assert alone.overall.score == own.score


@pytest.mark.parametrize("name", JOURNEYS)
def test_contributions_built_later_give_the_json_written_from_the_parts(name: str) -> None:
    for persona in (None, _journey(name).personas[0].id):
        for touchpoint in score(_journey(name), persona=persona).touchpoints:
            written = touchpoint.as_dict()["contributions"]
            assert written == [c.as_dict() for c in touchpoint.contributions]
            assert [c["component"] for c in written] == list(COMPONENTS)
            assert sum(c.points for c in touchpoint.contributions) == pytest.approx(touchpoint.score or 0.0)


@pytest.mark.parametrize("name", JOURNEYS)
def test_every_view_reads_each_component_as_the_component_itself_does(name: str) -> None:
    """The shared readings and the per-persona emotion are what ``read_components`` gives for that view."""
    journey = _journey(name)
    config = ScoringConfig()
    for persona in (None, *(p.id for p in journey.personas)):
        scored = {t.touchpoint_id: t for t in score(journey, config, persona).touchpoints}
        for stage, tp in journey.touchpoints():
            if tp.id not in scored:
                continue
            found = scored[tp.id]
            ctx = Context(journey, config.limits, persona, tuple(_incoming(journey, tp.id)), stage)
            fresh = read_components(tp, ctx)
            assert [(r.value, r.applicable, r.inputs, r.note) for r in found.readings] == [
                (r.value, r.applicable, r.inputs, r.note) for r in fresh
            ]


def _incoming(journey: Journey, touchpoint_id: str) -> list[object]:
    from journeymap.scoring.aggregate import incoming_transitions

    return list(incoming_transitions(journey)[touchpoint_id])


def test_words_are_made_once_and_only_when_read() -> None:
    made: list[int] = []

    def explain() -> tuple[tuple[str, ...], str]:
        made.append(1)
        return ("CES 2",), "(5 - 2) / 4 = 0.75"

    reading = Reading(0.75, explain=explain)
    assert made == []
    assert (reading.inputs, reading.note, reading.note) == (("CES 2",), "(5 - 2) / 4 = 0.75", "(5 - 2) / 4 = 0.75")
    assert made == [1]
    assert Reading(None, note="no CES measured").note == "no CES measured"


def test_emotion_words_of_equal_emotions_are_equal_and_follow_each_persona() -> None:
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Words"},
            "personas": [{"id": "ann", "name": "Ann", "share": "75%"}, {"id": "bob", "name": "Bob", "share": "25%"}],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [
                        {"id": "a", "name": "A", "channel": "web", "emotion": {"ann": "angry", "bob": 5}},
                        {"id": "b", "name": "B", "channel": "web", "emotion": {"ann": "angry", "bob": 5}},
                        {"id": "c", "name": "C", "channel": "web", "emotion": {"ann": "happy", "bob": 5}},
                    ],
                }
            ],
        }
    )
    a, b, c = (next(x for x in t.contributions if x.component == "emotion") for t in score(journey).touchpoints)
    assert a.inputs == b.inputs == ("ann: angry (1)", "bob: 5")
    assert a.note == b.note == "share-weighted emotion 0.75·1 + 0.25·5 = 2; (4 - 2) / 3 = 0.667"
    assert c.inputs == ("ann: happy (4)", "bob: 5")
    (bob_a, *_) = (
        next(x for x in t.contributions if x.component == "emotion") for t in score(journey, None, "bob").touchpoints
    )
    assert (bob_a.inputs, bob_a.note) == (("bob: 5",), "(4 - 5) / 3 = 0")


def test_the_json_of_a_persona_view_through_the_cli_keeps_every_word() -> None:
    """End to end: ``score --persona --explain --format json`` prints the emotion read for that persona."""
    result = run_cli(
        "score", EXAMPLES / "telecom-support.yaml", "--persona", "maya", "--explain", "ivr", "--format", "json"
    )
    assert result.code == 0, result.stderr
    explained = json.loads(result.stdout)["journeys"][0]["explain"]
    emotion = next(c for c in explained["contributions"] if c["component"] == "emotion")
    assert explained["persona"] == "maya"
    assert emotion["inputs"]
    assert all(i.startswith("maya: ") for i in emotion["inputs"])
    assert emotion["note"]
