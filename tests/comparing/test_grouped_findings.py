"""Grouped audit findings (one finding listing many touchpoints) are compared touchpoint by touchpoint."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES, run_cli

TELECOM = EXAMPLES / "telecom-support.yaml"
AS_ERROR = '[audit.rules.JM314]\nlevel = "error"\n'


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _with_knowledge_base(text: str) -> str:
    return text.replace("owner: Telesales\n", "owner: Telesales\n        knowledge_base: Sales wiki\n", 1)


def _moved(text: str, block: str, following: str, to: str) -> str:
    """The touchpoint ``block`` (the one before ``following``) cut and pasted before the touchpoint ``to``."""
    start, end = text.index(f"      - id: {block}\n"), text.index(f"      - id: {following}\n")
    cut, rest = text[start:end], text[:start] + text[end:]
    anchor = rest.index(f"      - id: {to}\n")
    return rest[:anchor] + cut + rest[anchor:]


def test_a_knowledge_base_on_one_touchpoint_resolves_one_and_introduces_none(tmp_path: Path) -> None:
    base = _write(tmp_path, "base.yaml", TELECOM.read_text(encoding="utf-8"))
    after = _write(tmp_path, "after.yaml", _with_knowledge_base(base.read_text(encoding="utf-8")))
    result = run_cli("compare", base, after, cwd=tmp_path)
    assert result.code == 0, result.output
    assert result.stdout.count("resolved") == 1, result.stdout
    assert "introduced" not in result.stdout
    assert "resolved info[JM314]" in result.stdout
    assert "'phone-sales'" in result.stdout


def test_an_error_level_grouped_rule_does_not_fail_the_build_when_it_improves(tmp_path: Path) -> None:
    _write(tmp_path, "journeymap.toml", AS_ERROR)
    base = _write(tmp_path, "base.yaml", TELECOM.read_text(encoding="utf-8"))
    after = _write(tmp_path, "after.yaml", _with_knowledge_base(base.read_text(encoding="utf-8")))
    result = run_cli("compare", base, after, "--fail-on", "regression", cwd=tmp_path)
    assert result.code == 0, result.output
    assert "resolved error[JM314]" in result.stdout
    assert "no regressions" in result.stdout


def test_removing_a_knowledge_base_introduces_one_touchpoint_and_is_a_regression_at_error_level(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "journeymap.toml", AS_ERROR)
    before = _write(tmp_path, "before.yaml", _with_knowledge_base(TELECOM.read_text(encoding="utf-8")))
    after = _write(tmp_path, "after.yaml", TELECOM.read_text(encoding="utf-8"))
    result = run_cli("compare", before, after, "--fail-on", "regression", "-f", "json", cwd=tmp_path)
    assert result.code == 1, result.output
    assert '"touchpoint": "phone-sales"' in result.stdout
    assert result.stdout.count('"status": "introduced"') == 1


def test_a_touchpoint_moved_to_another_stage_keeps_its_grouped_finding(tmp_path: Path) -> None:
    """The IVR moved from support to purchase: still without a knowledge base, first of the group now."""
    text = TELECOM.read_text(encoding="utf-8")
    base = _write(tmp_path, "base.yaml", text)
    after = _write(tmp_path, "after.yaml", _moved(text, "ivr", "live-chat-agent", "phone-sales"))
    result = run_cli("compare", base, after, "-f", "json", cwd=tmp_path)
    assert result.code == 0, result.output
    assert '"before": "Service and support",\n              "after": "Purchase"' in result.stdout
    assert '"findings": []' in result.stdout


def test_the_arabic_journey_compares_grouped_findings_per_touchpoint(tmp_path: Path) -> None:
    source = EXAMPLES / "bank-account-opening-ar.yaml"
    result = run_cli("compare", source, source)
    assert result.code == 0, result.output
    assert "JM314" not in result.stdout


def test_a_touchpoint_moved_out_of_the_checked_stages_resolves_only_its_own_part(tmp_path: Path) -> None:
    """The IVR moved to post-purchase (not a stage JM314 checks): 4 listed become 3 single findings."""
    text = TELECOM.read_text(encoding="utf-8")
    base = _write(tmp_path, "base.yaml", text)
    after = _write(tmp_path, "after.yaml", _moved(text, "ivr", "live-chat-agent", "installation-visit"))
    result = run_cli("compare", base, after, cwd=tmp_path)
    assert result.code == 0, result.output
    assert "stage: Service and support -> Post-purchase" in result.stdout
    assert result.stdout.count("resolved") == 1, result.stdout
    assert "no knowledge base is named: 'ivr'" not in result.stdout
    assert "no knowledge base: 'ivr'" in result.stdout
    assert "introduced" not in result.stdout
