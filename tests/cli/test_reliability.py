"""Regression tests for the reliability review: each defect it found, through the CLI.

Every test here failed before its fix. In-process unless the process itself is
the point (closed standard streams, the locale's encoding).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import journeymap
from journeymap.cli.app import main
from tests.conftest import EXAMPLES, ROOT, assert_no_traceback, run_cli, run_process

ARABIC = EXAMPLES / "bank-account-opening-ar.yaml"
FIRST_PURCHASE = EXAMPLES / "first-purchase.yaml"

BASE = """\
version: 1
journey:
  title: Reliability
personas:
  - id: sara
    name: Sara
stages:
  - id: awareness
    name: Awareness
    touchpoints:
"""


def journey_with(touchpoints: str) -> str:
    return BASE + touchpoints


# -- 1. a custom metric whose unit is a mapping or a list ------------------------------------------

UNHASHABLE_UNITS = journey_with(
    """\
      - id: ad
        name: Ad
        channel: social
        emotion: 3
        metrics:
          custom:
            approval: {value: 3, unit: {days: 1}}
            rating: {value: 3, unit: [number]}
            review: {value: 3, label: {en: Review}}
"""
)


def test_a_custom_unit_that_is_a_mapping_or_list_is_a_diagnostic(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(UNHASHABLE_UNITS, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(journey_with("      - {id: ad, name: Ad, channel: sociall}\n"), encoding="utf-8")
    result = run_cli("validate", "-f", "text", bad, other)
    assert_no_traceback(result)
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert any(":17:" in line and "JM103" in line and "unit 'a mapping'" in line for line in lines), lines
    assert any(":18:" in line and "JM103" in line and "unit 'a list'" in line for line in lines), lines
    assert any(":19:" in line and "JM103" in line and "label is text" in line for line in lines), lines
    assert any(line.startswith(f"{other}:") and "JM202" in line for line in lines), "the other file is still checked"


def test_the_library_returns_diagnostics_for_an_unhashable_unit() -> None:
    result = journeymap.validate(journeymap.load_text(UNHASHABLE_UNITS, "bad.yaml"))
    assert result.journey is None
    assert {d.code for d in result.diagnostics} == {"JM103"}


# -- 2. an output never replaces an input ----------------------------------------------------------


@pytest.fixture
def journey_as_json(tmp_path: Path) -> Path:
    """A journey written as JSON (JSON is YAML): the case that lost data."""
    import yaml

    path = tmp_path / "j.json"
    path.write_text(json.dumps(yaml.safe_load(FIRST_PURCHASE.read_text(encoding="utf-8"))), encoding="utf-8")
    return path


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("command", [["report"], ["report", "-f", "json"], ["render", "-f", "dot"]])
def test_no_command_writes_over_its_input(journey_as_json: Path, command: list[str], link: str) -> None:
    before = journey_as_json.read_bytes()
    target = journey_as_json
    suffix = ".json" if "json" in command else ".dot" if "dot" in command else ".html"
    if link == "symlink":
        target = journey_as_json.with_name("link" + suffix)
        target.symlink_to(journey_as_json)
    elif link == "hardlink":
        target = journey_as_json.with_name("hard" + suffix)
        os.link(journey_as_json, target)
    result = run_cli(*command, journey_as_json, "-o", target)
    assert result.code == 2, result.output
    assert "is an input" in result.stderr
    assert journey_as_json.read_bytes() == before


def test_schema_never_replaces_a_yaml_file(tmp_path: Path) -> None:
    journey = tmp_path / "journey.yaml"
    journey.write_bytes(FIRST_PURCHASE.read_bytes())
    result = run_cli("schema", "-o", journey)
    assert result.code == 2
    assert "never writes YAML" in result.stderr
    assert journey.read_bytes() == FIRST_PURCHASE.read_bytes()


# -- 3. labels can never start a new output line ---------------------------------------------------

FORGED = ["::error file=.github/workflows/ci.yml::pwned", "other.yaml:9:9: error[JM999] forged finding"]
BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


def forging_journey(tmp_path: Path, line_break: str) -> Path:
    name = json.dumps(f"Checkout{line_break}{FORGED[0]}")
    pain = json.dumps(f"Slow{line_break}{FORGED[1]}")
    path = tmp_path / "forge.yaml"
    path.write_text(
        journey_with(
            f"""\
      - id: checkout
        name: {name}
        channel: web
        emotion: angry
        pain_points: [{pain}]
        metrics: {{csat: 41%}}
        targets: {{csat: 80%}}
        opportunities: [{name}]
      - id: {json.dumps("ad")}
        name: {pain}
        channel: social
"""
        ),
        encoding="utf-8",
    )
    return path


LINE_COMMANDS = [
    ["score"],
    ["score", "-f", "markdown"],
    ["score", "--by", "stage"],
    ["score", "--explain", "checkout"],
    ["audit", "-f", "text"],
    ["audit", "-f", "github"],
    ["audit", "-f", "markdown"],
    ["audit", "-f", "human"],
    ["validate", "-f", "text"],
    ["validate", "-f", "github"],
    ["render", "-f", "mermaid", "-o", "-"],
]


@pytest.mark.parametrize("line_break", BREAKS, ids=["+".join(f"U+{ord(c):04X}" for c in b) for b in BREAKS])
@pytest.mark.parametrize("command", LINE_COMMANDS, ids=" ".join)
def test_a_label_never_starts_an_output_line(tmp_path: Path, command: list[str], line_break: str) -> None:
    result = run_cli(*command, forging_journey(tmp_path, line_break))
    assert_no_traceback(result)
    assert result.code in (0, 1), result.output
    for line in re.split(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", result.stdout):
        assert not line.lstrip(" |*-#>").startswith(("::error", "other.yaml:")), (command, line)


# -- 5. UTF-8 out, whatever the locale says ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize(
    "command", [["score"], ["audit", "-f", "text"], ["validate", "-f", "json"], ["audit", "-f", "json"]], ids=" ".join
)
def test_arabic_output_is_utf8_whatever_the_locale(command: list[str], encoding: str) -> None:
    """In-process, with standard streams in the locale's encoding (what PYTHONIOENCODING or cp1252 gives)."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)
    stderr = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = main([*command, str(ARABIC)])
    finally:
        sys.stdout, sys.stderr = saved
    stdout.flush()
    text = stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]  # raises if not UTF-8
    assert code in (0, 1), text[:500]
    if "json" in command:
        json.loads(text)
    else:
        assert re.search("[\u0600-\u06ff]", text), text[:500]


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_the_real_process_writes_utf8_under_an_ascii_locale() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "audit", "-f", "json", str(ARABIC)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"},
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")
    json.loads(result.stdout.decode("utf-8"))


# -- 6. closed standard streams ---------------------------------------------------------------------


def _closed(stream: int, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run journeymap with fd 0 or 1 closed, as `<&-` or `>&-` would."""
    script = f"import os, sys, runpy; os.close({stream}); sys.argv = ['journeymap', *sys.argv[1:]]; "
    script += "runpy.run_module('journeymap', run_name='__main__')"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=stream != 1, cwd=ROOT, timeout=60, check=False
    )


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_closed_standard_output_is_a_clear_error() -> None:
    process = subprocess.run(
        f"{sys.executable} -m journeymap score {FIRST_PURCHASE} >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    err = process.stderr.decode()
    assert process.returncode == 2, err
    assert "standard output is closed" in err
    assert "internal error" not in err


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_closed_standard_output_still_writes_files(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    process = subprocess.run(
        f"{sys.executable} -m journeymap render {FIRST_PURCHASE} -f dot -o {out} >&-",
        shell=True,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert process.returncode == 0, process.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith("digraph")


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_closed_standard_input_is_unreadable_input() -> None:
    process = subprocess.run(
        f"{sys.executable} -m journeymap validate - <&-",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    out = process.stdout.decode() + process.stderr.decode()
    assert process.returncode == 2, out
    assert "JM001" in out
    assert "standard input is closed" in out
    assert "internal error" not in out


# -- 8. a report is written whole or not at all -----------------------------------------------------


def test_a_failed_report_leaves_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import journeymap.io as jio

    out = tmp_path / "site"
    assert main(["report", str(EXAMPLES), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == len(list(EXAMPLES.glob("*.yaml"))) + 1  # a page per journey and the index
    real_write = jio._write_file
    calls = []

    def full_disk_on_third(path: Path, data: bytes, final: Path) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_write(path, {**before, final.name: b"changed"}.get(final.name, data), final)

    monkeypatch.setattr(jio, "_write_file", full_disk_on_third)
    capsys.readouterr()
    assert main(["report", str(EXAMPLES), "-o", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the staging folder is gone"


# -- 9. score over a folder with one invalid file ---------------------------------------------------


def test_score_scores_the_valid_files_and_reports_the_invalid_one(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(FIRST_PURCHASE.read_bytes())
    (tmp_path / "bad.yaml").write_text("version: 1\njourney: {title: Bad}\n", encoding="utf-8")
    result = run_cli("score", tmp_path, "-f", "json")
    assert result.code == 1
    scored = json.loads(result.stdout)
    assert [Path(j["path"]).name for j in scored["journeys"]] == ["good.yaml"]
    assert "bad.yaml:1:1: error[JM101]" in result.stderr


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_process_exit_codes_match_in_process() -> None:
    """The console script and main() agree (the in-process tests stand for the real binary)."""
    assert run_process("validate", FIRST_PURCHASE).code == run_cli("validate", FIRST_PURCHASE).code == 0
    assert run_process("validate", "missing.yaml").code == run_cli("validate", "missing.yaml").code == 2


# -- found by the fuzz campaign ---------------------------------------------------------------------


def test_the_progress_bar_never_touches_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """With stderr on a terminal the bar is drawn there; stdout stays the clean JSON document."""
    stdout, stderr = _capture(), _capture()
    monkeypatch.setattr(stderr, "isatty", lambda: True)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["validate", "--format", "json", str(EXAMPLES)]) == 0
    text = stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert text.startswith("{"), text[:80]
    json.loads(text)


def test_a_usage_error_echoes_control_characters_harmlessly() -> None:
    result = run_cli("rules", "\x1b[31mx\u202e")
    assert result.code == 2
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "\\u001b[31mx\\u202e" in result.stderr


def _capture() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
