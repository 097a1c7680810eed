"""The GitHub Action: action.yml's wiring, and scripts/action/run.py run locally with fake GITHUB_* files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS, ROOT, require_corpus
from tests.ecosystem.helpers import BROKEN, user_project

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "scripts" / "action" / "run.py"
#: The tests that run the Action (a real process of its script, which starts journeymap in more processes) are
#: in the `slow` group, which ./scripts/test and CI run right after the default suite.


def run_action(cwd: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Run the Action's script as the composite step would; (process, GITHUB_OUTPUT values, job summary)."""
    output, summary = cwd / ".gh-output", cwd / ".gh-summary"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(cwd),
        "ACTION_PATH": str(ROOT),
        "JOURNEYMAP_ACTION_COMMAND": f"{sys.executable} -m journeymap",
        "PYTHONPATH": str(ROOT),
        **{f"INPUT_{name.upper().replace('-', '_')}": value for name, value in inputs.items()},
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    values = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return done, values, summary.read_text(encoding="utf-8")


def test_action_yml_wires_inputs_to_the_script() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    script_step = next(step for step in steps if step.get("id") == "journeymap")
    assert "scripts/action/run.py" in script_step["run"]
    for name in ("paths", "fail-on", "sarif", "package"):
        assert name in ACTION["inputs"]
        assert f"${{{{ inputs.{name} }}}}" in script_step["env"].values()
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ steps.journeymap.outputs.sarif }}"
    assert "always()" in upload["if"]  # the upload runs even when findings fail the job
    for name, output in ACTION["outputs"].items():
        assert re.fullmatch(r"\$\{\{ steps\.journeymap\.outputs\.[a-z-]+ \}\}", output["value"]), name
    assert SCRIPT.is_file()


@pytest.mark.slow
def test_action_on_a_project_with_a_broken_journey(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    done, outputs, summary = run_action(project, paths=". .github/workflows/ci.yml", sarif="out/journeymap.sarif")
    assert done.returncode == 0, done.stderr  # the job fails in action.yml's last step, after the upload
    assert outputs["exit-code"] == "1"
    assert outputs["journeys"] == "3"  # shop.journey.yaml, support.yaml, journeys/broken.yaml
    assert outputs["sarif"] == "out/journeymap.sarif"
    log = json.loads((project / "out" / "journeymap.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert int(outputs["findings"]) == len(results) > 2
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "journeys/broken.yaml" in uris
    assert not any("ci.yml" in uri for uri in uris)
    assert summary.startswith("**journeymap**: 3 journey files checked, 1 not valid; findings at or above `error`")
    assert "| stage | errors | warnings | info |" in summary
    assert "skipped" in done.stderr


@pytest.mark.slow
def test_action_passes_on_valid_journeys_and_honours_fail_on(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    (project / "journeys" / "broken.yaml").unlink()
    done, outputs, _ = run_action(project, paths="shop.journey.yaml")
    assert (done.returncode, outputs["exit-code"], outputs["journeys"]) == (0, "0", "1")
    assert outputs["sarif"] == "journeymap.sarif"
    done, outputs, _ = run_action(project, paths="shop.journey.yaml", **{"fail-on": "warning"})
    assert outputs["exit-code"] == "1"


@pytest.mark.slow
def test_action_with_no_journeys(tmp_path: Path) -> None:
    project = user_project(tmp_path / "project")
    done, outputs, summary = run_action(project, paths=".github/workflows/ci.yml docker-compose.yml")
    assert done.returncode == 0, done.stderr
    assert outputs == {"sarif": "", "journeys": "0", "findings": "0", "exit-code": "0"}
    assert "no journey files found" in summary


@pytest.mark.slow
def test_action_rejects_an_unknown_fail_on(tmp_path: Path) -> None:
    done, _, _ = run_action(tmp_path, **{"fail-on": "sometimes"})
    assert done.returncode != 0
    assert "fail-on is one of error, warning, info, never" in done.stderr


@pytest.mark.slow
def test_action_sarif_is_valid(tmp_path: Path) -> None:
    schema_path = CORPUS / "sarif" / "sarif-schema-2.1.0.json"
    require_corpus(schema_path.exists(), "SARIF schema not in the shared corpus")
    import jsonschema

    project = user_project(tmp_path / "project")
    (project / "journeys" / "more.yaml").write_text(BROKEN.replace("Broken", "More"), encoding="utf-8")
    run_action(project)
    log = json.loads((project / "journeymap.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))


@pytest.mark.slow
@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_action_missing_path_is_exit_2(tmp_path: Path, fail_on: str) -> None:
    done, outputs, _ = run_action(tmp_path, paths="nowhere.yaml", **{"fail-on": fail_on})
    assert done.returncode == 0, done.stderr
    assert outputs["exit-code"] == "2"
