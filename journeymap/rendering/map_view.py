"""The journey map: stages as columns, lanes as rows, an emotion curve across.

Layout (in points, y growing down), left to right; mirrored for RTL::

    [title block ........................................ legend]
    [lane names] [stage header spanning its touchpoint columns]...
    Actions      [cell per touchpoint]
    Touchpoints  [channel badge, name, moment-of-truth marker]
    Emotion      [5 levels, one curve per persona]
    Pain points / Opportunities / Metrics   [cells]

Rows grow to fit their tallest cell, columns have one fixed width and text
wraps inside them, so nothing ever overlaps however many touchpoints.

With ``MapOptions.changes`` (``render --compare``) the map of a future state
shows the current state too: a greyed column for each removed touchpoint,
badges on new, renamed and changed ones, friction before -> after in the stage
headers, and per persona the current emotion curve (dashed, hollow points)
under the future one (solid); see ``changes.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from journeymap import flow, shown
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.rendering import labels
from journeymap.rendering.diagram import Box, Diagram, Dot, Line
from journeymap.rendering.kpis import MetricRow, journey_kpis
from journeymap.rendering.kpis import translator_of as translator_for
from journeymap.rendering.text import CHAR_WIDTH, html_escape, wrap
from journeymap.rendering.theme import DASHES, KIND_GLYPHS, SHAPES, Theme
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.model import Persona
    from journeymap.model.emotion import Emotion
    from journeymap.rendering.changes import Changes, Slot

COLUMN = 176.0
GAP = 8.0
LANE_HEADER = 118.0
MARGIN = 16.0
LINE = 14.0
PAD = 12.0
#: Air above the first line of a label set at the top of its cell (pain points, opportunities, metrics).
TOP_AIR = 4
EMOTION_LANE = 150.0
#: The title line, in points (18pt bold and some air); the legend's lines follow it.
TITLE = 30.0
#: Points of the legend's text: the size of the map's body text, so it reads as well as the cells.
LEGEND_SIZE = 11
STAGE_HEADER = 48.0
#: Band above the touchpoint cells that holds the "one of 3" brackets of steps (only when there are steps).
BRACKET = 18.0
#: Characters of 10pt text in a KPI box.
KPI_CHARS = int((COLUMN - 2 * PAD) / (10.5 * CHAR_WIDTH))


@dataclass(frozen=True)
class MapOptions:
    theme: Theme
    persona: str | None = None
    friction: Mapping[str, float | None] | None = None  # touchpoint id -> 0..100
    stage_friction: Mapping[str, float | None] | None = None
    changes: Changes | None = None  # the current state, for a map of the future state that shows both
    stages: frozenset[str] | None = None  # the ids of the stages to draw (``--stages``); None: all of them
    window: tuple[int, int] | None = None  # columns first..last (excluded) of those: one page of a paged PDF
    kpis: bool = True  # the journey KPI strip under the title (a paged PDF shows it on its title page instead)
    #: stage id -> (part, parts) for a stage split over pages: its header says which part this page shows
    parts: Mapping[str, tuple[int, int]] | None = None


@dataclass(frozen=True)
class Column:
    stage: Stage
    touchpoint: Touchpoint | None
    x: float
    removed: bool = False  # a touchpoint only the current state has (a compared map's greyed column)


def build_map(journey: Journey, options: MapOptions) -> Diagram:
    """Lay out the classic journey map for ``journey``."""
    columns = columns_of(journey, options.persona, options.changes, options.stages, options.window)
    chars = int((COLUMN - 2 * PAD) / (10.5 * CHAR_WIDTH))
    steps = _step_spans(journey, columns, options.persona)
    cells = [_cell_labels(journey, c, options, chars) if c.touchpoint is not None else None for c in columns]
    rows = _row_heights(columns, cells, bool(steps))
    kpis = journey_kpis(journey) if options.kpis else []
    strip = _strip_height(journey, kpis, len(columns), options.theme)
    width = MARGIN * 2 + LANE_HEADER + GAP + len(columns) * (COLUMN + GAP)
    title = title_height(journey, options)
    height = MARGIN * 2 + title + STAGE_HEADER + GAP * 8 + sum(rows.values()) + EMOTION_LANE
    height += strip + GAP if strip else 0.0
    theme = options.theme
    diagram = Diagram(width, height, theme.background, theme.font, journey.info.title)
    builder = _Builder(journey, options, diagram, columns, chars, cells)
    builder.title(title)
    y = MARGIN + title + GAP
    if strip:
        builder.kpi_strip(y, strip, kpis)
        y += strip + GAP
    builder.stage_headers(y)
    y += STAGE_HEADER + GAP
    for lane in ("actions", "touchpoints"):
        builder.lane(lane, y, rows[lane], BRACKET if steps and lane == "touchpoints" else 0.0)
        y += rows[lane] + GAP
    builder.step_brackets(y - GAP - rows["touchpoints"], steps)
    builder.emotion_lane(y)
    y += EMOTION_LANE + GAP
    for lane in ("pain_points", "opportunities", "metrics"):
        builder.lane(lane, y, rows[lane])
        y += rows[lane] + GAP
    return diagram.mirror() if journey.info.rtl else diagram


def title_height(journey: Journey, options: MapOptions) -> float:
    """The title block's height: the title, the data's date range when values are measured, a compared map's
    states line, and the legend's two lines (the date line was left out, so the legend ran into the KPIs)."""
    states = labels.line_height(11) if options.changes is not None else 0.0
    dates = labels.data_line(journey, options.theme, "")
    data = dates[1] if dates is not None else 0.0
    return TITLE + data + states + LEGEND_LINES * labels.line_height(LEGEND_SIZE) + 4


def curve_personas(journey: Journey, options: MapOptions) -> list[tuple[int, Persona]]:
    """The personas with a curve, each with its colour index: the journey's, then on a compared map the
    current state's personas the future state no longer has."""
    personas = list(journey.personas)
    if options.changes is not None:
        known = {p.id for p in personas}
        personas += [p for p in options.changes.current.personas if p.id not in known]
    return [(i, p) for i, p in enumerate(personas) if options.persona in (None, p.id)]


#: The legend's sample of each persona's curve, by its line style (``DASHES``).
CURVE_GLYPHS = {"solid": "━━", "dashed": "╍╍", "dotted": "┅┅", "bold": "▬▬"}
#: The legend always has two lines (personas, then symbols), so a map's statements never depend on its text.
LEGEND_LINES = 2


def curve_glyph(index: int, compared: bool = False) -> str:
    """The sample of persona ``index``'s emotion curve in a legend: its line style (``━━``, ``╍╍``...), or its
    point shape on a compared map. The map's legend and the A4 title page both draw personas with it."""
    return SHAPES[index % len(SHAPES)][1] if compared else CURVE_GLYPHS[DASHES[index % len(DASHES)]]


def legend_lines(journey: Journey, options: MapOptions, personas: list[tuple[int, Persona]]) -> list[tuple[str, float]]:
    """The legend's two lines, each as label markup and the points it needs: who each curve is (by name),
    then the touchpoint kinds, the moment-of-truth mark, the friction scale and a compared map's states.

    A line is a list of items, an item a list of text spans (escaped markup; each colour is one span).
    Why spans are reversed on right-to-left maps: Graphviz sets the text spans of a line left to right in
    the order written and applies the bidi algorithm only inside a span, so a line of an Arabic map is
    written last item first and each item last span first.
    """
    theme, w = options.theme, labels.words(journey)
    compared = options.changes is not None
    noun = w["persona"] if len(personas) == 1 else w["personas"]
    who = [[f"<B>{labels.direction_mark(journey)}{html_escape(noun)}:</B>"]]
    for index, persona in personas:
        glyph = curve_glyph(index, compared)
        name = html_escape(wrap(persona.name, 32, 1)[0])
        who.append([f'<FONT COLOR="{theme.persona_color(index)}">{glyph}</FONT>', name])
    keys = [[f'<FONT COLOR="{theme.kinds[k]}">{KIND_GLYPHS[k]}</FONT>', html_escape(w[k])] for k in KIND_GLYPHS]
    keys.append([f'<FONT COLOR="{theme.moment}">★</FONT>', html_escape(w["moment"])])
    swatches = [f'<FONT COLOR="{c}">■</FONT>' for c in theme.heat]
    keys.append([f"{html_escape(w['friction'])}: {html_escape(w['low'])}", *swatches, html_escape(w["high"])])
    if compared:  # one text span: Graphviz orders the spans of a line left to right unless it opens in Arabic
        keys.append([f"━━ ● {html_escape(w['future'])}   ╍╍ ○ {html_escape(w['current'])}"])
    font = f'<FONT POINT-SIZE="{LEGEND_SIZE}" COLOR="{theme.text}">'
    return [(_line(line, journey.info.rtl, font), _line_width(line)) for line in (who, keys)]


#: Symbols of the legend, a whole em wide (text averages ``CHAR_WIDTH`` of an em).
_WIDE = frozenset("━╍┅▬■◉●★○◆▲")


def _line_width(items: list[list[str]]) -> float:
    """Points a legend line takes, as laid out by ``_line``: each span's text (symbols an em wide, bold a
    little wider) plus the padding of its cell, and a spacer cell between items; a little generous, since
    a label wider than its box makes Graphviz warn."""
    import html
    import re

    total = 0.0
    for spans in items:
        for span in spans:
            text = html.unescape(re.sub(r"<[^>]*>", "", span)).strip() or " "
            ems = sum(1.0 if ch in _WIDE else CHAR_WIDTH for ch in text) * (1.1 if "<B>" in span else 1.0)
            total += ems * LEGEND_SIZE + 2
        total += LEGEND_SIZE * CHAR_WIDTH + 2
    return total * 1.08 + 6


def _line(items: list[list[str]], rtl: bool, font: str) -> str:
    """One legend line as a one-row table, a cell per text span; right to left: last item first, each
    item's spans reversed (see ``legend_lines``).

    Why cells: Graphviz places the spans of a text line by its own width estimates, which are off for
    Arabic, so names ran into the next symbol; a cell per span keeps each one in its own room.
    """
    ordered = [list(reversed(spans)) for spans in reversed(items)] if rtl else items
    mark = labels.RLM if rtl else ""
    cells = []
    for spans in ordered:
        # a mark alone before a coloured symbol would be a text span of its own, which Pango cannot draw
        cells += [
            f"<TD>{font}{'' if span.startswith('<') else mark}{span.strip() or ' '}</FONT></TD>" for span in spans
        ]
        cells.append("<TD> </TD>")
    return f'<TABLE BORDER="0" CELLPADDING="1" CELLSPACING="0"><TR>{"".join(cells[:-1])}</TR></TABLE>'


def columns_of(
    journey: Journey,
    persona: str | None,
    changes: Changes | None = None,
    stages: frozenset[str] | None = None,
    window: tuple[int, int] | None = None,
) -> list[Column]:
    """One column per visible touchpoint (an empty one for a stage without any), in journey order; a compared
    map adds a column for each touchpoint the future state removes, where it stood. ``stages``: only those;
    ``window``: only the columns from its first to its last (excluded) of those."""
    slots: list[Slot] = []
    for stage in journey.stages:
        visible: list[Touchpoint | None] = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        slots += [(stage, tp, False) for tp in visible or [None]]
    if changes is not None:
        slots = changes.place(slots, persona)
    if stages is not None:
        slots = [slot for slot in slots if slot[0].id in stages]
    if window is not None:
        slots = slots[window[0] : window[1]]
    x = MARGIN + LANE_HEADER + GAP
    return [Column(stage, tp, x + i * (COLUMN + GAP), removed) for i, (stage, tp, removed) in enumerate(slots)]


def _owner(journey: Journey, column: Column, changes: Changes | None) -> Journey:
    """The journey a column's touchpoint belongs to: the current state for a removed one."""
    return changes.current if column.removed and changes is not None else journey


def _touchpoint_label(journey: Journey, column: Column, options: MapOptions, chars: int) -> tuple[str, float]:
    """A touchpoint cell's label and height; on a compared map under its badge (new, changed, renamed, removed)."""
    tp = column.touchpoint
    assert tp is not None
    changes = options.changes
    owner = _owner(journey, column, changes)
    body, height = labels.touchpoint_label(owner, tp, options.theme, chars, struck=column.removed)
    if changes is None:
        return body, height
    from journeymap.rendering.changes import badged

    diff = changes.removed.get(tp.id) if column.removed else changes.after.get(tp.id)
    if diff is None:
        return body, height
    old = changes.old_name(diff) if diff.status == "renamed" else ""
    return badged(journey, diff, body, height, options.theme, chars, old)


@dataclass(frozen=True)
class _CellLabels:
    """A column's action, touchpoint, pain-point, opportunity and metric labels as drawn, each with the lines or
    points it takes: made once, read to size the rows and to draw the cells.

    Why once: at 10,000 touchpoints making the metric and bullet labels was a fifth of drawing the map,
    and it was done twice (once to measure, once to draw); the action was still wrapped twice.
    """

    actions: tuple[str, int]
    touchpoint: tuple[str, float]
    pain_points: tuple[str, int]
    opportunities: tuple[str, int]
    metrics: tuple[str, int]


def _cell_labels(journey: Journey, column: Column, options: MapOptions, chars: int) -> _CellLabels:
    tp = column.touchpoint
    assert tp is not None
    theme = options.theme
    ink = theme.muted if column.removed else theme.text
    align = _align(journey)
    action = wrap(tp.action or "", chars, 5)
    return _CellLabels(
        (labels.text_block(action, ink, 11), len(action)),
        _touchpoint_label(journey, column, options, chars),
        labels.bullet_block(tp.pain_points, ink, chars, 8, align),
        labels.bullet_block(tp.opportunities, ink, chars, 8, align),
        labels.metrics_label(_owner(journey, column, options.changes), tp, theme, chars, align),
    )


def _align(journey: Journey) -> str:
    """How the map's text lines up: right in a right-to-left journey."""
    return "RIGHT" if journey.info.rtl else "LEFT"


def _row_heights(columns: list[Column], cells: list[_CellLabels | None], steps: bool) -> dict[str, float]:
    counts = dict.fromkeys(("actions", "pain_points", "opportunities", "metrics"), 1)
    touchpoint = LINE
    for column, cell in zip(columns, cells, strict=True):
        tp = column.touchpoint
        if tp is None or cell is None:
            continue
        counts["actions"] = max(counts["actions"], cell.actions[1])
        touchpoint = max(touchpoint, cell.touchpoint[1])
        counts["pain_points"] = max(counts["pain_points"], cell.pain_points[1])
        counts["opportunities"] = max(counts["opportunities"], cell.opportunities[1])
        counts["metrics"] = max(counts["metrics"], cell.metrics[1])
    heights = {lane: count * LINE + 2 * PAD for lane, count in counts.items()}
    heights["touchpoints"] = touchpoint + 2 * PAD + 6 + (BRACKET if steps else 0.0)
    return heights


def _strip_height(journey: Journey, kpis: list[MetricRow], per_row: int, theme: Theme) -> float:
    """Height of the journey KPI strip: rows of one box per column, each as tall as the tallest box; 0 without KPIs."""
    if not kpis:
        return 0.0
    tallest = max(labels.kpi_label(journey, row, theme, KPI_CHARS)[1] for row in kpis)
    rows = -(-len(kpis) // per_row)
    return rows * (tallest + 2 * PAD) + (rows - 1) * GAP


def _step_spans(journey: Journey, columns: list[Column], persona: str | None) -> list[tuple[int, int, int]]:
    """First and last column and the number of touchpoints of each step with two or more visible touchpoints
    (they stand side by side; on a compared map a removed alternative may stand between them)."""
    index = {c.touchpoint.id: i for i, c in enumerate(columns) if c.touchpoint is not None and not c.removed}
    return [
        (index[group[0].id], index[group[-1].id], len(group))
        for group in flow.steps(journey, persona)
        if len(group) > 1 and all(tp.id in index for tp in group)
    ]


def kpi_colors(theme: Theme, row: MetricRow) -> tuple[str, str]:
    """Fill and border of a KPI box: tinted green when met, red when missed (greys in print), plain otherwise."""
    if row.status == "met":
        return theme.heat_fill[0], theme.heat[0]
    if row.status == "missed":
        return theme.heat_fill[-1], theme.heat[-1]
    return theme.cell_fill, theme.grid


#: Height of an emotion label (9pt text), in points.
EMOTION_LABEL = 13.0


@dataclass(frozen=True)
class EmotionLabel:
    """A named emotion point waiting for its label: its column, position, score, name and persona."""

    column: int
    x: float
    y: float
    score: float
    name: str
    index: int
    persona: str


def short_name(name: str) -> str:
    """A persona's name up to its first comma (``Sara, busy parent`` -> ``Sara``): enough beside its colour."""
    for comma in (",", "،"):
        name = name.split(comma, 1)[0]
    return name.strip() or name


def _stacked(wanted: list[float], top: float, bottom: float) -> list[float]:
    """Tops for labels wanted at ``wanted`` (in order, top to bottom) that never overlap: from the lowest up,
    each label goes where it is wanted or just above the label under it, so a label never slides down onto
    the points below it; a stack that would leave the lane at the top moves down as a whole (not past
    ``bottom``)."""
    placed = list(wanted)
    for i in range(len(placed) - 2, -1, -1):
        placed[i] = min(placed[i], placed[i + 1] - EMOTION_LABEL - 1)
    if placed and placed[0] < top:
        shift = min(top - placed[0], max(bottom - EMOTION_LABEL - placed[-1], 0.0))
        placed = [y + shift for y in placed]
    return placed


class _Builder:
    """Adds the boxes, dots and lines of one map to a Diagram."""

    def __init__(
        self,
        journey: Journey,
        options: MapOptions,
        diagram: Diagram,
        columns: list[Column],
        chars: int,
        cells: list[_CellLabels | None],
    ) -> None:
        self.journey = journey
        self.options = options
        self.theme = options.theme
        self.diagram = diagram
        self.columns = columns
        self.chars = chars
        self.cells = cells
        self.words = labels.words(journey)
        self.align = _align(journey)
        self.count = 0
        self.pending: list[EmotionLabel] = []  # named emotion points, labelled once every curve is drawn
        self.emotion_texts: dict[tuple[str, int, tuple[str, ...], bool], str] = {}

    def next_id(self) -> str:
        self.count += 1
        return f"n{self.count}"

    def add(self, x: float, y: float, w: float, h: float, label: str, **style: object) -> None:
        self.diagram.boxes.append(Box(self.next_id(), x, y, w, h, label, **style))  # type: ignore[arg-type]

    # -- title and stage headers -------------------------------------------------

    def title(self, height: float) -> None:
        """The title, then the legend under it, a line at a time, at the size of the body text.

        Why under the title: a 9pt legend in a corner was lost on wide maps and unreadable in print;
        here it names every curve by its persona's name where reading starts.
        """
        theme = self.theme
        width = self.diagram.width - 2 * MARGIN
        title = wrap(self.journey.info.title, int(width / (18 * CHAR_WIDTH)), 1)
        body = labels.text_block(title, theme.title, 18, bold=True, align=self.align)
        top = TITLE
        dates = labels.data_line(self.journey, theme, self.align)
        if dates is not None:
            body += dates[0]
            top += dates[1]
        if self.options.changes is not None:
            body += self.states_line(int(width / (11 * CHAR_WIDTH)))
            top += labels.line_height(11)
        self.add(MARGIN, MARGIN, width, top, labels.flush(body, width - 8, self.align))
        y = MARGIN + top
        for line, needs in legend_lines(self.journey, self.options, self.curve_personas()):
            wide = min(needs, width)
            self.add(MARGIN, y, wide, labels.line_height(LEGEND_SIZE), line, css_class="legend")
            y += labels.line_height(LEGEND_SIZE)

    def states_line(self, chars: int) -> str:
        """A compared map's third title line: ``current → future · friction 69 → 41`` (escaped)."""
        from journeymap.rendering.changes import pair, state_word

        assert self.options.changes is not None
        comparison, w = self.options.changes.comparison, self.words
        states = w["states"].format(
            current=state_word(comparison.before_state, w), future=state_word(comparison.after_state, w)
        )
        line = labels.direction_mark(self.journey) + html_escape(wrap(states, chars, 1)[0])
        numerals = translator_for(self.journey).numerals
        friction = pair(comparison.journey.before, comparison.journey.after, self.journey.info.rtl, numerals)
        if friction:
            line += f" · {html_escape(w['friction'])} {friction}"
        return f'<FONT POINT-SIZE="11" COLOR="{self.theme.muted}">{line}</FONT><BR ALIGN="{self.align}"/>'

    def curve_personas(self) -> list[tuple[int, Persona]]:
        return curve_personas(self.journey, self.options)

    def stage_headers(self, y: float) -> None:
        self.add(MARGIN, y, LANE_HEADER, STAGE_HEADER, " ")
        start = 0
        while start < len(self.columns):
            stage = self.columns[start].stage
            end = start
            while end + 1 < len(self.columns) and self.columns[end + 1].stage is stage:
                end += 1
            x = self.columns[start].x
            width = self.columns[end].x + COLUMN - x
            self.stage_box(stage, x, y, width)
            start = end + 1

    def stage_box(self, stage: Stage, x: float, y: float, width: float) -> None:
        theme, changes = self.theme, self.options.changes
        removed = changes is not None and changes.status(stage) == "removed"
        friction = None if removed else self.stage_friction(stage)
        chars = int((width - 2 * PAD) / (13 * CHAR_WIDTH))
        part = (self.options.parts or {}).get(stage.id)
        suffix = "" if part is None else " ({}/{})".format(*(labels.digits(self.journey, n) for n in part))
        lines = [wrap(stage.name.upper(), max(chars - len(suffix), 1), 1)[0] + suffix]
        if removed:
            name = f'<FONT POINT-SIZE="13" COLOR="{theme.muted}"><B><S>{html_escape(lines[0])}</S></B></FONT>'
        else:
            name = labels.text_block(lines, theme.title, 13, bold=True)
        compared = changes.stage_detail(stage, self.words) if changes is not None else None
        if compared is not None:
            detail = f'<FONT POINT-SIZE="10" COLOR="{theme.muted}">{compared}</FONT>'
        else:
            text = (
                f"{self.words['friction']} {labels.digits(self.journey, shown.friction_whole(friction))}"
                if friction is not None
                else " "
            )
            detail = labels.text_block([text], theme.muted, 10)
        body = name + "<BR/>" + detail
        if width > 3 * COLUMN:  # a long stage: its name at the start, where reading begins, not far off-screen
            body = labels.flush(body, width - 2 * PAD, self.align)
        self.add(
            x,
            y,
            width,
            STAGE_HEADER,
            body,
            fill=theme.lane_fill if removed else theme.heat_color(friction, fill=True),
            border=theme.muted if removed else theme.heat_color(friction),
            penwidth=2.0,
            rounded=True,
            tooltip=stage.name,
            css_class="stage removed" if removed else "stage",
            dashed=removed,
        )

    # -- journey KPIs and steps ------------------------------------------------------

    def kpi_strip(self, y: float, height: float, kpis: list[MetricRow]) -> None:
        """The journey's own metrics under the title, one box per column from where reading starts.

        Why boxes on the column grid: they line up with the map, mirror with it for right-to-left
        journeys, and wrap onto a second row when a narrow map has more KPIs than columns.
        """
        theme = self.theme
        header = labels.text_block(wrap(self.words["kpis"], 16, 2), theme.title, 11, bold=True)
        self.add(MARGIN, y, LANE_HEADER, height, header, fill=theme.lane_fill, rounded=True)
        rows = -(-len(kpis) // len(self.columns))
        box = (height - (rows - 1) * GAP) / rows
        for index, row in enumerate(kpis):
            column = self.columns[index % len(self.columns)]
            body, _ = labels.kpi_label(self.journey, row, theme, KPI_CHARS)
            fill, border = kpi_colors(theme, row)
            target = f" / {row.target}" if row.target is not None else ""
            top = y + (index // len(self.columns)) * (box + GAP)
            self.add(
                column.x, top, COLUMN, box, body, fill=fill, border=border, penwidth=1.5, rounded=True,
                tooltip=f"{row.title}: {row.value}{target}", css_class="kpi",
            )  # fmt: skip

    def step_brackets(self, y: float, spans: list[tuple[int, int, int]]) -> None:
        """A bracket over the touchpoints of each step, labelled "one of 3": they are alternatives, not a sequence."""
        theme = self.theme
        middle, bottom = y + BRACKET / 2 - 1, y + BRACKET - 3
        for number, (first, last, count) in enumerate(spans):
            left, right = self.columns[first].x + 6, self.columns[last].x + COLUMN - 6
            points = [(left, bottom), (left, middle), (right, middle), (right, bottom)]
            names = [f"k{number}_{i}" for i in range(4)]
            self.diagram.anchors += [(name, px, py) for name, (px, py) in zip(names, points, strict=True)]
            self.diagram.lines += [Line(a, b, theme.muted, 1.0) for a, b in pairwise(names)]
            text = self.words["one_of"].format(n=labels.digits(self.journey, count))
            width = len(text) * 9 * CHAR_WIDTH + 14
            body = labels.text_block([text], theme.muted, 9)
            self.add((left + right - width) / 2, middle - 7, width, 14, body, fill=theme.background, css_class="step")

    # -- lanes -------------------------------------------------------------------

    def lane(self, lane: str, y: float, height: float, band: float = 0.0) -> None:
        """A lane's name and its cells; ``band`` keeps room above the cells (for step brackets)."""
        header = labels.text_block([self.words[lane]], self.theme.title, 11, bold=True)
        self.add(MARGIN, y, LANE_HEADER, height, header, fill=self.theme.lane_fill, rounded=True)
        for column, made in zip(self.columns, self.cells, strict=True):
            if column.touchpoint is not None and made is not None:
                self.cell(lane, column, made, y + band, height - band)

    def cell(self, lane: str, column: Column, made: _CellLabels, y: float, height: float) -> None:
        """One cell; a removed touchpoint's cells (a compared map) are greyed, dashed, their text muted."""
        tp = column.touchpoint
        assert tp is not None
        theme, removed = self.theme, column.removed
        fill = theme.lane_fill if removed else theme.cell_fill
        if lane == "touchpoints":
            body = made.touchpoint[0]
            friction = None if removed else self.friction(tp)
            border = theme.heat_color(friction) if friction is not None else (theme.muted if removed else theme.grid)
            width = 3.0 if tp.moment_of_truth is not None else 1.5
            self.add(
                column.x, y, COLUMN, height, body, fill=fill, border=border, penwidth=width, rounded=True,
                tooltip=tp.name, css_class="touchpoint removed" if removed else "touchpoint", dashed=removed,
            )  # fmt: skip
            return
        if lane == "actions":
            body = made.actions[0]
        elif lane == "metrics":
            body = made.metrics[0]
        else:
            body = made.pain_points[0] if lane == "pain_points" else made.opportunities[0]
        top = lane != "actions"
        if top:
            body = labels.flush(body, COLUMN - 2 * PAD, self.align, TOP_AIR)
        border = theme.muted if removed else theme.grid
        self.add(
            column.x, y, COLUMN, height, body, fill=fill, border=border, rounded=True, top=top, dashed=removed,
            css_class="removed" if removed else "",
        )  # fmt: skip

    # -- emotion -------------------------------------------------------------------

    def emotion_lane(self, y: float) -> None:
        theme = self.theme
        header = labels.text_block([self.words["emotion"]], theme.title, 11, bold=True)
        self.add(MARGIN, y, LANE_HEADER, EMOTION_LANE, header, fill=theme.lane_fill, rounded=True)
        left = self.columns[0].x
        right = self.columns[-1].x + COLUMN
        # No fill: the grid and curves are drawn first (outputorder=edgesfirst) and must show through.
        self.add(left, y, right - left, EMOTION_LANE, " ", border=theme.grid, rounded=True)
        for level in range(1, 6):
            level_y = self.level_y(y, level)
            number = labels.digits(self.journey, level)
            mark = {5: f"{number} ☺", 1: f"{number} ☹"}.get(level, number)
            scale = labels.text_block([mark], theme.muted, 9)
            self.add(MARGIN + LANE_HEADER - 34, level_y - 7, 30, 14, scale)
            start, end = f"g{level}a", f"g{level}b"
            self.diagram.anchors += [(start, left + 4, level_y), (end, right - 4, level_y)]
            self.diagram.lines.append(Line(start, end, theme.grid, 0.8, "dotted"))
        chosen = self.curve_personas()
        changes = self.options.changes
        future = {c.touchpoint.id: i for i, c in enumerate(self.columns) if c.touchpoint and not c.removed}
        if changes is None:
            for index, persona in chosen:
                self.curve(self.journey, persona.id, (index, len(chosen)), y, future, DASHES[index % len(DASHES)])
            self.emotion_labels(y)
            return
        # The current state first: the future state's points are drawn over its hollow ones.
        current = self.current_positions(changes)
        in_current = {p.id for p in changes.current.personas}
        in_future = {p.id for p in self.journey.personas}
        for index, persona in chosen:
            if persona.id in in_current:
                self.curve(changes.current, persona.id, (index, len(chosen)), y, current, "dashed", "current")
        for index, persona in chosen:
            if persona.id in in_future:
                self.curve(self.journey, persona.id, (index, len(chosen)), y, future, "solid", "future")
        self.emotion_labels(y)

    def current_positions(self, changes: Changes) -> dict[str, int]:
        """Current touchpoint id -> its column: its own greyed one when removed, else the column of the future
        touchpoint the comparison matched it to."""
        became: dict[str, list[str]] = {}
        for old, new in changes.new_id.items():
            became.setdefault(new, []).append(old)
        where: dict[str, int] = {}
        for i, column in enumerate(self.columns):
            tp = column.touchpoint
            if tp is not None:
                where.update({tp.id: i} if column.removed else dict.fromkeys(became.get(tp.id, []), i))
        return where

    def level_y(self, top: float, score: float) -> float:
        inner = EMOTION_LANE - 2 * PAD - 8
        return top + PAD + 4 + (5 - score) / 4 * inner

    def curve(
        self,
        journey: Journey,
        persona_id: str,
        place: tuple[int, int],
        top: float,
        where: Mapping[str, int],
        style: str,
        state: str = "",
    ) -> None:
        """One persona's emotion curve over ``journey``'s touchpoints, each at its column in ``where``.

        The curve follows the steps of the journey (``flow.steps``): the alternatives of a step are not a
        sequence, so the point before a step leads to each of them and each leads on to the point after,
        with no line from one alternative to the next. ``place`` is the persona's colour index and the number
        of curves; ``state`` (a compared map): ``current`` draws hollow points without names.
        """
        index, shown = place
        color = self.theme.persona_color(index)
        spread = 5.0 if not state else 9.0  # a compared map's points are bigger, and there are twice as many
        offset = (index - (shown - 1) / 2) * spread if shown > 1 else 0.0
        previous: list[str] = []
        for group in flow.steps(journey, persona_id):
            points = []
            for tp in group:
                emotion = tp.emotion.for_persona(persona_id) if tp.emotion else None
                number = where.get(tp.id)
                if emotion is None or number is None:
                    continue
                x = self.columns[number].x + COLUMN / 2 + offset
                at = (number, x, self.level_y(top, emotion.score))
                points.append(self.point(journey, persona_id, index, at, tp, emotion, state))
            if points:
                width = 2.0 if state == "current" else 2.5
                self.diagram.lines += [Line(a, b, color, width, style) for a in previous for b in points]
                previous = points

    def point(
        self, journey: Journey, persona_id: str, index: int, at: tuple[int, float, float], tp: Touchpoint,
        emotion: Emotion, state: str,
    ) -> str:  # fmt: skip
        """One point of a curve at (column number, x, y), with its emotion's name above or below it (not on a
        current-state curve, whose points the future state's names would collide with)."""
        color = self.theme.persona_color(index)
        number, x, y = at
        tooltip = self.point_tooltip(journey, persona_id, tp, emotion, state)
        if not state:
            dot = Dot(f"e{index}_{number}", x, y, color, 10.0, tooltip)
        else:
            shape = SHAPES[index % len(SHAPES)][0]
            if state == "current":
                dot = Dot(f"c{index}_{number}", x, y, color, 11.0, tooltip, shape, self.theme.background, 2.0,
                          "emotion-point current")  # fmt: skip
            else:
                dot = Dot(f"e{index}_{number}", x, y, color, 9.0, tooltip, shape, "", 1.0, "emotion-point future")
        self.diagram.dots.append(dot)
        if emotion.name and state != "current":
            self.pending.append(EmotionLabel(number, x, y, emotion.score, emotion.name, index, persona_id))
        return dot.id

    def point_tooltip(self, journey: Journey, persona_id: str, tp: Touchpoint, emotion: Emotion, state: str) -> str:
        """``sara: 2 (frustrated) at Checkout`` (``sara, current: ...`` on a compared map), in the map's language."""
        t = translator_for(self.journey)
        word = labels.emotion_name(journey, emotion.name, persona_id) if emotion.name else ""
        who = (
            f"{persona_id}, {t(self.words[state]) if state in ('current', 'future') else state}"
            if state
            else persona_id
        )
        message = Msg(
            "%(who)s: %(score)s%(emotion)s at %(touchpoint)s",
            who=Verbatim(who),
            score=f"{emotion.score:g}",
            emotion=Verbatim(f" ({word})" if word else ""),
            touchpoint=Verbatim(tp.name),
        )
        return t(message)

    def emotion_labels(self, top: float) -> None:
        """Name each named emotion point, so that no two names overlap and none leaves the lane.

        Personas who feel the same at the same touchpoint share one label (``Sara, Omar: frustrated``);
        the labels of one column are stacked in the order of their points, each just above its point or
        above the label under it (see ``_stacked``). A label spans its column, so labels of neighbouring
        columns never meet.
        """
        persons = {p.id: p for _, p in self.curve_personas()}
        several = len(persons) > 1
        by_column: dict[int, list[list[EmotionLabel]]] = {}
        for label in sorted(self.pending, key=lambda e: (e.column, -e.score, e.index)):
            groups = by_column.setdefault(label.column, [])
            same = next((g for g in groups if (g[0].score, g[0].name) == (label.score, label.name)), None)
            if same is not None:
                same.append(label)
            else:
                groups.append([label])
        bottom = top + EMOTION_LANE - 2
        for number, groups in sorted(by_column.items()):
            wanted = [group[0].y - EMOTION_LABEL - 4 for group in groups]
            for group, y in zip(groups, _stacked(wanted, top + 2, bottom), strict=True):
                self.emotion_label(number, group, y, several, persons)

    def emotion_label(
        self, number: int, group: list[EmotionLabel], y: float, several: bool, persons: Mapping[str, Persona]
    ) -> None:
        """One label over a column: the emotion's name, with the personas' short names when they share it."""
        key = (group[0].name, group[0].index, tuple(e.persona for e in group), several)
        text = self.emotion_texts.get(key)
        if text is None:  # the same few words label most points: each is written once
            text = self.emotion_texts[key] = self.emotion_text(group, several, persons)
        x = self.columns[number].x
        self.add(x + 4, y, COLUMN - 8, EMOTION_LABEL, text, css_class="emotion-label")

    def emotion_text(self, group: list[EmotionLabel], several: bool, persons: Mapping[str, Persona]) -> str:
        """An emotion label's body: the persona's own form of the word, or a neutral one and who shares it."""
        name = labels.emotion_name(self.journey, group[0].name, group[0].persona if len(group) == 1 else None)
        color = self.theme.persona_color(group[0].index)
        if len(group) > 1 and several:
            who = self.words["and"].join(short_name(persons[e.persona].name) for e in group if e.persona in persons)
            name = self.words["felt"].format(who=who, emotion=name)
            color = self.theme.text
        chars = int((COLUMN - 8) / (9 * CHAR_WIDTH))
        return labels.text_block([labels.direction_mark(self.journey) + wrap(name, chars, 1)[0]], color, 9)

    # -- friction ------------------------------------------------------------------

    def friction(self, tp: Touchpoint) -> float | None:
        return self.options.friction.get(tp.id) if self.options.friction is not None else None

    def stage_friction(self, stage: Stage) -> float | None:
        if self.options.stage_friction is not None and stage.id in self.options.stage_friction:
            return self.options.stage_friction[stage.id]
        values = [f for tp in stage.touchpoints if (f := self.friction(tp)) is not None]
        return sum(values) / len(values) if values else None
