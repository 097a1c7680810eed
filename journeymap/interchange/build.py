"""From the plain data an importer assembled to a journey that validates, or to the reasons it does not.

Why go through YAML text and the validator: the imported journey is then checked by exactly the
rules ``journeymap validate`` applies to the file written, and written by ``Journey.to_yaml``, so
there is one notion of a valid journey and one writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from journeymap.diagnostics import Diagnostic, Severity, Span, sort_unique
from journeymap.model import Journey
from journeymap.project import SCHEMA_URL
from journeymap.translation import N_, Msg, Verbatim, translator

#: Where editors find the JSON Schema; the first line of every journey ``import`` writes.
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_URL}\n"

#: Input errors that mean the file could not be read at all (exit code 2, like JM001).
UNREADABLE = frozenset({"JM001", "JM002", "JM003", "JM713"})


@dataclass(frozen=True)
class Placeholders:
    """The names import gives what a diagram or table leaves out, in the journey's language.

    Why translated: they become the journey's own data (a stage, a touchpoint, a persona's name), so an
    Arabic journey would otherwise hold English names on its map and in its reports.
    """

    no_section: str = N_("(no section)")
    no_tasks: str = N_("(no tasks in the diagram)")
    journey: str = N_("Imported journey")
    persona: str = N_("Customer")
    channel: str = N_("Channel not given")
    channel_description: str = N_(
        "imported from a Mermaid journey, which has no channels; replace with the real channel"
    )
    language: str = "en"

    def task_on_line(self, line: int) -> str:
        """The name of a task written without one."""
        return str(translator(self.language)(Msg("Task on line %(line)s", line=line)))  # plain text: journey data


def placeholders(language: str) -> Placeholders:
    """The placeholder names in ``language`` (English for a language without a catalog)."""
    t = translator(language)
    english = Placeholders()
    if t.english:
        return english
    words = {name: t(getattr(english, name)) for name in _PLACEHOLDER_FIELDS}
    return Placeholders(**words, language=t.language)


_PLACEHOLDER_FIELDS = ("no_section", "no_tasks", "journey", "persona", "channel", "channel_description")


@dataclass(frozen=True)
class Imported:
    """What an import gives: the journey (None when there are errors) and every diagnostic, in input order."""

    path: str
    journey: Journey | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def yaml(self) -> str:
        """The journey as a format-v1 file: the schema line for editors, then ``Journey.to_yaml``."""
        if self.journey is None:
            raise ValueError(f"{self.path} did not import")
        return SCHEMA_LINE + self.journey.to_yaml()

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


#: A validator's problem (with the key path of the value it is about, when known) said at its place in the input.
Restate = Callable[[Diagnostic, tuple[str | int, ...] | None], Diagnostic]


def finish(
    path: str,
    data: dict[str, Any] | None,
    diagnostics: list[Diagnostic],
    restate: Restate | None = None,
    destination: str | None = None,
) -> Imported:
    """Validate the assembled data as a journey file; its errors become JM719 at the input.

    ``restate`` places each error at the input (a table's cell) and says it in the input's terms; without
    it, JM719 names the input file alone (the generated YAML's lines mean nothing to the user).

    ``destination``, the journey file to be written, is validated as it will be read there: with the
    measured snapshot beside it, if there is one (a target whose metric is only measured is then not
    "without a metric"). The journey kept is the typed one, never the measured values: a journey file
    cannot claim to be measured (docs/decisions/0040-interchange-typed-values.md).
    """
    found = sort_unique(diagnostics)
    if data is None or any(d.severity is Severity.ERROR for d in found):
        return Imported(path, None, found)
    import yaml

    from journeymap.loader import load_text
    from journeymap.validation import validate

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    loaded = load_text(text, destination if destination and destination != "-" else path)
    result = validate(loaded)
    if result.journey is None:
        from journeymap.interchange.places import key_paths

        at = key_paths(loaded.source_map)
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        said = restate or (lambda problem, _key: invalid(problem, Span(path)))
        invalid_ = [said(d, at.get((d.span.line, d.span.column))) for d in errors]
        return Imported(path, None, sort_unique([*found, *invalid_]))
    from journeymap.interchange.exporting import typed_journey

    journey, _ = typed_journey(loaded, result.journey)
    return Imported(path, journey, found)


def invalid(problem: Diagnostic, span: Span, message: str | None = None, hint: str | None = None) -> Diagnostic:
    """JM719 at ``span``: the validator's problem (or ``message`` and ``hint``, in the input's terms)."""
    return Diagnostic(
        "JM719",
        Severity.ERROR,
        Msg(
            "the imported journey does not validate: %(message)s (%(code)s)",
            message=message or problem.message,
            code=Verbatim(problem.code),
        ),
        span,
        hint if message else problem.hint,
    )


def diagnostic(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    """A diagnostic with its code's severity (codes.py is the one place severities are set)."""
    from journeymap.codes import CODES

    return Diagnostic(code, CODES[code].severity, message, span, hint)


def unique_id(wanted: str, taken: set[str], fallback: str) -> str:
    """``wanted`` (or ``fallback`` when empty), numbered ``-2``, ``-3``... until no id in ``taken`` has it."""
    base = wanted[:60].strip("-_") or fallback
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def language_of(texts: list[str], default: str = "en") -> str:
    """``ar`` or ``he`` when most of the letters are in that script, else ``default``: maps of those read right
    to left.

    Why most letters, not any: one Arabic name in an English table (a customer's quote, a branch) does not make
    the whole journey Arabic; one English product name in an Arabic table does not make it English.
    """
    letters = {"ar": 0, "he": 0}
    other = 0
    for ch in "".join(texts):
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f":
            letters["ar"] += 1
        elif "\u0590" <= ch <= "\u05ff":
            letters["he"] += 1
        elif ch.isalpha():
            other += 1
    rtl = max(letters, key=lambda script: letters[script])
    return rtl if letters[rtl] > other else default
