"""HTML-like label bodies for map cells. Every user string goes through html_escape."""

from __future__ import annotations

import re
from functools import lru_cache

from journeymap.model import Journey, Measure, Touchpoint
from journeymap.rendering.kpis import MetricRow, metric_rows, translator_of
from journeymap.rendering.text import html_escape, wrap
from journeymap.rendering.theme import KIND_GLYPHS, Theme
from journeymap.translation import N_, NC_, Translator

#: Lane and legend words, in English; every output shows them through the journey's translator.
WORDS = {
    "actions": N_("Actions"),
    "touchpoints": N_("Touchpoints"),
    "emotion": N_("Emotion"),
    "pain_points": N_("Pain points"),
    "opportunities": N_("Opportunities"),
    "metrics": N_("Metrics"),
    "persona": N_("Persona"),
    "personas": N_("Personas"),
    "friction": N_("friction"),
    "moment": N_("moment of truth"),
    "digital": N_("digital"),
    "human": N_("human"),
    "physical": N_("physical"),
    "low": N_("low"),
    "high": N_("high"),
    "target": N_("target"),
    "kpis": N_("Journey KPIs"),
    "met": N_("met"),
    "missed": N_("missed"),
    "no_direction": N_("not comparable"),
    "inconclusive": N_("inconclusive"),
    "data": N_("data"),
    "one_of": N_("one of {n}"),
    "added": N_("NEW"),
    "changed": N_("CHANGED"),
    "renamed": N_("RENAMED"),
    "removed": N_("REMOVED"),
    "was": N_("was"),
    "current": N_("current"),
    "future": N_("future"),
    "stage_added": N_("new stage"),
    "stage_removed": N_("removed stage"),
    "states": N_("{current} → {future}"),
    "felt": N_("{who}: {emotion}"),
    "and": N_(", "),
}

#: Named emotions, each marked in the three contexts its word is translated in: ``neutral`` (a noun,
#: for a persona without a ``gender``), ``female`` and ``male`` (the adjective's forms).
EMOTION_WORDS = {
    "delighted": (NC_("neutral", "delighted"), NC_("female", "delighted"), NC_("male", "delighted")),
    "excited": (NC_("neutral", "excited"), NC_("female", "excited"), NC_("male", "excited")),
    "happy": (NC_("neutral", "happy"), NC_("female", "happy"), NC_("male", "happy")),
    "pleased": (NC_("neutral", "pleased"), NC_("female", "pleased"), NC_("male", "pleased")),
    "satisfied": (NC_("neutral", "satisfied"), NC_("female", "satisfied"), NC_("male", "satisfied")),
    "confident": (NC_("neutral", "confident"), NC_("female", "confident"), NC_("male", "confident")),
    "hopeful": (NC_("neutral", "hopeful"), NC_("female", "hopeful"), NC_("male", "hopeful")),
    "curious": (NC_("neutral", "curious"), NC_("female", "curious"), NC_("male", "curious")),
    "relieved": (NC_("neutral", "relieved"), NC_("female", "relieved"), NC_("male", "relieved")),
    "neutral": (NC_("neutral", "neutral"), NC_("female", "neutral"), NC_("male", "neutral")),
    "indifferent": (NC_("neutral", "indifferent"), NC_("female", "indifferent"), NC_("male", "indifferent")),
    "uncertain": (NC_("neutral", "uncertain"), NC_("female", "uncertain"), NC_("male", "uncertain")),
    "confused": (NC_("neutral", "confused"), NC_("female", "confused"), NC_("male", "confused")),
    "anxious": (NC_("neutral", "anxious"), NC_("female", "anxious"), NC_("male", "anxious")),
    "impatient": (NC_("neutral", "impatient"), NC_("female", "impatient"), NC_("male", "impatient")),
    "annoyed": (NC_("neutral", "annoyed"), NC_("female", "annoyed"), NC_("male", "annoyed")),
    "disappointed": (NC_("neutral", "disappointed"), NC_("female", "disappointed"), NC_("male", "disappointed")),
    "frustrated": (NC_("neutral", "frustrated"), NC_("female", "frustrated"), NC_("male", "frustrated")),
    "angry": (NC_("neutral", "angry"), NC_("female", "angry"), NC_("male", "angry")),
    "furious": (NC_("neutral", "furious"), NC_("female", "furious"), NC_("male", "furious")),
    "distressed": (NC_("neutral", "distressed"), NC_("female", "distressed"), NC_("male", "distressed")),
}

#: Right-to-left mark: starts a line that opens with a bullet or digit as right-to-left.
RLM = "\u200f"
#: Left-to-right mark: keeps a line of a left-to-right map left to right when it opens with Arabic or Hebrew.
LRM = "\u200e"


def language(journey: Journey) -> str:
    return journey.info.language.split("-")[0].lower()


def words(journey: Journey) -> dict[str, str]:
    """The map's words in the journey's language (translated once per language: each moment of truth asks)."""
    return dict(_words(translator_of(journey)))


@lru_cache(maxsize=16)
def _words(t: Translator) -> dict[str, str]:
    return {key: t(word) for key, word in WORDS.items()}


def channel_name(journey: Journey, channel_id: str) -> str:
    """A channel as the journey's readers know it: a built-in channel in their language, a custom one as named."""
    channel = journey.channel(channel_id)
    if channel is None:
        return channel_id
    if any(c.id == channel_id for c in journey.channels):
        return channel.name
    return translator_of(journey)(channel.name)


def digits(journey: Journey, number: int | float | str) -> str:
    """A number written in the journey's digits (its ``numerals``; Arabic-Indic by default in Arabic)."""
    return translator_of(journey).number(str(number))


def emotion_name(journey: Journey, name: str, persona: str | None = None) -> str:
    """A named emotion in the journey's language, in the form that fits the persona's ``gender``
    (a neutral noun, such as "إحباط", when the persona has none or is not known)."""
    gender = next((p.gender for p in journey.personas if p.id == persona), None) if persona else None
    return translator_of(journey).context(gender or "neutral", name)


def text_block(lines: list[str], color: str, size: int = 11, bold: bool = False, align: str = "") -> str:
    """Lines of escaped text as one label body; ``align`` LEFT or RIGHT flushes every line."""
    if align:
        body = "".join(f'{html_escape(line)}<BR ALIGN="{align}"/>' for line in lines) or " "
    else:
        body = "<BR/>".join(html_escape(line) for line in lines) or " "
    if bold:
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT>'


#: The widest table cell Graphviz accepts in an HTML-like label, in points.
MAX_CELL_WIDTH = 65_535


def flush(body: str, width: float, align: str, top: int = 0) -> str:
    """Place a label body flush left (or right) in a box ``width`` points wide.

    Why a table: ``<BR ALIGN=...>`` aligns lines with each other, but the
    block itself stays centred in its node; a fixed-width cell pins it. Graphviz ignores a
    cell WIDTH over 65,535 points (and warns), so a very wide map's cell is held at that. ``top``: points
    of air above the first line, for a label at the top of its box (its first line touched the border).
    """
    air = f'<TR><TD HEIGHT="{top}"></TD></TR>' if top else ""
    return (
        f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0">{air}<TR><TD WIDTH="{min(width, MAX_CELL_WIDTH):.0f}" '
        f'ALIGN="{align}" BALIGN="{align}" VALIGN="TOP">{body}</TD></TR></TABLE>'
    )


def bullet_block(items: list[str], color: str, max_chars: int, max_lines: int, align: str = "") -> tuple[str, int]:
    """A bulleted list wrapped to the column; returns the label and its line count."""
    lines: list[str] = []
    start = RLM if align == "RIGHT" else ""
    for item in items:
        for index, line in enumerate(wrap(item, max_chars - 2, max_lines=4)):
            lines.append(start + ("• " if index == 0 else "  ") + line)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], "…"]
    return text_block(lines, color, 10, align=align), len(lines)


def line_height(size: float) -> float:
    """Points one line of ``size``-point Noto Sans takes (ascent + descent is 1.36 em, plus a little air)."""
    return size * 1.4


#: Air between a touchpoint's name and its moment-of-truth marker, in points (a line of this font size).
MARKER_GAP = 5


def touchpoint_label(
    journey: Journey, tp: Touchpoint, theme: Theme, max_chars: int, struck: bool = False
) -> tuple[str, float]:
    """Channel badge, name, and a moment-of-truth marker; returns the label and its height in points.

    Why a height and a gap: a three-line name used to sit on the marker line below it; the gap line
    keeps them apart and the row is sized from real line heights, not a line count. ``struck``: the
    name greyed and struck through (a touchpoint the future state removes).
    """
    channel = journey.channel(tp.channel)
    kind = channel.kind if channel else "digital"
    badge = (
        f'<FONT POINT-SIZE="9" COLOR="{theme.kinds[kind]}">{KIND_GLYPHS[kind]} '
        f"{html_escape(channel_name(journey, tp.channel))}</FONT>"
    )
    name_lines = wrap(tp.name, int(max_chars * 10.5 / 13), max_lines=3)  # names are 12pt bold, not 10.5pt
    if struck:
        names = "<BR/>".join(f"<S>{html_escape(line)}</S>" for line in name_lines)
        parts = [badge, f'<FONT POINT-SIZE="12" COLOR="{theme.muted}"><B>{names}</B></FONT>']
    else:
        parts = [badge, text_block(name_lines, theme.text, 12, bold=True)]
    height = line_height(9) + len(name_lines) * line_height(12)
    if tp.moment_of_truth is not None:
        marker = f"★ {words(journey)['moment']}"
        parts.append(f'<FONT POINT-SIZE="{MARKER_GAP}"> </FONT>')
        parts.append(f'<FONT POINT-SIZE="9" COLOR="{theme.moment}"><B>{html_escape(marker)}</B></FONT>')
        height += line_height(MARKER_GAP) + line_height(9)
    return "<BR/>".join(parts), height


def metric_parts(journey: Journey, tp: Touchpoint) -> list[tuple[str, bool | None, tuple[str, ...]]]:
    """Each metric's line, whether its target is met, and the values in it (to isolate for bidi)."""
    return [
        (f"{row.name} {' / '.join(row.values)}", row.met, row.values)
        for row in metric_rows(journey, tp.metrics, tp.targets)
    ]


#: First-strong isolate and pop directional isolate (Unicode bidi): a value keeps its own reading order
#: inside a line of the other direction ("64% / 80%" in an Arabic map never becomes "80 / %64%").
FSI, PDI = "\u2068", "\u2069"
#: Left-to-right isolate: for lines that are always left to right (an interval, a trend over time).
LRI = "\u2066"


def isolate_values(escaped_line: str, values: tuple[str, ...]) -> str:
    """Wrap each value found in an already-escaped line in FSI ... PDI (isolates are added after escaping,
    which removes any the user wrote).

    Values are looked for from the end of the line (they follow the metric's name) and never inside a
    character entity: a label such as ``'3'`` escapes to ``&#39;3&#39;``, whose ``39`` is not a value.
    """
    parts = _ENTITY.split(escaped_line)
    for value in reversed(values):
        escaped = html_escape(value)
        for index in range(len(parts) - 1, -1, -1):
            if index % 2 == 0 and escaped and escaped in parts[index]:
                head, _, tail = parts[index].rpartition(escaped)
                parts[index] = f"{head}{FSI}{escaped}{PDI}{tail}"
                break
    return "".join(parts)


_ENTITY = re.compile(r"(&#?\w+;)")


def shown(measure: Measure) -> str:
    """A value as a reader expects it (see ``Measure.display``)."""
    return measure.display


def direction_mark(journey: Journey) -> str:
    """The mark that starts a line in the journey's direction (LRM or RLM).

    Why: a line's direction comes from its first strong letter, so a custom metric with an Arabic
    label made its line right to left on an English map (``4.5 / 3.9 label ✗``), and a Latin name
    made an Arabic map's line left to right. The mark fixes the line to the map's own direction.
    """
    return RLM if journey.info.rtl else LRM


def mark_and_color(met: bool | None, theme: Theme) -> tuple[str, str]:
    """✓ in the theme's "met" colour, ✗ in its "missed" colour; no mark when there is nothing to judge."""
    return {True: ("✓ ", theme.met), False: ("✗ ", theme.missed), None: ("", theme.text)}[met]


def status_mark(row: MetricRow, theme: Theme) -> tuple[str, str]:
    """The row's mark and colour: ✓ met, ✗ missed, ? inconclusive with this sample (muted), else none."""
    if row.status == "inconclusive":
        return ("? ", theme.muted)
    return mark_and_color(row.met, theme)


def metrics_label(journey: Journey, tp: Touchpoint, theme: Theme, max_chars: int, align: str = "") -> tuple[str, int]:
    """One metric per line (two when long): value / target, with a pass, fail or inconclusive mark; under a
    measured value, its interval and n, then its trend line per period (small and muted)."""
    rows = []
    start = direction_mark(journey)
    for row in metric_rows(journey, tp.metrics, tp.targets)[:6]:
        mark, color = status_mark(row, theme)
        for index, line in enumerate(wrap(f"{row.name} {' / '.join(row.values)}", max_chars - 2, max_lines=2)):
            shown = start + isolate_values(html_escape((mark if index == 0 else "   ") + line), row.values)
            rows.append(f'<FONT POINT-SIZE="10" COLOR="{color}">{shown}</FONT><BR ALIGN="{align or "CENTER"}"/>')
        rows.extend(evidence_lines(journey, row, theme, max_chars, align))
    return "".join(rows) or " ", len(rows)


def evidence_lines(journey: Journey, row: MetricRow, theme: Theme, max_chars: int, align: str = "") -> list[str]:
    """A measured value's lines, small and muted: its interval and n (``54.5% to 69.4% · n=160``), its trend
    line with the last change (``▂█ ▲+20 pts``) and the periods that line covers (``2024-01 … 2024-12``).

    Why block characters for the trend: they are text, so the same line draws in DOT, SVG, PNG and PDF,
    in any font the map uses. Each line is in the journey's language and starts in its direction; each
    number in it is a bidi isolate and the trend line a left-to-right one (:func:`isolate_figures`), so
    time runs left to right and a sign stays before its number in an Arabic map too.
    """
    lines = []
    for text in (row.evidence, *row.trend_lines):
        # two lines at most: a narrow cell must not cut off "small sample" after the interval and n
        for part in wrap(text, max_chars, max_lines=2) if text else ():
            shown = direction_mark(journey) + isolate_figures(html_escape(part))
            line = f'<FONT POINT-SIZE="8" COLOR="{theme.muted}">{shown}</FONT>'
            line = STRUT + line if journey.info.rtl else line + STRUT
            lines.append(f'{line}<BR ALIGN="{align or "CENTER"}"/>')
    return lines


#: A space of 11 points at the far end of an 8-point line: Graphviz spaces a label's lines by their largest
#: font, not by what cairo draws, so the trend's block characters (a full em tall in the fallback font)
#: covered the lines above and below them in PNG and PDF. The strut gives every small line 11 points.
STRUT = '<FONT POINT-SIZE="11"> </FONT>'


#: A figure in a line: a number (any digits, its sign with or without the Arabic letter mark, separators, a
#: percent sign), a date or a period (``2024-01``, ``2024-Q1``); or a trend line of block characters.
_FIGURE = re.compile(
    r"(?P<spark>[▁▂▃▄▅▆▇█]+)"
    r"|(?P<number>\u061c?[-+\u2212]?[0-9\u0660-\u0669](?:-Q|[0-9\u0660-\u0669.,:/\u066b\u066c-])*[%\u066a]?)"
)


def isolate_figures(escaped_line: str) -> str:
    """Each number of an already-escaped line in a first-strong isolate, each trend line in a left-to-right one.

    Why after escaping: escaping drops control characters (a label's own isolates), and a character entity
    (``&#39;``) holds digits that are not a number.
    """
    parts = _ENTITY.split(escaped_line)
    for index in range(0, len(parts), 2):
        parts[index] = _FIGURE.sub(
            lambda m: f"{LRI if m['spark'] else FSI}{m[0]}{PDI}",
            parts[index],
        )
    return "".join(parts)


#: Air between a title and the data's date range under it, in points.
DATA_AIR = 8


def data_line(journey: Journey, theme: Theme, align: str) -> tuple[str, float] | None:
    """The measured data's date range under a title, ``data 2024-01-01 to 2024-12-31`` in the journey's language
    and digits, each date a bidi isolate; with its height in points. None when nothing is measured.

    Why one function: the map, the compact view and the A4 title page all say over which dates their values
    were measured, in the same words. A larger space at the line's far end keeps it off the title above
    (Arabic letters under an 18-point title reached it in PNG).
    """
    from journeymap.rendering.kpis import data_range_text

    dates = data_range_text(journey)
    if dates is None:
        return None
    line = direction_mark(journey) + isolate_figures(html_escape(f"{words(journey)['data']} {dates}"))
    line = f'<FONT POINT-SIZE="11" COLOR="{theme.muted}">{line}</FONT>'
    strut = f'<FONT POINT-SIZE="{11 + DATA_AIR}"> </FONT>'
    line = strut + line if journey.info.rtl else line + strut
    return f'{line}<BR ALIGN="{align or "CENTER"}"/>', line_height(11) + DATA_AIR


def kpi_label(journey: Journey, row: MetricRow, theme: Theme, max_chars: int) -> tuple[str, float]:
    """A journey KPI's box: its name, its value large, then met or missed against the target.

    Returns the label and its height in points. Every line is centred, so the box reads the same
    mirrored; the status line starts with the journey's direction mark and its values are isolated.
    """
    said = words(journey)
    names = wrap(row.name, max_chars, max_lines=2)
    values = wrap(row.value, int(max_chars * 10 / 17), max_lines=2)  # 16pt bold
    body = text_block(names, theme.muted, 10, bold=True) + "<BR/>"
    body += f'<FONT POINT-SIZE="16" COLOR="{theme.title}"><B>'
    body += "<BR/>".join(f"{FSI}{html_escape(line)}{PDI}" for line in values) + "</B></FONT>"
    height = len(names) * line_height(10) + len(values) * line_height(16)
    status = kpi_status(row, said)
    if status:
        mark, color = mark_and_color(row.met, theme)
        lines = wrap(mark + status, max_chars, max_lines=2)
        target = (row.target,) if row.target is not None else ()
        text = "<BR/>".join(direction_mark(journey) + isolate_values(html_escape(line), target) for line in lines)
        body += f'<BR/><FONT POINT-SIZE="10" COLOR="{color}">{text}</FONT>'
        height += len(lines) * line_height(10)
    return body, height


def kpi_status(row: MetricRow, said: dict[str, str]) -> str:
    """'missed · target 40', 'met · target 3%', 'target 4.5 · not comparable'; empty without a target."""
    if row.target is None:
        return ""
    target = f"{said['target']} {row.target}"
    if row.status == "inconclusive":
        return f"{said['inconclusive']} · {target}"
    if row.met is None:
        return f"{target} · {said['no_direction']}"
    return f"{said['met'] if row.met else said['missed']} · {target}"
