"""Comparison results: plain frozen dataclasses with a stable JSON shape (docs/compare.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.shown import friction_tenth, tenth_change
from journeymap.translation import N_, Msg, Plural, Verbatim

#: Said under a touchpoint whose friction moved only because a target moved (``TouchpointDiff.from_targets``).
FROM_TARGETS = N_("the friction change comes from the target change, not from what customers live")


@dataclass(frozen=True)
class Change:
    """One value of a touchpoint, before and after; ``direction`` is better, worse or changed."""

    what: str
    before: str | None
    after: str | None
    direction: str
    #: ``performance`` (a value, or a target met or missed), ``target`` (the target itself moved: the team
    #: changed its goal, which is neither better nor worse and never a regression) or ``priority`` (only the
    #: touchpoint's priority moved, with the rest of the journey; ``remark`` is the change).
    kind: str = "performance"
    #: For a target change: ``relaxed`` or ``tightened``, and what it does to the status (``now met``).
    remark: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "before": self.before,
            "after": self.after,
            "direction": self.direction,
            "kind": self.kind,
            "remark": self.remark,
        }


@dataclass(frozen=True)
class TouchpointDiff:
    """A touchpoint matched across the two states (or only in one of them)."""

    status: str  # added, removed, renamed, changed, unchanged
    id: str
    was: str | None
    name: str
    stage: str
    friction: tuple[float | None, float | None]
    priority: tuple[float | None, float | None]
    changes: tuple[Change, ...] = ()
    regressions: tuple[str, ...] = ()

    @property
    def from_targets(self) -> bool:
        """Whether the friction moved only because a target moved (every change is a target change)."""
        return bool(self.changes) and all(c.kind == "target" for c in self.changes) and self.delta not in (None, 0)

    @property
    def priority_only(self) -> bool:
        """Whether only its priority moved: nothing of the touchpoint itself changed (``Change.kind`` priority)."""
        return bool(self.changes) and all(c.kind == "priority" for c in self.changes)

    @property
    def shown_status(self) -> str:
        """The status compare's outputs show: ``reprioritised`` for an unchanged touchpoint whose priority moved.

        Why not a ``status`` of its own: the map badges and the report counts what the touchpoint itself
        did, and nothing did; only compare's lists must not call it unchanged.
        """
        return "reprioritised" if self.status == "unchanged" and self.priority_only else self.status

    @property
    def listed(self) -> bool:
        """Whether compare's outputs list it among the touchpoints (anything but nothing at all changed)."""
        return self.shown_status != "unchanged"

    @property
    def delta(self) -> float | None:
        """Friction after minus before, as shown (``shown.tenth_change``); None when a state has none."""
        return _change(*self.friction)

    @property
    def priority_delta(self) -> float | None:
        return _change(*self.priority)

    @property
    def friction_removed(self) -> float:
        """Friction before minus after (a removed touchpoint removes all of its friction)."""
        before, after = self.friction
        return (before or 0.0) - (after or 0.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.shown_status,
            "id": self.id,
            "was": self.was,
            "name": self.name,
            "stage": self.stage,
            "friction": {"before": _round(self.friction[0]), "after": _round(self.friction[1])},
            "priority": {"before": _round(self.priority[0]), "after": _round(self.priority[1])},
            "changes": [c.as_dict() for c in self.changes],
            "friction_from_targets": self.from_targets,
            "regressions": list(self.regressions),
        }


@dataclass(frozen=True)
class GroupDiff:
    """A stage's or the journey's friction before and after."""

    id: str
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """After minus before, as shown (``shown.tenth_change``); None when a state has none."""
        return _change(self.before, self.after)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "before": _round(self.before), "after": _round(self.after)}


@dataclass(frozen=True)
class StageRename:
    """A stage the later state holds under another id (``was:``, or the same touchpoints) or another name."""

    id: str
    was: str
    name: str
    was_name: str
    #: False when the id changed without ``was:`` and the stage was recognised by its touchpoints or its name.
    declared: bool
    touchpoints: int
    #: How an undeclared rename was recognised: ``touchpoints`` (the very same ones) or ``name`` (kept).
    recognised_by: str = "touchpoints"

    @property
    def said(self) -> Msg:
        """``'support' Support is now 'service' Service and support``: the rename, once for the stage."""
        return Msg(
            "stage '%(was)s' %(was_name)s is now '%(id)s' %(name)s",
            was=Verbatim(self.was),
            was_name=Verbatim(self.was_name),
            id=Verbatim(self.id),
            name=Verbatim(self.name),
        )

    @property
    def hint(self) -> Msg | None:
        """For a rename recognised by its touchpoints or name: write ``was:`` so that it is read, not guessed."""
        if self.declared:
            return None
        if self.recognised_by == "name":
            return Msg(
                "it keeps its name, so it is compared as renamed: add `was: %(was)s` to stage '%(id)s'",
                was=Verbatim(self.was),
                id=Verbatim(self.id),
            )
        return Plural(
            "its %(count)s touchpoint is the same, so it is compared as renamed: add `was: %(was)s` to stage '%(id)s'",
            "its %(count)s touchpoints are the same, so it is compared as renamed: "
            "add `was: %(was)s` to stage '%(id)s'",
            self.touchpoints,
            was=Verbatim(self.was),
            id=Verbatim(self.id),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "was": self.was,
            "name": self.name,
            "was_name": self.was_name,
            "declared": self.declared,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class KpiDiff:
    """One of the journey's own metrics (``journey.metrics``) before and after, with its target's status."""

    id: str
    title: str
    before: str | None
    after: str | None
    #: After minus before as shown (``+7.0``, ``-16.0 pts``); None when a side lacks it or units differ.
    change: str | None
    direction: str
    target: tuple[str | None, str | None]
    #: ``met``, ``missed``, ``inconclusive`` (words) or None, before and after.
    status: tuple[str | None, str | None]
    #: When the target itself moved: ``relaxed`` or ``tightened`` and what that did (decision 0037).
    remark: str | None = None
    #: ``<metric> target newly missed`` when the same target is missed now and was not before.
    regression: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "before": self.before,
            "after": self.after,
            "change": self.change,
            "direction": self.direction,
            "target": {"before": self.target[0], "after": self.target[1]},
            "status": {"before": self.status[0], "after": self.status[1]},
            "remark": self.remark,
            "regression": self.regression,
        }


@dataclass(frozen=True)
class FindingDiff:
    """An audit finding only one state has: ``resolved`` (gone) or ``introduced`` (new)."""

    status: str
    code: str
    severity: Severity
    touchpoint: str | None
    stage: str | None
    message: str
    where: str

    @classmethod
    def of(cls, status: str, finding: Diagnostic) -> FindingDiff:
        span = finding.span
        return cls(
            status, finding.code, finding.severity, finding.touchpoint, finding.stage, finding.message, str(span)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "code": self.code,
            "severity": self.severity.label,
            "touchpoint": self.touchpoint,
            "stage": self.stage,
            "message": self.message,
            "where": self.where,
        }


@dataclass(frozen=True)
class PlanItem:
    """An opportunity of the later state's plan, with the friction it removes."""

    id: str
    title: str
    touchpoints: tuple[str, ...]
    effect: str | None
    effort: float | None
    owner: str | None
    due: str | None
    friction_removed: float
    per_effort: float | None
    changes_nothing: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "touchpoints": list(self.touchpoints),
            "effect": self.effect,
            "effort": self.effort,
            "owner": self.owner,
            "due": self.due,
            "friction_removed": round(self.friction_removed, 1),
            "per_effort": _round(self.per_effort),
            "changes_nothing": self.changes_nothing,
        }


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between two states of one journey."""

    before_path: str
    after_path: str
    title: str
    before_state: str
    after_state: str
    journey: GroupDiff
    stages: tuple[GroupDiff, ...]
    touchpoints: tuple[TouchpointDiff, ...]
    findings: tuple[FindingDiff, ...]
    delivered: tuple[tuple[str, str], ...]
    plan: tuple[PlanItem, ...]
    unexplained: tuple[str, ...]
    language: str = "en"
    rtl: bool = False
    #: Personas added, removed or renamed, and shares that moved (they weight emotions and friction).
    personas: tuple[Change, ...] = ()
    #: Whether each side (before, after) rests on measured values (a snapshot) rather than typed ones.
    measured: tuple[bool, bool] = (False, False)
    #: Stages renamed (by ``was:``, or recognised by their touchpoints) or given another name.
    stage_renames: tuple[StageRename, ...] = ()
    #: The journey's own metrics (KPIs) before and after.
    kpis: tuple[KpiDiff, ...] = ()
    #: (touchpoint id, opportunity) gone from the later state at a touchpoint that did not improve.
    no_longer_listed: tuple[tuple[str, str], ...] = ()

    @property
    def evidence_note(self) -> Msg | None:
        """Said once when one side is measured and the other typed: a difference may be the data's, not the change's."""
        before, after = self.measured
        if before == after:
            return None
        return Msg(
            "%(measured)s rests on measured data, %(typed)s on values typed in the journey: "
            "a metric's change may come from measuring, not from the journey",
            measured=Verbatim(self.before_path if before else self.after_path),
            typed=Verbatim(self.after_path if before else self.before_path),
        )

    def with_status(self, *statuses: str) -> list[TouchpointDiff]:
        return [d for d in self.touchpoints if d.status in statuses]

    @property
    def regressions(self) -> list[str]:
        """Why this change makes things worse: friction up, a target newly missed, a new error-level finding."""
        found: list[str] = [
            Msg("'%(id)s': %(reason)s", id=Verbatim(d.id), reason=reason)
            for d in self.touchpoints
            for reason in d.regressions
        ]
        found += [Msg("journey: %(reason)s", reason=k.regression) for k in self.kpis if k.regression]
        delta = self.journey.delta
        if delta is not None and delta > 0 and not self.only_targets_moved:
            found.append(Msg("journey friction up %(delta)s", delta=friction_tenth(delta)))
        found += [
            Msg(
                "new error %(code)s at '%(where)s': %(message)s",
                code=Verbatim(f.code),
                where=Verbatim(f.touchpoint) if f.touchpoint else Msg("the journey"),
                message=f.message,
            )
            for f in self.findings
            if f.status == "introduced" and f.severity is Severity.ERROR
        ]
        return found

    @property
    def only_targets_moved(self) -> bool:
        """Whether every touchpoint whose friction moved moved because of a target change alone."""
        moved = [d for d in self.touchpoints if d.status in ("added", "removed") or d.delta not in (None, 0)]
        return bool(moved) and all(d.from_targets for d in moved)

    def as_dict(self) -> dict[str, Any]:
        """The comparison as plain data: ``compare --format json``, and the report's current → future section.

        ``touchpoints`` lists every touchpoint where something moved, as every other format does: one whose
        own values are the same but whose priority moved has the status ``reprioritised`` (the map gives it
        no badge: nothing changed for its customers), and ``reprioritised`` sums those up; ``unchanged``
        lists the touchpoints where nothing moved, not even their priority.
        """
        return {
            "before": {"path": self.before_path, "state": self.before_state, "measured": self.measured[0]},
            "after": {"path": self.after_path, "state": self.after_state, "measured": self.measured[1]},
            "note": self.evidence_note,
            "title": self.title,
            "language": self.language,
            "journey": self.journey.as_dict(),
            "kpis": [k.as_dict() for k in self.kpis],
            "stages": [g.as_dict() for g in self.stages],
            "stage_renames": [r.as_dict() for r in self.stage_renames],
            "personas": [c.as_dict() for c in self.personas],
            "touchpoints": [d.as_dict() for d in self.touchpoints if d.listed],
            "unchanged": [d.id for d in self.touchpoints if not d.listed],
            "reprioritised": [
                {"id": d.id, "priority": {"before": _round(d.priority[0]), "after": _round(d.priority[1])}}
                for d in self.touchpoints
                if d.shown_status == "reprioritised"
            ],
            "findings": [f.as_dict() for f in self.findings],
            "delivered": [{"touchpoint": t, "opportunity": o} for t, o in self.delivered],
            "no_longer_listed": [{"touchpoint": t, "opportunity": o} for t, o in self.no_longer_listed],
            "plan": [p.as_dict() for p in self.plan],
            "unexplained": list(self.unexplained),
            "regressions": self.regressions,
        }


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else tenth_change(before, after)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


__all__ = [
    "FROM_TARGETS",
    "Change",
    "Comparison",
    "FindingDiff",
    "GroupDiff",
    "KpiDiff",
    "PlanItem",
    "StageRename",
    "TouchpointDiff",
]
