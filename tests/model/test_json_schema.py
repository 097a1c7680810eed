"""The JSON Schema: current, valid draft 2020-12, and agreeing with the validator."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from journeymap.loader import load
from journeymap.model.base import ID_PATTERN
from journeymap.model.channel import BUILT_IN_CHANNELS
from journeymap.model.emotion import EMOTION_NAMES, NAMED_EMOTIONS
from journeymap.model.json_schema import PATTERN_MESSAGES, journey_schema, properties, schema_text
from journeymap.model.metrics import CATALOGUE
from journeymap.model.units import DURATION_PATTERN, PERCENT_PATTERN
from tests.conftest import EXAMPLES, FIXTURES, ROOT, require, run_cli

SCHEMA_FILE = ROOT / "docs" / "schema" / "journeymap.schema.json"
#: Codes whose mistakes the JSON Schema can express (the rest need cross-file logic or arithmetic).
SCHEMA_LEVEL = {"JM100", "JM101", "JM102", "JM103", "JM104", "JM105", "JM106", "JM107", "JM108"}


#: The schema as built by the code, once for the module (the tests below only read it).
_schema = functools.cache(journey_schema)


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """One validator for the module: it holds no state between documents, and building one is most of a check."""
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


# -- the schema as editors use it (tests/ecosystem/test_editors.py drives a real editor server) -----------------


def _journey(channel: str, emotion: object = 4, extra: dict[str, object] | None = None) -> dict[str, object]:
    touchpoint = {"name": "Checkout", "channel": channel, "emotion": emotion}
    base = {"version": 1, "journey": {"title": "T"}, "personas": [{"name": "Sara"}]}
    return {**base, "stages": [{"name": "Buy", "touchpoints": [touchpoint]}], **(extra or {})}


def _errors(document: dict[str, object]) -> list[str]:
    return [e.message for e in _validator().iter_errors(document)]


def test_every_property_has_a_description_and_markdown() -> None:
    schema = _schema()
    found = list(properties(schema))
    assert len(found) > 150
    assert [place for place, prop in found if not prop.get("description")] == []
    assert [place for place, prop in found if not prop.get("markdownDescription")] == []


def test_descriptions_have_no_restructuredtext_literals() -> None:
    text = schema_text()
    assert "``" not in text
    plain = [d for d in re.findall(r'"description": "((?:[^"\\]|\\.)*)"', text) if "`" in d]
    assert plain == [], "plain descriptions carry no code marks (markdownDescription does)"


def test_channel_offers_every_built_in_id_with_a_description() -> None:
    channel = _schema()["$defs"]["Touchpoint"]["properties"]["channel"]
    built_in = channel["anyOf"][0]
    assert built_in["enum"] == list(BUILT_IN_CHANNELS)
    assert len(built_in["markdownEnumDescriptions"]) == len(BUILT_IN_CHANNELS)
    assert "channels:" in channel["markdownDescription"]


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        (_journey("web"), True),
        (_journey("sociall"), False),  # no custom channels declared: a typo of a built-in
        (_journey("concierge", extra={"channels": [{"id": "concierge", "name": "C", "kind": "human"}]}), True),
        (_journey("concierge", extra={"channels": []}), True),  # custom channels from channels.yaml
        (_journey("bad id", extra={"channels": []}), False),
    ],
)
def test_channels_custom_only_where_the_file_declares_channels(document: dict[str, object], valid: bool) -> None:
    assert (_errors(document) == []) is valid, _errors(document)


@pytest.mark.parametrize("name", EMOTION_NAMES)
def test_every_named_emotion_is_accepted(name: str) -> None:
    assert _errors(_journey("web", name)) == []


@pytest.mark.parametrize(
    ("emotion", "valid"),
    [(1, True), (4.5, True), ("٣", True), ("3.5", True), ({"sara": "frustrated"}, True), ("grumpy", False), (7, False)],
)
def test_emotion_values(emotion: object, valid: bool) -> None:
    assert (_errors(_journey("web", emotion)) == []) is valid


def test_emotion_error_names_the_choices_for_editors() -> None:
    emotion = _schema()["$defs"]["Touchpoint"]["properties"]["emotion"]["anyOf"][0]
    choices = emotion["then"]["anyOf"][0]
    assert set(NAMED_EMOTIONS) <= set(choices["enum"])
    assert all(name in choices["errorMessage"] for name in NAMED_EMOTIONS)


@pytest.mark.parametrize("metric", sorted(CATALOGUE))
def test_metric_keys_say_what_they_measure_and_in_which_unit(metric: str) -> None:
    prop = _schema()["$defs"]["Metrics"]["properties"][metric]
    spec = CATALOGUE[metric]
    assert prop["description"].startswith(spec.title)
    assert "Written as" in prop["description"]
    if spec.better:
        assert f"{spec.better} is better" in prop["description"]


def test_patterns_explain_themselves() -> None:
    nodes = [n for n in _all_nodes(_schema()) if "pattern" in n]
    assert {ID_PATTERN, PERCENT_PATTERN, DURATION_PATTERN} <= {n["pattern"] for n in nodes}
    assert [n["pattern"] for n in nodes if n["pattern"] in PATTERN_MESSAGES and "patternErrorMessage" not in n] == []


def _all_nodes(value: object) -> list[dict[str, object]]:
    if isinstance(value, dict):
        return [value, *(n for child in value.values() for n in _all_nodes(child))]
    if isinstance(value, list):
        return [n for item in value for n in _all_nodes(item)]
    return []
