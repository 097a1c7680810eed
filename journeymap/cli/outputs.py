"""Where command outputs go: one file, a directory of files, or standard output."""

from __future__ import annotations

import os
from pathlib import Path

from journeymap.errors import UsageError
from journeymap.io import make_directory
from journeymap.loader import Source

EXTENSIONS = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd"}


def infer_format(output: str | None, requested: str | None) -> str:
    """``--format`` wins; else the extension of ``-o``; else svg."""
    if requested:
        return requested
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        for fmt, extension in EXTENSIONS.items():
            if suffix == extension or (fmt == "mermaid" and suffix == ".mermaid"):
                return fmt
    return "svg"


def plan_outputs(sources: list[Source], output: str | None, fmt: str, tag: str = "") -> list[str]:
    """One output path per source (``-`` for standard output), never two the same.

    * no ``-o``: ``<stem><tag>.<ext>`` in the current directory (stdin: stdout);
    * ``-o -``: standard output (one input only, or text formats);
    * ``-o DIR`` (existing, ending in ``/``, or several inputs): files in DIR;
    * ``-o FILE``: that file (one input only).
    """
    extension = EXTENSIONS[fmt]
    if output == "-":
        if len(sources) > 1 and fmt not in ("dot", "mermaid"):
            raise UsageError("several images cannot all go to standard output", "use -o DIR")
        return ["-"] * len(sources)
    if output is None:
        return [("-" if s.path == "-" else _name(s, tag, extension)) for s in sources]
    as_dir = len(sources) > 1 or output.endswith(("/", os.sep)) or os.path.isdir(output)
    if not as_dir:
        return [output]
    directory = Path(output)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{output} exists and is not a directory", "give a directory for several inputs")
    make_directory(directory)
    return _unique([str(directory / _name(s, tag, extension)) for s in sources])


def _name(source: Source, tag: str, extension: str) -> str:
    stem = "stdin" if source.path == "-" else Path(source.path).stem
    return f"{stem}{tag}{extension}"


def _unique(paths: list[str]) -> list[str]:
    """journeys/a.yaml and other/a.yaml both become a.svg: number the repeats (a-2.svg...).

    A numbered name never takes the plain name of another input (c/a-2.yaml).
    """
    taken = set(paths)
    used: set[str] = set()
    result = []
    for path in paths:
        candidate, number = path, 1
        while candidate in used or (candidate != path and candidate in taken):
            number += 1
            stem, dot, ext = path.rpartition(".")
            candidate = f"{stem}-{number}{dot}{ext}"
        used.add(candidate)
        result.append(candidate)
    return result
