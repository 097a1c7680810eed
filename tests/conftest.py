"""Shared test helpers: run the real CLI, find the repository's files."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | os.PathLike[str], stdin: bytes | str | None = None, cwd: Path | None = None) -> CliResult:
    """Run ``python -m journeymap`` as a user would, without colours."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("GITHUB_ACTIONS", None)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    completed = subprocess.run(
        [sys.executable, "-m", "journeymap", *map(str, args)],
        input=data,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    return CliResult(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def assert_no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
