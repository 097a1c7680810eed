"""``journeymap import``: a Mermaid journey or a touchpoint table (CSV, XLSX) to a journey file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command

if TYPE_CHECKING:
    from journeymap.diagnostics import Diagnostic


@journeymap_command("import")
@options.import_source
@options.import_output
@options.import_from
@options.sheet
@options.import_title
@options.import_language
@options.channel
@options.force
@options.lang
def command(
    source: str,
    output: str | None,
    from_format: str | None,
    sheet: str | None,
    title: str | None,
    language: str | None,
    channel: str | None,
    force: bool,
    lang: str | None,
) -> int:
    """Turn a Mermaid journey diagram or a spreadsheet of touchpoints into a journey file that validates.

    Mermaid: sections become stages, tasks touchpoints, scores emotions and actors personas. Every
    mapping it has to make (a score of 7 read as 5, a task with no actors, front matter) is a warning
    with the line and column in the diagram (JM700-JM712).

    Tables: one row per touchpoint; columns such as stage, stage name, touchpoint, channel, emotion,
    csat, target csat, pain points (one per line in the cell). A cell that does not fit its column is
    an error at its place: touchpoints.csv:7:3 or touchpoints.xlsx:Sheet1!C7 (JM713-JM718).
    Column reference: docs/import-export.md.

    The journey is written with the schema line for editors; an existing file is never replaced
    unless --force.
    Exit code 0: written (warnings allowed); 1: errors in the input, nothing written; 2: unreadable
    input or usage error.

    Examples:

      journeymap import onboarding.mmd -o journeys/onboarding.journey.yaml

      journeymap import onboarding.mmd --channel mobile_app -o -

      journeymap import touchpoints.xlsx --sheet Checkout \\
        --title "Checkout" -o checkout.journey.yaml

      journeymap import touchpoints.csv --language ar
    """
    return guarded(lambda: _run(source, output, from_format, sheet, title, language, channel, force), lang)


def _run(
    source: str,
    output: str | None,
    fmt: str | None,
    sheet: str | None,
    title: str | None,
    language: str | None,
    channel: str | None,
    force: bool,
) -> int:
    from journeymap.cli.boundary import say, speaker
    from journeymap.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, UsageError
    from journeymap.interchange import import_file, import_format
    from journeymap.translation import Msg, Verbatim, count

    chosen = import_format(source, fmt)
    if chosen is None:
        raise UsageError(
            Msg("cannot tell the format of %(path)s", path=Verbatim(source)),
            Msg("name it .mmd, .csv or .xlsx, or give --from"),
        )
    _check_options(chosen, sheet, channel, language)
    target = output or (f"{_stem(source)}.journey.yaml" if source != "-" else "-")
    if target != "-" and Path(target).suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            Msg("%(path)s is not a .yaml file; import writes a journey", path=Verbatim(target)),
            Msg("name the output .yaml or .yml"),
        )
    if target != "-" and not force and Path(target).exists():
        raise UsageError(_taken(target), Msg("choose another path, or give --force"))
    imported = import_file(
        source, chosen, title=title, language=language, channel=channel, sheet=sheet, destination=target
    )
    _print(imported.diagnostics)
    if imported.journey is None:
        return EXIT_UNUSABLE if imported.unreadable else EXIT_PROBLEMS
    _write(target, imported.yaml.encode("utf-8"), source, force)
    warnings = len(imported.diagnostics)
    if target != "-":
        shown = {"path": Verbatim(target), "command": Verbatim(f"journeymap validate {target}")}
        if warnings:
            above = Verbatim(count(speaker(), warnings, "%(count)s warning", "%(count)s warnings"))
            say(Msg("wrote %(path)s (%(warnings)s above): check it with `%(command)s`", warnings=above, **shown))
        else:
            say(Msg("wrote %(path)s: check it with `%(command)s`", **shown))
    return EXIT_OK


def _check_options(fmt: str, sheet: str | None, channel: str | None, language: str | None) -> None:
    import re

    from journeymap.errors import UsageError
    from journeymap.model.journey import LANGUAGE_PATTERN
    from journeymap.translation import Msg, Verbatim

    if sheet is not None and fmt != "xlsx":
        raise UsageError(Msg("--sheet is for .xlsx workbooks"))
    if channel is not None:
        from journeymap.model.channel import BUILT_IN_CHANNELS

        if fmt != "mermaid":
            raise UsageError(Msg("--channel is for Mermaid diagrams; a table has a channel column"))
        if channel not in BUILT_IN_CHANNELS:
            from journeymap.validation.suggest import did_you_mean

            said = Msg("unknown channel %(channel)s", channel=Verbatim(repr(channel)))
            raise UsageError(said, did_you_mean(channel, sorted(BUILT_IN_CHANNELS)))
    if language is not None and not re.match(LANGUAGE_PATTERN, language):
        raise UsageError(Msg("%(tag)s is not a language tag", tag=Verbatim(repr(language))), Msg("e.g. en, ar, fr-CA"))


def _stem(source: str) -> str:
    return Path(source).stem.removesuffix(".journey") or "imported"


def _write(target: str, data: bytes, source: str, force: bool) -> None:
    from journeymap.io import write_atomic, write_new, write_replacing

    if target == "-":
        write_atomic("-", data)
    elif force:
        write_replacing(target, data, [source])
    else:
        write_new(target, data, _taken(target))


def _taken(target: str) -> str:
    from journeymap.translation import Msg, Verbatim

    return Msg("%(path)s exists; journeymap import never replaces a file (use --force)", path=Verbatim(target))


def _print(diagnostics: list[Diagnostic]) -> None:
    from journeymap.cli.outputs import print_diagnostics

    print_diagnostics(diagnostics)
