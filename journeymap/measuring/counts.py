"""Counted nouns of measure's messages (``184 answers``), each a :func:`Plural` so every language agrees.

Why a message of their own: a count inside a sentence decides the noun's form (Arabic has six), and a
sentence can hold two counts (``3 of 5 measures computed from 184 rows``); each counted noun is its own
plural message, and the sentence takes them as arguments.

Every noun is English singular for 1 (``1 row``, ``2 rows``) and takes Arabic's six forms. A count
that is a sentence's subject is no noun of its own: the whole sentence is the plural message, so its verb
agrees too (``1 answer ... is``, ``2 answers ... are``; see ``results``).
"""

from __future__ import annotations

from journeymap.translation import Msg, Plural


def rows(number: int) -> Msg:
    """``1,234 rows``: digits grouped, as the counts of rows read."""
    return Plural("%(count)s row", "%(count)s rows", number, count=f"{number:,}")


def answers(number: int, grouped: bool = True) -> Msg:
    """``1,234 answers``; a sample size (``n``) is written without grouping, as ``n=`` writes it."""
    return Plural("%(count)s answer", "%(count)s answers", number, count=f"{number:,}" if grouped else number)


def values(number: int) -> Msg:
    return Plural("%(count)s value", "%(count)s values", number, count=f"{number:,}")


def durations(number: int) -> Msg:
    return Plural("%(count)s duration", "%(count)s durations", number, count=f"{number:,}")


def measures(number: int) -> Msg:
    return Plural("%(count)s measure", "%(count)s measures", number)


def of_rows(number: int) -> Msg:
    """``1 row``, ``1,234 rows``: a count of rows inside a sentence (``of 7 rows``, ``leaves none of its 7 rows``)."""
    return rows(number)


def of_answers(number: int) -> Msg:
    """``1 answer``, ``29 answers``: a sample size inside a sentence (``rests on 29 answers``), as ``n=`` writes it."""
    return answers(number, grouped=False)
