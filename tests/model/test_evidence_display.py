"""A measured value's words as every output shows them: built once as messages, read in the reader's language.

The map, the report, the PDF and the audit and score texts show a measured value's interval, sample size,
trend, periods and date range through ``journeymap.model.evidence``; these tests hold its English and its
Arabic (no English word, no Latin digit, every sign before its number).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from journeymap.model.evidence import (
    Provenance,
    SeriesPoint,
    amounts_text,
    change_words,
    citation,
    dates_words,
    evidence_words,
    interval_text,
    periods_words,
    trend_words,
)
from journeymap.model.metrics import Measure
from journeymap.translation import ALM, digits, translate, translator

AR = translator("ar")
EN = translator("en")
LATIN_DIGIT = re.compile(r"[0-9]")
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


def _measured(value: float, unit: str = "percent", **evidence: object) -> Measure:
    fields: dict[str, object] = {"snapshot": "x.measured.json", "source": "surveys", "n": 160}
    fields.update(evidence)
    return Measure(value=value, unit=unit, text=f"{value}", measured=Provenance(**fields))  # type: ignore[arg-type]


def _monthly(small: set[str], last: tuple[float, float, float] = (0.62, 0.545, 0.694)) -> Measure:
    points = [SeriesPoint(period=p, value=0.5, n=40, low=0.35, high=0.65, small_sample=p in small) for p in MONTHS[:-1]]
    value, low, high = last
    points.append(SeriesPoint(period=MONTHS[-1], value=value, n=40, low=low, high=high, small_sample=False))
    return _measured(value, low=low, high=high, series=tuple(points), since="2024-01-02", until="2024-12-30")


def test_an_interval_shows_both_ends_with_one_precision() -> None:
    assert amounts_text((0.577, 0.70), "percent") == ("57.7%", "70.0%")
    assert amounts_text((0.5, 0.7), "percent") == ("50%", "70%")
    assert amounts_text((-46.0, -30.7), "nps") == ("-46.0", "-30.7")
    assert interval_text(0.545, 0.694, "percent") == "54.5% to 69.4%"  # never ±7.5%: the interval is asymmetric


def test_the_compact_provenance_reads_like_a_typed_sample_size() -> None:
    shown = evidence_words(_measured(0.62, low=0.545, high=0.694))
    assert shown == "54.5% to 69.4% · n=160"  # n= as a typed value's (n=450), not "· n 160"
    small = evidence_words(_measured(0.62, low=0.545, high=0.694, n=12, small_sample=True))
    assert small == "54.5% to 69.4% · n=12 · small sample"
    assert (
        translate(small, AR) == "من ٥٤٫٥٪ إلى ٦٩٫٤٪، ن=١٢، عينة صغيرة"
    )  # the Arabic comma: a middle dot beside digits reads as zero


def test_the_trend_says_which_periods_it_covers_and_which_rest_on_a_small_sample() -> None:
    measure = _monthly({"2024-03", "2024-07"})
    assert periods_words(measure) == "2024-01 … 2024-12 · small sample: 2024-03, 2024-07"
    assert periods_words(_monthly(set())) == "2024-01 … 2024-12"
    arabic = translate(periods_words(measure), AR)  # type: ignore[arg-type]
    assert arabic == "٢٠٢٤-٠١ … ٢٠٢٤-١٢، عينة صغيرة: ٢٠٢٤-٠٣، ٢٠٢٤-٠٧"


def test_the_last_change_is_marked_only_when_the_model_calls_it_larger_than_its_uncertainty() -> None:
    clear = _monthly(set(), last=(0.9, 0.85, 0.94))
    assert clear.measured is not None
    assert clear.measured.change == (clear.measured.change[0], True)
    assert trend_words(clear) == "▁▁▁▁▁▁▁▁▁▁▁█ ▲+40 pts"
    unsure = _monthly(set(), last=(0.6, 0.3, 0.85))
    assert trend_words(unsure) == "▁▁▁▁▁▁▁▁▁▁▁█ +10 pts"  # a ▲ needs the model's verdict, not a visible rise
    assert translate(trend_words(clear), AR) == f"▁▁▁▁▁▁▁▁▁▁▁█ ▲{ALM}+٤٠ نقطة"  # type: ignore[arg-type]


def test_a_change_keeps_its_sign_first_in_every_unit() -> None:
    assert change_words(-0.052, "percent", False) == "-5.2 pts"
    assert change_words(-65, "duration", True) == "▼-1m 5s"
    assert translate(change_words(-17.9, "nps", False), AR) == f"{ALM}-١٧٫٩"
    assert translate(change_words(-65, "duration", True), AR) == f"▼{ALM}-١\u00a0د ٥\u00a0ث"


def test_the_date_range_is_wholly_arabic() -> None:
    dates = dates_words("2025-01-01", "2025-06-27")
    assert dates == "2025-01-01 to 2025-06-27"
    assert translate(dates, AR) == "من ٢٠٢٥-٠١-٠١ إلى ٢٠٢٥-٠٦-٢٧"  # type: ignore[arg-type]
    assert dates_words(None, None) is None


def test_a_citation_writes_the_replaced_value_in_the_readers_digits() -> None:
    measure = _measured(0.62, low=0.545, high=0.694, replaced="45.6% (n=250)", since="2025-01-01", until="2025-06-27")
    cited = translate(citation(measure), AR)  # type: ignore[arg-type]
    assert "٤٥٫٦٪" in cited
    assert "ن=٢٥٠" in cited
    assert "٢٠٢٥-٠١-٠١" in cited
    assert not LATIN_DIGIT.search(cited), cited
    assert "57.7% to 70.0%" in citation(_measured(0.64, low=0.577, high=0.70))  # type: ignore[operator]


def test_a_negative_number_keeps_its_minus_first_in_arabic() -> None:
    assert digits("-43.2", "arabic") == f"{ALM}-٤٣٫٢"
    assert digits("NPS -38.4 / -10", "arabic") == f"NPS {ALM}-٣٨٫٤ / {ALM}-١٠"
    assert digits("2025-01-01", "arabic") == "٢٠٢٥-٠١-٠١"  # a date's hyphens are not signs
    assert digits("(4 - 2) / 3", "arabic") == "(٤ - ٢) / ٣"  # nor a formula's minus
    assert digits("-43.2", "latin") == "-43.2"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 1)))
def test_every_signed_number_reads_sign_first_in_arabic(value: float) -> None:
    written = digits(f"{value:.1f}", "arabic")
    assert not LATIN_DIGIT.search(written)
    assert written.startswith(f"{ALM}-") == (f"{value:.1f}".startswith("-"))
    assert translate(change_words(value, "nps", False), EN).startswith("-" if value < 0 else "+")
