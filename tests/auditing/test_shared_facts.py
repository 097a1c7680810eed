"""Facts the rules read once per audit give what reading the model each time gives."""

from __future__ import annotations

import pytest

from journeymap.auditing import engine
from journeymap.auditing.engine import audit
from journeymap.auditing.rule import emotion_of, emotions, key_paths, touchpoints
from journeymap.formats.findings_json import finding_dicts
from tests.auditing.journeys import valid_journeys


def test_every_personas_emotions_read_in_one_pass_are_each_personas_own() -> None:
    checked = 0
    for name, journey, _ in valid_journeys():
        for persona in [p.id for p in journey.personas] + ["nobody-listed"]:
            expected = {tp.id: emotion_of(tp, persona) for _, tp in journey.touchpoints()}
            assert emotions(journey, persona) == expected, (name, persona)
            checked += sum(score is not None for score in expected.values())
    assert checked > 100


def test_key_paths_name_each_touchpoints_place() -> None:
    _, journey, _ = valid_journeys()[0]
    assert key_paths(journey) == {tp.id: path for path, _, tp in touchpoints(journey)}


def test_findings_name_the_stage_and_touchpoint_their_key_path_points_into(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine looks each finding's touchpoint up by key path; walking the model (``located``) agrees."""
    looked_up = {name: audit(journey, source_map) for name, journey, source_map in valid_journeys()}
    monkeypatch.setattr(engine, "touchpoints", lambda journey: iter(()))  # no places: every finding walks the model
    for name, journey, source_map in valid_journeys():
        walked = audit(journey, source_map)
        assert [(d.stage, d.touchpoint) for d in looked_up[name]] == [(d.stage, d.touchpoint) for d in walked], name
    assert sum(d.touchpoint is not None for found in looked_up.values() for d in found) > 100


def test_the_json_writes_messages_and_hints_as_plain_text() -> None:
    """pydantic-core writes a ``str`` subclass (a ``Msg``) several times slower: the rows hold plain ``str``."""
    _, journey, source_map = next(j for j in valid_journeys() if j[0] == "telecom-support.yaml")
    rows = finding_dicts(audit(journey, source_map))
    assert rows
    assert {type(row["message"]) for row in rows} == {str}
    assert {type(row["hint"]) for row in rows} <= {str, type(None)}
