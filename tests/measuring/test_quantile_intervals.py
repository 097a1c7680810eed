"""Medians and p90 carry a distribution-free interval, checked against an independent computation.

The known data (seconds of waiting, written below as plain lists):

=====  ==========================  ======  ============================================  =============
where  waits                       n       95% interval of the median                    against target
=====  ==========================  ======  ============================================  =============
chat   1, 2, ..., 1500             1,500   ranks 712 and 789 (normal): 712 s to 789 s    met (15m)
phone  10, 20, ..., 410            41      exact binomial ranks 14 and 28: 140 to 280 s  inconclusive (4m)
email  601, 602, ..., 800          200     exact binomial ranks 86 and 115: 686 to 715   missed (10m)
=====  ==========================  ======  ============================================  =============

The independent computation: NumPy's default quantile for the value, and the ranks from the
binomial distribution summed with ``math.comb`` (small n) or the Campbell-Gardner formula written
out with ``statistics.NormalDist`` (large n), then the sorted data at those ranks.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pytest

from journeymap.measuring import EngineOptions, measure, stats
from tests.conftest import run_cli

WAITS = {
    "chat": [float(i) for i in range(1, 1501)],
    "phone": [float(10 * i) for i in range(1, 42)],
    "email": [float(600 + i) for i in range(1, 201)],
}

JOURNEY = """\
version: 1
journey:
  title: Waiting
personas:
  - {id: ana, name: Ana}
stages:
  - id: service
    name: Service
    touchpoints:
      - {id: chat, name: Live chat, channel: live_chat, owner: Care, targets: {waiting_time: 15m}}
      - {id: phone, name: Phone, channel: phone, owner: Care, targets: {waiting_time: 4m}}
      - {id: email, name: Email, channel: email, owner: Care, targets: {waiting_time: 10m}}
"""

DEFINITIONS = """\
version: 1
journey: ../waits.yaml
sources:
  tickets: {files: tickets.FORMAT, date: opened_at, touchpoint: queue}
measures:
  chat:
    waiting_time: {source: tickets, median: wait_seconds, unit: s}
    response_time: {source: tickets, p90: wait_seconds, unit: s}
  phone:
    waiting_time: {source: tickets, median: wait_seconds, unit: s}
  email:
    waiting_time: {source: tickets, median: wait_seconds, unit: s}
"""


def binomial_ranks(n: int, q: float, confidence: float = 0.95) -> tuple[int, int] | None:
    """The widest l and narrowest u with P(B < l) <= alpha/2 and P(B >= u) <= alpha/2, B ~ Bin(n, q)."""
    tail = (1 - confidence) / 2
    pmf = [math.comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(n + 1)]
    lows = [r for r in range(1, n + 1) if sum(pmf[:r]) <= tail]
    highs = [u for u in range(1, n + 1) if sum(pmf[u:]) <= tail]
    return (max(lows), min(highs)) if lows and highs else None


def normal_ranks(n: int, q: float, confidence: float = 0.95) -> tuple[int, int]:
    """Campbell and Gardner: r = nq - z sqrt(nq(1-q)), s = 1 + nq + z sqrt(nq(1-q)), rounded outward."""
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    half = z * math.sqrt(n * q * (1 - q))
    return max(1, math.floor(n * q - half)), min(n, math.ceil(1 + n * q + half))


def expected(values: list[float], q: float) -> tuple[float, float, float] | tuple[float, None, None]:
    ordered = sorted(values)
    n = len(ordered)
    ranks = binomial_ranks(n, q) if n <= 1000 else normal_ranks(n, q)
    value = float(np.quantile(ordered, q))
    if ranks is None:
        return value, None, None
    return value, ordered[ranks[0] - 1], ordered[ranks[1] - 1]


def workspace(folder: Path, file_format: str = "csv") -> Path:
    """``waits.yaml`` and ``data/waits.measures.yaml`` reading ``data/tickets.<format>``; the definitions' path."""
    (folder / "waits.yaml").write_text(JOURNEY, encoding="utf-8")
    data = folder / "data"
    data.mkdir()
    rows = ["queue,opened_at,wait_seconds"]
    for queue, waits in WAITS.items():
        rows += [f"{queue},2024-03-{1 + i % 28:02d},{wait:g}" for i, wait in enumerate(waits)]
    (data / "tickets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if file_format == "parquet":
        import duckdb

        duckdb.sql(f"COPY (SELECT * FROM read_csv('{data / 'tickets.csv'}')) TO '{data / 'tickets.parquet'}'")
    definitions = data / "waits.measures.yaml"
    definitions.write_text(DEFINITIONS.replace("FORMAT", file_format), encoding="utf-8")
    return definitions


def test_ranks_are_the_binomial_ones() -> None:
    assert stats.quantile_ranks(10, 0.5) == (2, 9)  # the textbook 97.9% interval for a median of 10
    assert stats.quantile_ranks(7, 0.5) == (1, 7)
    assert stats.quantile_ranks(5, 0.5) is None, "5 answers cannot give a 95% distribution-free interval"
    assert stats.quantile_ranks(30, 0.9) is None, "P(all 30 below the p90) = 4.2% > 2.5%"
    assert stats.quantile_ranks(100, 0.5, 0.95) == binomial_ranks(100, 0.5)
    for n in (6, 13, 41, 200, 999, 1000):
        for q in (0.5, 0.9):
            assert stats.quantile_ranks(n, q) == binomial_ranks(n, q), (n, q)
    for n in (1001, 1500, 12_345, 10_000_000):
        for q in (0.5, 0.9):
            assert stats.quantile_ranks(n, q) == normal_ranks(n, q), (n, q)
    assert stats.normal_ranks(100, 0.5, 1.959963984540054) == (40, 61)  # Campbell and Gardner's worked example


def test_exact_ranks_hold_the_quantile_at_least_as_often_as_promised() -> None:
    for n in (6, 20, 41, 77, 500):
        for q in (0.5, 0.9):
            ranks = stats.quantile_ranks(n, q)
            if ranks is None:
                continue
            low, high = ranks
            coverage = sum(math.comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(low, high))
            assert coverage >= 0.95, (n, q, coverage)


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
@pytest.mark.parametrize("engine", ["duckdb", "ibis"])
def test_median_and_p90_intervals_equal_an_independent_computation(
    tmp_path: Path, file_format: str, engine: str
) -> None:
    options = EngineOptions(engine="ibis") if engine == "ibis" else None
    measurement = measure(str(workspace(tmp_path, file_format)), options=options)
    assert measurement.ok, measurement.diagnostics
    found = {r.job.label: r.figure.estimate for r in measurement.results if r.figure}
    cases = {
        "chat.waiting_time": expected(WAITS["chat"], 0.5),
        "chat.response_time": expected(WAITS["chat"], 0.9),
        "phone.waiting_time": expected(WAITS["phone"], 0.5),
        "email.waiting_time": expected(WAITS["email"], 0.5),
    }
    for label, (value, low, high) in cases.items():
        estimate = found[label]
        assert estimate.value == pytest.approx(value), label
        assert estimate.interval == (low, high), label
    assert cases["chat.waiting_time"] == (750.5, 712.0, 789.0)
    assert cases["phone.waiting_time"] == (210.0, 140.0, 280.0)
    assert cases["email.waiting_time"] == (700.5, 686.0, 715.0)
    assert "ranks by normal approximation" in found["chat.waiting_time"].method
    assert "ranks by exact binomial" in found["phone.waiting_time"].method


def test_a_median_of_too_few_answers_has_no_interval(tmp_path: Path) -> None:
    definitions = workspace(tmp_path)
    text = "queue,opened_at,wait_seconds\n" + "".join(f"phone,2024-03-01,{w}\n" for w in (60, 90, 400, 500, 700))
    (definitions.parent / "tickets.csv").write_text(text, encoding="utf-8")
    path = definitions.parent / "few.measures.yaml"
    path.write_text(
        definitions.read_text(encoding="utf-8").split("measures:")[0]
        + "measures:\n  phone:\n    waiting_time: {source: tickets, median: wait_seconds}\n",
        encoding="utf-8",
    )
    measurement = measure(str(path))
    result = measurement.results[0]
    assert result.figure is not None
    assert result.figure.estimate.interval is None
    assert "too few answers" in result.figure.estimate.method
    assert result.figure.estimate.value == 400  # the journey then judges it by its value, as a typed one


def test_measure_map_report_and_audit_show_the_interval(tmp_path: Path) -> None:
    definitions = workspace(tmp_path)
    table = run_cli("measure", definitions)
    assert table.code == 0, table.output
    assert "11m 26s to 11m 55s" in table.stdout  # email's median, 686 s to 715 s
    snapshot = json.loads((tmp_path / "waits.measured.json").read_text(encoding="utf-8"))
    phone = snapshot["measures"]["phone"]["waiting_time"]
    assert (phone["value"], phone["n"], phone["interval"]) == (210, 41, [140, 280])
    journey = tmp_path / "waits.yaml"
    audit = run_cli("audit", journey, "--select", "JM320,JM327", "-f", "json")
    findings = sorted((f["code"], f["message"]) for f in json.loads(audit.stdout)["files"][0]["findings"])
    assert [code for code, _ in findings] == ["JM320", "JM327"]
    assert "'email' misses its target" in findings[0][1]
    assert "n=200, 95% 11m 26s to 11m 55s" in findings[0][1]
    assert "at 'phone' is inconclusive with this sample" in findings[1][1]
    assert "n=41, 95% 2m 20s to 4m 40s" in findings[1][1]
    report = json.loads(run_cli("report", journey, "-f", "json", "-o", "-").stdout)["journeys"][0]
    statuses = {row["scope"]: row["status"] for row in report["metrics"]}
    assert statuses == {"Live chat": "met", "Phone": "inconclusive", "Email": "missed"}
    evidence = {row["scope"]: row["evidence"] for row in report["metrics"]}
    assert evidence["Phone"] == "2m 20s to 4m 40s · n=41"  # 140 s to 280 s around 210 s
    svg = run_cli("render", journey, "-f", "svg", "-o", "-").stdout
    assert "\u20682\u2069m \u206820\u2069s to \u20684\u2069m \u206840\u2069s · n=\u206841\u2069" in svg
    assert "? " in svg
