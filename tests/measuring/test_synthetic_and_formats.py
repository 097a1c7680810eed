"""Synthetic exports are deterministic, and the engine agrees with plain Python on them in every format."""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from journeymap.measuring import measure, synthetic
from journeymap.measuring.stats import wilson

TOUCHPOINTS = [("web-checkout", "web"), ("phone-help", "phone"), ("chat-help", "live_chat")]


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a.csv", "b.csv"):
        synthetic.write_surveys(tmp_path / name, 500, seed=3, touchpoints=TOUCHPOINTS)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    synthetic.write_surveys(tmp_path / "c.csv", 500, seed=4, touchpoints=TOUCHPOINTS)
    assert (tmp_path / "c.csv").read_bytes() != (tmp_path / "a.csv").read_bytes()


def test_synthetic_answers_stay_on_their_scales(tmp_path: Path) -> None:
    synthetic.write_surveys(tmp_path / "s.csv", 2000, touchpoints=TOUCHPOINTS)
    synthetic.write_tickets(tmp_path / "t.csv", 2000, touchpoints=TOUCHPOINTS)
    surveys = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert {r["touchpoint"] for r in surveys} == {t for t, _ in TOUCHPOINTS}
    for column, (low, high) in {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}.items():
        answers = [int(r[column]) for r in surveys if r[column]]
        assert low <= min(answers)
        assert max(answers) <= high
        assert 0.7 * len(surveys) < len(answers) < len(surveys)  # some questions left unanswered
    tickets = list(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert all(r["closed_at"] == "" or r["closed_at"] >= r["opened_at"] for r in tickets)
    assert {r["first_contact_resolved"] for r in tickets} == {"true", "false"}


@pytest.mark.parametrize("extension", ["csv", "parquet", "json"])
def test_engine_agrees_with_plain_python(tmp_path: Path, extension: str) -> None:
    synthetic.write_surveys(tmp_path / f"surveys.{extension}", 3000, touchpoints=TOUCHPOINTS)
    synthetic.write_tickets(tmp_path / f"tickets.{extension}", 3000, touchpoints=TOUCHPOINTS)
    synthetic.write_surveys(tmp_path / "surveys-reference.csv", 3000, touchpoints=TOUCHPOINTS)
    synthetic.write_tickets(tmp_path / "tickets-reference.csv", 3000, touchpoints=TOUCHPOINTS)
    lines = [
        "version: 1",
        "sources:",
        f"  surveys: {{files: surveys.{extension}, date: answered_at, touchpoint: touchpoint}}",
        f"  tickets: {{files: tickets.{extension}, date: opened_at, touchpoint: touchpoint}}",
        "measures:",
    ]
    for touchpoint, _ in TOUCHPOINTS:
        lines += [
            f"  {touchpoint}:",
            "    nps: {source: surveys, answers: nps}",
            "    csat: {source: surveys, answers: csat}",
            "    ces: {source: surveys, answers: ces}",
            "    fcr: {source: tickets, share_of: first_contact_resolved}",
            "    waiting_time: {source: tickets, mean: wait_seconds}",
            "    resolution_time: {source: tickets, median: {from: opened_at, to: closed_at}}",
        ]
    (tmp_path / "m.measures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    measurement = measure(str(tmp_path / "m.measures.yaml"))
    assert measurement.ok, measurement.diagnostics
    expected = reference(tmp_path / "surveys-reference.csv", tmp_path / "tickets-reference.csv")
    for result in measurement.results:
        assert result.figure is not None
        value, n = expected[result.job.touchpoint][result.job.metric]
        assert (result.figure.estimate.value, result.figure.estimate.n) == (pytest.approx(value, rel=1e-9), n)
    csat = next(r for r in measurement.results if r.job.metric == "csat").figure
    assert csat is not None
    satisfied = round(csat.estimate.value * csat.estimate.n)
    assert csat.estimate.interval == pytest.approx(wilson(satisfied, csat.estimate.n).interval)


def reference(surveys: Path, tickets: Path) -> dict[str, dict[str, tuple[float, int]]]:
    """The same measures from the CSV text with the csv module and statistics, no DuckDB."""
    answers: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in csv.DictReader(surveys.open(encoding="utf-8")):
        for column in ("nps", "csat", "ces"):
            if row[column]:
                answers[row["touchpoint"]][column].append(int(row[column]))
    found: dict[str, dict[str, tuple[float, int]]] = defaultdict(dict)
    for touchpoint, by_column in answers.items():
        nps, csat, ces = by_column["nps"], by_column["csat"], by_column["ces"]
        score = 100 * (sum(a >= 9 for a in nps) - sum(a <= 6 for a in nps)) / len(nps)
        found[touchpoint] |= {
            "nps": (score, len(nps)),
            "csat": (sum(a >= 4 for a in csat) / len(csat), len(csat)),
            "ces": (statistics.fmean(ces), len(ces)),
        }
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in csv.DictReader(tickets.open(encoding="utf-8")):
        rows[row["touchpoint"]].append(row)
    for touchpoint, listed in rows.items():
        durations = [seconds(r["opened_at"], r["closed_at"]) for r in listed if r["closed_at"]]
        found[touchpoint] |= {
            "fcr": (sum(r["first_contact_resolved"] == "true" for r in listed) / len(listed), len(listed)),
            "waiting_time": (statistics.fmean(int(r["wait_seconds"]) for r in listed), len(listed)),
            "resolution_time": (statistics.median(durations), len(durations)),
        }
    return found


def seconds(start: str, end: str) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def test_periods_sum_to_the_whole(tmp_path: Path) -> None:
    synthetic.write_tickets(tmp_path / "t.parquet", 4000, touchpoints=TOUCHPOINTS)
    (tmp_path / "m.measures.yaml").write_text(
        "version: 1\nsources:\n  t: {files: t.parquet, date: opened_at, touchpoint: touchpoint, persona: segment}\n"
        "period: month\nmeasures:\n  phone-help:\n    ticket_volume: {source: t, count: rows}\n",
        encoding="utf-8",
    )
    [result] = measure(str(tmp_path / "m.measures.yaml")).results
    assert result.figure is not None
    assert len(result.series) == 12
    assert sum(f.estimate.value for _, f in result.series) == result.figure.estimate.value
    assert sum(f.estimate.value for _, f in result.personas) == result.figure.estimate.value
    assert math.isclose(result.figure.estimate.value, result.figure.rows)
