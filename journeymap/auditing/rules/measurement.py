"""Measurement and accountability rules (JM31x): what is not measured or owned cannot be managed.

Why: accountability is one of the five principles of good service (every team
owns its part and the timelines it promises), and real-time monitoring of
KPIs is what lets teams act on data (docs/domain.md#accountability,
docs/domain.md#monitoring-against-targets).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from journeymap.auditing.rule import Context, Finding, Options, Rule, is_service, touchpoints
from journeymap.model import Journey

TIME_TARGETS = ("frt", "response_time", "waiting_time", "resolution_time")
ASYNC_CHANNELS = ("email", "social", "messaging", "sms", "mail", "community", "review_site")


class MomentWithoutMetric(Rule):
    """Reports a moment of truth that measures nothing.

    ## What it does
    Flags a touchpoint with `moment_of_truth` and an empty `metrics`.

    ## Why it matters
    Moments of truth shape how customers see the brand and deserve the most
    attention in any audit (docs/domain.md#moments-of-truth). Without a
    measure nobody can tell whether they are getting better or worse.

    ## Example
    ```yaml
          - id: checkout
            name: Checkout
            channel: web
            moment_of_truth: {impact: high}
    ```

    ## Use instead
    ```yaml
          - id: checkout
            name: Checkout
            channel: web
            moment_of_truth: {impact: high}
            metrics: {abandonment_rate: 31%, csat: 78%}
    ```

    ## Options
    None.
    """

    code = "JM310"
    family = "measurement"
    why = "Moments of truth decide how customers see the brand; unmeasured, nobody knows if they improve."

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for path, _, tp in touchpoints(journey):
            if tp.moment_of_truth is not None and not tp.metrics.items():
                yield Finding(
                    (*path, "moment_of_truth"),
                    f"moment of truth '{tp.id}' has no metrics",
                    "measure it: CSAT or CES right after it, and a failure rate (abandonment, FCR, error rate)",
                    at_key=True,
                )


class OwnerOptions(Options):
    exempt_channels: list[str] = Field(
        default=["word_of_mouth"], description="channels nobody can own (e.g. friends' advice)"
    )


class TouchpointWithoutOwner(Rule):
    """Reports a touchpoint no team is accountable for.

    ## What it does
    Flags a touchpoint without `owner`, except on channels listed in
    `exempt_channels`.

    ## Why it matters
    Accountability is a principle of good service: every team owns its part of
    the experience and the timelines promised (docs/domain.md#accountability).
    An unowned touchpoint is where findings go to die.

    ## Example
    ```yaml
          - id: comparison-site
            name: Price comparison site
            channel: review_site
    ```

    ## Use instead
    ```yaml
          - id: comparison-site
            name: Price comparison site
            channel: review_site
            owner: Brand team
    ```

    ## Options
    `exempt_channels`: channels that need no owner.
    """

    code = "JM311"
    family = "measurement"
    why = "Accountability: a touchpoint no team owns is one nobody improves."
    Options = OwnerOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: OwnerOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            if not tp.owner and tp.channel not in options.exempt_channels:
                yield Finding(
                    path,
                    f"touchpoint '{tp.id}' has no owner",
                    "add `owner:` with the team accountable for it, even if that decision needs a meeting",
                )


class SupportTimeOptions(Options):
    exempt_channels: list[str] = Field(
        default=list(ASYNC_CHANNELS), description="channels left to JM343 (written support) or without replies"
    )


class SupportWithoutTimeTarget(Rule):
    """Reports a live support touchpoint that promises no response time.

    ## What it does
    In the service and support stage, flags touchpoints on channels where an
    agent or bot answers (phone, chat, desk, visit...) that are not proactive
    and not self-service, and have no target for `frt`, `response_time`,
    `waiting_time` or `resolution_time`.

    ## Why it matters
    Speed and transparency are principles of good service: little waiting, and
    clear expectations about when a problem will be solved; accountability
    means SLAs per channel (docs/domain.md#principles-of-good-service).

    ## Example
    ```yaml
          - id: phone-agent
            name: Phone agent
            channel: phone
            metrics: {aht: 14m, fcr: 46%}
    ```

    ## Use instead
    ```yaml
          - id: phone-agent
            name: Phone agent
            channel: phone
            metrics: {aht: 14m, fcr: 46%, waiting_time: 6m}
            targets: {waiting_time: 3m, fcr: 75%}
    ```

    ## Options
    `exempt_channels`: channels this rule skips (written channels have JM343).
    """

    code = "JM312"
    family = "measurement"
    why = "Speed and transparency: customers need to know how long they will wait, and teams need an SLA."
    Options = SupportTimeOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: SupportTimeOptions = ctx.options
        for path, stage, tp in touchpoints(journey):
            channel = journey.channel(tp.channel)
            if not is_service(stage) or tp.proactive or channel is None or channel.self_service:
                continue
            if tp.channel in options.exempt_channels:
                continue
            if not any(tp.targets.get(m) is not None for m in TIME_TARGETS):
                yield Finding(
                    path,
                    f"support touchpoint '{tp.id}' has no target for waiting, response or resolution time",
                    "measure waiting or resolution time, set a target (e.g. `waiting_time: 3m`) and tell customers",
                )


KEY_METRICS = ["csat", "nps", "ces", "fcr", "frt", "waiting_time", "response_time", "resolution_time",
               "abandonment_rate"]  # fmt: skip


class KeyMetricOptions(Options):
    metrics: list[str] = Field(default=KEY_METRICS, description="metrics that should always have a target")


class KeyMetricWithoutTarget(Rule):
    """Reports a key outcome metric measured without a target.

    ## What it does
    Flags each metric in `metrics` (CSAT, NPS, CES, FCR, response and
    waiting times, abandonment by default) that a touchpoint measures but
    has no target for. A metric that a norm rule (JM321-JM325) already
    reports is left to that rule, whose hint asks for a target too.

    ## Why it matters
    Collecting feedback is only half of quality; acting on it needs a goal,
    and "insights collected but not used" is a common CX failure
    (docs/domain.md#common-cx-failures). AHT is left out on purpose: AHT
    targets push agents to rush.

    ## Example
    ```yaml
            metrics: {nps: -9}
    ```

    ## Use instead
    ```yaml
            metrics: {nps: -9}
            targets: {nps: 10}
    ```

    ## Options
    `metrics`: the metrics that need targets.
    """

    code = "JM313"
    family = "measurement"
    why = "A measure without a target is collected but not acted on."
    Options = KeyMetricOptions
    superseded_by = ("JM321", "JM322", "JM323", "JM324", "JM325")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: KeyMetricOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            for name in options.metrics:
                measure = tp.metrics.get(name)
                if measure is not None and tp.targets.get(name) is None:
                    yield Finding(
                        (*path, "metrics", name),
                        f"{name} {measure.display} at '{tp.id}' has no target",
                        f"add `targets: {{{name}: ...}}` so the team knows what good looks like",
                        at_key=True,
                    )


RULES: list[Rule] = [
    MomentWithoutMetric(),
    TouchpointWithoutOwner(),
    SupportWithoutTimeTarget(),
    KeyMetricWithoutTarget(),
]
