"""From a pydantic ``loc`` to a key path in the data and a readable place name."""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel

from journeymap.loader.source_map import KeyPath
from journeymap.translation import N_, Msg

ITEM_NAMES = {
    "personas": N_("persona"),
    "stages": N_("stage"),
    "touchpoints": N_("touchpoint"),
    "channels": N_("channel"),
}


def data_path(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """Keep only the loc segments that are real keys or indexes in ``data``.

    Why: pydantic adds segments for validators and wrapper models
    (``by_persona``, ``function-before[...]``); the YAML has none of them.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if _has(node, part):
            path.append(part)
            node = node[part]
    return tuple(path)


def extra_key_path(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """An unknown key's path: its parent's data path plus the key itself."""
    return data_path(loc[:-1], data) + (loc[-1],)


def place(path: KeyPath, data: Any) -> str:
    """Describe where a path points: "touchpoint 'checkout' (metrics.csat)"."""
    node = data
    label: str = Msg("the journey file")
    rest: list[str] = []
    for index, part in enumerate(path):
        node = node[part] if _has(node, part) else None
        if isinstance(part, int) and index > 0 and path[index - 1] in ITEM_NAMES:
            name = _name_of(node, part)
            label = Msg("%(item)s %(name)s", item=Msg(ITEM_NAMES[str(path[index - 1])]), name=name)
            rest = []
        elif not (isinstance(part, str) and part in ITEM_NAMES and index + 1 < len(path)):
            rest.append(f"[{part}]" if isinstance(part, int) else str(part))
    dotted = ".".join(rest).replace(".[", "[")
    if not rest:
        return label
    if label == "the journey file":
        return f"'{dotted}'"
    return Msg("%(label)s (%(path)s)", label=label, path=dotted)


def model_at(loc: tuple[Any, ...], root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that validates the value at ``loc`` (a raw pydantic loc)."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, part)
            if field is None:
                return None
            current = field
        else:
            continue
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional, list and dict down to the model inside, if any."""
    for _ in range(10):
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (Union, types.UnionType):
            models = [a for a in args if _unwrap(a) is not type(None)]
            annotation = models[0] if models else None
        elif origin in (list, tuple):
            annotation = args[0]
        elif origin is dict:
            annotation = args[1]
        else:
            return annotation
    return annotation


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _name_of(node: Any, index: int) -> str:
    if isinstance(node, dict):
        for key in ("id", "name"):
            if isinstance(node.get(key), (str, int)):
                return f"'{_clip(str(node[key]))}'"
    return f"#{index + 1}"


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
