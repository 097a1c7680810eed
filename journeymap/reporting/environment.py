"""Jinja2 environments shared by the HTML and Markdown presenters.

Templates ship in the package (``journeymap/reporting/templates/``); a team's
own directory (``--template-dir``) comes first in a ChoiceLoader, so any
template found there (same relative name, e.g. ``html/page.html.j2``) wins
and the others fall back to the built-in ones.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

BUILT_IN = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=8)
def environment(template_dir: str | None, autoescape: bool) -> jinja2.Environment:
    """One environment per template directory and mode, reused so templates compile once per process."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.FileSystemLoader(str(BUILT_IN)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = format_score
    env.filters["percent"] = format_percent
    return env


def format_score(value: float | None) -> str:
    """Friction for reading: a whole number 0-100, or an en dash when unknown."""
    return "–" if value is None else f"{value:.0f}"


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"
