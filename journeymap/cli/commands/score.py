"""``journeymap score``: rank touchpoints, stages, personas or channels by friction."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import Paths

if TYPE_CHECKING:
    from journeymap.formats.score_view import ScoreView
    from journeymap.model import Journey
    from journeymap.scoring.weights import ScoringConfig
    from journeymap.validation import ValidationResult


class By(str, enum.Enum):
    touchpoint = "touchpoint"
    stage = "stage"
    persona = "persona"
    channel = "channel"


class ScoreFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    json = "json"
    markdown = "markdown"


ByOpt = Annotated[By, typer.Option("--by", "-b", help="What to rank.", case_sensitive=False, metavar="WHAT")]
PersonaOpt = Annotated[
    str | None, typer.Option("--persona", "-p", help="Score as this persona sees the journey.", metavar="ID")
]
TopOpt = Annotated[int | None, typer.Option("--top", "-n", help="Show only the N highest rows.", min=1, metavar="N")]
ExplainOpt = Annotated[
    str | None,
    typer.Option("--explain", "-e", help="Show every component of one touchpoint's score.", metavar="TOUCHPOINT_ID"),
]
ScoreFormatOpt = Annotated[
    ScoreFormat,
    typer.Option(
        "--format",
        "-f",
        help="human: a table (rich on a terminal, plain otherwise). json: stable, versioned. markdown: tables.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]


def command(
    paths: Paths,
    by: ByOpt = By.touchpoint,
    persona: PersonaOpt = None,
    top: TopOpt = None,
    explain: ExplainOpt = None,
    output_format: ScoreFormatOpt = ScoreFormat.auto,
) -> None:
    """Score friction 0-100 per touchpoint (higher = more friction) and roll it up.

    Each score is a weighted mean of documented components (effort, emotion,
    satisfaction, failure rates, time vs target, pain points, context lost on
    channel switches, handoffs); missing data lowers the confidence instead of
    counting as no friction. The model is in docs/scoring.md.
    Exit code 0: scored; 1: a file is not a valid journey; 2: unreadable input or a usage error.

    [dim]Examples:[/dim]

      journeymap score examples/telecom-support.yaml --top 5

      journeymap score examples/ --by stage

      journeymap score journey.yaml --explain checkout --format json
    """
    raise typer.Exit(guarded(lambda: _run(paths, by.value, persona, top, explain, output_format.value)))


def _run(paths: list[str], by: str, persona: str | None, top: int | None, explain: str | None, fmt: str) -> int:
    from journeymap.loader import expand, load
    from journeymap.validation import ValidationResult, validate

    sources, problems = expand(paths)
    results = [ValidationResult(p.span.path, None, [p]) for p in problems]
    results += [validate(load(source)) for source in sources]
    valid = [r for r in results if r.journey is not None]
    if not valid:
        return _invalid(results, fmt)
    views = _views(valid, by, persona, top, explain)
    sys.stdout.write(_present(views, fmt))
    return _report_invalid([r for r in results if r.journey is None])


def _report_invalid(results: list[ValidationResult]) -> int:
    """Files that are not valid journeys: their diagnostics on stderr, the valid ones still scored (exit 1)."""
    from journeymap.formats.text import format_diagnostic
    from journeymap.loader import UNREADABLE_CODES

    diagnostics = [d for r in results for d in r.diagnostics]
    for diagnostic in diagnostics:
        print(format_diagnostic(diagnostic), file=sys.stderr)
    if results:
        print(f"{len(results)} of the files skipped (not valid journeys); the others are scored above", file=sys.stderr)
    if any(d.code in UNREADABLE_CODES for d in diagnostics):
        return 2
    return 1 if results else 0


def _invalid(results: list[ValidationResult], fmt: str) -> int:
    """Invalid input: the same diagnostics and exit code as ``journeymap validate``."""
    from journeymap import __version__
    from journeymap.diagnostics import Severity
    from journeymap.formats import resolve_format
    from journeymap.formats.summary import summarise
    from journeymap.formats.validation import present
    from journeymap.io import use_color
    from journeymap.loader import UNREADABLE_CODES

    chosen = "json" if fmt == "json" else resolve_format("auto", sys.stdout.isatty())
    sys.stdout.write(present(chosen, results, summarise(results), __version__, use_color(sys.stdout)))
    diagnostics = [d for r in results for d in r.diagnostics]
    if any(d.code in UNREADABLE_CODES for d in diagnostics) or not results:
        return 2
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


def _views(
    results: list[ValidationResult], by: str, persona: str | None, top: int | None, explain: str | None
) -> list[ScoreView]:
    from journeymap.errors import UsageError
    from journeymap.formats.score_view import ScoreView
    from journeymap.scoring import score
    from journeymap.validation.suggest import did_you_mean

    journeys = [(r.path, r.journey) for r in results if r.journey is not None]
    for path, journey in journeys:
        known = [p.id for p in journey.personas]
        if persona is not None and persona not in known:
            raise UsageError(f"{path} has no persona '{persona}'", hint=did_you_mean(persona, known))
    project = _project_settings()
    views = [
        ScoreView(path, score(journey, _config(project, journey), persona), by, top, explain)
        for path, journey in journeys
    ]
    if explain is None:
        return views
    found = [v for v in views if v.explained() is not None]
    if not found:
        known = [t.touchpoint_id for v in views for t in v.result.touchpoints]
        raise UsageError(f"no touchpoint '{explain}' to explain", hint=did_you_mean(explain, known))
    return found


def _project_settings() -> tuple[Path, dict[str, Any]] | None:
    """The project's ``scoring`` settings, found from the working directory up."""
    from journeymap.scoring.weights import find_project_config

    return find_project_config(Path.cwd())


def _config(project: tuple[Path, dict[str, Any]] | None, journey: Journey) -> ScoringConfig:
    from journeymap.scoring.weights import config_for

    return config_for(journey.scoring, project)


def _present(views: list[ScoreView], fmt: str) -> str:
    from journeymap import __version__
    from journeymap.io import use_color

    if fmt == "json":
        from journeymap.formats.score_json import format_scores

        return format_scores(views, __version__)
    from journeymap.formats.score_text import format_markdown, format_plain, format_rich

    if fmt == "markdown":
        return format_markdown(views)
    return format_rich(views, use_color(sys.stdout)) if sys.stdout.isatty() else format_plain(views)
