"""``journeymap measure``: exit codes, outputs, and what it never does."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.measuring.helpers import workspace

GOOD = "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n    csat: {source: surveys, answers: csat}\n"


def test_measures_a_journey_and_writes_the_snapshot_beside_it(tmp_path: Path) -> None:
    workspace(tmp_path, GOOD)
    journey = tmp_path / "journey.yaml"
    journey.write_text("version: 1\n", encoding="utf-8")
    done = run_cli("measure", journey)
    assert done.code == 0, done.output
    assert "checkout    nps     16.7   6 (small)  -55.1 to 88.5" in done.stdout
    snapshot = json.loads((tmp_path / "journey.measured.json").read_text(encoding="utf-8"))
    assert snapshot["measures"]["checkout"]["csat"]["n"] == 7
    assert journey.read_text(encoding="utf-8") == "version: 1\n"


def test_snapshot_to_stdout_with_periods(tmp_path: Path) -> None:
    path = workspace(tmp_path, GOOD)
    done = run_cli("measure", path, "--period", "quarter", "--since", "2024-02-01", "-o", "-")
    assert done.code == 0, done.output
    nps = json.loads(done.stdout)["measures"]["checkout"]["nps"]
    assert nps["period"]["since"] == "2024-02-01"
    assert [v["period"] for v in nps["series"]["values"]] == ["2024-Q1", "2024-Q2"]
    assert not (tmp_path / "journey.measured.json").exists()


def test_data_problems_exit_1_and_still_write_what_was_measured(tmp_path: Path) -> None:
    path = workspace(tmp_path, GOOD.replace("answers: csat", "answers: csatt"))
    done = run_cli("measure", path)
    assert done.code == 1
    assert "error[JM603] column 'csatt'" in done.stderr
    assert "checkout    csat    not computed" in done.stdout
    assert (tmp_path / "journey.measured.json").exists()


def test_definition_errors_exit_1_without_a_snapshot(tmp_path: Path) -> None:
    path = workspace(tmp_path, "measures:\n  checkout:\n    nps: {source: nowhere, answers: nps}\n")
    done = run_cli("measure", path)
    assert done.code == 1
    assert "error[JM602]" in done.stderr
    assert not (tmp_path / "journey.measured.json").exists()


def test_usage_and_unreadable_input_exit_2(tmp_path: Path) -> None:
    assert run_cli("measure", tmp_path / "absent.yaml").code == 2
    assert run_cli("measure", tmp_path / "absent.measures.yaml").code == 2
    path = workspace(tmp_path, GOOD)
    assert run_cli("measure", path, "--since", "2024-13-01").code == 2
    assert run_cli("measure", path, path, "-o", "x.json").code == 2
    no_progress_bar = run_cli("measure", path)
    assert "Reading" not in no_progress_bar.stderr
