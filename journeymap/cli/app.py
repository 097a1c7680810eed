"""The ``journeymap`` command: global options and the explicit list of commands.

Commands live in ``journeymap.cli.commands``; each imports the library only
when it runs, so ``journeymap --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from journeymap import __version__
from journeymap.cli.commands import (
    audit,
    compare,
    export,
    import_,
    init,
    measure,
    render,
    report,
    rules,
    schema,
    score,
    validate,
)

app = typer.Typer(
    name="journeymap",
    help="Customer journeys as YAML: validate them, score friction, draw journey maps, audit touchpoints "
    "and publish reports.\n\nStart with: [bold]journeymap validate examples/[/bold]",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"journeymap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
    no_measured: Annotated[
        bool,
        typer.Option(
            "--no-measured",
            help="Ignore the measured snapshots (<journey>.measured.json): use only the values typed in the journeys.",
        ),
    ] = False,
) -> None:
    """Customer journeys as YAML."""
    from journeymap.cli.outputs import MEASURED

    MEASURED.set(not no_measured)


app.command("validate", rich_help_panel="Check")(validate.command)
app.command("score", rich_help_panel="Analyse")(score.command)
app.command("audit", rich_help_panel="Analyse")(audit.command)
app.command("compare", rich_help_panel="Analyse")(compare.command)
app.command("measure", rich_help_panel="Analyse")(measure.command)
app.command("render", rich_help_panel="Present")(render.command)
app.command("report", rich_help_panel="Present")(report.command)
app.command("schema", rich_help_panel="Reference")(schema.command)
app.command("rules", rich_help_panel="Reference")(rules.command)
app.command("init", rich_help_panel="Start")(init.command)
app.command("import", rich_help_panel="Exchange")(import_.command)
app.command("export", rich_help_panel="Exchange")(export.command)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code instead of exiting (for tests)."""
    from journeymap.io import prepare_standard_streams

    prepare_standard_streams()
    args = sys.argv[1:] if argv is None else argv
    from journeymap.cli.parse_errors import chosen_language

    speaker = chosen_language(args)
    if speaker is not None and not speaker.english:  # parsing mistakes in the terminal's language, not click's
        from typer.main import get_command

        from journeymap.cli.parse_errors import run_translated

        return run_translated(get_command(app), args, speaker)
    try:
        app(args=argv, prog_name="journeymap")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
