"""One writer for every indented JSON document journeymap prints.

Python's ``json.dumps`` falls back to its pure-Python encoder as soon as ``indent``
is set: 4 s of a 10,000-touchpoint ``score --format json`` run went there. pydantic-core,
which the model already depends on, writes the same indented text from Rust in a
fraction of that (decision 26). The text is the one ``json.dumps(..., indent=2,
ensure_ascii=False)`` writes, except floats below 1e-4, which are written without an
exponent or with a short one (``0.00001``, ``2.5e-7``): the same numbers to any JSON
reader. Anything pydantic-core refuses (a lone surrogate from a YAML escape) goes
through ``json.dumps`` so the behaviour for such input stays what it was.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic_core


def dumps(document: Any) -> str:
    """``document`` as JSON indented by two spaces, non-ASCII kept, with a final newline."""
    try:
        text = pydantic_core.to_json(document, indent=2).decode("utf-8")
    except (pydantic_core.PydanticSerializationError, UnicodeDecodeError):
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return text + "\n"


__all__ = ["dumps"]
