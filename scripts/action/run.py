"""The GitHub Action's work (action.yml): install journeymap, validate and audit, write SARIF and a summary.

Reads its inputs from the environment (INPUT_PATHS, INPUT_FAIL_ON, INPUT_SARIF, INPUT_PACKAGE,
ACTION_PATH) and writes GitHub's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). It always exits 0
when it could do its work, so that the SARIF upload step still runs; the ``exit-code`` output
says whether the job should fail, and action.yml's last step fails it. Standard library only:
it runs before journeymap is installed. Tests run it with fake GITHUB_* variables
(tests/ecosystem/test_action.py); JOURNEYMAP_ACTION_COMMAND replaces the ``journeymap`` command there.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

FAIL_ON = ("error", "warning", "info", "never")


def _inputs() -> tuple[list[str], str, str, str]:
    paths = os.environ.get("INPUT_PATHS", ".").split() or ["."]
    fail_on = os.environ.get("INPUT_FAIL_ON", "error").strip().lower() or "error"
    if fail_on not in FAIL_ON:
        raise SystemExit(f"::error title=journeymap::fail-on is one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    sarif = os.environ.get("INPUT_SARIF", "").strip() or "journeymap.sarif"
    package = os.environ.get("INPUT_PACKAGE", "").strip()
    return paths, fail_on, sarif, package


def _journeymap() -> list[str]:
    override = os.environ.get("JOURNEYMAP_ACTION_COMMAND")
    return shlex.split(override) if override else [sys.executable, "-m", "journeymap"]


def _install(package: str) -> None:
    if os.environ.get("JOURNEYMAP_ACTION_COMMAND"):
        return  # tests: journeymap is already there
    spec = package or os.environ.get("ACTION_PATH") or str(Path(__file__).resolve().parents[2])
    print(f"::group::Installing journeymap ({spec})", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", spec], check=True)
    print("::endgroup::", flush=True)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)  # formats are chosen explicitly here
    return subprocess.run([*_journeymap(), *args], capture_output=True, text=True, env=env, check=False)


def _append(variable: str, text: str) -> None:
    target = os.environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def _outputs(**values: object) -> None:
    _append("GITHUB_OUTPUT", "".join(f"{key}={value}\n" for key, value in values.items()))


def main() -> int:
    paths, fail_on, sarif, package = _inputs()
    _install(package)
    checked = _run("validate", "--only-journeys", "--format", "json", *paths)
    sys.stderr.write(checked.stderr)
    if checked.returncode == 2 and not checked.stdout.strip():
        _append("GITHUB_STEP_SUMMARY", f"**journeymap** could not run:\n\n```text\n{checked.stderr}```\n")
        _outputs(sarif="", journeys=0, findings=0, **{"exit-code": 2})
        return 0
    entries = json.loads(checked.stdout)["files"] if checked.stdout.strip() else []  # empty: all skipped
    files = [entry["path"] for entry in entries if entry["path"] != "<stdin>"]
    if not files:
        _append("GITHUB_STEP_SUMMARY", "**journeymap**: no journey files found in " + " ".join(paths) + "\n")
        _outputs(sarif="", journeys=0, findings=0, **{"exit-code": 0})
        return 0
    audited = _run("audit", "--format", "sarif", "--fail-on", fail_on, *files)
    sys.stderr.write(audited.stderr)
    Path(sarif).parent.mkdir(parents=True, exist_ok=True)
    Path(sarif).write_text(audited.stdout, encoding="utf-8")
    findings = len(json.loads(audited.stdout)["runs"][0]["results"])
    markdown = _run("audit", "--format", "markdown", "--fail-on", "never", *files)
    invalid = sum(1 for entry in entries if not entry["valid"])
    head = f"**journeymap**: {len(files)} journey file{'s' if len(files) != 1 else ''} checked"
    head += f", {invalid} not valid" if invalid else ", all valid"
    head += f"; findings at or above `{fail_on}` fail the job.\n\n" if fail_on != "never" else ".\n\n"
    _append("GITHUB_STEP_SUMMARY", head + markdown.stdout + "\n")
    code = max(audited.returncode, 1 if invalid else 0, checked.returncode if checked.returncode == 2 else 0)
    _outputs(sarif=sarif, journeys=len(files), findings=findings, **{"exit-code": code})
    print(f"journeymap: {len(files)} journey files, {findings} results in {sarif}; exit code {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
