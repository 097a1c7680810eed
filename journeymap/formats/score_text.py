"""Scores for people: a rich table on a terminal, plain text otherwise, or Markdown.

Every presenter shows the same view (formats/score_view.py): ranked rows with
score, band, confidence and the main reasons, a stage heat strip, and with
``--explain`` every component's inputs, normalisation and weight.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeymap.formats import safe_terminal
from journeymap.formats.score_view import (
    ScoreView,
    band_text,
    percent,
    priority_text,
    reasons_text,
    row_name,
    score_text,
    strip,
    value_text,
)
from journeymap.scoring.results import Contribution, GroupScore, TouchpointScore
from journeymap.shown import arrow
from journeymap.translation import N_, RTL, Msg, Translator, Verbatim, english

_BAND_STYLE = {"high": "bold red", "medium": "yellow", "low": "green", "unknown": "dim"}
_BAND_MARK = {"high": "███", "medium": "▓▓▓", "low": "░░░", "unknown": "   "}

Row = TouchpointScore | GroupScore


def _headline(view: ScoreView) -> str:
    t, overall = view.t, view.result.overall
    who = Msg(", persona %(persona)s", persona=Verbatim(view.result.persona)) if view.result.persona else ""
    return t(
        Msg(
            "%(title)s (%(path)s%(who)s): journey friction %(score)s %(band)s, confidence %(confidence)s",
            title=Verbatim(view.result.title),
            path=Verbatim(view.path),
            who=who,
            score=Verbatim(score_text(overall.score, t)),
            band=Verbatim(band_text(overall.band, t)),
            confidence=Verbatim(percent(overall.confidence, t)),
        )
    )


def _cells(row: Row, view: ScoreView) -> list[str]:
    """Columns after the rank: id, name, [stage, channel], score, band, confidence, reasons."""
    t = view.t
    row_id, name = row_name(row)
    if isinstance(row, GroupScore) and row.kind == "channel":
        name = view.channel_name(row.id)
    cells = [row_id, name]
    if isinstance(row, TouchpointScore):
        mark = " *" if row.moment_of_truth else ""
        stage, channel = view.stage_name(row.stage_id), view.channel_name(row.channel)
        cells = [row_id + mark, name, stage, channel, priority_text(row, t)]
    else:
        cells.append(t.number(str(len(row.touchpoints))))
    return [
        *cells,
        score_text(row.score, t),
        band_text(row.band, t),
        percent(row.confidence, t),
        reasons_text(row, 3, t),
    ]


#: Column headings, translated when shown; ``--by`` stage, persona or channel names the second column.
_HEADINGS = {
    "touchpoint": N_("touchpoint"),
    "stage": N_("stage"),
    "persona": N_("persona"),
    "channel": N_("channel"),
    "name": N_("name"),
    "priority": N_("priority"),
    "friction": N_("friction"),
    "band": N_("band"),
    "confidence": N_("confidence"),
    "main reasons": N_("main reasons"),
    "touchpoints": N_("touchpoints"),
}


def _columns(by: str, t: Translator | None = None) -> list[str]:
    t = t or english()
    if by == "touchpoint":
        keys = ["touchpoint", "name", "stage", "channel", "priority", "friction", "band", "confidence", "main reasons"]
    else:
        keys = [by, "name", "touchpoints", "friction", "band", "confidence", "main reasons"]
    return ["#", *(t(_HEADINGS.get(key, key)) for key in keys)]


def _numeric(by: str) -> set[int]:
    """The columns aligned right: the rank, priority, friction and confidence."""
    return {0, 5, 6, 8} if by == "touchpoint" else {0, 4, 6}


_FOOTNOTE = N_(
    "* moment of truth; priority = friction x confidence x reach x moment-of-truth weight; "
    "points: the component's share of the friction (docs/scoring.md)"
)


def _footnote(views: Sequence[ScoreView]) -> str:
    """In the views' language when they all share one (else English, which every reader has)."""
    languages = {(v.t.language, v.t.numerals) for v in views}
    return views[0].t(_FOOTNOTE) if len(languages) == 1 and views else _FOOTNOTE


def _stages(view: ScoreView) -> str:
    return view.t(N_("stages")) + ": "


# -- plain text ----------------------------------------------------------------


def format_plain(views: Sequence[ScoreView]) -> str:
    """Aligned columns, no colour: for pipes, logs and tests."""
    out: list[str] = []
    for view in views:
        t = view.t
        out.append(safe_terminal(_headline(view)))
        shown = "  ".join(f"{safe_terminal(n)} {s} {band_text(b, t)}" for n, s, b in strip(view.result, t))
        out.append(_stages(view) + shown)
        explained = view.explained()
        if explained is not None:
            out.extend(_explain_lines(explained, view))
        else:
            out.extend(_plain_table(view))
        out.append("")
    out.append(_footnote(views))
    return "\n".join(out) + "\n"


def _plain_table(view: ScoreView) -> list[str]:
    rows = [[view.t.number(str(i)), *(_cells(r, view))] for i, r in enumerate(view.rows(), start=1)]
    table = [_columns(view.by, view.t), *[[safe_terminal(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    widths[2] = min(widths[2], 40)
    if view.by == "touchpoint":  # a stage's or channel's name is cut where it would widen every row
        widths[3], widths[4] = min(widths[3], 24), min(widths[4], 20)
    return ["  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]


def _fit(cell: str, width: int) -> str:
    return (cell[: width - 1] + "…" if len(cell) > width else cell).ljust(width)


def _explain_lines(t: TouchpointScore, view: ScoreView) -> list[str]:
    """Every component with value, strength, points, inputs and normalisation; then friction and priority."""
    tr = view.t
    who = Msg(", persona %(persona)s", persona=Verbatim(t.persona)) if t.persona else ""
    moment = (
        Msg(", moment of truth (%(impact)s)", impact=Verbatim(band_text(t.moment_of_truth, tr)))
        if t.moment_of_truth
        else ""
    )
    head = Msg(
        "explain %(id)s: %(name)s (stage %(stage)s, channel %(channel)s%(who)s%(moment)s)",
        id=Verbatim(t.touchpoint_id),
        name=Verbatim(t.name),
        stage=Verbatim(view.stage_name(t.stage_id)),
        channel=Verbatim(view.channel_name(t.channel)),
        who=who,
        moment=moment,
    )
    friction = Msg(
        "friction %(score)s %(band)s, confidence %(confidence)s "
        "(weight of the components with data over the weight of those that apply)",
        score=Verbatim(score_text(t.score, tr)),
        band=Verbatim(band_text(t.band, tr)),
        confidence=Verbatim(percent(t.confidence, tr)),
    )
    lines = [tr(head), tr(friction)]
    separator = tr.context("list separator", "; ")
    for c in t.contributions:
        line = Msg(
            "%(label)s: %(value)s, weight %(weight)s (strength %(strength)s), points %(points)s",
            label=Msg(c.label),
            value=_value_part(c, tr),
            weight=Verbatim(tr.number(f"{c.weight:g}")),
            strength=Verbatim(tr.number(f"{c.strength:.2f}")),
            points=Verbatim(tr.number(f"{c.points:.1f}")),
        )
        lines.append("  " + tr(line))
        if c.inputs:
            lines.append("      " + tr(N_("inputs: ")) + separator.join(tr(i) for i in c.inputs))
        if c.note:
            lines.append("      " + tr(_note_kind(c)) + tr(c.note))
    lines += [_formula(t, tr), _priority_formula(t, tr)]
    return [safe_terminal(line) for line in lines]


def _value_part(c: Contribution, t: Translator) -> str:
    if not c.applicable:
        return Verbatim(t(N_("does not apply")))
    if c.value is None:
        return Verbatim(t(N_("no data")))
    return Verbatim(t(Msg("value %(value)s", value=Verbatim(value_text(c, t)))))


def _note_kind(c: Contribution) -> str:
    if not c.applicable:
        return N_("not applicable: ")
    return N_("normalisation: ") if c.value is not None else N_("no data: ")


def _formula(t: TouchpointScore, tr: Translator | None = None) -> str:
    tr = tr or english()
    used = [c for c in t.contributions if c.value is not None]
    if not used:
        return tr(N_("friction: no component had data, so there is no score"))
    factors = " × ".join(f"(1 - {c.strength:.2f} × {c.value:.3f})" for c in used if c.value is not None)
    said = Msg(
        "friction = 100 × (1 - Π(1 - strength × value)) = 100 × (1 - %(factors)s) = %(score)s",
        factors=Verbatim(tr.number(factors)),
        score=Verbatim(score_text(t.score, tr)),
    )
    return tr.number(tr(said))


def _priority_formula(t: TouchpointScore, tr: Translator | None = None) -> str:
    tr = tr or english()
    if t.priority is None:
        return tr(N_("priority: none without a friction score"))

    def number(value: str) -> Verbatim:
        return Verbatim(tr.number(value))

    said = Msg(
        "priority = friction %(score)s × confidence %(confidence)s × weight %(weight)s "
        "(moment of truth %(moment)s × volume %(volume)s × reach %(reach)s) = %(priority)s",
        score=Verbatim(score_text(t.score, tr)),
        confidence=number(f"{t.confidence:.2f}"),
        weight=number(f"{t.weight:.3f}"),
        moment=number(f"{t.moment_factor:g}"),
        volume=number(f"{t.volume_weight:.3f}"),
        reach=number(f"{t.reach:.3f}"),
        priority=Verbatim(priority_text(t, tr)),
    )
    return tr(said)


# -- Markdown ------------------------------------------------------------------


def format_markdown(views: Sequence[ScoreView]) -> str:
    """GitHub-flavoured Markdown: a heading and a table per journey."""
    out: list[str] = []
    for view in views:
        t = view.t
        out += [f"## {_md(view.result.title)}", "", _md(_headline(view)), ""]
        between = f" {arrow(t.language in RTL)} "  # stages in reading order: ← in right-to-left text
        shown = between.join(f"{_md(n)} **{s}** ({band_text(b, t)})" for n, s, b in strip(view.result, t))
        out += [t(N_("Stages: ")) + shown, ""]
        explained = view.explained()
        if explained is not None:
            out += _markdown_explain(explained, t)
            continue
        columns = _columns(view.by, t)
        out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += [
            "| " + " | ".join(_md(c) for c in [t.number(str(i)), *_cells(r, view)]) + " |"
            for i, r in enumerate(view.rows(), 1)
        ]
        out.append("")
    out.append("\\" + _footnote(views))
    return "\n".join(out) + "\n"


_EXPLAIN_HEADINGS = (
    N_("component"),
    N_("value"),
    N_("weight"),
    N_("strength"),
    N_("points"),
    N_("inputs"),
    N_("normalisation"),
)


def _markdown_explain(t: TouchpointScore, tr: Translator | None = None) -> list[str]:
    tr = tr or english()
    lines = [f"### {_md(t.touchpoint_id)}: {_md(t.name)}", ""]
    said = Msg(
        "Friction **%(score)s** (%(band)s), confidence %(confidence)s, priority **%(priority)s**.",
        score=Verbatim(score_text(t.score, tr)),
        band=Verbatim(band_text(t.band, tr)),
        confidence=Verbatim(percent(t.confidence, tr)),
        priority=Verbatim(priority_text(t, tr)),
    )
    lines += [tr(said), ""]
    lines += ["| " + " | ".join(tr(h) for h in _EXPLAIN_HEADINGS) + " |", "|---|---|---|---|---|---|---|"]
    separator = tr.context("list separator", "; ")
    for c in t.contributions:
        value = tr(N_("does not apply")) if not c.applicable else value_text(c, tr)
        numbers = [tr.number(f"{c.weight:g}"), tr.number(f"{c.strength:.2f}"), tr.number(f"{c.points:.1f}")]
        inputs = separator.join(tr(i) for i in c.inputs)
        cells = [tr(c.label), value, *numbers, inputs, tr(c.note) if c.note else c.note]
        lines.append("| " + " | ".join(_md(x) for x in cells) + " |")
    return [*lines, "", _md(_formula(t, tr)), "", _md(_priority_formula(t, tr)), ""]


def _md(text: str) -> str:
    return safe_terminal(text).replace("|", "\\|").replace("\n", " ")


# -- rich ----------------------------------------------------------------------


def format_rich(views: Sequence[ScoreView], color: bool, width: int = 120) -> str:
    """A coloured table and heat strip for a terminal."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, emoji=False)
    for view in views:
        console.print(Text(safe_terminal(_headline(view)), style="bold"))
        console.print(_heat_strip(view, width))
        explained = view.explained()
        if explained is not None:
            console.print(Text("\n".join(_explain_lines(explained, view))))
        elif view.by == "touchpoint":
            console.print(_touchpoints(view, width))
        else:
            console.print(_rich_table(view))
    console.print(Text(_footnote(views), style="dim"))
    return buffer.getvalue()


def _touchpoints(view: ScoreView, width: int) -> Table | Text:
    """The ten-column table when it fits ``width`` readably; else the table with each touchpoint's stage and
    channel under its name; else a card per touchpoint.

    Why measured, not a fixed width: what fits depends on the journey (a 27-letter id, a 13-letter stage
    name). A table is readable when ids, numbers and words stay whole and each text column keeps its
    floor: below that a 120-column table cut ids to ``phone-age…`` and wrapped names into three-letter
    pieces.
    """
    headings = _columns("touchpoint", view.t)
    rows = [[view.t.number(str(i)), *_cells(row, view)] for i, row in enumerate(view.rows(), start=1)]
    for layout in (_all_columns, _stacked):
        shown_headings, shown_rows, floors = layout(headings, rows)
        room = width - _GAP * (len(shown_headings) - 1)
        least, whole = _widths(shown_headings, shown_rows, floors)
        if sum(least) <= room:
            return _fitted_table(view, shown_headings, shown_rows, floors, _spread(least, whole, room))
    return _rich_cards(view)


#: Columns a table puts between two columns: a space, the border, a space.
_GAP = 3
#: The touchpoint table's text columns (indexes in ``_columns``): name, stage, channel, main reasons.
_NAME, _STAGE, _CHANNEL, _REASONS = 2, 3, 4, 9

Layout = tuple[list[str], list[list[str]], dict[int, int]]


def _all_columns(headings: list[str], rows: list[list[str]]) -> Layout:
    """Every column; the text columns (by index) and the fewest columns each keeps when it wraps."""
    return headings, rows, {_NAME: 16, _STAGE: 12, _CHANNEL: 12, _REASONS: 24}


def _stacked(headings: list[str], rows: list[list[str]]) -> Layout:
    """Stage and channel under the name (``Service and support · Phone``): two columns fewer."""
    keep = [k for k in range(len(headings)) if k not in (_STAGE, _CHANNEL)]
    stacked = [[f"{r[_NAME]}\n{r[_STAGE]} · {r[_CHANNEL]}" if k == _NAME else r[k] for k in keep] for r in rows]
    return [headings[k] for k in keep], stacked, {_NAME: 20, len(keep) - 1: 24}


def _widths(headings: list[str], rows: list[list[str]], floors: dict[int, int]) -> tuple[list[int], list[int]]:
    """Each column's least width (whole for ids and numbers; for text its longest word and its floor, or all
    of it when shorter) and its whole width (every line of a cell on one line)."""
    least, whole = [], []
    for k, heading in enumerate(headings):
        cells = [heading, *(safe_terminal(line) for row in rows for line in row[k].split("\n"))]
        longest = max(cell_len(cell) for cell in cells)
        if k in floors:
            word = max(cell_len(w) for cell in cells for w in cell.split())
            least.append(max(word, min(longest, floors[k])))
        else:
            least.append(longest)
        whole.append(longest)
    return least, whole


def _spread(least: list[int], whole: list[int], room: int) -> list[int]:
    """Widths from ``least`` up to ``whole``, the room left over shared fairly: the column that lacks least is
    made whole first (a stage name on one line), the others share the rest equally."""
    widths, spare = list(least), room - sum(least)
    lacking = sorted((w - n, k) for k, (n, w) in enumerate(zip(least, whole, strict=True)) if w > n)
    for i, (lack, k) in enumerate(lacking):
        share = min(lack, spare // (len(lacking) - i))
        widths[k] += share
        spare -= share
    return widths


def _fitted_table(
    view: ScoreView, headings: list[str], rows: list[list[str]], floors: dict[int, int], widths: list[int]
) -> Table:
    """The touchpoint table, each column as wide as ``widths`` says: text wraps at spaces, nothing is cut."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    numeric = {0, len(headings) - 5, len(headings) - 4, len(headings) - 2}  # rank, priority, friction, confidence
    for k, heading in enumerate(headings):
        justify: Literal["left", "right"] = "right" if k in numeric else "left"
        table.add_column(heading, justify=justify, width=widths[k], no_wrap=k not in floors)
    for cells, row in zip(rows, view.rows(), strict=True):
        band_at = len(cells) - 3
        styled = []
        for k, cell in enumerate(cells):
            first, _, under = cell.partition("\n")
            text = Text(safe_terminal(first), style=_BAND_STYLE[row.band] if k == band_at else "")
            if under:
                text.append("\n" + safe_terminal(under), style="dim")
            styled.append(text)
        table.add_row(*styled)
    return table


def _rich_cards(view: ScoreView) -> Text:
    """Each touchpoint as three lines: rank, id and name; its numbers; its main reasons.

    Why: at 80 columns the ten columns of the table wrapped every id and name into three-letter
    pieces (``phone…``); a card keeps the id whole (what ``--explain`` takes) and every number on
    one line, in any terminal from about 60 columns.
    """
    t, text = view.t, Text()
    for i, row in enumerate(view.rows(), start=1):
        touchpoint, name, stage, channel, priority, friction, band, confidence, reasons = _cells(row, view)
        text.append(f"{t.number(str(i))}  {safe_terminal(touchpoint)}", style="bold")
        text.append(f"  {safe_terminal(name)}\n")
        text.append(f"    {safe_terminal(stage)} · {safe_terminal(channel)}\n", style="dim")
        numbers = (t(_HEADINGS["priority"]), priority, t(_HEADINGS["friction"]), friction)
        text.append("    {} {} · {} {} ".format(*numbers))
        text.append(band, style=_BAND_STYLE[row.band])
        text.append(f" · {t(_HEADINGS['confidence'])} {confidence}\n")
        text.append(f"    {safe_terminal(reasons)}\n")
    return text


def _heat_strip(view: ScoreView, width: int) -> Text:
    """The stages' scores on as many lines as ``width`` needs, broken only between stages.

    Why packed here and not left to rich: rich wraps at any space, so a stage's name ("Service and /
    support 77.8") could be split from its score.
    """
    text = Text(view.t(N_("stages")) + " ")
    used = text.cell_len
    for name, score, band in strip(view.result, view.t):
        entry = Text(_BAND_MARK[band], style=_BAND_STYLE[band])
        entry.append(f" {safe_terminal(name)} {score}")
        gap = 0 if text.plain.endswith((" ", "\n")) else 2
        if used + gap + entry.cell_len > width and used > 0:
            text.append("\n")
            used, gap = 0, 0
        text.append(" " * gap)
        text.append_text(entry)
        used += gap
        used += entry.cell_len
    return text


def _rich_table(view: ScoreView) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    numeric = _numeric(view.by)
    for k, column in enumerate(_columns(view.by, view.t)):
        table.add_column(column, justify="right" if k in numeric else "left")
    for i, row in enumerate(view.rows(), start=1):
        cells = [safe_terminal(c) for c in [view.t.number(str(i)), *_cells(row, view)]]
        band_at = len(cells) - 3
        styled = [Text(c, style=_BAND_STYLE[row.band]) if k == band_at else Text(c) for k, c in enumerate(cells)]
        table.add_row(*styled)
    return table


__all__ = ["format_markdown", "format_plain", "format_rich"]
