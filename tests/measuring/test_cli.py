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
    other = tmp_path / "other"
    other.mkdir()
    two = run_cli("measure", path, workspace(other, GOOD), "-o", tmp_path / "x.json")
    assert two.code == 2
    assert not (tmp_path / "x.json").exists()
    no_progress_bar = run_cli("measure", path)
    assert "Reading" not in no_progress_bar.stderr


def test_several_files_share_one_duckdb_and_write_what_each_alone_writes(tmp_path: Path) -> None:
    """DuckDB is started once for every PATH of one run; each snapshot is the bytes a run of its own writes."""
    from unittest import mock

    from journeymap.measuring.duckdb_engine import Engine

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    a = workspace(first, GOOD)
    b = workspace(
        second, GOOD.replace("checkout:", "delivery:") + "  checkout:\n    ces: {source: surveys, answers: ces}\n"
    )
    alone = {}
    for path in (a, b):
        assert run_cli("measure", path).code == 0
        alone[path] = path.with_name("journey.measured.json").read_bytes()
        path.with_name("journey.measured.json").unlink()
    started = mock.patch.object(Engine, "__enter__", autospec=True, side_effect=Engine.__enter__)
    with started as enter:
        done = run_cli("measure", a, b)
    assert done.code == 0, done.output
    assert enter.call_count == 1
    for path in (a, b):
        assert path.with_name("journey.measured.json").read_bytes() == alone[path]


def test_an_engine_shared_by_files_sees_each_files_own_source(tmp_path: Path) -> None:
    """Two definitions files naming their sources alike (`surveys`) read their own exports on a shared engine."""
    from journeymap.measuring import EngineOptions, Engines, measure

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    a = workspace(first, GOOD)
    b = workspace(
        second,
        GOOD,
        surveys="id,answered_at,touchpoint,channel,segment,nps,csat,ces\n1,2024-01-05,checkout,web,sara,10,5,7\n",
    )
    with Engines(EngineOptions()) as engines:
        shared = [measure(str(path), engines=engines) for path in (a, b)]
    own = [measure(str(path)) for path in (a, b)]
    assert [[r.figure for r in m.results] for m in shared] == [[r.figure for r in m.results] for m in own]
    assert shared[0].results[0].figure != shared[1].results[0].figure


def test_a_folder_measures_every_definitions_file_under_it(tmp_path: Path) -> None:
    """`journeymap measure journeys/`: each journey's definitions found in the folder and below, measured as
    each alone is; journeys without definitions are left alone; a second mention of the same file once."""
    first, second = tmp_path / "journeys" / "a", tmp_path / "journeys" / "deeper" / "b"
    first.mkdir(parents=True), second.mkdir(parents=True)
    a = workspace(first, GOOD)
    b = workspace(second, GOOD.replace("checkout:", "delivery:"))
    (first / "journey.yaml").write_text("version: 1\n", encoding="utf-8")  # its definitions are beside it
    (tmp_path / "journeys" / "other.yaml").write_text("version: 1\n", encoding="utf-8")  # no definitions
    alone = {}
    for path in (a, b):
        assert run_cli("measure", path).code == 0
        alone[path] = path.with_name("journey.measured.json").read_bytes()
        path.with_name("journey.measured.json").unlink()
    done = run_cli("measure", tmp_path / "journeys", a)
    assert done.code == 0, done.output
    assert done.stderr.count("wrote") == 2, done.stderr
    for path in (a, b):
        assert path.with_name("journey.measured.json").read_bytes() == alone[path]
    assert not (tmp_path / "journeys" / "other.measured.json").exists()


def test_a_journey_holding_its_own_measures_is_found_in_a_folder(tmp_path: Path) -> None:
    path = workspace(tmp_path, GOOD)
    own = path.with_name("own.yaml")
    own.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.unlink()
    done = run_cli("measure", tmp_path, "-o", "-")
    assert done.code == 0, done.output
    assert json.loads(done.stdout)["measures"]["checkout"]["csat"]["n"] == 7


def test_a_folder_without_definitions_or_several_with_one_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("version: 1\n", encoding="utf-8")
    empty = run_cli("measure", tmp_path)
    assert empty.code == 2
    assert "holds no measure definitions (*.measures.yaml, or a journey with `measures:`)" in empty.stderr
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        workspace(tmp_path / folder, GOOD)
    several = run_cli("measure", tmp_path, "-o", tmp_path / "one.json")
    assert several.code == 2
    assert "-o names one snapshot" in several.stderr
    assert not (tmp_path / "one.json").exists()
