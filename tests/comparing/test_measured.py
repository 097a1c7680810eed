"""Measured snapshots on both sides of `compare`: at a git revision, and a measured side against a typed one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import measured_telecom, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The telecom demo, measured from its exports and committed with its snapshot; the future state beside it."""
    repo = measured_telecom(tmp_path_factory.mktemp("measured"))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "measured")
    return repo


def test_a_clean_tree_with_a_snapshot_has_no_change_at_its_own_commit(measured: Path) -> None:
    result = run_cli("compare", "--git", "HEAD", "telecom-support.yaml", "--fail-on", "regression", cwd=measured)
    assert result.code == 0, result.output
    assert "no regressions" in result.stdout
    assert "* changed" not in result.stdout
    assert "introduced" not in result.stdout
    as_json = run_cli("compare", "--git", "HEAD", "telecom-support.yaml", "-f", "json", cwd=measured)
    document = json.loads(as_json.stdout)
    [comparison] = document["comparisons"]
    assert comparison["touchpoints"] == []
    assert comparison["findings"] == []
    assert comparison["before"]["measured"]
    assert comparison["after"]["measured"]
    assert comparison["note"] is None


def test_no_measured_reads_neither_snapshot(measured: Path) -> None:
    result = run_cli("--no-measured", "compare", "--git", "HEAD", "telecom-support.yaml", "-f", "json", cwd=measured)
    assert result.code == 0, result.output
    [comparison] = json.loads(result.stdout)["comparisons"]
    assert not comparison["before"]["measured"]
    assert not comparison["after"]["measured"]
    assert comparison["journey"]["before"] == comparison["journey"]["after"]


def test_the_revision_side_uses_the_snapshot_it_had_then(measured: Path, tmp_path: Path) -> None:
    """Deleting the snapshot in the working tree: HEAD's side keeps its measured values, the working side is typed."""
    work = tmp_path / "work"
    shutil.copytree(measured, work)
    (work / "telecom-support.measured.json").unlink()
    result = run_cli("compare", "--git", "HEAD", "telecom-support.yaml", cwd=work)
    assert result.code == 0, result.output
    note = "note: HEAD:telecom-support.yaml rests on measured data, telecom-support.yaml on values typed"
    assert note in result.stdout
    assert "Customer Satisfaction: 42% (n=317, 95% " in result.stdout  # HEAD's measured CSAT, with its n
    assert "-> 74%" in result.stdout


@pytest.mark.parametrize("fmt", ["human", "markdown", "html", "json"])
def test_a_measured_side_against_a_typed_one_is_said_once_in_every_format(measured: Path, fmt: str) -> None:
    result = run_cli("compare", "telecom-support.yaml", "telecom-support.future.yaml", "-f", fmt, cwd=measured)
    assert result.code == 0, result.output
    assert result.stdout.count("rests on measured data") == 1, result.stdout
    assert "telecom-support.future.yaml on values typed in the journey" in result.stdout
    assert "5.95 (n=185, 95% 5.80 to 6.09)" in result.stdout


def test_the_note_and_the_sample_sizes_are_arabic_in_an_arabic_comparison(measured: Path) -> None:
    result = run_cli("compare", "--lang", "ar", "telecom-support.yaml", "telecom-support.future.yaml", cwd=measured)
    assert result.code == 0, result.output
    assert "rests on measured data" not in result.stdout
    assert "n=185" not in result.stdout
    assert "٥٫٩٥" in result.stdout
