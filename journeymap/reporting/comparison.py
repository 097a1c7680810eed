"""Current -> future in a report: a future state's "Current → future" section, each journey's pair on the index.

A journey with ``state: future`` and ``future_of: <id>`` naming another journey of the same report is
compared with it by ``journeymap.comparing.compare``, on the report's own scores and findings: the very
numbers ``journeymap compare --format json`` prints for the pair (one truth). This module only turns
that ``Comparison`` into plain data for the templates and ``--format json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journeymap.reporting.inputs import ReportInput
from journeymap.shown import arrow
from journeymap.translation import N_, Translator, for_journey, shown, translate

if TYPE_CHECKING:
    from journeymap.comparing import Change, Comparison, GroupDiff, Side, TouchpointDiff
    from journeymap.model import Journey

#: The touchpoint statuses the section lists, in the order it counts them.
STATUSES = ("added", "removed", "renamed", "changed")


@dataclass(frozen=True)
class Pairing:
    """A future state (``future``, an index into the report's inputs) and its current state (``current``).

    ``comparison`` is None when the two cannot be compared (no touchpoint id in common): ``problem`` says so.
    """

    future: int
    current: int
    comparison: Comparison | None
    problem: str | None = None


def pairings(inputs: list[ReportInput]) -> list[Pairing]:
    """Every future state of the report whose ``future_of`` names another journey of the report, compared."""
    from journeymap.comparing import UnrelatedJourneys, compare

    by_id: dict[str, int] = {}
    for index, item in enumerate(inputs):
        by_id.setdefault(item.journey.id, index)
    found = []
    for index, item in enumerate(inputs):
        info = item.journey.info
        current = by_id.get(info.future_of) if info.state == "future" and info.future_of else None
        if current is None or current == index:
            continue
        try:
            found.append(Pairing(index, current, compare(_side(inputs[current]), _side(item))))
        except UnrelatedJourneys as unrelated:
            found.append(Pairing(index, current, None, str(unrelated)))
    return found


def _side(item: ReportInput) -> Side:
    """One state as ``compare`` reads it: the journey with the report's own scores and findings."""
    from journeymap.comparing import Side

    return Side(item.path, item.journey, item.scores, tuple(item.findings))


def comparison_context(pairing: Pairing, inputs: list[ReportInput], pages: list[str]) -> dict[str, Any]:
    """The "Current → future" section of the future state's page: plain data, numbers as ``compare`` gives them.

    Touchpoints, stages and the plan keep the keys and values of ``Comparison.as_dict()`` (the shape of
    ``journeymap compare --format json``), with a few additions for reading: ``delta``, names, and
    ``label`` on each change (its name in the page's language).
    """
    current, future = inputs[pairing.current], inputs[pairing.future]
    head: dict[str, Any] = {
        "current": {
            "id": current.journey.id,
            "title": current.journey.info.title,
            "page": pages[pairing.current],
            "source": current.path,
            "state": current.journey.info.state,
        },
        "problem": pairing.problem,
    }
    comparison = pairing.comparison
    if comparison is None:
        return head
    data = comparison.as_dict()
    t = for_journey(future.journey)
    listed = [d for d in comparison.touchpoints if d.listed]  # as compare lists them: a priority move is said
    names = {d.id: d.name for d in comparison.touchpoints}
    return {
        **head,
        "arrow": arrow(future.journey.info.rtl),
        "dir": "rtl" if future.journey.info.rtl else "ltr",
        "comma": t.context("list separator", ", "),
        "note": translate(comparison.evidence_note, t) if comparison.evidence_note else None,
        "before_state": comparison.before_state,
        "after_state": comparison.after_state,
        "journey": {**data["journey"], "delta": _delta(comparison.journey)},
        "stages": [{**g.as_dict(), "delta": _delta(g)} for g in comparison.stages],
        "personas": [_change(c, t) for c in comparison.personas],
        "personas_label": t(N_("Personas:")),
        "counts": {
            **{status: sum(1 for d in comparison.touchpoints if d.status == status) for status in STATUSES},
            "unchanged": len(data["unchanged"]),
            "resolved": sum(1 for f in comparison.findings if f.status == "resolved"),
            "introduced": sum(1 for f in comparison.findings if f.status == "introduced"),
        },
        "touchpoints": [_touchpoint(d, t) for d in listed],
        "unchanged": data["unchanged"],
        "findings": data["findings"],
        "delivered": data["delivered"],
        "plan": [
            {**item.as_dict(), "names": [_name(t, names, current.journey, future.journey) for t in item.touchpoints]}
            for item in comparison.plan
        ],
        "unexplained": [{"id": t, "name": names.get(t, t)} for t in comparison.unexplained],
        "regressions": data["regressions"],
        "shown_regressions": [translate(r, t) for r in comparison.regressions],
    }


def index_states(pairs: list[Pairing], inputs: list[ReportInput], pages: list[str]) -> list[list[dict[str, Any]]]:
    """For each journey of the index, its current -> future friction: one entry per pair it belongs to."""
    states: list[list[dict[str, Any]]] = [[] for _ in inputs]
    for pair in pairs:
        if pair.comparison is None:
            continue
        group = pair.comparison.journey
        numbers = {"before": _round(group.before), "after": _round(group.after), "delta": _delta(group)}
        for role, own, other in (("future", pair.future, pair.current), ("current", pair.current, pair.future)):
            link = {"title": inputs[other].journey.info.title, "page": pages[other]}
            states[own].append({"role": role, **numbers, "other": link})
    return states


def _touchpoint(diff: TouchpointDiff, t: Translator) -> dict[str, Any]:
    data = diff.as_dict()
    data["delta"] = diff.delta  # the difference of the two frictions shown (``shown.tenth_change``)
    data["changes"] = [_change(c, t) for c in diff.changes]
    from journeymap.comparing.results import FROM_TARGETS

    data["from_targets"] = t(FROM_TARGETS) if diff.from_targets else None
    if diff.was:
        data["was_name"] = next((c.before for c in diff.changes if c.what == "name"), None)
    return data


def _change(change: Change, t: Translator) -> dict[str, Any]:
    """A change as ``compare`` reports it, with ``label``, ``shown_before``, ``shown_after`` and ``shown_remark``
    as ``compare`` shows them in the page's language (names, words and digits)."""
    data = change.as_dict()
    data["label"] = translate(change.what, t)
    data["shown_before"] = None if change.before is None else shown(change.before, t)
    data["shown_after"] = None if change.after is None else shown(change.after, t)
    data["shown_remark"] = translate(change.remark, t) if change.remark else None
    return data


def _name(touchpoint_id: str, names: dict[str, str], current: Journey, future: Journey) -> str:
    """A plan item's touchpoint by name: as the comparison names it, else as either state does."""
    if touchpoint_id in names:
        return names[touchpoint_id]
    for journey in (future, current):
        for _, tp in journey.touchpoints():
            if tp.id == touchpoint_id:
                return tp.name
    return touchpoint_id


def _delta(group: GroupDiff) -> float | None:
    """The change as ``compare`` shows it: the difference of the two frictions shown."""
    return group.delta


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


__all__ = ["Pairing", "comparison_context", "index_states", "pairings"]
