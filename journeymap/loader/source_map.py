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
#: The positions of one collection's entries, by key (a mapping) or index (a sequence).
Children = dict[str | int, _Stored]


class Spans(MutableMapping[KeyPath, Span]):
    """Key path -> ``Span``, stored as position tuples (or spans from another file) until read.

    Why positions are kept per collection while a file loads: a flat table keyed by whole paths
    meant a new path tuple and an insertion into one huge dict for each of half a million values,
    a quarter of the loader's time at 10,000 touchpoints. The loader writes each collection's
    entries into that collection's own small dict (``children``); reading a path looks up its
    parent's dict. The flat table is built only when asked for as a whole (``raw``, iteration,
    ``len``, a write), with the same entries.
    """

    __slots__ = ("_flat", "_nested", "_top", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._flat: dict[KeyPath, _Stored] | None = None
        #: Collection path -> its entries, while nothing needed the flat table.
        self._nested: dict[KeyPath, Children] = {}
        self._top: _Stored | None = None

    def children(self, parent: KeyPath) -> Children:
        """The dict the loader writes a collection's entries into (the same one if the path comes again)."""
        found = self._nested.get(parent)
        if found is None:
            found = self._nested[parent] = {}
        return found

    def set_top(self, stored: _Stored) -> None:
        """The position of the whole document (the key path ``()``)."""
        self._top = stored

    @property
    def raw(self) -> dict[KeyPath, _Stored]:
        """Key path -> position tuple (or span), as one table; built on first use."""
        if self._flat is None:
            flat: dict[KeyPath, _Stored] = {} if self._top is None else {(): self._top}
            for parent, entries in self._nested.items():
                for key, stored in entries.items():
                    flat[parent + (key,)] = stored
            self._flat, self._nested, self._top = flat, {}, None
        return self._flat

    def stored(self, key: KeyPath) -> _Stored | None:
        """What is recorded for ``key`` (a position tuple or a span), or None; never builds the flat table."""
        if self._flat is not None:
            return self._flat.get(key)
        if not key:
            return self._top
        entries = self._nested.get(key[:-1])
        return None if entries is None else entries.get(key[-1])

    def _span(self, stored: _Stored) -> Span:
        if type(stored) is tuple:
            return Span(self.path, *stored)
        assert isinstance(stored, Span)
        return stored

    def __getitem__(self, key: KeyPath) -> Span:
        stored = self.stored(key)
        if stored is None:
            raise KeyError(key)
        return self._span(stored)

    def get(self, key: KeyPath, default: Span | None = None) -> Span | None:  # type: ignore[override]
        stored = self.stored(key)
        return default if stored is None else self._span(stored)

    def start(self, key: KeyPath) -> tuple[int, int] | None:
        """The line and column where ``key``'s value starts, without making a ``Span`` (checks that only look)."""
        stored = self.stored(key)
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
        if not isinstance(key, tuple):
            return key in self.raw
        return self.stored(key) is not None

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
        stored = self.keys.stored(key_path)
        if stored is not None:
            return self.keys._span(stored)
        return self.value(key_path)

    def _nearest(self, table: Spans, key_path: KeyPath) -> Span:
        for end in range(len(key_path), -1, -1):
            stored = table.stored(key_path[:end])
            if stored is not None:
                return table._span(stored)
        return Span(self.path, 1, 1)
