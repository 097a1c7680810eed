"""The measured snapshot onto the journey: values with provenance, honest target status, and stale snapshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.loader import load
from journeymap.model import Journey
from journeymap.model.evidence import Provenance, SeriesPoint, change_text, count_text, sparkline, trend_text
from journeymap.model.metrics import Measure
from journeymap.validation import validate
from tests.measuring.evidence_data import support_workspace


def _loaded(path: Path, measured: bool = True) -> tuple[Journey | None, list[str]]:
    result = validate(load(str(path)), measured)
    return result.journey, [d.code for d in result.diagnostics]


def _touchpoint(journey: Journey, tp_id: str) -> object:
    return next(tp for _, tp in journey.touchpoints() if tp.id == tp_id)


def _csat(journey: Journey, tp_id: str) -> Measure:
    measure = _touchpoint(journey, tp_id).metrics.csat  # type: ignore[attr-defined]
    assert isinstance(measure, Measure)
    return measure


def test_measured_values_replace_typed_ones_with_their_provenance(tmp_path: Path) -> None:
    journey, codes = _loaded(support_workspace(tmp_path))
    assert journey is not None
    assert sorted(codes) == ["JM616", "JM619"]  # chat's typed 70% replaced; email rests on 10 answers
    chat = _csat(journey, "chat")
    assert chat.value == pytest.approx(0.30)
    assert chat.display == "30%"
    evidence = chat.measured
    assert evidence is not None
    assert (evidence.source, evidence.n, evidence.replaced) == ("surveys", 100, "70%")
    assert evidence.interval == pytest.approx((0.219, 0.396), abs=0.001)
    assert (evidence.since, evidence.until) == ("2024-02-10", "2024-05-10")  # the first and last answer it rests on
    assert [p.period for p in evidence.series] == ["2024-Q1", "2024-Q2"]
    assert _csat(journey, "email").measured.small_sample  # type: ignore[union-attr]


def test_target_status_reads_the_whole_interval(tmp_path: Path) -> None:
    journey, _ = _loaded(support_workspace(tmp_path))
    assert journey is not None
    status = {}
    for tp_id in ("chat", "phone", "app"):
        tp = _touchpoint(journey, tp_id)
        target = tp.targets.csat  # type: ignore[attr-defined]
        status[tp_id] = (
            journey.target_status("csat", _csat(journey, tp_id), target),
            journey.meets("csat", _csat(journey, tp_id), target),
        )
    assert status == {"chat": ("missed", False), "phone": ("inconclusive", None), "app": ("met", True)}


TYPED = """\
version: 1
journey: {title: T}
personas: [{id: a, name: A}]
stages:
  - id: service
    name: Service
    touchpoints:
      - {id: t, name: T, channel: web, metrics: {csat: 85%}, targets: {csat: 85%}}
"""


def test_a_typed_value_is_judged_by_itself_as_before(tmp_path: Path) -> None:
    journey, _ = _loaded(support_workspace(tmp_path, measured=False), measured=False)
    assert journey is None  # targets for csat that only the snapshot measures: JM204 without it
    path = tmp_path / "typed.yaml"
    path.write_text(TYPED, encoding="utf-8")
    typed, codes = _loaded(path)
    assert typed is not None
    assert codes == []
    tp = _touchpoint(typed, "t")
    assert typed.target_status("csat", tp.metrics.csat, tp.targets.csat) == "met"  # type: ignore[attr-defined]


def test_no_measured_ignores_the_snapshot(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    journey, codes = _loaded(path, measured=False)
    assert journey is None
    assert codes == ["JM204", "JM204"]


def test_a_changed_definition_makes_its_value_stale(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    definitions = tmp_path / "data" / "support.measures.yaml"
    text = definitions.read_text(encoding="utf-8")
    before = "  app:\n    csat: {source: surveys, answers: csat, scale: 1-5}"
    after = "  app:\n    csat: {source: surveys, answers: csat, scale: 1-5, satisfied: 5-5}"
    definitions.write_text(text.replace(before, after), encoding="utf-8")
    result = validate(load(str(path)))
    stale = [d for d in result.diagnostics if d.code == "JM614"]
    assert [d.message for d in stale] == [
        f"the measure app.csat has changed since it was measured; its value in {tmp_path / 'support.measured.json'} "
        "is not used"
    ]
    assert stale[0].span.path == str(path)
    assert result.journey is None  # app has a target and, without the stale value, no csat: JM204, never a stale number


def test_a_measure_removed_from_the_definitions_is_stale(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    definitions = tmp_path / "data" / "support.measures.yaml"
    text = definitions.read_text(encoding="utf-8")
    definitions.write_text(text.replace("  email:\n    csat: {source: surveys, answers: csat, scale: 1-5}\n", ""),
                           encoding="utf-8")  # fmt: skip
    journey, codes = _loaded(path)
    assert "JM614" in codes
    assert journey is not None
    assert _touchpoint(journey, "email").metrics.csat is None


def test_the_snapshot_of_another_journey_is_not_used(tmp_path: Path) -> None:
    support_workspace(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text((tmp_path / "support.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "other.measured.json").write_bytes((tmp_path / "support.measured.json").read_bytes())
    result = validate(load(str(other)))
    assert [d.code for d in result.diagnostics if d.code.startswith("JM6")] == ["JM613"]
    assert "measured for ../support.yaml" in result.diagnostics[0].message


def test_a_snapshot_for_other_touchpoints_is_not_used(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    snapshot = tmp_path / "support.measured.json"
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["journey"] = None
    document["measures"] = {"checkout": document["measures"]["chat"]}
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    _, codes = _loaded(path)
    assert "JM613" in codes


def test_a_touchpoint_the_journey_no_longer_has(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    snapshot = tmp_path / "support.measured.json"
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["measures"]["chatt"] = document["measures"]["chat"]
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    result = validate(load(str(path)))
    [unknown] = [d for d in result.diagnostics if d.code == "JM612"]
    assert "'chatt'" in unknown.message
    assert unknown.hint is not None
    assert "did you mean 'chat'?" in unknown.hint


@pytest.mark.parametrize("content", ["{not json", '{"format": "something-else/1", "measures": {}}', "[]"])
def test_a_file_that_is_not_a_snapshot(tmp_path: Path, content: str) -> None:
    path = support_workspace(tmp_path)
    (tmp_path / "support.measured.json").write_text(content, encoding="utf-8")
    result = validate(load(str(path)))
    assert [d.code for d in result.diagnostics if d.code.startswith("JM6")] == ["JM615"]


def test_a_withheld_value_keeps_the_typed_one(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    snapshot = tmp_path / "support.measured.json"
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["measures"]["chat"]["csat"] |= {"status": "withheld", "problems": ["column-not-found"], "value": None}
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    journey, codes = _loaded(path)
    assert "JM617" in codes
    assert journey is not None
    assert _csat(journey, "chat").display == "70%"


def test_missing_definitions_are_said_and_the_values_still_used(tmp_path: Path) -> None:
    path = support_workspace(tmp_path)
    (tmp_path / "data" / "support.measures.yaml").unlink()
    journey, codes = _loaded(path)
    assert "JM618" in codes
    assert journey is not None
    assert _csat(journey, "chat").measured is not None


# -- the pure parts ------------------------------------------------------------------------------------


def _series(*points: tuple[float, float, float]) -> Provenance:
    return Provenance(
        snapshot="s.json",
        source="surveys",
        series=tuple(
            SeriesPoint(period=f"P{i}", value=v, n=100, low=lo, high=hi) for i, (v, lo, hi) in enumerate(points)
        ),
    )


def test_a_change_is_flagged_only_when_larger_than_its_uncertainty() -> None:
    big = _series((0.20, 0.112, 0.330), (0.40, 0.276, 0.538))
    assert big.change == (pytest.approx(0.20), True)
    small = _series((0.42, 0.37, 0.47), (0.45, 0.40, 0.50))
    assert small.change == (pytest.approx(0.03), False)
    assert _series((0.4, None, None), (0.9, None, None)).change == (pytest.approx(0.5), False)
    assert _series((0.4, 0.3, 0.5)).change is None


def test_trend_text_marks_significant_changes_only() -> None:
    measure = Measure(
        value=0.4, unit="percent", text="40%", measured=_series((0.20, 0.112, 0.330), (0.40, 0.276, 0.538))
    )
    assert trend_text(measure) == "▁█ ▲+20 pts"
    flat = Measure(value=0.45, unit="percent", text="45%", measured=_series((0.42, 0.37, 0.47), (0.45, 0.40, 0.50)))
    assert trend_text(flat) == "▁█ +3 pts"


def test_small_text_helpers() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert sparkline([]) == ""
    assert [count_text(n) for n in (98, 1200, 20_397, 3_400_000)] == ["98", "1.2k", "20.4k", "3.4M"]
    assert change_text(-65, "duration") == "-1m 5s"
    assert change_text(-0.0525, "percent") == "-5.2 pts"
