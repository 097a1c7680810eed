"""Properties of the friction score: range, monotonicity (worse or more evidence never lowers it), extremes, weights."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.settings.friction import COMPONENTS, ScoringConfig, Weights
from tests.scoring.builders import BEST, HIGHER_IS_BETTER, WORST, score_inputs

_FRACTION = st.floats(0, 1, allow_nan=False, allow_subnormal=False)
_RANGES: dict[str, st.SearchStrategy[Any]] = {
    "ces": st.floats(1, 7, allow_nan=False, allow_subnormal=False),
    "emotion": st.floats(1, 5, allow_nan=False, allow_subnormal=False),
    "nps": st.floats(-100, 100, allow_nan=False, allow_subnormal=False),
    "waiting_time": st.integers(0, 1000),
    "pain_points": st.integers(0, 5),
    "handoffs": st.integers(0, 5),
    "context_carried": st.sampled_from([True, False]),
}


def _strategy(name: str) -> st.SearchStrategy[Any]:
    return _RANGES.get(name, _FRACTION)


# Each input either absent (None) or a value in its range.
INPUTS = st.fixed_dictionaries({name: st.none() | _strategy(name) for name in BEST})
FULL_INPUTS = st.fixed_dictionaries({name: _strategy(name) for name in BEST})
WEIGHTS = st.fixed_dictionaries({c: st.floats(0, 10, allow_nan=False, allow_subnormal=False) for c in COMPONENTS})


def _worse(name: str, value: Any, data: st.DataObject) -> Any:
    """A value at least as bad as ``value`` for input ``name``."""
    if name == "context_carried":
        return False
    if isinstance(value, bool) or value is None:
        return value
    low, high = (BEST[name], WORST[name]) if name not in HIGHER_IS_BETTER else (WORST[name], BEST[name])
    if name in ("pain_points", "handoffs", "waiting_time"):
        bound = 1000 if name == "waiting_time" else 5
        return data.draw(st.integers(value, bound) if name not in HIGHER_IS_BETTER else st.integers(low, value))
    if name in HIGHER_IS_BETTER:
        return data.draw(st.floats(low, value, allow_nan=False, allow_subnormal=False))
    return data.draw(st.floats(value, high, allow_nan=False, allow_subnormal=False))


@settings(max_examples=100, deadline=None)
@given(INPUTS)
def test_score_is_between_0_and_100(inputs: dict[str, Any]) -> None:
    result = score_inputs(inputs)
    assert result.score is None or 0 <= result.score <= 100
    assert 0 <= result.confidence <= 1
    assert result.band in {"low", "medium", "high", "unknown"}


@settings(max_examples=100, deadline=None)
@given(INPUTS, st.sampled_from(sorted(BEST)), st.data())
def test_worsening_one_input_never_lowers_the_score(inputs: dict[str, Any], name: str, data: st.DataObject) -> None:
    before = score_inputs(inputs)
    worse = {**inputs, name: _worse(name, inputs[name], data)}
    after = score_inputs(worse)
    if inputs[name] is None:
        return  # absent stays absent: only the value changes, never the data available
    assert before.score is not None
    assert after.score is not None
    assert after.score >= before.score - 1e-9


@settings(max_examples=100, deadline=None)
@given(INPUTS, st.sampled_from(sorted(BEST)), st.data())
def test_adding_a_fact_never_lowers_the_score(inputs: dict[str, Any], name: str, data: st.DataObject) -> None:
    """Issue 12: with means, adding an error rate, a missed target or a pain point could lower the score."""
    if inputs[name] is not None:
        return
    before = score_inputs(inputs)
    after = score_inputs({**inputs, name: data.draw(_strategy(name))})
    assert after.score is not None
    assert after.score >= (before.score or 0.0) - 1e-9


def _worst_possible(weights: Weights, one_component: float = 0.6) -> float:
    strongest = max(weights.of(c) for c in COMPONENTS)
    kept = 1.0
    for c in COMPONENTS:
        kept *= 1 - one_component * weights.of(c) / strongest
    return 100 * (1 - kept)


def test_all_best_scores_0_and_all_worst_scores_the_documented_maximum() -> None:
    best, worst = score_inputs(BEST), score_inputs(WORST)
    assert (best.score, best.confidence, best.band) == (0.0, 1.0, "low")
    assert worst.score == pytest.approx(_worst_possible(Weights()))
    assert worst.score == pytest.approx(99.705, abs=1e-3)  # docs/scoring.md, "Components"
    assert (worst.confidence, worst.band) == (1.0, "high")


def test_one_component_at_full_strength_reaches_100() -> None:
    worst = score_inputs(WORST, ScoringConfig(limits={"one_component": 1}))
    assert worst.score == pytest.approx(100.0)


def test_no_data_means_no_score() -> None:
    empty = dict.fromkeys(BEST)
    result = score_inputs(empty)
    assert result.score is None
    assert result.band == "unknown"
    assert result.confidence == 0.0


def test_missing_input_is_not_zero_friction() -> None:
    """Dropping an input lowers the confidence by its weight, not the other components' pull."""
    only_emotion = score_inputs({**dict.fromkeys(BEST), "emotion": 1.0, "context_carried": None})
    assert only_emotion.score == pytest.approx(60.0)
    worst_without_ces = score_inputs({**WORST, "ces": None})
    assert worst_without_ces.confidence == pytest.approx(0.85)


@settings(max_examples=100, deadline=None)
@given(FULL_INPUTS, WEIGHTS)
def test_score_is_the_documented_formula(inputs: dict[str, Any], raw: dict[str, float]) -> None:
    if sum(raw.values()) <= 0:
        return
    result = score_inputs(inputs, ScoringConfig(weights=Weights(**raw)))
    values = {c.component: c.value for c in result.contributions}
    strongest = max(raw.values())
    kept = 1.0
    for c in COMPONENTS:
        kept *= 1 - 0.6 * raw[c] / strongest * (values[c] or 0.0)
    assert result.score == pytest.approx(100 * (1 - kept), abs=1e-9)
    assert sum(c.points for c in result.contributions) == pytest.approx(result.score, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(FULL_INPUTS, st.floats(0.01, 100, allow_nan=False))
def test_scaling_every_weight_changes_nothing(inputs: dict[str, Any], factor: float) -> None:
    base = Weights()
    scaled = Weights(**{c: base.of(c) * factor for c in COMPONENTS})
    assert score_inputs(inputs, ScoringConfig(weights=scaled)).score == pytest.approx(
        score_inputs(inputs).score, abs=1e-9
    )


@settings(max_examples=100, deadline=None)
@given(FULL_INPUTS, st.sampled_from(COMPONENTS), st.floats(0, 1, allow_nan=False))
def test_more_weight_below_the_largest_never_lowers_the_score(
    inputs: dict[str, Any], component: str, up: float
) -> None:
    base = Weights()
    heavier = base.model_copy(update={component: min(base.of(component) + up, 0.15)})
    before, after = score_inputs(inputs), score_inputs(inputs, ScoringConfig(weights=heavier))
    assert before.score is not None
    assert after.score is not None
    assert after.score >= before.score - 1e-9


def test_zero_weight_removes_a_component() -> None:
    config = ScoringConfig(weights=Weights(effort=0))
    result = score_inputs({**BEST, "ces": 1.0}, config)
    assert result.score == 0.0
    assert result.confidence == pytest.approx(1.0)


def test_all_zero_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one scoring weight"):
        ScoringConfig(weights=Weights(**dict.fromkeys(COMPONENTS, 0)))


@pytest.mark.parametrize(
    ("metrics", "targets"),
    [({"csat": 0.5}, {"csat": 0}), ({"nps": -50}, {"nps": -100}), ({"waiting_time": "5m"}, {"waiting_time": "0s"})],
)
def test_degenerate_targets_do_not_crash(metrics: dict[str, Any], targets: dict[str, Any]) -> None:
    from journeymap.model import Journey
    from journeymap.scoring import score
    from tests.scoring.builders import journey_data

    data = journey_data({})
    data["stages"][0]["touchpoints"][1].update(metrics=metrics, targets=targets)
    result = score(Journey.model_validate(data)).touchpoint("tp")
    assert result is not None
    assert result.score is not None
    assert 0 <= result.score <= 100


def _overall(inputs: dict[str, Any]) -> tuple[float | None, float | None]:
    """Journey and stage friction of the builder's journey plus a fixed, busier moment of truth."""
    from journeymap.model import Journey
    from journeymap.scoring import score
    from tests.scoring.builders import journey_data

    data = journey_data(inputs)
    other = {"id": "other", "name": "Other", "channel": "web", "emotion": 3, "volume": 500, "moment_of_truth": True}
    data["stages"][0]["touchpoints"].append(other)
    result = score(Journey.model_validate(data))
    return result.overall.score, result.stages[0].score


@settings(max_examples=100, deadline=None)
@given(FULL_INPUTS, st.sampled_from(sorted(BEST)), st.data())
def test_worsening_a_touchpoint_never_lowers_its_stage_or_the_journey(
    inputs: dict[str, Any], name: str, data: st.DataObject
) -> None:
    before = _overall(inputs)
    after = _overall({**inputs, name: _worse(name, inputs[name], data)})
    for old, new in zip(before, after, strict=True):
        assert old is not None
        assert new is not None
        assert new >= old - 1e-9


@settings(max_examples=100, deadline=None)
@given(INPUTS, st.sampled_from(sorted(BEST)), st.data())
def test_worsening_one_input_never_lowers_the_priority(inputs: dict[str, Any], name: str, data: st.DataObject) -> None:
    if inputs[name] is None:
        return
    before = score_inputs(inputs)
    after = score_inputs({**inputs, name: _worse(name, inputs[name], data)})
    assert before.priority is not None
    assert after.priority is not None
    assert after.priority >= before.priority - 1e-9
