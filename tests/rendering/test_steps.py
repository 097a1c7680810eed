"""Steps on the map and in the flow, and room under three-line touchpoint names.

A step (touchpoints next to each other with the same ``step``) is a set of alternatives: the map keeps
one column per touchpoint and brackets them ("one of 3"); the flow puts them at one rank, in a dashed
frame, with the edges of ``journeymap.flow`` fanning in and out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise

import journeymap
from journeymap.model import Journey
from journeymap.rendering.map_view import BRACKET, COLUMN, GAP
from tests.conftest import require
from tests.rendering.helpers import SVG, node_groups, svg_root

SUPPORT = """\
version: 1
journey: {title: Broadband fault, language: en}
personas:
  - {id: maya, name: Maya}
  - {id: tom, name: Tom}
stages:
  - id: service
    name: Service
    touchpoints:
      - id: status-page
        name: Service status page on the website with the outage map
        channel: web
        emotion: 2
        moment_of_truth: {impact: high}
      - id: call-support
        step: contact
        name: Call the support line
        channel: phone
        emotion: 1
        next: [engineer-visit]
      - id: chat-support
        step: contact
        name: Chat with support
        channel: live_chat
        emotion: 3
      - id: app-ticket
        step: contact
        name: Open a ticket in the app
        channel: mobile_app
        emotion: 3
        personas: [tom]
  - id: fix
    name: Fix
    touchpoints:
      - {id: engineer-visit, name: Engineer visit, channel: in_person, emotion: 4}
      - {id: survey, name: Follow-up survey, channel: email, emotion: 4}
"""


def journey_from(text: str) -> Journey:
    journey = journeymap.validate(journeymap.load_text(text, "support.yaml")).journey
    assert journey is not None
    return journey


def render(text: str, fmt: str = "dot", **options: str) -> str:
    return journeymap.render(journey_from(text), fmt, **options).decode("utf-8")  # type: ignore[arg-type]


def positions(dot: str, css_class: str) -> list[tuple[float, float, float]]:
    """(x centre, y centre, width in points) of every box with ``css_class``."""
    found = []
    for line in dot.splitlines():
        if f'class="{css_class}"' in line:
            x, y = re.search(r'pos="([\d.]+),([\d.]+)!"', line).groups()  # type: ignore[union-attr]
            width = float(re.search(r"width=([\d.]+)", line).group(1)) * 72  # type: ignore[union-attr]
            found.append((float(x), float(y), width))
    return found


# -- the map -------------------------------------------------------------------------------------------


def test_a_step_is_bracketed_as_one_of_its_touchpoints_and_keeps_the_columns() -> None:
    dot = render(SUPPORT)
    [label] = [line for line in dot.splitlines() if 'class="step"' in line]
    assert ">one of 3<" in label
    cells = positions(dot, "touchpoint")
    xs = [x for x, _, _ in cells]
    assert [round(b - a, 1) for a, b in pairwise(xs)] == [COLUMN + GAP] * 5, "one column each"
    bracket_x = positions(dot, "step")[0][0]
    assert bracket_x == (xs[1] + xs[3]) / 2, "centred over the three alternatives"
    assert dot.count("[shape=point") >= 4 + 10, "four corners of the bracket, besides the emotion grid"


def test_the_bracket_follows_the_persona() -> None:
    dot = render(SUPPORT, persona="maya")  # maya never opens a ticket in the app
    assert ">one of 2<" in dot


def test_no_step_no_bracket_and_no_room_kept_for_one() -> None:
    plain = SUPPORT.replace("step: contact", "owner: Support")
    dot = render(plain)
    assert 'class="step"' not in dot
    assert canvas_height(render(SUPPORT)) - canvas_height(dot) == BRACKET, "the band is only there for a step"


def canvas_height(dot: str) -> float:
    return float(re.search(r'bb="0,0,[\d.]+,([\d.]+)"', dot).group(1))  # type: ignore[union-attr]


def test_an_arabic_bracket_uses_arabic_words_and_digits() -> None:
    arabic = SUPPORT.replace("language: en", "language: ar")
    assert ">واحدة من ٣<" in render(arabic)


def test_a_three_line_name_keeps_its_distance_from_the_moment_of_truth_marker() -> None:
    """Issue #13: the marker sat right under the third line of a name."""
    require(shutil.which("dot"), "Graphviz is needed to draw the map")
    root = svg_root(render(SUPPORT, "svg").encode("utf-8"))
    status_page = node_groups(root, "touchpoint")[0]
    lines = [(float(t.get("y", "0")), "".join(t.itertext())) for t in status_page.iter(f"{SVG}text")]
    names = [y for y, text in lines if text.strip() and "moment of truth" not in text and "Website" not in text]
    marker = next(y for y, text in lines if "moment of truth" in text)
    assert len(names) == 3, lines
    assert marker - names[-1] >= 13.5, f"the marker is {marker - names[-1]:.1f} pt below the name's last line"


# -- the flow ------------------------------------------------------------------------------------------


def curve_edges(dot: str) -> set[tuple[str, str, str]]:
    """(persona, from touchpoint, to touchpoint) of every emotion-curve line of a map's DOT."""
    names = {}
    for line in dot.splitlines():
        found = re.match(r'\s+(e\d+_\d+) \[.*tooltip="(\w+): [^"]* at ([^"]+)"', line)
        if found:
            names[found.group(1)] = (found.group(2), found.group(3))
    return {(names[a][0], names[a][1], names[b][1]) for a, b in re.findall(r"^\s+(e\d+_\d+) -> (e\d+_\d+)", dot, re.M)}


def test_the_emotion_curve_fans_out_to_a_steps_alternatives_and_back_without_a_zigzag() -> None:
    """Alternatives are not a sequence: the point before a step leads to each of them, each leads on to the
    point after, and no line joins one alternative to the next (it used to zig-zag through them)."""
    edges = curve_edges(render(SUPPORT))
    status, call, chat, app = (
        "Service status page on the website with the outage map",
        "Call the support line",
        "Chat with support",
        "Open a ticket in the app",
    )
    for persona, alternatives in (("maya", (call, chat)), ("tom", (call, chat, app))):
        for alternative in alternatives:
            assert (persona, status, alternative) in edges
            assert (persona, alternative, "Engineer visit") in edges
        for first, second in pairwise(alternatives):
            assert (persona, first, second) not in edges, f"{persona}: a line from {first} to {second}"
    assert ("maya", status, app) not in edges, "Maya never meets the app ticket"
    assert ("maya", "Engineer visit", "Follow-up survey") in edges
    assert len(edges) == 2 * 2 + 3 * 2 + 2


def test_the_curve_follows_the_persona_filter() -> None:
    edges = curve_edges(render(SUPPORT, persona="maya"))
    assert {persona for persona, _, _ in edges} == {"maya"}
    assert ("maya", "Call the support line", "Chat with support") not in edges


def test_the_flow_puts_a_step_at_one_rank_in_a_frame() -> None:
    dot = render(SUPPORT, view="flow")
    assert "subgraph cluster_step_0_1 {" in dot
    assert "label=<one of 3>" in dot
    assert re.search(r"\{ rank=same; t3; t2; t1; \}", dot), dot


def test_the_flow_draws_the_edges_of_the_touchpoint_graph() -> None:
    dot = render(SUPPORT, view="flow")
    drawn = set(re.findall(r"^\s*(t\d) -> (t\d) \[(?!style=invis)", dot, re.MULTILINE))
    into_step = {("t0", "t1"), ("t0", "t2"), ("t0", "t3")}
    out_of_step = {("t1", "t4"), ("t2", "t4"), ("t3", "t4")}
    assert into_step | out_of_step | {("t4", "t5")} == drawn
    assert not {("t1", "t2"), ("t2", "t3")} & drawn, "no path from one alternative to another"


def test_the_flow_stacks_a_step_top_down_in_journey_order() -> None:
    require(shutil.which("dot"), "Graphviz is needed to lay out the flow")
    for direction in ("en", "ar"):
        dot = render(SUPPORT.replace("language: en", f"language: {direction}"), view="flow")
        plain = subprocess.run(["dot", "-Tplain"], input=dot.encode(), capture_output=True, check=True).stdout
        heights = {}
        for line in plain.decode().splitlines():
            parts = line.split()
            if parts[:1] == ["node"] and parts[1] in ("t1", "t2", "t3"):
                heights[parts[1]] = float(parts[3])
        assert heights["t1"] > heights["t2"] > heights["t3"], (direction, heights)
