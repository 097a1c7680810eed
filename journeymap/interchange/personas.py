"""The personas sheet of a workbook: who the personas are and what share of customers each stands for.

Why a sheet of their own: a touchpoint table names personas by id, but a persona's ``share`` weighs every
aggregate (a stage's friction, the journey's, the priorities), and its ``gender`` picks the Arabic emotion
words. Without them a spreadsheet round trip changed the scores. One row per persona, lists one item per
line in the cell; a CSV file has room for one table only, and export says what that costs.
"""

from __future__ import annotations

import re
from typing import Any

from journeymap.diagnostics import Diagnostic
from journeymap.interchange.columns import PERSONA_FIELDS, PERSONA_LISTS, persona_column
from journeymap.interchange.places import Places
from journeymap.interchange.table import Grid, Problems, Value, cell_text, flow
from journeymap.model import Journey
from journeymap.translation import Msg, Verbatim


def persona_table(journey: Journey) -> list[list[Value]]:
    """The header row and one row per persona, values as the journey file writes them."""
    from journeymap.formats.journey_yaml import plain_value

    people = [plain_value(p) for p in journey.personas]
    fields = [f for f in PERSONA_FIELDS if f in ("id", "name") or any(f in person for person in people)]
    rows: list[list[Value]] = [[PERSONA_FIELDS[f][0] for f in fields]]
    for person in people:
        rows.append([_cell(person.get(f)) for f in fields])
    return rows


def _cell(value: Any) -> Value:
    if value is None:
        return None
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, dict):
        return flow(value)
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    return str(value)


def read_personas(grid: Grid) -> tuple[list[dict[str, Any]], Places, list[Diagnostic]]:
    """The personas of the sheet, where each value came from, and the problems with its headers."""
    problems = Problems(grid)
    rows = grid.rows
    start = next((i for i, row in enumerate(rows) if any(cell_text(v) for v in row)), None)
    if start is None:
        return [], {}, problems.found
    columns = _columns(rows[start], start, problems)
    people: list[dict[str, Any]] = []
    share = next((c for c, field in columns.items() if field == "share"), 0)
    places: Places = {("personas",): grid.place(start, share)}  # what is about them all: their shares
    for r, row in enumerate(rows):
        if r <= start or not any(cell_text(v) for v in row):
            continue
        person = {}
        for c, field in columns.items():
            value = row[c] if c < len(row) else None
            if cell_text(value):
                person[field] = _value(field, value)
                places[("personas", len(people), field)] = grid.place(r, c)
        if person:
            key = ("id",) if "id" in person else ("name",)
            where = places.get(("personas", len(people), *key))
            places[("personas", len(people))] = where or grid.place(r, 0)
            people.append(person)
    return people, places, problems.found


def _columns(cells: list[Value], row: int, problems: Problems) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if not text:
            continue
        field = persona_column(text)
        if field is None:
            said = Msg("unknown column %(name)s: ignored", name=Verbatim(repr(text[:60])))
            problems.add("JM717", said, row, index, Msg("docs/import-export.md lists the columns"))
        elif field in found.values():
            first = next(i for i, f in found.items() if f == field) + 1
            problems.add(
                "JM718",
                Msg("the column %(name)s repeats column %(first)s", name=Verbatim(repr(text)), first=first),
                row,
                index,
            )
        else:
            found[index] = field
    return found


def _value(field: str, value: Value) -> Any:
    """A cell as the journey file would hold it: lists one item per line, numbers as numbers."""
    if field in PERSONA_LISTS:
        separators = r"[\n,،]+" if field == "preferred_channels" else r"\n+"
        return [item.strip() for item in re.split(separators, cell_text(value)) if item.strip()]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float)) else cell_text(value)
