"""The snapshot: what it records, where it goes, and the same bytes for the same data."""

from __future__ import annotations

import json
from pathlib import Path

from journeymap.measuring import measure, snapshot_bytes, snapshot_path, write_snapshot
from tests.measuring.helpers import workspace

DEFINITIONS = """\
period: quarter
measures:
  checkout:
    nps: {source: surveys, answers: nps}
    csat: {source: surveys, answers: csat}
  phone-support:
    resolution_time: {source: tickets, p90: {from: opened_at, to: closed_at}}
    fcr: {source: tickets, share_of: first_contact_resolved, where: {channel: phone}}
"""


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    path = str(workspace(tmp_path, DEFINITIONS))
    first = write_snapshot(measure(path)).read_bytes()
    second = snapshot_bytes(measure(path))
    assert first == second
    assert first.endswith(b"}\n")


def test_the_snapshot_records_value_n_interval_files_rows_period_and_hash(tmp_path: Path) -> None:
    path = workspace(tmp_path, DEFINITIONS)
    written = write_snapshot(measure(str(path)))
    assert written == tmp_path / "journey.measured.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["format"] == "journeymap-measured/1"
    assert document["sources"]["surveys"] == {
        "files": ["surveys.csv"],
        "format": "csv",
        "rows_scanned": 10,
        "queries": 1,
        "dates": ["2024-01-05", "2024-06-30"],
    }
    assert document["journey"] is None
    assert document["overrides"] == {"since": None, "until": None, "period": None}
    nps = document["measures"]["checkout"]["nps"]
    assert nps["value"] == 16.666667
    assert nps["n"] == 6
    assert nps["rows"] == 7
    assert nps["interval"] == [-55.149168, 88.482502]  # 16.666667 ± 1.959964 * 100 * sqrt(29 / 216)
    assert nps["files"] == ["surveys.csv"]
    assert nps["rows_scanned"] == 10
    assert nps["period"] == {"since": None, "until": None}
    assert nps["definition"].startswith("sha256:")
    assert len(nps["definition"]) == 23
    assert [v["period"] for v in nps["series"]["values"]] == ["2024-Q1", "2024-Q2"]
    assert "target" not in nps  # the journey's targets judge it (decision 28)
    assert "verdict" not in nps
    assert sorted(nps["by_persona"]) == ["omar", "sara"]
    p90 = document["measures"]["phone-support"]["resolution_time"]
    assert p90["interval"] is None
    assert p90["unit"] == "duration"
    assert "generated_at" not in document


def test_the_hash_follows_the_definition_not_its_formatting(tmp_path: Path) -> None:
    one = json.loads(snapshot_bytes(measure(str(workspace(tmp_path, DEFINITIONS)))))
    reformatted = DEFINITIONS.replace(
        "{source: surveys, answers: csat}", "\n      source: surveys\n      answers: csat"
    )
    two = json.loads(snapshot_bytes(measure(str(workspace(tmp_path, reformatted)))))
    changed = DEFINITIONS.replace("answers: csat}", "answers: csat, satisfied: 5-5}")
    three = json.loads(snapshot_bytes(measure(str(workspace(tmp_path, changed)))))
    hashes = [d["measures"]["checkout"]["csat"]["definition"] for d in (one, two, three)]
    assert hashes[0] == hashes[1] != hashes[2]


def test_withheld_values_and_their_diagnostics_are_recorded(tmp_path: Path) -> None:
    path = workspace(tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: npss}\n")
    document = json.loads(snapshot_bytes(measure(str(path))))
    nps = document["measures"]["checkout"]["nps"]
    assert nps["status"] == "withheld"
    assert "value" not in nps
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "JM603"
    assert diagnostic["file"] == "journey.measures.yaml"


def test_paths_and_a_given_timestamp(tmp_path: Path) -> None:
    assert snapshot_path("journeys/checkout.measures.yaml") == Path("journeys/checkout.measured.json")
    assert snapshot_path("journeys/checkout.yaml") == Path("journeys/checkout.measured.json")
    measurement = measure(str(workspace(tmp_path, DEFINITIONS)))
    assert json.loads(snapshot_bytes(measurement, generated_at="2025-01-31"))["generated_at"] == "2025-01-31"


def test_the_example_in_the_docs_is_valid() -> None:
    from journeymap.loader import load_text
    from journeymap.measuring.load import definitions_from
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "measure.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    loaded = definitions_from(load_text(example, "docs/measure.md"))
    assert loaded.ok, loaded.diagnostics
    assert loaded.definitions is not None
    assert len(loaded.definitions.items()) == 11
