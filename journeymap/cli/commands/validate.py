"""``journeymap validate``: check journey files against format v1."""

from __future__ import annotations

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


def _run(paths: list[str], requested: str) -> int:
    from journeymap.cli.outputs import load_workspace, present_validation

    workspace = load_workspace(paths)
    sys.stdout.write(present_validation(workspace, requested))
    return workspace.exit_code()
