"""The base of every settings class, and of the journey model's classes.

Why here: settings are part of the journey format (``scoring:`` and
``audit:`` sections) and of ``journeymap.toml``. The model imports them, so
they import nothing from the model; both share this one base.
"""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Immutable, strict about unknown keys, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True)


__all__ = ["StrictModel"]
