"""Shared personas and channels: one Sara for every journey in a folder, not ten copies.

A folder of journeys may hold a persona library (``personas.yaml``) and a
channel library (``channels.yaml``) beside them::

    # personas.yaml                     # checkout.yaml
    version: 1                          personas: [sara, omar]   # ids from the library
    personas:                           ...
      - id: sara
        name: Sara, busy parent

A journey names library personas by id in its ``personas:`` list (a full
persona mapping there is still its own); every channel of the channel
library is available to every journey in the folder, like a built-in one.

Why resolve here, at the data level, before validation: the journey is then
validated exactly as if the persona were written in it, and every position
of the copied persona points into the library file, so a mistake in Sara is
reported at ``personas.yaml:line:col`` whichever journey uses her.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.translation import Msg

#: The library files a folder may hold, by the journey section they feed.
LIBRARY_NAMES = {"personas": ("personas.yaml", "personas.yml"), "channels": ("channels.yaml", "channels.yml")}
LIBRARY_FILES = frozenset(name for names in LIBRARY_NAMES.values() for name in names)


class Entry(NamedTuple):
    """One persona or channel of a library: its data and where each part of it was written."""

    data: dict[str, Any]
    values: dict[KeyPath, Span]
    keys: dict[KeyPath, Span]


@dataclass(frozen=True)
class Section:
    """One library file's entries by id, or why it could not be used."""

    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()


class Library(NamedTuple):
    """The persona and channel libraries a journey's folder offers (either may be missing)."""

    personas: Section | None = None
    channels: Section | None = None


def is_library_file(path: str) -> bool:
    return os.path.basename(path) in LIBRARY_FILES


def library_for(journey_path: str) -> Library:
    """The libraries beside a journey file (none for standard input or a string)."""
    if journey_path.startswith("<") or journey_path == "-":
        return Library()
    shown = os.path.dirname(journey_path)
    found = {}
    for section, names in LIBRARY_NAMES.items():
        for name in names:
            path = os.path.join(shown, name)
            if os.path.isfile(path):
                found[section] = read_section(path, section)
                break
    return Library(found.get("personas"), found.get("channels"))


def read_section(path: str, section: str) -> Section:
    """A library file's entries by id, with its load problems (syntax, encoding) and a missing list."""
    from journeymap.loader import load

    loaded = load(path)
    if loaded.data is None:
        return Section(path, problems=tuple(loaded.diagnostics))
    items = loaded.data.get(section) if isinstance(loaded.data, dict) else None
    if not isinstance(items, list):
        where = loaded.source_map.value(())
        message = f"the library {path} needs a list `{section}:` at the top level"
        return Section(path, problems=(Diagnostic("JM211", Severity.ERROR, message, where),))
    entries = {}
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            entries[item["id"]] = _entry(item, loaded.source_map, (section, index))
    return Section(path, entries, tuple(loaded.diagnostics))


def _entry(item: dict[str, Any], source_map: SourceMap, prefix: KeyPath) -> Entry:
    size = len(prefix)
    values = {path[size:]: span for path, span in source_map.values.items() if path[:size] == prefix}
    keys = {path[size:]: span for path, span in source_map.keys.items() if path[:size] == prefix}
    return Entry(item, values, keys)


def resolve(data: Any, source_map: SourceMap, library: Library) -> list[Diagnostic]:
    """Put library personas where the journey names them by id, and add the library's channels.

    Changes ``data`` and ``source_map`` in place (they are the journey's own, fresh from the
    loader); returns the problems: a reference with no library, an unknown id, an unusable library.
    """
    if not isinstance(data, dict):
        return []
    problems = _resolve_personas(data, source_map, library.personas)
    problems += _add_channels(data, source_map, library.channels)
    return problems


def _resolve_personas(data: dict[str, Any], source_map: SourceMap, section: Section | None) -> list[Diagnostic]:
    personas = data.get("personas")
    if not isinstance(personas, list):
        return []
    problems: list[Diagnostic] = []
    used_library = False
    for index, item in enumerate(personas):
        if not isinstance(item, str):
            continue
        used_library = True
        span = source_map.value(("personas", index))
        entry = section.entries.get(item) if section is not None else None
        if entry is None:
            problems.append(_unknown_persona(item, span, section))
            personas[index] = {"id": item, "name": item}  # keeps the journey's other references quiet
            continue
        personas[index] = copy.deepcopy(entry.data)
        _graft(source_map, ("personas", index), entry)
    if used_library and section is not None:
        problems += section.problems
    return problems


def _add_channels(data: dict[str, Any], source_map: SourceMap, section: Section | None) -> list[Diagnostic]:
    if section is None:
        return []
    own = data.get("channels")
    if own is not None and not isinstance(own, list):
        return list(section.problems)
    channels = own if own is not None else []
    taken = {c.get("id") for c in channels if isinstance(c, dict)}
    for channel_id, entry in section.entries.items():
        if channel_id in taken:
            continue  # the journey's own definition wins
        _graft(source_map, ("channels", len(channels)), entry)
        channels.append(copy.deepcopy(entry.data))
    if channels and own is None:
        data["channels"] = channels
    return list(section.problems)


def _graft(source_map: SourceMap, prefix: KeyPath, entry: Entry) -> None:
    """Positions of a copied entry point into the library file."""
    for path, span in entry.values.items():
        source_map.values[prefix + path] = span
    for path, span in entry.keys.items():
        source_map.keys[prefix + path] = span


def _unknown_persona(persona_id: str, span: Span, section: Section | None) -> Diagnostic:
    if section is None:
        return Diagnostic(
            "JM211",
            Severity.ERROR,
            Msg(
                "persona '%(persona_id)s' is named by id, but there is no persona library beside this journey",
                persona_id=persona_id,
            ),
            span,
            Msg("write the persona out here, or define it in a personas.yaml next to the journey"),
        )
    from journeymap.validation.suggest import did_you_mean

    known = sorted(section.entries)
    hint = did_you_mean(persona_id, known) or f"{section.path} defines: {', '.join(known) or 'no personas'}"
    return Diagnostic(
        "JM201",
        Severity.ERROR,
        Msg("unknown persona '%(persona_id)s' (not in %(path)s)", persona_id=persona_id, path=section.path),
        span,
        hint,
    )


__all__ = ["LIBRARY_FILES", "LIBRARY_NAMES", "Library", "is_library_file", "library_for", "read_section", "resolve"]
