"""One audited file as every presenter sees it: findings, their stages and the counts.

Why here and not in each presenter: human, Markdown, JSON and SARIF output
must agree on which stage a finding belongs to and on the summary numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic, Severity, count_by_severity
from journeymap.model import Journey
from journeymap.translation import Msg, Translator, count, english


@dataclass(frozen=True)
class AuditedFile:
    """A file's findings (or its validation diagnostics when it is not a valid journey)."""

    path: str
    text: str
    findings: list[Diagnostic]
    stage_ids: list[str | None]  # the stage of each finding, None for journey-wide ones
    valid: bool = True
    title: str | None = None
    journey_id: str | None = None
    stages: list[tuple[str, str]] = field(default_factory=list)  # (id, name) in journey order

    def stage_counts(self) -> list[tuple[str, str, dict[Severity, int]]]:
        """(stage id, name, counts by severity) for each stage, then ``journey-wide``.

        Counted in one pass over the findings (not one per stage: a big journey has tens of thousands).
        """
        counts: dict[str | None, dict[Severity, int]] = {sid: dict.fromkeys(Severity, 0) for sid, _ in self.stages}
        wide = counts[None] = dict.fromkeys(Severity, 0)
        for diagnostic, stage_id in zip(self.findings, self.stage_ids, strict=True):
            found = counts.get(stage_id)
            if found is not None:
                found[diagnostic.severity] += 1
        rows = [(sid, name, counts[sid]) for sid, name in self.stages]
        if any(wide.values()):
            rows.append(("-", "journey-wide", wide))
        return rows


def audited(path: str, text: str, journey: Journey, findings: list[Diagnostic]) -> AuditedFile:
    """Findings grouped by the stage each one names (``Diagnostic.stage``), in journey order."""
    stages = [(s.id, s.name) for s in journey.stages]
    return AuditedFile(path, text, findings, [d.stage for d in findings], True, journey.info.title, journey.id, stages)


def invalid(path: str, text: str, diagnostics: list[Diagnostic]) -> AuditedFile:
    return AuditedFile(path, text, diagnostics, [None] * len(diagnostics), valid=False)


def totals(files: Sequence[AuditedFile]) -> dict[Severity, int]:
    """Findings by severity over the valid journeys (invalid files have diagnostics, not findings)."""
    return count_by_severity(d for f in files if f.valid for d in f.findings)


def summary_line(files: Sequence[AuditedFile], t: Translator | None = None) -> str:
    """One line such as "3 files: 17 findings (0 errors, 14 warnings, 3 info)" (in ``t``'s language)."""
    t = t or english()
    counts = totals(files)
    head = count(t, len(files), "%(count)s file", "%(count)s files")
    broken = [f for f in files if not f.valid]
    if broken:
        errors = sum(1 for f in broken for d in f.findings if d.severity is Severity.ERROR)
        head = t(
            Msg(
                "%(files)s, %(broken)s not a valid journey (%(errors)s)",
                files=head,
                broken=len(broken),
                errors=count(t, errors, "%(count)s error", "%(count)s errors"),
            )
        )
    total = sum(counts.values())
    if not total:
        return t(Msg("%(files)s: no findings", files=head))
    return t(
        Msg(
            "%(files)s: %(findings)s (%(errors)s, %(warnings)s, %(infos)s info)",
            files=head,
            findings=count(t, total, "%(count)s finding", "%(count)s findings"),
            errors=count(t, counts[Severity.ERROR], "%(count)s error", "%(count)s errors"),
            warnings=count(t, counts[Severity.WARNING], "%(count)s warning", "%(count)s warnings"),
            infos=t.number(str(counts[Severity.INFO])),
        )
    )
