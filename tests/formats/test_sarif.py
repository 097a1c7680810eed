"""SARIF for code scanning: valid 2.1.0, help on every rule, code-point columns, encoded URIs, messages that
start with the finding, logical locations, and ``validate --format sarif``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from journeymap.auditing.registry import RULES
from journeymap.codes import CODES
from journeymap.formats.sarif import artifact_uri
from tests.conftest import CORPUS, EXAMPLES, ROOT, require, require_corpus, run_cli

SCHEMA = CORPUS / "sarif" / "sarif-schema-2.1.0.json"
BROKEN = "version: 1\njourney:\n  title: Broken\npersonas: []\nstages: []\n"


def _validate_schema(log: dict[str, object]) -> None:
    require_corpus(SCHEMA.exists(), "SARIF schema not in the shared corpus")
    import jsonschema

    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))


def _audit_log() -> dict:  # type: ignore[type-arg]
    return json.loads(run_cli("audit", EXAMPLES, "-f", "sarif").stdout)


def test_audit_sarif_is_valid_with_help_on_every_rule() -> None:
    log = _audit_log()
    _validate_schema(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][: len(RULES)] == [r.code for r in RULES]
    for rule in rules:
        assert rule["help"]["text"].strip(), rule["id"]
        assert rule["help"]["markdown"].strip(), rule["id"]
    first = rules[0]
    assert first["help"]["markdown"].startswith(f"## {first['id']} {first['name']}")
    assert "### Why it matters" in first["help"]["markdown"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_validate_sarif_lists_every_validation_code() -> None:
    result = run_cli("validate", "tests/fixtures", "-f", "sarif")
    log = json.loads(result.stdout)
    _validate_schema(log)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[:3] == ["JM001", "JM002", "JM003"]
    assert {code for code, entry in CODES.items() if entry.stage in ("load", "schema", "semantic")} <= set(ids)
    assert all("diagnostics.md#" in r["help"]["markdown"] for r in log["runs"][0]["tool"]["driver"]["rules"])
    assert log["runs"][0]["results"], "the fixtures hold broken files"
    assert result.code in (1, 2)


def test_validate_sarif_of_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "my journeys").mkdir()
    (tmp_path / "my journeys" / "café.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("validate", "my journeys/café.yaml", "-f", "sarif", cwd=tmp_path)
    assert result.code == 1
    log = json.loads(result.stdout)
    _validate_schema(log)
    [first, _] = log["runs"][0]["results"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "my%20journeys/caf%C3%A9.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 4
    assert first["message"]["text"].startswith(
        "A list or text that must not be empty is empty or blank. Here: 'personas' in"
    )
    assert "%SRCROOT%" in log["runs"][0]["originalUriBaseIds"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("examples/first-purchase.yaml", {"uri": "examples/first-purchase.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./a b/c#d?.yaml", {"uri": "a%20b/c%23d%3F.yaml", "uriBaseId": "%SRCROOT%"}),
        ("journeys\\فتح.yaml", {"uri": "journeys/%D9%81%D8%AA%D8%AD.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/srv/cx/a b.yaml", {"uri": "file:///srv/cx/a%20b.yaml"}),
        ("C:\\cx\\a.yaml", {"uri": "file:///C:/cx/a.yaml"}),
        ("<stdin>", {"uri": "stdin"}),
    ],
)
def test_artifact_uris_are_percent_encoded(path: str, expected: dict[str, str]) -> None:
    assert artifact_uri(path) == expected


def test_messages_start_with_the_finding_not_a_quoted_id() -> None:
    results = _audit_log()["runs"][0]["results"]
    assert results
    for result in results:
        text = result["message"]["text"]
        assert text.startswith(CODES[result["ruleId"]].summary), text
        assert not text.startswith(("'", '"'))


def test_touchpoints_are_logical_locations_inside_their_stage() -> None:
    run = _audit_log()["runs"][0]
    places = run["logicalLocations"]
    touchpoints = [p for p in places if p["kind"] == "member"]
    assert touchpoints
    for place in touchpoints:
        stage = places[place["parentIndex"]]
        assert stage["kind"] == "namespace"
        assert place["fullyQualifiedName"] == f"{stage['name']}/{place['name']}"
    for result in run["results"]:
        for logical in result["locations"][0].get("logicalLocations", []):
            assert places[logical["index"]]["fullyQualifiedName"] == logical["fullyQualifiedName"]


def test_sarif_is_deterministic() -> None:
    assert run_cli("validate", EXAMPLES, "-f", "sarif").stdout == run_cli("validate", EXAMPLES, "-f", "sarif").stdout


def _multitool() -> str | None:
    """Microsoft's sarif-multitool: on PATH, or from npm (`npm install @microsoft/sarif-multitool` in a folder
    named by SARIF_MULTITOOL_DIR)."""
    import os

    folder = os.environ.get("SARIF_MULTITOOL_DIR")
    if folder:  # the platform's own binary: npm's wrapper runs it through a shell, which splits "Gh;Sarif"
        for candidate in sorted(
            (Path(folder) / "node_modules" / "@microsoft").glob("sarif-multitool-*/Sarif.Multitool")
        ):
            return str(candidate)
    return shutil.which("Sarif.Multitool")


@pytest.mark.client
@pytest.mark.parametrize("command", [("audit", str(EXAMPLES)), ("validate", "tests/fixtures")])
def test_sarif_multitool_with_github_rules_finds_no_error_or_warning(tmp_path: Path, command: tuple[str, str]) -> None:
    """sarif-multitool's GitHub (GHxxxx) and SARIF (SARIFxxxx) rules: no error, no warning (notes are advice)."""
    tool = _multitool()
    require(tool, "sarif-multitool not found (npm install @microsoft/sarif-multitool; SARIF_MULTITOOL_DIR=that folder)")
    assert tool is not None
    sarif = tmp_path / "journeymap.sarif"
    sarif.write_text(run_cli(*command, "-f", "sarif").stdout, encoding="utf-8")
    report = tmp_path / "validation.sarif"
    done = subprocess.run(
        [tool, "validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning", "-o", str(report), str(sarif)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["runs"][0].get("results", [])
    problems = [(r["ruleId"], r["message"].get("text", r["message"].get("arguments"))) for r in results]
    assert problems == []
