"""Property tests of what a table cell goes through: formula neutralising and CSV quoting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeymap.interchange.cells import DANGEROUS, escape, formula_like, unescape
from journeymap.interchange.csv_table import csv_bytes, parse_csv

#: Any text a cell may hold, formula starters, quotes, separators and line breaks favoured.
TEXT = st.text(
    st.one_of(
        st.sampled_from(list("=+-@'\t\r\n\",;0123456789 ")),
        st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
    )
)


@given(TEXT)
def test_escape_is_undone_by_unescape(text: str) -> None:
    assert unescape(escape(text)) == text


@given(TEXT)
def test_escaped_text_never_starts_a_formula(text: str) -> None:
    escaped = escape(text)
    if escaped and escaped[0] in DANGEROUS:
        assert escaped.lstrip("-").replace(".", "", 1).isdigit()  # a plain negative number, as it is
    assert escaped == text or escaped == "'" + text


@given(st.lists(st.lists(TEXT, min_size=1, max_size=5), min_size=1, max_size=5))
def test_csv_cells_come_back_exactly(rows: list[list[str]]) -> None:
    rows = [["header", *row] for row in rows]  # the separator is guessed from the first row
    data = csv_bytes(rows)  # type: ignore[arg-type]
    assert data.startswith(b"\xef\xbb\xbf")
    back = [[unescape(cell) for cell in row] for row in parse_csv(data.decode("utf-8-sig"))]
    assert back == rows


def test_examples() -> None:
    assert escape("=1+2") == "'=1+2"
    assert escape("-12") == "-12"  # an NPS stays a number
    assert escape("- bullet") == "'- bullet"
    assert escape("@mention") == "'@mention"
    assert escape("'=x") == "''=x"
    assert unescape("''=x") == "'=x"
    assert escape("plain 'quote'") == "plain 'quote'"
    assert formula_like("=A1")
    assert not formula_like("-3")
    assert not formula_like("text")
