"""Shares that add up to more than the whole are said in the reader's language, with its digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

JOURNEY = """\
version: 1
journey: {title: فتح حساب, language: ar}
personas:
  - {id: a, name: خالد, share: 70%}
  - {id: b, name: نورة, share: 50%}
stages:
  - name: الوعي
    touchpoints:
      - id: ad
        name: إعلان
        channel: web
        next: [{to: site, share: 80%}, {to: branch, share: 40%}]
      - {id: site, name: الموقع, channel: web}
      - {id: branch, name: الفرع, channel: branch}
"""


@pytest.mark.parametrize(
    ("lang", "shares", "paths"),
    [
        (
            "ar",
            "JM206] مجموع حصص الشخصيات ١٢٠٪، أي أكثر من ١٠٠٪",
            "JM210] المسارات الخارجة من نقطة الاتصال 'ad' تأخذ ١٢٠٪",
        ),
        (
            "en",
            "JM206] persona shares add up to 120%, more than 100%",
            "JM210] the paths out of touchpoint 'ad' take 120%",
        ),
    ],
)
def test_shares_over_the_whole_are_said_in_the_readers_language(
    tmp_path: Path, lang: str, shares: str, paths: str
) -> None:
    journey = tmp_path / "shares.yaml"
    journey.write_text(JOURNEY, encoding="utf-8")
    result = run_cli("validate", journey, "--lang", lang)
    assert result.code == 1
    assert shares in result.stdout
    assert paths in result.stdout
