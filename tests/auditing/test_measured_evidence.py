"""End to end: the metric rules JM313, JM322 and JM335 cite a measured value's n and 95% interval.

A journey with survey exports of known answers (CSAT on 1-5, satisfied = 4-5, no targets), measured
with ``journeymap measure``, then audited in English and Arabic:

=========  =====================  ====================  ==============================================
touchpoint answers (satisfied/n)  95% Wilson interval   what the audit says
=========  =====================  ====================  ==============================================
chat       30/100                 21.9% to 39.6%        JM322: below 75% (shown); JM335: emotion 4 contradicted
phone      7/10                   39.7% to 89.2%        JM322 at info: below 75%, but the interval reaches it
app        95/100                 88.8% to 97.8%        JM313: a key metric without a target
=========  =====================  ====================  ==============================================
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

JOURNEY = """\
version: 1
journey:
  title: Support
personas:
  - {id: ana, name: Ana}
stages:
  - id: service
    name: Service
    touchpoints:
      - {id: chat, name: Live chat, channel: live_chat, owner: Care, emotion: 4}
      - {id: phone, name: Phone, channel: phone, owner: Care}
      - {id: app, name: App, channel: mobile_app, owner: Digital, metrics: {csat: 95%}}
"""

DEFINITIONS = """\
version: 1
journey: ../support.yaml
sources:
  surveys: {files: surveys.csv, date: answered_at, touchpoint: touchpoint}
measures:
  chat:
    csat: {source: surveys, answers: csat, scale: 1-5}
  phone:
    csat: {source: surveys, answers: csat, scale: 1-5}
  app:
    csat: {source: surveys, answers: csat, scale: 1-5}
"""

RULES = ("--select", "JM313,JM322,JM335")


def _answers(touchpoint: str, satisfied: int, n: int) -> list[str]:
    return [f"{touchpoint},2024-03-01,{5 if i < satisfied else 2}" for i in range(n)]


def _journey(folder: Path, measured: bool = True) -> Path:
    """The journey, its definitions and export; measured through the CLI unless told not to."""
    journey = folder / "support.yaml"
    journey.write_text(JOURNEY, encoding="utf-8")
    data = folder / "data"
    data.mkdir()
    rows = ["touchpoint,answered_at,csat", *_answers("chat", 30, 100), *_answers("phone", 7, 10)]
    (data / "surveys.csv").write_text("\n".join([*rows, *_answers("app", 95, 100)]) + "\n", encoding="utf-8")
    (data / "support.measures.yaml").write_text(textwrap.dedent(DEFINITIONS), encoding="utf-8")
    if measured:
        done = run_cli("measure", data / "support.measures.yaml")
        assert done.code == 0, done.output
        assert (folder / "support.measured.json").exists()
    return journey


def _findings(*args: str | Path) -> list[dict[str, Any]]:
    done = run_cli("audit", *args, *RULES, "-f", "json", "--fail-on", "never")
    assert done.code == 0, done.output
    found: list[dict[str, Any]] = json.loads(done.stdout)["files"][0]["findings"]
    return found


def test_metric_findings_cite_n_and_interval(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    found = sorted((f["code"], f["severity"], f["touchpoint"], f["message"], f["hint"]) for f in _findings(journey))
    assert found == [
        (
            "JM313",
            "info",
            "app",
            "csat 95% (n=100, 95% 88.8% to 97.8%) at 'app' has no target",
            "add `targets: {csat: ...}` so the team knows what good looks like",
        ),
        (
            "JM322",
            "info",
            "phone",
            "CSAT 70% (n=10, 95% 39.7% to 89.2%) at 'phone' is below 75%, but its interval reaches 75%: "
            "not shown to be low with this sample",
            "collect more answers (or a longer window) before acting on it",
        ),
        (
            "JM322",
            "warning",
            "chat",
            "CSAT 30% (n=100, 95% 21.9% to 39.6%) at 'chat' is below 75%",
            "read the low-score comments, fix the top reason, and set a CSAT target",
        ),
        (
            "JM335",
            "warning",
            "chat",
            "the emotion at 'chat' is positive (ana: 4) but CSAT 30% (n=100, 95% 21.9% to 39.6%) is below 50%",
            "check the emotion against the surveys or tickets behind these metrics; fix whichever is wrong",
        ),
    ]


def test_a_low_value_the_sample_cannot_show_does_not_fail_a_build(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    assert run_cli("audit", journey, "--select", "JM322", "--fail-on", "warning").code == 1  # chat: shown
    (tmp_path / "support.yaml").write_text(
        JOURNEY.replace("owner: Care, emotion: 4", "owner: Care, emotion: 4, targets: {csat: 40%}"), encoding="utf-8"
    )
    only_phone = run_cli("audit", journey, "--select", "JM322", "--fail-on", "warning")
    assert only_phone.code == 0, only_phone.output
    assert "info[JM322]" in only_phone.output
    assert "'phone'" in only_phone.output


def test_in_arabic_the_evidence_is_in_arabic_words_and_digits(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    messages = {(f["code"], f["touchpoint"]): f["message"] for f in _findings(journey, "--lang", "ar")}
    assert messages[("JM313", "app")] == "رضا العملاء ٩٥٪ (ن=١٠٠، ٩٥٪ من ٨٨٫٨٪ إلى ٩٧٫٨٪) في 'app' بلا هدف"
    assert "(ن=١٠، ٩٥٪ من ٣٩٫٧٪ إلى ٨٩٫٢٪)" in messages[("JM322", "phone")]
    assert "لم يثبت انخفاضه بهذه العينة" in messages[("JM322", "phone")]
    assert "(ن=١٠٠، ٩٥٪ من ٢١٫٩٪ إلى ٣٩٫٦٪)" in messages[("JM322", "chat")]
    assert "(ن=١٠٠، ٩٥٪ من ٢١٫٩٪ إلى ٣٩٫٦٪)" in messages[("JM335", "chat")]
    assert not any(c.isascii() and c.isdigit() for m in messages.values() for c in m.replace("'app'", ""))


def test_typed_values_are_cited_as_written(tmp_path: Path) -> None:
    journey = _journey(tmp_path, measured=False)
    found = {(f["code"], f["touchpoint"]): f["message"] for f in _findings(journey)}
    assert found == {("JM313", "app"): "csat 95% at 'app' has no target"}


def test_a_stricter_level_does_not_raise_a_finding_the_sample_cannot_show(tmp_path: Path) -> None:
    journey = _journey(tmp_path)
    journey.write_text(JOURNEY + "audit:\n  rules:\n    JM322: {level: error}\n", encoding="utf-8")
    levels = {f["touchpoint"]: f["severity"] for f in _findings(journey) if f["code"] == "JM322"}
    assert levels == {"chat": "error", "phone": "info"}
