"""Semantic checks: a well-formed journey that must also hold together.

Cross-references (personas, channels, ``next``), unique ids, targets for
measured metrics, persona shares, and values on their declared scales.
Each check is a small function yielding diagnostics at YAML positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model import BUILT_IN_CHANNELS, Journey, Metrics, Touchpoint
from journeymap.translation import Formula, Msg
from journeymap.validation.skeleton import Skeleton, skeleton_of
from journeymap.validation.suggest import did_you_mean


class Context(NamedTuple):
    journey: Journey
    source_map: SourceMap

    def error(
        self, code: str, message: str, path: KeyPath, hint: str | None = None, at_key: bool = False
    ) -> Diagnostic:
        """An error at the value of ``path`` (or at its key, for mapping keys that are references)."""
        span = self.source_map.key(path) if at_key else self.source_map.value(path)
        return Diagnostic(code, Severity.ERROR, message, span, hint)


def touchpoint_paths(journey: Journey) -> Iterator[tuple[KeyPath, Touchpoint]]:
    """Every touchpoint with the key path where it is written."""
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            yield ("stages", s, "touchpoints", t), touchpoint


def duplicate_ids(skeleton: Skeleton, source_map: SourceMap) -> Iterator[Diagnostic]:
    groups = [
        ("persona", skeleton.personas),
        ("stage", skeleton.stages),
        ("touchpoint", [t.item for t in skeleton.touchpoints]),
        ("channel", skeleton.channels),
    ]
    for kind, items in groups:
        first: dict[str, KeyPath] = {}
        for item in items:
            if item.id in first:
                line = source_map.value(first[item.id]).line
                yield _error(
                    source_map,
                    "JM200",
                    Msg(
                        "%(kind)s id '%(item)s' is already used (line %(line)s)",
                        kind=Msg(kind),
                        item=item.id,
                        line=line,
                    ),
                    item.path + ("id",),
                    Msg("give this %(kind)s its own `id:`; ids default to the slug of the name", kind=Msg(kind)),
                )
            else:
                first[item.id] = item.path


def references(skeleton: Skeleton, source_map: SourceMap) -> Iterator[Diagnostic]:
    personas = _Known(p.id for p in skeleton.personas)
    channels = _Known([*BUILT_IN_CHANNELS, *(c.id for c in skeleton.channels)])
    touchpoints = _Known(t.item.id for t in skeleton.touchpoints)
    for path, channel in skeleton.preferred_channels:
        if channel not in channels:
            yield _unknown(source_map, "JM202", "channel", channel, path, channels)
    for tp in skeleton.touchpoints:
        path = tp.item.path
        if tp.channel is not None and tp.channel not in channels:
            yield _unknown(source_map, "JM202", "channel", tp.channel, path + ("channel",), channels)
        for i, persona_id in tp.personas or []:
            if persona_id not in personas:
                yield _unknown(source_map, "JM201", "persona", persona_id, path + ("personas", i), personas)
        for persona_id in tp.emotion_personas:
            where = path + ("emotion", persona_id)
            if persona_id not in personas:
                yield _unknown(source_map, "JM201", "persona", persona_id, where, personas, at_key=True)
            elif not tp.serves(persona_id):
                yield _error(
                    source_map,
                    "JM208",
                    Msg(
                        "emotion given for persona '%(persona_id)s', who is not at touchpoint '%(item)s'",
                        persona_id=persona_id,
                        item=tp.item.id,
                    ),
                    where,
                    Msg(
                        "add '%(persona_id)s' to this touchpoint's `personas`, or remove the emotion",
                        persona_id=persona_id,
                    ),
                    at_key=True,
                )
        for i, target in tp.next:
            if target not in touchpoints:
                yield _unknown(source_map, "JM203", "touchpoint", target, path + ("next", i), touchpoints)


class _Known(list[str]):
    """Ids in file order (for did-you-mean hints) with set-speed membership tests."""

    def __init__(self, ids: Iterable[str]) -> None:
        super().__init__(ids)
        self._set = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _error(
    source_map: SourceMap, code: str, message: str, path: KeyPath, hint: str | None = None, at_key: bool = False
) -> Diagnostic:
    span = source_map.key(path) if at_key else source_map.value(path)
    return Diagnostic(code, Severity.ERROR, message, span, hint)


def _unknown(
    source_map: SourceMap, code: str, kind: str, value: str, path: KeyPath, known: list[str], at_key: bool = False
) -> Diagnostic:
    hint = did_you_mean(value, known)
    if code == "JM202" and hint and hint.startswith("expected"):
        hint = Msg("use a built-in channel (see docs/format.md) or add it under `channels:`")
    return _error(
        source_map, code, Msg("unknown %(kind)s '%(value)s'", kind=Msg(kind), value=value), path, hint, at_key
    )


def check_references(data: dict[str, Any], source_map: SourceMap) -> list[Diagnostic]:
    """Ids and references, checked even when other parts of the file are invalid."""
    skeleton = skeleton_of(data)
    return [*duplicate_ids(skeleton, source_map), *references(skeleton, source_map)]


def targets_without_metrics(ctx: Context) -> Iterator[Diagnostic]:
    pairs: list[tuple[KeyPath, Metrics | None, Metrics | None]] = [
        (("journey",), ctx.journey.info.metrics, ctx.journey.info.targets)
    ]
    for path, touchpoint in touchpoint_paths(ctx.journey):
        pairs.append((path, touchpoint.metrics, touchpoint.targets))
    for path, metrics, targets in pairs:
        for name, _ in targets.items() if targets else []:
            if metrics is None or metrics.get(name) is None:
                target_path = path + ("targets", "custom", name) if name not in _BUILT_IN else path + ("targets", name)
                yield ctx.error(
                    "JM204",
                    f"target for '{name}', which is not measured here",
                    target_path,
                    f"add the measured value under `metrics: {{{name}: ...}}`, or remove the target"
                    if name in _BUILT_IN
                    else f"add the measured value under `metrics: {{custom: {{{name}: ...}}}}`, or remove the target",
                )


def personas_without_touchpoints(ctx: Context) -> Iterator[Diagnostic]:
    for p, persona in enumerate(ctx.journey.personas):
        if not any(tp.serves(persona.id) for _, tp in ctx.journey.touchpoints()):
            yield ctx.error(
                "JM205",
                f"persona '{persona.id}' takes part in no touchpoint",
                ("personas", p),
                f"add '{persona.id}' to the `personas:` of the touchpoints they use, or remove the persona",
            )


def persona_shares(ctx: Context) -> Iterator[Diagnostic]:
    total = sum(p.share.value for p in ctx.journey.personas if p.share)
    if total > 1 + 1e-9:
        yield ctx.error(
            "JM206",
            Msg("persona shares add up to %(total)s, more than 100%%", total=Formula(f"{total:.0%}")),
            ("personas",),
            Msg("a share is the part of all customers a persona stands for; lower them so they sum to 100% or less"),
        )


def effort_scales(ctx: Context) -> Iterator[Diagnostic]:
    default = ctx.journey.scales.ces
    places: list[tuple[KeyPath, str, Metrics | None, Metrics | None]] = [
        (("journey",), "the journey", ctx.journey.info.metrics, ctx.journey.info.targets)
    ]
    places += [
        (path, f"touchpoint '{tp.id}'", tp.metrics, tp.targets)
        for path, tp in touchpoint_paths(ctx.journey)
        if tp.metrics.ces is not None or tp.targets.ces is not None  # the rest have no CES to check
    ]
    for path, where, measured, targets in places:
        measured_ces = measured.ces if measured is not None else None
        for group, metrics in (("metrics", measured), ("targets", targets)):
            ces = metrics.ces if metrics is not None else None
            if ces is None:
                continue
            # a target without its own scale is on the measured value's scale (a 6 is not on 1-5)
            scaled = ces if ces.scale_min is not None or measured_ces is None else measured_ces
            low = scaled.scale_min if scaled.scale_min is not None else default.min
            high = scaled.scale_max if scaled.scale_max is not None else default.max
            if not low <= ces.value <= high:
                yield ctx.error(
                    "JM207",
                    f"CES {ces.text} in {where} is outside the scale {low:g}-{high:g}",
                    path + (group, "ces"),
                    "fix the value, or state the scale: `ces: {value: ..., scale: 1-5}` or `scales: {ces: ...}`",
                )


def transition_shares(ctx: Context) -> Iterator[Diagnostic]:
    for path, touchpoint in touchpoint_paths(ctx.journey):
        total = sum(t.share.value for t in touchpoint.next or [] if t.share)
        if total > 1 + 1e-9:
            yield ctx.error(
                "JM210",
                Msg(
                    "the paths out of touchpoint '%(touchpoint)s' take %(total)s of customers, more than 100%%",
                    touchpoint=touchpoint.id,
                    total=Formula(f"{total:.0%}"),
                ),
                path + ("next",),
                Msg("each `share` is the part of customers who take that path; together they are at most 100%"),
            )


def redefined_channels(ctx: Context) -> Iterator[Diagnostic]:
    for i, channel in enumerate(ctx.journey.channels):
        if channel.id in BUILT_IN_CHANNELS:
            yield ctx.error(
                "JM209",
                f"custom channel '{channel.id}' has the id of a built-in channel",
                ("channels", i, "id"),
                f"use the built-in '{channel.id}' without redefining it, or choose another id",
            )


def plan_references(ctx: Context) -> Iterator[Diagnostic]:
    """Every touchpoint a plan's opportunity names exists here (the plan speaks of this state's ids)."""
    ids = [tp.id for _, tp in ctx.journey.touchpoints()]
    renamed = {tp.was: tp.id for _, tp in ctx.journey.touchpoints() if tp.was}
    for i, change in enumerate(ctx.journey.plan):
        for j, name in enumerate(change.touchpoints):
            if name not in ids:
                hint = (
                    f"'{name}' was renamed to '{renamed[name]}': name it by its id in this state"
                    if name in renamed
                    else did_you_mean(name, ids) or "name touchpoints by their id in this state"
                )
                yield ctx.error(
                    "JM203",
                    f"opportunity '{change.id}' of the plan names touchpoint '{name}', which is not in this journey",
                    ("plan", i, "touchpoints", j),
                    hint,
                )


def renames(ctx: Context) -> Iterator[Diagnostic]:
    """A `was:` id that is still used, or claimed twice, would make `compare` match the wrong touchpoint."""
    ids = {tp.id for _, tp in ctx.journey.touchpoints()}
    claimed: set[str] = set()
    for path, tp in touchpoint_paths(ctx.journey):
        if tp.was is None:
            continue
        if tp.was in ids or tp.was in claimed:
            why = "is still the id of a touchpoint here" if tp.was in ids else "is already claimed by another `was:`"
            yield ctx.error(
                "JM200",
                f"touchpoint '{tp.id}' says it was '{tp.was}', which {why}",
                (*path, "was"),
                "`was:` names the id this touchpoint had in the earlier state; each old id once",
            )
        claimed.add(tp.was)


_BUILT_IN = set(Metrics.model_fields) - {"custom"}

CHECKS: list[Callable[[Context], Iterator[Diagnostic]]] = [
    targets_without_metrics,
    personas_without_touchpoints,
    persona_shares,
    effort_scales,
    transition_shares,
    redefined_channels,
    plan_references,
    renames,
]


def check_semantics(journey: Journey, source_map: SourceMap) -> list[Diagnostic]:
    """The checks that need typed values (targets, shares, scales): run on a valid journey."""
    ctx = Context(journey, source_map)
    return [diagnostic for check in CHECKS for diagnostic in check(ctx)]
