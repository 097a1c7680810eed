"""SARIF 2.1.0, so findings show in code-scanning tools (GitHub code scanning, IDEs, sarif-tools).

What a consumer gets, and why:

* **Every rule is listed** (all audit rules for ``audit``, all load, schema and semantic codes for
  ``validate``), each with ``help`` (text and Markdown, from the rule's own documentation):
  viewers show a rule's description and help even for rules without results, GitHub code
  scanning requires ``help`` (sarif-multitool's GH2012), and ``ruleIndex`` stays stable.
* **Columns count Unicode code points** (``columnKind: unicodeCodePoints``), as journeymap's
  positions always do; a consumer that counts UTF-16 code units is told so, not left to guess.
* **URIs** are the paths as given, percent-encoded and relative to ``%SRCROOT%`` (the directory
  journeymap ran in, normally the repository root); absolute paths become ``file://`` URIs.
* **Messages start with the finding**: the rule's summary, then the specifics. Tools that group
  results by their common message prefix (sarif-tools) then group by what is wrong, not by
  whichever quoted touchpoint id happened to come first.
* The stage and touchpoint a finding is about are **logical locations** (``run.logicalLocations``,
  touchpoint inside its stage by ``parentIndex``).

Output is deterministic: no timestamps, no absolute paths beyond what was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from journeymap import json_text
from journeymap.codes import CODES, doc_url
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.project import REPOSITORY

if TYPE_CHECKING:
    from journeymap.auditing.report import AuditedFile
    from journeymap.validation import ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The base every relative URI is resolved against: where journeymap ran (the repository root in CI).
SRCROOT = "%SRCROOT%"
#: The stages of the codes that ``validate`` reports.
VALIDATION_STAGES = ("load", "schema", "semantic")


def _help(code: str) -> dict[str, str]:
    """A rule's help: the audit rule's documentation, else its summary and where the docs explain it."""
    from journeymap.auditing.registry import BY_CODE, why

    rule = BY_CODE.get(code)
    if rule is not None:
        from journeymap.auditing.docs import rule_markdown, rule_text

        return {"text": rule_text(rule), "markdown": rule_markdown(rule, 2)}
    entry = CODES[code]
    reason = why(code)
    text = entry.summary + (f" {reason}" if reason else "")
    url = doc_url(code)
    return {
        "text": f"{text}\n\nWhat triggers it, an example and the fix: {url}",
        "markdown": f"{text}\n\nWhat triggers it, an example and the fix: [{code} {entry.name}]({url})",
    }


@cache
def _rule(code: str) -> dict[str, Any]:
    from journeymap.auditing.registry import why

    entry = CODES[code]
    return {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": why(code) or entry.summary},
        "help": _help(code),
        "helpUri": doc_url(code),
        "defaultConfiguration": {"level": LEVEL[entry.severity]},
    }


def artifact_uri(path: str) -> dict[str, str]:
    """A SARIF artifactLocation for a path as given: percent-encoded, relative to %SRCROOT% when relative."""
    from pathlib import PureWindowsPath

    if path == "<stdin>" or path == "-":
        return {"uri": "stdin"}
    posix = path.replace("\\", "/")
    if posix.startswith("/") or PureWindowsPath(path).is_absolute():
        drive = "/" if not posix.startswith("/") else ""
        return {"uri": "file://" + quote(drive + posix, safe="/:")}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def sarif_message(diagnostic: Diagnostic) -> str:
    """The rule's summary first (what is wrong), then the specifics, then what to do."""
    summary = CODES[diagnostic.code].summary.rstrip()
    text = f"{summary} Here: {diagnostic.message}"  # the message as written: it may start with a case-sensitive id
    if not text.endswith((".", "!", "?")):
        text += "."
    return text + (f"\nWhat to do: {diagnostic.hint}" if diagnostic.hint else "")


class _Places:
    """The run's logical locations: each stage once, each touchpoint once inside its stage."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, ...], int] = {}

    def _add(self, key: tuple[str, ...], item: dict[str, Any]) -> int:
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(item)
        return self._index[key]

    def of(self, diagnostic: Diagnostic) -> list[dict[str, Any]]:
        if diagnostic.stage is None:
            return []
        stage = diagnostic.stage
        stage_item = {"name": stage, "fullyQualifiedName": stage, "kind": "namespace"}
        stage_index = self._add((stage,), stage_item)
        if diagnostic.touchpoint is None:
            return [{"index": stage_index, **stage_item}]
        name = f"{stage}/{diagnostic.touchpoint}"
        item = {"name": diagnostic.touchpoint, "fullyQualifiedName": name, "kind": "member"}
        index = self._add((stage, diagnostic.touchpoint), {**item, "parentIndex": stage_index})
        return [{"index": index, **item}]


def _result(diagnostic: Diagnostic, index: int, places: _Places) -> dict[str, Any]:
    span = diagnostic.span
    region: dict[str, int] = {"startLine": max(span.line, 1), "startColumn": max(span.column, 1)}
    if span.end_line:
        region["endLine"] = span.end_line
    if span.end_column:
        region["endColumn"] = span.end_column
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact_uri(span.path), "region": region}}
    logical = places.of(diagnostic)
    if logical:
        location["logicalLocations"] = logical
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": LEVEL[diagnostic.severity],
        "message": {"text": sarif_message(diagnostic)},
        "locations": [location],
    }


def sarif_log(diagnostics: Sequence[Diagnostic], codes: Sequence[str], version: str) -> dict[str, Any]:
    """A SARIF log of one run: ``codes`` as the rules (any other code found is appended), then every result."""
    extra = sorted({d.code for d in diagnostics} - set(codes))
    ordered = [*codes, *extra]
    index = {code: i for i, code in enumerate(ordered)}
    places = _Places()
    results = [_result(d, index[d.code], places) for d in diagnostics]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "journeymap",
                "version": version,
                "informationUri": REPOSITORY,
                "rules": [_rule(code) for code in ordered],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The directory journeymap ran in (normally the repository root)."}}
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if places.items:
        run["logicalLocations"] = places.items
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _dump(log: dict[str, Any]) -> str:
    return json_text.dumps(log)


def format_sarif(files: Sequence[AuditedFile], version: str) -> str:
    """Audit findings (and the diagnostics of files that are not valid journeys); every audit rule listed."""
    from journeymap.auditing.registry import RULES

    diagnostics = [d for f in files for d in f.findings]
    return _dump(sarif_log(diagnostics, [rule.code for rule in RULES], version))


def format_validation_sarif(results: Sequence[ValidationResult], version: str) -> str:
    """``validate --format sarif``: every load, schema and semantic code listed as a rule."""
    codes = [code for code, entry in CODES.items() if entry.stage in VALIDATION_STAGES]
    diagnostics = [d for r in results for d in r.diagnostics]
    return _dump(sarif_log(diagnostics, codes, version))
