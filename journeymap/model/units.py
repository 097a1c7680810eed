"""Parsing metric values: percentages, durations, counts, money, scores.

Every parser returns ``(normalised value, original text)`` or raises a
PydanticCustomError whose message says what was expected, so the validator
can point at the exact value in the YAML.

* percentages: ``71%``, ``0.71`` or ``71`` -> 0.71. A bare number at most 1
  is a fraction; above 1 it is a percentage (so ``1`` means 100%). A score
  out of a maximum, ``4.2/5`` (or ``٤٫٢ من ٥``), is that share of the maximum
  (0.84): the way teams report a CSAT mean, written so nobody reads it as 4.2%.
* durations: ``30s``, ``15m``, ``6h``, ``2d``, ``1w``, combinations such as
  ``1h30m``, Arabic units (``٣٥ دقيقة``, ``١ ساعة و٣٠ د``), or ISO-8601
  ``PT6H``/``P2D`` -> seconds. A bare number is refused: nobody can tell
  minutes from hours.
* numbers in any of the three digit scripts (0-9, ٠-٩, ۰-۹), with ``.`` or the
  Arabic decimal separator ``٫``, and the Arabic thousands separator ``٬``
  between groups of three digits (``١٬٨٤٠``). Why only ``٬``: it cannot mean
  anything else, while ``1,840`` is 1.84 in half the world.

Why one grammar: every value is first rewritten to ASCII digits
(``ascii_digits``) and Arabic words are folded to one spelling
(``fold_letters``), so the rules below are written once and hold for every
script; the text as written is what messages and reports show.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from journeymap.translation import N_, NC_, Msg, Verbatim

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
#: The Arabic decimal separator ٫ (U+066B) and thousands separator ٬ (U+066C).
DECIMAL_SEPARATOR, THOUSANDS_SEPARATOR = "\u066b", "\u066c"
#: The percent sign, or the Arabic percent sign ٪.
PERCENT_SIGN = "[%\u066a]"

_TO_ASCII = str.maketrans(
    {**{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)}, **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)}}
    | {DECIMAL_SEPARATOR: "."}
)
#: Letters written in several ways: hamza forms of alef, final ya, ta marbuta, Persian ya and kaf, tatweel.
_LETTER_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ـ": None}
)


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as 0-9 and ``٫`` as ``.``; ``٬`` stays, for the grammar to place."""
    return text.translate(_TO_ASCII)


#: How many distinct texts each parser remembers. Why remember at all: a journey writes the same few values
#: again and again (``85%``, ``15m``, ``frustrated``), thousands of times in a big one, and these parsers are
#: pure functions of the text; the bound keeps a file of all-different values from growing the caches.
CACHED_TEXTS = 4096


@lru_cache(maxsize=CACHED_TEXTS)
def fold_letters(text: str) -> str:
    """One spelling for a word typed many ways: no diacritics or tatweel, أ/إ/آ = ا, ة = ه, ى = ي, lower case.

    Why: "ساعه" for "ساعة", "ايام" for "أيام" and "راضٍ" with its tanween
    are how people type; a unit or an emotion name should not fail on them.
    """
    if text.isascii():  # most values: no marks or Arabic letters to fold
        return " ".join(text.casefold().split())
    bare = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(bare.translate(_LETTER_FOLDS).casefold().split())


def has_arabic_script(text: str) -> bool:
    """Whether text uses Arabic letters or digits, to answer in examples the author can use."""
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


_INT = f"(?:[0-9]{{1,3}}(?:{THOUSANDS_SEPARATOR}[0-9]{{3}})+|[0-9]+)"
_NUM = rf"{_INT}(?:\.[0-9]+)?"
_PERCENT = re.compile(rf"^\s*([-+]?{_NUM})\s*{PERCENT_SIGN}\s*$")
_OUT_OF = re.compile(rf"^\s*({_NUM})\s*(?:/|من)\s*({_NUM})\s*$")
_NUMBER = re.compile(rf"^\s*([-+]?{_NUM})\s*$")
_WHOLE = re.compile(rf"^\s*([-+]?{_INT})\s*$")
_ISO = re.compile(
    rf"^P(?!$)(?:(?P<w>{_NUM})W)?(?:(?P<d>{_NUM})D)?"
    rf"(?:T(?=[0-9])(?:(?P<h>{_NUM})H)?(?:(?P<m>{_NUM})M)?(?:(?P<s>{_NUM})S)?)?$"
)
_ISO_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
PERCENT_SIGN_RE = re.compile(PERCENT_SIGN)

#: Duration units written in Latin letters (not case-sensitive), in seconds.
DURATION_UNITS: dict[str, float] = {"ms": 0.001, "s": 1, "sec": 1, "secs": 1, "m": 60, "min": 60, "mins": 60}
DURATION_UNITS |= {"h": 3600, "hr": 3600, "hrs": 3600, "d": 86400, "w": 604800}
#: Arabic duration units: singular, dual (both cases), plural, and the one-letter abbreviations ث د س ي أ
#: (the narrow units of the Unicode CLDR, which the map and reports write).
ARABIC_DURATION_UNITS: dict[str, float] = {
    "ملي ثانية": 0.001,
    "مللي ثانية": 0.001,
    **dict.fromkeys(("ث", "ثانية", "ثانيتان", "ثانيتين", "ثوان", "ثواني"), 1),
    **dict.fromkeys(("د", "دقيقة", "دقيقتان", "دقيقتين", "دقائق"), 60),
    **dict.fromkeys(("س", "ساعة", "ساعتان", "ساعتين", "ساعات"), 3600),
    **dict.fromkeys(("ي", "يوم", "يومان", "يومين", "أيام"), 86400),
    **dict.fromkeys(("أ", "أسبوع", "أسبوعان", "أسبوعين", "أسابيع"), 604800),
}
_UNIT_SECONDS = DURATION_UNITS | {fold_letters(u).replace(" ", ""): s for u, s in ARABIC_DURATION_UNITS.items()}
_FOLDED_UNITS = sorted({*DURATION_UNITS, *map(fold_letters, ARABIC_DURATION_UNITS)}, key=lambda u: (-len(u), u))
_UNIT = "|".join(re.escape(u).replace(r"\ ", r"\s*") for u in _FOLDED_UNITS)
#: One part of a duration: a number and its unit, not followed by a letter (``5 hours`` is not ``5 h``).
#: Later parts may start with ``و`` ("and"): ``١ ساعة و٣٠ دقيقة``.
_FIRST_PART = re.compile(rf"({_NUM})\s*({_UNIT})(?![^\W\d_])")
_NEXT_PART = re.compile(rf"\s*(?:و\s*)?({_NUM})\s*({_UNIT})(?![^\W\d_])")


def to_float(number: str) -> float:
    """A number matched by the grammar (ASCII digits, maybe ``٬`` groups) as a float."""
    return float(number.replace(THOUSANDS_SEPARATOR, ""))


@lru_cache(maxsize=CACHED_TEXTS)
def plain_number(text: str) -> float | None:
    """The value of text that is only a number, in any digit script; None for anything else."""
    match = _NUMBER.match(ascii_digits(text))
    return to_float(match.group(1)) if match else None


def is_duration(text: str) -> bool:
    """Whether text is written as a duration (any unit, any script, or ISO-8601)."""
    return _duration_seconds(text.strip()) is not None


@lru_cache(maxsize=CACHED_TEXTS)
def _duration_seconds(text: str) -> float | None:
    """Seconds in ``6h``, ``1h 30m``, ``١ ساعة و٣٠ دقيقة`` or ``PT6H``; None when text is not a duration."""
    plain = ascii_digits(text)
    iso = _ISO.match(plain)
    if iso:
        return sum(to_float(iso.group(k) or "0") * size for k, size in _ISO_SECONDS.items())
    folded = fold_letters(plain)
    part, seconds = _FIRST_PART.match(folded), 0.0
    while part is not None:
        seconds += to_float(part.group(1)) * _UNIT_SECONDS[re.sub(r"\s+", "", part.group(2))]
        if part.end() == len(folded):
            return seconds
        part = _NEXT_PART.match(folded, part.end())
    return None


def number_text(value: float) -> str:
    """Shortest faithful text for a number (``71`` not ``71.0``)."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


#: Largest magnitude accepted for a metric value; beyond it a value is a typo.
MAX_MAGNITUDE = 1e15


def _finite(value: Any) -> bool:
    """A real number a metric can hold (no booleans, infinities or absurd sizes)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_MAGNITUDE
    return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE


def parse_percent(value: Any) -> tuple[float, str]:
    """``71%``, ``0.71``, ``71``, ``٧١٪`` or ``4.2/5`` -> 0.71 (0.84)."""
    if isinstance(value, str):
        parsed = _percent_of_text(value)
        if parsed is not None:
            return parsed
    elif _finite(value):
        fraction = float(value) if abs(value) <= 1 else float(value) / 100
        return fraction, number_text(value)
    forms = "٧١٪, ٠٫٧١, ٧١" if _arabic(value) else "71%, 0.71, 71"
    raise PydanticCustomError(
        "jm_percent",
        "'{value}' is not a percentage; write it as {forms} or a score out of its maximum such as 4.2/5",
        {"value": _show(value), "forms": forms},
    )


@lru_cache(maxsize=CACHED_TEXTS)
def _percent_of_text(value: str) -> tuple[float, str] | None:
    """``parse_percent`` of a text; None when the text is no percentage."""
    plain = ascii_digits(value)
    match = _PERCENT.match(plain)
    if match:
        return to_float(match.group(1)) / 100, value.strip()
    out_of = _OUT_OF.match(plain)
    if out_of and to_float(out_of.group(2)) > 0:
        return to_float(out_of.group(1)) / to_float(out_of.group(2)), value.strip()
    number = plain_number(value)
    if number is not None:
        return parse_percent(number)[0], value.strip()
    return None


def parse_duration(value: Any) -> tuple[float, str]:
    """``6h``, ``1h30m``, ``2d``, ``٣٥ دقيقة`` or ISO-8601 ``PT6H`` -> seconds."""
    if isinstance(value, str):
        seconds = _duration_seconds(value.strip())
        if seconds is not None:
            return seconds, value.strip()
    bare = _finite(value) or (isinstance(value, str) and plain_number(value) is not None)
    arabic = _arabic(value)
    hint = ""
    if bare:
        hint = " (add a unit, e.g. ٩٠ ث, ١٥ د, ٦ س or ٣ أيام)" if arabic else " (add a unit, e.g. 90s, 15m, 6h or 2d)"
    forms = "٩٠ ثانية, ١٥ دقيقة, ٦ ساعات, ٣ أيام or ١ ساعة ٣٠ دقيقة" if arabic else "90s, 15m, 6h, 2d, 1h30m or PT6H"
    raise PydanticCustomError(
        "jm_duration",
        "'{value}' is not a duration{hint}; write it as {forms}",
        {"value": _show(value), "hint": hint, "forms": forms},
    )


def parse_number(value: Any, what: str = NC_("is not a", "number")) -> tuple[float, str]:
    """A plain finite number, given as a YAML number or numeric text in any digit script; ``what`` it should be
    names it in the error (a word marked with the context "is not a")."""
    if _finite(value):
        return float(value), number_text(value)
    number = plain_number(value) if isinstance(value, str) else None
    if number is not None and math.isfinite(number) and abs(number) <= MAX_MAGNITUDE:
        return number, value.strip()
    said = Msg("'%(value)s' is not a %(what)s", value=Verbatim(_show(value)), what=Msg.in_context("is not a", what))
    hint = Msg(_GROUPING) if _misgrouped(value) else None
    raise model_error("jm_number", said, hint)


def whole_number(value: Any) -> Any:
    """Before-validator for whole-number fields: ``3``, ``"3"``, ``٣`` or ``١٬٨٤٠`` -> int.

    Anything else (``true``, ``2.5``, ``about 3000``) is passed on unchanged,
    for the field's strict int check to refuse in the format's usual words.
    """
    if isinstance(value, str) and (match := _WHOLE.match(ascii_digits(value))):
        digits = match.group(1).replace(THOUSANDS_SEPARATOR, "")
        if len(digits.lstrip("+-")) > MAX_WHOLE_DIGITS:
            raise PydanticCustomError(
                "jm_range", "{text} is out of range: at most {n} digits", {"text": _show(value), "n": MAX_WHOLE_DIGITS}
            )
        return int(digits)
    return value


def decimal_number(value: Any) -> Any:
    """Before-validator for plain number fields: ``"٣٫٥"`` -> 3.5; anything else passes on unchanged."""
    number = plain_number(value) if isinstance(value, str) else None
    return value if number is None else number


#: Digits a whole number written as text may have (10¹⁸ is beyond any count a journey holds).
MAX_WHOLE_DIGITS = 18


def model_error(kind: str, message: Msg, hint: str | None = None) -> PydanticCustomError:
    """A model error whose message (and hint) the validator can translate: pydantic keeps the ``Msg`` objects in
    the error's context, and its English text is ``message; hint`` as before."""
    if hint is None:
        return PydanticCustomError(kind, "{message}", {"message": message})
    return PydanticCustomError(kind, "{message}; {hint}", {"message": message, "hint": hint})


#: The hint when ``٬`` is misplaced: it separates thousands, never decimals.
_GROUPING = N_("٬ separates groups of three digits (١٬٨٤٠); decimals take ٫ (٣٫٥)")


def _misgrouped(value: Any) -> bool:
    """Whether ``٬`` may be misplaced (it separates thousands, never decimals): then the hint says so."""
    return isinstance(value, str) and THOUSANDS_SEPARATOR in value


def _arabic(value: Any) -> bool:
    return isinstance(value, str) and has_arabic_script(value)


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


# -- patterns for the JSON Schema (ECMA-262 syntax, no flags): the same rules as above ---------

_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_N = f"({_D}{{1,3}}({THOUSANDS_SEPARATOR}{_D}{{3}})+|{_D}+)([.{DECIMAL_SEPARATOR}]{_D}+)?"
_ZERO, _ONE = "[0\u0660\u06f0]", "[1\u0661\u06f1]"
NUMBER_PATTERN = rf"^\s*[-+]?{_N}\s*$"
SCALE_PATTERN = rf"^\s*[-+]?{_N}\s*-\s*[-+]?{_N}\s*$"
WHOLE_NUMBER_PATTERN = rf"^\s*\+?({_D}{{1,3}}({THOUSANDS_SEPARATOR}{_D}{{3}})+|{_D}+)\s*$"
PERCENT_PATTERN = (
    rf"^\s*\+?({_ONE}{_ZERO}{{2}}([.{DECIMAL_SEPARATOR}]{_ZERO}+)?|{_D}{{1,2}}([.{DECIMAL_SEPARATOR}]{_D}+)?)"
    rf"\s*([%\u066a]\s*)?$|^\s*{_N}\s*(/|من)\s*{_N}\s*$"
)
#: Each folded letter and the spellings folded into it.
_SPELLINGS = {"ا": "اأإآٱ", "ي": "يىی", "ه": "هة", "ك": "كک"}
#: Diacritics (tanween, harakat, shadda) and tatweel, allowed after a unit word.
_MARKS = "[\u064b-\u0652\u0640]*"


def _unit_pattern(unit: str) -> str:
    """A folded unit as an ECMA pattern matching its spellings (any case, any alef, ة or ه)."""
    if unit.isascii():
        return "".join(f"[{c.lower()}{c.upper()}]" for c in unit)
    letters = (r"\s*" if c == " " else f"[{_SPELLINGS[c]}]" if c in _SPELLINGS else c for c in unit)
    return "".join(letters) + _MARKS


_UNIT_PATTERN = "|".join(_unit_pattern(u) for u in _FOLDED_UNITS)
DURATION_PATTERN = (
    rf"^\s*{_N}\s*({_UNIT_PATTERN})(\s*(\u0648\s*)?{_N}\s*({_UNIT_PATTERN}))*\s*$"
    rf"|^P(?!$)({_N}W)?({_N}D)?(T(?={_D})({_N}H)?({_N}M)?({_N}S)?)?$"
)


def _whole_schema() -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": WHOLE_NUMBER_PATTERN}]}


#: A whole number field, 0 or more (``handoffs``, ``volume``, ``sample_size``): a YAML integer or digits in
#: any script; booleans, decimals and prose are refused by the strict int check after ``whole_number``.
WholeNumber = Annotated[int, Field(ge=0, strict=True), BeforeValidator(whole_number), WithJsonSchema(_whole_schema())]
#: A plain number field (such as a scale's ends): YAML numbers or numeric text in any script.
Number = Annotated[
    float,
    BeforeValidator(decimal_number),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}]}),
]
