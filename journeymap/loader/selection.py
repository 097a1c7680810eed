"""Which of many YAML files are journeys, for runs handed every ``*.yaml`` (pre-commit, CI).

A cheap check that never skips a journey: a name that says so, a persona or
channel library, or a top-level ``journey:`` key; anything unusual counts as
a journey so that the run reports it. Measure definitions (``*.measures.yaml``)
are never journeys, though they name theirs with a ``journey:`` key.
"""

from __future__ import annotations

import re
from pathlib import PurePath

#: File names that say "journey" (the naming convention the pre-commit hooks and the Action rely on).
JOURNEY_SUFFIXES = (".journey.yaml", ".journey.yml")
#: A folder of this name holds journeys: every YAML file under it is one.
JOURNEY_FOLDER = "journeys"
#: A top-level ``journey:`` key (block style, optionally quoted), the mark of a journey file.
_JOURNEY_KEY = re.compile(r"""^(?:journey|"journey"|'journey')[ \t]*:""", re.MULTILINE)
_FLOW_START = re.compile(r"\A(?:\ufeff)?(?:[ \t]*(?:#[^\n]*)?\n)*(?:---[ \t]*\n)?[ \t]*\{")


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
    from journeymap.loader.sources import is_measure_definitions

    if is_measure_definitions(path):
        return False
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


__all__ = ["is_journey_name", "looks_like_journey", "select_journeys"]
