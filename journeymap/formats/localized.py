"""Diagnostics in the reader's language: the one place presenters translate messages and hints.

Why before presenting: every format (human, text, JSON, SARIF, GitHub) then shows the same words, and the
analysis that made the diagnostics stays language-free (docs/decisions/0016-translations.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from journeymap.diagnostics import Diagnostic
from journeymap.translation import Translator, translate

if TYPE_CHECKING:  # only named in signatures: `measure` prints diagnostics without the journey model
    from journeymap.auditing.report import AuditedFile
    from journeymap.validation import ValidationResult


def localized(diagnostic: Diagnostic, t: Translator) -> Diagnostic:
    """A diagnostic with its message and hint in ``t``'s language (unchanged in English)."""
    if t.english:
        return diagnostic
    hint = translate(diagnostic.hint, t) if diagnostic.hint else diagnostic.hint
    return replace(diagnostic, message=translate(diagnostic.message, t), hint=hint)


def localized_results(results: Sequence[ValidationResult], t: Translator) -> list[ValidationResult]:
    return [replace(r, diagnostics=[localized(d, t) for d in r.diagnostics]) for r in results]


def localized_file(audited: AuditedFile, t: Translator) -> AuditedFile:
    return replace(audited, findings=[localized(d, t) for d in audited.findings])
