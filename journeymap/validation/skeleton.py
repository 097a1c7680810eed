"""The ids and references of a journey, read leniently from the raw data.

Why: cross-reference mistakes (an unknown persona, a `next` that leads
nowhere, two touchpoints with one id) are worth reporting in the same run
as schema errors elsewhere in the file. The typed model only exists once the
whole file is valid, so these checks read this skeleton instead: whatever
is well-formed enough to have an id or a reference is checked, the rest is
left to the schema errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from journeymap.loader.source_map import KeyPath
from journeymap.model.base import slugify


class Item(NamedTuple):
    """Something with an id: a persona, stage, touchpoint or custom channel.

    Named tuples, not frozen dataclasses: there is one per touchpoint, and a frozen dataclass's
    ``__init__`` costs several times more.
    """

    path: KeyPath
    id: str


class TouchpointRefs(NamedTuple):
    item: Item
    channel: str | None
    personas: list[tuple[int, str]] | None  # None: every persona
    emotion_personas: list[str]
    next: list[tuple[int, str]]

    def serves(self, persona_id: str) -> bool:
        return self.personas is None or any(p == persona_id for _, p in self.personas)


@dataclass
class Skeleton:
    personas: list[Item] = field(default_factory=list)
    preferred_channels: list[tuple[KeyPath, str]] = field(default_factory=list)
    stages: list[Item] = field(default_factory=list)
    touchpoints: list[TouchpointRefs] = field(default_factory=list)
    channels: list[Item] = field(default_factory=list)


def skeleton_of(data: dict[str, Any]) -> Skeleton:
    """Collect ids and references wherever the data has the expected shape."""
    skeleton = Skeleton()
    for index, persona in _dicts(data.get("personas")):
        path = ("personas", index)
        if (persona_id := _id(persona)) is not None:
            skeleton.personas.append(Item(path, persona_id))
        for c, channel_id in _strings(persona.get("preferred_channels")):
            skeleton.preferred_channels.append((path + ("preferred_channels", c), channel_id))
    for index, channel in _dicts(data.get("channels")):
        if isinstance(channel.get("id"), str):
            skeleton.channels.append(Item(("channels", index), channel["id"]))
    for s, stage in _dicts(data.get("stages")):
        if (stage_id := _id(stage)) is not None:
            skeleton.stages.append(Item(("stages", s), stage_id))
        for t, touchpoint in _dicts(stage.get("touchpoints")):
            refs = _touchpoint(("stages", s, "touchpoints", t), touchpoint)
            if refs is not None:
                skeleton.touchpoints.append(refs)
    return skeleton


def _touchpoint(path: KeyPath, data: dict[str, Any]) -> TouchpointRefs | None:
    touchpoint_id = _id(data)
    if touchpoint_id is None:
        return None
    personas = data.get("personas")
    emotion = data.get("emotion")
    return TouchpointRefs(
        item=Item(path, touchpoint_id),
        channel=data["channel"] if isinstance(data.get("channel"), str) else None,
        personas=list(_strings(personas)) if isinstance(personas, list) else None,
        emotion_personas=[str(k) for k in emotion] if isinstance(emotion, dict) else [],
        next=[(i, to) for i, to in _targets(data.get("next"))],
    )


def _targets(value: Any) -> list[tuple[int, str]]:
    found = []
    for index, item in enumerate(value if isinstance(value, list) else []):
        target = item.get("to") if isinstance(item, dict) else item
        if isinstance(target, (str, int)) and not isinstance(target, bool):
            found.append((index, str(target)))
    return found


def _id(item: dict[str, Any]) -> str | None:
    """The explicit id, or the slug of the name (the model's default)."""
    if isinstance(item.get("id"), (str, int)) and not isinstance(item.get("id"), bool):
        return str(item["id"])
    name = item.get("name")
    if isinstance(name, (str, int, float)) and not isinstance(name, bool):
        return slugify(str(name)) or None
    return None


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: Any) -> list[tuple[int, str]]:
    items = value if isinstance(value, list) else []
    return [
        (i, str(item)) for i, item in enumerate(items) if isinstance(item, (str, int)) and not isinstance(item, bool)
    ]
