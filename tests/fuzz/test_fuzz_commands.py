"""Fuzz every command with valid journeys and mutations of them: no crash, only typed errors.

Documents come from ``tests/fuzz/strategies.py``: small valid journeys (1-3 personas, 1-4 stages,
1-5 touchpoints each, random metrics, targets, emotions, ``next`` and moments of truth), then
broken in 1-3 ways (wrong types, missing required fields, unknown keys, hostile unicode in labels,
huge and negative numbers, NaN-like strings, deep nesting at a random path, lists where mappings
belong, duplicate ids, dangling references, truncated or garbled text).

Each document goes through the library in-process (load_text + validate, audit, score, render to
dot and mermaid, report to html and markdown): the only exceptions allowed are
``journeymap.errors.JourneymapError`` subclasses and every diagnostic has line >= 1, col >= 1.
A smaller sample, in batches of files, goes through the real CLI for every command: exit code
0, 1 or 2, no traceback, no "internal error".

Budget: fixed and derandomised (the same examples every run) so this folder stays well under
5 minutes on 2 cores. Long, opt-in mode: set ``JOURNEYMAP_FUZZ_EXAMPLES=N`` to run N examples
per test instead, e.g. ``JOURNEYMAP_FUZZ_EXAMPLES=5000 pytest tests/fuzz -n 2``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeymap
from journeymap.diagnostics import Diagnostic
from journeymap.errors import JourneymapError
from journeymap.reporting import ReportInput
from tests.conftest import assert_no_traceback, run_cli
from tests.fuzz.strategies import dump, fuzz_settings, mutated_journeys, valid_journeys


def _check_diagnostics(diagnostics: list[Diagnostic], context: object) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.span.line >= 1, (diagnostic, context)
        assert diagnostic.span.column >= 1, (diagnostic, context)
        assert diagnostic.code.startswith("JM"), (diagnostic, context)
        assert diagnostic.message, (diagnostic, context)


def run_library(text: str, context: object) -> bool:
    """Every library entry point on one document; True when it was a valid journey."""
    loaded = journeymap.load_text(text, "fuzz.yaml")
    result = journeymap.validate(loaded)
    _check_diagnostics(result.diagnostics, context)
    findings = journeymap.audit(loaded)
    _check_diagnostics(findings, context)
    if result.journey is None:
        return False
    journey = result.journey
    try:
        scores = journeymap.score(journey)
        for view in ("map", "flow"):
            assert journeymap.render(journey, "dot", view)
        assert journeymap.render(journey, "mermaid")
        for persona in journey.personas:  # every persona's own view
            journeymap.score(journey, persona=persona.id)
            assert journeymap.render(journey, "dot", "flow", persona=persona.id)
            assert journeymap.render(journey, "mermaid", persona=persona.id)
        item = ReportInput("fuzz.yaml", journey, scores, findings)
        for fmt in ("html", "markdown"):
            assert journeymap.report([item], fmt)
    except JourneymapError:  # the documented typed errors are fine
        pass
    return True


@fuzz_settings(40)
@given(valid_journeys())
def test_valid_journeys_are_valid_and_go_through_every_entry_point(doc: dict[str, object]) -> None:
    text = dump(doc)
    result = journeymap.validate(journeymap.load_text(text, "fuzz.yaml"))
    assert result.journey is not None, ([(d.code, d.message) for d in result.diagnostics], text)
    assert run_library(text, text)


@fuzz_settings(250)
@given(mutated_journeys())
def test_mutated_journeys_never_crash_the_library(case: tuple[str, list[str]]) -> None:
    text, done = case
    run_library(text, (done, text[:2000]))


# -- the real CLI, on batches of files --------------------------------------------------------

COMMANDS: list[tuple[str, ...]] = [
    ("validate",),
    ("validate", "--format", "json"),
    ("score",),
    ("score", "--format", "json"),
    ("audit", "--format", "json"),
    ("audit", "--format", "sarif"),
    ("render", "--format", "dot"),
    ("render", "--format", "mermaid"),
    ("report", "--format", "html"),
    ("report", "--format", "markdown", "--mermaid"),
    ("report", "--format", "json"),
    ("score", "--by", "channel", "--format", "markdown"),
    ("audit", "--format", "human", "--fail-on", "info"),
    ("render", "--format", "dot", "--view", "flow"),
]


def _batch_dir(tmp_path: Path, texts: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for number, text in enumerate(texts):
        (folder / f"j{number}.yaml").write_text(text, encoding="utf-8")
    return folder


def _run_everything(folder: Path, out: Path) -> None:
    for command in COMMANDS:
        args: list[str | Path] = [*command, folder]
        if command[0] in ("render", "report"):
            args += ["-o", out / "-".join(command)]
        result = run_cli(*args, cwd=out)
        assert result.code in (0, 1, 2), (command, result.code, result.output[-3000:])
        assert_no_traceback(result)
        if command[0] not in ("render", "report") and ("json" in command or "sarif" in command):
            json.loads(result.stdout)


@fuzz_settings(3)
@given(st.lists(mutated_journeys(), min_size=4, max_size=8), st.lists(valid_journeys(), min_size=1, max_size=2))
def test_cli_every_command_on_a_batch_of_broken_files(
    tmp_path_factory: pytest.TempPathFactory, broken: list[tuple[str, list[str]]], valid: list[dict[str, object]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("cli")
    out = tmp_path / "out"
    out.mkdir()
    _run_everything(_batch_dir(tmp_path, [text for text, _ in broken] + [dump(doc) for doc in valid]), out)


@fuzz_settings(2)
@given(mutated_journeys())
def test_cli_every_command_on_one_broken_file(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[str, list[str]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("cli1")
    out = tmp_path / "out"
    out.mkdir()
    _run_everything(_batch_dir(tmp_path, [case[0]]), out)
