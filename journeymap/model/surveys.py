"""Survey metrics computed from raw responses, with the standard formulas.

Why a module of its own: teams and vendors differ on scales and formulas, so
every formula is written out here once, keeps the sample size, and records
how the value was derived (``Measure.formula``) for messages and reports.

* NPS = % promoters (9-10) - % detractors (0-6); passives are 7-8.
* CSAT = share of 4-5 answers on a 1-5 scale.
* CES = mean answer on the stated scale (1-7 by default).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic_core import PydanticCustomError

from journeymap.model.units import model_error, whole_number
from journeymap.translation import Joined, Msg, Verbatim


def counts_from_histogram(histogram: Any, low: int, high: int, metric: str) -> list[int]:
    """A histogram as a list (scores low..high in order) or a score -> count mapping."""
    size = high - low + 1
    if isinstance(histogram, dict):
        counts = [0] * size
        for key, count in histogram.items():
            score = _int_or_none(key)
            if score is None or not low <= score <= high:
                said = Msg(
                    "%(metric)s histogram score '%(key)s' is outside %(low)s-%(high)s",
                    metric=Verbatim(metric),
                    key=Verbatim(str(key)),
                    low=low,
                    high=high,
                )
                raise _survey_error(said)
            counts[score - low] = _count(count, _response_count(metric))
        return _nonempty(counts, metric)
    if isinstance(histogram, list):
        if len(histogram) != size:
            shown = {"metric": Verbatim(metric), "size": size, "low": low, "high": high, "length": len(histogram)}
            said = (
                Msg(
                    "an %(metric)s histogram lists %(size)s counts (scores %(low)s to %(high)s), "
                    "this one has %(length)s",
                    **shown,
                )
                if _article(metric) == "an"
                else Msg(
                    "a %(metric)s histogram lists %(size)s counts (scores %(low)s to %(high)s), "
                    "this one has %(length)s",
                    **shown,
                )
            )
            raise _survey_error(said)
        return _nonempty([_count(c, _response_count(metric)) for c in histogram], metric)
    shape = (
        Msg(
            "an %(metric)s histogram is a list of %(size)s counts or a mapping score -> count",
            metric=Verbatim(metric),
            size=size,
        )
        if _article(metric) == "an"
        else Msg(
            "a %(metric)s histogram is a list of %(size)s counts or a mapping score -> count",
            metric=Verbatim(metric),
            size=size,
        )
    )
    raise _survey_error(shape)


def _response_count(metric: str) -> str:
    return Msg("a %(metric)s response count", metric=Verbatim(metric))


def nps_from_counts(promoters: int, passives: int, detractors: int) -> tuple[float, int]:
    total = promoters + passives + detractors
    if total == 0:
        raise _survey_error(Msg("NPS needs at least one response"))
    return 100.0 * (promoters - detractors) / total, total


def nps_from_histogram(counts: list[int]) -> tuple[float, int]:
    """Counts for scores 0..10."""
    return nps_from_counts(sum(counts[9:11]), sum(counts[7:9]), sum(counts[0:7]))


def csat_from_histogram(counts: list[int]) -> tuple[float, int]:
    """Counts for scores 1..5; satisfied means 4 or 5."""
    total = sum(counts)
    return (counts[3] + counts[4]) / total, total


def mean_from_histogram(counts: list[int], low: int) -> tuple[float, int]:
    total = sum(counts)
    return sum((low + i) * n for i, n in enumerate(counts)) / total, total


def check_keys(data: dict[str, Any], allowed: tuple[str, ...], metric: str) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = (
                Msg("did you mean '%(match)s'?", match=Verbatim(close[0]))
                if close
                else Msg("allowed: %(keys)s", keys=Joined(", ", [Verbatim(k) for k in allowed]))
            )
            said = Msg("unknown key '%(key)s' in %(metric)s", key=Verbatim(str(key)), metric=Verbatim(metric))
            raise _survey_error(said, kind="jm_unknown_key", hint=hint)


#: More responses than any survey has; larger counts are typos.
MAX_COUNT = 10**12


def _count(value: Any, what: str) -> int:
    """A response count: a whole number written as a YAML integer or in any digit script (``١٬٨٤٠``)."""
    try:
        count = whole_number(value)
    except PydanticCustomError:
        count = None
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
        shown = str(value) if len(str(value)) <= 30 else str(value)[:29] + "…"
        said = Msg(
            "%(what)s must be a whole number from %(low)s to %(max)s, not '%(value)s'",
            what=what,
            low=0,
            max=f"{MAX_COUNT:,}",
            value=Verbatim(shown),
        )
        raise _survey_error(said)
    return count


def _article(word: str) -> str:
    """'an NPS', 'a CSAT': by sound, which for these acronyms is the first letter."""
    return "an" if word[:1].upper() in "AEFHILMNORSX" else "a"


def _nonempty(counts: list[int], metric: str) -> list[int]:
    if sum(counts) == 0:
        raise _survey_error(Msg("the %(metric)s histogram has no responses", metric=Verbatim(metric)))
    return counts


def _int_or_none(key: Any) -> int | None:
    """A histogram's score key: ``4``, ``"4"`` or ``٤``."""
    try:
        score = whole_number(str(key))
    except PydanticCustomError:
        return None
    return score if isinstance(score, int) else None


def _survey_error(message: Msg, kind: str = "jm_survey", hint: Msg | None = None) -> PydanticCustomError:
    """A model error the validator translates (its English text as before: ``message`` or ``message; hint``)."""
    return model_error(kind, message, hint)
