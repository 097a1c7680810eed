"""Small hand-made exports and definitions for the measuring tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from journeymap.measuring import Measurement, Result, measure

SURVEYS = """\
id,answered_at,touchpoint,channel,segment,nps,csat,ces
1,2024-01-05,checkout,web,sara,10,5,7
2,2024-01-20,checkout,web,sara,9,4,6
3,2024-02-03,checkout,app,omar,8,3,5
4,2024-02-14,checkout,web,omar,6,2,3
5,2024-03-01,checkout,app,sara,3,1,2
6,2024-04-10,checkout,web,omar,10,5,
7,2024-04-11,checkout,web,sara,,4,6
8,2024-05-02,delivery,app,sara,7,4,4
9,2024-05-03,delivery,web,omar,9,5,7
10,2024-06-30,delivery,web,sara,0,1,1
"""

TICKETS = """\
ticket_id,opened_at,closed_at,channel,touchpoint,first_contact_resolved,wait_seconds,reopened,abandoned
1,2024-01-02 09:00:00,2024-01-02 09:30:00,phone,phone-support,true,30,false,false
2,2024-01-03 10:00:00,2024-01-03 12:00:00,phone,phone-support,false,45,true,false
3,2024-01-09 08:00:00,2024-01-09 08:10:00,phone,phone-support,true,60,false,false
4,2024-02-01 14:00:00,2024-02-02 14:00:00,chat,chat-support,false,90,false,true
5,2024-02-05 15:00:00,2024-02-05 15:20:00,chat,chat-support,true,120,false,false
6,2024-02-07 16:00:00,2024-02-07 19:00:00,phone,phone-support,true,150,false,false
7,2024-03-11 09:30:00,2024-03-11 10:30:00,phone,phone-support,false,180,true,false
8,2024-03-12 11:00:00,2024-03-12 11:05:00,chat,chat-support,true,240,false,true
9,2024-04-01 12:00:00,2024-04-01 16:00:00,phone,phone-support,true,300,false,false
10,2024-04-02 13:00:00,2024-04-03 13:00:00,phone,phone-support,true,600,false,true
"""

HEAD = """\
version: 1
sources:
  surveys: {files: surveys.csv, date: answered_at, touchpoint: touchpoint, persona: segment}
  tickets: {files: tickets.csv, date: opened_at, touchpoint: touchpoint}
"""


def workspace(tmp_path: Path, definitions: str, surveys: str = SURVEYS, tickets: str = TICKETS) -> Path:
    """The two exports and a definitions file (``HEAD`` + the given text) in ``tmp_path``."""
    (tmp_path / "surveys.csv").write_text(surveys, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(tickets, encoding="utf-8")
    path = tmp_path / "journey.measures.yaml"
    path.write_text(HEAD + textwrap.dedent(definitions), encoding="utf-8")
    return path


def run(tmp_path: Path, definitions: str, **exports: str) -> Measurement:
    return measure(str(workspace(tmp_path, definitions, **exports)), options=None)


def result(measurement: Measurement, label: str) -> Result:
    """The result of ``touchpoint.metric``."""
    return next(r for r in measurement.results if r.job.label == label)


def codes(measurement: Measurement) -> list[str]:
    return [d.code for d in measurement.diagnostics]
