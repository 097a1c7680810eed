"""Fuzz every command with valid journeys and mutations of them: no crash, only typed errors.

Documents come from ``tests/fuzz/strategies.py``: small valid journeys (1-3 personas, 1-4 stages,
1-5 touchpoints each, random metrics, targets, emotions, ``next`` and moments of truth), then
broken in 1-3 ways (wrong types, missing required fields, unknown keys, hostile unicode in labels,
huge and negative numbers, NaN-like strings, deep nesting at a random path, lists where mappings
belong, duplicate ids, dangling references, truncated or garbled text).

Each document goes through the library in-process (``entry_points.run_library``: load_text +
validate, audit, score for everyone and per persona, render to dot and mermaid for both views,
report to html, markdown and json): load, validate and audit never raise, the others raise only
``journeymap.errors.JourneymapError`` subclasses, and every diagnostic has line >= 1, col >= 1.
A smaller sample, in batches of files, goes through every CLI command and format in-process
(``entry_points.run_every_command`` calls ``journeymap.cli.app.main``): exit code 0, 1 or 2, no
traceback, no "internal error", JSON and SARIF that parse.

Budget: fixed and derandomised (the same examples every run) so this folder stays well under
5 minutes on 2 cores. Long, opt-in mode: set ``JOURNEYMAP_FUZZ_EXAMPLES=N`` to run N examples
per test instead, e.g. ``JOURNEYMAP_FUZZ_EXAMPLES=5000 pytest tests/fuzz -n 2``. For a campaign
bounded by time rather than examples, with a printed seed, run ``scripts/fuzz`` (docs/fuzzing.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeymap
from tests.fuzz.entry_points import Choices, run_every_command, run_library
from tests.fuzz.strategies import dump, fuzz_settings, mutated_journeys, valid_journeys


@fuzz_settings(40)
@given(valid_journeys())
def test_valid_journeys_are_valid_and_go_through_every_entry_point(doc: dict[str, object]) -> None:
    text = dump(doc)
    result = journeymap.validate(journeymap.load_text(text, "fuzz.yaml"))
    assert result.journey is not None, ([(d.code, d.message) for d in result.diagnostics], text)
    assert run_library(text)


@fuzz_settings(250)
@given(mutated_journeys())
def test_mutated_journeys_never_crash_the_library(case: tuple[str, list[str]]) -> None:
    text, done = case
    try:
        run_library(text)
    except AssertionError as failure:
        failure.add_note(f"mutations: {done}")
        raise


# -- the real CLI (in-process, every command and format), on batches of files ------------------


def _batch_dir(tmp_path: Path, texts: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for number, text in enumerate(texts):
        (folder / f"j{number}.yaml").write_text(text, encoding="utf-8")
    return folder


def _run_everything(folder: Path, out: Path) -> None:
    run_every_command(folder, out, Choices())


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
