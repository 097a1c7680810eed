"""Messages in the reader's language, from standard gettext catalogs shipped in this package.

Why gettext: translators know the ``.po`` format and its tools, Babel extracts and
checks it, and the standard library reads the compiled ``.mo`` files, so nothing
is needed at run time. English is the source language: a message id *is* the
English text, so English output never goes through a catalog.

Why ``Msg``: analysis stays language-free. A rule or a check builds a ``Msg``
(a ``str`` that reads as English) which also keeps its message id and arguments;
the presenter that knows the reader's language translates it with
:func:`translate`. See docs/decisions/0016-translations.md.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from journeymap.model import Journey

#: Where ``<lang>/LC_MESSAGES/journeymap.mo`` live.
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "journeymap"
#: The audit rules' long documentation (``journeymap rules``): a second catalog, translated rule by rule;
#: a section without a translation is shown in English (docs/decisions/0016-translations.md).
RULE_DOCS_DOMAIN = "journeymap-rules"
#: Languages with a complete catalog (English is the source language).
LANGUAGES = ("en", "ar")

Numerals = Literal["latin", "arabic"]


def N_(message: str) -> str:
    """Mark a literal for extraction without translating it here (tables translated when shown)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a literal with a context (``female``, ``duration unit``) for extraction; translated with ``context``."""
    return message


class Msg(str):
    """An English message that remembers its id and arguments, so a presenter can translate it.

    ``Msg("stage '%(stage)s' has no touchpoints", stage="visit")`` *is* the string
    ``stage 'visit' has no touchpoints``; :func:`translate` gives it in another
    language. Arguments may themselves be ``Msg`` (a metric's title inside a message).

    ``msgid`` and ``args`` live in slots, the rare attributes below in the instance's ``__dict__`` when set:
    an audit of a big journey makes about ten messages per touchpoint.
    """

    __slots__ = ("__dict__", "args", "msgid")
    msgid: str
    args: Mapping[str, object]
    #: The gettext context (``neutral``, ``female``...) of a word translated in context; None for most.
    context: str | None = None

    def __new__(cls, msgid: str, /, **args: object) -> Msg:
        made = str.__new__(cls, msgid % args if args else msgid)
        made.msgid = msgid
        made.args = args
        return made

    #: What a translation shows when the catalog has no word for a message in context (a custom metric's label).
    fallback: str | None = None
    #: The plural message id of a message about a count (:func:`Plural`), and that count; None for most.
    plural: str | None = None
    number: int = 0

    @classmethod
    def in_context(cls, context: str, msgid: str, fallback: str | None = None) -> Msg:
        """A word translated in a context (an emotion word's ``neutral`` form); ``fallback`` is shown in other
        languages when the catalog does not know the word (English always shows ``msgid``)."""
        made = cls(msgid)
        made.context = context
        made.fallback = fallback
        return made


def Plural(singular: str, plural: str, number: int, /, **args: object) -> Msg:
    """A message about ``number`` things, ``%(count)s`` in it: each language picks its form (``ngettext``).

    Why: Arabic has six forms (0, 1, 2, 3-10, 11-99, 100+), so "١٨٤ إجابة" but "٣ إجابات"; a count passed
    into a plain ``Msg`` would take one form for every number. ``count`` defaults to ``number`` (give it to
    show the number otherwise, e.g. ``1,234``). English keeps ``singular`` for 1 and ``plural`` otherwise.
    """
    made = Msg(singular if number == 1 else plural, **{"count": number, **args})
    made.msgid, made.plural, made.number = singular, plural, number
    return made


class Joined(str):
    """Items joined by a separator (``, ``), each translated on its own: a list inside a message."""

    separator: str
    items: tuple[str, ...]
    last: str

    def __new__(cls, separator: str, items: Sequence[str], last: str = "") -> Joined:
        """``last`` (`` or ``) joins the last two items when given: ``a, b or c``."""
        made = super().__new__(cls, _join(separator, last, items))
        made.separator = separator
        made.items = tuple(items)
        made.last = last
        return made

    def __getnewargs__(self) -> tuple[str, tuple[str, ...], str]:  # type: ignore[override]
        """What pickling (and copying) passes back to ``__new__``."""
        return (self.separator, self.items, self.last)


class Verbatim(str):
    """Text shown exactly as written in every language: what the user wrote, or what to type (``90s``)."""


class Formula(str):
    """Arithmetic (``(4 - 2) / 3 = 0.667``, ids such as ``completion_rate`` in it): no words to translate, its
    numbers in the reader's digits. The words around a formula are a ``Msg`` that takes it as an argument."""


def _join(separator: str, last: str, items: Sequence[str]) -> str:
    if not last or len(items) < 2:
        return separator.join(items)
    return separator.join(items[:-1]) + last + items[-1]


#: List separators, translated in the context "list separator" (Arabic writes "، " and "؛ "). The middle
#: dot that joins facts (``54.5% to 69.4% · n=160``) is one too: beside an Arabic-Indic digit it reads as
#: the digit zero (``٠``), so ``١ · ٢`` looked like ``١٠ ٢``; Arabic joins those facts with its comma.
SEPARATORS = (
    NC_("list separator", ", "),
    NC_("list separator", "; "),
    NC_("list separator", " or "),
    NC_("list separator", " · "),
)


def base_language(tag: str | None) -> str:
    """``ar-SA`` / ``ar_SA.UTF-8`` -> ``ar``; empty for nothing usable (``C``, ``POSIX``)."""
    if not tag:
        return ""
    base = tag.replace("_", "-").split(".")[0].split("@")[0].split("-")[0].lower()
    return "" if base in ("c", "posix") else base


@dataclass(frozen=True)
class Translator:
    """Translations into one language, and how that language writes digits."""

    language: str
    catalog: gettext.NullTranslations
    numerals: Numerals = "latin"
    docs: gettext.NullTranslations | None = None

    def __call__(self, message: str) -> str:
        """A message id (a word of a table marked with ``N_``) or a ``Msg`` in this language."""
        if self.english:
            return message
        if isinstance(message, (Msg, Joined, Formula)):
            return translate(message, self)
        return self.catalog.gettext(message)

    def doc(self, text: str) -> str:
        """A paragraph of rule documentation in this language, or as written when it has no translation."""
        if self.english or self.docs is None or not text:
            return text
        return self.docs.gettext(text)

    def context(self, context: str, message: str) -> str:
        """A message id translated in a context (``female``, ``duration unit``...)."""
        return message if self.english else self.catalog.pgettext(context, message)

    def plural(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    def number(self, text: str) -> str:
        """A number (or any text holding numbers) written in this translator's digits."""
        return digits(text, self.numerals)

    @property
    def english(self) -> bool:
        return self.language == "en"


def translate(value: str, translator: Translator) -> str:
    """A ``Msg`` in the translator's language; any other string (the user's own text) unchanged."""
    if not translator.english and isinstance(value, Joined):
        separator = translator.context("list separator", value.separator)
        last = translator.context("list separator", value.last) if value.last else ""
        return _join(separator, last, [str(_argument(item, translator)) for item in value.items])
    if isinstance(value, Formula):
        return value if translator.english else translator.number(value)
    if translator.english or not isinstance(value, Msg):
        return value
    if value.context is not None:
        word = translator.context(value.context, value.msgid)
        return value.fallback if word == value.msgid and value.fallback else word
    if value.plural is not None:
        template = translator.catalog.ngettext(value.msgid, value.plural, value.number)
    else:
        template = translator.catalog.gettext(value.msgid)
    if not value.args:
        return template
    return template % {k: _argument(v, translator) for k, v in value.args.items()}


_NUMBER_ARG = re.compile(
    r"(?:[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:[.,]\d+)?%?|[-+]?(?:\d+(?:\.\d+)?[wdhms] ?)+)(?: \(n=\d+\))?"
)


def _argument(value: object, translator: Translator) -> object:
    """A message's argument in the translator's language: messages translated, numbers and values such as
    ``71%`` or ``2d 4h`` in its digits and units; ids and the user's own text unchanged."""
    if isinstance(value, Verbatim):
        return value
    if isinstance(value, (Msg, Joined, Formula)):
        return translate(value, translator)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return translator.number(f"{value:g}" if isinstance(value, float) else str(value))
    if isinstance(value, str) and _NUMBER_ARG.fullmatch(value.strip()):
        unit = "duration" if re.search(r"\d[wdhms]\b", value) else "number"
        return measure_text(value, unit, translator)
    return value


def shown(value: str, t: Translator) -> str:
    """A value inside a message, in ``t``'s language and digits: a ``Msg`` translated, a number or a value such
    as ``71%`` or ``2d 4h`` in its digits and units; anything else (the user's own text) as written."""
    return str(_argument(value, t))


@cache
def _catalog(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    return gettext.translation(domain, str(LOCALE_DIR), languages=[language], fallback=True)


def translator(language: str | None, numerals: Numerals | None = None) -> Translator:
    """The translator for a BCP-47 tag (English for a language without a catalog); ``numerals`` as given,
    else the tag's usual digits (:func:`default_numerals`)."""
    tag = language or "en"
    base = base_language(tag) or "en"
    if base not in LANGUAGES:
        base = "en"
    return Translator(base, _catalog(base), numerals or default_numerals(tag), _catalog(base, RULE_DOCS_DOMAIN))


def for_journey(journey: Journey) -> Translator:
    """The translator of a journey's outputs: its ``language``, written in its ``numerals``."""
    return translator(journey.info.language, journey.info.numerals)


#: Region subtags of Arabic written with Latin digits (Maghreb and the Emirates, per CLDR); other
#: Arabic tags, bare ``ar`` included, default to Arabic-Indic digits (docs/decisions/0016-translations.md).
LATIN_DIGIT_REGIONS = frozenset({"ma", "dz", "tn", "ly", "eh", "ae"})


def default_numerals(tag: str) -> Numerals:
    """The digits a language tag usually writes: Arabic-Indic for Arabic outside the Maghreb and the Emirates."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] != "ar":
        return "latin"
    return "latin" if any(p in LATIN_DIGIT_REGIONS for p in parts[1:]) else "arabic"


_ARABIC_INDIC = str.maketrans({**{str(d): chr(0x0660 + d) for d in range(10)}, "%": "\u066a"})
#: Arabic letter mark: a strong right-to-left character without a glyph (Unicode bidi class AL).
ALM = "\u061c"
#: A sign that is a number's own (``-43.2``, ``+17.6``): at the start or after a space or bracket, before a
#: digit; never the hyphen of a range or a date (``2025-01-01``, ``4-5``) nor the minus of a formula (``4 - 2``).
_SIGN = re.compile(r"(?<![\w.,)\]%\u066a\u066b\u066c])([-+\u2212])(?=\d)")


def digits(text: str, numerals: Numerals) -> str:
    """``text`` with its ASCII digits (and ``%``, and a decimal point between digits) as Arabic-Indic ones.

    Why one function: scores, metrics, targets and axis labels must all read in the same digits. A number's
    sign gets the Arabic letter mark before it (CLDR's Arabic minus and plus signs): without it, bidi placed
    the minus of ``-43.2`` after the number in a right-to-left line (``٤٣٫٢-``, read "43.2 minus"); with it
    the sign stays first in reading order, whatever isolate the number is in.
    """
    if numerals != "arabic" or not any(c.isascii() and c.isdigit() for c in text):
        return text
    chars = list(text)
    for i, c in enumerate(chars):
        if c in ".," and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = "\u066b" if c == "." else "\u066c"
    signed = _SIGN.sub(lambda m: ALM + ("-" if m[1] == "\u2212" else m[1]), "".join(chars))
    return signed.translate(_ARABIC_INDIC)


def terminal_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of terminal messages: ``--lang``, then JOURNEYMAP_LANG, LC_ALL, LC_MESSAGES, LANG; else en."""
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("JOURNEYMAP_LANG"), env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        base = base_language(value)
        if base:
            return base if base in LANGUAGES else "en"
    return "en"


#: Duration units as ``human_duration`` and journeys write them; each translated with the context "duration unit".
DURATION_UNITS = (
    NC_("duration unit", "w"),
    NC_("duration unit", "d"),
    NC_("duration unit", "h"),
    NC_("duration unit", "m"),
    NC_("duration unit", "s"),
)
SAMPLE_SIZE = NC_("sample size", "n")
_SAMPLE = re.compile(r" ?\(n=(\d+)\)")
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([wdhms])\b")


def measure_text(text: str, unit: str, t: Translator) -> str:
    """A metric value as shown (``35m``, ``2d 4h``, ``62%``) in ``t``'s language and digits.

    Why here: the map, the reports and the audit show values through this one function, so a
    duration never reads ``35m`` on an Arabic map and ``٣٥ د`` in its report.
    """
    if not t.english:
        if unit == "duration":
            # a no-break space: a value never wraps between its number and its unit
            text = _DURATION_PART.sub(lambda m: f"{m[1]}\u00a0{t.context('duration unit', m[2])}", text)
        text = _SAMPLE.sub(lambda m: f"\u00a0({t.context('sample size', 'n')}={m[1]})", text)
    return t.number(text)


def count(t: Translator, number: int, singular: str, plural: str) -> str:
    """``3 files`` in ``t``'s language and digits: ``singular``/``plural`` are ``%(count)s file(s)`` message ids
    (``ngettext``: languages with more plural forms, such as Arabic, pick theirs)."""
    return t.plural(singular, plural, number) % {"count": t.number(str(number))}


def english() -> Translator:
    """The source language: every message as written in the code."""
    return translator("en")


#: Languages written right to left (their outputs are wrapped in ``dir="rtl"``); the model reads the same set.
RTL = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})


def wrap_direction(markdown: str, t: Translator) -> str:
    """Markdown in a right-to-left block when ``t``'s language is written right to left; unchanged otherwise.

    Why this shape: a ``<div>`` followed by a blank line lets CommonMark renderers (GitHub, MyST) read the
    inside as Markdown, and ``markdown="1"`` asks the same of MkDocs (``md_in_html``).
    """
    if t.language not in RTL:
        return markdown
    return f'<div dir="rtl" lang="{t.language}" markdown="1">\n\n{markdown.rstrip()}\n\n</div>\n'
