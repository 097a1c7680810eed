"""A big synthetic journey (200 touchpoints, 8 stages, 3 personas) renders through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_no_traceback, run_cli
from tests.rendering.helpers import squash, svg_root, visible_text, write_journey

PERSONAS = [("sara", "Sara, busy parent"), ("omar", "Omar, careful first-timer"), ("lina", "Lina, student")]
CHANNELS = ["web", "mobile_app", "email", "phone", "store", "live_chat", "delivery", "sms"]
VERBS = ["Compares", "Checks", "Reads", "Asks about", "Pays for", "Waits for", "Tracks", "Returns"]
THINGS = ["delivery options", "the price", "product reviews", "a discount code", "the order", "an invoice"]
EMOTIONS = ["delighted", "happy", "neutral", "anxious", "frustrated", "confused", "relieved", "impatient"]


def big_journey(touchpoints: int = 200, stages: int = 8) -> dict[str, Any]:
    """A deterministic journey with every lane filled and some long text."""
    per_stage = -(-touchpoints // stages)
    stage_list = []
    for s in range(stages):
        tps = []
        for i in range(s * per_stage, min((s + 1) * per_stage, touchpoints)):
            served = [p for k, (p, _) in enumerate(PERSONAS) if (i + k) % 3 != 0] or [PERSONAS[0][0]]
            tp: dict[str, Any] = {
                "id": f"tp-{i}",
                "name": f"{VERBS[i % len(VERBS)]} {THINGS[i % len(THINGS)]} #{i}",
                "channel": CHANNELS[i % len(CHANNELS)],
                "action": f"Step {i}: {VERBS[(i + 3) % len(VERBS)].lower()} {THINGS[(i + 1) % len(THINGS)]} "
                "and writes down what is missing before going on",
                "personas": served,
                "emotion": {p: (EMOTIONS[(i + k) % len(EMOTIONS)]) for k, p in enumerate(served)},
                "pain_points": [f"Pain {i}: the page does not say when it arrives"] if i % 2 else [],
                "opportunities": [f"Idea {i}: show the delivery day next to the price"] if i % 3 == 0 else [],
                "metrics": {"csat": f"{40 + i % 60}%", "abandonment_rate": f"{i % 90}%"},
                "targets": {"csat": "80%"},
            }
            if i % 17 == 0:
                tp["moment_of_truth"] = {"impact": "high", "why": "decides whether to come back"}
            if i + 1 < touchpoints and i % 5 == 0:
                tp["next"] = [
                    {"to": f"tp-{i + 1}", "label": "goes on", "share": "70%"},
                    {"to": f"tp-{min(i + 7, touchpoints - 1)}", "label": "skips ahead", "share": "20%"},
                ]
            tps.append(tp)
        stage_list.append({"id": f"stage-{s}", "name": f"Stage {s + 1} of the long journey", "touchpoints": tps})
    return {
        "version": 1,
        "journey": {"id": "big", "title": f"A synthetic journey with {touchpoints} touchpoints", "language": "en"},
        "personas": [{"id": pid, "name": name} for pid, name in PERSONAS],
        "stages": stage_list,
    }


@pytest.mark.slow  # Graphviz lays out 200 touchpoints: ./scripts/test runs the slow group
@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
@pytest.mark.parametrize("view", ["map", "flow"])
def test_200_touchpoints_render_to_svg(tmp_path: Path, view: str) -> None:
    doc = big_journey(200, 8)
    source = write_journey(tmp_path / "big.yaml", doc)
    out = tmp_path / f"big-{view}.svg"
    result = run_cli("render", source, "--view", view, "-o", out)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    text = visible_text(svg_root(out.read_bytes()))
    names = [tp["name"] for stage in doc["stages"] for tp in stage["touchpoints"]]
    assert len(names) == 200
    missing = [name for name in names if squash(name) not in text]
    assert missing == []
