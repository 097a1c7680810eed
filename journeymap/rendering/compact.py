"""The compact view (``render --view compact``): one column per stage, for an executive summary.

Each column: the stage's name and friction (heat colour), its 1-3 headline touchpoints (highest priority
from the scoring result: what to fix first), each persona's emotion range (lowest .. highest, named), its
metrics against their targets, and its moments of truth. Eight stages fit one A4 landscape page.

Why a view of its own rather than a shrunken map: a map of 35 touchpoints is a banner; a summary has
to drop detail, and which detail it keeps (priority, range, missed targets) is a choice made here once.
Every number is read from the journey and the run's scores, never computed again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.model import Journey, Stage
from journeymap.rendering import labels
from journeymap.rendering.diagram import Box, Diagram
from journeymap.rendering.kpis import MetricRow, metric_rows, target_tally
from journeymap.rendering.text import CHAR_WIDTH, html_escape, wrap
from journeymap.rendering.theme import Theme
from journeymap.shown import friction_whole
from journeymap.translation import N_, NC_, for_journey

COLUMN = 132.0
GAP = 6.0
MARGIN = 16.0
PAD = 8.0
TITLE = 34.0
HEADER = 46.0
#: How many touchpoints, metric lines per stage the summary shows.
HEADLINES = 3
METRIC_LINES = 4
#: Points of air between the two lines of a bold headline in a right-to-left journey: Arabic letters reach
#: higher and lower than Latin ones (hamza, dots, descending tails), and at Graphviz's line spacing the
#: two bold lines of one name touched in PNG and PDF.
ARABIC_LEADING = 2
#: Graphviz sets the lines of one label closer than ``labels.line_height`` (made for separate blocks).
SPACING = 0.72

#: The compact view's own words, translated like the map's lane words (``labels.WORDS``).
COMPACT_WORDS = {
    "headlines": N_("Fix first"),
    "emotion": N_("Emotion"),
    "metrics": N_("Metrics"),
    "moments": N_("Moments of truth"),
    # Translators: shown under a compact view's heading that has nothing to list
    "none": NC_("nothing listed", "none"),
    "met_count": N_("%(met)s met · %(missed)s missed"),
    "met_count_inconclusive": N_("%(met)s met · %(missed)s missed · %(inconclusive)s inconclusive"),
    "no_metrics": N_("no metrics"),
    "friction": N_("friction"),
}


@dataclass(frozen=True)
class Summary:
    """What the compact view shows of one stage; every value from the journey or the run's scores."""

    stage: Stage
    friction: float | None
    headlines: list[tuple[str, float | None]]  # touchpoint name, its friction
    emotions: list[tuple[int, str, str]]  # persona colour index, persona name, "low .. high"
    metrics: list[MetricRow]
    moments: int


def compact_words(journey: Journey) -> dict[str, str]:
    """The compact view's words in the journey's language."""
    t = for_journey(journey)
    return {key: t.context("nothing listed", word) if key == "none" else t(word) for key, word in COMPACT_WORDS.items()}


def summarise(
    journey: Journey,
    stage: Stage,
    persona: str | None,
    friction: Mapping[str, float | None],
    stage_friction: Mapping[str, float | None],
    priority: Mapping[str, float | None],
) -> Summary:
    """One stage's summary: headline touchpoints by priority (then friction), ranges, metrics, moments."""
    visible = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
    ranked = sorted(
        visible,
        key=lambda tp: (priority.get(tp.id) is None, -(priority.get(tp.id) or 0.0), -(friction.get(tp.id) or 0.0)),
    )
    headlines = [
        (tp.name, friction.get(tp.id)) for tp in ranked[:HEADLINES] if priority.get(tp.id) or friction.get(tp.id)
    ]
    emotions = []
    for index, person in enumerate(journey.personas):
        if persona not in (None, person.id):
            continue
        felt = [e for tp in visible if tp.serves(person.id) and tp.emotion and (e := tp.emotion.for_persona(person.id))]
        if felt:
            low, high = min(felt, key=lambda e: e.score), max(felt, key=lambda e: e.score)
            emotions.append((index, person.name, _range(journey, low.score, low.name, high.score, high.name)))
    metrics = [row for tp in visible for row in metric_rows(journey, tp.metrics, tp.targets)]
    moments = sum(1 for tp in visible if tp.moment_of_truth is not None)
    return Summary(stage, stage_friction.get(stage.id), headlines, emotions, metrics, moments)


def _range(journey: Journey, low: float, low_name: str | None, high: float, high_name: str | None) -> str:
    def one(score: float, name: str | None) -> str:
        number = labels.digits(journey, f"{score:g}")
        return f"{labels.emotion_name(journey, name)} ({number})" if name else number

    return one(low, low_name) if low == high else f"{one(low, low_name)} .. {one(high, high_name)}"


def build_compact(
    journey: Journey,
    theme: Theme,
    persona: str | None,
    friction: Mapping[str, float | None],
    stage_friction: Mapping[str, float | None],
    priority: Mapping[str, float | None],
    stages: frozenset[str] | None = None,
    per_row: int | None = None,
    column: float = COLUMN,
) -> Diagram:
    """The compact view's diagram: the title, then one column per (selected) stage, ``per_row`` columns to a
    row (all on one row by default), each ``column`` points wide; mirrored for RTL."""
    chosen = [s for s in journey.stages if stages is None or s.id in stages]
    summaries = [summarise(journey, s, persona, friction, stage_friction, priority) for s in chosen]
    chars = int((column - 2 * PAD) / (10 * CHAR_WIDTH))
    cells = [_column_body(journey, theme, s, chars) for s in summaries]
    across = max(1, min(per_row or len(chosen), len(chosen)))
    rows = [cells[i : i + across] for i in range(0, len(cells), across)]
    bodies = [max(height for _, height in row) for row in rows]
    width = 2 * MARGIN + across * column + (across - 1) * GAP
    align = "RIGHT" if journey.info.rtl else "LEFT"
    title = labels.text_block(
        wrap(journey.info.title, int((width - 2 * MARGIN) / (16 * CHAR_WIDTH)), 1), theme.title, 16, True, align
    )
    top = TITLE
    dates = labels.data_line(journey, theme, align)  # the dates its measured values rest on, as on the map
    if dates is not None:
        title += dates[0]
        top += dates[1]
    height = 2 * MARGIN + top + sum(HEADER + GAP + body for body in bodies) + (len(rows) - 1) * 2 * GAP
    diagram = Diagram(width, height, theme.background, theme.font, journey.info.title)
    diagram.boxes.append(
        Box("c0", MARGIN, MARGIN, width - 2 * MARGIN, top, labels.flush(title, width - 2 * MARGIN, align))
    )
    y = MARGIN + top
    for row, body_height in enumerate(bodies):
        for place in range(len(rows[row])):
            number = row * across + place
            x = MARGIN + place * (column + GAP)
            _stage_column(
                journey, theme, diagram, summaries[number], cells[number][0], (number, x, y, body_height), column
            )
        y += HEADER + GAP + body_height + 2 * GAP
    return diagram.mirror() if journey.info.rtl else diagram


def _stage_column(
    journey: Journey,
    theme: Theme,
    diagram: Diagram,
    summary: Summary,
    body: str,
    at: tuple[int, float, float, float],
    column: float,
) -> None:
    """One stage's header (name, friction, heat colour) and the box of its summary under it."""
    number, x, y, body_height = at
    words = compact_words(journey)
    align = "RIGHT" if journey.info.rtl else "LEFT"
    name = labels.text_block(
        wrap(summary.stage.name.upper(), int((column - 2 * PAD) / (12 * CHAR_WIDTH)), 2), theme.title, 12, True
    )
    shown = (
        f"{words['friction']} {labels.digits(journey, friction_whole(summary.friction))}"
        if summary.friction is not None
        else " "
    )
    header = name + "<BR/>" + labels.text_block([shown], theme.muted, 10)
    heat, fill = theme.heat_color(summary.friction), theme.heat_color(summary.friction, fill=True)
    diagram.boxes.append(
        Box(
            f"c{number}h",
            x,
            y,
            column,
            HEADER,
            header,
            fill=fill,
            border=heat,
            penwidth=2.0,
            rounded=True,
            tooltip=summary.stage.name,
            css_class="stage",
        )
    )
    diagram.boxes.append(
        Box(
            f"c{number}b",
            x,
            y + HEADER + GAP,
            column,
            body_height,
            labels.flush(body, column - 2 * PAD, align),
            fill=theme.cell_fill,
            border=theme.grid,
            rounded=True,
            top=True,
            css_class="summary",
        )
    )


def _column_body(journey: Journey, theme: Theme, summary: Summary, chars: int) -> tuple[str, float]:
    """A stage column's text and its height in points: headlines, emotion ranges, metrics, moments."""
    words = compact_words(journey)
    mark = labels.direction_mark(journey)
    align = "RIGHT" if journey.info.rtl else "LEFT"
    parts: list[str] = []
    lines = 0.0

    def heading(text: str) -> None:
        nonlocal lines
        parts.append(
            f'<FONT POINT-SIZE="9" COLOR="{theme.muted}"><B>{html_escape(mark + text.upper())}</B></FONT>'
            f'<BR ALIGN="{align}"/>'
        )
        lines += labels.line_height(9)

    def text(line: str, color: str, size: int = 10, bold: bool = False, values: tuple[str, ...] = ()) -> None:
        nonlocal lines
        body = labels.isolate_values(html_escape(mark + line), values)
        if bold:
            body = f"<B>{body}</B>"
        parts.append(f'<FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT><BR ALIGN="{align}"/>')
        lines += labels.line_height(size)

    def gap(size: int = 6) -> None:
        nonlocal lines
        parts.append(f'<FONT POINT-SIZE="{size}"> </FONT><BR ALIGN="{align}"/>')
        lines += labels.line_height(size)

    gap()  # air under the box's rounded top
    heading(words["headlines"])
    for number, (name, friction) in enumerate(summary.headlines):
        for index, line in enumerate(wrap(name, chars - 4, 2)):
            if (index or number) and journey.info.rtl:
                gap(ARABIC_LEADING)
            text(line, theme.text, 10, True)
        if friction is not None:
            text(
                f"{words['friction']} {labels.digits(journey, friction_whole(friction))}",
                theme.heat_color(friction),
                9,
            )
    if not summary.headlines:
        text(words["none"], theme.muted)
    gap()
    heading(words["emotion"])
    for index, name, span in summary.emotions:
        text(wrap(name, chars, 1)[0], theme.persona_color(index), 10, True)
        for line in wrap(span, chars, 2):
            text(line, theme.text, 9)
    if not summary.emotions:
        text(words["none"], theme.muted)
    gap()
    heading(words["metrics"])
    tally = target_tally(summary.metrics)
    if any(tally.values()):
        counts = {status: labels.digits(journey, number) for status, number in tally.items()}
        said = words["met_count_inconclusive"] if tally["inconclusive"] else words["met_count"]
        for line in wrap(said % counts, chars, 2):
            text(line, theme.text, 9)
    order = {"missed": 0, "inconclusive": 1, "not_comparable": 2, "no_target": 2, "met": 3}
    shown = sorted(summary.metrics, key=lambda row: order[row.status])[:METRIC_LINES]
    for row in shown:
        mark_text, color = labels.status_mark(row, theme)
        for line in wrap(mark_text + f"{row.name} {' / '.join(row.values)}", chars, 2):
            text(line, color, 9, values=row.values)
    if not summary.metrics:
        text(words["no_metrics"], theme.muted, 9)
    gap()
    heading(words["moments"])
    text(f"★ {labels.digits(journey, summary.moments)}", theme.moment if summary.moments else theme.muted, 11, True)
    return "".join(parts), lines * SPACING + 2 * PAD
