"""Mermaid ``journey`` diagrams, so maps also render wherever Mermaid does.

Mermaid's journey grammar is line based: ``title``, ``section <name>`` and
``<task>: <score>: <actor>, <actor>``. What it cannot carry is transformed,
and documented in docs/render.md:

* line breaks of every kind (LF, CR, VT, FF, NEL, U+2028, U+2029...) and tabs
  become spaces, control characters are dropped: a label never starts a new line;
* ``:`` becomes the look-alike ``∶`` (U+2236): a colon ends the task name;
* ``#`` becomes ``＃`` (U+FF03) and ``;`` becomes ``；`` (U+FF1B), which Mermaid
  would read as entity or statement syntax;
* ``,`` in actor names becomes ``‚`` (U+201A): commas separate actors;
* ``%%`` anywhere (Mermaid's comment marker) becomes ``% %``;
* a name starting with a keyword (``journey``, ``title``, ``section``...) gets an
  invisible word joiner (U+2060) in front, so it stays a task;
* leading and trailing whitespace as JavaScript sees it (including U+FEFF) is
  removed, and an empty name becomes ``-``;
* actors are the whole persona names ("Sara, busy parent" -> "Sara‚ busy parent"),
  one distinct actor per persona: Mermaid merges actors by name, so a name another
  persona already has gets a number ("Sara (2)");
* scores are the touchpoint's emotion rounded to 1-5 (the average over
  personas without per-persona values), 3 when none is given.
"""

from __future__ import annotations

import re

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.model import Journey, Persona, Touchpoint
from journeymap.rendering.text import clean
from journeymap.translation import N_, Msg

_REPLACEMENTS = {":": "\u2236", "#": "\uff03", ";": "\uff1b"}
#: Mermaid's lexer ends keywords with JavaScript's ASCII-only \b: "journeyé" is still the keyword there.
_KEYWORDS = re.compile(r"^(journey|title|section|accTitle|accDescr)(?![A-Za-z0-9_])", re.IGNORECASE)
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


#: Said in the export (a comment, in English like the rest of its syntax) and by the CLI (JM730, in the
#: terminal's language) for a right-to-left journey.
LEFT_TO_RIGHT = N_(
    "this journey reads right to left, but Mermaid's journey diagram has no direction option: "
    "its sections run left to right"
)
LEFT_TO_RIGHT_HINT = N_("draw the map instead: journeymap render -f svg")

#: Mermaid needs a score on every task; a touchpoint nobody gave an emotion is drawn at the neutral middle,
#: and a comment above it says so (the map, report and score show it as unknown).
NEUTRAL = 3
NO_EMOTION = "no emotion given for the next task: drawn at 3, the neutral middle"


def to_mermaid(journey: Journey, persona: str | None = None) -> str:
    """The journey as a Mermaid ``journey`` diagram: one line per title, section and task."""
    actors = actor_names(journey)
    lines = ["journey", f"  title {mermaid_text(journey.info.title)}"]
    if journey.info.rtl:
        lines.append(f"  %% {LEFT_TO_RIGHT} (use the map: journeymap render -f svg)")
    for stage in journey.stages:
        touchpoints = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        if not touchpoints:
            continue
        lines.append(f"  section {mermaid_text(stage.name)}")
        for tp in touchpoints:
            names = ", ".join(actors[p.id] for p in _actors(journey, tp, persona))
            feeling = journey.emotion(tp, persona)
            if feeling is None:
                lines.append(f"    %% {NO_EMOTION}")
            lines.append(f"    {mermaid_text(tp.name)}: {NEUTRAL if feeling is None else round(feeling)}: {names}")
    return "\n".join(lines) + "\n"


def actor_names(journey: Journey) -> dict[str, str]:
    """Persona id -> its actor name, distinct for every persona of the journey.

    Why distinct: Mermaid merges actors with the same name into one, so two
    personas named alike ("Smith, John" and "Smith, John") would become one
    person in the legend. The first keeps the name, the next get " (2)",
    " (3)"...; a number another persona's own name already uses is skipped.
    Names come from all personas, so ``--persona`` keeps the same actor name.
    """
    wanted = {p.id: mermaid_text(p.name, actor=True) for p in journey.personas}
    taken = set(wanted.values())
    given: dict[str, str] = {}
    used: set[str] = set()
    for persona_id, name in wanted.items():
        if name in used:
            number = 2
            while f"{name} ({number})" in taken:
                number += 1
            name = f"{name} ({number})"
        given[persona_id] = name
        used.add(name)
        taken.add(name)
    return given


def _actors(journey: Journey, tp: Touchpoint, persona: str | None) -> list[Persona]:
    return [p for p in journey.personas if tp.serves(p.id) and persona in (None, p.id)]


def left_to_right_warning(path: str) -> Diagnostic:
    """JM730: the Mermaid export of a right-to-left journey runs left to right (Mermaid has no direction)."""
    return Diagnostic("JM730", Severity.WARNING, Msg(LEFT_TO_RIGHT), Span(path), Msg(LEFT_TO_RIGHT_HINT))
