"""`compare --git REV`: a branch reviewed against its base, in a real temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, assert_no_traceback, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
PAIR = FIXTURES / "compare"


def _git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the current state, then the future state written over it, a new journey and one deleted."""
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    _git(tmp_path, "init", "-q", "-b", "main")
    (journeys / "fault.yaml").write_bytes((PAIR / "current.yaml").read_bytes())
    (journeys / "old.yaml").write_bytes((PAIR / "current.yaml").read_bytes())
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "current state")
    (journeys / "fault.yaml").write_bytes((PAIR / "future.yaml").read_bytes())
    (journeys / "old.yaml").unlink()
    (journeys / "new.yaml").write_bytes((PAIR / "current.yaml").read_bytes())
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "future state")
    return tmp_path


def test_a_directory_is_compared_with_the_previous_commit(repo: Path) -> None:
    result = run_cli("compare", "--git", "HEAD~1", "journeys/", "-f", "json", cwd=repo)
    assert result.code == 0, result.output
    document = json.loads(result.stdout)
    [comparison] = document["comparisons"]
    assert comparison["before"]["path"] == "HEAD~1:journeys/fault.yaml"
    assert comparison["after"]["path"] == "journeys/fault.yaml"
    assert {t["id"]: t["status"] for t in comparison["touchpoints"]}["live-status"] == "renamed"
    assert document["added"] == ["journeys/new.yaml"]
    assert document["removed"] == ["journeys/old.yaml"]


def test_the_markdown_comment_names_the_revision(repo: Path) -> None:
    result = run_cli("compare", "--git", "main~1", "journeys/fault.yaml", "-f", "markdown", cwd=repo)
    assert result.code == 0, result.output
    assert "`HEAD~1:" not in result.stdout
    assert "`main~1:journeys/fault.yaml` (current) → `journeys/fault.yaml` (future)" in result.stdout


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = run_cli("compare", "--git", "no-such-branch", "journeys/", cwd=repo)
    assert result.code == 2
    assert "git revision 'no-such-branch' does not exist" in result.stderr
    assert_no_traceback(result)


def test_a_path_that_does_not_exist_is_a_usage_error(repo: Path) -> None:
    result = run_cli("compare", "--git", "HEAD~1", "nowhere/", cwd=repo)
    assert result.code == 2
    assert_no_traceback(result)


def test_outside_a_repository_says_so(tmp_path: Path) -> None:
    (tmp_path / "fault.yaml").write_bytes((PAIR / "current.yaml").read_bytes())
    result = run_cli("compare", "--git", "HEAD", "fault.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "not inside a git repository" in result.stderr


def test_a_broken_file_is_said_and_fails_the_run_but_hides_no_other_comparison(repo: Path) -> None:
    (repo / "journeys" / "broken.yaml").write_text("version: 1\njourney: [\n", encoding="utf-8")
    result = run_cli("compare", "--git", "HEAD~1", "journeys/", "-f", "json", cwd=repo)
    assert result.code == 1  # as `validate` would say of the broken file
    assert "journeys/broken.yaml:" in result.stderr
    document = json.loads(result.stdout)
    assert [c["after"]["path"] for c in document["comparisons"]] == ["journeys/fault.yaml"]
    assert document["added"] == ["journeys/new.yaml"]
    assert_no_traceback(result)
