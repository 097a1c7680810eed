"""A checker for "no English in an Arabic output": the Latin-letter words an output shows that are neither
an id nor the journey's own text (its YAML strings), nor a product name."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import yaml

from journeymap.codes import CODES

#: Names that stay as they are in any language.
PROPER_NAMES = frozenset({"journeymap", "Mermaid", "YAML", "UTF", "JSON", "CSV", "Parquet", "SARIF"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
#: Code (`context_carried: true`) is the format's own syntax, not words.
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ID_TITLE = re.compile(r"<title>[\w-]*</title>")
#: Links to the documentation (``docs/domain.md#bad-experiences-and-churn``) are paths.
_URL = re.compile(r"https?://[^\s)]+")
_DOC_LINK = re.compile(r"\bdocs/\S+")
_TAG = re.compile(r"<(style|script)\b.*?</\1>|<[^>]*>", re.S)


def own_strings(path: Path) -> tuple[str, ...]:
    """Every key and scalar of a journey file (ids, names, the user's own words), longest first."""
    return _own_strings(path.read_text(encoding="utf-8"))


@functools.cache
def _own_strings(text: str) -> tuple[str, ...]:
    """Why cached, by the file's text: every Arabic output is checked against the same few journeys, and reading
    one with PyYAML was most of the Arabic tests' time."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.add(str(key))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, bool):
            found.add(str(node).lower())
        elif node is not None:
            found.add(str(node))

    walk(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return tuple(sorted((s for s in found if s), key=len, reverse=True))


def visible_text(markup: str) -> str:
    """Text a reader sees in SVG/HTML/Markdown: tags, styles, entities and Markdown escapes removed (and
    Graphviz's ``<title>`` of a node or cluster, which is its id)."""
    markup = _ID_TITLE.sub(" ", markup)
    return re.sub(r"\\([\\`*_\[\]#|])", r"\1", html.unescape(_TAG.sub(" ", markup)))


def english_words(output: str, journey: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """The Latin-letter words left in ``output`` once the journey's own strings and ``extra`` are removed."""
    text = _CODE_SPAN.sub(" ", _LINK_TARGET.sub("]", visible_text(output))).replace(str(journey), " ")
    text = _DOC_LINK.sub(" ", _URL.sub(" ", text))
    for own in [*sorted(_CODE_NAMES, key=len, reverse=True), *own_strings(journey), *extra]:
        if _WORD.search(own):
            text = re.sub(rf"(?<![A-Za-z]){re.escape(own)}(?![A-Za-z])", " ", text)
    return sorted({w for w in _WORD.findall(text) if w not in PROPER_NAMES})


#: Diagnostic codes and rule names are ids (``JM330``, ``late-step-without-notice``).
_CODE_NAMES = frozenset({"JM", *(code.name for code in CODES.values())})
