"""A small pure-Python model of Mermaid's ``journey`` parser, for checking our Mermaid export.

It follows mermaid-js/mermaid ``packages/mermaid/src/diagrams/user-journey/parser/journey.jison``
and the preprocessing Mermaid does before it (``mermaid.parse``):

1. ``\\r\\n`` and ``\\r`` become ``\\n``; YAML front matter (``---`` ... ``---``) at the start is removed;
   ``%%{...}%%`` directives are removed anywhere; whole ``%%`` comment lines are removed; leading
   whitespace is trimmed; the text must then start with ``journey`` (the diagram detector).
2. The jison lexer, case-insensitive, tries its rules **in order and takes the first that matches**
   (jison without ``%options flex``), and appends ``\\b`` to every rule ending in a word character
   (so the ``journey`` keyword is ``journey\\b``)::

       %%(?!{)[^\\n]*            skip (comment)
       [^}]%%[^\\n]*             skip (comment: any character followed by %%)
       \\n+                      NEWLINE
       \\s+                      skip
       #[^\\n]*                  skip (comment)
       journey\\b                journey
       title\\s[^#\\n;]+          title
       accTitle\\s*:\\s*          acc_title      -> <acc_title>  [^\\n]*  acc_title_value
       accDescr\\s*:\\s*          acc_descr      -> <acc_descr>  [^\\n]*  acc_descr_value
       accDescr\\s*{\\s*          (no token)     -> <multiline>  } pops, [^}]* acc_descr_multiline_value
       section\\s[^#:\\n;]+       section
       [^#:\\n;]+                taskName
       :[^#\\n;]+                taskData
       :                        ':'
       .                        INVALID

3. The grammar: ``journey`` then any number of NEWLINE or statements (title, acc_title
   acc_title_value, acc_descr acc_descr_value, acc_descr_multiline_value, section,
   taskName taskData), then EOF.

``parse`` accepts exactly what Mermaid accepts (scores 6, ``abc``, no actors, tasks before the
first section...). ``strict_problems`` adds journeymap's own rules for what *we* emit: every task
in a section, an integer score 1-5, at least one actor, no empty names, no text lost to comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), which differs from Python's.
JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
WS = f"[{JS_SPACE}]"
_WORD_END = "(?![A-Za-z0-9_])"  # JavaScript's \b after a word character (ASCII word characters only)

_FLAGS = re.IGNORECASE | re.ASCII  # JS 'i' without 'u' only folds ASCII letters for these keywords

INITIAL_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"%%(?!\{)[^\n]*", _FLAGS), None),
    (re.compile(r"[^}]%%[^\n]*", _FLAGS), None),
    (re.compile(r"\n+", _FLAGS), "NEWLINE"),
    (re.compile(f"{WS}+"), None),
    (re.compile(r"#[^\n]*", _FLAGS), None),
    (re.compile(f"journey{_WORD_END}", _FLAGS), "journey"),
    (re.compile(f"title{WS}[^#\\n;]+", _FLAGS), "title"),
    (re.compile(f"accTitle{WS}*:{WS}*", _FLAGS), "acc_title"),
    (re.compile(f"accDescr{WS}*:{WS}*", _FLAGS), "acc_descr"),
    (re.compile(f"accDescr{WS}*\\{{{WS}*", _FLAGS), "<multiline>"),
    (re.compile(f"section{WS}[^#:\\n;]+", _FLAGS), "section"),
    (re.compile(r"[^#:\n;]+"), "taskName"),
    (re.compile(r":[^#\n;]+"), "taskData"),
    (re.compile(r":"), ":"),
    (re.compile(r"[^\n\r\u2028\u2029]"), "INVALID"),  # JavaScript's '.'
]

_FRONT_MATTER = re.compile(r"^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+", re.DOTALL)
_DIRECTIVE = re.compile(r"%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?", re.I)
_COMMENT_LINE = re.compile(r"^\s*%%(?!\{)[^\n]+\n?", re.MULTILINE)


class MermaidSyntaxError(ValueError):
    """The text is not a Mermaid journey Mermaid would accept."""


@dataclass
class Task:
    name: str
    data: str
    section: str | None
    line: int

    @property
    def score_text(self) -> str:
        return self.data[1:].split(":")[0].strip()

    @property
    def actors(self) -> list[str]:
        pieces = self.data[1:].split(":")
        return [a.strip() for a in pieces[1].split(",")] if len(pieces) > 1 else []


@dataclass
class JourneyDoc:
    title: str | None = None
    sections: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    acc_title: str | None = None
    acc_descr: str | None = None


def preprocess(text: str) -> str:
    """What Mermaid does to the text before the journey lexer sees it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FRONT_MATTER.sub("", text, count=1)
    text = _DIRECTIVE.sub("", text)
    text = _COMMENT_LINE.sub("", text)
    return text.lstrip()


def _first_rule(text: str, position: int, line: int) -> tuple[re.Match[str], str | None]:
    """jison without ``%options flex``: the first rule that matches wins, not the longest."""
    for pattern, kind in INITIAL_RULES:
        match = pattern.match(text, position)
        if match:
            return match, kind
    raise MermaidSyntaxError(f"line {line}: no lexer rule matches {text[position]!r}")  # pragma: no cover


def tokens(text: str) -> list[tuple[str, str, int]]:
    """The jison lexer: (token, text, line) triples, first-matching rule wins."""
    out: list[tuple[str, str, int]] = []
    position, line, state = 0, 1, "INITIAL"
    while position < len(text):
        if state == "acc_title" or state == "acc_descr":
            match = re.compile(r"[^\n]*").match(text, position)
            assert match is not None
            out.append((f"{state}_value", match.group(), line))
            state = "INITIAL"
        elif state == "multiline":
            if text[position] == "}":
                position += 1
                state = "INITIAL"
                continue
            match = re.compile(r"[^}]*").match(text, position)
            assert match is not None
            out.append(("acc_descr_multiline_value", match.group(), line))
        else:
            match, kind = _first_rule(text, position, line)
            if kind in ("acc_title", "acc_descr"):
                out.append((kind, match.group(), line))
                state = kind
            elif kind == "<multiline>":
                out.append(("acc_descr_multiline_open", match.group(), line))  # no grammar token
                state = "multiline"
            elif kind is not None:
                out.append((kind, match.group(), line))
        line += match.group().count("\n")
        position = match.end()
    return out


def parse(text: str) -> JourneyDoc:
    """Parse like Mermaid: return the diagram, or raise MermaidSyntaxError."""
    body = preprocess(text)
    if not re.match(r"^\s*journey", body, re.I):
        raise MermaidSyntaxError("not detected as a journey diagram (Mermaid's detector wants 'journey' first)")
    stream = tokens(body)
    if not stream or stream[0][0] != "journey":
        raise MermaidSyntaxError(f"expected 'journey' first, got {stream[0][:2] if stream else 'EOF'}")
    doc = JourneyDoc()
    section: str | None = None
    index = 1
    while index < len(stream):
        kind, value, line = stream[index]
        following = stream[index + 1] if index + 1 < len(stream) else ("EOF", "", line)
        if kind in ("NEWLINE", "acc_descr_multiline_open"):
            index += 1
        elif kind == "title":
            doc.title = value[6:]
            index += 1
        elif kind in ("acc_title", "acc_descr"):
            if following[0] != f"{kind}_value":
                raise MermaidSyntaxError(f"line {line}: {kind} without a value")
            setattr(doc, kind, following[1].strip())
            index += 2
        elif kind == "acc_descr_multiline_value":
            doc.acc_descr = value.strip()
            index += 1
        elif kind == "section":
            section = value[8:]
            doc.sections.append(section)
            index += 1
        elif kind == "taskName":
            if following[0] != "taskData":
                raise MermaidSyntaxError(
                    f"line {line}: task {value.strip()!r} must be followed by ': score', "
                    f"got {following[0]} {following[1]!r}"
                )
            doc.tasks.append(Task(value, following[1], section, line))
            index += 2
        else:
            raise MermaidSyntaxError(f"line {line}: unexpected {kind} {value!r}")
    return doc


def strict_problems(text: str) -> list[str]:
    """journeymap's own rules for the Mermaid it writes, on top of Mermaid's grammar.

    * one statement per line, with no line lost to Mermaid's comment rules;
    * exactly one title; every task inside a section; task, section and title text not empty;
    * the score an integer 1-5; at least one non-empty actor.
    """
    doc = parse(text)
    problems: list[str] = []
    body = preprocess(text)
    covered: set[int] = set()
    for kind, value, line in tokens(body):
        if kind != "NEWLINE":
            covered.update(range(line, line + value.count("\n") + 1))
    for number, line in enumerate(body.split("\n"), start=1):
        if line.strip() and number not in covered:
            problems.append(f"line {number} {line.strip()!r} is swallowed by Mermaid's comment rules")
    if doc.title is None or not doc.title.strip():
        problems.append("no title")
    titles = [value for kind, value, _ in tokens(body) if kind == "title"]
    if len(titles) > 1:
        problems.append(f"{len(titles)} title statements (a task or section read as a title?): {titles!r}")
    for name in doc.sections:
        if not name.strip():
            problems.append("an empty section name")
    for task in doc.tasks:
        where = f"line {task.line} ({task.name.strip()!r})"
        if task.section is None:
            problems.append(f"{where}: task before any section")
        if not task.name.strip():
            problems.append(f"{where}: empty task name")
        if not re.fullmatch(r"[1-5]", task.score_text):
            problems.append(f"{where}: score {task.score_text!r} is not an integer 1-5")
        if not task.actors or not all(task.actors):
            problems.append(f"{where}: empty actor list or empty actor {task.actors!r}")
    return problems
