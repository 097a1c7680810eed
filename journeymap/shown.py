"""How numbers are written, for every output: one rule each, so no two outputs disagree.

Friction scores, shares, durations, counts and scores (``41.5``, ``66.1%``, ``5m 20s``) are
written here and nowhere else; the map, the report, the audit, ``score`` and ``measure``'s table
all call these functions, and this module imports nothing heavy (``measure`` stays free of the
journey model).

A score is shown to a tenth (``41.5``) where outputs rank or compare (``score``,
``compare``, the report's comparison) and as a whole number (``42``) where it labels a
picture (the map, its compact view and pages, the report's tiles and tables, a docs
figure). The whole number is the tenth rounded half up, never the raw score rounded on
its own: a raw 41.48 is ``41.5`` in ``score`` and would be ``41`` on a map, which a
reader holding both would take for two different scores.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from journeymap.durations import duration_text

#: What is shown for a score that is not known (no touchpoint with data).
UNKNOWN = "–"


def friction_tenth(score: float) -> str:
    """``41.48`` -> ``41.5``: a friction score to one decimal."""
    return f"{score:.1f}"


def friction_whole(score: float) -> str:
    """``41.48`` -> ``42``: the tenth rounded half up (``74.5`` -> ``75``, ``-0.5`` -> ``-1``)."""
    return str(Decimal(friction_tenth(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tenth_change(before: float, after: float) -> float:
    """The change between two scores as shown: the difference of their tenths, never ``-0.0``.

    Why not ``after - before``: 54.64 -> 26.14 is shown ``54.6 -> 26.1``, and a reader checks the change
    against those two numbers; the raw difference (-28.5) rounds to -28.4 or -28.5 depending on the hidden
    hundredths, so the line would not add up. Every output that shows a change calls this.
    """
    change = Decimal(friction_tenth(after)) - Decimal(friction_tenth(before))
    return float(change) + 0.0  # -0.0 + 0.0 is 0.0: a zero is never signed


def signed_tenth(change: float) -> str:
    """A change as every output writes it: ``+1.0``, ``-28.5``, and ``0.0`` without a sign."""
    text = friction_tenth(change)
    if Decimal(text) == 0:
        return friction_tenth(0.0)
    return text if text.startswith("-") else "+" + text


def arrow(rtl: bool = False) -> str:
    """The arrow from a value before to the value after: ``→``, or ``←`` in right-to-left text.

    Why two characters: U+2192 is not mirrored by the bidi algorithm, so in Arabic text, read right to
    left, ``٦٢٪ → ٥٨٪`` points from the later value back to the earlier one and reads as a rise. The map
    (``render --compare``), ``compare``, the report's current → future section and its Markdown index, and
    ``score -f markdown``'s stage strip all draw this arrow.
    """
    return "←" if rtl else "→"


def percent_text(fraction: float) -> str:
    """0.661 -> 66.1%, 0.2 -> 20%: how every output writes a share."""
    return f"{fraction * 100:.1f}".rstrip("0").rstrip(".") + "%"


def amount_text(value: float, unit: str, grouped: bool = True) -> str:
    """A value or a difference in its unit, as outputs write it: 41.9%, 5m 20s, -38.4, 5.95.

    A count is written in thousands (``9,600``) unless ``grouped`` is False: beside counts the user typed
    without separators (``41200 -> 31600``), a change in the same style (``-9600``).
    """
    if unit == "percent":
        return percent_text(value)
    if unit == "duration":
        return duration_text(value)
    if unit == "count":
        return f"{round(value):,}" if grouped else str(round(value))
    if unit == "nps":
        return f"{value:.1f}"
    return f"{value:.2f}"


def amounts_text(values: tuple[float, ...], unit: str) -> tuple[str, ...]:
    """Values shown side by side (an interval's ends) with the same precision: ``57.7%`` and ``70.0%``.

    Why: ``57.7% to 70%`` read as if the upper end were known less precisely; a share takes one decimal for
    every value when any needs it. Other units already write a fixed number of decimals.
    """
    if unit != "percent" or all(amount_text(v, unit).count(".") == 0 for v in values):
        return tuple(amount_text(v, unit) for v in values)
    return tuple(f"{v * 100:.1f}%" for v in values)


__all__ = [
    "UNKNOWN",
    "amount_text",
    "amounts_text",
    "arrow",
    "friction_tenth",
    "friction_whole",
    "percent_text",
    "signed_tenth",
    "tenth_change",
]
