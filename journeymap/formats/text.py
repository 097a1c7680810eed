"""The plain, parsable format: ``path:line:col: severity[CODE] message``."""

from __future__ import annotations

from collections.abc import Iterable

from journeymap.diagnostics import Diagnostic
from journeymap.formats import safe_terminal


def format_diagnostic(diagnostic: Diagnostic) -> str:
    head = f"{diagnostic.span}: {diagnostic.severity.label}[{diagnostic.code}] {diagnostic.message}"
    lines = [safe_terminal(head)]
    if diagnostic.hint:
        lines.append(safe_terminal(f"  hint: {diagnostic.hint}"))
    return "\n".join(lines)


def format_diagnostics(diagnostics: Iterable[Diagnostic], summary: str) -> str:
    lines = [format_diagnostic(d) for d in diagnostics]
    lines.append(summary)
    return "\n".join(lines) + "\n"
