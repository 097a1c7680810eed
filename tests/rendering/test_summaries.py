"""The compact view and the A4 title page say what the map says: the data's dates, every target's verdict
(met, missed, inconclusive), each persona's curve as the map draws it, counts that agree with their noun,
and which part of a split stage a page shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import journeymap
from journeymap.model import Journey
from journeymap.rendering import BY_NAME, friction_of
from journeymap.rendering.diagram import Diagram
from journeymap.rendering.kpis import metric_rows, target_tally
from journeymap.rendering.map_view import CURVE_GLYPHS, MapOptions, curve_glyph
from journeymap.rendering.pages import paged_map
from tests.conftest import EXAMPLES, run_cli
from tests.rendering.helpers import squash, svg_root, svg_texts, write_journey
from tests.rendering.measured_arabic import measured_bank
from tests.rendering.test_big_journey import big_journey

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
MARKUP = re.compile(r"<[^>]*>|[\u200e\u200f\u2066-\u2069]")


@pytest.fixture(scope="module")
def telecom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("telecom")
    shutil.copy(EXAMPLES / "telecom-support.yaml", folder)
    shutil.copytree(EXAMPLES / "data", folder / "data", ignore=shutil.ignore_patterns("bank*", "shop*", "first*"))
    assert run_cli("measure", folder / "data" / "telecom-support.measures.yaml").code == 0
    return folder / "telecom-support.yaml"


def _pages(journey: Journey) -> list[Diagram]:
    heat = friction_of(journey)
    return paged_map(journey, MapOptions(BY_NAME["light"], None, heat.touchpoints, heat.stages), "a4")


def _texts(diagram: Diagram) -> list[str]:
    return [MARKUP.sub("", box.label.replace("<BR", "\n<BR")) for box in diagram.boxes]


@needs_dot
def test_the_compact_view_shows_the_dates_and_counts_inconclusive_targets(telecom: Path, tmp_path: Path) -> None:
    out = tmp_path / "compact.svg"
    assert run_cli("render", telecom, "--view", "compact", "-o", out).code == 0
    texts = svg_texts(svg_root(out.read_bytes()))
    joined = MARKUP.sub("", "\n".join(texts))
    assert re.search(r"data 2024-01-0\d to 2024-12-\d\d", joined)
    journey = journeymap.read(str(telecom))
    support = journey.stages[-1]
    rows = [row for tp in support.touchpoints for row in metric_rows(journey, tp.metrics, tp.targets)]
    tally = target_tally(rows)
    assert tally["inconclusive"] == 1  # the tier-1 agents' repeat contact: its interval straddles 20%
    said = f"{tally['met']} met · {tally['missed']} missed · {tally['inconclusive']} inconclusive"
    assert squash(said) in squash(joined)  # the line wraps in its column


def test_the_tally_is_the_target_status_of_each_row(telecom: Path) -> None:
    journey = journeymap.read(str(telecom))
    rows = [row for _, tp in journey.touchpoints() for row in metric_rows(journey, tp.metrics, tp.targets)]
    tally = target_tally(rows)
    assert sum(tally.values()) == sum(1 for row in rows if row.verdict is not None)
    assert tally["inconclusive"] == sum(1 for row in rows if row.verdict == "inconclusive")


def test_the_title_page_draws_each_persona_as_the_map_does() -> None:
    journey = journeymap.read(str(EXAMPLES / "first-purchase.yaml"))
    title = "\n".join(_texts(_pages(journey)[0]))
    assert f"{CURVE_GLYPHS['solid']} Sara" in title
    assert f"{curve_glyph(1)} Omar" in title  # dashed, like his curve on the map
    assert curve_glyph(1) != curve_glyph(0)
    assert "★ 1 moment of truth" in title
    assert "★ 3 moments of truth" in title
    assert "1 moments" not in title


def test_the_arabic_title_page_is_wholly_arabic(tmp_path: Path) -> None:
    journey = journeymap.read(str(measured_bank(tmp_path)))
    title = "\n".join(_texts(_pages(journey)[0]))
    assert "(٤٥٪)" in title
    assert not re.search(r"\(\d+%\)", title)
    assert re.search("البيانات من [٠-٩]{4}-[٠-٩]{2}-[٠-٩]{2} إلى ", title), title
    assert " to " not in title


def test_a_stage_split_over_pages_says_which_part_each_page_shows(tmp_path: Path) -> None:
    journey = journeymap.read(str(write_journey(tmp_path / "long.yaml", big_journey(24, 2))))
    pages = _pages(journey)[1:]
    headers = [t for page in pages for t in _texts(page) if re.search(r"\(\d/\d\)", t)]
    assert headers, "a stage of 12 touchpoints does not fit one A4 page"
    first = journey.stages[0].name.upper()
    parts = sorted({m for t in headers for m in re.findall(rf"{re.escape(first)} \((\d/\d)\)", t)})
    total = parts[-1].split("/")[1]
    assert parts == [f"{n}/{total}" for n in range(1, int(total) + 1)]
