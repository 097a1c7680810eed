"""journeymap: customer journeys as YAML, validated, scored, drawn and audited.

The library has the same powers as the CLI::

    import journeymap
    journey = journeymap.read("examples/first-purchase.yaml")   # a typed Journey
    result = journeymap.validate(journeymap.load("journey.yaml"))  # diagnostics too

Heavy modules are imported on first use so ``import journeymap`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from journeymap.api import InvalidJourney, read
    from journeymap.load import LoadResult, load, load_text
    from journeymap.model import Journey
    from journeymap.validate import ValidationResult, validate

_LAZY = {
    "load": "journeymap.load",
    "load_text": "journeymap.load",
    "LoadResult": "journeymap.load",
    "validate": "journeymap.validate",
    "ValidationResult": "journeymap.validate",
    "Journey": "journeymap.model",
    "read": "journeymap.api",
    "InvalidJourney": "journeymap.api",
}

__all__ = [
    "InvalidJourney",
    "Journey",
    "LoadResult",
    "ValidationResult",
    "__version__",
    "load",
    "load_text",
    "read",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
