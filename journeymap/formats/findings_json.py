"""Audit findings as stable, versioned JSON. Bump SCHEMA_VERSION on any incompatible change.

Shape::

    {"schema_version": 1, "tool": {"name", "version"},
     "files": [{"path", "valid", "journey": {"id", "title"} | null,
                "findings": [{<diagnostic fields as in validate's JSON>, "why", "stage"}],
                "by_stage": [{"stage", "name", "errors", "warnings", "infos"}]}],
     "summary": {"files", "invalid_files", "findings", "errors", "warnings", "infos",
                 "paths_not_read" (only when a path could not be read)}}

Findings and counts cover valid journeys; a file that is not a valid journey has
``valid: false`` and its validation diagnostics under ``findings``. ``summary.files`` counts the files
read: a path nothing was read from is listed in ``files`` and counted in ``paths_not_read`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import json_text
from journeymap.auditing.registry import why
from journeymap.auditing.report import AuditedFile, totals
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.formats.findings import read_files
from journeymap.formats.json import diagnostic_dict
from journeymap.translation import Translator

SCHEMA_VERSION = 1


def _why(code: str, t: Translator | None) -> str | None:
    reason = why(code)
    return t(reason) if reason is not None and t is not None else reason


def _counts(counts: dict[Severity, int]) -> dict[str, int]:
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO]}


def finding_dicts(findings: Sequence[Diagnostic], t: Translator | None = None) -> list[dict[str, Any]]:
    """Each finding as validate's JSON writes a diagnostic (``diagnostic_dict``), then its ``why``, stage
    and touchpoint.

    Why not ``diagnostic_dict`` per finding: its name, URL and severity label, and the ``why`` in the
    reader's language, depend on the code alone, and a big journey has tens of thousands of findings
    under a few dozen codes. They are taken once per code from the first finding's ``diagnostic_dict``;
    the other fields are those of ``diagnostic_dict``, in its order (tests/formats compare the two).
    Messages and hints are written as plain ``str``: pydantic-core writes a subclass of ``str`` (a ``Msg``)
    several times slower, and the text is the same.
    """
    per_code: dict[str, tuple[str, str, str | None]] = {}
    labels = {severity: severity.label for severity in Severity}
    rows = []
    for d in findings:
        known = per_code.get(d.code)
        if known is None:
            first = diagnostic_dict(d)
            known = per_code[d.code] = (first["name"], first["url"], _why(d.code, t))
        span = d.span
        rows.append(
            {
                "code": d.code,
                "name": known[0],
                "severity": labels[d.severity],
                "message": str(d.message),
                "hint": None if d.hint is None else str(d.hint),
                "path": span.path,
                "line": span.line or None,
                "column": span.column or None,
                "end_line": span.end_line,
                "end_column": span.end_column,
                "url": known[1],
                "why": known[2],
                "stage": d.stage,
                "touchpoint": d.touchpoint,
            }
        )
    return rows


def _file(audited: AuditedFile, t: Translator | None = None) -> dict[str, Any]:
    findings = finding_dicts(audited.findings, t)
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
    read, paths = read_files(files)
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "files": [_file(f, t) for f in files],
        "summary": {
            "files": len(read),
            "invalid_files": sum(1 for f in read if not f.valid),
            "findings": sum(counts.values()),
            **_counts(counts),
            **({"paths_not_read": paths} if paths else {}),
        },
    }
    return json_text.dumps(document)
