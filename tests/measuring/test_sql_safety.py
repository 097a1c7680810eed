"""Nothing a user writes reaches DuckDB as SQL: names are quoted identifiers, values are parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.measuring import measure, sql
from journeymap.measuring.spec import read_condition

HOSTILE = 'x"; DROP TABLE t; --'


def test_identifiers_are_quoted_and_numbers_only_whole() -> None:
    assert sql.quote(HOSTILE) == '"x""; DROP TABLE t; --"'
    assert sql.whole(7) == "7"
    with pytest.raises(TypeError):
        sql.whole("7; DROP TABLE t")  # type: ignore[arg-type]


def test_filter_values_are_parameters() -> None:
    params = sql.Params()
    text = sql.condition("channel", "VARCHAR", read_condition({"in": ["web", "'; DROP TABLE t; --"]}), params)
    assert text == '"channel" IN ($p0, $p1)'
    assert params.values == {"p0": "web", "p1": "'; DROP TABLE t; --"}
    between = sql.condition("wait", "BIGINT", read_condition({"between": [1, "2.5"]}), params)
    assert between == '"wait" BETWEEN $p2 AND $p3'
    assert params.values["p3"] == 2.5


def test_hostile_column_names_and_values_are_data(tmp_path: Path) -> None:
    header = f'id,"{HOSTILE.replace(chr(34), chr(34) * 2)}",touchpoint,nps'
    rows = [header, '1,"\'; DROP TABLE t; --",a,10', "2,web,a,9", "3,web,a,0"]
    (tmp_path / "s.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    column = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    (tmp_path / "m.measures.yaml").write_text(
        "version: 1\nsources:\n  s: {files: s.csv, touchpoint: touchpoint}\nmeasures:\n  a:\n"
        f'    nps: {{source: s, answers: nps, where: {{"{column}": "\'; DROP TABLE t; --"}}}}\n',
        encoding="utf-8",
    )
    measurement = measure(str(tmp_path / "m.measures.yaml"))
    assert measurement.ok, measurement.diagnostics
    [result] = measurement.results
    assert result.figure is not None
    assert (result.figure.estimate.value, result.figure.estimate.n) == (100, 1)
