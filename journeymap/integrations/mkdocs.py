"""The MkDocs plugin: journey maps drawn at build time, from a fenced block or a page per journey file.

    # mkdocs.yml
    plugins:
      - journeymap:
          journeys: journeys/   # optional: a page per journey file, named after the file
          audit: true           # optional defaults for every block: view, theme, audit, score

    ```journeymap
    journeys/checkout.yaml
    view: flow
    ```

Why a plugin rather than the CLI before ``mkdocs build``: the site cannot
drift from the journeys (nothing generated is committed), ``mkdocs serve``
redraws a map when its file changes, and an invalid journey fails
``mkdocs build --strict`` with its ``path:line:col`` like any broken link.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from journeymap.integrations.figure import (
    FigureOptions,
    FigureProblem,
    parse_block,
    parse_options,
    render_figure,
    replace_blocks,
    shown_path,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

JOURNEY_SUFFIXES = (".yaml", ".yml")


class JourneymapConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in mkdocs.yml; MkDocs rejects any other key (an error under ``--strict``)."""

    journeys = c.Optional(c.Type(str))
    pages = c.Type(str, default="journeys")
    view = c.Choice(("map", "flow"), default="map")
    theme = c.Choice(("light", "dark", "print"), default="light")
    audit = c.Type(bool, default=False)
    score = c.Type(bool, default=False)


class JourneymapPlugin(BasePlugin[JourneymapConfig]):  # type: ignore[no-untyped-call]
    """Replaces each ```` ```journeymap ```` block with the journey's inline SVG map."""

    def __init__(self) -> None:
        self.root = Path.cwd()
        self.defaults = FigureOptions()
        self.watched: set[Path] = set()
        #: The figures of each page being built, by the placeholder that stands for them.
        self.figures: dict[str, dict[str, str]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that ``mkdocs serve`` keeps this plugin (and its drawings) between rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        options = {"view": self.config.view, "theme": self.config.theme}
        self.defaults = parse_options({**options, "audit": self.config.audit, "score": self.config.score})
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """A page per journey file of ``journeys:``, at ``<pages>/<file name>.md`` (a page you wrote wins)."""
        if self.config.journeys is None:
            return files
        folder = (self.root / self.config.journeys).resolve()
        if not folder.is_dir():
            raise PluginError(
                f"journeymap: 'journeys: {self.config.journeys}' is not a folder ({folder}); "
                "it is relative to the folder of mkdocs.yml"
            )
        self.watched.add(folder)
        for path in journey_files(folder):
            uri = f"{self.config.pages.strip('/')}/{path.stem}.md"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=journey_page(path)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Each block becomes a placeholder; ``on_page_content`` puts the figure there.

        Why not the figure itself: Python-Markdown parses every tag of a raw HTML
        block, and a map has thousands, so a rebuild spent seconds re-reading SVG.
        """
        places = self._places(page, config)
        slug = page.file.src_uri.rsplit(".", 1)[0]
        figures: dict[str, str] = {}

        def place(body: str) -> str:
            number = len(figures) + 1
            marker = f'<div class="journeymap-placeholder" id="journeymap-placeholder-{number}"></div>'
            figures[marker] = self._figure(body, places, f"{slug}-{number}", page)
            return marker

        markdown = replace_blocks(markdown, place)
        self.figures[page.file.src_uri] = figures
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for marker, figure in self.figures.pop(page.file.src_uri, {}).items():
            html = html.replace(marker, figure, 1)
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a journey changes: the folders of every journey drawn, outside docs_dir too."""
        for folder in sorted({p if p.is_dir() else p.parent for p in self.watched}):
            server.watch(str(folder))
        return server

    def _places(self, page: Page, config: MkDocsConfig) -> list[Path]:
        """Where a block's path is looked up: the page's folder, docs_dir, then the folder of mkdocs.yml."""
        places = [Path(config.docs_dir), self.root]
        if page.file.abs_src_path and not page.file.generated_by:
            places.insert(0, Path(page.file.abs_src_path).parent)
        return places

    def _figure(self, body: str, places: list[Path], ident: str, page: Page) -> str:
        try:
            block = parse_block(body)
            path = find_journey(block.path, places)
            self.watched.add(path)
            return render_figure(path, parse_options(block.options, self.defaults), ident).html
        except FigureProblem as problem:
            text = problem.message + (f"\n  hint: {problem.hint}" if problem.hint else "")
            log.error(f"{page.file.src_uri}: {text}")
            return f'<div class="journeymap-error"><pre>{escape(text)}</pre></div>'


def find_journey(written: str, places: list[Path]) -> Path:
    """The first of ``places`` where ``written`` names a file; FigureProblem naming where it looked."""
    for place in places:
        candidate = (place / written).resolve()
        if candidate.is_file():
            return candidate
    looked = ", ".join(shown_path(p) for p in places)
    raise FigureProblem(f"journey file not found: {written!r} (looked in {looked})", "check the path in the block")


def journey_files(folder: Path) -> list[Path]:
    """The journey files in ``folder`` and below, sorted.

    Not journeys: persona and channel libraries, measure definitions (``*.measures.yaml``), and YAML whose
    top level has no ``journey:`` key (other tools' files). A file too broken to tell is kept, so its page reports why.
    """
    from journeymap.loader import load
    from journeymap.loader.library import LIBRARY_FILES
    from journeymap.loader.sources import is_measure_definitions

    found = (p for p in folder.rglob("*") if p.suffix in JOURNEY_SUFFIXES and p.is_file())
    candidates = sorted(p for p in found if p.name not in LIBRARY_FILES and not is_measure_definitions(p.name))
    return [p for p in candidates if _may_be_journey(load(str(p)).data)]


def _may_be_journey(data: object) -> bool:
    return not isinstance(data, dict) or "journey" in data


def journey_page(path: Path) -> str:
    """A generated page: the journey's title as its heading, then its block (drawn by ``on_page_markdown``)."""
    return f"# {_title(path)}\n\n```journeymap\nfile: {path.as_posix()}\n```\n"


def _title(path: Path) -> str:
    """The journey's title, or the file name for a file too broken to have one (its block reports why)."""
    from journeymap.loader import load

    data = load(str(path)).data
    journey = data.get("journey") if isinstance(data, dict) else None
    title = journey.get("title") if isinstance(journey, dict) else None
    text = title if isinstance(title, str) and title.strip() else path.stem
    return escape(" ".join(text.split()), quote=False).replace("#", "&#35;")
