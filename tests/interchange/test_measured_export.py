"""Export writes the values typed in the journey, never the measured ones a run overlays, and says so.

Why it matters: a table cell cannot carry a measured value's sample and interval in a form the journey
format reads, so a measured 12.2% (n=98, 7.1% to 20.2%, "inconclusive" against a 20% target) written as
``12.2%`` came back from the spreadsheet as a typed value that meets its target.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeymap.api import read
from journeymap.loader import load
from journeymap.model import Journey
from journeymap.validation import validate
from tests.conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the telecom example with its measured snapshot beside it (the demo's ``measure`` run)."""
    folder = tmp_path_factory.mktemp("measured")
    shutil.copy(EXAMPLES / "telecom-support.yaml", folder)
    shutil.copytree(EXAMPLES / "data", folder / "data")
    said = run_cli("measure", folder / "data" / "telecom-support.measures.yaml")
    assert said.code == 0, said.output
    assert (folder / "telecom-support.measured.json").is_file()
    return folder / "telecom-support.yaml"


def test_export_writes_the_typed_values_with_or_without_the_snapshot(measured: Path, tmp_path: Path) -> None:
    with_snapshot = run_cli("export", measured, "-o", tmp_path / "a.csv")
    without = run_cli("--no-measured", "export", measured, "-o", tmp_path / "b.csv")
    assert (with_snapshot.code, without.code) == (0, 0), with_snapshot.output
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    table = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "5.95" not in table  # the measured CES of the chatbot
    note = "written with the values typed in the journey; its 9 measured values stay in telecom-support.measured.json"
    assert note in with_snapshot.stderr
    assert "measured" not in without.stderr  # --no-measured: the snapshot is not read at all


def test_a_round_trip_keeps_what_each_target_status_means(measured: Path, tmp_path: Path) -> None:
    """Imported beside the same snapshot, the journey judges its targets exactly as the original does."""
    table = tmp_path / "t.csv"
    assert run_cli("export", measured, "-o", table).code == 0
    back = measured.parent / "back" / "telecom-support.yaml"
    back.parent.mkdir(exist_ok=True)
    shutil.copy(measured.with_suffix("").with_suffix(".measured.json"), back.parent)
    shutil.copytree(measured.parent / "data", back.parent / "data", dirs_exist_ok=True)
    assert run_cli("import", table, "--title", "x", "-o", back, "--force").code == 0
    compared = run_cli("compare", measured, back)
    assert compared.code == 0, compared.output
    assert " target: " not in compared.stdout  # no target changed its status (was: inconclusive -> met)
    typed = _typed(back)
    chatbot = next(tp for _, tp in typed.touchpoints() if tp.id == "support-chatbot")
    assert chatbot.metrics.ces is not None
    assert chatbot.metrics.ces.responses == 340


def test_no_measured_compare_of_the_round_trip_changes_no_target(measured: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    assert run_cli("export", measured, "-o", table).code == 0
    assert run_cli("import", table, "--title", "x", "-o", tmp_path / "back.yaml").code == 0
    assert _statuses(_typed(measured)) == _statuses(read(str(tmp_path / "back.yaml")))


def _typed(path: Path) -> Journey:
    journey = validate(load(str(path)), measured=False).journey
    assert journey is not None
    return journey


def _statuses(journey: Journey) -> list[tuple[str, str, str | None]]:
    return [
        (tp.id, name, journey.target_status(name, value, target))
        for _, tp in journey.touchpoints()
        for name, target in tp.targets.items()
        if (value := tp.metrics.get(name)) is not None
    ]


def test_the_note_is_in_arabic(measured: Path, tmp_path: Path) -> None:
    said = run_cli("export", "--lang", "ar", measured, "-o", tmp_path / "a.csv")
    assert said.code == 0
    assert "telecom-support.measured.json" in said.stderr
    assert "written with" not in said.stderr


def test_a_target_whose_metric_is_only_measured_imports_beside_its_snapshot(measured: Path, tmp_path: Path) -> None:
    """The table has the target but not the value (it is only measured); the journey imported where the
    snapshot is validates as it will be read there, and its file still holds only typed values."""
    folder = tmp_path / "only-measured"
    shutil.copytree(measured.parent, folder)
    journey = folder / "telecom-support.yaml"
    text = journey.read_text(encoding="utf-8")
    assert text.count("          repeat_contact_rate: 44%\n") == 1
    journey.write_text(text.replace("          repeat_contact_rate: 44%\n", ""), encoding="utf-8")
    table = tmp_path / "t.csv"
    assert run_cli("export", journey, "-o", table).code == 0

    elsewhere = run_cli("import", table, "--title", "x", "-o", tmp_path / "elsewhere.yaml")
    assert elsewhere.code == 1
    assert "a target for 'repeat contact rate', but this row has no 'repeat contact rate' value" in elsewhere.stderr
    assert f"{table}:" in elsewhere.stderr.split("a target for")[0].splitlines()[-1]

    beside = run_cli("import", table, "--title", "x", "-o", journey, "--force")
    assert beside.code == 0, beside.output
    written = journey.read_text(encoding="utf-8")
    assert "5.95" not in written
    assert "repeat_contact_rate: 0.122" not in written
    statuses = set(_statuses(read(str(journey))))
    assert ("phone-agent-tier1", "repeat_contact_rate", "inconclusive") in statuses
