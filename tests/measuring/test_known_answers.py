"""Every number checked against a hand computation on tiny exports (tests/measuring/helpers.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.measuring.helpers import codes, result, run

Z = 1.959963984540054  # the 97.5% normal quantile


def estimate(tmp_path: Path, definitions: str, label: str) -> tuple[float, int, tuple[float, float] | None]:
    measurement = run(tmp_path, definitions)
    assert measurement.ok, measurement.diagnostics
    figure = result(measurement, label).figure
    assert figure is not None
    return figure.estimate.value, figure.estimate.n, figure.estimate.interval


def test_nps_from_raw_answers(tmp_path: Path) -> None:
    # checkout answers 10, 9, 8, 6, 3, 10 (one blank): 3 promoters, 2 detractors of 6
    value, n, interval = estimate(
        tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n", "checkout.nps"
    )
    assert (value, n) == (pytest.approx(100 * (3 - 2) / 6), 6)
    half = Z * 100 * math.sqrt((3 / 6 + 2 / 6 - (1 / 6) ** 2) / 6)  # var = (p + d - (p - d)^2) / n
    assert interval == pytest.approx((100 / 6 - half, 100 / 6 + half))
    assert interval == pytest.approx((-55.1492, 88.4825), abs=1e-4)


def test_csat_share_and_its_wilson_interval(tmp_path: Path) -> None:
    # answers 5, 4, 3, 2, 1, 5, 4: satisfied (4-5) = 4 of 7
    value, n, interval = estimate(
        tmp_path, "measures:\n  checkout:\n    csat: {source: surveys, answers: csat}\n", "checkout.csat"
    )
    assert (value, n) == (pytest.approx(4 / 7), 7)
    assert interval == pytest.approx((0.2505, 0.8418), abs=1e-4)  # the published Wilson interval for 4/7


def test_ces_mean_with_a_t_interval(tmp_path: Path) -> None:
    # answers 7, 6, 5, 3, 2, 6: mean 29/6, s^2 = (159 - 29^2/6) / 5, t(0.975, 5) = 2.570582
    value, n, interval = estimate(
        tmp_path, "measures:\n  checkout:\n    ces: {source: surveys, answers: ces}\n", "checkout.ces"
    )
    assert (value, n) == (pytest.approx(29 / 6), 6)
    half = 2.570582 * math.sqrt((159 - 29**2 / 6) / 5 / 6)
    assert interval == pytest.approx((29 / 6 - half, 29 / 6 + half), abs=1e-5)


def test_satisfied_answers_and_scale_are_declared(tmp_path: Path) -> None:
    # on 1-5 with only 5 counting as satisfied: 2 of 7
    definitions = "measures:\n  checkout:\n    csat: {source: surveys, answers: csat, scale: 1-5, satisfied: 5-5}\n"
    value, n, _ = estimate(tmp_path, definitions, "checkout.csat")
    assert (value, n) == (pytest.approx(2 / 7), 7)


def test_rates_from_flag_columns(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        """\
        measures:
          phone-support:
            fcr: {source: tickets, share_of: first_contact_resolved}
            repeat_contact_rate: {source: tickets, share_of: reopened}
          chat-support:
            abandonment_rate: {source: tickets, share_of: abandoned}
        """,
    )
    assert measurement.ok, measurement.diagnostics
    fcr = result(measurement, "phone-support.fcr").figure
    assert fcr
    assert (fcr.estimate.value, fcr.estimate.n) == (pytest.approx(5 / 7), 7)
    repeat = result(measurement, "phone-support.repeat_contact_rate").figure
    assert repeat
    assert repeat.estimate.value == pytest.approx(2 / 7)
    abandon = result(measurement, "chat-support.abandonment_rate").figure
    assert abandon
    assert (abandon.estimate.value, abandon.estimate.n) == (pytest.approx(2 / 3), 3)


def test_duration_mean_median_and_p90(tmp_path: Path) -> None:
    # phone waits 30, 45, 60, 150, 180, 300, 600: mean 195; median 150; p90 at rank 5.4 = 300 + 0.4 * 300
    measurement = run(
        tmp_path,
        """\
        measures:
          phone-support:
            waiting_time: {source: tickets, mean: wait_seconds, unit: s}
            aht: {source: tickets, median: wait_seconds}
            frt: {source: tickets, p90: wait_seconds}
            resolution_time: {source: tickets, median: {from: opened_at, to: closed_at}}
            response_time: {source: tickets, mean: wait_seconds, unit: min}
        """,
    )
    assert measurement.ok, measurement.diagnostics
    values = {r.job.metric: r.figure.estimate.value for r in measurement.results if r.figure}
    assert values == pytest.approx(
        {"waiting_time": 195, "aht": 150, "frt": 420, "resolution_time": 7200, "response_time": 195 * 60}
    )
    mean = result(measurement, "phone-support.waiting_time").figure
    assert mean
    assert mean.estimate.interval
    assert mean.estimate.interval[0] >= 0
    assert result(measurement, "phone-support.aht").figure.estimate.interval == (30, 600)  # type: ignore[union-attr]
    # a p90 of 7 answers: even the largest answer is below the p90 with probability 0.9^7 = 48%; no interval
    assert result(measurement, "phone-support.frt").figure.estimate.interval is None  # type: ignore[union-attr]


def test_a_touchpoint_can_match_several_values_even_for_p90(tmp_path: Path) -> None:
    # all ten waits: p90 at rank 8.1 = 300 + 0.1 * 300 = 330; median at 4.5 = 120 + 0.5 * 30 = 135
    measurement = run(
        tmp_path,
        """\
        measures:
          support:
            frt: {source: tickets, p90: wait_seconds, match: [phone-support, chat-support]}
            aht: {source: tickets, median: wait_seconds, match: [phone-support, chat-support]}
            ticket_volume: {source: tickets, count: rows, match: [phone-support, chat-support]}
        """,
    )
    assert measurement.ok, measurement.diagnostics
    assert result(measurement, "support.frt").figure.estimate.value == pytest.approx(330)  # type: ignore[union-attr]
    assert result(measurement, "support.aht").figure.estimate.value == pytest.approx(135)  # type: ignore[union-attr]
    assert result(measurement, "support.ticket_volume").figure.estimate.value == 10  # type: ignore[union-attr]


def test_where_filters_equals_in_not_in_and_between(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        """\
        measures:
          checkout:
            csat: {source: surveys, answers: csat, where: {channel: web}}
          phone-support:
            ticket_volume: {source: tickets, count: rows, where: {wait_seconds: {between: [45, 180]}}}
            fcr:
              source: tickets
              share_of: first_contact_resolved
              where: {channel: {not_in: [chat]}, ticket_id: [1, 2]}
        """,
    )
    assert measurement.ok, measurement.diagnostics
    assert result(measurement, "checkout.csat").figure.estimate.value == pytest.approx(4 / 5)  # type: ignore[union-attr]
    volume = result(measurement, "phone-support.ticket_volume").figure
    assert volume
    assert volume.estimate.value == 4
    fcr = result(measurement, "phone-support.fcr").figure
    assert fcr
    assert (fcr.estimate.value, fcr.estimate.n) == (0.5, 2)


def test_periods_windows_and_personas(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        """\
        measures:
          checkout:
            nps: {source: surveys, answers: nps, period: month}
            csat: {source: surveys, answers: csat, period: quarter}
          delivery:
            nps: {source: surveys, answers: nps, since: 2024-05-03, until: 2024-06-30}
        """,
    )
    assert measurement.ok, measurement.diagnostics
    nps = result(measurement, "checkout.nps")
    assert [(p, f.estimate.value, f.estimate.n) for p, f in nps.series] == [
        ("2024-01", 100, 2),
        ("2024-02", -50, 2),
        ("2024-03", -100, 1),
        ("2024-04", 100, 1),
    ]
    assert nps.figure
    assert nps.figure.estimate.value == pytest.approx(100 / 6)
    assert {p: (f.estimate.value, f.estimate.n) for p, f in nps.personas} == {
        "omar": (0, 3),
        "sara": (pytest.approx(100 / 3), 3),
    }
    csat = result(measurement, "checkout.csat")
    assert [(p, f.estimate.n) for p, f in csat.series] == [("2024-Q1", 5), ("2024-Q2", 2)]
    windowed = result(measurement, "delivery.nps").figure
    assert windowed
    assert (windowed.estimate.value, windowed.estimate.n) == (0, 2)
    assert "JM609" in codes(measurement)  # every one of these is a small sample


def test_a_global_window_applies_to_every_measure(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        """\
        since: 2024-02-01
        until: 2024-03-31
        measures:
          checkout:
            nps: {source: surveys, answers: nps}
        """,
    )
    figure = result(measurement, "checkout.nps").figure
    assert figure
    assert (figure.estimate.value, figure.estimate.n) == (pytest.approx(-200 / 3), 3)
    assert measurement.sources["surveys"].scanned == 3


def test_a_target_beside_a_measure_is_not_used_and_says_where_it_belongs(tmp_path: Path) -> None:
    """Targets are the journey's (decision 28): one written beside a measure would be a second target
    for the same value, judged by measure's table while the map and the audit judged the journey's."""
    measurement = run(
        tmp_path,
        """\
        measures:
          phone-support:
            fcr: {source: tickets, share_of: first_contact_resolved, target: 70%}
            ticket_volume: {source: tickets, count: rows, target: 5, better: lower}
            reopened: {source: tickets, share_of: reopened, target: 10%, better: lower}
        """,
    )
    warnings = [d for d in measurement.diagnostics if d.code == "JM630"]
    assert [d.message for d in warnings] == [
        "`target: 70%` of phone-support.fcr is not used: targets are the journey's",
        "`target: 5` of phone-support.ticket_volume is not used: targets are the journey's",
        "`target: 10%` of phone-support.reopened is not used: targets are the journey's",
    ]
    assert [d.hint for d in warnings] == [
        "write it in the journey, under touchpoint 'phone-support': `targets: {fcr: 70%}`",
        "write it in the journey, under touchpoint 'phone-support': `targets: {ticket_volume: 5}`",
        "write it in the journey, under touchpoint 'phone-support': "
        "`targets: {custom: {reopened: {value: 10%, better: lower}}}`",
    ]
    assert measurement.ok
    assert all(r.figure is not None for r in measurement.results)
