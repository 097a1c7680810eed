"""Validate step: loaded data -> a typed Journey, or diagnostics.

Schema errors and semantic errors are all reported in one run; semantic
checks run only on a journey that passed the schema (they need its types).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic, Severity, sort_unique
from journeymap.loader import LoadResult
from journeymap.model import Journey, Touchpoint
from journeymap.validation.plausibility import check_plausibility
from journeymap.validation.semantic import check_references, check_semantics
from journeymap.validation.structural import check_structure

__all__ = ["ValidationResult", "validate", "validate_journey"]


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


def validate(loaded: LoadResult, measured: bool = True) -> ValidationResult:
    """Check a loaded file against format v1 and its cross-references.

    With ``measured`` (the default), the measured snapshot beside the file (``<journey>.measured.json``)
    is overlaid onto the touchpoints' metrics first, so a target for a metric that is only measured
    is not "without a metric", and every command reads the measured values (decision 0010).
    """
    diagnostics = list(loaded.diagnostics)
    journey = None
    if loaded.data is not None:
        journey, schema_problems = check_structure(loaded.data, loaded.source_map)
        diagnostics += _not_already_reported(schema_problems, loaded.diagnostics)
        diagnostics += _not_already_reported(check_references(loaded.data, loaded.source_map), diagnostics)
        if journey is not None and measured:
            journey, found = _with_measured(loaded, journey)
            diagnostics += found
        if journey is not None:
            diagnostics += check_semantics(journey, loaded.source_map)
            diagnostics += check_plausibility(journey, loaded.source_map, loaded.text)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        journey = None
    return ValidationResult(loaded.path, journey, sort_unique(diagnostics), loaded.text, _counts(loaded.data))


def _with_measured(loaded: LoadResult, journey: Journey) -> tuple[Journey, list[Diagnostic]]:
    """The journey with its snapshot's values; the common case (no snapshot) costs one stat, no import."""
    from journeymap.model.evidence import snapshot_beside

    if snapshot_beside(loaded.path) is None:
        return journey, []
    from journeymap.measuring.evidence import apply_snapshot

    overlay = apply_snapshot(loaded.path, journey, loaded.source_map)
    return overlay.journey, overlay.diagnostics


def validate_journey(journey: Journey, path: str = "<journey>") -> ValidationResult:
    """Check a journey built in code: the cross-references and semantic checks a file gets.

    Why: a Journey made with ``Journey.model_validate`` or ``model_copy`` has
    passed the schema but not the checks that span the document (unknown
    personas, dangling ``next``, shares over 100%). Positions are line 1 of
    ``path``; the messages name the ids.
    """
    from journeymap.loader.source_map import SourceMap

    source_map = SourceMap(path)
    diagnostics = check_references(_references(journey), source_map) + check_semantics(journey, source_map)
    diagnostics += check_plausibility(journey, source_map)
    valid = not any(d.severity is Severity.ERROR for d in diagnostics)
    counts = (len(journey.personas), len(journey.stages), sum(len(s.touchpoints) for s in journey.stages))
    return ValidationResult(path, journey if valid else None, sort_unique(diagnostics), "", counts)


def _references(journey: Journey) -> dict[str, object]:
    """The parts of a journey that refer to others, in the shape of a journey file."""
    data = journey.model_dump(mode="json", by_alias=True, exclude_none=True)
    for stage in data["stages"]:
        for touchpoint, model in zip(stage["touchpoints"], _touchpoints_of(journey, stage["id"]), strict=True):
            spec = model.emotion
            if spec is None or not spec.by_persona:
                touchpoint.pop("emotion", None)
            else:
                touchpoint["emotion"] = dict.fromkeys(spec.by_persona, 3)
    return data


def _touchpoints_of(journey: Journey, stage_id: str) -> list[Touchpoint]:
    return next(s.touchpoints for s in journey.stages if s.id == stage_id)


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
