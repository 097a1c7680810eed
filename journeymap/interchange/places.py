"""Where a problem the validator finds in an imported journey is in the *input*.

Why: an import validates the YAML text it generated, so the validator points at lines the user never
saw (``touchpoint id 'ad' is already used (line 12)``). The importer knows which cell each value came
from; here the validator's position is turned back into the key path of the value it is about, so the
importer can put the problem at that cell and say it in the table's terms.
"""

from __future__ import annotations

from journeymap.diagnostics import Span
from journeymap.loader.source_map import KeyPath, SourceMap

#: Key path of a journey value -> the place in the input it was read from.
Places = dict[KeyPath, Span]


def key_paths(source_map: SourceMap) -> dict[tuple[int, int], KeyPath]:
    """Each (line, column) of the generated text -> the deepest key path written there (key or value)."""
    found: dict[tuple[int, int], KeyPath] = {}
    for table in (source_map.values, source_map.keys):
        for path in table:
            span = table[path]
            where = (span.line, span.column)
            if len(path) > len(found.get(where, ())):
                found[where] = path
    return found


def place_of(path: KeyPath | None, places: Places) -> tuple[KeyPath, Span] | None:
    """The deepest recorded ancestor of ``path`` (itself included) and its place, if any."""
    if path is None:
        return None
    for end in range(len(path), -1, -1):
        found = places.get(path[:end])
        if found is not None:
            return path[:end], found
    return None
