"""Shared pieces of the ecosystem tests: a copy of journeymap as a git repository, journeys to check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

#: What a user's pip needs to install journeymap from a git repository.
PACKAGE_FILES = ("journeymap", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "action.yml")

WORKFLOW = "name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
BROKEN = "version: 1\njourney:\n  title: Broken\npersonas: []\nstages: []\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def journeymap_repo(target: Path) -> Path:
    """The working tree's journeymap (committed or not) as a fresh git repository at ``target``."""
    target.mkdir(parents=True)
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "journeymap")
    return target


def user_project(target: Path) -> Path:
    """A repository with a valid journey by name, one by content, a broken one in journeys/, and a workflow."""
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    (target / "docker-compose.yml").write_text('version: "3"\nservices: {}\n', encoding="utf-8")
    shutil.copy2(EXAMPLES / "first-purchase.yaml", target / "shop.journey.yaml")
    shutil.copy2(EXAMPLES / "telecom-support.yaml", target / "support.yaml")
    (target / "journeys").mkdir()
    (target / "journeys" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "project")
    return target
