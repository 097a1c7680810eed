"""Load step: bytes on disk -> plain data, a source map and diagnostics.

The loader never raises for bad input: whatever is wrong with a file comes
back as diagnostics, so one run reports every problem in every file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.io import MAX_INPUT_BYTES, InputTooLarge, read_capped
from journeymap.loader.library import is_library_file, library_for, resolve
from journeymap.loader.safe_yaml import parse_yaml
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.loader.sources import Source, expand
from journeymap.translation import N_, Msg, Verbatim

__all__ = [
    "NOT_READ_CODES",
    "UNREADABLE_CODES",
    "KeyPath",
    "LoadResult",
    "Source",
    "SourceMap",
    "expand",
    "load",
    "load_text",
    "not_read",
]

#: Diagnostics that mean "could not read the input at all" (exit code 2).
UNREADABLE_CODES = frozenset({"JM001", "JM002", "JM003", "JM014"})

#: Diagnostics of a path nothing was read from: missing, a directory where a file is needed, no permission
#: (JM001), a folder or pattern with no YAML files (JM014). Such a path is not a file checked.
NOT_READ_CODES = frozenset({"JM001", "JM014"})


def not_read(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether these are the diagnostics of a path nothing was read from (summaries do not count it as a file)."""
    return any(d.code in NOT_READ_CODES for d in diagnostics)


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
        limit = Verbatim(limit_text(max_bytes))
        size = (
            Msg("the file is %(size)s bytes; the limit is %(limit)s", size=f"{error.size:,}", limit=limit)
            if src.path != "-"
            else Msg("the file is more than %(size)s bytes; the limit is %(limit)s", size=f"{max_bytes:,}", limit=limit)
        )
        return _failed(name, "JM002", size, Msg(TOO_LARGE_HINT))
    except OSError as error:
        reason = Verbatim(str(error.strerror or error))
        return _failed(name, "JM001", Msg("cannot read the file: %(reason)s", reason=reason))
    loaded = load_bytes(raw, name)
    if loaded.data is not None and not is_library_file(src.path):
        loaded.diagnostics += resolve(loaded.data, loaded.source_map, library_for(src.path))
    return loaded


#: How to get under the input limit (the command line has no option to raise it, on purpose: see io.py).
TOO_LARGE_HINT = N_(
    "split the journey into several files (one per stage or persona); from Python, "
    "journeymap.loader.load(path, max_bytes=...) reads larger files"
)


def limit_text(max_bytes: int) -> str:
    """The input limit as people read it: "16 MiB (16,777,216 bytes)"."""
    if max_bytes < 1024 * 1024:
        return f"{max_bytes:,} bytes"
    return f"{max_bytes / 1024 / 1024:g} MiB ({max_bytes:,} bytes)"


def load_bytes(raw: bytes, path: str) -> LoadResult:
    """Decode UTF-8 (with or without a BOM) and parse."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _failed(path, "JM003", Msg("the file is UTF-16 encoded"), Msg("save the file as UTF-8"))
    if b"\x00" in raw:
        said = Msg("the file is binary (it contains NUL bytes)")
        return _failed(path, "JM003", said, Msg("journey files are UTF-8 YAML text"))
    bom = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        line, column = _text_position(raw[bom:offset].decode("utf-8"))
        return _failed(
            path,
            "JM003",
            Msg(
                "the file is not valid UTF-8 (byte %(byte)s at offset %(offset)s)",
                byte=Verbatim(f"0x{raw[offset]:02x}"),
                offset=offset,
            ),
            Msg("save the file as UTF-8"),
            Span(path, line, column),
        )
    return load_text(text, path)


UTF8_BOM = b"\xef\xbb\xbf"


def _text_position(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before``, counting CRLF, LF and CR line ends."""
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def load_text(text: str, path: str = "<string>") -> LoadResult:
    """Parse YAML text that is already decoded."""
    parsed = parse_yaml(text, path)
    if parsed.fatal:
        return LoadResult(path, text, None, parsed.source_map, parsed.diagnostics)
    result = LoadResult(path, text, parsed.data, parsed.source_map, parsed.diagnostics)
    if parsed.data is None:
        result.diagnostics.append(
            Diagnostic("JM009", Severity.ERROR, Msg("the document is empty"), Span(path, 1, 1), Msg(_START_HINT))
        )
    elif not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else "a single value"
        result.diagnostics.append(
            Diagnostic(
                "JM011",
                Severity.ERROR,
                Msg("the top level is %(kind)s, not a mapping", kind=kind),
                parsed.source_map.value(()),
                Msg("a journey file is a mapping with `version`, `journey`, `personas` and `stages`"),
            )
        )
        result.data = None
    return result


_START_HINT = N_("a journey file needs `version: 1`, `journey`, `personas` and `stages`; see examples/")


def _failed(path: str, code: str, message: str, hint: str | None = None, span: Span | None = None) -> LoadResult:
    diagnostic = Diagnostic(code, Severity.ERROR, message, span or Span(path, 1, 1), hint)
    return LoadResult(path, "", None, SourceMap(path), [diagnostic])
