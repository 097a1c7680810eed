"""``journeymap report``: publish journeys as HTML or Markdown pages (or JSON) for a docs pipeline."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import Paths

if TYPE_CHECKING:
    from journeymap.auditing.engine import Settings
    from journeymap.diagnostics import Diagnostic


class ReportFormat(str, enum.Enum):
    html = "html"
    markdown = "markdown"
    json = "json"


#: Output file suffixes that mean "this is the page itself", by format.
PAGE_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


def command(
    paths: Paths,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Directory for the pages (created if missing), or one file (.html, .md, .json) for one journey; "
            "'-' writes a single page to standard output.",
            metavar="FILE|DIR|-",
        ),
    ],
    report_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html: self-contained pages. markdown: pages plus map images for MkDocs, Sphinx (MyST) or GitHub. "
            "json: the report data (schema_version 1). Default: from the -o file extension, else html.",
            case_sensitive=False,
            metavar="FORMAT",
        ),
    ] = None,
    mermaid: Annotated[bool, typer.Option("--mermaid", help="Also add a Mermaid diagram to Markdown pages.")] = False,
    persona: Annotated[
        str | None, typer.Option(help="Scores, emotions and map for this persona only (a persona id).")
    ] = None,
    template_dir: Annotated[
        str | None,
        typer.Option(
            "--template-dir",
            help="Your own Jinja2 templates (e.g. html/page.html.j2, markdown/page.md.j2); the built-in ones "
            "fill in the rest.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Publish reports: per journey a summary, the journey map, persona cards, stages, the highest-friction
    touchpoints, audit findings, metrics against targets and every touchpoint; an index page for several.

    Output is deterministic (same input, same bytes), so reports diff cleanly in git.
    Exit code 0: all reported; 1: a journey has errors (it is skipped, the others are reported);
    2: unreadable input or usage error.

    [dim]Examples:[/dim]

      journeymap report journeys/ -o site/journeys/

      journeymap report journeys/ -o docs/journeys/ --format markdown --mermaid

      journeymap report checkout.yaml -o checkout.html --persona sara
    """
    fmt = report_format.value if report_format else None
    raise typer.Exit(guarded(lambda: _run(paths, output, fmt, mermaid, persona, template_dir)))


def _run(
    paths: list[str], output: str, requested: str | None, mermaid: bool, persona: str | None, template_dir: str | None
) -> int:
    import sys

    from journeymap.auditing import audit
    from journeymap.cli.progress import progress
    from journeymap.formats.text import format_diagnostic
    from journeymap.loader import UNREADABLE_CODES, expand, load
    from journeymap.rendering.persona import check_persona
    from journeymap.reporting import ReportInput, ReportOptions, report
    from journeymap.scoring import score
    from journeymap.scoring.weights import config_for, find_project_config
    from journeymap.validation import validate

    _check_template_dir(template_dir)
    fmt = _infer_format(output, requested)
    project = find_project_config(Path.cwd())
    sources, problems = expand(paths)
    failures: list[Diagnostic] = list(problems)
    inputs = []
    settings = _audit_settings()
    for source in progress(sources, "Reporting"):
        loaded = load(source)
        result = validate(loaded)
        if result.journey is None:
            failures += result.diagnostics
            continue
        check_persona(result.journey, persona)
        scores = score(result.journey, config_for(result.journey.scoring, project), persona)
        findings = audit(result.journey, loaded.source_map, settings)
        inputs.append(ReportInput(source.path, result.journey, scores, findings))
    files = report(inputs, fmt, ReportOptions(mermaid, persona, template_dir)) if inputs else {}
    _write(files, output, fmt, len(inputs), [s.path for s in sources])
    for diagnostic in failures:
        print(format_diagnostic(diagnostic), file=sys.stderr)
    noun = "journey" if len(sources) == 1 else "journeys"
    where = f" to {output}" if output != "-" else ""
    print(f"reported {len(inputs)} of {len(sources)} {noun} as {fmt}{where}", file=sys.stderr)
    if any(d.code in UNREADABLE_CODES for d in failures):
        return 2
    return 1 if failures else 0


def _audit_settings() -> Settings:
    """The project's audit settings (journeymap.toml or pyproject.toml), as `journeymap audit` uses them."""
    from journeymap.auditing.engine import Settings
    from journeymap.auditing.project import project_audit_config

    found = project_audit_config(Path.cwd())
    return Settings(project=found[1], project_path=str(found[0])) if found else Settings()


def _infer_format(output: str, requested: str | None) -> str:
    """``--format`` wins; else the extension of ``-o``; else html."""
    if requested:
        return requested
    return PAGE_SUFFIXES.get(Path(output).suffix.lower(), "html") if output != "-" else "html"


def _check_template_dir(template_dir: str | None) -> None:
    from journeymap.errors import UsageError

    if template_dir is not None and not os.path.isdir(template_dir):
        raise UsageError(
            f"--template-dir {template_dir} is not a directory", "give the directory holding html/, markdown/"
        )


def _write(files: dict[str, bytes], output: str, fmt: str, journeys: int, inputs: list[str]) -> None:
    """One page to a file or stdout (with its map image beside it), or every file into a directory.

    Nothing replaces an input, and the pages are written all together or not at all.
    """
    from journeymap.errors import UsageError
    from journeymap.io import write_all_or_nothing, write_atomic

    pages = [name for name in files if not name.endswith("-map.svg")]
    if output == "-":
        if len(pages) > 1:
            raise UsageError("several pages cannot all go to standard output", "use -o DIR")
        for name in pages:
            write_atomic("-", files[name])
        return
    target = Path(output)
    as_file = PAGE_SUFFIXES.get(target.suffix.lower()) == fmt and not target.is_dir()
    if as_file:
        if journeys > 1 and fmt != "json":
            raise UsageError(f"{journeys} journeys make several pages, not one {target.name}", "use -o DIR")
        directory = target.parent
        named = {(target.name if name in pages else name): data for name, data in files.items()}
    else:
        if target.exists() and not target.is_dir():
            raise UsageError(
                f"{output} exists and is not a directory",
                f"give a directory, or a file ending in {'/'.join(s for s, f in PAGE_SUFFIXES.items() if f == fmt)}",
            )
        directory = target
        named = dict(files)
    write_all_or_nothing(directory, named, inputs)
