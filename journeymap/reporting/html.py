"""HTML pages: one self-contained file each (inline CSS and SVG, no scripts, no external requests).

A big journey's map (``maps.LINK_MAP_FROM`` touchpoints and more) is the one exception: it is a
file beside the page, shown by reference, so the page stays small enough to write and to open.

Every label goes through Jinja2's autoescape; the only markup inserted
unescaped is the journey map SVG, whose labels the renderer escaped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from journeymap.reporting.environment import environment, render, stream
from journeymap.reporting.maps import MapImage, inline_svg


def render_page(context: dict[str, Any], image: MapImage, template_dir: str | None) -> bytes:
    return b"".join(page_pieces(context, image, template_dir))


def page_pieces(context: dict[str, Any], image: MapImage, template_dir: str | None) -> Iterator[bytes]:
    """The page as UTF-8 pieces, made as they are written (bounded memory for big journeys)."""
    label = f"{context['words']['map_alt']}: {context['title']}"
    inline = image.svg if not image.linked else None
    svg = Markup(inline_svg(inline, label)) if inline else None  # the renderer escaped every label
    env = environment(template_dir, autoescape=True)
    for piece in stream(env, "html/page.html.j2", journey=context, svg=svg):
        yield piece.encode("utf-8")


def render_index(context: dict[str, Any], template_dir: str | None) -> bytes:
    env = environment(template_dir, autoescape=True)
    return render(env, "html/index.html.j2", portfolio=context).encode("utf-8")
