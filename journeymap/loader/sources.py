"""Turn command-line paths (files, directories, globs, ``-``) into input files."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable
from typing import NamedTuple

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.io import STDIN_NAME
from journeymap.loader.library import LIBRARY_FILES
from journeymap.translation import Msg

YAML_SUFFIXES = (".yaml", ".yml")
#: Measure definitions (``journeymap measure``) sit beside journeys but are not journeys.
MEASURE_SUFFIXES = (".measures.yaml", ".measures.yml")


def is_measure_definitions(path: str) -> bool:
    """Named like measure definitions (``*.measures.yaml``): never a journey, whatever its keys say
    (definitions name their journey with a top-level ``journey:`` path)."""
    return path.lower().endswith(MEASURE_SUFFIXES)


class Source(NamedTuple):
    """One input: its path as given (``-`` for standard input) and display name."""

    path: str

    @property
    def display(self) -> str:
        return STDIN_NAME if self.path == "-" else self.path


def expand(paths: list[str]) -> tuple[list[Source], list[Diagnostic]]:
    """Expand paths in order, directories recursively, without repeats.

    Directories contribute their ``*.yaml``/``*.yml`` files sorted by path, so
    output order never depends on the file system; persona and channel
    libraries (``personas.yaml``, ``channels.yaml``) and measure definitions
    (``*.measures.yaml``) are not journeys and are left out (journeys beside
    them read them).
    """
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for raw in paths:
        found = _expand_one(raw)
        if not found:
            problems.append(_nothing_found(raw))
        for path in found:
            key = path if path == "-" else os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                sources.append(Source(path))
    return sources, problems


def _expand_one(raw: str) -> list[str]:
    if raw == "-" or os.path.isfile(raw):
        return [raw]
    if os.path.isdir(raw):
        return _yaml_files_under(raw)
    if glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        files: list[str] = []
        for match in matches:
            files.extend(_yaml_files_under(match) if os.path.isdir(match) else [match])
        return files
    return []


def _yaml_files_under(directory: str) -> list[str]:
    return _files_under(
        directory,
        lambda name: name.endswith(YAML_SUFFIXES) and name not in LIBRARY_FILES and not name.endswith(MEASURE_SUFFIXES),
    )


def measure_files(raw: str) -> list[str]:
    """What ``journeymap measure`` reads under a directory or a glob: every ``*.measures.yaml`` (or ``.yml``)
    and every journey (``*.yaml``), sorted by path, hidden folders left out as for journeys. The caller keeps
    the journeys that have definitions (beside them, or ``measures:`` in them)."""
    wanted = YAML_SUFFIXES + MEASURE_SUFFIXES
    if os.path.isdir(raw):
        return _files_under(raw, lambda name: name.endswith(wanted) and name not in LIBRARY_FILES)
    found: list[str] = []
    for match in sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else []:
        found.extend(measure_files(match) if os.path.isdir(match) else [match] if match.endswith(wanted) else [])
    return found


def _files_under(directory: str, keep: Callable[[str], bool]) -> list[str]:
    """The files under ``directory`` whose names ``keep`` accepts, sorted by path; hidden folders left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, name) for name in files if keep(name))
    return sorted(found)


def _nothing_found(raw: str) -> Diagnostic:
    if os.path.isdir(raw):
        return Diagnostic(
            "JM014",
            Severity.ERROR,
            Msg("no .yaml or .yml files in directory '%(raw)s'", raw=raw),
            Span(raw),
            Msg("journey files must end in .yaml or .yml"),
        )
    if glob.has_magic(raw):
        return Diagnostic("JM014", Severity.ERROR, Msg("the pattern '%(raw)s' matches no files", raw=raw), Span(raw))
    return Diagnostic(
        "JM001",
        Severity.ERROR,
        Msg("no such file or directory: '%(raw)s'", raw=raw),
        Span(raw),
        Msg("check the path; use '-' to read from standard input"),
    )
