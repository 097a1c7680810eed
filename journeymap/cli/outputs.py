"""Where command outputs go: one file, a directory of files, or standard output; what the terminal is."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from journeymap.errors import UsageError
from journeymap.io import STDIN_NAME, make_directory
from journeymap.translation import N_, Msg, Plural, Verbatim


def terminal() -> bool:
    """Whether standard output is a terminal (rich tables, colours when NO_COLOR is unset)."""
    return sys.stdout.isatty()


def color() -> bool:
    from journeymap.io import use_color

    return use_color(sys.stdout)


def width() -> int:
    """The terminal's columns: ``COLUMNS`` when set, else the terminal's own, else 100.

    What ``shutil.get_terminal_size`` answers, without importing shutil (and with it bz2, lzma and
    fnmatch) in every run: every command asks, and most never copy a file.
    """
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    if sys.__stdout__ is None:
        return 100
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 100
    except (ValueError, OSError):
        return 100


def load_workspace(
    paths: list[str], persona: str | None = None, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = ()
) -> Workspace:
    """The one run: the project file found from the working directory up, the command's choices,
    and a progress bar on a terminal for long batches."""
    from journeymap.cli.progress import progress
    from journeymap.loader.collector import few_collections
    from journeymap.workspace import RunSettings, run

    settings = RunSettings.for_directory(Path.cwd(), persona, select, ignore, use_measured())
    with few_collections(keep_frozen=True):  # the process ends after this run: see loader/collector.py
        return run(paths, settings, lambda sources: progress(sources, "Loading"))


#: Whether this run reads the measured snapshots: set by the global option (``journeymap --no-measured CMD``)
#: on every invocation, read by ``load_workspace``.
MEASURED: ContextVar[bool] = ContextVar("measured", default=True)


def use_measured() -> bool:
    return MEASURED.get()


def present_validation(workspace: Workspace, requested: str, lang: str | None = None) -> str:
    """Every file's diagnostics in the requested format (``auto``: by where the output goes), in the terminal's
    language (``--lang``, else the environment)."""
    from journeymap.formats import resolve_format
    from journeymap.formats.summary import summarise
    from journeymap.formats.validation import present

    results = workspace.validations
    fmt = resolve_format(requested, terminal())
    return present(fmt, results, summarise(results), version(), color(), width(), terminal_translator(lang))


def terminal_translator(lang: str | None) -> Translator:
    """The translator of terminal messages: ``--lang``, else JOURNEYMAP_LANG, LC_ALL, LC_MESSAGES, LANG.

    An unknown ``--lang`` is a usage error (a typo should not silently give English).
    """
    from journeymap.translation import LANGUAGES, Joined, Msg, Verbatim, base_language, terminal_language, translator

    if lang is not None and base_language(lang) not in LANGUAGES:
        raise UsageError(
            Msg("no messages in language '%(lang)s'", lang=Verbatim(lang)),
            Msg("use one of: %(choices)s", choices=Joined(", ", [Verbatim(x) for x in LANGUAGES])),
        )
    return translator(terminal_language(lang))


def journeys(number: int) -> str:
    """``3 journeys`` in the terminal's language and digits (shown as is inside a message)."""
    from journeymap.cli.boundary import speaker
    from journeymap.translation import Verbatim, count

    return Verbatim(count(speaker(), number, "%(count)s journey", "%(count)s journeys"))


def finish(workspace: Workspace, done: str, line: str | None = None) -> int:
    """Files that are not valid journeys: their diagnostics on stderr, what happened to the rest, the exit code.

    ``done`` is what the command did with the rest (a key of :data:`DONE`); ``line`` the command's
    summary, a ``Msg``. A path that could not be read is not counted among the files: it is said apart
    ("1 path could not be read"), as in ``validate``'s summary.

    Why stderr: standard output carries the command's product (a table, JSON, a map), which the
    valid journeys still get; the problems must not be mixed into it.
    """
    from journeymap.cli.boundary import say, speaker
    from journeymap.formats.summary import with_paths_not_read
    from journeymap.loader import not_read
    from journeymap.translation import Msg, Verbatim, count

    print_problems(workspace.invalid)
    paths, files = len(workspace.not_read), workspace.files_read
    if workspace.invalid:
        t = speaker()
        skipped = sum(1 for r in workspace.invalid if not not_read(r.diagnostics))
        counted = Verbatim(count(t, files, "%(count)s file", "%(count)s files"))
        said = t(Msg(SKIPPED, skipped=skipped, files=counted)) if skipped else None
        said = with_paths_not_read(said, files, paths, t)
        say(Msg(DONE[done], said=Verbatim(said)) if workspace.valid and done in DONE else Verbatim(said))
    if line and files:  # (nothing read: "0 files checked" was said)
        say(line)
    return workspace.exit_code()


#: What ``finish`` says of files skipped for not being valid journeys.
SKIPPED = N_("%(skipped)s of %(files)s skipped (not valid journeys)")

#: What ``finish`` says the command did with the rest, after the files skipped.
DONE = {
    "drew": N_("%(said)s; drew the rest"),
    "reported": N_("%(said)s; reported the rest"),
    "scored": N_("%(said)s; scored the rest"),
}


def print_problems(results: Iterable[JourneyResult]) -> None:
    """The diagnostics of files that are not valid journeys, on standard error, as `validate` prints them
    (in the terminal's language)."""
    for result in results:
        print_diagnostics(result.diagnostics)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Diagnostics on standard error as ``path:line:col: severity[CODE] message`` and hint, in the terminal's
    language."""
    from journeymap.cli.boundary import speaker
    from journeymap.formats.localized import localized
    from journeymap.formats.text import format_diagnostic

    t = speaker()
    for diagnostic in diagnostics:
        print(format_diagnostic(localized(diagnostic, t), t), file=sys.stderr)


def version() -> str:
    from journeymap import __version__

    return __version__


if TYPE_CHECKING:
    from journeymap.diagnostics import Diagnostic
    from journeymap.translation import Translator
    from journeymap.workspace import JourneyResult, Workspace

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


def draw_all(
    workspace: Workspace,
    output: str | None,
    fmt: str,
    view: str,
    theme: str,
    stages: tuple[str, ...] | None = None,
    page: str | None = None,
    lang: str | None = None,
) -> int:
    """Draw every valid journey of the run to its planned output, one at a time; the number written.

    The output paths are planned for every input (so names stay stable when one is invalid) and
    checked against the inputs before anything is written.
    """
    from functools import partial

    from journeymap.io import refuse_overwriting_inputs, write_each

    inputs = [r.path for r in workspace.results]
    if fmt == "mermaid":
        _warn_left_to_right(workspace, lang)
    targets = plan_outputs(inputs, output, fmt, "" if view == "map" else f"-{view}")
    refuse_overwriting_inputs(inputs, targets)
    pairs = zip(targets, workspace.results, strict=True)
    return write_each(
        ((t, partial(told, r.path, partial(r.render, fmt, view, theme, stages, page))) for t, r in pairs if r.valid),
        inputs,
    )


T = TypeVar("T")


def told(path: str, draw: Callable[[], T]) -> T:
    """``draw()``, with every RenderWarning it raised printed as ``PATH: warning[JM70x] message`` and a hint.

    Why here: the library never prints; what Graphviz changed in a picture (a PNG drawn at a
    lower dpi, a font it did not find) must still reach the person who asked for it.
    """
    import warnings

    from journeymap.formats import safe_terminal
    from journeymap.rendering.graphviz import RenderWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        data = draw()
    for entry in caught:
        said = entry.message
        if not isinstance(said, RenderWarning):
            warnings.warn_explicit(said, entry.category, entry.filename, entry.lineno)
            continue
        print(safe_terminal(f"{path}: warning[{said.code}] {said.message}"), file=sys.stderr)
        if said.hint:
            print(safe_terminal(f"  hint: {said.hint}"), file=sys.stderr)
    return data


def _warn_left_to_right(workspace: Workspace, lang: str | None = None) -> None:
    """JM730 on standard error for each right-to-left journey drawn as Mermaid (the image is still written)."""
    from journeymap.formats.localized import localized
    from journeymap.formats.text import format_diagnostic
    from journeymap.rendering.mermaid import left_to_right_warning

    t = terminal_translator(lang)
    for result in workspace.valid:
        if result.require_journey().info.rtl:
            print(format_diagnostic(localized(left_to_right_warning(result.path), t), t), file=sys.stderr)


def plan_outputs(sources: list[str], output: str | None, fmt: str, tag: str = "") -> list[str]:
    """One output path per source (``-`` for standard output), never two the same.

    * no ``-o``: ``<stem><tag>.<ext>`` in the current directory (stdin: stdout);
    * ``-o -``: standard output (one input only, or text formats);
    * ``-o DIR`` (existing, ending in ``/``, or several inputs): files in DIR;
    * ``-o FILE``: that file (one input only).
    """
    extension = EXTENSIONS[fmt]
    if output == "-":
        if len(sources) > 1 and fmt not in ("dot", "mermaid"):
            raise UsageError(Msg("several images cannot all go to standard output"), Verbatim("use -o DIR"))
        return ["-"] * len(sources)
    if output is None:
        return [("-" if s in ("-", STDIN_NAME) else _name(s, tag, extension)) for s in sources]
    as_dir = len(sources) > 1 or output.endswith(("/", os.sep)) or os.path.isdir(output)
    if not as_dir:
        return [output]
    directory = Path(output)
    if not directory.is_dir() and not output.endswith(("/", os.sep)) and _names_an_image(output):
        raise UsageError(  # not a folder called one.svg holding every map
            Msg(
                "-o %(path)s names one image, but %(count)s journeys are drawn",
                path=Verbatim(output),
                count=len(sources),
            ),
            Msg(
                "give a directory (-o %(folder)s/) or one journey",
                folder=Verbatim(str(directory.parent / directory.stem)),
            ),
        )
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            Msg("%(path)s exists and is not a directory", path=Verbatim(output)),
            Msg("give a directory for several inputs"),
        )
    make_directory(directory)
    return _unique([str(directory / _name(s, tag, extension)) for s in sources])


def _names_an_image(output: str) -> bool:
    suffix = Path(output).suffix.lower()
    return suffix in EXTENSIONS.values() or suffix == ".mermaid"


def _name(source: str, tag: str, extension: str) -> str:
    stem = "stdin" if source in ("-", STDIN_NAME) else Path(source).stem
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


#: Output file suffixes that mean "this is the page itself", by report format.
PAGE_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


def report_format(output: str, requested: str | None) -> str:
    """``--format`` wins; else the extension of ``-o``; else html."""
    if requested:
        return requested
    return PAGE_SUFFIXES.get(Path(output).suffix.lower(), "html") if output != "-" else "html"


def write_report(
    files: dict[str, bytes | Iterable[bytes]], output: str, fmt: str, journeys: int, inputs: list[str]
) -> None:
    """One page to a file or stdout (with its map image beside it), or every file into a directory.

    Nothing replaces an input, and the pages are written all together or not at all; a page given
    in pieces is written piece by piece.
    """
    from journeymap.errors import UsageError
    from journeymap.io import write_all_or_nothing, write_atomic
    from journeymap.translation import Msg, Verbatim

    pages = [name for name in files if not name.endswith(".svg")]  # the rest are map files beside the pages
    if output == "-":
        if len(pages) > 1:
            raise UsageError(Msg("several pages cannot all go to standard output"), Verbatim("use -o DIR"))
        for name in pages:
            data = files[name]
            write_atomic("-", data if isinstance(data, bytes) else b"".join(data))
        if fmt == "html" and len(files) > len(pages):
            print(
                "journeymap: warning: this journey's map is a file of its own (a big journey's page links it), "
                "which standard output cannot carry beside the page; the page's map link leads nowhere\n"
                "  hint: write the report to a file (-o report.html) or a directory (-o DIR/)",
                file=sys.stderr,
            )
        return
    target = Path(output)
    as_file = PAGE_SUFFIXES.get(target.suffix.lower()) == fmt and not target.is_dir()
    if as_file:
        if journeys > 1 and fmt != "json":
            raise UsageError(
                Msg(
                    "%(journeys)s make several pages, not one %(name)s",
                    journeys=Plural("%(count)s journey", "%(count)s journeys", journeys, count=journeys),
                    name=Verbatim(target.name),
                ),
                Msg("write the pages to a directory: %(option)s", option=Verbatim("-o DIR/")),
            )
        directory = target.parent
        named = {(target.name if name in pages else name): data for name, data in files.items()}
    else:
        if target.exists() and not target.is_dir():
            endings = Verbatim("/".join(s for s, f in PAGE_SUFFIXES.items() if f == fmt))
            raise UsageError(
                Msg("%(path)s exists and is not a directory", path=Verbatim(output)),
                Msg("give a directory, or a file ending in %(endings)s", endings=endings),
            )
        directory = target
        named = dict(files)
    write_all_or_nothing(directory, named, inputs)
