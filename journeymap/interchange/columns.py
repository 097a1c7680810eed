"""The touchpoint table's columns: one header per field, the names each is also known by, and how to read one.

Headers are matched case-insensitively, with ``_``, ``-`` and runs of spaces read as one space, so
``Stage Name``, ``stage_name`` and ``STAGE-NAME`` are one column. Arabic headers are known too.
Emotion per persona is ``emotion <persona id>`` (or ``emotion (<persona name>)``); metrics are
named by their id (``csat``, ``waiting time``), custom metrics ``custom <id>``, targets
``target <metric>`` (or ``<metric> target``), or by any label journeymap prints for them in any language it
ships. docs/import-export.md lists every column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymap.model.metrics import METRIC_NAMES

#: Field -> (the header export writes, other names it is known by). Order is the export's column order.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "stage": ("stage", ("stage id", "المرحلة", "معرف المرحلة")),
    "stage_name": ("stage name", ("اسم المرحلة",)),
    "id": ("touchpoint id", ("id", "المعرف", "معرف نقطة الاتصال")),
    "name": ("touchpoint", ("name", "touchpoint name", "نقطة الاتصال", "اسم نقطة الاتصال", "الاسم")),
    "channel": ("channel", ("القناة",)),
    "action": ("action", ("customer action", "الإجراء", "ما يفعله العميل")),
    "description": ("description", ("الوصف",)),
    "owner": ("owner", ("team", "المسؤول", "المالك", "الفريق")),
    "personas": ("personas", ("persona", "الشخصيات", "الشخصية")),
    "emotion": ("emotion", ("الشعور", "العاطفة")),
    "moment_of_truth": ("moment of truth", ("لحظة الحقيقة",)),
    "step": ("step", ("الخطوة",)),
    "proactive": ("proactive", ("استباقي",)),
    "volume": ("volume", ("الحجم",)),
    "handoffs": ("handoffs", ("التحويلات",)),
    "pain_points": ("pain points", ("نقاط الألم",)),
    "opportunities": ("opportunities", ("الفرص",)),
    "next": ("next", ("التالي",)),
    "notes": ("notes", ("ملاحظات",)),
}
#: The personas sheet of a workbook: persona field -> (the header export writes, other names it is known by).
PERSONA_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id": ("persona id", ("id", "persona", "المعرف", "معرف الشخصية")),
    "name": ("name", ("persona name", "الاسم", "اسم الشخصية")),
    "share": ("share", ("الحصة", "النسبة")),
    "gender": ("gender", ("الجنس",)),
    "description": ("description", ("الوصف",)),
    "quote": ("quote", ("الاقتباس",)),
    "goals": ("goals", ("الأهداف",)),
    "needs": ("needs", ("الاحتياجات",)),
    "pain_points": ("pain points", ("نقاط الألم",)),
    "preferred_channels": ("preferred channels", ("القنوات المفضلة",)),
}
#: Persona fields that hold a list: one item per line in the cell (channels may also be separated by commas).
PERSONA_LISTS = ("goals", "needs", "pain_points", "preferred_channels")
#: The names of the personas sheet (export writes the first).
PERSONAS_SHEETS = ("personas", "الشخصيات")

#: Columns a table must have: where each touchpoint belongs, what it is called, where it happens.
REQUIRED = (("stage", "stage_name"), ("name", "id"), ("channel",))

_EMOTION_WORDS = ("emotion", "الشعور", "العاطفة")
_TARGET_WORDS = ("target", "هدف", "مستهدف")
_CUSTOM = "custom"


@dataclass(frozen=True)
class Column:
    """What a header means: a touchpoint field, an emotion of one persona, or a metric (or its target)."""

    field: str
    persona: str | None = None
    persona_name: str | None = None
    metric: str | None = None
    custom: bool = False
    target: bool = False

    @property
    def key(self) -> tuple[str, str | None, str | None, bool, bool]:
        return (self.field, self.persona, self.metric, self.custom, self.target)


def normalise(header: str) -> str:
    return " ".join(header.replace("_", " ").replace("-", " ").split()).casefold()


def _lookup() -> dict[str, str]:
    names: dict[str, str] = {}
    for field, (header, aliases) in FIELDS.items():
        for name in (header, *aliases):
            names[normalise(name)] = field
    return names


def _metric_names() -> dict[str, str]:
    """Every name of a metric a table may use as its header: its id, and each label journeymap itself prints
    for it (title and short name) in every language it ships (``رضا العملاء``, ``Customer Satisfaction``, ``CSAT``).

    Why every label: a table copied from a report, a map or another export is headed by those labels. A
    label two metrics share in some language would be a guess, so it names neither.
    """
    from journeymap.model.metrics import metric_short_name, metric_title
    from journeymap.translation import LANGUAGES, translator

    names = {normalise(name): name for name in METRIC_NAMES}
    labels: dict[str, set[str]] = {}
    for language in LANGUAGES:
        t = translator(language)
        for name in METRIC_NAMES:
            for label in (metric_title(name), metric_short_name(name)):
                labels.setdefault(normalise(str(t(label))), set()).add(name)
    for label, metrics in labels.items():
        if len(metrics) == 1 and label not in names and label not in _NAMES:
            names[label] = metrics.pop()
    return names


_NAMES = _lookup()
_METRICS = _metric_names()
_PERSONA_NAMES = {normalise(name): f for f, (first, more) in PERSONA_FIELDS.items() for name in (first, *more)}


def persona_column(header: str) -> str | None:
    """The persona field a header of the personas sheet names, or None when journeymap does not know it."""
    return _PERSONA_NAMES.get(normalise(header))


def column(header: str) -> Column | None:
    """The meaning of a header, or None when journeymap does not know it."""
    words = normalise(header)
    if words in _NAMES:
        return Column(_NAMES[words])
    raw = " ".join(header.split())
    for word in _EMOTION_WORDS:
        match = re.fullmatch(rf"{word}(?:\s*[:(–-]\s*|\s+)(.+?)\s*\)?", raw, re.IGNORECASE)
        if match:
            return _persona_emotion(match.group(1))
    return _metric_column(raw)


def _persona_emotion(persona: str) -> Column:
    """``emotion sara`` is persona ``sara``; ``Emotion (Sara Ahmed)`` is persona ``sara-ahmed`` named Sara Ahmed."""
    from journeymap.model.base import ID_PATTERN, slugify

    if re.match(ID_PATTERN, persona):
        return Column("emotion", persona=persona)
    return Column("emotion", persona=slugify(persona) or None, persona_name=persona)


def _metric_column(raw: str) -> Column | None:
    """``csat``, ``target csat``, ``CSAT target``, ``custom handover_time``, ``target custom handover_time``.

    ``_`` and ``-`` also separate the words around a metric (``TARGET_CSAT``); a custom id keeps its own.
    """
    target = False
    for word in _TARGET_WORDS:
        for pattern in (rf"{word}\s*:?[\s_-]+?(.+)", rf"(.+?)[\s_-]+{word}"):
            match = re.fullmatch(pattern, raw, re.IGNORECASE)
            if match:
                raw, target = match.group(1), True
                break
        if target:
            break
    custom = re.fullmatch(rf"{_CUSTOM}(?:\s*[:.]\s*|[\s_-]+?)(\S+)", raw, re.IGNORECASE)
    if custom:
        return Column("metric", metric=custom.group(1), custom=True, target=target)
    metric = _METRICS.get(normalise(raw))
    return Column("metric", metric=metric, target=target) if metric else None


def header(col: Column) -> str:
    """The header export writes for a column (the one ``column`` reads back as the same Column)."""
    if col.field == "emotion" and col.persona:
        return f"emotion {col.persona}"
    if col.field == "metric":
        name = f"{_CUSTOM} {col.metric}" if col.custom else str(col.metric).replace("_", " ")
        return f"target {name}" if col.target else name
    return FIELDS[col.field][0]
