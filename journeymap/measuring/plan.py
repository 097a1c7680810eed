"""From definitions to work: each measure's effective window, period and touchpoint values; each source's files.

Why a step of its own: defaults (the file's ``since``/``until``/``period``,
then the command line's overrides) are applied once, here, so the compiler,
the engine and the snapshot all see the same resolved measure, and the
definition hash covers exactly what decided the value.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from typing import NamedTuple

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.measuring.load import LoadedDefinitions
from journeymap.measuring.spec import Definitions, Kind, MeasureSpec, Period, Source, definition_hash
from journeymap.translation import Msg, Verbatim

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
}


class Window(NamedTuple):
    """Whole days from ``since`` to ``until``, both included; None is open-ended."""

    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def start(self) -> dt.datetime | None:
        return dt.datetime.combine(self.since, dt.time()) if self.since else None

    def end(self) -> dt.datetime | None:
        """The first moment after the window (``until`` is a whole day, included)."""
        return dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time()) if self.until else None

    def text(self) -> Msg:
        """``2025-01-01 to 2025-06-30`` as a message: its words are translated, its dates kept."""
        return Msg(
            "%(since)s to %(until)s",
            since=Verbatim(str(self.since)) if self.since else Msg("the first row"),
            until=Verbatim(str(self.until)) if self.until else Msg("the last row"),
        )


class Overrides(NamedTuple):
    """What the command line sets for every measure that does not set it itself."""

    since: dt.date | None = None
    until: dt.date | None = None
    period: Period | None = None


class Job(NamedTuple):
    """One measure with every default applied: what to compute, over which rows, for which touchpoint."""

    touchpoint: str
    metric: str
    spec: MeasureSpec
    kind: Kind
    window: Window
    period: Period | None
    match: tuple[str, ...] | None
    definition_hash: str
    #: The confidence of its interval: a median's or p90's order statistics are chosen for it in the query.
    confidence: float = 0.95

    @property
    def path(self) -> tuple[str, ...]:
        """Where the measure is written in the definitions file."""
        return ("measures", self.touchpoint, self.metric)

    @property
    def label(self) -> str:
        return f"{self.touchpoint}.{self.metric}"


class SourceFiles(NamedTuple):
    """A source's files: as read (absolute), as shown (relative to the definitions file), and their format."""

    name: str
    spec: Source
    paths: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    format: str = ""
    problems: tuple[Diagnostic, ...] = ()


def jobs(definitions: Definitions, overrides: Overrides | None = None) -> list[Job]:
    """Every measure of a valid definitions file, in the order written, defaults applied."""
    overrides = overrides or Overrides()
    result = []
    for touchpoint, metric, spec in definitions.items():
        source = definitions.sources[spec.source]
        window = Window(
            spec.since or overrides.since or definitions.since, spec.until or overrides.until or definitions.until
        )
        period = spec.period or overrides.period or definitions.period
        match = None
        if source.touchpoint is not None:
            match = tuple(_text(v) for v in spec.match) if spec.match else (touchpoint,)
        digest = definition_hash(source, spec, (window.since, window.until, period))
        result.append(
            Job(touchpoint, metric, spec, spec.kind(metric), window, period, match, digest, definitions.confidence)
        )
    return result


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def source_files(loaded: LoadedDefinitions, name: str, source: Source) -> SourceFiles:
    """Expand a source's files and globs relative to the definitions file, sorted, without repeats."""
    base = os.path.dirname(os.path.abspath(loaded.path))
    found: dict[str, str] = {}
    problems = []
    for index, pattern in enumerate(source.files):
        full = os.path.join(base, os.path.expanduser(pattern))
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(full) else [full]
        matches = [m for m in matches if os.path.isfile(m)]
        if not matches:
            at = ("sources", name, "files", index) if len(source.files) > 1 else ("sources", name, "files")
            problems.append(_not_found(loaded, name, at, pattern, full))
        for match in matches:
            found.setdefault(os.path.realpath(match), os.path.relpath(match, base).replace(os.sep, "/"))
    paths = tuple(sorted(found))
    shown = tuple(found[p] for p in paths)
    fmt, problem = _format(loaded, name, source, shown)
    return SourceFiles(name, source, paths, shown, fmt, tuple(problems + ([problem] if problem else [])))


def _not_found(loaded: LoadedDefinitions, name: str, at: tuple[str | int, ...], pattern: str, full: str) -> Diagnostic:
    folder = os.path.dirname(full)
    from journeymap.translation import Msg, Verbatim

    what = Msg("matches no file") if glob.has_magic(pattern) else Msg("does not exist")
    hint = None
    if os.path.isdir(folder):
        nearby = sorted(n for n in os.listdir(folder) if not n.startswith("."))
        from journeymap.validation.suggest import did_you_mean  # on the error path only: it loads the model

        empty = Msg("%(folder)s is empty", folder=Verbatim(folder))
        hint = did_you_mean(os.path.basename(full), nearby) if nearby else empty
    elif not glob.has_magic(folder):
        relative = os.path.relpath(folder, os.path.dirname(os.path.abspath(loaded.path)))
        hint = Msg("there is no folder %(folder)s", folder=Verbatim(relative))
    message = Msg(
        "source '%(name)s': '%(pattern)s' %(what)s (paths are relative to %(file)s)",
        name=Verbatim(name),
        pattern=Verbatim(pattern),
        what=what,
        file=Verbatim(os.path.basename(loaded.path)),
    )
    return Diagnostic("JM600", Severity.ERROR, message, loaded.span(*at), hint)


def _format(
    loaded: LoadedDefinitions, name: str, source: Source, shown: tuple[str, ...]
) -> tuple[str, Diagnostic | None]:
    if source.format:
        return source.format, None
    kinds = {FORMATS.get(_suffix(path)) for path in shown}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop() or "", None
    if not shown:
        return "", None
    if None in kinds:
        unknown = next(path for path in shown if _suffix(path) not in FORMATS)
        message = f"source '{name}': cannot tell the format of '{unknown}' from its extension"
        hint = "add `format: csv`, parquet or json to the source"
    else:
        message = f"source '{name}' mixes {', '.join(sorted(k for k in kinds if k))} files"
        hint = "give each format a source of its own"
    return "", Diagnostic("JM601", Severity.ERROR, message, loaded.span("sources", name, "files"), hint)


def _suffix(path: str) -> str:
    """The format extension, looking through a compression suffix (``.csv.gz``)."""
    stem, extension = os.path.splitext(path.lower())
    if extension in (".gz", ".zst", ".bz2"):
        extension = os.path.splitext(stem)[1]
    return extension
