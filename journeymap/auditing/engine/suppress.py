"""Inline suppressions: drop the findings they silence, report the ones that are wrong or stale."""

from __future__ import annotations

from dataclasses import replace

from journeymap.auditing.engine.plan import Plan, unknown_rule
from journeymap.auditing.registry import matching
from journeymap.auditing.rule import Finding, touchpoints
from journeymap.codes import CODES
from journeymap.diagnostics import Diagnostic, Span
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model import Journey
from journeymap.translation import Msg


def apply_suppressions(
    journey: Journey, source_map: SourceMap, raw: list[tuple[str, Finding]], plan: Plan
) -> tuple[list[tuple[str, Finding]], list[Diagnostic]]:
    """Drop findings silenced at their touchpoint; report reasonless, unknown and unused suppressions.

    ``raw`` holds (rule code, finding) pairs. The findings at or inside each touchpoint are
    looked up by its key path, not searched for once per suppression.
    """
    silenced: set[int] = set()
    problems: list[Diagnostic] = []
    at: dict[KeyPath, list[int]] | None = None
    for path, stage, tp in touchpoints(journey):
        if not tp.suppress:
            continue
        if at is None:
            at = _by_touchpoint(raw)
        before = len(problems)
        for i, entry in enumerate(tp.suppress):
            where = (*path, "suppress", i)
            codes = matching(entry.rule)
            if not codes:
                problems.append(unknown_rule(entry.rule, source_map.value((*where, "rule"))))
                continue
            if not (entry.reason or "").strip():
                problems.append(_no_reason(entry.rule, source_map.value(where)))
                continue
            hits = [k for k in at.get(path, ()) if raw[k][0] in codes]
            silenced.update(hits)
            if not hits and any(c in plan.rules for c in codes) and "JM392" not in plan.ignored:
                problems.append(_unused(entry.rule, tp.id, source_map.value(where)))
        problems[before:] = [replace(d, stage=stage.id, touchpoint=tp.id) for d in problems[before:]]
    if not silenced:
        return raw, problems
    kept = [pair for k, pair in enumerate(raw) if k not in silenced]
    return kept, problems


def _by_touchpoint(raw: list[tuple[str, Finding]]) -> dict[KeyPath, list[int]]:
    """Positions in ``raw`` of the findings at or inside each touchpoint, by the touchpoint's key path."""
    at: dict[KeyPath, list[int]] = {}
    for k, (_, finding) in enumerate(raw):
        path = finding.path
        if len(path) >= 4 and path[0] == "stages" and path[2] == "touchpoints":
            at.setdefault(path[:4], []).append(k)
    return at


def _no_reason(rule: str, span: Span) -> Diagnostic:
    return Diagnostic(
        "JM391",
        CODES["JM391"].severity,
        Msg("the suppression of %(rule)s gives no reason, so it is not applied", rule=rule),
        span,
        Msg('write why the finding does not apply here: {rule: %(rule)s, reason: "..."}', rule=rule),
    )


def _unused(rule: str, touchpoint: str, span: Span) -> Diagnostic:
    return Diagnostic(
        "JM392",
        CODES["JM392"].severity,
        Msg("the suppression of %(rule)s at '%(touchpoint)s' matches no finding", rule=rule, touchpoint=touchpoint),
        span,
        Msg("remove it: the problem it silenced is gone"),
    )
