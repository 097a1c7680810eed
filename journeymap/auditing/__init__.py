"""Audit step: walk every touchpoint from the customer's side and report what is weak.

``audit(journey, source_map, settings)`` runs the rule catalogue
(``registry.RULES``) and returns findings as Diagnostics pointing at the
YAML. Imports are lazy because the journey model imports ``config`` and
``suppressions`` from this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap.auditing.engine import Settings
    from journeymap.diagnostics import Diagnostic
    from journeymap.loader import SourceMap
    from journeymap.model import Journey

__all__ = ["audit"]


def audit(journey: Journey, source_map: SourceMap | None = None, settings: Settings | None = None) -> list[Diagnostic]:
    """Every finding for one journey, sorted by position; pure (no printing, no files)."""
    from journeymap.auditing.engine import audit as _audit

    return _audit(journey, source_map, settings)
