"""A target the team moved is a target change: shown apart, never better, worse or a regression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM = EXAMPLES / "telecom-support.yaml"
#: The online order's abandonment-rate target, as the example writes it (its rate is 29%).
TARGET = "          abandonment_rate: 20%\n"


def _pair(folder: Path, target: str) -> tuple[Path, Path]:
    text = TELECOM.read_text(encoding="utf-8")
    assert text.count(TARGET) == 1
    before, after = folder / "before.yaml", folder / "after.yaml"
    before.write_text(text, encoding="utf-8")
    after.write_text(text.replace(TARGET, f"          abandonment_rate: {target}\n"), encoding="utf-8")
    return before, after


@pytest.mark.parametrize(("target", "how"), [("40%", "relaxed, now met"), ("10%", "tightened")])
def test_a_moved_target_is_a_target_change_and_no_regression(tmp_path: Path, target: str, how: str) -> None:
    before, after = _pair(tmp_path, target)
    result = run_cli("compare", before, after, "--fail-on", "regression")
    assert result.code == 0, result.output
    assert f"Abandonment rate target: 20% -> {target} ({how})" in result.stdout
    assert "the friction change comes from the target change, not from what customers live" in result.stdout
    assert "no regressions" in result.stdout
    assert "missed -> met" not in result.stdout


def test_json_says_which_changes_are_target_changes(tmp_path: Path) -> None:
    before, after = _pair(tmp_path, "40%")
    [comparison] = json.loads(run_cli("compare", before, after, "-f", "json").stdout)["comparisons"]
    [touchpoint] = comparison["touchpoints"]
    [change] = touchpoint["changes"]
    assert change == {
        "what": "Abandonment rate target",
        "before": "20%",
        "after": "40%",
        "direction": "changed",
        "kind": "target",
        "remark": "relaxed, now met",
    }
    assert touchpoint["friction_from_targets"] is True
    assert touchpoint["regressions"] == []
    assert comparison["regressions"] == []


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_target_change_reads_the_same_in_the_comment_and_the_page(tmp_path: Path, fmt: str) -> None:
    before, after = _pair(tmp_path, "10%")
    result = run_cli("compare", before, after, "-f", fmt)
    assert result.code == 0, result.output
    assert "Abandonment rate target: 20% → 10% (tightened)" in result.stdout
    assert "regression" not in result.stdout.replace("No regressions", "")


def test_a_missed_target_with_the_same_goal_is_still_a_regression(tmp_path: Path) -> None:
    text = TELECOM.read_text(encoding="utf-8")
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(text.replace("abandonment_rate: 29%", "abandonment_rate: 12%", 1), encoding="utf-8")
    after.write_text(text, encoding="utf-8")
    result = run_cli("compare", before, after, "--fail-on", "regression")
    assert result.code == 1, result.output
    assert "Abandonment rate target: met -> missed" in result.stdout
    assert "Abandonment rate target newly missed" in result.stdout


def test_an_arabic_target_change_is_arabic() -> None:
    result = run_cli(
        "compare", EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"
    )
    assert result.code == 0, result.output
    assert "tightened" not in result.stdout
    assert "هدف متوسط مدة الانتظار: ١٥\u00a0د -> ٥\u00a0د (شُدِّد)" in result.stdout
