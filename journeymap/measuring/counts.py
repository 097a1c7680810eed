"""Counted nouns of measure's messages (``184 answers``), each a :func:`Plural` so every language agrees.

Why a message of their own: a count inside a sentence decides the noun's form (Arabic has six), and a
sentence can hold two counts (``3 of 5 measures computed from 184 rows``); each counted noun is its own
plural message, and the sentence takes them as arguments. The English ids keep one form for every count,
as measure has always printed them (``1 rows``).
"""

from __future__ import annotations

from journeymap.translation import Msg, Plural


def rows(number: int) -> Msg:
    """``1,234 rows``: digits grouped, as the counts of rows read."""
    return Plural("%(count)s rows", "%(count)s rows", number, count=f"{number:,}")


def answers(number: int, grouped: bool = True) -> Msg:
    """``1,234 answers``; a sample size (``n``) is written without grouping, as ``n=`` writes it."""
    return Plural("%(count)s answers", "%(count)s answers", number, count=f"{number:,}" if grouped else number)


def values(number: int) -> Msg:
    return Plural("%(count)s values", "%(count)s values", number, count=f"{number:,}")


def durations(number: int) -> Msg:
    return Plural("%(count)s durations", "%(count)s durations", number, count=f"{number:,}")


def measures(number: int) -> Msg:
    return Plural("%(count)s measures", "%(count)s measures", number)
