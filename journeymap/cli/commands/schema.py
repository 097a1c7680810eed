"""``journeymap schema``: print the JSON Schema of the journey format."""

from __future__ import annotations

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command


@journeymap_command("schema")
@options.output
@options.lang
def command(output: str, lang: str | None) -> int:
    """Print the JSON Schema (draft 2020-12) of journey format v1.

    Point your editor at it for completion and inline checks: add this line to the top of a journey file:

      # yaml-language-server: $schema=journeymap.schema.json

    Examples:

      journeymap schema > journeymap.schema.json

      journeymap schema -o docs/schema/journeymap.schema.json
    """
    return guarded(lambda: _run(output), lang)


def _run(output: str) -> int:
    from journeymap.io import write_atomic
    from journeymap.model.json_schema import schema_text

    write_atomic(output, schema_text().encode("utf-8"))
    return 0
