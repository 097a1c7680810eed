"""Issue #14: the loader's cheap positions, the GC policy around a run, and the input limit said aloud."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from journeymap.diagnostics import Span
from journeymap.loader import load, load_text
from journeymap.loader.collector import few_collections

ROOT = Path(__file__).resolve().parents[2]


def test_positions_become_spans_only_when_read() -> None:
    loaded = load_text("a:\n  b: [1, x]\n", "p.yaml")
    assert loaded.source_map.values.raw[("a", "b", 1)] == (2, 10, 2, 11)
    assert loaded.source_map.values[("a", "b", 1)] == Span("p.yaml", 2, 10, 2, 11)
    assert loaded.source_map.values.get(("nothing",)) is None
    assert loaded.source_map.key(("a", "b")) == Span("p.yaml", 2, 3, 2, 4)
    assert loaded.source_map.value(("a", "b", 7)).line == 2  # nearest ancestor
    assert ("a",) in loaded.source_map.values
    assert len(loaded.source_map.values) == 5


def test_few_collections_restores_the_collector() -> None:
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold()[0] > before[0]
        with few_collections():  # nested: nothing changes
            pass
        assert gc.get_threshold()[0] > before[0]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0 or gc.isenabled()


def test_few_collections_leaves_a_disabled_collector_alone() -> None:
    before = gc.get_threshold()
    gc.disable()
    try:
        with few_collections():
            assert gc.get_threshold() == before
    finally:
        gc.enable()


def test_the_size_refusal_names_the_limit_and_a_way_out(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n", encoding="utf-8")
    (problem,) = load(str(path), max_bytes=100).diagnostics
    assert problem.code == "JM002"
    assert "the limit is 100 bytes" in problem.message
    assert problem.hint is not None
    assert "max_bytes" in problem.hint
    assert "split" in problem.hint


def test_generate_says_when_the_file_is_over_the_limit() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import over_limit
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert over_limit(1000) is None
    message = over_limit(17_000_000)
    assert message is not None
    assert "16 MiB (16,777,216 bytes)" in message
    assert "JM002" in message


def test_generate_warns_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "j.yaml"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "10", "-o", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    assert load(str(out)).data is not None
