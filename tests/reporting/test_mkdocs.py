"""The docs-pipeline path for real: generated Markdown in a MkDocs (Material) site, built with --strict."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.reporting import ReportOptions, report
from tests.conftest import require
from tests.reporting.helpers import example_inputs

pytestmark = pytest.mark.client

MKDOCS_YML = """\
site_name: Journeys
theme:
  name: material
markdown_extensions:
  - tables
"""


def test_strict_mkdocs_build_shows_maps_and_findings(tmp_path: Path) -> None:
    require(importlib.util.find_spec("mkdocs"), "mkdocs is not installed (./scripts/bootstrap --dev)")
    require(importlib.util.find_spec("material"), "mkdocs-material is not installed (./scripts/bootstrap --dev)")
    docs = tmp_path / "docs" / "journeys"
    docs.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee the [journeys](journeys/index.md).\n", encoding="utf-8")
    for name, data in report(example_inputs(findings=True), "markdown", ReportOptions(mermaid=True)).items():
        (docs / name).write_bytes(data)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    site = tmp_path / "site" / "journeys"
    page = (site / "first-purchase" / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Journey map: First purchase at Hearth &amp; Home online" src="../first-purchase-map.svg"' in page
    assert (site / "first-purchase-map.svg").exists()
    assert 'id="findings"' in page
    assert "checkout has no owner" in page
    assert "assign the web team" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page
    other = (site / "fibre-sign-up-and-first-fault" / "index.html").read_text(encoding="utf-8")
    assert "No audit findings" in other
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="first-purchase/"' in index
