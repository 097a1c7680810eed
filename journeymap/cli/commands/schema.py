"""``journeymap schema``: print the JSON Schema of the journey format."""

from __future__ import annotations

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import LangOpt, OutputOpt


def command(output: OutputOpt = "-", lang: LangOpt = None) -> None:
    """Print the JSON Schema (draft 2020-12) of journey format v1.

    Point your editor at it for completion and inline checks: add
    [bold]# yaml-language-server: $schema=journeymap.schema.json[/bold] to the top of a journey file.

    [dim]Examples:[/dim]

      journeymap schema > journeymap.schema.json

      journeymap schema -o docs/schema/journeymap.schema.json
    """
    raise typer.Exit(guarded(lambda: _run(output), lang))


def _run(output: str) -> int:
    from journeymap.io import write_atomic
    from journeymap.model.json_schema import schema_text

    write_atomic(output, schema_text().encode("utf-8"))
    return 0
