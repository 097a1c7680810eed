"""Wrapping and measuring: the fast paths give exactly what measuring every candidate line gave."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.rendering.text import _split_word, clean, display_width, wrap

#: Words that exercise every width class: ASCII, Arabic with marks, CJK (wide), emoji sequences, flags.
SAMPLES = ["Checkout", "الدفع", "مُحَمَّد", "注文の確認", "👩‍👩‍👧", "🇸🇦🇯🇵", "e\u0301", "\u200b"]
SAMPLES.append("https://x.example/" + "a" * 40)


def reference_width(text: str) -> float:
    """The measure before the fast paths: every character looked up."""
    width = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
            continue
        width += 2.0 if unicodedata.east_asian_width(char) in ("W", "F") else 1.0
    return width


def reference_wrap(text: str, max_chars: int, max_lines: int = 6) -> list[str]:
    """The wrap before incremental widths: each candidate line measured again from its start."""
    from journeymap.rendering.text import _ellipsis

    words = clean(text).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        while reference_width(word) > max_chars:
            head, word = _split_word(word, max_chars)
            if current:
                lines.append(current)
                current = ""
            lines.append(head)
        candidate = f"{current} {word}" if current else word
        if reference_width(candidate) <= max_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsis(lines[-1], max_chars)
    return lines or [""]


texts = st.lists(st.one_of(st.sampled_from(SAMPLES), st.text(max_size=12)), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_display_width_is_the_per_character_measure(text: str) -> None:
    assert display_width(text) == reference_width(text)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=6))
def test_wrap_gives_the_lines_of_the_re_measuring_wrap(text: str, max_chars: int, max_lines: int) -> None:
    assert wrap(text, max_chars, max_lines) == reference_wrap(text, max_chars, max_lines)


def test_ascii_and_wide_text_are_measured_by_their_glyphs() -> None:
    assert display_width("Checkout page") == 13.0
    assert display_width("注文") == 4.0
    assert display_width("e\u0301") == 1.0
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("注文の確認 注文", 10) == ["注文の確認", "注文"]
