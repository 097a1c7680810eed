"""A touchpoint table (one row per touchpoint) to journey data, and a journey to such a table.

The same rules serve CSV and XLSX; only where a cell is (``file.csv:7:3`` or
``touchpoints.xlsx:Sheet1!C7``) and how a value arrives (text, or a number from a spreadsheet) differ.

* A cell that starts with ``{`` is a YAML flow mapping: how a metric with its sample size
  (``{value: 18, responses: 1960}``), a moment of truth with its reason, a transition with its
  share or a custom channel's definition is written in one cell.
* List cells (pain points, opportunities) hold one item per line; ``personas`` and ``next`` hold
  ids, one per line or separated by commas.
* A blank ``stage`` cell continues the stage of the row above (merged cells in a spreadsheet).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journeymap.diagnostics import Diagnostic, Span
from journeymap.interchange.build import Imported, diagnostic, finish, language_of, placeholders
from journeymap.interchange.columns import FIELDS, REQUIRED, Column, column, header
from journeymap.interchange.places import Places, restate
from journeymap.loader.source_map import KeyPath
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.model.base import ID_PATTERN, slugify
from journeymap.translation import Joined, Msg, Verbatim
from journeymap.translation.library_messages import problem as library_problem

Value = str | int | float | None
_ID = re.compile(ID_PATTERN)
_YES = {"yes", "y", "true", "x", "1", "✓", "✔", "نعم"}
_NO = {"no", "n", "false", "0", "لا"}
_IMPACTS = {"high", "medium", "low"}


@dataclass(frozen=True)
class Grid:
    """The rows of a table as read, and how to name a cell's place in the file."""

    path: str
    rows: list[list[Value]]
    place: Callable[[int, int], Span]
    title: str | None = None
    language: str | None = None
    #: What reading the file found before the table's rules ran (a formula with no value, JM720).
    found: tuple[Diagnostic, ...] = ()
    #: Numbers are written with a decimal comma (``71,5%``): a semicolon-separated CSV, as the locales that
    #: write decimal commas save it.
    decimal_comma: bool = False
    #: A workbook's personas sheet (ids, names, shares, gender...), when it has one.
    personas: Grid | None = None
    #: The journey file import writes: validated as it will be read there (``finish``).
    destination: str | None = None


class Problems:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.found: list[Diagnostic] = list(grid.found)

    def add(self, code: str, message: str, row: int, col: int, hint: str | None = None) -> None:
        self.found.append(diagnostic(code, message, self.grid.place(row, col), hint))


def table_to_journey(grid: Grid, title: str | None, language: str | None) -> Imported:
    """Read a table: the header row names the columns, every other non-blank row is a touchpoint.

    Rows and columns are counted from 0 here; ``grid.place`` names them as the file's reader shows them.
    """
    problems = Problems(grid)
    rows = grid.rows
    start = next((i for i, row in enumerate(rows) if any(cell_text(v) for v in row)), None)
    if start is None:
        problems.add("JM714", Msg("the table is empty: no header row"), 0, 0, Msg("the first row names the columns"))
        return finish(grid.path, None, problems.found)
    columns = _columns(rows[start], start, problems)
    body = [(i, row) for i, row in enumerate(rows) if i > start and any(cell_text(v) for v in row)]
    if not body:
        problems.add("JM714", Msg("the table has a header but no touchpoint rows"), start, 0)
    missing = [group for group in REQUIRED if not any(c.field in group for c in columns.values())]
    for group in missing:
        names = Joined(" or ", [Verbatim(repr(FIELDS[f][0])) for f in group])
        first = Verbatim(repr(FIELDS[group[0]][0]))
        problems.add(
            "JM715", Msg("no %(names)s column", names=names), start, 0, Msg("add a column %(name)s", name=first)
        )
    if missing or not body or any(p.severity.label == "error" for p in problems.found):
        return finish(grid.path, None, problems.found)
    reader = _Reader(problems, columns)
    for index, row in body:
        reader.row(index, row)
    personas = reader.personas()
    if grid.personas is not None:
        from journeymap.interchange.personas import read_personas

        people, places, found = read_personas(grid.personas)
        problems.found += found
        reader.places.update(places)
        personas = _together(people, personas)
    if any(p.severity.label == "error" for p in problems.found):
        return finish(grid.path, None, problems.found)
    texts = [str(v) for _, row in body for v in row if isinstance(v, str)]
    chosen_title = title or grid.title or _stem(grid.path)
    language = language or grid.language or language_of([chosen_title, *texts])
    info = {"title": chosen_title or placeholders(language).journey, "language": language}
    data: dict[str, Any] = {"version": 1, "journey": info, "personas": personas, "stages": reader.stages}
    if reader.channels:
        data["channels"] = reader.channels

    def said(problem: Diagnostic, key: KeyPath | None) -> Diagnostic:
        return restate(problem, key, data, reader.places, grid.path)

    return finish(grid.path, data, problems.found, said, grid.destination)


def _together(people: list[dict[str, Any]], named: list[dict[str, str]]) -> list[Any]:
    """The personas sheet's personas, then those the touchpoints name that the sheet does not have.

    The placeholder ``customer`` (a table naming no persona) is not added beside personas the sheet defines.
    """
    if not people:
        return named
    ids = {str(p.get("id") or slugify(str(p.get("name", "")))) for p in people}
    rest = [p for p in named if p["id"] not in ids and not (p["id"] == "customer" and len(named) == 1)]
    return [*people, *rest]


def _stem(path: str) -> str:
    from pathlib import Path

    stem = Path(path).stem if path not in ("-", "<stdin>") else ""
    return " ".join(stem.replace("_", " ").replace("-", " ").split())


def _columns(cells: list[Value], row: int, problems: Problems) -> dict[int, Column]:
    found: dict[int, Column] = {}
    seen: dict[tuple[str, str | None, str | None, bool, bool], int] = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if not text:
            continue
        meaning = column(text)
        if meaning is None:
            problems.add(
                "JM717",
                Msg("unknown column %(name)s: ignored", name=Verbatim(repr(text[:60]))),
                row,
                index,
                Msg("docs/import-export.md lists the columns"),
            )
            continue
        if meaning.key in seen:
            said = Msg(
                "the column %(name)s repeats column %(first)s", name=Verbatim(repr(text)), first=seen[meaning.key] + 1
            )
            problems.add("JM718", said, row, index)
            continue
        seen[meaning.key] = index
        found[index] = meaning
    return found


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Reader:
    """Rows into stages and touchpoints, with a diagnostic at each cell that does not fit its column."""

    def __init__(self, problems: Problems, columns: dict[int, Column]) -> None:
        self.problems = problems
        self.columns = columns
        self.stages: list[dict[str, Any]] = []
        self.channels: list[dict[str, Any]] = []
        self.persona_ids: list[str] = [c.persona for c in columns.values() if c.persona]
        self.persona_names = {c.persona: c.persona_name for c in columns.values() if c.persona and c.persona_name}
        self.stage: dict[str, Any] | None = None
        #: Key path of each value in the journey data -> its cell, to place the validator's problems.
        self.places: Places = {}

    def personas(self) -> list[dict[str, str]]:
        ids = list(dict.fromkeys(self.persona_ids)) or ["customer"]
        return [{"id": pid, "name": self.persona_names.get(pid, pid)} for pid in ids]

    def row(self, row: int, cells: list[Value]) -> None:
        touchpoint: dict[str, Any] = {}
        stage_cells: dict[str, str] = {}
        where: dict[KeyPath, int] = {}
        for index, col in self.columns.items():
            value = cells[index] if index < len(cells) else None
            if cell_text(value) == "":
                continue
            cell = _Cell(self.problems, row, index, value)
            if col.field in ("stage", "stage_name"):
                stage_cells[col.field] = cell.text
                where.setdefault(("stage",), index)
            else:
                self._field(touchpoint, col, cell)
                where[_key(col)] = index
        self._place(touchpoint, stage_cells, row, where)

    def _place(self, touchpoint: dict[str, Any], cells: dict[str, str], row: int, where: dict[KeyPath, int]) -> None:
        stage = self._stage(cells, row, where.get(("stage",), 0))
        if stage is None:
            return
        if "name" not in touchpoint:
            if "id" not in touchpoint:
                column = self._column_of("name", "id")
                self.problems.add("JM716", Msg("the touchpoint has no name"), row, column, Msg("give it a name"))
                return
            touchpoint["name"] = touchpoint["id"]
        if "channel" not in touchpoint:
            said = Msg("touchpoint %(name)s has no channel", name=Verbatim(repr(touchpoint["name"])))
            self.problems.add("JM716", said, row, self._column_of("channel"), Msg("give its channel"))
            return
        if "id" not in touchpoint and len(slugify(str(touchpoint["name"]))) > MAX_AUTOMATIC_ID:
            touchpoint["id"] = automatic_id(str(touchpoint["name"]))
        order = ["id", "name", "channel"]
        stage["touchpoints"].append({**{k: touchpoint[k] for k in order if k in touchpoint}, **touchpoint})
        prefix = ("stages", self.stages.index(stage), "touchpoints", len(stage["touchpoints"]) - 1)
        name_cell = where.get(("name",), where.get(("id",), 0))
        self.places[prefix] = self.problems.grid.place(row, name_cell)
        self.places[prefix + ("id",)] = self.problems.grid.place(row, where.get(("id",), name_cell))
        for key, index in where.items():
            if key != ("stage",) and key != ("id",):
                self.places[prefix + key] = self.problems.grid.place(row, index)

    def _column_of(self, *fields: str) -> int:
        """The column of the first of ``fields`` the table has: where a missing value belongs."""
        for wanted in fields:
            found = next((index for index, col in self.columns.items() if col.field == wanted), None)
            if found is not None:
                return found
        return 0

    def _stage(self, cells: dict[str, str], row: int, col: int) -> dict[str, Any] | None:
        if not cells:
            if self.stage is None:
                column = self._column_of("stage", "stage_name")
                self.problems.add(
                    "JM716", Msg("the first touchpoint has no stage"), row, column, Msg("fill in its stage")
                )
            return self.stage
        given = cells.get("stage") or ""
        stage_id = given if _ID.match(given) else slugify(given or cells.get("stage_name", ""))
        if not stage_id:
            said = Msg("%(id)s cannot be a stage id", id=Verbatim(repr(given)))
            self.problems.add("JM716", said, row, col, Msg("use letters, digits and -"))
            return None
        found = next((s for s in self.stages if s["id"] == stage_id), None)
        if found is None:
            found = {"id": stage_id, "name": cells.get("stage_name") or given, "touchpoints": []}
            self.places[("stages", len(self.stages))] = self.problems.grid.place(row, col)
            self.stages.append(found)
        self.stage = found
        return found

    def _field(self, touchpoint: dict[str, Any], col: Column, cell: _Cell) -> None:
        if col.field == "metric":
            key = "targets" if col.target else "metrics"
            value = cell.metric(str(col.metric), col.custom)
            if value is not None:
                group = touchpoint.setdefault(key, {})
                (group.setdefault("custom", {}) if col.custom else group)[str(col.metric)] = value
        elif col.field == "emotion":
            self._emotion(touchpoint, col, cell)
        elif col.field == "channel":
            touchpoint["channel"] = self._channel(cell)
        else:
            value = _READERS.get(col.field, _Cell.plain)(cell)
            if value is not None:
                touchpoint[col.field] = value
                if col.field == "personas":
                    self.persona_ids.extend(value)

    def _emotion(self, touchpoint: dict[str, Any], col: Column, cell: _Cell) -> None:
        value = cell.emotion()
        if value is None:
            return
        if col.persona is None:
            if isinstance(touchpoint.get("emotion"), dict):
                cell.bad(
                    Msg("give the emotion once for everyone or per persona, not both"), Msg("clear one of the cells")
                )
                return
            touchpoint["emotion"] = value
        elif "emotion" in touchpoint and not isinstance(touchpoint["emotion"], dict):
            cell.bad(Msg("give the emotion once for everyone or per persona, not both"), Msg("clear one of the cells"))
        else:
            touchpoint.setdefault("emotion", {})[col.persona] = value

    def _channel(self, cell: _Cell) -> str | None:
        from journeymap.model.channel import BUILT_IN_CHANNELS

        if cell.text.startswith("{"):
            return self._define_channel(cell)
        known = {c["id"] for c in self.channels} | set(BUILT_IN_CHANNELS)
        if cell.text in known:
            return cell.text
        by_name = {c.name.casefold(): c.id for c in BUILT_IN_CHANNELS.values()}
        by_name |= {str(c["name"]).casefold(): str(c["id"]) for c in self.channels}
        if cell.text.casefold() in by_name:
            return by_name[cell.text.casefold()]
        from journeymap.validation.suggest import did_you_mean

        hint = did_you_mean(cell.text, sorted(known)) or Msg("use a built-in channel id, or define it in the cell once")
        cell.bad(
            Msg("unknown channel %(channel)s", channel=Verbatim(repr(cell.text))),
            Msg("%(hint)s; a custom one: {id: x, name: X, kind: digital}", hint=hint),
        )
        return None

    def _define_channel(self, cell: _Cell) -> str | None:
        from pydantic import ValidationError

        from journeymap.model.channel import Channel

        data = cell.mapping()
        if data is None:
            return None
        try:
            channel = Channel.model_validate(data)
        except ValidationError as error:
            cell.bad(
                Msg("not a channel definition: %(problem)s", problem=_first(error)),
                Msg("write {id: x, name: X, kind: digital}"),
            )
            return None
        if channel.id not in {c["id"] for c in self.channels}:
            self.channels.append(data)
        return channel.id


#: The longest id import makes from a name (as the Mermaid import does); a journey's ids may be longer when typed.
MAX_AUTOMATIC_ID = 60


def automatic_id(name: str) -> str:
    """A long name's id: its slug cut to ``MAX_AUTOMATIC_ID`` characters (a name may be 200 characters long)."""
    return slugify(name)[:MAX_AUTOMATIC_ID].strip("-_")


def _key(col: Column) -> KeyPath:
    """Where a column's value goes in a touchpoint of the journey data: ``("targets", "csat")``."""
    if col.field == "metric":
        group = "targets" if col.target else "metrics"
        return (group, "custom", str(col.metric)) if col.custom else (group, str(col.metric))
    if col.field == "emotion" and col.persona:
        return ("emotion", col.persona)
    return (col.field,)


def _first(error: Any) -> str:
    problem = error.errors()[0]
    where = ".".join(str(p) for p in problem.get("loc", ()))
    said = library_problem(problem)
    return Msg("%(place)s: %(problem)s", place=Verbatim(where), problem=said) if where else said


class _Cell:
    """One non-blank cell and how to read it; a bad value is a JM716 at the cell."""

    def __init__(self, problems: Problems, row: int, col: int, value: Value) -> None:
        self.problems, self.row, self.col, self.value = problems, row, col, value
        self.text = cell_text(value)

    def bad(self, message: str, hint: str | None = None) -> None:
        self.problems.add("JM716", message, self.row, self.col, hint)

    def plain(self) -> str:
        return self.text

    def number(self) -> Any:
        return int(self.value) if isinstance(self.value, float) and self.value.is_integer() else self.value

    def ident(self) -> str | None:
        if _ID.match(self.text):
            return self.text
        self.bad(
            Msg("%(text)s cannot be an id (no spaces or punctuation)", text=Verbatim(repr(self.text[:60]))),
            Msg("e.g. %(id)s", id=Verbatim(repr(slugify(self.text)))),
        )
        return None

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def ids(self) -> list[str] | None:
        items = [item for item in re.split(r"[\s,،]+", self.text) if item]
        bad = [item for item in items if not _ID.match(item)]
        if bad:
            self.bad(
                Msg("%(text)s is not an id", text=Verbatim(repr(bad[0][:60]))),
                Msg("ids are separated by commas or line breaks"),
            )
            return None
        return items

    def transitions(self) -> list[Any] | None:
        items: list[Any] = []
        for line in self.lines():
            if line.startswith("{"):
                mapping = _Cell(self.problems, self.row, self.col, line).mapping()
                if mapping is None:
                    return None
                items.append(mapping)
            else:
                found = _Cell(self.problems, self.row, self.col, line).ids()
                if found is None:
                    return None
                items.extend(found)
        return items

    def mapping(self) -> dict[str, Any] | None:
        import yaml

        try:
            data = yaml.safe_load(self.text)
        except yaml.YAMLError as error:
            said = Msg("not a {...} mapping: %(problem)s", problem=Verbatim(str(error).splitlines()[0]))
            self.bad(said, Msg("write {key: value, key: value}"))
            return None
        if not isinstance(data, dict):
            self.bad(Msg("not a {...} mapping"), Msg("write {key: value, key: value}"))
            return None
        return data

    def flag(self) -> bool | None:
        word = self.text.casefold()
        if word in _YES or word in _NO:
            return word in _YES
        self.bad(Msg("%(text)s is not yes or no", text=Verbatim(repr(self.text[:40]))), Msg("write yes or no"))
        return None

    def whole(self) -> int | None:
        from journeymap.model.units import plain_number

        number = plain_number(self.text)
        if number is None or number < 0 or not float(number).is_integer():
            said = Msg("%(text)s is not a whole number", text=Verbatim(repr(self.text[:40])))
            self.bad(said, Msg("write a count such as %(example)s", example=1200))
            return None
        return int(number)

    def moment(self) -> Any:
        word = self.text.casefold()
        if word in _IMPACTS:
            return {"impact": word}
        if self.text.startswith("{"):
            return self.mapping()
        flag = self.flag()
        return None if not flag else True

    def decimal(self) -> str | None:
        """The cell's text with decimal commas read as points, in a table whose numbers have them (``71,5%``).

        None (and a JM716) for ``1.200`` there: twelve hundred where decimal commas are written, 1.2 where
        they are not, and the table cannot say which its author meant.
        """
        if not self.problems.grid.decimal_comma or self.text.startswith("{"):
            return self.text
        grouped = _GROUPED.search(self.text)
        if grouped:
            number = grouped.group(0)
            self.bad(
                Msg("%(number)s could be read two ways in a table separated by semicolons", number=Verbatim(number)),
                Msg(
                    "write it without the point (%(whole)s), or with a decimal comma (%(decimal)s)",
                    whole=Verbatim(number.replace(".", "")),
                    decimal=Verbatim(number.replace(".", ",", 1)),
                ),
            )
            return None
        return _DECIMAL_COMMA.sub(lambda found: found.group(1).replace(".", "") + "." + found.group(2), self.text)

    def emotion(self) -> Any:
        from pydantic_core import PydanticCustomError

        from journeymap.model.emotion import parse_emotion

        text = self.decimal()
        if text is None:
            return None
        value = self.number() if isinstance(self.value, (int, float)) else _number_or_text(text)
        try:
            parse_emotion(value)
        except PydanticCustomError as error:
            said = library_problem({"msg": error.message(), "ctx": error.context})
            self.bad(said, Msg("%(low)s (angry) to %(high)s (delighted), or a name such as frustrated", low=1, high=5))
            return None
        return value

    def metric(self, name: str, custom: bool) -> Any:
        from pydantic import ValidationError

        from journeymap.model.metrics import Metrics

        value = self.mapping() if self.text.startswith("{") else self.number() if self._numeric() else self.decimal()
        if value is None:
            return None
        try:
            Metrics.model_validate({"custom": {name: value}} if custom else {name: value})
        except ValidationError as error:
            said = Msg("%(metric)s: %(problem)s", metric=Verbatim(name), problem=library_problem(error.errors()[0]))
            if _DECIMAL_COMMA.search(self.text) and not self.problems.grid.decimal_comma:
                point = Verbatim("71.5%")
                self.bad(
                    said,
                    Msg(
                        "write a decimal point (%(example)s): decimal commas are read in semicolon-separated tables",
                        example=point,
                    ),
                )
                return None
            examples = Verbatim("71% or 2m")
            self.bad(said, Msg("write it as the journey file would, e.g. %(examples)s", examples=examples))
            return None
        return value

    def _numeric(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)


#: A number with points between thousands and no decimal comma (``1.200``): ambiguous where commas are decimal.
_GROUPED = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])")
#: A number with a decimal comma, perhaps with points between thousands: ``71,5``, ``1.234,5``.
_DECIMAL_COMMA = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),([0-9]+)(?![0-9,])")


def _number_or_text(text: str) -> str | float:
    """``3.5`` as the number a spreadsheet would give (an emotion), other text as it is."""
    try:
        return float(text) if "." in text else text
    except ValueError:
        return text


_READERS: dict[str, Callable[[_Cell], Any]] = {
    "id": _Cell.ident,
    "step": _Cell.ident,
    "personas": _Cell.ids,
    "next": _Cell.transitions,
    "pain_points": _Cell.lines,
    "opportunities": _Cell.lines,
    "moment_of_truth": _Cell.moment,
    "proactive": _Cell.flag,
    "volume": _Cell.whole,
    "handoffs": _Cell.whole,
}


# -- a journey as a table ---------------------------------------------------------------------------


def journey_table(journey: Journey) -> list[list[Value]]:
    """The header row and one row per touchpoint, values as the journey file writes them."""
    columns = _export_columns(journey)
    rows: list[list[Value]] = [[header(c) for c in columns]]
    custom = {c.id for c in journey.channels}
    defined: set[str] = set()
    for stage, touchpoint in journey.touchpoints():
        rows.append([_cell(journey, stage, touchpoint, c, custom, defined) for c in columns])
    return rows


def _export_columns(journey: Journey) -> list[Column]:
    touchpoints = [tp for _, tp in journey.touchpoints()]
    core = [Column(f) for f in ("stage", "stage_name", "id", "name", "channel")]
    optional = [Column(f) for f in ("action", "description", "owner", "personas")]
    used = [c for c in optional if any(getattr(tp, c.field) for tp in touchpoints)]
    emotions = [Column("emotion")] if any(_everyone(tp) is not None for tp in touchpoints) else []
    emotions += [Column("emotion", persona=p.id) for p in journey.personas if _by_persona(touchpoints, p.id)]
    if not emotions:
        emotions = [Column("emotion")]
    more = [Column(f) for f in ("moment_of_truth", "step", "proactive", "volume", "handoffs")]
    more = [c for c in more if any(getattr(tp, c.field) for tp in touchpoints)]
    metrics = [
        Column("metric", metric=n, custom=n in _customs(touchpoints, "metrics")) for n in _names(touchpoints, "metrics")
    ]
    targets = [
        Column("metric", metric=n, custom=n in _customs(touchpoints, "targets"), target=True)
        for n in _names(touchpoints, "targets")
    ]
    last = [Column(f) for f in ("pain_points", "opportunities", "next", "notes")]
    last = [c for c in last if any(getattr(tp, c.field) for tp in touchpoints)]
    return [*core, *used, *emotions, *more, *metrics, *targets, *last]


def _everyone(tp: Any) -> Any:
    return tp.emotion.everyone if tp.emotion is not None else None


def _by_persona(touchpoints: list[Any], persona: str) -> bool:
    return any(tp.emotion is not None and persona in tp.emotion.by_persona for tp in touchpoints)


def _names(touchpoints: list[Any], group: str) -> list[str]:
    from journeymap.model.metrics import METRIC_NAMES

    used = {name for tp in touchpoints for name, _ in getattr(tp, group).items()}
    custom = sorted({name for tp in touchpoints for name in getattr(tp, group).custom})
    return [n for n in METRIC_NAMES if n in used] + custom


def _customs(touchpoints: list[Any], group: str) -> set[str]:
    return {name for tp in touchpoints for name in getattr(tp, group).custom}


def _cell(journey: Journey, stage: Stage, tp: Touchpoint, col: Column, custom: set[str], defined: set[str]) -> Value:
    from journeymap.formats.journey_yaml import plain_value

    if col.field == "stage":
        return stage.id
    if col.field == "stage_name":
        return stage.name
    if col.field == "channel":
        return _channel_cell(journey, tp.channel, custom, defined)
    if col.field == "emotion":
        feeling = tp.emotion.by_persona.get(col.persona) if col.persona and tp.emotion else _everyone(tp)
        return _scalar(plain_value(feeling)) if feeling is not None else None
    if col.field == "metric":
        metrics = tp.targets if col.target else tp.metrics
        measure = metrics.custom.get(str(col.metric)) if col.custom else getattr(metrics, str(col.metric))
        return _scalar(plain_value(measure, str(col.metric))) if measure is not None else None
    value = getattr(tp, col.field)
    return _field_cell(col.field, value, plain_value)


def _field_cell(field: str, value: Any, plain: Callable[[Any], Any]) -> Value:
    if value is None or value == [] or value is False or (field == "handoffs" and value == 0):
        return None
    if field in ("pain_points", "opportunities", "personas"):
        return "\n".join(str(item) for item in value)
    if field == "next":
        return "\n".join(str(_scalar(plain(t))) for t in value)
    if field == "moment_of_truth":
        data = plain(value)
        return "yes" if data is True else data["impact"] if list(data) == ["impact"] else _scalar(data)
    if field == "proactive":
        return "yes"
    return _scalar(plain(value))


def _channel_cell(journey: Journey, channel_id: str, custom: set[str], defined: set[str]) -> str:
    """A custom channel is defined in the cell of its first touchpoint (``{id, name, kind}``), then named by id."""
    from journeymap.formats.journey_yaml import plain_value

    if channel_id not in custom or channel_id in defined:
        return channel_id
    defined.add(channel_id)
    return str(_scalar(plain_value(journey.channel(channel_id))))


def _scalar(value: Any) -> Value:
    """Numbers and text as they are; a mapping as one line of YAML flow style."""
    if isinstance(value, dict):
        return flow(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)) or value is None:
        found: Value = value
        return found
    return str(value)


def flow(value: dict[str, Any]) -> str:
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=100_000)
    return str(text).strip()
