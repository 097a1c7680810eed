"""The JSON Schema as editors use it: yaml-language-server (the server behind VS Code's YAML extension) over LSP.

Each typical mistake must be flagged on its own line with a message that says
what is expected; completion after ``channel:`` must offer the built-in
channels; hover text must be Markdown. The server reads the committed schema
(docs/schema/journeymap.schema.json), as users' editors do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap.model.json_schema import FILE_MATCH, journey_schema
from journeymap.project import RAW, SCHEMA_URL
from tests.conftest import EXAMPLES, ROOT, require
from tests.ecosystem.lsp import LanguageServer

SCHEMA_FILE = ROOT / "docs" / "schema" / "journeymap.schema.json"

VALID = """\
version: 1
journey:
  title: Checkout
  industry: retail
personas:
  - id: sara
    name: Sara
    share: 60%
stages:
  - id: purchase
    name: Purchase
    touchpoints:
      - id: checkout
        name: Checkout
        channel: web
        emotion: frustrated
        handoffs: 1
        metrics: {csat: 71%, nps: 30, waiting_time: 2m}
"""

#: (what goes wrong, the line of VALID replaced (1-based), the replacement, a part of the message expected there)
MISTAKES = [
    ("unknown key", 4, "  industri: retail", "Property industri is not allowed"),
    ("misspelled built-in channel", 15, "        channel: sociall", "not a built-in channel"),
    (
        "unknown emotion name",
        16,
        "        emotion: grumpy",
        "an emotion is a score from 1 to 5 (5 = delighted) or a name: delighted",
    ),
    ("emotion out of range", 16, "        emotion: 7", "maximum of 5"),
    ("wrong type", 17, "        handoffs: many", 'Expected "integer"'),
    ("missing required field", 15, "        kind: web", 'Missing property "channel"'),
    ("bad id", 13, "      - id: check out", "an id has no spaces"),
    ("bad percentage", 8, "    share: 140%", "a percentage from 0% to 100%"),
    ("misspelled metric", 18, "        metrics: {csat: 71%, nsp: 30}", "Property nsp is not allowed"),
]


def _server_command() -> list[str]:
    server = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    require(server and Path(server).exists(), "yaml-language-server is not installed (set YAML_LANGUAGE_SERVER)")
    require(shutil.which("node"), "node is not installed")
    return [str(server), "--stdio"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    command = _server_command()
    root = tmp_path_factory.mktemp("editor")
    settings = {
        "yaml": {
            "validate": True,
            "hover": True,
            "completion": True,
            "schemaStore": {"enable": False},
            "schemas": {SCHEMA_FILE.as_uri(): ["*.journey.yaml"]},
        }
    }
    language_server = LanguageServer(command, root, settings)
    language_server.root = root  # type: ignore[attr-defined]
    yield language_server
    language_server.close()


def _diagnostics(server: LanguageServer, text: str, name: str) -> list[tuple[int, str]]:
    """(1-based line, message) of every diagnostic the server publishes for ``text`` as a journey file."""
    uri = server.open(server.root / name, text)  # type: ignore[attr-defined]
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in server.wait_for_diagnostics(uri)]


def _with(line: int, replacement: str) -> str:
    lines = VALID.splitlines()
    lines[line - 1] = replacement
    return "\n".join(lines) + "\n"


@pytest.mark.client
def test_a_valid_journey_has_no_diagnostics(server: LanguageServer) -> None:
    assert _diagnostics(server, VALID, "valid.journey.yaml") == []


@pytest.mark.client
@pytest.mark.parametrize(("mistake", "line", "replacement", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_typical_mistakes_are_flagged_on_their_line(
    server: LanguageServer, mistake: str, line: int, replacement: str, expected: str
) -> None:
    name = re.sub(r"\W+", "-", mistake) + ".journey.yaml"
    found = _diagnostics(server, _with(line, replacement), name)
    expected_line = 13 if mistake == "missing required field" else line  # the touchpoint that lacks the key
    assert any(at == expected_line and expected in message for at, message in found), found


@pytest.mark.client
def test_emotion_message_says_what_an_emotion_is_not_expected_number(server: LanguageServer) -> None:
    found = _diagnostics(server, _with(16, "        emotion: grumpy"), "grumpy.journey.yaml")
    assert [message for _, message in found if "Expected" in message] == []


@pytest.mark.client
def test_declared_custom_channels_are_accepted(server: LanguageServer) -> None:
    custom = _with(15, "        channel: concierge") + "channels:\n  - {id: concierge, name: Concierge, kind: human}\n"
    assert _diagnostics(server, custom, "custom.journey.yaml") == []
    from_library = _with(15, "        channel: concierge") + "channels: []\n"
    assert _diagnostics(server, from_library, "library.journey.yaml") == []


@pytest.mark.client
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_examples_have_no_diagnostics(server: LanguageServer, example: Path) -> None:
    """Through their own first line (`# yaml-language-server: $schema=../docs/schema/...`)."""
    uri = server.open(example, example.read_text(encoding="utf-8"))
    assert server.wait_for_diagnostics(uri) == []


@pytest.mark.client
def test_completion_after_channel_offers_the_built_in_channels(server: LanguageServer) -> None:
    text = _with(15, "        channel: ")
    uri = server.open(server.root / "complete.journey.yaml", text)  # type: ignore[attr-defined]
    server.wait_for_diagnostics(uri)
    items = server.completion(uri, 14, len("        channel: "))
    labels = {item["label"] for item in items}
    assert {"web", "live_chat", "phone", "store", "word_of_mouth"} <= labels, labels
    chat = next(item for item in items if item["label"] == "live_chat")
    assert "real-time text chat" in str(chat.get("documentation", "")), chat


@pytest.mark.client
def test_completion_offers_metrics_with_their_units(server: LanguageServer) -> None:
    text = VALID.replace("        metrics: {csat: 71%, nps: 30, waiting_time: 2m}\n", "        metrics:\n          \n")
    uri = server.open(server.root / "metrics.journey.yaml", text)  # type: ignore[attr-defined]
    server.wait_for_diagnostics(uri)
    items = {item["label"]: item for item in server.completion(uri, 18, 10)}
    assert {"csat", "nps", "ces", "fcr", "waiting_time", "custom"} <= set(items), sorted(items)
    assert "percentage" in str(items["csat"].get("documentation", "")), items["csat"]


@pytest.mark.client
@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        (15, 9, "`channels:`"),  # channel
        (16, 9, "`frustrated`"),  # emotion
        (13, 9, "`name`"),  # id
    ],
)
def test_hover_is_markdown(server: LanguageServer, line: int, column: int, expected: str) -> None:
    uri = server.open(server.root / "hover.journey.yaml", VALID)  # type: ignore[attr-defined]
    server.wait_for_diagnostics(uri)
    text = server.hover(uri, line - 1, column)
    assert expected in text, text
    assert "``" not in text, text
    assert "\\`" not in text, text


def test_schemastore_entry_in_the_docs_matches_the_schema() -> None:
    text = (ROOT / "docs" / "ecosystem.md").read_text(encoding="utf-8")
    section = text.split("### SchemaStore", 1)[1]
    entry = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    assert entry["fileMatch"] == list(FILE_MATCH)
    assert entry["url"] == SCHEMA_URL == journey_schema()["$id"]


def test_docs_name_this_release_s_schema() -> None:
    """Every published schema address in the docs is this version's (a release updates them all)."""
    pattern = re.escape(RAW.rsplit("/", 1)[0]) + r"/[^/\s]+/docs/schema/journeymap.schema.json"
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for url in re.findall(pattern, page.read_text(encoding="utf-8")):
            assert url == SCHEMA_URL, (page.name, url)
