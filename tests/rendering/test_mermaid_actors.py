"""Mermaid export: one distinct, readable actor per persona, and no label that starts a new line.

Mermaid's task lines are ``Task: score: Actor1, Actor2`` and Mermaid merges actors by name, so a
comma inside a persona name must not split it, and two personas must never share an actor name.
The property test at the end builds journeys with arbitrary text in every name and checks that the
export has exactly the lines the journey's structure implies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from journeymap.api import read
from journeymap.cli.app import main
from journeymap.model import Journey
from journeymap.rendering import render
from journeymap.rendering.mermaid import actor_names
from tests.conftest import EXAMPLES
from tests.rendering.helpers import journey_doc, touchpoint, write_journey
from tests.rendering.mermaid_grammar import JourneyDoc, parse, strict_problems

FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"
#: Everything that starts a new line for Python's str.splitlines, JavaScript or Unicode.
LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def _mermaid_cli(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> str:
    code = main(["render", str(path), "-f", "mermaid", "-o", "-", *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert strict_problems(captured.out) == [], captured.out
    return captured.out


def _actors(doc: JourneyDoc) -> list[list[str]]:
    return [task.actors for task in doc.tasks]


def _two_personas_doc(first: str, second: str) -> dict[str, Any]:
    tps = [touchpoint(0, "Compares sofas", total=2), touchpoint(1, "Pays", total=2, personas=["p2"])]
    return journey_doc(tps, title="Sofa purchase", personas=[("p1", first), ("p2", second)])


# -- actor names --------------------------------------------------------------------------------


def test_same_surname_stays_two_actors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """'Smith, John' and 'Smith, Jane' used to become one actor, 'Smith'."""
    path = write_journey(tmp_path / "smiths.yaml", _two_personas_doc("Smith, John", "Smith, Jane"))
    doc = parse(_mermaid_cli(capsys, path))
    assert _actors(doc) == [["Smith\u201a John", "Smith\u201a Jane"], ["Smith\u201a Jane"]]


def test_example_personas_keep_their_whole_names(capsys: pytest.CaptureFixture[str]) -> None:
    doc = parse(_mermaid_cli(capsys, FIRST_PURCHASE))
    shown = {actor for actors in _actors(doc) for actor in actors}
    assert shown == {"Sara\u201a busy parent", "Omar\u201a careful first-timer"}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Sara", "Sara"], ["Sara", "Sara (2)"]),
        (["Sara", "Sara", "Sara (2)"], ["Sara", "Sara (3)", "Sara (2)"]),  # never take another persona's name
        (["Sara\tSmith", "Sara Smith"], ["Sara Smith", "Sara Smith (2)"]),  # alike once cleaned
        (["Sara, parent", "Sara\u201a parent"], ["Sara\u201a parent", "Sara\u201a parent (2)"]),  # look-alike comma
        (["\x01", "\x02"], ["-", "- (2)"]),  # both draw as nothing
        (["سارة، أم", "سارة، طالبة"], ["سارة، أم", "سارة، طالبة"]),  # the Arabic comma separates nothing
    ],
)
def test_personas_never_collapse_into_one_actor(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, names: list[str], expected: list[str]
) -> None:
    personas = [(f"p{i}", name) for i, name in enumerate(names)]
    tps = [touchpoint(0, "Compares sofas", total=1)]
    path = write_journey(tmp_path / "alike.yaml", journey_doc(tps, personas=personas))
    doc = parse(_mermaid_cli(capsys, path))
    assert _actors(doc) == [expected]
    assert list(actor_names(read(str(path))).values()) == expected


def test_one_persona_keeps_its_actor_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With --persona the actor is named as in the whole diagram, suffix included."""
    path = write_journey(tmp_path / "twins.yaml", _two_personas_doc("Sara", "Sara"))
    doc = parse(_mermaid_cli(capsys, path, "--persona", "p2"))
    assert _actors(doc) == [["Sara (2)"], ["Sara (2)"]]


# -- line breaks in every label ----------------------------------------------------------------


@pytest.mark.parametrize("brake", LINE_BREAKS, ids=[f"U+{ord(b[-1]):04X}" for b in LINE_BREAKS])
def test_line_breaks_never_start_a_new_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, brake: str) -> None:
    def text(first: str, second: str) -> str:
        return f"{first}{brake}{second}"

    tps = [touchpoint(0, text("Compares", "sofas"), total=2), touchpoint(1, text("journey", "title x"), total=2)]
    doc = journey_doc(
        tps,
        title=text("Sofa", "purchase"),
        stage_names=[text("Look", "around"), text("section", "Buy")],
        personas=[("p1", text("Sara", "Smith")), ("p2", text("Omar", "%% not a comment"))],
    )
    out = _mermaid_cli(capsys, write_journey(tmp_path / "breaks.yaml", doc))
    lines = out.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(out.splitlines()) == 2 + 2 + 2  # header, title, two sections, two tasks
    assert "Sofa purchase" in lines[1]  # a line break becomes a space: words stay apart
    assert "Sara Smith" in out
    parsed = parse(out)
    assert [task.name.strip() for task in parsed.tasks] == ["Compares sofas", "\u2060journey title x"]
    assert _actors(parsed)[0] == ["Sara Smith", "Omar % % not a comment"]


# -- the property: arbitrary text, exactly the lines the structure implies -------------------------

#: Arbitrary text, with extra weight on what Mermaid's line grammar reads as syntax.
TEXT = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from([*LINE_BREAKS, ",", ":", ";", "#", "%%", "%", "}", "{", " ", "\t", "\ufeff", "\u2060", "،"])
    | st.sampled_from(["journey", "title ", "section ", "accTitle:", "accDescr {", "JOURNEY", "Title\u00a0"]),
    min_size=1,
    max_size=30,
).map("".join)


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """A journey of 1-3 stages, 1-4 touchpoints and 1-3 personas, every name arbitrary text."""
    personas = [(f"p{i}", draw(TEXT)) for i in range(draw(st.integers(1, 3)))]
    count = draw(st.integers(1, 4))
    tps = []
    for index in range(count):
        served = draw(st.lists(st.sampled_from([p for p, _ in personas]), unique=True, max_size=len(personas)))
        tps.append(touchpoint(index, draw(TEXT), text="x", total=count, personas=served or None, label="x"))
    stage_names = [draw(TEXT) for _ in range(draw(st.integers(1, min(3, count))))]
    doc = journey_doc(tps, title=draw(TEXT), stage_names=stage_names, personas=personas)
    try:
        return Journey.model_validate(doc)
    except ValidationError:  # a blank name (JM108) is refused before any export
        assume(False)
        raise


def _expected_shape(journey: Journey, persona: str | None) -> list[tuple[str, int]]:
    """('journey'|'title'|'section'|'task', number of actors) per line, from the journey alone."""
    shape = [("journey", 0), ("title", 0)]
    for stage in journey.stages:
        visible = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        if visible:
            shape.append(("section", 0))
        for tp in visible:
            served = [p for p in journey.personas if tp.serves(p.id) and persona in (None, p.id)]
            shape.append(("task", len(served)))
    return shape


def _line_shape(line: str) -> tuple[str, int]:
    if line == "journey":
        return ("journey", 0)
    if line.startswith("  title "):
        return ("title", 0)
    if line.startswith("  section "):
        return ("section", 0)
    assert line.startswith("    "), line
    return ("task", len(line.split(": ")[-1].split(", ")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(journey=journeys(), one_persona=st.booleans())
def test_arbitrary_names_give_exactly_the_lines_of_the_structure(journey: Journey, one_persona: bool) -> None:
    persona = journey.personas[-1].id if one_persona else None
    text = render(journey, "mermaid", persona=persona).decode("utf-8")
    assert text.endswith("\n")
    body = text[:-1]
    shape = _expected_shape(journey, persona)
    assert len(body.split("\n")) == len(body.splitlines()) == len(shape), text  # no label started a line
    assert [_line_shape(line) for line in body.split("\n")] == shape, text
    assert strict_problems(text) == [], text
    doc = parse(text)
    assert [len(task.actors) for task in doc.tasks] == [n for kind, n in shape if kind == "task"], text
    shown = {p.id for _, tp in journey.touchpoints() for p in journey.personas if tp.serves(p.id)}
    shown = shown if persona is None else shown & {persona}
    assert len({actor for task in doc.tasks for actor in task.actors}) == len(shown), text  # never merged


@pytest.mark.parametrize("name", ["journeyé planner", "Journey\u00e9", "section\u00e9 two", "titleé"])
def test_keyword_then_a_non_ascii_letter_stays_a_task(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """Mermaid's keyword rules end with JavaScript's ASCII-only \\b: 'journeyé' starts with the keyword there."""
    tps = [touchpoint(0, name, total=2), touchpoint(1, "Cart", total=2)]
    out = _mermaid_cli(capsys, write_journey(tmp_path / "keyword.yaml", journey_doc(tps, stage_names=[name])))
    assert [task.name.strip().lstrip("\u2060") for task in parse(out).tasks] == [name, "Cart"]
