"""Durations as every output writes them: ``0.25s``, ``5.3s``, ``45s``, ``5m 44s``, ``2h 5m``, ``2d 4h``.

Why one module, outside the model: the map, the report, the audit's messages, the score's citations and
``measure``'s own table all show durations (typed values, measured values, interval ends, changes), and a
value must read the same in each. ``journeymap.measuring`` runs without importing the model (pydantic costs
a second at start-up), so the one formatter lives here, importing nothing.

The precision rule, by magnitude: at least two significant digits and at most two units.

=================  ===================================  ==================
seconds            shown as                             examples
=================  ===================================  ==================
under 1            two significant digits, to the ms    0.25s, 0.053s, 0s
1 to under 10      one decimal (none when whole)        5.3s, 2s
10 to under 60     whole seconds                        45s
60 and more        the largest unit and the next one,   5m 44s, 2h 5m,
                   rounded to the next one; a zero      1h, 3d 2h, 2w 1d
                   second part is left out
=================  ===================================  ==================
"""

from __future__ import annotations

import math

#: The units of a duration, largest first, as journeys write them (each translated as a "duration unit").
UNITS = (("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1))


def duration_text(seconds: float) -> str:
    """A duration in seconds as people read it (see the module's table); negative values get a minus sign."""
    if seconds < 0:
        return "-" + duration_text(-seconds)
    if seconds == 0:
        return "0s"
    if seconds < 1:
        decimals = min(3, 1 - math.floor(math.log10(seconds)))
        return f"{seconds:.{decimals}f}".rstrip("0").rstrip(".") + "s"
    if seconds < 10:
        return f"{seconds:.1f}".removesuffix(".0") + "s"
    if round(seconds) < 60:
        return f"{round(seconds)}s"
    return _two_units(seconds)


def _two_units(seconds: float) -> str:
    """60 s and more: the largest unit that fits and the one after it, rounded to that second unit."""
    largest = next(index for index, (_, size) in enumerate(UNITS) if seconds >= size)
    step = UNITS[min(largest + 1, len(UNITS) - 1)][1]
    rest = round(seconds / step) * step
    parts = []
    for unit, size in UNITS:
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
        if parts and (len(parts) == 2 or rest == 0):
            break
    return " ".join(parts)
