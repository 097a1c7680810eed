"""Where a problem the validator finds in an imported journey is in the *input*, and what it means there.

Why: an import validates the YAML text it generated, so the validator points at lines the user never
saw (``touchpoint id 'ad' is already used (line 12)``). The importer knows which cell each value came
from; here the validator's position is turned back into the key path of the value it is about, so the
importer can put the problem at that cell and say it in the table's terms.
"""

from __future__ import annotations

from typing import Any

from journeymap.diagnostics import Diagnostic, Span
from journeymap.interchange.build import invalid
from journeymap.interchange.columns import Column, header
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model.base import slugify
from journeymap.translation import Msg, Verbatim

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


def restate(problem: Diagnostic, key: KeyPath | None, data: dict[str, Any], places: Places, path: str) -> Diagnostic:
    """A validator's problem with the imported journey at the cell it is about, in the table's terms."""
    found = place_of(key, places)
    if found is None or key is None:
        return invalid(problem, Span(path))
    _, span = found
    words = _table_words(problem, key, data, places)
    return invalid(problem, span, *words) if words else invalid(problem, span)


def _table_words(problem: Diagnostic, key: KeyPath, data: dict[str, Any], places: Places) -> tuple[str, str] | None:
    """The message and hint of the problems a table can have, said in columns and rows (None: the validator's)."""
    if problem.code == "JM205" and len(key) >= 2 and key[0] == "personas":
        persona = Verbatim(repr(_persona_id(data["personas"][key[1]])))
        return (
            Msg("persona %(persona)s is at the touchpoint of no row", persona=persona),
            Msg(
                "add %(persona)s to the 'personas' cell of its rows (a blank cell is every persona), or remove it",
                persona=persona,
            ),
        )
    if problem.code == "JM207" and len(key) >= 6 and key[-1] == "ces":
        example = Verbatim("{value: 5.5, scale: 1-7}")
        return problem.message, Msg("fix the value, or give its scale in the cell: %(example)s", example=example)
    if problem.code == "JM204" and len(key) >= 6 and key[4] == "targets":
        custom = key[5] == "custom"
        metric = str(key[-1])
        name = Verbatim(repr(header(Column("metric", metric=metric, custom=custom))))
        return (
            Msg("a target for %(metric)s, but this row has no %(metric)s value", metric=name),
            Msg("fill in the %(column)s column on this row, or clear the target", column=name),
        )
    if problem.code == "JM200" and len(key) >= 4 and key[2] == "touchpoints":
        touchpoint_id = _touchpoint_id(data, key)
        first = _first_with_id(data, touchpoint_id, places)
        return (
            Msg(
                "touchpoint id %(id)s is already used on row %(row)s",
                id=Verbatim(repr(touchpoint_id)),
                row=first.line if first else "?",
            ),
            Msg(
                "give this row its own %(id)s (a blank one is made from its %(name)s cell)",
                id=Verbatim("'touchpoint id'"),
                name=Verbatim("'touchpoint'"),
            ),
        )
    if problem.code == "JM200" and len(key) >= 2 and key[0] == "personas":
        persona_id = _persona_id(data["personas"][key[1]])
        index = next(i for i, p in enumerate(data["personas"]) if _persona_id(p) == persona_id)
        row = places.get(("personas", index))
        return (
            Msg(
                "persona id %(id)s is already used on row %(row)s",
                id=Verbatim(repr(persona_id)),
                row=row.line if row else "?",
            ),
            Msg("give each persona its own %(id)s", id=Verbatim("'persona id'")),
        )
    if problem.code == "JM208" and len(key) >= 6 and key[4] == "emotion":
        persona = Verbatim(repr(str(key[5])))
        return (
            Msg("an emotion for persona %(persona)s, who is not at this row's touchpoint", persona=persona),
            Msg("add %(persona)s to this row's 'personas' cell, or clear the emotion", persona=persona),
        )
    return None


def _persona_id(persona: dict[str, Any]) -> str:
    return str(persona.get("id") or slugify(str(persona.get("name", ""))))


def _touchpoint_id(data: dict[str, Any], key: KeyPath) -> str:
    touchpoint = data["stages"][key[1]]["touchpoints"][key[3]]
    return str(touchpoint.get("id") or slugify(str(touchpoint["name"])))


def _first_with_id(data: dict[str, Any], touchpoint_id: str, places: Places) -> Span | None:
    for s, stage in enumerate(data["stages"]):
        for t, touchpoint in enumerate(stage["touchpoints"]):
            if str(touchpoint.get("id") or slugify(str(touchpoint["name"]))) == touchpoint_id:
                return places.get(("stages", s, "touchpoints", t))
    return None
