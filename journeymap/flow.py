"""The touchpoint graph: who goes where next, what is reachable, where paths end.

Pure functions over the model, shared by the flow view, scoring and audit.
``next`` omitted means "each touchpoint of the next step" (a step is one
touchpoint, or neighbours sharing a ``step`` id); ``next: []`` means the
path ends there on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from journeymap.model import Journey, Touchpoint, Transition

T = TypeVar("T")


@dataclass(frozen=True)
class Edge:
    """A move from ``tail`` to ``head``, taken by ``share`` of the customers at ``tail``."""

    tail: Touchpoint
    head: Touchpoint
    transition: Transition | None  # None: implicit, the next step in order
    share: float = 1.0

    @property
    def channel_switch(self) -> bool:
        return self.tail.channel != self.head.channel


def visible(journey: Journey, persona: str | None = None) -> list[Touchpoint]:
    """Touchpoints in journey order, only the persona's when one is given."""
    return [tp for _, tp in journey.touchpoints() if persona is None or tp.serves(persona)]


#: The journey whose steps and edges are being shared (``shared``), with what was computed so far.
_SHARED: ContextVar[tuple[Journey, dict[tuple[Any, ...], Any]] | None] = ContextVar("flow", default=None)


@contextmanager
def shared(journey: Journey) -> Iterator[None]:
    """Inside the block, ``steps``, ``edges`` and ``successors`` of ``journey`` (and whatever is asked
    through ``once``) are computed once per persona and shared.

    Why: an audit's rules each follow the paths (per persona, often several times): eighteen
    computations of the same edges at 10,000 touchpoints. Journeys are immutable, and the block
    bounds how long the results are kept; callers must not change the lists they get.
    """
    token = _SHARED.set((journey, {}))
    try:
        yield
    finally:
        _SHARED.reset(token)


def once(journey: Journey, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` inside a ``shared`` block of this journey (computed each time outside).

    Why here: what several audit rules derive from the journey (its touchpoints with their key paths,
    each persona's emotions) is shared the same way as the paths, for as long as the same block.
    ``key`` names what is computed, and everything it depends on besides the journey.
    """
    current = _SHARED.get()
    if current is None or current[0] is not journey:
        return compute()
    known = current[1]
    if key not in known:
        known[key] = compute()
    result: T = known[key]
    return result


def _seen_by(journey: Journey, persona: str | None) -> str | None:
    """``persona``, or None (everyone) when the persona sees every touchpoint.

    Why: such a persona's steps and moves are the journey's own, so they are computed (and,
    inside ``shared``, kept) once for the journey and for all such personas, not once each.
    """
    if persona is None:
        return None
    sees_all = once(journey, ("sees all", persona), lambda: all(tp.serves(persona) for _, tp in journey.touchpoints()))
    return None if sees_all else persona


def steps(journey: Journey, persona: str | None = None) -> list[list[Touchpoint]]:
    """Visible touchpoints grouped into steps, in journey order.

    Touchpoints next to each other in one stage with the same ``step`` are
    one step (alternatives such as call, chat or app, or parallel contacts);
    every other touchpoint is a step of its own.
    """
    persona = _seen_by(journey, persona)
    return once(journey, ("steps", persona), lambda: _steps(journey, persona))


def _steps(journey: Journey, persona: str | None) -> list[list[Touchpoint]]:
    groups: list[list[Touchpoint]] = []
    last: tuple[str, str] | None = None
    for stage, tp in journey.touchpoints():
        if persona is not None and not tp.serves(persona):
            continue
        key = (stage.id, tp.step) if tp.step is not None else None
        if key is not None and key == last:
            groups[-1].append(tp)
        else:
            groups.append([tp])
        last = key
    return groups


def edges(journey: Journey, persona: str | None = None) -> list[Edge]:
    """Every move between visible touchpoints: explicit ``next``, or into each touchpoint of the next step.

    Shares: a stated ``share``; otherwise what the stated shares leave, split
    equally (an implicit move into a step of three alternatives is a third).
    """
    persona = _seen_by(journey, persona)
    return once(journey, ("edges", persona), lambda: _edges(journey, persona))


def _edges(journey: Journey, persona: str | None) -> list[Edge]:
    groups = steps(journey, persona)
    by_id = {tp.id: tp for group in groups for tp in group}
    result: list[Edge] = []
    for index, group in enumerate(groups):
        following = groups[index + 1] if index + 1 < len(groups) else []
        for tp in group:
            if tp.next is not None:
                result += _explicit(tp, by_id)
            elif following:
                share = 1 / len(following)
                result += [Edge(tp, head, None, share) for head in following]
    return result


def _explicit(tp: Touchpoint, by_id: dict[str, Touchpoint]) -> list[Edge]:
    stated: list[float] = []
    unstated = 0
    for transition in tp.next or ():
        if transition.share is None:
            unstated += 1
        else:
            stated.append(transition.share.value)
    rest = max(0.0, 1.0 - sum(stated)) / unstated if unstated else 0.0
    return [
        Edge(tp, by_id[t.to], t, t.share.value if t.share is not None else rest) for t in tp.next or () if t.to in by_id
    ]


def entry_points(journey: Journey, persona: str | None = None) -> list[Touchpoint]:
    """Where customers come in: the touchpoints of the first step they meet.

    Parallel entry points (an ad, a friend's advice, a letter) are written as
    one step; any other touchpoint must be led to, or it is unreachable.
    """
    groups = steps(journey, persona)
    return groups[0] if groups else []


def successors(journey: Journey, persona: str | None = None) -> dict[str, list[Touchpoint]]:
    """Tail id -> the heads of its edges, in the order of ``edges`` (touchpoints with no way on are absent)."""
    persona = _seen_by(journey, persona)
    return once(journey, ("successors", persona), lambda: _successors(edges(journey, persona)))


def _successors(moves: list[Edge]) -> dict[str, list[Touchpoint]]:
    outgoing: dict[str, list[Touchpoint]] = {}
    for edge in moves:
        tail = edge.tail.id
        heads = outgoing.get(tail)
        if heads is None:
            outgoing[tail] = [edge.head]
        else:
            heads.append(edge.head)
    return outgoing


def depth_first(journey: Journey, persona: str | None = None) -> tuple[list[Touchpoint], set[tuple[str, str]]]:
    """Touchpoints reachable from the entry points, children before parents (depth first along
    ``successors``), and the moves (tail id, head id) that close a loop."""
    persona = _seen_by(journey, persona)
    return once(
        journey,
        ("depth first", persona),
        lambda: _depth_first(entry_points(journey, persona), successors(journey, persona)),
    )


def _depth_first(
    entries: list[Touchpoint], outgoing: dict[str, list[Touchpoint]]
) -> tuple[list[Touchpoint], set[tuple[str, str]]]:
    """Touchpoints children-first from the entries, and the edges that close a loop."""
    order: list[Touchpoint] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    nothing: list[Touchpoint] = []
    for entry in entries:
        if entry.id in state:
            continue
        stack: list[tuple[Touchpoint, list[Touchpoint], int]] = [(entry, outgoing.get(entry.id, nothing), 0)]
        state[entry.id] = 1
        while stack:
            tp, heads, index = stack.pop()
            if index < len(heads):
                stack.append((tp, heads, index + 1))
                head = heads[index]
                seen = state.get(head.id)
                if seen == 1:
                    back.add((tp.id, head.id))
                elif seen is None:
                    state[head.id] = 1
                    stack.append((head, outgoing.get(head.id, nothing), 0))
            else:
                state[tp.id] = 2
                order.append(tp)
    return order, back


#: A move as plain values: tail id, head id, whether it is journey order (no ``next``), tail, head.
Move = tuple[str, str, bool, Touchpoint, Touchpoint]


def moves(journey: Journey, persona: str | None = None) -> list[Move]:
    """``edges`` as plain tuples, in the same order: made once per persona (or for everyone) and shared.

    Why: rules that walk every move for every persona read the same ids from the same edges; reading
    them once (a model attribute read is a hook call) and unpacking tuples after is several times faster.
    """
    persona = _seen_by(journey, persona)
    return once(
        journey,
        ("moves", persona),
        lambda: [(e.tail.id, e.head.id, e.transition is None, e.tail, e.head) for e in edges(journey, persona)],
    )


def forward(journey: Journey, persona: str | None = None) -> tuple[list[str], dict[str, list[tuple[str, Touchpoint]]]]:
    """``depth_first``'s order as ids (children before parents), and each tail's heads (id, touchpoint) in
    the order of ``successors`` without the moves that close a loop: what a walk that sums along paths reads.

    Shared like ``depth_first``; callers must not change what they get.
    """
    persona = _seen_by(journey, persona)
    return once(journey, ("forward", persona), lambda: _forward(journey, persona))


def _forward(journey: Journey, persona: str | None) -> tuple[list[str], dict[str, list[tuple[str, Touchpoint]]]]:
    order, back = depth_first(journey, persona)
    outgoing = successors(journey, persona)
    ids = [tp.id for tp in order]
    heads: dict[str, list[tuple[str, Touchpoint]]] = {}
    for tail in ids:
        found = outgoing.get(tail)
        if found:
            heads[tail] = [(head.id, head) for head in found if (tail, head.id) not in back]
    return ids, heads


def reachable(journey: Journey, persona: str | None = None) -> set[str]:
    """Ids reachable from the entry points by following edges."""
    outgoing = successors(journey, persona)
    seen = {tp.id for tp in entry_points(journey, persona)}
    stack = list(seen)
    while stack:
        for head in outgoing.get(stack.pop(), ()):
            if head.id not in seen:
                seen.add(head.id)
                stack.append(head.id)
    return seen


def dead_ends(journey: Journey, persona: str | None = None) -> set[str]:
    """Touchpoints with no way on that are not in the last stage."""
    last_stage = {tp.id for tp in journey.stages[-1].touchpoints}
    tails = successors(journey, persona)
    return {tp.id for tp in visible(journey, persona) if tp.id not in tails and tp.id not in last_stage}
