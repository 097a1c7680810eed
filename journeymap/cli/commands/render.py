"""``journeymap render``: draw journey maps and flows (SVG, PNG, PDF, DOT, Mermaid)."""

from __future__ import annotations

import typer

from journeymap.cli.boundary import guarded
from journeymap.cli.options import (
    ImageFormatOpt,
    Paths,
    PersonaOpt,
    RenderOutputOpt,
    ThemeName,
    ThemeOpt,
    View,
    ViewOpt,
)


def command(
    paths: Paths,
    output: RenderOutputOpt = None,
    image_format: ImageFormatOpt = None,
    view: ViewOpt = View.map,
    theme: ThemeOpt = ThemeName.light,
    persona: PersonaOpt = None,
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


def _run(paths: list[str], output: str | None, fmt: str | None, view: str, theme: str, persona: str | None) -> int:
    from journeymap.cli.outputs import draw_all, finish, infer_format, load_workspace, plural
    from journeymap.rendering.choices import check_options

    chosen = infer_format(output, fmt)
    check_options(chosen, view, theme)
    workspace = load_workspace(paths, persona=persona)
    written = draw_all(workspace, output, chosen, view, theme)
    where = f" to {output}" if output not in (None, "-") else ""
    total = plural(len(workspace.results), "journey")
    return finish(workspace, "drew", f"rendered {written} of {total} as {chosen}{where}")
