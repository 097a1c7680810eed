"""The Sphinx extension: a ``journeymap`` directive that draws a journey at build time.

    # conf.py
    extensions = ["journeymap.integrations.sphinx"]
    journeymap_audit = True   # optional defaults: journeymap_view, _theme, _audit, _score

    .. journeymap:: ../journeys/checkout.yaml
       :view: flow
       :persona: sara
       :audit:

The path is relative to the page (``/journeys/...`` is relative to the
source folder, as for ``.. image::``). The HTML builders get the inline SVG,
LaTeX the map as a PDF figure, the others a paragraph naming the journey. The journey file and its persona
and channel libraries are dependencies of the page, so editing them rebuilds
it; a journey that cannot be drawn is a warning at the directive's line with
the journey's own ``path:line:col`` (so ``sphinx-build -W`` fails on it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes  # type: ignore[import-untyped]
from docutils.parsers.rst import directives  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from journeymap import __version__
from journeymap.integrations.figure import (
    OPTIONS,
    FigureOptions,
    FigureProblem,
    parse_options,
    render_figure,
    render_file,
)
from journeymap.io import write_atomic

logger = logging.getLogger(__name__)

#: ``journeymap_<option>`` in conf.py sets a default for every directive.
DEFAULTS = {"view": "map", "theme": "light", "audit": False, "score": False}


class journeymap_figure(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils: untyped
    """A drawn journey: ``html`` for HTML builders; ``text``, ``caption``, ``path`` and ``options`` for the others.

    Every attribute pickles, so parallel builds can move the node between processes.
    """


class JourneymapDirective(SphinxDirective):
    """``.. journeymap:: path`` with the options of a ```` ```journeymap ```` block."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(OPTIONS, directives.unchanged)

    def run(self) -> list[nodes.Node]:
        written = self.arguments[0].strip()
        relative, absolute = self.env.relfn2path(written, self.env.docname)
        path = Path(absolute)
        for dependency in dependencies(path):
            self.env.note_dependency(str(dependency))
        number = self.env.new_serialno("journeymap") + 1
        try:
            options = parse_options(self.options, self.defaults())
            figure = render_figure(path, options, f"{self.env.docname}-{number}")
        except FigureProblem as problem:
            text = problem.message + (f"\n  hint: {problem.hint}" if problem.hint else "")
            logger.warning(f"journeymap: {text}", location=self.get_location(), type="journeymap")
            return []
        caption = options.caption or figure.label
        text = f"{caption} ({relative})"
        return [journeymap_figure(html=figure.html, text=text, caption=caption, path=str(path), options=options)]

    def defaults(self) -> FigureOptions:
        config = self.config
        return parse_options({name: getattr(config, f"journeymap_{name}") for name in DEFAULTS})


def dependencies(path: Path) -> list[Path]:
    """The journey file and the persona and channel libraries beside it that exist."""
    from journeymap.loader.library import LIBRARY_FILES

    return [path, *sorted(p for p in (path.parent / name for name in LIBRARY_FILES) if p.is_file())]


class OtherBuilders(SphinxPostTransform):
    """Builders that are not HTML: LaTeX gets the map as a PDF figure, the others (text, man...) its title."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if self.app.builder.format == "html":
            return
        for node in list(self.document.findall(journeymap_figure)):
            node.replace_self(self.fallback(node))

    def fallback(self, node: journeymap_figure) -> nodes.Node:
        title = nodes.paragraph(text=node["text"])
        if self.app.builder.format != "latex":
            return title
        try:
            pdf = render_file(Path(node["path"]), node["options"], "pdf")
        except FigureProblem as problem:  # reported at read time already; the page keeps the title
            logger.debug("journeymap: %s", problem.message)
            return title
        name = f"journeymap-{hashlib.sha256(pdf).hexdigest()[:16]}.pdf"
        write_atomic(Path(self.app.builder.outdir) / name, pdf)
        image = nodes.image(uri=name, alt=node["caption"], candidates={"?": name})
        return nodes.figure("", image, nodes.caption(text=node["caption"]))


def visit_html(translator: SphinxTranslator, node: journeymap_figure) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the ``journeymap_*`` defaults; parallel reading and writing are safe."""
    for name, default in DEFAULTS.items():
        app.add_config_value(f"journeymap_{name}", default, "env", types=[type(default)])
    app.add_node(journeymap_figure, html=(visit_html, None))
    app.add_directive("journeymap", JourneymapDirective)
    app.add_post_transform(OtherBuilders)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
