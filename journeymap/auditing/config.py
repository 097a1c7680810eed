"""Audit settings as written by users: the ``audit:`` section and the project's ``[audit]`` table.

Why a pydantic model: the same shape is a part of the journey format (so the
JSON Schema describes it and unknown keys are errors with a position) and of
``journeymap.toml``. Which rules and options exist is checked later, by the
engine, against the registry: this module imports nothing from journeymap
so that the journey model can refer to it without an import cycle.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "info", "off"]


class _Frozen(BaseModel):
    """Same settings as journeymap.model.base.FrozenModel (not imported: that would be a cycle)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True)


class RuleSetting(BaseModel):
    """One rule's level and options, e.g. ``{level: info, min: 80%}``; options are the other keys."""

    model_config = ConfigDict(frozen=True, extra="allow")

    level: Level | None = Field(default=None, description="error, warning, info, or off to disable the rule")

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class AuditConfig(_Frozen):
    """Which audit rules run and how; rules are named by code (JM311), prefix (JM31) or name."""

    select: list[str] | None = Field(
        default=None, description="codes, prefixes or names of the rules to run; default: all"
    )
    ignore: list[str] = Field(default=[], description="codes, prefixes or names of rules to skip")
    rules: dict[str, RuleSetting] = Field(
        default={}, description="per rule (code or name): `level` and the rule's options"
    )


__all__ = ["AuditConfig", "Level", "RuleSetting"]
