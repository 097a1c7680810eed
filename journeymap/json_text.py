"""One writer for every indented JSON document journeymap prints.

Python's ``json.dumps`` falls back to its pure-Python encoder as soon as ``indent``
is set: 4 s of a 10,000-touchpoint ``score --format json`` run went there. pydantic-core,
which the model already depends on, writes the same indented text from Rust in a
fraction of that (decision 26). The text is the one ``json.dumps(..., indent=2,
ensure_ascii=False)`` writes, except floats below 1e-4, which are written without an
exponent or with a short one (``0.00001``, ``2.5e-7``): the same numbers to any JSON
reader. Anything pydantic-core refuses (a lone surrogate from a YAML escape) goes
through ``json.dumps`` so the behaviour for such input stays what it was.

A document with many rows of one shape (a big journey's scores) may be written in parts:
``string``, ``number`` and ``nested`` give the text ``dumps`` writes for a value at a given
depth, so a presenter can put the rows together itself and reuse the text of parts that repeat
(decision 45). ``encodable`` says whether such a text is what ``dumps`` would have written.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

import pydantic_core


def dumps(document: Any) -> str:
    """``document`` as JSON indented by two spaces, non-ASCII kept, with a final newline."""
    try:
        text = pydantic_core.to_json(document, indent=2).decode("utf-8")
    except (pydantic_core.PydanticSerializationError, UnicodeDecodeError):
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return text + "\n"


#: A JSON string as ``dumps`` writes it (quoted; only quotes, backslashes and control characters escaped).
#: The standard library's C function: the text of ``json.dumps(s, ensure_ascii=False)``.
string = encode_basestring


def number(value: int | float) -> str:
    """A number (not a bool) as ``dumps`` writes it.

    Python's ``repr`` is pydantic-core's spelling for every int and for floats from 1e-4 up; the
    rest (small floats, infinities, NaN) are asked of pydantic-core.
    """
    if type(value) is int or (math.isfinite(value) and (value == 0 or abs(value) >= 1e-4)):
        return repr(value)
    return pydantic_core.to_json(value).decode("utf-8")


def nested(value: Any, depth: int) -> str:
    """``value`` as ``dumps`` writes it inside a document, ``depth`` levels in (no final newline).

    A newline in JSON text is always between tokens (one in a string is escaped), so indenting
    every line after the first by ``depth`` levels gives the nested text.
    """
    text = dumps(value)[:-1]
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: no lone surrogate, the only thing ``dumps`` writes otherwise.

    A text put together from parts is ``dumps``'s when this holds; else ``dumps`` of the whole
    document falls back to ``json.dumps``, whose small floats are spelled another way.
    """
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


__all__ = ["dumps", "encodable", "nested", "number", "string"]
