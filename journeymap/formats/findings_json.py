"""Audit findings as stable, versioned JSON. Bump SCHEMA_VERSION on any incompatible change.

Shape::

    {"schema_version": 1, "tool": {"name", "version"},
     "files": [{"path", "valid", "journey": {"id", "title"} | null,
                "findings": [{<diagnostic fields as in validate's JSON>, "why", "stage"}],
                "by_stage": [{"stage", "name", "errors", "warnings", "infos"}]}],
     "summary": {"files", "invalid_files", "findings", "errors", "warnings", "infos"}}

Findings and counts cover valid journeys; a file that is not a valid journey has
``valid: false`` and its validation diagnostics under ``findings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import json_text
from journeymap.auditing.registry import why
from journeymap.auditing.report import AuditedFile, totals
from journeymap.diagnostics import Severity
from journeymap.formats.json import diagnostic_dict
from journeymap.translation import Translator

SCHEMA_VERSION = 1


def _why(code: str, t: Translator | None) -> str | None:
    reason = why(code)
    return t(reason) if reason is not None and t is not None else reason


def _counts(counts: dict[Severity, int]) -> dict[str, int]:
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO]}


def _file(audited: AuditedFile, t: Translator | None = None) -> dict[str, Any]:
    findings = [
        {**diagnostic_dict(d), "why": _why(d.code, t), "stage": d.stage, "touchpoint": d.touchpoint}
        for d in audited.findings
    ]
    journey = {"id": audited.journey_id, "title": audited.title} if audited.valid else None
    by_stage = [{"stage": sid, "name": name, **_counts(c)} for sid, name, c in audited.stage_counts()]
    return {
        "path": audited.path,
        "valid": audited.valid,
        "journey": journey,
        "findings": findings,
        "by_stage": by_stage if audited.valid else [],
    }


def format_findings(files: Sequence[AuditedFile], version: str, t: Translator | None = None) -> str:
    counts = totals(files)
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "files": [_file(f, t) for f in files],
        "summary": {
            "files": len(files),
            "invalid_files": sum(1 for f in files if not f.valid),
            "findings": sum(counts.values()),
            **_counts(counts),
        },
    }
    return json_text.dumps(document)
