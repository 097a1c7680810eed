"""Headers: every column export writes reads back as the same column, and aliases are forgiving."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.interchange.columns import FIELDS, Column, column, header
from journeymap.model.base import ID_PATTERN
from journeymap.model.metrics import METRIC_NAMES

IDS = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 40)


@pytest.mark.parametrize("field", list(FIELDS))
def test_field_headers_read_back(field: str) -> None:
    assert column(header(Column(field))) == Column(field)
    for alias in FIELDS[field][1]:
        assert column(alias.upper()) == Column(field)


@pytest.mark.parametrize("metric", METRIC_NAMES)
@pytest.mark.parametrize("target", [False, True])
def test_metric_headers_read_back(metric: str, target: bool) -> None:
    col = Column("metric", metric=metric, target=target)
    assert column(header(col)) == col
    assert column(header(col).upper().replace(" ", "_")) == col


@given(IDS, st.booleans())
def test_custom_metric_headers_read_back(metric: str, target: bool) -> None:
    col = Column("metric", metric=metric, custom=True, target=target)
    assert column(header(col)) == col


@given(IDS)
def test_persona_emotion_headers_read_back(persona: str) -> None:
    col = Column("emotion", persona=persona)
    assert column(header(col)) == col


def test_unknown_headers() -> None:
    assert column("colour") is None
    assert column("emotional state") is None
    assert column("target") is None
