"""Presenters: pure functions from results to text, chosen by ``--format``."""

from __future__ import annotations

import os
import re

FORMATS = ("auto", "human", "text", "json", "github")

#: Every character that could end a line (LF, CR, VT, FF, FS-RS, NEL, LS, PS), other C0/C1 controls, bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_terminal(text: str) -> str:
    """The one rule for user text in line-oriented output: one line, nothing hidden.

    Why: labels are data. A newline in a touchpoint name must not start a line
    that CI reads as ``::error`` or ``other.yaml:9:9: error[JM999]``; an ESC
    sequence or a right-to-left override must not recolour the terminal or
    reorder the message. Each such character is shown as a visible ``\\uXXXX``
    escape instead. Apply it to each line a presenter writes, never to a
    whole multi-line block.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def resolve_format(requested: str, isatty: bool) -> str:
    """``auto``: GitHub annotations under Actions, rich on a terminal, else text."""
    if requested != "auto":
        return requested
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "human" if isatty else "text"
