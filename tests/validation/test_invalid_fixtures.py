"""Every file in tests/fixtures/invalid/ fails ``journeymap validate`` exactly as its header says.

A fixture holds one kind of mistake and starts with a header comment::

    # expect: JM100 18:9                      code, line, column of the one diagnostic (1-based)
    # message: unknown key 'pain_point'       optional: text the message must contain
    # xfail-position: why                     optional: known bug, the position is wrong
    # xfail: why                              optional: known bug, the file is not reported at all

Everything else in the file is valid, so the CLI prints exactly one
diagnostic. The test runs the real command line, with paths relative to the
repository root so they appear in the output exactly as passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymap.codes import CODES
from journeymap.loader import UNREADABLE_CODES
from tests.conftest import FIXTURES, ROOT, CliResult, assert_no_traceback, run_cli

INVALID = FIXTURES / "invalid"

#: Fixtures that cannot carry a header comment: file name -> (code, line, column, message).
WITHOUT_HEADER: dict[str, tuple[str, int, int, str]] = {
    "JM009-empty-file.yaml": ("JM009", 1, 1, "the file is empty"),
}

#: File-stage codes no stored fixture can produce; each is tested below with generated input.
NOT_FROM_A_FIXTURE = {
    "JM001": "a path that does not exist: there is no file to store",
    "JM002": "needs a file over the 16 MiB limit; generated in tmp_path",
    "JM014": "about the paths given, not a file's content: an empty directory or a glob matching nothing",
}

_HEADER = re.compile(r"^# (expect|message|xfail|xfail-position): (.*)$")
_EXPECT = re.compile(r"^(JM\d{3}) (\d+):(\d+)$")
#: A diagnostic line in the text format: ``path:line:col: severity[CODE] message``.
_DIAGNOSTIC = re.compile(
    r"^(?P<where>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?:error|warning|info)\[(?P<code>JM\d{3})\] "
)


@dataclass(frozen=True)
class Fixture:
    path: Path
    code: str
    line: int
    column: int
    message: str | None = None
    xfail: str | None = None
    xfail_position: str | None = None

    @property
    def relative(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def _read_fixture(path: Path) -> Fixture:
    if path.name in WITHOUT_HEADER:
        code, line, column, message = WITHOUT_HEADER[path.name]
        return Fixture(path, code, line, column, message)
    header: dict[str, str] = {}
    # Decoded leniently: the JM003 fixtures are not UTF-8 past their ASCII header.
    for text in path.read_bytes().decode("utf-8", "replace").splitlines():
        if not text.startswith("#"):
            break
        match = _HEADER.match(text)
        if match:
            header[match.group(1)] = match.group(2).strip()
    expect = _EXPECT.match(header.get("expect", ""))
    if expect is None:
        raise ValueError(f"{path.name}: no '# expect: JMnnn line:col' header (or add it to WITHOUT_HEADER)")
    return Fixture(
        path,
        expect.group(1),
        int(expect.group(2)),
        int(expect.group(3)),
        header.get("message"),
        header.get("xfail"),
        header.get("xfail-position"),
    )


FIXTURE_FILES = sorted(INVALID.glob("*.yaml"))
ALL = [_read_fixture(path) for path in FIXTURE_FILES]


def _param(fixture: Fixture) -> object:
    marks = [pytest.mark.xfail(reason=fixture.xfail, strict=True, raises=AssertionError)] if fixture.xfail else []
    return pytest.param(fixture, id=fixture.path.stem, marks=marks)


def _diagnostic_lines(result: CliResult) -> list[str]:
    return [text for text in result.stdout.splitlines() if _DIAGNOSTIC.match(text)]


@pytest.mark.parametrize("fixture", [_param(f) for f in ALL])
def test_invalid_fixture_gives_its_one_diagnostic(fixture: Fixture) -> None:
    result = run_cli("validate", fixture.relative)

    assert_no_traceback(result)
    assert result.stderr == "", result.output
    severity = CODES[fixture.code].severity.label  # warnings (plausibility) pass validation: exit 0
    expected_exit = 2 if fixture.code in UNREADABLE_CODES else 1 if severity == "error" else 0
    assert result.code == expected_exit, result.output

    lines = result.stdout.splitlines()
    diagnostics = _diagnostic_lines(result)
    assert len(diagnostics) == 1, result.output
    assert lines[0] == diagnostics[0], result.output
    summary = ": 1 error in 1 file" if severity == "error" else f": 0 errors, 1 {severity}"
    assert lines[-1].endswith(summary), result.output

    first = _DIAGNOSTIC.match(lines[0])
    assert first is not None
    assert first["where"] == fixture.relative, result.output
    assert first["code"] == fixture.code, result.output
    if fixture.message is not None:
        assert fixture.message in lines[0], result.output

    position = (int(first["line"] or 0), int(first["col"] or 0))
    if fixture.xfail_position:
        if position != (fixture.line, fixture.column):
            pytest.xfail(f"at {position[0]}:{position[1]}: {fixture.xfail_position}")
        pytest.fail(f"{fixture.path.name}: the position is right now; remove its `# xfail-position:` line")
    assert lines[0].startswith(f"{fixture.relative}:{fixture.line}:{fixture.column}: {severity}[{fixture.code}]"), (
        result.output
    )


def test_there_are_enough_fixtures() -> None:
    assert len(ALL) >= 25


def test_fixture_names_start_with_their_code() -> None:
    for fixture in ALL:
        assert re.fullmatch(r"JM\d{3}(-[a-z0-9]+)+\.yaml", fixture.path.name), fixture.path.name
        assert fixture.path.name.startswith(fixture.code + "-"), fixture.path.name


def test_every_file_code_has_a_fixture() -> None:
    file_codes = {code for code, info in CODES.items() if info.stage in ("load", "schema", "semantic")}
    # An xfail fixture does not show that its code is produced today.
    covered = {fixture.code for fixture in ALL if not fixture.xfail}
    missing = file_codes - covered - NOT_FROM_A_FIXTURE.keys()
    assert not missing, f"no fixture for {sorted(missing)}"
    assert not NOT_FROM_A_FIXTURE.keys() & covered, "a code in NOT_FROM_A_FIXTURE now has a fixture; drop it there"
    assert NOT_FROM_A_FIXTURE.keys() <= file_codes


# -- generated inputs: what cannot be stored as a fixture ----------------------------

VALID_JOURNEY = """\
version: 1
journey:
  title: Broadband fault repair
personas:
  - id: nadia
    name: Nadia, remote worker
stages:
  - id: service
    name: Service
    touchpoints:
      - id: report-fault
        name: Report the fault
        channel: phone
        personas: [nadia]
"""


def _only_diagnostic(result: CliResult, code: str) -> str:
    assert_no_traceback(result)
    diagnostics = _diagnostic_lines(result)
    assert len(diagnostics) == 1, result.output
    match = _DIAGNOSTIC.match(diagnostics[0])
    assert match is not None
    assert match["code"] == code, result.output
    return diagnostics[0]


def test_missing_file_is_jm001() -> None:
    path = "tests/fixtures/invalid/no-such-journey.yaml"
    result = run_cli("validate", path)
    assert result.code == 2, result.output
    line = _only_diagnostic(result, "JM001")
    assert line == f"{path}: error[JM001] no such file or directory: '{path}'"


def test_file_over_the_size_limit_is_jm002(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    size = 17 * 1024 * 1024
    path.write_bytes(VALID_JOURNEY.encode() + b"#" * (size - len(VALID_JOURNEY)) + b"\n")
    result = run_cli("validate", path)
    assert result.code == 2, result.output
    line = _only_diagnostic(result, "JM002")
    assert line.startswith(
        f"{path}:1:1: error[JM002] the file is {size + 1:,} bytes; the limit is 16 MiB (16,777,216 bytes)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(VALID_JOURNEY.encode("utf-16"), "the file is UTF-16 encoded", id="utf-16"),
        pytest.param(VALID_JOURNEY.encode() + b"\x00\x01\x02", "contains NUL bytes", id="binary"),
    ],
)
def test_generated_undecodable_file_is_jm003(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "journey.yaml"
    path.write_bytes(data)
    result = run_cli("validate", path)
    assert result.code == 2, result.output
    line = _only_diagnostic(result, "JM003")
    assert line.startswith(f"{path}:1:1: error[JM003] ")
    assert message in line


def test_directory_without_yaml_files_is_jm014(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a journey\n", encoding="utf-8")
    result = run_cli("validate", tmp_path)
    assert result.code == 2, result.output
    line = _only_diagnostic(result, "JM014")
    assert line == f"{tmp_path}: error[JM014] no .yaml or .yml files in directory '{tmp_path}'"


def test_glob_matching_nothing_is_jm014() -> None:
    pattern = "tests/fixtures/invalid/*.yml"
    result = run_cli("validate", pattern)
    assert result.code == 2, result.output
    line = _only_diagnostic(result, "JM014")
    assert line == f"{pattern}: error[JM014] the pattern '{pattern}' matches no files"


@pytest.mark.parametrize(
    "metric",
    ["clv: {n}", "fcr: {n}", "nps: {n}", "ces: {n}", "nps: {{histogram: [{n}, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}}"],
    ids=["money", "percent", "nps", "ces", "nps-histogram"],
)
def test_huge_metric_number_is_a_diagnostic_not_a_crash(tmp_path: Path, metric: str) -> None:
    digits = "9" * 400  # int() reads it (fewer than 4300 digits), float() cannot
    text = VALID_JOURNEY + "        metrics:\n          " + metric.format(n=digits) + "\n"
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", path)
    assert "internal error" not in result.output, result.output
    assert result.code == 1, result.output
    assert len(_diagnostic_lines(result)) == 1, result.output
