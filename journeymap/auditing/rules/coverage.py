"""Coverage rules (JM30x): the map leaves out stages or touchpoints customers need.

Why: a journey map is only as useful as it is complete; the domain reference
(docs/domain.md) asks for every stage of the buying process and every
touchpoint, online and offline, and names what customers expect to find
(self-service, a human, follow-up after the purchase).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from journeymap.auditing.rule import Context, Finding, Options, Rule, after_purchase, is_service, touchpoints
from journeymap.model import Journey
from journeymap.translation import N_, Joined, Msg

CANONICAL = ("awareness", "consideration", "purchase", "post_purchase")
LABEL = {"awareness": N_("awareness"), "consideration": N_("consideration"), "purchase": N_("purchase (decision)"),
         "post_purchase": N_("post-purchase")}  # fmt: skip


class StageWithoutTouchpoints(Rule):
    """Reports a stage with no touchpoints.

    ## What it does
    Flags a stage whose `touchpoints` list is empty or missing.

    ## Why it matters
    Every stage is something the customer lives through; a stage without
    touchpoints means the team has not yet walked it from the customer's side.
    A journey map lists every touchpoint, online and offline
    (docs/domain.md#journey-map).

    ## Example
    ```yaml
    stages:
      - id: consideration
        name: Consideration
    ```

    ## Use instead
    ```yaml
    stages:
      - id: consideration
        name: Consideration
        touchpoints:
          - {id: reviews, name: Product reviews, channel: review_site, owner: Web team}
    ```

    ## Options
    None.
    """

    code = "JM300"
    family = "coverage"
    why = N_("A stage with no touchpoints has not been walked from the customer's side.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for s, stage in enumerate(journey.stages):
            if not stage.touchpoints:
                yield Finding(
                    ("stages", s),
                    Msg("stage '%(stage)s' has no touchpoints", stage=stage.id),
                    Msg(
                        "list how customers meet you in this stage (ads, pages, calls, letters...), or remove the stage"
                    ),
                )


class CanonicalOptions(Options):
    required: list[str] | None = Field(
        default=None, description="canonical stages every journey should cover; default: those of `journey.scope`"
    )


class CanonicalStageMissing(Rule):
    """Reports a canonical stage the journey's scope expects but the journey does not cover.

    ## What it does
    Checks that the journey covers the canonical stages its `journey.scope`
    expects: awareness, consideration, purchase (decision) and post-purchase
    for `end_to_end` (the default); consideration and purchase for
    `purchase`; post-purchase for `onboarding`; the service stage for
    `service` and `claim`; nothing for `other`. A stage counts by its
    `canonical:` field or a recognised id (`discovery`, `research`,
    `checkout`, `retention`...).

    ## Why it matters
    The buying process runs from awareness to post-purchase
    (docs/domain.md#stages); a map that stops at checkout misses where
    customers decide to stay loyal or leave. A map of one service request or
    one claim is not a buying journey, and telling its team that awareness is
    missing is noise (docs/domain.md#the-scope-of-a-journey).

    ## Example
    ```yaml
    journey: {title: Web shop}          # scope: end_to_end
    stages:
      - {id: purchase, name: Checkout, touchpoints: [...]}
    ```

    ## Use instead
    ```yaml
    journey: {title: Web shop checkout, scope: purchase}
    stages:
      - {id: consideration, name: Consideration, touchpoints: [...]}
      - {id: purchase, name: Checkout, touchpoints: [...]}
    ```

    ## Options
    `required`: the canonical stages to expect whatever the scope.
    """

    code = "JM301"
    family = "coverage"
    why = N_("The buying process runs from awareness to post-purchase; a gap hides where customers are won or lost.")
    Options = CanonicalOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        options: CanonicalOptions = ctx.options
        expected = options.required if options.required is not None else journey.info.expected_stages
        present = {s.canonical_stage for s in journey.stages}
        missing = [Msg(LABEL.get(k, k)) for k in expected if k not in present]
        if missing:
            scope = journey.info.scope.replace("_", "-")
            yield Finding(
                ("stages",),
                Msg(
                    "the journey has no %(items)s stage (expected for scope %(scope)s)",
                    items=Joined(", ", missing),
                    scope=scope,
                ),
                Msg(
                    "add the stage, mark an existing stage with `canonical:` if it plays that part, "
                    "or set `journey.scope` if the map covers only part of the buying journey"
                ),
                at_key=True,
            )


class NoProactiveAfterPurchase(Rule):
    """Reports a journey where nothing after the purchase reaches out first to a persona.

    ## What it does
    Looks at the stages after the purchase (post-purchase and service) for a
    touchpoint with `proactive: true` that each persona meets: a
    confirmation, a delivery notification, an outage alert. A proactive
    touchpoint only another persona sees does not count. When JM326 already
    names a late step in that stage with no notice before it, this broader
    finding is left out: the precise one says where the message is missing.

    ## Why it matters
    87% of consumers want to be contacted proactively and 78% like a company
    that notices they are struggling and reaches out
    (docs/domain.md#proactive-contact). A post-purchase stage where the
    customer must always ask first creates contacts that a message would have
    avoided.

    ## Example
    ```yaml
      - id: post-purchase
        touchpoints:
          - {id: tracking-page, name: Tracking page, channel: web}
    ```

    ## Use instead
    ```yaml
      - id: post-purchase
        touchpoints:
          - {id: dispatch-sms, name: Dispatch SMS, channel: sms, proactive: true}
    ```

    ## Options
    None.
    """

    code = "JM302"
    family = "coverage"
    why = N_("87% of consumers want to be contacted proactively; waiting for them to ask creates avoidable contacts.")
    superseded_by = ("JM326",)

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        stages = after_purchase(journey)
        if not stages:
            return
        reached = [tp for i in stages for tp in journey.stages[i].touchpoints if tp.proactive]
        left_out = [p.id for p in journey.personas if not any(tp.serves(p.id) for tp in reached)]
        if not left_out:
            return
        to = "" if len(left_out) == len(journey.personas) else f" to {', '.join(left_out)}"
        yield Finding(
            ("stages", stages[0]),
            Msg(
                "no touchpoint %(after)s reaches out first%(to)s (stage '%(value)s' onwards)",
                after=_after(journey),
                to=to,
                value=journey.stages[stages[0]].id,
            ),
            Msg(
                "add a proactive message (confirmation, delivery or status notification) and mark it `proactive: true`"
            ),
        )


def _after(journey: Journey) -> str:
    """How messages name the stages after the purchase; a service or claim journey has no purchase to follow."""
    return Msg("after the purchase") if journey.info.scope not in ("service", "claim") else Msg("in this journey")


SATISFACTION = ("csat", "nps", "ces")


class NoSatisfactionAfterPurchase(Rule):
    """Reports a journey that measures no satisfaction after the purchase.

    ## What it does
    Looks for CSAT, NPS or CES measured at any touchpoint after the purchase
    (post-purchase and service stages).

    ## Why it matters
    Quality means collecting feedback regularly (CES, CSAT, NPS) and acting on
    it (docs/domain.md#quality); after the purchase is where customers decide
    to stay and recommend, or leave.

    ## Example
    ```yaml
      - id: delivery
        channel: delivery
        metrics: {on_time_rate: 93%}
    ```

    ## Use instead
    ```yaml
      - id: delivery
        channel: delivery
        metrics: {on_time_rate: 93%, csat: 88%}
    ```

    ## Options
    None.
    """

    code = "JM303"
    family = "coverage"
    why = N_("Without feedback after the purchase, nobody sees whether customers will stay or leave.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        stages = after_purchase(journey)
        measured = any(
            tp.metrics.get(m) is not None for i in stages for tp in journey.stages[i].touchpoints for m in SATISFACTION
        )
        if stages and not measured:
            yield Finding(
                ("stages", stages[0]),
                Msg("no CSAT, NPS or CES is measured %(after)s", after=_after(journey)),
                Msg(
                    "add a short survey (CSAT after delivery or after a resolved request) and record it under `metrics`"
                ),
            )


class NoSelfServiceInSupport(Rule):
    """Reports a service stage without a self-service option.

    ## What it does
    Checks that the service and support stage has at least one touchpoint on
    a self-service channel (FAQ or help centre, community, app, chatbot, kiosk,
    or a custom channel with `self_service: true`).

    ## Why it matters
    Over 90% of consumers expect a self-service portal or FAQ
    (docs/domain.md#self-service); without one every question becomes a
    contact and a wait.

    ## Example
    ```yaml
      - id: support
        touchpoints:
          - {id: hotline, name: Hotline, channel: phone}
    ```

    ## Use instead
    ```yaml
      - id: support
        touchpoints:
          - {id: help-centre, name: Help centre, channel: self_service}
          - {id: hotline, name: Hotline, channel: phone}
    ```

    ## Options
    None.
    """

    code = "JM304"
    family = "coverage"
    why = N_("Over 90% of consumers expect a self-service portal or FAQ.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for s, stage in enumerate(journey.stages):
            if not is_service(stage) or not stage.touchpoints:
                continue
            channels = [journey.channel(tp.channel) for tp in stage.touchpoints]
            if not any(c is not None and c.self_service for c in channels):
                yield Finding(
                    ("stages", s),
                    Msg("support stage '%(stage)s' offers no self-service option", stage=stage.id),
                    Msg("add an FAQ, help centre, community or in-app help touchpoint (a self-service channel)"),
                )


class PreferredChannelUnused(Rule):
    """Reports a persona's preferred channel that no touchpoint of theirs uses.

    ## What it does
    For each persona, checks every channel in `preferred_channels` against the
    touchpoints that persona takes part in.

    ## Why it matters
    A persona's preferences are part of who they are (docs/domain.md#persona);
    66% of customers use three or more channels
    (docs/domain.md#moving-between-channels). A preferred channel that is
    never offered pushes the persona to one they like less.

    ## Example
    ```yaml
    personas:
      - {id: maya, name: Maya, preferred_channels: [live_chat]}
    # ...and no touchpoint uses live_chat
    ```

    ## Use instead
    ```yaml
          - {id: chat, name: Live chat, channel: live_chat, personas: [maya]}
    ```

    ## Options
    None.
    """

    code = "JM305"
    family = "coverage"
    why = N_("Personas reached on channels they do not prefer switch channels or give up.")

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for p, persona in enumerate(journey.personas):
            used = {tp.channel for _, _, tp in touchpoints(journey) if tp.serves(persona.id)}
            for c, channel in enumerate(persona.preferred_channels):
                if channel not in used:
                    yield Finding(
                        ("personas", p, "preferred_channels", c),
                        Msg(
                            "%(persona)s prefers '%(channel)s' but none of their touchpoints uses it",
                            persona=persona.id,
                            channel=channel,
                        ),
                        Msg(
                            "offer '%(channel)s' where %(persona)s needs help, or update the persona's preferences",
                            channel=channel,
                            persona=persona.id,
                        ),
                    )


class HumanOptions(Options):
    also_human: list[str] = Field(
        default=["live_chat"], description="channels that count as human although their kind is digital"
    )


class NoHumanInSupport(Rule):
    """Reports a service stage where customers can never reach a person.

    ## What it does
    Checks that the service and support stage has at least one touchpoint on a
    human channel (phone, video call, in person, help desk, field service, or a
    custom channel of kind `human`).

    ## Why it matters
    Complex issues need a person: phone suits complex issues, bots are for
    triage and agents work in real time
    (docs/domain.md#channels-and-where-they-fit). A support stage with no way
    to a human traps customers whose problem the bot cannot solve.

    ## Example
    ```yaml
      - id: support
        touchpoints:
          - {id: faq, name: FAQ, channel: self_service}
          - {id: bot, name: Chatbot, channel: chatbot}
    ```

    ## Use instead
    ```yaml
      - id: support
        touchpoints:
          - {id: faq, name: FAQ, channel: self_service}
          - {id: bot, name: Chatbot, channel: chatbot, next: [agent]}
          - {id: agent, name: Phone agent, channel: phone}
    ```

    ## Options
    `also_human`: channels that count as human although their kind is digital (an agent answers).
    """

    code = "JM306"
    family = "coverage"
    why = N_("Complex problems need a person; a support stage without one traps the customers a bot cannot help.")
    Options = HumanOptions

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        for s, stage in enumerate(journey.stages):
            if not is_service(stage) or not stage.touchpoints:
                continue
            options: HumanOptions = ctx.options
            channels = [journey.channel(tp.channel) for tp in stage.touchpoints]
            human = [c for c in channels if c is not None and (c.kind == "human" or c.id in options.also_human)]
            if not human:
                yield Finding(
                    ("stages", s),
                    Msg("support stage '%(stage)s' has no human channel", stage=stage.id),
                    Msg(
                        "add a way to reach a person (phone, live chat with an agent, help desk) and route the bot to "
                        "it"
                    ),
                )


RULES: list[Rule] = [
    StageWithoutTouchpoints(),
    CanonicalStageMissing(),
    NoProactiveAfterPurchase(),
    NoSatisfactionAfterPurchase(),
    NoSelfServiceInSupport(),
    PreferredChannelUnused(),
    NoHumanInSupport(),
]
