"""The report library: pages, sections, determinism, findings, templates, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.errors import UsageError
from journeymap.reporting import ReportInput, ReportOptions, page_names, report
from journeymap.reporting.maps import inline_svg
from tests.reporting.helpers import example_inputs


@pytest.fixture(scope="module")
def inputs():  # type: ignore[no-untyped-def]
    return example_inputs(findings=True)


class Reports:
    """The report of the module's inputs in each format with the default options, made the first time a test reads it.

    Why: a report draws every example's map with Graphviz; the tests below only read the pages, so one report per
    format serves them all (test_same_input_same_bytes makes its own, twice, on purpose).
    """

    def __init__(self, inputs: list[ReportInput]) -> None:
        self.inputs = inputs
        self.made: dict[str, dict[str, bytes]] = {}

    def __getitem__(self, fmt: str) -> dict[str, bytes]:
        if fmt not in self.made:
            self.made[fmt] = report(self.inputs, fmt)
        return self.made[fmt]


@pytest.fixture(scope="module")
def reports(inputs: list[ReportInput]) -> Reports:
    return Reports(inputs)


@pytest.mark.parametrize("fmt", ["html", "markdown", "json"])
def test_same_input_same_bytes(inputs, fmt: str) -> None:  # type: ignore[no-untyped-def]
    options = ReportOptions(mermaid=True)
    first = report(inputs, fmt, options)
    second = report(example_inputs(findings=True), fmt, options)
    assert list(first) == sorted(first)
    assert first == second


def test_file_names(inputs, reports) -> None:  # type: ignore[no-untyped-def]
    html = reports["html"]
    assert sorted(html) == sorted([f"{item.journey.id}.html" for item in inputs] + ["index.html"])
    assert {"bank-account-opening.html", "fibre-sign-up-and-first-fault.html", "first-purchase.html"} <= set(html)
    markdown = report([i for i in inputs if i.journey.id == "bank-account-opening"], "markdown")
    assert sorted(markdown) == ["bank-account-opening-map.svg", "bank-account-opening.md"]
    assert list(reports["json"]) == ["report.json"]


def test_page_names_are_unique_and_never_index() -> None:
    assert page_names(["a", "a", "index", "a"]) == ["a", "a-2", "index-journey", "a-3"]


def test_unknown_format_is_a_usage_error(inputs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        report(inputs, "pdf")


def test_html_page_sections(reports) -> None:  # type: ignore[no-untyped-def]
    page = reports["html"]["first-purchase.html"].decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    for anchor in ("summary", "map", "personas", "stages", "hotspots", "findings", "metrics", "appendix"):
        assert f'<section id="{anchor}"' in page
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    assert 'role="img"' in page
    assert '<title id="journey-map-title">' in page
    assert "<script" not in page
    assert "http://" not in page.split("<svg")[0]
    assert "Sara, busy parent" in page
    assert "Checkout and payment" in page
    assert "✗ missed" in page


def test_html_rtl(reports) -> None:  # type: ignore[no-untyped-def]
    page = reports["html"]["bank-account-opening.html"].decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "الملخص" in page


def test_findings_grouped_by_severity_worst_first(reports) -> None:  # type: ignore[no-untyped-def]
    page = reports["html"]["first-purchase.html"].decode()
    errors, warnings, notes = page.index("Errors (1)"), page.index("Warnings (1)"), page.index("Notes (1)")
    assert errors < warnings < notes
    assert "examples/first-purchase.yaml:12:7" in page
    assert "assign the web team" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    markdown = reports["markdown"]["first-purchase.md"].decode()
    assert "| JM998 | JM998 | examples/first-purchase.yaml:12:7 | checkout has no owner |" in markdown
    assert "&lt;b&gt;bold&lt;/b&gt;" in markdown


def test_no_findings_state(reports) -> None:  # type: ignore[no-untyped-def]
    html = reports["html"]["bank-account-opening.html"].decode()
    assert "لا توجد نتائج تدقيق" in html
    html = reports["html"]["fibre-sign-up-and-first-fault.html"].decode()
    assert "No audit findings" in html
    markdown = reports["markdown"]["fibre-sign-up-and-first-fault.md"].decode()
    assert "No audit findings" in markdown


def test_index_links_every_journey_and_counts_rules(reports) -> None:  # type: ignore[no-untyped-def]
    index = reports["markdown"]["index.md"].decode()
    for page in ("bank-account-opening.md", "first-purchase.md", "fibre-sign-up-and-first-fault.md"):
        assert f"]({page})" in index
    assert "| JM997 |" in index
    assert "| JM998 |" in index
    html = reports["html"]["index.html"].decode()
    assert 'href="first-purchase.html"' in html


def test_markdown_map_image_and_mermaid(inputs, reports) -> None:  # type: ignore[no-untyped-def]
    files = report(inputs, "markdown", ReportOptions(mermaid=True))
    page = files["first-purchase.md"].decode()
    assert "](first-purchase-map.svg)" in page
    assert "```mermaid\njourney\n" in page
    assert files["first-purchase-map.svg"].startswith(b"<?xml")
    assert "```mermaid" not in reports["markdown"]["first-purchase.md"].decode()


def test_json_is_versioned_and_plain(inputs, reports) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(reports["json"]["report.json"])
    assert data["schema_version"] == 1
    ids = [j["id"] for j in data["journeys"]]
    assert ids == [item.journey.id for item in inputs]  # input order (examples sorted by file name)
    first = data["journeys"][ids.index("first-purchase")]
    assert first["findings"]["count"] == 3
    assert [g["severity"] for g in first["findings"]["groups"]] == ["error", "warning", "info"]
    assert len(data["journeys"][ids.index("fibre-sign-up-and-first-fault")]["hotspots"]) == 5
    assert data["portfolio"]["rules"][0]["code"] == "JM997"


def test_template_dir_overrides_one_template(inputs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "markdown").mkdir()
    (tmp_path / "markdown" / "index.md.j2").write_text(
        "# Our journeys\n{% for j in portfolio.journeys %}- {{ j.title|md }}\n{% endfor %}"
    )
    files = report(inputs, "markdown", ReportOptions(template_dir=str(tmp_path)))
    assert files["index.md"].decode().startswith("# Our journeys\n- فتح")
    assert files["first-purchase.md"].decode().startswith("# First purchase")


def test_inline_svg_fits_the_page() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- c -->\n'
        '<svg width="3474pt" height="842pt" viewBox="0.00 0.00 3474.10 842.00" xmlns="http://www.w3.org/2000/svg">'
        "<g/></svg>"
    )
    out = inline_svg(svg, "Map: <Sara & Omar>")
    assert out.startswith('<svg viewBox="0.00 0.00 3474.10 842.00"')
    assert 'width="100%"' in out
    assert "3474pt" not in out
    assert 'preserveAspectRatio="xMidYMid meet"' in out
    assert '<title id="journey-map-title">Map: &lt;Sara &amp; Omar&gt;</title>' in out
    assert "<!--" not in out
