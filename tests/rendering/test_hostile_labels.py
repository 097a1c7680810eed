"""Hostile text in every label position renders without error and without breaking the diagram.

Every string of the Big List of Naughty Strings goes into a valid journey (written with
helpers.dump_yaml, every string quoted, ids fixed and safe), 40 strings per journey, each in its
own touchpoint: as the touchpoint's name, action, pain point, opportunity, transition label and
custom metric label; the batch's first strings are also the journey title, the stage names, a
persona name and a custom channel name; strings that are valid ids are also used as a custom
metric's key (the metric name shown on the map). Each journey renders to DOT (accepted by Graphviz), SVG (well-formed,
no element a clean render does not have) and Mermaid (passes the grammar checker). The DOT is
also split into tokens and compared with the DOT of the same journey with plain names: a name
must never add, drop or move a statement, an attribute or a line (naughty strings and a
hypothesis property).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from journeymap.loader import load_text
from journeymap.model import Journey
from journeymap.model.base import ID_PATTERN
from journeymap.rendering import Friction, render
from journeymap.rendering.text import clean, display_width, graphemes, html_escape, wrap
from journeymap.validation import validate
from tests.conftest import require_corpus
from tests.rendering.dot_syntax import html_problems, skeleton
from tests.rendering.helpers import SVG, dump_yaml, journey_doc, naughty_strings, svg_root, tag_names, touchpoint
from tests.rendering.mermaid_grammar import parse, strict_problems

NAUGHTY = naughty_strings()
needs_corpus = pytest.mark.skipif(not NAUGHTY, reason="naughty-strings corpus not found (../shared/corpus)")
BATCH = 40
BATCHES = [NAUGHTY[i : i + BATCH] for i in range(0, len(NAUGHTY), BATCH)]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")

_ID_FORBIDDEN = re.compile(r"[\s,:;#\"'<>()\[\]{}|\\/&*!%@`?=+^~$]")


def _is_id(text: str) -> bool:
    return 0 < len(text) <= 200 and not _ID_FORBIDDEN.search(text)


def hostile_doc(strings: list[str], *, metric_keys: bool = True, title: str | None = None) -> dict[str, Any]:
    """One stage, one persona and one custom channel per string, each with its own touchpoint.

    String i is the name of stage i, persona i (who alone walks touchpoint i), custom channel i
    (touchpoint i's channel) and touchpoint i, and fills touchpoint i's action, pain point,
    opportunity, custom metric label and the label of its transition to touchpoint i+1; when it is
    a valid id it is also the custom metric's key, the name shown in the metrics lane.
    """
    stages, personas, channels = [], [], []
    for index, text in enumerate(strings):
        tp = touchpoint(index, text, total=len(strings), personas=[f"p{index}"])
        tp["channel"] = f"custom-{index}"
        if metric_keys and _is_id(text):
            tp["metrics"]["custom"] = {text: {"value": 3, "label": text}}
        stages.append({"id": f"s{index}", "name": text, "touchpoints": [tp]})
        personas.append({"id": f"p{index}", "name": text})
        channels.append({"id": f"custom-{index}", "name": text, "kind": ("digital", "human", "physical")[index % 3]})
    return {
        "version": 1,
        "journey": {"id": "hostile", "title": strings[0] if title is None else title, "language": "en"},
        "personas": personas,
        "channels": channels,
        "stages": stages,
    }


def load_journey(doc: dict[str, Any]) -> Journey:
    result = validate(load_text(dump_yaml(doc), "hostile.yaml"))
    assert result.journey is not None, [(d.code, d.message) for d in result.diagnostics]
    return result.journey


def _clean_journey(size: int) -> Journey:
    return load_journey(hostile_doc([f"Plain label {i}" for i in range(size)], metric_keys=False))


def _graphviz(dot_text: bytes, view: str) -> subprocess.CompletedProcess[bytes]:
    command = ["dot", "-Kneato", "-n2", "-Tsvg"] if view == "map" else ["dot", "-Tsvg"]
    return subprocess.run(command, input=dot_text, capture_output=True, check=False, timeout=120)


def _svg_is_clean(data: bytes, allowed_tags: set[str]) -> None:
    root = svg_root(data)  # well-formed XML
    tags = tag_names(root)
    assert tags <= allowed_tags, f"elements a clean render does not have: {tags - allowed_tags}"
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    assert f"{SVG}script" not in tags
    assert f"{SVG}foreignObject" not in tags


@pytest.fixture(scope="module")
def clean_tags() -> dict[str, set[str]]:
    journey = _clean_journey(BATCH)
    return {view: tag_names(svg_root(render(journey, "svg", view))) for view in ("map", "flow")}


def test_corpus_is_there() -> None:
    require_corpus(NAUGHTY, "naughty strings corpus not found (../shared/corpus)")
    assert len(NAUGHTY) > 500


# Strings that once broke tooltips, checked together as a regression test: characters XML 1.0
# forbids, which dot.quote() let through, and character references ('&#1;'), which Graphviz
# decoded into a raw U+0001 before quote() escaped '&'. All strings are now in every batch too.
_XML_FORBIDDEN_IN_TOOLTIPS = re.compile(r"[\x00-\x08\x0e-\x1b\ufffe\uffff]")
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-f]+|[0-9]+);", re.I)


def _hits_tooltip_bug(text: str) -> bool:
    return bool(_XML_FORBIDDEN_IN_TOOLTIPS.search(text) or _CHARACTER_REFERENCE.search(text))


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
@needs_dot
@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=[f"strings{i * BATCH}-" for i in range(len(BATCHES))])
def test_naughty_strings_render_to_dot_and_svg(batch: int, clean_tags: dict[str, set[str]]) -> None:
    strings = [s for s in BATCHES[batch] if not _is_blank(s)]
    _check_dot_and_svg(strings, clean_tags)


def _is_blank(text: str) -> bool:
    """Text that text.clean() reduces to nothing (U+3000 alone, C1 controls...)."""
    return clean(text) == ""


@needs_dot
@needs_corpus
def test_blank_names_are_refused_or_render(clean_tags: dict[str, set[str]]) -> None:
    """A name that is only spaces is a JM108 error; one that only *draws* as nothing still renders."""
    strings = [s for s in NAUGHTY if _is_blank(s) and not _hits_tooltip_bug(s)]
    assert strings
    rendered = 0
    for text in strings:
        result = validate(load_text(dump_yaml(hostile_doc([text])), "blank.yaml"))
        if result.journey is None:
            assert {d.code for d in result.diagnostics} == {"JM108"}, result.diagnostics
            continue
        _check_dot_and_svg([text], clean_tags)
        rendered += 1
    assert rendered > 0  # C1 controls and the like are not blank to the validator but draw as nothing


@needs_dot
@needs_corpus
def test_control_characters_in_names_give_well_formed_svg(clean_tags: dict[str, set[str]]) -> None:
    strings = [s for s in NAUGHTY if _hits_tooltip_bug(s)]
    assert strings
    _check_dot_and_svg(strings, clean_tags)


def _check_dot_and_svg(strings: list[str], clean_tags: dict[str, set[str]]) -> None:
    journey = load_journey(hostile_doc(strings))
    for view in ("map", "flow"):
        dot_text = render(journey, "dot", view)
        completed = _graphviz(dot_text, view)
        stderr = completed.stderr.decode("utf-8", "replace")
        assert completed.returncode == 0, stderr
        assert "error" not in stderr.lower(), stderr
        _svg_is_clean(completed.stdout, clean_tags[view])
        _svg_is_clean(render(journey, "svg", view), clean_tags[view])


# Strings that once broke the Mermaid export (';' kept, the 'journey' keyword, '%%' as 2nd-3rd
# character, a name made only of U+FEFF): checked together as a regression test.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _hits_known_mermaid_bug(text: str) -> bool:
    cleaned = clean(text)
    js_stripped = re.sub(f"^[{_JS_SPACE}]+", "", cleaned)
    return (
        ";" in cleaned
        or bool(re.match(r"journey(?![A-Za-z0-9_])", js_stripped, re.I))
        or cleaned[1:3] == "%%"
        or (cleaned.strip() != "" and js_stripped.strip() == "")
    )


def _mermaid_of(strings: list[str]) -> str:
    return render(load_journey(hostile_doc(strings)), "mermaid").decode("utf-8")


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=[f"strings{i * BATCH}-" for i in range(len(BATCHES))])
def test_naughty_strings_export_valid_mermaid(batch: int) -> None:
    strings = [s for s in BATCHES[batch] if not _is_blank(s)]  # blank names are refused (JM108)
    text = _mermaid_of(strings)
    assert strict_problems(text) == [], text
    assert len(parse(text).tasks) == len(strings)


@needs_corpus
def test_naughty_strings_with_semicolons_export_valid_mermaid() -> None:
    strings = [s for s in NAUGHTY if _hits_known_mermaid_bug(s)]
    assert strings
    text = _mermaid_of(strings[:BATCH])
    assert strict_problems(text) == [], text


# -- DOT structure: user text stays inside its string or HTML label -----------------------------------
#
# Graphviz accepting the DOT and the SVG having no unknown element does not prove that a name
# stayed inside its label: '"]; n9 [label="x' could add a well-formed node. So the DOT itself is
# split into tokens (tests/rendering/dot_syntax.py) and compared with the DOT of the same journey
# with plain names: same statements, same attributes, same lines; only string contents differ.


def _plain_twin(strings: list[str]) -> list[str]:
    return [f"Plain label {i}" for i in range(len(strings))]


def _assert_same_dot_structure(journey: Journey, plain: Journey) -> None:
    for view in ("map", "flow"):
        dot = render(journey, "dot", view).decode("utf-8")
        reference = render(plain, "dot", view).decode("utf-8")
        assert dot.count("\n") == reference.count("\n") == len(dot.splitlines()), view
        assert skeleton(dot) == skeleton(reference), view
        assert html_problems(dot) == [], view


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=[f"strings{i * BATCH}-" for i in range(len(BATCHES))])
def test_naughty_strings_stay_inside_their_dot_labels(batch: int) -> None:
    strings = [s for s in BATCHES[batch] if not _is_blank(s)]
    journey = load_journey(hostile_doc(strings, metric_keys=False))
    _assert_same_dot_structure(journey, load_journey(hostile_doc(_plain_twin(strings), metric_keys=False)))


#: Text that aims at DOT syntax: quotes, escapes, brackets, statement ends, entities, line breaks.
DOT_TEXT = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(['"', "\\", '\\"', "<", ">", "]", "[", ";", "{", "}", "=", ",", "->", "--", "&", "&#1;"])
    | st.sampled_from(["\n", "\r", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029", "\\\n", "\\N", "\\G"])
    | st.sampled_from(['"]; n99 [label="x', "<B>", "</FONT>", "<BR/>", "]]>", "<!--", "subgraph", "}\ndigraph {"]),
    min_size=1,
    max_size=24,
).map("".join)


@st.composite
def journey_pairs(draw: st.DrawFn) -> tuple[Journey, Journey]:
    """A journey with arbitrary text in every name and free-text field, and its twin with plain text."""
    size = draw(st.integers(1, 4))
    texts = [draw(DOT_TEXT) for _ in range(3 * size + 3)]
    ids = draw(
        st.lists(
            st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda i: len(i) <= 40),
            min_size=2,
            max_size=2,
            unique=True,
        )
    )

    def build(text: list[str], persona_ids: list[str]) -> dict[str, Any]:
        tps = [touchpoint(i, text[i], text=text[size + i], total=size, label=text[2 * size + i]) for i in range(size)]
        return journey_doc(
            tps,
            title=text[-3],
            stage_names=[text[-2], text[-1]][: min(2, size)],
            personas=[(persona_ids[0], text[0]), (persona_ids[1], text[-1])],  # ids show in the legend
            channel_name=text[-2],
        )

    try:
        journey = Journey.model_validate(build(texts, ids))
    except ValidationError:  # a blank name is refused before anything is drawn
        assume(False)
        raise
    return journey, Journey.model_validate(build(_plain_twin(texts), ["p1", "p2"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(pair=journey_pairs())
def test_arbitrary_text_never_changes_the_dot_statements(pair: tuple[Journey, Journey]) -> None:
    _assert_same_dot_structure(*pair)


# -- text helpers: wrap and html_escape ------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(" \t\n-/_.…\u200b\u200f"),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.integers(min_value=1, max_value=60))
def test_wrap_respects_the_width_and_keeps_the_text(text: str, width: int) -> None:
    lines = wrap(text, width, max_lines=1000)
    for line in lines:
        assert display_width(line) <= width or len(graphemes(line)) == 1, (line, width)  # one cluster may be wider
    assert "".join("".join(lines).split()) == "".join(clean(text).split())


@settings(max_examples=200, deadline=None)
@given(text=TEXT, width=st.integers(min_value=2, max_value=60), max_lines=st.integers(min_value=1, max_value=6))
def test_wrap_never_exceeds_max_lines(text: str, width: int, max_lines: int) -> None:
    lines = wrap(text, width, max_lines)
    assert 1 <= len(lines) <= max_lines
    for line in lines:
        assert display_width(line) <= width or len(graphemes(line)) == 1, (line, width)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_html_escape_leaves_no_markup(text: str) -> None:
    escaped = html_escape(text)
    assert "<" not in escaped
    assert ">" not in escaped
    assert '"' not in escaped
    assert "'" not in escaped
    assert re.sub(r"&(amp|lt|gt|quot|#39);", "", escaped).count("&") == 0
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", escaped)


# -- the journey title: one journey has one title, so many small graphs go through one Graphviz run ---


def _with_title(journey: Journey, title: str) -> Journey:
    return journey.model_copy(update={"info": journey.info.model_copy(update={"title": title})})


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
@needs_dot
@pytest.mark.parametrize("view", ["map", "flow"])
def test_every_naughty_string_as_the_journey_title(view: str, clean_tags: dict[str, set[str]]) -> None:
    base = load_journey(hostile_doc(["Stage", "Touchpoint"], title="Title"))
    titles = [s for s in NAUGHTY if not _is_blank(s)]
    journeys = [_with_title(base, title) for title in titles]
    dot_texts = b"".join(render(journey, "dot", view, friction=Friction()) for journey in journeys)
    completed = _graphviz(dot_texts, view)  # Graphviz draws every graph of its input, one SVG each
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    svgs = [b"<?xml" + part for part in completed.stdout.split(b"<?xml")[1:]]
    assert len(svgs) == len(titles)
    for svg in svgs:
        _svg_is_clean(svg, clean_tags[view])
    for journey in journeys:
        text = render(journey, "mermaid").decode("utf-8")
        assert strict_problems(text) == [], text


@pytest.mark.parametrize(
    ("word", "width"), [("🇫🇷🇩🇪🇯🇵🇺🇸", 3), ("👨\u200d👩\u200d👧\u200d👦👨\u200d👩\u200d👧\u200d👦", 4)]
)
def test_wrap_keeps_grapheme_clusters_whole(word: str, width: int) -> None:
    lines = wrap(word, width)
    assert "".join(lines) == word
    for line in lines:
        assert not line.endswith("\u200d"), lines
        flags = sum(1 for char in line if 0x1F1E6 <= ord(char) <= 0x1F1FF)
        assert flags % 2 == 0, lines
