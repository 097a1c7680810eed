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


def test_findings_whose_words_are_made_later_read_as_if_made_at_once() -> None:
    """A finding that leaves its message for later (``Finding.later``, JM313) is, in words, the finding the
    rule's own words make: the same message, hint, place and subject, and its subject alone is that subject."""
    from journeymap.auditing.registry import BY_CODE
    from journeymap.auditing.rule import Context, Finding, located

    rule = BY_CODE["JM313"]
    checked = 0
    for _, journey, _ in valid_journeys():
        for finding in rule.check(journey, Context(journey, rule.Options())):
            assert finding.later is not None
            assert finding.message == ""
            assert finding.subject == ""
            full = finding.words()
            assert full.later is None
            assert full.words() is full
            assert (full.path, full.hint, full.at_key) == (finding.path, finding.hint, finding.at_key)
            assert full.message.endswith("' has no target")
            where = f" at '{located(journey, finding.path)[1]}'"
            assert where in full.message
            assert full.subject.endswith(where)
            assert finding.named() == full.subject == full.named()
            checked += 1
    assert checked > 10
    plain = Finding(("stages", 0), "said", "do this", subject="it")
    assert plain.words() is plain
    assert plain.named() == "it"


def test_spans_made_from_the_stored_positions_are_the_source_maps_own() -> None:
    """The engine makes a finding's span from the position the loader stored; ``SourceMap.key`` and ``.value``
    (the nearest ancestor when a place is missing) give the same span for every finding, and its place."""
    from journeymap.auditing.engine import _diagnostics
    from journeymap.auditing.registry import RULES
    from journeymap.auditing.rule import Context, Finding, located
    from journeymap.diagnostics import Severity

    checked = 0
    for name, journey, source_map in valid_journeys():
        findings = [f.words() for rule in RULES for f in rule.check(journey, Context(journey, rule.Options()))]
        findings.append(Finding(("stages", 0, "no such key", 7), "a place the file does not have", "hint"))
        made = _diagnostics("JM320", Severity.WARNING, findings, source_map, journey, {})
        for finding, diagnostic in zip(findings, made, strict=True):
            path = finding.path
            assert diagnostic.span == (source_map.key(path) if finding.at_key else source_map.value(path)), name
            assert (diagnostic.stage, diagnostic.touchpoint) == located(journey, path), name
            assert (diagnostic.message, diagnostic.hint) == (finding.message, finding.hint)
        checked += len(findings)
    assert checked > 100
