"""One value, one answer: every output that shows a value shows the same one.

Each test runs all the outputs that show one value (the map, the report, the
Mermaid export, the audit, the score) on one journey and compares them. These
are the four disagreements users measured; each failed before the analysis
core had one home per truth (docs/decisions/0005-one-workspace-run.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import journeymap
from journeymap.scoring.components import emotion_friction
from tests.conftest import run_cli


def write(tmp_path: Path, text: str, name: str = "journey.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- target met --------------------------------------------------------------------------------------

TARGET = """\
version: 1
journey: {title: Support}
personas: [{id: ana, name: Ana}]
stages:
  - id: service
    name: Service
    touchpoints:
      - id: agent
        name: Phone agent
        channel: phone
        owner: Contact centre
        emotion: 3
        metrics: {csat: 82%}
        targets: {csat: 85%}
"""


def test_a_missed_target_is_missed_in_map_report_and_audit(tmp_path: Path) -> None:
    path = write(tmp_path, TARGET)
    dot = run_cli("render", path, "-f", "dot", "-o", "-").stdout
    assert "✗ CSAT \u206882%\u2069 / \u206885%\u2069" in dot, "the map marks the miss (values isolated for bidi)"
    report = json.loads(run_cli("report", path, "-f", "json", "-o", "-").stdout)
    [row] = [m for m in report["journeys"][0]["metrics"] if m["metric"] == "CSAT"]
    assert row["met"] is False, "the report says missed"
    audit = run_cli("audit", path, "--select", "JM320", "-f", "json", "--fail-on", "warning")
    findings = json.loads(audit.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["JM320"], "the audit finds the miss"
    assert audit.code == 1


# -- a touchpoint's emotion ---------------------------------------------------------------------------

EMOTION = """\
version: 1
journey: {title: Shares}
personas:
  - {id: many, name: Many, share: 90%}
  - {id: few, name: Few, share: 10%}
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - id: ad
        name: Advert
        channel: social
        emotion: {many: 1, few: 5}
      - id: poster
        name: Poster
        channel: print
"""


def test_one_emotion_for_everyone_in_score_report_and_mermaid(tmp_path: Path) -> None:
    path = write(tmp_path, EMOTION)
    journey = journeymap.read(str(path))
    ad, poster = journey.stages[0].touchpoints
    expected = 0.9 * 1 + 0.1 * 5  # share-weighted: 1.4, not the plain mean 3
    assert journey.emotion(ad) == pytest.approx(expected)
    assert journey.emotion(poster) is None

    explained = json.loads(run_cli("score", path, "--explain", "ad", "-f", "json").stdout)
    contributions = explained["journeys"][0]["explain"]["contributions"]
    [component] = [c for c in contributions if c["component"] == "emotion"]
    assert component["value"] == pytest.approx(emotion_friction(expected), abs=1e-3)

    report = json.loads(run_cli("report", path, "-f", "json", "-o", "-").stdout)["journeys"][0]
    assert report["stages"][0]["emotion"] == pytest.approx(expected, abs=0.05)

    mermaid = run_cli("render", path, "-f", "mermaid", "-o", "-").stdout
    assert re.search(r"^\s*Advert: 1: ", mermaid, re.MULTILINE), mermaid
    lines = [line.strip() for line in mermaid.splitlines()]
    poster = next(i for i, line in enumerate(lines) if line.startswith("Poster:"))
    assert lines[poster - 1].startswith("%% no emotion given"), "Mermaid needs a score; it says the 3 is made up"
    assert sum(line.startswith("%%") for line in lines) == 1


# -- the stage of a finding ---------------------------------------------------------------------------

FLOW_STAGES = """\
version: 1
journey: {title: Flow style}
personas: [{id: ana, name: Ana}]
stages: [{id: awareness, name: Awareness, touchpoints: [{id: ad, name: Advert, channel: social, emotion: 3}]},
  {id: purchase, name: Purchase, touchpoints: [{id: pay, name: Payment, channel: web, owner: Web, emotion: 3}]}]
"""


def test_a_finding_is_counted_under_its_own_stage_even_on_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, FLOW_STAGES)
    result = run_cli("audit", path, "--select", "JM311", "-f", "json", "--fail-on", "never")
    document = json.loads(result.stdout)["files"][0]
    [finding] = document["findings"]
    assert (finding["stage"], finding["touchpoint"]) == ("awareness", "ad")
    counts = {row["stage"]: row["warnings"] + row["infos"] + row["errors"] for row in document["by_stage"]}
    assert counts == {"awareness": 1, "purchase": 0}
    sarif = json.loads(run_cli("audit", path, "--select", "JM311", "-f", "sarif", "--fail-on", "never").stdout)
    [location] = sarif["runs"][0]["results"][0]["locations"]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "awareness/ad"


# -- how a value is written ---------------------------------------------------------------------------

VALUES = """\
version: 1
journey: {title: Values}
personas: [{id: ana, name: Ana}]
stages:
  - id: service
    name: Service
    touchpoints:
      - id: agent
        name: Phone agent
        channel: phone
        owner: Contact centre
        emotion: 3
        metrics: {fcr: 0.46, waiting_time: PT1H30M}
        targets: {fcr: 0.75, waiting_time: PT10M}
"""


def test_values_read_the_same_in_audit_messages_and_on_the_map(tmp_path: Path) -> None:
    path = write(tmp_path, VALUES)
    dot = run_cli("render", path, "-f", "dot", "-o", "-").stdout
    text = run_cli("audit", path, "-f", "text", "--fail-on", "never").stdout
    for shown in ("46%", "75%", "1h 30m", "10m"):
        assert shown in dot, shown
        assert shown in text, (shown, text)
    assert "0.46" not in text
    assert "PT1H30M" not in text


# -- the journey's own KPIs -----------------------------------------------------------------------------

KPIS = """\
version: 1
journey:
  title: Broadband fault, from first symptom to fix
  metrics:
    nps: {promoters: 320, passives: 190, detractors: 1330}
    conversion_rate: 0.021
    repeat_contact_rate: 12%
    resolution_time: PT52H
    custom:
      app_rating: {value: 4.1, better: higher, label: تقييم التطبيق}
  targets:
    nps: -10
    conversion_rate: 3%
    repeat_contact_rate: 15%
    resolution_time: 2d
    custom:
      app_rating: {value: 4.5, better: higher}
personas: [{id: maya, name: Maya}]
stages:
  - id: service
    name: Service
    touchpoints:
      - {id: chat, name: Chat with support, channel: live_chat, emotion: 3}
"""


def test_journey_kpis_read_the_same_on_the_map_and_in_the_report(tmp_path: Path) -> None:
    from journeymap.reporting.markdown import md_escape

    path = write(tmp_path, KPIS)
    dot = run_cli("render", path, "-f", "dot", "-o", "-").stdout
    markdown = run_cli("report", path, "-f", "markdown", "-o", tmp_path / "report.md")
    html = run_cli("report", path, "-f", "html", "-o", tmp_path / "report.html")
    assert markdown.code == html.code == 0, markdown.output + html.output
    md_text = (tmp_path / "report.md").read_text(encoding="utf-8")
    html_text = (tmp_path / "report.html").read_text(encoding="utf-8")
    boxes = [line for line in dot.splitlines() if 'class="kpi"' in line]
    expected = [
        ("NPS", "-54.9 (n=1840)", "-10", "missed"),
        ("Resolution time", "2d 4h", "2d", "missed"),
        ("Conversion", "2.1%", "3%", "missed"),
        ("Repeat contact", "12%", "15%", "met"),
        ("تقييم التطبيق", "4.1", "4.5", "missed"),
    ]
    assert len(boxes) == len(expected)
    for box, (name, value, target, status) in zip(boxes, expected, strict=True):
        mark = "✓" if status == "met" else "✗"
        assert name in box, box
        assert f"\u2068{value}\u2069" in box, (name, box)
        assert f"{mark} {status} · target \u2068{target}\u2069" in box, (name, box)
        assert f"| {name} | {md_escape(value)} | {md_escape(target)} | {mark} {status} |" in md_text, name
        tile = re.search(
            rf'<div class="tile kpi kpi-{status}"><dt><abbr title="[^"]*">{name}</abbr>.*?</div>', html_text
        )
        assert tile, name
        assert f'<bdi dir="ltr">{value}</bdi>' in tile.group(0)
        assert f'{mark} {status}</span> · target <bdi dir="ltr">{target}</bdi>' in tile.group(0)


# -- a friction score as a number ---------------------------------------------------------------------


def _stage_frictions(dot: str) -> list[str]:
    return [re.search(r"friction (\d+)", line).group(1) for line in dot.splitlines() if 'class="stage"' in line]  # type: ignore[union-attr]


@pytest.mark.parametrize("example", ["first-purchase", "telecom-support"])
def test_a_friction_score_reads_the_same_in_score_map_compact_view_and_report(example: str, tmp_path: Path) -> None:
    """The score's tenth (``44.7``) is what every picture rounds (``45``), never the raw score on its own:
    a stage of 74.508 was ``74.5`` in ``score``, ``75`` on the map and ``74`` in the report."""
    from html import unescape

    from journeymap.shown import friction_whole

    path = Path("examples") / f"{example}.yaml"
    scores = json.loads(run_cli("score", path, "--by", "stage", "-f", "json").stdout)["journeys"][0]
    tenths = [s["score"] for s in scores["stages"]]
    expected = [friction_whole(t) for t in tenths]
    assert _stage_frictions(run_cli("render", path, "-f", "dot", "-o", "-").stdout) == expected
    html = run_cli("report", path, "-f", "html", "-o", tmp_path / "r.html")
    assert html.code == 0, html.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr><th scope="row">[^<]*</th><td class="num">[^<]*</td><td><span class="score[^>]*>(\d+)', page
    )
    assert rows == expected
    overall = re.search(r"<dt>Overall friction</dt><dd>(\d+) ", page)
    assert overall is not None
    assert overall.group(1) == friction_whole(scores["journey"]["score"])
    rows = json.loads(run_cli("score", path, "-f", "json").stdout)["journeys"][0]["rows"]
    cards = {
        unescape(name): number
        for name, number in re.findall(r'<header><h4>([^<]*)</h4><span class="score[^>]*>(\d+)</span>', page)
    }
    assert cards == {r["name"]: friction_whole(r["score"]) for r in rows if r["score"] is not None}
    compact = run_cli("render", path, "--view", "compact", "-f", "dot", "-o", "-").stdout
    assert set(expected) <= set(re.findall(r"friction (\d+)", compact))


@pytest.mark.parametrize(
    ("score", "tenth", "whole"),
    [(41.48, "41.5", "42"), (74.508, "74.5", "75"), (74.44, "74.4", "74"), (0.04, "0.0", "0")],
)
def test_the_whole_number_is_the_tenth_rounded_half_up(score: float, tenth: str, whole: str) -> None:
    from journeymap.shown import friction_tenth, friction_whole

    assert (friction_tenth(score), friction_whole(score)) == (tenth, whole)
