"""Audit findings as GitHub-flavoured Markdown, for pull-request comments and docs pipelines."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.auditing.registry import why
from journeymap.auditing.report import AuditedFile
from journeymap.diagnostics import Severity
from journeymap.formats import safe_terminal
from journeymap.formats.findings import audit_summary
from journeymap.formats.human import SEVERITY_WORDS
from journeymap.translation import N_, Translator, english, wrap_direction


def _md(text: str) -> str:
    return safe_terminal(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


TITLE = N_("Touchpoint audit")


def format_findings(files: Sequence[AuditedFile], t: Translator | None = None) -> str:
    """A heading, the summary, then per file its findings by stage and a table of findings; in ``t``'s
    language, wrapped in a right-to-left block when that language is written right to left."""
    t = t or english()
    out = [f"# {t(TITLE)}", "", _md(audit_summary(files, t)), ""]
    for audited in files:
        out += [f"## {_md(audited.title or audited.path)}", "", f"`{_md(audited.path)}`", ""]
        if audited.valid:
            out += _stage_table(audited, t)
        if not audited.findings:
            out += [t(N_("No findings.")), ""]
            continue
        heads = [N_("where"), N_("severity"), N_("rule"), N_("finding"), N_("what to do"), N_("why it matters")]
        out += ["| " + " | ".join(t(h) for h in heads) + " |", "|---|---|---|---|---|---|"]
        for d in audited.findings:
            where = t.number(f"{d.span.line}:{d.span.column}") if d.span.line else ""
            rule = f"[{d.code}]({d.doc_url}) {d.name}"
            severity = t(SEVERITY_WORDS[d.severity])
            cells = [where, severity, rule, _md(d.message), _md(d.hint or ""), _md(t(why(d.code) or ""))]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return wrap_direction("\n".join(out), t)


def _stage_table(audited: AuditedFile, t: Translator) -> list[str]:
    heads = [N_("stage"), N_("errors"), N_("warnings"), N_("info")]
    lines = ["| " + " | ".join(t(h) for h in heads) + " |", "|---|---|---|---|"]
    for _, name, counts in audited.stage_counts():
        values = [counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]]
        shown = t(N_("journey-wide")) if name == "journey-wide" else name
        lines.append(f"| {_md(shown)} | " + " | ".join(t.number(str(v)) for v in values) + " |")
    return [*lines, ""]
