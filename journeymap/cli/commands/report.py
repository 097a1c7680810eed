"""``journeymap report``: publish journeys as HTML or Markdown pages (or JSON) for a docs pipeline."""

from __future__ import annotations

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command


@journeymap_command("report")
@options.paths
@options.report_output
@options.report_format
@options.mermaid
@options.persona
@options.template_dir
@options.no_measured
@options.lang
def command(
    paths: tuple[str, ...],
    output: str,
    report_format: str | None,
    mermaid: bool,
    persona: str | None,
    template_dir: str | None,
    lang: str | None,
) -> int:
    """Publish reports: per journey a summary, the journey map, persona cards, stages, the touchpoints to
    fix first, audit findings, metrics against targets and every touchpoint; an index page for several.
    A future state (`state: future`, `future_of: <id>`) reported with its current state gets a
    "Current → future" section, with the numbers `journeymap compare` gives for the pair.

    Output is deterministic (same input, same bytes), so reports diff cleanly in git; the pages are
    written all together or not at all.
    Exit code 0: all reported; 1: a journey has errors (it is skipped, the others are reported);
    2: unreadable input or usage error.

    Examples:

      journeymap report journeys/ -o site/journeys/

      journeymap report journeys/ -o docs/journeys/ --format markdown --mermaid

      journeymap report checkout.yaml -o checkout.html --persona sara

      journeymap report fault.yaml fault.future.yaml -o site/
    """
    return guarded(lambda: _run(list(paths), output, report_format, mermaid, persona, template_dir), lang)


def _run(
    paths: list[str], output: str, requested: str | None, mermaid: bool, persona: str | None, templates: str | None
) -> int:
    from journeymap.cli.outputs import finish, journeys, load_workspace, report_format, told, write_report
    from journeymap.reporting import ReportInput, ReportOptions, check_template_dir, report_pieces
    from journeymap.translation import Msg, Verbatim

    check_template_dir(templates)
    fmt = report_format(output, requested)
    workspace = load_workspace(paths, persona=persona)
    inputs = [ReportInput(r.path, r.require_journey(), r.scores, r.findings) for r in workspace.valid]
    where = inputs[0].path if len(inputs) == 1 else "report"  # whose map a Graphviz warning is about
    options = ReportOptions(mermaid, persona, templates)
    files = told(where, lambda: report_pieces(inputs, fmt, options)) if inputs else {}
    told(where, lambda: write_report(files, output, fmt, len(inputs), [r.path for r in workspace.results]))
    shown = {"done": len(inputs), "total": journeys(workspace.files_read), "format": Verbatim(fmt)}
    if output == "-":
        return finish(workspace, "reported", Msg("reported %(done)s of %(total)s as %(format)s", **shown))
    said = Msg("reported %(done)s of %(total)s as %(format)s to %(output)s", output=Verbatim(output), **shown)
    return finish(workspace, "reported", said)
