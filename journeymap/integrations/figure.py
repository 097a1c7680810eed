"""One journey as an HTML figure for a docs page: what the MkDocs plugin and the Sphinx directive share.

Why one module: both integrations must accept the same options, draw the
same map, word their errors the same way and cache by the same key; only
reading the page and reporting a problem differ between MkDocs and Sphinx.

    options = parse_options({"view": "flow", "audit": "true"})
    html = render_figure(Path("journeys/checkout.yaml"), options, ident="checkout-1")

A journey that cannot be shown raises ``FigureProblem`` whose message holds
every diagnostic as ``path:line:col: severity[CODE] message``, the form
``journeymap validate --format text`` prints.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from journeymap import shown
from journeymap.errors import JourneymapError

if TYPE_CHECKING:
    from journeymap.diagnostics import Diagnostic
    from journeymap.settings.project import ProjectSettings
    from journeymap.workspace import JourneyResult

#: Every option a fenced block, the plugin's config and the directive accept.
OPTIONS = ("view", "persona", "theme", "audit", "score", "caption")
FLAGS = frozenset({"audit", "score"})
_TRUE = frozenset({"true", "yes", "on", "1", ""})
_FALSE = frozenset({"false", "no", "off", "0"})
#: How many drawn figures a long ``mkdocs serve`` session keeps (a few hundred KB each at most).
CACHE_SIZE = 256
_FLOW_ALT = {"en": "Touchpoint flow", "ar": "مسار نقاط التواصل"}


class FigureProblem(JourneymapError):
    """A journey cannot be shown: an unknown option, an unreadable or invalid file, Graphviz missing."""


@dataclass(frozen=True)
class FigureOptions:
    """How to show one journey; hashable, so it is part of the cache key."""

    view: str = "map"
    persona: str | None = None
    theme: str = "light"
    audit: bool = False
    score: bool = False
    caption: str | None = None


@dataclass(frozen=True)
class Figure:
    """A drawn journey: ``html`` to put in a page, ``label`` (``Journey map: <title>``) for other formats."""

    html: str
    label: str


@dataclass(frozen=True)
class Block:
    """A ```` ```journeymap ```` block's body: the journey file and its options as written."""

    path: str
    options: Mapping[str, str]


def parse_options(raw: Mapping[str, object], base: FigureOptions | None = None) -> FigureOptions:
    """``raw`` (strings from a page, or YAML values from a config) over ``base``; FigureProblem on a mistake."""
    changes: dict[str, object] = {}
    for key, value in raw.items():
        name = str(key).strip().lower().replace("-", "_")
        if name not in OPTIONS:
            raise FigureProblem(f"unknown option {str(key)!r}", _suggest(str(key), OPTIONS))
        changes[name] = _flag(name, value) if name in FLAGS else _text(name, value)
    options = replace(base or FigureOptions(), **changes)  # type: ignore[arg-type]
    _check_choices(options)
    return options


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = "" if value is None else str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise FigureProblem(f"option {name!r} takes true or false, not {str(value)!r}", f"write `{name}: true`")


def _text(name: str, value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    if not text and name in ("view", "theme"):
        example = getattr(FigureOptions(), name)
        raise FigureProblem(f"option {name!r} needs a value", f"for example `{name}: {example}`")
    return text or None


def _check_choices(options: FigureOptions) -> None:
    from journeymap.rendering import VIEWS
    from journeymap.rendering.theme import THEMES

    for name, value, choices in (("view", options.view, VIEWS), ("theme", options.theme, THEMES)):
        if value not in choices:
            raise FigureProblem(f"unknown {name} {value!r}; choose {', '.join(choices)}", _suggest(value, choices))


def _suggest(word: str, choices: tuple[str, ...]) -> str | None:
    from journeymap.validation.suggest import did_you_mean

    return did_you_mean(word, choices)


def parse_block(body: str) -> Block:
    """The journey file (the first line, or ``file:``) and ``key: value`` options, one a line; ``#`` comments."""
    path: str | None = None
    options: dict[str, str] = {}
    for line in body.splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, colon, value = text.partition(":")
        if colon and key.strip().lower() != "file":
            options[key.strip()] = _unquoted(value.strip())
            continue
        if path is not None:
            other = (value if colon else text).strip()
            raise FigureProblem(
                f"a journeymap block shows one journey, but it names {path!r} and {other!r}",
                "use one block per journey",
            )
        path = _unquoted((value if colon else text).strip())
    if not path:
        raise FigureProblem(
            "a journeymap block names no journey file", "write the journey's path first, e.g. journeys/checkout.yaml"
        )
    return Block(path, options)


def _unquoted(text: str) -> str:
    """``"a b"`` or ``'a b'`` -> ``a b``, as YAML would read the value."""
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'" else text


def shown_path(path: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when under it (as the CLI shows it)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path.as_posix()
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


_CACHE: OrderedDict[tuple[object, ...], object] = OrderedDict()
#: Stands for the figure's ids in a cached figure: the same drawing serves every page and place.
_IDENT = "journeymap-\x00ident\x00"
T = TypeVar("T")


def render_figure(path: Path, options: FigureOptions, ident: str) -> Figure:
    """The journey at ``path`` as one HTML block (no blank lines): the map, and the score and audit if asked.

    ``ident`` makes the element ids unique on a page (``journeymap-<ident>``).
    """

    def draw(result: JourneyResult) -> Figure:
        return figure_html(result, result.render("svg", options.view, options.theme).decode("utf-8"), options)

    figure = _cached(path, options, "figure", draw)
    return Figure(figure.html.replace(_IDENT, f"journeymap-{_slug(ident)}"), figure.label)


def render_file(path: Path, options: FigureOptions, fmt: str) -> bytes:
    """The map (or flow) alone as ``fmt`` bytes (``svg``, ``png``, ``pdf``), for outputs that are not HTML."""
    return _cached(path, options, fmt, lambda result: result.render(fmt, options.view, options.theme))


def _cached(path: Path, options: FigureOptions, what: str, make: Callable[[JourneyResult], T]) -> T:
    """``make`` on the journey, once per content: a rebuild that changed nothing draws nothing.

    The key holds the bytes of the journey, of the persona and channel libraries beside it and of its
    project file (not modification times: a checkout can restore old bytes with a new time).
    """
    from journeymap.settings.project import find_project

    if not path.is_file():
        raise FigureProblem(f"journey file not found: {shown_path(path)}", "check the journey file's path")
    project = find_project(path.parent)
    key = (shown_path(path), _digest(path, project), options, what)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return cast(T, _CACHE[key])
    try:
        value = make(_journey(path, options, project))
    except FigureProblem:
        raise
    except JourneymapError as error:
        raise FigureProblem(f"{shown_path(path)}: {error.message}", error.hint) from None
    _CACHE[key] = value
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _digest(path: Path, project: ProjectSettings) -> str:
    from journeymap.loader.library import LIBRARY_FILES

    files = [path, *sorted(path.parent / name for name in LIBRARY_FILES)]
    if project.path is not None:
        files.append(Path(project.path))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes() if file.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()


def _journey(path: Path, options: FigureOptions, project: ProjectSettings) -> JourneyResult:
    """One workspace run on the file (as the CLI's); FigureProblem with every diagnostic when it is invalid."""
    from journeymap.workspace import RunSettings, run

    result = run([shown_path(path)], RunSettings(options.persona, project=project)).results[0]
    if result.journey is None:
        raise FigureProblem(invalid_message(result))
    return result


def invalid_message(result: JourneyResult) -> str:
    """Every diagnostic of an invalid file, one ``path:line:col: severity[CODE] message`` a line."""
    from journeymap.formats.text import format_diagnostic

    lines = [format_diagnostic(d) for d in result.diagnostics]
    return f"{result.path} is not a valid journey:\n" + "\n".join(lines)


def figure_html(result: JourneyResult, svg: str, options: FigureOptions) -> Figure:
    """``<div class="journeymap">`` with the journey's ``lang`` and ``dir``: the figure, then score and audit."""
    from journeymap.reporting.maps import inline_svg
    from journeymap.reporting.words import words_for

    journey = result.require_journey()
    info = journey.info
    words = words_for(info.language)
    what = words["map_alt"] if options.view == "map" else _FLOW_ALT.get(info.language.split("-")[0], _FLOW_ALT["en"])
    label = f"{what}: {info.title}"
    title_id = _IDENT
    picture = inline_svg(svg, label).replace('"journey-map-title"', f'"{title_id}"')
    caption = escape(options.caption or info.title)
    parts = [
        f'<div class="journeymap" lang="{escape(info.language)}" dir="{"rtl" if info.rtl else "ltr"}">',
        f'<figure class="journeymap-figure" id="{title_id}-figure">',
        f'<div class="journeymap-map" style="overflow-x: auto">{_one_block(picture)}</div>',
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
    ]
    if options.score:
        parts.append(_score_html(result, words))
    if options.audit:
        parts.append(_audit_html(result, words))
    parts.append("</div>")
    return Figure("\n".join(parts), label)


def _score_html(result: JourneyResult, words: Mapping[str, str]) -> str:
    overall = result.scores.overall
    value = "–" if overall.score is None else shown.friction_whole(overall.score)
    band = words.get(overall.band, overall.band)
    return (
        f'<p class="journeymap-score"><strong>{escape(words["overall_friction"])}:</strong> '
        f'<bdi dir="ltr">{value}</bdi> ({escape(band)}), {escape(words["confidence"])} '
        f'<bdi dir="ltr">{overall.confidence:.0%}</bdi></p>'
    )


def _audit_html(result: JourneyResult, words: Mapping[str, str]) -> str:
    """Findings by stage (the counts ``journeymap audit`` prints), then each finding with its line."""
    from journeymap.diagnostics import Severity

    audited = result.audited
    levels = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    head = "".join(f'<th scope="col">{escape(words[s.label])}</th>' for s in levels)
    rows = []
    for stage_id, name, counts in audited.stage_counts():
        label = words["journey"] if stage_id == "-" else name  # the journey-wide row, in the page's language
        cells = "".join(f"<td>{counts[s]}</td>" for s in levels)
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>')
    table = (
        f'<table class="journeymap-audit"><caption>{escape(words["findings"])} '
        f'(<bdi dir="ltr">{len(audited.findings)}</bdi>)</caption>'
        f'<thead><tr><th scope="col">{escape(words["stage"])}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if not audited.findings:
        return table + f'<p class="journeymap-findings">{escape(words["no_findings"])}</p>'
    items = "".join(
        f'<li><bdi dir="ltr"><code>{escape(_where(d))}</code></bdi> <bdi dir="auto">{escape(d.message)}</bdi></li>'
        for d in audited.findings
    )
    return table + f'<ul class="journeymap-findings">{items}</ul>'


def _where(diagnostic: Diagnostic) -> str:
    """``CODE line:col``, or the code alone for a journey-wide finding."""
    span = diagnostic.span
    return f"{diagnostic.code} {span.line}:{span.column}" if span.line else diagnostic.code


def _slug(text: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in text).strip("-").lower() or "figure"


def _one_block(html: str) -> str:
    """No blank line inside: Markdown would end a raw HTML block there."""
    return "\n".join(line for line in html.splitlines() if line.strip())


_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)[^`]*$")


def replace_blocks(markdown: str, draw: Callable[[str], str]) -> str:
    """``markdown`` with each fenced ``journeymap`` block replaced by ``draw(body)`` as a raw HTML block.

    Other fenced blocks are left as written, including ones that show a
    ```` ```journeymap ```` block inside a longer fence (CommonMark's rules:
    a fence closes with the same character, at least as long; an unclosed
    fence runs to the end).
    """
    lines = markdown.splitlines(keepends=True)
    out: list[str] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index].rstrip("\r\n"))
        if opening is None:
            out.append(lines[index])
            index += 1
            continue
        end = _closing(lines, index + 1, opening.group("fence"))
        if opening.group("info") == "journeymap":
            out.append("\n" + draw("".join(lines[index + 1 : end])) + "\n\n")
        else:
            out.extend(lines[index : end + 1])
        index = end + 1
    return "".join(out)


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The index of the line closing ``fence`` (``len(lines)`` when it is never closed)."""
    pattern = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start, len(lines)):
        if pattern.match(lines[index].rstrip("\r\n")):
            return index
    return len(lines)
