"""The touchpoint graph: steps (alternatives, parallel contacts), shares, entry points."""

from __future__ import annotations

from typing import Any

import pytest

import journeymap
from journeymap import flow
from journeymap.model import Journey
from tests.conftest import EXAMPLES


def _journey(*touchpoints: dict[str, Any], stages: int = 1) -> Journey:
    per_stage = max(1, len(touchpoints) // stages)
    chunks = [touchpoints[i : i + per_stage] for i in range(0, len(touchpoints), per_stage)]
    return Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Flow"},
            "personas": [{"id": "p", "name": "P"}],
            "stages": [
                {"id": f"s{i}", "name": f"S{i}", "touchpoints": [{"channel": "web", **tp} for tp in chunk]}
                for i, chunk in enumerate(chunks)
            ],
        }
    )


def _pairs(journey: Journey) -> set[tuple[str, str]]:
    return {(e.tail.id, e.head.id) for e in flow.edges(journey)}


def test_alternatives_in_one_step_are_each_reached_and_each_lead_on() -> None:
    journey = _journey(
        {"id": "status", "name": "Status"},
        {"id": "call", "name": "Call", "step": "contact", "channel": "phone"},
        {"id": "chat", "name": "Chat", "step": "contact", "channel": "live_chat"},
        {"id": "app", "name": "App", "step": "contact", "channel": "mobile_app"},
        {"id": "fixed", "name": "Fixed"},
    )
    pairs = _pairs(journey)
    assert {("status", "call"), ("status", "chat"), ("status", "app")} <= pairs
    assert {("call", "fixed"), ("chat", "fixed"), ("app", "fixed")} <= pairs
    assert ("call", "chat") not in pairs
    assert ("chat", "app") not in pairs
    assert flow.reachable(journey) == {"status", "call", "chat", "app", "fixed"}


def test_an_explicit_next_on_one_alternative_keeps_the_others_reachable() -> None:
    """Before steps, `next` on the call cut the file-order link to the chat: audit then said JM350."""
    journey = _journey(
        {"id": "status", "name": "Status"},
        {"id": "call", "name": "Call", "step": "contact", "next": ["fixed"]},
        {"id": "chat", "name": "Chat", "step": "contact"},
        {"id": "fixed", "name": "Fixed"},
    )
    assert flow.reachable(journey) == {"status", "call", "chat", "fixed"}


def test_implicit_moves_into_a_step_split_the_customers_equally() -> None:
    journey = _journey(
        {"id": "a", "name": "A"},
        {"id": "b", "name": "B", "step": "x"},
        {"id": "c", "name": "C", "step": "x"},
    )
    shares = {(e.tail.id, e.head.id): e.share for e in flow.edges(journey)}
    assert shares == {("a", "b"): 0.5, ("a", "c"): 0.5}


def test_stated_shares_are_kept_and_the_rest_is_split() -> None:
    journey = _journey(
        {"id": "a", "name": "A", "next": [{"to": "b", "share": "70%"}, "c", "d"]},
        {"id": "b", "name": "B", "next": []},
        {"id": "c", "name": "C", "next": []},
        {"id": "d", "name": "D"},
    )
    shares = {(e.tail.id, e.head.id): round(e.share, 6) for e in flow.edges(journey) if e.tail.id == "a"}
    assert shares == {("a", "b"): 0.7, ("a", "c"): 0.15, ("a", "d"): 0.15}


def test_a_first_stage_touchpoint_nothing_leads_to_is_unreachable() -> None:
    """Only the first step is an entry point: a skipped first-stage touchpoint is reported."""
    journey = _journey(
        {"id": "ad", "name": "Ad", "next": ["page"]},
        {"id": "letter", "name": "Letter"},
        {"id": "page", "name": "Page"},
        stages=1,
    )
    assert [tp.id for tp in flow.entry_points(journey)] == ["ad"]
    assert "letter" not in flow.reachable(journey)


def test_parallel_entry_points_are_written_as_one_step() -> None:
    journey = _journey(
        {"id": "ad", "name": "Ad", "step": "discover", "next": ["page"]},
        {"id": "letter", "name": "Letter", "step": "discover", "next": ["page"]},
        {"id": "page", "name": "Page"},
    )
    assert [tp.id for tp in flow.entry_points(journey)] == ["ad", "letter"]
    assert flow.reachable(journey) == {"ad", "letter", "page"}
    assert not [d for d in journeymap.audit(journey) if d.code in {"JM350", "JM351"}]


def test_the_same_step_id_in_two_stages_is_two_steps() -> None:
    journey = _journey(
        {"id": "a", "name": "A", "step": "x"},
        {"id": "b", "name": "B", "step": "x"},
        stages=2,
    )
    assert [[tp.id for tp in group] for group in flow.steps(journey)] == [["a"], ["b"]]
    assert _pairs(journey) == {("a", "b")}


def test_shared_paths_are_the_same_and_computed_once_per_persona(monkeypatch: pytest.MonkeyPatch) -> None:
    journey = journeymap.read(str(EXAMPLES / "telecom-support.yaml"))
    other = journeymap.read(str(EXAMPLES / "first-purchase.yaml"))
    alone = {p: (flow.edges(journey, p), flow.steps(journey, p)) for p in (None, *(x.id for x in journey.personas))}
    calls: list[str | None] = []
    original = flow._edges

    def counted(j: Journey, persona: str | None) -> list[flow.Edge]:
        calls.append(persona)
        return original(j, persona)

    monkeypatch.setattr(flow, "_edges", counted)
    with flow.shared(journey):
        for _ in range(3):
            for persona, (edges, steps) in alone.items():
                assert flow.edges(journey, persona) == edges
                assert flow.steps(journey, persona) == steps
        flow.edges(other)  # another journey is not shared, and not mixed up
        flow.edges(other)
    assert calls == [*alone, None, None]
    flow.edges(journey)  # after the block nothing is kept
    assert len(calls) == len(alone) + 3


def test_a_persona_who_sees_every_touchpoint_shares_the_journeys_paths() -> None:
    """Computed once: inside a shared block the persona's steps, moves and successors are the journey's own lists."""
    journey = _journey({"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C", "next": ["a"]})
    alone = flow.edges(journey, "p")
    assert [(e.tail.id, e.head.id) for e in alone] == [(e.tail.id, e.head.id) for e in flow.edges(journey)]
    with flow.shared(journey):
        assert flow.steps(journey, "p") is flow.steps(journey)
        assert flow.edges(journey, "p") is flow.edges(journey)
        assert flow.successors(journey, "p") is flow.successors(journey)
        assert [h.id for h in flow.successors(journey)["c"]] == ["a"]


def test_a_persona_who_misses_a_touchpoint_has_paths_of_its_own() -> None:
    journey = Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Flow"},
            "personas": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [
                        {"id": "a", "name": "A", "channel": "web"},
                        {"id": "b", "name": "B", "channel": "web", "personas": ["q"]},
                        {"id": "c", "name": "C", "channel": "web"},
                    ],
                }
            ],
        }
    )
    with flow.shared(journey):
        assert [(e.tail.id, e.head.id) for e in flow.edges(journey, "p")] == [("a", "c")]
        assert [(e.tail.id, e.head.id) for e in flow.edges(journey, "q")] == [("a", "b"), ("b", "c")]
        assert flow.edges(journey, "q") is flow.edges(journey)
        assert flow.edges(journey, "p") is not flow.edges(journey)


def test_once_keeps_a_result_for_the_block_only() -> None:
    journey = _journey({"id": "a", "name": "A"})
    made: list[int] = []

    def compute() -> int:
        made.append(1)
        return len(made)

    assert flow.once(journey, ("test",), compute) == 1
    assert flow.once(journey, ("test",), compute) == 2  # outside a block: computed each time
    with flow.shared(journey):
        assert flow.once(journey, ("test",), compute) == 3
        assert flow.once(journey, ("test",), compute) == 3
        other = _journey({"id": "b", "name": "B"})
        assert flow.once(other, ("test",), compute) == 4  # another journey is not shared
    assert flow.once(journey, ("test",), compute) == 5


def test_depth_first_lists_children_first_and_the_move_that_closes_a_loop() -> None:
    journey = _journey(
        {"id": "a", "name": "A", "next": ["b"]},
        {"id": "b", "name": "B", "next": ["c", "a"]},
        {"id": "c", "name": "C", "next": []},
    )
    order, back = flow.depth_first(journey)
    assert [tp.id for tp in order] == ["c", "b", "a"]
    assert back == {("b", "a")}


def test_moves_are_the_edges_as_plain_values_in_the_same_order() -> None:
    """``moves`` is ``edges`` read once (tail id, head id, journey order or not, tail, head), per persona too."""
    for name in ("telecom-support.yaml", "first-purchase.yaml", "bank-account-opening-ar.yaml"):
        journey = journeymap.read(str(EXAMPLES / name))
        for persona in (None, *(p.id for p in journey.personas)):
            expected = [
                (e.tail.id, e.head.id, e.transition is None, e.tail, e.head) for e in flow.edges(journey, persona)
            ]
            assert flow.moves(journey, persona) == expected, (name, persona)
            with flow.shared(journey):
                assert flow.moves(journey, persona) == expected
                assert flow.moves(journey, persona) is flow.moves(journey, persona)  # kept for the block


def test_forward_walk_is_depth_first_by_id_without_the_moves_that_close_a_loop() -> None:
    journey = _journey(
        {"id": "a", "name": "A", "next": ["b", "c"]},
        {"id": "b", "name": "B", "next": ["c", "a"]},
        {"id": "c", "name": "C", "next": []},
    )
    ids, heads = flow.forward(journey)
    assert ids == [tp.id for tp in flow.depth_first(journey)[0]] == ["c", "b", "a"]
    assert {tail: [head for head, _ in found] for tail, found in heads.items()} == {"a": ["b", "c"], "b": ["c"]}
    assert all(tp.id == head for found in heads.values() for head, tp in found)
