"""Schema validation: plain data -> Journey, or diagnostics at YAML positions."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.loader.source_map import SourceMap
from journeymap.model import Journey
from journeymap.validation.locate import data_path, extra_key_path, field_keys, model_at, place
from journeymap.validation.messages import describe


def check_structure(data: dict[str, Any], source_map: SourceMap) -> tuple[Journey | None, list[Diagnostic]]:
    """Validate against format v1; every schema error is reported in one pass."""
    try:
        return Journey.model_validate(data), []
    except ValidationError as error:
        return None, [_diagnostic(detail, data, source_map) for detail in error.errors(include_url=False)]


def _diagnostic(detail: Any, data: dict[str, Any], source_map: SourceMap) -> Diagnostic:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    allowed = None
    if kind == "extra_forbidden":
        path = extra_key_path(loc, data)
        span = source_map.key(path)
        parent = path[:-1]
        model = model_at(loc[:-1], Journey)
        allowed = field_keys(model) if model else None
    elif kind == "missing":
        path = data_path(loc[:-1], data) + (loc[-1],)
        parent = path[:-1]
        span = source_map.value(parent)
    else:
        path = data_path(loc, data)
        parent = path[:-1]
        span = source_map.value(path)
    key = str(path[-1]) if path else None
    message = describe(detail, place(parent, data), key, allowed)
    return Diagnostic(message.code, Severity.ERROR, message.text, span, message.hint)
