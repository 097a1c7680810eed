"""Checking a ``--persona`` choice against the journey."""

from __future__ import annotations

from journeymap.errors import UsageError
from journeymap.model import Journey
from journeymap.validation.suggest import did_you_mean


def check_persona(journey: Journey, persona: str | None) -> None:
    """Raise a usage error (exit 2) naming the choices when the persona does not exist.

    The id is shown with ``repr`` so that a newline in it cannot split the one-line message.
    """
    if persona is None or journey.persona(persona) is not None:
        return
    choices = [p.id for p in journey.personas]
    raise UsageError(f"journey '{journey.id}' has no persona {str(persona)!r}", did_you_mean(persona, choices))
