"""The audit's JSON rows: each finding written as validate writes a diagnostic, then its why, stage and touchpoint."""

from __future__ import annotations

import pytest

from journeymap.formats.findings_json import finding_dicts
from journeymap.formats.json import diagnostic_dict
from journeymap.formats.localized import localized
from journeymap.translation import translator
from journeymap.workspace import run
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("language", ["en", "ar"])
def test_rows_are_the_diagnostic_fields_in_their_order_then_why_stage_and_touchpoint(language: str) -> None:
    """The fields that depend on the code alone are taken once per code: every row must still read as
    ``diagnostic_dict`` writes it (same keys, same order, same values), in the reader's language."""
    from journeymap.auditing.registry import why

    t = translator(language)
    findings = [localized(d, t) for r in run([str(EXAMPLES)]).valid for d in r.findings]
    assert len({d.code for d in findings}) > 5
    rows = finding_dicts(findings, t)
    expected = [
        {
            **diagnostic_dict(d),
            "why": t(why(d.code) or "") if why(d.code) is not None else None,
            "stage": d.stage,
            "touchpoint": d.touchpoint,
        }
        for d in findings
    ]
    assert [list(row.items()) for row in rows] == [list(row.items()) for row in expected]
