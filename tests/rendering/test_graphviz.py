"""No silent broken images: Graphviz's warnings are read, PNGs too big to read are refused (JM732-JM734)."""

from __future__ import annotations

import re
import shutil
import struct
import warnings
from pathlib import Path

import pytest

from journeymap.rendering import graphviz, labels
from journeymap.rendering.graphviz import ImageLimits, ImageTooLarge, RenderWarning, png_dpi, run_graphviz
from tests.conftest import EXAMPLES, ROOT, assert_no_traceback, run_cli
from tests.rendering.helpers import write_journey
from tests.rendering.test_big_journey import big_journey

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
FIRST = EXAMPLES / "first-purchase.yaml"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_picture_that_fits_keeps_96_dpi_and_says_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert png_dpi(2000.0, ImageLimits(30_000, 24.0)) == 96.0


def test_a_wide_picture_is_drawn_at_the_highest_dpi_that_fits_and_says_so() -> None:
    with pytest.warns(RenderWarning) as said:
        dpi = png_dpi(36_000.0, ImageLimits(30_000, 24.0))
    assert dpi == 60.0  # 30,000 px / 500 in
    assert 36_000 / 72 * dpi <= 30_000
    assert [w.message.code for w in said] == ["JM733"]  # type: ignore[union-attr]
    assert "60 dpi" in str(said[0].message)


def test_a_picture_illegible_even_at_the_lowest_dpi_is_refused() -> None:
    with pytest.raises(ImageTooLarge) as refused:
        png_dpi(184_158.0, ImageLimits(30_000, 24.0))  # a 1,000-touchpoint map
    assert refused.value.code == "JM732"
    assert "61,386 pixels" in refused.value.message
    assert "-f svg" in (refused.value.hint or "")


def test_the_drawn_size_is_the_laid_out_bounding_box_with_its_padding() -> None:
    laid_out = 'digraph g {\n\tgraph [bb="0,0,74037,190",\n\t\tlabel="pad=9"\n\t];\n\tnode [pad=3];\n}\n'
    assert graphviz.extent_points(laid_out) == 74037 + 8  # Graphviz's default 4 pt on each side
    padded = 'digraph g {\n\tgraph [bb="0,0,3438.1,1072.8",\n\t\tpad=0.25,\n\t];\n}\n'
    assert graphviz.extent_points(padded) == pytest.approx(3438.1 + 36)
    assert graphviz.extent_points("digraph g {}") == 0.0


@needs_dot
def test_a_map_png_is_measured_with_its_padding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The map's 0.25 in padding counts: a limit the diagram alone fits but the drawing does not lowers the dpi."""
    import journeymap
    from journeymap.rendering import render

    journey = journeymap.read(str(FIRST))
    svg = render(journey, "svg").decode()
    width = float(re.search(r'<svg width="([0-9.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    monkeypatch.setattr(graphviz, "MAX_PNG_PIXELS", int(width * 96 / 72) - 2)
    with pytest.warns(RenderWarning):
        png = render(journey, "png")
    assert max(png_size(png)) <= graphviz.MAX_PNG_PIXELS


def test_cells_wider_than_graphviz_accepts_are_held_at_its_limit() -> None:
    assert 'WIDTH="65535"' in labels.flush("x", 110_468.0, "LEFT")
    assert 'WIDTH="900"' in labels.flush("x", 900.0, "LEFT")


@needs_dot
def test_graphviz_warnings_become_jm734_diagnostics() -> None:
    dot = 'digraph g { a [label=<<TABLE><TR><TD WIDTH="70000">x</TD></TR></TABLE>>]; }\n'
    with pytest.warns(RenderWarning) as said:
        svg = run_graphviz(dot, "svg", "dot")
    assert svg.startswith(b"<?xml")
    codes = [w.message.code for w in said]  # type: ignore[union-attr]
    assert codes == ["JM734"]
    assert "WIDTH value 70000 > 65535" in str(said[0].message)


@needs_dot
def test_png_map_over_the_limit_is_drawn_smaller_with_a_warning_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz, "MAX_PNG_PIXELS", 2000)
    out = tmp_path / "map.png"
    result = run_cli("render", FIRST, "-o", out)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    assert re.search(r"first-purchase\.yaml: warning\[JM733\] the PNG is drawn at \d+ dpi", result.stderr)
    assert "hint: for full-size text draw it as SVG" in result.stderr
    assert max(png_size(out.read_bytes())) <= 2000


@needs_dot
def test_png_map_illegible_at_the_lowest_dpi_is_refused_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz, "MAX_PNG_PIXELS", 300)
    out = tmp_path / "map.png"
    result = run_cli("render", FIRST, "-o", out)
    assert_no_traceback(result)
    assert result.code == 2, result.output
    assert "journeymap: error[JM732]: this picture is too big for a legible PNG" in result.stderr
    assert "hint: draw it as SVG (-f svg)" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


@needs_dot
def test_flow_png_that_graphviz_scales_down_is_reported_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long flow is laid out first, so only Graphviz knows its size: the dpi is chosen from its laid-out
    bounding box, so the whole drawing fits the limit (cairo used to cut it at 32,767 pixels)."""
    source = write_journey(tmp_path / "long.yaml", big_journey(220, 4))
    out = tmp_path / "flow.png"
    result = run_cli("render", source, "--view", "flow", "-o", out)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    said = re.search(r"long\.yaml: warning\[JM733\] the PNG is drawn at (\d+) dpi", result.stderr)
    assert said is not None, result.stderr
    assert 24 <= int(said.group(1)) < 96
    assert max(png_size(out.read_bytes())) <= graphviz.MAX_PNG_PIXELS
    svg = tmp_path / "flow.svg"
    assert run_cli("render", source, "--view", "flow", "-o", svg).code == 0
    width_points = float(re.search(r'<svg width="([0-9.]+)pt"', svg.read_text()).group(1))  # type: ignore[union-attr]
    assert abs(png_size(out.read_bytes())[0] - width_points * int(said.group(1)) / 72) <= 1  # nothing cut off
    out.unlink()
    monkeypatch.setattr(graphviz, "MIN_PNG_DPI", 95.0)  # the same scaling is now below what is legible
    refused = run_cli("render", source, "--view", "flow", "-o", out)
    assert refused.code == 2, refused.output
    assert "error[JM732]" in refused.stderr
    assert not out.exists()


def test_every_render_code_is_documented_in_the_render_guide() -> None:
    from journeymap.codes import CODES, doc_url

    page = (ROOT / "docs" / "render.md").read_text(encoding="utf-8")
    render_codes = [code for code, entry in CODES.items() if entry.stage == "render"]
    assert render_codes == ["JM730", "JM731", "JM732", "JM733", "JM734"]
    for code in render_codes:
        assert doc_url(code).endswith(f"render.md#{code.lower()}")
        assert f'<a id="{code.lower()}"></a>' in page, code


@needs_dot
def test_the_refusal_suggests_persona_only_when_none_was_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphviz, "MAX_PNG_PIXELS", 300)
    everyone = run_cli("render", FIRST, "-o", tmp_path / "all.png")
    assert everyone.code == 2, everyone.output
    assert "or one persona at a time (--persona ID)" in everyone.stderr
    one = run_cli("render", FIRST, "--persona", "sara", "-o", tmp_path / "sara.png")
    assert one.code == 2, one.output
    assert "error[JM732]" in one.stderr
    assert "--persona" not in one.stderr
    assert "or some stages at a time (--stages FIRST..LAST)" in one.stderr
