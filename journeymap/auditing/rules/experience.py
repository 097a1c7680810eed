"""Experience rules (JM33x): how the customer feels along the way.

Why: emotions plotted across the journey show where it hurts, and bad
experiences add up: up to 86% of customers leave a brand after three or
fewer (docs/domain.md#bad-experiences-and-churn). Paths follow
``journeymap.flow`` (explicit ``next`` or journey order), per persona.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from journeymap import flow
from journeymap.auditing.rule import (
    Context,
    Finding,
    Fraction,
    GroupOptions,
    Judged,
    Options,
    Rule,
    against_target,
    emotion_of,
    emotion_text,
    emotions,
    judged_targets,
    key_paths,
    metric_value,
    percent,
    personas_at,
    touchpoints,
)
from journeymap.loader.source_map import KeyPath
from journeymap.model import Journey, Touchpoint
from journeymap.model.evidence import cited_value
from journeymap.translation import N_, Joined, Msg


def emotion_path(path: KeyPath, tp: Touchpoint, persona: str) -> KeyPath:
    """Where a persona's emotion is written: the per-persona entry, else the shared value."""
    if tp.emotion is not None and persona in tp.emotion.by_persona:
        return (*path, "emotion", persona)
    return (*path, "emotion")


def paths_by_id(journey: Journey) -> dict[str, KeyPath]:
    return key_paths(journey)


class DropOptions(Options):
    min_drop: float = Field(default=2, gt=0, le=4, description="fall on the 1-5 scale that counts as a drop")
    ends_below: float = Field(
        default=3, gt=1, le=5, description="a fall counts only when it ends below this (3 = neutral)"
    )


class EmotionDrop(Rule):
    """Reports a sharp fall in emotion from one touchpoint to the next.

    ## What it does
    For each persona, follows every move between touchpoints and flags the
    touchpoint where emotion falls by `min_drop` (default 2) or more on the
    1-5 scale to below `ends_below` (default 3, neutral): one finding per
    touchpoint, naming each persona's largest fall. A fall from delighted to
    neutral is not a bad experience. Moves by journey order (no `next`)
    count only between touchpoints that follow each other in the file: when
    another persona's touchpoints stand between them, nothing says this
    persona goes straight from one to the other.

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
    `min_drop`: the fall that counts; `ends_below`: where it must end.
    """

    code = "JM330"
    family = "experience"
    why = N_("A sharp fall in emotion is a bad experience; more than half of customers leave after one.")
    Options = DropOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: DropOptions = ctx.options
        where = paths_by_id(journey)
        drops = _drops(journey, options)
        order = {tid: i for i, tid in enumerate(where)}  # journey order; list.index per finding was quadratic
        for head_id in sorted(drops, key=order.__getitem__):
            falls = drops[head_id]
            first_persona, tail, head = falls[0]
            message = Msg(
                "%(persona)s's emotion drops from %(before)s at '%(from_touchpoint)s' to %(after)s at '%(touchpoint)s'",
                persona=first_persona,
                before=emotion_text(tail, first_persona),
                from_touchpoint=tail.id,
                after=emotion_text(head, first_persona),
                touchpoint=head_id,
            )
            if len(falls) > 1:
                parts = [
                    Msg(
                        "%(persona)s from %(before)s at '%(from_touchpoint)s' to %(after)s",
                        persona=p,
                        before=emotion_text(t, p),
                        from_touchpoint=t.id,
                        after=emotion_text(head, p),
                    )
                    for p, t, _ in falls
                ]
                message = Msg(
                    "emotion drops at '%(touchpoint)s': %(drops)s", touchpoint=head_id, drops=Joined("; ", parts)
                )
            yield Finding(
                emotion_path(where[head_id], head, first_persona),
                message,
                _DROP_HINT,
            )


#: Hints that are the same for every finding of a rule: made once (a big journey has thousands of findings).
_DROP_HINT = Msg("find the expectation set before this step and broken here; fix it or warn the customer ahead")


def _drops(journey: Journey, options: DropOptions) -> dict[str, list[tuple[str, Touchpoint, Touchpoint]]]:
    """(persona, tail, head) of each persona's largest fall into each touchpoint, by head id, personas in order.

    Why one finding per touchpoint: two personas falling at the same step is
    one broken expectation to fix, not two.
    """
    in_order = {(tail, head) for tail, head, implicit, _, _ in flow.moves(journey) if implicit}
    found: dict[str, list[tuple[str, Touchpoint, Touchpoint]]] = {}
    ends_below, min_drop = options.ends_below, options.min_drop  # read once: options are models too
    for persona in journey.personas:
        worst: dict[str, tuple[float, Touchpoint, Touchpoint]] = {}
        feeling = emotions(journey, persona.id)
        for tail_id, head_id, implicit, tail, head in flow.moves(journey, persona.id):
            after = feeling[head_id]
            if after is None or after >= ends_below:
                continue
            before = feeling[tail_id]
            if before is None or before - after < min_drop:
                continue
            if implicit and (tail_id, head_id) not in in_order:
                continue  # journey order across other personas' touchpoints: not a known move
            if head_id not in worst or before - after > worst[head_id][0]:
                worst[head_id] = (before - after, tail, head)
        for head_id, (_, tail, head) in worst.items():
            found.setdefault(head_id, []).append((persona.id, tail, head))
    return found


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
    why = N_("Moments of truth shape the brand most; a bad one with no plan keeps losing customers.")
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
                    Msg("negative moment of truth '%(touchpoint)s' lists no opportunities", touchpoint=tp.id),
                    Msg("add `opportunities:` with at least one concrete improvement and who will try it"),
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
    why = N_("Up to 86% of customers leave a brand after three bad experiences or fewer.")
    Options = ChurnOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: ChurnOptions = ctx.options
        where = paths_by_id(journey)
        negative_at, most = options.negative_at, options.max_negative
        for persona in journey.personas:
            pid = persona.id
            feeling = emotions(journey, pid)
            bad = [
                (tid, tp)
                for tid, tp in _worst_path(journey, pid, negative_at)
                if (s := feeling[tid]) is not None and s <= negative_at
            ]
            if len(bad) <= most:
                continue
            crossing = bad[most][1]
            steps = Joined(
                ", ", [Msg("%(touchpoint)s (%(emotion)s)", touchpoint=tid, emotion=_word(tp, pid)) for tid, tp in bad]
            )
            yield Finding(
                emotion_path(where[crossing.id], crossing, pid),
                Msg(
                    "%(persona)s meets %(len)s negative touchpoints on one path: %(steps)s",
                    persona=pid,
                    len=len(bad),
                    steps=steps,
                ),
                Msg("break the chain: fix the earliest of these, or reach out proactively before the third one"),
            )


def _worst_path(journey: Journey, persona: str, negative_at: float) -> list[tuple[str, Touchpoint]]:
    """The path from an entry point with the most negative touchpoints, as (id, touchpoint); loops are followed once.

    Why iterative: journeys can hold thousands of touchpoints, deeper than Python's recursion limit.
    Why by id, with ``flow.forward`` and the persona's ``emotions``: shared (by personas who see the
    same touchpoints, and with other rules), and one dict lookup per step instead of an emotion read
    per touchpoint and a pair per move.
    """
    ids, heads = flow.forward(journey, persona)
    feeling = emotions(journey, persona)
    gain: dict[str, int] = {}
    choice: dict[str, tuple[str, Touchpoint] | None] = {}
    nothing: list[tuple[str, Touchpoint]] = []
    for tail in ids:  # children before parents
        pick: tuple[str, Touchpoint] | None = None
        best = 0
        for head in heads.get(tail, nothing):
            if pick is None or gain[head[0]] > best:  # the first of equals, as max() picks
                pick, best = head, gain[head[0]]
        score = feeling[tail]
        gain[tail] = (1 if score is not None and score <= negative_at else 0) + best
        choice[tail] = pick
    start = max(flow.entry_points(journey, persona), key=lambda tp: gain.get(tp.id, 0), default=None)
    path: list[tuple[str, Touchpoint]] = []
    step = (start.id, start) if start is not None else None
    while step is not None:
        path.append(step)
        step = choice.get(step[0])
    return path


def _word(tp: Touchpoint, persona: str) -> str:
    """The emotion's name, or its score when it has none: "frustrated", "2"."""
    feeling = tp.emotion.for_persona(persona) if tp.emotion else None
    if feeling is None:
        return Msg("unknown")
    return _emotion_word(feeling.name) if feeling.name else f"{feeling.score:g}"


@lru_cache(maxsize=256)
def _emotion_word(name: str) -> str:
    """An emotion's name as a word to translate, made once per name (a long path lists thousands)."""
    return Msg.in_context("neutral", name)


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
    why = N_("Customers remember how it ended; a negative ending is what they tell others.")
    Options = NegativeOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: NegativeOptions = ctx.options
        negative_at = options.negative_at
        for pid in [persona.id for persona in journey.personas]:
            tails = flow.successors(journey, pid)
            feeling = emotions(journey, pid)
            for path, _, tp in touchpoints(journey):  # ``flow.visible``'s touchpoints, in its order, with their paths
                served, tid = tp.personas, tp.id
                if served is not None and pid not in served:  # ``Touchpoint.serves``
                    continue
                score = feeling[tid]
                if tid in tails or score is None or score > negative_at:
                    continue
                yield Finding(
                    emotion_path(path, tp, pid),
                    Msg(
                        "%(persona)s's path ends at '%(touchpoint)s' feeling %(emotion_text)s",
                        persona=pid,
                        touchpoint=tid,
                        emotion_text=emotion_text(tp, pid),
                    ),
                    Msg(
                        "add a closing step that confirms the outcome and makes amends, or fix what leaves them unhappy"
                    ),
                )


class PainPointWithoutOpportunity(Rule):
    """Reports pain points with no improvement opportunity beside them.

    ## What it does
    Flags a touchpoint that lists `pain_points` but no `opportunities`; more
    than `group_above` such touchpoints (default 3) give one finding that
    lists them.

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
    `group_above`: when to list the touchpoints in one finding.
    """

    code = "JM334"
    family = "experience"
    why = N_("Insights collected but not used are a common CX failure.")
    Options = GroupOptions
    grouped = N_("touchpoints list pain points and no opportunity")
    grouped_hint = N_("hold one session on these pain points and write at least one idea under each `opportunities:`")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for path, _, tp in touchpoints(journey):
            if tp.pain_points and not tp.opportunities:
                count = len(tp.pain_points)
                yield Finding(
                    (*path, "pain_points"),
                    Msg(
                        "'%(touchpoint)s' lists %(count)s pain point%(value)s and no opportunity",
                        touchpoint=tp.id,
                        count=count,
                        value="s" if count > 1 else "",
                    ),
                    Msg("add `opportunities:` with one idea per pain point, even a rough one"),
                    at_key=True,
                )


class ContradictionOptions(Options):
    positive_at: float = Field(default=4, ge=1, le=5, description="emotion at or above this is positive")
    angry_at: float = Field(default=1, ge=1, le=5, description="emotion at or below this is angry")
    csat_below: Fraction = Field(default=0.5, ge=0, le=1, description="CSAT below this contradicts a positive emotion")
    nps_below: float = Field(default=-20, ge=-100, le=100, description="NPS below this contradicts a positive emotion")
    target_gap: Fraction = Field(
        default=0.20, ge=0, le=1, description="CSAT or FCR this many points under its target contradicts it too"
    )


class EmotionContradictsMetrics(Rule):
    """Reports an emotion that the touchpoint's own metrics say is not how customers feel.

    ## What it does
    Compares each persona's emotion with the metrics at the same touchpoint.
    A positive emotion (`positive_at`, default 4: happy, pleased, delighted)
    is contradicted by CSAT below `csat_below` (default 50%) or `target_gap`
    (default 20 points) under its target, NPS below `nps_below` (default
    -20), or FCR `target_gap` under its target. An angry emotion (`angry_at`,
    default 1: angry, furious) is contradicted when every metric with a
    target there meets it. One finding per touchpoint says which facts
    disagree.

    A value measured by `journeymap measure` is cited with its sample size
    and 95% interval, as every metric finding cites one.

    ## Why it matters
    The emotion curve is what readers of a map look at first, and the audit
    and the friction score build on it (docs/domain.md#emotions). An emotion
    the measurements contradict was guessed, copied from another touchpoint
    or belongs to a different segment; it hides the dip the metrics show, or
    invents one. Emotions should rest on evidence such as surveys, tickets
    and interviews (docs/domain.md#auditing-touchpoints-in-practice).

    ## Example
    ```yaml
          - id: phone-agent
            emotion: happy
            metrics: {csat: 41%, fcr: 46%}
            targets: {csat: 85%, fcr: 75%}
    ```

    ## Use instead
    ```yaml
          - id: phone-agent
            emotion: frustrated      # what the 41% CSAT survey says
            metrics: {csat: 41%, fcr: 46%}
            targets: {csat: 85%, fcr: 75%}
    ```

    ## Options
    `positive_at`, `angry_at`: which emotions are checked; `csat_below`,
    `nps_below`, `target_gap`: the facts that contradict a positive emotion.
    """

    code = "JM335"
    family = "experience"
    why = N_("An emotion the metrics contradict hides the real dip in the curve, or invents one.")
    Options = ContradictionOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: ContradictionOptions = ctx.options
        feelings = [(p.id, emotions(journey, p.id)) for p in journey.personas]
        judged = judged_targets(journey)
        positive, angry_at = options.positive_at, options.angry_at
        for path, _, tp in touchpoints(journey):
            tid, served = tp.id, tp.personas  # ``Touchpoint.serves``, its list read once
            seen = feelings if served is None else [(p, felt) for p, felt in feelings if p in served]
            happy: list[str] = []
            angry: list[str] = []
            for p, felt in seen:  # each persona's score read once, sorted into both lists in persona order
                score = felt[tid]
                if score is not None:
                    if score >= positive:
                        happy.append(p)
                    if score <= angry_at:
                        angry.append(p)
            if happy and (bad := _bad_facts(tp, options)):
                yield _contradicted(path, tp, happy, bad, _POSITIVE)
            if angry and (good := _all_met(judged.get(tid, []))):
                yield _contradicted(path, tp, angry, good, _ANGRY)


#: How the contradicted emotion is described: the same two words in every finding.
_POSITIVE, _ANGRY = Msg("positive"), Msg("angry")
_CHECK_EMOTION = Msg("check the emotion against the surveys or tickets behind these metrics; fix whichever is wrong")


def _contradicted(path: KeyPath, tp: Touchpoint, who: list[str], facts: list[str], feel: str) -> Finding:
    """JM335's finding: the emotions of ``who`` (described by ``feel``) against the ``facts``."""
    felt = Joined(", ", [Msg("%(persona)s: %(emotion)s", persona=p, emotion=emotion_text(tp, p)) for p in who])
    return Finding(
        emotion_path(path, tp, who[0]),
        Msg(
            "the emotion at '%(touchpoint)s' is %(feel)s (%(felt)s) but %(items)s",
            touchpoint=tp.id,
            feel=feel,
            felt=felt,
            items=Joined("; ", facts),
        ),
        _CHECK_EMOTION,
    )


#: CSAT and FCR as facts name them: one word each, made once.
_SHORT_NAMES = {name: Msg(name) for name in ("CSAT", "FCR")}


def _bad_facts(tp: Touchpoint, options: ContradictionOptions) -> list[str]:
    """What the metrics here say against a positive emotion."""
    facts: list[str] = []
    metrics, targets = tp.metrics, tp.targets  # each read once: a model's attribute read is a hook call
    csat, fcr, nps = metrics.csat, metrics.fcr, metrics.nps
    csat_below, target_gap = options.csat_below, options.target_gap
    if csat is not None and csat.value < csat_below:
        limit = percent(csat_below)
        facts.append(Msg("CSAT %(value)s is below %(limit)s", value=cited_value(csat), limit=limit))
    for name, measure in (("CSAT", csat), ("FCR", fcr)):
        target = metric_value(targets, name.lower())
        if measure is None or target is None or target.value - measure.value < target_gap:
            continue
        if name == "CSAT" and measure.value < csat_below:
            continue  # already said
        gap = round((target.value - measure.value) * 100, 1)
        facts.append(
            Msg(
                "%(metric)s %(value)s is %(gap)s points under its target %(target)s",
                metric=_SHORT_NAMES[name],  # CSAT, FCR: the short names every output uses
                value=cited_value(measure),
                gap=f"{gap:g}",
                target=target.display,
            )
        )
    if nps is not None and nps.value < options.nps_below:
        facts.append(Msg("NPS %(value)s is below %(limit)s", value=cited_value(nps), limit=f"{options.nps_below:g}"))
    return facts


def _all_met(pairs: list[Judged]) -> list[str]:
    """Every target here and its value, when all are met (what speaks against anger); else nothing."""
    if not pairs or not all(status == "met" for _, _, _, status in pairs):
        return []
    shown = Joined(", ", [against_target(n, m, t) for n, m, t, _ in pairs])
    return [Msg("every target there is met (%(targets)s)", targets=shown)]


RULES: list[Rule] = [
    EmotionDrop(),
    NegativeMomentWithoutOpportunity(),
    ChurnRiskPath(),
    JourneyEndsNegative(),
    PainPointWithoutOpportunity(),
    EmotionContradictsMetrics(),
]
