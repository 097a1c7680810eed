"""Choose the presenter for audit findings (one ``AuditedFile`` per input file)."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.auditing.report import AuditedFile, summary_line
from journeymap.translation import Translator


def present(
    fmt: str,
    files: Sequence[AuditedFile],
    version: str,
    color: bool,
    width: int = 100,
    t: Translator | None = None,
) -> str:
    """Findings as text in the chosen format (human, text, json, sarif, github, markdown); the words around
    them in ``t``'s language (the findings themselves are translated by the caller, per file)."""
    if fmt == "json":
        from journeymap.formats.findings_json import format_findings

        return format_findings(files, version, t)
    if fmt == "sarif":
        from journeymap.formats.sarif import format_sarif

        return format_sarif(files, version)
    if fmt == "markdown":
        from journeymap.formats.findings_markdown import format_findings as markdown

        return markdown(files, t)
    if fmt == "human":
        from journeymap.formats.findings_human import format_findings as human

        return human(files, color, width, t)
    diagnostics = [d for f in files for d in f.findings]
    if fmt == "github":
        from journeymap.formats.github import format_annotations

        return format_annotations(diagnostics, summary_line(files, t), t)
    from journeymap.formats.text import format_diagnostics

    return format_diagnostics(diagnostics, summary_line(files, t), t)
