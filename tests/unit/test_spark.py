"""``evdict.spark``: the compiled checks on a Spark DataFrame, the Python engine's findings.

The query's translation is checked without Spark; the tests marked ``spark`` run it on
a local PySpark session (the ``spark`` extra and Java; ``.ci/run`` has a step of its
own for them, the main suite leaves them out). Without either they skip, saying why,
but fail in CI (``CI=true``).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
import sqlglot

from evdict.checker import Selection
from evdict.commands.validate import Validation, bounded_lines, validate_lines
from evdict.commands.validate_sql import COMPILED_CODES, build_query
from evdict.config import Config
from evdict.plan.model import Plan
from evdict.spark import _on_variant, spark_query
from tests.conftest import WriteFiles
from tests.unit.commands.test_validate import PLAN
from tests.unit.commands.test_validate_duckdb import (
    FIXTURES,
    RICH_PLAN,
    assert_agree,
    generated_export,
    plan_of,
)


def test_the_spark_query_is_spark_sql_without_duckdb_json(write: WriteFiles) -> None:
    _config, plan = plan_of(write, RICH_PLAN)
    query = spark_query(plan, COMPILED_CODES, "payloads")
    parsed = sqlglot.parse_one(query, read="spark")
    names = {
        node.sql(dialect="spark").split("(")[0].upper()
        for node in parsed.find_all(sqlglot.exp.Func)
    }
    assert {"JSON_TYPE", "JSON_CONTAINS", "ISFINITE", "JSON_OBJECT_KEYS"}.isdisjoint(names)
    assert "MATERIALIZED" not in query and "TRY_PARSE_JSON(properties)" in query
    assert "LATERAL VIEW EXPLODE(properties)" in query


def test_a_json_step_the_rewrite_does_not_know_is_an_error(write: WriteFiles) -> None:
    _config, plan = plan_of(write, PLAN)
    changed = build_query(plan, COMPILED_CODES).replace(
        "json_type(s.properties, '$.' || to_json(d.property))",
        "json_type(s.properties, '$.' || d.property)",
    )
    with pytest.raises(ValueError, match=r"JSON path .* not translated to Spark"):
        _on_variant(sqlglot.parse_one(changed, read="duckdb"))
    unknown = build_query(plan, COMPILED_CODES).replace("count(*) AS n", "json_keys('{}') AS n", 1)
    with pytest.raises(ValueError, match=r"JSON_KEYS\('\{\}'\) not translated to Spark"):
        _on_variant(sqlglot.parse_one(unknown, read="duckdb"))


def _missing_spark() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None:
        return "java is not installed (apt-get install -y default-jre-headless)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local Spark session of two threads, for the tests of this module."""
    reason = _missing_spark()
    if reason is not None and os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: the Spark tests cannot run in CI")
    if reason is not None:
        pytest.skip(reason)
    from pyspark.sql import SparkSession

    # The executors run the UDF of export_payloads in this interpreter (evdict installed).
    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("evdict-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .getOrCreate()
    )
    yield session
    session.stop()
    if previous is None:
        del os.environ["PYSPARK_PYTHON"]
    else:
        os.environ["PYSPARK_PYTHON"] = previous


def both(
    spark: Any, root: Path, config: Config, plan: Plan, data: bytes
) -> tuple[Validation, Validation]:
    """The Python engine on ``data`` and evdict.spark on the same export read by Spark."""
    from evdict.spark import export_payloads, validate_dataframe

    python = validate_lines(
        bounded_lines(io.BytesIO(data)),
        "export.ndjson",
        plan,
        config,
        Selection.build(config.rules),
    )
    path = root / "export.ndjson"
    path.write_bytes(data)
    lines = spark.read.text(str(path), lineSep="\n")
    found = validate_dataframe(plan, export_payloads(lines), config=config, source="export.ndjson")
    return python, found


@pytest.mark.spark
def test_spark_agrees_with_python_on_the_fixtures(spark: Any, write: WriteFiles) -> None:
    config, plan = plan_of(write, PLAN)
    for export in FIXTURES:
        assert_agree(
            *both(spark, config.root, config, plan, export.encode("utf-8", "surrogateescape"))
        )


@pytest.mark.spark
def test_spark_agrees_with_python_on_a_generated_export(spark: Any, write: WriteFiles) -> None:
    config, plan = plan_of(write, RICH_PLAN)
    data = generated_export(seed=19, count=3000)
    # Read in eight splits or more: lines are numbered across partitions.
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(len(data) // 8))
    try:
        python, found = both(spark, config.root, config, plan, data)
        assert spark.read.text(str(config.root / "export.ndjson")).rdd.getNumPartitions() >= 8
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
    assert python.payloads > 2900 and len(python.not_understood) > 20
    assert {d.code for d in python.diagnostics} >= {"EV601", "EV603", "EV604", "EV605", "EV607"}
    assert_agree(python, found)


@pytest.mark.spark
def test_a_dataframe_of_payloads_in_each_accepted_shape(spark: Any, write: WriteFiles) -> None:
    from pyspark.sql import functions as F

    from evdict.spark import validate_dataframe

    write(**{"events.yaml": PLAN})
    rows = [
        (7, "report_exported", '{"format": "pdf", "report_id": "rep_1"}'),
        (8, "report_exported", '{"format": "pdf"}'),
        (9, "report_exportd", "{}"),
    ]
    as_text = spark.createDataFrame(rows, "line long, event string, properties string")
    as_struct = as_text.withColumn(
        "properties", F.from_json("properties", "format string, report_id string")
    )
    as_map = as_text.withColumn("properties", F.from_json("properties", "map<string,string>"))
    # Columns point into the properties' text (the payloads have no record as written).
    expected = [
        ("EV605", "t", 7, 2, "value of property `format` of event `report_exported` breaks "
         "its schema: 'pdf' is not one of ['csv', 'xlsx'] (first of 2 payloads)"),
        ("EV601", "t", 9, 1, "event `report_exportd` is not declared in the plan "
         "(did you mean `report_exported`?)"),
    ]  # fmt: skip
    for payloads in (as_text, as_struct, as_map):
        found = validate_dataframe(Path("events.yaml"), payloads, source="t")
        shown = [(d.code, *astuple(d.location)[:3], d.message) for d in found.diagnostics]
        assert shown == expected
        assert found.notes() == ("validated 3 payloads",)
    unnumbered = validate_dataframe(Path(), as_text.drop("line"))
    assert sorted(d.code for d in unnumbered.diagnostics) == ["EV601", "EV605"]


@pytest.mark.spark
def test_payloads_without_the_columns_are_refused(spark: Any, write: WriteFiles) -> None:
    from evdict.spark import validate_dataframe

    write(**{"events.yaml": PLAN})
    events = spark.createDataFrame([("a", 1)], "event string, properties int")
    with pytest.raises(ValueError, match="properties: a JSON string, a struct or a map, not int"):
        validate_dataframe(Path(), events)
    with pytest.raises(ValueError, match="need the columns event and properties; missing"):
        validate_dataframe(Path(), events.drop("properties"))
