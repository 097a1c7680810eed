"""Pydantic error types -> journeymap codes and friendly messages.

Why one table: pydantic's messages ("Input should be a valid string") talk
about Python; users wrote YAML. Every error type is rewritten here, once,
in the words of the format, and given a stable code.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic_core import ErrorDetails

from journeymap.model.base import BLANK_PATTERN
from journeymap.translation import N_, Joined, Msg, Verbatim
from journeymap.validation.suggest import did_you_mean

#: pydantic error type -> (code, message template). ``{where}`` is the place.
_TYPE_NAMES = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "finite_number": N_("a finite number"),
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


class Message(NamedTuple):
    code: str
    text: str
    hint: str | None = None


def describe(error: ErrorDetails, where: str, key: str | None, allowed: list[str] | None) -> Message:
    """Rewrite one pydantic error for a YAML author."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind in _TYPE_NAMES:
        return Message(
            "JM102",
            Msg(
                "%(what)s in %(where)s must be %(value)s, not %(kind_of)s",
                what=_what(key),
                where=where,
                value=Msg(_TYPE_NAMES[kind]),
                kind_of=_kind_of(value),
            ),
        )
    if kind == "extra_forbidden":
        hint = did_you_mean(str(key), allowed) if allowed else None
        return Message("JM100", Msg("unknown key '%(clip)s' in %(where)s", clip=_clip(key), where=where), hint)
    if kind == "missing":
        return Message(
            "JM101",
            Msg("%(where)s is missing the required key '%(key)s'", where=where, key=key),
            Msg("add `%(key)s:`", key=key),
        )
    if kind == "literal_error" and key == "version":
        shown = f"'{_clip(value)}' ({_kind_of(value)})" if not isinstance(value, int) else str(value)
        return Message(
            "JM106",
            Msg("format version %(shown)s is not supported; this journeymap reads version 1", shown=shown),
            Msg("set `version: 1` (the number, without quotes)"),
        )
    if kind == "literal_error":
        choices = [c.strip("'") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ") if c]
        hint = did_you_mean(str(value), choices, listing=False) if isinstance(value, str) else None
        shown = ", ".join(choices)
        return Message(
            "JM103",
            Msg(
                "%(what)s in %(where)s is '%(clip)s'; expected one of: %(shown)s",
                what=_what(key),
                where=where,
                clip=_clip(value),
                shown=shown,
            ),
            hint,
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == BLANK_PATTERN:
        return Message(
            "JM108",
            Msg("%(what)s in %(where)s must not be blank", what=_what(key), where=where),
            Msg("write some text, or remove the key"),
        )
    if kind == "string_pattern_mismatch":
        return _pattern(key, value, where)
    if kind in ("too_short", "string_too_short"):
        thing = Msg("text") if kind == "string_too_short" else Msg("list")
        return Message(
            "JM108",
            Msg("%(what)s in %(where)s must not be an empty %(thing)s", what=_what(key), where=where, thing=thing),
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Message(
            "JM104",
            Msg(
                "%(what)s in %(where)s is %(clip)s; %(bound)s",
                what=_what(key),
                where=where,
                clip=_clip(value),
                bound=_bound(kind, ctx),
            ),
        )
    if kind == "string_too_long":
        return Message(
            "JM104",
            Msg(
                "%(what)s in %(where)s is longer than %(value)s characters",
                what=_what(key),
                where=where,
                value=ctx.get("max_length"),
            ),
        )
    if kind in _UNIT_MESSAGES and {"value", "forms"} <= ctx.keys():
        return _unit_message(kind, key, where, ctx)
    code = _CODE_BY_TYPE.get(kind, "JM102")
    if isinstance(ctx.get("message"), Msg):  # a model error made with ``model_error``: translatable as it is
        said = Msg("%(what)s in %(where)s: %(text)s", what=_what(key), where=where, text=ctx["message"])
        return Message(code, said, ctx.get("hint"))
    text, _, hint = str(error["msg"]).rpartition("; ") if kind == "jm_version" else str(error["msg"]).partition("; ")
    if kind == "jm_version":
        return Message(code, text, hint)
    return Message(code, Msg("%(what)s in %(where)s: %(text)s", what=_what(key), where=where, text=text), hint or None)


#: Percentages and durations that do not parse: their message and hint, rebuilt from the error's context so
#: they can be translated (the model raises them in English, with the forms the author's own digits use).
_UNIT_MESSAGES = {
    "jm_percent": (
        N_("'%(value)s' is not a percentage"),
        N_("write it as %(forms)s or a score out of its maximum such as 4.2/5"),
    ),
    "jm_duration": (N_("'%(value)s' is not a duration%(unit)s"), N_("write it as %(forms)s")),
}


def _unit_message(kind: str, key: str | None, where: str, ctx: dict[str, Any]) -> Message:
    message, hint = unit_problem(kind, ctx)
    return Message(
        _CODE_BY_TYPE[kind],
        Msg("%(what)s in %(where)s: %(text)s", what=_what(key), where=where, text=message),
        hint,
    )


def unit_problem(kind: str, ctx: dict[str, Any]) -> tuple[Msg, Msg]:
    """A percentage or duration that does not parse (``jm_percent``, ``jm_duration``): its message and hint,
    translatable, from the error's context (its English text is the model's: ``message; hint``)."""
    text, hint = _UNIT_MESSAGES[kind]
    forms = _listed(str(ctx["forms"]))
    unit = ctx.get("hint") or ""
    if unit:
        unit = Msg(" (add a unit, e.g. %(examples)s)", examples=_listed(unit[len(" (add a unit, e.g. ") : -1]))
    message = (
        Msg(text, value=Verbatim(ctx["value"]), unit=unit)
        if kind == "jm_duration"
        else Msg(text, value=Verbatim(ctx["value"]))
    )
    return message, Msg(hint, forms=forms)


def _listed(text: str) -> Joined:
    """``90s, 15m, 6h or 2d`` as a list whose separators translate."""
    head, _, tail = text.rpartition(" or ")
    items = [*head.split(", "), tail] if head else [text]
    return Joined(", ", [Verbatim(item) for item in items], last=" or ")


def _pattern(key: str | None, value: Any, where: str) -> Message:
    if key == "language":
        return Message(
            "JM103",
            Msg("language '%(clip)s' in %(where)s is not a BCP-47 language tag", clip=_clip(value), where=where),
            Msg("use a tag such as en, ar, fr-CA or pt-BR"),
        )
    return Message(
        "JM107",
        Msg("'%(clip)s' is not a valid id (%(what)s in %(where)s)", clip=_clip(value), what=_what(key), where=where),
        Msg("ids have no spaces or punctuation other than - _ . ; for example checkout-page"),
    )


def _bound(kind: str, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("ge", N_("it must be at least %(limit)s")),
        "less_than_equal": ("le", N_("it must be at most %(limit)s")),
        "greater_than": ("gt", N_("it must be more than %(limit)s")),
        "less_than": ("lt", N_("it must be less than %(limit)s")),
    }
    name, phrase = words[kind]
    return Msg(phrase, limit=str(ctx.get(name)))


def _what(key: str | None) -> str:
    if key is None:
        return Msg("the value")
    return f"'{key}'" if not key.isdigit() else Msg("item %(number)s", number=int(key) + 1)


def _kind_of(value: Any) -> str:
    if value is None:
        return Msg("empty")
    if isinstance(value, bool):
        return Msg("%(value)s (a boolean)", value=str(value).lower())
    if isinstance(value, (int, float)):
        return Msg("the number %(value)s", value=str(value))
    if isinstance(value, str):
        return Msg("the text '%(value)s'", value=_clip(value))
    if isinstance(value, list):
        return Msg("a list")
    if isinstance(value, dict):
        return Msg("a mapping")
    return type(value).__name__


def _clip(value: Any, limit: int = 50) -> str:
    text = str(value).replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
