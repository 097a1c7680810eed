"""``journeymap render``: draw journey maps and flows (SVG, PNG, PDF, DOT, Mermaid)."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command


@journeymap_command("render")
@options.paths
@options.render_output
@options.image_format
@options.view
@options.theme
@options.persona
@options.compare_with
@options.no_measured
@options.lang
@options.stages
@options.page
def command(
    paths: tuple[str, ...],
    output: str | None,
    image_format: str | None,
    view: str,
    theme: str,
    persona: str | None,
    compare: str | None,
    lang: str | None,
    stages: tuple[str, ...],
    page: str | None,
) -> int:
    """Draw journey maps: stages as columns, lanes for actions, touchpoints, emotions, pain points,
    opportunities and metrics; or the touchpoint flow.

    Right-to-left languages (Arabic, Hebrew, Persian...) are laid out right to left.

    --compare FUTURE: one map of two states on the future state's columns,
    both emotion curves per persona (current dashed, future solid), new,
    renamed, changed and removed touchpoints marked, friction before -> after.

    Exit code 0: all drawn; 1: a journey has errors (it is skipped, the others are drawn);
    2: unreadable input, usage error, or Graphviz missing.

    Examples:

      journeymap render examples/first-purchase.yaml

      journeymap render journeys/ -o out/ --format png

      journeymap render checkout.yaml --view flow --persona sara -o flow.svg

      journeymap render checkout.yaml --format mermaid -o -

      journeymap render fault.yaml --compare fault.future.yaml -o compare.png

      journeymap render checkout.yaml --stages purchase,support -o purchase.png

      journeymap render checkout.yaml --view compact --page a4 -o summary.pdf

      journeymap render checkout.yaml --page a3 -o checkout.pdf
    """
    from journeymap.translation import Msg

    fmt, given = image_format, list(paths)
    if compare is not None and (stages or page):
        said, hint = Msg("--compare draws the whole map on one page"), Msg("leave out --stages and --page")
        return guarded(lambda: _refuse(said, hint), lang)
    if compare is not None:
        future = compare
        return guarded(lambda: _run_compare(given, future, output, fmt, view, theme, persona), lang)
    chosen = Selection(stages or None, page)
    return guarded(lambda: _run(given, output, fmt, view, theme, persona, chosen, lang), lang)


def _refuse(message: str, hint: str) -> int:
    from journeymap.errors import UsageError

    raise UsageError(message, hint)


@dataclass(frozen=True)
class Selection:
    """What of each journey to draw: ``--stages`` (as given, comma lists not yet split) and ``--page``."""

    stages: tuple[str, ...] | None = None
    page: str | None = None


def _run(
    paths: list[str],
    output: str | None,
    fmt: str | None,
    view: str,
    theme: str,
    persona: str | None,
    selection: Selection = Selection(),
    lang: str | None = None,
) -> int:
    from journeymap.cli.outputs import draw_all, finish, infer_format, journeys, load_workspace
    from journeymap.rendering.choices import check_options, check_page, check_stages
    from journeymap.rendering.stages import split_stages
    from journeymap.translation import Msg, Verbatim

    chosen = infer_format(output, fmt or ("pdf" if selection.page and not output else None))
    check_options(chosen, view, theme)
    check_page(chosen, view, selection.page)
    stages = split_stages(selection.stages) if selection.stages is not None else None
    check_stages(chosen, stages)
    workspace = load_workspace(paths, persona=persona)
    written = draw_all(workspace, output, chosen, view, theme, stages, selection.page, lang)
    total = journeys(workspace.files_read)
    if output in (None, "-"):
        said = Msg(
            "rendered %(written)s of %(total)s as %(format)s", written=written, total=total, format=Verbatim(chosen)
        )
    else:
        said = Msg(
            "rendered %(written)s of %(total)s as %(format)s to %(output)s",
            written=written,
            total=total,
            format=Verbatim(chosen),
            output=Verbatim(output or ""),
        )
    return finish(workspace, "drew", said)


def _run_compare(
    paths: list[str], future: str, output: str | None, fmt: str | None, view: str, theme: str, persona: str | None
) -> int:
    """One map of two states: PATH the current state, FUTURE the future state (whose columns lay it out).

    The touchpoints are matched once, by ``journeymap.comparing.compare`` (the matching ``compare`` prints).
    """
    from journeymap.cli.boundary import say
    from journeymap.cli.outputs import infer_format, load_workspace, plan_outputs, print_problems, told
    from journeymap.comparing import Side, compare
    from journeymap.errors import UsageError
    from journeymap.io import refuse_overwriting_inputs, write_each
    from journeymap.rendering import render_comparison
    from journeymap.rendering.choices import check_compare_options
    from journeymap.translation import Msg, Verbatim

    chosen = infer_format(output, fmt)
    check_compare_options(chosen, view, theme)
    if len(paths) != 1:
        raise UsageError(
            Msg("render --compare takes one journey file (the current state), not %(count)s", count=len(paths)),
            Verbatim("journeymap render current.yaml --compare future.yaml"),
        )
    workspace = load_workspace([paths[0], future], persona=persona)
    results = workspace.results
    if len(results) != 2 or any(r.library for r in results):
        raise UsageError(
            Msg("with --compare, PATH and FUTURE must each be one journey file"), Msg("name two .yaml journey files")
        )
    if workspace.invalid:
        print_problems(workspace.invalid)
        say(Msg("nothing drawn: both states must be valid journeys"))
        return workspace.exit_code()
    before, after = (Side.of(r) for r in results)
    comparison = compare(before, after)  # no shared id: UnrelatedJourneys, a usage error with its hint
    inputs = [r.path for r in results]
    [target] = plan_outputs([before.path], output, chosen, "-compare")
    refuse_overwriting_inputs(inputs, [target])
    draw = lambda: render_comparison(before, after, chosen, theme, persona, comparison)  # noqa: E731
    write_each([(target, lambda: told(before.path, draw))], inputs)
    shown = {"before": Verbatim(before.path), "after": Verbatim(after.path), "format": Verbatim(chosen)}
    if target == "-":
        say(Msg("rendered %(before)s -> %(after)s as %(format)s", **shown))
    else:
        say(Msg("rendered %(before)s -> %(after)s as %(format)s to %(output)s", output=Verbatim(target), **shown))
    return workspace.exit_code()
