"""The README shows real output and runnable code."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_validate_sample_is_real_output() -> None:
    block = re.search(r"```text\n\$ journeymap validate journeys/\n(.*?)```", README, re.S)
    assert block is not None
    result = run_cli("validate", "journeys/", cwd=FIXTURES / "readme")
    assert result.code == 1
    assert result.stdout == block.group(1)


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_python_sample_runs() -> None:
    block = re.search(r"```python\n(import journeymap\n.*?)```", README, re.S)
    assert block is not None
    completed = subprocess.run(
        [sys.executable, "-c", block.group(1)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert _first_purchase_summary() in lines, "the workspace loop: the same numbers as `score` and `audit`"
    assert "Post-purchase Delivery to the door 78.7% (n=380)" in lines, "a metric as every output shows it"
    assert any(line.startswith("tests/fixtures/readme/journeys/checkout.yaml:17:9 JM101 ") for line in lines)
    assert any(re.match(r"Product page \d+\.\d \d+\.\d \['", line) for line in lines), "what to fix first"


def _first_purchase_summary() -> str:
    import json

    path = "examples/first-purchase.yaml"
    scored = json.loads(run_cli("score", path, "-f", "json", cwd=ROOT).stdout)["journeys"][0]["journey"]["score"]
    findings = json.loads(run_cli("audit", path, "-f", "json", "--fail-on", "never", cwd=ROOT).stdout)
    return f"{path} {scored} {findings['summary']['findings']}"


def test_quick_start_commands_exist() -> None:
    assert "./scripts/bootstrap && .venv/bin/journeymap render examples/first-purchase.yaml" in README
    assert "./scripts/bootstrap --dev && ./scripts/test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/bootstrap --dev" in ci
    assert "./scripts/test" in ci


def test_the_default_run_and_ci_leave_no_test_group_out() -> None:
    """The README's command while working is pytest's default run; ./scripts/test (CI) runs it, then every
    group the default run leaves out, so no test runs only on a developer's machine or nowhere."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    groups = sorted(marker.split(":", 1)[0] for marker in ini["markers"])
    assert [group for group in groups if f"not {group}" not in ini["addopts"]] == [], ini["addopts"]
    assert ".venv/bin/python -m pytest -n 2` runs the default suite" in README
    test_script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    runs = re.findall(r'^"\$bin/python" -m pytest (.*)$', test_script, re.MULTILINE)
    assert runs == ["-n auto", '-n auto -m "' + " or ".join(groups) + '"'], runs
