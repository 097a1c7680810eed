"""DOT -> SVG/PNG/PDF with the Graphviz programs, or a clear error saying how to install them."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeymap.errors import JourneymapError

if TYPE_CHECKING:
    from journeymap.rendering.dot import Part

INSTALL_HINT = (
    "install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, macOS `brew install graphviz`, "
    "Windows `winget install graphviz` (or `choco install graphviz`); "
    "`--format dot` and `--format mermaid` work without it"
)

#: Largest PNG side in pixels; cairo cannot allocate much beyond 32,767.
MAX_PNG_PIXELS = 30_000
#: The side cairo scales a bigger bitmap down to (Graphviz warns when it does).
CAIRO_PIXELS = 32_767
#: Below this resolution a map's 9-12 pt labels are no longer legible in a PNG.
MIN_PNG_DPI = 24.0
#: The PNG resolution when the picture fits.
PNG_DPI = 96.0

#: What Graphviz says on stderr when the picture is wider than cairo can allocate: it scales it down silently.
_SCALED = re.compile(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.eE+-]+) to fit")
#: Graphviz warnings worth passing on, each as one diagnostic (the rest of stderr is noise: plugin chatter).
_WARNING = re.compile(r"^(?:Warning|Error|dot|neato): (?P<text>.+)$")


def smaller_picture(persona_chosen: bool) -> str:
    """How to draw a smaller picture: one persona at a time, or, when one persona is already chosen, fewer stages.

    Why it depends: suggesting ``--persona ID`` to someone who already gave it sends them round in circles.
    """
    return "some stages at a time (--stages FIRST..LAST)" if persona_chosen else "one persona at a time (--persona ID)"


class GraphvizMissing(JourneymapError):
    """The `dot` program is not installed or not on PATH."""


class GraphvizFailed(JourneymapError):
    """Graphviz ran but could not draw the graph (a bug in the DOT we produced)."""


class ImageTooLarge(JourneymapError):
    """The picture cannot be drawn legibly in this format (JM732): refused, nothing is written (exit 2)."""

    code = "JM732"


class RenderWarning(UserWarning):
    """Something the picture lost or changed on its way through Graphviz (JM733, JM734).

    Why a warning and not a print: the library never prints. Callers that show diagnostics
    (the CLI) record these with ``warnings.catch_warnings(record=True)``; others see
    Python's usual warning once.
    """

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class ImageLimits:
    """Where a PNG stops being drawable (``max_pixels`` per side) or legible (``min_dpi``)."""

    max_pixels: int
    min_dpi: float

    @classmethod
    def default(cls) -> ImageLimits:
        """The module's limits as they are at call time (tests lower them rather than draw huge maps)."""
        return cls(MAX_PNG_PIXELS, MIN_PNG_DPI)


def run_graphviz(
    dot_text: str,
    fmt: str,
    engine: str,
    limits: ImageLimits | None = None,
    persona_chosen: bool = False,
) -> bytes:
    """Draw DOT text with ``engine`` (``dot`` or ``neato -n2``) into ``fmt`` bytes.

    A PNG is measured before it is drawn: the graph is laid out once (``-Tdot``) and its
    bounding box plus padding is the drawing's real size, for the pinned map and the laid-out
    flow alike (a diagram's own size leaves out the padding). It gets the highest dpi up to 96
    that fits ``limits.max_pixels``, or is refused (ImageTooLarge) when even ``limits.min_dpi``
    does not fit. Should Graphviz still scale the
    PNG down to fit cairo, the scale is read from its warning and the same rule applies. Every
    other Graphviz warning becomes a RenderWarning (JM734); nothing Graphviz says is dropped.
    ``persona_chosen`` (the picture already shows one persona) picks the hints' advice.
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing("Graphviz is not installed (the `dot` program was not found)", INSTALL_HINT)
    limits = limits or ImageLimits.default()
    layout = [program, f"-K{engine}", *(["-n2"] if engine == "neato" else [])]
    command = [*layout, f"-T{_device(fmt)}"]
    dpi = PNG_DPI
    if fmt == "png":
        dpi = png_dpi(drawn_points(dot_text, [*layout, "-Tdot"]), limits, persona_chosen)
        command.append(f"-Gdpi={dpi:.0f}")
    drawn, stderr = _drawn(command, dot_text)
    _read_warnings(stderr, fmt, round(dpi), limits, persona_chosen)
    if fmt == "pdf":
        return fixed_pdf_dates(drawn, source_date_epoch(os.environ))
    if fmt == "svg":
        return right_to_left_texts(drawn)
    return drawn


def run_graphviz_svg_parts(parts: Sequence[Part], whole: Callable[[], str]) -> bytes:
    """Draw the parts of one pinned diagram (``dot.to_dot_parts``) as SVG at once, one ``neato -n2`` each,
    and join them into the SVG that drawing the whole diagram gives, byte for byte.

    Each part's SVG has the whole drawing's header (size, bounding box, transform), the first part's
    also every edge; part ``k`` contributes its own nodes, from the comment that opens its first node
    to the one that opens the next part's. Should the headers differ (a layout that depends on a
    hidden label), the whole diagram (``whole()``) is drawn in one run instead. Graphviz's warnings are read
    once each.
    """
    from concurrent.futures import ThreadPoolExecutor  # only big maps pay for its import

    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing("Graphviz is not installed (the `dot` program was not found)", INSTALL_HINT)
    command = [program, "-Kneato", "-n2", "-Tsvg"]
    with ThreadPoolExecutor(len(parts)) as pool:
        done = list(pool.map(lambda part: _drawn(command, part.dot), parts))
    svgs = [svg for svg, _ in done]
    starts = [svg.find(b"\n<!-- ", svg.find(b'<g id="graph0"')) for svg in svgs]  # the header ends at a comment
    if any(start < 0 or svg[:start] != svgs[0][: starts[0]] for svg, start in zip(svgs, starts, strict=True)):
        return run_graphviz(whole(), "svg", "neato")
    stderr = "\n".join(dict.fromkeys(line for _, said in done for line in said.splitlines()))
    _read_warnings(stderr, "svg", round(PNG_DPI), ImageLimits.default())
    marks = [f"<!-- {part.first} -->\n".encode() for part in parts]
    pieces = []
    for index, svg in enumerate(svgs):
        start = 0 if index == 0 else svg.find(marks[index])
        end = svg.find(marks[index + 1]) if index + 1 < len(parts) else len(svg)
        if start < 0 or end < 0:
            return run_graphviz(whole(), "svg", "neato")
        pieces.append(svg[start:end])
    return right_to_left_texts(b"".join(pieces))


def _drawn(command: list[str], dot_text: str) -> tuple[bytes, str]:
    """One Graphviz run: its output and its stderr; GraphvizFailed when it fails."""
    completed = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True, check=False)
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        message = stderr.strip().splitlines()
        raise GraphvizFailed(
            f"Graphviz could not draw this map: {message[0] if message else 'unknown error'}",
            "this is a journeymap bug; please report it with the journey file",
        )
    return completed.stdout, stderr


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

    if not _may_be_right_to_left(svg):
        return svg  # no text can start right to left: a 1,000-touchpoint English map is 18,000 texts
    return _TEXT.sub(fixed, svg)


#: A character reference other than the hyphen and the no-break space Graphviz writes as ``&#45;``, ``&#160;``.
_OTHER_REFERENCE = re.compile(rb"&#(?!45;|160;)")
#: The UTF-8 lead bytes of U+0580-U+07FF (Hebrew, Arabic, Syriac, Thaana, N'Ko...).
_RIGHT_TO_LEFT_LEADS = tuple(bytes((lead,)) for lead in range(0xD6, 0xE0))
#: The other right-to-left blocks, as a lead byte and the ranges of the bytes after it: U+0800-U+08FF,
#: U+FB00-U+FEFF, U+10800-U+10FFF and U+1E800-U+1EFFF (with U+200F RIGHT-TO-LEFT MARK, every character of
#: bidi class R or AL is in one of these; tests check it).
_RIGHT_TO_LEFT_SEQUENCES = (
    (0xE0, (range(0xA0, 0xA4),)),
    (0xEF, (range(0xAC, 0xBC),)),
    (0xF0, (range(0x90, 0x91), range(0xA0, 0xC0))),
    (0xF0, (range(0x9E, 0x9F), range(0xA0, 0xC0))),
)


def _may_be_right_to_left(svg: bytes) -> bool:
    """Whether ``svg`` holds a right-to-left character, or a character reference that could be one.

    Why bytes and ``in``: a regular expression's character class went through the 7 MB of a
    1,000-touchpoint map at a tenth of a second; looking for lead bytes takes milliseconds.
    """
    if b"\xe2\x80\x8f" in svg or _OTHER_REFERENCE.search(svg) is not None:
        return True
    if any(lead in svg for lead in _RIGHT_TO_LEFT_LEADS):
        return True
    for lead, following in _RIGHT_TO_LEFT_SEQUENCES:
        at = svg.find(lead)
        while at >= 0:
            tail = svg[at + 1 : at + 1 + len(following)]
            if len(tail) == len(following) and all(b in r for b, r in zip(tail, following, strict=True)):
                return True
            at = svg.find(lead, at + 1)
    return False


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


#: The root graph's bounding box and padding in Graphviz's laid-out DOT (one attribute a line, root graph first).
_BOUNDING_BOX = re.compile(r'\bbb="([-0-9.e+]+),([-0-9.e+]+),([-0-9.e+]+),([-0-9.e+]+)"')
_PAD = re.compile(r'^\s+pad="?([0-9.]+)(?:,([0-9.]+))?"?,?\s*$', re.MULTILINE)
#: Graphviz's padding around a drawing when the graph sets none: 4 points.
DEFAULT_PAD_POINTS = 4.0


def drawn_points(dot_text: str, layout: list[str]) -> float:
    """The longest side of the drawing Graphviz will make, in points: its laid-out bounding box plus padding.

    Why lay it out first: the flow is placed by Graphviz, so only its layout knows the size, and even a
    pinned map draws its padding around the diagram. A dpi chosen from any other size let the PNG exceed
    cairo's 32,767 pixels, where Graphviz cuts the picture at the edge (its last node lost).
    """
    laid_out = subprocess.run(layout, input=dot_text.encode("utf-8"), capture_output=True, check=False)
    return extent_points(laid_out.stdout.decode("utf-8", "replace"))


def extent_points(laid_out: str) -> float:
    """The longest side of a laid-out graph (``-Tdot`` output) with its padding; 0 when it has no bounding box."""
    box = _BOUNDING_BOX.search(laid_out)
    if box is None:
        return 0.0
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    root = laid_out[: _root_end(laid_out)]
    pad = _PAD.search(root)
    pad_x = pad_y = DEFAULT_PAD_POINTS
    if pad is not None:
        pad_x = float(pad.group(1)) * 72.0
        pad_y = float(pad.group(2) or pad.group(1)) * 72.0
    return max(x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)


def _root_end(laid_out: str) -> int:
    """Where the root graph's own attributes end: at its first node, edge or subgraph statement."""
    found = re.search(r"^\s*(?:node|edge|subgraph)\b|^\s*\w+\s*\[", laid_out[laid_out.find("[") + 1 :], re.MULTILINE)
    return len(laid_out) if found is None else laid_out.find("[") + 1 + found.start()


def png_dpi(longest_points: float, limits: ImageLimits, persona_chosen: bool = False) -> float:
    """96 dpi, lowered for very big maps so the PNG stays within ``limits.max_pixels`` (JM733 says so).

    Raises ImageTooLarge (JM732) when even ``limits.min_dpi`` would not fit: a PNG scaled
    further is a strip of unreadable pixels, and writing it with exit 0 would hide that.
    """
    if longest_points <= 0:
        return PNG_DPI
    fitting = limits.max_pixels / (longest_points / 72.0)
    if fitting >= PNG_DPI:
        return PNG_DPI
    if fitting < limits.min_dpi:
        raise _too_large(longest_points * limits.min_dpi / 72.0, limits, persona_chosen)
    dpi = float(int(fitting))  # whole dpi, rounded down, so the side stays within the limit
    _warn_scaled(dpi, limits, persona_chosen)
    return dpi


def _read_warnings(stderr: str, fmt: str, dpi: int, limits: ImageLimits, persona_chosen: bool = False) -> None:
    """Graphviz's stderr as diagnostics: a scaled-down PNG is JM733 (or JM732 when illegible), the rest JM734."""
    for line in stderr.splitlines():
        scaled = _SCALED.search(line)
        if scaled is not None and fmt == "png":
            scale = float(scaled.group(1))
            effective = dpi * scale
            if effective < limits.min_dpi:
                raise _too_large(CAIRO_PIXELS / scale * limits.min_dpi / dpi, limits, persona_chosen)
            _warn_scaled(effective, limits, persona_chosen)
            continue
        said = _WARNING.match(line.strip())
        if said is not None:
            warnings.warn(
                RenderWarning("JM734", f"Graphviz: {said.group('text').strip()}", GRAPHVIZ_WARNING_HINT),
                stacklevel=2,
            )


#: What to do about a Graphviz warning journeymap has no specific advice for.
GRAPHVIZ_WARNING_HINT = "the picture may differ from the journey; draw it as SVG to check, and report it if it does"


def _warn_scaled(dpi: float, limits: ImageLimits, persona_chosen: bool) -> None:
    warnings.warn(
        RenderWarning(
            "JM733",
            f"the PNG is drawn at {dpi:.0f} dpi instead of {PNG_DPI:.0f} so that no side exceeds "
            f"{limits.max_pixels:,} pixels; its text is smaller",
            f"for full-size text draw it as SVG (-f svg), or {smaller_picture(persona_chosen)}",
        ),
        stacklevel=2,
    )


def _too_large(pixels: float, limits: ImageLimits, persona_chosen: bool) -> ImageTooLarge:
    return ImageTooLarge(
        f"this picture is too big for a legible PNG: even at {limits.min_dpi:.0f} dpi it would be "
        f"{pixels:,.0f} pixels across, over the {limits.max_pixels:,}-pixel limit of PNG drawing (cairo); "
        "nothing was written",
        f"draw it as SVG (-f svg), which has no pixel limit, or {smaller_picture(persona_chosen)}",
    )


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
