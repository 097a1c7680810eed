"""Counts shown in every summary: files, personas, stages, touchpoints, problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.diagnostics import Severity, count_by_severity
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

    def line(self) -> str:
        """One line such as "3 files, 5 personas, 14 stages, 48 touchpoints: no errors"."""
        counts = (
            f"{_n(self.files, 'file')}, {_n(self.personas, 'persona')}, "
            f"{_n(self.stages, 'stage')}, {_n(self.touchpoints, 'touchpoint')}"
        )
        if not self.errors and not self.warnings:
            return f"{counts}: all valid"
        problems = [_n(self.errors, "error")]
        if self.warnings:
            problems.append(_n(self.warnings, "warning"))
        where = f" in {_n(self.files_with_errors, 'file')}" if self.errors else ""
        return f"{counts}: {', '.join(problems)}{where}"


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


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
