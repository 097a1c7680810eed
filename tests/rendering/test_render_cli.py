"""`journeymap render` through the real CLI: every example, view and format, and every output option."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from journeymap.api import read
from journeymap.rendering.map_view import COLUMN, PAD
from journeymap.rendering.text import CHAR_WIDTH, wrap
from tests.conftest import EXAMPLES, ROOT, assert_no_traceback, run_cli
from tests.rendering.helpers import (
    MOMENT_WORDS,
    SVG,
    first_text_x,
    node_groups,
    squash,
    svg_root,
    svg_texts,
    visible_text,
)

#: Characters per line of a touchpoint's name (12pt bold) as the map and the flow wrap it, three lines at most.
NAME_CHARS = {"map": int(int((COLUMN - 2 * PAD) / (10.5 * CHAR_WIDTH)) * 10.5 / 13), "flow": int(24 * 10.5 / 13)}

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
ARABIC = EXAMPLES / "bank-account-opening-ar.yaml"
FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"
FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
#: Every view in every format that can carry it: Mermaid has no flow view (see test_render_options.py).
COMBINATIONS = [(view, fmt) for view in ("map", "flow") for fmt in FORMATS if (view, fmt) != ("flow", "mermaid")]
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mmd"}
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
INSTALL_HINT_PARTS = ("apt-get install graphviz", "brew install graphviz", "winget install graphviz")

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def _render(tmp_path: Path, example: Path, view: str, fmt: str, *extra: str) -> bytes:
    out = tmp_path / f"{example.stem}-{view}.{EXTENSIONS[fmt]}"
    result = run_cli("render", example, "--view", view, "--format", fmt, "-o", out, *extra)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    assert out.exists()
    assert out.stat().st_size > 0
    return out.read_bytes()


# -- every example x view x format ----------------------------------------------------------


#: Known bug, checked on its own below so the other examples and formats stay covered.
KNOWN_WARNING = (ARABIC.stem, "map", "dot")


@pytest.mark.slow  # every example in every view and format, images twice (the goldens pin each output by default)
@needs_dot
@pytest.mark.parametrize(("view", "fmt"), COMBINATIONS)
def test_every_example_renders_the_same_bytes_twice(tmp_path: Path, view: str, fmt: str) -> None:
    """All examples in one run (-o DIR): each output checked on its own; images rendered twice are identical.

    Text formats (svg, dot, mermaid) are pinned byte for byte by the goldens (tests/formats/test_golden.py).
    """
    out = tmp_path / "out"
    result = run_cli("render", *EXAMPLE_FILES, "--view", view, "--format", fmt, "-o", out)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    if fmt in MAGIC:
        again = run_cli("render", *EXAMPLE_FILES, "--view", view, "--format", fmt, "-o", tmp_path / "again")
        assert again.code == 0, again.output
        first = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        assert first == {p.name: p.read_bytes() for p in sorted((tmp_path / "again").iterdir())}, "not deterministic"
    tag = "-flow" if view == "flow" else ""
    for example in EXAMPLE_FILES:
        target = out / f"{example.stem}{tag}.{EXTENSIONS[fmt]}"
        assert target.exists(), target
        assert target.stat().st_size > 0, target
        data = target.read_bytes()
        if fmt in MAGIC:
            assert data.startswith(MAGIC[fmt])
        elif fmt == "svg":
            _check_svg(data, example, view)
        elif fmt == "dot":
            _check_dot_redraws(data, view, warnings_allowed=(example.stem, view, fmt) == KNOWN_WARNING)
        else:
            assert data.decode("utf-8").startswith("journey\n")


@needs_dot
def test_arabic_map_dot_redraws_without_warnings() -> None:
    from journeymap.rendering import render

    _check_dot_redraws(render(read(str(ARABIC)), "dot", "map"), "map")


def _check_svg(data: bytes, example: Path, view: str) -> None:
    root = svg_root(data)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    journey = read(str(example))
    text = visible_text(root)
    for _, tp in journey.touchpoints():
        shown = squash("".join(wrap(tp.name, NAME_CHARS[view], max_lines=3)))  # a long name ends in "…"
        assert shown in text, f"touchpoint {tp.name!r} is not drawn ({view} view)"
    language = journey.info.language.split("-")[0]
    moment = MOMENT_WORDS.get(language, MOMENT_WORDS["en"])
    marked = [t for t in svg_texts(root) if moment in t and "★" in t]
    moments = [tp for _, tp in journey.touchpoints() if tp.moment_of_truth is not None]
    assert moments, "every example has moments of truth"
    assert len(marked) == len(moments), f"{len(moments)} moments of truth but {len(marked)} markers"
    if journey.info.rtl:
        _check_right_to_left(root, journey, view)


def _check_right_to_left(root, journey, view: str) -> None:  # type: ignore[no-untyped-def]
    if view == "map":
        headers = node_groups(root, "stage")
    else:
        headers = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "") == "cluster"]
    assert len(headers) == len(journey.stages)
    xs = [first_text_x(g) for g in headers]
    assert xs[0] > xs[-1], f"stages are not right to left: {xs}"
    if view == "map":  # the map is a grid: strictly right to left
        assert xs == sorted(xs, reverse=True), xs


def _check_dot_redraws(data: bytes, view: str, warnings_allowed: bool = False) -> None:
    command = ["dot", "-Kneato", "-n2", "-Tsvg"] if view == "map" else ["dot", "-Tsvg"]
    completed = subprocess.run(command, input=data, capture_output=True, check=False, timeout=60)
    assert completed.returncode == 0, completed.stderr.decode()
    if not warnings_allowed:
        assert completed.stderr == b"", completed.stderr.decode()
    svg_root(completed.stdout)


@needs_dot
def test_left_to_right_journey_is_left_to_right(tmp_path: Path) -> None:
    root = svg_root(_render(tmp_path, FIRST_PURCHASE, "map", "svg"))
    xs = [first_text_x(g) for g in node_groups(root, "stage")]
    assert xs == sorted(xs)
    assert len(xs) == len(read(str(FIRST_PURCHASE)).stages)


@needs_dot
def test_arabic_map_uses_arabic_words(tmp_path: Path) -> None:
    root = svg_root(_render(tmp_path, ARABIC, "map", "svg"))
    texts = "".join(svg_texts(root))
    assert "لحظة الحقيقة" in texts
    assert "نقاط الاتصال" in texts
    assert "moment of truth" not in texts


# -- output options -----------------------------------------------------------------------------


def test_output_directory_with_several_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", *EXAMPLE_FILES, "-o", out, "--format", "dot")
    assert result.code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.dot" for p in EXAMPLE_FILES)
    assert f"rendered {len(EXAMPLE_FILES)} of {len(EXAMPLE_FILES)} journeys as dot" in result.stderr


def test_an_image_name_for_several_inputs_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out" / "one.svg"
    result = run_cli("render", EXAMPLES / "first-purchase.yaml", EXAMPLES / "telecom-support.yaml", "-o", target)
    assert result.code == 2
    assert f"-o {target} names one image, but 2 journeys are drawn" in result.stderr
    assert f"give a directory (-o {tmp_path / 'out' / 'one'}/) or one journey" in result.stderr
    assert not (tmp_path / "out").exists()  # not a folder called one.svg holding both maps


def test_a_directory_of_inputs(tmp_path: Path) -> None:
    out = tmp_path / "flows"
    result = run_cli("render", EXAMPLES, "-o", f"{out}/", "--format", "dot", "--view", "flow")
    assert result.code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}-flow.dot" for p in EXAMPLE_FILES)


@pytest.mark.parametrize(("fmt", "start"), [("dot", "digraph"), ("mermaid", "journey\n")])
def test_standard_output_for_text_formats(fmt: str, start: str) -> None:
    result = run_cli("render", FIRST_PURCHASE, "--format", fmt, "-o", "-")
    assert result.code == 0, result.output
    assert result.stdout.startswith(start)
    several = run_cli("render", *EXAMPLE_FILES, "--format", fmt, "-o", "-")
    assert several.code == 0, several.output
    assert several.stdout.count(start) == len(EXAMPLE_FILES)


def test_several_images_cannot_go_to_standard_output() -> None:
    result = run_cli("render", *EXAMPLE_FILES, "--format", "svg", "-o", "-")
    assert result.code == 2
    assert "standard output" in result.stderr
    assert "-o DIR" in result.stderr


@needs_dot
def test_default_names_in_the_current_directory(tmp_path: Path) -> None:
    assert run_cli("render", FIRST_PURCHASE, cwd=tmp_path).code == 0
    assert run_cli("render", FIRST_PURCHASE, "--view", "flow", "--format", "dot", cwd=tmp_path).code == 0
    assert run_cli("render", FIRST_PURCHASE, "--format", "mermaid", cwd=tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "first-purchase-flow.dot",
        "first-purchase.mmd",
        "first-purchase.svg",
    ]


@needs_dot
@pytest.mark.parametrize(
    ("name", "magic"), [("map.png", MAGIC["png"]), ("map.pdf", MAGIC["pdf"]), ("m.mermaid", b"journey")]
)
def test_format_from_the_output_extension(tmp_path: Path, name: str, magic: bytes) -> None:
    result = run_cli("render", FIRST_PURCHASE, "-o", tmp_path / name)
    assert result.code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(magic)


@needs_dot
@pytest.mark.parametrize("view", ["map", "flow"])
def test_persona_filter(tmp_path: Path, view: str) -> None:
    journey = read(str(FIRST_PURCHASE))
    root = svg_root(_render(tmp_path, FIRST_PURCHASE, view, "svg", "--persona", "sara"))
    text = visible_text(root)
    shown = [tp for _, tp in journey.touchpoints() if tp.serves("sara")]
    hidden = [tp for _, tp in journey.touchpoints() if not tp.serves("sara")]
    assert hidden, "the example must have touchpoints Sara does not meet"
    for tp in shown:
        assert squash(tp.name) in text
    for tp in hidden:
        assert squash(tp.name) not in text, f"{tp.name!r} is not Sara's"


def test_unknown_persona_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "x.mmd"
    result = run_cli("render", FIRST_PURCHASE, "--persona", "sarah", "-o", out)
    assert result.code == 2, result.output
    assert "no persona 'sarah'" in result.stderr
    assert "sara" in result.stderr.split("hint", 1)[-1]
    assert not out.exists()


@needs_dot
@pytest.mark.parametrize(("theme", "background"), [("dark", "#16181d"), ("print", "#ffffff")])
def test_themes(tmp_path: Path, theme: str, background: str) -> None:
    for view in ("map", "flow"):
        data = _render(tmp_path, FIRST_PURCHASE, view, "svg", "--theme", theme)
        root = svg_root(data)
        graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
        fills = {(el.get("fill") or "").lower() for el in graph.iter(f"{SVG}polygon")}
        assert background in fills, (theme, view, fills)


def test_invalid_journey_is_skipped_and_the_others_drawn(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(FIRST_PURCHASE, inputs / "good.yaml")
    (inputs / "bad.yaml").write_text(yaml.safe_dump({"version": 1, "journey": {"title": "No stages"}}))
    out = tmp_path / "out"
    result = run_cli("render", inputs, "-o", out, "--format", "dot")
    assert_no_traceback(result)
    assert result.code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["good.dot"]
    assert "bad.yaml" in result.stderr
    assert "rendered 1 of 2 journeys" in result.stderr


def test_invalid_single_journey_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\njourney: {title: x}\npersonas: []\n")
    result = run_cli("render", bad, "-o", tmp_path / "bad.svg")
    assert result.code == 1, result.output
    assert not (tmp_path / "bad.svg").exists()


def _run_without_graphviz(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "PATH": str(empty), "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "journeymap", "render", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_graphviz_missing_names_the_install_command(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    completed = _run_without_graphviz(tmp_path, str(FIRST_PURCHASE), "--format", fmt, "-o", str(out))
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert "Graphviz is not installed" in completed.stderr
    for part in INSTALL_HINT_PARTS:
        assert part in completed.stderr
    assert not out.exists()


@pytest.mark.slow  # a real process per view and format (PATH without Graphviz): ./scripts/test runs the slow group
@pytest.mark.parametrize(("view", "fmt"), [c for c in COMBINATIONS if c[1] in ("dot", "mermaid")])
def test_text_formats_work_without_graphviz(tmp_path: Path, fmt: str, view: str) -> None:
    out = tmp_path / f"x.{EXTENSIONS[fmt]}"
    args = (str(FIRST_PURCHASE), "--format", fmt, "--view", view, "-o", str(out))
    completed = _run_without_graphviz(tmp_path, *args)
    assert completed.returncode == 0, completed.stderr
    assert out.read_bytes().startswith(b"digraph" if fmt == "dot" else b"journey")


def _read_only_dir(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        return locked
    # root ignores permission bits: use a read-only file system when there is one
    candidate = Path("/sys")
    try:
        (candidate / "journeymap-probe").write_bytes(b"")
    except OSError:
        return candidate
    pytest.skip("running as root with no read-only directory to write into")


def test_read_only_output_directory(tmp_path: Path) -> None:
    locked = _read_only_dir(tmp_path)
    try:
        result = run_cli("render", FIRST_PURCHASE, "--format", "dot", "-o", locked / "first-purchase.dot")
        assert_no_traceback(result)
        assert result.code == 2, result.output
        assert "cannot write" in result.stderr
        assert str(locked) in result.stderr
        assert not (locked / "first-purchase.dot").exists()
    finally:
        if locked.is_relative_to(tmp_path):
            locked.chmod(0o755)


def test_output_inside_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("render", *EXAMPLE_FILES, "--format", "dot", "-o", blocker)
    assert_no_traceback(result)
    assert result.code == 2, result.output
    assert "not a directory" in result.stderr


def test_output_names_never_collide(tmp_path: Path) -> None:
    inputs = []
    for folder, example, name in (("a", FIRST_PURCHASE, "x"), ("b", EXAMPLE_FILES[-1], "x"), ("c", ARABIC, "x-2")):
        (tmp_path / folder).mkdir()
        inputs.append(shutil.copy(example, tmp_path / folder / f"{name}.yaml"))
    out = tmp_path / "out"
    result = run_cli("render", *inputs, "--format", "mermaid", "-o", out)
    assert result.code == 0, result.output
    assert len(list(out.iterdir())) == 3


def test_standard_input_goes_to_standard_output(tmp_path: Path) -> None:
    result = run_cli(
        "render", "-", "--format", "mermaid", stdin=FIRST_PURCHASE.read_text(encoding="utf-8"), cwd=tmp_path
    )
    assert result.code == 0, result.output
    assert result.stdout.startswith("journey\n")
    assert list(tmp_path.iterdir()) == []
