"""End-to-end: ``journeymap validate`` through the real command line."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, assert_no_traceback, run_cli


def test_examples_are_valid() -> None:
    result = run_cli("validate", EXAMPLES)
    assert result.code == 0, result.output
    assert result.stdout.strip().endswith("all valid")


def test_missing_file_is_exit_2_with_hint() -> None:
    result = run_cli("validate", "no-such-file.yaml")
    assert result.code == 2
    assert "no-such-file.yaml: error[JM001] no such file or directory: 'no-such-file.yaml'" in result.stdout
    assert "hint:" in result.stdout


def test_stdin_is_read_with_dash() -> None:
    text = (EXAMPLES / "first-purchase.yaml").read_text(encoding="utf-8")
    result = run_cli("validate", "-", stdin=text)
    assert result.code == 0, result.output


def test_json_output_shape() -> None:
    result = run_cli("validate", "--format", "json", EXAMPLES / "first-purchase.yaml")
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert set(document) == {"schema_version", "tool", "files", "summary"}
    (file,) = document["files"]
    assert file["valid"] is True
    assert file["diagnostics"] == []
    assert document["summary"]["errors"] == 0


def test_unknown_format_is_usage_error() -> None:
    result = run_cli("validate", "--format", "xml", EXAMPLES)
    assert result.code == 2
    assert_no_traceback(result)
