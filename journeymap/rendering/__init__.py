"""Present step: journeys drawn as maps and flows (SVG, PNG, PDF, DOT) and Mermaid text."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeymap.model import Journey
from journeymap.rendering.choices import (
    FORMATS,
    PAGES,
    VIEWS,
    check_compare_options,
    check_page,
    check_render_options,
    check_stages,
)
from journeymap.rendering.theme import BY_NAME

if TYPE_CHECKING:
    from journeymap.comparing import Comparison, Side
    from journeymap.rendering.diagram import Diagram
    from journeymap.scoring.results import JourneyScore

__all__ = ["FORMATS", "PAGES", "VIEWS", "Friction", "check_drawable", "friction_of", "render", "render_comparison"]


@dataclass(frozen=True)
class Friction:
    """Friction 0-100 by touchpoint id and by stage id (None: not enough data)."""

    touchpoints: Mapping[str, float | None] = field(default_factory=dict)
    stages: Mapping[str, float | None] = field(default_factory=dict)
    #: Priority (what to fix first) by touchpoint id: the compact view's headline touchpoints.
    priority: Mapping[str, float | None] = field(default_factory=dict)

    @classmethod
    def of(cls, scores: JourneyScore) -> Friction:
        """The heat and priorities of one scoring result."""
        return cls(
            {t.touchpoint_id: t.score for t in scores.touchpoints},
            {s.id: s.score for s in scores.stages},
            {t.touchpoint_id: t.priority for t in scores.touchpoints},
        )


def friction_of(journey: Journey, persona: str | None = None) -> Friction:
    """Friction from the journey's own scoring settings (the library default)."""
    from journeymap.scoring import score

    return Friction.of(score(journey, None, persona))


def check_drawable(journey: Journey, fmt: str, view: str, theme: str, persona: str | None) -> None:
    """Raise before any scoring or drawing: a usage error, or a flow too big to lay out (FlowTooLarge, JM731).

    The flow's Graphviz source (``dot``) is text and is always written, however big.
    """
    check_render_options(journey, fmt, view, theme, persona)
    if view == "flow" and fmt not in ("dot", "mermaid"):
        from journeymap.rendering.flow_view import check_flow_size

        check_flow_size(journey, persona)


def render(
    journey: Journey,
    fmt: str = "svg",
    view: str = "map",
    theme: str = "light",
    persona: str | None = None,
    friction: Friction | None = None,
    stages: Sequence[str] | None = None,
    page: str | None = None,
) -> bytes:
    """Draw ``journey`` as ``fmt`` bytes. Raises GraphvizMissing for images without Graphviz.

    Heat colours show ``friction`` (by default the friction model's scores). ``stages`` draws only the
    stages named (ids, canonical stages, names or ``first..last`` ranges; scores stay the whole journey's).
    ``page`` (``a4``, ``a3``, ``letter``; PDF only) pages the map (a title page, then stage by stage) or
    fits the compact view on one page. An unknown format, view, theme, persona, stage or page, or a view
    the format cannot carry (the flow as Mermaid), raises UsageError before anything is drawn; a flow
    image of more than ``flow_view.FLOW_LIMIT`` touchpoints raises FlowTooLarge, a PNG too big to be
    legible ImageTooLarge (both exit 2 in the CLI). What Graphviz changes or warns about is a
    ``graphviz.RenderWarning``.
    """
    check_drawable(journey, fmt, view, theme, persona)
    check_page(fmt, view, page)
    check_stages(fmt, stages)
    from journeymap.rendering.stages import select_stages

    chosen_stages = select_stages(journey, stages)
    if fmt == "mermaid":
        from journeymap.rendering.mermaid import to_mermaid

        return to_mermaid(journey, persona).encode("utf-8")
    chosen = BY_NAME[theme]
    heat = friction if friction is not None else friction_of(journey, persona)
    if view == "flow":
        from journeymap.rendering.flow_view import flow_dot

        flow = flow_dot(journey, chosen, persona, heat.touchpoints, chosen_stages)
        return _finish(flow, fmt, "dot", persona is not None)
    if view == "compact":
        from journeymap.rendering.compact import COLUMN as COMPACT_COLUMN
        from journeymap.rendering.compact import build_compact

        def compact(per_row: int | None, column: float = COMPACT_COLUMN) -> Diagram:
            return build_compact(
                journey, chosen, persona, heat.touchpoints, heat.stages, heat.priority, chosen_stages, per_row, column
            )

        diagram = compact(None)
        if page is not None:  # on a page, two rows of wider columns when they are drawn larger than one row
            from journeymap.rendering.pages import scale_on

            half = -(-len(journey.stages if chosen_stages is None else chosen_stages) // 2)
            folded = compact(half, COMPACT_COLUMN * 1.5)
            diagram = max((diagram, folded), key=lambda d: scale_on(d, page))
        return _diagrams([diagram], fmt, page, journey, persona is not None)
    from journeymap.rendering.map_view import MapOptions, build_map

    options = MapOptions(chosen, persona, heat.touchpoints, heat.stages, stages=chosen_stages)
    if page is not None:
        from journeymap.rendering.pages import paged_map

        return _diagrams(paged_map(journey, options, page), fmt, None, journey, persona is not None)
    return _diagrams([build_map(journey, options)], fmt, None, journey, persona is not None)


def _diagrams(
    diagrams: list[Diagram], fmt: str, page: str | None, journey: Journey, persona_chosen: bool = False
) -> bytes:
    """Draw pinned diagrams: one as is (or fitted to ``page``), several as the pages of one PDF."""
    from journeymap.rendering.dot import to_dot

    if page is not None:
        from journeymap.rendering.pages import fit

        diagrams = [fit(diagrams[0], page, 1, 1, journey)]
    if len(diagrams) == 1:
        return _pinned(diagrams[0], fmt, persona_chosen)
    if fmt == "dot":
        return "".join(to_dot(d) for d in diagrams).encode("utf-8")
    from journeymap.rendering.graphviz import run_graphviz
    from journeymap.rendering.pdf import merge

    pages = [run_graphviz(to_dot(d), "pdf", "neato") for d in diagrams]
    return merge(pages, journey.info.title)


def render_comparison(
    before: Side,
    after: Side,
    fmt: str = "svg",
    theme: str = "light",
    persona: str | None = None,
    comparison: Comparison | None = None,
) -> bytes:
    """One map of two states: ``after`` (the future state) laid out, ``before`` (the current state) drawn in.

    Every match and every friction before and after comes from ``comparison`` (by default
    ``compare(before, after)``, which raises UnrelatedJourneys for journeys with no touchpoint in common);
    heat colours are ``after``'s scores. Only the map view, and not as Mermaid (a UsageError).
    """
    from journeymap.comparing import compare
    from journeymap.rendering.changes import Changes
    from journeymap.rendering.map_view import MapOptions, build_map

    check_compare_options(fmt, "map", theme)
    check_render_options(after.journey, fmt, "map", theme, persona)
    check_render_options(before.journey, fmt, "map", theme, persona)
    found = comparison if comparison is not None else compare(before, after)
    scores = after.scores
    heat = Friction({t.touchpoint_id: t.score for t in scores.touchpoints}, {s.id: s.score for s in scores.stages})
    changes = Changes(before.journey, after.journey, found)
    options = MapOptions(BY_NAME[theme], persona, heat.touchpoints, heat.stages, changes)
    return _pinned(build_map(after.journey, options), fmt, persona is not None)


def _pinned(diagram: Diagram, fmt: str, persona_chosen: bool = False) -> bytes:
    """One pinned diagram drawn; a big one as SVG in parts drawn at once, one per core (``dot.to_dot_parts``)."""
    from journeymap.rendering.dot import to_dot

    parts = svg_parts(len(diagram.boxes)) if fmt == "svg" else 1
    if parts < 2:
        return _finish(to_dot(diagram), fmt, "neato", persona_chosen)
    from journeymap.rendering.dot import to_dot_parts
    from journeymap.rendering.graphviz import run_graphviz_svg_parts

    return run_graphviz_svg_parts(to_dot_parts(diagram, parts), lambda: to_dot(diagram))


#: Boxes one Graphviz run should have at least for a second run to pay for its start (about 20 ms).
BOXES_PER_PART = 300
#: Parts at most, however many cores: each part also reads every node (hidden or not) and pays its start.
MAX_PARTS = 4


def svg_parts(boxes: int) -> int:
    """How many Graphviz runs to draw an SVG of ``boxes`` boxes with: one per core the process may use, as
    long as each gets ``BOXES_PER_PART``; 1 (a single run) for small maps and on one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_PARTS, boxes // BOXES_PER_PART))


def _finish(dot_text: str, fmt: str, engine: str, persona_chosen: bool = False) -> bytes:
    if fmt == "dot":
        return dot_text.encode("utf-8")
    from journeymap.rendering.graphviz import run_graphviz

    return run_graphviz(dot_text, fmt, engine, persona_chosen=persona_chosen)
