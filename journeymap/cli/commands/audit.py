"""``journeymap audit``: walk every touchpoint and report what is weak, unmeasured, unowned or broken."""

from __future__ import annotations

import enum
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import Paths

if TYPE_CHECKING:
    from journeymap.auditing.engine import Settings
    from journeymap.auditing.report import AuditedFile


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class AuditFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"


SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        "-s",
        help="Run only these rules: codes, prefixes (JM31) or names; repeat or comma-separate.",
        metavar="CODES",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", "-i", help="Skip these rules: codes, prefixes or names; repeat or comma-separate.", metavar="CODES"
    ),
]
FailOnOpt = Annotated[
    FailOn,
    typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.", case_sensitive=False),
]
AuditFormatOpt = Annotated[
    AuditFormat,
    typer.Option(
        "--format",
        "-f",
        help="human, text, json (versioned), sarif (2.1.0), github (annotations) or markdown; auto: github under "
        "GitHub Actions, human on a terminal, text otherwise.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]


def command(
    paths: Paths,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = FailOn.error,
    output_format: AuditFormatOpt = AuditFormat.auto,
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
    """
    settings_args = (_split(select), _split(ignore))
    raise typer.Exit(guarded(lambda: _run(paths, *settings_args, fail_on.value, output_format.value)))


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or [] for part in value.split(",") if part.strip())


def _run(paths: list[str], select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str, fmt: str) -> int:
    from journeymap.diagnostics import Severity
    from journeymap.loader import UNREADABLE_CODES

    settings = _settings(select, ignore)
    files = _audit_all(paths, settings)
    sys.stdout.write(_present(files, fmt))
    diagnostics = [d for f in files for d in f.findings]
    if not files or any(d.code in UNREADABLE_CODES for d in diagnostics):
        return 2
    if any(not f.valid for f in files):
        return 1
    if fail_on == "never":
        return 0
    threshold = Severity[fail_on.upper()]
    return 1 if any(d.severity >= threshold for d in diagnostics) else 0


def _settings(select: tuple[str, ...], ignore: tuple[str, ...]) -> Settings:
    from journeymap.auditing.engine import Settings, check_references
    from journeymap.auditing.project import project_audit_config

    project = project_audit_config(Path.cwd())
    settings = Settings(
        select=select or None,
        ignore=ignore,
        project=project[1] if project else None,
        project_path=str(project[0]) if project else None,
    )
    check_references(settings)
    return settings


def _audit_all(paths: list[str], settings: Settings) -> list[AuditedFile]:
    from journeymap.auditing import audit
    from journeymap.auditing.report import audited, invalid
    from journeymap.loader import expand, load
    from journeymap.validation import validate

    sources, problems = expand(paths)
    files = [invalid(p.span.path, "", [p]) for p in problems]
    for source in sources:
        loaded = load(source)
        result = validate(loaded)
        if result.journey is None:
            files.append(invalid(result.path, loaded.text, result.diagnostics))
            continue
        findings = audit(result.journey, loaded.source_map, settings)
        files.append(audited(result.path, loaded.text, result.journey, loaded.source_map, findings))
    return files


def _present(files: list[AuditedFile], requested: str) -> str:
    from journeymap import __version__
    from journeymap.auditing.report import summary_line
    from journeymap.formats import resolve_format
    from journeymap.io import use_color

    fmt = resolve_format(requested, sys.stdout.isatty())
    diagnostics = [d for f in files for d in f.findings]
    if fmt == "json":
        from journeymap.formats.findings_json import format_findings

        return format_findings(files, __version__)
    if fmt == "sarif":
        from journeymap.formats.sarif import format_sarif

        return format_sarif(files, __version__)
    if fmt == "markdown":
        from journeymap.formats.findings_markdown import format_findings as markdown

        return markdown(files)
    if fmt == "github":
        from journeymap.formats.github import format_annotations

        return format_annotations(diagnostics, summary_line(files))
    if fmt == "human":
        from journeymap.formats.findings_human import format_findings as human

        return human(files, use_color(sys.stdout), shutil.get_terminal_size((100, 24)).columns)
    from journeymap.formats.text import format_diagnostics

    return format_diagnostics(diagnostics, summary_line(files))
