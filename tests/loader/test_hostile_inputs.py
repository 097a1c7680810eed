"""Hostile inputs through the real command line: ``journeymap validate PATH``.

Every case must end with exit code 1 (findings) or 2 (unreadable input), print
one ``path:line:col: error[JMxxx] message`` line per problem (plus optional
``  hint:`` lines and the summary), never a traceback, never hang, never run
code, and leave the input file exactly as it was.
"""

from __future__ import annotations

import itertools
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CliResult, assert_no_traceback, run_cli

DIAGNOSTIC = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info)"
    r"\[(?P<code>JM\d{3})\] (?P<message>\S.*)$"
)
SUMMARY = re.compile(r"^\d+ files?, \d+ personas?, \d+ stages?, \d+ touchpoints?: .+$")
#: Raw C0/C1 control characters (other than newline) must never reach the terminal.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: No diagnostic line should echo a huge value back; 60-character clips keep lines short.
MAX_LINE = 1_000
#: Anything slower than this is a hang in disguise (a normal run takes ~0.3 s).
MAX_SECONDS = 15.0

VALID = """\
version: 1
journey:
  title: Hostile input check
personas:
  - id: sara
    name: Sara
    pain_points: [slow pages]
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - id: ad
        name: Instagram ad
        channel: social
        pain_points: [too many ads]
"""


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    code: str
    message: str


@dataclass(frozen=True)
class Snapshot:
    data: bytes
    mtime_ns: int
    listing: tuple[str, ...]

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        return cls(path.read_bytes(), path.stat().st_mtime_ns, tuple(sorted(p.name for p in path.parent.iterdir())))


def parse_output(result: CliResult, shown: str) -> list[Found]:
    """Every stdout line is a diagnostic, a hint or the final summary; nothing else."""
    assert_no_traceback(result)
    assert result.stderr.strip() == "", result.stderr
    lines = result.stdout.rstrip("\n").split("\n")
    assert SUMMARY.match(lines[-1]), f"no summary line at the end: {lines[-1][:200]!r}"
    found = []
    for line in lines[:-1]:
        assert len(line) <= MAX_LINE, f"output line of {len(line):,} characters: {line[:200]!r}…"
        assert not RAW_CONTROL.search(line), f"raw control character in output: {line!r}"
        if line.startswith("  hint: "):
            continue
        match = DIAGNOSTIC.match(line)
        assert match, f"not a 'path:line:col: error[JMxxx] message' line: {line[:200]!r}"
        assert match["path"] == shown, line
        found.append(Found(int(match["line"]), int(match["column"]), match["code"], match["message"]))
    return found


def check_hostile(path: Path, code: str, exit_code: int | None = None) -> tuple[CliResult, list[Found]]:
    """Validate ``path`` via the CLI; it must fail cleanly with ``code`` and stay untouched."""
    before = Snapshot.of(path)
    started = time.monotonic()
    result = run_cli("validate", path)
    elapsed = time.monotonic() - started
    assert Snapshot.of(path) == before, "the input file (or its folder) changed"
    assert elapsed < MAX_SECONDS, f"took {elapsed:.1f} s"
    assert result.code in {1, 2}, result.output[:2000]
    if exit_code is not None:
        assert result.code == exit_code, result.output[:2000]
    found = parse_output(result, str(path))
    assert found, result.output[:2000]
    assert all(f.line >= 1 and f.column >= 1 for f in found), found
    assert code in {f.code for f in found}, result.output[:2000]
    return result, found


def write(tmp_path: Path, data: bytes | str, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- generators ----------------------------------------------------------------


def random_bytes(seed: int, size: int, *, nul: bool) -> bytes:
    rng = random.Random(seed)
    data = bytearray(rng.randbytes(size))
    if nul:
        data[size // 2] = 0
    else:  # high bytes only: never valid UTF-8, never NUL
        data = bytearray(b | 0x80 for b in data)
    return bytes(data)


def billion_laughs(levels: int = 9, fan_out: int = 9) -> str:
    """The classic alias bomb: fan_out ** levels 'lol's from a few hundred bytes."""
    names = "abcdefghijklmnopqrstuvwxyz"[: levels + 1]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * fan_out)}]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * fan_out)}]")
    return "\n".join(lines) + "\n"


def quadratic_blowup(width: int = 1_000, uses: int = 10_000) -> str:
    """One wide anchor referenced many times: no nesting, still huge once expanded."""
    return f"a: &a [{', '.join(['x'] * width)}]\nb: [{', '.join(['*a'] * uses)}]\n"


def big_journey(stages: int = 100, per_stage: int = 100) -> str:
    """A valid journey with stages * per_stage touchpoints."""
    lines = [
        "version: 1",
        "journey:",
        "  title: Very large journey",
        "  scope: other",
        "personas:",
        "  - id: sara",
        "    name: Sara",
    ]
    lines.append("stages:")
    for s in range(stages):
        lines += [f"  - id: stage-{s}", f"    name: Stage {s}", "    touchpoints:"]
        for t in range(per_stage):
            n = s * per_stage + t
            lines += [
                f"      - id: tp-{n}",
                f"        name: Touchpoint {n}",
                "        channel: web",
                "        pain_points: [slow page]",
                "        metrics: {csat: 80%, aht: 4m30s}",
            ]
    return "\n".join(lines) + "\n"


def with_line_endings(text: str, ending: str, bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", ending).encode("utf-8")


# -- one table of simple cases: builder, expected code, expected exit code ------------

Builder = Callable[[], bytes | str]

CASES: dict[str, tuple[Builder, str, int]] = {
    "binary-garbage-with-nul": (lambda: random_bytes(1, 64 * 1024, nul=True), "JM003", 2),
    "binary-garbage-high-bytes": (lambda: random_bytes(2, 64 * 1024, nul=False), "JM003", 2),
    "deep-flow-sequences": (lambda: "[" * 100_000, "JM008", 1),
    "deep-flow-sequences-closed": (lambda: "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "JM008", 1),
    "deep-flow-mappings": (lambda: "{a: " * 100_000 + "\n", "JM008", 1),
    "deep-block-sequences": (lambda: "- " * 100_000 + "x\n", "JM008", 1),
    "deep-block-mappings": (lambda: "".join(" " * i + "a:\n" for i in range(500)), "JM008", 1),
    "billion-laughs": (billion_laughs, "JM007", 1),
    "billion-laughs-in-a-journey": (lambda: VALID + billion_laughs().replace("a:", "x-a:"), "JM007", 1),
    "quadratic-blowup": (quadratic_blowup, "JM007", 1),
    "merge-key-bomb": (
        lambda: "k0: &k0 {x: 1}\n" + "".join(f"k{i}: &k{i} {{<<: [*k{i - 1}, *k{i - 1}]}}\n" for i in range(1, 40)),
        "JM007",
        1,
    ),
    "utf-16-le-with-bom": (lambda: VALID.encode("utf-16"), "JM003", 2),
    "utf-16-be-with-bom": (lambda: b"\xfe\xff" + VALID.encode("utf-16-be"), "JM003", 2),
    "utf-16-le-without-bom": (lambda: VALID.encode("utf-16-le"), "JM003", 2),
    "utf-32-with-bom": (lambda: VALID.encode("utf-32"), "JM003", 2),
    "latin-1": (lambda: VALID.replace("Sara", "Zoë").encode("latin-1"), "JM003", 2),
    "empty-file": (lambda: b"", "JM009", 1),
    "only-a-bom": (lambda: b"\xef\xbb\xbf", "JM009", 1),
    "only-blank-lines": (lambda: "\n\n   \n\n", "JM009", 1),
    "only-comments": (lambda: "# a journey file\n# nothing here yet\n", "JM009", 1),
    "only-a-document-marker": (lambda: "---\n...\n", "JM009", 1),
    "top-level-null": (lambda: "~\n", "JM009", 1),
    "top-level-list": (lambda: "- version: 1\n- journey: {title: x}\n", "JM011", 1),
    "top-level-scalar": (lambda: "just a sentence, not a journey\n", "JM011", 1),
    "top-level-number": (lambda: "42\n", "JM011", 1),
    "two-documents": (lambda: VALID + "---\n" + VALID, "JM010", 1),
    "two-empty-documents": (lambda: "---\n---\n", "JM010", 1),
    "nul-byte-in-the-middle": (lambda: VALID[:40] + "\x00" + VALID[40:], "JM003", 2),
    "nul-byte-at-the-end": (lambda: VALID + "\x00", "JM003", 2),
    "raw-control-characters": (lambda: VALID.replace("Sara", "Sa\x01\x07\x1b[31mra"), "JM004", 1),
    "raw-delete-character": (lambda: VALID.replace("Sara", "Sa\x7fra"), "JM004", 1),
    "unpaired-surrogate-as-utf-8": (lambda: VALID.encode().replace(b"Sara", b"Sa\xed\xa0\x80ra"), "JM003", 2),
    "overlong-utf-8": (lambda: VALID.encode().replace(b"Sara", b"Sa\xc0\xafra"), "JM003", 2),
    "4400-digit-integer": (lambda: VALID.replace("version: 1", "version: " + "9" * 4_400), "JM013", 1),
    "4400-digit-negative-integer": (lambda: VALID + "extra: -" + "1" * 4_400 + "\n", "JM013", 1),
    "4400-digit-tagged-integer": (lambda: VALID + "extra: !!int " + "7" * 4_400 + "\n", "JM013", 1),
    "python-tag-on-a-key": (lambda: VALID + "!!python/name:os.getcwd key: 1\n", "JM006", 1),
    "unknown-local-tag": (lambda: VALID.replace("title: Hostile", "title: !secret Hostile"), "JM006", 1),
    "binary-tag": (lambda: VALID + "blob: !!binary aGVsbG8=\n", "JM006", 1),
    "undefined-alias": (lambda: VALID + "extra: *nowhere\n", "JM004", 1),
    "complex-key": (lambda: VALID + "[a, b]: 1\n", "JM012", 1),
    "tab-indentation": (lambda: VALID.replace("    name: Sara", "\tname: Sara"), "JM004", 1),
    "unterminated-quote": (lambda: VALID.replace("title: Hostile", 'title: "Hostile'), "JM004", 1),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_fails_cleanly(tmp_path: Path, name: str) -> None:
    builder, code, exit_code = CASES[name]
    check_hostile(write(tmp_path, builder()), code, exit_code)


# -- cases that need more than the table -------------------------------------------


def test_50_mb_file_is_rejected_fast_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    chunk = b"key: value\n" * 100_000
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    size = path.stat().st_size
    started = time.monotonic()
    _, found = check_hostile(path, "JM002", 2)
    assert time.monotonic() - started < 10, "a file over the limit must be refused before parsing"
    assert [(f.line, f.column, f.code) for f in found] == [(1, 1, "JM002")]
    assert f"{size:,} bytes" in found[0].message
    assert "16,777,216" in found[0].message


def test_file_one_byte_over_the_limit_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, b"#" * (16 * 1024 * 1024 + 1))
    check_hostile(path, "JM002", 2)


@pytest.mark.parametrize(
    "document",
    [
        '!!python/object/apply:os.system ["touch {marker}"]\n',
        'version: 1\nrun: !!python/object/apply:os.system ["touch {marker}"]\n',
        'version: 1\nrun: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
        "version: 1\nrun: !!python/object/new:os.system [touch {marker}]\n",
        'version: 1\nrun: !!python/object/apply:os.system\n  args: ["touch {marker}"]\n',
        'version: 1\nrun: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]\n',
        "version: 1\nrun: !!python/name:os.system\n",
    ],
    ids=["top-level", "nested", "subprocess", "object-new", "block-args", "verbatim-tag", "python-name"],
)
def test_python_tags_are_refused_and_never_run(tmp_path: Path, document: str) -> None:
    marker = tmp_path / "MARKER"
    path = write(tmp_path, document.format(marker=marker))
    _, found = check_hostile(path, "JM006", 1)
    assert not marker.exists(), "the YAML tag ran a command"
    (tag,) = [f for f in found if f.code == "JM006"]
    assert "python/" in tag.message


def test_invalid_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b"version: 1\njourney:\n  title: ab\xffcd\n")
    _, found = check_hostile(path, "JM003", 2)
    assert [(f.line, f.column) for f in found] == [(3, 12)]
    assert "0xff" in found[0].message


def test_invalid_utf8_column_counts_characters(tmp_path: Path) -> None:
    # "  title: " is 9 characters, "مرحبا" 5 more (10 bytes): the bad byte is character 15.
    path = write(tmp_path, "version: 1\njourney:\n  title: مرحبا".encode() + b"\xff\n")
    _, found = check_hostile(path, "JM003", 2)
    assert [(f.line, f.column) for f in found] == [(3, 15)]


def test_invalid_utf8_after_a_bom_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfa: 1\nb: \xff\n")
    _, found = check_hostile(path, "JM003", 2)
    assert [(f.line, f.column) for f in found] == [(2, 4)]
    assert "0xff" in found[0].message


def test_invalid_utf8_with_cr_line_endings_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\rb: 2\rc: \xff\r")
    _, found = check_hostile(path, "JM003", 2)
    assert [(f.line, f.column) for f in found] == [(3, 4)]


def test_control_character_error_points_at_the_character(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\njourney:\n  title: a\x01b\n")
    _, found = check_hostile(path, "JM004", 1)
    assert [(f.line, f.column) for f in found] == [(3, 11)]


def test_control_character_error_has_the_control_character_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\njourney:\n  title: a\x01b\n")
    result, _ = check_hostile(path, "JM004", 1)
    assert "tabs" not in result.stdout
    assert "control characters" in result.stdout


def test_escaped_control_characters_in_user_text_are_not_echoed_raw(tmp_path: Path) -> None:
    # Double-quoted escapes are valid YAML; the unknown key is echoed back, neutralised.
    path = write(tmp_path, VALID + '"\\e[31mred\\a\\b\\u202eevil\\x85": 1\n')
    result, found = check_hostile(path, "JM100", 1)
    assert "\x1b" not in result.output
    assert "\u202e" not in result.output
    assert any("\\u001b" in f.message for f in found)


def test_deep_nesting_is_one_depth_error_inside_the_brackets(tmp_path: Path) -> None:
    # Which guard fires first (ours at level 65, or libyaml's own from PyYAML 6.0.4 on, which scans
    # flow brackets ahead) is the parser's business; the user sees one JM008 inside the nesting.
    _, found = check_hostile(write(tmp_path, "[" * 100_000), "JM008", 1)
    assert [(f.line, f.code) for f in found] == [(1, "JM008")]
    assert 65 <= found[0].column <= 100_000


def test_deep_block_nesting_points_at_the_first_level_too_many(tmp_path: Path) -> None:
    text = "".join(" " * i + "a:\n" for i in range(100))
    _, found = check_hostile(write(tmp_path, text), "JM008", 1)
    assert [(f.line, f.code) for f in found] == [(65, "JM008")]


def test_second_document_is_reported_at_its_marker(tmp_path: Path) -> None:
    _, found = check_hostile(write(tmp_path, VALID + "---\n" + VALID), "JM010", 1)
    marker_line = VALID.count("\n") + 1
    assert [(f.line, f.column, f.code) for f in found] == [(marker_line, 1, "JM010")]


def test_huge_integer_is_reported_at_the_number(tmp_path: Path) -> None:
    _, found = check_hostile(write(tmp_path, VALID.replace("version: 1", "version: " + "9" * 4_400)), "JM013", 1)
    (number,) = [f for f in found if f.code == "JM013"]
    assert (number.line, number.column) == (1, 10)
    assert "4400" in number.message


@pytest.mark.parametrize(
    ("ending", "bom"),
    [("\n", False), ("\r\n", False), ("\r\n", True), ("\n", True), ("\r", False), ("\r", True)],
    ids=["lf", "crlf", "bom-crlf", "bom-lf", "cr", "bom-cr"],
)
def test_bom_and_line_endings_on_a_valid_journey(tmp_path: Path, ending: str, bom: bool) -> None:
    path = write(tmp_path, with_line_endings(VALID, ending, bom))
    before = Snapshot.of(path)
    result = run_cli("validate", path)
    assert_no_traceback(result)
    assert Snapshot.of(path) == before
    assert result.code == 0, result.output
    assert result.stdout.strip().endswith("all valid"), result.output


@pytest.mark.parametrize(
    ("ending", "bom"),
    [("\n", False), ("\r\n", False), ("\r\n", True), ("\r", True)],
    ids=["lf", "crlf", "bom-crlf", "bom-cr"],
)
def test_bom_and_line_endings_keep_error_positions(tmp_path: Path, ending: str, bom: bool) -> None:
    text = VALID.replace("version: 1", "version: 2").replace(
        "        channel: social\n", "        channel: social\n        bogus: 1\n"
    )
    bogus_line = text.split("\n").index("        bogus: 1") + 1
    _, found = check_hostile(write(tmp_path, with_line_endings(text, ending, bom)), "JM100", 1)
    assert [(f.line, f.column, f.code) for f in found] == [(1, 10, "JM106"), (bogus_line, 9, "JM100")]


MEGABYTE = "x" * (1 << 20)


def test_one_megabyte_scalar_on_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("title: Hostile input check", "title: " + MEGABYTE))
    _, found = check_hostile(path, "JM104", 1)
    assert [(f.line, f.column, f.code) for f in found] == [(3, 10, "JM104")]


@pytest.mark.parametrize(
    ("replace", "by", "code"),
    [
        ("channel: social", "channel: " + MEGABYTE, "JM104"),
        ("version: 1", "version: " + MEGABYTE, "JM106"),
        ("  title: Hostile input check", "  title: x\n  language: " + MEGABYTE, "JM103"),
        ("  title: Hostile input check", "  title: x\n  industry: " + MEGABYTE, "JM103"),
        ("channel: social", "channel: social\n        metrics: {aht: " + MEGABYTE + "}", "JM105"),
        ("channel: social", "channel: social\n        next: [" + MEGABYTE + "]", "JM104"),
        ("channel: social", "channel: social\n        " + MEGABYTE + ": 1", "JM004"),
        # libyaml limits implicit keys to 1024 characters, quoted or not: a syntax error, not a hang
        ("channel: social", "channel: social\n        '" + MEGABYTE + "': 1", "JM004"),
        (
            "channel: social",
            "channel: social\n        metrics: {csat: " + "9" * (1 << 20) + "%}",
            "JM104",
        ),
    ],
    ids=["channel", "version", "language", "industry", "duration", "next", "plain-key", "quoted-key", "percent"],
)
def test_one_megabyte_value_is_not_echoed_back(tmp_path: Path, replace: str, by: str, code: str) -> None:
    assert replace in VALID
    check_hostile(write(tmp_path, VALID.replace(replace, by, 1)), code, 1)


@pytest.mark.slow  # a big input: ./scripts/test runs the slow group
def test_ten_thousand_touchpoints_are_valid(tmp_path: Path) -> None:
    path = write(tmp_path, big_journey(100, 100))
    before = Snapshot.of(path)
    result = run_cli("validate", path)
    assert_no_traceback(result)
    assert Snapshot.of(path) == before
    assert result.code == 0, result.output[:2000]
    assert result.stdout.strip() == "1 file, 1 persona, 100 stages, 10000 touchpoints: all valid"


def test_alias_to_a_mapping_used_as_a_key_is_a_complex_key(tmp_path: Path) -> None:
    check_hostile(write(tmp_path, VALID + "x: &m {b: 1}\n*m : 2\n"), "JM012", 1)


def test_problems_before_a_fatal_error_are_still_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nversion: 1\nx: !!python/name:os.system\njourney: [\n")
    _, found = check_hostile(path, "JM004", 1)
    assert {"JM005", "JM006", "JM004"} <= {f.code for f in found}


# -- standard input -------------------------------------------------------------------


def check_stdin(data: bytes, code: str, exit_code: int) -> list[Found]:
    started = time.monotonic()
    result = run_cli("validate", "-", stdin=data)
    assert time.monotonic() - started < MAX_SECONDS
    assert result.code == exit_code, result.output[:2000]
    found = parse_output(result, "<stdin>")
    assert code in {f.code for f in found}, result.output[:2000]
    return found


@pytest.mark.parametrize(
    ("data", "code", "exit_code"),
    [
        (random_bytes(3, 64 * 1024, nul=True), "JM003", 2),
        (random_bytes(4, 64 * 1024, nul=False), "JM003", 2),
        (b"\xff\xfe" + "version: 1\n".encode("utf-16-le"), "JM003", 2),
        (b"[" * 100_000, "JM008", 1),
        (billion_laughs().encode(), "JM007", 1),
        (b"", "JM009", 1),
        (b"- a\n- b\n", "JM011", 1),
        (b"a: 1\n---\nb: 2\n", "JM010", 1),
    ],
    ids=["garbage-nul", "garbage-high-bytes", "utf-16", "deep", "bomb", "empty", "list", "two-documents"],
)
def test_stdin_hostile_input_fails_cleanly(data: bytes, code: str, exit_code: int) -> None:
    check_stdin(data, code, exit_code)


def test_stdin_python_tag_does_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    check_stdin(f'!!python/object/apply:os.system ["touch {marker}"]\n'.encode(), "JM006", 1)
    assert not marker.exists()


def test_stdin_50_mb_is_rejected() -> None:
    found = check_stdin(b"key: value\n" * (50 * 1024 * 1024 // 11), "JM002", 2)
    assert [(f.line, f.column, f.code) for f in found] == [(1, 1, "JM002")]


def test_stdin_too_large_does_not_misstate_the_size() -> None:
    sent = b"key: value\n" * (20 * 1024 * 1024 // 11)
    (found,) = check_stdin(sent, "JM002", 2)
    stated = re.search(r"is ([\d,]+) bytes", found.message)
    assert stated is None or int(stated[1].replace(",", "")) == len(sent), found.message
