"""Measurement and accountability rules (JM31x): what is not measured or owned cannot be managed.

Why: accountability is one of the five principles of good service (every team
owns its part and the timelines it promises), and real-time monitoring of
KPIs is what lets teams act on data (docs/domain.md#accountability,
docs/domain.md#monitoring-against-targets).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from journeymap.auditing.rule import (
    Context,
    Finding,
    GroupOptions,
    Rule,
    agent_answers,
    channel_of,
    is_field,
    is_notification,
    metric_word,
    promises_time,
    stage_kind,
    touchpoints,
)
from journeymap.loader.source_map import KeyPath
from journeymap.model import Journey, Measure, Stage, Touchpoint
from journeymap.model.evidence import cited_value
from journeymap.translation import N_, Msg

#: Written channels, where JM343 asks for a reply-time target instead (and channels nobody replies on).
ASYNC_CHANNELS = ("email", "social", "messaging", "whatsapp", "contact_form", "sms", "mail", "community",
                  "review_site")  # fmt: skip


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
    `group_above`: more findings than this in one journey become one that lists the touchpoints.
    """

    code = "JM310"
    family = "measurement"
    why = N_("Moments of truth decide how customers see the brand; unmeasured, nobody knows if they improve.")
    Options = GroupOptions
    grouped = N_("moments of truth have no metrics")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for path, _, tp in touchpoints(journey):
            if tp.moment_of_truth is not None and not tp.metrics.items():
                yield Finding(
                    (*path, "moment_of_truth"),
                    Msg("moment of truth '%(touchpoint)s' has no metrics", touchpoint=tp.id),
                    Msg("measure it: CSAT or CES right after it, and a failure rate (abandonment, FCR, error rate)"),
                    at_key=True,
                )


class OwnerOptions(GroupOptions):
    exempt_channels: list[str] = Field(
        default=["word_of_mouth"], description="channels nobody can own (e.g. friends' advice)"
    )


class TouchpointWithoutOwner(Rule):
    """Reports a touchpoint no team is accountable for.

    ## What it does
    Flags a touchpoint without `owner`, except on channels listed in
    `exempt_channels`. When more than `group_above` touchpoints (default 3)
    have no owner, one finding at the first lists them all: the fix is one
    decision about who owns what, not thirty edits.

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
    `exempt_channels`: channels that need no owner; `group_above`: when to list them in one finding.
    """

    code = "JM311"
    family = "measurement"
    why = N_("Accountability: a touchpoint no team owns is one nobody improves.")
    Options = OwnerOptions
    grouped = N_("touchpoints have no owner")
    grouped_hint = N_("agree which team owns each of them and add `owner:`; one meeting settles all of them")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: OwnerOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            if not tp.owner and tp.channel not in options.exempt_channels:
                yield Finding(
                    path,
                    Msg("touchpoint '%(touchpoint)s' has no owner", touchpoint=tp.id),
                    Msg("add `owner:` with the team accountable for it, even if that decision needs a meeting"),
                )


class SupportTimeOptions(GroupOptions):
    exempt_channels: list[str] = Field(
        default=list(ASYNC_CHANNELS), description="channels left to JM343 (written requests) or without replies"
    )
    service_only: list[str] = Field(
        default=["field_service", "in_person"],
        description="channels checked only in the service stage (elsewhere a visit or a sales talk, not a request)",
    )


class SupportWithoutTimeTarget(Rule):
    """Reports a live request channel that promises no waiting or response time, in any stage.

    ## What it does
    Flags touchpoints, in any stage, where customers ask for something and
    wait while a person answers: phone, live chat, video call, help desk, or
    a custom real-time channel that is not self-service (field service and
    in-person contacts in the service stage only). It skips notifications
    (`proactive: true`, or a message measured by its open or click rate) and
    touchpoints with a target that promises a time: `frt`, `waiting_time`,
    `response_time`, `resolution_time` or another duration (not `aht`),
    `sla_compliance` or `on_time_rate`. Self-service pages, status lights
    and apps are not requests and are never flagged; written channels
    (email, social, messaging) are JM343's.

    ## Why it matters
    Speed and transparency are principles of good service: little waiting, and
    clear expectations about when a problem will be solved; accountability
    means SLAs per channel (docs/domain.md#principles-of-good-service). A sales
    line customers wait on before they buy needs that promise as much as a
    support line (docs/domain.md#requests-and-notifications).

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
    `exempt_channels`: channels this rule skips (written channels have JM343);
    `service_only`: channels checked only in the service stage; `group_above`:
    when to list the touchpoints in one finding.
    """

    code = "JM312"
    family = "measurement"
    why = N_("Speed and transparency: customers need to know how long they will wait, and teams need an SLA.")
    Options = SupportTimeOptions
    superseded_by = ("JM343",)
    grouped = N_("touchpoints take requests with no target for waiting, response or resolution time")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: SupportTimeOptions = ctx.options
        for path, stage, tp in touchpoints(journey):
            if not live_request(journey, stage, tp, options) or is_notification(tp) or promises_time(tp):
                continue
            yield Finding(
                path,
                Msg(
                    "'%(touchpoint)s' (%(channel)s) takes requests but has no target for waiting, "
                    "response or resolution time",
                    touchpoint=tp.id,
                    channel=tp.channel,
                ),
                Msg("measure waiting or resolution time, set a target (e.g. `waiting_time: 3m`) and tell customers"),
            )


def live_request(journey: Journey, stage: Stage, tp: Touchpoint, options: SupportTimeOptions) -> bool:
    """A person answers while the customer waits (phone, chat, desk), where customers come with a request."""
    channel = channel_of(journey, tp.channel)
    if channel is None or not channel.real_time or not agent_answers(channel) or tp.channel in options.exempt_channels:
        return False
    return stage_kind(journey, stage) == "service" or tp.channel not in options.service_only


KEY_METRICS = ["csat", "nps", "ces", "fcr", "frt", "waiting_time", "response_time", "resolution_time",
               "abandonment_rate"]  # fmt: skip


class KeyMetricOptions(GroupOptions):
    metrics: list[str] = Field(default=KEY_METRICS, description="metrics that should always have a target")


class KeyMetricWithoutTarget(Rule):
    """Reports a key outcome metric measured without a target.

    ## What it does
    Flags each metric in `metrics` (CSAT, NPS, CES, FCR, response and
    waiting times, abandonment by default) that a touchpoint measures but
    has no target for. A metric that a norm rule (JM321-JM325) already
    reports is left to that rule, whose hint asks for a target too.

    A value measured by `journeymap measure` is cited with its sample size
    and 95% interval, as every metric finding cites one.

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
    `metrics`: the metrics that need targets; `group_above`: when to list them in one finding.
    """

    code = "JM313"
    family = "measurement"
    why = N_("A measure without a target is collected but not acted on.")
    Options = KeyMetricOptions
    superseded_by = ("JM321", "JM322", "JM323", "JM324", "JM325")
    grouped = N_("key metrics have no target")
    grouped_hint = N_(
        "agree a target for each of them (`targets:` beside `metrics:`) so the team knows what good looks like"
    )

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: KeyMetricOptions = ctx.options
        hints: dict[str, str] = {}  # one hint per metric, not per finding (thousands in a big journey)
        names = [(name, is_field(name)) for name in options.metrics]
        for path, _, tp in touchpoints(journey):
            metrics, targets = tp.metrics, tp.targets
            values, aims = metrics.__dict__, targets.__dict__  # ``metric_value`` inlined: 9 names x every touchpoint
            for name, field in names:
                measure = values[name] if field else metrics.custom.get(name)
                if measure is None or (aims[name] if field else targets.custom.get(name)) is not None:
                    continue
                hint = hints.get(name)
                if hint is None:
                    hint = hints[name] = Msg(
                        "add `targets: {%(name)s: ...}` so the team knows what good looks like", name=name
                    )
                place = (*path, "metrics", name)
                yield Finding(place, "", hint, True, later=(_no_target, (place, name, measure, tp.id, hint)))


def _no_target(
    place: KeyPath, name: str, measure: Measure, touchpoint: str, hint: str, subject_only: bool = False
) -> Any:
    """JM313's finding in words (``Finding.later``), or its subject alone: made only for what is reported
    (most are superseded by a norm rule's finding at the same metric, or grouped into one finding that
    names only their subjects)."""
    word = metric_word(name, measure)
    subject = Msg("%(metric)s at '%(touchpoint)s'", metric=word, touchpoint=touchpoint)
    if subject_only:
        return subject
    message = Msg(
        "%(name)s %(display)s at '%(touchpoint)s' has no target",
        name=word,
        display=cited_value(measure),
        touchpoint=touchpoint,
    )
    return Finding(place, message, hint, at_key=True, subject=subject)


class KnowledgeOptions(GroupOptions):
    stages: list[str] = Field(
        default=["purchase", "service"], description="canonical stages whose human touchpoints need a knowledge base"
    )
    exempt_channels: list[str] = Field(default=[], description="channels this rule skips")


class HumanWithoutKnowledgeBase(Rule):
    """Reports people answering customers with no named source for their answers.

    ## What it does
    In the purchase and service stages (`stages`), flags touchpoints where a
    person answers (a human channel such as phone, video call, help desk,
    in person or field service, or a real-time channel that is not
    self-service, such as live chat or messaging) with no `knowledge_base`
    saying where the answers come from. Informational; more than
    `group_above` such touchpoints (default 3) give one finding for the
    journey.

    ## Why it matters
    Accuracy is a principle of good service: agents know the products and
    give correct answers, from one central knowledge base rather than
    scattered notes (docs/domain.md#accuracy). Two agents who answer the same
    question differently are the inconsistent engagement that costs trust
    (docs/domain.md#common-cx-failures).

    ## Example
    ```yaml
          - {id: phone-agent, name: Phone agent, channel: phone, owner: Contact centre}
    ```

    ## Use instead
    ```yaml
          - id: phone-agent
            name: Phone agent
            channel: phone
            owner: Contact centre
            knowledge_base: Care wiki, fault troubleshooting articles
    ```

    ## Options
    `stages`: the canonical stages checked; `exempt_channels`: channels
    skipped; `group_above`: when to list the touchpoints in one finding.
    """

    code = "JM314"
    family = "measurement"
    why = N_("Accuracy: people answer correctly when they answer from one knowledge base, not from memory.")
    Options = KnowledgeOptions
    grouped = N_("touchpoints where people answer customers name no knowledge base")
    grouped_hint = N_("name the knowledge base, articles or scripts each team answers from in `knowledge_base:`")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: KnowledgeOptions = ctx.options
        for path, stage, tp in touchpoints(journey):
            if tp.knowledge_base is not None or tp.channel in options.exempt_channels:
                continue
            if stage_kind(journey, stage) in options.stages and agent_answers(channel_of(journey, tp.channel)):
                yield Finding(
                    path,
                    Msg(
                        "people answer customers at '%(touchpoint)s' (%(channel)s) but no knowledge base is named",
                        touchpoint=tp.id,
                        channel=tp.channel,
                    ),
                    Msg("add `knowledge_base:` with where the answers come from (articles, scripts, product data)"),
                )


RULES: list[Rule] = [
    MomentWithoutMetric(),
    TouchpointWithoutOwner(),
    SupportWithoutTimeTarget(),
    KeyMetricWithoutTarget(),
    HumanWithoutKnowledgeBase(),
]
