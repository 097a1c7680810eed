"""The journey map for a report: SVG from the renderer, inline-ready for HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from journeymap.errors import JourneymapError
from journeymap.reporting.inputs import ReportInput

if TYPE_CHECKING:
    from journeymap.model import Stage, Touchpoint
    from journeymap.rendering import Friction

#: From this many touchpoints (those drawn) an HTML report links its map, a file beside the page,
#: instead of inlining it: a 10,000-touchpoint map is 34 MB of SVG, and a page carrying it took
#: over a gigabyte of memory to write and is more than a browser opens comfortably.
LINK_MAP_FROM = 300


#: From this many touchpoints the linked map is split: one file per stage, each drawn only while it is
#: written. Why: one map of 10,000 touchpoints needs about 500 MB in Graphviz alone and as much again
#: to build; a stage at a time keeps a report within a few hundred megabytes.
SPLIT_MAP_FROM = 2_000


@dataclass(frozen=True)
class StageMap:
    """One stage's map file: its name in the page and the bytes, drawn when the file is written."""

    name: str
    image: str
    pieces: Iterable[bytes]


@dataclass(frozen=True)
class MapImage:
    """``data``: the standalone SVG file; ``problem``: why there is none (e.g. Graphviz missing);
    ``linked``: the page refers to the file rather than carrying it (a big journey, or Markdown)."""

    data: bytes | None
    problem: str | None = None
    linked: bool = False
    stages: tuple[StageMap, ...] = ()

    @property
    def svg(self) -> str | None:
        """The SVG as text, for a page that inlines it."""
        return None if self.data is None else self.data.decode("utf-8")


def links_map(item: ReportInput, persona: str | None) -> bool:
    """Whether an HTML page links this journey's map rather than inlining it (LINK_MAP_FROM)."""
    from journeymap import flow

    return len(flow.visible(item.journey, persona)) >= LINK_MAP_FROM


def splits_map(item: ReportInput, persona: str | None) -> bool:
    """Whether a page shows this journey's map as one file per stage (SPLIT_MAP_FROM)."""
    from journeymap import flow

    return len(flow.visible(item.journey, persona)) >= SPLIT_MAP_FROM


def stage_maps(item: ReportInput, persona: str | None, name: str) -> MapImage:
    """One linked map per stage (``<name>-map-<n>.svg``), none drawn yet: each is drawn as it is written.

    A stage's map is the journey with that stage alone, so columns, curves and heat are the
    full map's, cut at stage borders; the heat is the whole journey's scores. A stage of more
    than MAP_PART touchpoints is drawn in parts ("Service (2/3)"), so no one drawing is big.
    """
    import shutil

    if shutil.which("dot") is None:
        return MapImage(None, "Graphviz is not installed (the `dot` program was not found)")
    friction = _friction(item)
    parts = [(stage, chunk) for stage in item.journey.stages for chunk in _parts(stage)]
    stages = tuple(
        StageMap(label, f"{name}-map-{number}.svg", _drawn(item, stage, touchpoints, persona, friction))
        for number, (stage, (label, touchpoints)) in enumerate(parts, start=1)
    )
    return MapImage(None, linked=True, stages=stages)


#: The most touchpoints one map file of a split map holds (about 92,000 points wide).
MAP_PART = 500


def _parts(stage: Stage) -> list[tuple[str, list[Touchpoint]]]:
    """The stage's touchpoints in runs of at most MAP_PART, each with its caption."""
    touchpoints = list(stage.touchpoints)
    runs = [touchpoints[start : start + MAP_PART] for start in range(0, max(len(touchpoints), 1), MAP_PART)]
    if len(runs) == 1:
        return [(stage.name, runs[0])]
    return [(f"{stage.name} ({number}/{len(runs)})", run) for number, run in enumerate(runs, start=1)]


def _drawn(
    item: ReportInput, stage: Stage, touchpoints: list[Touchpoint], persona: str | None, friction: Friction
) -> Iterator[bytes]:
    """The part's SVG, made only when a writer asks for it (then dropped once written)."""
    from journeymap.rendering import render

    part = stage.model_copy(update={"touchpoints": touchpoints})
    journey = item.journey.model_copy(update={"stages": [part]})
    yield render(journey, "svg", persona=persona, friction=friction)


def _friction(item: ReportInput) -> Friction:
    from journeymap.rendering import Friction

    return Friction(
        {t.touchpoint_id: t.score for t in item.scores.touchpoints}, {s.id: s.score for s in item.scores.stages}
    )


def map_image(item: ReportInput, persona: str | None, linked: bool = False) -> MapImage:
    """Draw the map with the report's own scores as heat, so image and tables agree.

    The bytes stay bytes: a linked map is written as Graphviz drew it, never decoded and copied.
    """
    from journeymap.rendering import render

    try:
        return MapImage(render(item.journey, "svg", persona=persona, friction=_friction(item)), linked=linked)
    except JourneymapError as error:
        return MapImage(None, error.message)


def mermaid_text(item: ReportInput, persona: str | None) -> str:
    from journeymap.rendering import render

    return render(item.journey, "mermaid", persona=persona).decode("utf-8").rstrip("\n")


_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def inline_svg(svg: str, label: str) -> str:
    """The SVG element alone, sized by the page: no prolog, doctype or comments; a title for screen readers.

    Why: an XML prolog or DOCTYPE is invalid inside HTML; fixed ``pt`` sizes
    would overflow the page, so the root gets ``width="100%"`` and keeps its
    viewBox (the aspect ratio) with ``preserveAspectRatio``.
    """
    start = svg.find("<svg")
    body = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S).strip()
    match = _ROOT.match(body)
    if match is None:
        return ""
    root = _SIZE.sub("", match.group(0)[:-1]).rstrip()
    root += (
        f' width="100%" style="min-width: {_readable_width(root)}px" preserveAspectRatio="xMidYMid meet"'
        ' role="img" aria-labelledby="journey-map-title" focusable="false">'
    )
    title = f'<title id="journey-map-title">{escape(label)}</title>'
    return root + title + body[match.end() :]


#: Scale below which the map's 10-12pt labels become hard to read; the page scrolls sideways instead.
READABLE_SCALE = 0.7


def _readable_width(root: str) -> int:
    """The narrowest the map may get (in CSS px) before its text is too small: ``width 100%`` above it."""
    match = re.search(r'viewBox="[\d.+-]+ [\d.+-]+ ([\d.]+) [\d.]+"', root)
    return round(float(match.group(1)) * READABLE_SCALE) if match else 0
