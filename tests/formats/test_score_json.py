"""The score JSON written from the scores is ``json_text.dumps`` of the results' ``as_dict``, byte for byte.

Why: ``score --format json`` puts a big journey's touchpoints together from cached parts (decision
43) rather than through ``as_dict``; the shape users keep in git is ``as_dict``'s, so every way a
document is asked for is held to it: each ``--by``, ``--persona``, ``--explain``, ``--top``,
several journeys, none, measured values, Arabic, and text the UTF-8 writer refuses.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import journeymap
from journeymap import json_text
from journeymap.formats import score_json
from journeymap.formats.score_view import ScoreView
from journeymap.model import Journey
from journeymap.scoring import JourneyScore, score
from tests.conftest import EXAMPLES, ROOT, run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "audit"
JOURNEYS = [*sorted(EXAMPLES.glob("*.yaml")), FIXTURES / "JM327-fail.yaml", FIXTURES / "JM327-pass.yaml"]


def _generated(touchpoints: int) -> Journey:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import journey
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return Journey.model_validate(journey(touchpoints))


def _same(views: list[ScoreView]) -> None:
    written = score_json.format_scores(views, "1.2.3")
    assert written == json_text.dumps(score_json._document(views, "1.2.3"))


def _views(result: JourneyScore, **options: object) -> list[ScoreView]:
    return [ScoreView("j.yaml", result, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize("path", JOURNEYS, ids=lambda p: p.name)
def test_every_view_of_a_journey_is_its_documents_text(path: Path) -> None:
    journey = journeymap.read(str(path))
    result = score(journey)
    first = result.touchpoints[0].touchpoint_id
    for by in ("touchpoint", "stage", "persona", "channel"):
        _same(_views(result, by=by))
        _same(_views(result, by=by, explain=first, top=2))
    _same(_views(result, rank="friction", top=1))
    for persona in journey.personas:
        seen = score(journey, persona=persona.id)
        _same(_views(seen, explain=seen.touchpoints[0].touchpoint_id if seen.touchpoints else None))


def test_a_generated_journey_with_moves_volumes_and_three_personas_is_its_documents_text() -> None:
    journey = _generated(120)
    _same(_views(score(journey), explain="tp7"))
    _same(_views(score(journey, persona="p1")))


def test_several_journeys_and_none_are_the_documents_text() -> None:
    results = [score(journeymap.read(str(path))) for path in JOURNEYS[:3]]
    _same([ScoreView(f"j{i}.yaml", r) for i, r in enumerate(results)])
    _same([])


def test_a_lone_surrogate_is_written_as_dumps_writes_the_whole_document() -> None:
    """A file name that is not UTF-8 (``surrogateescape``): pydantic-core refuses it and ``dumps`` goes
    through ``json.dumps``, which spells some numbers otherwise; the parts must give that text too."""
    result = score(journeymap.read(str(EXAMPLES / "first-purchase.yaml")))
    views = [ScoreView("caf\udce9.yaml", result, explain="instagram-ad")]
    assert not json_text.encodable(score_json._written(views, "1.2.3"))
    _same(views)


def test_equal_readings_are_written_once() -> None:
    """Touchpoints that read the same typed values share their contributions' text (decision 45)."""
    out: list[str] = []
    writer = score_json._Touchpoints(out)
    result = score(_generated(60))
    for t in result.touchpoints:
        writer.write(t, 1, 4)
    (parts,) = writer._parts.values()
    effort, satisfaction = parts[0], parts[2]
    assert len(effort) == 1  # no CES measured anywhere
    assert len(satisfaction) == len({t.readings[2].inputs for t in result.touchpoints}) < len(result.touchpoints)


def test_the_command_prints_the_document() -> None:
    path = EXAMPLES / "bank-account-opening-ar.yaml"
    done = run_cli("score", str(path), "--format", "json", "--explain", "social-campaign")
    assert done.code == 0
    views = [ScoreView(str(path), score(journeymap.read(str(path))), explain="social-campaign")]
    assert done.stdout == json_text.dumps(score_json._document(views, json.loads(done.stdout)["tool"]["version"]))
