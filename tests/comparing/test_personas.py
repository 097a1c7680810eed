"""Personas in a comparison: shares and names that move friction are named; emotions only where a persona is."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli

TELECOM = EXAMPLES / "telecom-support.yaml"
FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"


def _edited(folder: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = folder / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_share_and_a_name_that_change_are_listed_in_every_format(tmp_path: Path) -> None:
    after = _edited(tmp_path, TELECOM, "    share: 45%\n", "    share: 65%\n")
    after = _edited(tmp_path, after, "name: Walter, retired landline switcher", "name: Walter, retired")
    text = run_cli("compare", TELECOM, after).stdout
    assert (
        "personas: share (Maya, remote worker): 45% -> 65%; "
        "persona name: Walter, retired landline switcher -> Walter, retired" in text
    )
    markdown = run_cli("compare", TELECOM, after, "-f", "markdown").stdout
    assert "**Personas:** share (Maya, remote worker): 45% → 65%<br>persona name: Walter, retired landline" in markdown
    assert "share (Maya, remote worker): 45% → 65%" in run_cli("compare", TELECOM, after, "-f", "html").stdout
    [comparison] = json.loads(run_cli("compare", TELECOM, after, "-f", "json").stdout)["comparisons"]
    assert comparison["personas"][0] == {
        "what": "share (Maya, remote worker)",
        "before": "45%",
        "after": "65%",
        "direction": "changed",
        "kind": "performance",
        "remark": None,
    }


def test_an_emotion_is_compared_only_for_the_personas_at_the_touchpoint(tmp_path: Path) -> None:
    after = _edited(
        tmp_path,
        FIRST_PURCHASE,
        "        personas: [omar]\n        emotion: neutral\n",
        "        personas: [omar]\n        emotion: {omar: happy}\n",
    )
    result = run_cli("compare", FIRST_PURCHASE, after)
    assert result.code == 0, result.output
    assert "emotion (Omar, careful first-timer): neutral (3) -> happy (4)" in result.stdout
    assert "emotion (Sara" not in result.stdout


def test_one_regression_is_singular_and_arabic_counts_read_as_arabic(tmp_path: Path) -> None:
    after = _edited(tmp_path, TELECOM, "          abandonment_rate: 29%\n", "          abandonment_rate: 39%\n")
    text = run_cli("compare", TELECOM, after).stdout
    assert "regression(s)" not in text
    assert "\n1 regression: " in text or "2 regressions: " in text
    arabic = run_cli(
        "compare", EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"
    )
    assert "\n١ تراجع: " in arabic.stdout
