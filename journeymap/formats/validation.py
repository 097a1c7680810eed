"""Choose the presenter for validation results."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.formats.summary import Summary
from journeymap.translation import Translator
from journeymap.validation import ValidationResult


def present(
    fmt: str,
    results: Sequence[ValidationResult],
    summary: Summary,
    version: str,
    color: bool,
    width: int = 100,
    t: Translator | None = None,
) -> str:
    """Validation results as text in the chosen format (human, text, json, sarif, github), messages and hints
    in ``t``'s language (English by default)."""
    if t is not None and not t.english:
        from journeymap.formats.localized import localized_results

        results = localized_results(results, t)
    diagnostics = [d for r in results for d in r.diagnostics]
    if fmt == "sarif":
        from journeymap.formats.sarif import format_validation_sarif

        return format_validation_sarif(results, version)
    if fmt == "json":
        from journeymap.formats.json import format_validation

        return format_validation(results, summary, version)
    if fmt == "github":
        from journeymap.formats.github import format_annotations

        return format_annotations(diagnostics, summary.line(t), t)
    if fmt == "human":
        from journeymap.formats.human import format_results

        return format_results(results, summary, color, width, t)
    from journeymap.formats.text import format_diagnostics

    return format_diagnostics(diagnostics, summary.line(t), t)
