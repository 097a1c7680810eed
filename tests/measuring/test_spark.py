"""The same definitions on PySpark (local mode) give every number and interval the DuckDB engine gives.

Why a real Spark: the Ibis engine's promise is "another backend, the same
answers", and Spark is where it differs most from DuckDB (its own SQL dialect,
``percentile`` for quantiles, timestamps without a time zone, results through
pandas). One JVM is started for the whole session (about 20 s) with one core,
little memory, no UI and a warehouse in a temporary folder; the synthetic
exports are registered as Spark views that the definitions name with
``connection: pyspark://`` and ``table:``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeymap.measuring import Overrides, measure, snapshot_bytes
from journeymap.measuring.synthetic import write_surveys, write_tickets
from tests.conftest import require, run_cli
from tests.measuring.test_ibis_engine import synthetic_definitions

pytestmark = pytest.mark.client

#: What legitimately differs between a files source and a table source: where the rows come from.
WHERE_FROM = ("definitions", "files", "format", "queries", "connection", "table", "definition")


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    require(shutil.which("java"), "Java is needed for PySpark (apt-get install openjdk-17-jre-headless)")
    require(importlib.util.find_spec("pyspark"), "PySpark is a dev dependency (uv sync)")
    from pyspark.sql import SparkSession

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("journeymap-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={warehouse}")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def exports(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic exports as Parquet files, and the same rows as the Spark views survey_answers and tickets."""
    folder = tmp_path_factory.mktemp("exports")
    write_surveys(folder / "surveys.parquet", 20_000, threads=1)
    write_tickets(folder / "tickets.parquet", 20_000, threads=1)
    spark.read.parquet(str(folder / "surveys.parquet")).createOrReplaceTempView("survey_answers")
    spark.read.parquet(str(folder / "tickets.parquet")).createOrReplaceTempView("tickets")
    files = folder / "files.measures.yaml"
    files.write_text(synthetic_definitions("files: surveys.parquet", "files: tickets.parquet"), encoding="utf-8")
    spark_url = "connection: 'pyspark://'"
    tables = folder / "spark.measures.yaml"
    tables.write_text(
        synthetic_definitions(f"{spark_url}, table: survey_answers", f"{spark_url}, table: tickets"), encoding="utf-8"
    )
    return folder


def comparable(snapshot: bytes) -> dict[str, Any]:
    """A snapshot without what names the place the rows came from; every number stays."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in WHERE_FROM}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    document = json.loads(snapshot)
    document["diagnostics"] = sorted((d["code"], d["message"]) for d in document["diagnostics"])
    return strip(document)  # type: ignore[no-any-return]


@pytest.mark.parametrize("period", [None, "month", "quarter"])
def test_spark_gives_every_number_and_interval_duckdb_gives(exports: Path, period: Any) -> None:
    overrides = Overrides(period=period) if period else None
    on_duckdb = measure(str(exports / "files.measures.yaml"), overrides)
    on_spark = measure(str(exports / "spark.measures.yaml"), overrides)
    assert on_duckdb.ok
    assert on_spark.ok, on_spark.diagnostics
    assert on_spark.sources["surveys"].scanned == 20_000
    expected, found = comparable(snapshot_bytes(on_duckdb)), comparable(snapshot_bytes(on_spark))
    assert found == expected  # counts, shares, means, intervals and quantiles: exact, to the snapshot's 6 decimals
    quantiles = [m for tp in found["measures"].values() for m in tp.values() if m["statistic"] in ("median", "p90")]
    assert len(quantiles) == 2
    assert all(m["interval"] for m in quantiles), "medians and p90 carry their order-statistic interval on Spark too"
    persona_intervals = [v["interval"] for m in quantiles for v in m.get("by_persona", {}).values()]
    assert persona_intervals
    assert any(persona_intervals)
    assert json.dumps(found).count('"value"') > 8 * (3 if period else 1)


def test_spark_through_the_cli_with_a_window(exports: Path) -> None:
    duckdb_run = run_cli("measure", exports / "files.measures.yaml", "--since", "2024-04-01", "-o", "-")
    spark_run = run_cli("measure", exports / "spark.measures.yaml", "--since", "2024-04-01", "-o", "-")
    assert duckdb_run.code == spark_run.code == 0, spark_run.stderr
    spark, duckdb = comparable(spark_run.stdout.encode()), comparable(duckdb_run.stdout.encode())
    # Every measured value, n, interval, per-value date range and each source's own date range (the rows the
    # window let in, on a connection as on Parquet files) is compared.
    assert spark == duckdb
    assert spark["sources"]["tickets"]["dates"][0] >= "2024-04-01"
    assert json.loads(spark_run.stdout)["sources"]["tickets"]["connection"] == "pyspark://"


def test_a_missing_spark_table_is_a_diagnostic(exports: Path, tmp_path: Path) -> None:
    path = tmp_path / "missing.measures.yaml"
    text = (exports / "spark.measures.yaml").read_text(encoding="utf-8").replace("table: tickets", "table: tikets")
    path.write_text(text, encoding="utf-8")
    completed = run_cli("measure", path, "-o", "-")
    assert completed.code == 1
    assert "missing.measures.yaml:4:" in completed.stderr
    assert "error[JM626]" in completed.stderr
    assert "table 'tikets' cannot be read" in completed.stderr
