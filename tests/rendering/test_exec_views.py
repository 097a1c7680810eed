"""Executive views: ``--stages``, the compact view, the paged PDF, the legend and emotion labels that never overlap."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.errors import UsageError
from journeymap.model import Journey
from journeymap.rendering import render
from journeymap.rendering.pdf import merge
from journeymap.rendering.stages import select_stages, split_stages
from journeymap.scoring import score
from tests.conftest import EXAMPLES, require, run_cli
from tests.rendering.helpers import SVG, journey_doc, svg_root

FIRST = EXAMPLES / "first-purchase.yaml"
ARABIC = EXAMPLES / "bank-account-opening-ar.yaml"
TELECOM = EXAMPLES / "telecom-support.yaml"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def _boxes(dot: str, css_class: str) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, line) in DOT points (y up) of every node with exactly ``css_class``."""
    found = []
    for line in dot.splitlines():
        if f'class="{css_class}"' not in line:
            continue
        x, y = (float(v) for v in re.search(r'pos="([\d.]+),([\d.]+)!"', line).groups())  # type: ignore[union-attr]
        w = float(re.search(r"width=([\d.]+)", line).group(1)) * 72  # type: ignore[union-attr]
        h = float(re.search(r"height=([\d.]+)", line).group(1)) * 72  # type: ignore[union-attr]
        found.append((x - w / 2, y + h / 2, x + w / 2, y - h / 2, line))
    return found


def _overlap(a: tuple[float, float, float, float, str], b: tuple[float, float, float, float, str]) -> bool:
    """Whether two boxes share area (touching edges do not count); rounded to DOT's 0.1pt."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.2 and min(a[1], b[1]) - max(a[3], b[3]) > 0.2


# -- --stages --------------------------------------------------------------------------------------------------


def test_stages_by_id_canonical_name_and_range() -> None:
    journey = journeymap.read(str(FIRST))
    assert select_stages(journey, ["purchase", "post-purchase"]) == {"purchase", "post-purchase"}
    assert select_stages(journey, ["post_purchase"]) == {"post-purchase"}, "a canonical stage"
    assert select_stages(journey, ["Consideration"]) == {"consideration"}, "a name, any case"
    assert select_stages(journey, ["consideration..post-purchase"]) == {"consideration", "purchase", "post-purchase"}
    assert select_stages(journey, ["..consideration"]) == {"awareness", "consideration"}
    assert select_stages(journey, None) is None
    with pytest.raises(UsageError, match="runs backwards"):
        select_stages(journey, ["purchase..awareness"])


_FIRST_JOURNEY = journeymap.read(str(FIRST))
_STAGE_WORDS = st.sampled_from(["awareness", "purchase", "post-purchase", "post_purchase", "Consideration", ".."])


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.text(max_size=12) | _STAGE_WORDS, min_size=1, max_size=4))
def test_any_stages_option_selects_stages_or_is_a_usage_error(parts: list[str]) -> None:
    """Whatever ``--stages`` says: a non-empty set of the journey's stage ids, or a UsageError, never a crash."""
    wanted = split_stages([",".join(parts)])
    try:
        chosen = select_stages(_FIRST_JOURNEY, wanted)
    except UsageError as error:
        message = error.message
        chosen = None
    else:
        message = ""
    assert "\n" not in message, "one line"
    if chosen is None:
        return
    assert chosen
    assert chosen <= {s.id for s in _FIRST_JOURNEY.stages}


def test_unknown_stage_is_a_usage_error_with_did_you_mean(tmp_path: Path) -> None:
    result = run_cli("render", FIRST, "--stages", "purchse", "-f", "dot", "-o", tmp_path / "x.dot")
    assert result.code == 2
    assert "has no stage 'purchse'" in result.stderr
    assert "did you mean 'purchase'?" in result.stderr
    assert not (tmp_path / "x.dot").exists()


def test_stages_draws_only_those_with_the_whole_journeys_friction(tmp_path: Path) -> None:
    out = tmp_path / "part.dot"
    result = run_cli("render", FIRST, "--stages", "purchase,post-purchase", "-f", "dot", "-o", out)
    assert result.code == 0, result.stderr
    part = out.read_text(encoding="utf-8")
    full = render(journeymap.read(str(FIRST)), "dot").decode("utf-8")
    stages = [line for *_, line in _boxes(part, "stage")]
    assert [re.search(r'tooltip="([^"]*)"', s).group(1) for s in stages] == ["Purchase", "Post-purchase"]  # type: ignore[union-attr]
    for line in stages:
        friction = re.search(r"friction \d+", line).group(0)  # type: ignore[union-attr]
        assert friction in full, "a stage's friction is the same on its own as on the whole map"
    assert 'tooltip="Instagram carousel ad"' not in part


def test_stages_is_refused_where_it_would_be_ignored(tmp_path: Path) -> None:
    mermaid = run_cli("render", FIRST, "--stages", "purchase", "-f", "mermaid", "-o", "-")
    assert mermaid.code == 2
    assert "not mermaid" in mermaid.stderr
    future = EXAMPLES / "first-purchase.future.yaml"
    compared = run_cli("render", FIRST, "--compare", future, "--stages", "purchase", "-o", tmp_path / "c.svg")
    assert compared.code == 2
    assert "--compare draws the whole map" in compared.stderr
    with pytest.raises(UsageError, match="not mermaid"):
        render(journeymap.read(str(FIRST)), "mermaid", stages=["purchase"])


def test_stages_in_the_flow_view(tmp_path: Path) -> None:
    dot = render(journeymap.read(str(FIRST)), "dot", "flow", stages=["awareness..consideration"]).decode("utf-8")
    assert dot.count("subgraph cluster_") - dot.count("subgraph cluster_step") == 2
    assert "Checkout" not in dot


# -- emotion labels and the legend --------------------------------------------------------------------------------


def _three_personas() -> Journey:
    """Three personas who share points (same emotion at the same touchpoint) and sit one level apart."""
    feelings = [
        {"p1": "frustrated", "p2": "frustrated", "p3": "frustrated"},
        {"p1": "happy", "p2": "pleased", "p3": "neutral"},
        {"p1": "anxious", "p2": "anxious", "p3": "uncertain"},
        {"p1": "delighted", "p2": "delighted", "p3": "excited"},
        {"p1": "angry", "p2": "disappointed", "p3": "annoyed"},
    ]
    tps: list[dict[str, Any]] = [
        {"id": f"tp{i}", "name": f"Step {i}", "channel": "web", "emotion": feeling}
        for i, feeling in enumerate(feelings)
    ]
    doc = journey_doc(tps, stages=1, personas=[("p1", "Sara, busy parent"), ("p2", "Omar"), ("p3", "Lina, student")])
    return Journey.model_validate(doc)


def test_emotion_labels_never_overlap_where_personas_share_points() -> None:
    dot = render(_three_personas(), "dot").decode("utf-8")
    labels = _boxes(dot, "emotion-label")
    assert len(labels) >= 10
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a[4], b[4])
    assert "Sara, Omar, Lina: frustrated" in dot, "one label for three personas who feel the same"
    assert "Sara, Omar: anxious" in dot


def test_emotion_labels_stay_inside_the_emotion_lane() -> None:
    dot = render(_three_personas(), "dot").decode("utf-8")
    [header] = [line for line in dot.splitlines() if "<B>Emotion</B>" in line and "shape=box" in line]
    y = float(re.search(r'pos="[\d.]+,([\d.]+)!"', header).group(1))  # type: ignore[union-attr]
    half = float(re.search(r"height=([\d.]+)", header).group(1)) * 36  # type: ignore[union-attr]
    for _, top, _, bottom, line in _boxes(dot, "emotion-label"):
        assert y - half <= bottom, line
        assert top <= y + half, line


@needs_dot
def test_legend_names_personas_at_body_size(tmp_path: Path) -> None:
    dot = render(journeymap.read(str(FIRST)), "dot").decode("utf-8")
    legend = "\n".join(line for *_, line in _boxes(dot, "legend"))
    assert "Sara, busy parent" in legend
    assert "Omar, careful first-timer" in legend
    assert "sara" not in legend.replace("Sara", ""), "names, not ids"
    sizes = {int(s) for s in re.findall(r'POINT-SIZE="(\d+)"', legend)}
    assert sizes
    assert min(sizes) >= 11, "the legend is at least the body text's size"
    title = _boxes(dot, "legend")[0]
    assert all(b[1] <= title[1] for b in _boxes(dot, "stage")), "the legend is above the map, under the title"


@needs_dot
def test_arabic_legend_first_line_reads_right_to_left() -> None:
    svg = svg_root(render(journeymap.read(str(ARABIC)), "svg"))
    texts = [(float(t.get("x", "0")), "".join(t.itertext())) for t in svg.iter(f"{SVG}text")]
    noun = [x for x, text in texts if "الشخصيات" in text]
    khalid = [x for x, text in texts if text.strip("\u200f ").startswith("خالد")]
    noura = [x for x, text in texts if text.strip("\u200f ").startswith("نورة")]
    assert noun
    assert khalid
    assert noura
    assert noun[0] > khalid[0] > noura[0], "the noun first (rightmost), then each persona in order"


# -- compact view ---------------------------------------------------------------------------------------------------


def test_compact_view_shows_each_stage_with_its_headlines_and_ranges() -> None:
    journey = journeymap.read(str(FIRST))
    dot = render(journey, "dot", "compact").decode("utf-8")
    stages = [line for *_, line in sorted(_boxes(dot, "stage"))]
    assert [re.search(r'tooltip="([^"]*)"', s).group(1) for s in stages] == [s.name for s in journey.stages]  # type: ignore[union-attr]
    scores = score(journey)
    for stage in journey.stages:
        ranked = [t for t in scores.ranked() if t.stage_id == stage.id]
        assert ranked[0].name.split()[0] in dot, "the stage's highest-priority touchpoint is a headline"
    assert "Sara, busy parent" in dot
    assert " .. " in dot, "emotion range per persona"
    assert "MOMENTS OF TRUTH" in dot


def test_compact_headlines_are_the_scoring_results_priorities() -> None:
    """One truth: "fix first" is the order of ``journeymap score`` (priority), never recomputed."""
    from journeymap.rendering import Friction
    from journeymap.rendering.compact import summarise

    journey = journeymap.read(str(TELECOM))
    scores = score(journey)
    heat = Friction.of(scores)
    for stage in journey.stages:
        summary = summarise(journey, stage, None, heat.touchpoints, heat.stages, heat.priority)
        ranked = [t for t in scores.ranked() if t.stage_id == stage.id and t.priority]
        assert [name for name, _ in summary.headlines] == [t.name for t in ranked[:3]]
        assert [f for _, f in summary.headlines] == [t.score for t in ranked[:3]]
        assert summary.friction == next(g.score for g in scores.stages if g.id == stage.id)


def test_compact_view_arabic_columns_run_right_to_left() -> None:
    journey = journeymap.read(str(ARABIC))
    dot = render(journey, "dot", "compact").decode("utf-8")
    order = [re.search(r'tooltip="([^"]*)"', line).group(1) for *_, line in sorted(_boxes(dot, "stage"))]  # type: ignore[union-attr]
    assert order == [s.name for s in reversed(journey.stages)]
    assert "لحظات الحقيقة" in dot


# -- paged PDF ---------------------------------------------------------------------------------------------------------


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _page_text(path: Path, page: int) -> str:
    command = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@needs_dot
@pytest.mark.parametrize(("size", "points"), [("a4", "842 x 595"), ("a3", "1191 x 842"), ("letter", "792 x 612")])
def test_paged_pdf_pages_sizes_and_numbers(tmp_path: Path, size: str, points: str) -> None:
    require(shutil.which("pdfinfo") and shutil.which("pdftotext"), "poppler-utils (pdfinfo, pdftotext)")
    out = tmp_path / "map.pdf"
    result = run_cli("render", FIRST, "--page", size, "-o", out)
    assert result.code == 0, result.stderr
    info = _pdfinfo(out)
    pages = int(info["Pages"])
    assert pages >= 3
    assert points in info["Page size"]
    title = _page_text(out, 1)
    assert "First purchase at Hearth & Home online" in title
    assert "Sara, busy parent" in title
    assert "Omar, careful first-timer" in title
    assert "NPS" in title, "the KPI strip"
    assert "Purchase" in title, "the stage overview"
    for page in range(1, pages + 1):
        text = _page_text(out, page)
        assert re.search(rf"\b{page}\s*/\s*{pages}\b", text), page
        if page > 1:
            assert "Actions" in text, "lane names on every map page"
            assert "Touchpoints" in text
    overview = re.findall(r"^(\S[^\n]*?) — [^\n]*· pages? (\d+)", title, re.MULTILINE)
    assert len(overview) == 4, title
    for stage, page in overview:
        assert stage.upper() in _page_text(out, int(page)), "the overview names the page each stage is on"
    if size == "a4":  # the page size changes numbers, not the code path: one size drawn twice is enough
        again = tmp_path / "again.pdf"
        assert run_cli("render", FIRST, "--page", size, "-o", again).code == 0
        assert again.read_bytes() == out.read_bytes(), "same input, same bytes"


@needs_dot
@needs_dot
def test_a_stage_wider_than_a_page_is_split_with_its_header_repeated(tmp_path: Path) -> None:
    require(shutil.which("pdftotext"), "poppler-utils (pdftotext)")
    out = tmp_path / "telecom.pdf"
    assert run_cli("render", TELECOM, "--page", "a4", "-o", out).code == 0
    title = _page_text(out, 1)
    found = re.search(r"Service and support — [^\n]*· pages (\d+)–(\d+)", title)
    assert found, title
    first, last = int(found.group(1)), int(found.group(2))
    assert last > first
    for page in range(first, last + 1):
        assert "SERVICE AND SUPPORT" in _page_text(out, page), "the stage header on every page of the stage"


@needs_dot
def test_paged_pdf_stages_and_compact_page(tmp_path: Path) -> None:
    require(shutil.which("pdfinfo"), "poppler-utils (pdfinfo)")
    out = tmp_path / "part.pdf"
    assert run_cli("render", TELECOM, "--page", "a4", "--stages", "purchase..post-purchase", "-o", out).code == 0
    assert int(_pdfinfo(out)["Pages"]) == 2, "a title page and the two stages chosen, on one page"
    assert "Service" not in _page_text(out, 2)
    summary = tmp_path / "summary.pdf"
    assert run_cli("render", ARABIC, "--view", "compact", "--page", "a4", "-o", summary).code == 0
    info = _pdfinfo(summary)
    assert info["Pages"].strip() == "1"
    assert "842 x 595" in info["Page size"]


def test_page_is_for_pdf_and_not_for_the_flow(tmp_path: Path) -> None:
    svg = run_cli("render", FIRST, "--page", "a4", "-f", "svg", "-o", tmp_path / "x.svg")
    assert svg.code == 2
    assert "--page lays out a PDF" in svg.stderr
    flow = run_cli("render", FIRST, "--page", "a4", "--view", "flow", "-o", tmp_path / "x.pdf")
    assert flow.code == 2
    assert "not the flow view" in flow.stderr


@needs_dot
def test_merge_keeps_every_page_in_order(tmp_path: Path) -> None:
    require(shutil.which("pdftotext"), "poppler-utils (pdftotext)")
    from journeymap.rendering.graphviz import run_graphviz

    pages = [run_graphviz(f'digraph {{ a [label="page {n}"]; }}', "pdf", "dot") for n in range(3)]
    out = tmp_path / "merged.pdf"
    out.write_bytes(merge(pages, "Título ٣"))
    assert merge(pages, "Título ٣") == out.read_bytes()
    assert int(_pdfinfo(out)["Pages"]) == 3
    assert [_page_text(out, n).strip() for n in (1, 2, 3)] == ["page 0", "page 1", "page 2"]
    assert "Título ٣" in _pdfinfo(out)["Title"]


@needs_dot
@pytest.mark.parametrize("example", [FIRST, TELECOM, ARABIC], ids=lambda p: p.stem)
def test_new_views_draw_without_graphviz_warnings(example: Path) -> None:
    """Every page of the paged map and the compact view draw with no warning (no label overflows its box,
    no text span Pango cannot lay out)."""
    from journeymap.rendering import BY_NAME, friction_of
    from journeymap.rendering.dot import to_dot
    from journeymap.rendering.map_view import MapOptions
    from journeymap.rendering.pages import paged_map

    journey = journeymap.read(str(example))
    heat = friction_of(journey)
    pages = paged_map(journey, MapOptions(BY_NAME["light"], None, heat.touchpoints, heat.stages), "a4")
    sources = [to_dot(page) for page in pages] + [render(journey, "dot", "compact").decode("utf-8")]
    for source in sources:
        command = ["dot", "-Kneato", "-n2", "-Tpng:cairo", "-o", "/dev/null"]
        completed = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, check=False)
        assert completed.returncode == 0
        assert completed.stderr == b"", completed.stderr.decode()
