"""Mermaid ``journey`` diagrams, so maps also render wherever Mermaid does.

Mermaid's journey grammar is line based: ``title``, ``section <name>`` and
``<task>: <score>: <actor>, <actor>``. What it cannot carry is transformed,
and documented in docs/render.md:

* line breaks and tabs become spaces; control characters are dropped;
* ``:`` in a task becomes the look-alike ``∶`` (U+2236): a colon ends the task name;
* ``#`` becomes ``＃`` (U+FF03) and ``;`` becomes ``；`` (U+FF1B), which Mermaid
  would read as entity or statement syntax;
* ``,`` in actor names becomes ``‚`` (U+201A): commas separate actors;
* ``%%`` anywhere (Mermaid's comment marker) becomes ``% %``;
* a name starting with a keyword (``journey``, ``title``, ``section``...) gets an
  invisible word joiner (U+2060) in front, so it stays a task;
* leading and trailing whitespace as JavaScript sees it (including U+FEFF) is
  removed, and an empty name becomes ``-``;
* actors are persona names up to the first comma ("Sara, busy parent" -> "Sara");
* scores are the touchpoint's emotion rounded to 1-5 (the average over
  personas without per-persona values), 3 when none is given.
"""

from __future__ import annotations

import re

from journeymap.model import Journey, Touchpoint
from journeymap.rendering.text import clean

_REPLACEMENTS = {":": "\u2236", "#": "\uff03", ";": "\uff1b"}
_KEYWORDS = re.compile(r"^(journey|title|section|accTitle|accDescr)\b", re.IGNORECASE)
#: What JavaScript's trim() removes, so Python and Mermaid agree on an empty name.
_JS_SPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_JS_SPACE += "\u2028\u2029\u202f\u205f\u3000\ufeff"


def mermaid_text(text: str, actor: bool = False) -> str:
    """Make a label safe for one Mermaid journey line."""
    result = clean(text)
    for char, replacement in _REPLACEMENTS.items():
        result = result.replace(char, replacement)
    if actor:
        result = result.replace(",", "\u201a")
    while "%%" in result:
        result = result.replace("%%", "% %")
    result = result.strip(_JS_SPACE)
    if _KEYWORDS.match(result):
        result = "\u2060" + result  # a word joiner keeps a task named "section" from being a keyword
    return result or "-"


def to_mermaid(journey: Journey, persona: str | None = None) -> str:
    lines = ["journey", f"  title {mermaid_text(journey.info.title)}"]
    for stage in journey.stages:
        touchpoints = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        if not touchpoints:
            continue
        lines.append(f"  section {mermaid_text(stage.name)}")
        for tp in touchpoints:
            actors = ", ".join(mermaid_text(_short(p.name), actor=True) for p in _actors(journey, tp, persona))
            lines.append(f"    {mermaid_text(tp.name)}: {_score(journey, tp, persona)}: {actors}")
    return "\n".join(lines) + "\n"


def _short(name: str) -> str:
    """Actors are short in Mermaid's legend: "Sara, busy parent" -> "Sara"."""
    return re.split(r"[,،]", name, maxsplit=1)[0].strip() or name


def _actors(journey: Journey, tp: Touchpoint, persona: str | None) -> list:  # type: ignore[type-arg]
    return [p for p in journey.personas if tp.serves(p.id) and persona in (None, p.id)]


def _score(journey: Journey, tp: Touchpoint, persona: str | None) -> int:
    if tp.emotion is None:
        return 3
    if persona is not None:
        emotion = tp.emotion.for_persona(persona)
        return round(emotion.score) if emotion else 3
    scores = [e.score for p in journey.personas if tp.serves(p.id) and (e := tp.emotion.for_persona(p.id))]
    return round(sum(scores) / len(scores)) if scores else 3
