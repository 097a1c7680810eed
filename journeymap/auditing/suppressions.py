"""Inline suppressions: ``suppress: [{rule: JM311, reason: "..."}]`` on a touchpoint.

Why a reason is required: a silenced finding without one is a decision
nobody can review later. The model accepts a missing reason so that the
audit can report it with its own code (JM391) at the suppression's
position; an unused suppression is reported too (JM392), so stale ones do
not pile up. Like ``config.py`` this imports nothing from journeymap.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Suppression(BaseModel):
    """Silence one audit rule at this touchpoint, with the reason why."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    rule: str = Field(min_length=1, description="code (JM311) or name (touchpoint-without-owner) of the rule")
    reason: str | None = Field(default=None, description="why the finding does not apply here; required")


__all__ = ["Suppression"]
