"""The one JSON writer writes what ``json.dumps(indent=2, ensure_ascii=False)`` writes.

Why: every JSON output (validate, score, audit, SARIF, compare, report, schema) goes
through it; a difference in text would change bytes users keep in git.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from journeymap import json_text


def _plain_float(x: float) -> bool:
    """Floats both writers spell the same: finite and not written with a small exponent."""
    return math.isfinite(x) and (x == 0 or abs(x) >= 1e-4)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False).filter(_plain_float)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def _stdlib(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@given(documents)
def test_same_text_as_the_standard_library(document: Any) -> None:
    assert json_text.dumps(document) == _stdlib(document)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_reads_back_as_the_same_number(x: float) -> None:
    assert json.loads(json_text.dumps({"x": x})) == {"x": x}


def test_text_pydantic_core_refuses_is_still_written() -> None:
    """A lone surrogate (a YAML ``"\\ud800"`` escape) is written as before."""
    document = {"name": "\ud800"}
    assert json_text.dumps(document) == _stdlib(document)


def test_control_characters_and_line_separators_stay_escaped_or_data() -> None:
    document = {"label": "a\x1bb\nc\u2028d\u202b"}
    assert json_text.dumps(document) == _stdlib(document)
    assert json_text.dumps(document).count("\n") == 3


@given(st.floats() | st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_a_number_is_written_as_dumps_writes_it(x: float) -> None:
    assert json_text.number(x) == json_text.dumps(x)[:-1]


@given(st.text())
def test_a_string_is_written_as_dumps_writes_it(text: str) -> None:
    assert json_text.string(text) == json_text.dumps(text)[:-1]


@given(documents, st.integers(min_value=0, max_value=5))
def test_a_nested_value_is_its_text_inside_a_document(document: Any, depth: int) -> None:
    """Wrapped in ``depth`` one-item lists, the value's text is what ``nested`` gives, at its place."""
    wrapped = document
    for _ in range(depth):
        wrapped = [wrapped]
    opening = "".join("[\n" + "  " * (level + 1) for level in range(depth))
    closing = "".join("\n" + "  " * level + "]" for level in reversed(range(depth)))
    assert json_text.dumps(wrapped) == opening + json_text.nested(document, depth) + closing + "\n"


def test_only_a_lone_surrogate_is_not_encodable() -> None:
    assert json_text.encodable('{"a": "café ١٢ 𝄞"}')
    assert not json_text.encodable('{"a": "caf\udce9"}')
