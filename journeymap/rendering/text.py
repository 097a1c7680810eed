"""Text for diagrams: escaping, wrapping and width estimates.

Labels are data. Everything a user wrote passes through ``html_escape``
before it enters a Graphviz HTML-like label, so quotes, ``<``, ``&``,
braces, backslashes and control characters can never change the diagram's
structure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Characters XML 1.0 forbids, plus bidi overrides/isolates that would reorder the rest of a label.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
#: Tabs and everything that starts a new line somewhere (str.splitlines, JavaScript, Unicode):
#: LF, VT, FF, CR, the file/group/record separators, NEL, LINE and PARAGRAPH SEPARATOR.
#: They become one space, so words stay apart and no label can start a new output line.
_SPACES = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]+")

#: Average glyph advance as a fraction of the font size (Noto Sans / DejaVu Sans).
CHAR_WIDTH = 0.54


def clean(text: str) -> str:
    """Drop characters no diagram can show and fold line breaks into spaces.

    Why the printable fast path: every character either pattern matches is unprintable for Python
    (control, format, unassigned, line or paragraph separator), and almost every label is printable;
    big maps clean tens of thousands of strings.
    """
    if text.isprintable():
        return text.strip()
    return _FORBIDDEN.sub("", _SPACES.sub(" ", text)).strip()


def html_escape(text: str) -> str:
    """Escape for a Graphviz HTML-like label (an XML fragment)."""
    text = clean(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#39;")


def display_width(text: str) -> float:
    """Width in "average characters": wide East Asian glyphs and emoji count double.

    Why the ASCII fast path: every ASCII character is one average character wide (none is
    wide, combining or a format character), and most labels are ASCII; big maps measure
    hundreds of thousands of words.
    """
    if text.isascii():
        return float(len(text))
    return float(sum(_char_width(char) for char in text))


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """0 for combining and format characters, 2 for wide and full-width ones, else 1 (cached per character)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, max_chars: int, max_lines: int = 6) -> list[str]:
    """Wrap to lines of at most ``max_chars`` average characters.

    Words longer than a line are split (a 300-character URL must not widen
    a column); text beyond ``max_lines`` ends in an ellipsis.
    """
    lines: list[str] = []
    current, used = "", 0.0  # the line being filled and its width, grown word by word (never re-measured)
    for word in clean(text).split(" "):
        width = display_width(word)
        while width > max_chars:
            head, word = _split_word(word, max_chars)
            width = display_width(word)
            if current:
                lines.append(current)
                current, used = "", 0.0
            lines.append(head)
        grown = used + 1.0 + width if current else width
        if grown <= max_chars:
            current, used = (f"{current} {word}" if current else word), grown
        else:
            lines.append(current)
            current, used = word, width
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsis(lines[-1], max_chars)
    return lines or [""]


def _split_word(word: str, max_chars: int) -> tuple[str, str]:
    """Cut a too-long word between grapheme clusters (never inside a flag or an emoji sequence)."""
    width = 0.0
    index = 0
    for cluster in graphemes(word):
        width += display_width(cluster)
        if width > max_chars and index > 0:
            return word[:index], word[index:]
        index += len(cluster)
    return word, ""


def _joins_previous(char: str, previous: str, regional_run: int) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == "\u200d"
        or previous == "\u200d"
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag sequences (subdivision flags)
        or (0x1F1E6 <= code <= 0x1F1FF and regional_run % 2 == 1)  # second half of a flag
    )


def graphemes(text: str) -> list[str]:
    """A close-enough split into user-perceived characters (extended grapheme clusters)."""
    clusters: list[str] = []
    regional_run = 0
    for char in text:
        previous = clusters[-1][-1] if clusters else ""
        if clusters and _joins_previous(char, previous, regional_run):
            clusters[-1] += char
        else:
            clusters.append(char)
        regional_run = regional_run + 1 if 0x1F1E6 <= ord(char) <= 0x1F1FF else 0
    return clusters


def _ellipsis(line: str, max_chars: int) -> str:
    while line and display_width(line) > max_chars - 1:
        line = line[:-1]
    return line.rstrip() + "…"
