"""One diagnostic type for every stage of the pipeline.

Why: the loader, schema validation, semantic checks and (later) audit rules
all report problems the same way, so every presenter (text, rich, JSON,
GitHub annotations, SARIF) consumes one shape and sorts it one way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter


class Severity(enum.IntEnum):
    """How serious a diagnostic is; higher is worse, so thresholds compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Span:
    """A place in a source file: 1-based line and column, optional end."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in an input, with where it is and how to fix it."""

    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    #: For audit findings: the stage and touchpoint they are about (None when journey-wide), known
    #: from where the rule looked, never guessed back from line numbers.
    stage: str | None = field(default=None, compare=False)
    touchpoint: str | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        from journeymap.codes import CODES

        return CODES[self.code].name

    @property
    def doc_url(self) -> str:
        from journeymap.codes import doc_url

        return doc_url(self.code)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.column, self.code, self.message)


def sort_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by position then code, dropping exact repeats (same code, place, text)."""
    keyed = [(diagnostic.sort_key(), diagnostic) for diagnostic in diagnostics]  # each key made once
    keyed.sort(key=itemgetter(0))
    seen: set[tuple[str, int, int, str, str]] = set()
    result = []
    for key, diagnostic in keyed:
        if key not in seen:
            seen.add(key)
            result.append(diagnostic)
    return result


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)
