"""Reports of big journeys: the map linked as a file beside the page, the page written piece by piece."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pytest

import journeymap
from journeymap.reporting import ReportOptions, maps, report, report_pieces
from journeymap.reporting import environment as templates
from tests.conftest import EXAMPLES, ROOT, assert_no_traceback, run_cli
from tests.rendering.helpers import squash, svg_root, visible_text
from tests.reporting.helpers import example_inputs

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
FIRST = EXAMPLES / "first-purchase.yaml"


@needs_dot
def test_a_big_journeys_page_links_its_map_written_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)  # first-purchase is "big" for this test
    out = tmp_path / "site" / "report.html"
    result = run_cli("report", FIRST, "-o", out)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<img src="first-purchase-map.svg" alt="Journey map: ' in page
    assert '<a href="first-purchase-map.svg">a map this big is a file of its own' in page
    assert "<svg" not in page  # not inlined
    map_file = out.parent / "first-purchase-map.svg"
    assert map_file.read_bytes().startswith(b"<?xml")
    assert b"<svg" in map_file.read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["first-purchase-map.svg", "report.html"]


@needs_dot
def test_a_journey_below_the_threshold_keeps_its_map_inline(tmp_path: Path) -> None:
    assert maps.LINK_MAP_FROM == 300
    result = run_cli("report", FIRST, "-o", tmp_path / "report.html")
    assert result.code == 0, result.output
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@needs_dot
def test_a_linked_map_cannot_go_to_standard_output_and_the_cli_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)
    result = run_cli("report", FIRST, "-o", "-", "--format", "html")
    assert result.code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "the page's map link leads nowhere" in result.stderr
    assert "hint: write the report to a file (-o report.html)" in result.stderr


@needs_dot
def test_arabic_pages_say_the_map_is_a_file_in_arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)
    arabic = next(item for item in example_inputs() if item.journey.info.language == "ar")
    files = report([arabic], "html")
    [page] = [data for name, data in files.items() if name.endswith(".html")]
    assert "خريطة بهذا الحجم ملف مستقل" in page.decode("utf-8")
    assert any(name.endswith("-map.svg") for name in files)


def test_pages_are_made_in_pieces_that_join_to_the_whole_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "_PIECE", 1000)
    inputs = example_inputs()
    whole = report(inputs, "html", ReportOptions())
    pieces = report_pieces(inputs, "html", ReportOptions())
    assert sorted(pieces) == sorted(whole)
    for name, data in pieces.items():
        chunks = [data] if isinstance(data, bytes) else list(data)
        if name.endswith(".html") and name != "index.html":
            assert len(chunks) > 5, name  # streamed, not made whole
        assert b"".join(chunks) == whole[name]


@needs_dot
def test_a_very_big_journeys_map_is_one_file_per_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "SPLIT_MAP_FROM", 5)
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)
    result = run_cli("report", FIRST, "-o", tmp_path / "out" / "report.html")
    assert_no_traceback(result)
    assert result.code == 0, result.output
    stages = journeymap.read(str(FIRST)).stages
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(["report.html"] + [f"first-purchase-map-{n}.svg" for n in range(1, len(stages) + 1)])
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<svg" not in page
    for number, stage in enumerate(stages, start=1):
        text = visible_text(svg_root((tmp_path / "out" / f"first-purchase-map-{number}.svg").read_bytes()))
        names = [tp.name for tp in stage.touchpoints]
        others = [tp.name for other in stages if other is not stage for tp in other.touchpoints]
        assert all(squash(n) in text for n in names), stage.id  # this stage's touchpoints
        assert not any(squash(n) in text for n in others), stage.id  # and no other's
        assert f'<img src="first-purchase-map-{number}.svg" alt="Journey map: ' in page
        assert f"· {escape(stage.name, quote=False)}" in page


@needs_dot
def test_a_long_stage_is_drawn_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "SPLIT_MAP_FROM", 5)
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)
    monkeypatch.setattr(maps, "MAP_PART", 2)
    result = run_cli("report", FIRST, "-o", tmp_path / "out/")
    assert result.code == 0, result.output
    stages = journeymap.read(str(FIRST)).stages
    expected = sum(max(1, -(-len(stage.touchpoints) // 2)) for stage in stages)
    assert len(list((tmp_path / "out").glob("first-purchase-map-*.svg"))) == expected
    page = (tmp_path / "out" / "first-purchase.html").read_text(encoding="utf-8")
    long_stage = next(stage for stage in stages if len(stage.touchpoints) > 2)
    parts = -(-len(long_stage.touchpoints) // 2)
    for number in range(1, parts + 1):
        assert f"· {escape(long_stage.name, quote=False)} ({number}/{parts})" in page


@needs_dot
def test_graphviz_warnings_while_drawing_report_maps_are_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Split maps are drawn while they are written: what Graphviz says then still reaches stderr."""
    import warnings

    from journeymap.rendering import graphviz

    def said(*args: object) -> None:
        warnings.warn(graphviz.RenderWarning("JM734", "Graphviz: a font was replaced", "check it"), stacklevel=2)

    monkeypatch.setattr(graphviz, "_read_warnings", said)
    monkeypatch.setattr(maps, "SPLIT_MAP_FROM", 5)
    monkeypatch.setattr(maps, "LINK_MAP_FROM", 5)
    result = run_cli("report", FIRST, "-o", tmp_path / "out/")
    assert result.code == 0, result.output
    stages = journeymap.read(str(FIRST)).stages
    line = f"{FIRST.relative_to(ROOT)}: warning[JM734] Graphviz: a font was replaced"
    assert result.stderr.count(line) == len(stages), result.stderr
    assert "  hint: check it" in result.stderr
