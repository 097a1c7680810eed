"""Every rule: its failing and passing fixture, its documentation, its place in the code table."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from journeymap.auditing.docs import catalogue_markdown
from journeymap.auditing.engine import Settings, audit
from journeymap.auditing.registry import RULES
from journeymap.auditing.rule import FAMILIES, SECTIONS, Rule
from journeymap.codes import CODES
from journeymap.loader import load
from journeymap.validation import validate
from tests.conftest import FIXTURES, ROOT

AUDIT_FIXTURES = FIXTURES / "audit"
FIXTURE_FILES = sorted(AUDIT_FIXTURES.glob("JM*.yaml"))
DOMAIN = ROOT / "docs" / "domain.md"
#: A citation of the domain reference, ``docs/domain.md#anchor``, as the rules write it.
DOMAIN_CITATION = re.compile(r"docs/domain\.md#([\w-]+)")


def _expected(path: Path) -> list[str]:
    """The header ``# expect: JM320 16:16, JM320 20:3`` or ``# expect: none``."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (.+)", first)
    assert match, f"{path.name} needs an '# expect:' header"
    return [] if match.group(1) == "none" else [part.strip() for part in match.group(1).split(",")]


def audit_file(path: Path, settings: Settings) -> list[str]:
    loaded = load(str(path))
    result = validate(loaded)
    assert result.journey is not None, result.diagnostics
    return [f"{d.code} {d.span.line}:{d.span.column}" for d in audit(result.journey, loaded.source_map, settings)]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_gives_exactly_its_findings(path: Path) -> None:
    code = path.stem.split("-")[0]
    assert audit_file(path, Settings(select=(code,))) == _expected(path)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_failing_and_a_passing_fixture(rule: Rule) -> None:
    code = rule.code
    fail, passing = AUDIT_FIXTURES / f"{code}-fail.yaml", AUDIT_FIXTURES / f"{code}-pass.yaml"
    assert fail.exists()
    assert passing.exists()
    assert _expected(fail), "the failing fixture must expect at least one finding"
    assert all(e.startswith(code + " ") for e in _expected(fail))
    assert _expected(passing) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_docstring_has_the_required_sections(rule: Rule) -> None:
    sections = rule.sections()
    assert list(sections) == list(SECTIONS)
    assert all(sections[title] for title in SECTIONS)
    assert DOMAIN_CITATION.search(sections["Why it matters"]), "cite the domain reference: (docs/domain.md#section)"
    assert "```yaml" in sections["Example"]
    assert "```yaml" in sections["Use instead"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_is_in_the_code_table(rule: Rule) -> None:
    entry = CODES[rule.code]
    assert entry.stage == "audit"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.name)
    assert rule.family in FAMILIES
    assert rule.why.endswith(".")
    rule.Options()  # defaults are valid


def test_registry_lists_every_audit_rule_code_once() -> None:
    rule_codes = [rule.code for rule in RULES]
    assert len(rule_codes) == len(set(rule_codes))
    audit_codes = {c for c, e in CODES.items() if e.stage == "audit"} - {"JM390", "JM391", "JM392"}
    assert set(rule_codes) == audit_codes
    assert 20 <= len(rule_codes) <= 40


def test_families_follow_the_code_ranges() -> None:
    ranges = {"coverage": "JM30", "measurement": "JM31", "performance": "JM32", "experience": "JM33"}
    ranges |= {"omnichannel": "JM34", "flow": "JM35"}
    for rule in RULES:
        assert rule.code.startswith(ranges[rule.family]), rule.code


def test_audit_rules_doc_is_current() -> None:
    current = (ROOT / "docs" / "audit-rules.md").read_text(encoding="utf-8")
    assert current == catalogue_markdown(), "run: python scripts/generate_docs.py"


def _anchors(markdown: str) -> set[str]:
    """The anchors of a page's headings, made the way GitHub and MkDocs make them (plain-text headings)."""
    found: set[str] = set()
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else re.match(r"#{1,6} (.+)", line)
        if match:
            text = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", match.group(1)).replace("`", "").strip().lower()
            slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
            n = 0
            while (candidate := slug if n == 0 else f"{slug}-{n}") in found:
                n += 1
            found.add(candidate)
    return found


def _domain_citations() -> list[tuple[str, str]]:
    """(where, anchor) for every citation of docs/domain.md: rule docstrings, the package's code and the docs."""
    cited = [(rule.code, a) for rule in RULES for a in DOMAIN_CITATION.findall(inspect.getdoc(rule) or "")]
    for path in sorted((ROOT / "journeymap").rglob("*.py")):
        cited += [(str(path.relative_to(ROOT)), a) for a in DOMAIN_CITATION.findall(path.read_text(encoding="utf-8"))]
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        links = re.findall(r"\]\(domain\.md#([\w-]+)\)", text) + DOMAIN_CITATION.findall(text)
        if path == DOMAIN:
            links += re.findall(r"\]\(#([\w-]+)\)", text)
        cited += [(str(path.relative_to(ROOT)), a) for a in links]
    return cited


def test_anchors_follow_github_and_mkdocs() -> None:
    page = "# Title\n## Principles of good service\n### Speed\n```\n## no heading\n```\n## Aggregates: a, b\n## Speed\n"
    assert _anchors(page) == {"title", "principles-of-good-service", "speed", "aggregates-a-b", "speed-1"}


def test_every_domain_citation_points_at_a_section_of_docs_domain_md() -> None:
    anchors = _anchors(DOMAIN.read_text(encoding="utf-8"))
    cited = _domain_citations()
    assert {code for code, _ in cited} >= {rule.code for rule in RULES}, "every rule cites the domain reference"
    missing = sorted({f"{where}: docs/domain.md#{anchor}" for where, anchor in cited if anchor not in anchors})
    assert not missing, "citations of sections docs/domain.md does not have:\n" + "\n".join(missing)
