"""The tests mirror the package: every package of journeymap has a folder of tests, and no test folder is stray.

Why: a newcomer looks for the tests of ``journeymap/rendering`` in ``tests/rendering``;
a package without tests, or tests for a package that was renamed, is found here.
"""

from __future__ import annotations

from tests.conftest import ROOT

PACKAGE = ROOT / "journeymap"
TESTS = ROOT / "tests"
#: Test folders that are not about one package.
CROSS_CUTTING = {"ecosystem", "fixtures", "fuzz", "golden", "__pycache__"}


def packages() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}


def test_every_package_has_a_test_folder_with_tests() -> None:
    missing = sorted(name for name in packages() if not list((TESTS / name).glob("test_*.py")))
    assert not missing, f"add tests/<package>/test_*.py for: {missing}"


def test_every_test_folder_is_a_package_or_cross_cutting() -> None:
    folders = {p.name for p in TESTS.iterdir() if p.is_dir()}
    stray = sorted(folders - packages() - CROSS_CUTTING)
    assert not stray, f"test folders with no package of that name: {stray}"
