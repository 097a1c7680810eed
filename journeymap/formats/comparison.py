"""Journey comparisons for people and tools: plain text, Markdown (a pull-request comment), JSON, HTML.

Every presenter reads the same ``ComparisonRun``; none computes anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from journeymap.comparing.pairs import ComparisonRun
from journeymap.comparing.results import Comparison, GroupDiff, TouchpointDiff
from journeymap.formats import safe_terminal

SCHEMA_VERSION = 1
_MARK = {"added": "+", "removed": "-", "renamed": "~", "changed": "*", "unchanged": " "}
_EMOJI = {"added": "➕ added", "removed": "➖ removed", "renamed": "✏️ renamed", "changed": "🔁 changed"}


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def delta_text(before: float | None, after: float | None) -> str:
    """``47.4 -> 38.2 (-9.2)``; a missing side shows as ``-``."""
    if before is None or after is None:
        return f"{number(before)} -> {number(after)}"
    return f"{before:.1f} -> {after:.1f} ({after - before:+.1f})"


def change_lines(diff: TouchpointDiff, arrow: str = "->") -> list[str]:
    lines = [f"{c.what}: {c.before or '-'} {arrow} {c.after or '-'}" for c in diff.changes]
    if diff.was:
        lines.insert(0, f"renamed from '{diff.was}'")
    return lines


# -- plain text ------------------------------------------------------------------------------------------------


def format_text(run: ComparisonRun) -> str:
    out: list[str] = []
    for comparison in run.comparisons:
        out += _text_one(comparison)
    out += [f"new journey (nothing to compare): {p}" for p in run.added]
    out += [f"journey deleted: {p}" for p in run.removed]
    out.append(_verdict(run))
    return "\n".join(safe_terminal(line) for line in out) + "\n"


def _text_one(c: Comparison) -> list[str]:
    out = [
        f"{c.title}: {c.before_path} ({c.before_state}) -> {c.after_path} ({c.after_state})",
        f"journey friction {delta_text(c.journey.before, c.journey.after)}",
        "stages: " + "; ".join(f"{g.name} {delta_text(g.before, g.after)}" for g in c.stages),
    ]
    for diff in c.touchpoints:
        if diff.status == "unchanged":
            continue
        out.append(
            f"{_MARK[diff.status]} {diff.status} '{diff.id}' {diff.name} ({diff.stage}): "
            f"friction {delta_text(*diff.friction)}, priority {delta_text(*diff.priority)}"
        )
        out += [f"    {line}" for line in change_lines(diff)]
    out += [f"{f.status} {f.severity.label}[{f.code}] {f.where}: {f.message}" for f in c.findings]
    out += [f"delivered on '{t}': {o}" for t, o in c.delivered]
    for rank, item in enumerate(c.plan, start=1):
        out.append(
            f"plan {rank}. {item.title}: friction removed {item.friction_removed:.1f}, "
            f"effort {number(item.effort)}, per effort {number(item.per_effort)}"
            + (f"; expected: {item.effect}" if item.effect else "")
            + (" (changes nothing)" if item.changes_nothing else "")
        )
    if c.unexplained:
        out.append("changes no opportunity explains: " + ", ".join(c.unexplained))
    out.append("")
    return out


def _verdict(run: ComparisonRun) -> str:
    found = run.regressions
    if not found:
        return "no regressions"
    return f"{len(found)} regression(s): " + "; ".join(found)


# -- Markdown (a pull-request comment) -------------------------------------------------------------------------


def format_markdown(run: ComparisonRun) -> str:
    from journeymap.reporting.markdown import md_escape as md

    out: list[str] = []
    for comparison in run.comparisons:
        out += _markdown_one(comparison, md)
    out += [f"- ➕ new journey (nothing to compare): `{md(p)}`" for p in run.added]
    out += [f"- ➖ journey deleted: `{md(p)}`" for p in run.removed]
    found = run.regressions
    out.append("")
    out.append("✅ **No regressions.**" if not found else f"⚠️ **{len(found)} regression(s):**")
    out += [f"- {md(r)}" for r in found]
    return "\n".join(out).strip() + "\n"


def _markdown_one(c: Comparison, md: Callable[[object], str]) -> list[str]:
    out = [
        f"## {md(c.title)}",
        "",
        f"`{md(c.before_path)}` ({md(c.before_state)}) → `{md(c.after_path)}` ({md(c.after_state)})",
        "",
        f"**Journey friction:** {_md_delta(c.journey)}",
        "",
        "| stage | friction before | after | change |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {md(g.name)} | {number(g.before)} | {number(g.after)} | {_md_change(g)} |" for g in c.stages]
    changed = [d for d in c.touchpoints if d.status != "unchanged"]
    if changed:
        out += ["", "### Touchpoints", "", "| | touchpoint | stage | friction | priority | what changed |"]
        out.append("|---|---|---|---|---|---|")
        for d in changed:
            what = "<br>".join(md(line) for line in change_lines(d, "→")) or "-"
            out.append(
                f"| {_EMOJI[d.status]} | **{md(d.name)}** (`{md(d.id)}`) | {md(d.stage)} | "
                f"{_arrow(delta_text(*d.friction))} | {_arrow(delta_text(*d.priority))} | {what} |"
            )
    out += _markdown_findings(c, md)
    out += _markdown_plan(c, md)
    unchanged = [d for d in c.touchpoints if d.status == "unchanged"]
    if unchanged:
        names = ", ".join(f"`{md(d.id)}`" for d in unchanged)
        summary = f"{len(unchanged)} unchanged touchpoint{'s' if len(unchanged) != 1 else ''}"
        out += ["", f"<details><summary>{summary}</summary>", "", names, "", "</details>"]
    out.append("")
    return out


def _arrow(text: str) -> str:
    """Our own numbers need no escaping; an arrow reads better than ``->`` in a rendered table."""
    return text.replace(" -> ", " → ")


def _md_delta(group: GroupDiff) -> str:
    return f"{number(group.before)} → **{number(group.after)}** ({_md_change(group)})"


def _md_change(group: GroupDiff) -> str:
    delta = group.delta
    if delta is None:
        return "-"
    if abs(delta) < 0.05:
        return "="
    return f"{'▲' if delta > 0 else '▼'} {abs(delta):.1f}"


def _markdown_findings(c: Comparison, md: Callable[[object], str]) -> list[str]:
    if not c.findings and not c.delivered:
        return []
    out = ["", "### Findings and opportunities", ""]
    for f in c.findings:
        icon = "✅ resolved" if f.status == "resolved" else "❗ introduced"
        out.append(f"- {icon} {md(f.severity.label)} `{md(f.code)}` {md(f.message)} (`{md(f.where)}`)")
    out += [f"- 🎯 delivered on `{md(t)}`: {md(o)}" for t, o in c.delivered]
    return out


def _markdown_plan(c: Comparison, md: Callable[[object], str]) -> list[str]:
    out: list[str] = []
    if c.plan:
        out += ["", "### The plan, by friction removed per unit of effort", ""]
        out += [
            "| # | opportunity | touchpoints | expected effect | effort | friction removed | per effort | owner | due |"
        ]
        out.append("|---:|---|---|---|---:|---:|---:|---|---|")
        for rank, p in enumerate(c.plan, start=1):
            flag = " ⚠️ changes nothing" if p.changes_nothing else ""
            where = ", ".join(f"`{md(t)}`" for t in p.touchpoints) or "-"
            out.append(
                f"| {rank} | {md(p.title)}{flag} | {where} | {md(p.effect) if p.effect else '-'} | "
                f"{number(p.effort)} | {p.friction_removed:.1f} | "
                f"{number(p.per_effort)} | {md(p.owner) if p.owner else '-'} | {md(p.due) if p.due else '-'} |"
            )
    if c.unexplained:
        out += ["", "⚠️ Changes no opportunity explains: " + ", ".join(f"`{md(t)}`" for t in c.unexplained)]
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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def present(fmt: str, run: ComparisonRun, version: str) -> str:
    if fmt == "json":
        return format_json(run, version)
    if fmt == "markdown":
        return format_markdown(run)
    if fmt == "html":
        from journeymap.formats.comparison_html import format_html

        return format_html(run)
    return format_text(run)


__all__ = ["SCHEMA_VERSION", "format_json", "format_markdown", "format_text", "present"]
