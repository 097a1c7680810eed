"""Numbers read in logical order in right-to-left maps: every metric value is a bidi isolate (FSI ... PDI).

Before, an Arabic map drew `✗ CSAT ٨٠ / ٪٦٤٪` for 64% against a target of 80%: the bidi algorithm
joined the two Arabic-digit values into one right-to-left run and swapped them.
"""

from __future__ import annotations

import re

import journeymap
from journeymap.rendering.labels import FSI, PDI

ARABIC_DIGITS = """\
version: 1
journey:
  title: نزاع على بطاقة ائتمان
  language: ar
personas:
  - {id: noura, name: نورة}
stages:
  - id: service
    name: الخدمة والدعم
    touchpoints:
      - id: call
        name: الاتصال بمركز الخدمة
        channel: phone
        emotion: 2
        metrics: {csat: ٦٤٪, fcr: 62%, waiting_time: 35m}
        targets: {csat: ٨٠٪, fcr: 80%, waiting_time: 15m}
"""


def test_every_metric_value_on_the_map_is_isolated_in_reading_order() -> None:
    journey = journeymap.validate(journeymap.load_text(ARABIC_DIGITS, "dispute.yaml")).journey
    assert journey is not None
    dot = journeymap.render(journey, "dot").decode("utf-8")
    assert f"الرضا {FSI}٦٤٪{PDI} / {FSI}٨٠٪{PDI}" in dot, "measured first, then the target, each isolated"
    assert f"حل أول اتصال {FSI}٦٢٪{PDI} /" in dot, "names, digits and units in Arabic"
    assert f"مدة الانتظار {FSI}٣٥\u00a0د{PDI} / {FSI}١٥\u00a0د{PDI}" in dot


def test_latin_numerals_keep_the_digits_but_not_the_english() -> None:
    text = ARABIC_DIGITS.replace("language: ar", "language: ar\n  numerals: latin")
    journey = journeymap.validate(journeymap.load_text(text, "dispute.yaml")).journey
    assert journey is not None
    dot = journeymap.render(journey, "dot").decode("utf-8")
    assert f"حل أول اتصال {FSI}62%{PDI} /" in dot
    assert f"مدة الانتظار {FSI}35\u00a0د{PDI} / {FSI}15\u00a0د{PDI}" in dot


def test_isolates_are_balanced_and_never_come_from_the_user() -> None:
    text = ARABIC_DIGITS.replace("الاتصال بمركز الخدمة", "الاتصال \u2069\u2066بمركز")
    journey = journeymap.validate(journeymap.load_text(text, "dispute.yaml")).journey
    assert journey is not None
    dot = journeymap.render(journey, "dot").decode("utf-8")
    assert dot.count(FSI) == dot.count(PDI) == 6
    assert "\u2066" not in dot
    assert not re.search(f"{PDI}[^ <]", dot), "a value's isolate closes right after the value"


def test_the_mermaid_export_of_a_right_to_left_journey_says_it_runs_left_to_right() -> None:
    from tests.conftest import EXAMPLES, run_cli
    from tests.rendering.mermaid_grammar import parse

    arabic = run_cli("render", EXAMPLES / "bank-account-opening-ar.yaml", "-f", "mermaid", "-o", "-")
    assert arabic.code == 0
    assert ": warning[JM730] " in arabic.stderr
    assert "no direction option" in arabic.stderr
    assert [line for line in arabic.stdout.splitlines() if "no direction option" in line] == [
        "  %% this journey reads right to left, but Mermaid's journey diagram has no direction option: "
        "its sections run left to right (use the map: journeymap render -f svg)"
    ]
    parse(arabic.stdout)
    english = run_cli("render", EXAMPLES / "first-purchase.yaml", "-f", "mermaid", "-o", "-")
    assert "direction" not in english.stdout + english.stderr


def test_svg_texts_that_read_right_to_left_say_so_for_browsers() -> None:
    """Graphviz shapes an Arabic span right to left in PNG and PDF; in SVG a browser needs `direction`."""
    from journeymap.rendering.graphviz import right_to_left_texts

    svg = (
        b'<text text-anchor="start" x="10" y="5" font-size="10">\xe2\x80\x8f\xe2\x9c\x97 \xd8\xa7\xd9\x84\xd8\xb1\xd8'
        b'\xb6\xd8\xa7</text>\n<text text-anchor="start" x="10" y="9">\xe2\x9c\x97 CSAT 61%</text>\n'
        b'<text text-anchor="middle" x="3" y="1">\xd8\xa7</text>'
    )
    fixed = right_to_left_texts(svg).decode("utf-8")
    assert '<text text-anchor="end" direction="rtl" x="10" y="5" font-size="10">\u200f✗ الرضا</text>' in fixed
    assert '<text text-anchor="start" x="10" y="9">✗ CSAT 61%</text>' in fixed, "left to right: as Graphviz wrote it"
    assert '<text text-anchor="middle" x="3" y="1">ا</text>' in fixed, "a centred text keeps its place either way"
