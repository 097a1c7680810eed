"""Measured values onto a journey: the snapshot beside it becomes its touchpoints' metrics, with provenance.

Why one pure step in the workspace run: validate, score, audit, render,
report and compare all read ``Touchpoint.metrics``; overlaying the snapshot
there, once, means every output shows the same measured number, its n, its
interval and its dates, and no output can forget the snapshot.

The rule (docs/measure.md#measured-values-in-every-command):

* ``checkout.yaml`` uses ``checkout.measured.json`` beside it, if there is one
  (``journeymap measure`` writes it there, also when the definitions live
  elsewhere and name the journey with ``journey:``);
* a measured value replaces a value typed in the journey (JM616 says so);
  the journey's ``targets:`` decide met, missed or inconclusive;
* anything that could make a number wrong is a diagnostic and the value is
  not used: a snapshot of another journey (JM613), a touchpoint the journey
  no longer has (JM612), a measure whose definition changed since (JM614), a
  file that is not a snapshot (JM615), a value withheld for data problems (JM617).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.measuring import counts
from journeymap.measuring.snapshot import FORMAT
from journeymap.model.evidence import snapshot_beside
from journeymap.translation import Joined, Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.loader import SourceMap
    from journeymap.model import Journey, Measure, Touchpoint
    from journeymap.model.evidence import Provenance

_CUSTOM_UNITS = {"percent": "percent", "duration": "duration", "count": "count"}


@dataclass
class Overlay:
    """The journey with measured values in place, and what the snapshot said about itself."""

    journey: Journey
    diagnostics: list[Diagnostic] = field(default_factory=list)
    snapshot: str | None = None


def apply_snapshot(journey_path: str, journey: Journey, source_map: SourceMap | None = None) -> Overlay:
    """The journey at ``journey_path`` with its snapshot's values overlaid (unchanged when it has none)."""
    path = snapshot_beside(journey_path)
    if path is None:
        return Overlay(journey)
    document, problem = read_snapshot(path)
    if document is None:
        return Overlay(journey, [problem] if problem else [], str(path))
    return overlay(journey_path, journey, str(path), document, source_map)


def read_snapshot(path: Path) -> tuple[dict[str, Any] | None, Diagnostic | None]:
    """The snapshot as data, or JM615 when it is not JSON or not a journeymap snapshot."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = str(error).splitlines()[0][:200]
        said = Msg(
            "%(path)s cannot be read as a snapshot: %(reason)s", path=Verbatim(str(path)), reason=Verbatim(reason)
        )
        return None, _at_file("JM615", said, str(path), _REMEASURE)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        message = Msg(
            '%(path)s is not a journeymap snapshot (no "format": "%(format)s")',
            path=Verbatim(str(path)),
            format=Verbatim(FORMAT),
        )
        return None, _at_file("JM615", message, str(path), _REMEASURE)
    if not isinstance(document.get("measures"), dict):
        return None, _at_file("JM615", f'{path} has no "measures"', str(path), _REMEASURE)
    return document, None


_REMEASURE = Msg("run `journeymap measure` again, or delete the file")


def overlay(
    journey_path: str,
    journey: Journey,
    snapshot: str,
    document: dict[str, Any],
    source_map: SourceMap | None = None,
) -> Overlay:
    """The pure step: ``document`` (a snapshot read from ``snapshot``) overlaid onto ``journey``."""
    found = _touchpoints(journey)
    measures: dict[str, Any] = document["measures"]
    other = _other_journey(journey_path, snapshot, document, set(found), measures)
    if other is not None:
        return Overlay(journey, [other], snapshot)
    current, problems = _current_definitions(snapshot, document)
    diagnostics = list(problems)
    updates: dict[str, dict[str, Measure]] = {}
    for tp_id, metrics in sorted(measures.items()):
        if tp_id not in found:
            diagnostics.append(_unknown_touchpoint(snapshot, tp_id, list(found)))
            continue
        index, tp = found[tp_id]
        where = _span(source_map, journey_path, index)
        for metric, entry in sorted(metrics.items()):
            value, notes = _value(snapshot, tp, metric, _with_context(entry, document), current, where)
            diagnostics.extend(notes)
            if value is not None:
                updates.setdefault(tp_id, {})[metric] = value
    return Overlay(_with_values(journey, updates), diagnostics, snapshot)


def _with_context(entry: Any, document: dict[str, Any]) -> Any:
    """The entry with what the snapshot says once for all: its confidence, and the data's dates.

    The data's date range is the first and last day of the rows the value rests on (``dates``), else
    (older snapshots) the measure's window clipped to the dates its source holds.
    """
    if not isinstance(entry, dict):
        return entry
    sources = document.get("sources") or {}
    source = sources.get(entry.get("source")) if isinstance(sources, dict) else None
    dates = entry.get("dates") or (source or {}).get("dates") or [None, None]
    period = entry.get("period") or {}
    since = _later(period.get("since"), dates[0])
    until = _earlier(period.get("until"), dates[1])
    return {"confidence": document.get("confidence", 0.95), **entry, "data_since": since, "data_until": until}


def _later(a: Any, b: Any) -> str | None:
    found = [str(x) for x in (a, b) if x]
    return max(found) if found else None


def _earlier(a: Any, b: Any) -> str | None:
    found = [str(x) for x in (a, b) if x]
    return min(found) if found else None


def _touchpoints(journey: Journey) -> dict[str, tuple[tuple[int, int], Touchpoint]]:
    return {tp.id: ((s, t), tp) for s, stage in enumerate(journey.stages) for t, tp in enumerate(stage.touchpoints)}


def _other_journey(
    journey_path: str, snapshot: str, document: dict[str, Any], ids: set[str], measures: dict[str, Any]
) -> Diagnostic | None:
    """JM613 when the snapshot names another journey file, or none of its touchpoints is in this one."""
    named = document.get("journey")
    definitions = document.get("definitions")
    if isinstance(named, str) and isinstance(definitions, str):
        folder = os.path.dirname(os.path.join(os.path.dirname(snapshot), definitions))
        expected = os.path.normpath(os.path.join(folder, named))
        if os.path.abspath(expected) != os.path.abspath(journey_path):
            message = Msg(
                "the snapshot was measured for %(named)s (per %(definitions)s), not %(path)s: not used",
                named=Verbatim(named),
                definitions=Verbatim(definitions),
                path=Verbatim(journey_path),
            )
            hint = Msg("measure this journey's own definitions, or move the file")
            return _at_file("JM613", message, snapshot, hint)
    if measures and not ids & set(measures):
        listed = ", ".join(sorted(measures)[:5])
        message = Msg(
            "the snapshot measures none of the touchpoints here (it measures %(listed)s): not used",
            listed=Verbatim(listed),
        )
        hint = Msg("is this the snapshot of another journey? measure this one")
        return _at_file("JM613", message, snapshot, hint)
    return None


Hashes = dict[tuple[str, str], str]


def _current_definitions(snapshot: str, document: dict[str, Any]) -> tuple[Hashes | None, list[Diagnostic]]:
    """Each measure's definition hash as the definitions are now (None when they cannot be read: JM618)."""
    from journeymap.measuring.load import load_definitions
    from journeymap.measuring.plan import Overrides, jobs

    named = document.get("definitions")
    path = os.path.join(os.path.dirname(snapshot), named) if isinstance(named, str) else None
    if path is None or not os.path.isfile(path):
        message = Msg(
            "the snapshot's definitions (%(named)s) are not there, so its values cannot be checked as current",
            named=Verbatim(str(named)),
        )
        hint = Msg("keep the definitions where the snapshot says they are")
        return None, [_at_file("JM618", message, snapshot, hint, Severity.INFO)]
    loaded = load_definitions(path)
    if loaded.definitions is None:
        message = Msg(
            "the snapshot's definitions (%(path)s) have errors, so its values cannot be checked as current",
            path=Verbatim(path),
        )
        hint = Msg("run `%(command)s` to see them", command=Verbatim(f"journeymap measure {path}"))
        return None, [_at_file("JM618", message, snapshot, hint, Severity.INFO)]
    recorded = document.get("overrides") or {}
    overrides = Overrides(_day(recorded.get("since")), _day(recorded.get("until")), recorded.get("period"))
    hashes = {(job.touchpoint, job.metric): job.definition_hash for job in jobs(loaded.definitions, overrides)}
    return hashes, []


def _day(text: Any) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text) if isinstance(text, str) else None


def _value(
    snapshot: str,
    tp: Touchpoint,
    metric: str,
    entry: Any,
    current: dict[tuple[str, str], str] | None,
    where: Span,
) -> tuple[Measure | None, list[Diagnostic]]:
    """One snapshot entry as a Measure for ``tp``, or the diagnostic that says why it is not used."""
    label = f"{tp.id}.{metric}"
    if not isinstance(entry, dict):
        said = Msg(
            "%(snapshot)s: %(label)s is not a measured value", snapshot=Verbatim(snapshot), label=Verbatim(label)
        )
        return None, [_at_file("JM615", said, snapshot, _REMEASURE)]
    if current is not None and current.get((tp.id, metric)) != entry.get("definition"):
        gone = (tp.id, metric) not in current
        why = Msg("is no longer defined") if gone else Msg("has changed since it was measured")
        message = Msg(
            "the measure %(label)s %(why)s; its value in %(snapshot)s is not used",
            label=Verbatim(label),
            why=why,
            snapshot=Verbatim(snapshot),
        )
        return None, [Diagnostic("JM614", Severity.WARNING, message, where, Msg("run `journeymap measure` again"))]
    if entry.get("status") != "measured" or not isinstance(entry.get("value"), (int, float)):
        listed = entry.get("problems") or []
        problems = Verbatim(", ".join(listed)) if listed else Msg("data problems")
        message = Msg(
            "%(label)s was not computed (%(problems)s); the journey's own value, if any, is used",
            label=Verbatim(label),
            problems=problems,
        )
        hint = Msg("run `journeymap measure` to see the problems in the data")
        return None, [Diagnostic("JM617", Severity.WARNING, message, where, hint)]
    typed = tp.metrics.get(metric)
    measure = measured_value(metric, entry, _provenance(snapshot, entry, typed), typed)
    notes = []
    if typed is not None:
        message = Msg(
            "%(label)s: the measured %(measured)s replaces %(typed)s typed in the journey",
            label=Verbatim(label),
            measured=measure.display,
            typed=typed.display,  # a value: the reader's digits and units, as the measured one
        )
        notes.append(Diagnostic("JM616", Severity.INFO, message, where, Msg("remove the typed value, or the measure")))
    if measure.measured is not None and measure.measured.small_sample:
        message = Msg(
            "%(label)s rests on %(n)s: a small sample, read its interval",
            label=Verbatim(label),
            n=counts.of_answers(measure.measured.n),
        )
        notes.append(
            Diagnostic("JM619", Severity.INFO, message, where, Msg("widen the window or collect more answers"))
        )
    return measure, notes


def _provenance(snapshot: str, entry: dict[str, Any], typed: Measure | None) -> Provenance:
    from journeymap.model.evidence import Provenance, SeriesPoint

    interval = entry.get("interval") or (None, None)
    series = (entry.get("series") or {}).get("values") or []
    period = entry.get("period") or {}
    return Provenance(
        snapshot=snapshot,
        source=str(entry.get("source", "")),
        files=tuple(entry.get("files") or ()),
        statistic=str(entry.get("statistic", "")),
        method=str(entry.get("method", "")),
        n=int(entry.get("n") or 0),
        rows=int(entry.get("rows") or 0),
        low=interval[0],
        high=interval[1],
        confidence=float(entry.get("confidence", 0.95)),
        since=entry.get("data_since") or period.get("since"),
        until=entry.get("data_until") or period.get("until"),
        small_sample=bool(entry.get("small_sample")),
        replaced=typed.display if typed is not None else None,
        series_by=(entry.get("series") or {}).get("by"),
        series=tuple(
            SeriesPoint(
                period=str(p["period"]),
                value=float(p["value"]),
                n=int(p.get("n") or 0),
                low=(p.get("interval") or (None, None))[0],
                high=(p.get("interval") or (None, None))[1],
                small_sample=bool(p.get("small_sample")),
            )
            for p in series
            if isinstance(p, dict) and isinstance(p.get("value"), (int, float))
        ),
    )


def measured_value(metric: str, entry: dict[str, Any], provenance: Provenance, typed: Measure | None) -> Measure:
    """The Measure a journey would hold, in the catalogue's unit, carrying its provenance.

    CES keeps the typed value's scale and direction (the snapshot records the value, not the scale);
    a custom metric keeps the typed ``better`` and ``label``.
    """
    from journeymap.model.metrics import CATALOGUE, CustomMeasure, Effort, Measure
    from journeymap.shown import amount_text

    unit = str(entry.get("unit") or "number")
    value = float(entry["value"])
    spec = CATALOGUE.get(metric)
    if spec is None:
        custom_unit = _CUSTOM_UNITS.get(unit, "number")
        better = typed.better if isinstance(typed, CustomMeasure) else None
        label = typed.label if isinstance(typed, CustomMeasure) else None
        text = amount_text(value, custom_unit)
        return CustomMeasure(value=value, unit=custom_unit, text=text, measured=provenance, better=better, label=label)
    text = amount_text(value, spec.unit)
    if spec.unit == "effort":
        scale = typed if isinstance(typed, Effort) else None
        return Effort(
            value=value,
            unit="effort",
            text=text,
            responses=provenance.n,
            measured=provenance,
            scale_min=scale.scale_min if scale else None,
            scale_max=scale.scale_max if scale else None,
            higher_is=scale.higher_is if scale else None,
        )
    return Measure(value=value, unit=spec.unit, text=text, responses=provenance.n, measured=provenance)


def _with_values(journey: Journey, updates: dict[str, dict[str, Measure]]) -> Journey:
    """A copy of the journey whose touchpoints hold the measured values (no re-validation: they are typed)."""
    if not updates:
        return journey
    stages = []
    for stage in journey.stages:
        touchpoints = [
            tp.model_copy(update={"metrics": _metrics(tp, updates[tp.id])}) if tp.id in updates else tp
            for tp in stage.touchpoints
        ]
        stages.append(stage.model_copy(update={"touchpoints": touchpoints}))
    return journey.model_copy(update={"stages": stages})


def _metrics(tp: Touchpoint, values: dict[str, Measure]) -> Any:
    from journeymap.model.metrics import CATALOGUE

    update: dict[str, Any] = {name: value for name, value in values.items() if name in CATALOGUE}
    custom = {name: value for name, value in values.items() if name not in CATALOGUE}
    if custom:
        update["custom"] = {**tp.metrics.custom, **custom}
    return tp.metrics.model_copy(update=update)


def _unknown_touchpoint(snapshot: str, tp_id: str, ids: list[str]) -> Diagnostic:
    from journeymap.validation.suggest import did_you_mean

    close = did_you_mean(tp_id, ids, listing=False)
    rename = Msg("rename the measure in the definitions and run `journeymap measure`")
    hint = Joined("; ", [close, rename]) if close else rename
    message = Msg(
        "the snapshot measures touchpoint '%(id)s', which the journey does not have; its values are not used",
        id=Verbatim(tp_id),
    )
    return _at_file("JM612", message, snapshot, hint)


def _span(source_map: SourceMap | None, journey_path: str, index: tuple[int, int]) -> Span:
    """Where a touchpoint's metrics are written (its ``metrics:`` key, else the touchpoint itself)."""
    if source_map is None:
        return Span(journey_path)
    path: tuple[str | int, ...] = ("stages", index[0], "touchpoints", index[1])
    return source_map.value((*path, "metrics")) if (*path, "metrics") in source_map.values else source_map.value(path)


def _at_file(code: str, message: str, path: str, hint: str, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(code, severity, message, Span(path, 1, 1), hint)
