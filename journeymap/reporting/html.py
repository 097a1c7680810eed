"""HTML pages: one self-contained file each (inline CSS and SVG, no scripts, no external requests).

Every label goes through Jinja2's autoescape; the only markup inserted
unescaped is the journey map SVG, whose labels the renderer escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from journeymap.reporting.environment import environment, render
from journeymap.reporting.maps import MapImage, inline_svg


def render_page(context: dict[str, Any], image: MapImage, template_dir: str | None) -> bytes:
    label = f"{context['words']['map_alt']}: {context['title']}"
    svg = Markup(inline_svg(image.svg, label)) if image.svg else None  # the renderer escaped every label
    env = environment(template_dir, autoescape=True)
    return render(env, "html/page.html.j2", journey=context, svg=svg).encode("utf-8")


def render_index(context: dict[str, Any], template_dir: str | None) -> bytes:
    env = environment(template_dir, autoescape=True)
    return render(env, "html/index.html.j2", portfolio=context).encode("utf-8")
