"""One multi-page PDF from single-page PDFs drawn by Graphviz (cairo), with no PDF library.

Why by hand: Graphviz draws one graph per PDF (several graphs in one input give PDFs glued together, not
pages), and the lock has no PDF library. cairo writes plain PDFs: numbered objects listed in a classic
cross-reference table, a page tree, a catalog and an information dictionary. Each input's objects are
copied as they are (stream data untouched) with their numbers shifted, its catalog, page tree and
information dictionary dropped, and one new page tree lists every page in order. Nothing in the result
depends on the time, so the same pages give the same bytes.
"""

from __future__ import annotations

import itertools
import re

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R\b")
_OBJECT_HEAD = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


class PdfMergeError(ValueError):
    """An input is not the kind of PDF cairo writes (a bug: Graphviz output is expected)."""


def merge(pdfs: list[bytes], title: str = "") -> bytes:
    """The pages of ``pdfs``, in order, as one PDF (version 1.5), with ``title`` in its information dictionary."""
    objects: list[bytes] = []  # the body of object n + 1 (objects 1, 2 and 3 are written last)
    kids: list[int] = []
    base = 3
    for pdf in pdfs:
        table, trailer = _objects(pdf)
        root = _reference(trailer, b"/Root")
        pages = _reference(table[root], b"/Pages")
        skip = {root, pages, _reference(trailer, b"/Info", optional=True)}
        shift = base
        for number in range(1, max(table) + 1):
            body = table.get(number)
            body = b"null" if body is None or number in skip else _renumber(body, shift)
            objects.append(body)
        kids += [k + shift for k in _kids(table[pages])]
        base += max(table)
    for kid in kids:
        at = kid - 4
        objects[at] = re.sub(rb"/Parent\s+\d+\s+0\s+R", b"/Parent 2 0 R", objects[at])
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ " + b" ".join(b"%d 0 R" % k for k in kids) + b" ] /Count %d >>" % len(kids),
        b"<< /Producer (journeymap) /Title " + _text(title) + b" >>",
    ]
    return _write(head + objects)


def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes]:
    """Object number -> its body (between ``obj`` and ``endobj``), and the trailer dictionary."""
    found = _STARTXREF.search(pdf[-64:])
    if not found:
        raise PdfMergeError("no startxref at the end of the PDF")
    start = int(found.group(1))
    section = re.match(rb"xref\s+(\d+)\s+(\d+)\s*\n", pdf[start:])
    if section is None:
        raise PdfMergeError("no classic cross-reference table")
    first, count = int(section.group(1)), int(section.group(2))
    rows = re.findall(rb"(\d{10}) (\d{5}) ([nf])", pdf[start + section.end() :])[:count]
    offsets = {first + i: int(offset) for i, (offset, _, kind) in enumerate(rows) if kind == b"n"}
    ordered = sorted(offsets.values()) + [start]
    following = dict(itertools.pairwise(ordered))
    table = {}
    for number, offset in offsets.items():
        chunk = pdf[offset : following[offset]]
        head = _OBJECT_HEAD.match(chunk)
        end = chunk.rfind(b"endobj")
        if head is None or int(head.group(1)) != number or end == -1:
            raise PdfMergeError(f"object {number} is not where the cross-reference table says")
        table[number] = chunk[head.end() : end].strip()
    trailer = pdf[start:]
    return table, trailer[trailer.find(b"trailer") :]


def _reference(dictionary: bytes, key: bytes, optional: bool = False) -> int:
    found = re.search(re.escape(key) + rb"\s+(\d+)\s+\d+\s+R", dictionary)
    if found is None:
        if optional:
            return -1
        raise PdfMergeError(f"no {key.decode()} reference")
    return int(found.group(1))


def _kids(pages: bytes) -> list[int]:
    found = re.search(rb"/Kids\s*\[([^\]]*)\]", pages)
    if found is None:
        raise PdfMergeError("a page tree without /Kids")
    return [int(number) for number, _ in _REFERENCE.findall(found.group(1))]


def _renumber(body: bytes, shift: int) -> bytes:
    """References in the object's dictionary part moved by ``shift``; a stream's data is left as it is."""
    split = re.search(rb"\bstream\r?\n", body)
    head, tail = (body[: split.start()], body[split.start() :]) if split else (body, b"")
    return _REFERENCE.sub(lambda m: b"%d %s R" % (int(m.group(1)) + shift, m.group(2)), head) + tail


def _text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with a byte-order mark, in hex (safe for any character)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _write(bodies: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, start)
    return bytes(out)
