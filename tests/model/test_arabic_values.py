"""Arabic input in values (issue #13): digits, separators, duration units, whole numbers, surveys.

Every form is checked twice: the validator reads it as its ASCII twin, and
the JSON Schema's pattern (what editors check) accepts it too.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from journeymap.model import Metrics
from journeymap.model.journey import Evidence, Scales, Touchpoint
from journeymap.model.units import (
    ARABIC_DURATION_UNITS,
    DURATION_PATTERN,
    NUMBER_PATTERN,
    PERCENT_PATTERN,
    SCALE_PATTERN,
    WHOLE_NUMBER_PATTERN,
    fold_letters,
    parse_duration,
    parse_number,
    parse_percent,
)

ARABIC = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
PERSIAN = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def arabic(text: str) -> str:
    """``64.5%`` -> ``٦٤٫٥%``: what an Arabic keyboard types."""
    return text.translate(ARABIC)


def grouped(number: int) -> str:
    """1840 -> ``١٬٨٤٠``: Arabic digits with the Arabic thousands separator."""
    return arabic(f"{number:,}").replace(",", "\u066c")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("٠٫٧١", 0.71), ("٣٫٥", 3.5), ("۳٫۵", 3.5), ("٣.٥", 3.5), ("١٬٨٤٠", 1840), ("١٬٢٣٤٬٥٦٧", 1234567)]
    + [("١٬٨٤٠٫٥", 1840.5), ("-٢", -2), (" +٧ ", 7), ("1٬000", 1000)],
)
def test_numbers_in_arabic_and_persian_digits(text: str, expected: float) -> None:
    assert parse_number(text) == (pytest.approx(expected), text.strip())
    assert re.match(NUMBER_PATTERN, text)


@pytest.mark.parametrize("text", ["١٬٨٤", "٣٬٥", "١٬٨٤٠٠", "٬١٢٣", "1,840", "١٫", "٫٥", "٣٫٥٫١"])
def test_misplaced_separators_are_refused(text: str) -> None:
    """٬ only groups thousands: ``٣٬٥`` is a typo for ``٣٫٥``, never 35."""
    with pytest.raises(PydanticCustomError, match="is not a number"):
        parse_number(text)
    assert not re.match(NUMBER_PATTERN, text)


def test_a_misplaced_thousands_separator_is_explained() -> None:
    with pytest.raises(PydanticCustomError, match="decimals take ٫"):
        parse_number("٣٬٥")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("٦٤٫٥٪", 0.645), ("٦٤٫٥%", 0.645), ("٠٫٧١", 0.71), ("٧١", 0.71), ("۷۱٪", 0.71), ("٤٫٢/٥", 0.84)]
    + [("٤٫٢ من ٥", 0.84), ("١٠٠٪", 1.0), ("١٠٠٫٠٪", 1.0), ("٠٫٥٪", 0.005)],
)
def test_percentages_in_arabic(text: str, expected: float) -> None:
    assert parse_percent(text) == (pytest.approx(expected), text)
    assert re.match(PERCENT_PATTERN, text)


@pytest.mark.parametrize(("unit", "seconds"), sorted(ARABIC_DURATION_UNITS.items()))
def test_every_arabic_duration_unit(unit: str, seconds: float) -> None:
    text = f"٣ {unit}"
    assert parse_duration(text) == (pytest.approx(3 * seconds), text)
    assert re.match(DURATION_PATTERN, text), text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("٣٥ د", 2100), ("٣٥د", 2100), ("٣٥ دقيقة", 2100), ("٣٥ دقائق", 2100), ("١ ساعة ٣٠ دقيقة", 5400)]
    + [("١ ساعة و٣٠ دقيقة", 5400), ("١ ساعة و ٣٠ د", 5400), ("١٫٥ ساعة", 5400), ("٢ ي ٤ س", 187200)]
    + [("٢ أيام", 172800), ("٣ أسابيع", 1814400), ("١٠ ثوانٍ", 10), ("٤٥ ثانية", 45), ("٢٥٠ ملي ثانية", 0.25)]
    + [("٦ س", 21600), ("١ ساعة 30m", 5400), ("PT٦H", 21600), ("٣٥m", 2100), ("١٬٢٠٠ ث", 1200)],
)
def test_arabic_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == (pytest.approx(seconds), text)
    assert re.match(DURATION_PATTERN, text), text


@pytest.mark.parametrize(
    ("typed", "standard"),
    [("٣ ساعه", "٣ ساعة"), ("٣ ايام", "٣ أيام"), ("١ اسبوع", "١ أسبوع"), ("٢ دقيقه", "٢ دقيقة")]
    + [("۳۵ دقیقه", "٣٥ دقيقة"), ("٢ سَاعَة", "٢ ساعة"), ("٣ يـوم", "٣ يوم"), ("۲ ی", "٢ ي")],
)
def test_arabic_units_as_people_type_them(typed: str, standard: str) -> None:
    """Hamza left off, ه for ة, Persian ی and ک, diacritics and tatweel: the same unit."""
    assert parse_duration(typed)[0] == parse_duration(standard)[0]
    assert parse_duration(typed)[1] == typed


@pytest.mark.parametrize("text", ["ساعة", "٣", "٣ شهر", "٣ ساعاتو", "و٣ ساعات", "٣ س و", "-٣ س", "٣ ساعات كاملة"])
def test_arabic_durations_need_a_number_and_a_known_unit(text: str) -> None:
    with pytest.raises(PydanticCustomError, match="not a duration"):
        parse_duration(text)
    assert not re.match(DURATION_PATTERN, text)


def test_a_bare_arabic_number_gets_arabic_examples() -> None:
    with pytest.raises(PydanticCustomError) as raised:
        parse_duration("٣٥")
    message = str(raised.value)
    assert "add a unit" in message
    assert "١٥ د" in message
    assert "١ ساعة ٣٠ دقيقة" in message


def test_arabic_duration_units_do_not_collide_after_folding() -> None:
    folded = [fold_letters(unit) for unit in ARABIC_DURATION_UNITS]
    assert len(set(folded)) == len(folded)


@given(st.integers(0, 10**6), st.integers(0, 59), st.integers(0, 59))
def test_arabic_and_latin_durations_agree(hours: int, minutes: int, seconds: int) -> None:
    latin = parse_duration(f"{hours}h{minutes}m{seconds}s")[0]
    words = f"{grouped(hours)} ساعة و{arabic(str(minutes))} دقيقة و{arabic(str(seconds))} ثانية"
    assert parse_duration(words)[0] == latin
    assert parse_duration(arabic(f"{hours}س {minutes}د {seconds}ث"))[0] == latin
    assert re.match(DURATION_PATTERN, words)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_arabic_and_latin_percentages_agree(value: object) -> None:
    text = f"{value}%"
    for script in (ARABIC, PERSIAN):
        written = text.translate(script).replace("%", "٪")
        assert parse_percent(written) == (parse_percent(text)[0], written)
        assert re.match(PERCENT_PATTERN, written)


@given(st.integers(0, 10**15))
def test_grouped_arabic_numbers_read_as_their_value(number: int) -> None:
    assert parse_number(grouped(number))[0] == number
    assert re.match(NUMBER_PATTERN, grouped(number))
    assert re.match(WHOLE_NUMBER_PATTERN, grouped(number))


# -- whole-number fields: volume, handoffs, sample_size ---------------------------


def touchpoint(**fields: object) -> Touchpoint:
    return Touchpoint.model_validate({"id": "t", "name": "T", "channel": "web", **fields})


@pytest.mark.parametrize(
    ("written", "expected"), [("٣", 3), ("۳", 3), ("١٬٨٤٠", 1840), ("١٢٠٠٠", 12000), (7, 7), ("7", 7)]
)
def test_whole_number_fields_take_any_digits(written: object, expected: int) -> None:
    assert touchpoint(volume=written, handoffs=written).volume == expected
    assert touchpoint(handoffs=written).handoffs == expected
    assert Evidence.model_validate({"source": "survey", "sample_size": written}).sample_size == expected
    if isinstance(written, str):
        assert re.match(WHOLE_NUMBER_PATTERN, written)


@pytest.mark.parametrize("written", [True, 2.5, 2.0, "٣٫٥", "about 3000", "٣ مرات", "١٬٨٤", "", [3]])
def test_whole_number_fields_still_refuse_what_is_not_a_whole_number(written: object) -> None:
    with pytest.raises(ValidationError) as raised:
        touchpoint(volume=written)
    assert raised.value.errors()[0]["type"] in ("int_type", "int_from_float")


def test_a_negative_whole_number_in_arabic_digits_is_out_of_range() -> None:
    with pytest.raises(ValidationError) as raised:
        touchpoint(handoffs="-٢")
    assert raised.value.errors()[0]["type"] == "greater_than_equal"


# -- surveys ------------------------------------------------------------------------


def test_nps_counts_and_responses_in_arabic_digits() -> None:
    nps = Metrics.model_validate({"nps": {"promoters": "١٢٠", "passives": "٥٠", "detractors": "٣٠"}}).nps
    assert nps is not None
    assert (nps.value, nps.responses) == (pytest.approx(45.0), 200)
    scored = Metrics.model_validate({"nps": {"value": "٣٢", "responses": "١٬٩٦٠"}}).nps
    assert scored is not None
    assert (scored.value, scored.text, scored.responses) == (32, "٣٢", 1960)


@pytest.mark.parametrize(
    "histogram",
    [["٢٢", "١٩", "٣٥", "١٤٨", "٢٠١"], {"١": "٢٢", "٢": "١٩", "٣": "٣٥", "٤": "١٤٨", "٥": "٢٠١"}]
    + [{"۱": 22, "۲": 19, "۳": 35, "۴": 148, "۵": 201}, [22, "١٩", 35, "۱۴۸", 201]],
)
def test_csat_histograms_in_arabic_digits(histogram: object) -> None:
    csat = Metrics.model_validate({"csat": {"histogram": histogram}}).csat
    assert csat is not None
    assert (round(csat.value, 3), csat.responses) == (0.821, 425)


@pytest.mark.parametrize("count", ["٣٫٥", "-٣", "كثير", True, 2.5])
def test_survey_counts_still_refuse_what_is_not_a_count(count: object) -> None:
    with pytest.raises(ValidationError, match="must be a whole number from 0"):
        Metrics.model_validate({"csat": {"histogram": [count, 1, 1, 1, 1]}})


@pytest.mark.parametrize("scale", ["١-٥", "۱-۵", " ١ - ٥ ", ["١", "٥"], [1, "٥"]])
def test_ces_scale_in_arabic_digits(scale: object) -> None:
    ces = Metrics.model_validate({"ces": {"value": "٣٫٤", "scale": scale}}).ces
    assert ces is not None
    assert (ces.value, ces.scale_min, ces.scale_max) == (pytest.approx(3.4), 1, 5)
    if isinstance(scale, str):
        assert re.match(SCALE_PATTERN, scale)


@pytest.mark.parametrize("scale", ["١٥", "١-", "a-b", "٥-١", "1-2-3"])
def test_bad_ces_scales_are_refused(scale: str) -> None:
    with pytest.raises(ValidationError, match="scale"):
        Metrics.model_validate({"ces": {"value": 3, "scale": scale}})


def test_journey_ces_scale_in_arabic_digits() -> None:
    scales = Scales.model_validate({"ces": {"min": "١", "max": "٥", "higher_is": "easier"}})
    assert (scales.ces.min, scales.ces.max) == (1, 5)


@pytest.mark.parametrize(
    ("metric", "written", "value"),
    [("aht", "٣٥ دقيقة", 2100), ("clv", "١٬٢٠٠٫٥", 1200.5), ("ticket_volume", "١٬٨٤٠", 1840)]
    + [("ces", "٥٫٢", 5.2), ("nps", "-٩٫٣", -9.3), ("fcr", "٦٤٫٥٪", 0.645)],
)
def test_every_metric_kind_keeps_what_was_written(metric: str, written: str, value: float) -> None:
    measure = Metrics.model_validate({metric: written}).get(metric)
    assert measure is not None
    assert (measure.value, measure.text, measure.display) == (pytest.approx(value), written, written)


@pytest.mark.parametrize(
    ("written", "unit"), [("٢٣٪", "percent"), ("٣ أيام", "duration"), ("١ ساعة و٣٠ د", "duration"), ("٤٫٢", "number")]
)
def test_custom_metric_units_are_guessed_from_arabic_values(written: str, unit: str) -> None:
    measure = Metrics.model_validate({"custom": {"x": written}}).get("x")
    assert measure is not None
    assert (measure.unit, measure.text) == (unit, written)


def test_docs_list_every_arabic_duration_unit() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("### Durations") : text.index("### Counts, money and scores")]
    assert [unit for unit in ARABIC_DURATION_UNITS if f"`{unit}`" not in section] == []
