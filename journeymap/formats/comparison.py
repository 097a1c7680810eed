"""Journey comparisons for people and tools: plain text, Markdown (a pull-request comment), JSON, HTML.

Every presenter reads the same ``ComparisonRun``; none computes anything. The lines every format shows
(a change, a KPI, a stage rename, an opportunity) are written here once and laid out by each format.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import cycle

from journeymap import json_text
from journeymap.comparing.pairs import ComparisonRun
from journeymap.comparing.results import (
    FROM_TARGETS,
    Change,
    Comparison,
    GroupDiff,
    KpiDiff,
    StageRename,
    TouchpointDiff,
)
from journeymap.formats import safe_terminal
from journeymap.shown import arrow, friction_tenth, signed_tenth, tenth_change
from journeymap.translation import (
    N_,
    NC_,
    RTL,
    Msg,
    Translator,
    Verbatim,
    count,
    english,
    shown,
    translate,
    translator,
    wrap_direction,
)

#: 2: journey KPIs, stage renames, "no longer listed" opportunities apart from delivered ones, and a
#: touchpoint whose priority alone moved listed as changed (docs/compare.md, JSON).
SCHEMA_VERSION = 2
_MARK = {"added": "+", "removed": "-", "renamed": "~", "changed": "*", "reprioritised": "^", "unchanged": " "}
_EMOJI = {"added": "➕", "removed": "➖", "renamed": "✏️", "changed": "🔁", "reprioritised": "↕️"}
#: A touchpoint's status as the text and Markdown say it, translated when shown.
STATUSES = {
    "added": N_("added"),
    "removed": N_("removed"),
    "renamed": N_("renamed"),
    "changed": N_("changed"),
    "unchanged": N_("unchanged"),
    "reprioritised": N_("priority moved"),
}
#: A journey's state (``state: current|future``) as words.
STATES = {"current": NC_("journey state", "current"), "future": NC_("journey state", "future")}


def number(value: float | None, t: Translator | None = None) -> str:
    return "-" if value is None else (t or english()).number(f"{value:.1f}")


def delta_text(before: float | None, after: float | None, t: Translator | None = None, arrow: str = "->") -> str:
    """``47.4 -> 38.2 (-9.2)``: the change is the difference of the two numbers shown; a missing side is ``-``."""
    if before is None or after is None:
        return f"{number(before, t)} {arrow} {number(after, t)}"
    change = signed_tenth(tenth_change(before, after))
    return (t or english()).number(f"{friction_tenth(before)} {arrow} {friction_tenth(after)} ({change})")


def change_lines(diff: TouchpointDiff, arrow: str = "->", t: Translator | None = None) -> list[str]:
    t = t or english()
    lines = [_change_line(c, arrow, t) for c in diff.changes]
    if diff.from_targets:
        lines.append(t(FROM_TARGETS))
    if diff.was:
        lines.insert(0, t(Msg("renamed from '%(id)s'", id=Verbatim(diff.was))))
    return lines


def _change_line(change: Change, arrow: str, t: Translator) -> str:
    """``Abandonment rate: 19% -> 6%``; a target change with how it moved (``20% -> 40% (relaxed, now met)``)."""
    line = f"{translate(change.what, t)}: {_value(change.before, t)} {arrow} {_value(change.after, t)}"
    return line + f" ({shown(change.remark, t)})" if change.remark else line


def kpi_line(kpi: KpiDiff, arrow: str, t: Translator) -> str:
    """``Net Promoter Score: -4 -> 9 (+13.0); target 15: missed``: a journey KPI and its target's status."""
    line = f"{translate(kpi.title, t)}: {_value(kpi.before, t)} {arrow} {_value(kpi.after, t)}"
    if kpi.change is not None and kpi.before != kpi.after:
        line += f" ({_value(kpi.change, t)})"
    target = _kpi_target(kpi, arrow, t)
    return line + t.context("list separator", "; ") + target if target else line


def _kpi_target(kpi: KpiDiff, arrow: str, t: Translator) -> str | None:
    """``target 15: missed -> met``; a moved target with how it moved (``target 15 -> 20 (relaxed, now met)``)."""
    (goal_a, goal_b), (status_a, status_b) = kpi.target, kpi.status
    if goal_a is None and goal_b is None:
        return None
    if goal_a != goal_b:
        goals = f"{_value(goal_a, t)} {arrow} {_value(goal_b, t)}"
        said = t(Msg("target %(target)s", target=Verbatim(goals)))
        return said + f" ({translate(kpi.remark, t)})" if kpi.remark else said
    status = _value(status_b, t) if status_a == status_b else f"{_value(status_a, t)} {arrow} {_value(status_b, t)}"
    return t(Msg("target %(target)s: %(status)s", target=Verbatim(_value(goal_b, t)), status=Verbatim(status)))


def stage_lines(rename: StageRename, t: Translator) -> list[str]:
    """A stage renamed, said once (its touchpoints did not move), and how to declare it when it was guessed."""
    lines = [t(rename.said)]
    if rename.hint is not None:
        lines.append(t(Msg("hint: %(hint)s", hint=rename.hint)))
    return lines


def opportunity_lines(
    c: Comparison,
    t: Translator,
    code: Callable[[str], str] = lambda i: f"'{i}'",
    text: Callable[[str], str] = str,
) -> list[str]:
    """Opportunities gone from the later state: delivered where the touchpoint improved, else no longer listed
    (decision 0044); ``code`` writes a touchpoint id (quoted, or as Markdown code), ``text`` the user's words."""
    delivered = [
        t(Msg("delivered on %(id)s: %(opportunity)s", id=Verbatim(code(i)), opportunity=Verbatim(text(o))))
        for i, o in c.delivered
    ]
    dropped = [
        t(
            Msg(
                "no longer listed on %(id)s (the touchpoint did not improve): %(opportunity)s",
                id=Verbatim(code(i)),
                opportunity=Verbatim(text(o)),
            )
        )
        for i, o in c.no_longer_listed
    ]
    return delivered + dropped


def unchanged_ids(c: Comparison) -> list[str]:
    """The touchpoints nothing changed at, not even their priority."""
    return [d.id for d in c.touchpoints if not d.listed]


def persona_line(change: Change, arrow: str, t: Translator) -> str:
    """A persona's change as every format writes it (``share (Maya): 40% -> 60%``)."""
    return _change_line(change, arrow, t)


def _value(value: str | None, t: Translator) -> str:
    """A changed value in the reader's words and digits (``yes``, ``62%``); the user's own text as written."""
    return shown(value, t) if value else "-"


def state_word(state: str, t: Translator) -> str:
    """A journey's state (``current``, ``future``) in the reader's words; another value as written."""
    return t.context("journey state", STATES[state]) if state in STATES else state


def translator_of(run: ComparisonRun, lang: Translator | None = None) -> Translator:
    """``--lang`` when given, else the language the compared journeys share (English when they differ)."""
    if lang is not None:
        return lang
    languages = {c.language for c in run.comparisons}
    return translator(languages.pop()) if len(languages) == 1 else english()


# -- plain text ------------------------------------------------------------------------------------------------


def format_text(run: ComparisonRun, t: Translator | None = None) -> str:
    t = t or english()
    out: list[str] = []
    for comparison in run.comparisons:
        out += _text_one(comparison, t)
    out += [t(Msg("new journey (nothing to compare): %(path)s", path=Verbatim(p))) for p in run.added]
    out += [t(Msg("journey deleted: %(path)s", path=Verbatim(p))) for p in run.removed]
    out.append(_verdict(run, t))
    return "\n".join(safe_terminal(line) for line in out) + "\n"


def _text_one(c: Comparison, t: Translator) -> list[str]:
    separator = t.context("list separator", "; ")
    before, after = state_word(c.before_state, t), state_word(c.after_state, t)
    out = [
        f"{c.title}: {c.before_path} ({before}) -> {c.after_path} ({after})",
        t(N_("journey friction")) + " " + delta_text(c.journey.before, c.journey.after, t),
        t(N_("stages")) + ": " + separator.join(f"{g.name} {delta_text(g.before, g.after, t)}" for g in c.stages),
    ]
    for rename in c.stage_renames:
        first, *rest = stage_lines(rename, t)
        out += [f"~ {first}", *(f"    {line}" for line in rest)]
    if c.kpis:
        out.append(t(N_("journey KPIs")) + ":")
        out += [f"    {kpi_line(k, '->', t)}" for k in c.kpis]
    if c.personas:
        out.append(t(N_("personas")) + ": " + separator.join(persona_line(p, "->", t) for p in c.personas))
    if c.evidence_note is not None:
        out.insert(1, t(Msg("note: %(note)s", note=c.evidence_note)))
    for diff in c.touchpoints:
        if not diff.listed:
            continue
        said = Msg(
            "%(status)s '%(id)s' %(name)s (%(stage)s): friction %(friction)s, priority %(priority)s",
            status=Msg(STATUSES[diff.shown_status]),
            id=Verbatim(diff.id),
            name=Verbatim(diff.name),
            stage=Verbatim(diff.stage),
            friction=Verbatim(delta_text(*diff.friction, t)),
            priority=Verbatim(delta_text(*diff.priority, t)),
        )
        out.append(f"{_MARK[diff.shown_status]} {t(said)}")
        out += [f"    {line}" for line in change_lines(diff, t=t)]
    out += [
        f"{t(Msg(STATUSES_OF_FINDINGS[f.status]))} {f.severity.label}[{f.code}] {f.where}: {translate(f.message, t)}"
        for f in c.findings
    ]
    out += opportunity_lines(c, t)
    for rank, item in enumerate(c.plan, start=1):
        said = Msg(
            "plan %(rank)s. %(title)s: friction removed %(removed)s, effort %(effort)s, per effort %(per_effort)s",
            rank=rank,
            title=Verbatim(item.title),
            removed=Verbatim(t.number(f"{item.friction_removed:.1f}")),
            effort=Verbatim(number(item.effort, t)),
            per_effort=Verbatim(number(item.per_effort, t)),
        )
        expected = t(Msg("; expected: %(effect)s", effect=Verbatim(item.effect))) if item.effect else ""
        owner = t(Msg("; owner: %(owner)s", owner=Verbatim(item.owner))) if item.owner else ""
        due = t(Msg("; due: %(due)s", due=Verbatim(item.due))) if item.due else ""
        nothing = t(N_(" (changes nothing)")) if item.changes_nothing else ""
        out.append(t(said) + expected + owner + due + nothing)
    if c.unexplained:
        listed = t.context("list separator", ", ").join(c.unexplained)
        out.append(t(Msg("changes no opportunity explains: %(ids)s", ids=Verbatim(listed))))
    unchanged = unchanged_ids(c)
    if unchanged:
        listed = t.context("list separator", ", ").join(unchanged)
        heading = count(t, len(unchanged), "%(count)s unchanged touchpoint", "%(count)s unchanged touchpoints")
        out.append(f"{heading}: {listed}")
    out.append("")
    return out


#: A finding only one state has: resolved (gone) or introduced (new).
STATUSES_OF_FINDINGS = {"resolved": N_("resolved"), "introduced": N_("introduced")}


def _verdict(run: ComparisonRun, t: Translator) -> str:
    found = run.regressions
    if not found:
        return t(N_("no regressions"))
    return count(t, len(found), "%(count)s regression: ", "%(count)s regressions: ") + t.context(
        "list separator", "; "
    ).join(translate(r, t) for r in found)


# -- Markdown (a pull-request comment) -------------------------------------------------------------------------


def format_markdown(run: ComparisonRun, t: Translator | None = None) -> str:
    from journeymap.reporting.markdown import md_escape as md

    t = t or english()
    out: list[str] = []
    for comparison in run.comparisons:
        out += _markdown_one(comparison, md, t)
    out += [t(Msg("- ➕ new journey (nothing to compare): `%(path)s`", path=Verbatim(md(p)))) for p in run.added]
    out += [t(Msg("- ➖ journey deleted: `%(path)s`", path=Verbatim(md(p)))) for p in run.removed]
    found = run.regressions
    out.append("")
    if not found:
        out.append(t(N_("✅ **No regressions.**")))
    else:
        out.append(count(t, len(found), "⚠️ **%(count)s regression:**", "⚠️ **%(count)s regressions:**"))
    out += [f"- {md(translate(r, t))}" for r in found]
    return wrap_direction("\n".join(out).strip() + "\n", t)


def _markdown_one(c: Comparison, md: Callable[[object], str], t: Translator) -> list[str]:
    headings = [t(N_("stage")), t(N_("friction before")), t(N_("after")), t(N_("change"))]
    before, after = md(state_word(c.before_state, t)), md(state_word(c.after_state, t))
    out = [
        f"## {md(c.title)}",
        "",
        f"`{md(c.before_path)}` ({before}) {_arrow_of(t)} `{md(c.after_path)}` ({after})",
        "",
        *([f"> ℹ️ {md(translate(c.evidence_note, t))}", ""] if c.evidence_note is not None else []),
        "**" + t(N_("Journey friction:")) + f"** {_md_delta(c.journey, t)}",
        "",
        "| " + " | ".join(headings) + " |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {md(g.name)} | {number(g.before, t)} | {number(g.after, t)} | {_md_change(g, t)} |" for g in c.stages]
    for rename in c.stage_renames:
        first, *rest = stage_lines(rename, t)
        out += ["", f"✏️ {md(first)}", *(f"<br>{_md_keeping_code(line, md)}" for line in rest)]
    if c.kpis:
        out += ["", "**" + t(N_("Journey KPIs:")) + "**", ""]
        out += [f"- {md(kpi_line(k, _arrow_of(t), t))}" for k in c.kpis]
    if c.personas:
        listed = "<br>".join(md(persona_line(p, _arrow_of(t), t)) for p in c.personas)
        out += ["", "**" + t(N_("Personas:")) + f"** {listed}"]
    changed = [d for d in c.touchpoints if d.listed]
    if changed:
        columns = [t(w) for w in _TOUCHPOINT_COLUMNS]
        out += ["", "### " + t(N_("Touchpoints")), "", "| | " + " | ".join(columns) + " |"]
        out.append("|---|---|---|---|---|---|")
        for d in changed:
            what = "<br>".join(md(line) for line in change_lines(d, _arrow_of(t), t)) or "-"
            status = d.shown_status
            out.append(
                f"| {_EMOJI[status]} {t(STATUSES[status])} | **{md(d.name)}** (`{md(d.id)}`) | {md(d.stage)} | "
                f"{delta_text(*d.friction, t, _arrow_of(t))} | {delta_text(*d.priority, t, _arrow_of(t))} | {what} |"
            )
    out += _markdown_findings(c, md, t)
    out += _markdown_plan(c, md, t)
    unchanged = unchanged_ids(c)
    if unchanged:
        names = ", ".join(f"`{md(i)}`" for i in unchanged)
        summary = count(t, len(unchanged), "%(count)s unchanged touchpoint", "%(count)s unchanged touchpoints")
        out += ["", f"<details><summary>{summary}</summary>", "", names, "", "</details>"]
    out.append("")
    return out


_TOUCHPOINT_COLUMNS = (N_("touchpoint"), N_("stage"), N_("friction"), N_("priority"), N_("what changed"))
_PLAN_COLUMNS = (
    N_("opportunity"),
    N_("touchpoints"),
    N_("expected effect"),
    N_("effort"),
    N_("friction removed"),
    N_("per effort"),
    N_("owner"),
    N_("due"),
)


def _arrow_of(t: Translator) -> str:
    """The arrow of a rendered page in the reader's language: ``←`` in right-to-left text (``shown.arrow``)."""
    return arrow(t.language in RTL)


def _md_keeping_code(text: str, md: Callable[[object], str]) -> str:
    """A hint of ours as Markdown: its `code spans` kept as code, the rest escaped.

    Why: escaping the whole line showed the backticks of ``was: service`` with backslashes before them.
    The spans hold ids, which cannot contain a backtick (model.base.ID_PATTERN), so none ends early.
    """
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd backtick: no span to keep
        return md(text)
    return "`".join(part if inside else _md_spaced(part, md) for inside, part in zip(cycle((False, True)), parts))


def _md_spaced(text: str, md: Callable[[object], str]) -> str:
    """``md(text)`` with the spaces it trims at either end put back (they part the text from a code span)."""
    core = md(text)
    if not core:
        return text[:1]
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() else "")


def _md_delta(group: GroupDiff, t: Translator) -> str:
    return f"{number(group.before, t)} {_arrow_of(t)} **{number(group.after, t)}** ({_md_change(group, t)})"


def _md_change(group: GroupDiff, t: Translator) -> str:
    delta = group.delta
    if delta is None:
        return "-"
    if delta == 0:
        return "="
    return f"{'▲' if delta > 0 else '▼'} {t.number(friction_tenth(abs(delta)))}"


def _markdown_findings(c: Comparison, md: Callable[[object], str], t: Translator) -> list[str]:
    if not c.findings and not c.delivered and not c.no_longer_listed:
        return []
    out = ["", "### " + t(N_("Findings and opportunities")), ""]
    for f in c.findings:
        icon = ("✅ " if f.status == "resolved" else "❗ ") + t(STATUSES_OF_FINDINGS[f.status])
        label = t(f.severity.label)
        out.append(f"- {icon} {md(label)} `{md(f.code)}` {md(translate(f.message, t))} (`{md(f.where)}`)")
    gone = opportunity_lines(c, t, lambda i: f"`{md(i)}`", md)
    out += [("- 🎯 " if n < len(c.delivered) else "- ◻️ ") + line for n, line in enumerate(gone)]
    return out


def _markdown_plan(c: Comparison, md: Callable[[object], str], t: Translator) -> list[str]:
    out: list[str] = []
    if c.plan:
        columns = _PLAN_COLUMNS
        out += ["", "### " + t(N_("The plan, by friction removed per unit of effort")), ""]
        out += ["| # | " + " | ".join(t(w) for w in columns) + " |"]
        out.append("|---:|---|---|---|---:|---:|---:|---|---|")
        for rank, p in enumerate(c.plan, start=1):
            flag = " ⚠️ " + t(N_("changes nothing")) if p.changes_nothing else ""
            where = ", ".join(f"`{md(i)}`" for i in p.touchpoints) or "-"
            out.append(
                f"| {t.number(str(rank))} | {md(p.title)}{flag} | {where} | {md(p.effect) if p.effect else '-'} | "
                f"{number(p.effort, t)} | {t.number(f'{p.friction_removed:.1f}')} | "
                f"{number(p.per_effort, t)} | {md(p.owner) if p.owner else '-'} | {md(p.due) if p.due else '-'} |"
            )
    if c.unexplained:
        listed = ", ".join(f"`{md(i)}`" for i in c.unexplained)
        out += ["", "⚠️ " + t(Msg("Changes no opportunity explains: %(ids)s", ids=Verbatim(listed)))]
    return out


# -- JSON ------------------------------------------------------------------------------------------------------


def format_json(run: ComparisonRun, version: str) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "comparisons": [c.as_dict() for c in run.comparisons],
        "added": run.added,
        "removed": run.removed,
        "regressions": run.regressions,
    }
    return json_text.dumps(document)


def present(fmt: str, run: ComparisonRun, version: str, lang: Translator | None = None) -> str:
    """The run in ``fmt``; text, Markdown and HTML in ``lang`` (``--lang``), else the compared journeys' language."""
    if fmt == "json":
        return format_json(run, version)
    if fmt == "markdown":
        return format_markdown(run, translator_of(run, lang))
    if fmt == "html":
        from journeymap.formats.comparison_html import format_html

        return format_html(run, translator_of(run, lang))
    return format_text(run, translator_of(run, lang))


__all__ = ["SCHEMA_VERSION", "format_json", "format_markdown", "format_text", "present"]
