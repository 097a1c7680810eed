"""GitHub Actions workflow commands, so problems show inline on pull requests."""

from __future__ import annotations

from collections.abc import Iterable

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.formats import safe_terminal
from journeymap.formats.human import HINT
from journeymap.translation import Translator

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """Workflow-command escaping; control and bidi characters are neutralised first (labels are data)."""
    lines = [safe_terminal(line) for line in text.split("\n")]
    return "%0A".join(line.replace("%", "%25").replace("\r", "%0D") for line in lines)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_annotation(diagnostic: Diagnostic, t: Translator | None = None) -> str:
    span = diagnostic.span
    props = [f"file={_property(span.path)}"]
    if span.line:
        props += [f"line={span.line}", f"col={span.column}"]
        if span.end_line and span.end_line == span.line and span.end_column:
            props.append(f"endColumn={span.end_column}")
    props.append(f"title={_property(f'{diagnostic.code} {diagnostic.name}')}")
    label = t(HINT) if t is not None else "hint"
    message = diagnostic.message + (f"\n{label}: {diagnostic.hint}" if diagnostic.hint else "")
    return f"::{_LEVEL[diagnostic.severity]} {','.join(props)}::{_data(message)}"


def format_annotations(diagnostics: Iterable[Diagnostic], summary: str, t: Translator | None = None) -> str:
    lines = [format_annotation(d, t) for d in diagnostics]
    lines.append(summary)
    return "\n".join(lines) + "\n"
