"""Counted nouns of measure's messages (``184 answers``), each a :func:`Plural` so every language agrees.

Why a message of their own: a count inside a sentence decides the noun's form (Arabic has six), and a
sentence can hold two counts (``3 of 5 measures computed from 184 rows``); each counted noun is its own
plural message, and the sentence takes them as arguments.

Two sets of nouns: ``rows``, ``answers``, ``values``, ``durations`` and ``measures`` keep one English form
for every count, as the summary line has always printed them (``1 rows``); ``of_rows`` and ``of_answers``,
the nouns inside the diagnostics (``of 1 row``, ``rests on 1 answer``), are English singular for 1. A count
that is a sentence's subject is no noun of its own: the whole sentence is the plural message, so its verb
agrees too (``1 answer ... is``, ``2 answers ... are``; see ``results``).
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


def of_rows(number: int) -> Msg:
    """``1 row``, ``1,234 rows``: a count of rows inside a sentence (``of 7 rows``, ``leaves none of its 7 rows``)."""
    return Plural("%(count)s row", "%(count)s rows", number, count=f"{number:,}")


def of_answers(number: int) -> Msg:
    """``1 answer``, ``29 answers``: a sample size inside a sentence (``rests on 29 answers``), as ``n=`` writes it."""
    return Plural("%(count)s answer", "%(count)s answers", number, count=number)
