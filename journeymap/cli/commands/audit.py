"""``journeymap audit``: walk every touchpoint and report what is weak, unmeasured, unowned or broken."""

from __future__ import annotations

import sys

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import (
    AuditFormat,
    AuditFormatOpt,
    FailOn,
    FailOnOpt,
    IgnoreOpt,
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
    """
    raise typer.Exit(guarded(lambda: _run(paths, select, ignore, fail_on.value, output_format.value, only_journeys)))


def _run(
    paths: list[str],
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str,
    requested: str,
    only_journeys: bool = False,
) -> int:
    from journeymap.cli.options import split_codes
    from journeymap.cli.outputs import color, load_workspace, terminal, version, width
    from journeymap.diagnostics import Severity
    from journeymap.formats import resolve_format
    from journeymap.formats.findings import present

    if only_journeys:
        from journeymap.cli.only_journeys import journeys_only

        paths = journeys_only(paths)
        if not paths:
            return 0
    workspace = load_workspace(paths, select=split_codes(select) or None, ignore=split_codes(ignore))
    files = [result.audited for result in workspace.results]
    sys.stdout.write(present(resolve_format(requested, terminal()), files, version(), color(), width()))
    return workspace.exit_code(None if fail_on == "never" else Severity[fail_on.upper()])
