"""A stage renamed (``was:`` on the stage, or recognised by its touchpoints) is said once, not as N moves."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

TELECOM = EXAMPLES / "telecom-support.yaml"
BANK = EXAMPLES / "bank-account-opening-ar.yaml"
#: The service stage as both examples write it.
SERVICE = "  - id: service\n"


def _renamed(folder: Path, source: Path, stage: str) -> Path:
    """``source`` with its service stage written as ``stage`` (the lines that replace its id line)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(SERVICE) == 1
    after = folder / source.name.replace(".yaml", ".after.yaml")
    after.write_text(text.replace(SERVICE, stage), encoding="utf-8")
    return after


def test_a_declared_stage_rename_is_said_once_and_moves_no_touchpoint(tmp_path: Path) -> None:
    after = _renamed(tmp_path, TELECOM, "  - id: care\n    was: service\n")
    result = run_cli("compare", TELECOM, after, "--fail-on", "regression")
    assert result.code == 0, result.output
    said = "stage 'service' Service and support is now 'care' Service and support"
    assert result.stdout.count(said) == 1
    assert "    stage: " not in result.stdout
    assert "hint:" not in result.stdout
    assert "JM740" not in result.stderr
    assert "Service and support 77.8 -> 77.8 (0.0)" in result.stdout  # one stage, its friction before and after


def test_the_json_names_the_rename_and_keeps_the_stage_friction(tmp_path: Path) -> None:
    stage = "  - id: care\n    was: service\n    name: Customer care\n    canonical: service\n"
    after = _renamed(tmp_path, TELECOM, stage)
    text = after.read_text(encoding="utf-8").replace("    name: Service and support\n", "", 1)
    after.write_text(text, encoding="utf-8")
    [comparison] = json.loads(run_cli("compare", TELECOM, after, "-f", "json").stdout)["comparisons"]
    assert comparison["stage_renames"] == [
        {
            "id": "care",
            "was": "service",
            "name": "Customer care",
            "was_name": "Service and support",
            "declared": True,
            "hint": None,
        }
    ]
    [care] = [s for s in comparison["stages"] if s["id"] == "care"]
    assert care["before"] == care["after"] is not None  # the friction it had as 'service', unchanged
    assert not any(s["id"] == "service" for s in comparison["stages"])
    assert comparison["touchpoints"] == []  # the touchpoints stayed where they were


def test_an_undeclared_rename_with_the_same_touchpoints_is_one_rename_with_a_hint(tmp_path: Path) -> None:
    after = _renamed(tmp_path, TELECOM, "  - id: care\n")
    result = run_cli("compare", TELECOM, after)
    assert result.code == 0, result.output
    assert "~ stage 'service' Service and support is now 'care' Service and support" in result.stdout
    assert (
        "    hint: its 9 touchpoints are the same, so it is compared as renamed: add `was: service` to stage 'care'"
        in result.stdout
    )
    assert "    stage: " not in result.stdout


@pytest.mark.parametrize(("fmt", "hint"), [("human", "    hint: "), ("markdown", "<br>hint: ")])
def test_a_stage_that_keeps_its_name_under_a_new_id_is_one_rename(tmp_path: Path, fmt: str, hint: str) -> None:
    future = EXAMPLES / "telecom-support.future.yaml"  # its service stage holds other touchpoints than today's
    after = _renamed(tmp_path, future, "  - id: care\n")
    result = run_cli("compare", TELECOM, after, "-f", fmt)
    assert result.code == 0, result.output
    assert result.stdout.count("stage 'service' Service and support is now 'care' Service and support") == 1
    said = "it keeps its name, so it is compared as renamed: add `was: service` to stage 'care'"
    assert hint + said in result.stdout  # in Markdown too: the code span kept, no backslash before it
    assert "| Service and support | - |" not in result.stdout  # not one stage gone and another new


def test_a_misspelt_stage_was_is_a_warning_with_the_likely_id(tmp_path: Path) -> None:
    after = _renamed(tmp_path, TELECOM, "  - id: care\n    was: servce\n    name: Customer care\n")
    after.write_text(
        after.read_text(encoding="utf-8").replace("    name: Service and support\n", "", 1), encoding="utf-8"
    )
    line = next(n for n, row in enumerate(after.read_text(encoding="utf-8").splitlines(), 1) if "was: servce" in row)
    result = run_cli("compare", TELECOM, after)
    assert result.code == 0, result.output
    assert f"{after}:{line}:" in result.stderr
    assert "warning[JM740] stage 'care' was 'servce'" in result.stderr
    assert "compared as a new stage" in result.stderr
    assert "did you mean 'service'?" in result.stderr
    # taken as written, as the warning says: the touchpoints moved to a new stage
    assert "    stage: Service and support -> Customer care" in result.stdout
    assert "is now 'care'" not in result.stdout


@pytest.mark.parametrize("fmt", ["human", "markdown", "html"])
@pytest.mark.parametrize("source", [BANK, EXAMPLES / "bank-account-opening-ar.future.yaml"], ids=["same", "name"])
def test_an_arabic_stage_rename_reads_in_arabic(tmp_path: Path, fmt: str, source: Path) -> None:
    after = _renamed(tmp_path, source, "  - id: care\n")
    result = run_cli("compare", BANK, after, "-f", fmt)
    assert result.code == 0, result.output
    shown = html.unescape(result.stdout)
    assert "المرحلة 'service' الخدمة والدعم أصبحت 'care' الخدمة والدعم" in shown
    assert "أضف `was: service` إلى المرحلة 'care'" in shown
    assert "المرحلة: الخدمة" not in shown


def test_a_stage_was_in_english_is_arabic_with_lang_ar(tmp_path: Path) -> None:
    after = _renamed(tmp_path, TELECOM, "  - id: care\n    was: servce\n")
    result = run_cli("compare", TELECOM, after, "--lang", "ar")
    assert "قورنت على أنها مرحلة جديدة" in result.stderr
