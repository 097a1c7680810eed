"""Compare two states of a journey: what changed, what got better or worse, and the plan between them.

Pure functions over two analysed journeys (``Side``: the journey, its
scores and its findings, as the workspace run computes them once): no I/O,
no printing. Touchpoints are matched by id, following renames declared with
``was:`` in the later state; stages by id too, following a stage's ``was:`` (or
recognised by holding the same touchpoints), so a renamed stage is one rename.

    from journeymap.comparing import Side, compare
    result = compare(Side.of(before_result), Side.of(after_result))
    result.regressions     # why a CI run should fail, if it should
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from journeymap.comparing.results import (
    Change,
    Comparison,
    FindingDiff,
    GroupDiff,
    KpiDiff,
    PlanItem,
    StageRename,
    TouchpointDiff,
)
from journeymap.diagnostics import Diagnostic
from journeymap.errors import UsageError
from journeymap.shown import friction_tenth, signed_tenth, tenth_change
from journeymap.translation import N_, NC_, Joined, Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.model import Journey, Measure, Stage, Touchpoint
    from journeymap.model.emotion import Emotion
    from journeymap.scoring import JourneyScore
    from journeymap.workspace import JourneyResult


@dataclass(frozen=True)
class Side:
    """One state of a journey as analysed by a workspace run."""

    path: str
    journey: Journey
    scores: JourneyScore
    findings: tuple[Diagnostic, ...]

    @classmethod
    def of(cls, result: JourneyResult) -> Side:
        return cls(result.path, result.require_journey(), result.scores, tuple(result.findings))


class UnrelatedJourneys(UsageError):
    """The two journeys share no touchpoint id: there is nothing to compare (exit 2, with the way out)."""


def compare(before: Side, after: Side) -> Comparison:
    """Every difference between ``before`` (e.g. the current state) and ``after`` (the future state)."""
    renamed = {tp.was: tp.id for _, tp in after.journey.touchpoints() if tp.was}
    stage_renames = _stage_renames(before.journey, after.journey, renamed)
    stages = {r.was: r.id for r in stage_renames}
    touchpoints = _touchpoint_diffs(before, after, renamed, stages)
    if not any(d.status != "added" and d.status != "removed" for d in touchpoints):
        raise UnrelatedJourneys(
            f"'{before.path}' and '{after.path}' share no touchpoint id, so nothing can be compared",
            "match touchpoints by id; write `was: old-id` on renamed ones",
        )
    return Comparison(
        before_path=before.path,
        after_path=after.path,
        title=after.journey.info.title,
        before_state=before.journey.info.state,
        after_state=after.journey.info.state,
        journey=GroupDiff(
            after.journey.id, after.journey.info.title, before.scores.overall.score, after.scores.overall.score
        ),
        stages=_stage_diffs(before, after, stages),
        touchpoints=touchpoints,
        personas=_persona_changes(before.journey, after.journey),
        findings=_finding_diffs(before, after, renamed),
        delivered=_opportunities(before, after, renamed, touchpoints, delivered=True),
        no_longer_listed=_opportunities(before, after, renamed, touchpoints, delivered=False),
        plan=_plan(before, after, touchpoints),
        unexplained=_unexplained(after.journey, touchpoints),
        language=after.journey.info.language,
        rtl=after.journey.info.rtl,
        measured=(_measured(before.journey), _measured(after.journey)),
        stage_renames=tuple(r for r in stage_renames if r.was != r.id or r.was_name != r.name),
        kpis=_kpi_diffs(before.journey, after.journey),
    )


def _measured(journey: Journey) -> bool:
    """Whether any value of the journey rests on data (its measured snapshot) rather than on typed values."""
    return any(measure.measured is not None for _, tp in journey.touchpoints() for _, measure in tp.metrics.items())


# -- touchpoints ---------------------------------------------------------------------------------------------


def _touchpoint_diffs(
    before: Side, after: Side, renamed: dict[str, str], stages: dict[str, str]
) -> tuple[TouchpointDiff, ...]:
    old = {tp.id: (stage, tp) for stage, tp in before.journey.touchpoints()}
    matched: set[str] = set()
    diffs = []
    for stage, tp in after.journey.touchpoints():
        source = tp.was if tp.was in old and tp.id not in old else tp.id
        if source in old:
            matched.add(source)
            diffs.append(_changed(before, after, old[source], (stage, tp), _Renames(renamed, stages)))
        else:
            diffs.append(_alone("added", after, stage, tp))
    diffs += [_alone("removed", before, stage, tp) for tid, (stage, tp) in old.items() if tid not in matched]
    return tuple(diffs)


def _alone(status: str, side: Side, stage: Stage, tp: Touchpoint) -> TouchpointDiff:
    found = side.scores.touchpoint(tp.id)
    friction = found.score if found else None
    priority = found.priority if found else None
    added = status == "added"
    return TouchpointDiff(
        status=status,
        id=tp.id,
        was=None,
        name=tp.name,
        stage=stage.name,
        friction=(None, friction) if added else (friction, None),
        priority=(None, priority) if added else (priority, None),
    )


@dataclass(frozen=True)
class _Renames:
    """Old id -> new id of the touchpoints and the stages the later state renamed."""

    touchpoints: dict[str, str]
    stages: dict[str, str]


def _changed(
    before: Side, after: Side, old: tuple[Stage, Touchpoint], new: tuple[Stage, Touchpoint], renames: _Renames
) -> TouchpointDiff:
    (_, old_tp), (new_stage, new_tp) = old, new
    old_score, new_score = before.scores.touchpoint(old_tp.id), after.scores.touchpoint(new_tp.id)
    friction = (old_score.score if old_score else None, new_score.score if new_score else None)
    priority = (old_score.priority if old_score else None, new_score.priority if new_score else None)
    changes = (
        *_text_changes(before, after, old, new, renames),
        *_emotion_changes(before.journey, old_tp, after.journey, new_tp),
        *_metric_changes(before.journey, old_tp, after.journey, new_tp),
    )
    from_targets = bool(changes) and all(c.kind == "target" for c in changes)
    regressions = tuple(_regressions(friction, changes, from_targets))
    moved = (friction[0] is None) != (friction[1] is None) or _moved(friction)
    status = "renamed" if old_tp.id != new_tp.id else ("changed" if changes or moved else "unchanged")
    if not changes and not moved and _moved(priority):
        # the status stays what the touchpoint itself did (the map badges it, the report counts it); the
        # line says what moved, and compare's outputs list it apart from the unchanged (``priority_only``)
        changes = (_priority_change(priority),)
    return TouchpointDiff(
        status=status,
        id=new_tp.id,
        was=old_tp.id if old_tp.id != new_tp.id else None,
        name=new_tp.name,
        stage=new_stage.name,
        friction=friction,
        priority=priority,
        changes=changes,
        regressions=regressions,
    )


def _priority_change(priority: tuple[float | None, float | None]) -> Change:
    """A touchpoint whose own values are the same but whose priority moved: said, so it is not "unchanged".

    Why: priority weighs friction by volume, reach (persona shares) and the confidence behind it, which
    move with the rest of the journey; listing the touchpoint as unchanged would hide that it now ranks
    elsewhere in the plan. Neither better nor worse: nothing changed for its customers.
    """
    a, b = priority
    if a is None or b is None:  # never: only called when both states score it (``_moved``)
        raise ValueError(priority)
    delta = signed_tenth(tenth_change(a, b))  # a number: shown in the reader's digits
    return Change(Msg("priority"), friction_tenth(a), friction_tenth(b), "changed", kind="priority", remark=delta)


def _text_changes(
    before: Side,
    after: Side,
    earlier: tuple[Stage, Touchpoint],
    later: tuple[Stage, Touchpoint],
    renames: _Renames,
) -> list[Change]:
    (old_stage, old), (new_stage, new) = earlier, later
    channel = old.channel, new.channel
    # a renamed stage is the same stage: its touchpoints did not move (the rename is said once, for the stage)
    same_stage = renames.stages.get(old_stage.id, old_stage.id) == new_stage.id
    pairs = [
        (Msg("name"), old.name, new.name),
        (Msg("stage"), old_stage.name, old_stage.name if same_stage else new_stage.name),
        (Msg("channel"), *channel),
        (Msg("owner"), old.owner or "-", new.owner or "-"),
        (Msg("pain points"), str(len(old.pain_points)), str(len(new.pain_points))),
        (Msg("handoffs"), str(old.handoffs), str(new.handoffs)),
    ]
    changes = [Change(what, a, b, "changed") for what, a, b in pairs if a != b]
    if channel[0] != channel[1]:  # by name, as the map and the report name a channel
        named = _channel_name(before.journey, channel[0]), _channel_name(after.journey, channel[1])
        changes = [Change(c.what, *named, c.direction) if c.what == "channel" else c for c in changes]
    changes += _action_change(old, new)
    changes += _moment_change(old, new)
    changes += _next_change(old, new, renames.touchpoints)
    return changes


def _action_change(old: Touchpoint, new: Touchpoint) -> list[Change]:
    """What the customer does here, as written (one line: a long action is cut with an ellipsis)."""
    a, b = _short(old.action), _short(new.action)
    return [] if a == b else [Change(Msg("action"), a, b, "changed")]


#: The longest action a change line shows, in characters.
_SHORT = 60


def _short(text: str | None) -> str | None:
    if text is None:
        return None
    line = " ".join(text.split())
    return Verbatim(line if len(line) <= _SHORT else line[: _SHORT - 1].rstrip() + "…")


def _moment_change(old: Touchpoint, new: Touchpoint) -> list[Change]:
    """A moment of truth added or removed (``no -> yes (high)``), or its impact moved (``medium -> high``)."""
    a, b = old.moment_of_truth, new.moment_of_truth
    if a is None and b is None:
        return []
    if a is not None and b is not None:
        if a.impact == b.impact:
            return []
        return [Change(Msg("moment of truth impact"), Msg(a.impact), Msg(b.impact), "changed")]
    was, now = _moment_text(a), _moment_text(b)
    return [Change(Msg("moment of truth"), was, now, "changed")]


def _moment_text(moment: object) -> str:
    """``yes (high)`` for a moment of truth with its impact, ``no`` for none."""
    from journeymap.model.journey import MomentOfTruth

    if not isinstance(moment, MomentOfTruth):
        return _yes(None)
    return Msg("%(yes)s (%(impact)s)", yes=_yes(moment), impact=Msg(moment.impact))


#: The impacts ``_moment_text`` shows, marked for the catalog.
_IMPACTS = (N_("high"), N_("medium"), N_("low"))


def _next_change(old: Touchpoint, new: Touchpoint, renamed: dict[str, str]) -> list[Change]:
    """Paths written in ``next`` that were added or removed (ids followed through renames); ``-``: in order."""
    if old.next is None and new.next is None:
        return []
    a = [renamed.get(t.to, t.to) for t in old.next or []]
    b = [t.to for t in new.next or []]
    if a == b:
        return []
    return [Change(Msg("next"), _ids(a), _ids(b), "changed")]


def _ids(ids: list[str]) -> str | None:
    return Joined(", ", [Verbatim(i) for i in ids]) if ids else None  # "، " between ids in Arabic


def _channel_name(journey: Journey, channel_id: str) -> str:
    """A channel as readers know it: a built-in one in their language (a ``Msg``), a custom one as named."""
    channel = journey.channel(channel_id)
    if channel is None:
        return channel_id
    if any(c.id == channel_id for c in journey.channels):
        return Verbatim(channel.name)
    return Msg(channel.name)


def _yes(value: object) -> str:
    if value is None:
        return Msg.in_context("answer", NC_("answer", "no"))
    return Msg.in_context("answer", NC_("answer", "yes"))


def _emotion_changes(old_journey: Journey, old: Touchpoint, new_journey: Journey, new: Touchpoint) -> list[Change]:
    """Each persona's emotion where it changed as shown (``3 -> 3`` is no change), at touchpoints they are at."""
    changes = []
    for persona in new_journey.personas:
        if old_journey.persona(persona.id) is None or not (old.serves(persona.id) or new.serves(persona.id)):
            continue
        a, b = old_journey.emotion(old, persona.id), new_journey.emotion(new, persona.id)
        words = _feeling(old_journey, old, persona.id), _feeling(new_journey, new, persona.id)
        if words[0] != words[1]:
            direction = "changed" if a is None or b is None or a == b else ("better" if b > a else "worse")
            what = Msg("emotion (%(persona)s)", persona=Verbatim(persona.name))
            changes.append(Change(what, *words, direction))
    return changes


def _feeling(journey: Journey, tp: Touchpoint, persona: str) -> str | None:
    """A persona's emotion as a reader says it: ``frustrated (2)`` for a named one, ``3.5`` for a score.

    The word is the map's (``rendering.labels.emotion_name``): the catalog's form for the persona's
    ``gender`` (a neutral noun without one), in the reader's language, so an Arabic journey reads محبطة.
    """
    felt = journey.emotions(tp, persona)
    score = _emotion_text(journey.emotion(tp, persona))
    named: Emotion | None = felt[0][1] if len(felt) == 1 else None
    if score is None or named is None or named.name is None:
        return score
    gender = next((p.gender for p in journey.personas if p.id == persona), None)
    word = Msg.in_context(gender or "neutral", named.name)
    return Msg("%(emotion)s (%(score)s)", emotion=word, score=score)


def _emotion_text(score: float | None) -> str | None:
    if score is None:
        return None
    from journeymap.model.units import number_text

    return number_text(round(score, 1))


def _metric_changes(old_journey: Journey, old: Touchpoint, new_journey: Journey, new: Touchpoint) -> list[Change]:
    from journeymap.model.metrics import metric_title

    changes = []
    for name in dict.fromkeys([n for n, _ in old.metrics.items()] + [n for n, _ in new.metrics.items()]):
        a, b = old.metrics.get(name), new.metrics.get(name)
        measure = b or a
        title = metric_title(name, measure)
        if (a.display if a else None) != (b.display if b else None):
            changes.append(Change(title, _shown(a), _shown(b), _direction(new_journey, name, a, b)))
        met_a, met_b = _met(old_journey, old, name), _met(new_journey, new, name)
        goal_a, goal_b = old.targets.get(name), new.targets.get(name)
        if (goal_a.display if goal_a else None) != (goal_b.display if goal_b else None):
            changes.append(_target_change(new_journey, name, title, (goal_a, goal_b), (met_a, met_b)))
        elif met_a != met_b:
            direction = {"missed": "worse", "met": "better"}.get(met_b or "", "changed")
            changes.append(Change(Msg("%(metric)s target", metric=title), _status(met_a), _status(met_b), direction))
    return changes


def _target_change(
    journey: Journey,
    name: str,
    title: str,
    targets: tuple[Measure | None, Measure | None],
    statuses: tuple[str | None, str | None],
) -> Change:
    """A target the team moved: ``20% -> 40% (relaxed, now met)``; neither better nor worse (decision 0037).

    Why apart from performance: relaxing a target turns "missed" into "met" and lowers friction while
    customers live exactly the same; counted as an improvement, a pull request could pass by moving goals.
    """
    before, after = targets
    parts: list[str] = []
    if before is not None and after is not None and before.value != after.value:
        better = journey.better(name, after)
        if better is not None:
            harder = (after.value > before.value) == (better == "higher")
            parts.append(Msg.in_context("target change", "tightened" if harder else "relaxed"))
    if statuses[0] != statuses[1] and statuses[1] is not None:
        parts.append(Msg("now %(status)s", status=_status(statuses[1])))
    return Change(
        Msg("%(metric)s target", metric=title),
        before.display if before else None,
        after.display if after else None,
        "changed",
        kind="target",
        remark=Joined(", ", parts) if parts else None,
    )


#: The ways a target moves, marked for the catalog.
_TARGET_CHANGES = (NC_("target change", "tightened"), NC_("target change", "relaxed"))


def _shown(measure: Measure | None) -> str | None:
    """A value as findings cite it: a measured one with its n and interval (``42% (n=317, 95% …)``)."""
    from journeymap.model.evidence import cited_value

    return None if measure is None else cited_value(measure)


def _status(met: str | None) -> str | None:
    """A target's status as a word of the reader's language (``met``, ``missed``, ``inconclusive``)."""
    return None if met is None else Msg.in_context("target status", met)


#: The statuses ``_status`` shows, marked for the catalog.
_STATUSES = (NC_("target status", "met"), NC_("target status", "missed"), NC_("target status", "inconclusive"))


def _direction(journey: Journey, name: str, a: object, b: object) -> str:
    from journeymap.model.metrics import Measure

    if not isinstance(a, Measure) or not isinstance(b, Measure):
        return "changed"
    better = journey.better(name, b)
    if better is None or a.value == b.value:
        return "changed"
    return "better" if (b.value > a.value) == (better == "higher") else "worse"


def _met(journey: Journey, tp: Touchpoint, name: str) -> str | None:
    """``met``, ``missed``, ``inconclusive`` (a measured interval straddles the target) or None: the one status."""
    measure, target = tp.metrics.get(name), tp.targets.get(name)
    return None if measure is None or target is None else journey.target_status(name, measure, target)


def _moved(friction: tuple[float | None, float | None]) -> bool:
    """Whether the friction shown changed (``41.5 -> 41.5`` did not, whatever the hundredths)."""
    a, b = friction
    return a is not None and b is not None and tenth_change(a, b) != 0


def _regressions(
    friction: tuple[float | None, float | None], changes: tuple[Change, ...], from_targets: bool = False
) -> list[str]:
    """Friction up (unless only a target moved: a raised goal is not a worse experience), a target newly missed."""
    found: list[str] = []
    a, b = friction
    if a is not None and b is not None and tenth_change(a, b) > 0 and not from_targets:
        found.append(
            Msg(
                "friction up %(delta)s (%(before)s -> %(after)s)",
                delta=friction_tenth(tenth_change(a, b)),
                before=friction_tenth(a),
                after=friction_tenth(b),
            )
        )
    found += [Msg("%(metric)s target newly missed", metric=_metric(c.what)) for c in changes if c.after == "missed"]
    return found


def _metric(what: str) -> str:
    """The metric a ``<metric> target`` change is about."""
    metric = what.args.get("metric") if isinstance(what, Msg) else None
    return metric if isinstance(metric, str) else what.removesuffix(" target")


# -- personas ------------------------------------------------------------------------------------------------


def _persona_changes(old: Journey, new: Journey) -> tuple[Change, ...]:
    """Personas added, removed, renamed, and their shares: a share weights every emotion and friction."""
    changes: list[Change] = []
    earlier = {p.id: p for p in old.personas}
    for persona in new.personas:
        was = earlier.pop(persona.id, None)
        if was is None:
            changes.append(Change(Msg("persona"), None, Verbatim(persona.name), "changed"))
            continue
        if was.name != persona.name:
            changes.append(Change(Msg("persona name"), Verbatim(was.name), Verbatim(persona.name), "changed"))
        shares = _share_text(was.weight), _share_text(persona.weight)
        if shares[0] != shares[1]:
            what = Msg("share (%(persona)s)", persona=Verbatim(persona.name))
            changes.append(Change(what, *shares, "changed"))
    changes += [Change(Msg("persona"), Verbatim(p.name), None, "changed") for p in earlier.values()]
    return tuple(changes)


def _share_text(weight: float | None) -> str | None:
    from journeymap.shown import percent_text

    return None if weight is None else percent_text(weight)


# -- stages, findings, opportunities ---------------------------------------------------------------------------


def _stage_renames(old: Journey, new: Journey, renamed: dict[str, str]) -> list[StageRename]:
    """Stages of the later state that another id (``was:``) or another name had in the earlier one.

    A stage whose id changed without ``was:`` but holds the very touchpoints of a stage gone since, or
    keeps its name, is the same stage too (``declared`` False: the reader is told to write ``was:``);
    listing each of its touchpoints as moved, or the stage as gone and new, would bury the one change
    the team made.
    """
    earlier = {stage.id: stage for stage in old.stages}
    later = {stage.id for stage in new.stages}
    found = []
    for stage in new.stages:
        source = stage.was if stage.was in earlier and stage.id not in earlier else stage.id
        if source in earlier:
            found.append(_stage_rename(earlier.pop(source), stage, declared=True))
    gone = {sid: s for sid, s in earlier.items() if sid not in later}
    for stage in new.stages:
        if stage.was or any(r.id == stage.id for r in found):
            continue  # a ``was:`` naming no earlier stage is taken as written, and said (JM740)
        ids = {tp.id for tp in stage.touchpoints}
        same = next((s for s in gone.values() if ids and {renamed.get(t.id, t.id) for t in s.touchpoints} == ids), None)
        by = "touchpoints"
        named = [s for s in gone.values() if _same_name(s.name, stage.name)]
        if same is None and len(named) == 1:
            same, by = named[0], "name"
        if same is not None:
            found.append(_stage_rename(gone.pop(same.id), stage, declared=False, by=by))
    return found


def _same_name(a: str, b: str) -> bool:
    """Two stage names a reader takes for one: equal but for case and spaces."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _stage_rename(old: Stage, new: Stage, declared: bool, by: str = "touchpoints") -> StageRename:
    return StageRename(new.id, old.id, new.name, old.name, declared, len(new.touchpoints), by)


def _stage_diffs(before: Side, after: Side, renamed: dict[str, str]) -> tuple[GroupDiff, ...]:
    """Each stage's friction before and after; a renamed stage under its new id, with its old friction."""
    old = {renamed.get(g.id, g.id): g for g in before.scores.stages}
    new = {g.id: g for g in after.scores.stages}
    ids = list(dict.fromkeys([*new, *old]))
    return tuple(
        GroupDiff(
            sid,
            (new.get(sid) or old[sid]).name,
            old[sid].score if sid in old else None,
            new[sid].score if sid in new else None,
        )
        for sid in ids
    )


def _finding_diffs(before: Side, after: Side, renamed: dict[str, str]) -> tuple[FindingDiff, ...]:
    """Findings only one state has: resolved ones, then introduced ones.

    Matched first by rule and touchpoint (renames followed), then what is
    left by rule and the shape of the message (its words before the details,
    numbers aside), so "sara meets 6 negative touchpoints" found at another
    touchpoint is the same finding, not one resolved and one introduced.
    """

    def old_key(finding: Diagnostic) -> tuple[str, str | None]:
        touchpoint = finding.touchpoint
        return finding.code, renamed.get(touchpoint, touchpoint) if touchpoint else None

    def new_key(finding: Diagnostic) -> tuple[str, str | None]:
        return finding.code, finding.touchpoint

    def shape(finding: Diagnostic) -> tuple[str, str | None]:
        return finding.code, _NUMBER.sub("N", finding.message.split(":", 1)[0])

    earlier, later = _per_touchpoint(before), _per_touchpoint(after)
    old = _unmatched(earlier, old_key, [new_key(f) for f in later])
    new = _unmatched(later, new_key, [old_key(f) for f in earlier])
    resolved = _unmatched(tuple(old), shape, [shape(f) for f in new])
    introduced = _unmatched(tuple(new), shape, [shape(f) for f in old])
    return (
        *(FindingDiff.of("resolved", f) for f in resolved),
        *(FindingDiff.of("introduced", f) for f in introduced),
    )


_NUMBER = re.compile(r"\d+(?:\.\d+)?")

#: The message of a grouped finding (``Rule.group``): many touchpoints' findings of one rule as one.
_GROUPED = "%(count)s %(what)s: %(names)s"


def _per_touchpoint(side: Side) -> tuple[Diagnostic, ...]:
    """The side's findings with each grouped finding split into one per touchpoint it lists (decision 0037).

    Why: a rule that finds many touchpoints reports them as one finding ("4 touchpoints ... name no
    knowledge base: 'a', 'b', 'c', 'd'"), located at the first. Matched as one, giving one of them a
    knowledge base reads as one finding resolved and another introduced, or as three introduced when
    the rest fall under the grouping threshold; matched per touchpoint it reads as one resolved.
    """
    stages = {tp.id: stage.id for stage, tp in side.journey.touchpoints()}
    found: list[Diagnostic] = []
    for finding in side.findings:
        listed = _listed(finding, stages)
        found += [_one_of(finding, tp, stages[tp]) for tp in listed] if listed else [finding]
    return tuple(found)


def _listed(finding: Diagnostic, stages: dict[str, str]) -> list[str]:
    """The touchpoint ids a grouped finding lists; empty for any other finding (or one listing other things)."""
    message = finding.message
    if not isinstance(message, Msg) or message.msgid != _GROUPED:
        return []
    names = message.args.get("names")
    ids = [str(item).strip("'") for item in names.items] if isinstance(names, Joined) else []
    return ids if ids and all(i in stages for i in ids) else []


def _one_of(finding: Diagnostic, touchpoint: str, stage: str) -> Diagnostic:
    """One touchpoint's part of a grouped finding (at the group's place: findings carry no other)."""
    args = finding.message.args if isinstance(finding.message, Msg) else {}
    message = Msg(
        "%(what)s: '%(touchpoint)s' (one of %(count)s)",
        what=args.get("what", ""),
        touchpoint=Verbatim(touchpoint),
        count=args.get("count", 1),
    )
    return replace(finding, message=message, touchpoint=touchpoint, stage=stage)


def _unmatched(
    findings: tuple[Diagnostic, ...],
    key: Callable[[Diagnostic], tuple[str, str | None]],
    others: list[tuple[str, str | None]],
) -> list[Diagnostic]:
    """The findings with no counterpart among ``others`` (as many matches as each key has there)."""
    pool = Counter(others)
    alone = []
    for finding in findings:
        found = key(finding)
        if pool[found] > 0:
            pool[found] -= 1
        else:
            alone.append(finding)
    return alone


def _opportunities(
    before: Side, after: Side, renamed: dict[str, str], touchpoints: tuple[TouchpointDiff, ...], delivered: bool
) -> tuple[tuple[str, str], ...]:
    """(touchpoint id, opportunity) listed on a touchpoint before and no longer listed after (decision 0044).

    ``delivered``: only those whose touchpoint improved (its friction went down, not by a target change
    alone, and nothing regressed there); else only the others, which are merely *no longer listed*.
    Why: an idea deleted from a file is not an idea built; only the touchpoint getting better says so.
    """
    improved = {d.id for d in touchpoints if _improved(d)}
    later = {tp.id: set(tp.opportunities) for _, tp in after.journey.touchpoints()}
    found = []
    for _, tp in before.journey.touchpoints():
        tid = renamed.get(tp.id, tp.id)
        now = later.get(tid)
        if now is None or (tid in improved) != delivered:
            continue
        found += [(tid, text) for text in tp.opportunities if text not in now]
    return tuple(found)


def _improved(diff: TouchpointDiff) -> bool:
    """Whether customers are better off at the touchpoint: friction down as shown, for a reason of theirs."""
    delta = diff.delta
    return delta is not None and delta < 0 and not diff.from_targets and not diff.regressions


# -- journey KPIs ----------------------------------------------------------------------------------------------


def _kpi_diffs(old: Journey, new: Journey) -> tuple[KpiDiff, ...]:
    """The journey's own metrics (``journey.metrics``) before and after, each with its target's status.

    The statuses are ``rendering.kpis.journey_kpis``'s (the one place the map and the report read them);
    the values are cited as findings cite them (``cited_value``: a measured one with n and interval).
    """
    from journeymap.rendering.kpis import journey_kpis

    status = {row.id: row.verdict for row in journey_kpis(old)}, {row.id: row.verdict for row in journey_kpis(new)}
    metrics = old.info.metrics, new.info.metrics
    names = [n for n, _ in metrics[0].items()] if metrics[0] else []
    names += [n for n, _ in metrics[1].items()] if metrics[1] else []
    return tuple(_kpi(old, new, name, (status[0].get(name), status[1].get(name))) for name in dict.fromkeys(names))


def _kpi(old: Journey, new: Journey, name: str, status: tuple[str | None, str | None]) -> KpiDiff:
    from journeymap.model.metrics import metric_title

    a = old.info.metrics.get(name) if old.info.metrics else None
    b = new.info.metrics.get(name) if new.info.metrics else None
    goal_a = old.info.targets.get(name) if old.info.targets else None
    goal_b = new.info.targets.get(name) if new.info.targets else None
    shown_target = goal_a.display if goal_a else None, goal_b.display if goal_b else None
    title = metric_title(name, b or a)
    moved = shown_target[0] != shown_target[1]
    remark = None
    if moved:
        remark = _target_change(new, name, title, (goal_a, goal_b), status).remark
    newly_missed = not moved and status[1] == "missed" and status[0] != "missed"
    return KpiDiff(
        id=name,
        title=title,
        before=_shown(a),
        after=_shown(b),
        change=_kpi_change(a, b),
        direction=_direction(new, name, a, b),
        target=shown_target,
        status=(_status(status[0]), _status(status[1])),
        remark=remark,
        regression=Msg("%(metric)s target newly missed", metric=title) if newly_missed else None,
    )


def _kpi_change(a: Measure | None, b: Measure | None) -> str | None:
    """The change between two values as shown, in the unit's terms: ``+7.0``, ``-16.0 pts``, ``-1m 5s``, ``-9,600``.

    The difference of the tenths (``shown.tenth_change``; a share in points), so it adds up with the values.
    """
    from journeymap.model.evidence import change_text

    if a is None or b is None or a.unit != b.unit:
        return None
    if a.unit == "percent":
        return Msg(
            "%(mark)s%(change)s pts", mark=Verbatim(""), change=signed_tenth(tenth_change(a.value * 100, b.value * 100))
        )
    if a.unit in ("duration", "count"):
        grouped = _in_thousands(a.display) or _in_thousands(b.display)  # the values are shown as typed
        return None if a.value == b.value else change_text(b.value - a.value, a.unit, grouped)
    return signed_tenth(tenth_change(a.value, b.value))


def _in_thousands(typed: str) -> bool:
    """Whether a typed count separates its thousands (``41,200``, ``٤١٬٢٠٠``), so its change does too."""
    return re.search(r"\d[,٬]\d", typed) is not None


def _plan(before: Side, after: Side, touchpoints: tuple[TouchpointDiff, ...]) -> tuple[PlanItem, ...]:
    """The later state's plan, by friction removed per unit of effort (items without an effort last).

    Friction removed: over the touchpoints an item changes (and the ones it ``removes``), friction
    before minus after, times the touchpoint's weight (in the later state; in the earlier one when
    it is gone).
    """
    by_id = {d.id: d for d in touchpoints}
    weights = {t.touchpoint_id: t.weight for t in before.scores.touchpoints}
    weights |= {t.touchpoint_id: t.weight for t in after.scores.touchpoints}
    items = []
    removed = {d.id: d for d in touchpoints if d.status == "removed"}
    for change in after.journey.plan:
        named = [by_id[t] for t in change.touchpoints if t in by_id] + [
            removed[t] for t in change.removes if t in removed
        ]
        gone = sum(weights.get(d.id, 1.0) * d.friction_removed for d in named)
        effort = change.effort_units
        items.append(
            PlanItem(
                id=change.id,
                title=change.title,
                touchpoints=tuple(change.touchpoints) + tuple(change.removes),
                effect=change.effect,
                effort=effort,
                owner=change.owner,
                due=change.due,
                friction_removed=gone,
                per_effort=gone / effort if effort else None,
                changes_nothing=all(d.status == "unchanged" for d in named),
            )
        )
    return tuple(sorted(items, key=lambda i: (i.per_effort is None, -(i.per_effort or 0.0), -i.friction_removed)))


def _unexplained(later: Journey, touchpoints: tuple[TouchpointDiff, ...]) -> tuple[str, ...]:
    """Changed touchpoints no opportunity of the plan names (only for a future state or one with a plan)."""
    if later.info.state != "future" and not later.plan:
        return ()
    named = {t for change in later.plan for t in (*change.touchpoints, *change.removes)}
    return tuple(d.id for d in touchpoints if d.status != "unchanged" and d.id not in named)


__all__ = [
    "Change",
    "Comparison",
    "FindingDiff",
    "GroupDiff",
    "KpiDiff",
    "PlanItem",
    "Side",
    "StageRename",
    "TouchpointDiff",
    "UnrelatedJourneys",
    "compare",
]
