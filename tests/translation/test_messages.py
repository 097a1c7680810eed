"""Messages: English as written, other languages from the catalog, the user's text never touched."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.durations import duration_text
from journeymap.model.units import parse_duration
from journeymap.translation import Formula, Joined, Msg, Plural, Verbatim, digits, measure_text, translate, translator

ARABIC = translator("ar")
#: A value such as ``2d 4h`` or ``0s`` inside a message is a duration, shown in the reader's digits and units
#: (decision 16): not what a user's id or name is.
_VALUE = re.compile(r"(?:\d+(?:\.\d+)?[wdhms] ?)+")
#: Ids and names as users write them: anything with a letter in it that does not read as a value.
WORDS = st.text(min_size=1, max_size=30).filter(
    lambda t: any(c.isalpha() for c in t) and "%" not in t and not _VALUE.fullmatch(t.strip())
)


@given(WORDS)
def test_the_users_text_passes_through_a_translation_unchanged(word: str) -> None:
    message = Msg("stage '%(stage)s' has no touchpoints", stage=word)
    assert message == f"stage '{word}' has no touchpoints"
    assert translate(message, ARABIC) == f"المرحلة '{word}' بلا نقاط اتصال"
    assert translate(word, ARABIC) == word


@given(st.text(alphabet="0123456789.,% abc", max_size=30).filter(lambda t: any(c.isdigit() for c in t)))
def test_arabic_digits_replace_every_ascii_digit_and_nothing_else(text: str) -> None:
    """A text holding a number: digits and ``%`` become Arabic-Indic, ``.`` and ``,`` between digits the Arabic
    separators; text without a number is left alone (a ``%`` in a name is not a percentage)."""
    shown = digits(text, "arabic")
    assert not any(c in "0123456789%" for c in shown)
    back = shown.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٪٫٬", "0123456789%.,"))
    assert back == text
    assert digits(text, "latin") == text


def test_values_get_the_languages_units_and_never_break_between_number_and_unit() -> None:
    assert measure_text("35m", "duration", ARABIC) == "٣٥\u00a0د"
    assert measure_text("2d 4h", "duration", ARABIC) == "٢\u00a0ي ٤\u00a0س"
    assert measure_text("45.6% (n=250)", "percent", ARABIC) == "٤٥٫٦٪\u00a0(ن=٢٥٠)"
    assert measure_text("35m", "duration", translator("en")) == "35m"
    assert measure_text("35m", "duration", translator("ar-MA")) == "35\u00a0د"


@pytest.mark.parametrize("seconds", [90, 2_100, 22_000, 190_000, 1_300_000, 5_000_000])
def test_arabic_durations_use_the_narrow_units_and_read_back(seconds: float) -> None:
    """Every unit is CLDR's narrow Arabic one (``أ`` for a week, whatever the count), and the
    text a map shows is a value the loader reads back, as an exported table would be."""
    english = duration_text(seconds)
    shown = measure_text(english, "duration", ARABIC)
    assert not any(c.isascii() and c.isalpha() for c in shown)
    assert parse_duration(shown)[0] == parse_duration(english)[0]


def test_lists_numbers_and_verbatim_arguments() -> None:
    message = Msg(
        "%(industry)s customers expect %(items)s, which no touchpoint offers",
        industry=Verbatim("2024"),
        items=Joined(", ", ["branch", "phone", "live_chat"], last=" or "),
    )
    assert message == "2024 customers expect branch, phone or live_chat, which no touchpoint offers"
    assert (
        translate(message, ARABIC) == "يتوقع عملاء قطاع 2024 قناة branch، phone أو live_chat، ولا تقدمها أي نقطة اتصال"
    )
    assert translate(Plural("%(count)s targets", "%(count)s targets", 12), ARABIC) == "١٢ هدفًا"


def test_messages_survive_pickling_with_their_ids() -> None:
    message = Plural(
        "%(count)s point", "%(count)s points", 3, count=Joined("; ", [Msg.in_context("metric", "csat"), "x"])
    )
    copy = pickle.loads(pickle.dumps(message))
    assert copy == message
    assert translate(copy, ARABIC) == translate(message, ARABIC) == "رضا العملاء؛ x نقاط"


def test_a_formula_takes_the_readers_digits_and_keeps_its_ids() -> None:
    formula = Formula("1 - completion_rate = 0.14")
    said = Msg(
        "%(notes)s; at least one: %(formula)s", notes=Joined("; ", [formula]), formula=Formula("1 - (1 - 0.14) = 0.14")
    )
    assert said == "1 - completion_rate = 0.14; at least one: 1 - (1 - 0.14) = 0.14"
    assert translate(said, ARABIC) == "١ - completion_rate = ٠٫١٤؛ واحد منها على الأقل: ١ - (١ - ٠٫١٤) = ٠٫١٤"
    assert ARABIC(formula) == "١ - completion_rate = ٠٫١٤"
    assert translator("en")(formula) is formula
