"""A flow view that scales: bounded layout effort for big flows, a clear refusal above FLOW_LIMIT (JM731)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeymap.api import read
from journeymap.rendering import flow_view
from journeymap.rendering.flow_view import FAST_LAYOUT_FROM, FlowTooLarge, check_flow_size
from tests.conftest import EXAMPLES, assert_no_traceback, run_cli
from tests.rendering.helpers import write_journey
from tests.rendering.test_big_journey import big_journey

TELECOM = EXAMPLES / "telecom-support.yaml"


def graph_line(dot: str) -> str:
    return next(line for line in dot.splitlines() if line.startswith("  graph ["))


def test_small_flows_keep_graphviz_defaults_and_big_ones_get_bounded_layout_effort(tmp_path: Path) -> None:
    small = run_cli("render", TELECOM, "--view", "flow", "-f", "dot", "-o", "-")
    assert small.code == 0, small.output
    assert "nslimit" not in graph_line(small.stdout)
    source = write_journey(tmp_path / "big.yaml", big_journey(FAST_LAYOUT_FROM, 4))
    big = run_cli("render", source, "--view", "flow", "-f", "dot", "-o", "-")
    assert big.code == 0, big.output
    assert graph_line(big.stdout).endswith(", nslimit=0.1, nslimit1=0.1];")


def test_a_flow_over_the_limit_is_refused_before_scoring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flow_view, "FLOW_LIMIT", 5)

    def no_scoring(*args: object) -> None:
        raise AssertionError("a refused flow must not be scored")

    monkeypatch.setattr("journeymap.scoring.score", no_scoring)
    out = tmp_path / "flow.svg"
    result = run_cli("render", TELECOM, "--view", "flow", "-o", out)
    assert_no_traceback(result)
    assert result.code == 2, result.output
    said = "journeymap: error[JM731]: the flow view of journey 'fibre-sign-up-and-first-fault' has 18 touchpoints"
    assert said in result.stderr
    assert "more than the 5 a flow can be laid out" in result.stderr
    assert "hint: draw the map view (leave out --view flow), one persona's flow (--persona ID)" in result.stderr
    assert not out.exists()


def test_the_flow_source_is_written_whatever_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flow_view, "FLOW_LIMIT", 5)
    result = run_cli("render", TELECOM, "--view", "flow", "-f", "dot", "-o", "-")
    assert result.code == 0, result.output
    assert result.stdout.startswith("digraph flow {")


def test_the_limit_counts_the_touchpoints_drawn_for_the_persona() -> None:
    journey = read(str(TELECOM))
    everyone = len([tp for _, tp in journey.touchpoints()])
    check_flow_size(journey, None, everyone)  # at the limit: drawn
    with pytest.raises(FlowTooLarge) as refused:
        check_flow_size(journey, None, everyone - 1)
    assert refused.value.code == "JM731"
    persona = journey.personas[0].id
    seen = len([tp for _, tp in journey.touchpoints() if tp.serves(persona)])
    check_flow_size(journey, persona, seen)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_a_big_flow_is_drawn_with_every_touchpoint(tmp_path: Path) -> None:
    source = write_journey(tmp_path / "big.yaml", big_journey(FAST_LAYOUT_FROM + 10, 4))
    out = tmp_path / "flow.svg"
    result = run_cli("render", source, "--view", "flow", "-o", out)
    assert result.code == 0, result.output
    assert out.read_bytes().count(b'class="node"') == FAST_LAYOUT_FROM + 10
