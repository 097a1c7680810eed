"""``--no-measured`` before the command or after it: the same run, on every command that reads journeys."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import measured_telecom, run_cli

#: Each command that reads the measured snapshots, with arguments whose output shows the measured values.
COMMANDS = {
    "validate": ["validate", "telecom-support.yaml", "-f", "json"],
    "score": ["score", "telecom-support.yaml", "-f", "json"],
    "audit": ["audit", "telecom-support.yaml", "-f", "json"],
    "compare": ["compare", "telecom-support.yaml", "telecom-support.future.yaml", "-f", "json"],
    "render": ["render", "telecom-support.yaml", "-f", "dot", "-o", "-"],
    "report": ["report", "telecom-support.yaml", "-f", "json", "-o", "-"],
    "export": ["export", "telecom-support.yaml", "-o", "-"],
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The telecom demo beside its measured snapshot."""
    return measured_telecom(tmp_path_factory.mktemp("measured"))


@pytest.mark.parametrize("name", COMMANDS)
def test_no_measured_after_the_command_is_the_same_run_as_before_it(measured: Path, name: str) -> None:
    args = COMMANDS[name]
    before = run_cli("--no-measured", *args, cwd=measured)
    after = run_cli(*args, "--no-measured", cwd=measured)
    assert after.code == before.code == 0, after.output
    assert (after.stdout, after.stderr) == (before.stdout, before.stderr)
    read = run_cli(*args, cwd=measured)
    assert read.code == 0, read.output
    assert (read.stdout, read.stderr) != (after.stdout, after.stderr), "the snapshot changes nothing here"


def test_no_measured_in_both_places_and_the_next_run_reads_the_snapshot_again(measured: Path) -> None:
    args = COMMANDS["score"]
    once = run_cli(*args, "--no-measured", cwd=measured)
    assert run_cli("--no-measured", *args, "--no-measured", cwd=measured).stdout == once.stdout
    assert run_cli(*args, cwd=measured).stdout != once.stdout, "the flag of one run is not left for the next"


def test_no_measured_is_listed_in_the_help_of_each_command() -> None:
    for name in COMMANDS:
        assert "--no-measured" in run_cli(name, "--help").stdout, name
