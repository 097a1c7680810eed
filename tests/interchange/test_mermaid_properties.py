"""The Mermaid reader on any text: never an exception, always a valid journey or JM700; and a journey
drawn as Mermaid reads back with the same sections, tasks, scores and actors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.api import read
from journeymap.diagnostics import Severity
from journeymap.interchange.mermaid import read_mermaid
from journeymap.loader import load_text
from journeymap.rendering import render
from journeymap.rendering.mermaid import actor_names
from journeymap.validation import validate
from tests.conftest import EXAMPLES

#: Pieces Mermaid journeys are made of, so random text often looks like one.
PIECES = st.sampled_from(
    ["journey", "title ", "section ", "accTitle: ", "accDescr {", "}", "%%", "%%{init: {}}%%", "---", ":", ": 5: ",
     ",", "#", ";", "<br/>", "\n", "\r\n", "\t", " ", "9", "-1", "abc", "Sara", "فتح", "\ufeff"]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=150)
@given(TEXT)
def test_any_text_gives_a_valid_journey_or_jm700(text: str) -> None:
    imported = read_mermaid(text, "fuzz.mmd")
    if imported.journey is None:
        assert [d.code for d in imported.errors] == ["JM700"], [str(d.message) for d in imported.diagnostics]
        return
    for diagnostic in imported.diagnostics:
        assert diagnostic.code.startswith("JM7")
        assert diagnostic.span.line >= 1
        assert diagnostic.span.column >= 1
    result = validate(load_text(imported.yaml, "fuzz.yaml"))
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_our_mermaid_reads_back(example: Path) -> None:
    journey = read(str(example))
    text = render(journey, "mermaid").decode("utf-8")
    back = read_mermaid(text, "x.mmd").journey
    assert back is not None
    drawn = [s for s in journey.stages if s.touchpoints]
    assert [s.name for s in back.stages] == [s.name for s in drawn]  # look-alikes read back (, : # ;)
    actors = actor_names(journey)
    for stage, again in zip(drawn, back.stages, strict=True):
        assert [t.name for t in again.touchpoints] == [t.name for t in stage.touchpoints]
        for tp, tp_back in zip(stage.touchpoints, again.touchpoints, strict=True):
            feeling = journey.emotion(tp)
            assert back.emotion(tp_back) == (3 if feeling is None else round(feeling))
            served = [actors[p.id].replace("\u201a", ",") for p in journey.personas if tp.serves(p.id)]
            names = {p.id: p.name for p in back.personas}
            assert [names[pid] for pid in tp_back.personas or []] == served
