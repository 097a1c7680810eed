"""Mermaid journeys in: every public diagram of the corpus becomes a journey that validates, with a
warning (at the line and column of the .mmd) for each mapping the import had to make."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from journeymap.api import read
from journeymap.diagnostics import Severity
from journeymap.interchange.mermaid import read_mermaid
from journeymap.loader import load_text
from journeymap.validation import validate
from tests.conftest import (
    MERMAID_CORPUS,
    assert_no_traceback,
    mermaid_cli,
    mermaid_corpus_rows,
    require_corpus,
    run_cli,
)

CORPUS_DIR = MERMAID_CORPUS
ROWS = mermaid_corpus_rows()
FILES = [row["file"] for row in ROWS]


def _import(name: str):  # type: ignore[no-untyped-def]
    return read_mermaid((CORPUS_DIR / name).read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("name", FILES)
def test_every_corpus_diagram_imports_to_a_journey_that_validates(name: str) -> None:
    imported = _import(name)
    assert imported.journey is not None, [str(d) for d in imported.diagnostics]
    assert not imported.errors
    result = validate(load_text(imported.yaml, "imported.yaml"))
    assert result.journey is not None
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert imported.yaml.startswith("# yaml-language-server: $schema=")


def test_the_corpus_is_all_there() -> None:
    require_corpus(len(FILES) == 49, f"expected 49 Mermaid journeys in {CORPUS_DIR}")


def test_warnings_are_counted_as_measured() -> None:
    """Front matter in 7 diagrams; 33 task scores outside 1-5 (the 37 first counted included 4
    `maxLabelWidth:` lines of front matter, which are configuration, not tasks); 23 tasks without
    actors (19 in diagrams Mermaid accepts with numeric scores, 2 with non-numeric scores, 2 in
    diagrams Mermaid rejects for their header)."""
    require_corpus(FILES, f"Mermaid corpus not found at {CORPUS_DIR}")
    counts: Counter[str] = Counter()
    files_with: dict[str, set[str]] = {}
    for name in FILES:
        for d in _import(name).diagnostics:
            counts[d.code] += 1
            files_with.setdefault(d.code, set()).add(name)
    assert len(files_with["JM701"]) == counts["JM701"] == 7
    assert counts["JM703"] == 33
    assert counts["JM705"] == 23
    assert counts["JM704"] == 2  # '2rem'
    assert "abc"
    assert counts["JM711"] == 49  # no diagram says a channel
    assert not any(code == "JM700" for code in counts)


def test_diagnostics_point_at_the_line_and_column_in_the_diagram() -> None:
    text = "journey\n  title T\n  section S\n    Calm: 3: Me\n    Ecstatic: 7: Me\n    Alone: 4\n    Odd: abc: Me\n"
    found = {(d.code, d.span.line, d.span.column) for d in read_mermaid(text, "d.mmd").diagnostics}
    assert ("JM703", 5, 15) in found
    assert ("JM705", 6, 5) in found
    assert ("JM704", 7, 10) in found


def test_the_mapping() -> None:
    text = (
        "---\ntitle: From front matter\nconfig: {theme: dark}\n---\njourney\n%% a comment\n"
        "accDescr {\n  Two lines\n  of description\n}\nsection Buy<br/>now\n  Pay: 2: Sara, Omar\n"
        "  Pay: 9: Omar\n"
    )
    imported = read_mermaid(text, "buy.mmd", channel="web")
    journey = imported.journey
    assert journey is not None
    assert journey.info.title == "From front matter"
    assert journey.info.description == "Two lines of description"
    assert [p.id for p in journey.personas] == ["sara", "omar"]
    stage = journey.stages[0]
    assert stage.name == "Buy now"
    assert [(t.id, t.channel, t.personas) for t in stage.touchpoints] == [
        ("pay", "web", ["sara", "omar"]),
        ("pay-2", "web", ["omar"]),
    ]
    assert [journey.emotion(t) for t in stage.touchpoints] == [2, 5]
    codes = [d.code for d in imported.diagnostics]
    assert sorted(codes) == ["JM701", "JM703", "JM710", "JM712"]
    assert not journey.channels  # --channel web: no placeholder channel


def test_arabic_diagram_reads_right_to_left() -> None:
    text = "journey\n  title فتح حساب\n  section الوعي\n    إعلان: 4: خالد\n"
    journey = read_mermaid(text, "ar.mmd").journey
    assert journey is not None
    assert journey.info.language == "ar"
    assert journey.personas[0].name == "خالد"


def test_a_file_with_no_journey_is_an_error() -> None:
    imported = read_mermaid("flowchart LR\n  A --> B\n", "flow.mmd")
    assert imported.journey is None
    assert "JM700" in [d.code for d in imported.diagnostics]


# -- through the CLI ------------------------------------------------------------------------------


def test_import_writes_a_new_file_and_never_replaces_one(tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text("journey\n  title My day\n  section Work\n    Make tea: 5: Me\n", encoding="utf-8")
    first = run_cli("import", source, "-o", tmp_path / "day.yaml")
    assert first.code == 0, first.output
    assert run_cli("validate", tmp_path / "day.yaml").code == 0
    again = run_cli("import", source, "-o", tmp_path / "day.yaml")
    assert again.code == 2
    assert "never replaces" in again.stderr
    forced = run_cli("import", source, "-o", tmp_path / "day.yaml", "--force")
    assert forced.code == 0, forced.output
    default = run_cli("import", source, cwd=tmp_path)
    assert default.code == 0
    assert (tmp_path / "day.journey.yaml").exists()


def test_import_to_stdout_with_warnings_on_stderr() -> None:
    result = run_cli("import", "-", "--from", "mermaid", "-o", "-", stdin="journey\n  section S\n    T: 9\n")
    assert result.code == 0, result.output
    assert result.stdout.startswith("# yaml-language-server")
    assert "<stdin>:3:8: warning[JM703]" in result.stderr
    assert "warning[JM705]" in result.stderr


def test_import_errors_exit_1_and_write_nothing(tmp_path: Path) -> None:
    source = tmp_path / "flow.mmd"
    source.write_text("flowchart LR\n  A --> B\n", encoding="utf-8")
    result = run_cli("import", source, "-o", tmp_path / "out.yaml")
    assert_no_traceback(result)
    assert result.code == 1
    assert "error[JM700]" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_import_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("import", tmp_path / "notes.txt").code == 2
    assert run_cli("import", tmp_path / "missing.mmd", "-o", "-").code == 2
    wrong = run_cli("import", "-", "--from", "mermaid", "--channel", "webb", stdin="journey\n")
    assert wrong.code == 2
    assert "web" in wrong.stderr


# -- Mermaid's own CLI on an imported-then-exported diagram ----------------------------------------


@pytest.mark.client
def test_mermaid_cli_draws_an_imported_then_exported_diagram(tmp_path: Path) -> None:
    require_corpus(FILES, f"Mermaid corpus not found at {CORPUS_DIR}")
    mmdc, config = mermaid_cli(tmp_path)
    blocks = []
    for name in (
        "mermaid-js_mermaid__platform-go-shopping__1.mmd",
        "microsoft_Web-Dev-For-Beginners__zh-chat-project__1.mmd",
    ):
        journey = tmp_path / f"{name}.yaml"
        assert run_cli("import", CORPUS_DIR / name, "-o", journey).code == 0
        exported = run_cli("export", journey, "--format", "mermaid", "-o", "-")
        rendered = run_cli("render", journey, "-f", "mermaid", "-o", "-")
        assert exported.code == rendered.code == 0, exported.output + rendered.output
        assert exported.stdout == rendered.stdout  # export reuses the renderer
        blocks.append(exported.stdout)
    markdown = tmp_path / "all.md"
    markdown.write_text("".join(f"```mermaid\n{block}```\n\n" for block in blocks), encoding="utf-8")
    completed = subprocess.run(
        [mmdc, "-p", str(config), "-i", str(markdown), "-o", str(tmp_path / "out.md")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert len(list(tmp_path.glob("out-*.svg"))) == len(blocks)


def test_comments_and_cut_offs_as_mermaid_reads_them() -> None:
    text = "journey\ntitle Day %% not the title\nsection Work; later\n  Tea %% nope: 5: Me\n  Mail: 4: Me # Cat\n"
    imported = read_mermaid(text, "d.mmd")
    journey = imported.journey
    assert journey is not None
    assert journey.info.title == "Day"
    assert journey.stages[0].name == "Work"
    assert [tp.name for tp in journey.stages[0].touchpoints] == ["Mail"]
    assert [p.name for p in journey.personas] == ["Me"]
    ignored = [(d.span.line, d.span.column) for d in imported.diagnostics if d.code == "JM709"]
    assert ignored == [(3, 13), (4, 3), (5, 15)]


ARABIC_PLACEHOLDERS = {
    "(no section)": "(بلا قسم)",
    "(no tasks in the diagram)": "(لا مهام في المخطط)",
    "Customer": "العميل",
    "Channel not given": "قناة غير محددة",
}


@pytest.mark.parametrize(
    ("diagram", "options"),
    [
        ("journey\n  title فتح حساب\n", []),  # an Arabic diagram: its language is Arabic
        ("journey\n  title Open an account\n", ["--language", "ar"]),
    ],
)
def test_placeholders_are_in_the_journeys_language(tmp_path: Path, diagram: str, options: list[str]) -> None:
    """What import names for an Arabic journey (an empty stage, a placeholder task, persona and channel) is Arabic
    data; an English journey keeps the English names."""
    path = tmp_path / "empty.mmd"
    path.write_text(diagram, encoding="utf-8")
    arabic = run_cli("import", path, *options, "-o", "-")
    assert arabic.code == 0, arabic.output
    for english, word in ARABIC_PLACEHOLDERS.items():
        assert f"name: {word}" in arabic.stdout
        assert english not in arabic.stdout
    assert "'(لا مهام في المخطط)'" in arabic.stderr  # the warning names the touchpoint as the journey holds it
    english = run_cli("import", path, "--language", "en", "-o", "-")
    assert all(f"name: {word}" in english.stdout for word in ARABIC_PLACEHOLDERS)


def test_tasks_without_a_name_or_section_get_arabic_names(tmp_path: Path) -> None:
    path = tmp_path / "orphans.mmd"
    path.write_text("journey\n  : 3: \n  section البداية\n    زيارة الموقع: 4: سارة\n", encoding="utf-8")
    said = run_cli("import", path, "-o", "-")
    assert said.code == 0, said.output
    assert "name: (بلا قسم)" in said.stdout
    assert "name: مهمة في السطر ٢" in said.stdout
    assert "stage named '(بلا قسم)'" in said.stderr


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("Delivery: 2 days; #1 choice", "Sara, busy parent"),
        ("التوصيل: يومان؛ #١", "سارة، أم مشغولة, وموظفة"),
    ],
)
def test_a_mermaid_export_imports_back_with_its_own_punctuation(tmp_path: Path, name: str, persona: str) -> None:
    """Export writes look-alikes (∶ ‚ ＃ ；) for what a Mermaid line cannot hold; import reads them back."""
    source = tmp_path / "j.yaml"
    source.write_text(
        f"version: 1\njourney: {{title: T}}\npersonas: [{{id: p, name: '{persona}'}}]\nstages:\n"
        f"  - id: s\n    name: 'Stage: one'\n    touchpoints:\n      - {{id: t, name: '{name}', channel: web}}\n",
        encoding="utf-8",
    )
    diagram = tmp_path / "j.mmd"
    assert run_cli("export", source, "-o", diagram).code == 0
    drawn = diagram.read_text(encoding="utf-8")
    assert "\u2236" in drawn  # the colon was written as its look-alike
    assert run_cli("import", diagram, "-o", tmp_path / "back.yaml", "--channel", "web").code == 0
    back = read(str(tmp_path / "back.yaml"))
    assert [tp.name for _, tp in back.touchpoints()] == [name]
    assert [s.name for s in back.stages] == ["Stage: one"]
    assert [p.name for p in back.personas] == [persona]


def test_what_the_validator_finds_is_at_the_diagrams_line() -> None:
    """A task name or title the journey cannot hold is said at its line, not at the file alone."""
    long_title, long_task = "t" * 10_050, "n" * 10_050
    text = f"journey\n  title {long_title}\n  section Pay\n    Card: 3: Sara\n    {long_task}: 2: Sara\n"
    found = {(d.code, d.span.line) for d in read_mermaid(text, "long.mmd").diagnostics if d.code == "JM719"}
    assert found == {("JM719", 2), ("JM719", 5)}
