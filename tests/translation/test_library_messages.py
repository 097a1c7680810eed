"""pydantic's, the system's and libyaml's English, translated through one table without changing a byte of
the English: a message is used only when it reads exactly as the library wrote it."""

from __future__ import annotations

import errno

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeymap.translation import Msg, Verbatim, translate, translator
from journeymap.translation.library_messages import YAML_WORDS, known_text, problem, reason, yaml_words

ARABIC = translator("ar")


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(default=1, ge=0, le=10)
    count: int = 1
    level: str = "x"


def _errors(data: dict[str, object]) -> list[dict[str, object]]:
    with pytest.raises(ValidationError) as raised:
        _Settings.model_validate(data)
    return [dict(e) for e in raised.value.errors()]


@pytest.mark.parametrize(
    ("data", "arabic"),
    [
        ({"weight": -1}, "يجب ألا تقل القيمة عن ٠"),
        ({"weight": 11}, "يجب ألا تزيد القيمة على ١٠"),
        ({"weight": "x"}, "يجب أن تكون القيمة عددًا، وتعذّرت قراءة النص عددًا"),
        ({"count": "x"}, "يجب أن تكون القيمة عددًا صحيحًا، وتعذّرت قراءة النص عددًا صحيحًا"),
        ({"bogus": 1}, "مفتاح غير مسموح به"),
    ],
    ids=["ge", "le", "float", "int", "extra"],
)
def test_pydantic_messages_translate_and_keep_their_english(data: dict[str, object], arabic: str) -> None:
    (error,) = _errors(data)
    said = problem(error)
    assert isinstance(said, Msg)
    assert said == error["msg"], "the English is pydantic's, byte for byte"
    assert translate(said, ARABIC) == arabic


def test_an_unknown_pydantic_message_is_shown_as_written() -> None:
    error = {"type": "url_parsing", "msg": "Input should be a valid URL, empty host", "ctx": {}}
    said = problem(error)
    assert not isinstance(said, Msg)
    assert translate(said, ARABIC) == "Input should be a valid URL, empty host"


def test_a_template_whose_english_would_differ_is_not_used() -> None:
    error = {"type": "greater_than_equal", "msg": "Input should be greater than or equal to 0.5!", "ctx": {"ge": 0.5}}
    assert not isinstance(problem(error), Msg)


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_a_bound_read_back_from_text_round_trips(bound: int) -> None:
    text = f"Input should be greater than or equal to {bound}"
    said = known_text(text)
    assert said == text
    assert isinstance(said, Msg)
    assert translate(said, ARABIC).startswith("يجب ألا تقل القيمة عن ")


@given(st.text(max_size=40))
def test_any_other_text_is_kept(text: str) -> None:
    said = known_text(text)
    assert said == text


def test_system_reasons() -> None:
    denied = OSError(errno.EACCES, "Permission denied")
    assert reason(denied) == "Permission denied"
    assert translate(reason(denied), ARABIC) == "الإذن مرفوض"
    odd = OSError(errno.EACCES, "Zugriff verweigert")
    assert isinstance(reason(odd), Verbatim), "a reason in another wording is shown as the system wrote it"


def test_libyaml_phrases() -> None:
    assert all(isinstance(yaml_words(phrase), Msg) for phrase in YAML_WORDS)
    assert translate(yaml_words("did not find expected key"), ARABIC) == "لم يُعثر على المفتاح المتوقع"
    assert isinstance(yaml_words("found character '\\t' that cannot start any token"), Verbatim)
