"""Which journeys to compare: two files, or each file against its version at a git revision.

This is the load step of ``compare``: it reads files (and git) and hands
analysed journeys to the pure ``compare``. Both sides go through the same
workspace settings, so "before" and "after" are scored and audited alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.comparing import Comparison, Side, UnrelatedJourneys, compare
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.loader.git import Revision
    from journeymap.workspace import JourneyResult, RunSettings, Workspace


@dataclass(frozen=True)
class Pair:
    """One journey in two states; ``before`` is None for a new file, and both are None for a file deleted since."""

    path: str
    before: JourneyResult | None
    after: JourneyResult | None


@dataclass
class ComparisonRun:
    """Every comparison of a ``compare`` run, and the files that cannot be compared."""

    comparisons: list[Comparison] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    invalid: list[JourneyResult] = field(default_factory=list)

    @property
    def regressions(self) -> list[str]:
        return [
            Msg("%(path)s: %(reason)s", path=Verbatim(c.after_path), reason=reason)
            for c in self.comparisons
            for reason in c.regressions
        ]


def pairs_at_revision(workspace: Workspace, revision: Revision, paths: list[str]) -> list[Pair]:
    """Each journey of ``workspace`` with its text at ``revision``; files deleted since then as well."""
    pairs = []
    for result in workspace.results:
        text = revision.read(result.path) if Path(result.path).exists() else None
        before = _result_from_text(text, f"{revision.rev}:{result.path}", workspace.settings) if text else None
        pairs.append(Pair(result.path, before, result))
    present = {Path(r.path).resolve() for r in workspace.results}
    for directory in (p for p in paths if Path(p).is_dir()):
        for old in revision.files(directory):
            if old.resolve() not in present and not old.exists():
                pairs.append(Pair(_shown(old), None, None))
    return pairs


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when it is below it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _result_from_text(text: str, label: str, settings: RunSettings) -> JourneyResult:
    from journeymap.loader import load_text
    from journeymap.validation import validate
    from journeymap.workspace import JourneyResult

    loaded = load_text(text, label)
    return JourneyResult(loaded, validate(loaded, measured=False), settings)  # not today's measurements


def compare_pairs(pairs: list[Pair]) -> ComparisonRun:
    """Compare every pair whose both sides are valid journeys; sort the rest into added, removed, invalid."""
    run = ComparisonRun()
    for pair in pairs:
        sides = [s for s in (pair.before, pair.after) if s is not None]
        broken = [s for s in sides if not s.valid]
        if broken:
            run.invalid += broken
        elif pair.before is None and pair.after is None:
            run.removed.append(pair.path)
        elif pair.before is None:
            run.added.append(pair.path)
        elif pair.after is not None:
            run.comparisons.append(compare(Side.of(pair.before), Side.of(pair.after)))
    return run


__all__ = ["ComparisonRun", "Pair", "UnrelatedJourneys", "compare_pairs", "pairs_at_revision"]
