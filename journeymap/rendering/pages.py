"""A paged PDF of the map (``render --page a4|a3|letter``): a title page, then the map stage by stage.

Each page is a diagram of its own, drawn by Graphviz at the page's exact size (landscape) and numbered
``n / N``: the title page (journey title, owner, personas by name, the journey KPIs, an overview of the
stages and the page each is on), then as many whole stages per page as fit at the scale the map's
height allows, each page with the lane names and the legend of the full map. The pages are joined by
``pdf.merge``. Friction, KPIs and emotions are the ones the whole journey's map shows (one run, one truth).
"""

from __future__ import annotations

from dataclasses import replace

from journeymap import shown
from journeymap.model import Journey, Persona
from journeymap.rendering import labels
from journeymap.rendering.diagram import Box, Diagram
from journeymap.rendering.kpis import journey_kpis
from journeymap.rendering.map_view import (
    COLUMN,
    GAP,
    LANE_HEADER,
    MARGIN,
    Column,
    MapOptions,
    build_map,
    columns_of,
    curve_glyph,
    kpi_colors,
)
from journeymap.rendering.text import CHAR_WIDTH, html_escape, wrap
from journeymap.translation import N_, Joined, Plural, for_journey, measure_text

#: Page sizes in points, landscape (width, height).
PAGES = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0), "letter": (792.0, 612.0)}
#: Points kept below each page's drawing for its number.
FOOTER = 24.0

#: The title page's words, translated like the map's lane words (``labels.WORDS``).
PAGE_WORDS = {
    "owner": N_("Owner"),
    "stages": N_("Stages"),
    # Translators: before the number of the page a stage is drawn on ("page 3")
    "page": N_("page"),
    # Translators: before the pages a stage is drawn on ("pages 3–5")
    "pages": N_("pages"),
}


def page_words(journey: Journey) -> dict[str, str]:
    """The title page's words in the journey's language."""
    t = for_journey(journey)
    return {key: t(word) for key, word in PAGE_WORDS.items()}


def page_windows(journey: Journey, options: MapOptions, page: str) -> list[tuple[int, int]]:
    """The columns of each map page (first, last excluded): whole stages, in order, as many as fit at the
    scale the map's height allows; a stage wider than a page is split into pieces of about equal width."""
    width, height = PAGES[page]
    full = build_map(journey, replace(options, kpis=False))
    scale = min((height - FOOTER) / full.height, 1.0)
    fits = max(int((width / scale - 2 * MARGIN - LANE_HEADER - GAP) // (COLUMN + GAP)), 1)
    columns = columns_of(journey, options.persona, options.changes, options.stages)
    spans: list[tuple[int, int]] = []  # each stage's columns
    for index, column in enumerate(columns):
        if spans and columns[spans[-1][0]].stage is column.stage:
            spans[-1] = (spans[-1][0], index + 1)
        else:
            spans.append((index, index + 1))
    windows: list[tuple[int, int]] = []
    for first, last in spans:
        if windows and last - windows[-1][0] <= fits:
            windows[-1] = (windows[-1][0], last)
            continue
        pieces = -(-(last - first) // fits)
        size = -(-(last - first) // pieces)
        windows += [(start, min(start + size, last)) for start in range(first, last, size)]
    return windows


def paged_map(journey: Journey, options: MapOptions, page: str) -> list[Diagram]:
    """The title page and the map pages, each numbered and sized to ``page``."""
    windows = page_windows(journey, options, page)
    total = len(windows) + 1
    columns = columns_of(journey, options.persona, options.changes, options.stages)
    on_page: dict[str, list[int]] = {}
    for number, (first, last) in enumerate(windows, start=2):
        for column in columns[first:last]:
            pages = on_page.setdefault(column.stage.id, [])
            if number not in pages:
                pages.append(number)
    diagrams = [title_page(journey, options, on_page)]
    parts = stage_parts(columns, windows)
    diagrams += [
        build_map(journey, replace(options, window=window, kpis=False, parts=part))
        for window, part in zip(windows, parts, strict=True)
    ]
    return [fit(d, page, number, total, journey) for number, d in enumerate(diagrams, start=1)]


def stage_parts(columns: list[Column], windows: list[tuple[int, int]]) -> list[dict[str, tuple[int, int]]]:
    """For each page, the stages split over several pages that it shows, with which part: ``{id: (2, 3)}``.

    Why: the header of a stage's second page read like its first, so a reader could not tell a continuation
    from a new stage; it now says ``STAGE (2/3)``.
    """
    pages_of: dict[str, list[int]] = {}
    for page, (first, last) in enumerate(windows):
        for column in columns[first:last]:
            seen = pages_of.setdefault(column.stage.id, [])
            if page not in seen:
                seen.append(page)
    split = {stage: pages for stage, pages in pages_of.items() if len(pages) > 1}
    return [
        {stage: (pages.index(page) + 1, len(pages)) for stage, pages in split.items() if page in pages}
        for page in range(len(windows))
    ]


def scale_on(diagram: Diagram, page: str) -> float:
    """How much ``diagram`` is scaled to fit on ``page`` with its number (never enlarged)."""
    width, height = PAGES[page]
    return min(width / diagram.width, (height - FOOTER) / diagram.height, 1.0)


def fit(diagram: Diagram, page: str, number: int, total: int, journey: Journey) -> Diagram:
    """The diagram on a canvas of the page's proportions (content at the reading start), with ``n / N``
    under it, and the page size to draw it at."""
    width, height = PAGES[page]
    scale = scale_on(diagram, page)
    canvas_w, canvas_h = width / scale, height / scale
    shift = canvas_w - diagram.width if journey.info.rtl else 0.0
    fitted = Diagram(canvas_w, canvas_h, diagram.background, diagram.font, diagram.title, page=(width, height))
    fitted.boxes = [replace(b, x=b.x + shift) for b in diagram.boxes]
    fitted.dots = [replace(d, x=d.x + shift) for d in diagram.dots]
    fitted.lines = list(diagram.lines)
    fitted.anchors = [(name, x + shift, y) for name, x, y in diagram.anchors]
    fitted.anchors += [("corner0", 0.0, 0.0), ("corner1", canvas_w, canvas_h)]  # the drawing's bounds: the page
    text = f"{labels.digits(journey, number)} / {labels.digits(journey, total)}"
    size = max(round(10 / scale), 10)
    body = labels.text_block([text], "#57606A", size)
    foot = FOOTER / scale
    fitted.boxes.append(
        Box(
            f"page{number}",
            canvas_w / 2 - 60 / scale,
            canvas_h - foot,
            120 / scale,
            foot,
            body,
            css_class="page-number",
        )
    )
    return fitted


def _pages(journey: Journey, words: dict[str, str], numbers: list[int]) -> str:
    """``page 3``, or ``pages 4–5`` for a stage split over pages."""
    if len(numbers) == 1:
        return f"{words['page']} {labels.digits(journey, numbers[0])}"
    return f"{words['pages']} {labels.digits(journey, numbers[0])}–{labels.digits(journey, numbers[-1])}"


def _persona_line(journey: Journey, index: int, person: Persona, options: MapOptions, align: str) -> tuple[str, float]:
    """A persona on the title page: the sample of its curve as the map's legend draws it (one function, so a
    dashed curve is dashed here too), its name, and its share in the journey's digits (``(٤٥٪)``), isolated
    so it reads in order beside an Arabic name."""
    share = ""
    if person.share is not None:
        shown = measure_text(person.share.display, person.share.unit, for_journey(journey))
        share = f" ({labels.FSI}{html_escape(shown)}{labels.PDI})"
    glyph = curve_glyph(index, options.changes is not None)
    line = labels.direction_mark(journey) + html_escape(f"{glyph} {wrap(person.name, 80, 1)[0]}") + share
    color = options.theme.persona_color(index)
    return f'<FONT POINT-SIZE="12" COLOR="{color}">{line}<BR ALIGN="{align}"/></FONT>', labels.line_height(12)


def title_page(journey: Journey, options: MapOptions, on_page: dict[str, list[int]]) -> Diagram:
    """Title, owner, personas by name, the journey KPIs and one line per stage (friction, page)."""
    theme, words, said = options.theme, page_words(journey), labels.words(journey)
    t = for_journey(journey)
    width = 1000.0
    inner = width - 2 * MARGIN
    align = "RIGHT" if journey.info.rtl else "LEFT"
    mark = labels.direction_mark(journey)
    title = wrap(journey.info.title, int(inner / (24 * CHAR_WIDTH)), 2)
    parts = [(labels.text_block(title, theme.title, 24, True, align), len(title) * labels.line_height(24))]
    dates = labels.data_line(journey, theme, align)  # the dates the measured values rest on, as on the map
    if dates is not None:
        parts.append(dates)
    if journey.info.owner:
        owner = f"{mark}{words['owner']}: {journey.info.owner}"
        parts.append((labels.text_block([owner], theme.muted, 12, align=align), labels.line_height(12)))
    chosen = [(i, p) for i, p in enumerate(journey.personas) if options.persona in (None, p.id)]
    noun = f"{mark}{said['personas'] if len(chosen) > 1 else said['persona']}:"
    parts.append((labels.text_block([noun], theme.title, 13, True, align), labels.line_height(13) + 4))
    for index, person in chosen:
        parts.append(_persona_line(journey, index, person, options, align))
    diagram = Diagram(width, 0.0, theme.background, theme.font, journey.info.title)
    y = MARGIN
    for number, (body, tall) in enumerate(parts):  # a box per line: Arabic lines are taller than Graphviz thinks
        diagram.boxes.append(Box(f"t{number}", MARGIN, y, inner, tall, labels.flush(body, inner - 8, align)))
        y += tall + 2
    y += GAP
    kpis = journey_kpis(journey)
    per_row = 4
    box_w = (inner - (per_row - 1) * GAP) / per_row
    chars = int((box_w - 24) / (10.5 * CHAR_WIDTH))
    for index, row in enumerate(kpis):
        body, _tall = labels.kpi_label(journey, row, theme, chars)
        fill, border = kpi_colors(theme, row)
        x = MARGIN + (index % per_row) * (box_w + GAP)
        top = y + (index // per_row) * (90 + GAP)
        diagram.boxes.append(
            Box(
                f"k{index}",
                x,
                top,
                box_w,
                90,
                body,
                fill=fill,
                border=border,
                penwidth=1.5,
                rounded=True,
                css_class="kpi",
            )
        )
    if kpis:
        y += (-(-len(kpis) // per_row)) * (90 + GAP)
    diagram.boxes.append(Box("sh", MARGIN, y, inner, 24, labels.text_block([words["stages"]], theme.title, 13, True)))
    y += 24
    scores = options.stage_friction or {}
    for number, stage in enumerate(journey.stages):
        if stage.id not in on_page:
            continue
        friction = scores.get(stage.id)
        count = sum(1 for tp in stage.touchpoints if options.persona is None or tp.serves(options.persona))
        moments = sum(
            1
            for tp in stage.touchpoints
            if tp.moment_of_truth is not None and (options.persona is None or tp.serves(options.persona))
        )
        detail = (
            f"{said['friction']} {labels.digits(journey, shown.friction_whole(friction))}"
            if friction is not None
            else ""
        )
        facts = [detail, t(Plural("%(count)s touchpoint", "%(count)s touchpoints", count)),
                 "★ " + t(Plural("%(count)s moment of truth", "%(count)s moments of truth", moments)),
                 _pages(journey, words, on_page[stage.id])]  # fmt: skip
        line = f"{mark}{stage.name} — " + t(Joined(" · ", [f for f in facts if f]))
        body = labels.text_block(wrap(line, int((inner - 16) / (12 * CHAR_WIDTH)), 1), theme.text, 12, align=align)
        diagram.boxes.append(
            Box(
                f"s{number}",
                MARGIN,
                y,
                inner,
                26,
                labels.flush(body, inner - 16, align),
                fill=theme.heat_color(friction, fill=True),
                border=theme.heat_color(friction),
                penwidth=1.5,
                rounded=True,
                css_class="stage",
            )
        )
        y += 26 + 4
    diagram.height = y + MARGIN
    return diagram.mirror() if journey.info.rtl else diagram
