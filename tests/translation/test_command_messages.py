"""Every command takes ``--lang``: its summaries, refusals and hints on the terminal are in that language, the
same resolution order everywhere (``--lang``, JOURNEYMAP_LANG, the locale), English unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli, run_process

BANK = EXAMPLES / "bank-account-opening-ar.yaml"
FIRST = EXAMPLES / "first-purchase.yaml"
#: Every command of the CLI, with arguments that make it run far enough to read ``--lang``.
COMMANDS = {
    "validate": [str(FIRST)],
    "score": [str(FIRST)],
    "audit": [str(FIRST)],
    "compare": [str(FIRST)],
    "measure": [str(FIRST)],
    "render": [str(FIRST), "-f", "dot", "-o", "-"],
    "report": [str(FIRST), "-o", "-"],
    "schema": [],
    "rules": [],
    "init": ["-"],
    "import": ["nothing.mmd"],
    "export": [str(FIRST), "-f", "mermaid"],
}
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")


def test_every_command_is_listed() -> None:
    from journeymap.cli import app

    assert set(app.COMMANDS) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unknown_lang_is_a_usage_error_in_every_command(command: str) -> None:
    result = run_cli(command, "--lang", "xx", *COMMANDS[command])
    assert result.code == 2, result.output
    assert "journeymap: error: no messages in language 'xx'\n  hint: use one of: en, ar\n" in result.stderr


def test_render_and_report_summaries_in_arabic(tmp_path: Path) -> None:
    drawn = run_cli("render", "--lang", "ar", BANK, "-o", tmp_path / "bank.svg")
    assert drawn.code == 0, drawn.output
    assert drawn.stderr == f"رُسمت ١ من ١ رحلة بصيغة svg في {tmp_path / 'bank.svg'}\n"
    reported = run_cli("report", "--lang", "ar", EXAMPLES, "-o", tmp_path / "site")
    assert reported.code == 0, reported.output
    assert reported.stderr == f"أُعدّ تقرير ٦ من ٦ رحلات بصيغة html في {tmp_path / 'site'}\n"


def test_the_summaries_in_english_are_unchanged(tmp_path: Path) -> None:
    drawn = run_cli("render", BANK, "-o", tmp_path / "bank.svg")
    assert drawn.stderr == f"rendered 1 of 1 journey as svg to {tmp_path / 'bank.svg'}\n"
    reported = run_cli("report", EXAMPLES, "-o", tmp_path / "site")
    assert reported.stderr == f"reported 6 of 6 journeys as html to {tmp_path / 'site'}\n"


def test_skipped_files_are_counted_in_arabic(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("journey: {title: x}\n", encoding="utf-8")
    result = run_cli("score", "--lang", "ar", FIRST, broken)
    assert result.code == 1
    assert "تُخطّي ١ من ملفين (ليست رحلات صالحة)؛ وقُيّم الباقي" in result.stderr
    assert "تلميح:" in result.stderr
    english = run_cli("score", FIRST, broken)
    assert "1 of 2 files skipped (not valid journeys); scored the rest" in english.stderr


@pytest.mark.parametrize(
    ("args", "arabic", "english"),
    [
        (["compare", str(FIRST)], "تأخذ المقارنة ملفَّي رحلة", "compare takes two journey files (before, after)"),
        (["measure", "--since", "2024-13-01", str(FIRST)], "ليس تاريخًا", "--since 2024-13-01 is not a date"),
        (["export", str(FIRST), "-o", "out.txt"], "تعذّر تحديد صيغة out.txt", "cannot tell the format of out.txt"),
        (["import", "journey.txt"], "تعذّر تحديد صيغة journey.txt", "cannot tell the format of journey.txt"),
        (["init", "--industry", "farming", "-"], "قطاع غير معروف 'farming'", "unknown industry 'farming'"),
        (
            ["render", str(FIRST), "--compare", str(FIRST), "--page", "a4"],
            "يرسم --compare الخريطة كاملة في صفحة واحدة",
            "--compare draws the whole map on one page",
        ),
        (["render", str(FIRST), "--page", "a4", "-f", "svg"], "يُخرج --page ملف PDF، لا svg", "--page lays out a PDF"),
        (
            ["report", str(FIRST), str(BANK), "-o", "-"],
            "لا يمكن إرسال عدة صفحات كلها إلى المخرج القياسي",
            "several pages cannot all go to standard output",
        ),
        (["schema", "-o", "examples"], "examples مجلد", "examples is a directory"),
        (
            ["render", str(FIRST), "--view", "flow", "-f", "mermaid"],
            "لا يمكن رسم العرض flow بصيغة mermaid (مخطط رحلة Mermaid فيه أقسام ومهام بلا روابط)",
            "the flow view cannot be drawn as mermaid",
        ),
    ],
    ids=["compare", "measure", "export", "import", "init", "render", "render-page", "report", "schema", "view"],
)
def test_usage_errors_and_their_hints_follow_lang(args: list[str], arabic: str, english: str) -> None:
    said = run_cli(args[0], "--lang", "ar", *args[1:])
    assert said.code == 2, said.output
    message, hint = said.stderr.splitlines()[:2]
    assert message.startswith("journeymap: error")
    assert arabic in message
    assert hint.startswith("  تلميح: ")
    assert _ARABIC_LETTERS.search(hint), hint
    assert english in run_cli(*args).stderr


def test_init_and_export_say_what_they_wrote_in_arabic(tmp_path: Path) -> None:
    target = tmp_path / "start.yaml"
    made = run_cli("init", "--lang", "ar", target)
    assert made.stderr.startswith(f"كُتب {target}: حرّره، ثم شغّل `journeymap validate {target}`")
    again = run_cli("init", "--lang", "ar", target)
    assert again.code == 2
    assert "لا يستبدل journeymap init ملفًا أبدًا" in again.stderr
    assert "  تلميح: اختر مسارًا آخر" in again.stderr
    exported = run_cli("export", "--lang", "ar", FIRST, "-o", tmp_path / "first.csv")
    assert exported.code == 0
    note, wrote = exported.stderr.splitlines()
    assert note.startswith("journeymap: ملاحظة: لا يتضمن الجدول العنوان")
    assert "، تفاصيل الشخصيات" in note
    assert wrote == f"كُتب {tmp_path / 'first.csv'}"


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_the_environment_chooses_the_language_of_every_command(tmp_path: Path) -> None:
    result = run_process("render", BANK, "-o", tmp_path / "bank.svg", JOURNEYMAP_LANG="ar")
    assert result.code == 0, result.output
    assert result.stderr.startswith("رُسمت ١ من ١ رحلة")
    told = run_process("render", "--lang", "en", BANK, "-o", tmp_path / "bank.svg", JOURNEYMAP_LANG="ar")
    assert told.stderr.startswith("rendered 1 of 1 journey"), "--lang wins over the environment"


# -- the report's index page ----------------------------------------------------------------------------------------

BANK_FUTURE = EXAMPLES / "bank-account-opening-ar.future.yaml"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_index_of_arabic_journeys_is_in_arabic(tmp_path: Path, fmt: str) -> None:
    from tests.translation.english_words import english_words, own_strings, visible_text

    result = run_cli("report", BANK, BANK_FUTURE, "-o", tmp_path, "-f", fmt)
    assert result.code == 0, result.output
    index = (tmp_path / ("index.html" if fmt == "html" else "index.md")).read_text(encoding="utf-8")
    assert "محفظة الرحلات" in index
    # in the HTML the pair is isolated left to right (<bdi dir="ltr">); Markdown cannot isolate it, so its
    # arrow points the way right-to-left text reads (shown.arrow)
    arrow = "→" if fmt == "html" else "←"
    assert f"٤٣٫٣ {arrow} ٢٤٫٠" in index, "values in the journeys' digits"
    without_paths = index.replace(str(BANK_FUTURE), " ").replace(str(BANK), " ")  # a checkout's path may hold digits
    shown = re.sub(
        r"JM\d{3}|\]\([^)]*\)", " ", visible_text(re.sub(r"<style>.*?</style>", " ", without_paths, flags=re.S))
    )
    assert re.findall(r"[0-9]+", shown) == [], "every count in Arabic-Indic digits"
    text = index.replace(str(BANK_FUTURE), " ")
    own = (*own_strings(BANK_FUTURE), "bank-account-opening", "bank-account-opening-future")
    assert english_words(text, BANK, own) == []
    if fmt == "html":
        assert '<html lang="ar" dir="rtl">' in index
    else:
        assert index.startswith('<div dir="rtl" lang="ar" markdown="1">\n\n# محفظة الرحلات')
        assert "، الحالي: [" in index


def test_an_index_of_journeys_in_several_languages_stays_english(tmp_path: Path) -> None:
    result = run_cli("report", BANK, FIRST, "-o", tmp_path, "-f", "markdown")
    assert result.code == 0, result.output
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Journey portfolio\n")
    assert "محفظة" not in index


# -- model and YAML problems in validate --lang ar ------------------------------------------------------------------

MODEL_ERRORS = """\
version: 1
journey: {title: رحلة, language: ar}
personas: [{id: p, name: نورة}]
stages:
  - id: s
    name: مرحلة
    touchpoints:
      - id: t
        name: نقطة
        channel: web
        emotion: {p: 9}
        metrics:
          nps: 300
          csat: 140%
          ces: {value: 3, scale: 7-1}
          custom:
            x: {value: 3, unit: parsecs}
            y: {value: 3, better: up}
            z: {value: 3, label: [a]}
      - id: u
        name: أخرى
        channel: web
        emotion: {p: سعيدxyz}
      - id: v
        name: ثالثة
        channel: web
        emotion: {p: true}
"""


def test_model_errors_are_translated(tmp_path: Path) -> None:
    from tests.translation.english_words import english_words

    path = tmp_path / "model.yaml"
    path.write_text(MODEL_ERRORS, encoding="utf-8")
    arabic = run_cli("validate", "--lang", "ar", path)
    assert arabic.code == 1
    assert "الشعور 9 خارج المقياس من ١ إلى ٥ (١ = غاضب، ٥ = مسرور)" in arabic.stdout, "the scale in the reader's digits"
    assert "300 خارج النطاق: يتراوح NPS من \u061c-١٠٠ إلى \u061c+١٠٠" in arabic.stdout, "signs first (ALM)"
    assert "140% خارج النطاق: النسبة المئوية بين ٠٪ و١٠٠٪" in arabic.stdout
    assert "الوحدة 'parsecs' ليست من: percent, duration, count, money, number" in arabic.stdout
    assert "قيمة label نص، لا 'قائمة'" in arabic.stdout
    assert "يجب أن يكون الحد الأدنى للمقياس أقل من حده الأعلى" in arabic.stdout
    assert "الشعور درجة من ١ إلى ٥ أو اسم، لا true/false" in arabic.stdout
    assert "'سعيدxyz' ليست شعورًا معروفًا" in arabic.stdout
    syntax = ("error", "JM", "higher", "lower", "better", "label", "unit", "parsecs", "percent", "duration", "count",
              "money", "number", "up", "true", "false", "min", "max", "NPS", "xyz", "delighted", "happy", "neutral",
              "frustrated", "angry", "scale")  # fmt: skip
    assert english_words(arabic.stdout, path, syntax) == []
    english = run_cli("validate", path).stdout
    assert "emotion 9 is outside the 1-5 scale (1 = angry, 5 = delighted)" in english
    assert "300 is out of range: NPS runs from -100 to +100" in english
    assert "140% is out of range: a percentage is between 0% and 100%" in english
    assert "a scale's low end must be below its high end" in english


@pytest.mark.parametrize(
    ("text", "arabic", "english"),
    [
        ("version: 1\na: &x 1\nb: *y\n", "الاسم المستعار *y غير معرّف", "alias *y is not defined"),
        (
            "version: 1\nversion: 1\n",
            "المفتاح 'version' مكرر (أول ظهور في السطر ١)",
            "duplicate key 'version' (first at",
        ),
        ("version: !!python/name:os.system 1\n", "وسم YAML '!!python/name:os.system' غير مدعوم", "is not supported"),
        ("a: 1\n---\nb: 2\n", "يحتوي الملف على أكثر من مستند YAML", "more than one YAML document"),
        ("", "الملف فارغ", "the file is empty"),
    ],
    ids=["alias", "duplicate", "tag", "documents", "empty"],
)
def test_yaml_problems_are_translated(tmp_path: Path, text: str, arabic: str, english: str) -> None:
    path = tmp_path / "problem.yaml"
    path.write_text(text, encoding="utf-8")
    assert arabic in run_cli("validate", "--lang", "ar", path).stdout
    assert english in run_cli("validate", path).stdout


# -- the compact view's and the paged PDF's words and digits --------------------------------------------------------


def test_compact_and_page_words_come_from_the_catalog() -> None:
    import journeymap
    from journeymap.rendering.compact import COMPACT_WORDS, compact_words
    from journeymap.rendering.pages import PAGE_WORDS, page_words

    bank = journeymap.validate(journeymap.load(str(BANK))).journey
    first = journeymap.validate(journeymap.load(str(FIRST))).journey
    assert bank is not None
    assert first is not None
    assert compact_words(first) == {**COMPACT_WORDS}
    assert page_words(first) == {**PAGE_WORDS}
    arabic = {**compact_words(bank), **page_words(bank)}
    assert arabic["headlines"] == "الأولوية للإصلاح"
    assert arabic["none"] == "لا شيء"
    assert arabic["pages"] == "الصفحات"
    assert all(_ARABIC_LETTERS.search(word) for word in arabic.values()), arabic


def test_the_compact_view_and_the_title_page_write_every_number_in_the_journeys_digits() -> None:
    compact = run_cli("render", BANK, "--view", "compact", "-f", "dot", "-o", "-").stdout
    assert re.search(r"الاحتكاك [\u0660-\u0669]+<", compact)
    assert re.search(r"[\u0660-\u0669]+ محقق، [\u0660-\u0669]+ غير محقق", compact)
    assert not re.search(r"الاحتكاك [0-9]|[0-9]+ محقق|\([0-9]", compact)
    import journeymap
    from journeymap.rendering.map_view import MapOptions
    from journeymap.rendering.pages import title_page
    from journeymap.rendering.theme import LIGHT
    from journeymap.scoring import score

    bank = journeymap.validate(journeymap.load(str(BANK))).journey
    assert bank is not None
    friction = {s.id: s.score for s in score(bank).stages}
    title = title_page(bank, MapOptions(LIGHT, stage_friction=friction), {s.id: [2] for s in bank.stages})
    labels = " ".join(box.label for box in title.boxes)
    assert re.search(r"الاحتكاك +[\u0660-\u0669]+", labels), labels
    assert not re.search(r"الاحتكاك [0-9]|[0-9]+ *نقاط اتصال", labels)


# -- measured evidence inside messages ------------------------------------------------------------------------------


def test_measured_evidence_in_findings_is_translated(tmp_path: Path) -> None:
    from journeymap.measuring import measure, write_snapshot
    from tests.measuring.evidence_data import support_workspace

    journey = support_workspace(tmp_path, measured=False)
    text = journey.read_text(encoding="utf-8").replace("  title: Support\n", "  title: Support\n  language: ar\n")
    journey.write_text(text, encoding="utf-8")
    write_snapshot(measure(str(tmp_path / "data" / "support.measures.yaml")))
    done = run_cli("audit", journey, "--select", "JM320,JM327", "-f", "text")
    assert "(ن=١٠٠، ٩٥٪ من ٢١٫٩٪ إلى ٣٩٫٦٪)" in done.stdout, done.stdout
    assert "(ن=٤٠، ٩٥٪ من ٦٥٫٢٪ إلى ٨٩٫٥٪)" in done.stdout
    assert "n=" not in done.stdout
    english = run_cli("audit", "--lang", "en", journey, "--select", "JM320,JM327", "-f", "text")
    assert "30% (n=100, 95% 21.9% to 39.6%) vs 85%" in english.stdout


def test_a_citation_is_translated_part_by_part(tmp_path: Path) -> None:
    import journeymap
    from journeymap.model.evidence import cited
    from journeymap.translation import translate, translator
    from tests.measuring.evidence_data import support_workspace

    path = support_workspace(tmp_path)
    result = journeymap.run([str(path)]).results[0]
    chat = next(tp for _, tp in result.require_journey().touchpoints() if tp.id == "chat")
    csat = chat.metrics.csat
    assert csat is not None
    said = cited(csat)
    assert said == (
        "30% [measured from surveys, n=100, 95% 21.9% to 39.6%, 2024-02-10 to 2024-05-10, "
        "replaces 70% typed in the journey]"
    )
    assert translate(said, translator("ar")) == (
        "٣٠٪ [محسوبة من surveys، ن=١٠٠، ٩٥٪ من ٢١٫٩٪ إلى ٣٩٫٦٪، من ٢٠٢٤-٠٢-١٠ إلى ٢٠٢٤-٠٥-١٠، "
        "تحل محل ٧٠٪ المكتوبة في الرحلة]"
    )
