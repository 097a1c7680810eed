"""Stable, versioned JSON. Bump SCHEMA_VERSION on any incompatible change.

Shape (documented in docs/cli.md)::

    {"schema_version": 1, "tool": {"name", "version"},
     "files": [{"path", "valid", "journey": {...} | null, "diagnostics": [...]}],
     "summary": {"files", "valid_files", "personas", "stages", "touchpoints",
                 "errors", "warnings", "infos", "paths_not_read" (only when a path could not be read)}}

``summary.files`` counts the files read: a path nothing was read from is in ``files`` (with its JM001 or
JM014) and counted in ``paths_not_read``, not in ``summary.files``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import json_text
from journeymap.diagnostics import Diagnostic
from journeymap.formats.summary import Summary
from journeymap.validation import ValidationResult

SCHEMA_VERSION = 1


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "path": span.path,
        "line": span.line or None,
        "column": span.column or None,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "url": diagnostic.doc_url,
    }


def _file(result: ValidationResult) -> dict[str, Any]:
    journey = result.journey
    info = None
    if journey is not None:
        info = {
            "id": journey.id,
            "title": journey.info.title,
            "language": journey.info.language,
            "personas": len(journey.personas),
            "stages": len(journey.stages),
            "touchpoints": sum(len(s.touchpoints) for s in journey.stages),
        }
    return {
        "path": result.path,
        "valid": result.ok,
        "journey": info,
        "diagnostics": [diagnostic_dict(d) for d in result.diagnostics],
    }


def format_validation(results: Sequence[ValidationResult], summary: Summary, version: str) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "files": [_file(r) for r in results],
        "summary": {
            "files": summary.files,
            "valid_files": summary.valid_files,
            "personas": summary.personas,
            "stages": summary.stages,
            "touchpoints": summary.touchpoints,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            **({"paths_not_read": summary.paths_not_read} if summary.paths_not_read else {}),
        },
    }
    return json_text.dumps(document)
