"""A big map's SVG drawn by several Graphviz runs at once is byte for byte the SVG of one run; an SVG with no
right-to-left text is left as Graphviz wrote it."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from pathlib import Path

import pytest

import journeymap
from journeymap import rendering
from journeymap.comparing import Side, compare
from journeymap.rendering import dot, friction_of, graphviz, svg_parts
from journeymap.rendering.changes import Changes
from journeymap.rendering.diagram import Diagram
from journeymap.rendering.graphviz import run_graphviz, run_graphviz_svg_parts
from journeymap.rendering.map_view import MapOptions, build_map
from journeymap.rendering.theme import BY_NAME
from tests.conftest import EXAMPLES, run_cli
from tests.rendering.helpers import write_journey
from tests.rendering.test_big_journey import big_journey

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def map_of(path: Path, theme: str = "light", persona: str | None = None) -> Diagram:
    journey = journeymap.read(str(path))
    heat = friction_of(journey, persona)
    return build_map(journey, MapOptions(BY_NAME[theme], persona, heat.touchpoints, heat.stages))


def one_run(diagram: Diagram) -> bytes:
    return run_graphviz(dot.to_dot(diagram), "svg", "neato")


def in_parts(diagram: Diagram, parts: int) -> bytes:
    return run_graphviz_svg_parts(dot.to_dot_parts(diagram, parts), lambda: pytest.fail("fell back to one run"))


@needs_dot
@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("example", ["first-purchase", "telecom-support", "bank-account-opening-ar"])
def test_the_examples_drawn_in_parts_are_the_one_run_svg(example: str, parts: int) -> None:
    diagram = map_of(EXAMPLES / f"{example}.yaml")
    assert in_parts(diagram, parts) == one_run(diagram)


@needs_dot
def test_a_big_journey_in_parts_a_dark_theme_and_one_persona_are_the_one_run_svg(tmp_path: Path) -> None:
    path = write_journey(tmp_path / "big.yaml", big_journey(120))
    for diagram in (map_of(path), map_of(path, "dark", "sara")):
        assert in_parts(diagram, 2) == one_run(diagram)


@needs_dot
def test_a_compared_map_in_parts_is_the_one_run_svg() -> None:
    states = ("telecom-support.yaml", "telecom-support.future.yaml")
    before, after = (Side.of(journeymap.run([str(EXAMPLES / name)]).results[0]) for name in states)
    heat = friction_of(after.journey)
    changes = Changes(before.journey, after.journey, compare(before, after))
    options = MapOptions(BY_NAME["light"], None, heat.touchpoints, heat.stages, changes)
    diagram = build_map(after.journey, options)
    assert in_parts(diagram, 2) == one_run(diagram)


def test_every_part_declares_every_node_in_order_and_draws_its_own_run() -> None:
    diagram = map_of(EXAMPLES / "first-purchase.yaml")
    parts = dot.to_dot_parts(diagram, 3)
    names = [b.id for b in diagram.boxes] + [a[0] for a in diagram.anchors] + [d.id for d in diagram.dots]
    firsts = [names.index(part.first) for part in parts]
    assert firsts[0] == 0
    assert firsts == sorted(set(firsts))
    for index, part in enumerate(parts):
        statements = [line.split(" [")[0].strip() for line in part.dot.splitlines() if " [" in line]
        declared = [name for name in statements if name not in ("graph", "node", "edge") and "->" not in name]
        assert declared == names
        edges = [line for line in part.dot.splitlines() if " -> " in line]
        assert len(edges) == (len(diagram.lines) if index == 0 else 0)
        drawn = [line for line in part.dot.splitlines() if "label=<" in line]
        end = firsts[index + 1] if index + 1 < len(firsts) else len(names)
        assert len(drawn) == sum(1 for box in diagram.boxes[firsts[index] : end])


def test_parts_are_cut_where_the_cost_is_balanced() -> None:
    assert dot._balanced_cuts([10] * 10, 2) == [5]
    assert dot._balanced_cuts([1, 1, 1, 1, 100, 1], 2) == [4]
    assert dot._balanced_cuts([5] * 6, 3) == [2, 4]
    assert dot._balanced_cuts([100], 2) == []  # never an empty part


def test_small_maps_and_one_core_are_drawn_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert svg_parts(100) == 1
    assert svg_parts(rendering.BOXES_PER_PART * 2) == 2
    assert svg_parts(50_000) == 2
    monkeypatch.setattr(rendering.os, "sched_getaffinity", lambda _: set(range(16)), raising=False)
    assert svg_parts(50_000) == rendering.MAX_PARTS
    monkeypatch.setattr(rendering.os, "sched_getaffinity", lambda _: {0}, raising=False)
    assert svg_parts(50_000) == 1


@needs_dot
def test_parts_that_disagree_on_the_drawing_fall_back_to_one_run() -> None:
    diagram = map_of(EXAMPLES / "first-purchase.yaml")
    parts = dot.to_dot_parts(diagram, 2)
    wider = dot.Part(parts[1].dot.replace('pad="0.25"', 'pad="0.5"'), parts[1].first)
    asked: list[str] = []

    def whole() -> str:
        asked.append("whole")
        return dot.to_dot(diagram)

    assert run_graphviz_svg_parts([parts[0], wider], whole) == one_run(diagram)
    assert asked == ["whole"]
    assert run_graphviz_svg_parts(parts, whole) == one_run(diagram)
    assert asked == ["whole"]


@needs_dot
def test_the_cli_draws_a_big_map_in_parts_as_one_run_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_journey(tmp_path / "big.yaml", big_journey(120))
    monkeypatch.setattr(rendering, "svg_parts", lambda boxes: 1)
    assert run_cli("render", path, "-o", tmp_path / "one.svg").code == 0
    monkeypatch.setattr(rendering, "svg_parts", lambda boxes: 2)
    assert run_cli("render", path, "-o", tmp_path / "two.svg").code == 0
    assert (tmp_path / "two.svg").read_bytes() == (tmp_path / "one.svg").read_bytes()


def test_every_right_to_left_character_is_looked_for() -> None:
    """The fast path of ``right_to_left_texts`` skips an SVG only when no text in it can start right to left."""
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(code)) in ("R", "AL")
        and not graphviz._may_be_right_to_left(f"x{chr(code)}y".encode())
    ]
    assert missed == []
    assert not graphviz._may_be_right_to_left("• ★ ◉ ✗ \u2068 \u200e 注文 👩‍👩‍👧 🇸🇦 &#45; &#160;".encode())
    assert graphviz._may_be_right_to_left(b"&#1575;")
    assert graphviz._may_be_right_to_left(b"&#x627;")


def test_an_svg_with_no_right_to_left_text_is_left_as_graphviz_wrote_it() -> None:
    svg = b'<text text-anchor="start" x="1" y="2">\xe2\x80\xa2 Checkout &#45; \xe2\x98\x85</text>'
    assert graphviz.right_to_left_texts(svg) is svg
    arabic = '<text text-anchor="start" x="1" y="2">الدفع</text>'.encode()
    assert (
        graphviz.right_to_left_texts(arabic)
        == '<text text-anchor="end" direction="rtl" x="1" y="2">الدفع</text>'.encode()
    )
    referenced = b'<text text-anchor="start" x="1" y="2">&#1575;</text>'
    assert b'direction="rtl"' in graphviz.right_to_left_texts(referenced)
