"""A count inside a message takes its language's plural form: Arabic has six (0, 1, 2, 3-10, 11-99, 100+),
so "١٨٤ إجابة" but "٣ إجابات"; English keeps the words measure and audit have always printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeymap.measuring import counts
from journeymap.translation import Msg, Plural, translate, translator
from tests.conftest import EXAMPLES, run_cli

ARABIC = translator("ar")
ENGLISH = translator("en")

#: count -> the Arabic form of each counted noun (one, two, three to ten, eleven to 99, a hundred and more); nouns
#: that mostly follow a preposition ("من مقياسين", "من أصل صفّين") take the dual's oblique form.
FORMS = {
    counts.rows: {1: "١ صف", 2: "صفّين", 3: "٣ صفوف", 11: "١١ صفًّا", 100: "١٠٠ صف", 1234: "١٬٢٣٤ صفًّا"},
    counts.answers: {1: "١ إجابة", 2: "إجابتين", 3: "٣ إجابات", 11: "١١ إجابة", 100: "١٠٠ إجابة", 184: "١٨٤ إجابة"},
    counts.values: {1: "١ قيمة", 2: "قيمتان", 3: "٣ قيم", 11: "١١ قيمة", 100: "١٠٠ قيمة"},
    counts.durations: {1: "١ مدة", 2: "مدتان", 3: "٣ مُدد", 11: "١١ مدة", 100: "١٠٠ مدة"},
    counts.measures: {1: "١ مقياس", 2: "مقياسين", 3: "٣ مقاييس", 11: "١١ مقياسًا", 100: "١٠٠ مقياس"},
}


@pytest.mark.parametrize("noun", list(FORMS), ids=lambda f: f.__name__)
def test_each_counted_noun_agrees_with_its_count_in_arabic(noun: object) -> None:
    for number, arabic in FORMS[noun].items():  # type: ignore[index]
        message = noun(number)  # type: ignore[operator]
        assert translate(message, ARABIC) == arabic
        english = message.plural.split()[-1] if number != 1 else message.msgid.split()[-1]
        assert translate(message, ENGLISH) == message == f"{number:,} {english}"


@pytest.mark.parametrize(
    ("number", "arabic"),
    [(1, "١ خطأ"), (2, "خطآن"), (3, "٣ أخطاء"), (11, "١١ خطأً"), (100, "١٠٠ خطأ"), (103, "١٠٣ أخطاء")],
)
def test_the_catalogs_plural_rule_is_arabics(number: int, arabic: str) -> None:
    """103 ends in 3: the 3-10 form, as CLDR has it (n % 100)."""
    said = Plural("%(count)s error", "%(count)s errors", number)
    assert translate(said, ARABIC) == arabic
    assert said == f"{number} error" + ("" if number == 1 else "s")


def test_a_sentence_holds_two_counts_each_in_its_form() -> None:
    said = Msg("%(done)s of %(total)s computed from %(rows)s", done=2, total=counts.measures(2), rows=counts.rows(184))
    assert said == "2 of 2 measures computed from 184 rows"
    assert translate(said, ARABIC) == "حُسب ٢ من مقياسين من واقع ١٨٤ صفًّا"


def test_measures_summary_and_small_samples_agree_in_arabic(tmp_path: Path) -> None:
    """The measure command end to end: its summary counts measures and rows, a small sample counts answers."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "telecom-support.yaml", tmp_path)
    for export in (EXAMPLES / "data").glob("*.csv"):
        shutil.copy(export, data)
    spec = (EXAMPLES / "data" / "telecom-support.measures.yaml").read_text(encoding="utf-8")
    spec = spec.replace("period: quarter", "period: quarter\nmin_sample: 200")
    (data / "telecom-support.measures.yaml").write_text(spec, encoding="utf-8")
    said = run_cli("measure", "--lang", "ar", data / "telecom-support.measures.yaml")
    assert said.code == 0, said.output
    assert "حُسب ٩ من ٩ مقاييس من واقع ٥٬٠٠٠ صف؛" in said.stderr
    assert "يستند technician-visit.resolution_time إلى ٢١٦ إجابة" not in said.stderr  # above the minimum
    assert "إلى ١٨٥ إجابة، أقل من ٢٠٠" in said.stderr
    english = run_cli("measure", data / "telecom-support.measures.yaml")
    assert "9 of 9 measures computed from 5,000 rows;" in english.stderr
    assert "rests on 185 answers, fewer than 200" in english.stderr


def test_audit_counts_missed_targets_and_rules_list_in_arabic() -> None:
    from journeymap.auditing.registry import RULES

    footer = "%(count)s rules. Explain one: journeymap rules CODE_OR_NAME"
    forms = {n: translate(Plural(footer, footer, n), ARABIC) for n in (2, 3, 33, 103)}
    assert forms == {
        2: "قاعدتان. لشرح إحداهما: journeymap rules CODE_OR_NAME",
        3: "٣ قواعد. لشرح إحداها: journeymap rules CODE_OR_NAME",
        33: "٣٣ قاعدة. لشرح إحداها: journeymap rules CODE_OR_NAME",
        103: "١٠٣ قواعد. لشرح إحداها: journeymap rules CODE_OR_NAME",
    }
    listing = run_cli("rules", "--lang", "ar").stdout
    assert listing.endswith("\n\n" + translate(Plural(footer, footer, len(RULES)), ARABIC) + "\n")
    missed = Plural("%(count)s targets", "%(count)s targets", 2)
    assert translate(
        Msg("'%(touchpoint)s' misses %(count)s: %(items)s", touchpoint="x", count=missed, items="y"), ARABIC
    ) == ("'x' لا تحقق هدفين: y")
