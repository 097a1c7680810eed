"""The index page: every journey's friction and findings on one page."""

from __future__ import annotations

from collections import Counter
from typing import Any

from journeymap.diagnostics import Diagnostic
from journeymap.reporting.context import rule_name
from journeymap.reporting.inputs import ReportInput
from journeymap.reporting.words import words_for
from journeymap.shown import arrow
from journeymap.translation import RTL, Translator, for_journey, translator


def index_context(
    items: list[ReportInput], pages: list[str], states: list[list[dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """Journeys in input order, findings counted per rule code (code order).

    ``states``: for each journey, its current -> future friction with the other state of each pair it
    belongs to (``reporting.comparison.index_states``); the index shows the column when any has one.
    """
    journeys = []
    states = states or [[] for _ in items]
    for item, page, pair in zip(items, pages, states, strict=True):
        overall = item.scores.overall
        journeys.append(
            {
                "id": item.journey.id,
                "title": item.journey.info.title,
                "page": page,
                "source": item.path,
                "language": item.journey.info.language,
                "dir": "rtl" if item.journey.info.rtl else "ltr",
                "friction": None if overall.score is None else round(overall.score, 1),
                "band": overall.band,
                "confidence": round(overall.confidence, 2),
                "touchpoints": sum(1 for _ in item.journey.touchpoints()),
                "findings": len(item.findings),
                "states": pair,
            }
        )
    t = index_translator(items)
    return {
        "language": t.language,
        "dir": "rtl" if t.language in RTL else "ltr",
        "arrow": arrow(t.language in RTL),  # current -> future in Markdown, where no dir="ltr" isolates it
        "words": words_for(t.language, t.numerals),
        "numerals": t.numerals,
        "separators": {"comma": t.context("list separator", ", "), "semicolon": t.context("list separator", "; ")},
        "journeys": journeys,
        "compared": any(states),
        "personas": _personas(items, pages),
        "rules": _rules(items),
    }


def index_translator(items: list[ReportInput]) -> Translator:
    """The index page's language: the journeys' own when they all share one (and its digits when they all
    write the same), else English.

    Why: an index of Arabic journeys is read by the same team as its pages; an index of journeys in several
    languages has no one reader's language, so it keeps the source language.
    """
    each = [for_journey(item.journey) for item in items]
    languages = {t.language for t in each}
    if len(languages) != 1:
        return translator("en")
    numerals = {t.numerals for t in each}
    return translator(languages.pop(), numerals.pop() if len(numerals) == 1 else "latin")


def _personas(items: list[ReportInput], pages: list[str]) -> list[dict[str, Any]]:
    """Each persona (shared ones from personas.yaml appear once) with its friction in every journey it walks.

    Why: with a persona library, "how is Sara doing across our journeys?" is the question a CX lead asks.
    """
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item, page in zip(items, pages, strict=True):
        for group in item.scores.personas:
            found.setdefault((group.id, group.name), []).append(
                {
                    "title": item.journey.info.title,
                    "page": page,
                    "friction": None if group.score is None else round(group.score, 1),
                    "band": group.band,
                }
            )
    ordered = sorted(found.items(), key=lambda entry: (-len(entry[1]), entry[0][1], entry[0][0]))
    return [{"id": pid, "name": name, "journeys": walks} for (pid, name), walks in ordered]


def _rules(items: list[ReportInput]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    first: dict[str, Diagnostic] = {}
    journeys: dict[str, set[str]] = {}
    for item in items:
        for finding in item.findings:
            counts[finding.code] += 1
            first.setdefault(finding.code, finding)
            journeys.setdefault(finding.code, set()).add(item.journey.id)
    return [
        {
            "code": code,
            "name": rule_name(first[code]),
            "severity": first[code].severity.label,
            "count": counts[code],
            "journeys": len(journeys[code]),
        }
        for code in sorted(counts)
    ]
