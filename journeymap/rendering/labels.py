"""HTML-like label bodies for map cells. Every user string goes through html_escape."""

from __future__ import annotations

import re

from journeymap.model import Journey, Measure, Touchpoint
from journeymap.rendering.kpis import MetricRow, metric_rows
from journeymap.rendering.text import html_escape, wrap
from journeymap.rendering.theme import KIND_GLYPHS, Theme

#: Lane and legend words in the journey's language, for right-to-left journeys and others.
WORDS = {
    "en": {
        "actions": "Actions",
        "touchpoints": "Touchpoints",
        "emotion": "Emotion",
        "pain_points": "Pain points",
        "opportunities": "Opportunities",
        "metrics": "Metrics",
        "persona": "Persona",
        "personas": "Personas",
        "friction": "friction",
        "moment": "moment of truth",
        "digital": "digital",
        "human": "human",
        "physical": "physical",
        "low": "low",
        "high": "high",
        "target": "target",
        "kpis": "Journey KPIs",
        "met": "met",
        "missed": "missed",
        "no_direction": "not comparable",
        "one_of": "one of {n}",
        "added": "NEW",
        "changed": "CHANGED",
        "renamed": "RENAMED",
        "removed": "REMOVED",
        "was": "was",
        "current": "current",
        "future": "future",
        "stage_added": "new stage",
        "stage_removed": "removed stage",
        "states": "{current} → {future}",
        "felt": "{who}: {emotion}",
        "and": ", ",
    },
    "ar": {
        "actions": "الإجراءات",
        "touchpoints": "نقاط الاتصال",
        "emotion": "المشاعر",
        "pain_points": "نقاط الألم",
        "opportunities": "فرص التحسين",
        "metrics": "المقاييس",
        "persona": "الشخصية",
        "personas": "الشخصيات",
        "friction": "الاحتكاك",
        "moment": "لحظة الحقيقة",
        "digital": "رقمية",
        "human": "بشرية",
        "physical": "مادية",
        "low": "منخفض",
        "high": "مرتفع",
        "target": "الهدف",
        "kpis": "مؤشرات الرحلة",
        "met": "محقق",
        "missed": "غير محقق",
        "no_direction": "غير قابل للمقارنة",
        "one_of": "واحدة من {n}",
        "added": "جديدة",
        "changed": "معدّلة",
        "renamed": "اسم جديد",
        "removed": "محذوفة",
        "was": "سابقًا",
        "current": "الوضع الحالي",
        "future": "الوضع المستقبلي",
        "stage_added": "مرحلة جديدة",
        "stage_removed": "مرحلة محذوفة",
        "states": "من {current} إلى {future}",
        "felt": "{who}: {emotion}",
        "and": "، ",
    },
}


#: Built-in channel names in Arabic, so an Arabic map reads in one language.
CHANNEL_NAMES_AR = {
    "web": "الموقع الإلكتروني",
    "mobile_app": "تطبيق الجوال",
    "email": "البريد الإلكتروني",
    "sms": "رسالة نصية",
    "push": "إشعار",
    "messaging": "تطبيق مراسلة",
    "live_chat": "محادثة مباشرة",
    "chatbot": "روبوت محادثة",
    "social": "وسائل التواصل",
    "ads": "إعلانات رقمية",
    "video": "فيديو",
    "review_site": "موقع تقييمات",
    "self_service": "بوابة الخدمة الذاتية",
    "community": "منتدى المجتمع",
    "phone": "الهاتف",
    "video_call": "مكالمة فيديو",
    "in_person": "حضوريًا",
    "help_desk": "مكتب المساعدة",
    "field_service": "خدمة ميدانية",
    "store": "المتجر",
    "branch": "الفرع",
    "kiosk": "جهاز خدمة ذاتية",
    "print": "إعلانات مطبوعة",
    "broadcast": "تلفاز وإذاعة",
    "mail": "البريد",
    "packaging": "التغليف",
    "delivery": "التوصيل",
    "event": "فعالية",
    "word_of_mouth": "توصية شفهية",
}

#: Named emotions in Arabic, shown on Arabic maps.
EMOTIONS_AR = {
    "delighted": "مسرور جدًا",
    "excited": "متحمس",
    "happy": "سعيد",
    "pleased": "راضٍ",
    "satisfied": "راضٍ",
    "confident": "واثق",
    "hopeful": "متفائل",
    "curious": "فضولي",
    "relieved": "مرتاح",
    "neutral": "محايد",
    "indifferent": "غير مبالٍ",
    "uncertain": "متردد",
    "confused": "محتار",
    "anxious": "قلق",
    "impatient": "نافد الصبر",
    "annoyed": "منزعج",
    "disappointed": "خائب الأمل",
    "frustrated": "محبط",
    "angry": "غاضب",
    "furious": "غاضب جدًا",
    "distressed": "مضطرب",
}

#: Right-to-left mark: starts a line that opens with a bullet or digit as right-to-left.
RLM = "\u200f"
#: Left-to-right mark: keeps a line of a left-to-right map left to right when it opens with Arabic or Hebrew.
LRM = "\u200e"


def language(journey: Journey) -> str:
    return journey.info.language.split("-")[0].lower()


def words(journey: Journey) -> dict[str, str]:
    return WORDS.get(language(journey), WORDS["en"])


def channel_name(journey: Journey, channel_id: str) -> str:
    channel = journey.channel(channel_id)
    if (
        language(journey) == "ar"
        and channel_id in CHANNEL_NAMES_AR
        and not any(c.id == channel_id for c in journey.channels)
    ):
        return CHANNEL_NAMES_AR[channel_id]
    return channel.name if channel else channel_id


_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(journey: Journey, number: int) -> str:
    """A count written in the map's digits: Arabic-Indic on Arabic maps, as the examples write them."""
    text = str(number)
    return text.translate(_ARABIC_DIGITS) if language(journey) == "ar" else text


def emotion_name(journey: Journey, name: str) -> str:
    return EMOTIONS_AR.get(name, name) if language(journey) == "ar" else name


def text_block(lines: list[str], color: str, size: int = 11, bold: bool = False, align: str = "") -> str:
    """Lines of escaped text as one label body; ``align`` LEFT or RIGHT flushes every line."""
    if align:
        body = "".join(f'{html_escape(line)}<BR ALIGN="{align}"/>' for line in lines) or " "
    else:
        body = "<BR/>".join(html_escape(line) for line in lines) or " "
    if bold:
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT>'


def flush(body: str, width: float, align: str) -> str:
    """Place a label body flush left (or right) in a box ``width`` points wide.

    Why a table: ``<BR ALIGN=...>`` aligns lines with each other, but the
    block itself stays centred in its node; a fixed-width cell pins it.
    """
    return (
        f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD WIDTH="{width:.0f}" '
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


def metrics_label(journey: Journey, tp: Touchpoint, theme: Theme, max_chars: int, align: str = "") -> tuple[str, int]:
    """One metric per line (two when long): value / target, with a pass or fail mark."""
    rows = []
    start = direction_mark(journey)
    for text, met, values in metric_parts(journey, tp)[:6]:
        mark, color = mark_and_color(met, theme)
        for index, line in enumerate(wrap(text, max_chars - 2, max_lines=2)):
            shown = start + isolate_values(html_escape((mark if index == 0 else "   ") + line), values)
            rows.append(f'<FONT POINT-SIZE="10" COLOR="{color}">{shown}</FONT><BR ALIGN="{align or "CENTER"}"/>')
    return "".join(rows) or " ", len(rows)


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
    if row.met is None:
        return f"{target} · {said['no_direction']}"
    return f"{said['met'] if row.met else said['missed']} · {target}"
