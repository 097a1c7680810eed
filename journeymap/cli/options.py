"""Every command-line option, declared once; command modules only list which they take."""

from __future__ import annotations

import enum
from typing import Annotated

import typer


class OutputFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    text = "text"
    json = "json"
    github = "github"


class AuditFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"


class ScoreFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    text = "text"
    json = "json"
    markdown = "markdown"


class CompareFormat(str, enum.Enum):
    human = "human"
    json = "json"
    markdown = "markdown"
    html = "html"


class CompareFailOn(str, enum.Enum):
    regression = "regression"
    never = "never"


class ReportFormat(str, enum.Enum):
    html = "html"
    markdown = "markdown"
    json = "json"


class ImageFormat(str, enum.Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


class View(str, enum.Enum):
    map = "map"
    flow = "flow"
    compact = "compact"


class PageSize(str, enum.Enum):
    a4 = "a4"
    a3 = "a3"
    letter = "letter"


class ThemeName(str, enum.Enum):
    light = "light"
    dark = "dark"
    print = "print"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class RankBy(str, enum.Enum):
    priority = "priority"
    friction = "friction"


class By(str, enum.Enum):
    touchpoint = "touchpoint"
    stage = "stage"
    persona = "persona"
    channel = "channel"


Paths = Annotated[
    list[str],
    typer.Argument(
        help="Journey files, directories (searched for *.yaml and *.yml) or glob patterns; '-' reads standard input.",
        show_default=False,
        metavar="PATH...",
    ),
]

FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="human: colours and source excerpts. text: one 'path:line:col: severity[CODE] message' per line. "
        "json: stable, versioned. github: Actions annotations. auto: github under GitHub Actions, "
        "human on a terminal, text otherwise.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]

OutputOpt = Annotated[
    str,
    typer.Option(
        "--output", "-o", help="Write to this file instead of standard output ('-' = stdout).", metavar="FILE"
    ),
]

PersonaOpt = Annotated[
    str | None,
    typer.Option("--persona", "-p", help="See the journey as this persona (a persona id).", metavar="ID"),
]

# -- audit ---------------------------------------------------------------------------------------------------------

SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        "-s",
        help="Run only these rules: codes, prefixes (JM31) or names; repeat or comma-separate.",
        metavar="CODES",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", "-i", help="Skip these rules: codes, prefixes or names; repeat or comma-separate.", metavar="CODES"
    ),
]
FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.", case_sensitive=False)
]
AuditFormatOpt = Annotated[
    AuditFormat,
    typer.Option(
        "--format",
        "-f",
        help="human, text, json (versioned), sarif (2.1.0), github (annotations) or markdown; auto: github under "
        "GitHub Actions, human on a terminal, text otherwise.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]

# -- score ---------------------------------------------------------------------------------------------------------

ByOpt = Annotated[By, typer.Option("--by", "-b", help="What to rank.", case_sensitive=False, metavar="WHAT")]
RankOpt = Annotated[
    RankBy,
    typer.Option(
        "--rank",
        "-r",
        help="Order touchpoints by priority (friction x confidence x reach x moment of truth: what to fix first) "
        "or by friction alone.",
        case_sensitive=False,
        metavar="ORDER",
    ),
]
TopOpt = Annotated[int | None, typer.Option("--top", "-n", help="Show only the N highest rows.", min=1, metavar="N")]
ExplainOpt = Annotated[
    str | None,
    typer.Option("--explain", "-e", help="Show every component of one touchpoint's score.", metavar="TOUCHPOINT_ID"),
]
ScoreFormatOpt = Annotated[
    ScoreFormat,
    typer.Option(
        "--format",
        "-f",
        help=(
            "human: a table (rich on a terminal, plain otherwise). text: the plain table, also on a terminal."
            " json: stable, versioned. markdown: tables."
        ),
        case_sensitive=False,
        metavar="FORMAT",
    ),
]

# -- render --------------------------------------------------------------------------------------------------------

RenderOutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="File to write (one input), directory (several inputs; created if missing), or '-' for "
        "standard output. Default: <name>.<format> in the current directory.",
        metavar="FILE|DIR|-",
    ),
]
ImageFormatOpt = Annotated[
    ImageFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="svg, png, pdf (need Graphviz), dot (Graphviz source) or mermaid (a Mermaid journey diagram; map "
        "view only). Default: from the -o file extension, else svg.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]
ViewOpt = Annotated[
    View,
    typer.Option(
        help="map: the classic journey map. flow: the touchpoint graph by stage. compact: one column per stage "
        "(friction, what to fix first, emotion ranges, metrics, moments of truth).",
        case_sensitive=False,
    ),
]
StagesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--stages",
        "-s",
        help="Draw only these stages: ids, canonical stages (purchase) or names, comma-separated, or a range "
        "first..last. Friction is still the whole journey's.",
        metavar="STAGES",
    ),
]
PageOpt = Annotated[
    PageSize | None,
    typer.Option(
        "--page",
        help="A paged PDF, landscape: a4, a3 or letter. The map: a title page, then stage by stage with the lane "
        "names on every page and page numbers. The compact view: fitted on one page.",
        case_sensitive=False,
        metavar="SIZE",
    ),
]
ThemeOpt = Annotated[ThemeName, typer.Option(help="light, dark or print.", case_sensitive=False)]

# -- report --------------------------------------------------------------------------------------------------------

ReportOutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help="Directory for the pages (created if missing), or one file (.html, .md, .json) for one journey; "
        "'-' writes a single page to standard output.",
        metavar="FILE|DIR|-",
    ),
]
ReportFormatOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="html: self-contained pages. markdown: pages plus map images for MkDocs, Sphinx (MyST) or GitHub. "
        "json: the report data (schema_version 1). Default: from the -o file extension, else html.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]
MermaidOpt = Annotated[bool, typer.Option("--mermaid", help="Also add a Mermaid diagram to Markdown pages.")]
TemplateDirOpt = Annotated[
    str | None,
    typer.Option(
        "--template-dir",
        help="Your own Jinja2 templates (e.g. html/page.html.j2, markdown/page.md.j2); the built-in ones "
        "fill in the rest. Templates can run code: use only your own.",
        metavar="DIR",
    ),
]


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    """``-s JM31,JM32 -s JM40`` -> ("JM31", "JM32", "JM40")."""
    return tuple(part.strip() for value in values or [] for part in value.split(",") if part.strip())


# -- compare -------------------------------------------------------------------------------------------------------

GitOpt = Annotated[
    str | None,
    typer.Option(
        "--git",
        help="Compare each journey under PATH... with its version at this git revision (a branch, tag or commit, "
        "e.g. origin/main).",
        metavar="REV",
    ),
]
CompareFormatOpt = Annotated[
    CompareFormat,
    typer.Option(
        "--format",
        "-f",
        help="human: plain text. json: stable, versioned. markdown: a pull-request comment. html: one page.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]
CompareFailOnOpt = Annotated[
    CompareFailOn,
    typer.Option(
        "--fail-on",
        help="regression: exit 1 when friction rises, a target is newly missed or a new error-level finding appears.",
        case_sensitive=False,
    ),
]


# -- render --compare ------------------------------------------------------------------------------------------------

CompareWithOpt = Annotated[
    str | None,
    typer.Option(
        "--compare",
        help="Draw one map of two states: PATH is the current state, FUTURE the future state. The future state's "
        "columns lay out the map; both emotion curves per persona (current dashed, future solid), new, renamed, "
        "changed and removed touchpoints marked, friction before -> after in each stage header.",
        metavar="FUTURE",
    ),
]


# -- validate --format sarif, --only-journeys; init ----------------------------------------------------------------


class ValidateFormat(str, enum.Enum):
    auto = "auto"
    human = "human"
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


ValidateFormatOpt = Annotated[
    ValidateFormat,
    typer.Option(
        "--format",
        "-f",
        help="human: colours and source excerpts. text: one 'path:line:col: severity[CODE] message' per line. "
        "json: stable, versioned. sarif: SARIF 2.1.0 for code scanning. github: Actions annotations. auto: github "
        "under GitHub Actions, human on a terminal, text otherwise.",
        case_sensitive=False,
        metavar="FORMAT",
    ),
]

OnlyJourneysOpt = Annotated[
    bool,
    typer.Option(
        "--only-journeys",
        help="Skip, without an error, YAML files that are clearly not journeys (no top-level `version:` and "
        "`journey:` keys, such as CI workflows), and say how many were skipped. For pre-commit hooks and CI "
        "jobs that are handed every *.yaml file.",
    ),
]


class Language(str, enum.Enum):
    en = "en"
    ar = "ar"


InitPath = Annotated[
    str,
    typer.Argument(
        help="The journey file to create; refused if it exists. Name it *.journey.yaml (or put it in a journeys/ "
        "folder) so the pre-commit hooks find it.",
        show_default=True,
        metavar="PATH",
    ),
]
LanguageOpt = Annotated[
    Language | None,
    typer.Option(
        "--language",
        "-l",
        help="en: an English starter. ar: an Arabic one, right to left. Default: ar when --title is in Arabic, "
        "else en.",
        metavar="LANG",
        show_default=False,
    ),
]
IndustryOpt = Annotated[
    str | None,
    typer.Option(
        "--industry",
        help="ecommerce, retail, telecom, banking, insurance, software... (see `journeymap schema`); sets "
        "`journey.industry`, which the audit's channel checks read. Default: ecommerce (en), banking (ar).",
        metavar="INDUSTRY",
    ),
]
TitleOpt = Annotated[str | None, typer.Option("--title", "-t", help="The journey's title.", metavar="TEXT")]

# -- import and export ---------------------------------------------------------------------------------------------


class ImportFormat(str, enum.Enum):
    mermaid = "mermaid"
    csv = "csv"
    xlsx = "xlsx"


class ExportFormat(str, enum.Enum):
    csv = "csv"
    xlsx = "xlsx"
    mermaid = "mermaid"


ImportSource = Annotated[
    str,
    typer.Argument(
        help="A Mermaid journey (.mmd), a touchpoint table (.csv, .xlsx), or '-' for stdin.", metavar="SOURCE"
    ),
]
ImportFromOpt = Annotated[
    ImportFormat | None,
    typer.Option("--from", help="The input's format; default: from its extension.", case_sensitive=False),
]
ImportOutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="The journey file to write ('-' = stdout); default: STEM.journey.yaml here.",
        metavar="FILE",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="The workbook sheet to read; default: the first.", metavar="NAME")
]
ImportTitleOpt = Annotated[
    str | None,
    typer.Option(
        "--title", help="The journey's title; default: the diagram's, the workbook's, or the file name.", metavar="TEXT"
    ),
]
ImportLanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="The journey's language (BCP-47); default: ar or he for Arabic or Hebrew text, else en.",
        metavar="TAG",
    ),
]
ChannelOpt = Annotated[
    str | None,
    typer.Option(
        "--channel",
        help="Mermaid: the channel of every touchpoint (e.g. web); default: a placeholder channel.",
        metavar="ID",
    ),
]
ExportSource = Annotated[str, typer.Argument(help="A journey file ('-' for stdin).", metavar="JOURNEY")]
ExportOutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="The file to write ('-' = stdout); default: STEM.csv (or .xlsx, .mmd) here.",
        metavar="FILE",
    ),
]
ExportFormatOpt = Annotated[
    ExportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="csv, xlsx or mermaid; default: from the extension of -o, else csv.",
        case_sensitive=False,
    ),
]


# -- --lang: the language of messages --------------------------------------------------------------------------------

LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of messages, hints and findings: en or ar. Default: the JOURNEYMAP_LANG, LC_ALL, "
        "LC_MESSAGES or LANG environment variable; audit findings of a journey default to its `language`.",
        metavar="LANG",
    ),
]
