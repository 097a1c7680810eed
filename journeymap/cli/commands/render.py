"""``journeymap render``: draw journey maps and flows (SVG, PNG, PDF, DOT, Mermaid)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import Paths

if TYPE_CHECKING:
    from journeymap.model import Journey
    from journeymap.rendering import Friction


class ImageFormat(str, enum.Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


class View(str, enum.Enum):
    map = "map"
    flow = "flow"


class ThemeName(str, enum.Enum):
    light = "light"
    dark = "dark"
    print = "print"


def command(
    paths: Paths,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (one input), directory (several inputs; created if missing), or '-' for "
            "standard output. Default: <name>.<format> in the current directory.",
            metavar="FILE|DIR|-",
        ),
    ] = None,
    image_format: Annotated[
        ImageFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="svg, png, pdf (need Graphviz), dot (Graphviz source) or mermaid (a Mermaid journey diagram). "
            "Default: from the -o file extension, else svg.",
            case_sensitive=False,
            metavar="FORMAT",
        ),
    ] = None,
    view: Annotated[
        View,
        typer.Option(help="map: the classic journey map. flow: the touchpoint graph by stage.", case_sensitive=False),
    ] = View.map,
    theme: Annotated[ThemeName, typer.Option(help="light, dark or print.", case_sensitive=False)] = ThemeName.light,
    persona: Annotated[
        str | None, typer.Option(help="Only this persona's touchpoints and emotion curve (a persona id).")
    ] = None,
) -> None:
    """Draw journey maps: stages as columns, lanes for actions, touchpoints, emotions, pain points,
    opportunities and metrics; or the touchpoint flow.

    Right-to-left languages (Arabic, Hebrew, Persian...) are laid out right to left.
    Exit code 0: all drawn; 1: a journey has errors (it is skipped, the others are drawn);
    2: unreadable input, usage error, or Graphviz missing.

    [dim]Examples:[/dim]

      journeymap render examples/first-purchase.yaml

      journeymap render journeys/ -o out/ --format png

      journeymap render checkout.yaml --view flow --persona sara -o flow.svg

      journeymap render checkout.yaml --format mermaid -o -
    """
    fmt = image_format.value if image_format else None
    raise typer.Exit(guarded(lambda: _run(paths, output, fmt, view.value, theme.value, persona)))


def _run(
    paths: list[str], output: str | None, requested: str | None, view: str, theme: str, persona: str | None
) -> int:
    import sys

    from journeymap.cli.outputs import infer_format, plan_outputs
    from journeymap.cli.progress import progress
    from journeymap.formats.text import format_diagnostic
    from journeymap.io import refuse_overwriting_inputs, write_atomic
    from journeymap.loader import UNREADABLE_CODES, expand, load
    from journeymap.rendering import render
    from journeymap.rendering.persona import check_persona
    from journeymap.scoring.weights import find_project_config
    from journeymap.validation import validate

    fmt = infer_format(output, requested)
    project = find_project_config(Path.cwd())
    sources, problems = expand(paths)
    targets = plan_outputs(sources, output, fmt, "-flow" if view == "flow" else "")
    inputs = [s.path for s in sources]
    refuse_overwriting_inputs(inputs, targets)  # before anything is written
    failures = list(problems)
    written = 0
    for source, target in progress(list(zip(sources, targets, strict=True)), "Rendering"):
        result = validate(load(source))
        if result.journey is None:
            failures += result.diagnostics
            continue
        check_persona(result.journey, persona)
        friction = _friction(result.journey, persona, project)
        write_atomic(target, render(result.journey, fmt, view, theme, persona, friction), inputs)
        written += 1
    for diagnostic in failures:
        print(format_diagnostic(diagnostic), file=sys.stderr)
    where = f" to {output}" if output not in (None, "-") else ""
    noun = "journey" if len(sources) == 1 else "journeys"
    print(f"rendered {written} of {len(sources)} {noun} as {fmt}{where}", file=sys.stderr)
    if any(d.code in UNREADABLE_CODES for d in failures):
        return 2
    return 1 if failures else 0


def _friction(journey: Journey, persona: str | None, project: tuple[Path, dict[str, Any]] | None) -> Friction:
    """Heat colours come from the friction model, with the project's scoring settings."""
    from journeymap.rendering import Friction
    from journeymap.scoring import score
    from journeymap.scoring.weights import config_for

    scores = score(journey, config_for(journey.scoring, project), persona)
    return Friction(
        {t.touchpoint_id: t.score for t in scores.touchpoints},
        {s.id: s.score for s in scores.stages},
    )
