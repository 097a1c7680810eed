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
    from journeymap.cli.app import app

    assert {c.name for c in app.registered_commands} == set(COMMANDS)


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
    assert "تُخطّي ١ من ٢ ملفات (ليست رحلات صالحة)؛ وقُيّم الباقي" in result.stderr
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
    ],
    ids=["compare", "measure", "export", "import", "init", "render"],
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
    assert "٤٣٫٣ → ٢٤٫٠" in index, "values in the journeys' digits"
    shown = re.sub(r"JM\d{3}|\]\([^)]*\)", " ", visible_text(re.sub(r"<style>.*?</style>", " ", index, flags=re.S)))
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
