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
    reasons_text,
    row_name,
    score_text,
    strip,
    value_text,
)
from journeymap.scoring.results import GroupScore, TouchpointScore

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
        cells = [row_id + mark, name, row.stage_id, row.channel]
    else:
        cells.append(str(len(row.touchpoints)))
    return [*cells, score_text(row.score), row.band, percent(row.confidence), reasons_text(row)]


def _columns(by: str) -> list[str]:
    if by == "touchpoint":
        return ["#", "touchpoint", "name", "stage", "channel", "score", "band", "confidence", "main reasons"]
    return ["#", by, "name", "touchpoints", "score", "band", "confidence", "main reasons"]


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
    out.append("* moment of truth; points: the component's share of the 0-100 score (docs/scoring.md)")
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
    """Every component with value, weight, points, inputs and normalisation."""
    who = f", persona {t.persona}" if t.persona else ""
    moment = f", moment of truth ({t.moment_of_truth})" if t.moment_of_truth else ""
    lines = [
        f"explain {t.touchpoint_id}: {t.name} (stage {t.stage_id}, channel {t.channel}{who}{moment})",
        f"score {score_text(t.score)} {t.band}, confidence {percent(t.confidence)} "
        f"(share of the total weight that had data), aggregate weight {t.weight:.3f}",
    ]
    for c in t.contributions:
        lines.append(f"  {c.label}: value {value_text(c)}, weight {c.weight:g}, points {c.points:.1f}")
        if c.inputs:
            lines.append("      inputs: " + "; ".join(c.inputs))
        if c.note:
            lines.append("      " + ("normalisation: " if c.value is not None else "excluded: ") + c.note)
    lines.append(_formula(t))
    return [safe_terminal(line) for line in lines]


def _formula(t: TouchpointScore) -> str:
    used = [c for c in t.contributions if c.value is not None]
    if not used:
        return "score: no component had data, so there is no score"
    weighted = sum(c.weight * (c.value or 0.0) for c in used)
    total = sum(c.weight for c in used)
    return (
        f"score = 100 × Σ(weight × value) / Σ(weight with data) = 100 × {weighted:.4f} / {total:.4f} "
        f"= {score_text(t.score)}"
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
    out.append("\\* moment of truth; points: the component's share of the 0-100 score (docs/scoring.md)")
    return "\n".join(out) + "\n"


def _markdown_explain(t: TouchpointScore) -> list[str]:
    lines = [f"### {_md(t.touchpoint_id)}: {_md(t.name)}", ""]
    lines += [f"Score **{score_text(t.score)}** ({t.band}), confidence {percent(t.confidence)}.", ""]
    lines += ["| component | value | weight | points | inputs | normalisation |", "|---|---|---|---|---|---|"]
    for c in t.contributions:
        cells = [c.label, value_text(c), f"{c.weight:g}", f"{c.points:.1f}", "; ".join(c.inputs), c.note]
        lines.append("| " + " | ".join(_md(x) for x in cells) + " |")
    return [*lines, "", _md(_formula(t)), ""]


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
    console.print(Text("* moment of truth; points: the component's share of the 0-100 score", style="dim"))
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
        table.add_column(column, justify="right" if column in ("#", "score", "confidence") else "left")
    for i, row in enumerate(view.rows(), start=1):
        cells = [safe_terminal(c) for c in [str(i), *_cells(row)]]
        band_at = len(cells) - 3
        styled = [Text(c, style=_BAND_STYLE[row.band]) if k == band_at else Text(c) for k, c in enumerate(cells)]
        table.add_row(*styled)
    return table


__all__ = ["format_markdown", "format_plain", "format_rich"]
