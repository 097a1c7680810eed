"""Property tests for the loader, the validator and the unit parsers (hypothesis).

Budgets are fixed and derandomised so the file runs the same examples every
time and stays well under 20 s on two cores.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from journeymap.loader import KeyPath, load, load_bytes, load_text
from journeymap.model.units import parse_duration, parse_percent
from journeymap.validation import ValidationResult, validate
from tests.conftest import CORPUS

FUZZ = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUICK = settings(max_examples=300, deadline=None, derandomize=True, database=None)
ROUND_TRIP = settings(QUICK, max_examples=80, suppress_health_check=[HealthCheck.too_slow])

# -- (a) arbitrary text and bytes never crash the loader or the validator ------------

#: Single characters and YAML tokens, weighted towards what breaks parsers.
YAML_PIECES = [
    *"abcxyz019 :-[]{},&*!|>'\"#%@`?\n\t\r.~<=\\",
    *["\ufeff", "é", "ب", "م", "\x85", "\u2028", "\u202e", "\x00", "\x01", "\x1b", "\ufffd"],
    *["---\n", "...\n", "<<: ", "<<: *a\n", "!!int ", "!!str ", "!!float ", "!!bool ", "!!null ", "!!map ", "!!seq "],
    *["!!binary ", "!!python/object/apply:os.system ", "!local ", "!<tag:x> ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n"],
    *["&a ", "*a", "*a : 1\n", "? ", "[a]: 1\n", "{a: 1}: 2\n", "- ", "  ", "    ", "'a''b'", '"\\x41\\u0628"'],
    *["0x1F", "0o17", "1e5", "1_000", "-.inf", ".NaN", "null", "~", "true", "False", "no", "9" * 5_000],
    *["version: 1\n", "journey:\n", "  title: x\n", "personas:\n", "stages:\n", "  - id: a\n", "    name: b\n"],
    *["    touchpoints:\n", "      - channel: web\n", "metrics: {csat: 71%, aht: 1h30m, nps: -5}\n"],
    *["next: [a, b]\n", "share: 0.5\n", "emotion: 3\n", "moment_of_truth: true\n", "&x {a: 1}", "*x\n"],
]
yaml_text = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)
yaml_like_text = st.text(alphabet=st.sampled_from(sorted({c for piece in YAML_PIECES for c in piece})), max_size=300)


def assert_well_placed(result: ValidationResult, text: str | None = None) -> None:
    # libyaml breaks lines at LF, CR, CRLF, NEL, LS and PS; str.splitlines at all of those and a few more,
    # so it gives an upper bound. End marks may sit one line past the last line break.
    last_line = len(text.splitlines()) + 2 if text is not None else None
    for diagnostic in result.diagnostics:
        assert diagnostic.span.line >= 1, diagnostic
        assert last_line is None or diagnostic.span.line <= last_line, diagnostic
        assert diagnostic.span.column >= 1, diagnostic
        assert diagnostic.code.startswith("JM"), diagnostic
        assert diagnostic.message, diagnostic
    assert (result.journey is None) == any(d.severity.label == "error" for d in result.diagnostics)


@FUZZ
@given(st.one_of(yaml_text, yaml_like_text))
def test_any_text_loads_and_validates_without_raising(text: str) -> None:
    result = validate(load_text(text, "fuzz.yaml"))
    assert_well_placed(result, text)
    assert result.path == "fuzz.yaml"


@FUZZ
@given(st.one_of(st.binary(max_size=400), yaml_text.map(str.encode)))
def test_any_bytes_load_and_validate_without_raising(data: bytes) -> None:
    assert_well_placed(validate(load_bytes(data, "fuzz.yaml")))


@QUICK
@given(st.binary(max_size=200))
def test_any_file_loads_through_the_path_api(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        result = validate(load(str(path)))
        assert path.read_bytes() == data
    assert_well_placed(result)


# -- (b) round trip: data -> yaml.safe_dump -> load_text -> the same data --------------

#: Latin and Arabic letters, digits, space and quiet punctuation. Left out on purpose:
#: 'e', 'o' and 'x', and all-digit strings: PyYAML writes YAML 1.1, where `1e5`, `0o7`
#: and `08` are strings and stay unquoted, while YAML 1.2 (journeymap) reads numbers.
SAFE_LETTERS = "abcdfghijklmnpqrstuvwyzABCDFGHIJKLMNPQRSTUVWYZ" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءآأؤإئ"
SAFE_ALPHABET = SAFE_LETTERS + "0123456789 -_.,!?()"
_some = st.text(alphabet=SAFE_ALPHABET, max_size=10)
#: At least one letter somewhere, so no string is all digits and punctuation.
safe_key = st.tuples(_some, st.sampled_from(SAFE_LETTERS), _some).map("".join)
safe_text = st.one_of(st.just(""), safe_key)
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), safe_text)
nested = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(safe_key, children, max_size=5),
    ),
    max_leaves=20,
)
documents = st.dictionaries(safe_key, nested, min_size=1, max_size=5)


def key_paths(data: Any, prefix: KeyPath = ()) -> list[KeyPath]:
    paths = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            paths += key_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths += key_paths(value, (*prefix, index))
    return paths


@ROUND_TRIP
@given(documents, st.sampled_from([None, True, False]))
def test_safe_dump_round_trips_with_a_source_map(data: dict[str, Any], flow: bool | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    loaded = load_text(text, "round-trip.yaml")
    assert loaded.diagnostics == [], text
    assert loaded.data == data, text
    last_line = text.count("\n") + 1
    for path in key_paths(data):
        span = loaded.source_map.values.get(path)
        assert span is not None, (path, text)
        assert 1 <= span.line <= last_line, (path, span, text)
        assert span.column >= 1, (path, span)
        if path and isinstance(path[-1], str):
            key_span = loaded.source_map.keys.get(path)
            assert key_span is not None, (path, text)
            assert 1 <= key_span.line <= span.line, (path, key_span, span)


def test_yaml_12_words_stay_strings() -> None:
    data = {"language": "no", "answer": "yes", "switch": "on", "flag": "off", "norway": "NO", "y": "y"}
    loaded = load_text(yaml.safe_dump(data, allow_unicode=True))
    assert loaded.data == data
    assert load_text("a: no\nb: on\nc: yes\nd: 2024-01-01\n").data == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": "2024-01-01",
    }


# -- (c) units ------------------------------------------------------------------------


@QUICK
@given(st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False))
def test_percent_text_is_value_over_100(p: float) -> None:
    text = f"{p}%"
    if "e" in text:
        # Python writes very small floats as 1e-05: not a form the format documents.
        # Such text must be refused cleanly, never misread.
        try:
            value, _ = parse_percent(text)
        except PydanticCustomError:
            return
        assert value == pytest.approx(p / 100)
        return
    value, original = parse_percent(text)
    assert value == pytest.approx(p / 100, rel=1e-12, abs=1e-15)
    assert original == text


@QUICK
@given(st.floats(min_value=1e-4, max_value=100, allow_nan=False).filter(lambda p: "e" not in str(p)))
def test_percent_text_with_spaces_and_sign(p: float) -> None:
    assert parse_percent(f" +{p} % ")[0] == pytest.approx(p / 100)


non_negative = st.integers(min_value=0, max_value=10**9)


@QUICK
@given(non_negative, non_negative, non_negative)
def test_duration_text_and_iso_agree(h: int, m: int, s: int) -> None:
    expected = 3600 * h + 60 * m + s
    seconds, original = parse_duration(f"{h}h{m}m{s}s")
    assert seconds == pytest.approx(expected)
    assert original == f"{h}h{m}m{s}s"
    iso, _ = parse_duration(f"PT{h}H{m}M{s}S")
    assert iso == pytest.approx(expected)
    assert parse_duration(f"{h}h {m}m {s}s")[0] == pytest.approx(expected)


@QUICK
@given(st.integers(min_value=0))
def test_huge_durations_never_raise_anything_but_a_clean_error(n: int) -> None:
    for text in (f"{n}h", f"PT{n}S", f"{n}d{n}w"):
        try:
            seconds, _ = parse_duration(text)
        except PydanticCustomError:
            continue
        assert seconds >= 0 or math.isnan(seconds)


# -- (d) naughty strings as names, titles and pain points ------------------------------

NAUGHTY_FILE = CORPUS / "naughty-strings.txt"


def _naughty() -> list[tuple[int, str]]:
    if not NAUGHTY_FILE.is_file():
        return []
    text = NAUGHTY_FILE.read_bytes().decode("utf-8")
    return [(n, line) for n, line in enumerate(text.split("\n"), 1) if line and not line.startswith("#")]


NAUGHTY = _naughty()

#: Strings PyYAML (YAML 1.1) writes unquoted but YAML 1.2 core reads as numbers;
#: the loader keeps their spelling, so a text field still gets '08', not '8'.
YAML11_PLAIN_NUMBERS = {"1E2", "1E02", "1E+02", "-1E2", "-1E02", "-1E+02", "08", "09"}


def journey_with(text: str) -> dict[str, Any]:
    return {
        "version": 1,
        "journey": {"title": text},
        "personas": [{"id": "p1", "name": text, "pain_points": [text]}],
        "stages": [
            {
                "id": "s1",
                "name": "Stage",
                "touchpoints": [{"id": "t1", "name": text, "channel": "web", "pain_points": [text, "plain"]}],
            }
        ],
    }


def assert_kept_exactly(text: str, document: str) -> None:
    result = validate(load_text(document, "naughty.yaml"))
    assert result.journey is not None, [(d.code, d.message) for d in result.diagnostics]
    journey = result.journey
    persona = journey.personas[0]
    touchpoint = journey.stages[0].touchpoints[0]
    assert journey.info.title == text
    assert persona.name == text
    assert persona.pain_points == [text]
    assert touchpoint.name == text
    assert touchpoint.pain_points == [text, "plain"]


@pytest.fixture
def _need_naughty() -> None:
    if not NAUGHTY:
        pytest.skip(f"naughty strings corpus not found at {NAUGHTY_FILE}")


def _naughty_params() -> list[Any]:
    params = [pytest.param(text, id=f"line{line}") for line, text in NAUGHTY]
    return params or [pytest.param("none", id="no-corpus")]


@pytest.mark.usefixtures("_need_naughty")
@pytest.mark.parametrize("text", _naughty_params())
def test_naughty_string_survives_safe_dump(text: str) -> None:
    document = yaml.safe_dump(journey_with(text), allow_unicode=True, sort_keys=False)
    assert yaml.safe_load(document) == journey_with(text), "PyYAML itself cannot round-trip this string"
    if _blank(text):
        assert_refused_as_blank(document)
    else:
        assert_kept_exactly(text, document)


def _blank(text: str) -> bool:
    """Names and pain points must say something: only-space text is refused (JM108), not kept."""
    return re.fullmatch(r"\s*", text) is not None


def assert_refused_as_blank(document: str) -> None:
    result = validate(load_text(document, "naughty.yaml"))
    assert result.journey is None
    assert {d.code for d in result.diagnostics} == {"JM108"}


class _QuoteAllStrings(yaml.SafeDumper):
    """Double-quote every string: exact for any text, whatever the YAML version."""


_QuoteAllStrings.add_representer(
    str, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
)


@pytest.mark.usefixtures("_need_naughty")
def test_every_naughty_string_survives_when_quoted() -> None:
    for _, text in NAUGHTY:
        document = yaml.dump(journey_with(text), Dumper=_QuoteAllStrings, allow_unicode=True, sort_keys=False)
        if _blank(text):
            assert_refused_as_blank(document)
        else:
            assert_kept_exactly(text, document)


@pytest.mark.usefixtures("_need_naughty")
def test_naughty_corpus_is_the_expected_one() -> None:
    assert len(NAUGHTY) == 516
    assert {text for _, text in NAUGHTY} >= YAML11_PLAIN_NUMBERS
