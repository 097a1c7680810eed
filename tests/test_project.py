"""Every address journeymap prints, links or embeds leads somewhere: checked offline, against docs/ itself.

Documentation links point at the Markdown files in the repository's docs/
folder at the release's tag, so each must name a file that exists here and a
heading anchor that GitHub generates for it (or an explicit ``<a id>``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from journeymap import __version__
from journeymap.codes import CODES, doc_url
from journeymap.formats.sarif import sarif_log
from journeymap.model.json_schema import journey_schema
from journeymap.project import DOCUMENTATION, ISSUES, RAW, REPOSITORY, SCHEMA_URL, TAG, docs_url
from tests.conftest import ROOT, run_cli

DOCS_PREFIX = f"{REPOSITORY}/blob/{TAG}/docs/"
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_EXPLICIT = re.compile(r"""<a\s+(?:id|name)=["']([^"']+)["']""")


def github_anchor(heading: str) -> str:
    """GitHub's heading id: the text as rendered, lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").replace("*", "")
    kept = "".join(ch for ch in text.lower() if ch in " -_" or unicodedata.category(ch)[0] in "LNM")
    return kept.replace(" ", "-")


@cache
def anchors(page: str) -> frozenset[str]:
    """The anchors of a docs page, as GitHub renders it (repeated headings get -1, -2...)."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in (ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        found.update(_EXPLICIT.findall(line))
        heading = _HEADING.match(line)
        if heading:
            slug = github_anchor(heading.group(1))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return frozenset(found)


def broken(url: str) -> str | None:
    """Why a documentation URL leads nowhere, or None when its page and anchor exist."""
    if url.startswith(f"{RAW}/"):
        return None if (ROOT / url.removeprefix(f"{RAW}/")).is_file() else "no such file in the repository"
    if not url.startswith(DOCS_PREFIX):
        return f"not under {DOCS_PREFIX}"
    page, _, anchor = url.removeprefix(DOCS_PREFIX).partition("#")
    if not (ROOT / "docs" / page).is_file():
        return f"no docs/{page}"
    if anchor and anchor not in anchors(page):
        return f"docs/{page} has no heading or anchor '{anchor}'"
    return None


def repository_urls(text: str) -> list[str]:
    return re.findall(rf"{re.escape(REPOSITORY)}/blob/[^\s\"')>\]]+|{re.escape(RAW)}/[^\s\"')>\]]+", text)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_links_to_its_explanation(code: str) -> None:
    assert broken(doc_url(code)) is None, (doc_url(code), broken(doc_url(code)))


def test_schema_links_resolve() -> None:
    text = json.dumps(journey_schema(), ensure_ascii=False)
    urls = repository_urls(text)
    assert SCHEMA_URL in urls
    assert [(url, broken(url)) for url in urls if broken(url)] == []


def test_schema_id_is_the_committed_file_at_the_release_tag() -> None:
    raw = f"https://raw.githubusercontent.com/journeymap/journeymap/v{__version__}"
    assert journey_schema()["$id"] == f"{raw}/docs/schema/journeymap.schema.json"
    assert broken(SCHEMA_URL) is None


def test_sarif_links_resolve() -> None:
    driver = sarif_log([], sorted(CODES), __version__)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == REPOSITORY
    assert [(r["id"], broken(r["helpUri"])) for r in driver["rules"] if broken(r["helpUri"])] == []


def test_starter_journey_points_at_the_published_schema(tmp_path: Path) -> None:
    assert run_cli("init", "a.journey.yaml", cwd=tmp_path).code == 0
    first = (tmp_path / "a.journey.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_URL}"


def test_no_address_of_a_site_that_does_not_exist() -> None:
    """The project has no site of its own: nothing links to one (decision records may tell the history)."""
    places = [*ROOT.glob("journeymap/**/*.py"), *ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "pyproject.toml"]
    places.append(ROOT / "docs" / "schema" / "journeymap.schema.json")
    offenders = [
        p.relative_to(ROOT)
        for p in places
        if re.search(r"journeymap\.readthedocs|journeymap\.dev", p.read_text("utf-8"))
    ]
    assert offenders == []


def test_package_metadata_uses_the_same_addresses() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls == {
        "Homepage": REPOSITORY,
        "Documentation": DOCUMENTATION,
        "Repository": REPOSITORY,
        "Issues": ISSUES,
    }


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("JM300 stage-without-touchpoints", "jm300-stage-without-touchpoints"),
        ("Measuring metrics from exports (`journeymap measure`)", "measuring-metrics-from-exports-journeymap-measure"),
        ("Shared personas and channels", "shared-personas-and-channels"),
        ("What it does", "what-it-does"),
        ("نقاط الاتصال: ما بعد", "نقاط-الاتصال-ما-بعد"),
    ],
)
def test_github_anchor_rules(heading: str, anchor: str) -> None:
    assert github_anchor(heading) == anchor


def test_repeated_headings_are_numbered_as_github_numbers_them() -> None:
    assert {"what-it-does", "what-it-does-1"} <= anchors("audit-rules.md")
    assert broken(docs_url("audit-rules.md", "no-such-heading")) is not None
    assert broken(docs_url("no-such-page.md")) is not None
