"""A stage may declare the id it had before (``was:``), as a touchpoint does: in the model and the schema."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli

TELECOM = EXAMPLES / "telecom-support.yaml"


def test_a_stage_was_is_valid_and_read(tmp_path: Path) -> None:
    from journeymap.api import read

    journey = tmp_path / "renamed.yaml"
    text = TELECOM.read_text(encoding="utf-8").replace("  - id: service\n", "  - id: care\n    was: service\n")
    journey.write_text(text, encoding="utf-8")
    result = run_cli("validate", journey)
    assert result.code == 0, result.output
    assert "JM100" not in result.output
    [care] = [s for s in read(str(journey)).stages if s.id == "care"]
    assert care.was == "service"


def test_a_stage_was_must_be_an_id(tmp_path: Path) -> None:
    journey = tmp_path / "renamed.yaml"
    text = TELECOM.read_text(encoding="utf-8").replace("  - id: service\n", "  - id: care\n    was: Not an id!\n")
    journey.write_text(text, encoding="utf-8")
    result = run_cli("validate", journey)
    assert result.code == 1, result.output
    assert f"{journey}:" in result.stdout + result.stderr


def test_the_schema_describes_a_stage_was() -> None:
    schema = json.loads(run_cli("schema").stdout)
    was = schema["$defs"]["Stage"]["properties"]["was"]
    assert "compare" in json.dumps(was)
    assert "was" in schema["$defs"]["Touchpoint"]["properties"]
