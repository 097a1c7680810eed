"""journeymap: customer journeys as YAML, validated, scored, drawn and audited.

The library has the same powers as the CLI::

    import journeymap

    journey = journeymap.read("examples/first-purchase.yaml")   # a typed Journey, or InvalidJourney
    result = journeymap.validate(journeymap.load("journey.yaml"))  # every diagnostic, no exception
    scores = journeymap.score(journey)                           # friction that explains itself
    svg = journeymap.render(journey, "svg")                      # the journey map as bytes

Each step lives in its own package (``loader``, ``validation``, ``scoring``,
``rendering``); these functions import them on first use so that
``import journeymap`` and ``journeymap --help`` stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from journeymap.api import InvalidJourney
    from journeymap.auditing.engine import Settings as AuditSettings
    from journeymap.diagnostics import Diagnostic
    from journeymap.loader import LoadResult, Source
    from journeymap.model import Journey
    from journeymap.rendering import Friction
    from journeymap.reporting import ReportInput, ReportOptions
    from journeymap.scoring import JourneyScore, ScoringConfig
    from journeymap.validation import ValidationResult
    from journeymap.workspace import Workspace

__all__ = [
    "InvalidJourney",
    "Journey",
    "JourneyScore",
    "LoadResult",
    "ReportInput",
    "ValidationResult",
    "Workspace",
    "__version__",
    "audit",
    "load",
    "load_text",
    "read",
    "render",
    "report",
    "run",
    "score",
    "validate",
]

_TYPES = {
    "InvalidJourney": "journeymap.api",
    "Journey": "journeymap.model",
    "JourneyScore": "journeymap.scoring.results",
    "LoadResult": "journeymap.loader",
    "ReportInput": "journeymap.reporting",
    "ValidationResult": "journeymap.validation",
    "Workspace": "journeymap.workspace",
}


def load(source: str | Source) -> LoadResult:
    """Read and parse one journey file (``-`` for standard input); never raises for bad input."""
    from journeymap.loader import load as _load

    return _load(source)


def load_text(text: str, path: str = "<string>") -> LoadResult:
    """Parse journey YAML that is already in a string."""
    from journeymap.loader import load_text as _load_text

    return _load_text(text, path)


def validate(loaded: LoadResult | Journey) -> ValidationResult:
    """Check a loaded file (or a Journey built in code) against format v1 and its cross-references.

    The result holds the Journey (None when there are errors) and every diagnostic; never raises for bad input.
    """
    from journeymap.model import Journey as _Journey
    from journeymap.validation import validate as _validate
    from journeymap.validation import validate_journey

    return validate_journey(loaded) if isinstance(loaded, _Journey) else _validate(loaded)


def run(
    paths: Sequence[str],
    *,
    persona: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    project_dir: str | None = None,
) -> Workspace:
    """What every command does first: load and validate every journey under ``paths`` once.

    Each result then gives ``scores``, ``findings`` and ``render(fmt)`` on demand, computed once with
    the same settings. ``project_dir``: look for journeymap.toml / pyproject.toml from there up
    (the CLI uses the working directory); by default no project settings are used.
    """
    from pathlib import Path

    from journeymap.settings.project import NO_PROJECT, find_project
    from journeymap.workspace import RunSettings
    from journeymap.workspace import run as _run

    if isinstance(paths, str):
        paths = [paths]
    project = find_project(Path(project_dir)) if project_dir is not None else NO_PROJECT
    settings = RunSettings(persona, tuple(select) if select is not None else None, tuple(ignore), project)
    return _run(list(paths), settings)


def read(path: str) -> Journey:
    """Load and validate one file; return the Journey or raise InvalidJourney listing every problem."""
    from journeymap.api import read as _read

    return _read(path)


def score(journey: Journey, config: ScoringConfig | None = None, persona: str | None = None) -> JourneyScore:
    """Friction scores for every touchpoint, stage, persona and channel (see docs/scoring.md)."""
    from journeymap.scoring import score as _score

    return _score(journey, config, persona)


def render(
    journey: Journey,
    fmt: str = "svg",
    view: str = "map",
    theme: str = "light",
    persona: str | None = None,
    friction: Friction | None = None,
    stages: Sequence[str] | None = None,
    page: str | None = None,
) -> bytes:
    """The journey map (or ``view="flow"``, ``view="compact"``) as svg, png, pdf, dot or mermaid bytes;
    ``stages`` draws some stages, ``page`` (``a4``, ``a3``, ``letter``) lays a PDF out on pages."""
    from journeymap.rendering import render as _render

    return _render(journey, fmt, view, theme, persona, friction, stages, page)


def audit(loaded: LoadResult | Journey, settings: AuditSettings | None = None) -> list[Diagnostic]:
    """Audit findings for a loaded file or a Journey built in code (validation errors if it is not valid)."""
    from journeymap.auditing import audit as _audit
    from journeymap.model import Journey as _Journey

    result = validate(loaded)
    if result.journey is None:
        return result.diagnostics
    source_map = None if isinstance(loaded, _Journey) else loaded.source_map
    return _audit(result.journey, source_map, settings)


def report(inputs: list[ReportInput], fmt: str = "html", options: ReportOptions | None = None) -> dict[str, bytes]:
    """Report pages (relative path -> bytes) for one or more journeys; nothing is written."""
    from journeymap.reporting import ReportOptions as _Options
    from journeymap.reporting import report as _report

    return _report(inputs, fmt, options or _Options())


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        import importlib

        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
