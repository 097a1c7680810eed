"""Validate step: loaded data -> a typed Journey, or diagnostics.

Schema errors and semantic errors are all reported in one run; semantic
checks run only on a journey that passed the schema (they need its types).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic, Severity, sort_unique
from journeymap.loader import LoadResult
from journeymap.model import Journey
from journeymap.validation.semantic import check_references, check_semantics
from journeymap.validation.structural import check_structure

__all__ = ["ValidationResult", "validate"]


@dataclass
class ValidationResult:
    """One file's outcome: the journey when valid, and every diagnostic."""

    path: str
    journey: Journey | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    counts: tuple[int, int, int] = (0, 0, 0)  # personas, stages, touchpoints as written, valid or not

    @property
    def ok(self) -> bool:
        return self.journey is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _not_already_reported(problems: list[Diagnostic], earlier: list[Diagnostic]) -> list[Diagnostic]:
    """Drop schema errors about a value the loader already complained about.

    Why: a 5,000-digit number or ``!!int abc`` is kept as text by the loader
    (with its own diagnostic); the schema would then call it "not a number".
    One problem, one message.
    """
    places = {(d.span.path, d.span.line, d.span.column) for d in earlier}
    return [p for p in problems if (p.span.path, p.span.line, p.span.column) not in places]


def validate(loaded: LoadResult) -> ValidationResult:
    """Check a loaded file against format v1 and its cross-references."""
    diagnostics = list(loaded.diagnostics)
    journey = None
    if loaded.data is not None:
        journey, schema_problems = check_structure(loaded.data, loaded.source_map)
        diagnostics += _not_already_reported(schema_problems, loaded.diagnostics)
        diagnostics += _not_already_reported(check_references(loaded.data, loaded.source_map), diagnostics)
        if journey is not None:
            diagnostics += check_semantics(journey, loaded.source_map)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        journey = None
    return ValidationResult(loaded.path, journey, sort_unique(diagnostics), loaded.text, _counts(loaded.data))


def _counts(data: object) -> tuple[int, int, int]:
    """Personas, stages and touchpoints written in the file, read leniently for summaries."""
    if not isinstance(data, dict):
        return (0, 0, 0)
    personas, stages = data.get("personas"), data.get("stages")
    personas_count = len(personas) if isinstance(personas, list) else 0
    stage_list = stages if isinstance(stages, list) else []
    touchpoints = sum(
        len(stage["touchpoints"])
        for stage in stage_list
        if isinstance(stage, dict) and isinstance(stage.get("touchpoints"), list)
    )
    return (personas_count, len(stage_list), touchpoints)
