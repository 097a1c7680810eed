"""Canonical stages recognised from ids, names and Arabic names, so stage-based audit rules keep running."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from journeymap.model.journey import arabic_canonical_stage
from tests.conftest import ROOT, run_cli

BANK = ROOT / "examples" / "bank-account-opening-ar.yaml"


@pytest.mark.parametrize(
    ("name", "stage"),
    [
        ("الوعي", "awareness"),
        ("البحث والمقارنة", "consideration"),
        ("القرار وفتح الحساب", "purchase"),
        ("ما بعد فتح الحساب", "post_purchase"),  # "after opening the account", not the opening itself
        ("الخدمة والدعم", "service"),
        ("خدمة العملاء", "service"),
        ("مرحلة أخرى", None),
    ],
)
def test_arabic_stage_names_name_their_canonical_stage(name: str, stage: str | None) -> None:
    assert arabic_canonical_stage(name) == stage


def _codes(path: Path) -> Counter[str]:
    document = json.loads(run_cli("audit", path, "-f", "json", "--fail-on", "never").stdout)
    return Counter(f["code"] for f in document["files"][0]["findings"])


def test_arabic_stage_ids_keep_the_stage_rules(tmp_path: Path) -> None:
    """Issue 13: Arabic stage names without `canonical:` silently switched off the service and post-purchase rules."""
    text = BANK.read_text(encoding="utf-8")
    for english in ("awareness", "consideration", "decision", "post-purchase", "service"):
        text = text.replace(f"\n  - id: {english}\n    name:", "\n  - name:", 1)
    assert "  - id: service\n" not in text
    arabic_ids = tmp_path / "bank.yaml"
    arabic_ids.write_text(text, encoding="utf-8")
    assert run_cli("validate", arabic_ids).code == 0
    assert _codes(arabic_ids) == _codes(BANK)
