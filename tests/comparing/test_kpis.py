"""The journey's own metrics (KPIs) before and after, with their targets' status, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM, TELECOM_FUTURE = EXAMPLES / "telecom-support.yaml", EXAMPLES / "telecom-support.future.yaml"
BANK, BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"


def test_each_kpi_reads_before_and_after_with_its_target_status() -> None:
    result = run_cli("compare", TELECOM, TELECOM_FUTURE)
    assert result.code == 0, result.output
    assert "journey KPIs:\n" in result.stdout
    assert "    Net Promoter Score: -4 -> 9 (+13.0); target 15: missed\n" in result.stdout
    assert "    Churn rate: 2.3% -> 1.8% (-0.5 pts); target 1.5%: missed\n" in result.stdout
    assert "    Repeat contact rate: 38% -> 19% (-19.0 pts); target 20%: missed -> met\n" in result.stdout
    assert "    Ticket volume: 41200 -> 31600 (-9600)\n" in result.stdout  # the change written as the values are


def test_the_json_carries_each_kpi() -> None:
    [comparison] = json.loads(run_cli("compare", TELECOM, TELECOM_FUTURE, "-f", "json").stdout)["comparisons"]
    repeat = next(k for k in comparison["kpis"] if k["id"] == "repeat_contact_rate")
    assert repeat == {
        "id": "repeat_contact_rate",
        "title": "Repeat contact rate",
        "before": "38%",
        "after": "19%",
        "change": "-19.0 pts",
        "direction": "better",
        "target": {"before": "20%", "after": "20%"},
        "status": {"before": "missed", "after": "met"},
        "remark": None,
        "regression": None,
    }


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_comment_and_the_page_draw_the_kpis_with_the_arrow(fmt: str) -> None:
    result = run_cli("compare", TELECOM, TELECOM_FUTURE, "-f", fmt)
    assert "Journey KPIs:" in result.stdout
    assert "Repeat contact rate: 38% → 19% (-19.0 pts); target 20%: missed → met" in result.stdout


def _missed(folder: Path, value: str) -> Path:
    """The future state with its repeat-contact rate (19%, target 20%) set to ``value``."""
    text = TELECOM_FUTURE.read_text(encoding="utf-8")
    assert text.count("    repeat_contact_rate: 19%\n") == 1
    after = folder / "after.yaml"
    after.write_text(text.replace("    repeat_contact_rate: 19%\n", f"    repeat_contact_rate: {value}\n"), "utf-8")
    return after


def test_a_kpi_newly_missing_its_target_is_a_regression(tmp_path: Path) -> None:
    after = _missed(tmp_path, "25%")
    result = run_cli("compare", TELECOM_FUTURE, after, "--fail-on", "regression")
    assert result.code == 1, result.output
    assert "Repeat contact rate: 19% -> 25% (+6.0 pts); target 20%: met -> missed" in result.stdout
    assert "journey: Repeat contact rate target newly missed" in result.stdout
    still = run_cli("compare", TELECOM_FUTURE, _missed(tmp_path, "18%"), "--fail-on", "regression")
    assert still.code == 0, still.output


def test_a_kpi_target_the_team_moved_is_a_target_change_not_a_regression(tmp_path: Path) -> None:
    after = tmp_path / "after.yaml"
    text = TELECOM_FUTURE.read_text(encoding="utf-8")
    after.write_text(text.replace("    nps: 15\n", "    nps: 5\n", 1), encoding="utf-8")
    result = run_cli("compare", TELECOM_FUTURE, after, "--fail-on", "regression")
    assert result.code == 0, result.output
    assert "Net Promoter Score: 9 -> 9; target 15 -> 5 (relaxed, now met)" in result.stdout


@pytest.mark.parametrize(("fmt", "arrow"), [("human", "->"), ("markdown", "←"), ("html", "←")])
def test_arabic_kpis_read_in_arabic_digits_and_words(fmt: str, arrow: str) -> None:
    result = run_cli("compare", BANK, BANK_FUTURE, "-f", fmt)
    assert result.code == 0, result.output
    assert "مؤشرات الرحلة" in result.stdout
    assert f"معدل الإتمام: ٥٤٪ {arrow} ٦٦٪ (؜+١٢٫٠ نقطة)؛ الهدف ٧٠٪: غير محقق" in result.stdout
    assert "target" not in result.stdout.replace("target state", "")


def test_a_count_typed_in_thousands_changes_in_thousands(tmp_path: Path) -> None:
    after = tmp_path / "after.yaml"
    text = TELECOM_FUTURE.read_text(encoding="utf-8")
    assert text.count("    ticket_volume: 31600\n") == 1
    after.write_text(text.replace("    ticket_volume: 31600\n", "    ticket_volume: ٣١٬٦٠٠\n"), "utf-8")
    result = run_cli("compare", TELECOM, after)
    assert result.code == 0, result.output
    assert "    Ticket volume: 41200 -> ٣١٬٦٠٠ (-9,600)\n" in result.stdout
