"""Audit findings as GitHub-flavoured Markdown, for pull-request comments and docs pipelines."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.auditing.registry import why
from journeymap.auditing.report import AuditedFile, summary_line
from journeymap.diagnostics import Severity
from journeymap.formats import safe_terminal


def _md(text: str) -> str:
    return safe_terminal(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def format_findings(files: Sequence[AuditedFile]) -> str:
    out = ["# Touchpoint audit", "", _md(summary_line(files)), ""]
    for audited in files:
        out += [f"## {_md(audited.title or audited.path)}", "", f"`{_md(audited.path)}`", ""]
        if audited.valid:
            out += _stage_table(audited)
        if not audited.findings:
            out += ["No findings.", ""]
            continue
        out += ["| where | severity | rule | finding | what to do | why it matters |", "|---|---|---|---|---|---|"]
        for d in audited.findings:
            where = f"{d.span.line}:{d.span.column}" if d.span.line else ""
            rule = f"[{d.code}]({d.doc_url}) {d.name}"
            cells = [where, d.severity.label, rule, _md(d.message), _md(d.hint or ""), _md(why(d.code) or "")]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def _stage_table(audited: AuditedFile) -> list[str]:
    lines = ["| stage | errors | warnings | info |", "|---|---|---|---|"]
    for _, name, counts in audited.stage_counts():
        values = [counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]]
        lines.append(f"| {_md(name)} | " + " | ".join(str(v) for v in values) + " |")
    return [*lines, ""]
