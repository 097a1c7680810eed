"""End-to-end: ``journeymap score`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.settings.friction import COMPONENTS, LABELS
from tests.conftest import EXAMPLES, assert_no_traceback, run_cli

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
TELECOM = EXAMPLES / "telecom-support.yaml"

TOUCHPOINT_KEYS = {
    "rank",
    "kind",
    "id",
    "name",
    "stage",
    "channel",
    "persona",
    "personas",
    "score",
    "band",
    "confidence",
    "priority",
    "moment_of_truth",
    "volume",
    "weight",
    "weight_parts",
    "contributions",
}
GROUP_KEYS = {"kind", "id", "name", "score", "band", "confidence", "touchpoints", "components"}
CONTRIBUTION_KEYS = {"component", "label", "value", "weight", "strength", "points", "inputs", "note", "applicable"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_score_with_a_ranked_table(path: Path) -> None:
    result = run_cli("score", "--lang", "en", path)  # Arabic examples: their table is Arabic without it
    assert result.code == 0, result.output
    assert_no_traceback(result)
    assert "journey friction" in result.stdout
    assert "main reasons" in result.stdout
    assert "stages:" in result.stdout


def test_json_shape_is_pinned() -> None:
    result = run_cli("score", "--format", "json", TELECOM)
    assert result.code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"schema_version", "tool", "by", "rank", "persona", "top", "journeys"}
    assert document["schema_version"] == 2
    assert (document["by"], document["rank"], document["persona"], document["top"]) == (
        "touchpoint",
        "priority",
        None,
        None,
    )
    (journey,) = document["journeys"]
    assert set(journey) == {"path", "id", "title", "journey", "stages", "rows", "explain", "settings"}
    assert set(journey["journey"]) == GROUP_KEYS
    assert journey["explain"] is None
    assert set(journey["settings"]) == {"weights", "bands", "moment_of_truth", "limits"}
    rows = journey["rows"]
    assert len(rows) == 18
    assert set(rows[0]) == TOUCHPOINT_KEYS
    assert [r["rank"] for r in rows] == list(range(1, 19))
    priorities = [r["priority"] for r in rows if r["priority"] is not None]
    assert priorities == sorted(priorities, reverse=True)
    assert all(0 <= r["score"] <= 100 for r in rows if r["score"] is not None)
    contributions = rows[0]["contributions"]
    assert [c["component"] for c in contributions] == list(COMPONENTS)
    assert set(contributions[0]) == CONTRIBUTION_KEYS
    assert sum(c["points"] for c in contributions) == pytest.approx(rows[0]["score"], abs=0.1)


def test_explain_shows_every_component_with_inputs() -> None:
    result = run_cli("score", TELECOM, "--explain", "ivr")
    assert result.code == 0, result.output
    for component in COMPONENTS:
        assert LABELS[component] in result.stdout
    assert "inputs: Waiting time 11m (target 3m)" in result.stdout
    assert "no data: no CES measured" in result.stdout
    assert "friction = 100 × (1 - Π(1 - strength × value))" in result.stdout
    assert "priority = friction" in result.stdout


def test_rank_friction_orders_by_friction_alone() -> None:
    result = run_cli("score", "--format", "json", "--rank", "friction", TELECOM)
    assert result.code == 0, result.output
    rows = json.loads(result.stdout)["journeys"][0]["rows"]
    frictions = [r["score"] for r in rows if r["score"] is not None]
    assert frictions == sorted(frictions, reverse=True)


def test_rank_rejects_an_unknown_order() -> None:
    result = run_cli("score", "--rank", "loudest", TELECOM)
    assert result.code == 2
    assert "priority" in result.output


def test_explain_in_json() -> None:
    result = run_cli("score", EXAMPLES, "--explain", "ivr", "--format", "json")
    assert result.code == 0, result.output
    (journey,) = json.loads(result.stdout)["journeys"]
    assert journey["explain"]["id"] == "ivr"
    assert len(journey["explain"]["contributions"]) == len(COMPONENTS)


def test_explain_unknown_touchpoint_is_a_usage_error() -> None:
    result = run_cli("score", TELECOM, "--explain", "ivrr")
    assert result.code == 2
    assert "no touchpoint 'ivrr'" in result.stderr
    assert "ivr" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("by", ["stage", "persona", "channel"])
def test_by_groups(by: str) -> None:
    result = run_cli("score", TELECOM, "--by", by, "--format", "json")
    assert result.code == 0, result.output
    (journey,) = json.loads(result.stdout)["journeys"]
    assert journey["rows"]
    assert {r["kind"] for r in journey["rows"]} == {by}
    assert set(journey["rows"][0]) == GROUP_KEYS | {"rank"}


def test_by_stage_table() -> None:
    result = run_cli("score", TELECOM, "--by", "stage")
    assert result.code == 0, result.output
    assert "Service and support" in result.stdout
    assert "touchpoints" in result.stdout


def test_top_and_persona() -> None:
    result = run_cli("score", TELECOM, "--top", "3", "--persona", "walter", "--format", "json")
    assert result.code == 0, result.output
    document = json.loads(result.stdout)
    assert document["persona"] == "walter"
    rows = document["journeys"][0]["rows"]
    assert len(rows) == 3
    assert all("walter" in r["personas"] and r["persona"] == "walter" for r in rows)


def test_unknown_persona_is_a_usage_error() -> None:
    result = run_cli("score", TELECOM, "--persona", "walt")
    assert result.code == 2
    assert "walter" in result.stderr
    assert_no_traceback(result)


def test_markdown_format() -> None:
    result = run_cli("score", TELECOM, "--format", "markdown", "--top", "2")
    assert result.code == 0, result.output
    assert result.stdout.startswith("## Kestrel Fibre")
    assert "| # | touchpoint |" in result.stdout


def test_invalid_file_exits_1_with_validate_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "version: 1\njourney:\n  title: x\npersonas:\n  - id: p\n    name: P\n"
        "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n        chanel: web\n",
        encoding="utf-8",
    )
    scored = run_cli("score", broken)
    validated = run_cli("validate", broken)
    assert scored.code == validated.code == 1
    assert scored.stdout == validated.stdout
    assert "error[JM" in scored.stdout
    assert_no_traceback(scored)


def test_invalid_file_in_json_gives_the_validation_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\njourney: {}\n", encoding="utf-8")
    result = run_cli("score", broken, "--format", "json")
    assert result.code == 1
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["files"][0]["valid"] is False


def test_missing_file_exits_2() -> None:
    result = run_cli("score", "no-such-file.yaml")
    assert result.code == 2
    assert "JM001" in result.stdout
    assert_no_traceback(result)


def test_bad_scoring_section_is_an_invalid_file(tmp_path: Path) -> None:
    text = TELECOM.read_text(encoding="utf-8") + "\nscoring:\n  weights: {emotion: -1}\n"
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("score", "--lang", "en", path)  # Arabic examples: their table is Arabic without it
    assert result.code == 1
    assert "error[JM104]" in result.stdout
