"""Present step: journeys and their results as report pages (HTML, Markdown) or JSON.

    from journeymap.reporting import ReportInput, report
    files = report([ReportInput(path, journey, scores, findings)], "html")
    # {"first-purchase.html": b"<!doctype html>..."}: relative path -> bytes

Pure: no files are written (the CLI writes them atomically). Output is
deterministic: same input, same bytes, so reports diff cleanly in git.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from journeymap import json_text
from journeymap.errors import UsageError
from journeymap.reporting.comparison import comparison_context, index_states, pairings
from journeymap.reporting.context import journey_context
from journeymap.reporting.inputs import FORMATS, ReportInput, ReportOptions
from journeymap.reporting.maps import MapImage, links_map, map_image, mermaid_text, splits_map, stage_maps
from journeymap.reporting.portfolio import index_context
from journeymap.translation import Joined, Msg, Verbatim

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Pieces",
    "ReportInput",
    "ReportOptions",
    "check_template_dir",
    "page_names",
    "report",
    "report_pieces",
]

#: Version of the ``--format json`` shape; bump on any incompatible change.
SCHEMA_VERSION = 1
EXTENSIONS = {"html": ".html", "markdown": ".md", "json": ".json"}
RESERVED = frozenset({"index", "report"})
#: What the templates read but ``--format json`` leaves out: the page's words and digits.
PAGE_ONLY = ("words", "numerals", "industry_name")
#: What ``--format json`` keeps of the index context.
PORTFOLIO_KEYS = ("journeys", "compared", "personas", "rules")


def check_template_dir(template_dir: str | None) -> None:
    """A usage error when ``template_dir`` is given but is not a folder (the CLI asks before reading journeys)."""
    if template_dir is not None and not os.path.isdir(template_dir):
        raise UsageError(
            Msg("--template-dir %(path)s is not a directory", path=Verbatim(template_dir)),
            Msg("give the directory holding html/, markdown/"),
        )


def report(inputs: list[ReportInput], fmt: str = "html", options: ReportOptions | None = None) -> dict[str, bytes]:
    """Report pages for ``inputs``: one page per journey, plus ``index`` when there are several."""
    return {name: _joined(data) for name, data in sorted(report_pieces(inputs, fmt, options).items())}


#: A file of a report: its bytes, or (a big HTML page) its bytes in pieces, made while they are written.
Pieces = bytes | Iterable[bytes]


def report_pieces(
    inputs: list[ReportInput], fmt: str = "html", options: ReportOptions | None = None
) -> dict[str, Pieces]:
    """``report``'s files, HTML pages as pieces made on demand, so a writer holds one piece at a time.

    Why: the page of a 10,000-touchpoint journey is tens of megabytes; made whole, then encoded,
    then written, it was held two or three times over. Iterate each value once.
    """
    if fmt not in FORMATS:
        raise UsageError(
            Msg("unknown report format '%(format)s'", format=Verbatim(fmt)),
            Msg("use one of: %(choices)s", choices=Joined(", ", [Verbatim(f) for f in FORMATS])),
        )
    options = options or ReportOptions()
    check_template_dir(options.template_dir)
    names = page_names([item.journey.id for item in inputs])
    extension = EXTENSIONS[fmt]
    pages = [name + extension for name in names]
    contexts = [journey_context(item, page, options.persona) for item, page in zip(inputs, pages, strict=True)]
    pairs = pairings(inputs)
    for context in contexts:
        context["comparison"] = None
    for pair in pairs:
        contexts[pair.future]["comparison"] = comparison_context(pair, inputs, pages)
    index = index_context(inputs, pages, index_states(pairs, inputs, pages)) if len(inputs) > 1 else None
    if fmt == "json":
        return {"report.json": _json(contexts, index)}
    maps = [_map(fmt, item, name, options.persona) for item, name in zip(inputs, names, strict=True)]
    for context, name, image, item in zip(contexts, names, maps, inputs, strict=True):
        context["index_page"] = "index" + extension if index else None
        context["map"] = _map_context(name, image, options.mermaid and fmt == "markdown", item, options.persona)
    files: dict[str, Pieces] = {}
    for context, image in zip(contexts, maps, strict=True):
        files[context["page"]] = _page(fmt, context, image, options.template_dir)
        if image.linked and image.data is not None:
            files[context["map"]["image"]] = image.data
        files.update({stage.image: stage.pieces for stage in image.stages})
    if index is not None:
        files["index" + extension] = _index(fmt, index, options.template_dir)
    # pages first: once a page is written its context can go, before any map is drawn
    return dict(sorted(files.items(), key=lambda item: (item[0].endswith(".svg"), item[0])))


def _map(fmt: str, item: ReportInput, name: str, persona: str | None) -> MapImage:
    """Inline (HTML), linked (Markdown; HTML from LINK_MAP_FROM touchpoints) or one file per stage
    (HTML from SPLIT_MAP_FROM touchpoints), see docs/docs-pipeline.md#big-journeys."""
    if fmt == "html" and splits_map(item, persona):
        return stage_maps(item, persona, name)
    return map_image(item, persona, fmt == "markdown" or links_map(item, persona))


def _page(fmt: str, context: dict[str, Any], image: MapImage, template_dir: str | None) -> Pieces:
    if fmt == "html":
        from journeymap.reporting.html import page_pieces

        return page_pieces(context, image, template_dir)
    from journeymap.reporting.markdown import render_page

    return render_page(context, image, template_dir)


def _index(fmt: str, index: dict[str, Any], template_dir: str | None) -> bytes:
    if fmt == "html":
        from journeymap.reporting.html import render_index
    else:
        from journeymap.reporting.markdown import render_index
    return render_index(index, template_dir)


def _joined(data: Pieces) -> bytes:
    return data if isinstance(data, bytes) else b"".join(data)


def page_names(ids: list[str]) -> list[str]:
    """One file name per journey id, never two the same and never a reserved name."""
    seen: set[str] = set()
    names = []
    for journey_id in ids:
        base = journey_id if journey_id not in RESERVED else f"{journey_id}-journey"
        name, number = base, 1
        while name in seen:
            number += 1
            name = f"{base}-{number}"
        seen.add(name)
        names.append(name)
    return names


def _map_context(name: str, image: MapImage, mermaid: bool, item: ReportInput, persona: str | None) -> dict[str, Any]:
    return {
        "image": f"{name}-map.svg" if image.data is not None else None,
        "linked": image.linked,
        "stages": [{"name": stage.name, "image": stage.image} for stage in image.stages],
        "problem": image.problem,
        "mermaid": mermaid_text(item, persona) if mermaid else None,
    }


def _json(contexts: list[dict[str, Any]], index: dict[str, Any] | None) -> bytes:
    document = {
        "schema_version": SCHEMA_VERSION,
        "journeys": [{k: v for k, v in c.items() if k not in PAGE_ONLY} for c in contexts],
        "portfolio": None if index is None else {key: index[key] for key in PORTFOLIO_KEYS},
    }
    return json_text.dumps(document).encode("utf-8")
