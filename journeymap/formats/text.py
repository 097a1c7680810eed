"""The plain, parsable format: ``path:line:col: severity[CODE] message``."""

from __future__ import annotations

from collections.abc import Iterable

from journeymap.diagnostics import Diagnostic
from journeymap.formats import safe_terminal
from journeymap.translation import N_, Translator


def format_diagnostic(diagnostic: Diagnostic, t: Translator | None = None) -> str:
    """``path:line:col: severity[CODE] message`` and the hint; ``severity[CODE]`` stays English in every
    language (tools and problem matchers parse it), the words after it are in ``t``'s language."""
    head = f"{diagnostic.span}: {diagnostic.severity.label}[{diagnostic.code}] {diagnostic.message}"
    lines = [safe_terminal(head)]
    if diagnostic.hint:
        label = t(N_("hint")) if t is not None else "hint"
        lines.append(safe_terminal(f"  {label}: {diagnostic.hint}"))
    return "\n".join(lines)


def format_diagnostics(diagnostics: Iterable[Diagnostic], summary: str, t: Translator | None = None) -> str:
    lines = [format_diagnostic(d, t) for d in diagnostics]
    lines.append(summary)
    return "\n".join(lines) + "\n"
