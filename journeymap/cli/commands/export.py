"""``journeymap export``: a journey's touchpoint table as CSV or XLSX, or the journey as a Mermaid diagram."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

#: Export formats by file extension.
EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx", ".mmd": "mermaid", ".mermaid": "mermaid"}


@journeymap_command("export")
@options.export_source
@options.export_output
@options.export_format
@options.no_measured
@options.lang
def command(source: str, output: str | None, export_format: str | None, lang: str | None) -> int:
    """Write a journey's touchpoints as a table for spreadsheets (CSV, XLSX), or as a Mermaid journey.

    One row per touchpoint: stage, touchpoint, channel, action, owner, personas, emotions
    (one column per persona when they differ), moment of truth, one column per metric and per
    target, pain points and opportunities (one per line in the cell), next. Edit it in a
    spreadsheet, then bring it back with journeymap import: the journey you get has
    the same stages, touchpoints, channels, emotions, metrics and targets.

    The values are those typed in the journey: measured values (<journey>.measured.json) stay in
    their snapshot, since a cell cannot carry their sample size and interval. A workbook also has a
    personas sheet (names, shares, gender), so the scores of the imported journey are the same; a
    CSV file cannot hold personas, and export says what that changes.

    Text a spreadsheet would run as a formula (starting with = + - @) is written as text.
    The same journey always gives the same bytes, XLSX included. --format mermaid writes what
    journeymap render -f mermaid draws.

    Exit code 0: written; 1: the journey has errors (listed, nothing written); 2: unreadable input
    or usage error.

    Examples:

      journeymap export examples/first-purchase.yaml -o touchpoints.xlsx

      journeymap export journeys/checkout.yaml -o - --format csv

      journeymap export journeys/checkout.yaml -o checkout.mmd
    """
    return guarded(lambda: _run(source, output, export_format), lang)


def export_format_of(output: str | None, requested: str | None) -> str:
    """``--format`` wins; else the extension of ``-o`` (one that says no format is a usage error); else csv."""
    if requested:
        return requested
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in EXTENSIONS:
            from journeymap.errors import UsageError
            from journeymap.translation import Msg, Verbatim

            raise UsageError(
                Msg("cannot tell the format of %(path)s", path=Verbatim(output)),
                Msg("name it .csv, .xlsx or .mmd, or give --format"),
            )
        return EXTENSIONS[suffix]
    return "csv"


def _run(source: str, output: str | None, requested: str | None) -> int:
    from journeymap.cli.boundary import say
    from journeymap.cli.outputs import use_measured
    from journeymap.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE
    from journeymap.interchange.exporting import export_bytes, left_out, typed_journey
    from journeymap.io import write_atomic
    from journeymap.loader import UNREADABLE_CODES, load
    from journeymap.translation import Joined, Msg, Verbatim
    from journeymap.validation import validate

    fmt = export_format_of(output, requested)
    if fmt == "xlsx" and output == "-" and sys.stdout.isatty():
        from journeymap.errors import UsageError

        raise UsageError(
            Msg("an XLSX workbook is binary and standard output is a terminal"), Verbatim("use -o FILE.xlsx")
        )
    if os.path.isdir(source):
        from journeymap.errors import UsageError

        raise UsageError(
            Msg("%(path)s is a folder; export takes one journey file", path=Verbatim(source)),
            Msg("export each journey: journeymap export FILE.yaml -o FILE.csv"),
        )
    loaded = load(source)
    result = validate(loaded, measured=use_measured())
    if result.journey is None:
        from journeymap.cli.outputs import print_diagnostics

        print_diagnostics(result.diagnostics)
        unreadable = any(d.code in UNREADABLE_CODES for d in result.diagnostics)
        return EXIT_UNUSABLE if unreadable else EXIT_PROBLEMS
    suffix = {"csv": ".csv", "xlsx": ".xlsx", "mermaid": ".mmd"}[fmt]
    target = output or ("-" if source == "-" else f"{Path(source).stem.removesuffix('.journey')}{suffix}")
    journey, measured = typed_journey(loaded, result.journey)
    write_atomic(target, export_bytes(journey, fmt), [source])
    if fmt != "mermaid" and (missing := left_out(journey, fmt)):
        say(Msg("journeymap: note: the table leaves out %(missing)s", missing=Joined(", ", missing)))
    if measured:
        say(_typed_note(source, measured))
    if target != "-":
        say(Msg("wrote %(path)s", path=Verbatim(target)))
    return EXIT_OK


def _typed_note(source: str, measured: int) -> str:
    """What export did with the measured values: wrote the typed ones, and where the measured ones stay."""
    from journeymap.cli.boundary import speaker
    from journeymap.model.evidence import snapshot_beside
    from journeymap.translation import Msg, Verbatim, count

    snapshot = snapshot_beside(source)
    values = Verbatim(count(speaker(), measured, "%(count)s measured value", "%(count)s measured values"))
    return Msg(
        "journeymap: note: written with the values typed in the journey; its %(values)s stay in %(snapshot)s,"
        " which a table cannot carry with their samples and intervals (see them with `journeymap report`)",
        values=values,
        snapshot=Verbatim(snapshot.name if snapshot else "the measured snapshot"),
    )
