"""The journey's own KPIs in the report summary (HTML, Markdown, JSON) and one naming rule for metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import journeymap
from journeymap.reporting import ReportInput, report
from tests.conftest import run_cli

CHECKOUT = """\
version: 1
journey:
  title: First purchase at Hearth & Home online
  language: en
  metrics:
    nps: {value: 24, responses: 2150}
    conversion_rate: 2.1%
    repeat_contact_rate: 12%
    clv: 186
    custom:
      app_rating: {value: 4.1, better: higher, label: تقييم التطبيق}
  targets:
    nps: 40
    conversion_rate: 3%
    repeat_contact_rate: 15%
    custom:
      app_rating: {value: 4.5, better: higher}
personas:
  - {id: sara, name: "Sara, busy parent"}
stages:
  - id: purchase
    name: Purchase
    touchpoints:
      - id: checkout
        name: Checkout
        channel: web
        emotion: frustrated
        metrics: {csat: 71%, custom: {app_rating: {value: 3.9, better: higher, label: تقييم التطبيق}}}
        targets: {csat: 85%, custom: {app_rating: {value: 4.5, better: higher}}}
"""


def item(text: str = CHECKOUT) -> ReportInput:
    journey = journeymap.validate(journeymap.load_text(text, "checkout.yaml")).journey
    assert journey is not None
    return ReportInput("checkout.yaml", journey, journeymap.score(journey), [])


def page(fmt: str, text: str = CHECKOUT) -> str:
    files = report([item(text)], fmt)
    return next(data for name, data in files.items() if not name.endswith(".svg")).decode("utf-8")


def test_json_summary_has_the_kpis_with_their_verdicts() -> None:
    summary = json.loads(page("json"))["journeys"][0]["summary"]
    kpis = {k["id"]: k for k in summary["kpis"]}
    assert list(kpis) == ["nps", "conversion_rate", "repeat_contact_rate", "clv", "app_rating"]
    assert kpis["nps"] == {
        "id": "nps",
        "metric": "NPS",
        "title": "Net Promoter Score",
        "value": "24",
        "target": "40",
        "met": False,
        "status": "missed",
        "evidence": None,
        "trend": None,
        "measured": None,
    }
    assert (kpis["repeat_contact_rate"]["met"], kpis["repeat_contact_rate"]["status"]) == (True, "met")
    assert (kpis["clv"]["target"], kpis["clv"]["status"]) == (None, "no_target")
    assert kpis["app_rating"]["metric"] == kpis["app_rating"]["title"] == "تقييم التطبيق"


def test_html_summary_shows_kpi_tiles() -> None:
    html = page("html")
    summary = html[html.index('<section id="summary"') : html.index('<section id="map"')]
    assert '<h3 id="kpis-h">Journey KPIs</h3>' in summary
    assert (
        '<div class="tile kpi kpi-missed"><dt><abbr title="Net Promoter Score">NPS</abbr></dt>'
        '<dd><bdi dir="ltr">24</bdi><small><span class="mark mark-missed">✗ missed</span> · target '
        '<bdi dir="ltr">40</bdi></small></dd></div>'
    ) in summary
    assert '<div class="tile kpi kpi-met"><dt><abbr title="Repeat contact rate">Repeat contact</abbr>' in summary
    assert '<div class="tile kpi kpi-no_target"><dt><abbr title="Customer Lifetime Value">CLV</abbr></dt>' in summary
    assert '<abbr title="تقييم التطبيق">تقييم التطبيق</abbr>' in summary


def test_markdown_summary_has_a_kpi_table() -> None:
    markdown = page("markdown")
    summary = markdown[markdown.index("## Summary") : markdown.index("## Journey map")]
    assert "### Journey KPIs" in summary
    assert "| NPS | 24 | 40 | ✗ missed |" in summary
    assert "| Conversion | 2\\.1% | 3% | ✗ missed |" in summary
    assert "| Repeat contact | 12% | 15% | ✓ met |" in summary
    assert "| CLV | 186 | – | – |" in summary
    assert "| تقييم التطبيق | 4\\.1 | 4\\.5 | ✗ missed |" in summary


def test_no_journey_metrics_no_kpi_section() -> None:
    plain = re.sub(r"  metrics:\n(    .*\n)+  targets:\n(    .*\n)+", "", CHECKOUT)
    assert "nps" not in plain
    assert json.loads(page("json", plain))["journeys"][0]["summary"]["kpis"] == []
    assert "Journey KPIs" not in page("html", plain)
    assert "Journey KPIs" not in page("markdown", plain)


def test_a_custom_label_names_the_metric_everywhere_in_the_report() -> None:
    """One naming rule (model.metrics.metric_title / metric_short_name): the label, never the id."""
    for fmt in ("html", "markdown", "json"):
        text = page(fmt)
        assert "تقييم التطبيق" in text, fmt
        assert "app_rating" not in text.replace('"id": "app_rating"', ""), fmt
    html = page("html")
    appendix = html[html.index('<section id="appendix"') :]
    assert '<abbr title="Customer Satisfaction">CSAT</abbr>' in appendix
    assert '<abbr title="تقييم التطبيق">تقييم التطبيق</abbr> <bdi dir="ltr">3.9 / 4.5</bdi>' in appendix


ARABIC = """\
version: 1
journey:
  title: فتح حساب جارٍ لدى مصرف الواحة
  language: ar
  metrics:
    nps: {value: 18, responses: 1960}
    completion_rate: ٥٤٪
  targets:
    nps: 35
    completion_rate: ٥٠٪
personas:
  - {id: khalid, name: خالد، خريج جديد}
stages:
  - id: awareness
    name: الوعي
    touchpoints:
      - {id: ad, name: إعلان إنستغرام, channel: social, emotion: 4}
"""


def test_an_arabic_journey_reports_its_kpis_in_arabic(tmp_path: Path) -> None:
    source = tmp_path / "bank.yaml"
    source.write_text(ARABIC, encoding="utf-8")
    result = run_cli("report", source, "-o", tmp_path / "bank.md")
    assert result.code == 0, result.output
    markdown = (tmp_path / "bank.md").read_text(encoding="utf-8")
    assert "### مؤشرات الرحلة" in markdown
    assert "| صافي الترويج | ١٨ | ٣٥ | ✗ غير محقق |" in markdown
    assert "| الإتمام | ٥٤٪ | ٥٠٪ | ✓ محقق |" in markdown
