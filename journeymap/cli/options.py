"""Every command-line option, declared once as a click decorator; command modules only list which they take.

Choices are plain strings (what the library takes); ``case_sensitive=False`` where they were accepted in any
case before (``--format JSON``), so a command receives the choice as written here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

#: Choices of ``--format`` per command, and of the other choice options.
OUTPUT_FORMATS = ("auto", "human", "text", "json", "github")
VALIDATE_FORMATS = ("auto", "human", "text", "json", "sarif", "github")
AUDIT_FORMATS = ("auto", "human", "text", "json", "sarif", "github", "markdown")
SCORE_FORMATS = ("auto", "human", "text", "json", "markdown")
COMPARE_FORMATS = ("human", "json", "markdown", "html")
REPORT_FORMATS = ("html", "markdown", "json")
IMAGE_FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
IMPORT_FORMATS = ("mermaid", "csv", "xlsx")
EXPORT_FORMATS = ("csv", "xlsx", "mermaid")
VIEWS = ("map", "flow", "compact")
PAGE_SIZES = ("a4", "a3", "letter")
THEMES = ("light", "dark", "print")
FAIL_ON = ("error", "warning", "info", "never")
COMPARE_FAIL_ON = ("regression", "never")
RANK_BY = ("priority", "friction")
BY = ("touchpoint", "stage", "persona", "channel")
LANGUAGES = ("en", "ar")


def files(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete a path from the file system: click's shell scripts hand type ``file`` to the shell's own
    file-name completion (typer's bash script fell back to it for every word; click's does not)."""
    return [CompletionItem(incomplete, type="file")]


def directories(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete a directory from the file system (the shell's own directory-name completion)."""
    return [CompletionItem(incomplete, type="dir")]


def _choice(choices: Sequence[str]) -> click.Choice[str]:
    """Choices accepted in any case (``--format JSON``), handed to the command as written above."""
    return click.Choice(choices, case_sensitive=False)


F = TypeVar("F", bound=Callable[..., Any])


def _format_option(
    choices: Sequence[str], dest: str = "output_format", *, help: str, default: str | None = None
) -> Callable[[F], F]:
    """``--format`` / ``-f FORMAT``: one of the command's ``choices``, in any case."""
    return click.option("--format", "-f", dest, type=_choice(choices), default=default, metavar="FORMAT", help=help)


paths = click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="PATH...",
    help="Journey files, directories (searched for *.yaml and *.yml) or glob patterns; '-' reads standard input.",
    shell_complete=files,
)

output_format = _format_option(
    OUTPUT_FORMATS,
    default="auto",
    help="human: colours and source excerpts. text: one 'path:line:col: severity[CODE] message' per line. "
    "json: stable, versioned. github: Actions annotations. auto: github under GitHub Actions, "
    "human on a terminal, text otherwise.",
)

output = click.option(
    "--output",
    "-o",
    default="-",
    metavar="FILE",
    help="Write to this file instead of standard output ('-' = stdout).",
    shell_complete=files,
)

persona = click.option("--persona", "-p", metavar="ID", help="See the journey as this persona (a persona id).")

# -- audit ---------------------------------------------------------------------------------------------------------

select = click.option(
    "--select",
    "-s",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes, prefixes (JM31) or names; repeat or comma-separate.",
)
ignore = click.option(
    "--ignore",
    "-i",
    multiple=True,
    metavar="CODES",
    help="Skip these rules: codes, prefixes or names; repeat or comma-separate.",
)
fail_on = click.option(
    "--fail-on",
    type=_choice(FAIL_ON),
    default="error",
    help="Exit 1 when a finding is at least this severe.",
)
audit_format = _format_option(
    AUDIT_FORMATS,
    default="auto",
    help="human, text, json (versioned), sarif (2.1.0), github (annotations) or markdown; auto: github under "
    "GitHub Actions, human on a terminal, text otherwise.",
)

# -- score ---------------------------------------------------------------------------------------------------------

by = click.option(
    "--by",
    "-b",
    type=_choice(BY),
    default="touchpoint",
    metavar="WHAT",
    help="What to rank: touchpoint, stage, persona or channel.",
)
rank = click.option(
    "--rank",
    "-r",
    type=_choice(RANK_BY),
    default="priority",
    metavar="ORDER",
    help="Order touchpoints by priority (friction x confidence x reach x moment of truth: what to fix first) "
    "or by friction alone: priority or friction.",
)
top = click.option("--top", "-n", type=click.IntRange(min=1), metavar="N", help="Show only the N highest rows.")
explain = click.option(
    "--explain", "-e", metavar="TOUCHPOINT_ID", help="Show every component of one touchpoint's score."
)
score_format = _format_option(
    SCORE_FORMATS,
    default="auto",
    help="human: a table (rich on a terminal, plain otherwise). text: the plain table, also on a terminal."
    " json: stable, versioned. markdown: tables.",
)

# -- render --------------------------------------------------------------------------------------------------------

render_output = click.option(
    "--output",
    "-o",
    metavar="FILE|DIR|-",
    help="File to write (one input), directory (several inputs; created if missing), or '-' for "
    "standard output. Default: <name>.<format> in the current directory.",
    shell_complete=files,
)
image_format = _format_option(
    IMAGE_FORMATS,
    "image_format",
    help="svg, png, pdf (need Graphviz), dot (Graphviz source) or mermaid (a Mermaid journey diagram; map "
    "view only). Default: from the -o file extension, else svg.",
)
view = click.option(
    "--view",
    type=_choice(VIEWS),
    default="map",
    help="map: the classic journey map. flow: the touchpoint graph by stage. compact: one column per stage "
    "(friction, what to fix first, emotion ranges, metrics, moments of truth).",
)
stages = click.option(
    "--stages",
    "-s",
    multiple=True,
    metavar="STAGES",
    help="Draw only these stages: ids, canonical stages (purchase) or names, comma-separated, or a range "
    "first..last. Friction is still the whole journey's.",
)
page = click.option(
    "--page",
    type=_choice(PAGE_SIZES),
    metavar="SIZE",
    help="A paged PDF, landscape: a4, a3 or letter. The map: a title page, then stage by stage with the lane "
    "names on every page and page numbers. The compact view: fitted on one page.",
)
theme = click.option("--theme", type=_choice(THEMES), default="light", help="light, dark or print.")
compare_with = click.option(
    "--compare",
    metavar="FUTURE",
    help="Draw one map of two states: PATH is the current state, FUTURE the future state. The future state's "
    "columns lay out the map; both emotion curves per persona (current dashed, future solid), new, renamed, "
    "changed and removed touchpoints marked, friction before -> after in each stage header.",
    shell_complete=files,
)

# -- report --------------------------------------------------------------------------------------------------------

report_output = click.option(
    "--output",
    "-o",
    required=True,
    metavar="FILE|DIR|-",
    help="Directory for the pages (created if missing), or one file (.html, .md, .json) for one journey; "
    "'-' writes a single page to standard output.",
    shell_complete=files,
)
report_format = _format_option(
    REPORT_FORMATS,
    "report_format",
    help="html: self-contained pages. markdown: pages plus map images for MkDocs, Sphinx (MyST) or GitHub. "
    "json: the report data (schema_version 1). Default: from the -o file extension, else html.",
)
mermaid = click.option("--mermaid", is_flag=True, help="Also add a Mermaid diagram to Markdown pages.")
template_dir = click.option(
    "--template-dir",
    metavar="DIR",
    help="Your own Jinja2 templates (e.g. html/page.html.j2, markdown/page.md.j2); the built-in ones "
    "fill in the rest. Templates can run code: use only your own.",
    shell_complete=directories,
)


def split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """``-s JM31,JM32 -s JM40`` -> ("JM31", "JM32", "JM40")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


# -- compare -------------------------------------------------------------------------------------------------------

git = click.option(
    "--git",
    metavar="REV",
    help="Compare each journey under PATH... with its version at this git revision (a branch, tag or commit, "
    "e.g. origin/main).",
)
compare_format = _format_option(
    COMPARE_FORMATS,
    default="human",
    help="human: plain text. json: stable, versioned. markdown: a pull-request comment. html: one page.",
)
compare_fail_on = click.option(
    "--fail-on",
    type=_choice(COMPARE_FAIL_ON),
    default="never",
    help="regression: exit 1 when friction rises, a target is newly missed or a new error-level finding appears.",
)

# -- validate --format sarif, --only-journeys; init ----------------------------------------------------------------

validate_format = _format_option(
    VALIDATE_FORMATS,
    default="auto",
    help="human: colours and source excerpts. text: one 'path:line:col: severity[CODE] message' per line. "
    "json: stable, versioned. sarif: SARIF 2.1.0 for code scanning. github: Actions annotations. auto: github "
    "under GitHub Actions, human on a terminal, text otherwise.",
)
only_journeys = click.option(
    "--only-journeys",
    is_flag=True,
    help="Skip, without an error, YAML files that are clearly not journeys (no top-level `version:` and "
    "`journey:` keys, such as CI workflows), and say how many were skipped. For pre-commit hooks and CI "
    "jobs that are handed every *.yaml file.",
)

init_path = click.argument(
    "path",
    default="customer.journey.yaml",
    metavar="[PATH]",
    help="The journey file to create; refused if it exists. Name it *.journey.yaml (or put it in a journeys/ "
    "folder) so the pre-commit hooks find it. Default: customer.journey.yaml.",
    shell_complete=files,
)
language = click.option(
    "--language",
    "-l",
    type=_choice(LANGUAGES),
    metavar="LANG",
    help="en: an English starter. ar: an Arabic one, right to left. Default: ar when --title is in Arabic, else en.",
)
industry = click.option(
    "--industry",
    metavar="INDUSTRY",
    help="ecommerce, retail, telecom, banking, insurance, software... (see `journeymap schema`); sets "
    "`journey.industry`, which the audit's channel checks read. Default: ecommerce (en), banking (ar).",
)
title = click.option("--title", "-t", metavar="TEXT", help="The journey's title.")

# -- import and export ---------------------------------------------------------------------------------------------

import_source = click.argument(
    "source",
    metavar="SOURCE",
    help="A Mermaid journey (.mmd), a touchpoint table (.csv, .xlsx), or '-' for stdin.",
    shell_complete=files,
)
import_from = click.option(
    "--from",
    "from_format",
    type=_choice(IMPORT_FORMATS),
    help="The input's format; default: from its extension.",
)
import_output = click.option(
    "--output",
    "-o",
    metavar="FILE",
    help="The journey file to write ('-' = stdout); default: STEM.journey.yaml here.",
    shell_complete=files,
)
force = click.option("--force", is_flag=True, help="Replace the output file if it exists.")
sheet = click.option("--sheet", metavar="NAME", help="The workbook sheet to read; default: the first.")
import_title = click.option(
    "--title", metavar="TEXT", help="The journey's title; default: the diagram's, the workbook's, or the file name."
)
import_language = click.option(
    "--language",
    metavar="TAG",
    help="The journey's language (BCP-47); default: ar or he for Arabic or Hebrew text, else en.",
)
channel = click.option(
    "--channel",
    metavar="ID",
    help="Mermaid: the channel of every touchpoint (e.g. web); default: a placeholder channel.",
)
export_source = click.argument(
    "source", metavar="JOURNEY", help="A journey file ('-' for stdin).", shell_complete=files
)
export_output = click.option(
    "--output",
    "-o",
    metavar="FILE",
    help="The file to write ('-' = stdout); default: STEM.csv (or .xlsx, .mmd) here.",
    shell_complete=files,
)
export_format = _format_option(
    EXPORT_FORMATS,
    "export_format",
    help="csv, xlsx or mermaid; default: from the extension of -o, else csv.",
)

# -- --lang: the language of messages --------------------------------------------------------------------------------


def _lang_before_the_command(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang`` given after the command, else the one given before it (``journeymap --lang ar validate``)."""
    if value is not None:
        return value
    root = ctx.find_root()
    given = root.params.get("lang") if root is not ctx else None
    return given if isinstance(given, str) else None


lang = click.option(
    "--lang",
    metavar="LANG",
    callback=_lang_before_the_command,
    help="Language of messages, hints and findings: en or ar. Default: the JOURNEYMAP_LANG, LC_ALL, "
    "LC_MESSAGES or LANG environment variable; audit findings of a journey default to its `language`.",
)


# -- --no-measured: the values typed in the journeys only -------------------------------------------------------------


def _no_measured_after_the_command(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--no-measured`` given after the command (``journeymap score J.yaml --no-measured``): the run ignores the
    measured snapshots, exactly as when it is given before the command.

    Why the setting and not a value: the group's own ``--no-measured`` sets the one switch every command reads
    (``outputs.MEASURED``) before the command's options are parsed; given here, it only turns the switch off, so
    given in either place (or both) the run is the same.
    """
    if value and not ctx.resilient_parsing:
        from journeymap.cli.outputs import MEASURED

        MEASURED.set(False)


no_measured = click.option(
    "--no-measured",
    is_flag=True,
    expose_value=False,
    callback=_no_measured_after_the_command,
    help="Ignore the measured snapshots (<journey>.measured.json): use only the values typed in the journeys "
    "(also accepted before the command).",
)
