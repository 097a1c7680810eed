"""Which journeys to compare: two files, or each file against its version at a git revision.

This is the load step of ``compare``: it reads files (and git) and hands
analysed journeys to the pure ``compare``. Both sides go through the same
workspace settings, so "before" and "after" are scored and audited alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.comparing import Comparison, Side, UnrelatedJourneys, compare
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from journeymap.diagnostics import Diagnostic
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
    #: What the comparison could not take as written (a ``was:`` naming no earlier touchpoint), as warnings.
    warnings: list[Diagnostic] = field(default_factory=list)

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
        before = _at_revision(revision, result.path, text, workspace.settings) if text else None
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


def _at_revision(revision: Revision, path: str, text: str, settings: RunSettings) -> JourneyResult:
    """The journey as it was at ``revision``, with the measured snapshot it had then (decision 0037).

    The snapshot rules are the working tree's (``validate`` overlays ``<journey>.measured.json`` and checks
    it against its definitions), applied to the revision's files: the journey, its snapshot and the
    definitions the snapshot names are copied, in their layout, to a scratch folder and validated there,
    so "before" is the journey with the numbers it had then. ``--no-measured`` turns it off on both sides.
    """
    import tempfile

    from journeymap.loader import load_text
    from journeymap.validation import validate
    from journeymap.workspace import JourneyResult

    label = f"{revision.rev}:{path}"
    loaded = load_text(text, label)
    files = _snapshot_files(revision, path) if settings.measured else {}
    if not files:
        return JourneyResult(loaded, validate(loaded, measured=False), settings)
    with tempfile.TemporaryDirectory(prefix="journeymap-rev-") as scratch:
        for relative, content in files.items():
            target = Path(scratch, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        journey = Path(scratch, _relative(revision, path))
        checked = validate(replace(loaded, path=str(journey)), measured=True)
    snapshot = str(journey.with_name(_snapshot_name(path)))
    checked.path = label
    at_revision = f"{revision.rev}:{_snapshot_path(path)}"
    checked.diagnostics = [_relabelled(d, snapshot, at_revision) for d in checked.diagnostics]
    return JourneyResult(loaded, checked, settings)


def _snapshot_name(path: str) -> str:
    from journeymap.model.evidence import SNAPSHOT_SUFFIX

    return Path(path).stem + SNAPSHOT_SUFFIX


def _snapshot_path(path: str) -> str:
    """``journeys/checkout.measured.json`` for ``journeys/checkout.yaml``: where its snapshot is."""
    return str(Path(path).with_name(_snapshot_name(path)))


def _relative(revision: Revision, path: str | Path) -> str:
    return Path(path).resolve().relative_to(revision.root).as_posix()


def _snapshot_files(revision: Revision, path: str) -> dict[str, str]:
    """The journey's snapshot at ``revision`` and the definitions it names, by path in the repository.

    Empty when the journey had no snapshot then. The definitions are read at the same revision, so the
    snapshot is checked against the definitions it was measured with, not today's.
    """
    import json

    if not path.lower().endswith((".yaml", ".yml")):
        return {}
    snapshot = _snapshot_path(path)
    text = revision.read(snapshot)
    if text is None:
        return {}
    files = {_relative(revision, snapshot): text}
    try:
        named = json.loads(text).get("definitions")
    except (ValueError, AttributeError):
        named = None  # validation says what is wrong with the file (JM615)
    if isinstance(named, str):
        definitions = Path(snapshot).parent / named
        if definitions.resolve().is_relative_to(revision.root):
            content = revision.read(definitions)
            if content is not None:
                files[_relative(revision, definitions)] = content
    return files


def _relabelled(diagnostic: Diagnostic, scratch: str, label: str) -> Diagnostic:
    """A diagnostic about the scratch copy of the snapshot, pointed at the snapshot at the revision."""
    if diagnostic.span.path != scratch:
        return diagnostic
    return replace(diagnostic, span=replace(diagnostic.span, path=label))


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
            run.warnings += unmatched_renames(pair.before, pair.after)
    return run


def unmatched_renames(before: JourneyResult, after: JourneyResult) -> list[Diagnostic]:
    """A ``was:`` that names no touchpoint (or stage) of the earlier state, at the ``was:`` it is written in (JM740).

    Why: a rename is matched by its old id, so a misspelt one (``was: kart`` for ``cart``) silently turns
    one renamed touchpoint into one removed and one added, with its changes, findings and plan lost; a
    misspelt stage ``was:`` moves every touchpoint of the stage.
    """
    earlier, later = before.require_journey(), after.require_journey()
    stages = [(("stages", s, "was"), stage.id, stage.was) for s, stage in enumerate(later.stages)]
    touchpoints = [
        (("stages", s, "touchpoints", t, "was"), tp.id, tp.was)
        for s, stage in enumerate(later.stages)
        for t, tp in enumerate(stage.touchpoints)
    ]
    return [
        *_unmatched(
            before,
            after,
            stages,
            {stage.id for stage in earlier.stages},
            lambda stage, was: Msg(
                "stage '%(stage)s' was '%(was)s', which %(before)s has no stage of: compared as a new stage",
                stage=stage,
                was=was,
                before=Verbatim(before.path),
            ),
            Msg("write the id the stage had in %(before)s", before=Verbatim(before.path)),
        ),
        *_unmatched(
            before,
            after,
            touchpoints,
            {tp.id for _, tp in earlier.touchpoints()},
            lambda touchpoint, was: Msg(
                "'%(touchpoint)s' was '%(was)s', which %(before)s has no touchpoint of: compared as new",
                touchpoint=touchpoint,
                was=was,
                before=Verbatim(before.path),
            ),
            Msg("write the id the touchpoint had in %(before)s", before=Verbatim(before.path)),
        ),
    ]


def _unmatched(
    before: JourneyResult,
    after: JourneyResult,
    items: Sequence[tuple[tuple[str | int, ...], str, str | None]],
    old: set[str],
    said: Callable[[str, str], Msg],
    otherwise: Msg,
) -> list[Diagnostic]:
    """JM740 for each (key path of its ``was:``, id, was) whose ``was`` is no id of ``old``; the likely id as hint."""
    from journeymap.diagnostics import Diagnostic, Severity
    from journeymap.validation.suggest import did_you_mean

    unclaimed = old - {item_id for _, item_id, _ in items}
    found = []
    for key, item_id, was in items:
        if was and was not in old and item_id not in old:
            hint = did_you_mean(was, unclaimed, listing=False) or otherwise
            found.append(
                Diagnostic("JM740", Severity.WARNING, said(item_id, was), after.loaded.source_map.value(key), hint)
            )
    return found


__all__ = ["ComparisonRun", "Pair", "UnrelatedJourneys", "compare_pairs", "pairs_at_revision", "unmatched_renames"]
