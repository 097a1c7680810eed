"""Arabic everywhere: every map format, the reports and the audit of two Arabic journeys hold no English word
but ids and the journey's own text, every value is a bidi isolate, and the messages follow ``--lang``."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import journeymap
from journeymap.rendering.kpis import metric_rows
from journeymap.rendering.labels import FSI, PDI
from tests.conftest import EXAMPLES, FIXTURES, require, run_cli
from tests.translation.english_words import english_words

BANK = EXAMPLES / "bank-account-opening-ar.yaml"
DISPUTE = FIXTURES / "credit-card-dispute-ar.yaml"
ARABIC = [pytest.param(BANK, id="bank-account-opening"), pytest.param(DISPUTE, id="credit-card-dispute")]
#: Mermaid's own syntax (keywords and the comment it carries in English, like every keyword around it).
MERMAID_SYNTAX = re.compile(r"^\s*(%%.*|journey|title|section)\b", re.M)


def _journey(path: Path) -> journeymap.Journey:
    journey = journeymap.validate(journeymap.load(str(path))).journey
    assert journey is not None
    return journey


def _html_labels(dot: str) -> list[str]:
    """The HTML-like labels of a DOT text (``label=<...>``, angle brackets nested)."""
    labels, start = [], dot.find("label=<")
    while start != -1:
        depth, index = 0, start + len("label=")
        for index in range(start + len("label="), len(dot)):
            depth += {"<": 1, ">": -1}.get(dot[index], 0)
            if depth == 0:
                break
        labels.append(dot[start + len("label=") : index + 1])
        start = dot.find("label=<", index)
    return labels


def _output(tmp_path: Path, *args: str) -> str:
    result = run_cli(*args)
    assert result.code in (0, 1), result.output
    return result.stdout


def _file(tmp_path: Path, name: str, *args: str) -> str:
    target = tmp_path / name
    result = run_cli(*args, "-o", target)
    assert result.code == 0, result.output
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("journey", ARABIC)
@pytest.mark.parametrize("fmt", ["svg", "dot"])
@pytest.mark.parametrize("view", ["map", "flow"])
def test_maps_hold_no_english(tmp_path: Path, journey: Path, fmt: str, view: str) -> None:
    require(shutil.which("dot") or fmt == "dot", "Graphviz (dot) is needed for SVG")
    text = _file(tmp_path, f"map.{fmt}", "render", journey, "-f", fmt, "--view", view)
    if fmt == "dot":  # the label text only: attribute names and colours are Graphviz syntax
        text = " ".join([*_html_labels(text), *re.findall(r'tooltip="((?:[^"\\]|\\.)*)"', text)])
    assert english_words(text, journey) == []


@pytest.mark.parametrize("journey", ARABIC)
def test_the_pdf_map_holds_no_english(tmp_path: Path, journey: Path) -> None:
    require(shutil.which("dot") and shutil.which("pdftotext"), "Graphviz and pdftotext are needed")
    target = tmp_path / "map.pdf"
    assert run_cli("render", journey, "-o", target).code == 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True).stdout
    assert english_words(text.decode("utf-8"), journey) == []


@pytest.mark.parametrize("journey", ARABIC)
def test_the_mermaid_export_holds_no_english_but_its_syntax(tmp_path: Path, journey: Path) -> None:
    text = _file(tmp_path, "map.mmd", "render", journey, "-f", "mermaid")
    assert english_words(MERMAID_SYNTAX.sub(" ", text), journey) == []


@pytest.mark.parametrize("journey", ARABIC)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_reports_hold_no_english(tmp_path: Path, journey: Path, fmt: str) -> None:
    text = _file(tmp_path, f"page.{fmt}", "report", journey)
    assert english_words(text, journey) == []


@pytest.mark.parametrize("journey", ARABIC)
@pytest.mark.parametrize("fmt", ["human", "text", "markdown", "github"])
def test_the_audit_holds_no_english(tmp_path: Path, journey: Path, fmt: str) -> None:
    text = _output(tmp_path, "audit", journey, "-f", fmt)
    assert "JM3" in text, "the journeys have findings to show"
    # ``severity[CODE]`` and the annotation syntax are the parsable contract, the same in every language.
    text = re.sub(r"::\w+ file=[^,]*(,\w+=\d+)*,title=", " ", text)
    text = re.sub(r"\b(error|warning|notice|info)\[JM\d+\]", " ", text)
    assert english_words(text, journey, (str(journey.relative_to(EXAMPLES.parent)),)) == []


@pytest.mark.parametrize("journey", ARABIC)
def test_every_value_on_the_map_is_an_isolate(tmp_path: Path, journey: Path) -> None:
    require(shutil.which("dot"), "Graphviz (dot) is needed for SVG")
    svg = html.unescape(_file(tmp_path, "map.svg", "render", journey))
    model = _journey(journey)
    values = [
        v for _, tp in model.touchpoints() for row in metric_rows(model, tp.metrics, tp.targets) for v in row.values
    ]
    assert values
    for value in values:
        assert f"{FSI}{value}{PDI}" in svg, value
    assert not re.search(r"[0-9]", "".join(re.findall(rf"{FSI}(.*?){PDI}", svg))), "Arabic-Indic digits by default"


@pytest.mark.parametrize("journey", ARABIC)
def test_the_report_writes_numbers_in_the_journeys_digits(tmp_path: Path, journey: Path) -> None:
    page = _file(tmp_path, "page.html", "report", journey)
    table = page[page.index('id="stages-h"') :]
    assert re.search("[٠-٩]", table)
    latin = _file(tmp_path, "latin.html", "report", _with(tmp_path, journey, "  numerals: latin\n"))
    assert not re.search("[٠-٩]", latin[latin.index('id="stages-h"') :].split("</table>")[0])


def _with(tmp_path: Path, journey: Path, line: str) -> Path:
    """A copy of ``journey`` with ``line`` added under ``journey:`` (after ``language:``)."""
    text = journey.read_text(encoding="utf-8").replace("  language: ar\n", "  language: ar\n" + line, 1)
    copy = tmp_path / journey.name
    copy.write_text(text, encoding="utf-8")
    return copy


def test_numerals_default_by_language_tag() -> None:
    from journeymap.translation import default_numerals

    assert default_numerals("ar") == "arabic"
    assert default_numerals("ar-SA") == "arabic"
    assert default_numerals("ar-EG") == "arabic"
    assert default_numerals("ar-MA") == "latin"
    assert default_numerals("ar-AE") == "latin"
    assert default_numerals("en") == "latin"


def test_regional_defaults_follow_cldr() -> None:
    """The Latin-digit regions are those CLDR gives Latin digits (Babel's copy of CLDR is the evidence)."""
    babel = pytest.importorskip("babel")
    from journeymap.translation import default_numerals

    for tag in ("ar_SA", "ar_EG", "ar_IQ", "ar_JO", "ar_KW", "ar_QA", "ar_MA", "ar_DZ", "ar_TN", "ar_LY", "ar_AE"):
        cldr = babel.Locale.parse(tag).default_numbering_system
        assert default_numerals(tag) == ("arabic" if cldr == "arab" else "latin"), tag


# -- gender ------------------------------------------------------------------------------------------------------


def test_emotion_words_follow_the_personas_gender(tmp_path: Path) -> None:
    require(shutil.which("dot"), "Graphviz (dot) is needed for SVG")
    svg = _file(tmp_path, "map.svg", "render", DISPUTE)
    assert "محبطة" in svg, "reem (female) is frustrated: the feminine form"
    assert "غاضب" in svg, "fahad (male) is angry: the masculine form"
    assert "غاضبة" not in svg
    assert "متوتر جدًا" in svg, "distressed is 'very tense', not مضطرب (which suggests a disorder)"
    assert "مضطرب" not in svg
    assert "فضولي" not in svg


def test_a_persona_without_gender_gets_a_neutral_noun(tmp_path: Path) -> None:
    from journeymap.rendering.labels import emotion_name

    bank = _journey(BANK)
    assert all(p.gender is None for p in bank.personas)
    assert emotion_name(bank, "frustrated", "noura") == "إحباط"
    assert emotion_name(bank, "curious", "noura") == "اهتمام"
    english = _journey(EXAMPLES / "first-purchase.yaml")
    assert emotion_name(english, "frustrated", english.personas[0].id) == "frustrated"


def test_gender_is_validated(tmp_path: Path) -> None:
    text = DISPUTE.read_text(encoding="utf-8").replace("gender: female", "gender: woman")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.code == 1
    assert "error[JM103]" in result.stdout
    assert "'gender'" in result.stdout


# -- terminal messages ---------------------------------------------------------------------------------------------

BROKEN = """version: 1
journey: {title: رحلة, language: ar}
personas: [{id: sara, name: سارة}]
stages:
  - id: s1
    name: الشراء
    touchpoints:
      - id: payment
        name: الدفع
        chanel: web
        next: [order-confirmaton]
        metrics: {waiting_time: 5}
"""


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_validate_lang_ar_prints_arabic_diagnostics_and_hints(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    result = run_cli("validate", "--lang", "ar", path)
    assert result.code == 1
    assert "ينقص نقطة الاتصال 'payment' المفتاح المطلوب 'channel'" in result.stdout
    assert "تلميح: هل تقصد 'channel'؟" in result.stdout
    assert "'5' ليست مدة" in result.stdout
    words = english_words(re.sub(r"error\[JM\d+\]", " ", result.stdout), path, (str(path), "channel", "PT6H"))
    assert words == []


def test_validate_in_english_is_unchanged(tmp_path: Path) -> None:
    result = run_cli("validate", _broken(tmp_path))
    assert "touchpoint 'payment' is missing the required key 'channel'" in result.stdout
    assert "  hint: did you mean 'channel'?" in result.stdout
    assert result.stdout.endswith("1 file, 1 persona, 1 stage, 1 touchpoint: 4 errors in 1 file\n")


@pytest.mark.parametrize(
    ("variables", "arabic"),
    [
        ({"JOURNEYMAP_LANG": "ar"}, True),
        ({"JOURNEYMAP_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ar_SA.UTF-8"}, True),
        ({"JOURNEYMAP_LANG": "", "LC_ALL": "C", "LANG": "ar_SA.UTF-8"}, True),
        ({"JOURNEYMAP_LANG": "", "LC_ALL": "en_GB.UTF-8", "LANG": "ar_SA.UTF-8"}, False),
        ({"JOURNEYMAP_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}, False),
    ],
)
def test_the_terminal_language_comes_from_the_environment(variables: dict[str, str], arabic: bool) -> None:
    from journeymap.translation import terminal_language

    assert terminal_language(None, variables) == ("ar" if arabic else "en")
    assert terminal_language("en", variables) == "en", "--lang wins"


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_the_environment_variable_reaches_the_cli(tmp_path: Path) -> None:
    from tests.conftest import run_process

    result = run_process("validate", _broken(tmp_path), JOURNEYMAP_LANG="ar")
    assert "تلميح" in result.stdout


def test_an_unknown_lang_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--lang", "xx", _broken(tmp_path))
    assert result.code == 2
    assert "no messages in language 'xx'" in result.stderr


def test_rules_lang_ar_explains_the_rule_in_arabic() -> None:
    result = run_cli("rules", "--lang", "ar", "JM330")
    assert result.code == 0
    prose = result.stdout.split("مثال:")[0]  # the example and its fix are YAML
    assert "ما تفعله:" in prose
    assert "لماذا تهم:" in prose
    options = result.stdout.split("الخيارات:")[1]
    syntax = ("min_drop", "ends_below", "next", "error", "warning", "info", "off")  # option names and levels
    assert english_words(prose + options.replace("level", " "), DISPUTE, syntax) == []


def test_the_audit_follows_lang_over_the_journeys_language() -> None:
    arabic = run_cli("audit", BANK, "-f", "text")
    english = run_cli("audit", "--lang", "en", BANK, "-f", "text")
    assert "لا تحقق" in arabic.stdout
    assert "misses" in english.stdout
    assert "لا تحقق" not in english.stdout


# -- right to left --------------------------------------------------------------------------------------------------


def test_markdown_of_a_right_to_left_journey_is_wrapped(tmp_path: Path) -> None:
    page = _file(tmp_path, "page.md", "report", DISPUTE)
    assert page.startswith('<div dir="rtl" lang="ar" markdown="1">\n\n# ')
    assert page.endswith("\n\n</div>\n")
    audit = run_cli("audit", DISPUTE, "-f", "markdown").stdout
    assert audit.startswith('<div dir="rtl" lang="ar" markdown="1">\n\n# ')
    english = _file(tmp_path, "en.md", "report", EXAMPLES / "first-purchase.yaml")
    assert "<div dir" not in english


def test_the_mermaid_export_of_a_right_to_left_journey_warns_in_the_chosen_language() -> None:
    result = run_cli("render", DISPUTE, "-f", "mermaid", "-o", "-", "--lang", "ar")
    assert result.code == 0
    assert ": warning[JM730] هذه الرحلة تُقرأ من اليمين إلى اليسار" in result.stderr
