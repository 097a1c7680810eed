"""Mistakes in a team's own templates (``--template-dir``) are reported as theirs: file, line, hint, exit 2.

Each template here is a copy of a built-in one with a single mistake, as a
user adapting the house style would make it. The run must name the user's file
and line, say what is wrong and how to fix it, and must never say "internal
error" or show a traceback; nothing may be written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

from journeymap.cli.app import main
from journeymap.reporting import ReportOptions, report
from journeymap.reporting import environment as environment_module
from journeymap.reporting.environment import BUILT_IN, environment
from journeymap.reporting.problems import TemplateProblem, did_you_mean, not_utf8
from tests.conftest import ROOT
from tests.reporting.helpers import example_inputs

EXAMPLE = "examples/first-purchase.yaml"
HTML_PAGE = "html/page.html.j2"
MD_PAGE = "markdown/page.md.j2"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    written: list[str]


@pytest.fixture
def run_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``journeymap report examples/first-purchase.yaml -o OUT --template-dir DIR [extra]``, in this process."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def run(templates: Path, *extra: str) -> Run:
        out = tmp_path / "out"
        code = main(["report", EXAMPLE, "-o", str(out), "--template-dir", str(templates), *extra])
        captured = capsys.readouterr()
        written = sorted(str(p.relative_to(out)) for p in out.rglob("*")) if out.exists() else []
        return Run(code, captured.out, captured.err, written)

    return run


def built_in(name: str) -> str:
    return (BUILT_IN / name).read_text(encoding="utf-8")


def with_mistake(name: str, old: str, new: str) -> str:
    """The built-in template ``name`` with one change (which must apply exactly once)."""
    text = built_in(name)
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    return text.replace(old, new)


def write(templates: Path, name: str, text: str | bytes) -> Path:
    path = templates / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line containing ``fragment``."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) == 1, (fragment, lines)
    return lines[0]


def assert_users_problem(run: Run, path: Path, line: int | None, *phrases: str) -> None:
    """Exit 2, one clear message naming the user's file (and line) with a hint; no traceback; nothing written."""
    assert run.code == 2, run.err
    assert "internal error" not in run.err
    assert "This is a bug in journeymap" not in run.err
    assert "Traceback" not in run.err + run.out
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert f"journeymap: error: {where}" in run.err, run.err
    assert "  hint: " in run.err, run.err
    for phrase in phrases:
        assert phrase in run.err, run.err
    assert run.written == []


def test_syntax_error_names_file_and_line(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "{% for c in s.by_channel %}", "{% for c s.by_channel %}")
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "for c s.by_channel"), "syntax error", "expected token 'in'")


def test_unknown_filter_suggests_the_right_one(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "{{ s.friction|score }}", "{{ s.friction|scor }}")
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "|scor "), "No filter named 'scor'", "did you mean 'score'?")


def test_misspelt_field_is_an_error_with_a_suggestion(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "<h1>{{ journey.title }}</h1>", "<h1>{{ journey.titel }}</h1>")
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "journey.titel"), "'titel'", "did you mean 'title'?")


def test_undefined_variable_in_markdown_points_to_the_docs(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(MD_PAGE, "# {{ journey.title|md }}\n", "# {{ journey.title|md }}\n\n{{ nosuchthing.x }}\n")
    path = write(tmp_path / "tpl", MD_PAGE, text)
    run = run_report(tmp_path / "tpl", "--format", "markdown")
    assert_users_problem(
        run,
        path,
        line_of(text, "nosuchthing"),
        "'nosuchthing' is undefined",
        "`journey`",
        "docs/docs-pipeline.md#templates",
    )


def test_missing_include_lists_the_templates_there(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    main_tag = '<main id="content" class="wrap">'
    text = with_mistake(HTML_PAGE, main_tag, main_tag + '\n{% include "html/banner.html.j2" %}')
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "banner"), "'html/banner.html.j2' not found", "html/base.html.j2")


def test_missing_extends_target_suggests_a_close_name(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, '{% extends "html/base.html.j2" %}', '{% extends "html/bse.html.j2" %}')
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, 1, "'html/bse.html.j2' not found", "did you mean 'html/base.html.j2'?")


def test_template_including_itself_is_reported_at_the_include(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    main_tag = '<main id="content" class="wrap">'
    text = with_mistake(HTML_PAGE, main_tag, main_tag + '\n{% include "html/page.html.j2" %}')
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, '{% include "html/page.html.j2" %}'), "without end")


def test_template_extending_itself_is_reported_at_the_extends(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, '{% extends "html/base.html.j2" %}', '{% extends "html/page.html.j2" %}')
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    assert_users_problem(run_report(tmp_path / "tpl"), path, 1, "without end")


def test_template_that_is_not_utf8_names_the_line(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "<h1>{{ journey.title }}</h1>", "<h1>Café {{ journey.title }}</h1>")
    latin1 = text.encode("utf-8").replace("Café".encode(), "Café".encode("latin-1"))  # saved in the wrong encoding
    path = write(tmp_path / "tpl", HTML_PAGE, latin1)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "Caf"), "not valid UTF-8", "byte 0xe9 at column 8", "UTF-8")


def test_included_user_file_with_a_mistake_is_blamed_even_when_a_built_in_includes_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_report
) -> None:
    text = with_mistake("html/style.css.j2", ":root {", ":root {\n  --brand: {{ brand.colour }};")
    path = write(tmp_path / "tpl", "html/style.css.j2", text)
    assert_users_problem(run_report(tmp_path / "tpl"), path, line_of(text, "brand.colour"), "'brand' is undefined")


def test_page_that_leaves_out_what_the_built_in_base_needs(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "{% set lang = journey.language %}\n", "")
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(
        run, path, 1, "in the built-in template html/base.html.j2:2", "'lang' is undefined", "compare yours with"
    )


def test_overridden_macros_missing_one_the_built_in_page_calls(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = built_in("html/macros.html.j2").replace("macro band(", "macro bands(")
    path = write(tmp_path / "tpl", "html/macros.html.j2", text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, None, "the built-in template html/page.html.j2", "'band'", "did you mean 'bands'?")


def test_python_internals_are_out_of_reach(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    old = "<h1>{{ journey.title }}</h1>"
    text = with_mistake(HTML_PAGE, old, "<h1>{{ journey.title.__class__.__mro__ }}</h1>")
    path = write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert_users_problem(run, path, line_of(text, "__mro__"), "not allowed in a template", "sandbox")


def test_an_error_in_the_index_template_stops_before_anything_is_written(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = with_mistake("html/index.html.j2", "{{ j.touchpoints|num }}", "{{ j.touchpoint|num }}")
    path = write(tmp_path / "tpl", "html/index.html.j2", text)
    monkeypatch.chdir(ROOT)
    code = main(["report", "examples/", "-o", str(tmp_path / "out"), "--template-dir", str(tmp_path / "tpl")])
    err = capsys.readouterr().err
    run = Run(code, "", err, sorted(p.name for p in (tmp_path / "out").glob("*")))
    assert_users_problem(run, path, line_of(text, "j.touchpoint|num }}"), "did you mean 'touchpoints'?")


@pytest.fixture
def fresh_environments() -> Iterator[None]:
    """Environments are cached per template directory; tests that swap the built-in directory need fresh ones."""
    environment.cache_clear()
    yield
    environment.cache_clear()


@pytest.mark.usefixtures("fresh_environments")
def test_a_failing_built_in_template_is_still_our_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "built-in"
    write(broken, MD_PAGE, with_mistake(MD_PAGE, "# {{ journey.title|md }}", "# {{ journey.titel|md }}"))
    write(broken, "markdown/index.md.j2", built_in("markdown/index.md.j2"))
    write(tmp_path / "tpl", "html/style.css.j2", "body { color: black; }\n")  # an override, but not for Markdown
    monkeypatch.setattr(environment_module, "BUILT_IN", broken)
    inputs = example_inputs()[:1]
    for template_dir in (None, str(tmp_path / "tpl")):
        with pytest.raises(jinja2.UndefinedError) as raised:
            report(inputs, "markdown", ReportOptions(template_dir=template_dir))
        assert not isinstance(raised.value, TemplateProblem)


@pytest.mark.slow  # four reports of every example compared: ./scripts/test runs the slow group
def test_an_empty_template_dir_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    inputs = example_inputs(findings=True)
    for fmt in ("html", "markdown"):
        assert report(inputs, fmt, ReportOptions(template_dir=str(tmp_path / "tpl"))) == report(inputs, fmt)


def test_a_template_changing_the_labels_does_not_change_the_next_report(tmp_path: Path) -> None:
    write(
        tmp_path / "tpl", MD_PAGE, '{% set _ = journey.words.update({"summary": "CHANGED"}) %}\n# {{ journey.title }}\n'
    )
    inputs = example_inputs()
    report(inputs, "markdown", ReportOptions(template_dir=str(tmp_path / "tpl")))
    assert "CHANGED" not in b"".join(report(inputs, "markdown").values()).decode()


def test_not_utf8_counts_lines_and_columns_from_one() -> None:
    problem = not_utf8("t.j2", b"ok\n\xffbad\n")
    assert problem.message == "t.j2:2: the template is not valid UTF-8 (byte 0xff at column 1)"
    assert not_utf8("t.j2", b"abc\xe9").message == "t.j2:1: the template is not valid UTF-8 (byte 0xe9 at column 4)"


@pytest.mark.parametrize(
    ("name", "candidates", "expected"),
    [
        ("titel", ["title", "description"], "title"),
        ("jouney", ["journey", "svg"], "journey"),
        ("lang", ["range", "lipsum"], None),
        ("title", ["title"], None),
        (None, ["title"], None),
    ],
)
def test_did_you_mean_only_suggests_close_names(name: str | None, candidates: list[str], expected: str | None) -> None:
    assert did_you_mean(name, candidates) == expected


def test_templates_that_work_still_work(tmp_path: Path, run_report) -> None:  # type: ignore[no-untyped-def]
    text = with_mistake(HTML_PAGE, "<h1>{{ journey.title }}</h1>", "<h1>{{ journey.title|upper }}</h1>")
    write(tmp_path / "tpl", HTML_PAGE, text)
    run = run_report(tmp_path / "tpl")
    assert run.code == 0, run.err
    assert "<h1>FIRST PURCHASE AT HEARTH &amp; HOME ONLINE</h1>" in (
        tmp_path / "out" / "first-purchase.html"
    ).read_text(encoding="utf-8")
    assert os.listdir(tmp_path / "out") == ["first-purchase.html"]
