"""No English word left under ``--lang ar``: every command, on the Arabic journeys, on its happy path and its
error paths (missing file, malformed YAML, bad option values, a bad project file), prints only Arabic words
besides ids, codes, paths, option names and the user's own text. A message that loses its translation fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.codes import CODES
from tests.conftest import EXAMPLES, FIXTURES, ROOT, run_cli
from tests.translation.english_words import english_words, own_strings, visible_text

BANK = EXAMPLES / "bank-account-opening-ar.yaml"
BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.future.yaml"
DISPUTE = FIXTURES / "credit-card-dispute-ar.yaml"
#: Every command on every Arabic journey, through every error path (about a hundred CLI runs): the `slow` group,
#: which ./scripts/test and CI run right after the default suite.
pytestmark = pytest.mark.slow
#: What stays English in every language: ``error[JM104]`` (tools parse it), product names, format ids.
SYNTAX = ("error", "warning", "info", "note", "git", "PDF", "svg", "png", "pdf", "dot", "html", "markdown", "mermaid")
#: Option names and what to type after them (``--format pdf``, ``-o FILE.pdf``), and file names, are not words.
_OPTIONS = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?: (?:FILE|DIR)\b)?|\b(?:FILE|DIR)\b")
#: Links (``](https://...)``, ``docs/scoring.md``) are addresses.
_LINKS = re.compile(r"\]\([^)]*\)|https?://\S+|\bdocs/\S+")
#: The ids a hint lists after "expected one of:" (channels, industries, stages) are ids.
_CHOICES = re.compile(r"المتوقع أحد الخيارات: [^\n]*|'[\w-]+'(?:(?:، | أو )'[\w-]+')+")
#: TOML tables and dotted keys (``[audit.rules]``, ``scoring.weights.emotion``), extensions (``.xlsx``), and
#: placeholders and acronyms in capitals (``CODE_OR_NAME``, ``REV``, ``PATH``).
_SYNTAX = re.compile(
    r"\b[a-z]+(?:_[a-z]+)+\b|\[[\w.<>]+\]|\b[\w-]+(?:\.[\w<>-]+)+\b|(?<![\w/])\.[a-z]{2,4}\b|\b[A-Z][A-Z_]{2,}\b|\{[^}]*\}"
)
_COMMANDS = re.compile(r"\bjourneymap [a-z]+\b")
_FILE_NAMES = re.compile(r"[\w./-]+\.(?:yaml|yml|json|md|toml|csv|mmd|svg|pdf|png|dot|xlsx|html)\b")
MALFORMED = "version: 1\njourney: [\n"
#: Malformed YAML of several kinds: libyaml's description of each is translated.
MALFORMED_KINDS = {
    "flow": "version: 1\njourney: [\n",
    "mapping": "a: b: c\n",
    "quote": 'a: "x\n',
    "brace": "a: {x: 1\n",
    "escape": 'a: "\\q"\n',
    "key": "a:\n  - x\n y: 1\n",
}
PROJECT_FILES = {
    "scoring-key": "[scoring]\nbogus = 1\n",
    "scoring-range": "[scoring.weights]\nemotion = -1\n",
    "scoring-type": '[scoring.weights]\nemotion = "x"\n',
    "scoring-table": "scoring = 3\n",
    "audit-select": '[audit]\nselect = ["JM999"]\n',
    "audit-level": '[audit.rules.JM330]\nlevel = "loud"\n',
    "audit-option": "[audit.rules.JM330]\nbogus = 1\n",
    "audit-rules": '[audit.rules.JM999]\nlevel = "off"\n',
    "bands": "[scoring.bands]\nmedium = 70\nhigh = 60\n",
}


def _journeys(journey: Path) -> list[list[str]]:
    """Command lines whose whole terminal output (stdout and stderr) must be Arabic."""
    j = str(journey)
    return [
        ["validate", j],
        ["validate", j, "-f", "text"],
        ["score", j],
        ["score", j, "-f", "markdown"],
        ["score", j, "--by", "stage"],
        ["score", j, "--by", "persona"],
        ["score", j, "--by", "channel"],
        ["audit", j],
        ["audit", j, "-f", "text"],
        ["audit", j, "-f", "markdown"],
        ["report", j, "-f", "markdown", "-o", "-"],
        ["render", j, "-f", "mermaid", "-o", "{tmp}/map.mmd"],
        # error paths
        ["score", j, "-e", "no-such-touchpoint"],
        ["score", j, "-p", "nobody"],
        ["audit", j, "--select", "JM999"],
        ["audit", j, "--ignore", "no-such-rule"],
        ["render", j, "--stages", "nowhere", "-f", "dot", "-o", "-"],
        ["render", j, "--stages", "", "-f", "dot", "-o", "-"],
        ["render", j, "-f", "mermaid", "--compare", str(BANK_FUTURE), "-o", "-"],
        ["render", j, "-f", "svg", "--page", "a4"],
        ["report", j, "--template-dir", "no-such-directory", "-o", "-"],
        ["export", j, "-f", "csv", "-o", j],
        ["measure", j],
        ["compare", "--git", "no-such-revision", j],
    ]


COMMON = [
    ["render", str(BANK), "--view", "bogus"],
    ["render", str(BANK), "--bogus"],
    ["measure", "--threads", "0", str(BANK)],
    ["score", "--top", "x", str(BANK)],
    ["render"],
    ["compare", str(BANK), str(BANK_FUTURE)],
    ["compare", str(BANK), str(BANK_FUTURE), "-f", "markdown"],
    ["compare", str(BANK), str(BANK_FUTURE), "-f", "html"],
    # every normalisation formula of --explain: emotion shares, rates, abandonment, CES, times, CSAT, counts
    *(["score", str(BANK), "-e", tp] for tp in ("ekyc-verification", "app-registration", "branch-visit")),
    *(["score", str(BANK), "-e", tp] for tp in ("whatsapp-inquiry", "call-centre", "card-delivery")),
    ["score", str(BANK), "-e", "ekyc-verification", "-f", "markdown"],
    ["rules"],
    ["rules", "no-such-rule"],
    ["validate", "no-such-file.yaml"],
    ["render", "no-such-file.yaml", "-f", "dot", "-o", "-"],
    ["init", "--industry", "farming", "-"],
    ["import", "journey.txt"],
    ["compare", str(BANK)],
    ["report", str(BANK), str(DISPUTE), "-o", "{tmp}/report.html"],
]
LINES = [
    *(
        pytest.param(line, id=f"{journey.stem}:{' '.join(line)}")
        for journey in (BANK, DISPUTE)
        for line in _journeys(journey)
    ),
    *(pytest.param(line, id=" ".join(line)) for line in COMMON),
]


def _arabic_only(output: str, *extra: str) -> list[str]:
    paths = sorted((x for x in (*extra, str(DISPUTE), str(BANK_FUTURE), str(ROOT)) if "/" in x), key=len, reverse=True)
    for path in paths:
        output = output.replace(path, " ")
    output = visible_text(output)
    for pattern in (_LINKS, _CHOICES, _COMMANDS, _FILE_NAMES, _OPTIONS, _SYNTAX):
        output = pattern.sub(" ", output)
    rules = (code.name for code in CODES.values())
    own = sorted(
        (*rules, *own_strings(BANK), *own_strings(DISPUTE), *own_strings(BANK_FUTURE), *SYNTAX, *extra), key=len
    )
    for text in reversed(own):  # longest first: 'refund-email' before 'email'
        if re.search("[A-Za-z]", text):
            output = re.sub(rf"(?<![A-Za-z]){re.escape(text)}(?![A-Za-z])", " ", output)
    return english_words(output, BANK)


@pytest.mark.parametrize("line", LINES)
def test_no_english_word_under_lang_ar(line: list[str], tmp_path: Path) -> None:
    line = [arg.replace("{tmp}", str(tmp_path)) for arg in line]
    result = run_cli(line[0], "--lang", "ar", *line[1:])
    assert "Traceback" not in result.output
    left = _arabic_only(result.stdout + result.stderr, *line[1:])
    assert left == [], f"{left}\n{result.output}"


def test_the_environment_gives_the_same_arabic() -> None:
    from unittest import mock

    with mock.patch.dict("os.environ", {"JOURNEYMAP_LANG": "ar"}):
        from journeymap.cli.outputs import terminal_translator

        assert terminal_translator(None).language == "ar"
    said = run_cli("audit", "--lang", "ar", BANK, "--select", "JM999")
    assert said.stderr.startswith("journeymap: error: لا قاعدة تدقيق تطابق 'JM999'\n  تلميح: شغّل `journeymap rules`")


@pytest.mark.parametrize("kind", sorted(PROJECT_FILES))
def test_project_file_mistakes_are_arabic(tmp_path: Path, kind: str) -> None:
    (tmp_path / "journeymap.toml").write_text(PROJECT_FILES[kind], encoding="utf-8")
    journey = tmp_path / "bank.yaml"
    journey.write_bytes(BANK.read_bytes())
    command = "score" if kind.startswith(("scoring", "bands")) else "audit"
    said = run_cli(command, "--lang", "ar", journey, cwd=tmp_path)
    assert said.code == 2, said.output
    toml = (
        "bogus",
        "loud",
        "off",
        "select",
        "ignore",
        "rules",
        "Configuration",
    )  # keys, values and the English doc's section
    assert _arabic_only(said.stderr, str(tmp_path), *toml) == [], said.stderr
    english = run_cli(command, journey, cwd=tmp_path)
    assert english.code == 2
    assert english.stderr.startswith(f"journeymap: error: {tmp_path / 'journeymap.toml'}"), english.stderr


def test_malformed_yaml_and_import_options_are_arabic(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(MALFORMED, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("stage,touchpoint,channel\ns,t,web\n", encoding="utf-8")
    diagram = tmp_path / "t.mmd"
    diagram.write_text("journey\n  title T\n  section S\n    Do it: 3: Me\n", encoding="utf-8")
    bad_table = tmp_path / "bad.csv"
    bad_table.write_text("stage,touchpoint,channel,emotion\ns,t,webb,7\n,u,web,\n", encoding="utf-8")
    bad_diagram = tmp_path / "bad.mmd"
    bad_diagram.write_text("journey\n  Do it: x\n  section S\n    Do more: 9: Me\n    Again: 3\n", encoding="utf-8")
    for line in (
        ["validate", broken],
        ["score", broken],
        ["import", table, "--sheet", "x", "-o", "-"],
        ["import", table, "--channel", "web", "-o", "-"],
        ["import", diagram, "--channel", "nope", "-o", "-"],
        ["import", diagram, "--language", "!!", "-o", "-"],
        ["import", bad_table, "-o", "-"],
        ["import", bad_diagram, "-o", "-"],
    ):
        said = run_cli(str(line[0]), "--lang", "ar", *map(str, line[1:]))
        assert said.code in (0, 1, 2), said.output
        said = type(said)(said.code, "", said.stderr)  # an imported journey on stdout is the user's text
        own = ("nope", "en", "fr-CA", "webb", "Do it", "Do more", "Again", "frustrated", "unspecified", "x", "bad")
        own = (*own, "(no section)")  # the name import gives a stage (journey data, as the YAML will hold it)
        assert _arabic_only(said.output, str(tmp_path), *own, *_channel_ids()) == [], said.output


@pytest.mark.parametrize("kind", sorted(MALFORMED_KINDS))
def test_yaml_syntax_errors_are_arabic(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MALFORMED_KINDS[kind], encoding="utf-8")
    said = run_cli("validate", "--lang", "ar", path)
    assert said.code == 1, said.output
    assert "خطأ في صياغة YAML: " in said.stdout
    assert _arabic_only(said.stdout, str(tmp_path)) == [], said.stdout
    assert "YAML syntax error: " in run_cli("validate", path).stdout


def _channel_ids() -> list[str]:
    from journeymap.model.channel import BUILT_IN_CHANNELS

    return sorted(BUILT_IN_CHANNELS)


def test_english_stays_as_it_was() -> None:
    """The same mistakes in English read exactly as before the messages became translatable."""
    said = run_cli("render", BANK, "--stages", "b..a", "-f", "dot", "-o", "-")
    assert said.stderr == (
        "journeymap: error: journey 'bank-account-opening' has no stage 'b'\n"
        "  hint: expected one of: awareness, consideration, decision, post-purchase, service\n"
    )
    said = run_cli("audit", BANK, "--select", "JM999")
    assert said.stderr == (
        "journeymap: error: no audit rule matches 'JM999'\n  hint: run `journeymap rules` for codes and names\n"
    )
    said = run_cli("score", BANK, "-e", "nope")
    assert said.stderr.startswith("journeymap: error: no touchpoint 'nope' to explain\n")


def test_measure_mistakes_and_its_table_are_arabic(tmp_path: Path) -> None:
    """A measures file with a missing export and a misspelt column: the diagnostics, the table and the summary."""
    import shutil

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "telecom-support.yaml", tmp_path)
    for export in (EXAMPLES / "data").glob("*.csv"):
        shutil.copy(export, data)
    spec = (EXAMPLES / "data" / "telecom-support.measures.yaml").read_text(encoding="utf-8")
    broken = spec.replace("answers: nps}", "answers: npss}").replace("files: telecom-tickets.csv", "files: nothere.csv")
    bad_data = spec.replace("answers: nps}", "answers: nps, where: {segment: nobody}}").replace("1-7", "1-3")
    columns = ("respondent_id", "answered_at", "touchpoint", "channel", "segment", "nps", "csat", "ces", "npss")
    ids = ("tickets", "surveys", "answers", "where", "invalid", "skip", *own_strings(EXAMPLES / "telecom-support.yaml"))
    for text, expected in (
        (broken, "غير موجود في المصدر 'surveys'"),
        (bad_data, "ليست أعدادًا صحيحة من ١ إلى ٣ (الأدنى ٤، الأعلى ٧)"),
    ):
        (data / "telecom-support.measures.yaml").write_text(text, encoding="utf-8")
        said = run_cli("measure", "--lang", "ar", data / "telecom-support.measures.yaml")
        assert said.code == 1, said.output
        assert expected in said.stderr
        assert "مجال ثقة ٩٥٪" in said.stdout
        assert _arabic_only(said.output, str(tmp_path), *columns, *ids) == [], said.output


def test_template_mistakes_are_explained_in_arabic(tmp_path: Path) -> None:
    """A user template's undefined value and syntax error: our words in Arabic, Jinja2's own kept as written."""
    page = tmp_path / "templates" / "markdown" / "page.md.j2"
    page.parent.mkdir(parents=True)
    for text, arabic, english in (
        ("{{ journey.titel }}\n", "قيمة غير معرّفة: ", "undefined value: "),
        ("{{ journey.title }}\n{% if x %}\n", "خطأ في الصياغة: ", "syntax error: "),
    ):
        page.write_text(text, encoding="utf-8")
        args = ["report", str(BANK), "-f", "markdown", "--template-dir", str(tmp_path / "templates"), "-o", "-"]
        said = run_cli(args[0], "--lang", "ar", *args[1:])
        assert said.code == 2, said.output
        message, hint = said.stderr.splitlines()
        assert arabic in message
        assert hint.startswith("  تلميح: ")
        assert english in run_cli(*args).stderr


def test_the_comparison_page_follows_the_journeys_language() -> None:
    """Without ``--lang``, the HTML comparison of two Arabic journeys is an Arabic, right-to-left page."""
    page = run_cli("compare", BANK, BANK_FUTURE, "-f", "html").stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert "<title>تغييرات الرحلة</title>" in page
    assert "<th>نقطة الاتصال</th><th>المرحلة</th><th>الاحتكاك</th>" in page
    assert '<span class="tag">مضافة</span>' in page
    assert '<bdi dir="rtl">٤٣٫٣ ← ٢٤٫٠ (\u061c-١٩٫٣)</bdi>' in page  # the arrow points as the text reads
    assert _arabic_only(page) == [], page
    english = run_cli("compare", "--lang", "en", BANK, BANK_FUTURE, "-f", "html").stdout
    assert "<title>Journey changes</title>" in english


#: A definitions file's sources with a connection mistake each (JM620-JM623, JM627), and a source whose URL names
#: an unset variable (JM624) or a table that is not there (JM626).
CONNECTION_SOURCES = (
    "{files: a.csv, connection: 'pyspark://', table: t}",
    "{touchpoint: tp}",
    "{connection: 'pyspark://'}",
    "{files: a.csv, table: t}",
    "{connection: 'pyspork://', table: t}",
    "{connection: 'surveys.db', table: t}",
    "{connection: 'trino://ana:hunter2@host/hive/cx?token=abc', table: t}",
    "{connection: 'pyspark://', table: t, delimiter: ';'}",
    "{connection: 'duckdb:///${JM_TEST_UNSET}/x.db', table: t}",
    "{connection: 'duckdb:///{tmp}/empty.db', table: answers}",
)


@pytest.mark.parametrize("source", CONNECTION_SOURCES)
def test_connection_mistakes_are_arabic(tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """JM620-JM627: our words in Arabic; the URL, the keys and the engine's own message as written."""
    monkeypatch.delenv("JM_TEST_UNSET", raising=False)
    path = tmp_path / "bad.measures.yaml"
    text = f"version: 1\nsources:\n  surveys: {source.replace('{tmp}', str(tmp_path))}\n"
    path.write_text(text + "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n", encoding="utf-8")
    said = run_cli("measure", "--lang", "ar", path)
    assert said.code == 1, said.output
    assert "error[JM62" in said.stderr
    engine = run_cli("measure", path).stderr.partition("cannot be read: ")[2].split("\n")[0]
    own = (*own_strings(path), "pyspark", "pyspork", "BACKEND", "ana", "host", "token", "JM_TEST_UNSET", "Ibis")
    assert _arabic_only(said.stderr.replace(engine, " ") if engine else said.stderr, str(tmp_path), *own) == [], (
        said.stderr
    )


def test_a_missing_ibis_is_explained_in_arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "journeymap.measuring.ibis_engine", None)
    example = EXAMPLES / "data" / "telecom-support.measures.yaml"
    said = run_cli("measure", "--lang", "ar", example, "--engine", "ibis", "-o", "-")
    assert said.code == 2, said.output
    assert "قراءة هذا المصدر تتطلب مكتبة Ibis" in said.stderr
    assert _arabic_only(said.stderr, "Ibis", "ibis", "spark", "pyspark") == [], said.stderr


def test_definition_mistakes_are_arabic(tmp_path: Path) -> None:
    """JM602, JM603, JM610 and JM103 in a definitions file: the sentence and its hint in Arabic."""
    path = tmp_path / "d.measures.yaml"
    path.write_text(
        "version: 1\nsources:\n  surveys: {files: a.csv, touchpoint: tp}\nmeasures:\n  checkout:\n"
        "    nps: {source: survey, answers: nps, scale: 1-5}\n"
        "    csat: {source: surveys, answers: csat, higher_is: easier, satisfied: 4-9}\n"
        "    fcr: {source: surveys, mean: x, since: 2024-01-01}\n"
        "    handled: {source: surveys, answers: q}\n",
        encoding="utf-8",
    )
    said = run_cli("measure", "--lang", "ar", path)
    assert said.code == 1, said.output
    for code in ("JM602", "JM603", "JM610", "JM103"):
        assert f"error[{code}]" in said.stderr
    own = (*own_strings(path), "checkout.nps", "checkout.csat", "checkout.fcr", "checkout.handled", "CES")
    assert _arabic_only(said.stderr, str(tmp_path), *own) == [], said.stderr


MEASURED_LINES = [
    ["validate", "{j}"],
    ["score", "{j}"],
    ["score", "{j}", "-e", "call-centre"],
    ["score", "{j}", "-e", "branch-visit", "-f", "markdown"],
    ["audit", "{j}"],
    ["audit", "{j}", "-f", "markdown"],
    ["report", "{j}", "-f", "markdown", "-o", "-"],
]


def test_measured_values_leave_no_english_word(tmp_path: Path) -> None:
    """The Arabic example with a snapshot measured from survey answers: intervals, sample sizes, dates, trends
    and citations in every command's text are Arabic too, and so is every text of its map."""
    from tests.rendering.helpers import svg_root, svg_texts
    from tests.rendering.measured_arabic import measured_bank

    journey = str(measured_bank(tmp_path))
    for line in MEASURED_LINES:
        result = run_cli(line[0], "--lang", "ar", *(arg.replace("{j}", journey) for arg in line[1:]))
        assert "Traceback" not in result.output
        left = _arabic_only(result.stdout + result.stderr, journey, str(tmp_path), "surveys")
        assert left == [], f"{line}: {left}\n{result.output}"
    for view in ("map", "compact"):
        out = tmp_path / f"{view}.svg"
        assert run_cli("render", journey, "--view", view, "-o", out).code == 0
        texts = "\n".join(svg_texts(svg_root(out.read_bytes())))
        assert _arabic_only(texts, journey, "surveys") == [], texts
