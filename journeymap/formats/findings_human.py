"""Audit findings for people: the validate layout (source line, caret, hint) plus why it matters.

Why reuse ``formats.human``: a finding is a Diagnostic, so it looks exactly
like a validation problem, with one more line saying why it matters, and a
per-stage summary so a CX lead sees where the journey hurts.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from journeymap.auditing.registry import why
from journeymap.auditing.report import AuditedFile, summary_line, totals
from journeymap.codes import CODES
from journeymap.diagnostics import Severity
from journeymap.formats import safe_terminal
from journeymap.formats.human import _diagnostic


def format_findings(files: Sequence[AuditedFile], color: bool, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, emoji=False)
    for audited in files:
        lines = audited.text.splitlines()
        for diagnostic in audited.findings:
            text = _diagnostic(diagnostic, lines)
            reason = why(diagnostic.code)
            if reason:
                text.append("      = why: ", style="magenta")
                text.append(reason + "\n")
            console.print(text)
        if audited.valid:
            console.print(_stage_table(audited))
    counts = totals(files)
    failed = counts[Severity.ERROR] or any(not f.valid for f in files)
    mark, style = ("✗", "bold red") if failed else ("✓", "bold green")
    line = Text(f"{mark} ", style=style)
    line.append(summary_line(files))
    console.print(line)
    return buffer.getvalue()


def _stage_table(audited: AuditedFile) -> Text:
    title = safe_terminal(audited.title or audited.path)
    text = Text(f"{title} ({safe_terminal(audited.path)}): findings by stage\n", style="bold")
    rows = audited.stage_counts()
    width = max((len(safe_terminal(name)) for _, name, _ in rows), default=10)
    for _, name, counts in rows:
        text.append(f"  {safe_terminal(name):<{width}}  ")
        text.append(_counts(counts))
        text.append("\n")
    common = Counter(d.code for d in audited.findings).most_common(3)
    if common:
        text.append("  most frequent: " + ", ".join(f"{code} {CODES[code].name} ×{n}" for code, n in common) + "\n")
    return text


def _counts(counts: dict[Severity, int]) -> str:
    if not any(counts.values()):
        return "-"
    parts = [(counts[Severity.ERROR], "error"), (counts[Severity.WARNING], "warning"), (counts[Severity.INFO], "info")]
    return ", ".join(f"{n} {label}" for n, label in parts if n)
