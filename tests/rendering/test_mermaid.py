"""Mermaid export: a model of Mermaid's journey grammar, checked against real diagrams, then on ours.

The checker (tests/rendering/mermaid_grammar.py) is first validated against the public corpus of
Mermaid journeys in shared/corpus/mermaid-journeys (``expected_valid`` set by hand from Mermaid's
parser), then used on every example's export and on journeys with hostile names. When Mermaid's
own CLI is available (``MMDC`` or ``mmdc`` on PATH, and Debian's ``chromium``), it is run too.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from journeymap.api import read
from journeymap.rendering import render
from journeymap.rendering.mermaid import mermaid_text
from tests.conftest import EXAMPLES, MERMAID_CORPUS, mermaid_cli, mermaid_corpus_rows, require_corpus, run_cli
from tests.rendering.helpers import journey_doc, touchpoint, write_journey
from tests.rendering.mermaid_grammar import MermaidSyntaxError, parse, strict_problems

CORPUS_DIR = MERMAID_CORPUS
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


CORPUS_ROWS = mermaid_corpus_rows()

#: Diagrams Mermaid accepts that journeymap's *strict* rules (what we promise to emit) reject, and why.
#: The lenient parser (``parse``) accepts all of them, exactly like Mermaid.
MERMAID_LENIENT = {
    "mermaid-js_mermaid__parser-spec-acctitle__1.mmd": "no title statement",
    "mermaid-js_mermaid__demo-frontmatter-acc__1.mmd": "title only in front matter",
    "mermaid-js_mermaid__parser-spec-task-definitions__1.mmd": "tasks with no actor list and an empty one ('5:')",
    "mermaid-js_mermaid__cypress-frontmatter-maxlabelwidth__1.mmd": "empty actor lists",
    "mermaid-js_mermaid__cypress-long-labels__1.mmd": "tasks without actors",
    "mermaid-js_mermaid__cypress-title-styling__1.mmd": "non-numeric score '2rem'",
    "NaiadDiagrams_Naiad__test-without-title__1.mmd": "no title",
    "NaiadDiagrams_Naiad__test-unclamped-scores__1.mmd": "score 7",
    "NaiadDiagrams_Naiad__parsertest-does-not-clamp__1.mmd": "score 7, no title",
    "yonasBSD_rusty-mermaid__test-multiple-sections__1.mmd": "no title, task without actors",
    "yonasBSD_rusty-mermaid__test-score-9__1.mmd": "score 9",
    "yonasBSD_rusty-mermaid__test-comment-blank-line__1.mmd": "no title, no actors",
    "yonasBSD_rusty-mermaid__test-empty-journey__1.mmd": "header only",
    "yonasBSD_rusty-mermaid__test-task-without-section__1.mmd": "task before any section",
    "yonasBSD_rusty-mermaid__test-nonnumeric-score__1.mmd": "score 'abc'",
    "FoggyBalrog_MermaidDotNet__docs-generated__1.mmd": "tasks before the first section, score 6",
    "FoggyBalrog_MermaidDotNet__docs-generated-frontmatter-title__1.mmd": "tasks before the first section",
    "microsoft_Web-Dev-For-Beginners__zh-state-management__1.mmd": "scores up to 9",
    "microsoft_Web-Dev-For-Beginners__zh-chat-project__1.mmd": "scores up to 9",
    "microsoft_Web-Dev-For-Beginners__sl-ai-framework__1.mmd": "scores up to 9",
}


def _need_corpus() -> None:
    require_corpus(CORPUS_ROWS, f"Mermaid corpus not found at {CORPUS_DIR}")


# -- the checker against Mermaid's own verdicts ------------------------------------------


@pytest.mark.parametrize("row", CORPUS_ROWS, ids=[r["file"] for r in CORPUS_ROWS])
def test_checker_agrees_with_mermaid_on_the_corpus(row: dict[str, str]) -> None:
    text = (CORPUS_DIR / row["file"]).read_text(encoding="utf-8")
    if row["expected_valid"] == "true":
        parse(text)  # Mermaid accepts it: so must the model
        problems = strict_problems(text)
        if row["file"] in MERMAID_LENIENT:
            assert problems, f"expected a strict-rule problem ({MERMAID_LENIENT[row['file']]})"
        else:
            assert problems == []
    else:
        with pytest.raises(MermaidSyntaxError):
            parse(text)


def test_corpus_is_there_and_has_both_verdicts() -> None:
    _need_corpus()
    verdicts = {r["expected_valid"] for r in CORPUS_ROWS}
    assert verdicts == {"true", "false"}
    assert set(MERMAID_LENIENT) <= {r["file"] for r in CORPUS_ROWS}


@pytest.mark.parametrize(
    "text",
    [
        "journey\n  title T\n  section S\n    Journey planner: 3: Sara\n",  # the 'journey' keyword (journey\b)
        "journey\n  title T\n  section S\n    a task: 3: Sara\n    bare line\n",  # task with no data
        "journey\n  title T\n  section S\n    semi;colon: 3: Sara\n",  # ';' is INVALID
        "journey\n  title T\n  section S\n    section two: 3: Sara\n",  # 'section' keyword first
        "journey\n  title T\n  section S\n    hash # comment: 3: Sara\n",  # '#' starts a comment
        "graph TD\n  A-->B\n",
    ],
)
def test_checker_rejects_what_mermaid_rejects(text: str) -> None:
    with pytest.raises(MermaidSyntaxError):
        parse(text)


def test_checker_strict_rules_catch_lost_and_bad_tasks() -> None:
    swallowed = "journey\n  title T\n  section S\n    a%%b: 3: Sara\n"  # '[^}]%%' is a comment rule
    assert any("swallowed" in p for p in strict_problems(swallowed))
    assert strict_problems("journey\n  title T\n  section S\n    ok: 3: Sara, Omar\n") == []
    assert strict_problems("journey\n  title T\n  section S\n    ok: 6: Sara\n")
    # 'title\s[^#\n;]+' comes before the task rule: the whole line becomes a second title
    assert strict_problems("journey\n  title T\n  section S\n    Title of it: 3: Sara\n")
    assert strict_problems("journey\n  title T\n  section S\n    ok: 3:\n")


# -- our export ----------------------------------------------------------------------------


def _check_export(text: str, expected_tasks: int) -> None:
    assert text.startswith("journey\n"), text[:80]
    assert strict_problems(text) == [], text
    doc = parse(text)
    assert len(doc.tasks) == expected_tasks


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_every_example_exports_valid_mermaid(example: Path) -> None:
    journey = read(str(example))
    text = render(journey, "mermaid").decode("utf-8")
    _check_export(text, sum(1 for _ in journey.touchpoints()))
    doc = parse(text)
    assert [s.strip() for s in doc.sections] == [mermaid_text(s.name) for s in journey.stages if s.touchpoints]
    for persona in journey.personas:
        per_persona = render(journey, "mermaid", persona=persona.id).decode("utf-8")
        _check_export(per_persona, sum(1 for _, tp in journey.touchpoints() if tp.serves(persona.id)))


HOSTILE_NAMES = [
    "Checkout: step 2",
    "Step #3 then pay",
    "%% not a comment",
    "title of the page",
    "Section B",
    "accTitle: x",
    "line\nbreak\tand tab",
    "Sara, busy parent",
    "   ",
    "<script>alert(1)</script>",
    "émoji 🎉 العربية",
    "}%% closing",
    "%%{init: {'theme': 'dark'}}%%",
]


def test_hostile_names_export_valid_mermaid(tmp_path: Path) -> None:
    tps = [
        touchpoint(i, name if name.strip() else f"blank {i}", total=len(HOSTILE_NAMES))
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    doc = journey_doc(
        tps,
        title="title: a # b c",
        stage_names=["section one", "Stage: two #2"],
        personas=[("p1", "Sara, busy parent"), ("p2", "Omar: careful #1")],
    )
    path = write_journey(tmp_path / "hostile.yaml", doc)
    result = run_cli("render", path, "--format", "mermaid", "-o", "-")
    assert result.code == 0, result.output
    _check_export(result.stdout, len(HOSTILE_NAMES))


def test_task_named_journey_is_not_a_keyword(tmp_path: Path) -> None:
    doc = journey_doc([touchpoint(0, "Journey planner", total=2), touchpoint(1, "journey", total=2)])
    journey_path = write_journey(tmp_path / "j.yaml", doc)
    result = run_cli("render", journey_path, "--format", "mermaid", "-o", "-")
    assert result.code == 0, result.output
    _check_export(result.stdout, 2)


def test_percent_percent_inside_a_name_keeps_the_task(tmp_path: Path) -> None:
    doc = journey_doc([touchpoint(0, "5%% off banner", total=2), touchpoint(1, "Cart", total=2)])
    journey_path = write_journey(tmp_path / "j.yaml", doc)
    result = run_cli("render", journey_path, "--format", "mermaid", "-o", "-")
    assert result.code == 0, result.output
    _check_export(result.stdout, 2)


def test_semicolon_is_replaced(tmp_path: Path) -> None:
    assert ";" not in mermaid_text("a;b")
    doc = journey_doc([touchpoint(0, "Pay; then wait", total=1)], title="A; B")
    journey_path = write_journey(tmp_path / "j.yaml", doc)
    result = run_cli("render", journey_path, "--format", "mermaid", "-o", "-")
    assert result.code == 0, result.output
    _check_export(result.stdout, 1)


def test_name_of_only_bom_is_not_empty_in_mermaid(tmp_path: Path) -> None:
    doc = journey_doc([touchpoint(0, "\ufeff", total=2), touchpoint(1, "Cart", total=2)])
    journey_path = write_journey(tmp_path / "j.yaml", doc)
    result = run_cli("render", journey_path, "--format", "mermaid", "-o", "-")
    assert result.code == 0, result.output
    _check_export(result.stdout, 2)


# -- Mermaid's own CLI (optional) -------------------------------------------------------------


@pytest.mark.client
def test_mermaid_cli_renders_every_example(tmp_path: Path) -> None:
    mmdc, config = mermaid_cli(tmp_path)
    blocks = []
    for example in EXAMPLE_FILES:
        blocks.append(render(read(str(example)), "mermaid").decode("utf-8"))
    tps = [
        touchpoint(i, name if name.strip() else f"blank {i}", total=len(HOSTILE_NAMES))
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    hostile = tmp_path / "hostile.yaml"
    write_journey(hostile, journey_doc(tps, title="title: a # b c"))
    blocks.append(render(read(str(hostile)), "mermaid").decode("utf-8"))
    from tests.rendering.test_hostile_labels import BATCHES, _hits_known_mermaid_bug, _is_blank, _mermaid_of

    for batch in BATCHES:  # every naughty string our checker accepts must be accepted by Mermaid too
        blocks.append(_mermaid_of([s for s in batch if not _is_blank(s) and not _hits_known_mermaid_bug(s)]))
    markdown = tmp_path / "all.md"
    markdown.write_text("".join(f"```mermaid\n{block}```\n\n" for block in blocks), encoding="utf-8")
    completed = subprocess.run(
        [mmdc, "-p", str(config), "-i", str(markdown), "-o", str(tmp_path / "out.md")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert len(list(tmp_path.glob("out-*.svg"))) == len(blocks)
