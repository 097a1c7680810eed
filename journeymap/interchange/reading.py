"""One entry point for every import: the file's format from ``--from`` or its extension, then its reader."""

from __future__ import annotations

from pathlib import Path

from journeymap.diagnostics import Span
from journeymap.interchange.build import Imported, diagnostic

#: Import formats and the file extensions that mean them.
FORMATS: dict[str, tuple[str, ...]] = {
    "mermaid": (".mmd", ".mermaid"),
    "csv": (".csv", ".tsv"),
    "xlsx": (".xlsx", ".xlsm"),
}


def import_format(path: str, requested: str | None) -> str | None:
    """``requested`` when given, else the format of the path's extension; None when neither says."""
    if requested:
        return requested
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, suffixes in FORMATS.items() if suffix in suffixes), None)


def import_file(
    path: str,
    fmt: str,
    *,
    title: str | None = None,
    language: str | None = None,
    channel: str | None = None,
    sheet: str | None = None,
    destination: str | None = None,
) -> Imported:
    """Read ``path`` (``-``: standard input) in format ``fmt`` into a journey, with every diagnostic.

    ``destination`` is the journey file to be written: the journey is validated as it will be read there.
    """
    from journeymap.io import MAX_INPUT_BYTES, STDIN_NAME, InputTooLarge, read_capped
    from journeymap.loader import limit_text
    from journeymap.translation import Msg, Verbatim
    from journeymap.translation.library_messages import reason

    name = STDIN_NAME if path == "-" else path
    try:
        raw = read_capped(path)
    except InputTooLarge as error:
        limit = Verbatim(limit_text(MAX_INPUT_BYTES))
        return _failed(
            name,
            "JM002",
            Msg("the file is %(size)s bytes; the limit is %(limit)s", size=f"{error.size:,}", limit=limit),
        )
    except OSError as error:
        return _failed(name, "JM001", Msg("cannot read the file: %(reason)s", reason=reason(error)))
    if fmt == "xlsx":
        from journeymap.interchange.xlsx import read_xlsx

        return read_xlsx(raw, name, title=title, language=language, sheet=sheet, destination=destination)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        said = Msg("the file is not UTF-8 text (byte %(byte)s)", byte=error.start + 1)
        return _failed(name, "JM003", said, Msg("save it as UTF-8"))
    if fmt == "csv":
        from journeymap.interchange.csv_table import read_csv

        return read_csv(text, name, title=title, language=language, destination=destination)
    from journeymap.interchange.mermaid import read_mermaid

    return read_mermaid(text, name, title=title, channel=channel, language=language, destination=destination)


def _failed(path: str, code: str, message: str, hint: str | None = None) -> Imported:
    return Imported(path, None, [diagnostic(code, message, Span(path), hint)])
