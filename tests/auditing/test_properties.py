"""Properties over random journeys: the audit never crashes, is deterministic and points inside the file."""

from __future__ import annotations

import itertools
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.auditing.engine import audit
from journeymap.codes import CODES
from journeymap.loader import load_text
from journeymap.validation import validate

CHANNELS = ["web", "phone", "email", "social", "chatbot", "self_service", "sms", "store"]
STAGE_IDS = ["awareness", "consideration", "purchase", "post-purchase", "service", "onboarding"]


@st.composite
def journeys(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 12))
    ids = [f"t{i}" for i in range(n)]
    touchpoints = []
    for tp_id in ids:
        tp: dict[str, Any] = {"id": tp_id, "name": tp_id.upper(), "channel": draw(st.sampled_from(CHANNELS))}
        if draw(st.booleans()):
            tp["emotion"] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            tp["next"] = [
                {"to": to, "context_carried": draw(st.sampled_from([True, False, None]))}
                for to in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
            ]
        if draw(st.booleans()):
            tp["metrics"] = {"fcr": draw(st.integers(0, 100)), "waiting_time": f"{draw(st.integers(0, 60))}m"}
            if draw(st.booleans()):
                tp["targets"] = {"fcr": draw(st.integers(0, 100))}
        tp["handoffs"] = draw(st.integers(0, 3))
        tp["proactive"] = draw(st.booleans())
        touchpoints.append(tp)
    cuts = sorted(draw(st.lists(st.integers(1, max(n - 1, 1)), max_size=4, unique=True)))
    bounds = [0, *[c for c in cuts if c < n], n]
    stages = [
        {"id": STAGE_IDS[i], "name": f"Stage {i}", "touchpoints": touchpoints[a:b]}
        for i, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    return {"version": 1, "journey": {"title": "Random"}, "personas": [{"id": "p", "name": "P"}], "stages": stages}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_audit_is_total_deterministic_and_positioned(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False)
    loaded = load_text(text, "random.yaml")
    result = validate(loaded)
    assert result.journey is not None, result.diagnostics
    first = audit(result.journey, loaded.source_map)
    assert first == audit(result.journey, loaded.source_map)
    lines = len(text.splitlines())
    for finding in first:
        assert CODES[finding.code].stage == "audit"
        assert 1 <= finding.span.line <= lines
        assert finding.hint
