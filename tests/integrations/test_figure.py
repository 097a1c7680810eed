"""The logic the MkDocs plugin and the Sphinx directive share: options, blocks, the figure, the cache."""

from __future__ import annotations

import functools
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.integrations import figure
from journeymap.integrations.figure import (
    FigureOptions,
    FigureProblem,
    figure_html,
    parse_block,
    parse_options,
    render_figure,
    render_file,
    replace_blocks,
)
from journeymap.workspace import JourneyResult
from tests.conftest import EXAMPLES, FIXTURES

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


# -- options -----------------------------------------------------------------------------------------


def test_options_default_to_the_map_without_audit_or_score() -> None:
    assert parse_options({}) == FigureOptions("map", None, "light", False, False, None)


def test_options_read_text_from_a_page_and_values_from_a_config() -> None:
    options = parse_options({"view": "flow", "Persona": " sara ", "audit": "yes", "score": True, "theme": "dark"})
    assert options == FigureOptions("flow", "sara", "dark", True, True, None)


def test_a_flag_with_no_value_is_true_as_in_a_sphinx_directive() -> None:
    assert parse_options({"audit": None, "score": ""}).audit is True
    assert parse_options({"audit": "off"}, FigureOptions(audit=True)).audit is False


def test_options_apply_over_the_defaults_they_do_not_name() -> None:
    base = FigureOptions(view="flow", audit=True)
    assert parse_options({"score": "true"}, base) == FigureOptions(view="flow", audit=True, score=True)


@pytest.mark.parametrize(
    ("raw", "message", "hint"),
    [
        ({"veiw": "flow"}, "unknown option 'veiw'", "did you mean 'view'?"),
        ({"view": "flwo"}, "unknown view 'flwo'; choose map, flow, compact", "did you mean 'flow'?"),
        ({"theme": "darkest"}, "unknown theme 'darkest'; choose light, dark, print", "did you mean 'dark'?"),
        ({"audit": "maybe"}, "option 'audit' takes true or false, not 'maybe'", "write `audit: true`"),
        ({"view": ""}, "option 'view' needs a value", "for example `view: map`"),
    ],
)
def test_a_mistaken_option_says_what_is_wrong_and_how_to_fix_it(raw: dict[str, str], message: str, hint: str) -> None:
    with pytest.raises(FigureProblem) as caught:
        parse_options(raw)
    assert (caught.value.message, caught.value.hint) == (message, hint)


# -- blocks ------------------------------------------------------------------------------------------


def test_a_block_names_its_journey_first_then_options() -> None:
    block = parse_block("# the checkout\njourneys/checkout.yaml\n\nview: flow\naudit: true\n")
    assert block.path == "journeys/checkout.yaml"
    assert dict(block.options) == {"view": "flow", "audit": "true"}


def test_a_block_may_name_its_journey_with_file() -> None:
    assert parse_block("view: flow\nfile: ../journeys/a b.yaml\n").path == "../journeys/a b.yaml"


def test_quoted_values_are_read_as_yaml_reads_them() -> None:
    block = parse_block("file: 'journeys/a: b.yaml'\ncaption: \"The checkout: today\"\npersona: 'sara'\n")
    assert block.path == "journeys/a: b.yaml"
    assert dict(block.options) == {"caption": "The checkout: today", "persona": "sara"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("view: flow\n", "a journeymap block names no journey file"),
        ("", "a journeymap block names no journey file"),
        ("a.yaml\nb.yaml\n", "a journeymap block shows one journey, but it names 'a.yaml' and 'b.yaml'"),
    ],
)
def test_a_block_without_exactly_one_journey_is_refused(body: str, message: str) -> None:
    with pytest.raises(FigureProblem, match=message):
        parse_block(body)


def test_only_journeymap_fences_are_replaced() -> None:
    markdown = "# Title\n\n```journeymap\na.yaml\n```\n\n```yaml\nb: 1\n```\n~~~journeymap\nc.yaml\n~~~\ntail\n"
    out = replace_blocks(markdown, lambda body: f"<div>{body.strip()}</div>")
    assert out == "# Title\n\n\n<div>a.yaml</div>\n\n\n```yaml\nb: 1\n```\n\n<div>c.yaml</div>\n\ntail\n"


def test_a_journeymap_block_shown_inside_a_longer_fence_stays_an_example() -> None:
    markdown = "````markdown\n```journeymap\na.yaml\n```\n````\n"
    assert replace_blocks(markdown, lambda body: "DRAWN") == markdown


def test_an_unclosed_block_runs_to_the_end_of_the_page() -> None:
    assert replace_blocks("text\n```journeymap\na.yaml\n", lambda body: f"[{body}]") == "text\n\n[a.yaml\n]\n\n"


_LINES = st.lists(st.text(alphabet=st.characters(blacklist_characters="`~\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))


@given(_LINES)
def test_markdown_without_a_fence_is_left_alone(lines: list[str]) -> None:
    markdown = "\n".join(lines)
    assert replace_blocks(markdown, lambda body: "DRAWN") == markdown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="`\r\n"), max_size=40))
def test_each_block_is_drawn_once_with_its_body(name: str) -> None:
    bodies: list[str] = []
    markdown = f"```journeymap\n{name}\n```\nbetween\n```journeymap\n{name}\n```\n"
    replace_blocks(markdown, lambda body: bodies.append(body) or "")
    assert bodies == [f"{name}\n", f"{name}\n"]


# -- the figure --------------------------------------------------------------------------------------


@needs_dot
def test_the_figure_is_the_inline_svg_with_a_caption_and_an_accessible_title() -> None:
    html = render_figure(EXAMPLES / "first-purchase.yaml", FigureOptions(), "index-1").html
    assert html.startswith('<div class="journeymap" lang="en" dir="ltr">\n<figure class="journeymap-figure"')
    assert re.search(r'<div class="journeymap-map" style="overflow-x: auto"><svg\s+viewBox="', html)
    assert 'role="img" aria-labelledby="journeymap-index-1"' in html
    assert '<title id="journeymap-index-1">Journey map: First purchase at Hearth &amp; Home online</title>' in html
    assert "<figcaption>First purchase at Hearth &amp; Home online</figcaption>" in html
    assert "<?xml" not in html
    assert "<!DOCTYPE" not in html
    assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block


@needs_dot
def test_an_arabic_journey_reads_right_to_left_with_arabic_labels() -> None:
    result = render_figure(EXAMPLES / "bank-account-opening-ar.yaml", FigureOptions(audit=True, score=True), "ar")
    assert result.html.startswith('<div class="journeymap" lang="ar" dir="rtl">')
    assert result.label == "خريطة الرحلة: فتح حساب جارٍ لدى مصرف الواحة"
    assert "الاحتكاك الإجمالي" in result.html
    assert '<th scope="col">المرحلة</th><th scope="col">أخطاء</th>' in result.html


@needs_dot
def test_the_audit_summary_counts_what_journeymap_audit_finds() -> None:
    import journeymap

    path = EXAMPLES / "telecom-support.yaml"
    findings = journeymap.audit(journeymap.load(str(path)))
    html = render_figure(path, FigureOptions(audit=True), "t").html
    assert f'Findings (<bdi dir="ltr">{len(findings)}</bdi>)' in html
    assert html.count("<li>") == len(findings)
    assert f"<code>{findings[0].code} {findings[0].span.line}:{findings[0].span.column}</code>" in html


@needs_dot
def test_journey_wide_findings_have_their_own_row() -> None:
    html = render_figure(EXAMPLES / "first-purchase.yaml", FigureOptions(audit=True), "w").html
    assert '<tr><th scope="row">Journey</th><td>0</td><td>0</td><td>2</td></tr>' in html
    assert "journey-wide" not in html


@needs_dot
def test_the_score_is_the_journey_friction_journeymap_score_gives() -> None:
    import journeymap

    path = EXAMPLES / "first-purchase.yaml"
    overall = journeymap.run([str(path)]).valid[0].scores.overall
    html = render_figure(path, FigureOptions(score=True), "s").html
    assert f'<bdi dir="ltr">{overall.score:.0f}</bdi> ({overall.band})' in html


@needs_dot
def test_the_flow_view_and_a_caption_of_ones_own_are_escaped(tmp_path: Path) -> None:
    options = FigureOptions(view="flow", caption="Checkout <b>now</b>")
    result = render_figure(EXAMPLES / "first-purchase.yaml", options, "f")
    assert "<figcaption>Checkout &lt;b&gt;now&lt;/b&gt;</figcaption>" in result.html
    assert result.label.startswith("Touchpoint flow: ")


def test_an_invalid_journey_lists_its_diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "invalid" / "JM101-missing-channel.yaml", tmp_path / "broken.yaml")
    with pytest.raises(FigureProblem) as caught:
        render_figure(tmp_path / "broken.yaml", FigureOptions(), "b")
    assert caught.value.message.splitlines()[:2] == [
        "broken.yaml is not a valid journey:",
        "broken.yaml:14:9: error[JM101] touchpoint 'upload-payslips' is missing the required key 'channel'",
    ]


def test_a_missing_file_and_an_unknown_persona_are_problems_not_tracebacks(tmp_path: Path) -> None:
    with pytest.raises(FigureProblem, match="journey file not found"):
        render_figure(tmp_path / "nope.yaml", FigureOptions(), "n")
    with pytest.raises(FigureProblem, match="nobody") as caught:
        render_figure(EXAMPLES / "first-purchase.yaml", FigureOptions(persona="nobody"), "p")
    assert caught.value.hint


def test_without_graphviz_the_problem_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    figure._CACHE.clear()
    with pytest.raises(FigureProblem) as caught:
        render_figure(EXAMPLES / "first-purchase.yaml", FigureOptions(), "g")
    assert "Graphviz is not installed" in caught.value.message
    assert "apt-get install graphviz" in (caught.value.hint or "")


@needs_dot
def test_a_drawing_is_reused_until_the_journey_or_its_personas_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[Path] = []
    journey_of = figure._journey
    monkeypatch.setattr(figure, "_journey", lambda path, *rest: runs.append(path) or journey_of(path, *rest))
    journey = tmp_path / "journey.yaml"
    journey.write_bytes((EXAMPLES / "first-purchase.yaml").read_bytes())
    first = render_figure(journey, FigureOptions(), "page-1")
    again = render_figure(journey, FigureOptions(), "other-page-2")
    assert len(runs) == 1
    assert again.html == first.html.replace("journeymap-page-1", "journeymap-other-page-2")
    assert 'id="journeymap-other-page-2"' in again.html
    (tmp_path / "personas.yaml").write_text("personas: []\n", encoding="utf-8")
    render_figure(journey, FigureOptions(), "page-1")
    assert len(runs) == 2
    journey.write_text(journey.read_text(encoding="utf-8").replace("First purchase", "First order"), encoding="utf-8")
    assert "First order" in render_figure(journey, FigureOptions(), "page-1").html
    render_figure(journey, FigureOptions(view="flow"), "page-1")
    assert len(runs) == 4


@needs_dot
def test_other_formats_come_from_the_same_drawing(tmp_path: Path) -> None:
    pdf = render_file(EXAMPLES / "first-purchase.yaml", FigureOptions(view="flow"), "pdf")
    assert pdf.startswith(b"%PDF-")
    assert render_file(EXAMPLES / "first-purchase.yaml", FigureOptions(view="flow"), "pdf") is pdf


# -- labels are data ---------------------------------------------------------------------------------

_SVG = '<?xml version="1.0"?>\n<svg width="10pt" height="10pt" viewBox="0 0 10 10"><g/></svg>\n'


@pytest.fixture(scope="module")
def hostile() -> JourneyResult:
    import journeymap

    text = (EXAMPLES / "first-purchase.yaml").read_text(encoding="utf-8")
    text = text.replace("title: First purchase at Hearth & Home online", 'title: "</figcaption><script>x()</script>"')
    text = text.replace("    name: Awareness", "    name: <img src=x onerror=alert(1)> Awareness", 1)
    loaded = journeymap.load_text(text, "hostile.yaml")
    validation = journeymap.validate(loaded)
    assert validation.journey is not None
    return JourneyResult(loaded, validation)


def test_a_hostile_title_is_escaped_in_the_caption_and_the_svg_title(hostile: JourneyResult) -> None:
    html = figure_html(hostile, _SVG, FigureOptions(audit=True, score=True)).html
    assert "<script>" not in html
    assert "<figcaption>&lt;/figcaption&gt;&lt;script&gt;x()&lt;/script&gt;</figcaption>" in html
    assert "Journey map: &lt;/figcaption&gt;&lt;script&gt;x()&lt;/script&gt;</title>" in html
    assert "<img" not in html
    assert '<th scope="row">&lt;img src=x onerror=alert(1)&gt; Awareness</th>' in html  # the audit's stage table


@functools.cache
def _example() -> JourneyResult:
    """One workspace result for every example Hypothesis draws (loading it is the slow part)."""
    import journeymap

    return journeymap.run([str(EXAMPLES / "first-purchase.yaml")]).results[0]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(str.strip))
def test_any_caption_is_text_in_the_figcaption(caption: str) -> None:
    html = figure_html(_example(), _SVG, FigureOptions(caption=caption)).html
    assert f"<figcaption>{escape(caption)}</figcaption>" in html
    body = html.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
    assert "<" not in body
    assert ">" not in body
