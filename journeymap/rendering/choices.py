"""Checking ``render``'s arguments before anything is drawn.

Why: the library is called from Python as well as from the CLI, where click
already limits the choices. A misspelt view or theme from Python used to
surface as a bare ``KeyError`` deep in the renderer, and ``view="flow"`` with
``fmt="mermaid"`` silently gave the map. Each mistake is now a ``UsageError``
(exit code 2 through the CLI) that names the valid choices.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.errors import UsageError
from journeymap.model import Journey
from journeymap.rendering.persona import check_persona
from journeymap.rendering.theme import THEMES
from journeymap.translation import N_, Joined, Msg, Verbatim

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
VIEWS = ("map", "flow", "compact")
#: Page sizes a PDF can be laid out on (landscape), for ``--page``.
PAGES = ("a4", "a3", "letter")
#: The views each format can carry, and why a format carries fewer than all of them.
VIEWS_BY_FORMAT = {fmt: (("map",) if fmt == "mermaid" else VIEWS) for fmt in FORMATS}
_WHY_NOT = {"mermaid": N_("a Mermaid journey diagram has sections and tasks but no edges")}


def check_render_options(journey: Journey, fmt: str, view: str, theme: str, persona: str | None) -> None:
    """Raise a UsageError for an unknown format, view, theme or persona, or an impossible combination."""
    check_options(fmt, view, theme)
    check_persona(journey, persona)


def check_options(fmt: str, view: str, theme: str) -> None:
    """The checks that need no journey: the CLI runs them before reading any file."""
    check_choice(N_("format"), fmt, FORMATS)
    check_choice(N_("view"), view, VIEWS)
    check_choice(N_("theme"), theme, THEMES)
    check_combination(fmt, view)


def check_page(fmt: str, view: str, page: str | None) -> None:
    """``--page`` lays out a PDF: the map as pages, the compact view on one page; nothing else."""
    if page is None:
        return
    check_choice(N_("page size"), page, PAGES)
    if fmt != "pdf":
        raise UsageError(
            Msg("--page lays out a PDF, not %(format)s", format=Verbatim(fmt)), Msg("add --format pdf (or -o FILE.pdf)")
        )
    if view == "flow":
        raise UsageError(Msg("--page draws the map or the compact view, not the flow view"), Msg("leave out --page"))


def check_stages(fmt: str, stages: object | None) -> None:
    """``--stages`` selects columns of a drawing; a Mermaid journey diagram is not one (it would be ignored)."""
    if stages is not None and fmt == "mermaid":
        raise UsageError(
            Msg("--stages draws svg, png, pdf or dot, not mermaid"), Msg("leave out --stages for a Mermaid export")
        )


def check_compare_options(fmt: str, view: str, theme: str) -> None:
    """A compared map (``render --compare``) is one map of two states: refuse the flow view and Mermaid."""
    check_choice(N_("view"), view, VIEWS)
    check_options(fmt, "map", theme)
    if view != "map":
        raise UsageError(
            Msg("--compare draws the map view only, not the %(view)s view", view=Verbatim(view)),
            Msg("leave out --view, or draw each state's flow on its own"),
        )
    if fmt == "mermaid":
        raise UsageError(
            Msg(
                "--compare cannot be drawn as mermaid (a Mermaid journey diagram has one score per task, "
                "so it cannot show two states)"
            ),
            Msg("draw the compared map as %(formats)s", formats=listing([f for f in FORMATS if f != "mermaid"])),
        )


def check_choice(what: str, value: str, choices: Sequence[str]) -> None:
    """``value`` must be one of ``choices`` exactly: the CLI folds case, the library does not guess."""
    if value in choices:
        return
    from journeymap.validation.suggest import did_you_mean

    raise UsageError(
        Msg(
            "unknown %(what)s %(value)s; choose %(choices)s",
            what=Msg(what),
            value=Verbatim(repr(str(value))),
            choices=listing(choices),
        ),
        did_you_mean(str(value), choices, listing=False),
    )


def check_combination(fmt: str, view: str) -> None:
    """Refuse a view the format cannot carry, rather than silently drawing another view."""
    views = VIEWS_BY_FORMAT[fmt]
    if view in views:
        return
    able = [f for f in FORMATS if view in VIEWS_BY_FORMAT[f]]
    shown = {"view": Verbatim(view), "format": Verbatim(fmt), "views": listing(views)}
    said = (
        Msg(
            "the %(view)s view cannot be drawn as %(format)s (%(why)s); %(format)s has only the %(views)s view",
            why=Msg(_WHY_NOT[fmt]),
            **shown,
        )
        if fmt in _WHY_NOT
        else Msg("the %(view)s view cannot be drawn as %(format)s; %(format)s has only the %(views)s view", **shown)
    )
    raise UsageError(
        said,
        Msg("draw the %(view)s view as %(able)s, or the %(views)s view as %(format)s", able=listing(able), **shown),
    )


def listing(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c': choices as a reader would list them (separators in the reader's language)."""
    return Joined(", ", [Verbatim(f"'{item}'") for item in items], last=" or ")
