"""The JSON Schema: current, valid draft 2020-12, and agreeing with the validator."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from journeymap.loader import load
from journeymap.model.json_schema import schema_text
from tests.conftest import EXAMPLES, FIXTURES, ROOT, require, run_cli

SCHEMA_FILE = ROOT / "docs" / "schema" / "journeymap.schema.json"
#: Codes whose mistakes the JSON Schema can express (the rest need cross-file logic or arithmetic).
SCHEMA_LEVEL = {"JM100", "JM101", "JM102", "JM103", "JM104", "JM105", "JM106", "JM107", "JM108"}


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: journeymap schema -o " + str(
        SCHEMA_FILE.relative_to(ROOT)
    )


def test_schema_command_prints_the_schema() -> None:
    result = run_cli("schema")
    assert result.code == 0
    assert result.stdout == schema_text()


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_schema(example: Path) -> None:
    loaded = load(str(example))
    errors = [e.message for e in _validator().iter_errors(loaded.data)]
    assert errors == []
    assert example.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


@pytest.mark.client
def test_examples_pass_check_jsonschema() -> None:
    """An independent validator (check-jsonschema, ruamel YAML parser) agrees."""
    tool = shutil.which("check-jsonschema") or str(Path(ROOT / ".venv" / "bin" / "check-jsonschema"))
    require(Path(tool).exists(), "check-jsonschema is not installed")
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    completed = subprocess.run(
        [tool, "--schemafile", str(SCHEMA_FILE), *examples], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _expected_code(path: Path) -> str | None:
    match = re.search(r"^# expect: (JM\d{3})", path.read_text(encoding="utf-8", errors="replace"), re.M)
    return match.group(1) if match else None


def _schema_level_fixtures() -> list[Path]:
    return [p for p in sorted((FIXTURES / "invalid").glob("*.yaml")) if _expected_code(p) in SCHEMA_LEVEL]


@pytest.mark.parametrize("fixture", _schema_level_fixtures(), ids=lambda p: p.name)
def test_schema_level_fixtures_fail_the_schema(fixture: Path) -> None:
    loaded = load(str(fixture))
    assert loaded.data is not None, loaded.diagnostics
    assert list(_validator().iter_errors(loaded.data)), f"{fixture.name} passes the JSON Schema"
