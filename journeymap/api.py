"""Conveniences for notebooks and scripts: a Journey or an exception."""

from __future__ import annotations

from journeymap.diagnostics import Diagnostic
from journeymap.errors import JourneymapError
from journeymap.loader import load
from journeymap.model import Journey
from journeymap.validation import validate


class InvalidJourney(JourneymapError):
    """A journey file has errors; ``diagnostics`` lists them all."""

    exit_code = 1

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        lines = [f"{d.span}: {d.severity.label}[{d.code}] {d.message}" for d in diagnostics]
        super().__init__(f"{path} is not a valid journey:\n" + "\n".join(lines))
        self.diagnostics = diagnostics


def read(path: str) -> Journey:
    """Load and validate one journey file; raise InvalidJourney on any error."""
    result = validate(load(path))
    if result.journey is None:
        raise InvalidJourney(path, result.diagnostics)
    return result.journey
