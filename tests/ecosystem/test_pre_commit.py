"""The pre-commit hooks: which files they hand to journeymap, and a real ``pre-commit try-repo`` run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, require, run_cli
from tests.ecosystem.helpers import BROKEN, WORKFLOW, journeymap_repo, user_project

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BY_ID = {hook["id"]: hook for hook in HOOKS}


def test_hooks_are_declared() -> None:
    assert set(BY_ID) == {"journeymap-validate", "journeymap-audit"}
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "journeymap"
        assert {"name", "description", "files"} <= set(hook)
    assert "--only-journeys" in BY_ID["journeymap-validate"]["entry"]
    assert "--only-journeys" in BY_ID["journeymap-audit"]["entry"]


@pytest.mark.parametrize(
    ("path", "handed"),
    [
        ("checkout.journey.yaml", True),
        ("docs/checkout.journey.yml", True),
        ("journeys/checkout.yaml", True),
        ("cx/journeys/onboarding/bank.yml", True),
        ("support.yaml", True),  # checked when its content says journey
        (".github/workflows/ci.yml", True),  # handed over, then skipped by --only-journeys
        ("README.md", False),
        ("journeys.txt", False),
    ],
)
def test_hook_file_patterns(path: str, handed: bool) -> None:
    # pre-commit matches `files` with re.search on the path relative to the repository root
    for hook in ("journeymap-validate", "journeymap-audit"):
        assert bool(re.search(BY_ID[hook]["files"], path)) is handed


def test_audit_only_journeys_skips_workflows_too(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    files = [".github/workflows/ci.yml", "docker-compose.yml", "shop.journey.yaml", "support.yaml"]
    result = run_cli("audit", "--only-journeys", "-f", "text", "--fail-on", "never", *files, cwd=project)
    assert result.code == 0, result.output
    assert "skipped 2 YAML files that are not journeys" in result.stderr


def test_only_journeys_skips_workflows_and_says_so(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    files = [".github/workflows/ci.yml", "docker-compose.yml", "shop.journey.yaml", "support.yaml"]
    result = run_cli("validate", "--only-journeys", "-f", "text", *files, cwd=project)
    assert result.code == 0, result.output
    assert "skipped 2 YAML files that are not journeys" in result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("2 files, "), result.stdout
    assert summary.endswith(": all valid"), result.stdout


def test_only_journeys_never_skips_a_journey_by_name(tmp_path: Path) -> None:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "wrong.yaml").write_text("titel: not a journey yet\n", encoding="utf-8")
    (tmp_path / "plain.journey.yml").write_text(WORKFLOW, encoding="utf-8")
    result = run_cli(
        "validate", "--only-journeys", "-f", "text", "journeys/wrong.yaml", "plain.journey.yml", cwd=tmp_path
    )
    assert result.code == 1
    assert "skipped" not in result.stderr
    assert "journeys/wrong.yaml:1:1: error[JM101]" in result.stdout


def test_only_journeys_checks_a_journey_by_content_and_keeps_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("validate", "--only-journeys", "-f", "text", "notes.yaml", "missing.yaml", cwd=tmp_path)
    assert result.code == 2  # the missing file is still an unreadable input
    assert "missing.yaml: error[JM001]" in result.stdout
    assert "notes.yaml:4:11: error[JM108]" in result.stdout


def test_only_journeys_with_nothing_left_passes(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    result = run_cli("validate", "--only-journeys", "ci.yml", cwd=tmp_path)
    assert result.code == 0
    assert result.stdout == ""
    assert "skipped 1 YAML file that is not a journey" in result.stderr
    assert "no journey files to check" in result.stderr


def test_only_journeys_expands_directories(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    result = run_cli("validate", "--only-journeys", "-f", "json", ".", cwd=project)
    assert result.code == 1
    assert "skipped 1 YAML file that is not a journey" in result.stderr  # docker-compose.yml; .github is hidden
    assert '"path": "./journeys/broken.yaml"' in result.stdout
    assert "ci.yml" not in result.stdout
    assert EXAMPLES.is_dir()


def _pre_commit() -> list[str] | None:
    found = shutil.which("pre-commit")
    if found:
        return [found]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


@pytest.mark.client
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """``pre-commit try-repo`` installs journeymap from a git copy of this tree and runs both hooks."""
    command = _pre_commit()
    require(command, "pre-commit is not installed (pip install pre-commit)")
    assert command is not None
    repo = journeymap_repo(tmp_path / "journeymap")
    project = user_project(tmp_path / "project")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, "try-repo", str(repo), hook_id, "--all-files", "--verbose"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    validate = hook("journeymap-validate")
    output = validate.stdout + validate.stderr
    assert validate.returncode == 1, output  # journeys/broken.yaml is broken
    assert "journeys/broken.yaml:4:11: error[JM108]" in output, output
    # the workflow and docker-compose.yml, perhaps in two of pre-commit's parallel batches
    skipped = re.findall(r"skipped (\d+) YAML files? that (?:is|are) not", output)
    assert sum(map(int, skipped)) == 2, output
    assert "ci.yml:" not in output, output

    (project / "journeys" / "broken.yaml").unlink()
    audit = hook("journeymap-audit")
    output = audit.stdout + audit.stderr
    assert audit.returncode == 0, output  # findings are warnings; --fail-on error
    assert "shop.journey.yaml:" in output, output
    assert "skipped 2 YAML files that are not journeys" in output, output  # the workflow, docker-compose.yml
    assert "ci.yml:" not in output, output


def test_only_journeys_skips_measure_definitions_that_name_their_journey(tmp_path: Path) -> None:
    """Definitions carry a top-level ``journey:`` (the journey's path), the mark of a journey file otherwise."""
    (tmp_path / "journeys").mkdir()
    definitions = tmp_path / "journeys" / "shop.measures.yaml"
    definitions.write_text("version: 1\njourney: shop.yaml\nsources: {}\nmeasures: {}\n", encoding="utf-8")
    result = run_cli("validate", "--only-journeys", "journeys/shop.measures.yaml", cwd=tmp_path)
    assert result.code == 0, result.output
    assert "skipped 1 YAML file that is not a journey" in result.stderr
