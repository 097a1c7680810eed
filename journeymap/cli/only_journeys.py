"""``--only-journeys`` for validate and audit: keep the journeys among many YAML files, and say what was skipped."""

from __future__ import annotations

import sys


def journeys_only(paths: list[str]) -> list[str]:
    """The paths worth checking (``loader.selection``); how many were skipped goes to standard error."""
    from journeymap.loader.selection import select_journeys

    kept, skipped = select_journeys(paths)
    if skipped:
        what = "file that is not a journey" if skipped == 1 else "files that are not journeys"
        print(f"journeymap: skipped {skipped} YAML {what} (no top-level `journey:` key)", file=sys.stderr)
    if not kept:
        print("journeymap: no journey files to check", file=sys.stderr)
    return kept
