"""Choose the presenter for audit findings (one ``AuditedFile`` per input file)."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.auditing.report import AuditedFile, summary_line
from journeymap.formats.summary import with_paths_not_read
from journeymap.loader import not_read
from journeymap.translation import Translator, english


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

        return format_annotations(diagnostics, audit_summary(files, t), t)
    from journeymap.formats.text import format_diagnostics

    return format_diagnostics(diagnostics, audit_summary(files, t), t)


def read_files(files: Sequence[AuditedFile]) -> tuple[list[AuditedFile], int]:
    """The files that were read, and how many paths could not be read (missing, no permission...)."""
    read = [f for f in files if f.valid or not not_read(f.findings)]
    return read, len(files) - len(read)


def audit_summary(files: Sequence[AuditedFile], t: Translator | None = None) -> str:
    """The audit's summary line of the files read, then the paths that could not be read (as ``validate``'s)."""
    read, paths = read_files(files)
    if not paths:
        return summary_line(files, t)
    return with_paths_not_read(summary_line(read, t) if read else None, len(read), paths, t or english())
