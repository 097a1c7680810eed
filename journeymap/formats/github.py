"""GitHub Actions workflow commands, so problems show inline on pull requests."""

from __future__ import annotations

from collections.abc import Iterable

from journeymap.diagnostics import Diagnostic, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_annotation(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    props = [f"file={_property(span.path)}"]
    if span.line:
        props += [f"line={span.line}", f"col={span.column}"]
        if span.end_line and span.end_line == span.line and span.end_column:
            props.append(f"endColumn={span.end_column}")
    props.append(f"title={_property(f'{diagnostic.code} {diagnostic.name}')}")
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    return f"::{_LEVEL[diagnostic.severity]} {','.join(props)}::{_data(message)}"


def format_annotations(diagnostics: Iterable[Diagnostic], summary: str) -> str:
    lines = [format_annotation(d) for d in diagnostics]
    lines.append(summary)
    return "\n".join(lines) + "\n"
