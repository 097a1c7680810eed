"""SARIF 2.1.0, so audit findings show in code-scanning tools (GitHub code scanning, IDEs).

Why every audit rule is listed: viewers show a rule's description and help
link even for rules without results, and ``ruleIndex`` stays stable. Output
is deterministic: no timestamps, no absolute paths beyond what was given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from journeymap.auditing.registry import RULES, why
from journeymap.auditing.report import AuditedFile
from journeymap.codes import CODES, doc_url
from journeymap.diagnostics import Diagnostic, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(code: str) -> dict[str, Any]:
    entry = CODES[code]
    full = why(code) or entry.summary
    return {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": full},
        "helpUri": doc_url(code),
        "defaultConfiguration": {"level": LEVEL[entry.severity]},
    }


def _result(diagnostic: Diagnostic, index: int) -> dict[str, Any]:
    span = diagnostic.span
    region: dict[str, int] = {"startLine": max(span.line, 1), "startColumn": max(span.column, 1)}
    if span.end_line:
        region["endLine"] = span.end_line
    if span.end_column:
        region["endColumn"] = span.end_column
    message = diagnostic.message + (f"\nWhat to do: {diagnostic.hint}" if diagnostic.hint else "")
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": LEVEL[diagnostic.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": span.path.replace("\\", "/")}, "region": region},
                **_logical(diagnostic),
            }
        ],
    }


def _logical(diagnostic: Diagnostic) -> dict[str, Any]:
    """The stage and touchpoint a finding is about, as SARIF logical locations (stage contains touchpoint)."""
    if diagnostic.stage is None:
        return {}
    stage = {"name": diagnostic.stage, "fullyQualifiedName": diagnostic.stage, "kind": "namespace"}
    if diagnostic.touchpoint is None:
        return {"logicalLocations": [stage]}
    name = f"{diagnostic.stage}/{diagnostic.touchpoint}"
    return {"logicalLocations": [{"name": diagnostic.touchpoint, "fullyQualifiedName": name, "kind": "member"}]}


def format_sarif(files: Sequence[AuditedFile], version: str) -> str:
    codes = [rule.code for rule in RULES]
    extra = sorted({d.code for f in files for d in f.findings} - set(codes))
    ordered = codes + extra
    index = {code: i for i, code in enumerate(ordered)}
    results = [_result(d, index[d.code]) for f in files for d in f.findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeymap",
                        "version": version,
                        "informationUri": "https://journeymap.readthedocs.io/",
                        "rules": [_rule(code) for code in ordered],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
