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
from journeymap.auditing.report import AuditedFile, totals
from journeymap.codes import CODES
from journeymap.diagnostics import Severity
from journeymap.formats import safe_terminal
from journeymap.formats.findings import audit_summary
from journeymap.formats.human import _diagnostic
from journeymap.translation import N_, Msg, Translator, english

WHY, MOST_FREQUENT = N_("why"), N_("most frequent")


def format_findings(files: Sequence[AuditedFile], color: bool, width: int = 100, t: Translator | None = None) -> str:
    t = t or english()
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, emoji=False)
    for audited in files:
        lines = audited.text.splitlines()
        for diagnostic in audited.findings:
            text = _diagnostic(diagnostic, lines, t)
            reason = why(diagnostic.code)
            if reason:
                text.append(f"      = {t(WHY)}: ", style="magenta")
                text.append(t(reason) + "\n")
            console.print(text)
        if audited.valid:
            console.print(_stage_table(audited, t))
    counts = totals(files)
    failed = counts[Severity.ERROR] or any(not f.valid for f in files)
    mark, style = ("✗", "bold red") if failed else ("✓", "bold green")
    line = Text(f"{mark} ", style=style)
    line.append(audit_summary(files, t))
    console.print(line)
    return buffer.getvalue()


def _stage_table(audited: AuditedFile, t: Translator) -> Text:
    title = safe_terminal(audited.title or audited.path)
    heading = t(Msg("%(title)s (%(path)s): findings by stage", title=title, path=safe_terminal(audited.path)))
    text = Text(heading + "\n", style="bold")
    rows = [(t(N_("journey-wide")) if sid == "-" else name, counts) for sid, name, counts in audited.stage_counts()]
    width = max((len(safe_terminal(name)) for name, _ in rows), default=10)
    for name, counts in rows:
        text.append(f"  {safe_terminal(name):<{width}}  ")
        text.append(_counts(counts, t))
        text.append("\n")
    common = Counter(d.code for d in audited.findings).most_common(3)
    if common:
        listed = t.context("list separator", ", ").join(
            f"{code} {CODES[code].name} ×{t.number(str(n))}" for code, n in common
        )
        text.append(f"  {t(MOST_FREQUENT)}: {listed}\n")
    return text


def _counts(counts: dict[Severity, int], t: Translator) -> str:
    if not any(counts.values()):
        return "-"
    parts = [
        t(Msg("%(count)s error", count=counts[Severity.ERROR])),
        t(Msg("%(count)s warning", count=counts[Severity.WARNING])),
        t(Msg("%(count)s info", count=counts[Severity.INFO])),
    ]
    shown = [
        part
        for part, n in zip(parts, (counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)), strict=True)
        if n
    ]
    return t.context("list separator", ", ").join(shown)
