"""Where each value of a loaded document was written.

Why: positions live beside the data, not in it (no ``__line__`` keys). The
validator turns a pydantic ``loc`` or a model path into a key path and asks
the source map where to point, falling back to the nearest ancestor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.diagnostics import Span

KeyPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Key path -> span of the value, and of the key for mapping entries."""

    path: str
    values: dict[KeyPath, Span] = field(default_factory=dict)
    keys: dict[KeyPath, Span] = field(default_factory=dict)

    def value(self, key_path: KeyPath) -> Span:
        """Span of the value at ``key_path``, or of its nearest known ancestor."""
        return self._nearest(self.values, key_path)

    def key(self, key_path: KeyPath) -> Span:
        """Span of the key that introduces ``key_path`` (the value if no key)."""
        if key_path in self.keys:
            return self.keys[key_path]
        return self.value(key_path)

    def _nearest(self, table: dict[KeyPath, Span], key_path: KeyPath) -> Span:
        for end in range(len(key_path), -1, -1):
            span = table.get(key_path[:end])
            if span is not None:
                return span
        return Span(self.path, 1, 1)
