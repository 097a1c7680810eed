"""The project's audit settings: ``[audit]`` in journeymap.toml, ``[tool.journeymap.audit]`` in pyproject.toml.

Why reuse the scoring finder: one project file holds every setting, and it is
found one way (``scoring.weights.find_project_config``, nearest first from
the working directory up). Mistakes are usage errors naming the file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from journeymap.auditing.config import AuditConfig
from journeymap.errors import UsageError
from journeymap.scoring.weights import _read_toml, _table, find_project_config


def project_audit_config(start: Path) -> tuple[Path, AuditConfig] | None:
    """The nearest project file and its audit table (None when there is no project file)."""
    found = find_project_config(start)
    if found is None:
        return None
    path = found[0]
    keys = ("audit",) if path.name == "journeymap.toml" else ("tool", "journeymap", "audit")
    table = _table(_read_toml(path), keys, path)
    try:
        return path, AuditConfig.model_validate(table)
    except ValidationError as error:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        prefix = ".".join(keys)
        raise UsageError(
            f"{path}: " + "; ".join(f"{prefix}.{p}" for p in problems),
            hint="[audit] takes select, ignore and rules.<CODE> = {level, options...}",
        ) from None
