"""The ``journeymap`` command: global options and the explicit list of commands.

Commands live in ``journeymap.cli.commands``; each imports the library only when it runs, and only the
command that runs is imported and built (``journeymap validate`` does not pay for ``render``'s options), so
start-up stays fast (docs/decisions/0022-lazy-commands.md). The command line is parsed by click directly
(docs/decisions/0048-cli-on-click.md).
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterator, MutableMapping
from typing import NamedTuple

import click

from journeymap import __version__
from journeymap.cli.command import wrapped, write_help_text


class Entry(NamedTuple):
    """One command of ``journeymap --help``: where it lives, its heading, and its one-paragraph summary.

    Why the summary here: ``journeymap --help`` lists every command without importing one; a test checks
    that each summary is the first paragraph of its command's docstring.
    """

    module: str
    panel: str
    summary: str


#: Every command, in the order ``journeymap --help`` lists them; the one list of commands. Each module's
#: ``command`` declares the options.
COMMANDS: dict[str, Entry] = {
    "validate": Entry("validate", "Check", "Check journey files: YAML syntax, the format, and every cross-reference."),
    "score": Entry(
        "score",
        "Analyse",
        "Rank touchpoints by priority: friction 0-100, the confidence behind it, reach and moments of truth.",
    ),
    "audit": Entry("audit", "Analyse", "Audit touchpoints against the rule catalogue (see journeymap rules)."),
    "compare": Entry(
        "compare", "Analyse", "Compare two states of a journey: current and future, or a branch and its base."
    ),
    "measure": Entry(
        "measure",
        "Analyse",
        "Compute each touchpoint's metrics from survey and ticket exports (CSV, Parquet, JSON) on DuckDB, "
        "or from tables on Spark or a warehouse through Ibis (`connection:` sources).",
    ),
    "render": Entry(
        "render",
        "Present",
        "Draw journey maps: stages as columns, lanes for actions, touchpoints, emotions, pain points, "
        "opportunities and metrics; or the touchpoint flow.",
    ),
    "report": Entry(
        "report",
        "Present",
        "Publish reports: per journey a summary, the journey map, persona cards, stages, the touchpoints to "
        "fix first, audit findings, metrics against targets and every touchpoint; an index page for several. "
        "A future state (`state: future`, `future_of: <id>`) reported with its current state gets a "
        '"Current → future" section, with the numbers `journeymap compare` gives for the pair.',
    ),
    "schema": Entry("schema", "Reference", "Print the JSON Schema (draft 2020-12) of journey format v1."),
    "rules": Entry(
        "rules", "Reference", "List the audit rules, or explain one with its rationale, options and examples."
    ),
    "init": Entry(
        "init", "Start", "Write a starter journey to edit: two personas, the canonical stages, seven touchpoints."
    ),
    "import": Entry(
        "import_",
        "Exchange",
        "Turn a Mermaid journey diagram or a spreadsheet of touchpoints into a journey file that validates.",
    ),
    "export": Entry(
        "export",
        "Exchange",
        "Write a journey's touchpoints as a table for spreadsheets (CSV, XLSX), or as a Mermaid journey.",
    ),
}

#: The headings of ``journeymap --help``, in order.
PANELS = tuple(dict.fromkeys(entry.panel for entry in COMMANDS.values()))


def imported_command(name: str) -> click.Command:
    """A command of ``COMMANDS``, its module imported now."""
    # __import__ rather than importlib.import_module: the import statement's path, which `python -X importtime`
    # reports (the start-up is measured that way, bench/RESULTS.md)
    module = __import__(f"journeymap.cli.commands.{COMMANDS[name].module}", fromlist=["command"])
    built: click.Command = module.command
    return built


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name: every name known from the start, each command imported on first use.

    Why a mapping: click's group reads its commands through ``self.commands`` (lookup, the names for "did
    you mean"), so a lazy mapping changes when commands are imported, not what the group does with them.
    """

    def __init__(self) -> None:
        self.built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            self.built[name] = imported_command(name)
        return self.built[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self.built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self.built if name not in COMMANDS)


class LazyGroup(click.Group):
    """click's group, with the commands of ``COMMANDS`` imported only when one runs, listed under headings."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]  # click's keywords, passed through
        self.commands = _Commands()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the order of COMMANDS, not click's alphabetical one

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            write_help_text(self.help, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands under their headings (Check, Analyse...), each with its summary: none is imported."""
        names = max(len(name) for name in COMMANDS)  # one column for every heading
        for panel in PANELS:
            rows = [(name.ljust(names), entry.summary) for name, entry in COMMANDS.items() if entry.panel == panel]
            with formatter.section(panel):
                width = formatter.width - formatter.current_indent - names - 2
                formatter.write_dl([(name, "\b\n" + "\n".join(wrapped(text, width))) for name, text in rows])


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"journeymap {__version__}")
        ctx.exit()


def _show_completion(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        from journeymap.cli.completion import completion_script

        click.echo(completion_script(ctx.find_root().command, value), nl=False)
        ctx.exit()


@click.group(
    "journeymap",
    cls=LazyGroup,
    help="Customer journeys as YAML: validate them, score friction, draw journey maps, audit touchpoints "
    "and publish reports.\n\nStart with: journeymap validate examples/",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "show_default": True},
)
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version and exit.",
)
@click.option(
    "--no-measured",
    is_flag=True,
    help="Ignore the measured snapshots (<journey>.measured.json): use only the values typed in the journeys "
    "(also accepted after the command).",
)
@click.option(
    "--lang",
    metavar="LANG",
    help="Language of messages, hints and findings: en or ar (also accepted after the command).",
)
@click.option(
    "--show-completion",
    is_flag=False,
    flag_value="",
    expose_value=False,
    is_eager=True,
    callback=_show_completion,
    metavar="[SHELL]",
    help="Print the completion script of SHELL (bash, zsh, fish or powershell; default: the one in $SHELL). "
    'For bash, add to ~/.bashrc: eval "$(journeymap --show-completion bash)"',
)
def cli(no_measured: bool, lang: str | None) -> None:
    """Customer journeys as YAML (``--lang`` before the command is read by the command's own ``--lang``)."""
    from journeymap.cli.outputs import MEASURED

    MEASURED.set(not no_measured)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code instead of exiting (for tests)."""
    from journeymap.io import prepare_standard_streams

    prepare_standard_streams()
    args = sys.argv[1:] if argv is None else list(argv)
    from journeymap.cli.parse_errors import chosen_language, run_parsed

    return run_parsed(cli, args, chosen_language(args))


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
