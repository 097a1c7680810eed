"""End to end: ``journeymap measure``, then every other command reads the snapshot and agrees on each status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tests.measuring.evidence_data import support_workspace

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def _measured(tmp_path: Path) -> Path:
    """The support journey measured through the CLI (the definitions name it: the snapshot lands beside it)."""
    journey = support_workspace(tmp_path, measured=False)
    done = run_cli("measure", tmp_path / "data" / "support.measures.yaml")
    assert done.code == 0, done.output
    assert (tmp_path / "support.measured.json").exists()
    return journey


def test_audit_tells_missed_from_inconclusive_from_met(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    done = run_cli("audit", journey, "--select", "JM320,JM327", "-f", "json", "--fail-on", "warning")
    findings = json.loads(done.stdout)["files"][0]["findings"]
    found = sorted((f["code"], f["message"]) for f in findings)
    assert found == [
        ("JM320", "'chat' misses its target: csat 30% (n=100, 95% 21.9% to 39.6%) vs 85% (55 points)"),
        ("JM327", "csat at 'phone' is inconclusive with this sample: 80% (n=40, 95% 65.2% to 89.5%) vs target 85%"),
    ]
    assert done.code == 1
    info_only = run_cli("audit", journey, "--select", "JM327", "--fail-on", "warning")
    assert info_only.code == 0, "inconclusive is an info: not a reason to fail a build"


def test_score_explain_cites_each_measured_input(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    done = run_cli("score", journey, "--explain", "chat")
    assert done.code == 0, done.output
    assert (
        "inputs: CSAT 30% [measured from surveys, n=100, 95% 21.9% to 39.6%, 2024-02-10 to 2024-05-10, "
        "replaces 70% typed in the journey] (target 85%)"
    ) in done.stdout


def test_map_shows_n_interval_trend_and_dates(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    done = run_cli("render", journey, "-f", "svg", "-o", "-")
    assert done.code == 0, done.output
    svg = done.stdout
    assert f"data {FSI}2024&#45;01&#45;15{PDI} to {FSI}2024&#45;06&#45;15{PDI}" in svg
    assert f"{FSI}21.9%{PDI} to {FSI}39.6%{PDI} · n={FSI}100{PDI}" in svg
    assert f"{LRI}▁█{PDI} ▲{FSI}+20{PDI} pts" in svg, "chat's +20 points is larger than its uncertainty"
    assert f"{LRI}▄▄{PDI} {FSI}+0{PDI} pts" in svg, "app's flat trend is not flagged"
    assert "? CSAT" in svg, "phone's target is inconclusive"
    assert f"{FSI}49.0%{PDI} to {FSI}94.3%{PDI} · n={FSI}10{PDI} ·" in svg
    assert ">\u200esmall sample<" in svg, "a narrow cell wraps the flag, never cuts it off"


def test_report_shows_the_same_statuses_with_their_evidence(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    report = json.loads(run_cli("report", journey, "-f", "json", "-o", "-").stdout)["journeys"][0]
    assert report["data_range"] == "2024-01-15 to 2024-06-15"
    rows = {row["scope"]: row for row in report["metrics"]}
    assert {scope: row["status"] for scope, row in rows.items()} == {
        "Live chat": "missed",
        "Phone": "inconclusive",
        "App": "met",
    }
    assert rows["Phone"]["evidence"] == "65.2% to 89.5% · n=40"
    assert rows["Phone"]["measured"]["n"] == 40
    assert rows["Live chat"]["measured"]["change"] == {"by": "+20 pts", "significant": True}
    out = tmp_path / "site"
    assert run_cli("report", journey, "-f", "markdown", "-o", out).code == 0
    markdown = (out / "support.md").read_text(encoding="utf-8")
    assert "- **Data:** 2024-01-15 to 2024-06-15" in markdown
    assert "| Phone (Service) | CSAT | 80% (65\\.2% to 89.5% · n=40) | 85% | ? inconclusive |" in markdown
    assert run_cli("report", journey, "-f", "html", "-o", out).code == 0
    html = (out / "support.html").read_text(encoding="utf-8")
    assert '<span class="mark mark-inconclusive">? inconclusive</span>' in html
    assert '<bdi dir="ltr">2024-01-15 to 2024-06-15</bdi>' in html
    assert 'title="measured from surveys, n=40, 95% 65.2% to 89.5%, 2024-03-01 to 2024-03-01"' in html


def test_every_output_agrees_on_each_status(tmp_path: Path) -> None:
    """One truth: the map's mark, the report's status and the audit's finding, per touchpoint."""
    journey = _measured(tmp_path)
    dot = run_cli("render", journey, "-f", "dot", "-o", "-").stdout
    report = json.loads(run_cli("report", journey, "-f", "json", "-o", "-").stdout)["journeys"][0]
    audit = json.loads(run_cli("audit", journey, "--select", "JM320,JM327", "-f", "json").stdout)
    audited = {f["touchpoint"]: f["code"] for f in audit["files"][0]["findings"]}
    marks = {"missed": "✗ CSAT", "inconclusive": "? CSAT", "met": "✓ CSAT"}
    codes = {"missed": "JM320", "inconclusive": "JM327", "met": None}
    ids = {"Live chat": "chat", "Phone": "phone", "App": "app"}
    for row in report["metrics"]:
        status = row["status"]
        value = row["value"]
        assert f"{marks[status]} {FSI}{value}{PDI}" in dot, (row["scope"], status)
        assert audited.get(ids[row["scope"]]) == codes[status], (row["scope"], status)


def test_a_stale_measure_is_reported_and_its_value_not_shown(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    definitions = tmp_path / "data" / "support.measures.yaml"
    text = definitions.read_text(encoding="utf-8")
    definitions.write_text(text.replace("  email:\n    csat: {source: surveys, answers: csat, scale: 1-5}",
                                        "  email:\n    csat: {source: surveys, answers: csat, scale: 1-7}"),
                           encoding="utf-8")  # fmt: skip
    done = run_cli("validate", journey)
    assert done.code == 0, done.output
    assert "warning[JM614] the measure email.csat has changed since it was measured" in done.stdout
    svg = run_cli("render", journey, "-f", "svg", "-o", "-").stdout
    assert "n 10 (small)" not in svg, "the stale value is not drawn"


def test_the_snapshot_of_another_journey_is_reported(tmp_path: Path) -> None:
    _measured(tmp_path)
    other = tmp_path / "copy.yaml"
    shutil.copy(tmp_path / "support.yaml", other)
    shutil.copy(tmp_path / "support.measured.json", tmp_path / "copy.measured.json")
    done = run_cli("validate", other)
    assert "warning[JM613] the snapshot was measured for ../support.yaml" in done.stdout
    assert done.code == 1, "without the snapshot, csat targets have no metric (JM204)"


def test_no_measured_ignores_every_snapshot(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    done = run_cli("--no-measured", "validate", journey)
    assert done.code == 1
    assert "JM616" not in done.stdout
    assert "error[JM204]" in done.stdout


def test_the_bundled_demo_end_to_end(tmp_path: Path) -> None:
    """examples/data/telecom-support.measures.yaml names ../telecom-support.yaml: measure, then use it."""
    shutil.copy(ROOT / "examples" / "telecom-support.yaml", tmp_path / "telecom-support.yaml")
    shutil.copytree(ROOT / "examples" / "data", tmp_path / "data")
    done = run_cli("measure", tmp_path / "data" / "telecom-support.measures.yaml")
    assert done.code == 0, done.output
    journey = tmp_path / "telecom-support.yaml"
    assert (tmp_path / "telecom-support.measured.json").exists()
    validated = run_cli("validate", journey)
    assert validated.code == 0, validated.output
    assert "info[JM616] live-chat-agent.csat: the measured 42% replaces 74% typed in the journey" in validated.stdout
    report = json.loads(run_cli("report", journey, "-f", "json", "-o", "-").stdout)["journeys"][0]
    assert report["data_range"] == "2024-01-01 to 2024-12-31"
    [csat] = [r for r in report["metrics"] if r["scope"] == "Live chat with a support agent" and r["metric"] == "CSAT"]
    assert (csat["value"], csat["status"], csat["evidence"]) == ("42%", "missed", "36.7% to 47.5% · n=317")
    assert [p["period"] for p in csat["measured"]["series"]] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    audit = run_cli("audit", journey, "--select", "JM320", "-f", "json")
    messages = [f["message"] for f in json.loads(audit.stdout)["files"][0]["findings"]]
    assert any("csat 42% (n=317, 95% 36.7% to 47.5%) vs 85%" in m for m in messages)
    assert run_cli("render", journey, "-f", "png", "-o", tmp_path / "map.png").code == 0


def test_compare_reads_the_same_status(tmp_path: Path) -> None:
    journey = _measured(tmp_path)
    future = tmp_path / "support.future.yaml"
    text = journey.read_text(encoding="utf-8")
    for channel in ("phone", "mobile_app"):
        text = text.replace(
            f"        channel: {channel}\n", f"        channel: {channel}\n        metrics: {{csat: 90%}}\n"
        )
    future.write_text(text, encoding="utf-8")
    done = run_cli("compare", journey, future, "-f", "json")
    assert done.code == 0, done.output
    assert '"before": "inconclusive"' in done.stdout
    assert '"after": "met"' in done.stdout


def test_sources_and_measures_in_the_journey_itself(tmp_path: Path) -> None:
    from tests.measuring.evidence_data import JOURNEY, surveys

    (tmp_path / "surveys.csv").write_text(surveys(), encoding="utf-8")
    journey = tmp_path / "support.yaml"
    measures = "".join(
        f"  {tp}:\n    csat: {{source: surveys, answers: csat, scale: 1-5}}\n" for tp in ("chat", "phone", "app")
    )
    sources = "sources:\n  surveys: {files: surveys.csv, date: answered_at, touchpoint: touchpoint}\n"
    journey.write_text(JOURNEY + sources + "measures:\n" + measures, encoding="utf-8")
    assert run_cli("validate", journey).code == 1, "before measuring, the csat targets have no metric"
    done = run_cli("measure", journey)
    assert done.code == 0, done.output
    snapshot = json.loads((tmp_path / "support.measured.json").read_text(encoding="utf-8"))
    assert (snapshot["definitions"], snapshot["journey"]) == ("support.yaml", None)
    audit = run_cli("audit", journey, "--select", "JM320,JM327", "-f", "json")
    assert sorted(f["code"] for f in json.loads(audit.stdout)["files"][0]["findings"]) == ["JM320", "JM327"]
    journey.write_text(journey.read_text(encoding="utf-8").replace("scale: 1-5}", "scale: 1-7}"), encoding="utf-8")
    stale = run_cli("validate", journey)
    assert stale.stdout.count("warning[JM614]") == 3, "editing the measures in the journey makes their values stale"


def test_a_measure_typo_in_the_journey_is_reported_by_measure_at_its_line(tmp_path: Path) -> None:
    from tests.measuring.evidence_data import JOURNEY

    journey = tmp_path / "support.yaml"
    typo = "sources:\n  s: {files: x.csv}\nmeasures:\n  chat:\n    csat: {source: s, answrs: c}\n"
    journey.write_text(JOURNEY + typo, encoding="utf-8")
    done = run_cli("measure", journey)
    assert done.code == 1
    assert f"{journey}:34:23: error[JM100] unknown key 'answrs' in 'measures.chat.csat'" in done.stderr
