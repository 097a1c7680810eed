"""The journey's own KPIs on the map: a strip under the title, the same rows the report reads.

Each KPI box shows the metric's short name, its value (``Measure.display``), and against the journey's
target ``✗ missed · target -10`` / ``✓ met · target 15%``; values are bidi isolates and each status
line starts with the map's direction mark, so an Arabic map reads them in logical order.
"""

from __future__ import annotations

import json
import re
import shutil

import journeymap
from journeymap.model import Journey
from journeymap.rendering.kpis import journey_kpis
from journeymap.rendering.labels import FSI, LRM, PDI, RLM
from tests.conftest import require
from tests.rendering.dot_syntax import html_problems, skeleton
from tests.rendering.helpers import svg_root, visible_text

BROADBAND = """\
version: 1
journey:
  title: Broadband fault, from first symptom to fix
  language: en
  metrics:
    nps: {promoters: 320, passives: 190, detractors: 1330}
    conversion_rate: 2.1%
    repeat_contact_rate: 12%
    custom:
      app_rating: {value: 4.1, better: higher, label: تقييم التطبيق}
      backlog: 120
      quality_index: 7
  targets:
    nps: -10
    conversion_rate: 3%
    repeat_contact_rate: 15%
    custom:
      app_rating: {value: 4.5, better: higher}
      quality_index: 8
personas:
  - {id: maya, name: Maya, share: 70%}
  - {id: tom, name: Tom}
stages:
  - id: service
    name: Service
    touchpoints:
      - id: status-page
        name: Service status page
        channel: web
        emotion: 2
        metrics: {csat: 61%, custom: {app_rating: {value: 3.9, label: تقييم التطبيق, better: higher}}}
        targets: {csat: 80%, custom: {app_rating: {value: 4.5, better: higher}}}
      - id: engineer-visit
        name: Engineer visit
        channel: in_person
        emotion: 4
"""


def journey_from(text: str) -> Journey:
    journey = journeymap.validate(journeymap.load_text(text, "journey.yaml")).journey
    assert journey is not None
    return journey


def dot_of(journey: Journey, theme: str = "light") -> str:
    return journeymap.render(journey, "dot", theme=theme).decode("utf-8")


def kpi_labels(dot: str) -> list[str]:
    """The label of every KPI box, in drawing order."""
    return [line for line in dot.splitlines() if 'class="kpi"' in line]


def x_of(line: str) -> float:
    match = re.search(r'pos="([\d.]+),', line)
    assert match, line
    return float(match.group(1))


def test_kpi_rows_use_the_models_rules() -> None:
    rows = {row.id: row for row in journey_kpis(journey_from(BROADBAND))}
    assert list(rows) == ["nps", "conversion_rate", "repeat_contact_rate", "app_rating", "backlog", "quality_index"]
    nps = rows["nps"]
    assert (nps.name, nps.title, nps.value, nps.target, nps.met) == (
        "NPS",
        "Net Promoter Score",
        "-54.9 (n=1840)",
        "-10",
        False,
    )
    assert (rows["repeat_contact_rate"].met, rows["repeat_contact_rate"].status) == (True, "met")
    assert rows["app_rating"].name == "تقييم التطبيق", "a custom metric's label wins"
    assert rows["backlog"].status == "no_target"
    assert (rows["quality_index"].met, rows["quality_index"].status) == (None, "not_comparable"), "no `better`"


def test_the_map_shows_a_kpi_strip_under_the_title() -> None:
    dot = dot_of(journey_from(BROADBAND))
    boxes = kpi_labels(dot)
    assert len(boxes) == 6
    nps, conversion, repeat, rating, backlog, quality = boxes
    assert f"{FSI}-54.9 (n=1840){PDI}" in nps
    assert f"{LRM}✗ missed · target {FSI}-10{PDI}" in nps
    assert f"{LRM}✗ missed · target {FSI}3%{PDI}" in conversion
    assert f"{LRM}✓ met · target {FSI}15%{PDI}" in repeat
    assert "تقييم التطبيق" in rating
    assert not {"target", "✓", "✗"} & set(re.findall(r"target|✓|✗", backlog)), "no target, no verdict"
    assert f"target {FSI}8{PDI} · not comparable" in quality
    assert 'tooltip="Net Promoter Score: -54.9 (n=1840) / -10"' in nps
    assert "Journey KPIs" in dot


def test_met_and_missed_boxes_are_told_apart_in_every_theme() -> None:
    journey = journey_from(BROADBAND)
    for theme in ("light", "dark", "print"):
        nps, _, repeat, *_ = kpi_labels(dot_of(journey, theme))
        fill = re.compile(r'fillcolor="([^"]+)"')
        assert fill.search(nps).group(1) != fill.search(repeat).group(1), theme  # type: ignore[union-attr]


def test_more_kpis_than_columns_wrap_onto_a_second_row() -> None:
    boxes = kpi_labels(dot_of(journey_from(BROADBAND)))  # six KPIs, two columns
    xs = [x_of(box) for box in boxes]
    assert xs[0] == xs[2] == xs[4] < xs[1] == xs[3] == xs[5]
    rows = sorted({float(re.search(r'pos="[\d.]+,([\d.]+)!"', b).group(1)) for b in boxes})  # type: ignore[union-attr]
    assert len(rows) == 3


def test_no_journey_metrics_no_strip() -> None:
    text = BROADBAND.split("personas:")[1]
    dot = dot_of(journey_from("version: 1\njourney: {title: Plain}\npersonas:" + text))
    assert not kpi_labels(dot)
    assert "Journey KPIs" not in dot


ARABIC = """\
version: 1
journey:
  title: فتح حساب جارٍ
  language: ar
  metrics:
    nps: {value: 18, responses: 1960}
    completion_rate: ٥٤٪
  targets:
    nps: 35
    completion_rate: ٧٠٪
personas:
  - {id: khalid, name: خالد}
stages:
  - id: awareness
    name: الوعي
    touchpoints:
      - {id: ad, name: إعلان إنستغرام, channel: social, emotion: 4}
      - {id: branch, name: زيارة الفرع, channel: branch, emotion: 2}
"""


def test_an_arabic_map_starts_its_kpis_at_the_right_and_reads_them_in_logical_order() -> None:
    dot = dot_of(journey_from(ARABIC))
    nps, completion = kpi_labels(dot)
    assert x_of(nps) > x_of(completion), "the first KPI is where reading starts: on the right"
    assert "مؤشرات الرحلة" in dot
    assert f"{RLM}✗ غير محقق · الهدف {FSI}٣٥{PDI}" in nps, "Arabic-Indic digits, the journey's default"
    assert f"{FSI}٥٤٪{PDI}" in completion
    assert f"{RLM}✗ غير محقق · الهدف {FSI}٧٠٪{PDI}" in completion


def test_a_custom_label_in_another_script_keeps_the_metric_line_in_the_maps_direction() -> None:
    """An Arabic label on an English map made its line right to left: `4.5 / 3.9 label ✗`."""
    dot = dot_of(journey_from(BROADBAND))
    assert f"{LRM}✗ تقييم التطبيق {FSI}3.9{PDI} / {FSI}4.5{PDI}" in dot
    assert f"{LRM}✗ CSAT {FSI}61%{PDI} / {FSI}80%{PDI}" in dot
    arabic = dot_of(
        journey_from(ARABIC.replace("emotion: 4}", "emotion: 4, metrics: {csat: 64%}, targets: {csat: 80%}}"))
    )
    assert f"{RLM}✗ الرضا {FSI}٦٤٪{PDI} / {FSI}٨٠٪{PDI}" in arabic


def test_the_kpi_strip_draws() -> None:
    require(shutil.which("dot"), "Graphviz is needed to draw the map")
    svg = journeymap.render(journey_from(BROADBAND), "svg")
    text = re.sub("[\u200e\u200f\u2068\u2069]", "", visible_text(svg_root(svg)))  # marks and isolates
    for shown in ("JourneyKPIs", "-54.9(n=1840)", "✗missed·target-10", "✓met·target15%", "120"):
        assert shown in text, shown


def test_a_hostile_kpi_label_stays_inside_its_box() -> None:
    """A custom label is data: markup, quotes and bidi overrides cannot change the map's structure."""
    hostile = '</FONT></TD>"]; n1 -> n2 [label=<b>&amp;</b>\u202e\u2066'
    place = "label: تقييم التطبيق}\n      backlog"
    dot = dot_of(journey_from(BROADBAND.replace(place, f"label: {json.dumps(hostile)}}}\n      backlog")))
    reference = dot_of(journey_from(BROADBAND.replace(place, "label: x}\n      backlog")))
    assert "&lt;/FONT&gt;&lt;/TD&gt;&quot;]; n1 -&gt; n2" in dot, "the label is drawn, escaped"
    assert skeleton(dot) == skeleton(reference)
    assert html_problems(dot) == []
    assert "\u202e" not in dot
    assert "\u2066" not in dot
