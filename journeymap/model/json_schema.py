"""The JSON Schema (draft 2020-12) of format v1, for editors and other tools.

It describes what users *write* (``71%``, ``6h``, ids that default from
names), not the normalised model, so it is assembled from the models'
validation-mode schemas plus the input shapes declared with WithJsonSchema.
Then it is shaped for editors (docs/decisions/0011-schema-for-editors.md):
built-in channels as completions, Markdown hover text on every property, and
messages that say what is expected rather than which JSON type was missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic.json_schema import models_json_schema

from journeymap import json_text
from journeymap.model.base import BLANK_PATTERN, ID_PATTERN
from journeymap.model.channel import BUILT_IN_CHANNELS
from journeymap.model.journey import LANGUAGE_PATTERN, STATE_PATTERN, Evidence, Journey, MomentOfTruth, Transition
from journeymap.model.metrics import CATALOGUE
from journeymap.model.units import DURATION_PATTERN, PERCENT_PATTERN
from journeymap.project import SCHEMA_URL, docs_url

SCHEMA_ID = SCHEMA_URL
#: Names that mark a file as a journey for editors (the SchemaStore catalog entry in docs/ecosystem.md).
FILE_MATCH = ("*.journey.yaml", "*.journey.yml")
FORMAT_PAGE = docs_url("format.md")

_UNIT_WORDS = {
    "percent": "a percentage (`71%`, `0.71` or `71`)",
    "duration": "a duration (`90s`, `15m`, `6h`, `2d`, `1h30m` or `PT6H`)",
    "nps": "a score from -100 to 100",
    "effort": "a score on the journey's CES scale",
    "count": "a whole number",
    "money": "an amount of money",
    "number": "a number",
}
#: What a value that fails each pattern should look like, said the way `journeymap validate` says it.
PATTERN_MESSAGES = {
    ID_PATTERN: "an id has no spaces, quotes or punctuation such as , : # / ( ) ? =; e.g. `order-confirmation`",
    BLANK_PATTERN: "must not be blank",
    PERCENT_PATTERN: "a percentage from 0% to 100%: `71%`, `0.71` or `71`",
    DURATION_PATTERN: "a duration needs a unit: `90s`, `15m`, `6h`, `2d`, `1h30m` or `PT6H`",
    LANGUAGE_PATTERN: "a language tag such as `en`, `ar` or `pt-BR`",
    STATE_PATTERN: "`current`, `future` or a date such as `2026-03-31`",
}


def journey_schema() -> dict[str, Any]:
    _, top = models_json_schema(
        [(Journey, "validation"), (Transition, "validation"), (Evidence, "validation"), (MomentOfTruth, "validation")],
        ref_template="#/$defs/{model}",
    )
    defs = top["$defs"]
    root = defs.pop("Journey")
    for name in ("Persona", "Stage", "Touchpoint"):
        _id_optional(defs[name])
    _personas_by_reference(root)
    _channels(root, defs)
    _metric_units(defs["Metrics"])
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "journeymap journey, format v1",
        "description": "A customer journey: personas, stages, touchpoints, channels, metrics and targets. "
        f"Every field is described in the format reference: {FORMAT_PAGE}",
        **{k: v for k, v in root.items() if k not in ("title", "description")},
        "$defs": dict(sorted(defs.items())),
    }
    _drop_unused(schema)
    _markdown_everywhere(schema)
    _pattern_messages(schema)
    return schema


def _drop_unused(schema: dict[str, Any]) -> None:
    """Definitions nothing refers to (models' internal shapes) would only be noise in completions."""
    defs = schema["$defs"]
    used: set[str] = set()
    todo = [{k: v for k, v in schema.items() if k != "$defs"}]
    while todo:
        for node in _nodes(todo.pop()):
            ref = node.get("$ref", "")
            name = ref.removeprefix("#/$defs/")
            if ref.startswith("#/$defs/") and name not in used:
                used.add(name)
                todo.append(defs[name])
    schema["$defs"] = {name: value for name, value in defs.items() if name in used}


def _pattern_messages(schema: dict[str, Any]) -> None:
    for node in _nodes(schema):
        message = PATTERN_MESSAGES.get(node.get("pattern", ""))
        if message:
            node["patternErrorMessage"] = _plain(message)


def _personas_by_reference(root: dict[str, Any]) -> None:
    """A persona may be named by id from the folder's persona library (personas.yaml)."""
    personas = root["properties"]["personas"]
    personas["items"] = {
        "anyOf": [
            personas["items"],
            {"type": "string", "description": "the id of a persona in the persona library (personas.yaml)"},
        ]
    }
    personas["description"] = (
        "the customer archetypes who walk the journey: written out, or named by id from personas.yaml beside it"
    )


def _id_optional(definition: dict[str, Any]) -> None:
    """Ids default to the slug of ``name``, so they are optional to write."""
    required = definition.get("required", [])
    if "id" in required and "name" in definition.get("properties", {}):
        required.remove("id")


# -- channels ------------------------------------------------------------------------------------------------


def channel_ids() -> list[str]:
    return list(BUILT_IN_CHANNELS)


def _built_in_channels() -> dict[str, Any]:
    """The built-in ids with a description each: what editors offer after ``channel:``."""
    described = [f"{c.name} ({c.kind}): {c.description}" for c in BUILT_IN_CHANNELS.values()]
    return {
        "enum": channel_ids(),
        "enumDescriptions": described,
        "markdownEnumDescriptions": [f"**{c.name}**, {c.kind}: {c.description}" for c in BUILT_IN_CHANNELS.values()],
    }


_CHANNEL_HELP = (
    "a built-in channel id ({examples}...) or the id of a custom channel declared under `channels:` "
    "(or in channels.yaml beside the journey)"
)


def _channel_property(description: str) -> dict[str, Any]:
    """A built-in id (offered for completion) or any id; custom ids are checked by ``journeymap validate``."""
    return {
        "type": "string",
        "description": description,
        "anyOf": [_built_in_channels(), {"pattern": ID_PATTERN}],
    }


def _channels(root: dict[str, Any], defs: dict[str, Any]) -> None:
    """Channel fields complete the built-in ids; a file without ``channels:`` may use only those.

    Why the condition: the schema cannot see which custom ids a file declares, but when it declares
    none, an id outside the catalogue is a typo (``sociall``) that the editor can flag while typing.
    A journey whose custom channels come from channels.yaml writes ``channels: []`` to keep them.
    """
    examples = ", ".join(channel_ids()[:4])
    touchpoint = defs["Touchpoint"]["properties"]
    touchpoint["channel"] = _channel_property(_CHANNEL_HELP.format(examples=examples))
    preferred = defs["Persona"]["properties"]["preferred_channels"]
    preferred["items"] = _channel_property("a channel id, built-in or custom")
    only_built_in = {
        **_built_in_channels(),
        "errorMessage": "not a built-in channel: use one of "
        + ", ".join(channel_ids())
        + "; or declare custom channels under `channels:` (`channels: []` when they come from channels.yaml)",
    }
    touchpoints = {"items": {"properties": {"channel": only_built_in}}}
    root["if"] = {"not": {"required": ["channels"]}}
    root["then"] = {
        "properties": {"stages": {"items": {"properties": {"touchpoints": touchpoints}}}},
    }


# -- metrics ------------------------------------------------------------------------------------------------


def _metric_units(metrics: dict[str, Any]) -> None:
    """Each metric key says what it measures, its unit and which direction is better."""
    for name, spec in CATALOGUE.items():
        better = f"; {spec.better} is better" if spec.better else ""
        prop = metrics["properties"][name]
        prop["description"] = f"{spec.title}: {spec.description}. Written as {_UNIT_WORDS[spec.unit]}{better}."


# -- descriptions -------------------------------------------------------------------------------------------

_RST_LITERAL = re.compile(r"``([^`]+)``")
_CODE = re.compile(r"`([^`]+)`")


def _markdown(text: str) -> str:
    """Docstring literals (``x``, reStructuredText) as Markdown code (`x`)."""
    return _RST_LITERAL.sub(r"`\1`", text)


def _plain(text: str) -> str:
    """The same text for tools that show ``description`` as it is: no code marks at all."""
    return _CODE.sub(r"\1", _markdown(text))


def _markdown_everywhere(schema: dict[str, Any]) -> None:
    """Every description gets a Markdown twin (hover text) and loses its code marks in the plain one."""
    for node in _nodes(schema):
        text = node.get("description")
        if isinstance(text, str):
            node["description"] = _plain(text)
            node["markdownDescription"] = _markdown(text)


_NOT_SCHEMAS = frozenset({"enum", "const", "default", "examples", "enumDescriptions", "markdownEnumDescriptions"})
#: Conditions restate properties declared elsewhere; their descriptions are the declarations'.
_CONDITIONS = frozenset({"if", "then", "else", "not"})


def _nodes(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """Every schema object, depth first (property maps are walked through, not yielded)."""
    if isinstance(value, dict):
        yield value
        for key, child in value.items():
            if key in ("properties", "$defs", "patternProperties"):
                for sub in child.values():
                    yield from _nodes(sub, skip)
            elif key not in _NOT_SCHEMAS and key not in skip:
                yield from _nodes(child, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item, skip)


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property the schema declares, as (dotted place, its schema): what editors show on hover."""
    for node in _nodes(schema, _CONDITIONS):
        for name, prop in node.get("properties", {}).items():
            yield f"{node.get('title', '')}.{name}", prop


def schema_text() -> str:
    return json_text.dumps(journey_schema())
