"""The official YAML test suite (read from the shared corpus) against the loader.

Every case goes through ``journeymap.loader.load`` and ``validate``: nothing may
raise, and every case the suite marks ``fail: true`` must produce at least one
load diagnostic. A deterministic sample also goes through the real CLI.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from journeymap.loader import load
from journeymap.validation import validate
from tests.conftest import CORPUS, assert_no_traceback, require_corpus, run_cli

SUITE = CORPUS / "yaml-test-suite"
CLI_SAMPLE_SIZE = 40

#: Invalid YAML that libyaml (and therefore PyYAML's C loader) accepts anyway.
#: Not journeymap's doing; strict so that a libyaml fix shows up here.
LIBYAML_ACCEPTS = {
    "9C9N": "flow sequence continuation lines not indented",
    "DK95-01": "TAB that looks like indentation inside a quoted scalar",
    "QB6E": "multi-line quoted scalar not indented",
    "S98Z": "block scalar with more spaces than its first content line",
    "SU5Z": "comment without whitespace after a double-quoted scalar",
    "X4QW": "comment without whitespace after a block scalar indicator",
}


def _cases() -> list[tuple[str, str, bool]]:
    index = SUITE / "index.tsv"
    if not index.is_file():
        return []
    with index.open(encoding="utf-8", newline="") as handle:
        return [(row["id"], row["name"], row["fail"] == "true") for row in csv.DictReader(handle, delimiter="\t")]


CASES = _cases()
FAILING = [(case_id, name) for case_id, name, fail in CASES if fail]


def _path(case_id: str) -> Path:
    return SUITE / f"{case_id}.yaml"


@pytest.fixture(autouse=True)
def _need_corpus() -> None:
    require_corpus(SUITE.is_dir() and CASES, f"YAML test suite corpus not found at {SUITE}")


def test_index_lists_every_file() -> None:
    on_disk = {path.stem for path in SUITE.glob("*.yaml")}
    assert on_disk == {case_id for case_id, _, _ in CASES}
    assert len(FAILING) > 50


@pytest.mark.parametrize("case_id", [case_id for case_id, _, _ in CASES] or ["none"])
def test_load_and_validate_never_raise(case_id: str) -> None:
    loaded = load(str(_path(case_id)))
    result = validate(loaded)
    assert result.journey is None  # no test-suite case is a journey
    assert result.diagnostics
    for diagnostic in result.diagnostics:
        assert diagnostic.span.line >= 1, diagnostic
        assert diagnostic.span.column >= 1, diagnostic
        assert diagnostic.code.startswith("JM"), diagnostic


@pytest.mark.parametrize(
    "case_id",
    [
        pytest.param(
            case_id,
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason=f"libyaml accepts this: {LIBYAML_ACCEPTS[case_id]}"
            ),
        )
        if case_id in LIBYAML_ACCEPTS
        else case_id
        for case_id, _ in FAILING
    ]
    or ["none"],
)
def test_invalid_yaml_is_diagnosed_by_the_loader(case_id: str) -> None:
    loaded = load(str(_path(case_id)))
    assert loaded.diagnostics, f"{case_id} is invalid YAML but loaded as {loaded.data!r}"
    assert loaded.data is None or not loaded.ok


def _sample() -> list[str]:
    """Every n-th case by id: deterministic, and mixes valid and invalid YAML."""
    ids = sorted(case_id for case_id, _, _ in CASES)
    step = max(1, len(ids) // CLI_SAMPLE_SIZE)
    return ids[::step][:CLI_SAMPLE_SIZE]


@pytest.mark.parametrize("case_id", _sample() or ["none"])
def test_cli_sample_fails_cleanly(case_id: str) -> None:
    path = _path(case_id)
    before = path.read_bytes()
    result = run_cli("validate", path)
    assert_no_traceback(result)
    assert result.code in {1, 2}, result.output
    assert result.stderr == "", result.stderr
    assert f"{path}:" in result.stdout
    assert path.read_bytes() == before


def test_cli_whole_suite_in_one_run() -> None:
    result = run_cli("validate", SUITE)
    assert_no_traceback(result)
    assert result.code == 1, result.output[-2000:]
    assert result.stdout.rstrip().split("\n")[-1].startswith(f"{len(CASES)} files, 0 personas")
