"""The docs-pipeline recipes, copied exactly from docs/docs-pipeline.md and built for real.

Why from the page itself: the Sphinx recipe once listed pages by journey file
name, but pages are named after the journey id, and ``sphinx-build -W`` failed
for anyone who copied it. A recipe that is not run is a guess.
"""

from __future__ import annotations

import fnmatch
import importlib.util
from pathlib import Path

import pytest

from tests.conftest import require, run_cli
from tests.integrations.helpers import follow, journeys, recipe_commands, recipe_files, section


def _toctree_entries(rst: str) -> tuple[list[str], bool]:
    """The entries of the one toctree in ``rst``, and whether it has ``:glob:``."""
    body = rst.split(".. toctree::", 1)[1].splitlines()[1:]
    options = [line.strip() for line in body if line.strip().startswith(":")]
    entries = [line.strip() for line in body if line.strip() and not line.strip().startswith(":")]
    return entries, ":glob:" in options


def test_the_sphinx_recipe_includes_every_page_the_report_writes(tmp_path: Path) -> None:
    recipe = section("## Sphinx (MyST)")
    journeys(tmp_path, "[ft]*.yaml")  # two journeys and their future states: the index and four pages
    for command in recipe_commands(recipe):
        if command[0] == "journeymap":
            assert run_cli(*command[1:], cwd=tmp_path).code == 0
    pages = sorted(p.relative_to(tmp_path / "docs").with_suffix("").as_posix() for p in tmp_path.glob("docs/**/*.md"))
    assert "journeys/fibre-sign-up-and-first-fault" in pages  # named after the id, not telecom-support.yaml
    entries, glob = _toctree_entries(recipe_files(recipe)["docs/index.rst"])
    listed = {page for page in pages for entry in entries if (fnmatch.fnmatch(page, entry) if glob else page == entry)}
    assert sorted(listed) == pages
    assert all((glob and "*" in entry) or entry in pages for entry in entries)


@pytest.mark.client
def test_the_sphinx_myst_recipe_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    require(importlib.util.find_spec("sphinx"), "Sphinx is not installed (./scripts/bootstrap --dev)")
    require(importlib.util.find_spec("myst_parser"), "myst-parser is not installed (the Sphinx recipe needs it)")
    require(importlib.util.find_spec("sphinxcontrib.mermaid"), "sphinxcontrib-mermaid is not installed (recipe)")
    journeys(tmp_path)
    build = follow(section("## Sphinx (MyST)"), tmp_path)
    assert build.code == 0, build.output
    page = (tmp_path / "site" / "journeys" / "fibre-sign-up-and-first-fault.html").read_text(encoding="utf-8")
    assert "fibre-sign-up-and-first-fault-map.svg" in page
    assert (tmp_path / "site" / "journeys" / "bank-account-opening.html").is_file()


@pytest.mark.client
def test_the_mkdocs_plugin_recipe_builds_strict(tmp_path: Path) -> None:
    require(importlib.util.find_spec("mkdocs"), "mkdocs is not installed (./scripts/bootstrap --dev)")
    journeys(tmp_path)
    build = follow(section("### MkDocs plugin"), tmp_path)
    assert build.code == 0, build.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<div class="journeymap" lang="en" dir="ltr">' in home
    assert '<p class="journeymap-score">' in home
    assert '<table class="journeymap-audit">' in home  # `audit: true` in mkdocs.yml is every map's default
    arabic = (tmp_path / "site" / "journeys" / "bank-account-opening-ar" / "index.html").read_text(encoding="utf-8")
    assert '<div class="journeymap" lang="ar" dir="rtl">' in arabic


@pytest.mark.client
def test_the_sphinx_directive_recipe_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    require(importlib.util.find_spec("sphinx"), "Sphinx is not installed (./scripts/bootstrap --dev)")
    journeys(tmp_path)
    build = follow(section("### Sphinx directive"), tmp_path)
    assert build.code == 0, build.output
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="journeymap"') == 2
    assert '<div class="journeymap" lang="ar" dir="rtl">' in page
    assert "<figcaption>Opening an account (Arabic)</figcaption>" in page
