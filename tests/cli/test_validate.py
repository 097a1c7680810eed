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


BROKEN = """version: 1
journey:
  title: Checkout
personas:
  - id: sara
    name: Sara
stages:
  - id: purchase
    name: Purchase
    touchpoints:
      - id: pay
        name: Pay
        chanel: web
"""


def test_text_format_is_one_parsable_line_per_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run_cli("validate", "--format", "text", path)
    assert result.code == 1
    assert result.stdout.splitlines() == [
        f"{path}:11:9: error[JM101] touchpoint 'pay' is missing the required key 'channel'",
        "  hint: add `channel:`",
        f"{path}:13:9: error[JM100] unknown key 'chanel' in touchpoint 'pay'",
        "  hint: did you mean 'channel'?",
        "1 file, 1 persona, 1 stage, 1 touchpoint: 2 errors in 1 file",
    ]


def test_human_format_shows_the_source_line_and_a_caret(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run_cli("validate", "--format", "human", path)
    assert result.code == 1
    assert "   13 |         chanel: web\n" in result.stdout
    assert "\n" + " " * 16 + "^^^^^^\n" in result.stdout
    assert "= hint: did you mean 'channel'?" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR is set


def test_github_format_escapes_properties_and_newlines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a,b:c.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run_cli("validate", "--format", "github", path)
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=" + str(path).replace(":", "%3A").replace(",", "%2C") + ",line=11,col=9")
    assert "title=JM101 missing-field::" in first
    assert "%0Ahint: add `channel:`" in first


def test_control_characters_in_keys_never_reach_the_terminal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.yaml"
    path.write_text(BROKEN.replace("chanel", '"\\e[31mred\\u202eevil"'), encoding="utf-8")
    for fmt in ("text", "human"):
        result = run_cli("validate", "--format", fmt, path)
        assert result.code == 1
        assert "\x1b" not in result.stdout
        assert "\u202e" not in result.stdout
        assert "\\u001b[31mred\\u202eevil" in result.stdout
