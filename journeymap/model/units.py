"""Parsing metric values: percentages, durations, counts, money, scores.

Every parser returns ``(normalised value, original text)`` or raises a
PydanticCustomError whose message says what was expected, so the validator
can point at the exact value in the YAML.

* percentages: ``71%``, ``0.71`` or ``71`` -> 0.71. A bare number at most 1
  is a fraction; above 1 it is a percentage (so ``1`` means 100%). A score
  out of a maximum, ``4.2/5``, is that share of the maximum (0.84): the way
  teams report a CSAT mean, written so nobody reads it as 4.2%.
* durations: ``30s``, ``15m``, ``6h``, ``2d``, ``1w``, combinations such as
  ``1h30m``, or ISO-8601 ``PT6H``/``P2D`` -> seconds. A bare number is
  refused: nobody can tell minutes from hours.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic_core import PydanticCustomError

#: Digits accepted in values: ASCII, Arabic-Indic (٠-٩) and Persian (۰-۹).
DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
#: The percent sign, or the Arabic percent sign ٪.
PERCENT_SIGN = "[%\u066a]"
_NUM = rf"{DIGIT}+(?:\.{DIGIT}+)?"
_UNITS = "ms|s|sec|secs|m|min|mins|h|hr|hrs|d|w"

_PERCENT = re.compile(rf"^\s*([-+]?{_NUM})\s*{PERCENT_SIGN}\s*$")
_OUT_OF = re.compile(rf"^\s*({_NUM})\s*/\s*({_NUM})\s*$")
_DURATION_PART = re.compile(rf"({_NUM})\s*({_UNITS})", re.IGNORECASE)
_DURATION = re.compile(rf"^\s*(?:{_NUM}\s*(?:{_UNITS})\s*)+$", re.IGNORECASE)
_ISO = re.compile(
    rf"^P(?!$)(?:(?P<w>{_NUM})W)?(?:(?P<d>{_NUM})D)?"
    rf"(?:T(?={DIGIT})(?:(?P<h>{_NUM})H)?(?:(?P<m>{_NUM})M)?(?:(?P<s>{_NUM})S)?)?$"
)
_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "secs": 1, "m": 60, "min": 60, "mins": 60}
_SECONDS |= {"h": 3600, "hr": 3600, "hrs": 3600, "d": 86400, "w": 604800}
_NUMBER = re.compile(rf"^\s*[-+]?{_NUM}\s*$")
NUMBER_RE = _NUMBER
DURATION_RE = re.compile(f"{_DURATION.pattern}|{_ISO.pattern}", re.IGNORECASE)
PERCENT_SIGN_RE = re.compile(PERCENT_SIGN)

# Patterns for the JSON Schema (ECMA-262 syntax, no flags): the same rules as above.
_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_N = f"{_D}+(\\.{_D}+)?"
NUMBER_PATTERN = rf"^\s*[-+]?{_N}\s*$"
PERCENT_PATTERN = (
    rf"^\s*\+?(100(\.0+)?|{_D}{{1,2}}(\.{_D}+)?|[\u0661\u06f1][\u0660\u06f0]{{2}})\s*[%\u066a]\s*$"
    rf"|^\s*{_N}\s*/\s*{_N}\s*$"
)
_UNIT_ALTERNATIVES = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in unit) for unit in _UNITS.split("|"))
DURATION_PATTERN = (
    rf"^(\s*{_N}\s*({_UNIT_ALTERNATIVES})\s*)+$"
    rf"|^P(?!$)({_N}W)?({_N}D)?(T(?={_D})({_N}H)?({_N}M)?({_N}S)?)?$"
)


def number_text(value: float) -> str:
    """Shortest faithful text for a number (``71`` not ``71.0``)."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


#: Largest magnitude accepted for a metric value; beyond it a value is a typo.
MAX_MAGNITUDE = 1e15


def _finite(value: Any) -> bool:
    """A real number a metric can hold (no booleans, infinities or absurd sizes)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_MAGNITUDE
    return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE


def parse_percent(value: Any) -> tuple[float, str]:
    """``71%``, ``0.71`` or ``71`` -> 0.71."""
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match:
            return float(match.group(1)) / 100, value.strip()
        out_of = _OUT_OF.match(value)
        if out_of and float(out_of.group(2)) > 0:
            return float(out_of.group(1)) / float(out_of.group(2)), value.strip()
        if _NUMBER.match(value):
            return parse_percent(float(value))[0], value.strip()
    elif _finite(value):
        fraction = float(value) if abs(value) <= 1 else float(value) / 100
        return fraction, number_text(value)
    raise PydanticCustomError(
        "jm_percent",
        "'{value}' is not a percentage; write it as 71%, 0.71, 71 or a score out of its maximum such as 4.2/5",
        {"value": _show(value)},
    )


def parse_duration(value: Any) -> tuple[float, str]:
    """``6h``, ``1h30m``, ``2d`` or ISO-8601 ``PT6H`` -> seconds."""
    if isinstance(value, str):
        text = value.strip()
        if _DURATION.match(text):
            seconds = sum(float(n) * _SECONDS[u.lower()] for n, u in _DURATION_PART.findall(text))
            return seconds, text
        iso = _ISO.match(text)
        if iso:
            factors = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
            seconds = sum(float(iso.group(k) or 0) * f for k, f in factors.items())
            return seconds, text
    hint = (
        " (add a unit, e.g. 90s, 15m, 6h or 2d)"
        if _finite(value) or (isinstance(value, str) and _NUMBER.match(value))
        else ""
    )
    raise PydanticCustomError(
        "jm_duration",
        "'{value}' is not a duration{hint}; write it as 90s, 15m, 6h, 2d, 1h30m or PT6H",
        {"value": _show(value), "hint": hint},
    )


def parse_number(value: Any, what: str = "number") -> tuple[float, str]:
    """A plain finite number, given as a YAML number or numeric text."""
    if _finite(value):
        return float(value), number_text(value)
    if isinstance(value, str) and _NUMBER.match(value):
        return float(value), value.strip()
    raise PydanticCustomError("jm_number", "'{value}' is not a {what}", {"value": _show(value), "what": what})


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"
