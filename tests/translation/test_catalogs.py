"""The message catalogs are complete, compiled and current (``scripts/catalogs check``), and the check sees it
when they are not."""

from __future__ import annotations

import importlib.util
import shutil
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

import pytest

from journeymap.translation import Msg, translate, translator
from tests.conftest import ROOT

pytest.importorskip("babel", reason="Babel (the dev dependencies) extracts and checks the catalogs")


def _catalogs() -> ModuleType:
    """``scripts/catalogs`` (a script without ``.py``) as a fresh module."""
    loader = SourceFileLoader("catalogs", str(ROOT / "scripts" / "catalogs"))
    spec = importlib.util.spec_from_loader("catalogs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_catalogs_are_complete_compiled_and_current() -> None:
    assert _catalogs().problems() == []


@pytest.fixture(scope="module")
def fresh_templates() -> tuple[object, object]:
    """The templates extracted from the package, once for the tests below.

    Why: extracting reads every source file (most of a check's time); the mistakes below are made in a copy of the
    catalogs, never in the code, so the templates are the same for all of them.
    """
    module = _catalogs()
    return module.template(), module.rules_template()


@pytest.fixture
def copy(tmp_path: Path, fresh_templates: tuple[object, object]) -> tuple[ModuleType, Path]:
    """The catalogs script pointed at a copy of the locale directory, with the templates already extracted."""
    module = _catalogs()
    module.template = lambda: fresh_templates[0]
    module.rules_template = lambda: fresh_templates[1]
    locale = tmp_path / "locale"
    shutil.copytree(module.LOCALE, locale)
    module.LOCALE = locale
    module.TEMPLATE = locale / "journeymap.pot"
    module.RULES_TEMPLATE = locale / "journeymap-rules.pot"
    return module, locale / "ar" / "LC_MESSAGES" / "journeymap.po"


def _edit(po: Path, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_untranslated_message_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    module, po = copy
    _edit(po, 'msgstr "تلميح"', 'msgstr ""')
    module.compile_all()
    assert any("untranslated 'hint'" in p for p in module.problems())


def test_an_untranslated_rule_paragraph_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    """The rules' documentation is as complete as the messages: an English paragraph in Arabic is a gap."""
    module, po = copy
    _edit(po.with_name("journeymap-rules.po"), 'msgstr "قنوات تتخطاها هذه القاعدة"', 'msgstr ""')
    module.compile_all()
    assert any("journeymap-rules.po: untranslated 'channels this rule skips'" in p for p in module.problems())


def test_a_fuzzy_message_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    module, po = copy
    _edit(po, 'msgid "hint"', '#, fuzzy\nmsgid "hint"')
    module.compile_all()
    assert any("fuzzy 'hint'" in p for p in module.problems())


def test_a_wrong_placeholder_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    module, po = copy
    _edit(po, "المرحلة '%(stage)s' بلا نقاط اتصال", "المرحلة '%(stgae)s' بلا نقاط اتصال")
    module.compile_all()
    assert any("has no touchpoints" in p for p in module.problems())


def test_a_stale_mo_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    module, po = copy
    _edit(po, 'msgstr "تلميح"', 'msgstr "ملاحظة"')
    assert any("is not the compiled journeymap.po" in p for p in module.problems())


def test_a_stale_template_fails_the_check(copy: tuple[ModuleType, Path]) -> None:
    module, _ = copy
    _edit(module.TEMPLATE, 'msgid "hint"\nmsgstr ""\n', "")
    assert any("is out of date" in p for p in module.problems())


def test_english_is_the_message_itself_and_arabic_comes_from_the_catalog() -> None:
    message = Msg("stage '%(stage)s' has no touchpoints", stage="visit")
    assert message == "stage 'visit' has no touchpoints"
    assert translate(message, translator("en")) is message
    assert translate(message, translator("ar")) == "المرحلة 'visit' بلا نقاط اتصال"
    assert translate("the user's own text", translator("ar")) == "the user's own text"


@pytest.mark.parametrize("domain", ["journeymap", "journeymap-rules"])
def test_arabic_catalogs_carry_arabic_plural_forms(domain: str) -> None:
    """Without its header a catalog falls back to English plurals (one, many): ١١ would read as a plural of 3."""
    import gettext

    with (ROOT / "journeymap" / "translation" / "locale" / "ar" / "LC_MESSAGES" / f"{domain}.mo").open("rb") as mo:
        arabic = gettext.GNUTranslations(mo)
    assert [arabic.plural(n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]
