"""Results -> template-ready plain data: dicts, lists, strings and numbers, in a stable order.

Why plain data: the same context feeds the HTML and Markdown templates, a
team's own templates (``--template-dir``) and ``--format json``, so it must
be easy to read, stable across runs and free of model objects.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.formats.localized import localized
from journeymap.model import Journey, Persona, Stage, Touchpoint
from journeymap.model.channel import KINDS
from journeymap.rendering.kpis import MetricRow, data_range_text, journey_kpis, metric_rows, target_tally
from journeymap.rendering.labels import channel_name, emotion_name, shown
from journeymap.reporting.inputs import ReportInput
from journeymap.reporting.words import component_label, industry_name, words_for
from journeymap.scoring.results import JourneyScore, TouchpointScore
from journeymap.translation import Translator, for_journey, translate

#: How many touchpoints the "highest friction" section lists.
HOTSPOTS = 5
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def journey_context(item: ReportInput, page: str, persona: str | None = None) -> dict[str, Any]:
    """Everything one journey page shows, in reading order."""
    journey, scores = item.journey, item.scores
    info = journey.info
    chosen = journey.persona(persona) if persona else None
    return {
        "id": journey.id,
        "page": page,
        "source": item.path,
        "title": info.title,
        "description": info.description,
        "goal": info.goal,
        "owner": info.owner,
        "industry": info.industry,
        "industry_name": industry_name(info.language, info.industry),
        "language": info.language,
        "dir": "rtl" if info.rtl else "ltr",
        "tags": list(info.tags),
        "persona": chosen.name if chosen else None,
        "data_range": data_range_text(journey),
        "words": dict(words_for(info.language)),  # a copy: a template may change it, the next page must not see that
        "numerals": for_journey(journey).numerals,
        "summary": _summary(journey, scores),
        "personas": [_persona(journey, p) for p in journey.personas],
        "stages": [_stage(journey, scores, stage, persona) for stage in journey.stages],
        "hotspots": [_hotspot(journey, t) for t in scores.ranked() if t.score is not None][:HOTSPOTS],
        "metrics": _metrics(journey),
        "targets": target_tally(_judged(journey)),
        "touchpoints": [_touchpoint(journey, scores, stage, tp) for stage, tp in journey.touchpoints()],
        "findings": findings_context(item.findings, for_journey(journey)),
    }


def _summary(journey: Journey, scores: JourneyScore) -> dict[str, Any]:
    channels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for _, tp in journey.touchpoints():
        channels[tp.channel] += 1
        kinds[_kind(journey, tp.channel)] += 1
    overall = scores.overall
    return {
        "personas": len(journey.personas),
        "stages": len(journey.stages),
        "touchpoints": sum(channels.values()),
        "moments_of_truth": sum(1 for _, tp in journey.touchpoints() if tp.moment_of_truth is not None),
        "friction": _round(overall.score),
        "band": overall.band,
        "confidence": round(overall.confidence, 2),
        "by_channel": [
            {"id": cid, "name": channel_name(journey, cid), "kind": _kind(journey, cid), "count": count}
            for cid, count in sorted(channels.items(), key=lambda item: (-item[1], item[0]))
        ],
        "by_kind": [{"kind": kind, "count": kinds[kind]} for kind in KINDS],
        "kpis": [row.as_dict() for row in journey_kpis(journey)],
    }


def _persona(journey: Journey, persona: Persona) -> dict[str, Any]:
    return {
        "id": persona.id,
        "name": persona.name,
        "description": persona.description,
        "quote": persona.quote,
        "goals": list(persona.goals),
        "needs": list(persona.needs),
        "pain_points": list(persona.pain_points),
        "preferred_channels": [channel_name(journey, c) for c in persona.preferred_channels],
        "share": for_journey(journey).number(shown(persona.share)) if persona.share else None,
    }


def _stage(journey: Journey, scores: JourneyScore, stage: Stage, persona: str | None) -> dict[str, Any]:
    group = next((s for s in scores.stages if s.id == stage.id), None)
    emotions = [e for tp in stage.touchpoints if (e := journey.emotion(tp, persona)) is not None]
    return {
        "id": stage.id,
        "name": stage.name,
        "touchpoints": len(stage.touchpoints),
        "friction": _round(group.score) if group else None,
        "band": group.band if group else "unknown",
        "emotion": round(sum(emotions) / len(emotions), 1) if emotions else None,
        "moments_of_truth": [tp.name for tp in stage.touchpoints if tp.moment_of_truth is not None],
    }


def _emotion_text(journey: Journey, tp: Touchpoint) -> str | None:
    spec = tp.emotion
    if spec is None:
        return None
    parts = []
    if spec.everyone is not None:
        parts.append(_one_emotion(journey, spec.everyone.name, spec.everyone.score))
    for pid in sorted(spec.by_persona):
        emotion = spec.by_persona[pid]
        who = journey.persona(pid)
        parts.append(f"{who.name if who else pid}: {_one_emotion(journey, emotion.name, emotion.score, pid)}")
    return "; ".join(parts)


def _one_emotion(journey: Journey, name: str | None, score: float, persona: str | None = None) -> str:
    """``frustrated (2)``: the word in the persona's form (neutral for everyone), the score in the page's digits."""
    number = for_journey(journey).number(f"{score:g}")
    return f"{emotion_name(journey, name, persona)} ({number})" if name else number


def _hotspot(journey: Journey, ts: TouchpointScore) -> dict[str, Any]:
    t = for_journey(journey)
    return {
        "id": ts.touchpoint_id,
        "name": ts.name,
        "stage": ts.stage_name,
        "channel": channel_name(journey, ts.channel),
        "friction": _round(ts.score),
        "band": ts.band,
        "confidence": round(ts.confidence, 2),
        "moment_of_truth": ts.moment_of_truth,
        "reasons": [
            {
                "component": c.component,
                "label": component_label(journey.info.language, c.component, c.label),
                "points": round(c.points, 1),
                "inputs": [translate(i, t) for i in c.inputs],
            }
            for c in ts.top(HOTSPOTS)
        ],
    }


def _judged(journey: Journey) -> list[MetricRow]:
    """The metrics the report's table shows against a target: the journey's KPIs, then every touchpoint's."""
    rows = list(journey_kpis(journey))
    for _, tp in journey.touchpoints():
        rows += [row for row in metric_rows(journey, tp.metrics, tp.targets) if row.target]
    return rows


def _metrics(journey: Journey) -> list[dict[str, Any]]:
    """Every metric with a target: the journey's own first (all of them, as in the summary), then touchpoints
    in journey order."""
    rows = [_metric_row(None, None, row) for row in journey_kpis(journey)]
    for stage, tp in journey.touchpoints():
        rows += [_metric_row(stage, tp, row) for row in metric_rows(journey, tp.metrics, tp.targets) if row.target]
    return rows


def _metric_row(stage: Stage | None, tp: Touchpoint | None, row: MetricRow) -> dict[str, Any]:
    """A metric against its target with where it is measured (the report's metrics table)."""
    where = {"scope": tp.name if tp else None, "stage": stage.name if stage else None}
    return where | _metric_text(row) | {"measured": row.provenance}


def _touchpoint(journey: Journey, scores: JourneyScore, stage: Stage, tp: Touchpoint) -> dict[str, Any]:
    ts = scores.touchpoint(tp.id)
    return {
        "id": tp.id,
        "name": tp.name,
        "stage": stage.name,
        "stage_id": stage.id,
        "channel": channel_name(journey, tp.channel),
        "kind": _kind(journey, tp.channel),
        "owner": tp.owner,
        "action": tp.action,
        "emotion": _emotion_text(journey, tp),
        "moment_of_truth": tp.moment_of_truth.impact if tp.moment_of_truth else None,
        "moment_why": tp.moment_of_truth.why if tp.moment_of_truth else None,
        "friction": _round(ts.score) if ts else None,
        "band": ts.band if ts else "unknown",
        "metrics": [_metric_text(row) for row in metric_rows(journey, tp.metrics, tp.targets)],
        "pain_points": list(tp.pain_points),
        "opportunities": list(tp.opportunities),
    }


def _metric_text(row: MetricRow) -> dict[str, Any]:
    return {
        "metric": row.name,
        "title": row.title,
        "value": row.value,
        "target": row.target,
        "met": row.met,
        "status": row.status,
        "evidence": row.evidence,
        "trend": row.trend,
        "citation": row.citation,
    }


def findings_context(findings: list[Diagnostic], t: Translator | None = None) -> dict[str, Any]:
    """Findings grouped by severity, worst first; each group sorted by place, then code; messages and hints in
    ``t``'s language (the journey's)."""
    ordered = sorted(findings, key=Diagnostic.sort_key)
    groups = []
    for severity in SEVERITIES:
        items = [_finding(d, t) for d in ordered if d.severity is severity]
        if items:
            groups.append({"severity": severity.label, "count": len(items), "findings": items})
    return {"count": len(ordered), "groups": groups}


def _finding(diagnostic: Diagnostic, t: Translator | None = None) -> dict[str, Any]:
    if t is not None:
        diagnostic = localized(diagnostic, t)
    return {
        "code": diagnostic.code,
        "name": rule_name(diagnostic),
        "severity": diagnostic.severity.label,
        "location": str(diagnostic.span),
        "message": str(diagnostic.message),
        "hint": None if diagnostic.hint is None else str(diagnostic.hint),
    }


def rule_name(diagnostic: Diagnostic) -> str:
    """The code's kebab-case name; the code itself when the table does not know it."""
    try:
        return diagnostic.name
    except KeyError:
        return diagnostic.code


def _kind(journey: Journey, channel_id: str) -> str:
    channel = journey.channel(channel_id)
    return channel.kind if channel else "digital"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
