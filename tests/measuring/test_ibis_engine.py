"""The Ibis engine on DuckDB gives the same snapshot bytes as the DuckDB engine; connection sources are checked.

Why Ibis on DuckDB here (fast, no client): it runs every path of the Ibis
engine (grouping sets as UNION ALL, lean and strict passes, own queries for
medians over several touchpoint values, text parsed as numbers and dates) and
compares byte for byte with the engine every other test checks by hand.
tests/measuring/test_spark.py runs the same on PySpark.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from journeymap.measuring import EngineOptions, Overrides, measure, snapshot_bytes
from journeymap.measuring.connection import resolve
from journeymap.measuring.synthetic import write_surveys, write_tickets
from tests.conftest import ROOT, run_cli
from tests.measuring.helpers import codes, result, workspace

IBIS = EngineOptions(engine="ibis")
EXAMPLE = ROOT / "examples" / "data" / "telecom-support.measures.yaml"

EVERY_KIND = """\
measures:
  checkout:
    nps: {source: surveys, answers: nps, period: month}
    csat: {source: surveys, answers: csat, satisfied: 5-5, where: {channel: web}}
    ces: {source: surveys, answers: ces, since: 2024-02-01}
    answered: {source: surveys, count: rows, better: higher, target: 3}
  delivery:
    nps: {source: surveys, answers: nps, match: [delivery, checkout]}
  phone-support:
    fcr: {source: tickets, share_of: first_contact_resolved, period: quarter}
    resolution_time: {source: tickets, median: {from: opened_at, to: closed_at}}
    wait_p90: {source: tickets, p90: wait_seconds, unit: s, match: [phone-support, chat-support]}
    wait_mean: {source: tickets, mean: wait_seconds, unit: s, where: {channel: {not_in: [chat]}}}
    abandonment_rate: {source: tickets, share_of: abandoned, until: 2024-03-31}
"""


def both_engines(path: Path, overrides: Overrides | None = None) -> tuple[bytes, bytes]:
    return snapshot_bytes(measure(str(path), overrides)), snapshot_bytes(measure(str(path), overrides, IBIS))


@pytest.mark.slow  # the example for two periods; the CLI test below compares its default run by default
def test_the_example_gives_the_same_bytes(tmp_path: Path) -> None:
    for overrides in (None, Overrides(period="quarter")):
        native, through_ibis = both_engines(EXAMPLE, overrides)
        assert native == through_ibis
    assert b'"status": "measured"' in native


def test_every_kind_of_measure_gives_the_same_bytes(tmp_path: Path) -> None:
    path = workspace(tmp_path, EVERY_KIND)
    native, through_ibis = both_engines(path)
    assert native == through_ibis
    measurement = measure(str(path), options=IBIS)
    assert measurement.ok, measurement.diagnostics
    assert result(measurement, "delivery.nps").figure is not None  # two touchpoint values added up
    assert result(measurement, "phone-support.wait_p90").figure is not None  # a query of its own


def test_bad_data_gives_the_same_diagnostics_and_bytes(tmp_path: Path) -> None:
    surveys = "id,answered_at,touchpoint,segment,nps,csat,ces\n"
    surveys += "1,2024-01-05,checkout,sara,10,5,7\n2,2024-01-06,checkout,omar,11,4,x\n"
    surveys += "3,not a date,checkout,sara,3,9,2\n4,2024-02-01,checkout,sara,7,2.5,\n"
    definitions = """\
    measures:
      checkout:
        nps: {source: surveys, answers: nps}
        csat: {source: surveys, answers: csat, invalid: skip}
        ces: {source: surveys, answers: ces, since: 2024-01-01}
    """
    path = workspace(tmp_path, definitions, surveys=surveys)
    native, through_ibis = both_engines(path)
    assert native == through_ibis
    found = codes(measure(str(path), options=IBIS))
    assert {"JM605", "JM611", "JM607"} <= set(found)


@pytest.mark.slow  # thousands of synthetic rows: ./scripts/test runs the slow group
def test_synthetic_parquet_with_periods_and_personas(tmp_path: Path) -> None:
    write_surveys(tmp_path / "surveys.parquet", 20_000, threads=1)
    write_tickets(tmp_path / "tickets.parquet", 20_000, threads=1)
    path = tmp_path / "telecom.measures.yaml"
    path.write_text(synthetic_definitions("files: surveys.parquet", "files: tickets.parquet"), encoding="utf-8")
    native, through_ibis = both_engines(path, Overrides(period="month"))
    assert native == through_ibis
    assert native.count(b'"status": "measured"') == 8


def synthetic_definitions(surveys: str, tickets: str) -> str:
    """Definitions on the synthetic exports (journeymap.measuring.synthetic), every kind of value."""
    return textwrap.dedent(f"""\
        version: 1
        sources:
          surveys: {{{surveys}, date: answered_at, touchpoint: touchpoint, persona: segment}}
          tickets: {{{tickets}, date: opened_at, touchpoint: touchpoint, persona: segment}}
        measures:
          live-chat-agent:
            nps: {{source: surveys, answers: nps}}
            csat: {{source: surveys, answers: csat, since: 2024-03-01, until: 2024-09-30}}
            fcr: {{source: tickets, share_of: first_contact_resolved, where: {{channel: live_chat}}}}
            waiting_time: {{source: tickets, mean: wait_seconds, unit: s, period: quarter}}
          phone-agent-tier1:
            ces: {{source: surveys, answers: ces, match: [phone-agent-tier1, ivr]}}
            repeat_contact_rate: {{source: tickets, share_of: reopened}}
          technician-visit:
            resolution_time: {{source: tickets, p90: {{from: opened_at, to: closed_at}}}}
            handled: {{source: tickets, median: wait_seconds, unit: s, match: [technician-visit, ivr]}}
        """)


@pytest.mark.slow  # thousands of synthetic rows: ./scripts/test runs the slow group
def test_a_duckdb_database_through_a_connection_url(tmp_path: Path) -> None:
    """A table in a DuckDB file, read with `connection: duckdb:///...`: the values of the same rows as files."""
    import duckdb

    write_surveys(tmp_path / "surveys.parquet", 5_000, threads=1)
    write_tickets(tmp_path / "tickets.parquet", 5_000, threads=1)
    database = tmp_path / "cx.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"CREATE TABLE survey_answers AS FROM '{tmp_path / 'surveys.parquet'}'")
        connection.execute(f"CREATE TABLE tickets AS FROM '{tmp_path / 'tickets.parquet'}'")
    files = tmp_path / "files.measures.yaml"
    files.write_text(synthetic_definitions("files: surveys.parquet", "files: tickets.parquet"), encoding="utf-8")
    url = "connection: 'duckdb:///${CX_DIR}/cx.duckdb'"
    tables = tmp_path / "tables.measures.yaml"
    tables.write_text(synthetic_definitions(f"{url}, table: survey_answers", f"{url}, table: tickets"), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_DIR", str(tmp_path))
        through_table = measure(str(tables))
    assert through_table.ok, through_table.diagnostics
    assert values(measure(str(files))) == values(through_table)
    snapshot = snapshot_bytes(through_table).decode()
    assert "${CX_DIR}" in snapshot  # the URL as written, never filled in
    assert str(tmp_path) not in snapshot


def values(measurement: object) -> list[tuple[object, ...]]:
    """Every number of a measurement: value, n, rows, interval, per period and persona."""
    found = []
    for r in measurement.results:  # type: ignore[attr-defined]
        figures = [("", r.figure)] + list(r.series) + list(r.personas)
        for label, figure in figures:
            estimate = figure.estimate if figure else None
            found.append(
                (r.job.label, label, estimate and (estimate.value, estimate.n, estimate.interval, figure.rows))
            )
    return found


def definitions_file(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "bad.measures.yaml"
    text = f"version: 1\nsources:\n  surveys: {source}\n"
    text += "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("source", "code", "position", "words"),
    [
        ("{files: a.csv, connection: 'pyspark://', table: t}", "JM620", "3:12", "both `files` and `connection`"),
        ("{touchpoint: tp}", "JM620", "3:12", "neither"),
        ("{connection: 'pyspark://'}", "JM621", "3:12", "no `table`"),
        ("{files: a.csv, table: t}", "JM621", "3:27", "no `connection`"),
        ("{connection: 'pyspork://', table: t}", "JM622", "3:25", "pyspark"),
        ("{connection: 'surveys.db', table: t}", "JM622", "3:25", "BACKEND://"),
        ("{connection: 'trino://ana:hunter2@host/hive/cx', table: t}", "JM623", "3:25", "ana:***@host"),
        ("{connection: 'snowflake://ana@acct/db/cx?password=hunter2', table: t}", "JM623", "3:25", "`password`"),
        ("{connection: 'pyspark://', table: t, delimiter: ';'}", "JM627", "3:49", "`delimiter`"),
    ],
)
def test_connection_keys_are_checked_at_their_line(
    tmp_path: Path, source: str, code: str, position: str, words: str
) -> None:
    path = definitions_file(tmp_path, source)
    completed = run_cli("measure", path)
    assert completed.code == 1
    assert f"bad.measures.yaml:{position}: error[{code}]" in completed.stderr
    assert words in completed.stderr
    assert "hunter2" not in completed.stderr


def test_credentials_from_the_environment_pass(tmp_path: Path) -> None:
    path = definitions_file(tmp_path, "{connection: 'trino://ana:${TRINO_PASSWORD}@host/hive/cx', table: t}")
    measurement = measure(str(path), options=None)
    assert "JM623" not in codes(measurement)
    filled = resolve("trino://ana:${P}@host/hive/cx?x=${Q}", {"P": "p@ss/word", "Q": "a b"})
    assert filled.url == "trino://ana:p%40ss%2Fword@host/hive/cx?x=a%20b"
    assert filled.scrub("failed for p@ss/word") == "failed for ***"
    assert resolve("duckdb:///${D}/cx.db", {"D": "/data/x"}).url == "duckdb:////data/x/cx.db"


def test_an_unset_variable_and_a_missing_table_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JM_TEST_UNSET", raising=False)
    path = definitions_file(tmp_path, "{connection: 'duckdb:///${JM_TEST_UNSET}/x.db', table: t}")
    completed = run_cli("measure", path)
    assert completed.code == 1
    assert "bad.measures.yaml:3:25: error[JM624]" in completed.stderr
    assert "${JM_TEST_UNSET}" in completed.stderr
    path = definitions_file(tmp_path, f"{{connection: 'duckdb:///{tmp_path}/empty.db', table: answers}}")
    completed = run_cli("measure", path)
    assert completed.code == 1
    assert "bad.measures.yaml:3:" in completed.stderr
    assert "error[JM626]" in completed.stderr
    assert "table 'answers' cannot be read" in completed.stderr


def test_cli_engine_option_writes_the_same_snapshot(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE.parent / "telecom-surveys.csv", tmp_path)
    shutil.copy(EXAMPLE.parent / "telecom-tickets.csv", tmp_path)
    shutil.copy(EXAMPLE, tmp_path)
    definitions = tmp_path / EXAMPLE.name
    native = run_cli("measure", definitions, "-o", "-")
    through_ibis = run_cli("measure", definitions, "--engine", "ibis", "-o", "-")
    assert native.code == through_ibis.code == 0
    assert native.stdout == through_ibis.stdout
    assert "--engine" in run_cli("measure", "--help").stdout


QUANTILE_MEASURES = """\
measures:
  phone-support:
    resolution_time: {source: tickets, median: {from: opened_at, to: closed_at}}
    wait_p90: {source: tickets, p90: wait_seconds, unit: s, match: [phone-support, chat-support]}
"""


def test_backends_with_one_exact_quantile_per_aggregate_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Snowflake has no quantile of several fractions: each is its own aggregate, the values are the same."""
    from journeymap.measuring import ibis_engine

    opened = ibis_engine.IbisEngine._open
    monkeypatch.setattr(ibis_engine.IbisEngine, "_open", lambda *args, **named: (opened(*args, **named)[0], "single"))
    native, through_ibis = both_engines(workspace(tmp_path, QUANTILE_MEASURES))
    assert native == through_ibis


@pytest.mark.slow  # thousands of synthetic rows: ./scripts/test runs the slow group
def test_approximate_quantiles_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BigQuery and Trino only have approx_quantile: the method and JM628 say the value is approximate."""
    from journeymap.measuring import ibis_engine

    opened = ibis_engine.IbisEngine._open
    monkeypatch.setattr(
        ibis_engine.IbisEngine, "_open", lambda *args, **named: (opened(*args, **named)[0], "approximate")
    )
    write_surveys(tmp_path / "surveys.parquet", 100, threads=1)
    write_tickets(tmp_path / "tickets.parquet", 20_000, threads=1)
    path = tmp_path / "telecom.measures.yaml"
    path.write_text(synthetic_definitions("files: surveys.parquet", "files: tickets.parquet"), encoding="utf-8")
    exact, approximate = measure(str(path)), measure(str(path), options=IBIS)
    assert codes(approximate).count("JM628") == 2
    assert "JM628" not in codes(exact)
    for label in ("technician-visit.resolution_time", "technician-visit.handled"):
        found, expected = (result(m, label).figure for m in (approximate, exact))
        assert found is not None
        assert expected is not None
        assert "approximate" in found.estimate.method
        assert found.estimate.value == pytest.approx(expected.estimate.value, rel=0.02)
        assert found.estimate.n == expected.estimate.n


def test_without_ibis_the_engine_option_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "journeymap.measuring.ibis_engine", None)
    completed = run_cli("measure", EXAMPLE, "--engine", "ibis", "-o", "-")
    assert completed.code == 2
    assert "needs Ibis" in completed.stderr
    assert "journeymap[ibis]" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_every_measure_code_is_documented_and_the_connection_example_is_valid() -> None:
    from journeymap.codes import CODES
    from journeymap.loader import load_text
    from journeymap.measuring.load import definitions_from

    text = (ROOT / "docs" / "measure.md").read_text(encoding="utf-8")
    measure_codes = [code for code, entry in CODES.items() if entry.stage == "measure"]
    assert [c for c in measure_codes if f'<a id="{c.lower()}"></a>{c} | {CODES[c].name} |' not in text] == []
    section = text.split("## On Spark or a warehouse", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    example = "version: 1\n" + example + "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n"
    loaded = definitions_from(load_text(example, "docs/measure.md"))
    assert loaded.ok, loaded.diagnostics


def test_a_failed_connection_never_shows_what_the_environment_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JM_TEST_SECRET", "s3cr3t-folder")
    path = definitions_file(tmp_path, f"{{connection: 'duckdb:///{tmp_path}/${{JM_TEST_SECRET}}/x.db', table: t}}")
    completed = run_cli("measure", path)
    assert completed.code == 1
    assert "error[JM626]" in completed.stderr
    assert "cannot connect to duckdb://" in completed.stderr
    assert "s3cr3t-folder" not in completed.stderr
    assert "***" in completed.stderr


@pytest.mark.parametrize(
    ("compiler", "mode"),
    [
        ("DuckDBCompiler", "multi"),
        ("PySparkCompiler", "multi"),
        ("SnowflakeCompiler", "single"),
        ("BigQueryCompiler", "approximate"),
        ("TrinoCompiler", "approximate"),
    ],
)
def test_which_backends_compute_exact_quantiles(compiler: str, mode: str) -> None:
    """What docs/measure.md says per backend, from Ibis's compilers (no driver needed)."""
    from ibis.backends.sql import SQLBackend, compilers

    from journeymap.measuring.ibis_engine import quantile_mode

    backend = type(
        "Backend",
        (),
        {"compiler": getattr(compilers, compiler)(), "has_operation": SQLBackend.__dict__["has_operation"]},
    )
    assert quantile_mode(backend) == mode
