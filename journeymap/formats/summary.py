"""Counts shown in every summary: files, personas, stages, touchpoints, problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.diagnostics import Severity, count_by_severity
from journeymap.translation import Msg, Translator, count, english
from journeymap.validation import ValidationResult


@dataclass(frozen=True)
class Summary:
    files: int
    valid_files: int
    personas: int
    stages: int
    touchpoints: int
    errors: int
    warnings: int
    infos: int
    files_with_errors: int

    def line(self, t: Translator | None = None) -> str:
        """One line such as "3 files, 5 personas, 14 stages, 48 touchpoints: no errors" (in ``t``'s language)."""
        t = t or english()
        sep = t.context("list separator", ", ")
        counts = sep.join(
            [
                count(t, self.files, "%(count)s file", "%(count)s files"),
                count(t, self.personas, "%(count)s persona", "%(count)s personas"),
                count(t, self.stages, "%(count)s stage", "%(count)s stages"),
                count(t, self.touchpoints, "%(count)s touchpoint", "%(count)s touchpoints"),
            ]
        )
        if not self.errors and not self.warnings:
            return t(Msg("%(counts)s: all valid", counts=counts))
        problems = [count(t, self.errors, "%(count)s error", "%(count)s errors")]
        if self.warnings:
            problems.append(count(t, self.warnings, "%(count)s warning", "%(count)s warnings"))
        if not self.errors:
            return t(Msg("%(counts)s: %(problems)s", counts=counts, problems=sep.join(problems)))
        files = count(t, self.files_with_errors, "%(count)s file", "%(count)s files")
        return t(Msg("%(counts)s: %(problems)s in %(files)s", counts=counts, problems=sep.join(problems), files=files))


def summarise(results: Sequence[ValidationResult]) -> Summary:
    counts = count_by_severity(d for r in results for d in r.diagnostics)
    return Summary(
        files=len(results),
        valid_files=sum(1 for r in results if r.journey is not None),
        personas=sum(r.counts[0] for r in results),
        stages=sum(r.counts[1] for r in results),
        touchpoints=sum(r.counts[2] for r in results),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        files_with_errors=sum(1 for r in results if any(d.severity is Severity.ERROR for d in r.diagnostics)),
    )
