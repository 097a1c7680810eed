"""``journeymap validate``: check journey files against format v1."""

from __future__ import annotations

import re
import sys
from pathlib import PurePath

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import OnlyJourneysOpt, Paths, ValidateFormat, ValidateFormatOpt

#: File names that say "journey" (the naming convention the pre-commit hooks and the Action rely on).
JOURNEY_SUFFIXES = (".journey.yaml", ".journey.yml")
#: A folder of this name holds journeys: every YAML file under it is one.
JOURNEY_FOLDER = "journeys"
#: A top-level ``journey:`` key (block style, optionally quoted), the mark of a journey file.
_JOURNEY_KEY = re.compile(r"""^(?:journey|"journey"|'journey')[ \t]*:""", re.MULTILINE)
_FLOW_START = re.compile(r"\A(?:\ufeff)?(?:[ \t]*(?:#[^\n]*)?\n)*(?:---[ \t]*\n)?[ \t]*\{")


def command(
    paths: Paths,
    output_format: ValidateFormatOpt = ValidateFormat.auto,
    only_journeys: OnlyJourneysOpt = False,
) -> None:
    """Check journey files: YAML syntax, the format, and every cross-reference.

    Reports every problem in every file in one run, as
    [bold]path:line:col: error[CODE] message[/bold] with a hint.
    Exit code 0: all valid; 1: errors found; 2: a file could not be read or a usage error.

    With [bold]--only-journeys[/bold] (for pre-commit and CI, which hand over every YAML file),
    files named *.journey.yaml / *.journey.yml or kept under a journeys/ folder are always
    checked; any other YAML file is checked only when its top level has a `journey:` key,
    and skipped silently otherwise (a GitHub workflow, a docker-compose file). The number
    skipped is said on standard error.

    [dim]Examples:[/dim]

      journeymap validate examples/

      journeymap validate journeys/*.yaml --format github

      journeymap validate --only-journeys $(git ls-files '*.yaml' '*.yml')

      journeymap validate journeys/ --format sarif > validate.sarif

      cat journey.yaml | journeymap validate -
    """
    raise typer.Exit(guarded(lambda: _run(paths, output_format.value, only_journeys)))


def _run(paths: list[str], requested: str, only_journeys: bool) -> int:
    from journeymap.cli.outputs import load_workspace, present_validation

    if only_journeys:
        paths, skipped = select_journeys(paths)
        if skipped:
            what = "file that is not a journey" if skipped == 1 else "files that are not journeys"
            print(f"journeymap: skipped {skipped} YAML {what} (no top-level `journey:` key)", file=sys.stderr)
        if not paths:
            print("journeymap: no journey files to check", file=sys.stderr)
            return 0
    workspace = load_workspace(paths)
    sys.stdout.write(present_validation(workspace, requested))
    return workspace.exit_code()


def is_journey_name(path: str) -> bool:
    """Named like a journey: ``*.journey.yaml`` / ``*.journey.yml``, or inside a ``journeys/`` folder."""
    pure = PurePath(path.replace("\\", "/"))
    return pure.name.lower().endswith(JOURNEY_SUFFIXES) or JOURNEY_FOLDER in pure.parts[:-1]


def looks_like_journey(path: str) -> bool:
    """Whether a file may be a journey: its name says so, it is a persona or channel library, or its
    top level has a ``journey:`` key. Only a readable file without any of these is "clearly not one".

    Why this cheap text check and not a YAML parse: it decides which files to parse at all, and it
    must never skip a journey, so anything unusual (unreadable, flow style) counts as a journey.
    """
    from journeymap.io import MAX_INPUT_BYTES, read_capped
    from journeymap.loader.library import is_library_file

    if is_journey_name(path) or is_library_file(path):
        return True
    try:
        text = read_capped(path, MAX_INPUT_BYTES).decode("utf-8", "replace")
    except Exception:  # unreadable or too large: let the run report it
        return True
    return bool(_JOURNEY_KEY.search(text.lstrip("\ufeff")) or _FLOW_START.match(text))


def select_journeys(paths: list[str]) -> tuple[list[str], int]:
    """The inputs worth checking, and how many YAML files were skipped as clearly not journeys.

    Directories and globs are expanded first; paths that match nothing are kept, so the run
    reports them as it always does; standard input is always kept.
    """
    from journeymap.loader.sources import expand

    sources, problems = expand(paths)
    kept = [problem.span.path for problem in problems]
    skipped = 0
    for source in sources:
        if source.path == "-" or looks_like_journey(source.path):
            kept.append(source.path)
        else:
            skipped += 1
    return kept, skipped
