"""Nothing lost: outputs are written atomically, failures leave no partial or temporary file, inputs
are never touched, and unwritable outputs give a clear one-line error (exit 2, no traceback).

The suite runs as root in CI, where chmod does not stop writes: unwritable places are made with a
regular FILE as the parent directory (``-o afile/out.svg``) and with ``/sys`` (sysfs refuses new
files even to root). A full disk and interruptions are simulated in-process by monkeypatching the
``os`` module that ``journeymap.io`` sees, both on ``write_atomic`` directly and through the CLI's
``main()``.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import journeymap.io as jio
from journeymap.cli.app import main
from journeymap.errors import OutputError
from tests.conftest import EXAMPLES, CliResult, assert_no_traceback, run_cli

EXAMPLE = EXAMPLES / "first-purchase.yaml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".*.tmp"))


def assert_clear_error(result: CliResult, *words: str) -> None:
    assert result.code == 2, result.output
    assert_no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert lines, result.output
    assert lines[0].startswith("journeymap: error: "), result.stderr
    for word in words:
        assert word in lines[0], result.stderr
    assert all(line.startswith("  hint: ") for line in lines[1:2]), result.stderr
    assert "{" not in result.stderr, f"unfilled placeholder in {result.stderr!r}"


@pytest.fixture
def afile(tmp_path: Path) -> Path:
    """A regular file: a path below it cannot be created, even by root."""
    path = tmp_path / "afile"
    path.write_text("not a directory\n")
    return path


# -- unwritable places ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["render", str(EXAMPLE), "--format", "dot", "-o", "{afile}/out.dot"], id="render-file"),
        pytest.param(["render", str(EXAMPLE), "--format", "dot", "-o", "/sys/journeymap-out.dot"], id="render-sys"),
        pytest.param(["report", str(EXAMPLE), "--format", "markdown", "-o", "/sys/journeymap-out.md"], id="report-sys"),
        pytest.param(["render", str(EXAMPLE), "--format", "dot", "-o", "missing/out.dot"], id="render-missing-dir"),
        pytest.param(["schema", "-o", "{afile}/schema.json"], id="schema-file"),
        pytest.param(["schema", "-o", "/sys/journeymap-schema.json"], id="schema-sys"),
    ],
)
def test_unwritable_output_is_a_clear_error(args: list[str], afile: Path, tmp_path: Path) -> None:
    args = [a.replace("{afile}", str(afile)) for a in args]
    result = run_cli(*args, cwd=tmp_path)
    assert_clear_error(result, "cannot write")
    assert afile.read_text() == "not a directory\n"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["report", str(EXAMPLE), "-o", "{afile}/out.html"], id="report-page-below-file"),
        pytest.param(["report", str(EXAMPLE), "-o", "{afile}/site"], id="report-dir-below-file"),
        pytest.param(["report", str(EXAMPLE), "-o", "/sys/journeymap-site/"], id="report-dir-in-sys"),
        pytest.param(["render", str(EXAMPLE), "--format", "dot", "-o", "{afile}/maps/"], id="render-dir-below-file"),
    ],
)
def test_unwritable_output_directory_is_a_clear_error(args: list[str], afile: Path, tmp_path: Path) -> None:
    args = [a.replace("{afile}", str(afile)) for a in args]
    result = run_cli(*args, cwd=tmp_path)
    assert_clear_error(result)


def test_schema_into_an_existing_directory_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", tmp_path, cwd=tmp_path)
    assert result.code == 2, result.output
    assert_no_traceback(result)
    assert result.stderr.startswith(f"journeymap: error: {tmp_path} is a directory"), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_directory_hint_names_the_directory(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", tmp_path, cwd=tmp_path)
    assert "{target}" not in result.stderr, result.stderr


def test_report_into_an_existing_file_that_is_not_a_page(tmp_path: Path) -> None:
    """A directory is a valid report output; an existing non-page file where a directory is meant is refused."""
    existing = tmp_path / "site"
    existing.write_text("keep me")
    result = run_cli("report", EXAMPLE, "-o", existing, cwd=tmp_path)
    assert_clear_error(result, "is not a directory")
    assert existing.read_text() == "keep me"


@needs_dot
def test_render_and_report_into_an_existing_directory_write_inside_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert run_cli("render", EXAMPLE, "--format", "dot", "-o", out, cwd=tmp_path).code == 0
    assert run_cli("report", EXAMPLE, "--format", "html", "-o", out, cwd=tmp_path).code == 0
    assert sorted(p.name for p in out.iterdir()) == ["first-purchase.dot", "first-purchase.html"]
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    ("args", "inside"),
    [
        (["render", str(EXAMPLE), "--format", "dot", "-o", "out.dot"], "first-purchase.dot"),
        (["report", str(EXAMPLE), "-o", "out.html"], "first-purchase.html"),
    ],
    ids=["render", "report"],
)
def test_an_existing_directory_named_like_a_file_is_written_into_never_replaced(
    args: list[str], inside: str, tmp_path: Path
) -> None:
    """For render and report a directory is a valid output: an existing one is used as such."""
    folder = tmp_path / args[-1]
    folder.mkdir()
    (folder / "keep.txt").write_text("keep")
    result = run_cli(*args, cwd=tmp_path)
    assert result.code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted([inside, "keep.txt"])
    assert temp_files(tmp_path) == []


def test_output_over_its_own_input_is_refused(tmp_path: Path) -> None:
    journey = tmp_path / "journey.yaml"
    shutil.copy(EXAMPLE, journey)
    result = run_cli("render", journey, "--format", "dot", "-o", journey, cwd=tmp_path)
    assert journey.read_bytes() == EXAMPLE.read_bytes()
    assert result.code == 2, result.output


# -- a full disk, failures and interrupts while writing ------------------------------------------


class _FailingFile:
    """Wraps a real binary file: writes half of the data for real, then raises ``error``."""

    def __init__(self, handle: Any, error: BaseException) -> None:
        self._handle, self._error = handle, error

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


class FakeOs:
    """The ``os`` module as journeymap.io sees it, with the ``fail_on``-th fdopen'd file failing."""

    def __init__(self, error: BaseException, fail_on: int = 1, where: str = "write") -> None:
        self.error, self.fail_on, self.where, self.opened = error, fail_on, where, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        self.opened += 1
        handle = os.fdopen(fd, mode, *args, **kwargs)
        if self.opened == self.fail_on and self.where == "write":
            return _FailingFile(handle, self.error)
        return handle

    def fsync(self, fd: int) -> None:
        if self.opened == self.fail_on and self.where == "fsync":
            raise self.error
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        if self.opened == self.fail_on and self.where == "replace":
            raise self.error
        os.replace(src, dst)


DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
@pytest.mark.parametrize("existing", [True, False], ids=["existing-target", "new-target"])
def test_full_disk_leaves_no_partial_file(
    where: str, existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.svg"
    if existing:
        target.write_bytes(b"previous content")
    monkeypatch.setattr(jio, "os", FakeOs(DISK_FULL, where=where))
    with pytest.raises(OutputError) as caught:
        jio.write_atomic(target, b"x" * 100_000)
    assert "No space left on device" in caught.value.message
    assert str(target) in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.svg"] if existing else [])
    if existing:
        assert target.read_bytes() == b"previous content"


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(1), RuntimeError("boom")], ids=type)
@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_interrupt_during_write_atomic_leaves_no_temp_file(
    error: BaseException, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.html"
    target.write_bytes(b"previous content")
    monkeypatch.setattr(jio, "os", FakeOs(error, where=where))
    with pytest.raises(type(error)):
        jio.write_atomic(target, b"new content " * 1000)
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]
    assert target.read_bytes() == b"previous content"


def test_write_atomic_replaces_whole_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    jio.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def _main(
    args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("NO_COLOR", "1")
    code = main(args)
    return code, capsys.readouterr().err


def test_cli_full_disk_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "schema.json"
    target.write_bytes(b"previous schema")
    monkeypatch.setattr(jio, "os", FakeOs(DISK_FULL))
    code, err = _main(["schema", "-o", str(target)], tmp_path, monkeypatch, capsys)
    assert code == 2
    assert err.splitlines()[0] == f"journeymap: error: cannot write {target}: No space left on device", err
    assert "Traceback" not in err
    assert "internal error" not in err
    assert target.read_bytes() == b"previous schema"
    assert temp_files(tmp_path) == []


def test_cli_interrupt_while_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(jio, "os", FakeOs(KeyboardInterrupt()))
    code, err = _main(["render", str(EXAMPLE), "--format", "dot", "-o", "out.dot"], tmp_path, monkeypatch, capsys)
    assert code == 130, err
    assert "interrupted" in err
    assert list(tmp_path.iterdir()) == []


def _journeys(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(count):
        text = EXAMPLE.read_text(encoding="utf-8").replace("id: first-purchase", f"id: journey-{number}", 1)
        (folder / f"journey-{number}.yaml").write_text(text, encoding="utf-8")
    return folder


class CleanRuns:
    """What a command writes from the same three journeys when nothing fails, made once per command.

    Why: nine failures share three commands; the run they are compared with is the same for all of them.
    """

    def __init__(self, inputs: Path, out: Path) -> None:
        self.inputs, self.out = inputs, out
        self.made: dict[str, dict[str, bytes]] = {}

    def __call__(self, command: list[str]) -> dict[str, bytes]:
        key = " ".join(command)
        if key not in self.made:
            out = self.out / f"clean-{len(self.made)}"
            result = run_cli(*command, self.inputs, "-o", out, cwd=self.out)
            assert result.code == 0, result.output
            self.made[key] = {p.name: p.read_bytes() for p in out.iterdir()}
        return self.made[key]


@pytest.fixture(scope="module")
def clean_runs(tmp_path_factory: pytest.TempPathFactory) -> CleanRuns:
    folder = tmp_path_factory.mktemp("clean-runs")
    return CleanRuns(_journeys(folder, 3), folder)


@needs_dot
@pytest.mark.parametrize(
    ("command", "fail_on"),
    [
        (["render", "--format", "dot"], 2),  # svg, png, pdf go through the same writer
        (["report", "--format", "markdown"], 3),  # pages and their map images
        (["report", "--format", "html"], 2),
    ],
    ids=["render-dot", "report-markdown", "report-html"],
)
@pytest.mark.parametrize("error", [DISK_FULL, RuntimeError("boom"), KeyboardInterrupt()], ids=type)
def test_failure_in_the_middle_of_many_files_keeps_whole_files_and_never_half_a_report(
    command: list[str],
    fail_on: int,
    error: BaseException,
    clean_runs: CleanRuns,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean, broken = clean_runs(command), tmp_path / "broken"
    inputs = clean_runs.inputs
    monkeypatch.setattr(jio, "os", FakeOs(error, fail_on=fail_on))
    code, err = _main([*command, str(inputs), "-o", str(broken)], tmp_path, monkeypatch, capsys)
    assert code == {OSError: 2, RuntimeError: 2, KeyboardInterrupt: 130}[type(error).__mro__[0]], err
    assert "Traceback" not in err
    if isinstance(error, OSError):
        assert err.startswith("journeymap: error: cannot write"), err
    written = sorted(p.name for p in broken.iterdir()) if broken.exists() else []
    # render writes one file per journey, each whole; a report's pages link each other: all or none
    assert len(written) == (fail_on - 1 if command[0] == "render" else 0), written
    for name in written:
        assert (broken / name).read_bytes() == clean[name], name
    assert temp_files(tmp_path) == []


# -- inputs are never touched ----------------------------------------------------------------------

OLD = 1_000_000_000_000_000_000  # 2001-09-09, in nanoseconds


@needs_dot
def test_commands_never_touch_their_inputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    files = [p for p in inputs.rglob("*") if p.is_file()]  # data exports sit in a folder beside the journeys
    for path in files:
        os.utime(path, ns=(OLD, OLD))
    before = {str(p.relative_to(inputs)): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    out = tmp_path / "out"
    out.mkdir()
    one = inputs / "first-purchase.yaml"
    commands: list[list[str | Path]] = [
        ["validate", inputs],
        ["validate", "--format", "json", one],
        ["score", inputs],
        ["score", "--by", "stage", "--format", "json", one],
        ["audit", inputs],
        ["audit", "--format", "sarif", one],
        ["render", inputs, "-o", out / "maps"],
        ["render", one],  # default output: <name>.svg in the working directory
        ["render", one, "--format", "mermaid", "-o", "-"],
        ["report", inputs, "-o", out / "site"],
        ["report", one, "--format", "markdown", "-o", out / "md"],
        ["report", one, "-o", out / "one.html"],
    ]
    for args in commands:
        result = run_cli(*args, cwd=out)
        assert result.code in (0, 1), (args, result.output[-2000:])
        assert_no_traceback(result)
    after = {
        str(p.relative_to(inputs)): (p.read_bytes(), p.stat().st_mtime_ns) for p in inputs.rglob("*") if p.is_file()
    }
    assert after == before
    assert temp_files(tmp_path) == []
    assert (out / "first-purchase.svg").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["render", str(EXAMPLE), "-f", "dot"],
        ["export", str(EXAMPLE), "-f", "csv"],
        ["measure", str(EXAMPLES / "data" / "telecom-support.measures.yaml")],
    ],
    ids=["schema", "render", "export", "measure"],
)
def test_a_device_or_pipe_is_written_into_never_replaced(args: list[str], tmp_path: Path) -> None:
    """``-o /dev/null`` once replaced the device with a regular file (a rename over it): a pipe
    stands in for every device here, and must still be a pipe that received the whole output."""
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = run_cli(*args, "-o", str(pipe))
    reader.join(timeout=60)
    assert result.code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received
    assert len(received[0]) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left beside it


@pytest.mark.parametrize(
    "args",
    [
        ["export", str(EXAMPLES / "first-purchase.yaml")],
        ["render", str(EXAMPLES / "first-purchase.yaml")],
        ["compare", str(EXAMPLES / "telecom-support.yaml"), str(EXAMPLES / "telecom-support.future.yaml")],
    ],
    ids=["export", "render", "compare"],
)
def test_a_file_in_a_folder_that_does_not_exist_says_how_to_make_it(args: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "no-such-folder"
    result = run_cli(*args, "-o", str(folder / "out.csv" if args[0] == "export" else folder / "out.md"))
    assert result.code == 2, result.output
    assert f"cannot write into {folder}" in result.stderr
    assert f"hint: the folder does not exist: create it first (mkdir -p {folder})" in result.stderr
    assert not folder.exists()


def test_export_of_a_folder_is_refused_with_the_way_out() -> None:
    result = run_cli("export", str(EXAMPLES))
    assert result.code == 2
    assert f"{EXAMPLES} is a folder; export takes one journey file" in result.stderr
    assert "hint: export each journey: journeymap export FILE.yaml -o FILE.csv" in result.stderr
    assert_no_traceback(result)
