"""The time-bounded fuzz campaign that ``scripts/fuzz`` runs; skipped in the ordinary test run.

Why a pytest module: hypothesis does the generating, seeding and shrinking, and the checks are the
shared ones in ``entry_points.py``; ``scripts/fuzz`` only picks the seed, sets the environment
below, runs ``pytest tests/fuzz/test_campaign.py`` and prints the outcome (docs/fuzzing.md).

How time and seed work: hypothesis has no wall-clock budget, so each lane (one pytest process;
``JOURNEYMAP_FUZZ_LANE``, scripts/fuzz starts one per job) runs batches of ``BATCH`` examples
until ``JOURNEYMAP_FUZZ_DEADLINE`` (a Unix time) has passed: the first example drawn after it
stops the batch (``TimeUp``), so a lane ends with the example that was running at the deadline.
Batch ``K`` of lane ``L`` is seeded with ``batch_seed(seed, L, K)``: the same seed gives the same
examples in the same order on any machine, and ``JOURNEYMAP_FUZZ_LANE=L JOURNEYMAP_FUZZ_BATCH=K``
replays one batch without a time limit. Once an example fails, the deadline no longer applies:
hypothesis shrinks it for up to ``JOURNEYMAP_FUZZ_SHRINK_SECONDS`` (then only the failures already
seen still fail, so shrinking ends with the smallest of them) and the input saved is the smallest.
While shrinking, each candidate runs only what failed (the library, or the one CLI command).

One example is 1-3 documents (valid journeys and mutated ones, labels from ``strategies.label``
and the naughty-strings corpus) plus the option values a user could type (persona, touchpoint,
rule, theme, a faked terminal). Each document goes through the library API; the file (or the
folder, for several) through every CLI command and format; the first document through standard
input. Any FuzzFailure saves the documents and a summary (``failure.txt``) under
``$JOURNEYMAP_FUZZ_OUT/lane<L>-batch<K>/``; each lane writes its counts to ``lane<L>.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import unittest
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.fuzz.entry_points import (
    TERMINALS,
    Choices,
    FuzzFailure,
    run_every_command,
    run_fixed_commands,
    run_library,
    shape,
)
from tests.fuzz.strategies import corpus_hostile, corpus_labels, dump, mutated_journeys, valid_journeys

ENV = os.environ
DEADLINE = float(ENV.get("JOURNEYMAP_FUZZ_DEADLINE") or 0)
SEED = int(ENV.get("JOURNEYMAP_FUZZ_SEED") or 0)
LANE = int(ENV.get("JOURNEYMAP_FUZZ_LANE") or 0)
ONLY_BATCH = ENV.get("JOURNEYMAP_FUZZ_BATCH", "")  # replay this batch alone, without a time limit
OUT = Path(ENV.get("JOURNEYMAP_FUZZ_OUT") or ".")
SHRINK_SECONDS = float(ENV.get("JOURNEYMAP_FUZZ_SHRINK_SECONDS") or 60)
REPLAY = ENV.get("JOURNEYMAP_FUZZ_REPLAY", "")
#: Examples per batch: enough that hypothesis grows examples past its first, smallest ones; few
#: enough that a minute holds a few batches per lane (one example takes ~0.3-1 s on 2 busy cores).
BATCH = 40

pytestmark = pytest.mark.skipif(
    not (DEADLINE or ONLY_BATCH), reason="the time-bounded campaign runs from scripts/fuzz (docs/fuzzing.md)"
)


def batch_seed(campaign_seed: int, lane: int, batch: int) -> int:
    """A seed per batch, from the campaign's: independent of timing and of how many lanes ran."""
    digest = hashlib.sha256(f"journeymap-fuzz:{campaign_seed}:{lane}:{batch}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass(frozen=True)
class Document:
    text: str
    how: str  # "valid", or the mutations applied


@dataclass(frozen=True)
class Example:
    documents: list[Document]
    choices: Choices


RULES = ["JM311", "jm321", "JM3", "touchpoint-without-owner", "JM999", "", "-"]


@st.composite
def examples(draw: st.DrawFn) -> Example:
    labels = corpus_labels()
    valid = valid_journeys(labels).map(lambda doc: Document(dump(doc), "valid"))
    broken = mutated_journeys(labels, corpus_hostile()).map(lambda case: Document(case[0], "; ".join(case[1])))
    documents = draw(st.lists(st.one_of(valid, broken), min_size=1, max_size=3))
    choices = Choices(
        terminal=draw(st.sampled_from(TERMINALS)),
        theme=draw(st.sampled_from(["light", "dark", "print"])),
        persona=draw(st.one_of(st.sampled_from(["p0", "p1", "p2"]), labels)),
        touchpoint=draw(st.one_of(st.sampled_from(["t0", "t1", "t4"]), labels)),
        rule=draw(st.one_of(st.sampled_from(RULES), labels)),
    )
    return Example(documents, choices)


#: While shrinking: None (run everything), "library", or the shape of the CLI command that failed.
Focus = str | tuple[str, ...] | None


@dataclass
class Lane:
    """One lane's progress: where it is, and what it has done (written to ``lane<L>.json``)."""

    number: int
    work: Path
    batch: int = 0
    batches: int = 0  # started
    examples: int = 0
    documents: int = 0
    valid: int = 0
    commands: int = 0
    failing: bool = False
    focus: Focus = None
    shrink_until: float = 0.0
    failures: list[Example] = field(default_factory=list)

    def save(self, started: float) -> None:
        counts = {
            "lane": self.number,
            "batches": self.batches,
            "examples": self.examples,
            "documents": self.documents,
            "valid_documents": self.valid,
            "cli_commands": self.commands,
            "started": started,
            "ended": time.time(),
            "failed": self.failing,
        }
        (OUT / f"lane{self.number}.json").write_text(json.dumps(counts), encoding="utf-8")


def _write_inputs(folder: Path, example: Example) -> Path:
    """The documents as files in a fresh ``folder``; the path to give the CLI (a file, or the folder)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, document in enumerate(example.documents):
        (folder / f"j{number}.yaml").write_text(document.text, encoding="utf-8")
    return folder / "j0.yaml" if len(example.documents) == 1 else folder


def run_example(work: Path, example: Example, focus: Focus = None) -> tuple[int, int]:
    """The whole example: library on each document, every command on the file(s), stdin.

    Returns how many documents were valid journeys and how many CLI commands ran. ``focus``
    (while shrinking) runs only the part that failed: the library, or one command's shape.
    Why: a whole example takes ~0.5 s, one command ~20 ms; shrinking tries hundreds of examples.
    """
    valid = 0
    if focus in (None, "library"):
        for number, document in enumerate(example.documents):
            valid += run_library(document.text, f"j{number}.yaml", example.choices.theme)
    if focus == "library":
        return valid, 0
    target = _write_inputs(work / "in", example)
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    stdin = example.documents[0].text.encode("utf-8")
    return valid, run_every_command(target, out, example.choices, stdin, focus)


def focus_of(failure: BaseException, work: Path) -> Focus:
    """What to repeat while shrinking ``failure``: its command's shape, the library, or everything."""
    if not isinstance(failure, FuzzFailure):
        return None
    if failure.args_run is None:
        return "library"
    target = next((arg for arg in failure.args_run if arg.startswith(str(work / "in"))), "")
    return shape(failure.args_run, target, work / "out")


def record(lane: Lane, example: Example, failure: BaseException) -> None:
    """Save the failing documents and a summary; called again for each shrunk failure, so the last is the least."""
    folder = OUT / f"lane{lane.number}-batch{lane.batch}"
    _write_inputs(folder, example)
    work = str(lane.work / "in")
    if isinstance(failure, FuzzFailure):
        entry, detail = failure.entry.replace(work, str(folder)), failure.detail.replace(work, str(folder))
    else:  # a bug in the campaign itself: still keep the input
        entry, detail = "the fuzz harness", f"{type(failure).__name__}: {failure}"
    lines = [
        f"journeymap fuzz failure: seed {SEED}, lane {lane.number}, batch {lane.batch}",
        f"  replay:       {REPLAY or f'./scripts/fuzz --seed {SEED}'}",
        f"  replay batch: ./scripts/fuzz --seed {SEED} --only {lane.number}.{lane.batch}",
        f"  failed:       {entry}",
        f"  options:      {example.choices}",
    ]
    for number, document in enumerate(example.documents):
        lines.append(f"  input:        {folder / f'j{number}.yaml'} ({document.how})")
    lines += ["", detail.rstrip(), ""]
    (folder / "failure.txt").write_text("\n".join(lines), encoding="utf-8")


class TimeUp(unittest.SkipTest):
    """Raised in an example once the deadline has passed: hypothesis stops the batch at once.

    Why a SkipTest: hypothesis re-raises skips straight away, with no shrinking and without drawing
    the rest of the batch (drawing one example costs ~10-50 ms).
    """


def run_batch(lane: Lane, deadline: float | None) -> bool:
    """``BATCH`` examples seeded for this lane and batch; False when the deadline stopped it.

    Raises the (shrunk) failure if an example fails.
    """

    @settings(
        max_examples=BATCH,
        deadline=None,
        database=None,
        derandomize=False,
        report_multiple_bugs=False,
        phases=[Phase.explicit, Phase.generate, *([Phase.shrink] if SHRINK_SECONDS > 0 else [])],
        suppress_health_check=list(HealthCheck),
    )
    @seed(batch_seed(SEED, lane.number, lane.batch))
    @given(examples())
    def batch(example: Example) -> None:
        if lane.failing:
            if time.time() > lane.shrink_until and example not in lane.failures:
                return  # the shrinking budget is spent: only failures already seen fail again
        elif deadline is not None and time.time() >= deadline:
            raise TimeUp
        try:
            valid, commands = run_example(lane.work, example, lane.focus)
        except Exception as failure:
            if not lane.failing:
                lane.failing, lane.shrink_until = True, time.time() + SHRINK_SECONDS
                lane.focus = focus_of(failure, lane.work)
            lane.failures.append(example)
            record(lane, example, failure)
            raise
        if not lane.failing:  # count the campaign's own examples, not shrinking's
            lane.examples += 1
            lane.documents += len(example.documents)
            lane.valid += valid
            lane.commands += commands

    try:
        batch()
    except TimeUp:
        return False
    return True


def test_campaign(tmp_path: Path) -> None:
    started = time.time()
    lane = Lane(LANE, tmp_path)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        run_fixed_commands(tmp_path)
        if ONLY_BATCH:
            lane.batch, lane.batches = int(ONLY_BATCH), 1
            run_batch(lane, None)
        else:
            lane.batches = 1
            while run_batch(lane, DEADLINE):
                lane.batch += 1
                lane.batches += 1
    finally:
        lane.save(started)
