"""DOT -> SVG/PNG/PDF with the Graphviz programs, or a clear error saying how to install them."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Mapping

from journeymap.errors import JourneymapError

INSTALL_HINT = (
    "install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, macOS `brew install graphviz`, "
    "Windows `winget install graphviz` (or `choco install graphviz`); "
    "`--format dot` and `--format mermaid` work without it"
)

#: Largest PNG side in pixels; cairo cannot allocate much beyond 32,767.
MAX_PNG_PIXELS = 30_000


class GraphvizMissing(JourneymapError):
    """The `dot` program is not installed or not on PATH."""


class GraphvizFailed(JourneymapError):
    """Graphviz ran but could not draw the graph (a bug in the DOT we produced)."""


def run_graphviz(dot_text: str, fmt: str, engine: str, width_points: float = 0.0) -> bytes:
    """Draw DOT text with ``engine`` (``dot`` or ``neato -n2``) into ``fmt`` bytes."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing("Graphviz is not installed (the `dot` program was not found)", INSTALL_HINT)
    command = [program, f"-K{engine}", f"-T{_device(fmt)}"]
    if engine == "neato":
        command.append("-n2")
    if fmt == "png":
        command.append(f"-Gdpi={_png_dpi(width_points):.0f}")
    completed = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True, check=False)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailed(
            f"Graphviz could not draw this map: {message[0] if message else 'unknown error'}",
            "this is a journeymap bug; please report it with the journey file",
        )
    if fmt == "pdf":
        return fixed_pdf_dates(completed.stdout, source_date_epoch(os.environ))
    if fmt == "svg":
        return right_to_left_texts(completed.stdout)
    return completed.stdout


_TEXT = re.compile(rb'<text text-anchor="(start|end)"([^>]*)>([^<]*)</text>')


def right_to_left_texts(svg: bytes) -> bytes:
    """Each SVG text whose first strong character is right to left gets ``direction="rtl"``, its anchor swapped.

    Why: Graphviz shapes a span with its first strong character's direction (an Arabic line, or one that opens
    with the right-to-left mark, reads right to left in PNG and PDF), but its SVG ``<text>`` inherits
    left to right, so a browser showed ``٨٥٪ / ٦٢٪ ✗ الرضا`` with the mark at the wrong end. With
    ``direction="rtl"`` the browser orders it as the PNG does; ``start`` and ``end`` swap so the span keeps
    its place (they count from the text's own start). Left-to-right texts are left exactly as Graphviz wrote them.
    """

    def fixed(match: re.Match[bytes]) -> bytes:
        text = html.unescape(match[3].decode("utf-8"))
        if not _starts_right_to_left(text):
            return match[0]
        anchor = b"end" if match[1] == b"start" else b"start"
        return b'<text text-anchor="' + anchor + b'" direction="rtl"' + match[2] + b">" + match[3] + b"</text>"

    return _TEXT.sub(fixed, svg)


def _starts_right_to_left(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _device(fmt: str) -> str:
    return {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo"}[fmt]


def _png_dpi(width_points: float) -> float:
    """96 dpi, lowered for very wide maps so the PNG stays within cairo's limits."""
    if width_points <= 0:
        return 96.0
    return max(min(96.0, MAX_PNG_PIXELS / (width_points / 72.0)), 24.0)


#: Latest time a PDF date (four-digit year) can hold: 9999-12-31T23:59:59Z.
_LAST_PDF_SECOND = 253_402_300_799
_INFO_REFERENCE = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
#: A date in the document information dictionary: ``(D:YYYYMMDDHHmmSS`` and a zone (``Z``, ``+01'00``...).
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}([Z+\-0-9']{0,7})\)")


def source_date_epoch(environ: Mapping[str, str]) -> int:
    """The time to stamp into PDFs: ``SOURCE_DATE_EPOCH`` when set and valid, else 0 (1970-01-01).

    Why a fixed default rather than now: the same journey must give the same
    bytes on every run (reproducible builds, diffable docs, caching).
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isascii() and value.isdigit() and int(value) <= _LAST_PDF_SECOND:
        return int(value)
    return 0


def fixed_pdf_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF with its creation and modification dates set to ``epoch`` (UTC), every other byte unchanged.

    Why: cairo 1.16 (Debian 12, Ubuntu 22.04) stamps ``/CreationDate`` with
    the current local time and ignores ``SOURCE_DATE_EPOCH``, so two runs
    differed. The date is rewritten in place with the same length, because the
    cross-reference table holds byte offsets; the zone keeps its shape, each
    digit zeroed (``+05'30`` -> ``+00'00``, UTC like the new time). Only the
    document information dictionary is touched, never page content.
    """
    span = _info_span(pdf)
    if span is None:
        return pdf
    start, end = span
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode("ascii")

    def utc(match: re.Match[bytes]) -> bytes:
        zone = re.sub(rb"[0-9]", b"0", match.group(2)).replace(b"-", b"+")
        return match.group(1) + stamp + zone + b")"

    return pdf[:start] + _PDF_DATE.sub(utc, pdf[start:end]) + pdf[end:]


def _info_span(pdf: bytes) -> tuple[int, int] | None:
    """Where the object the trailer names as ``/Info`` starts and ends (the last trailer wins)."""
    references = list(_INFO_REFERENCE.finditer(pdf))
    if not references:
        return None
    number, generation = references[-1].groups()
    heads = list(re.finditer(rb"(?:^|[\r\n])" + number + rb"\s+" + generation + rb"\s+obj\b", pdf))
    if not heads:
        return None
    start = heads[-1].start()
    end = pdf.find(b"endobj", start)
    return (start, end) if end != -1 else None
