"""Flow rules (JM35x): paths through the journey that cannot be walked.

Why: the touchpoint graph (``journeymap.flow``: explicit ``next`` or journey
order) is how customers move; a touchpoint nobody can reach, a path that
stops halfway or a loop with no way out is a map that does not match how
customers really move, or a journey that strands them.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap import flow
from journeymap.auditing.rule import Context, Finding, Rule, touchpoints
from journeymap.model import Journey, Touchpoint
from journeymap.translation import N_, Msg


class UnreachableTouchpoint(Rule):
    """Reports a touchpoint nothing leads to, in any stage.

    ## What it does
    Starts where customers come in, the first step of the journey (the first
    touchpoint, or the touchpoints next to it that share its `step:`), and
    follows every move a persona can make: explicit `next`, or the next step
    in order when `next` is omitted. Moves in order are taken per persona, so
    a touchpoint of one persona never leads to the next touchpoint of
    another. Flags touchpoints never reached.

    ## Why it matters
    A touchpoint customers cannot reach is either missing a `next` link (the
    map is wrong) or a dead investment; either way the map can no longer be
    used to find bottlenecks
    (docs/domain.md#auditing-touchpoints-in-practice). Several ways in (an
    ad, a friend's advice, a letter) are one step of parallel entry points,
    written with the same `step:`.

    ## Example
    ```yaml
          - {id: cart, name: Cart, channel: web, next: [payment]}
          - {id: gift-wrap, name: Gift wrap option, channel: web}
          - {id: payment, name: Payment, channel: web}
    ```

    ## Use instead
    ```yaml
          - {id: cart, name: Cart, channel: web, next: [gift-wrap, payment]}
          - {id: gift-wrap, name: Gift wrap option, channel: web}
          - {id: payment, name: Payment, channel: web}
    ```

    ## Options
    None.
    """

    code = "JM350"
    family = "flow"
    why = N_("A touchpoint nobody can reach means the map does not match how customers move.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        reached = reachable(journey)
        entry = flow.entry_points(journey)
        for path, stage, tp in touchpoints(journey):
            if tp.id not in reached:
                yield Finding(
                    path,
                    Msg("nothing leads to '%(touchpoint)s' (stage '%(stage)s')", touchpoint=tp.id, stage=stage.id),
                    _unreached_hint(entry),
                )


def _unreached_hint(entry: list[Touchpoint]) -> str:
    if not entry:
        return Msg("add it to the `next` list of the touchpoint customers come from, or remove it")
    if entry[0].step:
        return Msg(
            "add it to the `next` list of the touchpoint customers come from, or remove it; if customers can also "
            "start here, put it next to '%(touchpoint)s' with `step: %(step)s`",
            touchpoint=entry[-1].id,
            step=entry[0].step,
        )
    return Msg(
        "add it to the `next` list of the touchpoint customers come from, or remove it; if customers can also start "
        "here, put it next to '%(touchpoint)s' and give both the same `step:`",
        touchpoint=entry[0].id,
    )


def reachable(journey: Journey) -> set[str]:
    """Ids reached from the journey's entry points along any persona's moves.

    Why per persona: a move by journey order links a touchpoint to the next
    one its persona sees; across the whole file it would link one persona's
    ad to another persona's page, inventing a walk nobody takes.
    """
    outgoing: dict[str, set[str]] = {}
    lists = {id(moves): moves for p in journey.personas if (moves := flow.moves(journey, p.id))}
    for moves in lists.values():  # personas who see every touchpoint share one list: it is read once
        for tail, head, *_ in moves:
            outgoing.setdefault(tail, set()).add(head)
    seen = {tp.id for tp in flow.entry_points(journey)}
    stack = list(seen)
    while stack:
        for head in sorted(outgoing.get(stack.pop(), ())):
            if head not in seen:
                seen.add(head)
                stack.append(head)
    return seen


class DeadEnd(Rule):
    """Reports a path that stops before the last stage.

    ## What it does
    Flags touchpoints outside the last stage with no way on (`next: []`, or
    `next` entries that all lead to touchpoints the persona does not see).

    ## Why it matters
    Customers stranded halfway never reach the stages where they stay loyal
    and recommend (docs/domain.md#stages); if the path really ends there (they
    leave), say so with a touchpoint such as a win-back or exit survey.

    ## Example
    ```yaml
          - {id: quote-form, name: Quote form, channel: web, next: []}
    ```

    ## Use instead
    ```yaml
          - {id: quote-form, name: Quote form, channel: web, next: [quote-email]}
    ```

    ## Options
    None.
    """

    code = "JM351"
    family = "flow"
    why = N_("Customers stranded halfway never reach the stages where loyalty is won.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        ends = flow.dead_ends(journey)
        for path, _, tp in touchpoints(journey):
            if tp.id in ends:
                yield Finding(
                    (*path, "next") if tp.next is not None else path,
                    Msg("the path stops at '%(touchpoint)s' before the last stage", touchpoint=tp.id),
                    Msg(
                        "add where customers go next, or a touchpoint that shows how they leave (exit survey, win-back)"
                    ),
                    at_key=tp.next is not None,
                )


class CycleWithoutExit(Rule):
    """Reports a loop of touchpoints customers can never leave.

    ## What it does
    Finds groups of touchpoints that lead only to each other (for example a
    chatbot and a help page that send customers back and forth) with no
    `next` leading out.

    ## Why it matters
    Chatbots that loop back are a classic pain point; customers caught in a
    loop never get their request resolved, the thing they rank highest
    (docs/domain.md#moving-between-channels).

    ## Example
    ```yaml
          - {id: bot, name: Chatbot, channel: chatbot, next: [faq]}
          - {id: faq, name: FAQ, channel: self_service, next: [bot]}
    ```

    ## Use instead
    ```yaml
          - {id: bot, name: Chatbot, channel: chatbot, next: [faq, agent]}
          - {id: faq, name: FAQ, channel: self_service, next: [bot]}
          - {id: agent, name: Agent, channel: phone}
    ```

    ## Options
    None.
    """

    code = "JM352"
    family = "flow"
    why = N_("Customers caught in a loop never get their request resolved.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        where = {tp.id: path for path, _, tp in touchpoints(journey)}
        rank = {tp_id: i for i, tp_id in enumerate(where)}
        for group in closed_loops(journey):
            first = min(group, key=rank.__getitem__)
            members = ", ".join(sorted(group, key=rank.__getitem__))
            yield Finding(
                (*where[first], "next"),
                Msg("customers in the loop %(members)s can never leave it", members=members),
                Msg("give one of these touchpoints a `next` entry that leads out (an agent, a resolution)"),
                at_key=True,
            )


def closed_loops(journey: Journey) -> list[set[str]]:
    """Strongly connected groups (a loop, or a touchpoint leading to itself) with no edge leaving them.

    Why the first test: when a depth-first walk from the entry points reaches every touchpoint
    and closes no loop, there is none (``flow.depth_first`` is shared with JM332 in an audit).
    """
    order, back = flow.depth_first(journey)
    if not back and len(order) == len(flow.visible(journey)):
        return []
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for edge in flow.edges(journey):
        outgoing.setdefault(edge.tail.id, []).append(edge.head.id)
        incoming.setdefault(edge.head.id, []).append(edge.tail.id)
    ids = [tp.id for tp in flow.visible(journey)]
    groups = _components(ids, outgoing, incoming)
    loops = []
    for group in groups:
        looped = len(group) > 1 or any(n in outgoing.get(n, []) for n in group)
        leaves = any(h not in group for n in group for h in outgoing.get(n, []))
        if looped and not leaves:
            loops.append(group)
    return loops


def _components(ids: list[str], outgoing: dict[str, list[str]], incoming: dict[str, list[str]]) -> list[set[str]]:
    """Kosaraju's algorithm, iterative (journeys can be deeper than the recursion limit)."""
    finished: list[str] = []
    seen: set[str] = set()
    for root in ids:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(outgoing.get(root, [])))]
        while stack:
            node, heads = stack[-1]
            nxt = next((h for h in heads if h not in seen), None)
            if nxt is None:
                stack.pop()
                finished.append(node)
            else:
                seen.add(nxt)
                stack.append((nxt, iter(outgoing.get(nxt, []))))
    assigned: set[str] = set()
    groups = []
    for root in reversed(finished):
        if root in assigned:
            continue
        group, todo = {root}, [root]
        assigned.add(root)
        while todo:
            for tail in incoming.get(todo.pop(), []):
                if tail not in assigned:
                    assigned.add(tail)
                    group.add(tail)
                    todo.append(tail)
        groups.append(group)
    return groups


RULES: list[Rule] = [UnreachableTouchpoint(), DeadEnd(), CycleWithoutExit()]
