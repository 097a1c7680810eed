"""Plausibility warnings: values that are valid but are probably not what the author meant.

Why warnings and not silent rules: ``csat: 4.2`` is a valid percentage
(4.2%), but it is far more often a 1-5 mean typed into the wrong field; a
bare ``1`` is 100% while ``1.1`` is 1.1%. journeymap cannot know, so it says
what it read and how to write the value so that nobody has to guess. Writing
the unit explicitly (``84%``, ``4.2%``, ``100%``) always silences these.
The rules are documented in docs/format.md (Percentages) and
docs/diagnostics.md (JM212-JM216).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model import Journey
from journeymap.model.metrics import CATALOGUE, Measure, Metrics
from journeymap.model.units import CACHED_TEXTS, ascii_digits
from journeymap.translation import Msg

#: A number written without a unit: what makes a percentage ambiguous.
_BARE_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
#: Text fields of lists where a comma in flow style (`[a, b]`) silently splits one item into two.
_TEXT_LISTS = {"touchpoint": ("pain_points", "opportunities"), "persona": ("goals", "needs", "pain_points")}


class Place(NamedTuple):
    """Where a set of metrics or targets is written, and how a message names it.

    A named tuple, not a frozen dataclass: one is made per touchpoint, and a frozen dataclass's
    ``__init__`` costs several times more.
    """

    path: KeyPath
    where: str
    metrics: Metrics | None
    targets: Metrics | None


def check_plausibility(journey: Journey, source_map: SourceMap, text: str = "") -> list[Diagnostic]:
    """Every plausibility warning for a valid journey (``text``: the file, to tell flow-style lists)."""
    places = [Place(("journey",), "the journey", journey.info.metrics, journey.info.targets)]
    for s, stage in enumerate(journey.stages):
        for t, tp in enumerate(stage.touchpoints):
            places.append(Place(("stages", s, "touchpoints", t), f"'{tp.id}'", tp.metrics, tp.targets))
    found: list[Diagnostic] = []
    for place in places:
        found += _percent_warnings(place, source_map)
    found += _split_items(journey, source_map, text.splitlines())
    found += _no_canonical_stage(journey, source_map)
    return found


#: The audit rules that look for a canonical stage (service, purchase, after the purchase) and find
#: nothing to check in a journey without one.
STAGE_RULES = ("JM302", "JM303", "JM304", "JM306", "JM314", "JM325")


def _no_canonical_stage(journey: Journey, source_map: SourceMap) -> Iterator[Diagnostic]:
    """Stages named in a way journeymap does not recognise switch the stage rules off, silently unless said."""
    if not journey.stages or journey.info.scope == "other" or any(s.canonical_stage for s in journey.stages):
        return
    yield Diagnostic(
        "JM216",
        Severity.WARNING,
        Msg(
            "no stage is recognised as a canonical stage (awareness, consideration, purchase, post-purchase, "
            "service), so the audit rules that look for one check nothing: %(rules)s",
            rules=", ".join(STAGE_RULES),
        ),
        source_map.key(("stages",)),
        Msg(
            "add `canonical:` (awareness, consideration, purchase, post_purchase or service) to the stages that "
            "play those parts, or set `journey.scope: other` if none does"
        ),
    )


def _percent_warnings(place: Place, source_map: SourceMap) -> Iterator[Diagnostic]:
    targets = place.targets.items() if place.targets is not None else []
    for group, given in (("metrics", place.metrics.items() if place.metrics is not None else []), ("targets", targets)):
        for name, measure in given:
            if measure.unit != "percent":
                continue
            written = _bare_number(measure.text)
            if written is None:
                continue
            if written != 1 and (name != "csat" or not 1 < written <= 5):
                continue  # a bare fraction such as 0.54: no doubt, and no span to make
            path = place.path + ((group, name) if name in CATALOGUE else (group, "custom", name))
            span = source_map.value(path)
            what = "target for" if group == "targets" else ""
            if written == 1:
                yield Diagnostic(
                    "JM212",
                    Severity.WARNING,
                    f"{what} {name} {measure.text} in {place.where} reads as 100% (a bare 1 is all of them)".strip(),
                    span,
                    Msg("write %(name)s: 100%% if you mean all of them, or 1%% for one percent", name=name),
                )
            else:
                yield Diagnostic(
                    "JM213",
                    Severity.WARNING,
                    f"{what} csat {measure.text} in {place.where} reads as {measure.text}%; "
                    "it looks like a mean on a 1-5 scale".strip(),
                    span,
                    Msg(
                        "write csat: %(text)s/5 for a mean on a 1-5 scale, the share of satisfied answers as a "
                        "percentage (e.g. 84%%), or %(text)s%% if you do mean %(text)s percent",
                        text=measure.text,
                    ),
                )
    yield from _full_targets_on_failure_rates(place, targets, source_map)


@lru_cache(maxsize=CACHED_TEXTS)
def _bare_number(text: str) -> float | None:
    """The number a percentage's text is when written without a unit (``0.54``, ``٤٫٢``); None otherwise."""
    plain = ascii_digits(text)  # ٤٫٢ is 4.2: the same doubt in any digits
    return float(plain) if _BARE_NUMBER.match(plain) else None


def _full_targets_on_failure_rates(
    place: Place, targets: list[tuple[str, Measure]], source_map: SourceMap
) -> Iterator[Diagnostic]:
    """A 100% target on a rate where lower is better is met by every value: it checks nothing."""
    for name, target in targets:
        spec = CATALOGUE.get(name)
        better = spec.better if spec else getattr(target, "better", None)
        if target.unit == "percent" and better == "lower" and target.value >= 1:
            yield Diagnostic(
                "JM214",
                Severity.WARNING,
                Msg(
                    "the target for %(name)s in %(where)s is %(shown)s: every value meets it",
                    name=name,
                    where=place.where,
                    shown=_shown(target),
                ),
                source_map.value(place.path + (("targets", name) if spec else ("targets", "custom", name))),
                Msg(
                    "lower is better for %(name)s, so its target is the most you accept (e.g. 2%%); a bare 1 reads "
                    "as 100%%: write 1%% for one percent",
                    name=name,
                ),
            )


def _shown(measure: Measure) -> str:
    return "100%" if measure.value == 1 else measure.display


def _split_items(journey: Journey, source_map: SourceMap, lines: list[str]) -> Iterator[Diagnostic]:
    """``[Credit must be claimed, and it covers...]`` is two items in YAML: say so when it looks unintended."""
    if not lines:
        return
    for path, field, items in _text_lists(journey):
        if not _flow_style(source_map, path, lines):
            continue
        for index in range(1, len(items)):
            if _continues(items[index - 1], items[index]):
                joined = f"{items[index - 1]}, {items[index]}"
                yield Diagnostic(
                    "JM215",
                    Severity.WARNING,
                    Msg(
                        "'%(value)s' in %(field)s looks like the rest of the item before it, split at a comma",
                        value=items[index],
                        field=field,
                    ),
                    source_map.value(path + (index,)),
                    Msg(
                        'quote the item to keep the comma: ["%(joined)s"], or start it with a capital letter '
                        "if it is a new item",
                        joined=joined,
                    ),
                )


def _text_lists(journey: Journey) -> Iterator[tuple[KeyPath, str, list[str]]]:
    """The text lists of personas and touchpoints that hold two items or more (one item cannot be split)."""
    for p, persona in enumerate(journey.personas):
        for field in _TEXT_LISTS["persona"]:
            items = getattr(persona, field) or []
            if len(items) >= 2:
                yield ("personas", p, field), field, items
    touchpoint_fields = _TEXT_LISTS["touchpoint"]
    for s, stage in enumerate(journey.stages):
        for t, tp in enumerate(stage.touchpoints):
            for field in touchpoint_fields:
                items = getattr(tp, field) or []
                if len(items) >= 2:
                    yield ("stages", s, "touchpoints", t, field), field, items


def _flow_style(source_map: SourceMap, path: KeyPath, lines: list[str]) -> bool:
    start = source_map.values.start(path)
    if start is None or not 1 <= start[0] <= len(lines):
        return False
    line = lines[start[0] - 1]
    return 1 <= start[1] <= len(line) and line[start[1] - 1] == "["


def _continues(previous: str, item: str) -> bool:
    """An item that starts in lower case after one that does not end a sentence continues it."""
    first = next((ch for ch in item if ch.isalpha()), "")
    return bool(first) and first.islower() and not previous.rstrip().endswith((".", "!", "?", ":", ";"))


__all__ = ["check_plausibility"]
