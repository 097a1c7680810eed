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


TRICKY = [
    "a: {x: 1, y: 2}\na: {x: 3}\n",  # a duplicated key whose values are mappings (JM005)
    "a: [1, 2, 3]\na: [4]\n",
    "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  <<: {z: 3}\n  x: 9\n",  # two merge keys: the same path twice
    "<<: [{a: 1}, {b: 2}]\nc: [*x]\n",  # a merge list, then an undefined alias (fatal)
    "s: &s [1, {k: v}]\nt: *s\nu: [*s, *s]\n",
    "- a\n- [b, [c, {d: e}]]\n- {f: [g, h], i: null, ~: j}\n",
    "just text\n",
    "stages:\n  - id: s\n    touchpoints:\n      - {id: t, name: T, next: [u, {to: v}]}\n",
]


def test_positions_kept_per_collection_read_as_one_table() -> None:
    """Reading a path before the flat table exists gives what the flat table holds, for every entry."""
    for text in TRICKY:
        flat = load_text(text, "p.yaml").source_map
        values, keys = dict(flat.values.raw), dict(flat.keys.raw)
        fresh = load_text(text, "p.yaml").source_map
        for path, stored in values.items():
            assert fresh.values.stored(path) == stored, (text, path)
            assert fresh.value(path + ("missing", 7)) == flat.value(path), (text, path)
        for path, stored in keys.items():
            assert fresh.keys.stored(path) == stored, (text, path)
            assert fresh.key(path) == flat.key(path), (text, path)
        assert fresh.values.stored(("missing",)) is None
        assert len(fresh.values) == len(values)
        assert len(fresh.keys) == len(keys)


def test_a_duplicated_mapping_keeps_the_positions_of_both_as_one_table_would() -> None:
    loaded = load_text("a: {x: 1, y: 2}\na: {x: 3}\n", "p.yaml")
    assert loaded.data == {"a": {"x": 3}}
    assert loaded.source_map.values[("a", "x")].line == 2  # the later value wins
    assert loaded.source_map.values[("a", "y")].line == 1  # the earlier one's other entries stay
    assert [d.code for d in loaded.diagnostics] == ["JM005"]


def test_positions_written_after_loading_are_read_back() -> None:
    """A library persona's positions (another file's spans) go into the table after loading."""
    loaded = load_text("personas: [p]\n", "j.yaml")
    source_map = loaded.source_map
    elsewhere = Span("personas.yaml", 4, 3, 4, 9)
    source_map.values[("personas", 0, "name")] = elsewhere
    assert source_map.value(("personas", 0, "name")) is elsewhere
    assert source_map.value(("personas", 0)) == Span("j.yaml", 1, 12, 1, 13)
    assert len(source_map.values) == 4
