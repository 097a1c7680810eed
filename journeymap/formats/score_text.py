"""Scores for people: a rich table on a terminal, plain text otherwise, or Markdown.

Every presenter shows the same view (formats/score_view.py): ranked rows with
score, band, confidence and the main reasons, a stage heat strip, and with
``--explain`` every component's inputs, normalisation and weight.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeymap.formats import safe_terminal
from journeymap.formats.score_view import (
    ScoreView,
    percent,
    priority_text,
    reasons_text,
    row_name,
    score_text,
    strip,
    value_text,
)
from journeymap.scoring.results import Contribution, GroupScore, TouchpointScore

_BAND_STYLE = {"high": "bold red", "medium": "yellow", "low": "green", "unknown": "dim"}
_BAND_MARK = {"high": "███", "medium": "▓▓▓", "low": "░░░", "unknown": "   "}

Row = TouchpointScore | GroupScore


def _headline(view: ScoreView) -> str:
    overall = view.result.overall
    who = f", persona {view.result.persona}" if view.result.persona else ""
    return (
        f"{view.result.title} ({view.path}{who}): journey friction {score_text(overall.score)} "
        f"{overall.band}, confidence {percent(overall.confidence)}"
    )


def _cells(row: Row) -> list[str]:
    """Columns after the rank: id, name, [stage, channel], score, band, confidence, reasons."""
    row_id, name = row_name(row)
    cells = [row_id, name]
    if isinstance(row, TouchpointScore):
        mark = " *" if row.moment_of_truth else ""
        cells = [row_id + mark, name, row.stage_id, row.channel, priority_text(row)]
    else:
        cells.append(str(len(row.touchpoints)))
    return [*cells, score_text(row.score), row.band, percent(row.confidence), reasons_text(row)]


def _columns(by: str) -> list[str]:
    if by == "touchpoint":
        return [
            "#",
            "touchpoint",
            "name",
            "stage",
            "channel",
            "priority",
            "friction",
            "band",
            "confidence",
            "main reasons",
        ]
    return ["#", by, "name", "touchpoints", "friction", "band", "confidence", "main reasons"]


_NUMERIC = ("#", "priority", "friction", "confidence")
_FOOTNOTE = (
    "* moment of truth; priority = friction x confidence x reach x moment-of-truth weight; "
    "points: the component's share of the friction (docs/scoring.md)"
)


# -- plain text ----------------------------------------------------------------


def format_plain(views: Sequence[ScoreView]) -> str:
    """Aligned columns, no colour: for pipes, logs and tests."""
    out: list[str] = []
    for view in views:
        out.append(safe_terminal(_headline(view)))
        out.append("stages: " + "  ".join(f"{safe_terminal(n)} {s} {b}" for n, s, b in strip(view.result)))
        explained = view.explained()
        if explained is not None:
            out.extend(_explain_lines(explained))
        else:
            out.extend(_plain_table(view))
        out.append("")
    out.append(_FOOTNOTE)
    return "\n".join(out) + "\n"


def _plain_table(view: ScoreView) -> list[str]:
    rows = [[str(i), *(_cells(r))] for i, r in enumerate(view.rows(), start=1)]
    table = [_columns(view.by), *[[safe_terminal(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    widths[2] = min(widths[2], 40)
    return ["  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]


def _fit(cell: str, width: int) -> str:
    return (cell[: width - 1] + "…" if len(cell) > width else cell).ljust(width)


def _explain_lines(t: TouchpointScore) -> list[str]:
    """Every component with value, strength, points, inputs and normalisation; then friction and priority."""
    who = f", persona {t.persona}" if t.persona else ""
    moment = f", moment of truth ({t.moment_of_truth})" if t.moment_of_truth else ""
    lines = [
        f"explain {t.touchpoint_id}: {t.name} (stage {t.stage_id}, channel {t.channel}{who}{moment})",
        f"friction {score_text(t.score)} {t.band}, confidence {percent(t.confidence)} "
        "(weight of the components with data over the weight of those that apply)",
    ]
    for c in t.contributions:
        lines.append(
            f"  {c.label}: {_value_part(c)}, weight {c.weight:g} (strength {c.strength:.2f}), points {c.points:.1f}"
        )
        if c.inputs:
            lines.append("      inputs: " + "; ".join(c.inputs))
        if c.note:
            lines.append("      " + _note_kind(c) + c.note)
    lines += [_formula(t), _priority_formula(t)]
    return [safe_terminal(line) for line in lines]


def _value_part(c: Contribution) -> str:
    if not c.applicable:
        return "does not apply"
    return "no data" if c.value is None else f"value {value_text(c)}"


def _note_kind(c: Contribution) -> str:
    if not c.applicable:
        return "not applicable: "
    return "normalisation: " if c.value is not None else "no data: "


def _formula(t: TouchpointScore) -> str:
    used = [c for c in t.contributions if c.value is not None]
    if not used:
        return "friction: no component had data, so there is no score"
    factors = " × ".join(f"(1 - {c.strength:.2f} × {c.value:.3f})" for c in used if c.value is not None)
    return f"friction = 100 × (1 - Π(1 - strength × value)) = 100 × (1 - {factors}) = {score_text(t.score)}"


def _priority_formula(t: TouchpointScore) -> str:
    if t.priority is None:
        return "priority: none without a friction score"
    return (
        f"priority = friction {score_text(t.score)} × confidence {t.confidence:.2f} × weight {t.weight:.3f} "
        f"(moment of truth {t.moment_factor:g} × volume {t.volume_weight:.3f} × reach {t.reach:.3f}) "
        f"= {priority_text(t)}"
    )


# -- Markdown ------------------------------------------------------------------


def format_markdown(views: Sequence[ScoreView]) -> str:
    """GitHub-flavoured Markdown: a heading and a table per journey."""
    out: list[str] = []
    for view in views:
        out += [f"## {_md(view.result.title)}", "", _md(_headline(view)), ""]
        out += ["Stages: " + " → ".join(f"{_md(n)} **{s}** ({b})" for n, s, b in strip(view.result)), ""]
        explained = view.explained()
        if explained is not None:
            out += _markdown_explain(explained)
            continue
        columns = _columns(view.by)
        out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(_md(c) for c in [str(i), *_cells(r)]) + " |" for i, r in enumerate(view.rows(), 1)]
        out.append("")
    out.append("\\" + _FOOTNOTE)
    return "\n".join(out) + "\n"


def _markdown_explain(t: TouchpointScore) -> list[str]:
    lines = [f"### {_md(t.touchpoint_id)}: {_md(t.name)}", ""]
    lines += [
        f"Friction **{score_text(t.score)}** ({t.band}), confidence {percent(t.confidence)}, "
        f"priority **{priority_text(t)}**.",
        "",
    ]
    lines += [
        "| component | value | weight | strength | points | inputs | normalisation |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in t.contributions:
        value = "does not apply" if not c.applicable else value_text(c)
        cells = [c.label, value, f"{c.weight:g}", f"{c.strength:.2f}", f"{c.points:.1f}", "; ".join(c.inputs), c.note]
        lines.append("| " + " | ".join(_md(x) for x in cells) + " |")
    return [*lines, "", _md(_formula(t)), "", _md(_priority_formula(t)), ""]


def _md(text: str) -> str:
    return safe_terminal(text).replace("|", "\\|").replace("\n", " ")


# -- rich ----------------------------------------------------------------------


def format_rich(views: Sequence[ScoreView], color: bool, width: int = 120) -> str:
    """A coloured table and heat strip for a terminal."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, emoji=False)
    for view in views:
        console.print(Text(safe_terminal(_headline(view)), style="bold"))
        console.print(_heat_strip(view))
        explained = view.explained()
        if explained is not None:
            console.print(Text("\n".join(_explain_lines(explained))))
        else:
            console.print(_rich_table(view))
    console.print(Text(_FOOTNOTE, style="dim"))
    return buffer.getvalue()


def _heat_strip(view: ScoreView) -> Text:
    text = Text("stages ")
    for name, score, band in strip(view.result):
        text.append(_BAND_MARK[band], style=_BAND_STYLE[band])
        text.append(f" {safe_terminal(name)} {score}  ")
    return text


def _rich_table(view: ScoreView) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in _columns(view.by):
        table.add_column(column, justify="right" if column in _NUMERIC else "left")
    for i, row in enumerate(view.rows(), start=1):
        cells = [safe_terminal(c) for c in [str(i), *_cells(row)]]
        band_at = len(cells) - 3
        styled = [Text(c, style=_BAND_STYLE[row.band]) if k == band_at else Text(c) for k, c in enumerate(cells)]
        table.add_row(*styled)
    return table


__all__ = ["format_markdown", "format_plain", "format_rich"]
