"""``journeymap audit``: walk every touchpoint and report what is weak, unmeasured, unowned or broken."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

if TYPE_CHECKING:
    from journeymap.auditing.report import AuditedFile
    from journeymap.translation import Translator
    from journeymap.workspace import Workspace


@journeymap_command("audit")
@options.paths
@options.select
@options.ignore
@options.fail_on
@options.audit_format
@options.only_journeys
@options.no_measured
@options.lang
def command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    output_format: str,
    only_journeys: bool,
    lang: str | None,
) -> int:
    """Audit touchpoints against the rule catalogue (see journeymap rules).

    Each finding gives its place in the YAML, what is wrong, what to do and why it
    matters, then a summary by stage. Configure rules in journeymap.toml ([audit]),
    pyproject.toml ([tool.journeymap.audit]) or the file's `audit:` section; silence
    one finding with `suppress: [{rule: CODE, reason: "..."}]` on its touchpoint.
    Exit code 0: no finding at or above --fail-on; 1: such findings, or a file is not
    a valid journey; 2: unreadable input or a usage error.

    Examples:

      journeymap audit examples/

      journeymap audit journeys/ --select JM31,JM32 --fail-on warning

      journeymap audit journeys/ --format sarif > audit.sarif

      journeymap audit --only-journeys $(git ls-files '*.yaml' '*.yml')

      journeymap audit --lang en examples/bank-account-opening-ar.yaml
    """
    return guarded(lambda: _run(list(paths), select, ignore, fail_on, output_format, only_journeys, lang), lang)


def _run(
    paths: list[str],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
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
