"""The definitions reader (spec.read_definitions): whatever YAML gives it, a Definitions or every problem, as
the journey format says them; never another exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.measuring.spec import (
    Between,
    Condition,
    Definitions,
    DefinitionsError,
    definition_hash,
    read_condition,
    read_definitions,
)

GOOD: dict[str, Any] = {
    "version": 1,
    "sources": {"surveys": {"files": "surveys.csv", "touchpoint": "touchpoint", "date": "answered_at"}},
    "measures": {
        "checkout": {
            "nps": {"source": "surveys", "answers": "recommend", "where": {"channel": ["web", "app"]}},
            "wait": {"source": "surveys", "p90": {"from": "opened", "to": "closed"}, "unit": "min"},
        }
    },
}


def test_a_good_file_reads_into_records() -> None:
    definitions = read_definitions(GOOD)
    assert isinstance(definitions, Definitions)
    assert definitions.sources["surveys"].files == ["surveys.csv"]
    (_, _, nps), (_, _, wait) = definitions.items()
    assert nps.where["channel"] == Condition(in_=["web", "app"])
    assert nps.kind("nps") == "nps"
    assert wait.duration() == Between(from_="opened", to="closed")
    assert (definitions.confidence, definitions.min_sample) == (0.95, 30)


def test_the_fingerprint_is_the_files_meaning_not_its_spelling() -> None:
    spelled = {**GOOD, "measures": {"checkout": {"nps": {"answers": "recommend", "source": "surveys"}}}}
    other = read_definitions(spelled)
    first = read_definitions({**GOOD, "measures": {"checkout": {"nps": {"source": "surveys", "answers": "recommend"}}}})
    source = first.sources["surveys"]
    (_, _, a), (_, _, b) = first.items()[0], other.items()[0]
    assert definition_hash(source, a) == definition_hash(source, b)
    assert definition_hash(source, a) != definition_hash(source, a, (dt.date(2024, 1, 1),))


@pytest.mark.parametrize(
    ("change", "kind", "loc"),
    [
        ({"version": "1"}, "literal_error", ("version",)),
        ({"sources": {}}, "too_short", ("sources",)),
        ({"min_sample": 0}, "greater_than_equal", ("min_sample",)),
        ({"sources": {"s s": {"files": "a.csv"}}}, "string_pattern_mismatch", ("sources", "s s", "[key]")),
        ({"extra": 1}, "extra_forbidden", ("extra",)),
    ],
)
def test_each_problem_is_a_journey_format_error_at_its_place(change: dict[str, Any], kind: str, loc: tuple) -> None:
    with pytest.raises(DefinitionsError) as raised:
        read_definitions({**GOOD, **change})
    assert (kind, loc) in [(e["type"], e["loc"]) for e in raised.value.errors()]


def test_a_filter_is_read_on_its_own() -> None:
    assert read_condition({"between": [1, "2.5"]}).values() == [1, "2.5"]
    with pytest.raises(DefinitionsError):
        read_condition({"equals": 1, "in": [2]})


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
_keys = st.sampled_from(["version", "sources", "measures", "since", "until", "period", "confidence", "files", "x"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=5), st.data())
def test_any_data_gives_definitions_or_problems(data: dict[str, Any], more: st.DataObject) -> None:
    if more.draw(st.booleans()):
        data = {**GOOD, **data}
    try:
        read_definitions(data)
    except DefinitionsError as error:
        for detail in error.errors():
            assert {"type", "loc", "msg", "input", "ctx"} <= detail.keys()
            assert isinstance(detail["loc"], tuple)
