"""One multi-page PDF from the single-page PDFs Graphviz draws, joined with pypdf.

Why a library: Graphviz draws one graph per PDF (several graphs in one input give PDFs glued
together, not pages), and joining pages is pypdf's everyday work, whatever cairo version wrote
them. The result is deterministic: pages are copied without their documents' dated information
dictionaries, pypdf writes no date and no file identifier of its own, and the information
dictionary holds only the producer and the journey's title.
"""

from __future__ import annotations

import io


def merge(pdfs: list[bytes], title: str = "") -> bytes:
    """The pages of ``pdfs``, in order, as one PDF with ``title`` in its information dictionary."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Producer": "journeymap", "/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
