"""Shared helpers for the report tests: example journeys with their scores, sample findings."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

import journeymap
from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.reporting import ReportInput
from tests.conftest import EXAMPLES

ARABIC_EXAMPLE = "bank-account-opening-ar.yaml"


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def example_inputs(findings: bool = False) -> list[ReportInput]:
    """Every example, scored; with ``findings``, a few made-up findings on first-purchase.yaml."""
    inputs = []
    for path in example_paths():
        journey = journeymap.read(str(path))
        found = sample_findings(f"examples/{path.name}") if findings and path.name == "first-purchase.yaml" else []
        inputs.append(ReportInput(f"examples/{path.name}", journey, journeymap.score(journey), found))
    return inputs


def sample_findings(path: str) -> list[Diagnostic]:
    return [
        Diagnostic("JM999", Severity.INFO, "a note about <b>bold</b> claims", Span(path, 30, 5), None),
        Diagnostic("JM998", Severity.ERROR, "checkout has no owner", Span(path, 12, 7), "assign the web team"),
        Diagnostic("JM997", Severity.WARNING, "moment of truth without a metric", Span(path, 20, 3), "add CSAT"),
    ]


def input_from_doc(doc: dict[str, object], path: str = "synthetic.yaml") -> ReportInput:
    """A ReportInput from a journey document built in code (it must be valid)."""
    result = journeymap.validate(journeymap.load_text(yaml.safe_dump(doc, allow_unicode=True), path))
    assert result.journey is not None, [d.message for d in result.diagnostics]
    return ReportInput(path, result.journey, journeymap.score(result.journey), [])


class TagCollector(HTMLParser):
    """Every tag and link of an HTML page, and anything that could run script (on* handlers, js: URLs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name!r} on <{tag}>")
            if name in ("href", "src", "xlink:href", "action", "formaction", "data"):
                self.links.append(value or "")
                squashed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
