"""Experience rules (JM33x): how the customer feels along the way.

Why: emotions plotted across the journey show where it hurts, and bad
experiences add up: up to 86% of customers leave a brand after three or
fewer (docs/domain.md#bad-experiences-and-churn). Paths follow
``journeymap.flow`` (explicit ``next`` or journey order), per persona.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from journeymap import flow
from journeymap.auditing.rule import (
    Context,
    Finding,
    Options,
    Rule,
    emotion_of,
    emotion_text,
    personas_at,
    touchpoints,
)
from journeymap.loader.source_map import KeyPath
from journeymap.model import Journey, Touchpoint


def emotion_path(path: KeyPath, tp: Touchpoint, persona: str) -> KeyPath:
    """Where a persona's emotion is written: the per-persona entry, else the shared value."""
    if tp.emotion is not None and persona in tp.emotion.by_persona:
        return (*path, "emotion", persona)
    return (*path, "emotion")


def paths_by_id(journey: Journey) -> dict[str, KeyPath]:
    return {tp.id: path for path, _, tp in touchpoints(journey)}


class DropOptions(Options):
    min_drop: float = Field(default=2, gt=0, le=4, description="fall on the 1-5 scale that counts as a drop")


class EmotionDrop(Rule):
    """Reports a sharp fall in emotion from one touchpoint to the next.

    ## What it does
    For each persona, follows every move between touchpoints and flags the
    touchpoint where emotion falls by `min_drop` (default 2) or more on the
    1-5 scale, once per touchpoint and persona (the largest fall).

    ## Why it matters
    A sudden fall is where a bad experience happens; more than half of
    customers leave after a single one
    (docs/domain.md#bad-experiences-and-churn). The step before the fall often
    shows what expectation was set and then broken.

    ## Example
    ```yaml
          - {id: installation, name: Installation, channel: field_service, emotion: relieved}
          - {id: first-bill, name: First bill, channel: email, emotion: annoyed}
    ```

    ## Use instead
    ```yaml
          - {id: installation, name: Installation, channel: field_service, emotion: relieved}
          - {id: bill-explainer, name: First bill explained, channel: email, proactive: true, emotion: neutral}
          - {id: first-bill, name: First bill, channel: email, emotion: neutral}
    ```

    ## Options
    `min_drop`: the fall that counts.
    """

    code = "JM330"
    family = "experience"
    why = "A sharp fall in emotion is a bad experience; more than half of customers leave after one."
    Options = DropOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: DropOptions = ctx.options
        where = paths_by_id(journey)
        rank = {tp_id: i for i, tp_id in enumerate(where)}
        for persona in journey.personas:
            worst: dict[str, tuple[float, Touchpoint, Touchpoint]] = {}
            for edge in flow.edges(journey, persona.id):
                before, after = emotion_of(edge.tail, persona.id), emotion_of(edge.head, persona.id)
                if before is None or after is None or before - after < options.min_drop:
                    continue
                if edge.head.id not in worst or before - after > worst[edge.head.id][0]:
                    worst[edge.head.id] = (before - after, edge.tail, edge.head)
            for _, tail, head in sorted(worst.values(), key=lambda w: rank[w[2].id]):
                yield Finding(
                    emotion_path(where[head.id], head, persona.id),
                    f"{persona.id}'s emotion drops from {emotion_text(tail, persona.id)} at '{tail.id}' "
                    f"to {emotion_text(head, persona.id)} at '{head.id}'",
                    "find the expectation set before this step and broken here; fix it or warn the customer ahead",
                )


class NegativeOptions(Options):
    negative_at: float = Field(default=2, ge=1, le=5, description="emotion at or below this is negative")


class NegativeMomentWithoutOpportunity(Rule):
    """Reports a negative moment of truth with no improvement opportunity.

    ## What it does
    Flags a moment of truth with `valence: negative`, or where any persona's
    emotion is at or below `negative_at` (default 2), that lists no
    `opportunities`.

    ## Why it matters
    Moments of truth deserve the most attention in any audit, and the point of
    a journey map is to find improvements (docs/domain.md#core-concepts); a
    known bad moment with no idea for fixing it is an insight not used.

    ## Example
    ```yaml
            moment_of_truth: {impact: high, valence: negative}
            pain_points: [Asked for the account number twice]
    ```

    ## Use instead
    ```yaml
            moment_of_truth: {impact: high, valence: negative}
            pain_points: [Asked for the account number twice]
            opportunities: [Pass the IVR input to the agent's screen]
    ```

    ## Options
    `negative_at`: the emotion score that counts as negative.
    """

    code = "JM331"
    family = "experience"
    why = "Moments of truth shape the brand most; a bad one with no plan keeps losing customers."
    Options = NegativeOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: NegativeOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            moment = tp.moment_of_truth
            if moment is None or tp.opportunities:
                continue
            scores = [emotion_of(tp, p) for p in personas_at(journey, tp)]
            low = any(s is not None and s <= options.negative_at for s in scores)
            if moment.valence == "negative" or low:
                yield Finding(
                    (*path, "moment_of_truth"),
                    f"negative moment of truth '{tp.id}' lists no opportunities",
                    "add `opportunities:` with at least one concrete improvement and who will try it",
                    at_key=True,
                )


class ChurnOptions(Options):
    negative_at: float = Field(default=2, ge=1, le=5, description="emotion at or below this is a bad experience")
    max_negative: int = Field(default=2, ge=0, le=50, description="bad experiences allowed on one path")


class ChurnRiskPath(Rule):
    """Reports a persona path with three or more bad experiences.

    ## What it does
    For each persona, finds the path through the journey (following `next`)
    with the most touchpoints whose emotion is at or below `negative_at`
    (default 2), and flags it when that count exceeds `max_negative`
    (default 2), at the touchpoint where the limit is crossed.

    ## Why it matters
    Up to 86% of customers leave a brand they were loyal to after three bad
    experiences or fewer, and 80% of shoppers leave a retailer after three
    (docs/domain.md#bad-experiences-and-churn). A path with three is a churn
    path.

    ## Example
    ```yaml
          - {id: outage-page, name: Outage page, channel: web, emotion: frustrated}
          - {id: chatbot, name: Chatbot, channel: chatbot, emotion: annoyed}
          - {id: hotline, name: Hotline, channel: phone, emotion: angry}
    ```

    ## Use instead
    ```yaml
          - {id: outage-sms, name: Outage SMS, channel: sms, proactive: true, emotion: neutral}
          - {id: chatbot, name: Chatbot, channel: chatbot, emotion: annoyed}
          - {id: hotline, name: Hotline, channel: phone, emotion: relieved}
    ```

    ## Options
    `negative_at`, `max_negative`.
    """

    code = "JM332"
    family = "experience"
    why = "Up to 86% of customers leave a brand after three bad experiences or fewer."
    Options = ChurnOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: ChurnOptions = ctx.options
        where = paths_by_id(journey)
        for persona in journey.personas:
            bad = [
                tp
                for tp in _worst_path(journey, persona.id, options.negative_at)
                if (s := emotion_of(tp, persona.id)) is not None and s <= options.negative_at
            ]
            if len(bad) <= options.max_negative:
                continue
            crossing = bad[options.max_negative]
            steps = ", ".join(f"{tp.id} ({_word(tp, persona.id)})" for tp in bad)
            yield Finding(
                emotion_path(where[crossing.id], crossing, persona.id),
                f"{persona.id} meets {len(bad)} negative touchpoints on one path: {steps}",
                "break the chain: fix the earliest of these, or reach out proactively before the third one",
            )


def _worst_path(journey: Journey, persona: str, negative_at: float) -> list[Touchpoint]:
    """The path from an entry point with the most negative touchpoints; loops are followed once.

    Why iterative: journeys can hold thousands of touchpoints, deeper than Python's recursion limit.
    """
    outgoing: dict[str, list[Touchpoint]] = {}
    for edge in flow.edges(journey, persona):
        outgoing.setdefault(edge.tail.id, []).append(edge.head)
    order, back = _post_order(flow.entry_points(journey, persona), outgoing)
    gain: dict[str, int] = {}
    choice: dict[str, Touchpoint | None] = {}
    for tp in order:  # children before parents
        score = emotion_of(tp, persona)
        heads = [h for h in outgoing.get(tp.id, []) if (tp.id, h.id) not in back]
        pick = max(heads, key=lambda h: gain[h.id], default=None)
        gain[tp.id] = (1 if score is not None and score <= negative_at else 0) + (gain[pick.id] if pick else 0)
        choice[tp.id] = pick
    start = max(flow.entry_points(journey, persona), key=lambda tp: gain.get(tp.id, 0), default=None)
    path: list[Touchpoint] = []
    while start is not None:
        path.append(start)
        start = choice.get(start.id)
    return path


def _post_order(
    entries: list[Touchpoint], outgoing: dict[str, list[Touchpoint]]
) -> tuple[list[Touchpoint], set[tuple[str, str]]]:
    """Touchpoints children-first from the entries, and the edges that close a loop."""
    order: list[Touchpoint] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for entry in entries:
        if entry.id in state:
            continue
        stack: list[tuple[Touchpoint, int]] = [(entry, 0)]
        state[entry.id] = 1
        while stack:
            tp, index = stack.pop()
            heads = outgoing.get(tp.id, [])
            if index < len(heads):
                stack.append((tp, index + 1))
                head = heads[index]
                if state.get(head.id) == 1:
                    back.add((tp.id, head.id))
                elif head.id not in state:
                    state[head.id] = 1
                    stack.append((head, 0))
            else:
                state[tp.id] = 2
                order.append(tp)
    return order, back


def _word(tp: Touchpoint, persona: str) -> str:
    """The emotion's name, or its score when it has none: "frustrated", "2"."""
    feeling = tp.emotion.for_persona(persona) if tp.emotion else None
    return (feeling.name or f"{feeling.score:g}") if feeling else "unknown"


def _count(path: list[Touchpoint], persona: str, negative_at: float) -> int:
    return sum(1 for tp in path if (s := emotion_of(tp, persona)) is not None and s <= negative_at)


class JourneyEndsNegative(Rule):
    """Reports a path that ends on a negative emotion.

    ## What it does
    For each persona, flags touchpoints where a path ends (no way on) and the
    persona's emotion is at or below `negative_at` (default 2).

    ## Why it matters
    How an experience ends is what customers remember and tell others; when a
    service interaction delivers value there is a 97% chance the customer
    recommends the brand (docs/domain.md#service-that-delivers-value).

    ## Example
    ```yaml
          - {id: refund-email, name: Refund email, channel: email, emotion: disappointed, next: []}
    ```

    ## Use instead
    ```yaml
          - {id: refund-email, name: Refund email, channel: email, emotion: disappointed, next: [goodwill-voucher]}
          - {id: goodwill-voucher, name: Goodwill voucher, channel: email, proactive: true, emotion: pleased}
    ```

    ## Options
    `negative_at`: the emotion score that counts as negative.
    """

    code = "JM333"
    family = "experience"
    why = "Customers remember how it ended; a negative ending is what they tell others."
    Options = NegativeOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: NegativeOptions = ctx.options
        where = paths_by_id(journey)
        for persona in journey.personas:
            tails = {edge.tail.id for edge in flow.edges(journey, persona.id)}
            for tp in flow.visible(journey, persona.id):
                score = emotion_of(tp, persona.id)
                if tp.id in tails or score is None or score > options.negative_at:
                    continue
                yield Finding(
                    emotion_path(where[tp.id], tp, persona.id),
                    f"{persona.id}'s path ends at '{tp.id}' feeling {emotion_text(tp, persona.id)}",
                    "add a closing step that confirms the outcome and makes amends, or fix what leaves them unhappy",
                )


class PainPointWithoutOpportunity(Rule):
    """Reports pain points with no improvement opportunity beside them.

    ## What it does
    Flags a touchpoint that lists `pain_points` but no `opportunities`.

    ## Why it matters
    A journey map exists to find improvements (docs/domain.md#journey-map);
    "insights collected but not used" is one of the common CX failures
    (docs/domain.md#common-cx-failures).

    ## Example
    ```yaml
            pain_points: [Delivery slots are all a week away]
    ```

    ## Use instead
    ```yaml
            pain_points: [Delivery slots are all a week away]
            opportunities: [Offer pick-up in store the next day]
    ```

    ## Options
    None.
    """

    code = "JM334"
    family = "experience"
    why = "Insights collected but not used are a common CX failure."

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for path, _, tp in touchpoints(journey):
            if tp.pain_points and not tp.opportunities:
                count = len(tp.pain_points)
                yield Finding(
                    (*path, "pain_points"),
                    f"'{tp.id}' lists {count} pain point{'s' if count > 1 else ''} and no opportunity",
                    "add `opportunities:` with one idea per pain point, even a rough one",
                    at_key=True,
                )


RULES: list[Rule] = [
    EmotionDrop(),
    NegativeMomentWithoutOpportunity(),
    ChurnRiskPath(),
    JourneyEndsNegative(),
    PainPointWithoutOpportunity(),
]
