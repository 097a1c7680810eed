"""``journeymap validate``: check journey files against format v1."""

from __future__ import annotations

import shutil
import sys

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import FormatOpt, OutputFormat, Paths


def command(paths: Paths, output_format: FormatOpt = OutputFormat.auto) -> None:
    """Check journey files: YAML syntax, the format, and every cross-reference.

    Reports every problem in every file in one run, as
    [bold]path:line:col: error[CODE] message[/bold] with a hint.
    Exit code 0: all valid; 1: errors found; 2: a file could not be read or a usage error.

    [dim]Examples:[/dim]

      journeymap validate examples/

      journeymap validate journeys/*.yaml --format github

      cat journey.yaml | journeymap validate -
    """
    raise typer.Exit(guarded(lambda: _run(paths, output_format.value)))


def _run(paths: list[str], requested_format: str) -> int:
    from journeymap import __version__
    from journeymap.diagnostics import Severity
    from journeymap.formats import resolve_format
    from journeymap.formats.summary import summarise
    from journeymap.formats.validation import present
    from journeymap.io import use_color
    from journeymap.loader import UNREADABLE_CODES, expand, load
    from journeymap.validation import ValidationResult, validate

    sources, problems = expand(paths)
    results = [ValidationResult(p.span.path, None, [p]) for p in problems]
    results += [validate(load(source)) for source in sources]
    summary = summarise(results)
    fmt = resolve_format(requested_format, sys.stdout.isatty())
    width = shutil.get_terminal_size((100, 24)).columns
    sys.stdout.write(present(fmt, results, summary, __version__, use_color(sys.stdout), width))
    diagnostics = [d for r in results for d in r.diagnostics]
    if any(d.code in UNREADABLE_CODES for d in diagnostics):
        return 2
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0
