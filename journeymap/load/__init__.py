"""Load step: bytes on disk -> plain data, a source map and diagnostics.

The loader never raises for bad input: whatever is wrong with a file comes
back as diagnostics, so one run reports every problem in every file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.io import MAX_INPUT_BYTES, InputTooLarge, read_capped
from journeymap.load.safe_yaml import FatalYamlError, parse_yaml
from journeymap.load.source_map import KeyPath, SourceMap
from journeymap.load.sources import Source, expand

__all__ = ["UNREADABLE_CODES", "KeyPath", "LoadResult", "Source", "SourceMap", "expand", "load", "load_text"]

#: Diagnostics that mean "could not read the input at all" (exit code 2).
UNREADABLE_CODES = frozenset({"JM001", "JM002", "JM003", "JM014"})


@dataclass
class LoadResult:
    """A loaded file: its text, data and source map, or why it has none."""

    path: str
    text: str = ""
    data: Any = None
    source_map: SourceMap = field(default_factory=lambda: SourceMap(""))
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


def load(source: Source | str, max_bytes: int = MAX_INPUT_BYTES) -> LoadResult:
    """Read and parse one journey file (``-`` for standard input)."""
    src = source if isinstance(source, Source) else Source(source)
    name = src.display
    try:
        raw = read_capped(src.path, max_bytes)
    except InputTooLarge as error:
        return _failed(
            name,
            "JM002",
            f"the file is {error.size:,} bytes; the limit is {max_bytes:,}",
            "split very large journeys into several files",
        )
    except OSError as error:
        return _failed(name, "JM001", f"cannot read the file: {error.strerror or error}")
    return load_bytes(raw, name)


def load_bytes(raw: bytes, path: str) -> LoadResult:
    """Decode UTF-8 (with or without a BOM) and parse."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _failed(path, "JM003", "the file is UTF-16 encoded", "save the file as UTF-8")
    if b"\x00" in raw:
        return _failed(path, "JM003", "the file is binary (it contains NUL bytes)", "journey files are UTF-8 YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return _failed(
            path,
            "JM003",
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})",
            "save the file as UTF-8",
            Span(path, line, column),
        )
    return load_text(text, path)


def load_text(text: str, path: str = "<string>") -> LoadResult:
    """Parse YAML text that is already decoded."""
    try:
        parsed = parse_yaml(text, path)
    except FatalYamlError as error:
        return LoadResult(path, text, None, SourceMap(path), [error.diagnostic])
    result = LoadResult(path, text, parsed.data, parsed.source_map, parsed.diagnostics)
    if parsed.data is None:
        result.diagnostics.append(
            Diagnostic("JM009", Severity.ERROR, "the document is empty", Span(path, 1, 1), _START_HINT)
        )
    elif not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else "a single value"
        result.diagnostics.append(
            Diagnostic(
                "JM011",
                Severity.ERROR,
                f"the top level is {kind}, not a mapping",
                parsed.source_map.value(()),
                "a journey file is a mapping with `version`, `journey`, `personas` and `stages`",
            )
        )
        result.data = None
    return result


_START_HINT = "a journey file needs `version: 1`, `journey`, `personas` and `stages`; see examples/"


def _failed(path: str, code: str, message: str, hint: str | None = None, span: Span | None = None) -> LoadResult:
    diagnostic = Diagnostic(code, Severity.ERROR, message, span or Span(path, 1, 1), hint)
    return LoadResult(path, "", None, SourceMap(path), [diagnostic])
