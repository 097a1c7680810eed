"""Issue #12, "Trustworthy numbers" (audit part), through the CLI: findings that are signal, not noise.

Each test states one behaviour the first audit of a real journey got wrong
(a service journey told it lacks awareness, a normal web checkout flagged,
thirty "no owner" findings) or one new rule (JM314, JM326, JM335).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

HEAD = """\
version: 1
journey: {{title: Trust test{scope}}}
personas:
  - {{id: ana, name: Ana}}
{more_personas}stages:
"""


def journey(tmp_path: Path, stages: str, scope: str = "", personas: str = "") -> Path:
    """A journey file from its stages (YAML text under `stages:`)."""
    text = HEAD.format(scope=f", scope: {scope}" if scope else "", more_personas=personas) + stages
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(path: Path, select: str, *extra: str) -> list[dict[str, Any]]:
    result = run_cli("audit", path, "--select", select, "-f", "json", "--fail-on", "never", *extra)
    assert result.code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["files"][0]["findings"]
    return found


def codes(found: list[dict[str, Any]]) -> list[str]:
    return [f["code"] for f in found]


# -- 1. scope: JM301 asks for the stages the journey's scope expects ----------------------------------

SERVICE_ONLY = """\
  - id: service
    name: Claim handling
    touchpoints:
      - {id: claims-line, name: Claims line, channel: phone, owner: Claims}
"""


def test_a_service_journey_is_not_told_it_lacks_awareness_and_consideration(tmp_path: Path) -> None:
    for scope in ("service", "claim"):
        assert findings(journey(tmp_path, SERVICE_ONLY, scope), "JM301") == []
    [finding] = findings(journey(tmp_path, SERVICE_ONLY), "JM301")  # end_to_end by default
    assert "no awareness, consideration, purchase (decision), post-purchase stage" in finding["message"]
    assert "`journey.scope`" in finding["hint"]


def test_a_purchase_journey_expects_consideration_and_purchase_only(tmp_path: Path) -> None:
    stages = "  - {id: purchase, name: Checkout, touchpoints: [{id: pay, name: Pay, channel: web}]}\n"
    [finding] = findings(journey(tmp_path, stages, "purchase"), "JM301")
    assert finding["message"] == "the journey has no consideration stage (expected for scope purchase)"


def test_an_onboarding_journey_expects_only_its_post_purchase_stage(tmp_path: Path) -> None:
    stages = """\
  - id: onboarding
    name: Onboarding
    canonical: post_purchase
    touchpoints: [{id: welcome, name: Welcome call, channel: phone}]
"""
    assert findings(journey(tmp_path, stages, "onboarding"), "JM301") == []


def test_a_claim_journey_is_not_told_about_the_purchase(tmp_path: Path) -> None:
    found = findings(journey(tmp_path, SERVICE_ONLY, "claim"), "JM302,JM303")
    assert [f["message"] for f in found] == [
        "no touchpoint in this journey reaches out first (stage 'service' onwards)",
        "no CSAT, NPS or CES is measured in this journey",
    ]


# -- 2. JM335: an emotion the metrics contradict -------------------------------------------------------

AGENT = """\
  - id: service
    name: Support
    touchpoints:
      - id: agent
        name: Phone agent
        channel: phone
        emotion: {emotion}
        metrics: {metrics}
        targets: {targets}
"""


def test_a_happy_emotion_beside_poor_csat_and_fcr_is_reported_with_both_facts(tmp_path: Path) -> None:
    stages = AGENT.format(emotion="happy", metrics="{csat: 41%, fcr: 46%}", targets="{csat: 85%, fcr: 75%}")
    [finding] = findings(journey(tmp_path, stages), "JM335")
    assert finding["severity"] == "warning"
    assert finding["message"] == (
        "the emotion at 'agent' is positive (ana: happy (4)) but CSAT 41% is below 50%; "
        "FCR 46% is 29 points under its target 75%"
    )


def test_strongly_negative_nps_contradicts_delight(tmp_path: Path) -> None:
    stages = AGENT.format(emotion="delighted", metrics="{nps: -35}", targets="{}")
    [finding] = findings(journey(tmp_path, stages), "JM335")
    assert "NPS -35 is below -20" in finding["message"]


def test_anger_where_every_target_is_met_is_reported(tmp_path: Path) -> None:
    stages = AGENT.format(
        emotion="angry", metrics="{csat: 91%, waiting_time: 1m}", targets="{csat: 85%, waiting_time: 3m}"
    )
    [finding] = findings(journey(tmp_path, stages), "JM335")
    assert "is angry (ana: angry (1)) but every target there is met" in finding["message"]


def test_emotions_that_agree_with_the_metrics_are_quiet(tmp_path: Path) -> None:
    stages = AGENT.format(emotion="frustrated", metrics="{csat: 41%}", targets="{csat: 85%}")
    assert findings(journey(tmp_path, stages), "JM335") == []
    stages = AGENT.format(emotion="happy", metrics="{csat: 80%}", targets="{csat: 85%}")
    assert findings(journey(tmp_path, stages), "JM335") == []


# -- 3. JM326: a late step with no notice before it; JM302 leaves it to JM326 -----------------------------

LATE_DELIVERY = """\
  - id: purchase
    name: Purchase
    touchpoints:
      - {{id: order, name: Order, channel: web{order_extra}}}
  - id: post-purchase
    name: Post-purchase
    touchpoints:
{before}      - id: delivery
        name: Delivery
        channel: delivery
        metrics: {{delivery_time: 5d, on_time_rate: 81%}}
        targets: {{delivery_time: 3d, on_time_rate: 95%}}
      - {{id: survey, name: Review request, channel: email, proactive: true}}
"""


def late(tmp_path: Path, before: str = "", order_extra: str = "") -> Path:
    return journey(tmp_path, LATE_DELIVERY.format(before=before, order_extra=order_extra))


def test_a_late_delivery_with_no_notice_before_it_is_reported(tmp_path: Path) -> None:
    [finding] = findings(late(tmp_path), "JM326")
    assert finding["message"] == (
        "'delivery' is late (delivery_time 5d vs 3d; on_time_rate 81% vs 95%) "
        "and nothing tells customers before they get there"
    )
    assert finding["touchpoint"] == "delivery"


def test_a_proactive_message_elsewhere_is_no_notice_of_this_delay(tmp_path: Path) -> None:
    """The survey after the delivery and the order confirmation in the stage before say nothing about it."""
    assert codes(findings(late(tmp_path, order_extra=", proactive: true"), "JM326")) == ["JM326"]


def test_a_proactive_message_on_the_way_in_the_same_stage_is_a_notice(tmp_path: Path) -> None:
    before = "      - {id: dispatch-sms, name: Dispatch SMS, channel: sms, proactive: true}\n"
    assert findings(late(tmp_path, before), "JM326") == []


def test_jm302_leaves_a_stage_to_the_precise_jm326_finding(tmp_path: Path) -> None:
    stages = LATE_DELIVERY.format(before="", order_extra="").replace(", proactive: true}", "}")
    path = journey(tmp_path, stages)
    assert codes(findings(path, "JM302")) == ["JM302"]
    assert codes(findings(path, "JM302,JM326")) == ["JM326"]


def test_jm302_asks_for_a_proactive_contact_each_persona_meets(tmp_path: Path) -> None:
    stages = """\
  - {id: purchase, name: Purchase, touchpoints: [{id: order, name: Order, channel: web}]}
  - id: post-purchase
    name: Post-purchase
    touchpoints:
      - {id: app-push, name: Dispatch push, channel: push, proactive: true, personas: [ana]}
      - {id: tracking, name: Tracking page, channel: web}
"""
    path = journey(tmp_path, stages, personas="  - {id: ben, name: Ben}\n")
    [finding] = findings(path, "JM302")
    assert (
        finding["message"]
        == "no touchpoint after the purchase reaches out first to ben (stage 'post-purchase' onwards)"
    )


# -- 4. request channels in any stage need a time promise; notifications do not ---------------------------

REQUESTS = """\
  - id: consideration
    name: Consideration
    touchpoints:
      - {id: sales-line, name: Sales line, channel: phone}
      - {id: question-email, name: Product question by email, channel: email}
  - id: purchase
    name: Purchase
    touchpoints:
      - {id: order-confirmation, name: Order confirmation, channel: email, proactive: true}
      - {id: newsletter, name: Welcome newsletter, channel: email, metrics: {open_rate: 41%}}
  - id: post-purchase
    name: Post-purchase
    touchpoints:
      - {id: wismo-email, name: Where is my order email, channel: email}
      - id: tracking-chat
        name: Tracking chat
        channel: live_chat
        metrics: {frt: 2m}
        targets: {frt: 1m}
"""


def test_request_channels_in_every_stage_need_a_time_promise(tmp_path: Path) -> None:
    found = findings(journey(tmp_path, REQUESTS), "JM312,JM343")
    assert [(f["code"], f["touchpoint"]) for f in found] == [
        ("JM312", "sales-line"),
        ("JM343", "question-email"),
        ("JM343", "wismo-email"),
    ]


def test_confirmation_and_status_messages_are_not_asked_for_a_reply_time(tmp_path: Path) -> None:
    stages = """\
  - id: service
    name: Service
    touchpoints:
      - {id: ticket-confirmation, name: Ticket received email, channel: email, metrics: {open_rate: 77%}}
      - {id: fix-sms, name: Fault fixed SMS, channel: sms, proactive: true}
"""
    assert findings(journey(tmp_path, stages), "JM312,JM343") == []


def test_a_router_status_light_is_not_asked_for_a_time_target(tmp_path: Path) -> None:
    stages = """\
  - id: service
    name: Service
    touchpoints:
      - {id: router-light, name: Router status light, channel: router}
      - {id: status-page, name: Outage map, channel: self_service}
channels:
  - {id: router, name: Router, kind: physical}
"""
    assert findings(journey(tmp_path, stages), "JM312,JM343") == []


# -- 5. JM350: entry points are the first step; walks are per persona ---------------------------------------

ENTRIES = """\
  - id: awareness
    name: Awareness
    touchpoints:
      - {{id: instagram-ad, name: Instagram ad, channel: social, personas: [ana]{step}}}
      - {{id: search-ad, name: Search ad, channel: ads, personas: [ben]{step}}}
  - id: consideration
    name: Consideration
    touchpoints:
      - {{id: product-page, name: Product page, channel: web}}
"""


def test_another_personas_entry_point_needs_a_shared_step(tmp_path: Path) -> None:
    path = journey(tmp_path, ENTRIES.format(step=""), personas="  - {id: ben, name: Ben}\n")
    [finding] = findings(path, "JM350")
    assert finding["message"] == "nothing leads to 'search-ad' (stage 'awareness')"
    assert "put it next to 'instagram-ad' and give both the same `step:`" in finding["hint"]
    path = journey(tmp_path, ENTRIES.format(step=", step: discover"), personas="  - {id: ben, name: Ben}\n")
    assert findings(path, "JM350") == []


def test_the_hint_names_the_step_of_the_entry_points(tmp_path: Path) -> None:
    stages = ENTRIES.format(step=", step: discover").replace("channel: web}", "channel: web, next: []}")
    stages += "      - {id: comparison, name: Comparison site, channel: review_site}\n"
    path = journey(tmp_path, stages, personas="  - {id: ben, name: Ben}\n")
    [finding] = findings(path, "JM350")
    assert finding["touchpoint"] == "comparison"
    assert "put it next to 'search-ad' with `step: discover`" in finding["hint"]


# -- 6. JM314: accuracy, one finding for the journey when many -----------------------------------------------


def test_human_touchpoints_without_a_knowledge_base_give_one_info_finding(tmp_path: Path) -> None:
    agents = "".join(
        f"      - {{id: agent-{i}, name: Agent {i}, channel: {channel}}}\n"
        for i, channel in enumerate(["phone", "live_chat", "help_desk", "video_call", "phone"])
    )
    stages = f"  - id: service\n    name: Support\n    touchpoints:\n{agents}"
    stages += "      - {id: kb-agent, name: Agent with wiki, channel: phone, knowledge_base: Care wiki}\n"
    stages += "      - {id: faq, name: FAQ, channel: self_service}\n"
    [finding] = findings(journey(tmp_path, stages), "JM314")
    assert finding["severity"] == "info"
    assert finding["touchpoint"] == "agent-0"
    assert finding["message"] == (
        "5 touchpoints where people answer customers name no knowledge base: "
        "'agent-0', 'agent-1', 'agent-2', 'agent-3', 'agent-4'"
    )


def test_knowledge_bases_are_asked_for_in_purchase_and_service_only(tmp_path: Path) -> None:
    stages = "  - {id: awareness, name: Awareness, touchpoints: [{id: rep, name: Sales rep, channel: in_person}]}\n"
    assert findings(journey(tmp_path, stages), "JM314") == []


# -- 7. JM325: abandonment norms by channel --------------------------------------------------------------------


def test_a_normal_web_checkout_is_not_flagged_but_a_leaking_call_queue_is(tmp_path: Path) -> None:
    stages = """\
  - id: purchase
    name: Purchase
    touchpoints:
      - {id: checkout, name: Checkout, channel: web, metrics: {abandonment_rate: 72%}}
      - {id: hotline, name: Order hotline, channel: phone, metrics: {abandonment_rate: 15%}}
      - {id: signup-form, name: Sign-up form, channel: mobile_app, metrics: {abandonment_rate: 55%}}
"""
    [finding] = findings(journey(tmp_path, stages), "JM325")
    assert finding["message"] == "abandonment 15% at 'hotline' is above 8%, the norm for a queue where a person answers"


def test_the_abandonment_norms_are_options(tmp_path: Path) -> None:
    checkout = "{id: checkout, name: Checkout, channel: web, metrics: {abandonment_rate: 72%}}"
    stages = f"  - {{id: purchase, name: Purchase, touchpoints: [{checkout}]}}\n"
    path = journey(tmp_path, stages)
    path.write_text(path.read_text() + "audit:\n  rules:\n    JM325: {checkout_max: 65%}\n", encoding="utf-8")
    [finding] = findings(path, "JM325")
    assert finding["message"] == "abandonment 72% at 'checkout' is above 65%, the norm for an online cart or checkout"


# -- 8. less noise: emotion drops, grouping -------------------------------------------------------------------------


def test_a_fall_that_ends_at_neutral_is_not_an_emotion_drop(tmp_path: Path) -> None:
    stages = """\
  - id: post-purchase
    name: Post-purchase
    touchpoints:
      - {id: salary, name: First salary, channel: push, emotion: delighted}
      - {id: survey, name: Survey, channel: sms, emotion: neutral}
"""
    assert findings(journey(tmp_path, stages), "JM330") == []


def test_journey_order_across_another_personas_touchpoints_is_no_emotion_drop(tmp_path: Path) -> None:
    stages = """\
  - id: purchase
    name: Purchase
    touchpoints:
      - {id: ana-app, name: App checkout, channel: mobile_app, personas: [ana], emotion: delighted}
      - {id: ben-call, name: Phone order, channel: phone, personas: [ben], emotion: neutral}
      - {id: invoice, name: Invoice, channel: email, emotion: {ana: annoyed, ben: annoyed}}
"""
    path = journey(tmp_path, stages, personas="  - {id: ben, name: Ben}\n")
    assert findings(path, "JM330") == []
    explicit = stages.replace("emotion: delighted}", "emotion: delighted, next: [invoice]}")
    [finding] = findings(journey(tmp_path, explicit, personas="  - {id: ben, name: Ben}\n"), "JM330")
    assert finding["message"] == "ana's emotion drops from delighted (5) at 'ana-app' to annoyed (2) at 'invoice'"


def test_two_personas_falling_at_one_step_give_one_finding(tmp_path: Path) -> None:
    stages = """\
  - id: post-purchase
    name: Post-purchase
    touchpoints:
      - {id: dispatch, name: Dispatch SMS, channel: sms, emotion: delighted}
      - {id: late, name: Late parcel, channel: delivery, emotion: angry}
"""
    [finding] = findings(journey(tmp_path, stages, personas="  - {id: ben, name: Ben}\n"), "JM330")
    assert finding["message"] == (
        "emotion drops at 'late': ana from delighted (5) at 'dispatch' to angry (1); "
        "ben from delighted (5) at 'dispatch' to angry (1)"
    )


UNOWNED = "".join(f"      - {{id: page-{i}, name: Page {i}, channel: web}}\n" for i in range(5))
UNOWNED_STAGES = f"  - id: consideration\n    name: Consideration\n    touchpoints:\n{UNOWNED}"


def test_many_touchpoints_without_an_owner_give_one_finding_at_the_first(tmp_path: Path) -> None:
    [finding] = findings(journey(tmp_path, UNOWNED_STAGES), "JM311")
    assert finding["message"] == "5 touchpoints have no owner: 'page-0', 'page-1', 'page-2', 'page-3', 'page-4'"
    assert (finding["touchpoint"], finding["line"]) == ("page-0", 9)
    assert "one meeting" in finding["hint"]


def test_grouping_counts_after_suppressions_and_is_an_option(tmp_path: Path) -> None:
    suppressed = UNOWNED_STAGES.replace(
        "{id: page-0, name: Page 0, channel: web}",
        "{id: page-0, name: Page 0, channel: web, suppress: [{rule: JM311, reason: Run by a partner}]}",
    ).replace("      - {id: page-4, name: Page 4, channel: web}\n", "")
    found = findings(journey(tmp_path, suppressed), "JM311")
    assert [f["touchpoint"] for f in found] == ["page-1", "page-2", "page-3"]
    path = journey(tmp_path, UNOWNED_STAGES)
    path.write_text(path.read_text() + "audit:\n  rules:\n    JM311: {group_above: 10}\n", encoding="utf-8")
    assert len(findings(path, "JM311")) == 5


def test_the_new_rules_are_explained_by_journeymap_rules() -> None:
    for code, part in [("JM314", "knowledge_base"), ("JM326", "proactive: true"), ("JM335", "csat: 41%")]:
        result = run_cli("rules", code)
        assert result.code == 0
        assert part in result.stdout
        assert "docs/domain.md#" in result.stdout
