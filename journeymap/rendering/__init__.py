"""Present step: journeys drawn as maps and flows (SVG, PNG, PDF, DOT) and Mermaid text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeymap.model import Journey
from journeymap.rendering.choices import FORMATS, VIEWS, check_compare_options, check_render_options
from journeymap.rendering.theme import BY_NAME

if TYPE_CHECKING:
    from journeymap.comparing import Comparison, Side

__all__ = ["FORMATS", "VIEWS", "Friction", "check_drawable", "friction_of", "render", "render_comparison"]


@dataclass(frozen=True)
class Friction:
    """Friction 0-100 by touchpoint id and by stage id (None: not enough data)."""

    touchpoints: Mapping[str, float | None] = field(default_factory=dict)
    stages: Mapping[str, float | None] = field(default_factory=dict)


def friction_of(journey: Journey, persona: str | None = None) -> Friction:
    """Friction from the journey's own scoring settings (the library default)."""
    from journeymap.scoring import score

    scores = score(journey, None, persona)
    return Friction({t.touchpoint_id: t.score for t in scores.touchpoints}, {s.id: s.score for s in scores.stages})


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
) -> bytes:
    """Draw ``journey`` as ``fmt`` bytes. Raises GraphvizMissing for images without Graphviz.

    Heat colours show ``friction`` (by default the friction model's scores).
    An unknown format, view, theme or persona, or a view the format cannot
    carry (the flow as Mermaid), raises UsageError before anything is drawn;
    a flow image of more than ``flow_view.FLOW_LIMIT`` touchpoints raises
    FlowTooLarge, a PNG too big to be legible ImageTooLarge (both exit 2 in the
    CLI). What Graphviz changes or warns about is a ``graphviz.RenderWarning``.
    """
    check_drawable(journey, fmt, view, theme, persona)
    if fmt == "mermaid":
        from journeymap.rendering.mermaid import to_mermaid

        return to_mermaid(journey, persona).encode("utf-8")
    chosen = BY_NAME[theme]
    heat = friction if friction is not None else friction_of(journey, persona)
    if view == "flow":
        from journeymap.rendering.flow_view import flow_dot

        return _finish(flow_dot(journey, chosen, persona, heat.touchpoints), fmt, "dot")
    from journeymap.rendering.dot import to_dot
    from journeymap.rendering.map_view import MapOptions, build_map

    diagram = build_map(journey, MapOptions(chosen, persona, heat.touchpoints, heat.stages))
    return _finish(to_dot(diagram), fmt, "neato", diagram.width, diagram.height)


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
    from journeymap.rendering.dot import to_dot
    from journeymap.rendering.map_view import MapOptions, build_map

    check_compare_options(fmt, "map", theme)
    check_render_options(after.journey, fmt, "map", theme, persona)
    check_render_options(before.journey, fmt, "map", theme, persona)
    found = comparison if comparison is not None else compare(before, after)
    scores = after.scores
    heat = Friction({t.touchpoint_id: t.score for t in scores.touchpoints}, {s.id: s.score for s in scores.stages})
    changes = Changes(before.journey, after.journey, found)
    options = MapOptions(BY_NAME[theme], persona, heat.touchpoints, heat.stages, changes)
    diagram = build_map(after.journey, options)
    return _finish(to_dot(diagram), fmt, "neato", diagram.width, diagram.height)


def _finish(dot_text: str, fmt: str, engine: str, width: float = 0.0, height: float = 0.0) -> bytes:
    if fmt == "dot":
        return dot_text.encode("utf-8")
    from journeymap.rendering.graphviz import run_graphviz

    return run_graphviz(dot_text, fmt, engine, width, height)
