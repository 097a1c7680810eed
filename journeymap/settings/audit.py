"""Audit settings as written by users: the ``audit:`` section, the project's ``[audit]`` table, and inline
``suppress:`` entries on a touchpoint.

Which rules and options exist is checked later, by the audit engine, against
its registry; here is only the shape, so that the journey model can use it.

Why a suppression needs a reason: a silenced finding without one is a
decision nobody can review later. The model accepts a missing reason so that
the audit can report it with its own code (JM391) at the suppression's
position; an unused suppression is reported too (JM392), so stale ones do
not pile up.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from journeymap.settings.base import StrictModel

Level = Literal["error", "warning", "info", "off"]


class RuleSetting(BaseModel):
    """One rule's level and options, e.g. ``{level: info, min: 80%}``; options are the other keys."""

    model_config = ConfigDict(frozen=True, extra="allow")

    level: Level | None = Field(default=None, description="error, warning, info, or off to disable the rule")

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class AuditConfig(StrictModel):
    """Which audit rules run and how; rules are named by code (JM311), prefix (JM31) or name."""

    select: list[str] | None = Field(
        default=None, description="codes, prefixes or names of the rules to run; default: all"
    )
    ignore: list[str] = Field(default=[], description="codes, prefixes or names of rules to skip")
    rules: dict[str, RuleSetting] = Field(
        default={}, description="per rule (code or name): `level` and the rule's options"
    )


class Suppression(StrictModel):
    """Silence one audit rule at this touchpoint, with the reason why."""

    rule: str = Field(min_length=1, description="code (JM311) or name (touchpoint-without-owner) of the rule")
    reason: str | None = Field(default=None, description="why the finding does not apply here; required")


__all__ = ["AuditConfig", "Level", "RuleSetting", "Suppression"]
