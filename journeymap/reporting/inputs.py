"""What a report is made from, and how it is made."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.diagnostics import Diagnostic
from journeymap.model import Journey
from journeymap.scoring.results import JourneyScore

FORMATS = ("html", "markdown", "json")


@dataclass(frozen=True)
class ReportInput:
    """One journey with its results: ``path`` is the source file shown in the report."""

    path: str
    journey: Journey
    scores: JourneyScore
    findings: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class ReportOptions:
    """``mermaid``: add a Mermaid block to Markdown pages; ``persona``: the persona the scores and map
    were made for; ``template_dir``: templates there override the built-in ones."""

    mermaid: bool = False
    persona: str | None = None
    template_dir: str | None = None
