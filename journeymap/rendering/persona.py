"""Checking a ``--persona`` choice against the journey."""

from __future__ import annotations

from journeymap.model import Journey


def check_persona(journey: Journey, persona: str | None) -> None:
    """Raise a usage error (exit 2) naming the choices when the persona does not exist."""
    journey.require_persona(persona)
