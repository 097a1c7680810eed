"""``journeymap init``: a starter journey that validates and audits with no errors, never over a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli


@pytest.mark.parametrize(("language", "industry"), [("en", "ecommerce"), ("ar", "banking")])
def test_starter_validates_and_audits_without_errors(tmp_path: Path, language: str, industry: str) -> None:
    result = run_cli("init", "cx.journey.yaml", "--language", language, cwd=tmp_path)
    assert result.code == 0, result.output
    assert "wrote cx.journey.yaml" in result.stderr
    text = (tmp_path / "cx.journey.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=https://")
    data = yaml.safe_load(text)
    assert data["journey"]["language"] == language
    assert data["journey"]["industry"] == industry
    assert len(data["personas"]) == 2
    touchpoints = [t for stage in data["stages"] for t in stage["touchpoints"]]
    assert 6 <= len(touchpoints) <= 8
    assert all(t["metrics"] and t["targets"] for t in touchpoints)
    validated = run_cli("validate", "cx.journey.yaml", "-f", "json", cwd=tmp_path)
    assert validated.code == 0, validated.stdout
    audited = json.loads(run_cli("audit", "cx.journey.yaml", "-f", "json", cwd=tmp_path).stdout)
    assert audited["summary"]["errors"] == 0
    stages = {f["stage"] for f in audited["files"][0]["findings"] if "stage" in f}
    assert "JM301" not in {f["code"] for f in audited["files"][0]["findings"]}, stages  # canonical stages present


def test_arabic_starter_is_written_in_arabic(tmp_path: Path) -> None:
    run_cli("init", "a.yaml", "-l", "ar", cwd=tmp_path)
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    names = [data["journey"]["title"], *(s["name"] for s in data["stages"]), *(p["name"] for p in data["personas"])]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in names), names


def test_title_and_industry(tmp_path: Path) -> None:
    result = run_cli("init", "journeys/c.yaml", "--title", 'Checkout: "fast"', "--industry", "retail", cwd=tmp_path)
    assert result.code == 0, result.output
    data = yaml.safe_load((tmp_path / "journeys" / "c.yaml").read_text(encoding="utf-8"))
    assert data["journey"]["title"] == 'Checkout: "fast"'
    assert data["journey"]["industry"] == "retail"


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "customer.journey.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 2
    assert "customer.journey.yaml exists; journeymap init never replaces a file" in result.stderr
    assert (tmp_path / "customer.journey.yaml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customer.journey.yaml"]  # no temporary file left


def test_unknown_industry_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", "--industry", "bankin", cwd=tmp_path)
    assert result.code == 2
    assert "unknown industry 'bankin'" in result.stderr
    assert "did you mean 'banking'?" in result.stderr
    assert not list(tmp_path.iterdir())


def test_standard_output(tmp_path: Path) -> None:
    result = run_cli("init", "-", cwd=tmp_path)
    assert result.code == 0
    assert result.stdout.startswith("# yaml-language-server:")


def test_help_teaches() -> None:
    result = run_cli("init", "--help")
    assert result.code == 0
    for words in ("--language", "--industry", "--title", "never replaced", "journeymap validate PATH", "Examples"):
        assert words in result.stdout, words


@pytest.mark.parametrize(
    ("given", "said", "hint"),
    [
        ("journeys", "journeys is a folder", "e.g. journeys/customer.journey.yaml"),
        ("journey.json", "journey.json: a journey is a YAML file", "e.g. journey.yaml"),
    ],
)
def test_a_folder_or_a_name_that_is_not_yaml_is_a_usage_error(tmp_path: Path, given: str, said: str, hint: str) -> None:
    (tmp_path / "journeys").mkdir()
    result = run_cli("init", given, cwd=tmp_path)
    assert result.code == 2
    assert said in result.stderr
    assert hint in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journeys"]  # nothing written
    assert not list((tmp_path / "journeys").iterdir())


def test_a_name_that_is_not_yaml_is_said_in_arabic(tmp_path: Path) -> None:
    result = run_cli("init", "j.json", "--lang", "ar", cwd=tmp_path)
    assert result.code == 2
    assert "j.json: الرحلة ملف YAML" in result.stderr
    assert not list(tmp_path.iterdir())


def test_an_arabic_title_alone_gives_the_arabic_starter_and_says_so(tmp_path: Path) -> None:
    result = run_cli("init", "a.yaml", "--title", "فتح حساب توفير", cwd=tmp_path)
    assert result.code == 0, result.output
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert 'title: "فتح حساب توفير"' in text
    assert "language: ar" in text
    assert "an Arabic starter" in result.stderr
    assert "--language en" in result.stderr
    assert run_cli("validate", tmp_path / "a.yaml").code == 0


def test_language_given_wins_over_the_titles_script(tmp_path: Path) -> None:
    result = run_cli("init", "a.yaml", "--title", "فتح حساب", "--language", "en", cwd=tmp_path)
    assert result.code == 0, result.output
    assert "language: en" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "Arabic" not in result.stderr
    english = run_cli("init", "b.yaml", "--title", "Checkout", cwd=tmp_path)
    assert "language: en" in (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert "Arabic" not in english.stderr
