"""The valid journeys the audit tests run every rule on: the examples and the fixtures."""

from __future__ import annotations

from journeymap.loader import load_text
from journeymap.loader.source_map import SourceMap
from journeymap.model import Journey
from journeymap.validation import validate
from tests.conftest import EXAMPLES, FIXTURES


def valid_journeys() -> list[tuple[str, Journey, SourceMap]]:
    """(file name, journey, source map) of every example and fixture that validates."""
    found = []
    for path in sorted([*EXAMPLES.glob("*.yaml"), *FIXTURES.rglob("*.yaml")]):
        loaded = load_text(path.read_text(encoding="utf-8", errors="replace"), str(path))
        result = validate(loaded)
        if result.journey is not None:
            found.append((path.name, result.journey, loaded.source_map))
    return found
