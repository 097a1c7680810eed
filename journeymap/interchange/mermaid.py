"""Mermaid ``journey`` diagrams read into a journey, saying every mapping it makes.

Mermaid's journey is ``title``, ``section <name>`` and ``<task>: <score>: <actor>, <actor>``; it
accepts much that a journey cannot hold (docs/import-export.md has the whole mapping table):

* sections become stages and tasks touchpoints (ids from the names, numbered when repeated: JM712);
* the score becomes the touchpoint's emotion; a score outside 1-5 is clamped (JM703), one that
  is not a number gives no emotion (JM704);
* actors become personas; a task without actors is for every persona (JM705), and a diagram with
  no actor at all gets one persona, ``customer``;
* Mermaid has no channels: every touchpoint gets ``--channel`` or a placeholder channel (JM711);
* front matter gives its ``title`` (JM701); ``accDescr`` becomes the description; ``accTitle``
  is the title when there is no other (JM708); ``%%`` comments are dropped silently.

Lines are read one at a time so each diagnostic points at the line and column of the ``.mmd``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.diagnostics import Diagnostic, Span
from journeymap.interchange.build import (
    Imported,
    Placeholders,
    Restate,
    diagnostic,
    finish,
    invalid,
    language_of,
    placeholders,
    unique_id,
)
from journeymap.model.base import slugify
from journeymap.translation import N_, Msg, Verbatim

#: The channel every task gets when no ``--channel`` is given: defined in the journey, so it validates.
PLACEHOLDER_CHANNEL_ID = "unspecified"
#: The persona of a diagram that names no actors.
PLACEHOLDER_PERSONA_ID = "customer"

_KEYWORD = r"(?![A-Za-z0-9_])"
_HEADER = re.compile(rf"journey{_KEYWORD}", re.IGNORECASE)
_TITLE = re.compile(r"title\s+(.*)", re.IGNORECASE)
_SECTION = re.compile(r"section\s+(.*)", re.IGNORECASE)
_ACC_TITLE = re.compile(r"accTitle\s*:\s*(.*)", re.IGNORECASE)
_ACC_DESCR = re.compile(r"accDescr\s*:\s*(.*)", re.IGNORECASE)
_ACC_BLOCK = re.compile(r"accDescr\s*\{", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?\s*>", re.IGNORECASE)
_BARE_WORD = re.compile(r"[A-Za-z][\w-]*")


@dataclass
class _Task:
    name: str
    score: float | None
    actors: list[str]
    line: int


@dataclass
class _Section:
    name: str
    line: int
    tasks: list[_Task] = field(default_factory=list)


@dataclass
class _Diagram:
    path: str
    title: str | None = None
    front_title: str | None = None
    acc_title: str | None = None
    acc_title_line: int = 0
    title_line: int = 0
    acc_descr: str | None = None
    header: bool = False
    sections: list[_Section] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    #: The names given to what the diagram leaves out, in the journey's language.
    words: Placeholders = field(default_factory=Placeholders)

    def warn(self, code: str, message: str, line: int, column: int = 1, hint: str | None = None) -> None:
        self.problems.append(diagnostic(code, message, Span(self.path, line, column), hint))

    @property
    def statements(self) -> int:
        return len(self.sections) + (self.title is not None) + (self.acc_title is not None)


def read_mermaid(
    text: str,
    path: str,
    *,
    title: str | None = None,
    channel: str | None = None,
    language: str | None = None,
    destination: str | None = None,
) -> Imported:
    """A Mermaid journey diagram as a journey, with a warning for each mapping and the place it applies to."""
    diagram = parse(text, path)
    language = language or language_of(_texts(diagram))
    words = placeholders(language)
    if words != diagram.words:  # the placeholders in the journey's language (a second, cheap pass)
        diagram = parse(text, path, words)
    if not diagram.header and not diagram.statements:
        diagram.problems.append(
            diagnostic(
                "JM700",
                Msg("no Mermaid journey here: no `journey` line, title, section or task"),
                Span(path, 1, 1),
                Msg("a journey diagram starts with `journey`, then `title`, `section` and `task: score: actors` lines"),
            )
        )
        return finish(path, None, diagram.problems)
    data = to_journey(diagram, title, channel, language)
    return finish(path, data, diagram.problems, _at_lines(diagram, data), destination=destination)


def _at_lines(diagram: _Diagram, data: dict[str, Any]) -> Restate:
    """Put what the validator finds in the imported journey at the diagram's line it came from.

    Why: the validator reads the YAML text import generated; a too-long task name or title said at the
    file alone (``long.mmd: error[JM719]``) leaves the user to search the diagram for it.
    """
    from journeymap.interchange.places import Places, place_of

    places: Places = {}
    if diagram.title_line and "title" in data["journey"] and data["journey"]["title"] == diagram.title:
        places[("journey", "title")] = Span(diagram.path, diagram.title_line, 1)
    actors: dict[str, int] = {}
    for s, section in enumerate(diagram.sections):
        places[("stages", s)] = Span(diagram.path, section.line, 1)
        for t, task in enumerate(section.tasks):
            places[("stages", s, "touchpoints", t)] = Span(diagram.path, task.line, 1)
            for actor in task.actors:
                actors.setdefault(actor, task.line)
    for p, line in enumerate(actors.values()):
        places[("personas", p)] = Span(diagram.path, line, 1)

    def said(problem: Diagnostic, key: tuple[str | int, ...] | None) -> Diagnostic:
        found = place_of(key, places)
        return invalid(problem, found[1] if found else Span(diagram.path))

    return said


def parse(text: str, path: str, words: Placeholders | None = None) -> _Diagram:
    """The diagram's statements, line by line (CRLF, CR and LF all end a line; a BOM is dropped); what it
    leaves out named with ``words`` (English by default)."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    diagram = _Diagram(path, words=words or Placeholders())
    number = _front_matter(lines, diagram)
    seen_first = False
    while number < len(lines):
        raw = lines[number]
        number += 1
        line = raw.strip()
        if not line or (line.startswith("%%") and not line.startswith("%%{")):
            continue
        if line.startswith("%%{"):
            number = _directive(lines, number, diagram)
            continue
        if not seen_first:
            seen_first = True
            if _header(line, number, diagram):
                continue
        number = _statement(lines, number, _column(raw), diagram)
    return diagram


def _column(raw: str) -> int:
    return len(raw) - len(raw.lstrip()) + 1


def _front_matter(lines: list[str], diagram: _Diagram) -> int:
    """Skip YAML front matter (``---`` ... ``---``), keeping its ``title``; the index of the next line."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return 0
    title = _front_title("\n".join(lines[1:end]))
    if title:
        diagram.front_title = title
        message = Msg(
            "front matter read: its title %(title)s is the journey's title; the rest (configuration) is ignored",
            title=Verbatim(repr(title)),
        )
    else:
        message = Msg("front matter ignored: it configures how Mermaid draws, which a journey file does not keep")
    diagram.warn("JM701", message, 1, 1, Msg("journeymap render -f mermaid writes a diagram without front matter"))
    return end + 1


def _front_title(text: str) -> str | None:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return _clean(str(title)) if isinstance(title, (str, int, float)) and str(title).strip() else None


def _directive(lines: list[str], number: int, diagram: _Diagram) -> int:
    """A ``%%{init: ...}%%`` directive (possibly over several lines) is left out, with a warning."""
    start = number
    while "}%%" not in lines[number - 1] and number < len(lines):
        number += 1
    diagram.warn("JM709", Msg("a %%{...}%% directive configures how Mermaid draws: left out"), start, 1, _NOTHING)
    return number


_NOTHING = Msg("nothing to do")
_ADD_TITLE = Msg("add a `title` line")
#: The kinds ``_named_id`` names, marked for the catalog.
_KINDS = (N_("section"), N_("task"))


def _header(line: str, number: int, diagram: _Diagram) -> bool:
    """Whether the first statement line was the header (``journey``, or another diagram's keyword)."""
    if _HEADER.match(line):
        diagram.header = True
        return True
    word = _BARE_WORD.fullmatch(line)
    said = (
        Msg(
            "the diagram starts with %(start)s, not `journey`: its lines are read as a journey",
            start=Verbatim(repr(line[:40])),
        )
        if word
        else Msg("the diagram does not start with `journey`: its lines are read as a journey")
    )
    diagram.warn("JM702", said, number, 1, Msg("start the diagram with `journey` so Mermaid draws it"))
    return word is not None and line.casefold() not in ("title", "section")


def _statement(lines: list[str], number: int, column: int, diagram: _Diagram) -> int:
    """One statement on line ``number`` (1-based); the index of the line after it."""
    line = lines[number - 1].strip()
    if match := _ACC_BLOCK.match(line):
        return _acc_block(lines, number, line[match.end() :], diagram)
    code = _uncomment(line).rstrip()
    if match := _ACC_TITLE.match(line):
        diagram.acc_title, diagram.acc_title_line = _clean(match.group(1)), number
    elif match := _ACC_DESCR.match(line):
        diagram.acc_descr = _clean(match.group(1))
    elif match := _TITLE.match(code):
        diagram.title = _label(_cut(match.group(1), "#;", diagram, number, column + match.start(1)), diagram, number)
        diagram.title_line = number
    elif match := _SECTION.match(code):
        name = _cut(match.group(1), "#:;", diagram, number, column + match.start(1))
        diagram.sections.append(_Section(_label(name, diagram, number) or diagram.words.no_section, number))
    elif ":" in code:
        _task(code, number, column, diagram)
    elif code:
        diagram.warn(
            "JM709",
            Msg("%(code)s is not a statement (a task needs `: score`): left out", code=Verbatim(repr(code[:60]))),
            number,
            column,
            Msg("write it as `task name: 3: actor`, or remove it"),
        )
    return number


def _acc_block(lines: list[str], number: int, rest: str, diagram: _Diagram) -> int:
    """``accDescr { ... }`` over one or more lines; text after the ``}`` is a statement of its own."""
    parts: list[str] = []
    while "}" not in rest and number < len(lines):
        parts.append(rest)
        number += 1
        rest = lines[number - 1]
    if "}" not in rest:
        diagram.warn("JM709", Msg("accDescr { has no closing }: the rest of the diagram is its text"), number, 1)
    inside, _, after = rest.partition("}")
    parts.append(inside)
    diagram.acc_descr = _clean("\n".join(parts)) or None
    if not after.strip():
        return number
    lines[number - 1] = after
    return _statement(lines, number, len(rest) - len(after) + _column(after), diagram)


def _task(line: str, number: int, column: int, diagram: _Diagram) -> None:
    name, _, data = line.partition(":")
    data = _cut(data, "#;", diagram, number, column + len(name) + 1)
    pieces = data.split(":")
    score_text = pieces[0].strip()
    actors = [_label(a, diagram, number) for a in pieces[1].split(",")] if len(pieces) > 1 else []
    actors = [a for a in actors if a]
    if len(pieces) > 2 and ":".join(pieces[2:]).strip():
        diagram.warn("JM709", Msg("text after the second ':' is not read by Mermaid: left out"), number, column)
    task_name = _label(name, diagram, number) or diagram.words.task_on_line(number)
    score_column = column + len(name) + 1 + len(pieces[0]) - len(pieces[0].lstrip())
    score = _score(score_text, task_name, number, score_column, diagram)
    if not actors:
        diagram.warn(
            "JM705",
            Msg("task %(task)s names no actors: it is for every persona", task=Verbatim(repr(task_name))),
            number,
            column,
            Msg("name who does it after the score: `task: 4: Sara, Omar`"),
        )
    if not diagram.sections:
        diagram.sections.append(_Section(diagram.words.no_section, number))
        stage = Verbatim(repr(diagram.words.no_section))
        diagram.warn(
            "JM707",
            Msg("tasks before the first section: they make a stage named %(stage)s", stage=stage),
            number,
            column,
            Msg("add a `section` line above them"),
        )
    diagram.sections[-1].tasks.append(_Task(task_name, score, actors, number))


def _score(text: str, task: str, number: int, column: int, diagram: _Diagram) -> float | None:
    try:
        score = float(text)
    except ValueError:
        score = float("nan")
    if score != score or score in (float("inf"), float("-inf")):
        diagram.warn(
            "JM704",
            Msg(
                "the score %(score)s of task %(task)s is not a number: no emotion",
                score=Verbatim(repr(text[:20])),
                task=Verbatim(repr(task)),
            ),
            number,
            column,
            Msg("give a score from %(low)s (angry) to %(high)s (delighted)", low=1, high=5),
        )
        return None
    clamped = min(5.0, max(1.0, score))
    if clamped != score:
        diagram.warn(
            "JM703",
            Msg(
                "the score %(score)s of task %(task)s is outside %(low)s-%(high)s: read as %(clamped)s",
                score=Verbatim(text),
                task=Verbatim(repr(task)),
                low=1,
                high=5,
                clamped=f"{clamped:g}",
            ),
            number,
            column,
            Msg("emotions run from %(low)s (angry) to %(high)s (delighted)", low=1, high=5),
        )
    return clamped


def _cut(text: str, stops: str, diagram: _Diagram, number: int, column: int) -> str:
    """Text up to the first character Mermaid ends a token at (``#`` starts a comment, ``;`` is invalid)."""
    text = _uncomment(text)
    positions = [text.find(stop) for stop in stops if stop in text]
    if not positions:
        return text
    first = min(positions)
    if text[first:].strip():
        diagram.warn(
            "JM709",
            Msg(
                "%(text)s after %(stop)s is not read by Mermaid: left out",
                text=Verbatim(repr(text[first:].strip()[:40])),
                stop=Verbatim(repr(text[first])),
            ),
            number,
            column + first,
            Msg("remove it, or write the character another way"),
        )
    return text[:first]


def _uncomment(text: str) -> str:
    """Text before a ``%%`` comment (Mermaid: any character but ``}`` followed by ``%%`` starts one)."""
    index = text.find("%%")
    while index > 0 and text[index - 1] == "}":
        index = text.find("%%", index + 1)
    return text if index < 0 else text[:index]


def _label(text: str, diagram: _Diagram, number: int) -> str:
    """A name with Mermaid's ``<br>`` line breaks as spaces (JM710) and runs of whitespace as one, and the
    look-alike characters a Mermaid export writes read back as the characters they stand for."""
    if _BREAK.search(text):
        diagram.warn("JM710", Msg("an HTML line break (<br>) in a name became a space"), number, 1, _NOTHING)
        text = _BREAK.sub(" ", text)
    return _clean(text.translate(_LOOK_ALIKES)).removeprefix(_WORD_JOINER)


#: What journeymap's Mermaid export (journeymap.rendering.mermaid) writes for the characters a journey line
#: cannot hold (a colon ends a task, a comma separates actors, ``#`` and ``;`` are syntax), and those
#: characters: an export imported again gives back the names the journey had.
_LOOK_ALIKES = str.maketrans({"\u2236": ":", "\u201a": ",", "\uff03": "#", "\uff1b": ";"})
#: The invisible word joiner export puts before a name that starts with a keyword (``section``).
_WORD_JOINER = "\u2060"


def _clean(text: str) -> str:
    return " ".join(text.split())


# -- the diagram as journey data ------------------------------------------------------------------


def to_journey(diagram: _Diagram, title: str | None, channel: str | None, language: str | None) -> dict[str, Any]:
    """Format-v1 data (what a journey file holds) for the diagram."""
    personas = _personas(diagram)
    if not any(s.tasks for s in diagram.sections):
        _placeholder(diagram)
    if channel is None:
        line = diagram.sections[0].line if diagram.sections else 1
        diagram.warn(
            "JM711",
            Msg(
                "Mermaid journeys have no channels: every touchpoint is on the channel %(channel)s",
                channel=Verbatim(repr(PLACEHOLDER_CHANNEL_ID)),
            ),
            line,
            1,
            Msg("set each touchpoint's channel in the journey, or import with --channel web (or another channel)"),
        )
    info: dict[str, Any] = {"title": title or _title(diagram), "language": language or language_of(_texts(diagram))}
    if diagram.acc_descr:
        info["description"] = diagram.acc_descr
    data: dict[str, Any] = {
        "version": 1,
        "journey": info,
        "personas": [{"id": pid, "name": name} for name, pid in personas.items()]
        or [{"id": PLACEHOLDER_PERSONA_ID, "name": diagram.words.persona}],
        "stages": _stages(diagram, personas, channel or PLACEHOLDER_CHANNEL_ID),
    }
    if channel is None:
        data["channels"] = [_placeholder_channel(diagram.words)]
    return data


def _texts(diagram: _Diagram) -> list[str]:
    """What the diagram says in words: its language is theirs (the names import gave what it left out are not)."""
    words = diagram.words
    return [
        diagram.title or "",
        *(s.name for s in diagram.sections if s.name != words.no_section),
        *(t.name for s in diagram.sections for t in s.tasks if t.name != words.task_on_line(t.line)),
    ]


def _placeholder_channel(words: Placeholders) -> dict[str, str]:
    """The channel every task gets when no ``--channel`` is given: defined in the journey, so it validates."""
    return {
        "id": PLACEHOLDER_CHANNEL_ID,
        "name": words.channel,
        "kind": "digital",
        "description": words.channel_description,
    }


def _title(diagram: _Diagram) -> str:
    if diagram.title:
        if diagram.acc_title and diagram.acc_title != diagram.title:
            diagram.warn("JM709", Msg("accTitle is not kept: the journey has a title"), diagram.acc_title_line)
        return diagram.title
    if diagram.front_title:
        return diagram.front_title
    if diagram.acc_title:
        diagram.warn("JM708", Msg("no title: the journey is titled by accTitle"), diagram.acc_title_line, 1, _ADD_TITLE)
        return diagram.acc_title
    stem = Path(diagram.path).stem if diagram.path not in ("-", "<stdin>") else ""
    title = _clean(stem.replace("_", " ").replace("-", " ")) or diagram.words.journey
    said = Msg("no title: the journey is titled %(title)s after the file", title=Verbatim(repr(title)))
    diagram.warn("JM708", said, 1, 1, _ADD_TITLE)
    return title


def _personas(diagram: _Diagram) -> dict[str, str]:
    """Actor name -> persona id, in order of first appearance; ids unique."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for section in diagram.sections:
        for task in section.tasks:
            for actor in task.actors:
                if actor not in ids:
                    ids[actor] = unique_id(slugify(actor), taken, f"persona-{len(ids) + 1}")
    return ids


def _placeholder(diagram: _Diagram) -> None:
    """A journey has at least one touchpoint: an empty diagram gets one, said so (JM706)."""
    if not diagram.sections:
        diagram.sections.append(_Section(diagram.words.no_section, 1))
    diagram.sections[-1].tasks.append(_Task(diagram.words.no_tasks, None, [], diagram.sections[-1].line))
    diagram.warn(
        "JM706",
        Msg(
            "the diagram has no tasks: one placeholder touchpoint %(name)s keeps the journey valid",
            name=Verbatim(repr(diagram.words.no_tasks)),
        ),
        diagram.sections[-1].line,
        1,
        Msg("add the journey's tasks"),
    )


def _stages(diagram: _Diagram, personas: dict[str, str], channel: str) -> list[dict[str, Any]]:
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    stages = []
    for number, section in enumerate(diagram.sections, start=1):
        stage_id = _named_id(section.name, stage_ids, f"section-{number}", "section", section.line, diagram)
        touchpoints = []
        for index, task in enumerate(section.tasks, start=1):
            task_id = _named_id(task.name, touchpoint_ids, f"task-{number}-{index}", "task", task.line, diagram)
            touchpoint: dict[str, Any] = {"id": task_id, "name": task.name, "channel": channel}
            if task.actors:
                touchpoint["personas"] = list(dict.fromkeys(personas[a] for a in task.actors))
            if task.score is not None:
                touchpoint["emotion"] = int(task.score) if task.score.is_integer() else task.score
            touchpoints.append(touchpoint)
        stages.append({"id": stage_id, "name": section.name, "touchpoints": touchpoints})
    return stages


def _named_id(name: str, taken: set[str], fallback: str, kind: str, line: int, diagram: _Diagram) -> str:
    wanted = slugify(name)[:60].strip("-_") or fallback
    given = unique_id(wanted, taken, fallback)
    if given != wanted:
        diagram.warn(
            "JM712",
            Msg(
                "the %(kind)s name %(name)s is used before: its id is %(id)s",
                kind=Msg(kind),
                name=Verbatim(repr(name)),
                id=Verbatim(repr(given)),
            ),
            line,
            1,
            Msg("give each %(kind)s its own name", kind=Msg(kind)),
        )
    return given
