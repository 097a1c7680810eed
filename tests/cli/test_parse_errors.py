"""Command-line parsing mistakes (an unknown option, a value outside its choices, a missing path) in the
terminal's language; in English exactly as click prints them."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, run_cli, run_process

BANK = str(EXAMPLES / "bank-account-opening-ar.yaml")


@pytest.mark.parametrize(
    ("args", "arabic"),
    [
        (
            ["render", BANK, "--view", "bogus"],
            "قيمة غير صالحة للخيار '--view': 'bogus' ليست من 'map'، 'flow'، 'compact'",
        ),
        (["render", BANK, "--bogus"], "لا يوجد خيار --bogus"),
        (["measure", "--threads", "0", BANK], "قيمة غير صالحة للخيار '--threads': يجب ألا تقل القيمة عن ١"),
        (["measure", "--threads", "300", BANK], "قيمة غير صالحة للخيار '--threads': يجب ألا تزيد القيمة على ٢٥٦"),
        (["score", "--top", "0", BANK], "قيمة غير صالحة للخيار '--top' / '-n': يجب ألا تقل القيمة عن ١"),
        (["score", "--top", "x", BANK], "قيمة غير صالحة للخيار '--top' / '-n': 'x' ليس عددًا صحيحًا"),
        (["render"], "ينقص الوسيط 'PATH...'"),
        (["validate", "--formt", "json", BANK], "لا يوجد خيار --formt (هل تقصد --format؟)"),
        (["score", BANK, "-n"], "الخيار -n يحتاج إلى قيمة"),
        (["schema", "extra"], "وسيط غير متوقع: extra"),
    ],
    ids=[
        "choice",
        "unknown-option",
        "range",
        "range-above",
        "range-top",
        "integer",
        "missing",
        "did-you-mean",
        "no-value",
        "extra-argument",
    ],
)
def test_parsing_mistakes_follow_lang(args: list[str], arabic: str) -> None:
    said = run_cli(args[0], "--lang", "ar", *args[1:])
    assert said.code == 2, said.output
    message, hint = said.stderr.splitlines()
    assert message.startswith("journeymap: error: ")
    assert arabic in message
    assert hint == f"  تلميح: شغّل `journeymap {args[0]} -h` للمساعدة"


def test_english_parsing_mistakes_are_clicks() -> None:
    said = run_cli("render", BANK, "--view", "bogus")
    assert said.code == 2
    assert said.stderr == (
        "Usage: journeymap render [OPTIONS] PATH...\n"
        "Try 'journeymap render --help' for help.\n\n"
        "Error: Invalid value for '--view': 'bogus' is not one of 'map', 'flow', 'compact'.\n"
    )


@pytest.mark.slow  # a real process: ./scripts/test runs the slow group
def test_the_environment_translates_parsing_mistakes_and_help_still_works() -> None:
    said = run_process("render", BANK, "--view", "bogus", JOURNEYMAP_LANG="ar")
    assert said.code == 2
    assert "قيمة غير صالحة للخيار '--view'" in said.stderr
    helped = run_process("render", "-h", JOURNEYMAP_LANG="ar")
    assert helped.code == 0
    assert "Usage: journeymap render" in helped.stdout


def test_an_unknown_lang_is_still_refused_by_the_command() -> None:
    said = run_cli("render", "--lang", "xx", BANK, "--view", "bogus")
    assert said.code == 2
    assert "Invalid value for '--view'" in said.stderr, "click's own check runs first, in English"


def test_a_misspelt_command_in_arabic_names_the_likely_one() -> None:
    said = run_cli("valdate", BANK, "--lang", "ar")
    assert said.code == 2
    assert said.stderr.splitlines()[0] == "journeymap: error: لا يوجد أمر valdate (هل تقصد validate؟)"


def test_an_option_without_its_value_shows_the_commands_usage() -> None:
    said = run_cli("score", BANK, "-n")
    assert said.code == 2
    assert said.stderr.splitlines()[:2] == [
        "Usage: journeymap score [OPTIONS] PATH...",
        "Try 'journeymap score --help' for help.",
    ]
    assert "Error: Option '-n' requires an argument." in said.stderr
