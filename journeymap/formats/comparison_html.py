"""A journey comparison as one self-contained HTML page (the same content as the Markdown comment).

Jinja2 with autoescaping: every label is data. Values sit in ``<bdi>`` so a
number keeps its reading order inside a right-to-left journey. The page's words
come from :data:`WORDS` through the reader's translator (``--lang``, else the
journeys' language), like the text and the Markdown comment.
"""

from __future__ import annotations

from importlib import resources

from journeymap.comparing.pairs import ComparisonRun
from journeymap.comparing.results import Comparison, TouchpointDiff
from journeymap.formats.comparison import (
    STATUSES,
    STATUSES_OF_FINDINGS,
    change_lines,
    delta_text,
    kpi_line,
    number,
    opportunity_lines,
    persona_line,
    stage_lines,
    state_word,
    unchanged_ids,
)
from journeymap.shown import arrow
from journeymap.translation import N_, RTL, Translator, count, english, translate

#: The page's headings, column names and sentences, in English; shown through the translator.
WORDS = {
    "title": N_("Journey changes"),
    "journey_friction": N_("Journey friction:"),
    "stage": N_("stage"),
    "friction": N_("friction"),
    "touchpoint": N_("touchpoint"),
    "priority": N_("priority"),
    "what_changed": N_("what changed"),
    "findings": N_("Findings"),
    "kpis": N_("Journey KPIs:"),
    "opportunities": N_("Opportunities no longer listed"),
    "personas": N_("Personas:"),
    "plan": N_("The plan, by friction removed per unit of effort"),
    "opportunity": N_("opportunity"),
    "touchpoints": N_("touchpoints"),
    "expected_effect": N_("expected effect"),
    "effort": N_("effort"),
    "friction_removed": N_("friction removed"),
    "per_effort": N_("per effort"),
    "owner": N_("owner"),
    "due": N_("due"),
    "changes_nothing": N_("changes nothing"),
    "unexplained": N_("Changes no opportunity explains:"),
    "added": N_("New journey (nothing to compare):"),
    "removed": N_("Journey deleted:"),
    "no_regressions": N_("No regressions"),
}


def format_html(run: ComparisonRun, t: Translator | None = None) -> str:
    """The page in ``t``'s language (English by default), its direction that language's."""
    from jinja2.sandbox import SandboxedEnvironment

    t = t or english()
    environment = SandboxedEnvironment(autoescape=True, keep_trailing_newline=True)
    page = (resources.files("journeymap.formats") / "comparison.html.j2").read_text(encoding="utf-8")
    lang, rtl = (t.language, t.language in RTL) if not t.english else _journeys_language(run)
    return environment.from_string(page).render(
        run=run,
        rtl=rtl,
        lang=lang,
        w={key: t(word) for key, word in WORDS.items()},
        delta=lambda before, after, rtl=False: delta_text(before, after, t, arrow(rtl)),
        arrow=arrow,
        num=lambda value: number(value, t),
        digits=t.number,
        lines=lambda diff, arrow: change_lines(diff, arrow, t),
        persona_lines=lambda c: [persona_line(p, arrow(c.rtl), t) for p in c.personas],
        kpi_lines=lambda c: [kpi_line(k, arrow(c.rtl), t) for k in c.kpis],
        stage_lines=lambda rename: stage_lines(rename, t),
        opportunities=lambda c: _opportunities(c, t),
        unchanged=lambda c: _unchanged(c, t),
        status=lambda diff: _status(diff, t),
        state=lambda state: state_word(state, t),
        finding=lambda status: t(STATUSES_OF_FINDINGS[status]),
        said=lambda message: translate(message, t),
        word=t,
        comma=t.context("list separator", ", "),
        regressions=count(t, len(run.regressions), "%(count)s regression", "%(count)s regressions"),
    )


def _journeys_language(run: ComparisonRun) -> tuple[str, bool]:
    """An English page keeps the first journey's language and direction (its names are in that language)."""
    first = run.comparisons[0] if run.comparisons else None
    return (first.language, first.rtl) if first else ("en", False)


def _opportunities(c: Comparison, t: Translator) -> list[tuple[bool, str]]:
    """(delivered?, line) for each opportunity gone from the later state, as the other formats say it."""
    lines = opportunity_lines(c, t)
    return [(n < len(c.delivered), line) for n, line in enumerate(lines)]


def _unchanged(c: Comparison, t: Translator) -> tuple[str, list[str]] | None:
    """The heading (``8 unchanged touchpoints``) and the ids nothing changed at; None when there are none."""
    ids = unchanged_ids(c)
    if not ids:
        return None
    return count(t, len(ids), "%(count)s unchanged touchpoint", "%(count)s unchanged touchpoints"), ids


def _status(diff: TouchpointDiff, t: Translator) -> str:
    return t(STATUSES[diff.shown_status])


__all__ = ["WORDS", "format_html"]
