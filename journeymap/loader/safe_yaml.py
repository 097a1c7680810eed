"""Safe YAML: plain data plus a source map, built from parser events.

Why events and not ``yaml.safe_load``: building the data ourselves, in one
iterative pass over libyaml's events, lets us

* keep the line and column of every key and value (the source map);
* report duplicate keys, which PyYAML silently overwrites;
* accept only the standard tags (no ``!!python/object``, no custom tags);
* bound alias expansion, so a "billion laughs" file fails in milliseconds;
* bound nesting depth *before* libyaml's recursive composer would crash
  (a 100,000-deep flow sequence segfaults ``yaml.compose`` with the C loader);
* resolve plain scalars with the YAML 1.2 core schema, so ``no``, ``on`` and
  ``yes`` stay strings (``language: no`` is Norwegian, not ``False``) and
  dates stay text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.loader.source_map import Children, KeyPath, Position, SourceMap
from journeymap.translation import Msg, Verbatim
from journeymap.translation.library_messages import yaml_words

EventParser: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

#: Deepest nesting of mappings and sequences accepted. A journey needs ~8.
MAX_DEPTH = 64
#: Alias expansion may add at most this many nodes beyond 10x the written ones.
ALIAS_ALLOWANCE = 10_000

_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
#: First characters a null, boolean or number can start with; any other plain scalar is text.
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")
_NULL_FIRST = frozenset("~nN")
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOL_FIRST = frozenset("tTfF")
#: First characters of the null and boolean words, and those words' values: a plain scalar starting
#: with one of these letters is one of the words or text ("neutral", "form", "tp12").
_WORD_FIRST = _NULL_FIRST | _BOOL_FIRST
_WORDS: dict[str, Any] = dict.fromkeys(_NULLS) | _BOOL
#: Last characters of an int, octal, hex, float, .inf or .nan ("1." is a float).
_NUMBER_LAST = frozenset("0123456789.abcdefABCDEFnN")


class FatalYamlError(Exception):
    """A problem after which the rest of the file cannot be read."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class ParsedYaml:
    data: Any
    source_map: SourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fatal: bool = False  # parsing stopped early; ``data`` is None


class _Frame:
    """A mapping or sequence being built, with the source map's dicts for its entries' positions."""

    __slots__ = (
        "anchor",
        "container",
        "is_map",
        "key_pos",
        "keys",
        "merges",
        "path",
        "pending_key",
        "pending_merge",
        "start",
        "values",
        "weight",
    )

    def __init__(
        self,
        container: dict[str, Any] | list[Any],
        path: KeyPath,
        anchor: str | None,
        start: Position,
        source_map: SourceMap,
    ):
        self.container = container
        self.is_map = is_map = type(container) is dict
        self.path = path
        self.anchor = anchor
        self.start = start
        self.weight = 1
        self.pending_key: str | None = None
        self.pending_merge = False
        self.key_pos: Position = start
        self.merges: list[tuple[Any, Position]] | None = None  # made by the first merge key (``<<``)
        self.values: Children = source_map.values.children(path)
        self.keys: Children = source_map.keys.children(path) if is_map else {}

    def merge(self, value: Any) -> None:
        """Keep a merge key's value (``<<: *defaults``) for when the mapping ends: explicit keys win."""
        if self.merges is None:
            self.merges = []
        self.merges.append((value, self.key_pos))


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Parse one YAML document into plain data and a source map.

    Problems that stop parsing (syntax errors, too deep, alias bombs, several
    documents) end it with ``fatal`` set; the problems found before are kept.
    """
    builder = _Builder(path)
    parser = EventParser(text)
    try:
        builder.run(parser)
    except yaml.YAMLError as error:
        fatal = _syntax_diagnostic(error, path, text)
    except FatalYamlError as error:
        fatal = error.diagnostic
    else:
        return ParsedYaml(builder.result, builder.source_map, builder.diagnostics)
    finally:
        parser.dispose()
    return ParsedYaml(None, builder.source_map, [*builder.diagnostics, fatal], fatal=True)


class _Builder:
    """Builds the data and the source map from parser events.

    Why one long loop: a 10,000-touchpoint journey is half a million events.
    Plain untagged scalars (nine events in ten) are resolved and placed inline
    with position tuples; every other event goes through a dict by event
    type. Spans and diagnostics are made only when something is wrong.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.source_map = SourceMap(path)
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.result: Any = None
        self.documents = 0
        self.written = 0
        self.expanded = 0

    def run(self, parser: Any) -> None:
        get_event = parser.get_event
        stack = self.stack
        handlers: dict[type, Callable[[Any], None]] = {
            yaml.DocumentStartEvent: self.document_start,
            yaml.MappingStartEvent: self.mapping_start,
            yaml.SequenceStartEvent: self.sequence_start,
            yaml.AliasEvent: self.alias,
        }
        scalar_event, mapping_end, sequence_end = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
        maybe_typed, word_first, words = _MAYBE_TYPED, _WORD_FIRST, _WORDS
        while True:
            event = get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is scalar_event:
                # A scalar: the inline fast path of ``self.scalar`` and ``self.add``.
                self.written += 1
                text = event.value
                if event.tag is None and event.implicit[0]:  # plain, untagged
                    if not text:
                        value: Any = None
                    elif text[0] not in maybe_typed:
                        value = text
                    elif text[0] in word_first:  # ``self.plain`` for a null, a boolean or a word
                        value = words.get(text, text)
                    else:
                        value = self.plain(text, event)
                else:
                    value = self.scalar(event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                start: Any = event.start_mark  # libyaml always sets marks
                end: Any = event.end_mark
                pos = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                weight = 1
                if stack and stack[-1].is_map and stack[-1].pending_key is None:
                    top = stack[-1]
                    if value is None or text == "<<" or text in top.container:
                        self.set_key(top, value, pos, event)  # null, merge or duplicate key
                    else:  # ``self.set_key`` for an ordinary key: its text as written
                        top.pending_key = text
                        top.pending_merge = False
                        top.key_pos = pos
                        top.keys[text] = pos
                    continue
            elif kind is mapping_end or kind is sequence_end:
                # The end of a collection, inline: its whole span, then placed like a scalar.
                frame = stack.pop()
                if frame.merges:
                    self.apply_merges(frame)
                mark: Any = event.start_mark
                pos = (frame.start[0], frame.start[1], mark.line + 1, mark.column + 1)
                value, weight = frame.container, frame.weight
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, weight)
            else:
                handler = handlers.get(kind)
                if handler is not None:
                    handler(event)
                continue
            # Place the value (``self.add`` and ``self.attach``, inline): into the collection on top, or the document.
            if not stack:
                self.result = value
                self.source_map.values.set_top(pos)
                continue
            top = stack[-1]
            if top.is_map:
                key = top.pending_key
                assert key is not None  # a key was read above, or a collection could not have opened here
                top.values[key] = pos
                top.weight += weight
                if top.pending_merge:
                    top.merge(value)
                else:
                    top.container[key] = value  # type: ignore[call-overload]
                top.pending_key = None
            else:
                container = top.container
                top.values[len(container)] = pos
                top.weight += weight
                container.append(value)  # type: ignore[union-attr]
        if self.documents == 0:
            raise FatalYamlError(self.problem("JM009", Msg("the file is empty"), Span(self.path, 1, 1), _EMPTY_HINT))

    def document_start(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise FatalYamlError(
                self.problem(
                    "JM010",
                    Msg("the file holds more than one YAML document"),
                    self.span(event),
                    Msg("keep one journey per file; remove the second `---` and what follows"),
                )
            )

    def mapping_start(self, event: yaml.MappingStartEvent) -> None:
        if event.tag is not None:
            self.check_tag(event, "map")
        self.open(event, {})

    def sequence_start(self, event: yaml.SequenceStartEvent) -> None:
        if event.tag is not None:
            self.check_tag(event, "seq")
        self.open(event, [])

    # -- collections -------------------------------------------------------

    def open(self, event: yaml.NodeEvent, container: dict[str, Any] | list[Any]) -> None:
        self.written += 1
        stack = self.stack
        path = self.child_path(event)
        if len(stack) >= MAX_DEPTH:
            raise FatalYamlError(_too_deep(self.span(event)))
        start: Any = event.start_mark  # libyaml always sets marks
        end: Any = event.end_mark
        pos = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        if stack:  # ``self.record``, inline
            stack[-1].values[path[-1]] = pos
        else:
            self.source_map.values.set_top(pos)
        stack.append(_Frame(container, path, event.anchor, pos, self.source_map))

    def record(self, path: KeyPath, pos: Position) -> None:
        """The position of the value at ``path``, a child of the collection on top of the stack (or the document)."""
        if self.stack:
            self.stack[-1].values[path[-1]] = pos
        else:
            self.source_map.values.set_top(pos)

    def add(self, value: Any, weight: int, pos: Position, event: yaml.Event) -> None:
        """Place a finished scalar or alias value into the current collection."""
        if not self.stack:
            self.result = value
            self.source_map.values.set_top(pos)
            return
        top = self.stack[-1]
        if top.is_map and top.pending_key is None:
            self.set_key(top, value, pos, event)
            return
        self.record(self.child_path(event), pos)
        self.attach(value, weight)

    def attach(self, value: Any, weight: int) -> None:
        top = self.stack[-1]
        top.weight += weight
        if not top.is_map:
            top.container.append(value)  # type: ignore[union-attr]
            return
        key = top.pending_key
        assert key is not None
        if top.pending_merge:
            top.merge(value)
        else:
            top.container[key] = value  # type: ignore[call-overload]
        top.pending_key = None

    def set_key(self, frame: _Frame, value: Any, pos: Position, event: yaml.Event) -> None:
        if isinstance(value, (dict, list)):
            raise FatalYamlError(
                self.problem(
                    "JM012",
                    Msg("a mapping key is itself a list or mapping"),
                    self.to_span(pos),
                    Msg("keys must be plain text"),
                )
            )
        key = "" if value is None else _key_text(value, event)
        merge = key == "<<" and isinstance(event, yaml.ScalarEvent) and not event.style
        assert isinstance(frame.container, dict)
        if key in frame.container and not merge:
            first = self.source_map.keys.get(frame.path + (key,))
            said = (
                Msg("duplicate key '%(key)s' (first at line %(line)s)", key=Verbatim(key), line=first.line)
                if first
                else Msg("duplicate key '%(key)s'", key=Verbatim(key))
            )
            self.diagnostics.append(
                self.problem(
                    "JM005",
                    said,
                    self.to_span(pos),
                    Msg("each key may appear once in a mapping; merge the two entries or rename one"),
                )
            )
        frame.pending_key = key
        frame.pending_merge = merge
        frame.key_pos = pos
        if not merge:
            frame.keys[key] = pos

    def apply_merges(self, frame: _Frame) -> None:
        """YAML merge keys (``<<: *defaults``): explicit keys win over merged ones."""
        assert isinstance(frame.container, dict)
        for value, pos in frame.merges or []:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.diagnostics.append(
                        self.problem(
                            "JM015", Msg("a merge key `<<` needs a mapping or a list of mappings"), self.to_span(pos)
                        )
                    )
                    continue
                for key, item in source.items():
                    if key not in frame.container:
                        frame.container[key] = item
                        frame.values.setdefault(key, pos)
                        frame.keys.setdefault(key, pos)

    # -- scalars and aliases -------------------------------------------------

    def alias(self, event: yaml.AliasEvent) -> None:
        pos = self.position(event)
        if event.anchor not in self.anchors:
            raise FatalYamlError(
                self.problem(
                    "JM004",
                    Msg(
                        "alias *%(anchor)s is not defined (or is used inside its own anchor)",
                        anchor=Verbatim(str(event.anchor)),
                    ),
                    self.to_span(pos),
                    Msg(
                        "define `&%(anchor)s` on a value before using `*%(anchor)s`", anchor=Verbatim(str(event.anchor))
                    ),
                )
            )
        value, weight = self.anchors[event.anchor]
        self.expanded += weight
        if self.expanded > 10 * self.written + ALIAS_ALLOWANCE:
            raise FatalYamlError(
                self.problem(
                    "JM007",
                    Msg(
                        "aliases expand to more than %(limit)s values",
                        limit=f"{10 * self.written + ALIAS_ALLOWANCE:,}",
                    ),
                    self.to_span(pos),
                    Msg("this looks like an alias bomb; write the data out or reuse fewer nested aliases"),
                )
            )
        self.add(value, weight, pos, event)

    def plain(self, text: str, event: yaml.ScalarEvent) -> Any:
        """A plain untagged scalar that may be a null, boolean or number (its first character says so)."""
        if not text:
            return None
        first = text[0]
        if first in _NULL_FIRST:
            return None if text in _NULLS else text
        if first in _BOOL_FIRST:
            return _BOOL.get(text, text)
        if text[-1] not in _NUMBER_LAST:  # "85%", "15m": no number ends like that
            return text
        return self.checked(_resolve_plain(text), event)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        text = event.value
        if tag in (None, "!"):
            return self.checked(_resolve_plain(text), event) if event.implicit[0] else text
        if not tag.startswith(_TAG) or tag[len(_TAG) :] not in ("str", "int", "float", "bool", "null"):
            self.diagnostics.append(self.unsupported_tag(tag, self.span(event)))
            return text
        kind = tag[len(_TAG) :]
        if kind == "str":
            return text
        value = _resolve_plain(text)
        if isinstance(value, _TooLarge):
            return self.checked(value, event)
        expected: dict[str, type | tuple[type, ...]] = {
            "int": int,
            "float": (int, float),
            "bool": bool,
            "null": type(None),
        }
        if not isinstance(value, expected[kind]) or (kind == "int" and isinstance(value, bool)):
            said = Msg("'%(text)s' is not a valid !!%(kind)s", text=Verbatim(_clip(text)), kind=Verbatim(kind))
            self.diagnostics.append(self.problem("JM016", said, self.span(event)))
            return text
        value = self.checked(value, event)
        return YamlFloat(float(value), text) if kind == "float" and not isinstance(value, str) else value

    def checked(self, value: Any, event: yaml.ScalarEvent) -> Any:
        """Turn a number too long for Python's int() into a diagnostic and text."""
        if isinstance(value, _TooLarge):
            self.diagnostics.append(
                self.problem(
                    "JM013",
                    Msg(
                        "the number '%(value)s' has too many digits (%(count)s)",
                        value=Verbatim(_clip(value)),
                        count=len(value),
                    ),
                    self.span(event),
                    Msg("write a realistic value; quote it if it is meant as text"),
                )
            )
            return str(value)
        return value

    def check_tag(self, event: yaml.CollectionStartEvent, kind: str) -> None:
        if event.tag not in (None, "!", _TAG + kind):
            self.diagnostics.append(self.unsupported_tag(event.tag or "", self.span(event)))

    def unsupported_tag(self, tag: str, span: Span) -> Diagnostic:
        shown = tag.replace(_TAG, "!!")
        return self.problem(
            "JM006",
            Msg("the YAML tag '%(tag)s' is not supported", tag=Verbatim(_clip(shown))),
            span,
            Msg("journeymap reads plain data only (strings, numbers, booleans, lists, mappings); remove the tag"),
        )

    # -- helpers -------------------------------------------------------------

    def child_path(self, event: yaml.Event) -> KeyPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if not top.is_map:
            return top.path + (len(top.container),)
        if top.pending_key is None:
            raise FatalYamlError(
                self.problem(
                    "JM012",
                    Msg("a mapping key is itself a list or mapping"),
                    self.span(event),
                    Msg("keys must be plain text, like `name:`"),
                )
            )
        return top.path + (top.pending_key,)

    def position(self, event: yaml.Event) -> Position:
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:  # pragma: no cover - libyaml always sets marks
            return (1, 1, 1, 1)
        return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def to_span(self, pos: Position) -> Span:
        return Span(self.path, *pos)

    def span(self, event: yaml.Event) -> Span:
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:  # pragma: no cover - libyaml always sets marks
            return Span(self.path, 1, 1)
        return Span(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def problem(self, code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
        return Diagnostic(code, Severity.ERROR, message, span, hint)


class _Spelled:
    """A number that remembers how it was written, and gives that back as text.

    Why: ``name: 007`` or ``title: 1e2`` are numbers to YAML 1.2, but as a
    name they must stay "007" and "1e2" (pydantic turns numbers into text
    with ``str()``).
    """

    text: str

    def __str__(self) -> str:
        return self.text


class YamlInt(_Spelled, int):
    def __new__(cls, value: int, text: str) -> YamlInt:
        number = int.__new__(cls, value)
        number.text = text
        return number


class YamlFloat(_Spelled, float):
    def __new__(cls, value: float, text: str) -> YamlFloat:
        number = float.__new__(cls, value)
        number.text = text
        return number


class _TooLarge(str):
    """Marker for integers with more digits than Python will convert."""


_EMPTY_HINT = Msg("a journey file needs `version: 1`, `journey`, `personas` and `stages`; see examples/")


def _resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema resolution of a plain scalar."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    try:
        if _INT.match(text):
            return YamlInt(int(text), text)
        if _OCT.match(text):
            return YamlInt(int(text[2:], 8), text)
        if _HEX.match(text):
            return YamlInt(int(text[2:], 16), text)
    except ValueError:
        return _TooLarge(text)
    if _FLOAT.match(text):
        return YamlFloat(float(text), text)
    if _INF.match(text):
        return YamlFloat(-math.inf if text.startswith("-") else math.inf, text)
    if _NAN.match(text):
        return YamlFloat(math.nan, text)
    return text


def _key_text(value: Any, event: yaml.Event) -> str:
    """Keys are text: ``1:`` and ``true:`` keep the characters as written."""
    if isinstance(event, yaml.ScalarEvent):
        return str(event.value)
    return str(value)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _syntax_diagnostic(error: yaml.YAMLError, path: str, text: str) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _position(text, error.position)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if "nesting depth" in problem:  # libyaml's own guard (PyYAML >= 6.0.4) fired before ours
        return _too_deep(Span(path, line, column))
    context = getattr(error, "context", None)
    # the parser's words are translated when they are a known phrase; others (naming a character) stay as written
    if context:
        message = Msg(
            "YAML syntax error: %(problem)s (%(context)s)", problem=yaml_words(problem), context=yaml_words(context)
        )
    else:
        message = Msg("YAML syntax error: %(problem)s", problem=yaml_words(problem))
    return Diagnostic("JM004", Severity.ERROR, message, Span(path, line, column), _syntax_hint(problem))


def _too_deep(span: Span) -> Diagnostic:
    """JM008 wherever the nesting is caught: by our depth guard, or by libyaml's (it scans flow brackets ahead)."""
    return Diagnostic(
        "JM008",
        Severity.ERROR,
        Msg("collections are nested more than %(MAX_DEPTH)s levels deep", MAX_DEPTH=MAX_DEPTH),
        span,
        Msg("a journey needs far less nesting; check for runaway brackets or indentation"),
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a reader error; libyaml's C reader counts UTF-8 bytes."""
    if EventParser is not yaml.BaseLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1, offset - line_start + 1


def _syntax_hint(problem: str) -> str | None:
    if "control characters" in problem or "special characters" in problem:
        return Msg('remove control characters from the file; write them as escapes in double quotes ("\\u0007")')
    if "'\\t'" in problem or re.search(r"\btabs?\b", problem.lower()):
        return Msg("indent with spaces; YAML does not allow tabs for indentation")
    if "mapping values are not allowed" in problem:
        return Msg("a value containing ': ' must be quoted, or a key is indented wrongly")
    if "could not find expected ':'" in problem:
        return Msg("check the indentation of this line and the line before; quote text that contains ': '")
    if "expected <block end>" in problem:
        return Msg("this line's indentation does not match its siblings")
    return None
