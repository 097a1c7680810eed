"""An opportunity gone from the later state is *delivered* only where its touchpoint improved (decision 0044);
elsewhere it is *no longer listed*. And a touchpoint whose priority alone moved is not called unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM, TELECOM_FUTURE = EXAMPLES / "telecom-support.yaml", EXAMPLES / "telecom-support.future.yaml"
BANK, BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"
#: An opportunity of the installation visit, a touchpoint the future state leaves as it is.
DROPPED = "          - SMS with live technician location, as for parcel deliveries\n"
DROPPED_AR = "          - صياغة الوعد بدقة، مثل «ابدأ في ١٠ دقائق واحصل على الآيبان خلال ٣ أيام عمل»\n"


def _without(folder: Path, source: Path, line: str) -> Path:
    """``source`` without the opportunity ``line`` (and its ``opportunities:`` key when it was the only one)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(line) == 1
    only = f"        opportunities:\n{line}"
    after = folder / source.name
    alone = only in text and only + "          - " not in text
    after.write_text(text.replace(only if alone else line, ""), encoding="utf-8")
    return after


def test_an_idea_deleted_at_a_touchpoint_that_did_not_improve_is_no_longer_listed(tmp_path: Path) -> None:
    after = _without(tmp_path, TELECOM_FUTURE, DROPPED)
    result = run_cli("compare", TELECOM, after)
    assert result.code == 0, result.output
    assert (
        "no longer listed on 'installation-visit' (the touchpoint did not improve): "
        "SMS with live technician location, as for parcel deliveries"
    ) in result.stdout
    assert "delivered on 'installation-visit'" not in result.stdout
    # where the touchpoint improved, the opportunity it no longer lists is delivered
    assert "delivered on 'callback-offer': Offer a callback when the wait is over 5 minutes" in result.stdout


def test_the_json_keeps_the_two_apart(tmp_path: Path) -> None:
    after = _without(tmp_path, TELECOM_FUTURE, DROPPED)
    [comparison] = json.loads(run_cli("compare", TELECOM, after, "-f", "json").stdout)["comparisons"]
    assert comparison["no_longer_listed"] == [{"touchpoint": "installation-visit", "opportunity": DROPPED.strip()[2:]}]
    delivered = {d["touchpoint"] for d in comparison["delivered"]}
    assert "installation-visit" not in delivered
    assert "callback-offer" in delivered


def test_an_idea_dropped_where_friction_went_up_is_not_delivered(tmp_path: Path) -> None:
    """The chatbot's friction rises in the future state: dropping its idea delivers nothing."""
    text = TELECOM_FUTURE.read_text(encoding="utf-8")
    chatbot = text.split("      - id: support-chatbot\n", 1)[1].split("      - id: ", 1)[0]
    idea = next(
        line for line in chatbot.split("opportunities:\n", 1)[1].splitlines() if line.startswith("          - ")
    )
    after = _without(tmp_path, TELECOM_FUTURE, idea + "\n")
    result = run_cli("compare", TELECOM, after, "-f", "json")
    [comparison] = json.loads(result.stdout)["comparisons"]
    assert {"touchpoint": "support-chatbot", "opportunity": idea.strip()[2:]} in comparison["no_longer_listed"]
    assert all(d["touchpoint"] != "support-chatbot" for d in comparison["delivered"])


@pytest.mark.parametrize("fmt", ["human", "markdown", "html"])
def test_arabic_opportunities_no_longer_listed_read_in_arabic(tmp_path: Path, fmt: str) -> None:
    after = _without(tmp_path, BANK_FUTURE, DROPPED_AR)
    result = run_cli("compare", BANK, after, "-f", fmt)
    assert result.code == 0, result.output
    assert "لم تعد مدرجة في" in result.stdout
    assert "(لم تتحسن نقطة الاتصال): " + DROPPED_AR.strip()[2:] in result.stdout
    assert "تحققت في" in result.stdout
    assert "no longer listed" not in result.stdout


def test_a_touchpoint_whose_priority_alone_moved_says_so() -> None:
    """In the Arabic future state nothing changes at the card delivery, but its priority rises."""
    result = run_cli("compare", BANK, BANK_FUTURE, "-f", "json")
    [comparison] = json.loads(result.stdout)["comparisons"]
    assert {"id": "card-delivery", "priority": {"before": 37.4, "after": 50.6}} in comparison["reprioritised"]
    [listed] = [t for t in comparison["touchpoints"] if t["id"] == "card-delivery"]
    assert listed["status"] == "reprioritised"  # nothing of its own changed, but it is not unchanged either
    assert "card-delivery" not in comparison["unchanged"]
    assert "card-delivery" not in comparison["unexplained"]  # so there is nothing to explain
    text = run_cli("compare", BANK, BANK_FUTURE).stdout
    assert "    الأولوية: ٣٧٫٤ -> ٥٠٫٦ (؜+١٣٫٢)\n" in text
    unchanged = next(line for line in text.splitlines() if "لم تتغير" in line)
    assert "card-delivery" not in unchanged
