"""A small journey with survey exports of known answers: one target missed, one inconclusive, one met.

CSAT on 1-5, satisfied = 4-5, target 85% everywhere:

=========  ===========================  ======================  ==============
touchpoint answers (satisfied / n)      95% Wilson interval     against 85%
=========  ===========================  ======================  ==============
chat       Q1 10/50, Q2 20/50: 30/100   21.9% to 39.6%          missed
phone      32/40                        65.2% to 89.5%          inconclusive
app        190/200                      91.0% to 97.3%          met
email      8/10 (no target)             49.0% to 94.3%          small sample
=========  ===========================  ======================  ==============

chat's quarters: 20% (11.2% to 33%) then 40% (27.6% to 53.8%): +20 points,
more than the 17 points their uncertainty allows, so the trend is flagged ▲.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from journeymap.measuring import measure, write_snapshot

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
      - id: chat
        name: Live chat
        channel: live_chat
        owner: Care
        metrics: {csat: 70%}
        targets: {csat: 85%}
      - id: phone
        name: Phone
        channel: phone
        owner: Care
        targets: {csat: 85%}
      - id: app
        name: App
        channel: mobile_app
        owner: Digital
        targets: {csat: 85%}
      - id: email
        name: Email
        channel: email
        owner: Care
"""

DEFINITIONS = """\
version: 1
journey: ../support.yaml
period: quarter
sources:
  surveys: {files: surveys.csv, date: answered_at, touchpoint: touchpoint}
measures:
  chat:
    csat: {source: surveys, answers: csat, scale: 1-5}
  phone:
    csat: {source: surveys, answers: csat, scale: 1-5}
  app:
    csat: {source: surveys, answers: csat, scale: 1-5}
  email:
    csat: {source: surveys, answers: csat, scale: 1-5}
"""


def _rows(touchpoint: str, day: str, satisfied: int, n: int) -> list[str]:
    return [f"{touchpoint},{day},{5 if i < satisfied else 2}" for i in range(n)]


def surveys() -> str:
    rows = ["touchpoint,answered_at,csat"]
    rows += _rows("chat", "2024-02-10", 10, 50) + _rows("chat", "2024-05-10", 20, 50)
    rows += _rows("phone", "2024-03-01", 32, 40)
    rows += _rows("app", "2024-01-15", 95, 100) + _rows("app", "2024-06-15", 95, 100)
    rows += _rows("email", "2024-04-01", 8, 10)
    return "\n".join(rows) + "\n"


def support_workspace(folder: Path, measured: bool = True) -> Path:
    """``support.yaml`` in ``folder``, its definitions and export in ``data/``; measured unless told not to.

    Returns the journey's path (its snapshot is ``support.measured.json`` beside it).
    """
    journey = folder / "support.yaml"
    journey.write_text(JOURNEY, encoding="utf-8")
    data = folder / "data"
    data.mkdir(exist_ok=True)
    (data / "surveys.csv").write_text(surveys(), encoding="utf-8")
    (data / "support.measures.yaml").write_text(textwrap.dedent(DEFINITIONS), encoding="utf-8")
    if measured:
        written = write_snapshot(measure(str(data / "support.measures.yaml")))
        assert written == folder / "support.measured.json"
    return journey
