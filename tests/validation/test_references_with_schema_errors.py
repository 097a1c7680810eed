"""Reference mistakes are reported in the same run as schema errors elsewhere in the file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

JOURNEY = """version: 1
journey:
  title: Checkout
  langauge: en
personas:
  - id: sara
    name: Sara
stages:
  - id: purchase
    name: Purchase
    touchpoints:
      - name: Payment
        channel: web
        emotion: {sarah: 2}
        next: [confirmation]
      - name: Payment
        channel: webb
        metrics: {csat: lots}
"""


def test_schema_and_reference_errors_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    result = run_cli("validate", "--format", "text", path)
    assert result.code == 1
    codes = [line.split("error[")[1][:5] for line in result.stdout.splitlines() if "error[" in line]
    assert codes == ["JM100", "JM201", "JM203", "JM200", "JM202", "JM105"]
    assert f"{path}:14:19: error[JM201] unknown persona 'sarah'" in result.stdout
    assert "did you mean 'sara'?" in result.stdout
    assert f"{path}:16:9: error[JM200] touchpoint id 'payment' is already used (line 12)" in result.stdout
