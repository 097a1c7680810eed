"""``journeymap score``: rank touchpoints, stages, personas or channels by friction."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

if TYPE_CHECKING:
    from journeymap.translation import Translator
    from journeymap.workspace import Workspace


@journeymap_command("score")
@options.paths
@options.by
@options.persona
@options.rank
@options.top
@options.explain
@options.score_format
@options.no_measured
@options.lang
def command(
    paths: tuple[str, ...],
    by: str,
    persona: str | None,
    rank: str,
    top: int | None,
    explain: str | None,
    output_format: str,
    lang: str | None,
) -> int:
    """Rank touchpoints by priority: friction 0-100, the confidence behind it, reach and moments of truth.

    Friction combines documented components (effort, emotion, satisfaction,
    failure rates, time vs target, pain points, context lost on channel
    switches, handoffs) as the chance that at least one fails the customer, so
    every added problem raises it; missing data lowers the confidence instead
    of counting as no friction. Priority = friction x confidence x reach x
    moment-of-truth weight: what to fix first. The model is in docs/scoring.md.
    Files that are not valid journeys are reported on stderr; the others are
    still scored.
    Exit code 0: scored; 1: a file is not a valid journey; 2: unreadable input or a usage error.

    Examples:

      journeymap score examples/telecom-support.yaml --top 5

      journeymap score examples/ --by stage

      journeymap score examples/first-purchase.yaml --rank friction

      journeymap score journey.yaml --explain checkout --format json
    """
    return guarded(lambda: _run(list(paths), by, persona, rank, top, explain, output_format, lang), lang)


def _run(
    paths: list[str],
    by: str,
    persona: str | None,
    rank: str,
    top: int | None,
    explain: str | None,
    fmt: str,
    lang: str | None = None,
) -> int:
    from journeymap.cli.outputs import color, finish, load_workspace, present_validation, terminal, version, width
    from journeymap.formats.scores import present, views

    workspace = load_workspace(paths, persona=persona)
    if not workspace.valid:  # nothing to score: say why exactly as `validate` would
        sys.stdout.write(present_validation(workspace, "json" if fmt == "json" else "auto", lang))
        return workspace.exit_code()
    shown = views([(r.path, r.scores) for r in workspace.valid], by, top, explain, rank, _languages(workspace, lang))
    plain = fmt == "text"  # as validate's and audit's text: the plain table even on a terminal
    sys.stdout.write(present(fmt, shown, version(), terminal() and not plain, color() and not plain, width()))
    return finish(workspace, "scored")


def _languages(workspace: Workspace, lang: str | None) -> list[Translator]:
    """Each journey's table in ``--lang`` when given, else in the journey's language and digits (as ``audit``)."""
    from journeymap.cli.outputs import terminal_translator
    from journeymap.translation import for_journey

    chosen = terminal_translator(lang) if lang is not None else None
    return [chosen or for_journey(r.require_journey()) for r in workspace.valid]
