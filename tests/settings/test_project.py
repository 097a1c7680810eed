"""Settings: defaults < project file (journeymap.toml, pyproject.toml) < the journey's `scoring:`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.errors import UsageError
from journeymap.settings.friction import DEFAULT_CONFIG, ScoringConfig, effective_config
from journeymap.settings.project import ProjectSettings, find_project
from tests.conftest import run_cli

JOURNEY = """version: 1
journey:
  title: Config
personas:
  - id: p
    name: P
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
        channel: web
        emotion: 1
        pain_points: []
        next: []
"""


def _score(directory: Path, extra: str = "") -> dict[str, object]:
    (directory / "j.yaml").write_text(JOURNEY + extra, encoding="utf-8")
    result = run_cli("score", "j.yaml", "--format", "json", cwd=directory)
    assert result.code == 0, result.output
    row: dict[str, object] = json.loads(result.stdout)["journeys"][0]["rows"][0]
    return row


def test_defaults_without_any_settings(tmp_path: Path) -> None:
    # emotion 1 alone at the default one_component strength (pain points 0, no channel switch)
    assert _score(tmp_path)["score"] == pytest.approx(60.0)


def test_journeymap_toml_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[scoring.limits]\none_component = 0.8\n", encoding="utf-8")
    sub = tmp_path / "journeys"
    sub.mkdir()
    assert _score(sub)["score"] == pytest.approx(80.0)


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.journeymap.scoring.bands]\nhigh = 90\n", encoding="utf-8")
    assert _score(tmp_path)["band"] == "medium"


def test_the_journey_file_wins_key_by_key(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text(
        "[scoring.limits]\none_component = 0.8\n[scoring.bands]\nhigh = 95\n", encoding="utf-8"
    )
    row = _score(tmp_path, "scoring:\n  bands: {high: 70}\n")
    assert row["score"] == pytest.approx(80.0)  # the project's limit stays
    assert row["band"] == "high"  # the file's threshold wins


def test_bad_project_settings_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[scoring.weights]\nemotion = -2\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    result = run_cli("score", "j.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "journeymap.toml: scoring.weights.emotion" in result.stderr


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[scoring.bands]\nhigh = 60\n", encoding="utf-8")
    inner = tmp_path / "app"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_project(inner) == ProjectSettings(tmp_path.resolve() / "journeymap.toml", {"bands": {"high": 60}})


def test_unreadable_toml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[scoring\n", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot read"):
        find_project(tmp_path)


def test_effective_config_merges() -> None:
    assert effective_config(None, None) is DEFAULT_CONFIG
    own = ScoringConfig.model_validate({"weights": {"time": 1}})
    merged = effective_config({"weights": {"effort": 2}, "limits": {"pain_points": 5}}, own)
    assert (merged.weights.effort, merged.weights.time, merged.weights.emotion) == (2, 1, 0.15)
    assert merged.limits.pain_points == 5
