"""The Sphinx directive in real ``sphinx-build -W`` runs on the bundled examples."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, require
from tests.integrations.helpers import Build, journeys, run_tool

pytestmark = pytest.mark.client

CONF = 'project = "Journeys"\nextensions = ["journeymap.integrations.sphinx"]\n'
INDEX = """\
Journeys
========

.. toctree::

   arabic

.. journeymap:: ../journeys/first-purchase.yaml
   :audit:
   :score: true
"""
ARABIC = """\
Arabic
======

.. journeymap:: /../journeys/bank-account-opening-ar.yaml
   :view: flow
   :persona: noura
"""


def project(root: Path, pages: dict[str, str], conf: str = CONF) -> None:
    require(importlib.util.find_spec("sphinx"), "Sphinx is not installed (./scripts/bootstrap --dev)")
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "conf.py").write_text(conf, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")


def build(root: Path, builder: str = "html", *extra: str) -> Build:
    return run_tool("sphinx-build", "-W", "-b", builder, *extra, "docs", f"site-{builder}", cwd=root)


def test_the_directive_draws_inline_svg_in_a_parallel_build_and_redraws_after_an_edit(tmp_path: Path) -> None:
    journeys(tmp_path)
    project(tmp_path, {"index.rst": INDEX, "arabic.rst": ARABIC})
    result = build(tmp_path, "html", "-j", "2")  # an extension that is not parallel-safe is a warning here
    assert result.code == 0, result.output
    index = (tmp_path / "site-html" / "index.html").read_text(encoding="utf-8")
    assert '<div class="journeymap" lang="en" dir="ltr">' in index
    assert '<title id="journeymap-index-1">Journey map: First purchase at Hearth &amp; Home online</title>' in index
    assert '<table class="journeymap-audit">' in index
    assert '<p class="journeymap-score">' in index
    arabic = (tmp_path / "site-html" / "arabic.html").read_text(encoding="utf-8")
    assert '<div class="journeymap" lang="ar" dir="rtl">' in arabic
    assert "مسار نقاط التواصل: فتح حساب جارٍ لدى مصرف الواحة" in arabic
    journey = tmp_path / "journeys" / "first-purchase.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("First purchase at", "First order at"), "utf-8")
    again = build(tmp_path, "html", "-j", "2")
    assert again.code == 0, again.output
    assert "First order at Hearth" in (tmp_path / "site-html" / "index.html").read_text(encoding="utf-8")


def test_a_broken_journey_fails_the_build_at_the_directive_with_the_journey_place(tmp_path: Path) -> None:
    folder = journeys(tmp_path, "first-purchase.yaml")
    shutil.copy(FIXTURES / "invalid" / "JM101-missing-channel.yaml", folder / "broken.yaml")
    page = "Broken\n======\n\n.. journeymap:: ../journeys/broken.yaml\n\n.. journeymap:: ../journeys/nope.yaml\n"
    project(tmp_path, {"index.rst": page})
    result = build(tmp_path)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "index.rst:4: WARNING: journeymap: journeys/broken.yaml is not a valid journey:" in result.output
    assert (
        "journeys/broken.yaml:14:9: error[JM101] touchpoint 'upload-payslips' is missing the required key 'channel'"
    ) in result.output
    assert "index.rst:6: WARNING: journeymap: journey file not found: journeys/nope.yaml" in result.output


def test_unknown_options_and_values_fail_the_build_clearly(tmp_path: Path) -> None:
    journeys(tmp_path, "first-purchase.yaml")
    page = (
        "Options\n=======\n\n"
        ".. journeymap:: ../journeys/first-purchase.yaml\n   :veiw: flow\n\n"
        ".. journeymap:: ../journeys/first-purchase.yaml\n   :view: flwo\n\n"
        ".. journeymap:: ../journeys/first-purchase.yaml\n   :audit: maybe\n"
    )
    project(tmp_path, {"index.rst": page})
    result = build(tmp_path)
    assert result.code == 1, result.output
    assert 'index.rst:4: ERROR: Error in "journeymap" directive:\nunknown option: "veiw".' in result.output
    assert "index.rst:7: WARNING: journeymap: unknown view 'flwo'; choose map, flow, compact\n" in result.output
    assert "  hint: did you mean 'flow'?" in result.output
    assert "index.rst:10: WARNING: journeymap: option 'audit' takes true or false, not 'maybe'" in result.output


def test_conf_py_sets_defaults_and_other_builders_get_the_title(tmp_path: Path) -> None:
    journeys(tmp_path, "telecom-support.yaml")
    page = "Text\n====\n\n.. journeymap:: ../journeys/telecom-support.yaml\n"
    project(tmp_path, {"index.rst": page}, CONF + 'journeymap_view = "flow"\n')
    result = build(tmp_path, "text")
    assert result.code == 0, result.output
    text = " ".join((tmp_path / "site-text" / "index.txt").read_text(encoding="utf-8").split())
    title = "Kestrel Fibre, from sign-up to the first fault fixed"
    assert f"Text **** Touchpoint flow: {title} (../journeys/telecom-support.yaml)" in text


def test_latex_gets_the_map_as_a_pdf_figure(tmp_path: Path) -> None:
    journeys(tmp_path, "first-purchase.yaml")
    page = "Print\n=====\n\n.. journeymap:: ../journeys/first-purchase.yaml\n   :theme: print\n"
    project(tmp_path, {"index.rst": page})
    result = build(tmp_path, "latex")
    assert result.code == 0, result.output
    pdfs = list((tmp_path / "site-latex").glob("journeymap-*.pdf"))
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF-")
    tex = (tmp_path / "site-latex" / "journeys.tex").read_text(encoding="utf-8")
    assert f"\\sphinxincludegraphics{{{{{pdfs[0].stem}}}.pdf}}" in tex
    assert "\\caption{Journey map: First purchase at Hearth \\& Home online}" in tex


def test_the_directive_is_a_fenced_block_in_myst_markdown(tmp_path: Path) -> None:
    require(importlib.util.find_spec("myst_parser"), "myst-parser is not installed (the MyST recipes need it)")
    journeys(tmp_path, "bank-account-opening-ar.yaml")
    page = "# Journeys\n\n```{journeymap} ../journeys/bank-account-opening-ar.yaml\n:audit:\n```\n"
    project(tmp_path, {"index.md": page}, CONF.replace('extensions = ["', 'extensions = ["myst_parser", "'))
    result = build(tmp_path)
    assert result.code == 0, result.output
    index = (tmp_path / "site-html" / "index.html").read_text(encoding="utf-8")
    assert '<div class="journeymap" lang="ar" dir="rtl">' in index
    assert '<table class="journeymap-audit">' in index
