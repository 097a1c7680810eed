"""What changed besides numbers: action, moment of truth, ``next`` paths, channel, and emotions in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM, TELECOM_FUTURE = EXAMPLES / "telecom-support.yaml", EXAMPLES / "telecom-support.future.yaml"
BANK, BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"


def _block(text: str, touchpoint: str) -> list[str]:
    """The lines said under one touchpoint of the plain-text comparison."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f" '{touchpoint}' " in line and not line.startswith(" "))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line.strip())
    return block


def test_actions_next_paths_and_emotion_words_of_the_future_state() -> None:
    result = run_cli("compare", TELECOM, TELECOM_FUTURE)
    assert result.code == 0, result.output
    tier1 = _block(result.stdout, "phone-agent-tier1")
    assert "next: tier2-escalation, technician-visit, resolution-sms -> technician-visit, resolution-sms" in tier1
    assert "emotion (Maya, remote worker): frustrated (2) -> neutral (3)" in tier1
    assert "emotion (Walter, retired landline switcher): 2 -> relieved (4)" in tier1  # a score stays a score
    action = next(line for line in tier1 if line.startswith("action: "))
    assert action.startswith("action: Repeats the account number")
    assert "\n" not in action
    assert len(action) < 140  # one short line: a long action is cut with an ellipsis
    assert "…" in action


def _edited(folder: Path, old: str, new: str) -> Path:
    text = TELECOM.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    after = folder / "after.yaml"
    after.write_text(text.replace(old, new), encoding="utf-8")
    return after


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "          impact: high\n          valence: positive\n          why: A punctual",
            "          impact: medium\n          valence: positive\n          why: A punctual",
            "moment of truth impact: high -> medium",
        ),
        (
            "        action: A technician installs the fibre box and router and tests the line\n",
            "        action: A technician installs the box and shows the app\n",
            "action: A technician installs the fibre box and router and tests th… -> "
            "A technician installs the box and shows the app",
        ),
        (
            "        channel: field_service\n        action: A technician installs",
            "        channel: mobile_app\n        action: A technician installs",
            "channel: Field service -> Mobile app",
        ),
    ],
    ids=["moment-impact", "action", "channel"],
)
def test_one_line_per_change_of_the_installation_visit(tmp_path: Path, old: str, new: str, said: str) -> None:
    after = _edited(tmp_path, old, new)
    result = run_cli("compare", TELECOM, after)
    assert result.code == 0, result.output
    assert said in _block(result.stdout, "installation-visit")


def test_a_moment_of_truth_removed_and_added_says_its_impact(tmp_path: Path) -> None:
    moment = (
        "        moment_of_truth:\n          impact: high\n          valence: positive\n"
        "          why: A punctual technician who explains the equipment sets the tone for the whole contract\n"
    )
    after = _edited(tmp_path, moment, "")
    removed = run_cli("compare", TELECOM, after)
    assert "moment of truth: yes (high) -> no" in _block(removed.stdout, "installation-visit")
    added = run_cli("compare", after, TELECOM)
    assert "moment of truth: no -> yes (high)" in _block(added.stdout, "installation-visit")


def test_the_json_and_markdown_carry_the_same_changes() -> None:
    [comparison] = json.loads(run_cli("compare", TELECOM, TELECOM_FUTURE, "-f", "json").stdout)["comparisons"]
    tier1 = next(t for t in comparison["touchpoints"] if t["id"] == "phone-agent-tier1")
    changes = {c["what"]: (c["before"], c["after"]) for c in tier1["changes"]}
    assert changes["next"] == ("tier2-escalation, technician-visit, resolution-sms", "technician-visit, resolution-sms")
    assert changes["emotion (Maya, remote worker)"] == ("frustrated (2)", "neutral (3)")
    markdown = run_cli("compare", TELECOM, TELECOM_FUTURE, "-f", "markdown").stdout
    assert "emotion (Maya, remote worker): frustrated (2) → neutral (3)" in markdown


@pytest.mark.parametrize("fmt", ["human", "markdown", "html"])
def test_arabic_changes_use_the_maps_arabic_words(fmt: str) -> None:
    result = run_cli("compare", BANK, BANK_FUTURE, "-f", fmt)
    assert result.code == 0, result.output
    arrow = "->" if fmt == "human" else "←"
    assert f"المشاعر (خالد، خريج جديد يبحث عن حساب للراتب): قلق (٢) {arrow} ثقة (٤)" in result.stdout
    assert f"الخطوة التالية: compliance-review، video-verification {arrow} application-status، video-verification" in (
        result.stdout
    )
    assert "الإجراء: " in result.stdout
    assert "action:" not in result.stdout
    assert "next:" not in result.stdout
