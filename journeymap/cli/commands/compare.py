"""``journeymap compare``: what changed between two states of a journey."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

if TYPE_CHECKING:
    from journeymap.workspace import JourneyResult, RunSettings


@journeymap_command("compare")
@options.paths
@options.git
@options.compare_format
@options.output
@options.compare_fail_on
@options.no_measured
@options.lang
def command(
    paths: tuple[str, ...], git: str | None, output_format: str, output: str, fail_on: str, lang: str | None
) -> int:
    """Compare two states of a journey: current and future, or a branch and its base.

    Touchpoints are matched by id (renames follow `was:`); shows touchpoints
    added, removed, renamed and changed, friction and priority before and
    after, emotions per persona, metrics and targets, stage and journey
    friction, audit findings resolved and introduced, and the future state's
    plan ordered by friction removed per unit of effort.
    Exit code 0: compared; 1: a file is not a valid journey, or a regression with --fail-on regression;
    2: unreadable input or a usage error (unrelated journeys, an unknown git revision).

    Examples:

      journeymap compare examples/first-purchase.yaml \\
        examples/first-purchase.future.yaml

      journeymap compare --git origin/main journeys/ \\
        --format markdown -o comment.md

      journeymap compare --git HEAD~1 checkout.yaml --fail-on regression
    """
    return guarded(lambda: _run(list(paths), git, output_format, output, fail_on, lang), lang)


def _run(paths: list[str], git: str | None, fmt: str, output: str, fail_on: str, lang_option: str | None = None) -> int:
    """``lang_option`` (``--lang``) chooses the language of the text and Markdown; else the journeys' own."""
    from journeymap.cli.outputs import load_workspace, terminal_translator, version
    from journeymap.comparing.pairs import Pair, compare_pairs, pairs_at_revision
    from journeymap.errors import UsageError
    from journeymap.formats.comparison import present
    from journeymap.io import write_atomic
    from journeymap.translation import Msg

    if git is None:
        if len(paths) != 2:
            raise UsageError(
                Msg("compare takes two journey files (before, after)"), Msg("or --git REV PATH... for git")
            )
        before, after = load_workspace([paths[0]]), load_workspace([paths[1]])
        settings = after.settings
        pairs = [Pair(paths[1], _one(before.results), _one(after.results))]
    else:
        from journeymap.loader.git import open_revision

        workspace = load_workspace(paths)
        settings = workspace.settings
        pairs = pairs_at_revision(workspace, open_revision(git, paths[0]), paths)
    run = compare_pairs(pairs)  # journeys with no shared id: UnrelatedJourneys, a usage error with its hint
    broken = _invalid(run.invalid, settings) if run.invalid else 0
    if broken and not (run.comparisons or run.added or run.removed):
        return broken  # nothing else to show: the diagnostics say why
    if run.warnings:
        from journeymap.cli.outputs import print_diagnostics

        print_diagnostics(run.warnings)
    lang = terminal_translator(lang_option) if lang_option is not None else None
    write_atomic(output, present(fmt, run, version(), lang).encode("utf-8"), paths)
    # A file that is not a valid journey is said and fails the run as `validate` would; the others are compared.
    return broken or (1 if fail_on == "regression" and run.regressions else 0)


def _one(results: list[JourneyResult]) -> JourneyResult:
    from journeymap.errors import UsageError
    from journeymap.translation import Msg

    if len(results) != 1:
        raise UsageError(
            Msg("without --git, each of the two paths must be one journey file"), Msg("name two .yaml files")
        )
    return results[0]


def _invalid(results: list[JourneyResult], settings: RunSettings) -> int:
    """Files that are not valid journeys: their diagnostics on stderr, and the exit code `validate` would give."""
    from journeymap.cli.outputs import print_problems
    from journeymap.workspace import Workspace

    print_problems(results)
    return Workspace(results, settings).exit_code()
