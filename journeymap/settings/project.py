"""Project settings: the nearest ``journeymap.toml`` or ``pyproject.toml`` ``[tool.journeymap]``.

Why one finder: one project file holds every setting (``[scoring]``,
``[audit]``), found one way, nearest first from a start directory up to the
filesystem root. Mistakes in it are usage errors naming the file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from journeymap.errors import UsageError
from journeymap.settings.audit import AuditConfig
from journeymap.settings.friction import ScoringConfig, effective_config
from journeymap.translation import Joined, Msg, Verbatim
from journeymap.translation.library_messages import problem

#: Where project settings live, nearest first in each directory, and the key path of journeymap's table.
PROJECT_FILES = (("journeymap.toml", ()), ("pyproject.toml", ("tool", "journeymap")))


@dataclass(frozen=True)
class ProjectSettings:
    """The project file's tables; ``path`` is None when there is no project file."""

    path: Path | None = None
    scoring: dict[str, Any] = field(default_factory=dict)
    audit: AuditConfig | None = None

    def scoring_for(self, own: ScoringConfig | None) -> ScoringConfig:
        """Defaults < project settings < a journey's own ``scoring:``; bad project settings are a usage error."""
        try:
            return effective_config(self.scoring or None, own)
        except ValidationError as error:
            lines = [_problem(self.path, ("scoring", *e["loc"]), e) for e in error.errors()]
            raise UsageError(Joined("\n", lines), hint=Msg("see docs/scoring.md, Configuration")) from None


NO_PROJECT = ProjectSettings()


def find_project(start: Path) -> ProjectSettings:
    """The nearest project file from ``start`` up; a pyproject.toml without ``[tool.journeymap]`` does not count."""
    for directory in (start.resolve(), *start.resolve().parents):
        for name, keys in PROJECT_FILES:
            path = directory / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "pyproject.toml" and "journeymap" not in data.get("tool", {}):
                continue
            return _settings(path, data, keys)
    return NO_PROJECT


def _settings(path: Path, data: dict[str, Any], keys: tuple[str, ...]) -> ProjectSettings:
    scoring = _table(data, (*keys, "scoring"), path)
    audit_table = _table(data, (*keys, "audit"), path)
    try:
        audit = AuditConfig.model_validate(audit_table) if audit_table else None
    except ValidationError as error:
        problems = [_problem(None, (*keys, "audit", *e["loc"]), e) for e in error.errors()]
        raise UsageError(
            Msg("%(path)s: %(problems)s", path=Verbatim(str(path)), problems=Joined("; ", problems)),
            hint=Msg("[audit] takes select, ignore and rules.<CODE> = {level, options...}"),
        ) from None
    return ProjectSettings(path, scoring, audit)


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse TOML with tomllib (Python 3.11+) or tomli; a clear error when neither exists."""
    try:
        toml = importlib.import_module("tomllib")
    except ImportError:
        try:
            toml = importlib.import_module("tomli")
        except ImportError:
            raise UsageError(
                Msg("cannot read %(path)s", path=Verbatim(str(path))), hint=Msg("on Python 3.10, install tomli")
            ) from None
    try:
        data: dict[str, Any] = toml.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(
            Msg("cannot read %(path)s: %(problem)s", path=Verbatim(str(path)), problem=Verbatim(str(error)))
        ) from None
    return data


def _table(data: dict[str, Any], keys: tuple[str, ...], path: Path) -> dict[str, Any]:
    table: Any = data
    for key in keys:
        table = table.get(key, {}) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        raise UsageError(
            Msg("%(path)s: [%(table)s] must be a table", path=Verbatim(str(path)), table=Verbatim(".".join(keys)))
        )
    return table


def _problem(path: Path | None, loc: tuple[object, ...], error: Any) -> str:
    """``[path: ]scoring.weights.emotion: <pydantic's message>``, translatable; the path and key as written."""
    place = Verbatim(".".join(map(str, loc)))
    if path is None:
        return Msg("%(place)s: %(problem)s", place=place, problem=problem(error))
    return Msg("%(path)s: %(place)s: %(problem)s", path=Verbatim(str(path)), place=place, problem=problem(error))


__all__ = ["NO_PROJECT", "PROJECT_FILES", "ProjectSettings", "find_project"]
