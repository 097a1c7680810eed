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

from journeymap import flow
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.rendering import labels
from journeymap.rendering.diagram import Box, Diagram, Dot, Line
from journeymap.rendering.kpis import MetricRow, data_range_text, journey_kpis
from journeymap.rendering.text import CHAR_WIDTH, html_escape, wrap
from journeymap.rendering.theme import DASHES, KIND_GLYPHS, SHAPES, Theme
from journeymap.translation import Msg, Verbatim
from journeymap.translation import for_journey as translator_for

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
EMOTION_LANE = 150.0
TITLE = 64.0
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


@dataclass(frozen=True)
class Column:
    stage: Stage
    touchpoint: Touchpoint | None
    x: float
    removed: bool = False  # a touchpoint only the current state has (a compared map's greyed column)


def build_map(journey: Journey, options: MapOptions) -> Diagram:
    """Lay out the classic journey map for ``journey``."""
    columns = _columns(journey, options.persona, options.changes)
    chars = int((COLUMN - 2 * PAD) / (10.5 * CHAR_WIDTH))
    steps = _step_spans(journey, columns, options.persona)
    rows = _row_heights(journey, columns, options, chars, bool(steps))
    kpis = journey_kpis(journey)
    strip = _strip_height(journey, kpis, len(columns), options.theme)
    width = MARGIN * 2 + LANE_HEADER + GAP + len(columns) * (COLUMN + GAP)
    height = MARGIN * 2 + TITLE + STAGE_HEADER + GAP * 8 + sum(rows.values()) + EMOTION_LANE
    height += strip + GAP if strip else 0.0
    theme = options.theme
    diagram = Diagram(width, height, theme.background, theme.font, journey.info.title)
    builder = _Builder(journey, options, diagram, columns, chars)
    builder.title()
    y = MARGIN + TITLE + GAP
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


def _columns(journey: Journey, persona: str | None, changes: Changes | None = None) -> list[Column]:
    """One column per visible touchpoint (an empty one for a stage without any), in journey order; a compared
    map adds a column for each touchpoint the future state removes, where it stood."""
    slots: list[Slot] = []
    for stage in journey.stages:
        visible: list[Touchpoint | None] = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        slots += [(stage, tp, False) for tp in visible or [None]]
    if changes is not None:
        slots = changes.place(slots, persona)
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


def _row_heights(
    journey: Journey, columns: list[Column], options: MapOptions, chars: int, steps: bool
) -> dict[str, float]:
    counts = dict.fromkeys(("actions", "pain_points", "opportunities", "metrics"), 1)
    touchpoint = LINE
    theme = options.theme
    for column in columns:
        tp = column.touchpoint
        if tp is None:
            continue
        owner = _owner(journey, column, options.changes)
        counts["actions"] = max(counts["actions"], len(wrap(tp.action or "", chars, 5)))
        touchpoint = max(touchpoint, _touchpoint_label(journey, column, options, chars)[1])
        counts["pain_points"] = max(counts["pain_points"], labels.bullet_block(tp.pain_points, "", chars, 8)[1])
        counts["opportunities"] = max(counts["opportunities"], labels.bullet_block(tp.opportunities, "", chars, 8)[1])
        counts["metrics"] = max(counts["metrics"], labels.metrics_label(owner, tp, theme, chars)[1])
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
        if len(group) > 1
    ]


def _text_runs(pieces: list[str]) -> list[str]:
    """Pieces with each run of plain text joined into one, in reading order: Graphviz shapes a run of text
    as one span (its words in their own direction), so only whole spans may be reordered."""
    runs: list[str] = []
    for piece in pieces:
        if runs and not piece.startswith("<") and not runs[-1].startswith("<"):
            runs[-1] = f"{runs[-1]} {piece}"
        else:
            runs.append(piece)
    return runs


def _kpi_colors(theme: Theme, row: MetricRow) -> tuple[str, str]:
    """Fill and border of a KPI box: tinted green when met, red when missed (greys in print), plain otherwise."""
    if row.status == "met":
        return theme.heat_fill[0], theme.heat[0]
    if row.status == "missed":
        return theme.heat_fill[-1], theme.heat[-1]
    return theme.cell_fill, theme.grid


class _Builder:
    """Adds the boxes, dots and lines of one map to a Diagram."""

    def __init__(
        self, journey: Journey, options: MapOptions, diagram: Diagram, columns: list[Column], chars: int
    ) -> None:
        self.journey = journey
        self.options = options
        self.theme = options.theme
        self.diagram = diagram
        self.columns = columns
        self.chars = chars
        self.words = labels.words(journey)
        self.align = "RIGHT" if journey.info.rtl else "LEFT"
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"n{self.count}"

    def add(self, x: float, y: float, w: float, h: float, label: str, **style: object) -> None:
        self.diagram.boxes.append(Box(self.next_id(), x, y, w, h, label, **style))  # type: ignore[arg-type]

    # -- title and stage headers -------------------------------------------------

    def title(self) -> None:
        theme, journey = self.theme, self.journey
        personas = [p for p in journey.personas if self.options.persona in (None, p.id)]
        noun = self.words["persona"] if len(personas) == 1 else self.words["personas"]
        who = " · ".join(p.name for p in personas)
        width = self.diagram.width - 2 * MARGIN
        title_chars = int(width * 0.6 / (18 * CHAR_WIDTH))
        title = wrap(journey.info.title, title_chars, 1)
        body = labels.text_block(title, theme.title, 18, bold=True, align=self.align)
        body += self.subtitle(f"{noun}: {who}", title_chars * 2)
        if self.options.changes is not None:
            body += self.states_line(title_chars * 2)
        self.add(MARGIN, MARGIN, width * 0.6, TITLE, labels.flush(body, width * 0.6 - 8, self.align))
        legend_width = min(width * 0.4, 420.0)
        self.add(MARGIN + width - legend_width, MARGIN, legend_width, TITLE, self.legend())

    def subtitle(self, who: str, chars: int) -> str:
        """The personas, then the measured data's date range (in a left-to-right isolate, added after
        wrapping, which drops control characters): ``Persona: Ana · data 2024-01-01 to 2024-12-31``."""
        dates = data_range_text(self.journey)
        if not dates:
            return labels.text_block(wrap(who, chars, 1), self.theme.muted, 11, align=self.align)
        tail = f" · {self.words['data']}"
        head = wrap(who, max(chars - len(tail) - len(dates) - 1, 10), 1)[0]
        line = html_escape(head + tail) + f" {labels.LRI}{html_escape(dates)}{labels.PDI}"  # escaping trims the space
        end = f'<BR ALIGN="{self.align}"/>' if self.align else ""
        return f'<FONT POINT-SIZE="11" COLOR="{self.theme.muted}">{line}{end}</FONT>'

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

    def legend(self) -> str:
        theme, w = self.theme, self.words
        if self.journey.info.rtl:
            return self.legend_rtl()
        kinds = "  ".join(
            f'<FONT COLOR="{theme.kinds[k]}">{KIND_GLYPHS[k]}</FONT> {html_escape(w[k])}' for k in KIND_GLYPHS
        )
        swatches = "".join(f'<FONT COLOR="{c}">■</FONT>' for c in theme.heat)
        compared = self.options.changes is not None
        curves = "  ".join(f"{mark} {name}" for mark, name in self.curve_keys())
        states = ""
        if compared:  # one text span: Graphviz orders the spans of a line left to right unless it opens in Arabic
            states = f"<BR/>{labels.direction_mark(self.journey)}━━ ● {html_escape(w['future'])}   ╍╍ ○ "
            states += html_escape(w["current"])
        return (
            f'<FONT POINT-SIZE="9" COLOR="{theme.muted}">{kinds}   '
            f'<FONT COLOR="{theme.moment}">★</FONT> {html_escape(w["moment"])}<BR/>'
            f"{html_escape(w['friction'])}: {html_escape(w['low'])} {swatches} {html_escape(w['high'])}<BR/>"
            f"{html_escape(w['emotion'])}: {curves}{states}</FONT>"
        )

    def curve_keys(self) -> list[tuple[str, str]]:
        """Each curve's coloured mark and its persona's name (escaped), in persona order."""
        theme, compared = self.theme, self.options.changes is not None
        return [
            (
                f'<FONT COLOR="{theme.persona_color(i)}">{SHAPES[i % len(SHAPES)][1] if compared else "━"}</FONT>',
                html_escape(wrap(p.name, 32, 1)[0]),
            )
            for i, p in self.curve_personas()
        ]

    def legend_rtl(self) -> str:
        """The legend of a right-to-left map, each line's spans laid out from the right.

        Why: Graphviz lays the spans of a line out left to right whatever their language, so the legend
        of an Arabic map read backwards ("لحظة الحقيقة ★ مادية ■ ... ◉" from the right, the scale from
        high to low). Each line is a list of pieces in reading order, laid out reversed.
        """
        theme, w = self.theme, self.words
        kinds = [
            piece
            for k in KIND_GLYPHS
            for piece in (f'<FONT COLOR="{theme.kinds[k]}">{KIND_GLYPHS[k]}</FONT>', html_escape(w[k]), " ")
        ]
        moment = [" ", f'<FONT COLOR="{theme.moment}">★</FONT>', html_escape(w["moment"])]
        swatches = [f'<FONT COLOR="{c}">■</FONT>' for c in theme.heat]
        scale = [html_escape(f"{w['friction']}:"), html_escape(w["low"]), *swatches, html_escape(w["high"])]
        curves = [html_escape(f"{w['emotion']}:")]
        for mark, name in self.curve_keys():
            curves += [" ", mark, name]
        lines = [kinds + moment, scale, curves]
        if self.options.changes is not None:
            lines.append(["━━ ●", html_escape(w["future"]), "  ", "╍╍ ○", html_escape(w["current"])])
        body = "<BR/>".join(" ".join(reversed(_text_runs(line))) for line in lines)
        return f'<FONT POINT-SIZE="9" COLOR="{theme.muted}">{body}</FONT>'

    def curve_personas(self) -> list[tuple[int, Persona]]:
        """The personas with a curve, each with its colour index: the journey's, then on a compared map the
        current state's personas the future state no longer has."""
        personas = list(self.journey.personas)
        if self.options.changes is not None:
            known = {p.id for p in personas}
            personas += [p for p in self.options.changes.current.personas if p.id not in known]
        return [(i, p) for i, p in enumerate(personas) if self.options.persona in (None, p.id)]

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
        lines = wrap(stage.name.upper(), chars, 1)
        if removed:
            name = f'<FONT POINT-SIZE="13" COLOR="{theme.muted}"><B><S>{html_escape(lines[0])}</S></B></FONT>'
        else:
            name = labels.text_block(lines, theme.title, 13, bold=True)
        compared = changes.stage_detail(stage, self.words) if changes is not None else None
        if compared is not None:
            detail = f'<FONT POINT-SIZE="10" COLOR="{theme.muted}">{compared}</FONT>'
        else:
            text = (
                f"{self.words['friction']} {labels.digits(self.journey, f'{friction:.0f}')}"
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
            fill, border = _kpi_colors(theme, row)
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
        for column in self.columns:
            if column.touchpoint is not None:
                self.cell(lane, column, y + band, height - band)

    def cell(self, lane: str, column: Column, y: float, height: float) -> None:
        """One cell; a removed touchpoint's cells (a compared map) are greyed, dashed, their text muted."""
        tp = column.touchpoint
        assert tp is not None
        theme, removed = self.theme, column.removed
        fill = theme.lane_fill if removed else theme.cell_fill
        ink = theme.muted if removed else theme.text
        if lane == "touchpoints":
            body, _ = _touchpoint_label(self.journey, column, self.options, self.chars)
            friction = None if removed else self.friction(tp)
            border = theme.heat_color(friction) if friction is not None else (theme.muted if removed else theme.grid)
            width = 3.0 if tp.moment_of_truth is not None else 1.5
            self.add(
                column.x, y, COLUMN, height, body, fill=fill, border=border, penwidth=width, rounded=True,
                tooltip=tp.name, css_class="touchpoint removed" if removed else "touchpoint", dashed=removed,
            )  # fmt: skip
            return
        if lane == "actions":
            body = labels.text_block(wrap(tp.action or " ", self.chars, 5), ink, 11)
        elif lane == "metrics":
            owner = _owner(self.journey, column, self.options.changes)
            body, _ = labels.metrics_label(owner, tp, theme, self.chars, self.align)
        else:
            items = tp.pain_points if lane == "pain_points" else tp.opportunities
            body, _ = labels.bullet_block(items, ink, self.chars, 8, self.align)
        top = lane != "actions"
        if top:
            body = labels.flush(body, COLUMN - 2 * PAD, self.align)
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
            stack = 12 * (index // 2)  # third and later personas stack further out
            label_y = y - 20 - stack if index % 2 == 0 else y + 7 + stack
            text = labels.text_block([labels.emotion_name(journey, emotion.name, persona_id)], color, 9)
            self.add(x - COLUMN / 4, label_y, COLUMN / 2, 13, text)
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

    # -- friction ------------------------------------------------------------------

    def friction(self, tp: Touchpoint) -> float | None:
        return self.options.friction.get(tp.id) if self.options.friction is not None else None

    def stage_friction(self, stage: Stage) -> float | None:
        if self.options.stage_friction is not None and stage.id in self.options.stage_friction:
            return self.options.stage_friction[stage.id]
        values = [f for tp in stage.touchpoints if (f := self.friction(tp)) is not None]
        return sum(values) / len(values) if values else None
