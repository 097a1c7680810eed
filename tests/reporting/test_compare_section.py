"""A future state's "Current → future" section, and the index's current -> future friction.

One truth: the section's numbers are ``journeymap compare --format json``'s for the same pair. Also:
HTML (values in <bdi>, labels escaped), Markdown, JSON, the index, right-to-left pages, hostile labels,
and the cases that have no section (no future state, a ``future_of`` outside the report, unrelated states).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeymap.comparing import Side, compare
from journeymap.reporting import ReportInput, report
from journeymap.shown import signed_tenth
from journeymap.workspace import run
from tests.conftest import EXAMPLES, FIXTURES, run_cli
from tests.rendering.helpers import arabic_future_doc, write_journey
from tests.reporting.helpers import TagCollector

CURRENT = FIXTURES / "compare" / "current.yaml"
FUTURE = FIXTURES / "compare" / "future.yaml"


def inputs_of(*paths: Path) -> list[ReportInput]:
    workspace = run([str(p) for p in paths])
    return [ReportInput(r.path, r.require_journey(), r.scores, r.findings) for r in workspace.valid]


@pytest.fixture(scope="module")
def pair() -> list[ReportInput]:
    return inputs_of(CURRENT, FUTURE)


@pytest.fixture(scope="module")
def html(pair: list[ReportInput]) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in report(pair, "html").items()}


@pytest.fixture(scope="module")
def markdown(pair: list[ReportInput]) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in report(pair, "markdown").items()}


def section(page: str) -> str:
    start = page.index('<section id="compare"')
    return page[start : page.index("</section>", start)]


# -- one truth ------------------------------------------------------------------------------------------------


def test_the_reports_numbers_are_the_compare_commands(tmp_path: Path) -> None:
    compared = run_cli("compare", CURRENT, FUTURE, "--format", "json")
    assert compared.code == 0, compared.output
    [expected] = json.loads(compared.stdout)["comparisons"]
    reported = run_cli("report", CURRENT, FUTURE, "-o", "-", "--format", "json")
    assert reported.code == 0, reported.output
    journeys = json.loads(reported.stdout)["journeys"]
    assert journeys[0]["comparison"] is None, "the current state has no section"
    found = journeys[1]["comparison"]
    assert {k: found["journey"][k] for k in expected["journey"]} == expected["journey"]
    assert [{k: g[k] for k in expected["stages"][0]} for g in found["stages"]] == expected["stages"]
    keys = ("status", "id", "was", "name", "stage", "friction", "priority", "regressions")
    assert [{k: t[k] for k in keys} for t in found["touchpoints"]] == [
        {k: t[k] for k in keys} for t in expected["touchpoints"]
    ]
    assert [
        [{k: c[k] for k in ("what", "before", "after", "direction", "kind", "remark")} for c in t["changes"]]
        for t in found["touchpoints"]
    ] == [t["changes"] for t in expected["touchpoints"]]
    assert [{k: p[k] for k in expected["plan"][0]} for p in found["plan"]] == expected["plan"], "same order too"
    assert [u["id"] for u in found["unexplained"]] == expected["unexplained"]
    for key in ("unchanged", "findings", "delivered", "regressions"):
        assert found[key] == expected[key], key
    index = json.loads(reported.stdout)["portfolio"]["journeys"]
    assert [s["before"] for j in index for s in j["states"]] == [expected["journey"]["before"]] * 2
    assert [s["after"] for j in index for s in j["states"]] == [expected["journey"]["after"]] * 2


def test_the_section_comes_from_compare_with_the_reports_own_results(pair: list[ReportInput]) -> None:
    current, future = pair
    expected = compare(*(Side(i.path, i.journey, i.scores, tuple(i.findings)) for i in pair))
    data = json.loads(report(pair, "json")["report.json"])
    found = data["journeys"][1]["comparison"]
    assert found["journey"]["delta"] == round(expected.journey.after - expected.journey.before, 1)  # type: ignore[operator]
    assert [p["id"] for p in found["plan"]] == [p.id for p in expected.plan]
    assert found["current"] == {
        "id": current.journey.id,
        "title": current.journey.info.title,
        "page": "fault-repair.json",
        "source": str(CURRENT),
        "state": "current",
    }
    assert found["counts"] == {
        "added": 1,
        "removed": 1,
        "renamed": 1,
        "changed": 3,
        "unchanged": 0,  # the one touchpoint nothing of its own changed at moved in priority: listed, not unchanged
        "resolved": sum(1 for f in expected.findings if f.status == "resolved"),
        "introduced": sum(1 for f in expected.findings if f.status == "introduced"),
    }
    assert future.journey.info.future_of == current.journey.id


# -- HTML --------------------------------------------------------------------------------------------------------


def test_html_section_on_the_future_page_only(html: dict[str, str], pair: list[ReportInput]) -> None:
    page = html["fault-repair-future.html"]
    assert '<li><a href="#compare">Current → future</a></li>' in page
    assert page.index('<section id="summary"') < page.index('<section id="compare"') < page.index('<section id="map"')
    assert '<section id="compare"' not in html["fault-repair.html"]
    part = section(page)
    assert (
        'Compared with the current state: <a href="fault-repair.html">Broadband fault, from first drop to fixed</a>'
        in part
    )
    comparison = compare(*(Side(i.path, i.journey, i.scores, tuple(i.findings)) for i in pair))
    journey = comparison.journey
    assert f'<bdi dir="ltr">{journey.before:.1f} → {journey.after:.1f}</bdi>' in part
    assert f'<span class="delta delta-better"><bdi dir="ltr">{signed_tenth(journey.delta)}</bdi></span>' in part  # type: ignore[arg-type]
    for group in comparison.stages:
        assert f'<tr><th scope="row">{group.name}</th><td class="num"><bdi dir="ltr">{group.before:.1f}</bdi>' in part
    for status in ("added", "removed", "renamed", "changed"):
        assert f'<span class="badge status-{status}">{status}</span>' in part
    assert "<s>Satisfaction survey by e-mail</s>" in part
    assert 'was: Service status page <span class="loc">status-page</span>' in part
    assert 'class="delta delta-worse"><bdi dir="ltr">+1.0</bdi>' in part, "the chat got worse"
    assert "channel: <bdi>Website</bdi> → <bdi>Mobile app</bdi>" in part, "channels by name"


def test_html_plan_in_the_comparisons_order_and_unexplained(html: dict[str, str], pair: list[ReportInput]) -> None:
    part = section(html["fault-repair-future.html"])
    comparison = compare(*(Side(i.path, i.journey, i.scores, tuple(i.findings)) for i in pair))
    positions = [part.index(f'<th scope="row">{item.title}') for item in comparison.plan]
    assert positions == sorted(positions), "ranked as Comparison.plan ranks them"
    assert comparison.plan[0].title == "Show the line test and the account to the agent"
    first = comparison.plan[0]
    assert f'<bdi dir="ltr">{first.friction_removed:.1f}</bdi>' in part
    unexplained = part[part.index("Changes no opportunity explains") :]
    assert 'Satisfaction survey by e-mail <span class="loc">paper-survey</span>' in unexplained


def test_index_shows_current_to_future_for_both_states(html: dict[str, str], pair: list[ReportInput]) -> None:
    index = html["index.html"]
    comparison = compare(*(Side(i.path, i.journey, i.scores, tuple(i.findings)) for i in pair))
    numbers = f'<bdi dir="ltr">{comparison.journey.before:.1f} → {comparison.journey.after:.1f}</bdi>'
    assert index.count(numbers) == 2
    assert 'Current: <a href="fault-repair.html" dir="auto">' in index
    assert 'Future: <a href="fault-repair-future.html" dir="auto">' in index
    assert '<th scope="col">Current → future</th>' in index


def test_no_future_state_no_section_and_no_index_column() -> None:
    plain = inputs_of(EXAMPLES / "first-purchase.yaml", EXAMPLES / "telecom-support.yaml")
    files = report(plain, "html")
    assert all(b'id="compare"' not in data for data in files.values())
    assert b"Current \xe2\x86\x92 future" not in files["index.html"]
    data = json.loads(report(plain, "json")["report.json"])
    assert [j["comparison"] for j in data["journeys"]] == [None, None]
    assert "Current → future" not in report(plain, "markdown")["index.md"].decode("utf-8")


def test_a_future_of_outside_the_report_has_no_section() -> None:
    alone = inputs_of(FUTURE)
    data = json.loads(report(alone, "json")["report.json"])
    assert data["journeys"][0]["comparison"] is None


def test_unrelated_states_say_why_they_are_not_compared(tmp_path: Path) -> None:
    doc: dict[str, Any] = yaml.safe_load(FUTURE.read_text(encoding="utf-8"))
    for stage in doc["stages"]:
        for tp in stage["touchpoints"]:
            tp["id"] = "x-" + tp["id"]
            tp.pop("was", None)
            for transition in tp.get("next", []):
                transition["to"] = "x-" + transition["to"]
    for item in doc["plan"]:
        item["touchpoints"] = ["x-" + t for t in item["touchpoints"]]
    other = write_journey(tmp_path / "other.yaml", doc)
    files = report(inputs_of(CURRENT, other), "html")
    part = section(files["fault-repair-future.html"].decode("utf-8"))
    assert "Not compared:" in part
    assert "share no touchpoint id" in part
    assert "<table" not in part


# -- Markdown ------------------------------------------------------------------------------------------------------


def test_markdown_section(markdown: dict[str, str], pair: list[ReportInput]) -> None:
    page = markdown["fault-repair-future.md"]
    assert page.index("## Summary") < page.index("## Current → future") < page.index("## Journey map")
    comparison = compare(*(Side(i.path, i.journey, i.scores, tuple(i.findings)) for i in pair))
    journey = comparison.journey
    assert f"**Journey friction:** {journey.before:.1f} → **{journey.after:.1f}**" in page
    for group in comparison.stages:
        row = f"| {group.name} | {group.before:.1f} | {group.after:.1f} | {signed_tenth(group.delta)} |"  # type: ignore[arg-type]
        assert row in page
    assert "| removed | ~~Satisfaction survey by e-mail~~ (`paper-survey`) | Fix | 69.8 → – | – |" in page
    rows = [line for line in page.splitlines() if line.startswith("| ") and "Rank" not in line]
    plan = [line for line in rows if re.match(r"\| \d+ \| ", line)]
    assert [line.split(" | ")[1].split(" ⚠️")[0] for line in plan] == [p.title for p in comparison.plan]
    assert "(`paper-survey`)" in page[page.index("### Changes no opportunity explains") :]
    assert "'support-chat': friction up 1.0" in page
    index = markdown["index.md"]
    assert "| Current → future |" in index
    assert "Current: [Broadband fault, from first drop to fixed](fault-repair.md)" in index


# -- right to left, hostile labels ----------------------------------------------------------------------------------


def test_arabic_future_page_reads_right_to_left(tmp_path: Path) -> None:
    future = write_journey(tmp_path / "future.yaml", arabic_future_doc())
    files = report(inputs_of(EXAMPLES / "bank-account-opening-ar.yaml", future), "html")
    page = files["bank-account-opening-next.html"].decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    part = section(page)
    assert "من الوضع الحالي إلى الوضع المستقبلي" in part
    assert '<span class="badge status-renamed">اسم جديد</span>' in part
    assert "المشاعر (خالد، خريج جديد يبحث عن حساب للراتب):" in part, "change names in Arabic"
    assert "الاسم: <bdi>التحقق الإلكتروني: مسح الهوية وصورة الوجه</bdi>" in part
    assert re.search(r'<bdi dir="rtl">\d+٫\d ← \d+٫\d</bdi>', part), "before on the right, the arrow to after"
    assert " → " not in part, "U+2192 is not mirrored: it would point back at the earlier value"
    markdown = report(inputs_of(EXAMPLES / "bank-account-opening-ar.yaml", future), "markdown")
    assert "## من الوضع الحالي إلى الوضع المستقبلي" in markdown["bank-account-opening-next.md"].decode("utf-8")
    index = markdown["index.md"].decode("utf-8")
    assert re.search(r"\d+٫\d ← \d+٫\d", index), "the index's current -> future, read right to left"
    assert " → " not in index


def test_hostile_labels_are_escaped(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> | **bold** [x](javascript:alert(1)) # & ;"
    current: dict[str, Any] = yaml.safe_load(CURRENT.read_text(encoding="utf-8"))
    future: dict[str, Any] = yaml.safe_load(FUTURE.read_text(encoding="utf-8"))
    current["journey"]["title"] = hostile
    for doc in (current, future):
        for stage in doc["stages"]:
            stage["name"] = hostile + stage["name"]
            for tp in stage["touchpoints"]:
                tp["name"] = hostile + tp["name"]
    for item in future["plan"]:
        item["title"] = hostile + item["title"]
        item["owner"] = hostile
    inputs = inputs_of(write_journey(tmp_path / "c.yaml", current), write_journey(tmp_path / "f.yaml", future))
    html = report(inputs, "html")
    for name, data in html.items():
        page = data.decode("utf-8")
        collector = TagCollector()
        collector.feed(page)
        assert collector.problems == [], name
        assert "<script>" not in page, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section(html["fault-repair-future.html"].decode("utf-8"))
    markdown = report(inputs, "markdown")
    page = markdown["fault-repair-future.md"].decode("utf-8")
    assert "<script>" not in page
    start = page.index("## Current → future")
    table = [line for line in page[start:].splitlines() if line.startswith("| ")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table[:4]}
    assert len(widths) == 1, "a label never adds a table column"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\# & ;" in page


@pytest.mark.parametrize(("fmt", "page"), [("html", "bank-account-opening-future.html"), ("markdown", None)])
def test_the_arabic_section_is_wholly_arabic_through_the_cli(tmp_path: Path, fmt: str, page: str | None) -> None:
    """Metric names, values, counts, channels, regressions: Arabic words and digits; arrows from before to after."""
    current, future = EXAMPLES / "bank-account-opening-ar.yaml", EXAMPLES / "bank-account-opening-ar.future.yaml"
    result = run_cli("report", current, future, "-o", tmp_path / "out", "--format", fmt)
    assert result.code == 0, result.output
    text = (tmp_path / "out" / (page or "bank-account-opening-future.md")).read_text(encoding="utf-8")
    start = text.index('<section id="compare"' if page else "## من الوضع الحالي إلى الوضع المستقبلي")
    part = text[start : text.index("</section>" if page else "## خريطة الرحلة", start)]
    for english in ("First Contact Resolution", "Customer Effort", "Branch", "Video call", "friction up", "->", "→"):
        assert english not in part, english
    assert "الحل من أول اتصال: " in part
    assert re.search(r"القناة: (<bdi>)?الفرع", part)
    assert "ارتفع الاحتكاك ٢٫٣ (٨٠٫١ ← ٨٢٫٤)" in part
    assert "مضافة ١" in part or "<dd>١</dd>" in part
    assert not re.search(r"(?<![\w-])\d+(?:\.\d+)?%", part), "a Latin share"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_persona_changes_are_listed_in_the_section(tmp_path: Path, fmt: str) -> None:
    """A share that moved weights every friction of the future page: the section names it, Arabic in Arabic."""
    future = tmp_path / "future.yaml"
    future.write_text(FUTURE.read_text(encoding="utf-8").replace("share: 70%", "share: 60%"), encoding="utf-8")
    result = run_cli("report", CURRENT, future, "-o", tmp_path / "en", "--format", fmt)
    assert result.code == 0, result.output
    page = (tmp_path / "en" / f"fault-repair-future.{'html' if fmt == 'html' else 'md'}").read_text(encoding="utf-8")
    assert re.search(r"share \(Maya, works from home\): (<bdi>)?70%(</bdi>)? → (<bdi>)?60%", page)
    arabic = tmp_path / "bank.future.yaml"
    source = (EXAMPLES / "bank-account-opening-ar.future.yaml").read_text(encoding="utf-8")
    arabic.write_text(source.replace("    share: 45%\n", "    share: 55%\n", 1), encoding="utf-8")
    said = run_cli("report", EXAMPLES / "bank-account-opening-ar.yaml", arabic, "-o", tmp_path / "ar", "--format", fmt)
    assert said.code == 0, said.output
    name = f"bank-account-opening-future.{'html' if fmt == 'html' else 'md'}"
    text = (tmp_path / "ar" / name).read_text(encoding="utf-8")
    assert re.search(r"النسبة \([^)]*\): (<bdi>)?٤٥٪(</bdi>)? ← (<bdi>)?٥٥٪", text)
