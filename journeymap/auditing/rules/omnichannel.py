"""Omnichannel rules (JM34x): moving between channels and teams without starting over.

Why: 66% of customers use three or more channels and over 75% expect the
agent to see their earlier interactions; having to repeat themselves is among
the most frustrating service experiences
(docs/domain.md#moving-between-channels).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from journeymap.auditing.rule import (
    Context,
    Finding,
    GroupOptions,
    Options,
    Rule,
    is_notification,
    promises_time,
    touchpoints,
)
from journeymap.model import Journey
from journeymap.translation import N_, Joined, Msg

#: Channels that suit an industry, from the channel table in docs/domain.md#channels-and-where-they-fit
#: (any one will do).
INDUSTRY_CHANNELS: dict[str, tuple[str, ...]] = {
    "telecom": ("phone",),
    "banking": ("phone", "mobile_app"),
    "insurance": ("phone",),
    "healthcare": ("phone",),
    "ecommerce": ("email",),
    "software": ("email", "self_service"),
    "online_services": ("live_chat",),
    "technology": ("self_service", "community"),
    "retail": ("social",),
    "hospitality": ("social",),
    "consumer_goods": ("social",),
    "transport": ("mobile_app",),
    "food_delivery": ("mobile_app",),
}


class ContextLost(Rule):
    """Reports a move between touchpoints that loses what the customer already said.

    ## What it does
    Flags every `next` entry marked `context_carried: false`.

    ## Why it matters
    Over 75% of customers expect the agent to see their earlier interactions,
    and having to repeat themselves is among the most frustrating service
    experiences (docs/domain.md#moving-between-channels). Data silos are a
    common CX failure (docs/domain.md#common-cx-failures).

    ## Example
    ```yaml
            next:
              - {to: phone-agent, context_carried: false}
    ```

    ## Use instead
    ```yaml
            next:
              - {to: phone-agent, context_carried: true}   # the IVR input reaches the agent's screen
    ```

    ## Options
    None.
    """

    code = "JM340"
    family = "omnichannel"
    why = N_("Over 75% of customers expect the next agent to know what they already said.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for path, _, tp in touchpoints(journey):
            for i, transition in enumerate(tp.next or []):
                if transition.context_carried is False:
                    yield Finding(
                        (*path, "next", i, "context_carried"),
                        Msg(
                            "customers moving from '%(touchpoint)s' to '%(to)s' must repeat what they already said",
                            touchpoint=tp.id,
                            to=transition.to,
                        ),
                        Msg("pass the case (ticket, transcript, IVR input) along, then set `context_carried: true`"),
                    )


class HandoffOptions(Options):
    max: int = Field(default=3, ge=0, le=100, description="most internal handoffs acceptable in one stage")


class TooManyHandoffs(Rule):
    """Reports a stage that passes the customer between teams too often.

    ## What it does
    Adds up `handoffs` over the touchpoints of each stage and flags stages
    above `max` (default 3).

    ## Why it matters
    Every handoff is a chance to lose context and time; resolving the request
    in a single interaction is what customers rank highest
    (docs/domain.md#moving-between-channels). Accountability blurs when many
    teams share one request.

    ## Example
    ```yaml
          - {id: chat, name: Chat, channel: live_chat, handoffs: 1}
          - {id: tier1, name: Tier 1, channel: phone, handoffs: 1}
          - {id: tier2, name: Tier 2, channel: phone, handoffs: 2}
    ```

    ## Use instead
    ```yaml
          - {id: chat, name: Chat, channel: live_chat, handoffs: 1}
          - {id: tier1, name: Tier 1, channel: phone}
    ```

    ## Options
    `max`: the most handoffs acceptable in one stage.
    """

    code = "JM341"
    family = "omnichannel"
    why = N_("Each handoff loses time and context; customers value a single interaction most.")
    Options = HandoffOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: HandoffOptions = ctx.options
        for s, stage in enumerate(journey.stages):
            total = sum(tp.handoffs for tp in stage.touchpoints)
            if total > options.max:
                parts = Joined(", ", [f"{tp.id} {tp.handoffs}" for tp in stage.touchpoints if tp.handoffs])
                yield Finding(
                    ("stages", s),
                    Msg(
                        "stage '%(stage)s' has %(total)s handoffs between teams (%(parts)s); the limit is %(max)s",
                        stage=stage.id,
                        total=total,
                        parts=parts,
                        max=options.max,
                    ),
                    Msg("let the first team resolve more (tools, rights, knowledge) or give one owner the whole case"),
                )


class IndustryChannelMissing(Rule):
    """Reports a journey that lacks the channel its industry relies on.

    ## What it does
    When `journey.industry` is set, checks that at least one touchpoint uses
    a channel that suits the industry: phone for telecom, banking, insurance
    and healthcare; email for e-commerce; live chat for online services;
    self-service for technology; social media for retail and hospitality;
    the mobile app for transport and food delivery.

    ## Why it matters
    The domain reference's channel table matches channels to the industries
    they suit (docs/domain.md#channels-and-where-they-fit); customers of those
    industries look for them first. Informational: your customers may differ.

    ## Example
    ```yaml
    journey: {title: Broadband support, industry: telecom}
    # ...no touchpoint on channel: phone
    ```

    ## Use instead
    ```yaml
          - {id: hotline, name: Support hotline, channel: phone}
    ```

    ## Options
    None.
    """

    code = "JM342"
    family = "omnichannel"
    why = N_("Customers of an industry look first for the channels that industry is known for.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        industry = journey.info.industry
        expected = INDUSTRY_CHANNELS.get(industry or "")
        used = {tp.channel for _, _, tp in touchpoints(journey)}
        if expected and not used.intersection(expected):
            yield Finding(
                ("journey", "industry"),
                Msg(
                    "%(industry)s customers expect %(items)s, which no touchpoint offers",
                    industry=industry,
                    items=" or ".join(expected),
                ),
                Msg(
                    "add a %(value)s touchpoint where customers need help, or note why you do not offer it",
                    value=expected[0],
                ),
            )


class WrittenOptions(GroupOptions):
    channels: list[str] = Field(
        default=["email", "social", "messaging", "whatsapp", "contact_form"],
        description="written channels where customers send a request and wait for a reply",
    )


class WrittenSupportWithoutCommitment(Rule):
    """Reports a written request channel (email, social, messaging) with no reply-time target, in any stage.

    ## What it does
    In any stage, flags touchpoints on written request channels (email,
    social media, messaging, and custom `whatsapp` or `contact_form`
    channels by default) with no target that promises a time: `frt`,
    `response_time` or another duration, `sla_compliance` or `on_time_rate`.
    Notifications are skipped: a touchpoint marked `proactive: true` (an
    order confirmation, a status SMS) or one measured by its open or click
    rate (a newsletter, an ad) is a message you send, not a request you
    answer.

    ## Why it matters
    90% of companies did not acknowledge an email, and companies ignoring
    support requests on social media see 15% higher churn; never ignoring a
    request is a basic of good service (docs/domain.md#unanswered-requests).
    A question before the purchase waits as much as a complaint after it
    (docs/domain.md#requests-and-notifications).

    ## Example
    ```yaml
          - {id: social-complaint, name: Complaint on social media, channel: social}
    ```

    ## Use instead
    ```yaml
          - id: social-complaint
            name: Complaint on social media
            channel: social
            metrics: {response_time: 45m}
            targets: {response_time: 1h}
          - {id: order-confirmation, name: Order confirmation, channel: email, proactive: true}
    ```

    ## Options
    `channels`: the written channels to check; `group_above`: when to list the touchpoints in one finding.
    """

    code = "JM343"
    family = "omnichannel"
    why = N_("90% of companies never acknowledge an email; ignored social complaints mean 15% higher churn.")
    Options = WrittenOptions
    grouped = N_("written request touchpoints have no reply-time commitment")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: WrittenOptions = ctx.options
        for path, _, tp in touchpoints(journey):
            if tp.channel not in options.channels or is_notification(tp) or promises_time(tp):
                continue
            yield Finding(
                path,
                Msg(
                    "'%(touchpoint)s' (%(channel)s) has no reply-time commitment", touchpoint=tp.id, channel=tp.channel
                ),
                Msg(
                    "acknowledge every message at once; measure `response_time` and set a target you can keep "
                    "(a message you send yourself is `proactive: true`)"
                ),
            )


RULES: list[Rule] = [ContextLost(), TooManyHandoffs(), IndustryChannelMissing(), WrittenSupportWithoutCommitment()]
