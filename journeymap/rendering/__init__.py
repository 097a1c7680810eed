"""Present step: journeys drawn as maps and flows (SVG, PNG, PDF, DOT) and Mermaid text."""

from __future__ import annotations

from collections.abc import Mapping

from journeymap.model import Journey
from journeymap.rendering.theme import BY_NAME

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
VIEWS = ("map", "flow")


def render(
    journey: Journey,
    fmt: str = "svg",
    view: str = "map",
    theme: str = "light",
    persona: str | None = None,
    friction: Mapping[str, float | None] | None = None,
    stage_friction: Mapping[str, float | None] | None = None,
) -> bytes:
    """Draw ``journey`` as ``fmt`` bytes. Raises GraphvizMissing for images without Graphviz."""
    if fmt == "mermaid":
        from journeymap.rendering.mermaid import to_mermaid

        return to_mermaid(journey, persona).encode("utf-8")
    chosen = BY_NAME[theme]
    if view == "flow":
        from journeymap.rendering.flow_view import flow_dot

        dot_text, engine, width = flow_dot(journey, chosen, persona, friction), "dot", 0.0
    else:
        from journeymap.rendering.dot import to_dot
        from journeymap.rendering.map_view import MapOptions, build_map

        diagram = build_map(journey, MapOptions(chosen, persona, friction, stage_friction))
        dot_text, engine, width = to_dot(diagram), "neato", diagram.width
    if fmt == "dot":
        return dot_text.encode("utf-8")
    from journeymap.rendering.graphviz import run_graphviz

    return run_graphviz(dot_text, fmt, engine, width)
