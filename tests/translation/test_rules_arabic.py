"""The audit rules explained in Arabic: ``journeymap rules --lang ar CODE`` holds no English prose for any rule,
only code (option names, their defaults, backticked YAML), ids and links; the catalogue list neither.

Why every rule: the catalog check sees a paragraph without a translation; this sees what it cannot, a
translation that left English words in, or English prose that does not go through the rules catalog.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from journeymap.auditing.docs import SECTION_TITLES, options_rows, rule_text
from journeymap.auditing.registry import RULES
from journeymap.auditing.rule import Rule
from journeymap.translation import N_, translator
from tests.conftest import run_cli
from tests.translation.english_words import english_words

#: The words of the ``level`` line: the option and its values are what a user writes in the configuration.
LEVEL = ("level", "error", "warning", "info", "off")


@pytest.fixture(scope="module")
def no_journey(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty journey: a rule's explanation is about no journey, so no text of its own is allowed."""
    path = tmp_path_factory.mktemp("rules") / "empty.yaml"
    path.write_text("{}\n", encoding="utf-8")
    return path


def without_examples(text: str, language: str = "ar") -> str:
    """The explanation without its Example and Use instead sections: those are YAML, code in any language."""
    t = translator(language)
    example, options = f"{t(SECTION_TITLES['Example'])}:", f"{t(N_('Options'))}:"
    lines = text.splitlines()
    start, end = lines.index(example), lines.index(options)
    return "\n".join(lines[:start] + lines[end:])


def option_words(rule: Rule) -> tuple[str, ...]:
    """Option names and their defaults, as a user writes them in the configuration; longest first, so that
    ``max`` does not cut ``checkout_max`` in two."""
    words = {word for name, default, _ in options_rows(rule) for word in (name, default)}
    return tuple(sorted(words, key=len, reverse=True))


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_every_rule_is_explained_in_arabic(rule: Rule, no_journey: Path) -> None:
    result = run_cli("rules", "--lang", "ar", rule.code)
    assert result.code == 0, result.output
    assert english_words(without_examples(result.stdout), no_journey, (*option_words(rule), *LEVEL)) == []


def test_the_rule_list_is_in_arabic(no_journey: Path) -> None:
    result = run_cli("rules", "--lang", "ar")
    assert result.code == 0, result.output
    assert english_words(result.stdout, no_journey, ("journeymap rules CODE_OR_NAME",)) == []


def test_a_rule_without_its_translation_is_found(no_journey: Path) -> None:
    """The check can fail: Arabic titles with the rules catalog missing leave the English paragraphs."""
    rule = next(rule for rule in RULES if rule.code == "JM352")
    untranslated = replace(translator("ar"), docs=None)
    text = rule_text(rule, untranslated)
    words = english_words(without_examples(text), no_journey, (*option_words(rule), *LEVEL))
    assert {"touchpoints", "customers"} <= set(words)
