"""Hostile strings in every label position, through every output format: well-formed, no injection.

Strings: the Big List of Naughty Strings (``CORPUS/naughty-strings.txt``; those tests are skipped
when it is missing) and a built-in list of the nastiest (``strategies.NASTY``: quotes, <script>,
]]>, braces, backslashes, %, ;, #, |, bidi overrides, zero-width characters, emoji ZWJ sequences,
a 300-character word, ANSI escapes...). Strings go in batches, one journey per batch, each string
in every label position of its own touchpoint, persona, stage and channel (blank-looking strings,
which the format refuses, are left out).

Checked per format: DOT (Graphviz accepts it), SVG (well-formed XML, no script, no foreignObject,
no on* attribute), HTML report (html.parser: only allowed tags, no on* attribute, no javascript:
URL), Markdown report (tables keep their column count), Mermaid (the grammar checker in
tests/rendering/mermaid_grammar.py), JSON (validate, score, audit), SARIF (valid against the
SARIF 2.1.0 schema) and the terminal formats (no raw ESC or bidi override characters). A second,
broken journey per batch puts the strings where diagnostics quote them (unknown ids and keys).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import journeymap
from journeymap.reporting import ReportInput
from tests.conftest import CORPUS, assert_no_traceback, run_cli
from tests.fuzz.strategies import NASTY, is_text
from tests.rendering.helpers import naughty_strings
from tests.rendering.mermaid_grammar import parse, strict_problems
from tests.reporting.helpers import TagCollector

SARIF_SCHEMA = CORPUS / "sarif" / "sarif-schema-2.1.0.json"
BATCH = 60
SVG_NS = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def _batches() -> list[tuple[str, list[str]]]:
    batches = [("nasty", [s for s in NASTY if is_text(s)])]
    corpus = [s for s in naughty_strings() if is_text(s)]
    batches += [(f"naughty{i}", corpus[i : i + BATCH]) for i in range(0, len(corpus), BATCH)]
    return batches


BATCHES = _batches()
IDS = [name for name, _ in BATCHES]


def hostile_doc(strings: list[str], number: int) -> dict[str, Any]:
    """A valid journey: string i in every label of touchpoint i, persona i, stage i and channel i."""
    stages, personas, channels = [], [], []
    for i, text in enumerate(strings):
        tp: dict[str, Any] = {
            "id": f"t{i}",
            "name": text,
            "channel": f"ch{i}" if i % 2 else "web",
            "description": text,
            "action": text,
            "owner": text,
            "personas": [f"p{i}"],
            "emotion": {f"p{i}": 1 + i % 5},
            "moment_of_truth": {"impact": "high", "why": text} if i % 3 == 0 else False,
            "metrics": {"csat": f"{40 + i % 50}%", "custom": {"m1": {"value": 3, "label": text}}},
            "targets": {"csat": "90%"},
            "pain_points": [text],
            "opportunities": [text],
            "notes": text,
            "evidence": [text, {"source": text, "kind": "survey"}],
        }
        if i + 1 < len(strings):
            tp["next"] = [{"to": f"t{i + 1}", "label": text, "share": "50%"}]
        stages.append({"id": f"s{i}", "name": text, "description": text, "touchpoints": [tp]})
        personas.append(
            {"id": f"p{i}", "name": text, "quote": text, "goals": [text], "needs": [text], "pain_points": [text]}
        )
        if i % 2:
            channels.append({"id": f"ch{i}", "name": text, "kind": "digital", "description": text})
    return {
        "version": 1,
        "journey": {
            "id": f"hostile-{number}",
            "title": strings[0],
            "description": " ".join(strings[:3]),
            "owner": strings[-1],
            "goal": strings[1 % len(strings)],
            "tags": strings[:5],
        },
        "personas": personas,
        "channels": channels,
        "stages": stages,
    }


def broken_doc(strings: list[str]) -> dict[str, Any]:
    """An invalid journey whose diagnostics quote the strings: unknown channels, personas, next ids, keys."""
    tps = []
    for i, text in enumerate(strings):
        tp = {"id": f"t{i}", "name": "Touchpoint", "channel": text, "personas": [text], "next": [text], text: 1}
        tps.append(tp)
    return {
        "version": 1,
        "journey": {"title": "Broken", "language": strings[0], "industry": strings[-1]},
        "personas": [{"id": "p0", "name": "P"}],
        "stages": [{"id": "s0", "name": "S", "touchpoints": tps}],
    }


class _QuoteAllStrings(yaml.SafeDumper):
    """Double-quote every string: PyYAML writes YAML 1.1, where `1E2` or `08` stay plain but are numbers in 1.2."""


_QuoteAllStrings.add_representer(
    str, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
)


def dump(doc: dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_QuoteAllStrings, allow_unicode=True, sort_keys=False, width=100)


@cache
def journey_of(batch: int) -> journeymap.Journey:
    name, strings = BATCHES[batch]
    result = journeymap.validate(journeymap.load_text(dump(hostile_doc(strings, batch)), f"{name}.yaml"))
    assert result.journey is not None, [(d.code, d.message) for d in result.diagnostics]
    return result.journey


def _need(batch: int) -> None:
    if not BATCHES[batch][1]:
        pytest.skip("the naughty-strings corpus is missing")


def test_the_corpus_is_there() -> None:
    if not naughty_strings():
        pytest.skip(f"naughty strings corpus not found under {CORPUS}")
    assert len(BATCHES) > 5


# -- DOT, SVG, Mermaid -----------------------------------------------------------------------------


def _svg_is_clean(data: bytes) -> None:
    root = ET.fromstring(data)  # well-formed XML
    for element in root.iter():
        assert element.tag not in (f"{SVG_NS}script", f"{SVG_NS}foreignObject", "script"), element.tag
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            if attribute.endswith("href"):
                assert not value.strip().lower().startswith("javascript:"), value


@needs_dot
@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=IDS)
@pytest.mark.parametrize("view", ["map", "flow"])
def test_dot_and_svg(batch: int, view: str) -> None:
    _need(batch)
    journey = journey_of(batch)
    dot = journeymap.render(journey, "dot", view)
    command = ["dot", "-Kneato", "-n2", "-Tsvg"] if view == "map" else ["dot", "-Tsvg"]
    completed = subprocess.run(command, input=dot, capture_output=True, check=False, timeout=120)
    stderr = completed.stderr.decode("utf-8", "replace")
    assert completed.returncode == 0, stderr
    assert "error" not in stderr.lower(), stderr
    _svg_is_clean(completed.stdout)
    _svg_is_clean(journeymap.render(journey, "svg", view))


@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=IDS)
def test_mermaid(batch: int) -> None:
    _need(batch)
    text = journeymap.render(journey_of(batch), "mermaid").decode("utf-8")
    assert strict_problems(text) == [], text
    assert len(parse(text).tasks) == len(BATCHES[batch][1])


# -- HTML and Markdown reports -----------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "nav", "div", "ol", "ul", "li", "main",
    "section", "h1", "h2", "h3", "h4", "p", "strong", "span", "dl", "dt", "dd", "small", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "article", "blockquote", "code", "abbr", "br",
    "footer", "bdi", "em", "svg", "g", "polygon", "polyline", "path", "ellipse", "text", "defs",
    "lineargradient", "stop", "rect", "tspan", "circle", "line",
}  # fmt: skip


def _report_inputs(batch: int) -> list[ReportInput]:
    journey = journey_of(batch)
    text = dump(hostile_doc(BATCHES[batch][1], batch))
    findings = journeymap.audit(journeymap.load_text(text, f"{BATCHES[batch][0]}.yaml"))
    return [ReportInput(f"{BATCHES[batch][0]}.yaml", journey, journeymap.score(journey), findings)]


@needs_dot
@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=IDS)
def test_html_report(batch: int) -> None:
    _need(batch)
    for name, data in journeymap.report(_report_inputs(batch), "html").items():
        parser = TagCollector()
        parser.feed(data.decode("utf-8"))
        parser.close()
        assert parser.tags <= ALLOWED_TAGS, f"{name}: unexpected tags {sorted(parser.tags - ALLOWED_TAGS)}"
        assert parser.problems == [], name
        assert b"<script" not in data.lower()


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=IDS)
def test_markdown_report(batch: int) -> None:
    _need(batch)
    files = journeymap.report(_report_inputs(batch), "markdown", journeymap.reporting.ReportOptions(mermaid=True))
    for name, data in files.items():
        if not name.endswith(".md"):
            _svg_is_clean(data)
            continue
        in_fence, columns, tables = False, 0, 0
        for line in data.decode("utf-8").split("\n"):
            if line.startswith("```"):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            if re.fullmatch(r"\|( :?-{3,}:? \|)+", line):
                columns = line.count("|") - 1
                tables += 1
                continue
            if line.startswith("|") and columns:
                assert _cells(line) == columns, f"{name}: {line!r}"
            elif not line.startswith("|"):
                columns = 0
            assert not re.search(r"<(script|img|iframe|a\s|svg|object|embed|style)", line, re.I), f"{name}: {line!r}"
        assert tables > 0, name
        mermaid = re.findall(r"```mermaid\n(.*?)```", data.decode("utf-8"), re.S)
        for block in mermaid:
            assert strict_problems(block) == [], block


# -- the CLI: JSON, SARIF and the terminal formats ----------------------------------------------------

ESCAPES = re.compile("[\x1b\x9b\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def journey_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for number, (name, strings) in enumerate(BATCHES):
        if strings:
            (folder / f"{name}.yaml").write_text(dump(hostile_doc(strings, number)), encoding="utf-8")
            (folder / f"{name}-broken.yaml").write_text(dump(broken_doc(strings)), encoding="utf-8")
    return folder


def _valid_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.stem.endswith("-broken"))


JSON_COMMANDS = [("validate", "--format", "json"), ("audit", "--format", "json"), ("score", "--format", "json")]


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=lambda c: c[0])
def test_json_outputs_parse(command: tuple[str, ...], journey_dir: Path) -> None:
    for paths in ([journey_dir], _valid_files(journey_dir)):
        result = run_cli(*command, *paths)
        assert result.code in (0, 1), result.output[-3000:]
        assert_no_traceback(result)
        data = json.loads(result.stdout)
        assert data


def test_score_json_keeps_every_label_exactly(journey_dir: Path) -> None:
    """JSON is data: names come back byte for byte, however hostile."""
    result = run_cli("score", "--format", "json", *_valid_files(journey_dir))
    assert result.code == 0, result.output[-3000:]
    by_path = {Path(j["path"]).stem: j for j in json.loads(result.stdout)["journeys"]}
    for name, strings in BATCHES:
        if not strings:
            continue
        journey = by_path[name]
        assert journey["title"] == strings[0]
        names = {row["id"]: row["name"] for row in journey["rows"]}
        assert names == {f"t{i}": text for i, text in enumerate(strings)}


def test_sarif_is_valid(journey_dir: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for paths in ([journey_dir], _valid_files(journey_dir)):
        result = run_cli("audit", "--format", "sarif", "--fail-on", "never", *paths)
        assert result.code in (0, 1), result.output[-3000:]
        assert_no_traceback(result)
        sarif = json.loads(result.stdout)
        errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
        assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert sarif["runs"][0]["results"], "no results: the hostile strings were not exercised"


TERMINAL_COMMANDS = [
    ("validate", "--format", "human"),
    ("validate", "--format", "text"),
    ("audit", "--format", "human"),
    ("audit", "--format", "text"),
    ("audit", "--format", "markdown"),
    ("score", "--format", "human"),
    ("score", "--format", "markdown"),
]


@pytest.mark.parametrize("command", TERMINAL_COMMANDS, ids=lambda c: "-".join(c[::2]))
@pytest.mark.parametrize("which", ["valid", "all"])
def test_terminal_output_has_no_raw_escapes(command: tuple[str, ...], which: str, journey_dir: Path) -> None:
    _check_terminal(command, which, journey_dir)


@pytest.mark.parametrize(
    ("command", "which"),
    [
        (("validate", "--format", "github"), "all"),
        (("audit", "--format", "github"), "valid"),
        (("audit", "--format", "github"), "all"),
    ],
    ids=["validate-all", "audit-valid", "audit-all"],
)
def test_github_annotations_have_no_raw_escapes(command: tuple[str, ...], which: str, journey_dir: Path) -> None:
    _check_terminal(command, which, journey_dir)


def _check_terminal(command: tuple[str, ...], which: str, journey_dir: Path) -> None:
    paths = _valid_files(journey_dir) if which == "valid" else [journey_dir]
    result = run_cli(*command, *paths)
    assert result.code in (0, 1), result.output[-3000:]
    assert_no_traceback(result)
    found = sorted({f"U+{ord(c):04X}" for c in ESCAPES.findall(result.stdout)})
    assert found == [], f"raw control/bidi characters on stdout: {found}"
    found = sorted({f"U+{ord(c):04X}" for c in ESCAPES.findall(result.stderr)})
    assert found == [], f"raw control/bidi characters on stderr: {found}"


@needs_dot
def test_render_and_report_cli_messages_are_clean(journey_dir: Path, tmp_path: Path) -> None:
    for args in (["render", journey_dir, "-o", tmp_path / "maps"], ["report", journey_dir, "-o", tmp_path / "site"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 1, result.output[-3000:]  # the broken journeys are skipped
        assert_no_traceback(result)
        assert ESCAPES.findall(result.output) == []
    for svg in (tmp_path / "maps").glob("*.svg"):
        _svg_is_clean(svg.read_bytes())
