"""An all-Arabic journey, values included, end to end (issue #13).

The journey below is written the way an Arabic-speaking CX team types it:
Arabic-Indic digits, ٫ and ٬, ٪, Arabic duration units and emotion names.
Its twin is the same journey with every value in ASCII and English. Both must
validate cleanly and score identically: Arabic input is read, not guessed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.loader import load
from tests.conftest import ROOT, assert_no_traceback, run_cli

ARABIC_JOURNEY = """\
version: 1
journey:
  id: opening
  title: فتح حساب جارٍ
  language: ar
  metrics: {nps: {promoters: ١٬١٨٠, passives: ٩٦٠, detractors: ١٬٥٢٠}, completion_rate: ٥٤٫٥٪}
  targets: {completion_rate: ٧٠٪}
personas:
  - id: khalid
    name: خالد، خريج جديد
    share: ٤٥٪
  - id: noura
    name: نورة، مقيمة وافدة
    share: ٥٥٪
stages:
  - id: decision
    name: القرار وفتح الحساب
    canonical: purchase
    touchpoints:
      - id: app
        name: التسجيل في التطبيق
        channel: mobile_app
        emotion: {khalid: محبط, noura: قلقة}
        volume: ١٬٨٤٠
        handoffs: ٠
        metrics:
          csat: {histogram: [٢٢, ١٩, ٣٥, ١٤٨, ٢٠١]}
          ces: {value: ٣٫٤, scale: ١-٥, responses: ٢٠٠}
          abandonment_rate: ٤١٪
          waiting_time: ٣٥ دقيقة
          aht: ١ ساعة و٣٠ دقيقة
        targets: {abandonment_rate: ٢٠٪, waiting_time: ١٥ د}
        evidence:
          - {source: استبيان الربع الثاني, kind: survey, sample_size: ٤٢٥}
      - id: branch
        name: زيارة الفرع
        channel: branch
        emotion: غاضبة
        handoffs: ٢
        volume: ٣٦٠
        metrics: {fcr: ٠٫٦٢, resolution_time: ٣ أيام, error_rate: ٦٫٥٪, clv: ١٬٢٠٠٫٥, ticket_volume: ٤٨٠}
        targets: {fcr: ٨٠٪, resolution_time: ١ ي}
        next: [{to: card, share: ٩٠٪}]
  - id: service
    name: الخدمة
    canonical: service
    touchpoints:
      - id: card
        name: تفعيل البطاقة
        channel: phone
        emotion: ٣٫٥
        metrics: {nps: {histogram: {٠: ٢, ٦: ٦, ٧: ٢٠, ٨: ٢٥, ٩: ٣٠, ١٠: ٢٥}}, frt: ٤٥ ثانية}
scales:
  ces: {min: ١, max: ٧}
"""

#: The same journey with every value in ASCII digits and English names.
ASCII_VALUES = {
    "١٬١٨٠": "1180",
    "٩٦٠": "960",
    "١٬٥٢٠": "1520",
    "٥٤٫٥٪": "54.5%",
    "٧٠٪": "70%",
    "٤٥٪": "45%",
    "٥٥٪": "55%",
    "محبط,": "frustrated,",
    "قلقة}": "anxious}",
    "١٬٨٤٠": "1840",
    "handoffs: ٠": "handoffs: 0",
    "[٢٢, ١٩, ٣٥, ١٤٨, ٢٠١]": "[22, 19, 35, 148, 201]",
    "{value: ٣٫٤, scale: ١-٥, responses: ٢٠٠}": "{value: 3.4, scale: 1-5, responses: 200}",
    "٤١٪": "41%",
    "٣٥ دقيقة": "35m",
    "١ ساعة و٣٠ دقيقة": "1h30m",
    "٢٠٪": "20%",
    "١٥ د": "15m",
    "sample_size: ٤٢٥": "sample_size: 425",
    "emotion: غاضبة": "emotion: angry",
    "handoffs: ٢": "handoffs: 2",
    "volume: ٣٦٠": "volume: 360",
    "fcr: ٠٫٦٢": "fcr: 0.62",
    "٣ أيام": "3d",
    "٦٫٥٪": "6.5%",
    "١٬٢٠٠٫٥": "1200.5",
    "٤٨٠": "480",
    "٨٠٪": "80%",
    "١ ي": "1d",
    "٩٠٪": "90%",
    "emotion: ٣٫٥": "emotion: 3.5",
    "{٠: ٢, ٦: ٦, ٧: ٢٠, ٨: ٢٥, ٩: ٣٠, ١٠: ٢٥}": "{0: 2, 6: 6, 7: 20, 8: 25, 9: 30, 10: 25}",
    "٤٥ ثانية": "45s",
    "{min: ١, max: ٧}": "{min: 1, max: 7}",
}


def ascii_twin(text: str) -> str:
    for arabic, plain in ASCII_VALUES.items():
        assert arabic in text, arabic
        text = text.replace(arabic, plain)
    return text


@pytest.fixture
def journeys(tmp_path: Path) -> tuple[Path, Path]:
    arabic = tmp_path / "arabic.yaml"
    arabic.write_text(ARABIC_JOURNEY, encoding="utf-8")
    plain = tmp_path / "ascii.yaml"
    plain.write_text(ascii_twin(ARABIC_JOURNEY), encoding="utf-8")
    return arabic, plain


def test_the_twin_has_no_arabic_value_left() -> None:
    twin = ascii_twin(ARABIC_JOURNEY)
    values = [line.split(":", 1)[1] for line in twin.splitlines() if ":" in line and "name:" not in line]
    leftovers = [v for v in values if any("\u0660" <= ch <= "\u0669" or ch in "٪٫٬" for ch in v)]
    assert leftovers == []


def test_validate_accepts_the_arabic_journey_without_a_warning(journeys: tuple[Path, Path]) -> None:
    arabic, _ = journeys
    result = run_cli("validate", arabic)
    assert_no_traceback(result)
    assert result.code == 0, result.output
    assert "warning" not in result.output
    assert "2 personas, 2 stages, 3 touchpoints" in result.output


def test_score_json_is_the_same_for_arabic_and_ascii_values(journeys: tuple[Path, Path]) -> None:
    arabic, plain = journeys
    scored = [run_cli("score", "--format", "json", path) for path in (arabic, plain)]
    for result in scored:
        assert_no_traceback(result)
        assert result.code == 0, result.output
    documents = [json.loads(result.stdout) for result in scored]
    assert _numbers(documents[0]) == _numbers(documents[1])
    assert _numbers(documents[0]), "the score has numbers to compare"


def _numbers(document: Any) -> list[float]:
    """Every number in a JSON document, in order: what must not depend on the digits the author used."""
    if isinstance(document, dict):
        return [n for key in document for n in _numbers(document[key])]
    if isinstance(document, list):
        return [n for item in document for n in _numbers(item)]
    if isinstance(document, (int, float)) and not isinstance(document, bool):
        return [document]
    return []


def test_the_model_keeps_the_arabic_text_and_holds_the_ascii_values(journeys: tuple[Path, Path]) -> None:
    arabic, plain = journeys
    read, twin = journeymap.read(str(arabic)), journeymap.read(str(plain))
    tp = read.stages[0].touchpoints[0]
    assert tp.metrics.waiting_time is not None
    assert (tp.metrics.waiting_time.value, tp.metrics.waiting_time.display) == (2100, "٣٥ دقيقة")
    assert (tp.volume, tp.handoffs, tp.evidence[0].sample_size) == (1840, 0, 425)
    assert tp.emotion is not None
    feeling = tp.emotion.for_persona("noura")
    assert feeling is not None
    assert (feeling.name, feeling.score, feeling.text) == ("anxious", 2, "قلقة")
    for (_, ours), (_, theirs) in zip(read.touchpoints(), twin.touchpoints(), strict=True):
        assert [(k, m.value) for k, m in ours.metrics.items()] == [(k, m.value) for k, m in theirs.metrics.items()]
        assert (ours.volume, ours.handoffs) == (theirs.volume, theirs.handoffs)
        assert journeymap.read(str(arabic)).emotion(ours) == twin.emotion(theirs)


def test_the_arabic_journey_passes_the_committed_json_schema(journeys: tuple[Path, Path]) -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "journeymap.schema.json").read_text(encoding="utf-8"))
    for path in journeys:
        loaded = load(str(path))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(loaded.data)]
        assert errors == []


@pytest.mark.parametrize(
    ("line", "message"),
    [("emotion: محبطن", "did you mean 'محبط' (frustrated)?"), ("volume: ١٬٨٤", "must be a whole number")]
    + [("handoffs: ٢٫٥", "must be a whole number"), ("emotion: زعلان", "is not a known emotion")],
)
def test_arabic_mistakes_are_reported_where_they_are(tmp_path: Path, line: str, message: str) -> None:
    key = line.split(":")[0]
    original = next(text for text in ARABIC_JOURNEY.splitlines() if text.strip().startswith(f"{key}:"))
    broken = ARABIC_JOURNEY.replace(original, original[: original.index(key)] + line, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = run_cli("validate", "--format", "text", path)
    assert result.code == 1, result.output
    number = broken.splitlines().index(original[: original.index(key)] + line) + 1
    assert f"broken.yaml:{number}:" in result.output
    assert message in result.output


# -- plausibility warnings read Arabic digits like ASCII ones -------------------------

HEAD = """\
version: 1
journey: {title: معقولية}
personas: [{id: ana, name: آنا}]
stages:
  - id: service
    name: الخدمة
    touchpoints:
      - id: agent
        name: موظف الهاتف
        channel: phone
"""


def codes(body: str) -> list[str]:
    result = journeymap.validate(journeymap.load_text(HEAD + body, "j.yaml"))
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    ("body", "expected"),
    [("metrics: {csat: ٤٫٢}", ["JM213"]), ("metrics: {csat: ۴٫۲}", ["JM213"]), ("metrics: {csat: ٤.٢}", ["JM213"])]
    + [("metrics: {csat: ٤٫٢٪}", []), ("metrics: {csat: ٤٫٢/٥}", []), ("metrics: {csat: ٨٤٪}", [])]
    + [("metrics: {fcr: ١}", ["JM212"]), ("metrics: {fcr: ١٠٠٪}", [])]
    + [("metrics: {error_rate: ٠٫٨}\n        targets: {error_rate: ١}", ["JM212", "JM214"])],
)
def test_plausibility_warnings_with_arabic_digits(body: str, expected: list[str]) -> None:
    assert sorted(codes(f"        {body}\n")) == expected


@settings(max_examples=40)
@given(st.decimals(min_value="1.01", max_value="5", places=2))
def test_a_bare_csat_between_1_and_5_in_arabic_digits_is_called_a_mean(value: object) -> None:
    written = str(value).translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"))
    assert codes(f"        metrics: {{csat: {written}}}\n") == ["JM213"]
