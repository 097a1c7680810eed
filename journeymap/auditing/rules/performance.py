"""Performance rules (JM32x): measured values against their targets, or against norms.

Why two kinds: a team's own target is the best yardstick (JM320 says by how
much it is missed); where a team has set none, the norm rules (JM321-JM325)
stand in with documented, configurable thresholds. A metric with a target is
never judged against a norm too, so one problem gives one finding.
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
    Judged,
    Options,
    Rule,
    Seconds,
    against_target,
    agent_answers,
    channel_of,
    duration,
    judged_targets,
    metric_value,
    metric_word,
    percent,
    touchpoints,
)
from journeymap.diagnostics import Severity
from journeymap.loader.source_map import KeyPath
from journeymap.model import CATALOGUE, Effort, Journey, Measure, Stage, Touchpoint
from journeymap.model.evidence import cited_value
from journeymap.translation import N_, Joined, Msg, Plural, Verbatim


def metric_path(path: KeyPath, name: str) -> KeyPath:
    return (*path, "metrics", name) if name in CATALOGUE else (*path, "metrics", "custom", name)


def better(name: str, measure: Measure, journey: Journey) -> str | None:
    """``higher`` or ``lower`` is better; CES follows its scale, custom metrics their ``better``."""
    return journey.better(name, measure)


def gap_text(measure: Measure, target: Measure) -> str:
    """How far a value is from its target, in the metric's own terms."""
    gap = abs(measure.value - target.value)
    if measure.unit == "percent":
        return _points(round(gap * 100, 1))
    if measure.unit == "duration":
        ratio = measure.value / target.value if target.value else 0
        return _times(f"{ratio:.1f}")
    if measure.unit == "nps":
        return _points(round(gap, 1))
    return f"{round(gap, 2):g}"


@lru_cache(maxsize=1024)
def _times(ratio: str) -> str:
    """``2.5x the target``, made once per ratio (thousands of findings quote a few hundred)."""
    return Msg("%(ratio)sx the target", ratio=ratio)


@lru_cache(maxsize=1024)
def _points(gap: float) -> str:
    """``12 points``; a fraction (``12.5``) takes the form languages give decimals (a hundred's, in Arabic).
    Made once per gap: gaps are rounded to a tenth, so thousands of findings share a few hundred."""
    whole = abs(gap) == int(abs(gap))
    return Plural("%(count)s point", "%(count)s points", int(abs(gap)) if whole else 100, count=f"{gap:g}")


def relative_miss(measure: Measure, target: Measure, direction: str | None) -> float:
    """How far past the target a value is, relative to the target (0 when met)."""
    if direction not in ("higher", "lower"):
        return 0.0
    shortfall = target.value - measure.value if direction == "higher" else measure.value - target.value
    return max(0.0, shortfall) / (abs(target.value) or 1.0)


class MetricMissesTarget(Rule):
    """Reports metrics that miss the touchpoint's own targets, and by how much.

    ## What it does
    Compares every metric with a target at the same touchpoint, in the right
    direction (higher CSAT is better, lower waiting time is better, CES by its
    scale, custom metrics by their `better`). One finding per touchpoint lists
    every miss, worst first, and points at the worst one. "Missed" is the one
    rule every output uses (`Journey.meets`): the value is on the wrong side of
    the target, with no tolerance, so the map, the report and the audit agree.

    ## Why it matters
    Real-time monitoring of KPIs against targets is what lets teams act on
    data (docs/domain.md#monitoring-against-targets); a missed target is the
    team's own statement that the experience is not yet good enough.

    ## Example
    ```yaml
            metrics: {fcr: 46%}
            targets: {fcr: 75%}
    ```

    ## Use instead
    ```yaml
            metrics: {fcr: 78%}
            targets: {fcr: 75%}
    ```

    ## Options
    None: a target is met or missed, the same way in every output.
    """

    code = "JM320"
    family = "performance"
    why = N_("The team's own target says this is not good enough yet.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        judged = judged_targets(journey)
        directions = _Directions(journey)
        for path, _, tp in touchpoints(journey):
            pairs = judged.get(tp.id)
            if pairs is None:
                continue
            misses = [(name, measure, target) for name, measure, target, status in pairs if status == "missed"]
            if not misses:  # "missed": what Journey.meets calls False
                continue
            if len(misses) > 1:  # worst first; the sort is stable, so equals keep their order
                misses.sort(key=lambda m: -relative_miss(m[1], m[2], directions.of(m[0], m[1])))
            parts = [
                Msg(
                    "%(metric)s %(value)s vs %(target)s (%(gap)s)",
                    metric=metric_word(n, m),
                    value=cited_value(m),
                    target=t.display,
                    gap=gap_text(m, t),
                )
                for n, m, t in misses
            ]
            yield Finding(
                metric_path(path, misses[0][0]),
                Msg(
                    "'%(touchpoint)s' misses %(count)s: %(items)s",
                    touchpoint=tp.id,
                    count=_targets(len(misses)),
                    items=Joined("; ", parts),
                ),
                _fix_hint(tp, misses[0][0], misses[0][1]),
            )


class _Directions:
    """``Journey.better`` of each metric, asked once per what it depends on (the metric, the kind of value,
    and the value's own ``higher_is`` or ``better``) instead of per miss: thousands of touchpoints miss
    several targets, and every answer costs two ``isinstance`` checks on model classes."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.known: dict[tuple[object, ...], str | None] = {}

    def of(self, name: str, measure: Measure) -> str | None:
        fields = measure.__dict__
        key = (name, type(measure), fields.get("higher_is"), fields.get("better"))
        found = self.known.get(key, self)
        if found is self:
            found = self.known[key] = better(name, measure, self.journey)
        return found  # type: ignore[return-value]


@lru_cache(maxsize=64)
def _targets(count: int) -> str:
    """``its target`` or ``3 targets``: what a touchpoint misses, made once per count (findings number thousands)."""
    return Plural("%(count)s targets", "%(count)s targets", count) if count > 1 else Msg("its target")


class TargetInconclusive(Rule):
    """Reports measured metrics whose interval straddles their target: the sample cannot tell.

    ## What it does
    For every metric measured by `journeymap measure` (a `<journey>.measured.json`
    beside the journey), compares the whole 95% interval with the target, the
    one rule every output uses (`Journey.target_status`). When the interval
    reaches both sides of the target, the value is neither met nor missed:
    it is *inconclusive with this sample*, and this rule says so with the n
    and the interval. Values typed in the journey have no interval and are
    never inconclusive: JM320 judges them.

    ## Why it matters
    Monitoring KPIs against targets is what lets teams act on data
    (docs/domain.md#monitoring-against-targets); calling a target missed (or
    met) on a sample that cannot tell sends a team after noise.

    ## Example
    ```yaml
            # checkout.measured.json: csat 81% (n=40, 95% 66.4% to 90.1%)
            targets: {csat: 85%}
    ```

    ## Use instead
    ```yaml
            # more answers narrow the interval: csat 81% (n=2,000, 95% 79.2% to 82.7%): JM320
            targets: {csat: 85%}
    ```

    ## Options
    None: the interval's level is the snapshot's `confidence` (95% by default).
    """

    code = "JM327"
    family = "performance"
    why = "A sample that cannot tell met from missed is a reason to measure more, not to act."

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        judged = judged_targets(journey)
        for path, _, tp in touchpoints(journey):
            for name, measure, target, status in judged.get(tp.id, ()):
                if status != "inconclusive":
                    continue
                yield Finding(
                    metric_path(path, name),
                    Msg(
                        "%(metric)s at '%(touchpoint)s' is inconclusive with this sample: %(value)s vs target "
                        "%(target)s",
                        metric=metric_word(name, measure),
                        touchpoint=tp.id,
                        value=cited_value(measure),
                        target=target.display,
                    ),
                    _MEASURE_MORE,
                )


_MEASURE_MORE = Msg("collect more answers (or a longer window) before calling the target met or missed")


def _fix_hint(tp: Touchpoint, name: str, measure: Measure) -> str:
    """What to do about the worst miss (``measure``: the value of ``name`` here)."""
    if tp.opportunities:
        idea = tp.opportunities[0]
        shown = idea if len(idea) <= 80 else idea[:79].rsplit(" ", 1)[0] + "…"
        return Msg(
            "plan the listed opportunity ('%(opportunity)s') and track %(metric)s after the change",
            opportunity=shown,
            metric=metric_word(name, measure),
        )
    return Msg(
        "list an opportunity that would move %(metric)s, with an owner and a date", metric=metric_word(name, measure)
    )


#: Hints that are the same for every finding of a rule: made once (a big journey has thousands of findings).
_FCR_HINT = Msg("find why requests need a second contact (missing tools, rights, knowledge) and set an FCR target")


class FcrOptions(Options):
    min: Fraction = Field(default=0.70, ge=0, le=1, description="lowest acceptable first contact resolution")


class LowFcr(Rule):
    """Reports a first contact resolution rate below the norm, where no target is set.

    ## What it does
    Flags `fcr` below `min` (default 70%) at a touchpoint with no FCR target.

    ## Why it matters
    Resolving the request in a single interaction is ranked the most important
    part of good service, and having to repeat themselves is among the most
    frustrating experiences for customers
    (docs/domain.md#moving-between-channels).

    ## Example
    ```yaml
            metrics: {fcr: 52%}
    ```

    ## Use instead
    ```yaml
            metrics: {fcr: 52%}
            targets: {fcr: 75%}   # then JM320 tracks it
    ```

    ## Options
    `min`: the lowest acceptable FCR.
    """

    code = "JM321"
    family = "performance"
    why = N_("Resolving a request in one contact is what customers value most in service.")
    Options = FcrOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: FcrOptions = ctx.options
        lowest, norm = options.min, percent(options.min)  # the same for every finding
        for path, _, tp in touchpoints(journey):
            fcr = tp.metrics.fcr
            if fcr is not None and tp.targets.fcr is None and fcr.value < lowest:
                yield Finding(
                    (*path, "metrics", "fcr"),
                    Msg(
                        "first contact resolution %(display)s at '%(touchpoint)s' is below %(percent)s",
                        display=fcr.display,
                        touchpoint=tp.id,
                        percent=norm,
                    ),
                    _FCR_HINT,
                )


_CSAT_HINT = Msg("read the low-score comments, fix the top reason, and set a CSAT target")
_NPS_HINT = Msg("call back detractors to learn why, fix the top reason, and set an NPS target")
_MEASURE_MORE_NORM = Msg("collect more answers (or a longer window) before acting on it")


class SatisfactionOptions(Options):
    min_csat: Fraction = Field(default=0.75, ge=0, le=1, description="lowest acceptable CSAT")
    min_nps: float = Field(default=0, ge=-100, le=100, description="lowest acceptable NPS")


class LowSatisfaction(Rule):
    """Reports CSAT or NPS below the norm, where no target is set.

    ## What it does
    Flags `csat` below `min_csat` (default 75%) and `nps` below `min_nps`
    (default 0: more detractors than promoters) at touchpoints without a
    target for that metric.

    A value measured by `journeymap measure` is cited with its sample size
    and 95% interval. When the interval reaches the norm, the sample cannot
    show that the value is below it: the finding says so and is at most
    `info`, as JM327 is for a target. Values typed in the journey have no
    interval and are judged as written.

    The norm is a floor, not a target: the friction score measures the
    shortfall from a higher default target (`csat_target` 85% and
    `nps_target` 30 in the scoring `limits`), so a CSAT of 80% adds friction
    without being a finding.

    ## Why it matters
    Up to 86% of customers leave a brand after three bad experiences or fewer,
    more than half after a single one
    (docs/domain.md#bad-experiences-and-churn); a low score is a bad
    experience already counted.

    ## Example
    ```yaml
            metrics: {nps: {promoters: 118, passives: 96, detractors: 152}}
    ```

    ## Use instead
    ```yaml
            metrics: {nps: {promoters: 118, passives: 96, detractors: 152}}
            targets: {nps: 10}
    ```

    ## Options
    `min_csat`, `min_nps`: the norms.
    """

    code = "JM322"
    family = "performance"
    why = N_("Up to 86% of customers leave after three bad experiences; low satisfaction is one already counted.")
    Options = SatisfactionOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: SatisfactionOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            csat, nps = tp.metrics.csat, tp.metrics.nps
            if csat is not None and tp.targets.csat is None and csat.value < options.min_csat:
                norm = percent(options.min_csat)
                if reaches(csat, options.min_csat):
                    yield _not_shown((*path, "metrics", "csat"), Msg("CSAT"), csat, tp, norm)
                else:
                    yield Finding(
                        (*path, "metrics", "csat"),
                        Msg(
                            "CSAT %(display)s at '%(touchpoint)s' is below %(percent)s",
                            display=cited_value(csat),
                            touchpoint=tp.id,
                            percent=norm,
                        ),
                        _CSAT_HINT,
                    )
            if nps is not None and tp.targets.nps is None and nps.value < options.min_nps:
                norm = f"{options.min_nps:g}"
                if reaches(nps, options.min_nps):
                    yield _not_shown((*path, "metrics", "nps"), Msg("NPS"), nps, tp, norm)
                else:
                    yield Finding(
                        (*path, "metrics", "nps"),
                        Msg(
                            "NPS %(display)s at '%(touchpoint)s' is below %(min_nps)s: more detractors than promoters",
                            display=cited_value(nps),
                            touchpoint=tp.id,
                            min_nps=norm,
                        ),
                        _NPS_HINT,
                    )


def reaches(measure: Measure, norm: float) -> bool:
    """Whether a measured value below a norm has an interval that reaches it: the sample cannot show that
    the value is below (the norm's version of ``Journey.target_status``'s "inconclusive")."""
    interval = measure.interval
    return interval is not None and interval[1] >= norm


def _not_shown(path: KeyPath, metric: str, measure: Measure, tp: Touchpoint, norm: str) -> Finding:
    """JM322's finding for a value below the norm whose interval reaches it: said, at most information."""
    return Finding(
        path,
        Msg(
            "%(metric)s %(display)s at '%(touchpoint)s' is below %(norm)s, but its interval reaches %(norm)s: "
            "not shown to be low with this sample",
            metric=metric,  # CSAT, NPS: the short names every output uses
            display=cited_value(measure),
            touchpoint=tp.id,
            norm=norm,
        ),
        _MEASURE_MORE_NORM,
        at_most=Severity.INFO,
    )


class EffortOptions(Options):
    min_ease: Fraction = Field(
        default=0.5, ge=0, le=1, description="lowest acceptable ease, as a share of the CES scale"
    )


class HighEffort(Rule):
    """Reports a Customer Effort Score that says the step is hard, where no target is set.

    ## What it does
    Places `ces` on its scale (per metric or the journey's `scales.ces`,
    honouring `higher_is`) and flags it when ease is below `min_ease` of the
    scale (default 50%: below 4 on a 1-7 scale where higher is easier).

    ## Why it matters
    CES measures how easy the interaction was
    (docs/domain.md#customer-effort-score); effort is what makes customers
    give up or call.

    ## Example
    ```yaml
            metrics: {ces: 3.1}      # 1-7, higher = easier
    ```

    ## Use instead
    ```yaml
            metrics: {ces: 5.6}
    ```

    ## Options
    `min_ease`: the lowest acceptable share of the scale.
    """

    code = "JM323"
    family = "performance"
    why = N_("High effort makes customers give up or contact you again.")
    Options = EffortOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: EffortOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            ces = tp.metrics.ces
            if ces is None or tp.targets.ces is not None:
                continue
            ease, scale = _ease(ces, journey)
            if ease is not None and ease < options.min_ease:
                yield Finding(
                    (*path, "metrics", "ces"),
                    Msg(
                        "CES %(display)s at '%(touchpoint)s' means the step is hard (%(percent)s easy on %(scale)s)",
                        display=ces.display,
                        touchpoint=tp.id,
                        percent=percent(ease),
                        scale=scale,
                    ),
                    Msg("remove steps or fields customers find hard (ask them), then set a CES target"),
                )


def _ease(ces: Effort, journey: Journey) -> tuple[float | None, str]:
    scale = journey.scales.ces
    low = ces.scale_min if ces.scale_min is not None else scale.min
    high = ces.scale_max if ces.scale_max is not None else scale.max
    direction = ces.higher_is or scale.higher_is
    if high <= low:
        return None, ""
    ease = (ces.value - low) / (high - low) if direction == "easier" else (high - ces.value) / (high - low)
    return max(0.0, min(1.0, ease)), Msg(
        "%(low)s-%(high)s, higher = %(direction)s", low=f"{low:g}", high=f"{high:g}", direction=Msg(direction)
    )


class SpeedOptions(Options):
    realtime_max: Seconds = Field(default=300, gt=0, description="longest wait on phone, chat or desk")
    written_max: Seconds = Field(default=86400, gt=0, description="longest first reply on email or social")


class SlowResponse(Rule):
    """Reports waiting or response times over the norm, where no target is set.

    ## What it does
    On real-time channels (phone, chat, desk...) flags `waiting_time` or `frt`
    over `realtime_max` (default 5m); on other channels flags `frt` or
    `response_time` over `written_max` (default 24h). Metrics with a target
    are left to JM320.

    ## Why it matters
    Speed is the first principle of good service: little waiting, measured by
    waiting time, response time and FRT (docs/domain.md#speed); 62% of
    companies did not answer a service request at all
    (docs/domain.md#unanswered-requests).

    ## Example
    ```yaml
            channel: phone
            metrics: {waiting_time: 12m}
    ```

    ## Use instead
    ```yaml
            channel: phone
            metrics: {waiting_time: 2m}
    ```

    ## Options
    `realtime_max`, `written_max`: durations such as 5m or 24h.
    """

    code = "JM324"
    family = "performance"
    why = N_("Speed is the first principle of good service: little waiting.")
    Options = SpeedOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: SpeedOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            channel = channel_of(journey, tp.channel)
            realtime = channel is not None and channel.real_time
            names = ("waiting_time", "frt") if realtime else ("frt", "response_time")
            limit = options.realtime_max if realtime else options.written_max
            for name in names:
                measure = metric_value(tp.metrics, name)
                if measure is not None and metric_value(tp.targets, name) is None and measure.value > limit:
                    yield Finding(
                        (*path, "metrics", name),
                        Msg(
                            "%(name)s %(display)s at '%(touchpoint)s' is over %(duration)s",
                            name=metric_word(name, measure),
                            display=measure.display,
                            touchpoint=tp.id,
                            duration=duration(limit),
                        ),
                        Msg("acknowledge at once with an expected time, add staff or a callback, and set a target"),
                    )


class AbandonmentOptions(Options):
    max: Fraction = Field(default=0.20, ge=0, le=1, description="highest acceptable abandonment elsewhere")
    checkout_max: Fraction = Field(
        default=0.80, ge=0, le=1, description="web or app touchpoints of the purchase stage (cart, checkout)"
    )
    online_max: Fraction = Field(
        default=0.70, ge=0, le=1, description="other web, app and self-service steps (forms, sign-up, bots)"
    )
    queue_max: Fraction = Field(
        default=0.08, ge=0, le=1, description="queues where a person answers in real time (phone, chat, desk)"
    )


class HighAbandonment(Rule):
    """Reports an abandonment rate above the norm for its channel, where no target is set.

    ## What it does
    Flags `abandonment_rate` above the norm for the kind of touchpoint, at
    touchpoints without an abandonment target:

    - a queue where a person answers in real time (phone, live chat,
      messaging, video call, help desk, in person, a real-time custom
      channel): above `queue_max` (default 8%);
    - a web or app touchpoint of the purchase stage (cart, checkout):
      above `checkout_max` (default 80%);
    - any other web, app or self-service step (forms, sign-up, chatbots):
      above `online_max` (default 70%);
    - anything else (email, store, post): above `max` (default 20%).

    ## Why it matters
    Customers who give up are lost at that step; more than half of customers
    leave after a single bad experience
    (docs/domain.md#bad-experiences-and-churn). But what is normal differs by
    channel: about seven in ten online carts are abandoned in an ordinary web
    shop, while a call queue that loses more than one caller in twelve is in
    trouble (docs/domain.md#abandonment-by-channel). One threshold for all
    flags every healthy checkout and misses every struggling call centre.

    ## Example
    ```yaml
          - id: hotline
            channel: phone
            metrics: {abandonment_rate: 15%}
    ```

    ## Use instead
    ```yaml
          - id: hotline
            channel: phone
            metrics: {abandonment_rate: 15%}
            targets: {abandonment_rate: 6%}   # then JM320 tracks it
    ```

    ## Options
    `queue_max`, `checkout_max`, `online_max`, `max`: the norms by kind of touchpoint.
    """

    code = "JM325"
    family = "performance"
    why = N_("Customers who give up here are lost; more than half leave after one bad experience.")
    Options = AbandonmentOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: AbandonmentOptions = ctx.options
        for path, stage, tp in touchpoints(journey):
            rate = tp.metrics.abandonment_rate
            if rate is None or tp.targets.abandonment_rate is not None:
                continue
            limit, kind = abandonment_norm(journey, stage, tp, options)
            if rate.value > limit:
                yield Finding(
                    (*path, "metrics", "abandonment_rate"),
                    Msg(
                        "abandonment %(display)s at '%(touchpoint)s' is above %(percent)s, the norm for %(kind)s",
                        display=rate.display,
                        touchpoint=tp.id,
                        percent=percent(limit),
                        kind=kind,
                    ),
                    Msg("watch sessions or calls where customers give up, remove the blocker, and set a target"),
                )


def abandonment_norm(journey: Journey, stage: Stage, tp: Touchpoint, options: AbandonmentOptions) -> tuple[float, str]:
    """The abandonment norm for this kind of touchpoint, and what the kind is called in the message."""
    channel = journey.channel(tp.channel)
    if channel is not None and channel.real_time and agent_answers(channel):
        return options.queue_max, Msg("a queue where a person answers")
    if channel is not None and channel.self_service and channel.kind == "digital":
        if stage.canonical_stage == "purchase":
            return options.checkout_max, Msg("an online cart or checkout")
        return options.online_max, Msg("an online form or self-service step")
    return options.max, Msg("the %(channel)s channel", channel=Verbatim(tp.channel))


#: Metrics that say a step is late when they miss their target (JM326's default).
LATENESS = ["delivery_time", "resolution_time", "on_time_rate", "sla_compliance"]


class LateOptions(Options):
    metrics: list[str] = Field(
        default=LATENESS, description="metrics whose missed target means the step is late (add response_time...)"
    )
    custom_durations: bool = Field(
        default=True, description="custom duration metrics (lower is better) that miss their target count too"
    )


class DelayWithoutNotice(Rule):
    """Reports a late step that customers are not told about before they meet it.

    ## What it does
    Finds touchpoints whose delivery or resolution time, on-time rate or SLA
    compliance misses its target (`metrics`; custom duration metrics too),
    then walks back along the moves that lead there within the same stage
    (explicit `next`, or journey order). It flags the step when no
    touchpoint on the way, in its own step, or itself is marked
    `proactive: true`. A proactive touchpoint elsewhere in the journey (a
    survey at the end, an ad at the start) does not count: it tells the
    customer nothing about this delay.

    ## Why it matters
    Transparency is a principle of good service: customers are told when to
    expect a solution, and delays are explained instead of left in silence
    (docs/domain.md#transparency); 78% like a company that notices they are
    struggling and reaches out first (docs/domain.md#proactive-contact). A
    known delay that customers discover for themselves becomes a call, an
    email and a complaint.

    ## Example
    ```yaml
          - id: installation
            channel: field_service
            metrics: {on_time_rate: 82%}
            targets: {on_time_rate: 95%}
    ```

    ## Use instead
    ```yaml
          - id: technician-eta-sms
            channel: sms
            proactive: true          # "your technician is 40 minutes late, new time 14:40"
          - id: installation
            channel: field_service
            metrics: {on_time_rate: 82%}
            targets: {on_time_rate: 95%}
    ```

    ## Options
    `metrics`: the metrics that make a step late (a reply that is slow, such
    as `response_time`, `frt` or `waiting_time`, is JM320's and JM324's: the
    answer there is an acknowledgement at the touchpoint, not a message
    before it); `custom_durations`: whether custom duration metrics count.
    """

    code = "JM326"
    family = "performance"
    why = N_("Delays explained before customers find them are forgiven; delays they discover become contacts.")
    Options = LateOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: LateOptions = ctx.options
        warned = flow_noticed(journey)
        judged = judged_targets(journey)
        for path, _, tp in touchpoints(journey):
            pairs = judged.get(tp.id)
            if pairs is None or tp.id in warned:  # told before: not looked at further
                continue
            late = late_metrics(tp, pairs, options)
            if late:
                parts = Joined("; ", [against_target(n, m, t) for n, m, t in late])
                yield Finding(
                    metric_path(path, late[0][0]),
                    Msg(
                        "'%(touchpoint)s' is late (%(parts)s) and nothing tells customers before they get there",
                        touchpoint=tp.id,
                        parts=parts,
                    ),
                    Msg("add a proactive status message before this step (`proactive: true`) with the expected time"),
                )


def late_metrics(tp: Touchpoint, pairs: list[Judged], options: LateOptions) -> list[tuple[str, Measure, Measure]]:
    """(name, value, target) of each lateness metric that misses its target here (``pairs``: its judged targets)."""
    late = []
    for name, measure, target, status in pairs:
        if status != "missed":  # what Journey.meets calls False
            continue
        custom = options.custom_durations and name in tp.metrics.custom and measure.unit == "duration"
        if name in options.metrics or custom:
            late.append((name, measure, target))
    return late


def flow_noticed(journey: Journey) -> set[str]:
    """Touchpoints with a proactive touchpoint at them, in their step, or before them in their stage.

    Walking forward from every proactive touchpoint along the moves inside its
    stage finds the same set as walking back from each late step, in one pass
    (journeys can hold thousands of touchpoints).
    """
    stage_of: dict[str, str] = {}
    noticed: set[str] = set()
    for _, stage, tp in touchpoints(journey):  # one pass: each touchpoint's stage, and the proactive ones
        tid = tp.id
        stage_of[tid] = stage.id
        if tp.proactive:
            noticed.add(tid)
    outgoing: dict[str, set[str]] = {}
    lists = {id(moves): moves for p in journey.personas if (moves := flow.moves(journey, p.id))}
    for moves in lists.values():  # per persona: journey order never links two personas' touchpoints
        for tail, head, *_ in moves:  # (personas who see every touchpoint share one list: it is read once)
            if stage_of[tail] == stage_of[head]:
                outgoing.setdefault(tail, set()).add(head)
    todo = list(noticed)
    while todo:
        for head in outgoing.get(todo.pop(), ()):
            if head not in noticed:
                noticed.add(head)
                todo.append(head)
    for step in flow.steps(journey):  # a step of one touchpoint adds nothing: it is noticed if proactive
        if len(step) > 1 and any(tp.proactive for tp in step):
            noticed.update(tp.id for tp in step)
    return noticed


RULES: list[Rule] = [
    MetricMissesTarget(),
    LowFcr(),
    LowSatisfaction(),
    HighEffort(),
    SlowResponse(),
    HighAbandonment(),
    DelayWithoutNotice(),
    TargetInconclusive(),
]
