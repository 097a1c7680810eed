"""HTML-like label bodies for map cells. Every user string goes through html_escape."""

from __future__ import annotations

import re

from journeymap.model import Journey, Measure, Touchpoint
from journeymap.model.metrics import metric_short_name
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


def touchpoint_label(journey: Journey, tp: Touchpoint, theme: Theme, max_chars: int) -> tuple[str, int]:
    """Channel badge, name, and a moment-of-truth marker; returns the label and its line count."""
    channel = journey.channel(tp.channel)
    kind = channel.kind if channel else "digital"
    badge = (
        f'<FONT POINT-SIZE="9" COLOR="{theme.kinds[kind]}">{KIND_GLYPHS[kind]} '
        f"{html_escape(channel_name(journey, tp.channel))}</FONT>"
    )
    name_lines = wrap(tp.name, int(max_chars * 10.5 / 13), max_lines=3)  # names are 12pt bold, not 10.5pt
    parts = [badge, text_block(name_lines, theme.text, 12, bold=True)]
    count = 1 + len(name_lines)
    if tp.moment_of_truth is not None:
        marker = f"★ {words(journey)['moment']}"
        parts.append(f'<FONT POINT-SIZE="9" COLOR="{theme.moment}"><B>{html_escape(marker)}</B></FONT>')
        count += 1
    return "<BR/>".join(parts), count


def metric_lines(journey: Journey, tp: Touchpoint) -> list[tuple[str, bool | None]]:
    """'CSAT 71% / 85%' and whether the target is met (None: no target)."""
    return [(text, met) for text, met, _ in metric_parts(journey, tp)]


def metric_parts(journey: Journey, tp: Touchpoint) -> list[tuple[str, bool | None, tuple[str, ...]]]:
    """Each metric's line, whether its target is met, and the values in it (to isolate for bidi)."""
    result = []
    for name, measure in tp.metrics.items():
        target = tp.targets.get(name)
        values: tuple[str, ...] = (shown(measure),) if target is None else (shown(measure), shown(target))
        met = None if target is None else journey.meets(name, measure, target)
        result.append((f"{short_name(name, measure)} {' / '.join(values)}", met, values))
    return result


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


def short_name(metric: str, measure: Measure | None = None) -> str:
    """Compact metric names for narrow cells (``model.metrics.metric_short_name``)."""
    return metric_short_name(metric, measure)


def metrics_label(journey: Journey, tp: Touchpoint, theme: Theme, max_chars: int, align: str = "") -> tuple[str, int]:
    """One metric per line (two when long): value / target, with a pass or fail mark."""
    rows = []
    for text, met, values in metric_parts(journey, tp)[:6]:
        mark, color = {True: ("✓ ", theme.heat[0]), False: ("✗ ", theme.heat[-1]), None: ("", theme.text)}[met]
        for index, line in enumerate(wrap(text, max_chars - 2, max_lines=2)):
            shown = isolate_values(html_escape((mark if index == 0 else "   ") + line), values)
            rows.append(f'<FONT POINT-SIZE="10" COLOR="{color}">{shown}</FONT><BR ALIGN="{align or "CENTER"}"/>')
    return "".join(rows) or " ", len(rows)
