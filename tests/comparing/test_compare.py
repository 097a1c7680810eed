"""`journeymap compare`: a current and a future state, every output pinned, and the rules behind them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.comparing import Side, UnrelatedJourneys, compare
from journeymap.workspace import run
from tests.conftest import EXAMPLES, FIXTURES, ROOT, assert_no_traceback, run_cli

PAIR = FIXTURES / "compare"
CURRENT, FUTURE = PAIR / "current.yaml", PAIR / "future.yaml"
EXAMPLES_AR = EXAMPLES / "bank-account-opening-ar.yaml"
EXAMPLES_AR_FUTURE = EXAMPLES / "bank-account-opening-ar.future.yaml"
GOLDEN = Path(__file__).parent / "golden"
FORMATS = {"human": "compare.txt", "json": "compare.json", "markdown": "compare.md", "html": "compare.html"}


def _side(path: Path) -> Side:
    return Side.of(run([str(path)]).results[0])


def _comparison():  # type: ignore[no-untyped-def]
    return compare(_side(CURRENT), _side(FUTURE))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_pinned(fmt: str, request: pytest.FixtureRequest) -> None:
    result = run_cli(
        "compare", "tests/fixtures/compare/current.yaml", "tests/fixtures/compare/future.yaml", "-f", fmt, cwd=ROOT
    )
    assert result.code == 0, result.output
    golden = GOLDEN / FORMATS[fmt]
    actual = result.stdout.replace(f'"version": "{_version()}"', '"version": "<version>"')
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden {golden.name}: run pytest {__file__} --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} changed: rerun with --update-golden and review"


def _version() -> str:
    from journeymap import __version__

    return __version__


def test_touchpoints_are_added_removed_renamed_and_changed() -> None:
    result = _comparison()
    status = {d.id: d.status for d in result.touchpoints}
    assert status == {
        "outage-sms": "added",
        "live-status": "renamed",
        "support-call": "changed",
        "support-chat": "changed",
        "engineer-visit": "changed",
        "fixed-sms": "unchanged",  # nothing of its own changed (its priority moved: ``shown_status``)
        "paper-survey": "removed",
    }
    renamed = next(d for d in result.touchpoints if d.id == "live-status")
    assert renamed.was == "status-page"


def test_per_touchpoint_changes_name_metrics_targets_and_each_persona() -> None:
    call = next(d for d in _comparison().touchpoints if d.id == "support-call")
    changes = {c.what: (c.before, c.after, c.direction) for c in call.changes}
    assert changes["First Contact Resolution"] == ("46%", "71%", "better")
    assert changes["Average waiting time"] == ("11m", "4m", "better")
    assert changes["emotion (Walter, retired)"] == ("angry (1)", "frustrated (2)", "better")
    assert call.friction[0] is not None
    assert call.friction[1] is not None
    assert call.friction[1] < call.friction[0]


def test_a_worse_touchpoint_is_a_regression_and_fails_the_build_when_asked() -> None:
    chat = next(d for d in _comparison().touchpoints if d.id == "support-chat")
    assert chat.regressions
    assert chat.regressions[0].startswith("friction up")
    result = run_cli("compare", CURRENT, FUTURE, "--fail-on", "regression")
    assert result.code == 1
    assert "regression" in result.stdout


def test_a_newly_missed_target_is_a_regression(tmp_path: Path) -> None:
    later = FUTURE.read_text(encoding="utf-8").replace("on_time_rate: 88%", "on_time_rate: 70%")
    later = later.replace("targets: {on_time_rate: 90%, fcr: 90%}", "targets: {on_time_rate: 65%, fcr: 90%}")
    earlier = CURRENT.read_text(encoding="utf-8").replace("targets: {on_time_rate: 90%", "targets: {on_time_rate: 65%")
    (tmp_path / "a.yaml").write_text(earlier, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(later, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(later.replace("on_time_rate: 70%", "on_time_rate: 60%"), encoding="utf-8")
    document = json.loads(run_cli("compare", tmp_path / "a.yaml", tmp_path / "b.yaml", "-f", "json").stdout)
    assert any("On-time rate target newly missed" in r for r in document["regressions"])


def test_findings_resolved_and_introduced_follow_renames() -> None:
    result = _comparison()
    resolved = {(f.code, f.touchpoint) for f in result.findings if f.status == "resolved"}
    introduced = {(f.code, f.touchpoint) for f in result.findings if f.status == "introduced"}
    assert ("JM340", "support-call") in resolved  # context now carried to the engineer
    assert not resolved & introduced


def test_the_plan_is_ordered_by_friction_removed_per_effort_and_flags_gaps() -> None:
    result = _comparison()
    plan = [p.id for p in result.plan]
    assert plan[0] == "line-test-for-agents"
    per_effort = [p.per_effort for p in result.plan if p.per_effort is not None]
    assert per_effort == sorted(per_effort, reverse=True)
    assert result.unexplained == ("paper-survey",)
    assert ("support-call", "Show the line test to the agent") in result.delivered


def test_an_opportunity_that_changes_nothing_is_flagged(tmp_path: Path) -> None:
    text = (
        FUTURE.read_text(encoding="utf-8")
        + "  - id: noop\n    title: Rename the SMS sender\n    touchpoints: [fixed-sms]\n"
    )
    (tmp_path / "future.yaml").write_text(text, encoding="utf-8")
    document = json.loads(run_cli("compare", CURRENT, tmp_path / "future.yaml", "-f", "json").stdout)
    [noop] = [p for p in document["comparisons"][0]["plan"] if p["id"] == "noop"]
    assert noop["changes_nothing"] is True


def test_a_journey_compared_with_itself_has_no_differences() -> None:
    same = compare(_side(CURRENT), _side(CURRENT))
    assert {d.status for d in same.touchpoints} == {"unchanged"}
    assert same.findings == ()
    assert same.regressions == []


def test_unrelated_journeys_say_so_and_suggest_was() -> None:
    other = ROOT / "examples" / "first-purchase.yaml"
    with pytest.raises(UnrelatedJourneys):
        compare(_side(CURRENT), _side(other))
    result = run_cli("compare", CURRENT, other)
    assert result.code == 2
    assert "share no touchpoint id" in result.stderr
    assert "was:" in result.stderr
    assert_no_traceback(result)


def test_an_invalid_side_is_reported_like_validate(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(CURRENT.read_text(encoding="utf-8").replace("channel: web", "channel: webb"), encoding="utf-8")
    result = run_cli("compare", broken, FUTURE)
    assert result.code == 1
    assert "JM202" in result.stderr


def test_without_git_compare_needs_exactly_two_files() -> None:
    result = run_cli("compare", CURRENT)
    assert result.code == 2
    assert "two journey files" in result.stderr


def test_markdown_renders_as_tables_on_github() -> None:
    """The PR comment through a CommonMark + GFM-tables renderer: real tables, no stray pipes or escapes."""
    from markdown_it import MarkdownIt

    text = run_cli("compare", CURRENT, FUTURE, "-f", "markdown").stdout
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert html.count("<table>") == 3  # stages, touchpoints, plan
    assert "<details>" not in html  # every touchpoint of the pair changed, if only its priority
    assert "|" not in re.sub(r"<[^>]+>", "", html.split("<table>", 1)[1].split("</table>", 1)[0])
    assert "Call the support line" in html
    assert "\\" not in re.sub(r"<[^>]+>", "", html)


def test_labels_are_data_in_markdown_and_html(tmp_path: Path) -> None:
    hostile = "Chat | <script>alert(1)</script> **bold**"
    later = FUTURE.read_text(encoding="utf-8").replace("name: Chat with support", f'name: "{hostile}"')
    (tmp_path / "future.yaml").write_text(later, encoding="utf-8")
    markdown = run_cli("compare", CURRENT, tmp_path / "future.yaml", "-f", "markdown").stdout
    assert "<script>" not in markdown
    assert "Chat \\| " in markdown
    page = run_cli("compare", CURRENT, tmp_path / "future.yaml", "-f", "html").stdout
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_output_file_is_written_and_inputs_are_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "comment.md"
    assert run_cli("compare", CURRENT, FUTURE, "-f", "markdown", "-o", out).code == 0
    assert out.read_text(encoding="utf-8").startswith("## Broadband fault")
    copy = tmp_path / "future.yaml"
    copy.write_bytes(FUTURE.read_bytes())
    result = run_cli("compare", CURRENT, copy, "-o", copy)
    assert result.code == 2
    assert copy.read_bytes() == FUTURE.read_bytes()


# -- displayed changes add up ----------------------------------------------------------------------------------


_SCORE = st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False)


@given(_SCORE, _SCORE)
def test_the_change_shown_is_the_difference_of_the_values_shown(before: float, after: float) -> None:
    from decimal import Decimal

    from journeymap.formats.comparison import delta_text

    shown_before, _, shown_after, change = delta_text(before, after).split(" ")
    assert Decimal(change.strip("()")) == Decimal(shown_after) - Decimal(shown_before)
    assert change != "(-0.0)"
    assert change != "(+0.0)"
    assert (change == "(0.0)") == (shown_before == shown_after)


def test_regressions_and_stage_changes_add_up_in_every_format(tmp_path: Path) -> None:
    """54.64 -> 26.14 is shown 54.6 -> 26.1 (-28.5), and an unchanged stage is 0.0, never -0.0 or +0.0."""
    for fmt in ("human", "markdown", "html", "json"):
        result = run_cli("compare", CURRENT, FUTURE, "-f", fmt)
        assert result.code == 0, result.output
        assert "-0.0" not in result.stdout
        assert "+0.0" not in result.stdout
    text = run_cli("compare", CURRENT, FUTURE).stdout
    for before, after, change in re.findall(r"(\d+\.\d) -> (\d+\.\d) \(([-+]?\d+\.\d)\)", text):
        assert round(float(after) - float(before), 1) == float(change), (before, after, change)
    metrics = "{fcr: 71%, waiting_time: 4m, csat: 79%}"
    worse = FUTURE.read_text(encoding="utf-8").replace(metrics, "{fcr: 9%, waiting_time: 40m, csat: 9%}")
    (tmp_path / "worse.yaml").write_text(worse, encoding="utf-8")
    said = run_cli("compare", CURRENT, tmp_path / "worse.yaml").stdout
    ups = re.findall(r"friction up (\d+\.\d) \((\d+\.\d) -> (\d+\.\d)\)", said)
    assert ups, said
    for change, before, after in ups:
        assert round(float(after) - float(before), 1) == float(change)


def test_arabic_changes_are_never_signed_zeros() -> None:
    result = run_cli("compare", EXAMPLES_AR, EXAMPLES_AR_FUTURE)
    assert result.code == 0, result.output
    assert "(؜-٠٫٠)" not in result.stdout
    assert "(؜+٠٫٠)" not in result.stdout
    assert "(٠٫٠)" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_arabic_comment_and_page_point_from_before_to_after(fmt: str) -> None:
    """U+2192 is not mirrored: in right-to-left text it would point at the earlier value (``٦٢٪ → ٥٨٪``)."""
    result = run_cli("compare", EXAMPLES_AR, EXAMPLES_AR_FUTURE, "-f", fmt)
    assert result.code == 0, result.output
    assert "→" not in result.stdout
    assert "الحل من أول اتصال: ٦٢٪ ← ٥٨٪" in result.stdout
    assert "القناة: الفرع ← مكالمة فيديو" in result.stdout
    assert "الفرع ← video_call" not in result.stdout


def test_an_english_comment_keeps_its_arrow() -> None:
    result = run_cli("compare", CURRENT, FUTURE, "-f", "markdown")
    assert "channel: Website → Mobile app" in result.stdout
    assert "←" not in result.stdout
