"""The source release: it carries the tests, docs and examples, and its metadata links to the project.

Why: distributions (Debian, conda-forge) build from the sdist and run its
tests; an sdist without them cannot be checked. Built with uv, as the
project's tooling does (``./scripts/bootstrap`` installs it in .tools/).
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from journeymap import __version__
from journeymap.project import DOCUMENTATION, ISSUES, REPOSITORY
from tests.conftest import ROOT, require

#: The top-level folders and files of the repository a source release holds.
SHIPPED = ("journeymap", "tests", "docs", "examples", "README.md", "LICENSE")


def _uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    require(Path(found).is_file(), "uv is not installed (./scripts/bootstrap puts it in .tools/bin)")
    return found


def _tracked(folders: tuple[str, ...]) -> set[str]:
    """The files git tracks under ``folders`` (what a clone has): each must be in the sdist."""
    listed = subprocess.run(["git", "ls-files", "-z", *folders], cwd=ROOT, capture_output=True, check=False)
    require(listed.returncode == 0 and listed.stdout, "not a git checkout")
    names = set(listed.stdout.decode("utf-8").split("\0")) - {""}
    return {name for name in names if (ROOT / name).is_file()}


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tarfile.TarFile:
    uv = _uv()
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [uv, "build", "--sdist", "--out-dir", str(out), str(ROOT)], capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (archive,) = out.glob("journeymap-*.tar.gz")
    return tarfile.open(archive)


def _members(sdist: tarfile.TarFile) -> set[str]:
    prefix = f"journeymap-{__version__}/"
    return {m.name.removeprefix(prefix) for m in sdist.getmembers() if m.isfile()}


@pytest.mark.client
def test_sdist_holds_tests_docs_and_examples(sdist: tarfile.TarFile) -> None:
    members = _members(sdist)
    expected = {
        "pyproject.toml",
        "PKG-INFO",
        "README.md",
        "LICENSE",
        "journeymap/py.typed",
        "tests/conftest.py",
        "tests/ecosystem/test_packaging.py",
        "tests/golden/README.md",
        "docs/schema/journeymap.schema.json",
        "docs/diagnostics.md",
        "examples/first-purchase.yaml",
        "examples/bank-account-opening-ar.yaml",
    }
    assert expected <= members, sorted(expected - members)
    missing = _tracked(SHIPPED[:4]) - members
    assert missing == set(), sorted(missing)[:20]


@pytest.mark.client
def test_sdist_holds_nothing_else(sdist: tarfile.TarFile) -> None:
    tops = {name.split("/")[0] for name in _members(sdist)}
    assert tops <= {*SHIPPED, "pyproject.toml", "PKG-INFO", ".gitignore"}, tops
    assert [name for name in _members(sdist) if "__pycache__" in name or name.endswith(".pyc")] == []


@pytest.mark.client
def test_sdist_metadata_links_to_the_project(sdist: tarfile.TarFile) -> None:
    info = sdist.extractfile(f"journeymap-{__version__}/PKG-INFO")
    assert info is not None
    metadata = email.message_from_bytes(info.read())
    urls = dict(value.split(", ", 1) for value in metadata.get_all("Project-URL", []))
    assert urls == {"Homepage": REPOSITORY, "Documentation": DOCUMENTATION, "Repository": REPOSITORY, "Issues": ISSUES}
