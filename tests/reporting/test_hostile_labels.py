"""Labels are data: hostile strings in titles, names and pain points never inject markup.

Strings come from the Big List of Naughty Strings (the shared corpus); the
test is skipped when the corpus is not there.
"""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from journeymap.model.base import Text
from journeymap.reporting import ReportInput, report
from journeymap.reporting.markdown import md_escape
from tests.conftest import CORPUS, require_corpus
from tests.rendering.helpers import journey_doc, naughty_strings, touchpoint
from tests.reporting.helpers import TagCollector, input_from_doc

CHUNK = 60

#: Every tag a report page may contain: the page's own HTML and the SVG that Graphviz draws.
PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "nav", "div", "ol", "ul", "li", "main",
    "section", "h1", "h2", "h3", "h4", "p", "strong", "span", "dl", "dt", "dd", "small", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "article", "blockquote", "code", "abbr", "br",
    "footer", "bdi",
}  # fmt: skip
SVG_TAGS = {
    "svg",
    "g",
    "polygon",
    "polyline",
    "path",
    "ellipse",
    "text",
    "title",
    "a",
    "defs",
    "lineargradient",
    "stop",
}


def _chunks() -> list[list[str]]:
    strings = naughty_strings()
    require_corpus(strings, f"the naughty-strings corpus is missing ({CORPUS / 'naughty-strings.txt'})")
    strings = [s for s in strings if _is_text(s)]
    return [strings[i : i + CHUNK] for i in range(0, len(strings), CHUNK)]


def _is_text(value: str) -> bool:
    """Whether the format accepts ``value`` as a name (blank-looking strings are rejected on load)."""
    try:
        TypeAdapter(Text).validate_python(value)
    except ValidationError:
        return False
    return True


def _hostile_input(chunk: list[str], number: int) -> ReportInput:
    tps = [touchpoint(i, name, total=len(chunk)) for i, name in enumerate(chunk)]
    doc = journey_doc(
        tps, title=chunk[0], stage_names=[chunk[1], chunk[2]], personas=[("p1", chunk[3]), ("p2", chunk[4])]
    )
    doc["personas"][0]["pain_points"] = chunk[:10]  # type: ignore[index]
    doc["personas"][0]["quote"] = chunk[5]  # type: ignore[index]
    doc["journey"]["id"] = f"hostile-{number}"  # type: ignore[index]
    return input_from_doc(doc, f"hostile-{number}.yaml")


@pytest.fixture(scope="module")
def hostile_inputs() -> list[ReportInput]:
    return [_hostile_input(chunk, n) for n, chunk in enumerate(_chunks())]


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
def test_html_has_no_injected_tags(hostile_inputs: list[ReportInput]) -> None:
    files = report(hostile_inputs, "html")
    for name, data in files.items():
        parser = TagCollector()
        parser.feed(data.decode("utf-8"))
        unexpected = parser.tags - PAGE_TAGS - SVG_TAGS
        assert not unexpected, f"{name}: unexpected tags {sorted(unexpected)}"
        assert parser.problems == [], name
        assert b"<script" not in data.lower()
        assert all(re.fullmatch(r"#[\w-]+|[\w-]+\.html", link) for link in parser.links), parser.links


@pytest.mark.fuzz  # a sweep of the whole naughty-strings corpus: ./scripts/test runs it
def test_markdown_tables_keep_their_columns(hostile_inputs: list[ReportInput]) -> None:
    files = report(hostile_inputs, "markdown")
    for name, data in files.items():
        if not name.endswith(".md"):
            continue
        lines = data.decode("utf-8").split("\n")
        in_fence = False
        columns = 0
        for line in lines:
            if line.startswith("```"):
                in_fence = not in_fence
            if in_fence:
                continue
            if line.startswith("| ") and re.fullmatch(r"\|( ---:? \|)+", line):
                columns = line.count("|") - 1
                continue
            if line.startswith("|") and columns:
                assert _cells(line) == columns, f"{name}: {line!r}"
            elif not line.startswith("|"):
                columns = 0
            assert not re.match(r"\s*<(script|img|iframe|a\s)", line, re.I), f"{name}: raw HTML {line!r}"


def _cells(row: str) -> int:
    """Cells in a Markdown table row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("# not a heading", "\\# not a heading"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("two\nlines\r\nhere", "two lines here"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("&amp; & co", "&amp;amp; & co"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
