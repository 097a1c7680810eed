"""Presenters: pure functions from results to text, chosen by ``--format``."""

from __future__ import annotations

import os
import re

FORMATS = ("auto", "human", "text", "json", "github")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_terminal(text: str) -> str:
    """Neutralise control characters and bidi overrides in user text.

    Why: labels are data. An ESC sequence or a right-to-left override in a
    key name must not recolour the terminal or reorder the message.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def resolve_format(requested: str, isatty: bool) -> str:
    """``auto``: GitHub annotations under Actions, rich on a terminal, else text."""
    if requested != "auto":
        return requested
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "human" if isatty else "text"
