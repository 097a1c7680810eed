"""Options shared by several commands, declared once."""

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
