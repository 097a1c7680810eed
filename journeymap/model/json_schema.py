"""The JSON Schema (draft 2020-12) of format v1, for editors and other tools.

It describes what users *write* (``71%``, ``6h``, ids that default from
names), not the normalised model, so it is assembled from the models'
validation-mode schemas plus the input shapes declared with WithJsonSchema.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from journeymap.model.journey import Evidence, Journey, MomentOfTruth, Transition

SCHEMA_ID = "https://journeymap.dev/schema/v1/journeymap.schema.json"


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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "journeymap journey, format v1",
        "description": "A customer journey: personas, stages, touchpoints, channels, metrics and targets. "
        "See https://journeymap.readthedocs.io/en/latest/format/",
        **{k: v for k, v in root.items() if k not in ("title", "description")},
        "$defs": dict(sorted(defs.items())),
    }


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


def schema_text() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
