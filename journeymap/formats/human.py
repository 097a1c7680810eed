"""Rich terminal output: problems grouped by file, with the source line and a caret."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.formats import safe_terminal
from journeymap.formats.summary import Summary
from journeymap.translation import N_, Translator, english
from journeymap.validation import ValidationResult

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def format_results(
    results: Sequence[ValidationResult], summary: Summary, color: bool, width: int = 100, t: Translator | None = None
) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, emoji=False)
    for result in results:
        if not result.diagnostics:
            continue
        lines = result.text.splitlines()
        for diagnostic in result.diagnostics:
            console.print(_diagnostic(diagnostic, lines, t))
    console.print(_summary(summary, t))
    return buffer.getvalue()


#: Severity words as the human format shows them (the text format keeps ``error[CODE]`` for tools).
HINT = N_("hint")
SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}


def _diagnostic(diagnostic: Diagnostic, lines: list[str], t: Translator | None = None) -> Text:
    t = t or english()
    text = Text()
    text.append(safe_terminal(str(diagnostic.span)), style="bold")
    text.append(": ")
    text.append(f"{t(SEVERITY_WORDS[diagnostic.severity])}[{diagnostic.code}]", style=_STYLE[diagnostic.severity])
    text.append(" " + safe_terminal(diagnostic.message))
    line_no = diagnostic.span.line
    if 0 < line_no <= len(lines):
        source = safe_terminal(lines[line_no - 1].expandtabs(1))
        gutter = f"{t.number(f'{line_no:>5}')} | "
        text.append("\n" + gutter, style="dim")
        text.append(source[:200])
        caret_at = max(diagnostic.span.column - 1, 0)
        width = 1
        end = diagnostic.span
        if end.end_line == line_no and end.end_column and end.end_column > end.column:
            width = min(end.end_column - end.column, 60)
        text.append("\n" + " " * len(gutter) + " " * min(caret_at, 200))
        text.append("^" * width, style=_STYLE[diagnostic.severity])
    if diagnostic.hint:
        text.append(f"\n      = {t(HINT)}: ", style="cyan")
        text.append(safe_terminal(diagnostic.hint))
    text.append("\n")
    return text


def _summary(summary: Summary, t: Translator | None = None) -> Text:
    mark, style = ("✓", "bold green") if not summary.errors else ("✗", "bold red")
    text = Text(f"{mark} ", style=style)
    text.append(summary.line(t))
    return text
