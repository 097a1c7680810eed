"""Where each value of a loaded document was written.

Why: positions live beside the data, not in it (no ``__line__`` keys). The
validator turns a pydantic ``loc`` or a model path into a key path and asks
the source map where to point, falling back to the nearest ancestor.

Why positions are kept as plain tuples: a 10,000-touchpoint journey has half
a million values, and a ``Span`` (a frozen dataclass) for each cost more than
parsing the file. The loader stores ``(line, column, end line, end column)``;
a ``Span`` is made only when someone asks for one, which is when a
diagnostic points somewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping

from journeymap.diagnostics import Span

KeyPath = tuple[str | int, ...]
#: 1-based line, column, end line and end column, as the loader records them.
Position = tuple[int, int, int, int]
_Stored = Position | Span


class Spans(MutableMapping[KeyPath, Span]):
    """Key path -> ``Span``, stored as position tuples (or spans from another file) until read."""

    __slots__ = ("path", "raw")

    def __init__(self, path: str) -> None:
        self.path = path
        #: What the loader writes into: positions in ``path``, or spans (library entries from another file).
        self.raw: dict[KeyPath, _Stored] = {}

    def _span(self, stored: _Stored) -> Span:
        if type(stored) is tuple:
            return Span(self.path, *stored)
        assert isinstance(stored, Span)
        return stored

    def __getitem__(self, key: KeyPath) -> Span:
        return self._span(self.raw[key])

    def get(self, key: KeyPath, default: Span | None = None) -> Span | None:  # type: ignore[override]
        stored = self.raw.get(key)
        return default if stored is None else self._span(stored)

    def start(self, key: KeyPath) -> tuple[int, int] | None:
        """The line and column where ``key``'s value starts, without making a ``Span`` (checks that only look)."""
        stored = self.raw.get(key)
        if stored is None:
            return None
        if type(stored) is tuple:
            return stored[0], stored[1]
        assert isinstance(stored, Span)
        return stored.line, stored.column

    def __setitem__(self, key: KeyPath, span: Span) -> None:
        self.raw[key] = span

    def __delitem__(self, key: KeyPath) -> None:
        del self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __repr__(self) -> str:
        return f"Spans({self.path!r}, {len(self.raw)} positions)"


class SourceMap:
    """Key path -> span of the value, and of the key for mapping entries."""

    __slots__ = ("keys", "path", "values")

    def __init__(self, path: str) -> None:
        self.path = path
        self.values = Spans(path)
        self.keys = Spans(path)

    def __repr__(self) -> str:
        return f"SourceMap({self.path!r}, {len(self.values)} values, {len(self.keys)} keys)"

    def value(self, key_path: KeyPath) -> Span:
        """Span of the value at ``key_path``, or of its nearest known ancestor."""
        return self._nearest(self.values, key_path)

    def key(self, key_path: KeyPath) -> Span:
        """Span of the key that introduces ``key_path`` (the value if no key)."""
        stored = self.keys.raw.get(key_path)
        if stored is not None:
            return self.keys._span(stored)
        return self.value(key_path)

    def _nearest(self, table: Spans, key_path: KeyPath) -> Span:
        raw = table.raw
        for end in range(len(key_path), -1, -1):
            stored = raw.get(key_path[:end])
            if stored is not None:
                return table._span(stored)
        return Span(self.path, 1, 1)
