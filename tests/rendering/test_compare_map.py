"""``render CURRENT --compare FUTURE``: one map of two states, laid out on the future state's columns.

What the comparison found (new, removed, renamed and changed touchpoints, friction before and after)
comes from ``journeymap.comparing.compare`` alone: a doctored Comparison shows on the map as it is,
so the map never matches touchpoints by itself. Both emotion curves per persona, current dashed
with hollow points, future solid; right-to-left journeys; themes; hostile labels; the CLI.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import journeymap
from journeymap.comparing import Comparison, Side, compare
from journeymap.errors import UsageError
from journeymap.rendering import render_comparison
from journeymap.rendering.labels import RLM
from journeymap.rendering.map_view import COLUMN
from journeymap.workspace import run
from tests.conftest import EXAMPLES, FIXTURES, assert_no_traceback, run_cli
from tests.rendering.dot_syntax import html_problems, skeleton
from tests.rendering.helpers import SVG, arabic_future_doc, dump_yaml, node_groups, svg_root, write_journey

CURRENT = FIXTURES / "compare" / "current.yaml"
FUTURE = FIXTURES / "compare" / "future.yaml"
FSI, PDI = "\u2068", "\u2069"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def sides(current: Path = CURRENT, future: Path = FUTURE) -> tuple[Side, Side]:
    before, after = run([str(current)]).results[0], run([str(future)]).results[0]
    return Side.of(before), Side.of(after)


@pytest.fixture(scope="module")
def pair() -> tuple[Side, Side, Comparison]:
    before, after = sides()
    return before, after, compare(before, after)


@pytest.fixture(scope="module")
def dot(pair: tuple[Side, Side, Comparison]) -> str:
    before, after, comparison = pair
    return render_comparison(before, after, "dot", comparison=comparison).decode("utf-8")


def boxes(dot: str, css_class: str) -> list[tuple[float, str]]:
    """(x centre, line) of every box whose class is exactly ``css_class``, left to right."""
    found = []
    for line in dot.splitlines():
        if f'class="{css_class}"' in line:
            x = float(re.search(r'pos="([\d.]+),', line).group(1))  # type: ignore[union-attr]
            found.append((x, line))
    return sorted(found)


def box_x(dot: str, css_class: str, tooltip: str) -> float:
    [x] = [x for x, line in boxes(dot, css_class) if f'tooltip="{tooltip}"' in line]
    return x


def points(dot: str, state: str) -> dict[str, float]:
    """Tooltip -> x of every emotion point of ``state`` (current or future)."""
    found = {}
    for line in dot.splitlines():
        if f'class="emotion-point {state}"' in line:
            tooltip = re.search(r'tooltip="([^"]*)"', line).group(1)  # type: ignore[union-attr]
            found[tooltip] = float(re.search(r'pos="([\d.]+),', line).group(1))  # type: ignore[union-attr]
    return found


def shown(value: float | None) -> str:
    return f"{FSI}{value:.0f}{PDI}" if value is not None else "–"


# -- what the comparison found, on the future state's columns ------------------------------------------------


def test_columns_are_the_future_states_plus_each_removed_touchpoint(dot: str, pair: Any) -> None:
    _, after, comparison = pair
    future = [tp.name for _, tp in after.journey.touchpoints()]
    removed = [d.name for d in comparison.with_status("removed")]
    assert removed == ["Satisfaction survey by e-mail"]
    cells = [re.search(r'tooltip="([^"]*)"', line).group(1) for _, line in boxes(dot, "touchpoint")]  # type: ignore[union-attr]
    assert cells == future, "the future state's touchpoints, in its order"
    assert [re.search(r'tooltip="([^"]*)"', line).group(1) for _, line in boxes(dot, "touchpoint removed")] == removed  # type: ignore[union-attr]
    # where it stood: after the touchpoint before it in the current state (the SMS), in its stage (Fix)
    assert box_x(dot, "touchpoint removed", removed[0]) == box_x(dot, "touchpoint", "Fault closed SMS") + COLUMN + 8


def test_removed_touchpoint_is_greyed_dashed_and_struck(dot: str) -> None:
    [(_, line)] = boxes(dot, "touchpoint removed")
    assert "dashed" in line
    assert "<S>Satisfaction survey</S>" in line
    assert "REMOVED" in line
    assert f"friction {FSI}70{PDI}" in line


def test_badges_follow_the_comparison(dot: str, pair: Any) -> None:
    _, _, comparison = pair
    for diff in comparison.touchpoints:
        if diff.status in ("unchanged", "removed"):
            continue
        [(_, line)] = [b for b in boxes(dot, "touchpoint") if f'tooltip="{diff.name}"' in b[1]]
        badge = {"added": "NEW", "renamed": "RENAMED", "changed": "CHANGED"}[diff.status]
        assert f"&#160;{badge}&#160;" in line, diff.id
        before, after = diff.friction
        expected = shown(after) if before is None else f"{shown(before)} → {shown(after)}"
        assert f"friction {expected}" in line, diff.id
    [(_, renamed)] = [b for b in boxes(dot, "touchpoint") if 'tooltip="Live status in the app"' in b[1]]
    assert "was: Service status page" in renamed
    [(_, same)] = [b for b in boxes(dot, "touchpoint") if 'tooltip="Fault closed SMS"' in b[1]]
    assert "&#160;" not in same, "an unchanged touchpoint has no badge"


def test_stage_headers_and_title_show_friction_before_and_after(dot: str, pair: Any) -> None:
    _, _, comparison = pair
    for group in comparison.stages:
        [(_, line)] = [b for b in boxes(dot, "stage") if f'tooltip="{group.name}"' in b[1]]
        assert f"friction {shown(group.before)} → {shown(group.after)}" in line
    journey = comparison.journey
    assert f"current → future · friction {shown(journey.before)} → {shown(journey.after)}" in dot
    assert "━━ ● future   ╍╍ ○ current" in dot, "the legend explains the two line styles"


def test_the_map_shows_what_the_comparison_says_and_never_matches_by_itself(pair: Any) -> None:
    """One truth: doctor the Comparison (call an unchanged touchpoint changed, a changed one new) and the map
    follows it."""
    before, after, comparison = pair
    doctored = tuple(
        dataclasses.replace(d, status="changed")
        if d.id == "fixed-sms"
        else dataclasses.replace(d, status="added", was=None)
        if d.id == "live-status"
        else d
        for d in comparison.touchpoints
    )
    fake = dataclasses.replace(comparison, touchpoints=doctored)
    text = render_comparison(before, after, "dot", comparison=fake).decode("utf-8")
    [(_, sms)] = [b for b in boxes(text, "touchpoint") if 'tooltip="Fault closed SMS"' in b[1]]
    assert "CHANGED" in sms
    [(_, status)] = [b for b in boxes(text, "touchpoint") if 'tooltip="Live status in the app"' in b[1]]
    assert "NEW" in status
    assert "was:" not in status
    assert not any("Service status page" in tooltip for tooltip in points(text, "current")), (
        "the current status page is matched to nothing now, so it has no current point"
    )


# -- two emotion curves per persona --------------------------------------------------------------------------


def test_current_points_stand_in_the_column_the_comparison_matched(dot: str) -> None:
    current, future = points(dot, "current"), points(dot, "future")
    renamed = current["maya, current: 2 (confused) at Service status page"]
    assert renamed == future["maya, future: 3 (neutral) at Live status in the app"], "renamed: the new column"
    survey = current["maya, current: 3 at Satisfaction survey by e-mail"]
    assert survey == box_x(dot, "touchpoint removed", "Satisfaction survey by e-mail") - 4.5
    assert not any("Outage SMS" in tooltip for tooltip in current), "a new touchpoint has no current point"
    assert not any("Satisfaction survey" in tooltip for tooltip in future)


def test_current_curve_is_dashed_with_hollow_points_future_solid(dot: str) -> None:
    current = [line for line in dot.splitlines() if 'class="emotion-point current"' in line]
    future = [line for line in dot.splitlines() if 'class="emotion-point future"' in line]
    assert current
    assert future
    assert all('fillcolor="#FFFFFF"' in line for line in current), "hollow: filled with the background"
    assert {re.search(r"shape=(\w+)", line).group(1) for line in future} == {"circle", "square"}  # type: ignore[union-attr]
    edges = [line for line in dot.splitlines() if re.match(r"\s+[ce]\d+_\d+ -> ", line)]
    assert all('style="dashed"' in e for e in edges if e.strip().startswith("c"))
    assert all('style="solid"' in e for e in edges if e.strip().startswith("e"))
    maya, walter = "#0072B2", "#D55E00"
    assert {re.search(r'color="([^"]+)"', e).group(1) for e in edges} == {maya, walter}  # type: ignore[union-attr]


def test_alternatives_of_a_step_are_not_joined_on_either_curve(dot: str) -> None:
    """support-call and support-chat are one step (alternatives) in both states: no line between them."""
    ids = {}
    for line in dot.splitlines():
        match = re.match(r'\s+([ce]0_\d+) \[.*tooltip="maya, \w+: [^"]* at ([^"]+)"', line)
        if match:
            ids[match.group(1)] = match.group(2)
    edges = {(a, b) for a, b in re.findall(r"\s([ce]0_\d+) -> ([ce]0_\d+)", dot)}
    named = {(ids[a], ids[b]) for a, b in edges}
    assert ("Call the support line", "Chat with support") not in named
    assert ("Live status in the app", "Call the support line") in named
    assert ("Live status in the app", "Chat with support") in named
    assert ("Chat with support", "Engineer visit") in named


# -- usage: the map only, never as Mermaid ---------------------------------------------------------------------


def test_mermaid_and_the_flow_view_are_usage_errors(pair: Any) -> None:
    before, after, _ = pair
    with pytest.raises(UsageError, match="cannot be drawn as mermaid"):
        render_comparison(before, after, "mermaid")
    result = run_cli("render", CURRENT, "--compare", FUTURE, "-f", "mermaid", "-o", "-")
    assert result.code == 2
    assert "--compare cannot be drawn as mermaid" in result.stderr
    assert "hint: draw the compared map as 'svg', 'png', 'pdf' or 'dot'" in result.stderr
    flow = run_cli("render", CURRENT, "--compare", FUTURE, "--view", "flow", "-f", "dot", "-o", "-")
    assert flow.code == 2
    assert "--compare draws the map view only" in flow.stderr
    assert flow.stdout == ""


def test_cli_writes_current_stem_compare_by_default(tmp_path: Path) -> None:
    result = run_cli("render", CURRENT, "--compare", FUTURE, "-f", "dot", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    written = tmp_path / "current-compare.dot"
    assert written.read_text(encoding="utf-8").startswith("digraph journeymap {")
    assert f"as dot to {written.name}" in result.stderr or "as dot to current-compare.dot" in result.stderr


def test_cli_dot_to_stdout_is_the_library_output(dot: str) -> None:
    result = run_cli("render", CURRENT, "--compare", FUTURE, "-f", "dot", "-o", "-")
    assert result.code == 0, result.output
    assert result.stdout == dot


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_cli_draws_images(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"map.{fmt}"
    result = run_cli("render", CURRENT, "--compare", FUTURE, "-o", target)
    assert result.code == 0, result.output
    data = target.read_bytes()
    assert data.startswith({"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[fmt])
    if fmt == "svg":
        root = svg_root(data)
        assert len(node_groups(root, "removed")) == 5, "the removed touchpoint's five cells"
        assert len(list(root.iter(f"{SVG}g"))) > 50


def test_cli_unrelated_invalid_and_several_paths(tmp_path: Path) -> None:
    other = EXAMPLES / "first-purchase.yaml"
    unrelated = run_cli("render", CURRENT, "--compare", other, "-f", "dot", "-o", "-")
    assert unrelated.code == 2
    assert "share no touchpoint id" in unrelated.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(FUTURE.read_text(encoding="utf-8").replace("channel: sms", "chanel: sms"), encoding="utf-8")
    invalid = run_cli("render", CURRENT, "--compare", broken, "-f", "dot", "-o", "-")
    assert_no_traceback(invalid)
    assert invalid.code == 1
    assert "broken.yaml:" in invalid.stderr
    assert "nothing drawn" in invalid.stderr
    assert invalid.stdout == ""
    several = run_cli("render", CURRENT, other, "--compare", FUTURE, "-f", "dot", "-o", "-")
    assert several.code == 2
    assert "takes one journey file" in several.stderr


def test_persona_draws_only_its_curves_and_touchpoints() -> None:
    before_w, after_w = (Side.of(run([str(p)], _walter()).results[0]) for p in (CURRENT, FUTURE))
    text = render_comparison(before_w, after_w, "dot", persona="walter").decode("utf-8")
    assert not [t for t in {**points(text, "current"), **points(text, "future")} if not t.startswith("walter")]
    assert 'tooltip="Chat with support"' not in text, "Maya's chat is not Walter's"


def _walter() -> Any:
    from journeymap.workspace import RunSettings

    return RunSettings(persona="walter")


# -- themes, right to left, hostile labels ---------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark", "print"])
def test_themes_colour_the_badges(pair: Any, theme: str) -> None:
    from journeymap.rendering.theme import BY_NAME

    before, after, comparison = pair
    text = render_comparison(before, after, "dot", theme, comparison=comparison).decode("utf-8")
    colours = BY_NAME[theme].changes
    for status in ("added", "changed", "renamed", "removed"):
        fill, ink, border = colours[status]
        assert f'<TD BGCOLOR="{fill}" COLOR="{border}"' in text
        assert f'COLOR="{ink}"><B>&#160;' in text
    assert f'bgcolor="{BY_NAME[theme].background}"' in text


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Comparison]:
    folder = tmp_path_factory.mktemp("arabic")
    future = write_journey(folder / "future.yaml", arabic_future_doc())
    before, after = sides(EXAMPLES / "bank-account-opening-ar.yaml", future)
    comparison = compare(before, after)
    return render_comparison(before, after, "dot", comparison=comparison).decode("utf-8"), comparison


def test_arabic_pair_reads_right_to_left(arabic: tuple[str, Comparison]) -> None:
    text, comparison = arabic
    [decision] = [g for g in comparison.stages if g.id == "decision"]
    arabic_digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    before, after = shown(decision.before).translate(arabic_digits), shown(decision.after).translate(arabic_digits)
    assert f"{RLM}الاحتكاك {before} ← {after}" in text, "the arrow points on, in the journey's digits"
    assert "من الوضع الحالي إلى الوضع المستقبلي" in text
    [(_, renamed)] = [b for b in boxes(text, "touchpoint") if "تحقق إلكتروني موجَّه" in b[1]]
    assert "اسم جديد" in renamed
    assert f"{RLM}سابقًا: التحقق الإلكتروني" in renamed
    note, badge = renamed.index("الاحتكاك"), renamed.index("اسم جديد")
    assert note < badge, "the badge cell comes last in the row: it stands at the right, where reading starts"
    # mirrored: the first stage on the right, so the removed FAQ stands left of the comparison page before it
    faq = box_x(text, "touchpoint removed", "الأسئلة الشائعة عن المستندات والرسوم")
    accounts = box_x(text, "touchpoint", "صفحة مقارنة الحسابات على الموقع")
    assert faq == accounts - COLUMN - 8
    assert "محذوفة" in text
    assert "جديدة" in text
    assert "معدّلة" in text


def test_hostile_labels_stay_inside_their_labels(tmp_path: Path) -> None:
    hostile = "<b>\"Bold\" & 'quoted'</b> ]; } \u202e reversed {{ x }} \\ \n next"
    doc = yaml_doc(CURRENT)
    future = yaml_doc(FUTURE)
    for state in (doc, future):
        for stage in state["stages"]:
            stage["name"] = hostile + stage["name"]
            for tp in stage["touchpoints"]:
                tp["name"] = hostile + tp["name"]
    plain = render_comparison(*sides(), "dot").decode("utf-8")
    current = write_journey(tmp_path / "current.yaml", doc)
    later = write_journey(tmp_path / "future.yaml", future)
    text = render_comparison(*sides(current, later), "dot").decode("utf-8")
    assert html_problems(text) == []
    assert skeleton(text) == skeleton(plain), "a hostile name adds, drops or moves no DOT token"
    assert "&lt;b&gt;&quot;Bold&quot; &amp; &#39;quoted&#39;&lt;/b&gt;" in text
    assert "\u202e" not in text


def yaml_doc(path: Path) -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def test_same_bytes_every_run(pair: Any, dot: str) -> None:
    before, after, _ = pair
    assert render_comparison(before, after, "dot").decode("utf-8") == dot
    assert journeymap.render(after.journey, "dot") != dot.encode("utf-8"), "a compared map is not the plain map"


def test_dump_yaml_round_trips_the_fixture(tmp_path: Path) -> None:
    """The hostile-label test rewrites the fixture with dump_yaml: the rewrite is the same journey."""
    path = write_journey(tmp_path / "future.yaml", yaml_doc(FUTURE))
    assert journeymap.read(str(path)) == journeymap.read(str(FUTURE))
    assert dump_yaml(yaml_doc(FUTURE))


STAGE_CURRENT = """\
version: 1
journey: {id: trip, title: Stage changes}
personas: [{id: ana, name: Ana}]
stages:
  - id: a
    name: Alpha
    touchpoints:
      - {id: a1, name: First, channel: web, emotion: 3}
      - {id: a2, name: Second gone, channel: web, emotion: 2}
  - id: b
    name: Beta removed
    touchpoints:
      - {id: b1, name: Beta only, channel: phone, emotion: 1}
  - id: c
    name: Gamma
    touchpoints:
      - {id: c1, name: Last, channel: email, emotion: 2}
"""
STAGE_FUTURE = """\
version: 1
journey: {id: trip-future, title: Stage changes (future), state: future, future_of: trip}
personas: [{id: ana, name: Ana}]
stages:
  - id: a
    name: Alpha
    touchpoints:
      - {id: a1, name: First, channel: web, emotion: 4}
  - id: d
    name: Delta new
    touchpoints:
      - {id: d1, name: New one, channel: mobile_app, emotion: 4}
  - id: c
    name: Gamma
    touchpoints:
      - {id: c1, name: Last, channel: email, emotion: 4}
"""


def test_removed_and_new_stages(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(STAGE_CURRENT, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(STAGE_FUTURE, encoding="utf-8")
    text = render_comparison(*sides(tmp_path / "c.yaml", tmp_path / "f.yaml"), "dot").decode("utf-8")
    order = [re.search(r'tooltip="([^"]*)"', line).group(1) for _, line in boxes(text, "stage")]  # type: ignore[union-attr]
    assert order == ["Alpha", "Delta new", "Gamma"]
    [(beta_x, beta)] = boxes(text, "stage removed")
    assert "<S>BETA REMOVED</S>" in beta
    assert "removed stage · friction" in beta
    assert "dashed" in beta
    [(_, delta)] = [b for b in boxes(text, "stage") if 'tooltip="Delta new"' in b[1]]
    assert "new stage · friction" in delta
    cells = [
        re.search(r'tooltip="([^"]*)"', line).group(1)
        for _, line in sorted(boxes(text, "touchpoint") + boxes(text, "touchpoint removed"))
    ]  # type: ignore[union-attr]
    assert cells == ["First", "Second gone", "Beta only", "New one", "Last"], "each removed one where it stood"
    assert box_x(text, "touchpoint removed", "Beta only") == beta_x


def test_a_renamed_stage_is_no_new_stage_on_the_map(tmp_path: Path) -> None:
    """A stage whose id changed with ``was:`` keeps its friction before -> after, with no 'new stage' mark,
    as compare says it once."""
    source = EXAMPLES / "telecom-support.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("  - id: service\n") == 1
    renamed = text.replace("  - id: service\n", "  - id: care\n    was: service\n")
    after = tmp_path / "telecom-support.after.yaml"
    after.write_text(renamed, encoding="utf-8")
    result = run_cli("render", source, "--compare", after, "-f", "dot", "-o", "-")
    assert result.code == 0, result.output
    assert "new stage" not in result.stdout
    assert "Service and support" in result.stdout
