"""``journeymap audit``: walk every touchpoint and report what is weak, unmeasured, unowned or broken."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from journeymap.cli.boundary import guarded

if TYPE_CHECKING:
    from journeymap.auditing.report import AuditedFile
    from journeymap.translation import Translator
    from journeymap.workspace import Workspace
from journeymap.cli.options import (
    AuditFormat,
    AuditFormatOpt,
    FailOn,
    FailOnOpt,
    IgnoreOpt,
    LangOpt,
    OnlyJourneysOpt,
    Paths,
    SelectOpt,
)


def command(
    paths: Paths,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = FailOn.error,
    output_format: AuditFormatOpt = AuditFormat.auto,
    only_journeys: OnlyJourneysOpt = False,
    lang: LangOpt = None,
) -> None:
    r"""Audit touchpoints against the rule catalogue (see [bold]journeymap rules[/bold]).

    Each finding gives its place in the YAML, what is wrong, what to do and why it
    matters, then a summary by stage. Configure rules in journeymap.toml (\[audit]),
    pyproject.toml (\[tool.journeymap.audit]) or the file's `audit:` section; silence
    one finding with `suppress: [{rule: CODE, reason: "..."}]` on its touchpoint.
    Exit code 0: no finding at or above --fail-on; 1: such findings, or a file is not
    a valid journey; 2: unreadable input or a usage error.

    [dim]Examples:[/dim]

      journeymap audit examples/

      journeymap audit journeys/ --select JM31,JM32 --fail-on warning

      journeymap audit journeys/ --format sarif > audit.sarif

      journeymap audit --only-journeys $(git ls-files '*.yaml' '*.yml')

      journeymap audit --lang en examples/bank-account-opening-ar.yaml
    """
    raise typer.Exit(
        guarded(lambda: _run(paths, select, ignore, fail_on.value, output_format.value, only_journeys, lang), lang)
    )


def _run(
    paths: list[str],
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str,
    requested: str,
    only_journeys: bool = False,
    lang: str | None = None,
) -> int:
    from journeymap.cli.options import split_codes
    from journeymap.cli.outputs import color, load_workspace, terminal, terminal_translator, version, width
    from journeymap.diagnostics import Severity
    from journeymap.formats import resolve_format
    from journeymap.formats.findings import present
    from journeymap.workspace import rare_collections

    if only_journeys:
        from journeymap.cli.only_journeys import journeys_only

        paths = journeys_only(paths)
        if not paths:
            return 0
    workspace = load_workspace(paths, select=split_codes(select) or None, ignore=split_codes(ignore))
    with rare_collections():  # the findings and their output: a few hundred thousand objects, no cycles
        files, t = _localized(workspace, terminal_translator(lang), lang is not None)
        text = present(resolve_format(requested, terminal()), files, version(), color(), width(), t)
    sys.stdout.write(text)
    return workspace.exit_code(None if fail_on == "never" else Severity[fail_on.upper()])


def _localized(workspace: Workspace, terminal: Translator, chosen: bool) -> tuple[list[AuditedFile], Translator]:
    """Each file's findings in its journey's language (``--lang`` when given; the terminal's for a file that is
    not a valid journey), and the translator of the words around them: the journeys' language when they all
    share one, else the terminal's."""
    from journeymap.formats.localized import localized_file
    from journeymap.translation import for_journey

    files, used = [], set()
    for result in workspace.results:
        journey = result.journey if result.valid else None
        t = terminal if chosen or journey is None else for_journey(journey)
        used.add((t.language, t.numerals))
        files.append(localized_file(result.audited, t))
    if not chosen and len(used) == 1:
        from journeymap.translation import translator

        language, numerals = used.pop()
        return files, translator(language, numerals)
    return files, terminal
