"""`journeymap audit` and `journeymap rules` end to end: exit codes, selection, config, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.auditing.registry import RULES
from journeymap.project import docs_url
from tests.conftest import CORPUS, EXAMPLES, FIXTURES, ROOT, assert_no_traceback, require_corpus, run_cli

AUDIT = FIXTURES / "audit"
WARNING_ONLY = (AUDIT / "JM311-fail.yaml").relative_to(ROOT)  # one warning
ERROR_FINDING = (AUDIT / "JM350-fail.yaml").relative_to(ROOT)  # one error (and other findings)
INFO_ONLY = (AUDIT / "JM342-fail.yaml").relative_to(ROOT)
SOURCE = ROOT / WARNING_ONLY


@pytest.mark.parametrize(
    ("fail_on", "path", "code"),
    [
        ("error", WARNING_ONLY, 0),
        ("warning", WARNING_ONLY, 1),
        ("info", WARNING_ONLY, 1),
        ("never", WARNING_ONLY, 0),
        ("error", ERROR_FINDING, 1),
        ("never", ERROR_FINDING, 0),
    ],
)
def test_exit_code_follows_fail_on(fail_on: str, path: Path, code: int) -> None:
    result = run_cli("audit", path, "--select", path.stem[:5], "--fail-on", fail_on, "-f", "text")
    assert_no_traceback(result)
    assert result.code == code, result.output


def test_info_findings_fail_only_with_fail_on_info() -> None:
    assert run_cli("audit", INFO_ONLY, "--select", "JM342", "--fail-on", "warning").code == 0
    assert run_cli("audit", INFO_ONLY, "--select", "JM342", "--fail-on", "info").code == 1


def test_text_output_is_parsable_lines_and_a_summary() -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", "JM311", "-f", "text")
    assert result.stdout == (
        f"{WARNING_ONLY}:11:9: warning[JM311] touchpoint 'comparison-site' has no owner\n"
        "  hint: add `owner:` with the team accountable for it, even if that decision needs a meeting\n"
        "1 file: 1 finding (0 errors, 1 warning, 0 info)\n"
    )


@pytest.mark.parametrize("select", ["JM31", "touchpoint-without-owner", "jm311", "JM341,JM311"])
def test_select_by_prefix_and_name(select: str) -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", select, "-f", "text")
    assert "warning[JM311]" in result.stdout
    assert "JM305" not in result.stdout


@pytest.mark.parametrize("ignore", ["JM311", "JM31", "touchpoint-without-owner"])
def test_ignore_by_prefix_and_name(ignore: str) -> None:
    result = run_cli("audit", WARNING_ONLY, "--ignore", ignore, "-f", "text", "--fail-on", "never")
    assert "[JM311]" not in result.stdout


def test_unknown_select_is_a_usage_error() -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", "JM999")
    assert result.code == 2
    assert "no audit rule matches 'JM999'" in result.stderr


def test_invalid_journey_reports_validation_diagnostics_and_exits_1() -> None:
    bad = FIXTURES / "invalid" / "JM101-missing-channel.yaml"
    result = run_cli("audit", bad, "-f", "text")
    assert result.code == 1
    assert "error[JM101]" in result.stdout
    assert result.stdout.endswith("1 file, 1 not a valid journey (1 error): no findings\n")
    assert_no_traceback(result)


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = run_cli("audit", tmp_path / "missing.yaml", "-f", "text")
    assert result.code == 2
    assert_no_traceback(result)


def _journey(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "journey.yaml"
    path.write_text(SOURCE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_project_config_in_journeymap_toml(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    (tmp_path / "journeymap.toml").write_text('[audit]\nselect = ["JM31"]\n\n[audit.rules.JM311]\nlevel = "error"\n')
    result = run_cli("audit", journey, "-f", "text", cwd=tmp_path)
    assert result.code == 1
    assert "error[JM311]" in result.stdout


def test_project_config_in_pyproject(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.journeymap.audit]\nignore = ["touchpoint-without-owner"]\n')
    result = run_cli("audit", journey, "-f", "text", "--fail-on", "warning", cwd=tmp_path)
    assert "JM311" not in result.stdout


def test_unknown_rule_in_project_config_names_the_file(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    (tmp_path / "journeymap.toml").write_text('[audit]\nignore = ["JM3999"]\n')
    result = run_cli("audit", journey, cwd=tmp_path)
    assert result.code == 2
    assert "journeymap.toml" in result.stderr
    assert "JM3999" in result.stderr
    assert_no_traceback(result)


def test_unknown_key_in_project_audit_table_names_the_file(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    (tmp_path / "journeymap.toml").write_text('[audit]\nselcet = ["JM31"]\n')
    result = run_cli("audit", journey, cwd=tmp_path)
    assert result.code == 2
    assert "journeymap.toml" in result.stderr
    assert "selcet" in result.stderr


def test_journey_audit_section_with_unknown_rule_points_at_it(tmp_path: Path) -> None:
    journey = _journey(tmp_path, "audit:\n  ignore: [JM3111]\n")
    result = run_cli("audit", journey, "-f", "text", cwd=tmp_path)
    assert result.code == 1
    assert "journey.yaml:16:12: error[JM390] no audit rule matches 'JM3111'" in result.stdout


SUPPRESS = "        suppress:\n          - {rule: JM311%s}\n"


def _suppressed(tmp_path: Path, reason: str) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    anchor = "        channel: review_site\n"
    path = tmp_path / "journey.yaml"
    path.write_text(text.replace(anchor, anchor + SUPPRESS % reason), encoding="utf-8")
    return path


def test_inline_suppression_with_reason(tmp_path: Path) -> None:
    path = _suppressed(tmp_path, ", reason: 'Owned by the comparison site; we only monitor it'")
    result = run_cli("audit", path, "--select", "JM311", "-f", "text", "--fail-on", "warning", cwd=tmp_path)
    assert result.code == 0, result.stdout
    assert "no findings" in result.stdout


def test_inline_suppression_without_reason(tmp_path: Path) -> None:
    result = run_cli("audit", _suppressed(tmp_path, ""), "--select", "JM311", "-f", "text", cwd=tmp_path)
    assert result.code == 1
    assert "journey.yaml:15:13: error[JM391] the suppression of JM311 gives no reason" in result.stdout
    assert "warning[JM311]" in result.stdout


def test_unused_inline_suppression(tmp_path: Path) -> None:
    text = _suppressed(tmp_path, ", reason: We are hiring an owner").read_text(encoding="utf-8")
    path = tmp_path / "journey.yaml"
    path.write_text(
        text.replace("        channel: review_site\n", "        channel: review_site\n        owner: Brand\n")
    )
    result = run_cli("audit", path, "--select", "JM311", "-f", "text", cwd=tmp_path)
    assert "journey.yaml:16:13: warning[JM392] the suppression of JM311 at 'comparison-site' matches no finding" in (
        result.stdout
    )


def test_json_shape_is_pinned() -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", "JM311", "-f", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["schema_version", "tool", "files", "summary"]
    assert document["schema_version"] == 1
    [file] = document["files"]
    assert list(file) == ["path", "valid", "journey", "findings", "by_stage"]
    [finding] = file["findings"]
    assert finding == {
        "code": "JM311",
        "name": "touchpoint-without-owner",
        "severity": "warning",
        "message": "touchpoint 'comparison-site' has no owner",
        "hint": "add `owner:` with the team accountable for it, even if that decision needs a meeting",
        "path": str(WARNING_ONLY),
        "line": 11,
        "column": 9,
        "end_line": finding["end_line"],
        "end_column": finding["end_column"],
        "url": docs_url("audit-rules.md", "jm311-touchpoint-without-owner"),
        "why": "Accountability: a touchpoint no team owns is one nobody improves.",
        "stage": "consideration",
        "touchpoint": "comparison-site",
    }
    assert file["by_stage"] == [
        {"stage": "consideration", "name": "Consideration", "errors": 0, "warnings": 1, "infos": 0}
    ]
    assert document["summary"] == {
        "files": 1,
        "invalid_files": 0,
        "findings": 1,
        "errors": 0,
        "warnings": 1,
        "infos": 0,
    }


def test_sarif_is_valid_and_carries_rule_metadata() -> None:
    schema_path = CORPUS / "sarif" / "sarif-schema-2.1.0.json"
    require_corpus(schema_path.exists(), "SARIF schema not in the shared corpus")
    import jsonschema

    result = run_cli("audit", "examples/telecom-support.yaml", "-f", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    rule = driver["rules"][0]
    assert set(rule) == {"id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"}
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert len(log["runs"][0]["results"]) >= 10


def test_sarif_result_points_at_the_finding() -> None:
    log = json.loads(run_cli("audit", WARNING_ONLY, "--select", "JM311", "-f", "sarif").stdout)
    driver = log["runs"][0]["tool"]["driver"]
    [first] = log["runs"][0]["results"]
    assert first["ruleId"] == "JM311"
    assert first["level"] == "warning"
    assert driver["rules"][first["ruleIndex"]]["id"] == "JM311"
    assert driver["rules"][first["ruleIndex"]]["name"] == "touchpoint-without-owner"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": str(WARNING_ONLY), "uriBaseId": "%SRCROOT%"}
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (11, 9)
    assert first["message"]["text"] == (
        "No team is accountable for a touchpoint. Here: touchpoint 'comparison-site' has no owner.\n"
        "What to do: add `owner:` with the team accountable for it, even if that decision needs a meeting"
    )


def test_github_annotations() -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", "JM311", "-f", "github")
    assert result.stdout.startswith("::warning file=tests/fixtures/audit/JM311-fail.yaml,line=11,col=9,")


def test_markdown_has_stage_summary_and_findings_table() -> None:
    result = run_cli("audit", WARNING_ONLY, "--select", "JM311", "-f", "markdown")
    assert "| Consideration | 0 | 1 | 0 |" in result.stdout
    url = docs_url("audit-rules.md", "jm311-touchpoint-without-owner")
    assert f"| 11:9 | warning | [JM311]({url})" in result.stdout


def test_human_output_says_why_and_summarises_by_stage() -> None:
    result = run_cli("audit", (AUDIT / "JM340-fail.yaml").relative_to(ROOT), "--select", "JM340", "-f", "human")
    assert result.code == 0
    assert "= why: Over 75% of customers expect the next agent to know what they already said." in result.stdout
    assert "= hint: pass the case (ticket, transcript, IVR input) along" in result.stdout
    assert "Internet fault (tests/fixtures/audit/JM340-fail.yaml): findings by stage" in result.stdout
    assert "  Service  1 warning" in result.stdout
    assert result.stdout.rstrip().endswith("✓ 1 file: 1 finding (0 errors, 1 warning, 0 info)")


def test_examples_give_a_useful_number_of_findings_and_no_errors() -> None:
    result = run_cli("audit", EXAMPLES, "-f", "json")
    assert result.code == 0, result.stdout
    document = json.loads(result.stdout)
    for file in document["files"]:
        assert file["valid"]
        assert 5 <= len(file["findings"]) <= 60, (file["path"], len(file["findings"]))
    assert run_cli("audit", EXAMPLES, "-f", "sarif").stdout == run_cli("audit", EXAMPLES, "-f", "sarif").stdout


def test_rules_lists_the_catalogue() -> None:
    result = run_cli("rules")
    assert result.code == 0
    for rule in RULES:
        assert f"{rule.code}  {rule.name}" in result.stdout


@pytest.mark.parametrize("reference", ["JM321", "low-first-contact-resolution", "jm321"])
def test_rules_explains_one_rule(reference: str) -> None:
    result = run_cli("rules", reference)
    assert result.code == 0
    assert result.stdout.startswith("JM321 low-first-contact-resolution (warning, performance against targets")
    for part in ("Why it matters:", "Example:", "Use instead:", "min (default 70%)", "fcr: 52%"):
        assert part in result.stdout


def test_rules_unknown_is_a_usage_error() -> None:
    result = run_cli("rules", "low-fcr-rate")
    assert result.code == 2
    assert "no audit rule 'low-fcr-rate'" in result.stderr


def test_rules_markdown_is_the_docs_page() -> None:
    result = run_cli("rules", "--markdown")
    assert result.stdout == (ROOT / "docs" / "audit-rules.md").read_text(encoding="utf-8")
