"""The engine: selection, levels, options, the file's `audit:` section and inline suppressions."""

from __future__ import annotations

import pytest

from journeymap.auditing.engine import Settings, audit
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.errors import UsageError
from journeymap.loader import load_text
from journeymap.settings.audit import AuditConfig
from journeymap.validation import validate
from tests.auditing.journeys import valid_journeys

BASE = """\
version: 1
journey: {title: Insurance claim}
personas:
  - {id: ana, name: Ana}
stages:
  - id: service
    name: Claims
    touchpoints:
      - id: claims-line
        name: Claims line
        channel: phone
        metrics: {fcr: 52%, waiting_time: 2m}
        targets: {waiting_time: 3m}
"""


def run(text: str, settings: Settings | None = None) -> list[Diagnostic]:
    loaded = load_text(text, "claim.yaml")
    result = validate(loaded)
    assert result.journey is not None, result.diagnostics
    return audit(result.journey, loaded.source_map, settings)


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def test_defaults_find_the_low_fcr_and_the_missing_owner() -> None:
    found = run(BASE)
    assert {"JM311", "JM321"} <= set(codes(found))
    assert all(d.severity is not Severity.ERROR for d in found)


@pytest.mark.parametrize(
    ("select", "expected"),
    [(("JM321",), ["JM321"]), (("JM32",), ["JM321"]), (("low-first-contact-resolution",), ["JM321"])],
)
def test_select_by_code_prefix_and_name(select: tuple[str, ...], expected: list[str]) -> None:
    assert codes(run(BASE, Settings(select=select))) == expected


def test_ignore_by_prefix_and_name() -> None:
    found = codes(run(BASE, Settings(ignore=("JM31", "low-first-contact-resolution"))))
    assert "JM311" not in found
    assert "JM321" not in found


def test_unknown_rule_on_the_command_line_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="JM999"):
        run(BASE, Settings(select=("JM999",)))


def test_journey_section_relevels_and_configures_a_rule() -> None:
    text = BASE + "audit:\n  select: [JM32]\n  rules:\n    JM321: {level: error, min: 50%}\n"
    assert run(text) == []
    text = BASE + "audit:\n  select: [JM32]\n  rules:\n    low-first-contact-resolution: {level: error}\n"
    [finding] = run(text)
    assert (finding.code, finding.severity) == ("JM321", Severity.ERROR)


def test_level_off_disables_a_rule() -> None:
    text = BASE + "audit:\n  rules:\n    JM321: {level: 'off'}\n"
    assert "JM321" not in codes(run(text))


def test_unknown_rule_in_the_journey_section_points_at_it() -> None:
    text = BASE + "audit:\n  ignore: [JM311, touchpoint-without-ownr]\n"
    [problem] = [d for d in run(text) if d.code == "JM390"]
    assert (problem.span.line, problem.span.column) == (15, 19)
    assert problem.hint == "did you mean 'touchpoint-without-owner'?"


def test_unknown_option_in_the_journey_section_points_at_the_rule() -> None:
    text = BASE + "audit:\n  rules:\n    JM321:\n      minimum: 50%\n"
    [problem] = [d for d in run(text) if d.code == "JM390"]
    assert (problem.span.line, problem.span.column) == (17, 7)
    assert "unknown option 'minimum'" in problem.message
    assert "min" in (problem.hint or "")


def test_project_settings_apply_and_the_journey_wins() -> None:
    project = AuditConfig.model_validate({"select": ["JM32"], "rules": {"JM321": {"level": "info"}}})
    [finding] = run(BASE, Settings(project=project, project_path="journeymap.toml"))
    assert finding.severity is Severity.INFO
    text = BASE + "audit:\n  rules:\n    JM321: {level: error}\n"
    [finding] = run(text, Settings(project=project, project_path="journeymap.toml"))
    assert finding.severity is Severity.ERROR


def test_unknown_rule_in_project_settings_names_the_file() -> None:
    project = AuditConfig.model_validate({"ignore": ["JM398"]})
    with pytest.raises(UsageError, match=r"journeymap\.toml: .*'JM398'"):
        run(BASE, Settings(project=project, project_path="journeymap.toml"))


def test_bad_option_in_project_settings_names_the_file() -> None:
    project = AuditConfig.model_validate({"rules": {"JM321": {"min": "lots"}}})
    with pytest.raises(UsageError, match=r"journeymap\.toml: options for JM321"):
        run(BASE, Settings(project=project, project_path="journeymap.toml"))


SUPPRESSED = BASE.replace(
    "        targets: {waiting_time: 3m}\n",
    "        targets: {waiting_time: 3m}\n        suppress:\n{entries}",
)


def _with(entries: str) -> str:
    return SUPPRESSED.replace("{entries}", entries)


def test_suppression_with_a_reason_silences_the_finding() -> None:
    text = _with('          - {rule: JM321, reason: "Claims are complex; FCR is tracked per claim type"}\n')
    assert "JM321" not in codes(run(text))


def test_suppression_by_name_works_too() -> None:
    text = _with("          - {rule: touchpoint-without-owner, reason: Run by our partner Claimly}\n")
    assert "JM311" not in codes(run(text))


def test_suppression_without_reason_is_an_error_and_does_not_apply() -> None:
    found = run(_with("          - {rule: JM321}\n"))
    [problem] = [d for d in found if d.code == "JM391"]
    assert (problem.severity, problem.span.line, problem.span.column) == (Severity.ERROR, 15, 13)
    assert "JM321" in codes(found)


def test_unused_suppression_is_reported() -> None:
    found = run(_with("          - {rule: JM325, reason: Abandonment is measured elsewhere}\n"))
    [problem] = [d for d in found if d.code == "JM392"]
    assert (problem.severity, problem.span.line, problem.span.column) == (Severity.WARNING, 15, 13)
    assert "matches no finding" in problem.message


def test_unused_suppression_is_quiet_when_its_rule_is_not_selected() -> None:
    found = run(
        _with("          - {rule: JM325, reason: Abandonment is measured elsewhere}\n"), Settings(select=("JM31",))
    )
    assert "JM392" not in codes(found)


def test_unknown_rule_in_a_suppression_points_at_the_rule() -> None:
    found = run(_with("          - {rule: JM999, reason: typo}\n"))
    [problem] = [d for d in found if d.code == "JM390"]
    assert (problem.span.line, problem.span.column) == (15, 20)


def test_findings_are_sorted_and_deterministic() -> None:
    first, second = run(BASE), run(BASE)
    assert first == second
    assert first == sorted(first, key=Diagnostic.sort_key)


def test_bad_options_are_reported_even_for_an_ignored_rule() -> None:
    text = BASE + "audit:\n  ignore: [JM321]\n  rules:\n    JM321: {mni: 50%}\n"
    assert [d.code for d in run(text) if d.code == "JM390"] == ["JM390"]


def test_every_valid_fixture_and_example_audits_without_crashing() -> None:
    from tests.conftest import EXAMPLES, FIXTURES

    paths = [*EXAMPLES.glob("*.yaml"), *FIXTURES.rglob("*.yaml")]
    audited = 0
    for path in sorted(paths):
        loaded = load_text(path.read_text(encoding="utf-8", errors="replace"), str(path))
        result = validate(loaded)
        if result.journey is not None:
            found = audit(result.journey, loaded.source_map)
            assert all(d.span.line >= 1 for d in found), path
            audited += 1
    assert audited >= 60


def test_a_norm_finding_supersedes_the_missing_target_finding_on_the_same_metric() -> None:
    assert "JM313" not in codes(run(BASE, Settings(select=("JM313", "JM321"))))
    [alone] = run(BASE, Settings(select=("JM313",)))
    assert (alone.code, alone.span.line, alone.span.column) == ("JM313", 12, 19)


def test_bad_option_value_in_the_journey_section_points_at_the_value() -> None:
    text = BASE + "audit:\n  rules:\n    JM321: {min: lots}\n"
    [problem] = [d for d in run(text) if d.code == "JM390"]
    assert (problem.span.line, problem.span.column) == (16, 18)
    assert problem.message == (
        "options for JM321 low-first-contact-resolution: 'min': 'lots' is not a percentage; "
        "write it as 71%, 0.71, 71 or a score out of its maximum such as 4.2/5"
    )


def test_rules_find_the_same_inside_the_shared_block_as_alone() -> None:
    """What the rules share in one audit (paths, emotions, judged targets, stage kinds...) changes nothing:
    each rule run on its own, outside any block, finds exactly what it finds inside one audit's block."""
    from journeymap import flow
    from journeymap.auditing.registry import RULES
    from journeymap.auditing.rule import Context

    checked = 0
    for name, journey, _ in valid_journeys():
        alone = {rule.code: list(rule.check(journey, Context(journey, rule.Options()))) for rule in RULES}
        with flow.shared(journey):
            together = {rule.code: list(rule.check(journey, Context(journey, rule.Options()))) for rule in RULES}
        assert together == alone, name
        checked += sum(len(found) for found in alone.values())
    assert checked > 100


def test_a_suppression_silences_its_own_touchpoint_only() -> None:
    """Findings are looked up by the touchpoint's key path: touchpoint 1's suppression leaves touchpoint 10's."""
    touchpoints = "".join(
        f"      - {{id: line-{i}, name: Line {i}, channel: phone, metrics: {{fcr: 52%}}}}\n" for i in range(11)
    )
    text = BASE.split("    touchpoints:\n")[0] + "    touchpoints:\n" + touchpoints
    text = text.replace(
        "{id: line-1, name: Line 1, channel: phone, metrics: {fcr: 52%}}",
        "{id: line-1, name: Line 1, channel: phone, metrics: {fcr: 52%}, "
        "suppress: [{rule: JM321, reason: pilot ends in May}]}",
    )
    found = run(text, Settings(select=("JM321", "JM392")))
    assert sorted(d.touchpoint or "" for d in found) == sorted(f"line-{i}" for i in range(11) if i != 1)
