"""Every entry point of journeymap on fuzzed input, in-process: the library API and each CLI command.

Why a module of its own: the fixed-budget tests (``test_fuzz_commands.py``) and the time-bounded
campaign behind ``scripts/fuzz`` (``test_campaign.py``) must call the same entry points and judge
them the same way; a second copy would drift.

What counts as a bug, raised as ``FuzzFailure``:

- library: any exception that is not a ``journeymap.errors.JourneymapError``; a JourneymapError
  whose own message or hint calls it a journeymap bug (``GraphvizFailed``: Graphviz refused the DOT
  we wrote); an empty rendering or report; a diagnostic without a position, a JM code or a message.
- CLI (``journeymap.cli.app.main(argv)``, in-process): an exception escaping ``main``; an exit
  code outside {0, 1, 2}; "internal error", "Traceback" or "journeymap bug" on stdout or stderr;
  JSON or SARIF on stdout that does not parse (when stdout is not a terminal).

Why in-process rather than ``python -m journeymap``: a subprocess costs 0.3-1 s of interpreter
start-up and imports per command, which would leave a one-minute campaign a few examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import journeymap
from journeymap.diagnostics import Diagnostic
from journeymap.errors import JourneymapError
from journeymap.reporting import ReportInput, ReportOptions

T = TypeVar("T")

#: Text that means the program itself went wrong, whatever the input was.
BUG_MARKERS = ("internal error", "Traceback", "journeymap bug")
#: Exit codes the CLI documents: 0 fine, 1 problems in the input, 2 unreadable input or usage error.
EXIT_CODES = (0, 1, 2)
#: ``render --format svg`` from the CLI only for journeys this small (Graphviz is the slow part).
SVG_MAX_BYTES = 6_000
HAVE_DOT = shutil.which("dot") is not None


class FuzzFailure(AssertionError):
    """One entry point misbehaved: ``entry`` is what was called (replayable), ``detail`` what happened.

    ``args_run``: the CLI arguments when a command failed, so shrinking can repeat just that one.
    """

    def __init__(self, entry: str, detail: str, args: Sequence[str] | None = None) -> None:
        super().__init__(f"{entry}\n{detail}")
        self.entry = entry
        self.detail = detail
        self.args_run = tuple(args) if args is not None else None


# -- the library ----------------------------------------------------------------------------------


def _check_diagnostics(diagnostics: list[Diagnostic], entry: str) -> None:
    for diagnostic in diagnostics:
        if diagnostic.span.line < 1 or diagnostic.span.column < 1:
            raise FuzzFailure(entry, f"diagnostic without a position: {diagnostic!r}")
        if not diagnostic.code.startswith("JM") or not diagnostic.message:
            raise FuzzFailure(entry, f"diagnostic without a JM code or a message: {diagnostic!r}")


def _says_bug(error: JourneymapError) -> bool:
    return any(marker in f"{error.message} {error.hint or ''}" for marker in BUG_MARKERS)


def _call(entry: str, body: Callable[[], T], typed_errors: bool = True) -> T | None:
    """``body()``, or None for a typed error; anything else, or an empty result, is a FuzzFailure.

    ``typed_errors=False`` for load, validate and audit: problems in the input are their output
    (diagnostics), so even a JourneymapError from them is a bug.
    """
    try:
        result = body()
    except JourneymapError as error:
        if typed_errors and not _says_bug(error):
            return None
        raise FuzzFailure(entry, f"{type(error).__name__}: {error.message} (hint: {error.hint})") from error
    except Exception as error:
        trace = "".join(traceback.format_exception(error)[-12:])
        raise FuzzFailure(entry, f"{type(error).__name__}: {error}\n{trace}") from error
    if isinstance(result, bytes | dict) and not result:
        raise FuzzFailure(entry, "empty result")
    return result


def run_library(text: str, path: str = "fuzz.yaml", theme: str = "light") -> bool:
    """Every library entry point on one document; True when it was a valid journey.

    Why each call is guarded on its own: a typed error from one (a persona the renderer refuses,
    the flow view as Mermaid) must not hide a crash in the next.
    """
    loaded = _call(f"journeymap.load_text(text, {path!r})", lambda: journeymap.load_text(text, path), False)
    entry = f"journeymap.validate(journeymap.load_text(text, {path!r}))"
    result = _call(entry, lambda: journeymap.validate(loaded), False)
    assert result is not None
    _check_diagnostics(result.diagnostics, entry)
    entry = f"journeymap.audit(journeymap.load_text(text, {path!r}))"
    findings = _call(entry, lambda: journeymap.audit(loaded), False) or []
    _check_diagnostics(findings, entry)
    journey = result.journey
    if journey is None:
        return False
    name = f"<{path}>"
    scores = _call(f"journeymap.score({name})", lambda: journeymap.score(journey))
    for view in ("map", "flow"):
        for fmt in ("dot", "mermaid"):  # the flow view as Mermaid is refused with a UsageError
            _call(
                f"journeymap.render({name}, {fmt!r}, {view!r}, {theme!r})",
                lambda fmt=fmt, view=view: journeymap.render(journey, fmt, view, theme),
            )
    for persona in [p.id for p in journey.personas]:  # every persona's own view
        _call(
            f"journeymap.score({name}, persona={persona!r})",
            lambda persona=persona: journeymap.score(journey, persona=persona),
        )
        for fmt, view in (("dot", "flow"), ("mermaid", "map")):
            _call(
                f"journeymap.render({name}, {fmt!r}, {view!r}, persona={persona!r})",
                lambda fmt=fmt, view=view, persona=persona: journeymap.render(journey, fmt, view, persona=persona),
            )
    if scores is not None:
        item = ReportInput(path, journey, scores, findings)
        for fmt in ("html", "markdown", "json"):
            options = ReportOptions(mermaid=fmt == "markdown")
            _call(
                f"journeymap.report([{name}], {fmt!r}, {options!r})",
                lambda fmt=fmt, options=options: journeymap.report([item], fmt, options),
            )
    return True


# -- the CLI, in-process ------------------------------------------------------------------------


@dataclass(frozen=True)
class CliRun:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    stdout_is_terminal: bool = False

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class _Capture(io.TextIOWrapper):
    """A standard stream kept in memory, with ``.buffer`` (some presenters write bytes there).

    ``tty``: claim to be a terminal, so the rich tables, colours and progress bars run too.
    Strict UTF-8 like a real UTF-8 terminal: a lone surrogate in the output is a bug there as well.
    """

    def __init__(self, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def text(self) -> str:
        self.flush()
        data = self.buffer.getvalue()  # type: ignore[attr-defined]
        return data.decode("utf-8", "replace")


#: Which standard streams claim to be a terminal: none (CI, pipes), stderr only (``> out.json`` typed
#: in a terminal: progress bars), both (a person reading: rich tables and colours).
TERMINALS = ("none", "stderr", "both")


@contextlib.contextmanager
def _environment(colour: bool) -> Iterator[None]:
    """No colour unless a terminal is faked; tracebacks on internal errors, so a report shows the cause."""
    changes: dict[str, str | None] = {
        "NO_COLOR": None if colour else "1",
        "FORCE_COLOR": None,
        "COLUMNS": "120",
        "GITHUB_ACTIONS": None,
        "JOURNEYMAP_DEBUG": "1",
    }
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def cli_in_process(args: Sequence[str], stdin: bytes = b"", terminal: str = "none") -> CliRun:
    """``journeymap.cli.app.main(args)`` with captured standard streams; an escaping exception is a FuzzFailure."""
    from journeymap.cli.app import main

    out, err = _Capture(terminal == "both"), _Capture(terminal != "none")
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with _environment(terminal != "none"), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # SystemExit included: main() must return the code
        trace = "".join(traceback.format_exception(error)[-12:])
        detail = f"exception escaped main(): {type(error).__name__}: {error}\n{trace}"
        raise FuzzFailure(command_line(args), detail, args) from error
    finally:
        sys.stdin = saved_stdin
    return CliRun(tuple(args), code, out.text(), err.text(), out.isatty())


def command_line(args: Sequence[str]) -> str:
    return shlex.join(["journeymap", *args])


def check_cli(run: CliRun) -> None:
    """Raise FuzzFailure when a CLI run shows a bug (see the module docstring)."""
    entry = command_line(run.args)
    tail = run.output[-4000:]
    if run.code not in EXIT_CODES:
        raise FuzzFailure(entry, f"exit code {run.code}\n{tail}", run.args)
    for marker in BUG_MARKERS:
        if marker in run.output:
            raise FuzzFailure(entry, f"{marker!r} in the output (exit code {run.code})\n{tail}", run.args)
    machine = ("json" in run.args or "sarif" in run.args) and run.args[0] in ("validate", "score", "audit")
    if machine and run.code != 2 and not run.stdout_is_terminal:
        try:
            json.loads(run.stdout)
        except ValueError as error:
            raise FuzzFailure(entry, f"stdout is not JSON: {error}\n{run.stdout[:2000]}", run.args) from error


@dataclass(frozen=True)
class Choices:
    """What one example varies besides its documents: the values a user could pass to options."""

    terminal: str = "none"  # one of TERMINALS
    theme: str = "light"
    persona: str = "p0"
    touchpoint: str = "t0"
    rule: str = "JM311"  # for ``rules RULE`` and ``audit --select``


def cli_commands(target: str, out: Path, choices: Choices, small: bool) -> list[list[str]]:
    """Every command with every format on ``target`` (a file or a folder), outputs under ``out``."""
    commands = [["validate", "--format", fmt, target] for fmt in ("human", "text", "json", "github")]
    commands += [["score", "--format", fmt, target] for fmt in ("human", "json", "markdown")]
    rankings = (("stage", "human"), ("persona", "json"), ("channel", "markdown"))
    commands += [["score", "--by", by, "--format", fmt, target] for by, fmt in rankings]
    commands += [
        ["score", "--explain", choices.touchpoint, "--format", "json", target],
        ["score", "--explain", choices.touchpoint, target],
        ["score", "--persona", choices.persona, "--top", "3", target],
    ]
    commands += [["audit", "--format", fmt, target] for fmt in ("human", "text", "json", "sarif", "github")]
    commands += [
        ["audit", "--format", "markdown", "--fail-on", "info", target],
        ["audit", "--format", "text", "--select", choices.rule, "--ignore", "JM34", target],
    ]
    commands += [
        ["render", "--format", "dot", "--theme", choices.theme, "-o", f"{out}/dot/", target],
        ["render", "--format", "mermaid", "-o", f"{out}/mermaid/", target],
        ["render", "--format", "dot", "--view", "flow", "--persona", choices.persona, "-o", f"{out}/flow/", target],
    ]
    if small and HAVE_DOT:
        commands.append(["render", "--format", "svg", "-o", f"{out}/svg/", target])
    commands += [
        ["report", "--format", "html", "-o", f"{out}/html/", target],
        ["report", "--format", "markdown", "--mermaid", "-o", f"{out}/markdown/", target],
        ["report", "--format", "json", "--persona", choices.persona, "-o", f"{out}/json/", target],
        ["rules", choices.rule],
    ]
    commands += [  # the touchpoint table out and back in; the Mermaid export read back as a diagram
        ["export", "-o", f"{out}/table-touchpoints.csv", target],
        ["export", "-o", f"{out}/table-touchpoints.xlsx", target],
        ["import", f"{out}/table-touchpoints.csv", "--force", "-o", f"{out}/table-from-csv.yaml"],
        ["import", f"{out}/table-touchpoints.xlsx", "--force", "-o", f"{out}/table-from-xlsx.yaml"],
        ["export", "--format", "mermaid", "-o", f"{out}/table-journey.mmd", target],
        ["import", f"{out}/table-journey.mmd", "--force", "-o", f"{out}/table-from-mermaid.yaml"],
    ]
    return commands


#: Commands that do not read a journey: run once per campaign lane, not per example.
FIXED_COMMANDS = [["schema"], ["rules"], ["rules", "--markdown"], ["rules", "JM311"], ["--version"], ["--help"]]


STDIN_COMMAND = ("validate", "--format", "text", "-")


def shape(args: Sequence[str], target: str | Path, out: Path) -> tuple[str, ...]:
    """A command with its input and output paths abstracted: the same command on any example."""
    return tuple(arg.replace(str(out), "{out}") if arg != str(target) else "{target}" for arg in args)


def run_every_command(
    target: str | Path, out: Path, choices: Choices, stdin: bytes = b"", only: tuple[str, ...] | None = None
) -> int:
    """Every CLI command on ``target``, then ``validate -`` on ``stdin``; returns how many ran.

    ``only``: run just the command of this ``shape`` (shrinking a failure needs only that one).
    """
    target = str(target)
    small = Path(target).is_file() and Path(target).stat().st_size <= SVG_MAX_BYTES
    commands = [args for args in cli_commands(target, out, choices, small) if only in (None, shape(args, target, out))]
    for args in commands:
        check_cli(cli_in_process(args, terminal=choices.terminal))
    if stdin and only in (None, STDIN_COMMAND):
        check_cli(cli_in_process(STDIN_COMMAND, stdin=stdin, terminal=choices.terminal))
        return len(commands) + 1
    return len(commands)


def run_fixed_commands(out: Path) -> None:
    """The commands without journey input, and ``schema -o``."""
    for args in [*FIXED_COMMANDS, ["schema", "-o", str(out / "schema.json")]]:
        check_cli(cli_in_process(args))
