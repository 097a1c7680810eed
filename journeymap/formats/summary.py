"""Counts shown in every summary: files, personas, stages, touchpoints, problems, paths that could not be read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.diagnostics import Severity, count_by_severity
from journeymap.loader import not_read
from journeymap.translation import Msg, Translator, count, english
from journeymap.validation import ValidationResult


@dataclass(frozen=True)
class Summary:
    """The counts of one run. ``files`` are the files read; a path nothing was read from (missing, a directory
    where a file is needed, no permission, a folder with no YAML files) is one of ``paths_not_read``, not a
    file checked.

    ``errors``, ``warnings`` and ``infos`` count every diagnostic listed (those of the paths not read too);
    ``errors_in_files`` and ``files_with_errors`` only those of the files read.
    """

    files: int
    valid_files: int
    personas: int
    stages: int
    touchpoints: int
    errors: int
    warnings: int
    infos: int
    files_with_errors: int
    paths_not_read: int = 0
    errors_in_files: int = 0

    def line(self, t: Translator | None = None) -> str:
        """One line such as "3 files, 5 personas, 14 stages, 48 touchpoints: no errors" (in ``t``'s language),
        then the paths that could not be read."""
        t = t or english()
        if self.paths_not_read and not self.files:
            return with_paths_not_read(None, self.files, self.paths_not_read, t)
        sep = t.context("list separator", ", ")
        counts = sep.join(
            [
                count(t, self.files, "%(count)s file", "%(count)s files"),
                count(t, self.personas, "%(count)s persona", "%(count)s personas"),
                count(t, self.stages, "%(count)s stage", "%(count)s stages"),
                count(t, self.touchpoints, "%(count)s touchpoint", "%(count)s touchpoints"),
            ]
        )
        return with_paths_not_read(self._problems(counts, sep, t), self.files, self.paths_not_read, t)

    def _problems(self, counts: str, sep: str, t: Translator) -> str:
        if not self.errors_in_files and not self.warnings:
            return t(Msg("%(counts)s: all valid", counts=counts))
        problems = [count(t, self.errors_in_files, "%(count)s error", "%(count)s errors")]
        if self.warnings:
            problems.append(count(t, self.warnings, "%(count)s warning", "%(count)s warnings"))
        if not self.errors_in_files:
            return t(Msg("%(counts)s: %(problems)s", counts=counts, problems=sep.join(problems)))
        files = count(t, self.files_with_errors, "%(count)s file", "%(count)s files")
        return t(Msg("%(counts)s: %(problems)s in %(files)s", counts=counts, problems=sep.join(problems), files=files))


def with_paths_not_read(line: str | None, files: int, paths: int, t: Translator) -> str:
    """A summary ``line`` of the ``files`` read, then how many ``paths`` could not be read.

    Why not count such a path as a file: nothing was read from it, so "1 file" (or a file among those
    checked) told a user whose only path was misspelt that a file had been checked. Nothing read at all
    says so: "0 files checked, 1 path could not be read".
    """
    if not paths:
        return line or ""
    said = count(t, paths, "%(count)s path could not be read", "%(count)s paths could not be read")
    if not files:
        checked = count(t, files, "%(count)s file", "%(count)s files")
        return t(Msg("%(files)s checked, %(paths)s", files=checked, paths=said))
    return t(Msg("%(summary)s; %(paths)s", summary=line, paths=said)) if line else said


def summarise(results: Sequence[ValidationResult]) -> Summary:
    counts = count_by_severity(d for r in results for d in r.diagnostics)
    read = [r for r in results if not not_read(r.diagnostics)]
    return Summary(
        files=len(read),
        valid_files=sum(1 for r in results if r.journey is not None),
        personas=sum(r.counts[0] for r in results),
        stages=sum(r.counts[1] for r in results),
        touchpoints=sum(r.counts[2] for r in results),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        files_with_errors=sum(1 for r in read if any(d.severity is Severity.ERROR for d in r.diagnostics)),
        paths_not_read=len(results) - len(read),
        errors_in_files=sum(1 for r in read for d in r.diagnostics if d.severity is Severity.ERROR),
    )
