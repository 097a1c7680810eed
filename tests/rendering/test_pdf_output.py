"""PDF output is the same bytes on every run, and still a PDF that opens and carries the map's text.

Why a test: cairo (1.16, as in Debian 12 and Ubuntu 22.04) stamps ``/CreationDate`` with the
current local time and ignores ``SOURCE_DATE_EPOCH``; journeymap rewrites that date in place
(journeymap/rendering/graphviz.py, ``fixed_pdf_dates``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.cli.app import main
from journeymap.rendering.graphviz import fixed_pdf_dates, source_date_epoch
from tests.conftest import EXAMPLES

FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"
ARABIC = EXAMPLES / "bank-account-opening-ar.yaml"
TITLE = "First purchase at Hearth & Home online"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed: `apt-get install poppler-utils` to read the PDF back",
)


def _render_pdf(capsys: pytest.CaptureFixture[str], source: Path, out: Path, *extra: str) -> bytes:
    code = main(["render", str(source), "-f", "pdf", "-o", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    return out.read_bytes()


def _next_second() -> None:
    """Sleep into the next wall-clock second, so cairo's clock-based date would differ."""
    time.sleep(1.05 - time.time() % 1)


def _xref_points_at_objects(pdf: bytes) -> None:
    """Every in-use entry of the cross-reference table still points at ``N G obj``."""
    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    assert pdf[start : start + 4] == b"xref"
    section = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", pdf[start:])
    assert section is not None
    first, count = int(section.group(1)), int(section.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", pdf[start + section.end() :])[:count]
    assert len(entries) == count
    for number, (offset, _, kind) in enumerate(entries, start=first):
        if kind == b"n":
            assert re.match(rb"%d\s+\d+\s+obj" % number, pdf[int(offset) :]), f"object {number} moved"


@needs_dot
def test_two_renders_give_the_same_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _render_pdf(capsys, FIRST_PURCHASE, tmp_path / "a.pdf")
    _next_second()
    second = _render_pdf(capsys, FIRST_PURCHASE, tmp_path / "b.pdf")
    assert first.startswith(b"%PDF-")
    assert first == second
    assert b"/CreationDate (D:19700101000000" in first
    _xref_points_at_objects(first)


@needs_dot
def test_source_date_epoch_sets_the_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first = _render_pdf(capsys, ARABIC, tmp_path / "a.pdf")
    _next_second()
    second = _render_pdf(capsys, ARABIC, tmp_path / "b.pdf")
    assert first == second
    assert b"/CreationDate (D:20231114221320" in first
    _xref_points_at_objects(first)


@needs_dot
def test_a_time_zone_with_an_offset_keeps_the_file_intact(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cairo writes local time with an offset (``+05'30``); the UTC date written instead has the same length."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("TZ", "IST-5:30")
    in_india = _render_pdf(capsys, FIRST_PURCHASE, tmp_path / "india.pdf")
    assert b"/CreationDate (D:19700101000000+00'00)" in in_india
    _xref_points_at_objects(in_india)
    monkeypatch.setenv("TZ", "UTC")
    in_utc = _render_pdf(capsys, FIRST_PURCHASE, tmp_path / "utc.pdf")
    assert b"/CreationDate (D:19700101000000Z)" in in_utc
    _xref_points_at_objects(in_utc)


@needs_dot
@needs_poppler
def test_the_pdf_opens_and_carries_the_map_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "IST-5:30")
    out = tmp_path / "map.pdf"
    _render_pdf(capsys, FIRST_PURCHASE, out)
    command = ["pdfinfo", "-rawdates", str(out)]
    info = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert info.returncode == 0, info.stderr
    assert info.stderr == "", info.stderr  # no "Syntax Error" about a broken xref
    assert re.search(r"CreationDate:\s+D:19700101000000\+00'00\n", info.stdout), info.stdout
    assert re.search(r"Pages:\s+1\b", info.stdout), info.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=False, timeout=60)
    assert text.returncode == 0, text.stderr
    assert TITLE in text.stdout
    assert "Instagram carousel ad" in text.stdout


# -- the date rewrite on its own ----------------------------------------------------------------


def _tiny_pdf(date: bytes, content: bytes = b"BT (Hello) Tj ET") -> bytes:
    """A minimal one-page PDF with an information dictionary and a correct xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Producer (cairo 1.16.0 (https://cairographics.org))\n   /CreationDate (" + date + b")\n>>",
    ]
    out = b"%PDF-1.5\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.mark.parametrize(
    ("date", "fixed"),
    [
        (b"D:20261129041123Z", b"D:19700101000000Z"),
        (b"D:20261129094241+05'30", b"D:19700101000000+00'00"),
        (b"D:20261128231123-05'00'", b"D:19700101000000+00'00'"),
        (b"D:20261129041123", b"D:19700101000000"),
    ],
)
def test_dates_are_rewritten_in_place(date: bytes, fixed: bytes) -> None:
    pdf = _tiny_pdf(date)
    _xref_points_at_objects(pdf)
    result = fixed_pdf_dates(pdf, 0)
    assert len(result) == len(pdf)
    assert b"/CreationDate (" + fixed + b")" in result
    _xref_points_at_objects(result)


def test_only_the_information_dictionary_is_touched() -> None:
    """Text in a page that looks like a date entry is page content, not metadata."""
    content = b"BT (/CreationDate (D:20200101000000Z)) Tj ET"
    result = fixed_pdf_dates(_tiny_pdf(b"D:20261129041123Z", content), 0)
    assert content in result
    assert b"/CreationDate (D:19700101000000Z)\n>>" in result


def test_a_pdf_without_information_is_left_alone() -> None:
    pdf = _tiny_pdf(b"D:20261129041123Z").replace(b" /Info 5 0 R", b"            ")
    assert fixed_pdf_dates(pdf, 0) == pdf


@settings(max_examples=100, deadline=None)
@given(
    epoch=st.integers(min_value=0, max_value=253_402_300_799),
    written=st.text(alphabet="0123456789", min_size=14, max_size=14),
    zone=st.sampled_from(["", "Z", "+01'00", "-11'30'", "+14'00"]),
)
def test_any_epoch_keeps_the_length(epoch: int, written: str, zone: str) -> None:
    pdf = _tiny_pdf(f"D:{written}{zone}".encode())
    result = fixed_pdf_dates(pdf, epoch)
    assert len(result) == len(pdf)
    assert b"(D:" + time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode() in result
    _xref_points_at_objects(result)


@pytest.mark.parametrize(
    ("value", "epoch"),
    [
        (None, 0),
        ("", 0),
        ("1700000000", 1_700_000_000),
        (" 1700000000\n", 1_700_000_000),
        ("-5", 0),
        ("soon", 0),
        ("1.5", 0),
        ("١٢٣", 0),  # Arabic-Indic digits are digits to str.isdigit, not to the spec
        ("253402300800", 0),  # past year 9999: no four-digit PDF year
    ],
)
def test_source_date_epoch_is_read_strictly(value: str | None, epoch: int) -> None:
    assert source_date_epoch({} if value is None else {"SOURCE_DATE_EPOCH": value}) == epoch
