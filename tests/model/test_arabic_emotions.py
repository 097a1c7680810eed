"""Emotion names in Arabic (issue #13): masculine and feminine forms, as people type them."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from journeymap.model.emotion import _EMOTION_INPUT, ARABIC_EMOTIONS, NAMED_EMOTIONS, Emotion, parse_emotion
from journeymap.model.units import fold_letters

ALL_FORMS = sorted({(form, name) for name, forms in ARABIC_EMOTIONS.items() for form in forms})


@pytest.mark.parametrize(
    ("written", "name"),
    [("محبط", "frustrated"), ("محبطة", "frustrated"), ("غاضب", "angry"), ("غاضبة", "angry"), ("سعيد", "happy")]
    + [("سعيدة", "happy"), ("قلق", "anxious"), ("قلقة", "anxious"), ("راضٍ", "satisfied"), ("راضية", "satisfied")]
    + [("مرتبك", "confused"), ("مرتبكة", "confused"), ("متحمس", "excited"), ("متحمسة", "excited")]
    + [("مسرور", "pleased"), ("مسرورة", "pleased"), ("منزعج", "annoyed"), ("منزعجة", "annoyed")]
    + [("محايد", "neutral"), ("محايدة", "neutral"), ("غاضبة جدًا", "furious"), ("مسرور جدًا", "delighted")]
    + [("خائبة الأمل", "disappointed"), ("نافد الصبر", "impatient"), ("غير متأكدة", "uncertain")],
)
def test_arabic_names_read_as_the_english_emotion(written: str, name: str) -> None:
    emotion = parse_emotion(written)
    assert emotion == Emotion(score=NAMED_EMOTIONS[name], name=name, text=written)


@pytest.mark.parametrize(("form", "name"), ALL_FORMS)
def test_every_listed_form_has_its_emotions_score(form: str, name: str) -> None:
    emotion = parse_emotion(form)
    assert emotion.score == NAMED_EMOTIONS[name]
    assert emotion.text == form


@pytest.mark.parametrize(
    ("typed", "standard"),
    [("محبطه", "محبطة"), ("راض", "راضٍ"), ("راضى", "راضي"), ("غاضب جدا", "غاضب جدًا"), ("خائب الامل", "خائب الأمل")]
    + [("قلقـة", "قلقة"), ("مُحبَط", "محبط"), ("  غاضبة  ", "غاضبة"), ("غير   متأكد", "غير متأكد"), ("فضولی", "فضولي")],
)
def test_arabic_names_as_people_type_them(typed: str, standard: str) -> None:
    """ه for ة, no hamza or tanween, diacritics, tatweel, extra spaces, a Persian keyboard's ی."""
    assert parse_emotion(typed).name == parse_emotion(standard).name is not None
    assert parse_emotion(typed).text == typed.strip()


def test_every_emotion_has_arabic_names_and_no_form_is_ambiguous() -> None:
    assert set(ARABIC_EMOTIONS) == set(NAMED_EMOTIONS)
    owners: dict[str, set[int]] = {}
    for name, forms in ARABIC_EMOTIONS.items():
        for form in forms:
            owners.setdefault(fold_letters(form), set()).add(NAMED_EMOTIONS[name])
    assert {form: scores for form, scores in owners.items() if len(scores) > 1} == {}


def test_the_names_arabic_maps_show_read_back_as_the_same_emotion() -> None:
    """What a map prints for an emotion (neutral, feminine or masculine form), typed back in, is that emotion."""
    from journeymap.translation import translator

    arabic = translator("ar")
    for name in ARABIC_EMOTIONS:
        for gender in ("neutral", "female", "male"):
            shown = arabic.context(gender, name)
            assert shown != name, f"{name} has no {gender} word"
            assert parse_emotion(shown).score == NAMED_EMOTIONS[name], shown
            assert shown in ARABIC_EMOTIONS[name], shown


@pytest.mark.parametrize(
    ("written", "hint"),
    [("محبطن", "did you mean 'محبط' (frustrated)?"), ("غاضبه جدن", "(furious)"), ("قلقان", "(anxious)")]
    + [("زعلان", "use 1-5 or a name such as delighted"), ("frustated", "did you mean 'frustrated'?")],
)
def test_unknown_names_get_a_hint_in_the_authors_script(written: str, hint: str) -> None:
    with pytest.raises(PydanticCustomError, match="is not a known emotion") as raised:
        parse_emotion(written)
    assert hint in str(raised.value)


def test_an_unknown_arabic_word_lists_arabic_and_english_names() -> None:
    with pytest.raises(PydanticCustomError) as raised:
        parse_emotion("زعلان")
    assert "frustrated" in str(raised.value)
    assert "محبط" in str(raised.value)


@pytest.mark.parametrize(("written", "score"), [("٤", 4.0), ("٣٫٥", 3.5), ("۲", 2.0), (" ١ ", 1.0), ("4.5", 4.5)])
def test_scores_in_any_digits(written: str, score: float) -> None:
    assert parse_emotion(written) == Emotion(score=score)


@pytest.mark.parametrize("written", ["٦", "٠", "٥٫٥"])
def test_scores_in_arabic_digits_outside_the_scale_keep_their_spelling_in_the_message(written: str) -> None:
    with pytest.raises(PydanticCustomError, match=f"emotion {written} is outside the 1-5 scale"):
        parse_emotion(written)


@given(st.sampled_from(ALL_FORMS), st.booleans())
def test_the_json_schema_accepts_every_listed_name(form_and_name: tuple[str, str], english: bool) -> None:
    form, name = form_and_name
    jsonschema.validate(name if english else form, _EMOTION_INPUT)


@given(st.decimals(min_value=1, max_value=5, places=1))
def test_the_json_schema_accepts_scores_written_in_arabic_digits(score: object) -> None:
    written = str(score).translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"))
    jsonschema.validate(written, _EMOTION_INPUT)
    assert parse_emotion(written).score == float(str(score))


def test_the_schema_lists_arabic_names_beside_english_ones() -> None:
    text = json.dumps(_EMOTION_INPUT, ensure_ascii=False)
    assert re.search("محبطة", text)
    assert re.search("frustrated", text)


def test_docs_list_every_arabic_emotion_name() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("#### Emotion names in Arabic") : text.index("### moment_of_truth")]
    rows = {line.split("|")[1].strip(" `"): line for line in section.splitlines() if line.startswith("| `")}
    assert set(rows) == set(ARABIC_EMOTIONS)
    missing = [(name, form) for form, name in ALL_FORMS if f"`{form}`" not in rows[name]]
    assert missing == []
    assert f"| {NAMED_EMOTIONS['frustrated']} |" in rows["frustrated"]
