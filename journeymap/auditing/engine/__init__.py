"""The audit engine: settings -> the rules to run, their findings -> Diagnostics at YAML positions.

Why one place: selection, levels, options (``plan``), inline suppressions
(``suppress``), superseded and grouped findings, and the audit's own
diagnostics (JM390-JM392) all meet here, so every rule stays a pure
``check`` that knows nothing about configuration or positions.
"""

from __future__ import annotations

from journeymap import flow
from journeymap.auditing.engine.plan import Plan, Settings, check_references, make_plan
from journeymap.auditing.engine.suppress import apply_suppressions
from journeymap.auditing.registry import BY_CODE, RULES
from journeymap.auditing.rule import Context, Finding, located, touchpoints
from journeymap.diagnostics import Diagnostic, Severity, Span, sort_unique
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model import Journey


def audit(journey: Journey, source_map: SourceMap | None = None, settings: Settings | None = None) -> list[Diagnostic]:
    """Every finding for one journey, with the audit's own diagnostics, sorted by position.

    Without a source map (a journey built in code) every finding points at line 1 of ``<journey>``;
    its ``stage`` and ``touchpoint`` still say where it belongs. Findings become diagnostics (a
    position, a stage and a touchpoint each) only once they are known to be reported: superseded,
    suppressed and grouped findings never need one.
    """
    source_map = source_map or SourceMap("<journey>")
    plan = make_plan(journey, source_map, settings or Settings())
    raw: list[tuple[str, Finding]] = []
    with flow.shared(journey):  # the rules follow the same paths: computed once for all of them
        for rule in RULES:
            if rule.code in plan.rules:
                options = plan.rules[rule.code][1]
                code = rule.code
                raw += [(code, finding) for finding in rule.check(journey, Context(journey, options))]
        kept, problems = apply_suppressions(journey, source_map, drop_superseded(raw), plan)
        grouped = group_findings(journey, source_map, kept, plan)
    return sort_unique([*plan.problems, *grouped, *problems])


def drop_superseded(raw: list[tuple[str, Finding]]) -> list[tuple[str, Finding]]:
    """Drop a finding when a rule that supersedes it reports the same key path or a place inside it.

    Why "inside": a stage-wide finding (nothing after the purchase reaches out)
    says less than a precise one at a touchpoint of that stage (this late step
    has no notice), so the precise one is kept. Only the findings of rules that
    supersede another are indexed (every prefix of their key paths), and only the
    findings of rules that can be superseded are looked up.
    """
    superseding = {other for rule in RULES for other in rule.superseded_by}
    reported = {(code, f.path[:depth]) for code, f in raw if code in superseding for depth in range(len(f.path) + 1)}
    if not reported:
        return raw
    places = {path for _, path in reported}  # one look-up rules out most findings (nothing reported there)
    kept = []
    for code, f in raw:
        by = _SUPERSEDED_BY[code]
        if by and f.path in places and any((other, f.path) in reported for other in by):
            continue
        kept.append((code, f))
    return kept


#: Each rule's ``superseded_by``, read once (superseding looks it up for every finding).
_SUPERSEDED_BY = {code: rule.superseded_by for code, rule in BY_CODE.items()}


def group_findings(
    journey: Journey, source_map: SourceMap, kept: list[tuple[str, Finding]], plan: Plan
) -> list[Diagnostic]:
    """Each finding as a diagnostic; one finding for a rule that reports more than its ``group_above``
    option allows (after suppressions)."""
    by_code: dict[str, list[Finding]] = {}
    for code, finding in kept:
        found = by_code.get(code)
        if found is None:
            by_code[code] = [finding]
        else:
            found.append(finding)
    result: list[Diagnostic] = []
    places = {path: (stage.id, tp.id) for path, stage, tp in touchpoints(journey)}
    for code, findings in by_code.items():
        severity, options = plan.rules[code]
        limit = getattr(options, "group_above", None)
        if limit is not None and len(findings) > limit:
            findings = [BY_CODE[code].group(journey, findings)]
        result += _diagnostics(code, severity, findings, source_map, journey, places)
    return result


def _diagnostics(
    code: str,
    severity: Severity,
    findings: list[Finding],
    source_map: SourceMap,
    journey: Journey,
    places: dict[KeyPath, tuple[str, str]],
) -> list[Diagnostic]:
    """Each finding of one rule at its place; ``places``: (stage id, touchpoint id) by each touchpoint's key
    path, the answer of ``located`` for a path inside a touchpoint, looked up instead of walking the model.

    Why one loop over a rule's findings, with the span made from the position the loader stored: a big
    journey reports tens of thousands of findings, and the general ``SourceMap.value`` (which falls back to
    the nearest ancestor, through four calls) costs more than the rest of a diagnostic. Findings point at
    what was written, so the fallback is taken only for a place the file does not have.
    """
    file, values, keys = source_map.path, source_map.values.stored, source_map.keys.stored
    made = []
    for finding in findings:
        if finding.later is not None:
            finding = finding.words()
        path = finding.path
        stored = keys(path) if finding.at_key else None
        if stored is None:
            stored = values(path)
        if type(stored) is tuple:
            span = Span(file, *stored)
        else:
            span = source_map.key(path) if finding.at_key else source_map.value(path)
        found = places.get(path[:4]) if len(path) >= 4 else None
        stage, touchpoint = found if found is not None else located(journey, path)
        level = severity if finding.at_most is None else min(severity, finding.at_most)
        made.append(Diagnostic(code, level, finding.message, span, finding.hint, stage, touchpoint))
    return made


__all__ = ["Plan", "Settings", "audit", "check_references", "make_plan"]
