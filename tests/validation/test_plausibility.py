"""Plausibility warnings (JM212-JM216): what journeymap read is said out loud; an explicit unit silences it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap

HEAD = """\
version: 1
journey: {title: Plausible}
personas: [{id: ana, name: Ana}]
stages:
  - id: service
    name: Service
    touchpoints:
      - id: agent
        name: Phone agent
        channel: phone
"""


def codes(body: str) -> list[str]:
    result = journeymap.validate(journeymap.load_text(HEAD + body, "j.yaml"))
    return [d.code for d in result.diagnostics]


@settings(max_examples=60)
@given(st.decimals(min_value="1.01", max_value="5", places=2))
def test_a_bare_csat_between_1_and_5_is_called_a_mean(value: object) -> None:
    assert codes(f"        metrics: {{csat: {value}}}\n") == ["JM213"]


@settings(max_examples=60)
@given(st.decimals(min_value="0", max_value="100", places=1))
def test_a_csat_with_its_percent_sign_is_never_questioned(value: object) -> None:
    assert codes(f"        metrics: {{csat: {value}%}}\n") == []


def test_a_bare_one_reads_as_all_and_a_full_failure_target_checks_nothing() -> None:
    assert codes("        metrics: {fcr: 1}\n") == ["JM212"]
    assert codes("        metrics: {fcr: 100%}\n") == []
    found = codes("        metrics: {error_rate: 0.8}\n        targets: {error_rate: 1}\n")
    assert sorted(found) == ["JM212", "JM214"]
    assert codes("        metrics: {error_rate: 0.8%}\n        targets: {error_rate: 1%}\n") == []
    assert codes("        metrics: {conversion_rate: 5%}\n        targets: {conversion_rate: 100%}\n") == []


def test_a_comma_split_only_matters_in_flow_lists() -> None:
    split = "        pain_points: [Credit must be claimed, and it covers one month]\n"
    assert codes(split) == ["JM215"]
    quoted = '        pain_points: ["Credit must be claimed, and it covers one month"]\n'
    assert codes(quoted) == []
    two = "        pain_points: [Credit must be claimed, It covers one month]\n"
    assert codes(two) == [], "a capital letter starts a new item"
    block = "        pain_points:\n          - Credit must be claimed\n          - and it covers one month\n"
    assert codes(block) == [], "a block list has no comma to split at"


def test_a_ces_target_is_checked_on_the_measured_scale() -> None:
    assert codes("        metrics: {ces: {value: 3.4, scale: 1-5}}\n        targets: {ces: 6}\n") == ["JM207"]
    assert codes("        metrics: {ces: {value: 3.4, scale: 1-5}}\n        targets: {ces: 4.5}\n") == []


def test_the_bundled_examples_raise_no_plausibility_warning() -> None:
    workspace = journeymap.run(["examples/"])
    found = [d.code for r in workspace.results for d in r.diagnostics]
    assert not [c for c in found if c in ("JM212", "JM213", "JM214", "JM215")]


STAGES = """\
version: 1
journey: {{title: Stages{scope}}}
personas: [{{id: ana, name: Ana}}]
stages:
  - id: {first}
    name: {first_name}
{canonical}    touchpoints:
      - {{id: a, name: A, channel: web}}
  - id: getting-help
    name: Getting help
    touchpoints:
      - {{id: b, name: B, channel: phone}}
"""


def stage_codes(
    first: str = "first-steps", first_name: str = "First steps", canonical: str = "", scope: str = ""
) -> list[str]:
    text = STAGES.format(first=first, first_name=first_name, canonical=canonical, scope=scope)
    return [d.code for d in journeymap.validate(journeymap.load_text(text, "j.yaml")).diagnostics]


def test_stages_that_match_no_canonical_stage_say_which_rules_go_quiet() -> None:
    text = STAGES.format(first="first-steps", first_name="First steps", canonical="", scope="")
    (warning,) = journeymap.validate(journeymap.load_text(text, "j.yaml")).diagnostics
    assert warning.code == "JM216"
    assert (warning.span.line, warning.span.column) == (4, 1)
    assert "JM302, JM303, JM304, JM306, JM314, JM325" in warning.message


def test_one_recognised_stage_is_enough_in_any_language_or_by_canonical() -> None:
    assert stage_codes() == ["JM216"]
    assert stage_codes(canonical="    canonical: purchase\n") == []
    assert stage_codes(first="checkout", first_name="Checkout") == []
    assert stage_codes(first="s1", first_name="الخدمة والدعم") == []
    assert stage_codes(scope=", scope: other") == []
