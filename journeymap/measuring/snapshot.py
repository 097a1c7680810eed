"""The snapshot: every measured value with its n, interval, source files and definition hash, as stable JSON.

Why stable bytes: the snapshot is committed next to the journey and reviewed
in pull requests, so re-measuring unchanged data must change nothing. Keys
are sorted, numbers are rounded to 6 decimals (seconds, NPS points, shares as
fractions, as journey files normalise them), there is no timestamp unless one
is given, and the file is written atomically. Source files are never touched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.measuring.plan import Window
from journeymap.measuring.results import Figure, Result

if TYPE_CHECKING:
    from journeymap.measuring import Measurement

FORMAT = "journeymap-measured/1"
DECIMALS = 6
_SUFFIXES = (".measures.yaml", ".measures.yml", ".yaml", ".yml")


def snapshot_path(definitions_path: str | Path, journey: str | None = None) -> Path:
    """``checkout.measures.yaml`` -> ``checkout.measured.json``, in the same folder; with the definitions'
    ``journey: ../checkout.yaml``, beside that journey (the workspace finds it there, see evidence.py)."""
    path = Path(definitions_path)
    if journey is not None:
        path = Path(os.path.normpath(path.parent / journey))
    name = path.name
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return path.with_name(name[: -len(suffix)] + ".measured.json")
    return path.with_name(name + ".measured.json")


def write_snapshot(measurement: Measurement, target: str | Path | None = None, generated_at: str | None = None) -> Path:
    """Write the snapshot (atomically; never over the definitions or a data file) and return its path."""
    from journeymap.io import write_atomic

    definitions = measurement.loaded.definitions
    journey = definitions.journey if definitions else None
    path = Path(target) if target is not None else snapshot_path(measurement.path, journey)
    inputs = [measurement.path] + [p for run in measurement.sources.values() for p in run.files.paths]
    write_atomic(path, snapshot_bytes(measurement, generated_at), inputs)
    return path


def snapshot_bytes(measurement: Measurement, generated_at: str | None = None) -> bytes:
    """The snapshot as UTF-8 JSON: sorted keys, two-space indent, a final newline."""
    document = snapshot_document(measurement, generated_at)
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def snapshot_document(measurement: Measurement, generated_at: str | None = None) -> dict[str, Any]:
    """The snapshot as plain data (what ``snapshot_bytes`` writes)."""
    definitions = measurement.loaded.definitions
    base = os.path.dirname(os.path.abspath(measurement.path))
    overrides = measurement.overrides
    document: dict[str, Any] = {
        "format": FORMAT,
        "definitions": _definitions_from_journey(measurement.path, definitions.journey if definitions else None),
        "journey": definitions.journey if definitions else None,
        "overrides": {
            "since": str(overrides.since) if overrides.since else None,
            "until": str(overrides.until) if overrides.until else None,
            "period": overrides.period,
        },
        "confidence": definitions.confidence if definitions else None,
        "min_sample": definitions.min_sample if definitions else None,
        "sources": {name: _source(run) for name, run in measurement.sources.items()},
        "measures": _measures(measurement),
        "diagnostics": [_diagnostic(d, base) for d in measurement.diagnostics],
    }
    if generated_at is not None:
        document["generated_at"] = generated_at
    return document


def _definitions_from_journey(path: str, journey: str | None) -> str:
    """The definitions file as seen from the snapshot's default place (beside the journey), with ``/``."""
    if journey is None:
        return os.path.basename(path)
    journey_dir = os.path.dirname(os.path.join(os.path.dirname(os.path.abspath(path)), journey))
    return os.path.relpath(os.path.abspath(path), journey_dir).replace(os.sep, "/")


def _source(run: Any) -> dict[str, Any]:
    entry = {
        "files": list(run.files.shown),
        "format": run.files.format or None,
        "rows_scanned": run.scanned,
        "queries": run.queries,
        "dates": [run.checks.first_date, run.checks.last_date] if run.checks.first_date else None,
    }
    spec = run.files.spec
    if spec.connection is not None:  # as written: ${NAME} stays a name, so no credential reaches the snapshot
        entry |= {"connection": spec.connection, "table": spec.table}
    return entry


def _measures(measurement: Measurement) -> dict[str, dict[str, Any]]:
    measures: dict[str, dict[str, Any]] = {}
    for result in measurement.results:
        run = measurement.sources.get(result.job.spec.source)
        measures.setdefault(result.job.touchpoint, {})[result.job.metric] = _result(result, run)
    return measures


def _result(result: Result, run: Any) -> dict[str, Any]:
    job = result.job
    entry: dict[str, Any] = {
        "definition": job.definition_hash,
        "source": job.spec.source,
        "files": list(run.files.shown) if run else [],
        "rows_scanned": run.scanned if run else 0,
        "statistic": job.kind,
        "unit": result.unit,
        "period": _window(job.window),
        "status": "measured" if result.figure else "withheld",
        "problems": sorted(set(result.problems) - {"withheld"}),
        "rows": result.rows,
    }
    if result.figure is not None:
        entry |= _figure(result.figure)
        entry["dates"] = list(result.dates) if result.dates else None
    if result.left_out:
        entry["left_out"] = result.left_out
    if job.period:
        entry["series"] = {"by": job.period, "values": [{"period": p, **_figure(f)} for p, f in result.series]}
    if result.personas:
        entry["by_persona"] = {persona: _figure(figure) for persona, figure in result.personas}
    return entry


def _figure(figure: Figure) -> dict[str, Any]:
    estimate = figure.estimate
    interval = estimate.interval
    return {
        "value": _number(estimate.value),
        "n": estimate.n,
        "rows": figure.rows,
        "interval": [_number(interval[0]), _number(interval[1])] if interval else None,
        "method": estimate.method,
        "small_sample": figure.small,
    }


def _window(window: Window) -> dict[str, str | None]:
    return {"since": str(window.since) if window.since else None, "until": str(window.until) if window.until else None}


def _number(value: float) -> float | int:
    """A float rounded to 6 decimals, without negative zero; whole numbers stay floats for a stable type."""
    rounded = round(float(value), DECIMALS)
    return 0.0 if rounded == 0 else rounded


def _diagnostic(diagnostic: Any, base: str) -> dict[str, Any]:
    path = diagnostic.span.path
    shown = os.path.relpath(path, base) if os.path.isabs(path) else os.path.basename(path)
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "file": shown.replace(os.sep, "/"),
        "line": diagnostic.span.line,
        "column": diagnostic.span.column,
    }
