"""``journeymap render``: draw journey maps and flows (SVG, PNG, PDF, DOT, Mermaid)."""

from __future__ import annotations

from functools import partial

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


def _run(
    paths: list[str], output: str | None, requested: str | None, view: str, theme: str, persona: str | None
) -> int:
    from journeymap.cli.outputs import finish, infer_format, load_workspace, plan_outputs, plural
    from journeymap.io import refuse_overwriting_inputs, write_each
    from journeymap.rendering.choices import check_options

    fmt = infer_format(output, requested)
    check_options(fmt, view, theme)
    workspace = load_workspace(paths, persona=persona)
    inputs = [r.path for r in workspace.results]
    targets = plan_outputs(inputs, output, fmt, "-flow" if view == "flow" else "")
    refuse_overwriting_inputs(inputs, targets)  # before anything is written
    drawn = [
        (t, partial(r.render, fmt, view, theme)) for t, r in zip(targets, workspace.results, strict=True) if r.valid
    ]
    written = write_each(drawn, inputs)
    where = f" to {output}" if output not in (None, "-") else ""
    return finish(workspace, "drew", f"rendered {written} of {plural(len(inputs), 'journey')} as {fmt}{where}")
