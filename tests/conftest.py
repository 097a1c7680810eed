"""Shared test helpers: run the real CLI, find the repository's files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import settings

# The suite gives the same answer on every run: property tests draw the same examples each time
# (derandomize). Exploring new examples is the fuzz campaign's job (./scripts/fuzz, a printed seed).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.load_profile("repeatable")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The public test inputs (YAML test suite, naughty strings, Mermaid journeys, SARIF schema): beside the
#: repository, or where JOURNEYMAP_CORPUS says (.ci/run finds it for a clone made elsewhere).
CORPUS = Path(os.environ.get("JOURNEYMAP_CORPUS") or ROOT.parent / "shared" / "corpus")


def require(available: object, what: str) -> None:
    """Skip a test whose outside input or tool is missing here, but fail it in CI.

    Why: a developer without ``../shared/corpus`` or Chromium can still run the
    suite, but CI (``CI=true``, set by ``.ci/run``) must never pass by skipping
    the tests that matter most.
    """
    if available:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} (CI=true: this must be available in CI)")
    pytest.skip(what)


#: Real Mermaid journey diagrams of the corpus, with SOURCES.tsv naming each file and where it came from.
MERMAID_CORPUS = CORPUS / "mermaid-journeys"


def mermaid_corpus_rows() -> list[dict[str, str]]:
    """The corpus's Mermaid diagrams as SOURCES.tsv lists them (none when the corpus is absent)."""
    if not (MERMAID_CORPUS / "SOURCES.tsv").exists():
        return []
    with (MERMAID_CORPUS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def mermaid_cli(folder: Path) -> tuple[str, Path]:
    """Mermaid's CLI and a browser configuration in ``folder`` that drives Debian's Chromium headless.

    Required in CI (``require``): a client test must never pass there by skipping.
    """
    mmdc = os.environ.get("MMDC") or shutil.which("mmdc")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(
        mmdc and chromium,
        "Mermaid's CLI needs `npm install @mermaid-js/mermaid-cli` (PUPPETEER_SKIP_DOWNLOAD=1) and "
        "`apt-get install chromium`; set MMDC=/path/to/mmdc or put mmdc on PATH to run this test",
    )
    assert mmdc is not None
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox", "--disable-gpu"]}))
    return mmdc, config


def require_corpus(available: object, what: str) -> None:
    """Like ``require`` for the shared corpus; .ci/run sets JOURNEYMAP_CORPUS_OPTIONAL=1 (and says so loudly)
    only when it cannot find the corpus anywhere near the clone."""
    if not available and os.environ.get("JOURNEYMAP_CORPUS_OPTIONAL") == "1":
        pytest.skip(what)
    require(available, what)


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | os.PathLike[str], stdin: bytes | str | None = None, cwd: Path | None = None) -> CliResult:
    """Run the CLI in this process, as a user would, without colours.

    Why in-process: starting Python for each of a hundred CLI calls was most of
    the suite's time. ``run_process`` is there for tests where the process is
    the point (closed streams, locale encodings, exit codes of the real binary).
    """
    from journeymap.cli.app import main

    data = stdin.encode() if isinstance(stdin, str) else stdin
    stdout, stderr = _capture(), _capture()
    env = {"NO_COLOR": "1", "COLUMNS": "120", "JOURNEYMAP_LANG": "en"}  # messages in English whatever the locale
    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_cwd = os.getcwd()
    with mock.patch.dict(os.environ, env):
        os.environ.pop("GITHUB_ACTIONS", None)
        os.environ.pop("FORCE_COLOR", None)
        sys.stdin = io.TextIOWrapper(io.BytesIO(data or b""), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        try:
            os.chdir(cwd or ROOT)
            code = main([str(arg) for arg in args])
        finally:
            os.chdir(saved_cwd)
            sys.stdin, sys.stdout, sys.stderr = saved_streams
    return CliResult(code, _text(stdout), _text(stderr))


def _capture() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return raw.decode("utf-8", "replace")


def measured_telecom(folder: Path) -> Path:
    """The telecom demo (current and future state) copied into ``folder`` with its exports, and measured:
    its snapshot is written beside the journey, as ``journeymap measure`` does for a user."""
    shutil.copy(EXAMPLES / "telecom-support.yaml", folder)
    shutil.copy(EXAMPLES / "telecom-support.future.yaml", folder)
    shutil.copytree(EXAMPLES / "data", folder / "data")
    done = run_cli("measure", "data/telecom-support.measures.yaml", cwd=folder)
    assert done.code == 0, done.output
    assert (folder / "telecom-support.measured.json").is_file()
    return folder


def run_process(
    *args: str | os.PathLike[str], stdin: bytes | str | None = None, cwd: Path | None = None, **env: str
) -> CliResult:
    """Run ``python -m journeymap`` in a new process (extra environment variables as keywords)."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "JOURNEYMAP_LANG": "en", **env}
    environment.pop("GITHUB_ACTIONS", None)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    completed = subprocess.run(
        [sys.executable, "-m", "journeymap", *map(str, args)],
        input=data,
        capture_output=True,
        cwd=cwd or ROOT,
        env=environment,
        timeout=120,
        check=False,
    )
    return CliResult(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def assert_no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from today's output (tests/formats/test_golden.py); "
        "review them with `git diff tests/golden` before committing",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/fuzz is the `fuzz` group (run by ./scripts/test, not by a bare pytest)."""
    fuzz = Path(__file__).resolve().parent / "fuzz"
    for item in items:
        if fuzz in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.fuzz)


#: Snapshots that ``journeymap measure`` (the README's demo) leaves beside the bundled examples, set aside
#: while the tests run: every command applies a snapshot beside a journey, so the examples' goldens and
#: round trips would otherwise depend on whether the demo was run first.
_SET_ASIDE: list[tuple[Path, Path]] = []


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # xdist workers: the controller has done it
        return
    import shutil
    import tempfile

    snapshots = sorted(EXAMPLES.glob("*.measured.json"))
    if snapshots:
        aside = Path(tempfile.mkdtemp(prefix="journeymap-snapshots-"))
        for snapshot in snapshots:
            _SET_ASIDE.append((snapshot, aside / snapshot.name))
            shutil.move(snapshot, aside / snapshot.name)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _SET_ASIDE:
        original, aside = _SET_ASIDE.pop()
        if aside.exists() and not original.exists():
            import shutil

            shutil.move(aside, original)
