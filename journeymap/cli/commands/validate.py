"""``journeymap validate``: check journey files against format v1."""

from __future__ import annotations

import sys

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command


@journeymap_command("validate")
@options.paths
@options.validate_format
@options.only_journeys
@options.no_measured
@options.lang
def command(paths: tuple[str, ...], output_format: str, only_journeys: bool, lang: str | None) -> int:
    """Check journey files: YAML syntax, the format, and every cross-reference.

    Reports every problem in every file in one run, as
    path:line:col: error[CODE] message with a hint.
    Exit code 0: all valid; 1: errors found; 2: a file could not be read or a usage error.

    With --only-journeys (for pre-commit and CI, which hand over every YAML file),
    files named *.journey.yaml / *.journey.yml or kept under a journeys/ folder are always
    checked; any other YAML file is checked only when its top level has a `journey:` key,
    and skipped silently otherwise (a GitHub workflow, a docker-compose file). The number
    skipped is said on standard error.

    Examples:

      journeymap validate examples/

      journeymap validate journeys/*.yaml --format github

      journeymap validate --only-journeys $(git ls-files '*.yaml' '*.yml')

      journeymap validate journeys/ --format sarif > validate.sarif

      cat journey.yaml | journeymap validate -

      journeymap validate --lang ar journeys/
    """
    return guarded(lambda: _run(list(paths), output_format, only_journeys, lang), lang)


def _run(paths: list[str], requested: str, only_journeys: bool, lang: str | None = None) -> int:
    from journeymap.cli.only_journeys import journeys_only
    from journeymap.cli.outputs import load_workspace, present_validation

    if only_journeys:
        paths = journeys_only(paths)
        if not paths:
            return 0
    workspace = load_workspace(paths)
    sys.stdout.write(present_validation(workspace, requested, lang))
    return workspace.exit_code()
