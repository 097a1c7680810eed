"""The Arabic example with a snapshot measured from survey answers, as a user makes it (docs/measure.md).

Six months of answers at three touchpoints: the call centre's NPS is negative, its answers are fewer than
30 in some months (small samples), and its typed CSAT is replaced by the measured one (JM616).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli

MEASURES = """\
version: 1
journey: ../bank-account-opening-ar.yaml
period: month
sources:
  surveys: {files: bank-survey.csv, date: date, touchpoint: tp}
measures:
  call-centre:
    nps: {source: surveys, answers: recommend}
    csat: {source: surveys, answers: csat}
  branch-visit:
    csat: {source: surveys, answers: csat, target: 85%}
  app-registration:
    nps: {source: surveys, answers: recommend}
"""
#: Answers per month at each touchpoint: the call centre's May and June are small samples.
PER_MONTH = {"call-centre": (40, 35, 32, 31, 18, 15), "branch-visit": (20,) * 6, "app-registration": (15,) * 6}


def survey_rows() -> list[str]:
    """The answers, one CSV line each: the call centre's recommendation low (a negative NPS), rising late."""
    chance = random.Random(7)
    rows = ["id,date,tp,recommend,csat"]
    for tp, counts in PER_MONTH.items():
        for month, count in enumerate(counts, start=1):
            for _ in range(count):
                low = tp == "call-centre" and month < 5
                recommend = chance.choice((0, 2, 4, 6, 7, 9)) if low else chance.choice((3, 6, 8, 9, 10))
                day = chance.randint(1, 27)
                rows.append(f"{len(rows)},2025-{month:02d}-{day:02d},{tp},{recommend},{chance.randint(1, 5)}")
    return rows


def measured_bank(folder: Path) -> Path:
    """The Arabic example journey in ``folder`` with its measured snapshot beside it; returns the journey."""
    journey = folder / "bank-account-opening-ar.yaml"
    shutil.copy(EXAMPLES / journey.name, journey)
    data = folder / "data"
    data.mkdir()
    (data / "bank-survey.csv").write_text("\n".join(survey_rows()) + "\n", encoding="utf-8")
    (data / "bank.measures.yaml").write_text(MEASURES, encoding="utf-8")
    said = run_cli("measure", data / "bank.measures.yaml")
    assert said.code == 0, said.output
    assert (folder / "bank-account-opening-ar.measured.json").is_file()
    return journey
