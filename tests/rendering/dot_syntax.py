"""A small model of the Graphviz DOT lexer, to check that user text stays inside its strings and labels.

It follows Graphviz's ``lib/cgraph/scan.l``: IDs (letters, ``_``, any non-ASCII character, then
digits too), numerals, double-quoted strings (in which ``\\"`` and ``\\\\`` are escape pairs and a
backslash-newline continues the line), HTML strings (``<...>`` with nested angle brackets), the
edge operators ``->`` and ``--``, and the punctuation ``[ ] { } ; , = :``.

``skeleton`` turns DOT text into its *structure*: every string, HTML label and numeral becomes a
placeholder, everything else (keywords, node names, attribute names, punctuation, line ends) is
kept. Two renders of journeys with the same structure but different text must have the same
skeleton; a name that broke out of its label (a stray quote, ``>``, ``];`` or a line break) would
add, remove or move tokens.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

_SIMPLE = re.compile(
    r"(?P<space>[ \t]+)|(?P<newline>\n)|(?P<edge>->|--)|(?P<punct>[\[\]{};,=:])"
    r"|(?P<number>-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))(?![A-Za-z_\u0080-\U0010ffff])"
    r"|(?P<id>[A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9\u0080-\U0010ffff]*)"
)

#: Elements journeymap puts in HTML-like labels; user text must not add any other.
HTML_ELEMENTS = {"root", "FONT", "B", "S", "BR", "TABLE", "TR", "TD"}


class DotSyntaxError(ValueError):
    """Text a DOT lexer would not split into the tokens journeymap writes."""


@dataclass(frozen=True)
class Token:
    kind: str  # id, number, string, html, edge, punct, newline
    text: str
    line: int


def tokens(dot: str) -> list[Token]:
    out: list[Token] = []
    position, line = 0, 1
    while position < len(dot):
        char = dot[position]
        if char == '"':
            end = _string_end(dot, position, line)
            out.append(Token("string", dot[position + 1 : end], line))
        elif char == "<":
            end = _html_end(dot, position, line)
            out.append(Token("html", dot[position + 1 : end], line))
        else:
            match = _SIMPLE.match(dot, position)
            if match is None:
                raise DotSyntaxError(f"line {line}: unexpected {char!r}")
            kind = match.lastgroup or ""
            if kind != "space":
                out.append(Token(kind, match.group(), line))
            end = match.end() - 1
        line += dot.count("\n", position, end + 1)
        position = end + 1
    return out


def _string_end(dot: str, start: int, line: int) -> int:
    """Index of the closing quote of the string opened at ``start``; a raw line break inside is an error."""
    position = start + 1
    while position < len(dot):
        char = dot[position]
        if char == "\\" and position + 1 < len(dot):
            if dot[position + 1] == "\n":
                raise DotSyntaxError(f"line {line}: a backslash-newline continues a string over lines")
            position += 2 if dot[position + 1] in '"\\' else 1
            continue
        if char == "\n":
            raise DotSyntaxError(f"line {line}: a line break inside a quoted string")
        if char == '"':
            return position
        position += 1
    raise DotSyntaxError(f"line {line}: unterminated string")


def _html_end(dot: str, start: int, line: int) -> int:
    """Index of the ``>`` closing the HTML string opened at ``start`` (angle brackets nest)."""
    depth = 0
    for position in range(start, len(dot)):
        char = dot[position]
        if char == "\n":
            raise DotSyntaxError(f"line {line}: a line break inside an HTML label")
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
            if depth == 0:
                return position
    raise DotSyntaxError(f"line {line}: unterminated HTML label")


def skeleton(dot: str) -> list[str]:
    """The token structure, strings, HTML labels and numerals replaced by placeholders."""
    placeholders = {"string": '"…"', "html": "<…>", "number": "0", "newline": "\n"}
    return [placeholders.get(token.kind, token.text) for token in tokens(dot)]


def html_problems(dot: str) -> list[str]:
    """HTML labels that are not well-formed XML or hold elements journeymap never writes."""
    problems = []
    for token in tokens(dot):
        if token.kind != "html":
            continue
        try:
            root = ET.fromstring(f"<root>{token.text}</root>")
        except ET.ParseError as error:
            problems.append(f"line {token.line}: {error}: {token.text[:200]!r}")
            continue
        unknown = {element.tag for element in root.iter()} - HTML_ELEMENTS
        if unknown:
            problems.append(f"line {token.line}: unexpected elements {sorted(unknown)}")
    return problems
