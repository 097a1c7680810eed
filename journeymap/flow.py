"""The touchpoint graph: who goes where next, what is reachable, where paths end.

Pure functions over the model, shared by the flow view, scoring and audit.
``next`` omitted means "the next touchpoint in journey order"; ``next: []``
means the path ends there on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import Journey, Touchpoint, Transition


@dataclass(frozen=True)
class Edge:
    tail: Touchpoint
    head: Touchpoint
    transition: Transition | None  # None: implicit, next in order

    @property
    def channel_switch(self) -> bool:
        return self.tail.channel != self.head.channel


def visible(journey: Journey, persona: str | None = None) -> list[Touchpoint]:
    """Touchpoints in journey order, only the persona's when one is given."""
    return [tp for _, tp in journey.touchpoints() if persona is None or tp.serves(persona)]


def edges(journey: Journey, persona: str | None = None) -> list[Edge]:
    """Every move between visible touchpoints, explicit or implied by order."""
    order = visible(journey, persona)
    by_id = {tp.id: tp for tp in order}
    result: list[Edge] = []
    for index, tp in enumerate(order):
        if tp.next is None:
            if index + 1 < len(order):
                result.append(Edge(tp, order[index + 1], None))
            continue
        for transition in tp.next:
            head = by_id.get(transition.to)
            if head is not None:
                result.append(Edge(tp, head, transition))
    return result


def entry_points(journey: Journey, persona: str | None = None) -> list[Touchpoint]:
    """Where customers come in: every touchpoint of the first stage they meet.

    Why the whole stage: awareness usually has parallel entry points (an ad,
    a friend's advice, a letter); none of them leads to the others.
    """
    for stage in journey.stages:
        entries = [tp for tp in stage.touchpoints if persona is None or tp.serves(persona)]
        if entries:
            return entries
    return []


def reachable(journey: Journey, persona: str | None = None) -> set[str]:
    """Ids reachable from the entry points by following edges."""
    outgoing: dict[str, list[str]] = {}
    for edge in edges(journey, persona):
        outgoing.setdefault(edge.tail.id, []).append(edge.head.id)
    seen = {tp.id for tp in entry_points(journey, persona)}
    stack = list(seen)
    while stack:
        for head in outgoing.get(stack.pop(), []):
            if head not in seen:
                seen.add(head)
                stack.append(head)
    return seen


def dead_ends(journey: Journey, persona: str | None = None) -> set[str]:
    """Touchpoints with no way on that are not in the last stage."""
    last_stage = {tp.id for tp in journey.stages[-1].touchpoints}
    tails = {edge.tail.id for edge in edges(journey, persona)}
    return {tp.id for tp in visible(journey, persona) if tp.id not in tails and tp.id not in last_stage}
