"""Every format of ``compare`` carries the same facts: one pair, run in each format, each fact found in each."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM, TELECOM_FUTURE = EXAMPLES / "telecom-support.yaml", EXAMPLES / "telecom-support.future.yaml"
BANK, BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"

#: What a CX lead reads in the telecom pair below, as every format must say it (ids, values and the user's words).
FACTS = {
    "journey friction": "58.2",
    "stage rename (old id)": "'service'",
    "stage rename (new id)": "'care'",
    "journey KPI": "Repeat contact rate",
    "KPI value": "38%",
    "touchpoint renamed": "callback-offer",
    "emotion in words": "frustrated (2)",
    "next paths": "tier2-escalation, technician-visit, resolution-sms",
    "priority alone moved": "live-chat-agent",
    "finding": "JM341",
    "finding place": "telecom-support.yaml:257:5",
    "delivered opportunity": "Offer a callback when the wait is over 5 minutes",
    "opportunity no longer listed": "SMS with live technician location, as for parcel deliveries",
    "plan item": "One customer timeline for every agent",
    "plan owner": "Contact centre tooling",
    "plan due date": "2027-06-30",
    "changes no plan explains": "first-bill",
    "unchanged touchpoint": "fibre-letter",
    "regression": "support-chatbot",
}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The telecom future state with its service stage renamed (``was: service``) and one idea dropped where
    nothing improved."""
    folder = tmp_path_factory.mktemp("facts")
    text = TELECOM_FUTURE.read_text(encoding="utf-8")
    text = text.replace("  - id: service\n", "  - id: care\n    was: service\n", 1)
    text = text.replace("          - SMS with live technician location, as for parcel deliveries\n", "", 1)
    text = text.replace("        opportunities:\n        handoffs: 1\n", "        handoffs: 1\n", 1)
    after = folder / "telecom-support.future.yaml"
    after.write_text(text, encoding="utf-8")
    return TELECOM, after


def _read(fmt: str, output: str) -> str:
    """The output as a reader sees it: a page without its tags and entities, Markdown without its escapes."""
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", output))
    if fmt == "markdown":
        return html.unescape(output).replace("\\", "")
    if fmt == "json":
        return json.dumps(json.loads(output), ensure_ascii=False)
    return output


@pytest.mark.parametrize("fmt", ["human", "markdown", "html", "json"])
def test_each_format_carries_every_fact(pair: tuple[Path, Path], fmt: str) -> None:
    result = run_cli("compare", *pair, "-f", fmt)
    assert result.code == 0, result.output
    shown = _read(fmt, result.stdout)
    missing = [what for what, fact in FACTS.items() if fact.strip("'") not in shown]
    assert missing == [], f"{fmt} lacks {missing}"


def test_the_facts_are_there_to_be_found(pair: tuple[Path, Path]) -> None:
    """The pair really has each kind of fact (else the test above would pass on nothing)."""
    [comparison] = json.loads(run_cli("compare", *pair, "-f", "json").stdout)["comparisons"]
    assert [(r["was"], r["id"]) for r in comparison["stage_renames"]] == [("service", "care")]
    assert comparison["no_longer_listed"]
    assert comparison["delivered"]
    assert comparison["unchanged"]
    assert comparison["unexplained"]
    assert comparison["kpis"]
    assert comparison["reprioritised"]


@pytest.mark.parametrize("fmt", ["human", "markdown", "html"])
def test_the_arabic_pair_says_the_same_in_each_format(fmt: str) -> None:
    result = run_cli("compare", BANK, BANK_FUTURE, "-f", fmt)
    assert result.code == 0, result.output
    shown = _read(fmt, result.stdout)
    for fact in ("مؤشرات الرحلة", "تحققت في", "لم تتغير", "whatsapp-support", "card-delivery", "الأولوية"):
        assert fact in shown, (fmt, fact)


@pytest.mark.parametrize("fmt", ["markdown", "html", "human"])
def test_new_lines_keep_labels_as_data(tmp_path: Path, fmt: str) -> None:
    """A stage name, an action and an opportunity are the user's text: escaped in the comment and the page."""
    hostile = "Care | <script>alert(1)</script> **bold**"
    text = TELECOM.read_text(encoding="utf-8")
    later = text.replace("  - id: service\n    name: Service and support\n", f'  - id: care\n    name: "{hostile}"\n')
    later = later.replace(
        "        action: A technician installs the fibre box and router and tests the line\n",
        f'        action: "{hostile}"\n',
    )
    later = later.replace("          - SMS with live technician location, as for parcel deliveries\n", "", 1)
    later = later.replace("        opportunities:\n        handoffs: 1\n", "        handoffs: 1\n", 1)
    after = tmp_path / "after.yaml"
    after.write_text(later, encoding="utf-8")
    result = run_cli("compare", TELECOM, after, "-f", fmt)
    assert result.code == 0, result.output
    assert "is now 'care'" in html.unescape(result.stdout)
    if fmt == "human":
        assert f"action: A technician installs the fibre box and router and tests th… -> {hostile}" in result.stdout
        return
    assert "<script>" not in result.stdout
    if fmt == "markdown":
        assert "Care \\| &lt;script&gt;" in result.stdout
    else:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
