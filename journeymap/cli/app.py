"""The ``journeymap`` command: global options and the explicit list of commands.

Commands live in ``journeymap.cli.commands``; each imports the library only
when it runs, and only the command that runs is imported and built (``journeymap
validate`` does not pay for ``render``'s options), so start-up stays fast
(docs/decisions/0022-lazy-commands.md).
"""

from __future__ import annotations

import inspect
import os
import sys
import types
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from journeymap import __version__

#: Every command, in the order ``journeymap --help`` lists them: name -> (module in journeymap.cli.commands,
#: help panel). The one list of commands; each module's ``command`` function declares the options.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "Check"),
    "score": ("score", "Analyse"),
    "audit": ("audit", "Analyse"),
    "compare": ("compare", "Analyse"),
    "measure": ("measure", "Analyse"),
    "render": ("render", "Present"),
    "report": ("report", "Present"),
    "schema": ("schema", "Reference"),
    "rules": ("rules", "Reference"),
    "init": ("init", "Start"),
    "import": ("import_", "Exchange"),
    "export": ("export", "Exchange"),
}


def command_info(name: str) -> typer.models.CommandInfo:
    """A command as ``app.command(name, rich_help_panel=...)`` registers it, its module imported now."""
    module, panel = COMMANDS[name]
    # __import__ rather than importlib.import_module: the import statement's path, which `python -X importtime`
    # reports (the start-up is measured that way, bench/RESULTS.md)
    callback = __import__(f"journeymap.cli.commands.{module}", fromlist=["command"]).command
    holder = typer.Typer()
    holder.command(name, rich_help_panel=panel, help=reflowed(callback.__doc__ or ""))(callback)
    return holder.registered_commands[0]


#: Lines that start a line of their own in help text, though no blank line comes before them.
_OWN_LINE = ("Exit code", "- ", "* ", "[dim]")


def reflowed(doc: str) -> str:
    """A command's docstring as help text: each prose paragraph one line, for the terminal to wrap.

    Why: rich keeps the docstring's line breaks, so a source line longer than the terminal broke into
    a long line and a short one ("so the file / shows the / format at work"). Indented lines (the
    examples) and lines that open a list or an exit-code line keep their own line.
    """
    lines: list[str] = []
    for line in inspect.cleandoc(doc).splitlines():
        joins = lines and lines[-1] and line and not line[0].isspace() and not lines[-1][0].isspace()
        if joins and not line.startswith(_OWN_LINE):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name: every name known from the start, each command built on first use.

    Why a mapping: typer's group reads its commands through ``self.commands`` (lookup, the ordered list for
    ``--help``, the names for "did you mean"), so a lazy mapping changes when commands are built, not what
    the group does with them.
    """

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            self.built[name] = typer.main.get_command_from_info(
                command_info(name),
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self.built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self.built if name not in COMMANDS)


class LazyGroup(typer.core.TyperGroup):
    """typer's group, with the commands of ``COMMANDS`` imported and built only when asked for."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.commands = _Commands()


app = typer.Typer(
    name="journeymap",
    cls=LazyGroup,
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
    """Console-script entry point (``journeymap`` and ``python -m journeymap``): a whole process of its own.

    pydantic's plugins are observability hooks found by scanning every installed package's entry
    points when the first model class is built; the command's models are its own and no plugin has
    anything to do with them, so the command does not pay for the scan (docs/decisions/0043). A value
    the user set wins; library callers (``import journeymap``) keep their plugins.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _NO_PLUGINS:
        _skip_plugin_loader()
    sys.exit(main())


#: The values of ``PYDANTIC_DISABLE_PLUGINS`` for which pydantic's ``get_plugins()`` returns no plugin.
_NO_PLUGINS = ("__all__", "1", "true")


def _skip_plugin_loader() -> None:
    """Hand pydantic its (empty) plugin list without importing its plugin loader.

    Why: the loader module imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``csv``,
    ``socket``) at its top, even when plugins are off and the module only answers "none": 5 % of a
    small ``validate``'s instructions (docs/decisions/0047). The stand-in has the loader's one function,
    giving the answer pydantic's own gives for these values, so nothing else changes.
    """
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name, "Stand-in for pydantic's plugin loader while plugins are off.")
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> (), as pydantic's
        sys.modules[name] = loader
