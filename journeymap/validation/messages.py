"""Pydantic error types -> journeymap codes and friendly messages.

Why one table: pydantic's messages ("Input should be a valid string") talk
about Python; users wrote YAML. Every error type is rewritten here, once,
in the words of the format, and given a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic_core import ErrorDetails

from journeymap.model.base import BLANK_PATTERN
from journeymap.validation.suggest import did_you_mean

#: pydantic error type -> (code, message template). ``{where}`` is the place.
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "finite_number": "a finite number",
}

_CODE_BY_TYPE = {
    "extra_forbidden": "JM100",
    "jm_unknown_key": "JM100",
    "missing": "JM101",
    "literal_error": "JM103",
    "enum": "JM103",
    "jm_emotion": "JM103",
    "jm_value": "JM103",
    "string_pattern_mismatch": "JM103",
    "greater_than": "JM104",
    "greater_than_equal": "JM104",
    "less_than": "JM104",
    "less_than_equal": "JM104",
    "string_too_long": "JM104",
    "jm_range": "JM104",
    "jm_percent": "JM105",
    "jm_duration": "JM105",
    "jm_number": "JM105",
    "too_short": "JM108",
    "string_too_short": "JM108",
    "jm_survey": "JM109",
    "jm_version": "JM106",
}


@dataclass(frozen=True)
class Message:
    code: str
    text: str
    hint: str | None = None


def describe(error: ErrorDetails, where: str, key: str | None, allowed: list[str] | None) -> Message:
    """Rewrite one pydantic error for a YAML author."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind in _TYPE_NAMES:
        return Message("JM102", f"{_what(key)} in {where} must be {_TYPE_NAMES[kind]}, not {_kind_of(value)}")
    if kind == "extra_forbidden":
        hint = did_you_mean(str(key), allowed) if allowed else None
        return Message("JM100", f"unknown key '{_clip(key)}' in {where}", hint)
    if kind == "missing":
        return Message("JM101", f"{where} is missing the required key '{key}'", f"add `{key}:`")
    if kind == "literal_error" and key == "version":
        shown = f"'{_clip(value)}' ({_kind_of(value)})" if not isinstance(value, int) else str(value)
        return Message(
            "JM106",
            f"format version {shown} is not supported; this journeymap reads version 1",
            "set `version: 1` (the number, without quotes)",
        )
    if kind == "literal_error":
        choices = [c.strip("'") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ") if c]
        hint = did_you_mean(str(value), choices, listing=False) if isinstance(value, str) else None
        shown = ", ".join(choices)
        return Message("JM103", f"{_what(key)} in {where} is '{_clip(value)}'; expected one of: {shown}", hint)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == BLANK_PATTERN:
        return Message("JM108", f"{_what(key)} in {where} must not be blank", "write some text, or remove the key")
    if kind == "string_pattern_mismatch":
        return _pattern(key, value, where)
    if kind in ("too_short", "string_too_short"):
        thing = "text" if kind == "string_too_short" else "list"
        return Message("JM108", f"{_what(key)} in {where} must not be an empty {thing}")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Message("JM104", f"{_what(key)} in {where} is {_clip(value)}; {_bound(kind, ctx)}")
    if kind == "string_too_long":
        return Message("JM104", f"{_what(key)} in {where} is longer than {ctx.get('max_length')} characters")
    code = _CODE_BY_TYPE.get(kind, "JM102")
    text, _, hint = str(error["msg"]).rpartition("; ") if kind == "jm_version" else str(error["msg"]).partition("; ")
    if kind == "jm_version":
        return Message(code, text, hint)
    return Message(code, f"{_what(key)} in {where}: {text}", hint or None)


def _pattern(key: str | None, value: Any, where: str) -> Message:
    if key == "language":
        return Message(
            "JM103",
            f"language '{_clip(value)}' in {where} is not a BCP-47 language tag",
            "use a tag such as en, ar, fr-CA or pt-BR",
        )
    return Message(
        "JM107",
        f"'{_clip(value)}' is not a valid id ({_what(key)} in {where})",
        "ids have no spaces or punctuation other than - _ . ; for example checkout-page",
    )


def _bound(kind: str, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("ge", "it must be at least"),
        "less_than_equal": ("le", "it must be at most"),
        "greater_than": ("gt", "it must be more than"),
        "less_than": ("lt", "it must be less than"),
    }
    name, phrase = words[kind]
    return f"{phrase} {ctx.get(name)}"


def _what(key: str | None) -> str:
    if key is None:
        return "the value"
    return f"'{key}'" if not key.isdigit() else f"item {int(key) + 1}"


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_clip(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _clip(value: Any, limit: int = 50) -> str:
    text = str(value).replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
