"""Markdown pages for MkDocs (Material), Sphinx (MyST) and GitHub.

Labels are data: the ``md`` filter escapes everything that Markdown or
table syntax would read as markup, and folds newlines, so a label can never
add a column, a heading, a link or raw HTML.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from journeymap.reporting.environment import environment, render
from journeymap.reporting.maps import MapImage

_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")


def md_escape(value: object) -> str:
    """Escape ``\\ ` * _ [ ] # | < >`` (and ``&`` before an entity); newlines become spaces."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(_escape_list_start, text)


def _escape_list_start(match: re.Match[str]) -> str:
    """``- x`` and ``+ x`` would start a list, ``1. x`` a numbered one: escape the punctuation."""
    marker = match.group(2)
    return match.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


def render_page(context: dict[str, Any], image: MapImage, template_dir: str | None) -> bytes:
    return _tidy(render(_environment(template_dir), "markdown/page.md.j2", journey=context))


def render_index(context: dict[str, Any], template_dir: str | None) -> bytes:
    return _tidy(render(_environment(template_dir), "markdown/index.md.j2", portfolio=context))


def _environment(template_dir: str | None) -> jinja2.Environment:
    env = environment(template_dir, autoescape=False)
    env.filters["md"] = md_escape
    return env


def _tidy(text: str) -> bytes:
    """At most one blank line in a row and one final newline: clean diffs."""
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    return text.encode("utf-8")
