"""One workspace run: load, validate, score and audit each journey once; every command reads the result.

Why: when each command had its own loop, the same journey was checked four
ways (the map said a target was missed, the audit said nothing). Here every
file is loaded and validated once, with one settings object; scores and
findings are computed on first use (``render -f mermaid`` never pays for an
audit) and then shared by every presenter. The exit-code policy lives here
too, so that all commands agree on it.

    import journeymap
    workspace = journeymap.run(["journeys/"])
    for result in workspace.valid:
        print(result.path, result.scores.overall.score, len(result.findings))
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE
from journeymap.settings.project import NO_PROJECT, ProjectSettings, find_project

if TYPE_CHECKING:
    from journeymap.auditing.engine import Settings as AuditSettings
    from journeymap.auditing.report import AuditedFile
    from journeymap.loader import LoadResult, Source
    from journeymap.model import Journey
    from journeymap.rendering import Friction
    from journeymap.scoring import JourneyScore
    from journeymap.settings.friction import ScoringConfig
    from journeymap.validation import ValidationResult


Progress = Callable[[Sequence["Source"]], Iterable["Source"]]


@dataclass(frozen=True)
class RunSettings:
    """Everything from outside the journeys that changes a result: one object for the whole run."""

    persona: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    project: ProjectSettings = NO_PROJECT
    #: Use the measured snapshot beside each journey (``<journey>.measured.json``) as its metrics.
    measured: bool = True

    @classmethod
    def for_directory(
        cls,
        directory: Path,
        persona: str | None = None,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        measured: bool = True,
    ) -> RunSettings:
        """Settings with the project file found from ``directory`` up (what the CLI uses, from the cwd)."""
        return cls(persona, select, ignore, find_project(directory), measured)

    @cached_property
    def audit(self) -> AuditSettings:
        from journeymap.auditing.engine import Settings, check_references

        project = self.project
        settings = Settings(self.select, self.ignore, project.audit, str(project.path) if project.path else None)
        check_references(settings)
        return settings


@dataclass
class JourneyResult:
    """One file of the run: what was loaded, whether it is a valid journey, and (on demand) its analysis."""

    loaded: LoadResult
    validation: ValidationResult
    settings: RunSettings = field(default_factory=RunSettings)
    #: A persona or channel library (personas.yaml, channels.yaml) given by name: checked, not a journey.
    library: bool = False

    @property
    def path(self) -> str:
        return self.validation.path

    @property
    def journey(self) -> Journey | None:
        return self.validation.journey

    @property
    def valid(self) -> bool:
        return self.validation.journey is not None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The validation diagnostics (errors and warnings about the file itself)."""
        return self.validation.diagnostics

    @cached_property
    def scoring_config(self) -> ScoringConfig:
        return self.settings.project.scoring_for(self.require_journey().scoring)

    @cached_property
    def scores(self) -> JourneyScore:
        """Friction for every touchpoint, stage, persona and channel, with the run's persona and settings."""
        from journeymap.scoring import score

        with rare_collections():
            return score(self.require_journey(), self.scoring_config, self.settings.persona)

    @cached_property
    def friction(self) -> Friction:
        """Heat for maps and flows: the friction model's scores, with the run's settings."""
        from journeymap.rendering import Friction

        return Friction.of(self.scores)

    def render(
        self,
        fmt: str,
        view: str = "map",
        theme: str = "light",
        stages: Sequence[str] | None = None,
        page: str | None = None,
    ) -> bytes:
        """The journey drawn in ``fmt``; Mermaid needs no friction, so it is never scored for it. ``stages`` and
        ``page`` choose what the view shows; the scores are always the whole journey's.

        What cannot be drawn (a usage error, a flow too big to lay out) is refused before scoring.
        """
        from journeymap.rendering import check_drawable, render

        check_drawable(self.require_journey(), fmt, view, theme, self.settings.persona)
        heat = None if fmt == "mermaid" else self.friction
        with rare_collections():
            return render(self.require_journey(), fmt, view, theme, self.settings.persona, heat, stages, page)

    @cached_property
    def findings(self) -> list[Diagnostic]:
        """Audit findings for a valid journey; the validation diagnostics for an invalid one."""
        if self.journey is None:
            return self.diagnostics
        from journeymap.auditing import audit

        with rare_collections():
            return audit(self.journey, self.loaded.source_map, self.settings.audit)

    @cached_property
    def audited(self) -> AuditedFile:
        """The findings as the audit presenters read them (with stage names and counts)."""
        from journeymap.auditing.report import audited, invalid

        if self.journey is None:
            return invalid(self.path, self.loaded.text, self.diagnostics)
        return audited(self.path, self.loaded.text, self.journey, self.findings)

    def require_journey(self) -> Journey:
        if self.journey is None:
            raise ValueError(f"{self.path} is not a valid journey")
        return self.journey


@dataclass
class Workspace:
    """Every file of one run, in the order given (directories sorted)."""

    results: list[JourneyResult]
    settings: RunSettings

    @property
    def valid(self) -> list[JourneyResult]:
        return [r for r in self.results if r.valid]

    @property
    def invalid(self) -> list[JourneyResult]:
        """Files that should have been journeys and are not (libraries are not journeys)."""
        return [r for r in self.results if not r.valid and not r.library]

    @property
    def validations(self) -> list[ValidationResult]:
        return [r.validation for r in self.results]

    @property
    def not_read(self) -> list[JourneyResult]:
        """Paths nothing was read from (missing, a directory with no YAML, no permission): not files checked."""
        from journeymap.loader import not_read

        return [r for r in self.results if not_read(r.diagnostics)]

    @property
    def files_read(self) -> int:
        """How many files the run read: the paths nothing was read from are not among them."""
        return len(self.results) - len(self.not_read)

    def exit_code(self, fail_on: Severity | None = None) -> int:
        """2: nothing to work on, or an input could not be read; 1: an invalid journey, or a finding at
        ``fail_on`` or worse; else 0. Every command uses this one rule."""
        from journeymap.loader import UNREADABLE_CODES

        problems = [d for r in self.results for d in r.diagnostics]
        if not self.results or any(d.code in UNREADABLE_CODES for d in problems):
            return EXIT_UNUSABLE
        if any(d.severity is Severity.ERROR for d in problems) or self.invalid:
            return EXIT_PROBLEMS
        if fail_on is not None and any(d.severity >= fail_on for r in self.valid for d in r.findings):
            return EXIT_PROBLEMS
        return EXIT_OK


@contextmanager
def rare_collections() -> Iterator[None]:
    """Young garbage collections every ``YOUNG`` new containers, and no older ones, while one analysis runs.

    Why: scoring, auditing or drawing a 10,000-touchpoint journey builds a few hundred thousand
    objects (scores, contributions, findings, map parts) that live to the end and form no cycles.
    With CPython's default thresholds (700, 10, 10) the collector walked them again and again:
    7.4 of 17.6 s of CPU when scoring 10,000 touchpoints. The thresholds are those of loading
    (``loader.collector``); unlike there, nothing is frozen or unfrozen, so what the caller froze
    stays frozen (the command line keeps its journeys frozen) and what it did not stays collectable.
    Nested blocks change nothing; the outermost puts the caller's thresholds back.
    """
    from journeymap.loader.collector import YOUNG

    saved = gc.get_threshold()
    if saved[0] >= YOUNG:  # already collecting rarely (a nested block, or loading)
        yield
        return
    gc.set_threshold(YOUNG, 1000, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def run(paths: Sequence[str], settings: RunSettings | None = None, progress: Progress | None = None) -> Workspace:
    """Load and validate every journey under ``paths`` (files, directories, globs, ``-``).

    Scores and findings are computed when a presenter first asks for them.
    Raises UsageError when ``settings.persona`` is not a persona of a valid journey.
    """
    from journeymap.loader.collector import few_collections

    with few_collections():
        return _run(paths, settings, progress)


def _run(paths: Sequence[str], settings: RunSettings | None, progress: Progress | None) -> Workspace:
    from journeymap.loader import expand, load
    from journeymap.loader.library import is_library_file
    from journeymap.validation import ValidationResult, validate

    chosen = settings or RunSettings()
    if chosen.select or chosen.ignore:
        chosen.audit  # noqa: B018 - an unknown rule is a usage error before any file is read
    sources, problems = expand(list(paths))
    results = [_unusable(p, ValidationResult) for p in problems]
    for source in progress(sources) if progress else sources:
        if is_library_file(source.path):
            results.append(_library(source.path, chosen))
            continue
        loaded = load(source)
        results.append(JourneyResult(loaded, validate(loaded, chosen.measured), chosen))
    workspace = Workspace(results, chosen)
    _check_persona(workspace)
    return workspace


def _library(path: str, settings: RunSettings) -> JourneyResult:
    """A persona or channel library named on the command line (as pre-commit does): its own problems only."""
    from journeymap.loader import LoadResult
    from journeymap.loader.library import LIBRARY_NAMES, read_section
    from journeymap.validation import ValidationResult

    kind = next(k for k, names in LIBRARY_NAMES.items() if Path(path).name in names)
    section = read_section(path, kind)
    validation = ValidationResult(path, None, list(section.problems))
    return JourneyResult(LoadResult(path), validation, settings, library=True)


def _unusable(problem: Diagnostic, result_type: type[ValidationResult]) -> JourneyResult:
    from journeymap.loader import LoadResult

    return JourneyResult(LoadResult(problem.span.path), result_type(problem.span.path, None, [problem]))


def _check_persona(workspace: Workspace) -> None:
    for result in workspace.valid:
        result.require_journey().require_persona(workspace.settings.persona, result.path)


__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_UNUSABLE",
    "JourneyResult",
    "RunSettings",
    "Workspace",
    "rare_collections",
    "run",
]
