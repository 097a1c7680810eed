"""A ``was:`` that names no touchpoint of the earlier state is said (JM740), at the ``was:``, with the likely id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

CURRENT = EXAMPLES / "first-purchase.yaml"
FUTURE = EXAMPLES / "first-purchase.future.yaml"


def _misspelt(tmp_path: Path, was: str) -> tuple[Path, int]:
    """The future state with its rename's ``was:`` changed, and the line it is on."""
    text = FUTURE.read_text(encoding="utf-8")
    assert "was: account-or-guest" in text
    future = tmp_path / "first-purchase.future.yaml"
    future.write_text(text.replace("was: account-or-guest", f"was: {was}"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "was: account-or-guest" in row)
    return future, line


def test_a_misspelt_was_is_a_warning_at_its_place_with_the_likely_id(tmp_path: Path) -> None:
    future, line = _misspelt(tmp_path, "acount-or-guest")
    result = run_cli("compare", CURRENT, future, "--format", "json")
    assert result.code == 0, result.stderr
    assert f"{future}:{line}:" in result.stderr
    assert "warning[JM740]" in result.stderr
    assert "was 'acount-or-guest', which" in result.stderr
    assert "did you mean 'account-or-guest'?" in result.stderr
    compared = json.loads(result.stdout)["comparisons"][0]
    statuses = {t["id"]: t["status"] for t in compared["touchpoints"]}
    assert statuses["account-or-guest"] == "removed"  # compared as written: new and removed, as the warning says


def test_a_rename_that_matches_says_nothing(tmp_path: Path) -> None:
    result = run_cli("compare", CURRENT, FUTURE)
    assert result.code == 0
    assert "JM740" not in result.stderr


@pytest.mark.parametrize(("lang", "said"), [("ar", "قورنت على أنها جديدة"), ("en", "compared as new")])
def test_the_warning_is_in_the_readers_language(tmp_path: Path, lang: str, said: str) -> None:
    future, _ = _misspelt(tmp_path, "nothing-like-it")
    result = run_cli("compare", CURRENT, future, "--lang", lang)
    assert said in result.stderr
    assert "did you mean" not in result.stderr  # no close id: the hint says what to write instead
