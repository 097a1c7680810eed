"""``journeymap report`` end to end: outputs, exit codes, diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import journeymap
from tests.conftest import EXAMPLES, FIXTURES, assert_no_traceback, run_cli

INVALID = FIXTURES / "invalid"


def test_directory_of_html_pages(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("report", EXAMPLES, "-o", out)
    assert result.code == 0, result.output
    ids = [journeymap.read(str(path)).id for path in sorted(EXAMPLES.glob("*.yaml"))]
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{i}.html" for i in ids] + ["index.html"])
    assert result.stdout == ""
    assert result.stderr == f"reported {len(ids)} of {len(ids)} journeys as html to {out}\n"


@pytest.mark.slow  # every example reported twice; test_report.py compares two reports in the default suite
def test_two_runs_write_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = run_cli("report", EXAMPLES, "-o", tmp_path / name, "--format", "markdown", "--mermaid")
        assert result.code == 0, result.output
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second
    assert "first-purchase-map.svg" in first


def test_one_markdown_file_gets_its_image_beside_it(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "docs" / "checkout.md")
    assert result.code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["checkout.md", "first-purchase-map.svg"]
    assert "](first-purchase-map.svg)" in (tmp_path / "docs" / "checkout.md").read_text(encoding="utf-8")


def test_json_to_stdout() -> None:
    result = run_cli("report", EXAMPLES, "-o", "-", "--format", "json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert len(data["journeys"]) == len(list(EXAMPLES.glob("*.yaml")))


def test_persona_view(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "sara.html", "--persona", "sara")
    assert result.code == 0, result.output
    assert "Persona view" in (tmp_path / "sara.html").read_text(encoding="utf-8")
    unknown = run_cli("report", EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "x.html", "--persona", "nobody")
    assert unknown.code == 2
    assert "has no persona 'nobody'" in unknown.stderr


def test_invalid_journey_is_reported_like_validate_and_others_still_written(tmp_path: Path) -> None:
    bad = next(p for p in sorted(INVALID.glob("JM2*.yaml")))
    result = run_cli("report", bad, EXAMPLES / "first-purchase.yaml", "-o", tmp_path / "out")
    assert_no_traceback(result)
    assert result.code == 1
    validate = run_cli("validate", bad, "--format", "text")
    first_line = validate.stdout.splitlines()[0]
    assert first_line in result.stderr.splitlines()
    assert (tmp_path / "out" / "first-purchase.html").exists()


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = run_cli("report", tmp_path / "missing.yaml", "-o", tmp_path / "out")
    assert_no_traceback(result)
    assert result.code == 2
    assert "missing.yaml" in result.stderr


def test_several_journeys_into_one_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLES, "-o", tmp_path / "all.html")
    assert result.code == 2
    assert "write the pages to a directory: -o DIR/" in result.stderr
    assert not (tmp_path / "all.html").exists()


def test_template_dir_must_exist(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLES, "-o", tmp_path / "out", "--template-dir", tmp_path / "nope")
    assert result.code == 2
    assert "--template-dir" in result.stderr


def test_template_dir_overrides(tmp_path: Path) -> None:
    (tmp_path / "tpl" / "html").mkdir(parents=True)
    (tmp_path / "tpl" / "html" / "index.html.j2").write_text("<p>{{ portfolio.journeys|length }} journeys</p>\n")
    result = run_cli("report", EXAMPLES, "-o", tmp_path / "out", "--template-dir", tmp_path / "tpl")
    assert result.code == 0, result.output
    count = len(list(EXAMPLES.glob("*.yaml")))
    assert (tmp_path / "out" / "index.html").read_text() == f"<p>{count} journeys</p>\n"
