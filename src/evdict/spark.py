"""The plan's payload checks on a Spark DataFrame: ``evdict.spark`` (``pip install evdict[spark]``).

The same query as ``evdict validate --engine duckdb`` and ``--sql`` (built once by
:func:`~evdict.commands.validate_sql.build_query`), run by Spark SQL on a temporary
view of the payloads, and its rows turned into the Python engine's findings (the
first payload of each judged again by the rules). sqlglot translates the query's
functions to Spark's, not their meaning, so the JSON steps are rewritten here onto
Spark's VARIANT type (Spark 4): the properties parsed once into a map of variants,
each value's type named as DuckDB's ``json_type`` names it.

pyspark is imported only by the functions that need a session, so this module loads
without it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evdict.checker import Selection, load_plan
from evdict.commands.validate import (
    MAX_LINE,
    Validation,
    judge_calls,
    payload_call,
    payload_records,
)
from evdict.commands.validate_results import (
    Group,
    Row,
    example_call,
    finding_groups,
    judged_groups,
)
from evdict.commands.validate_shapes import Payload
from evdict.commands.validate_sql import COMPILED_CODES, build_query
from evdict.config import Config, load_config
from evdict.plan.model import Plan
from evdict.scanner.model import TrackingCall

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from sqlglot import exp

__all__ = ["export_payloads", "spark_query", "validate_dataframe"]

# The ``note`` of an export line that is no payload to judge (else a skip reason).
NOT_UNDERSTOOD = "not understood"
TOO_LONG = "too long"
BLANK = "blank"
# A payload Spark cannot read (a NaN, a lone surrogate): judged in Python.
IN_PYTHON = "python"
# How a payload of a DataFrame without an ``example`` column is shown.
DATAFRAME_SHAPE = "dataframe"
EXPORT_SCHEMA = "event STRING, properties STRING, note STRING"

# A variant's type as DuckDB's json_type names it (the names the query compares):
# Spark names a JSON number BIGINT, DECIMAL(p,s) or DOUBLE; null VOID; {} OBJECT<...>.
_VARIANT_TYPE = (
    "CASE regexp_extract(schema_of_variant({value}), '^[A-Z]+', 0) "
    "WHEN 'STRING' THEN 'VARCHAR' WHEN 'BOOLEAN' THEN 'BOOLEAN' WHEN 'VOID' THEN 'NULL' "
    "WHEN 'ARRAY' THEN 'ARRAY' WHEN 'OBJECT' THEN 'OBJECT' "
    "WHEN 'TINYINT' THEN 'BIGINT' WHEN 'SMALLINT' THEN 'BIGINT' WHEN 'INT' THEN 'BIGINT' "
    "WHEN 'BIGINT' THEN 'BIGINT' WHEN 'DECIMAL' THEN 'DOUBLE' WHEN 'FLOAT' THEN 'DOUBLE' "
    "WHEN 'DOUBLE' THEN 'DOUBLE' END"
)
# The properties sent, one row each (``v`` in ``sent``), in Spark: the map of ``src``
# exploded; ``variant`` is the value the type, number and text are read from.
_SENT_VALUES = (
    "SELECT line, event, key, to_json(variant) AS value, variant "
    "FROM src LATERAL VIEW explode(properties) AS key, variant"
)
# DuckDB functions the rewrite must have replaced: any left means the query changed.
_DUCKDB_ONLY = frozenset({"json_contains", "isfinite"})
# sqlglot's JSON functions that mean the same in Spark (to_json); any other is DuckDB's.
_SPARK_JSON = frozenset({"JSONFormat"})


def spark_query(
    plan: Plan, codes: Iterable[str], view: str, *, config: Config | None = None
) -> str:
    """The checks of ``codes`` on ``view`` (columns ``line``, ``event``, ``properties``
    as JSON text, ``example``) as Spark SQL: :func:`build_query` transpiled, its JSON
    steps rewritten onto VARIANT."""
    import sqlglot

    tree = sqlglot.parse_one(build_query(plan, codes, view, config=config), read="duckdb")
    return _on_variant(tree).sql(dialect="spark")


def _on_variant(tree: exp.Expr) -> exp.Expr:
    """``tree`` (the DuckDB query) with each JSON step in Spark's terms; ValueError for
    a step it does not know (the query builder changed)."""
    import sqlglot
    from sqlglot import exp

    def rewrite(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.CTE):
            node.set("materialized", None)  # Spark has no MATERIALIZED hint
        elif isinstance(node, exp.Subquery) and node.alias == "v":
            node.set("this", sqlglot.parse_one(_SENT_VALUES, read="spark"))
        elif isinstance(node, exp.JSONType) and node.expression is None:
            return _spark(_VARIANT_TYPE.format(value="{x}"), _variant(node.this))
        elif isinstance(node, exp.TryCast) and node.to.is_type(exp.DataType.Type.DOUBLE):
            return _spark("try_variant_get({x}, '$', 'double')", _variant(node.this))
        elif isinstance(node, exp.JSONExtractScalar):
            if node.expression.sql(dialect="duckdb") != "'$'":
                raise ValueError(f"{node.sql(dialect='duckdb')} not translated to Spark")
            return _spark("try_variant_get({x}, '$', 'string')", _variant(node.this))
        elif isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.JSON):
            cte = node.find_ancestor(exp.CTE)
            if cte is not None and cte.alias == "src":  # the payloads' properties
                return _spark(
                    "try_variant_get(try_parse_json({x}), '$', 'map<string,variant>')", node.this
                )
            allowed: exp.Expr = node.this  # the plan's allowed values, JSON text
            return allowed
        elif isinstance(node, exp.JSONType) and node.expression is not None:
            # json_type(properties, '$.' || to_json(name)): the type of one property
            path = node.expression
            if not (
                isinstance(path, exp.DPipe)
                and path.this.name == "$."
                and isinstance(path.expression, exp.Anonymous)
                and path.expression.name.lower() == "to_json"
            ):
                raise ValueError(f"JSON path {path.sql()} not translated to Spark")
            value = _spark("try_element_at({x}, {y})", node.this, path.expression.expressions[0])
            return _spark(_VARIANT_TYPE.format(value="{x}"), value)
        elif isinstance(node, exp.Anonymous) and node.name.lower() == "json_contains":
            return _spark(
                "array_contains(from_json({x}, 'array<string>'), "
                "try_variant_get(try_parse_json({y}), '$', 'string'))",
                *node.expressions,
            )
        elif isinstance(node, exp.Floor) and node.args.get("decimals") is None:
            # Spark's floor is a BIGINT, which 1e30 overflows: the same value, a double
            return _spark("({x} - pmod({x}, CAST(1 AS DOUBLE)))", node.this)
        elif isinstance(node, exp.Anonymous) and node.name.lower() == "isfinite":
            return _spark("abs({x}) < CAST('Infinity' AS DOUBLE)", *node.expressions)
        return node

    rewritten = tree.transform(rewrite)
    for node in rewritten.walk():
        kind = type(node).__name__
        left = (kind.startswith("JSON") and kind not in _SPARK_JSON) or (
            isinstance(node, exp.Anonymous) and node.name.lower() in _DUCKDB_ONLY
        )
        if left:
            raise ValueError(f"{node.sql(dialect='duckdb')} not translated to Spark")
    return rewritten


def _variant(value: exp.Expr) -> exp.Expr:
    """The variant beside ``value`` (a JSON text column of ``sent``'s values)."""
    from sqlglot import exp

    if not (isinstance(value, exp.Column) and value.name == "value"):
        raise ValueError(f"{value.sql(dialect='duckdb')} is no value of sent: not translated")
    return exp.column("variant", table=value.table or None)


def _spark(template: str, *parts: exp.Expr) -> exp.Expr:
    """``template`` (Spark SQL) with ``{x}``, ``{y}`` standing for ``parts``."""
    import sqlglot

    names = dict(zip(("x", "y"), (part.sql(dialect="spark") for part in parts), strict=False))
    return sqlglot.parse_one(template.format(**names), read="spark")


def export_payloads(lines: DataFrame, column: str = "value") -> DataFrame:
    """The payloads of export lines, e.g. ``spark.read.text(path, lineSep="\\n")``: the
    columns ``line`` (the line's number, from 1 in the frame's order, unless the frame
    has a ``line`` column), ``event``, ``properties`` (JSON text), ``example`` (the line)
    and ``note``: NULL for a payload, else why the line is not judged (a record that is
    no product event, ``not understood``, ``too long``). Each line is read by evdict's
    own reader (Segment, PostHog, Mixpanel, Amplitude), in a Python UDF on the executors."""
    from pyspark.sql import functions as F

    # The bytes as read: a line that is not UTF-8 is not understood, as in the Python engine.
    raw = F.col(column).cast("binary").alias("raw")
    if "line" in lines.columns:
        lines = lines.select(raw, F.col("line").cast("long").alias("line"))
    else:
        lines = _numbered(lines.select(raw))
    read = F.udf(_read_line, EXPORT_SCHEMA, useArrow=False)("raw")
    return lines.select(
        "line",
        read.getField("event").alias("event"),
        read.getField("properties").alias("properties"),
        F.col("raw").cast("string").alias("example"),
        read.getField("note").alias("note"),
    )


def _numbered(lines: DataFrame) -> DataFrame:
    """``lines`` with their numbers from 1, in partition order as ``zipWithIndex`` counts
    them, but in the JVM: a row's id within its partition plus the rows of the
    partitions before (counted in one job), so no line passes through Python twice."""
    from pyspark.sql import functions as F

    tagged = lines.select(
        "*", F.spark_partition_id().alias("part"), F.monotonically_increasing_id().alias("id")
    )
    before, offsets = 1, []
    for part, count in sorted(tagged.groupBy("part").count().collect()):
        offsets += [F.lit(part), F.lit(before)]
        before += count
    # monotonically_increasing_id is the partition's number << 33 plus the row's index in it
    first = F.create_map(*offsets)[F.col("part")] if offsets else F.lit(1)
    index = F.col("id") - F.shiftleft(F.col("part").cast("long"), 33)
    return tagged.select(*lines.columns, (first + index).alias("line"))


def _read_line(raw: bytes | None) -> tuple[str | None, str | None, str | None]:
    """(event, properties as JSON text, note) of one export line."""
    if raw is None or not raw.strip():
        return None, None, NOT_UNDERSTOOD if raw is None else BLANK
    if len(raw) > MAX_LINE:
        return None, None, TOO_LONG
    seen = Validation()
    for _number, _text, payload in payload_records([(1, raw)], seen):
        try:
            properties = json.dumps(payload.properties, ensure_ascii=False, allow_nan=False)
            # A lone surrogate is no UTF-8, so no Spark string.
            (payload.event + properties).encode("utf-8")
        except ValueError:  # NaN, Infinity, a lone surrogate
            return None, None, IN_PYTHON
        return payload.event, properties, None
    if seen.skipped:
        return None, None, next(iter(seen.skipped))
    return None, None, NOT_UNDERSTOOD


def validate_dataframe(
    plan: Plan | Config | str | os.PathLike[str],
    payloads: DataFrame,
    *,
    config: Config | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    source: str = "<dataframe>",
) -> Validation:
    """Judge ``payloads`` with Spark SQL; the Python engine's findings and counts.

    ``payloads`` has the columns ``event`` (a string) and ``properties`` (a JSON object
    as text, or a struct or map), and may have ``line`` (a unique id of the payload;
    findings point at ``source:line``; default: Spark's monotonically increasing id),
    ``example`` (the export record as written, as :func:`export_payloads` gives it) and
    ``note`` (of :func:`export_payloads`). ``plan`` is a loaded plan, a config, or the
    path of a project folder, a config file or a plan file.
    """
    from pyspark import StorageLevel

    config, plan = _plan_of(plan, config)
    selection = Selection.build(config.rules, tuple(select), tuple(ignore))
    codes = [code for code in COMPILED_CODES if selection.enabled(code)]
    frame = _normalised(payloads).persist(StorageLevel.MEMORY_AND_DISK)
    result = Validation()
    try:
        leftovers = _count_notes(frame, "note" in payloads.columns, source, result)
        view = f"evdict_payloads_{uuid.uuid4().hex}"
        frame.where("note IS NULL").createOrReplaceTempView(view)
        try:
            query = frame.sparkSession.sql(spark_query(plan, codes, view, config=config))
            rows: list[Row] = [tuple(row) for row in query.collect()]
        finally:
            frame.sparkSession.catalog.dropTempView(view)
    finally:
        frame.unpersist()
    groups, _rejected = finding_groups(rows, plan, config)
    from_export = "example" in payloads.columns

    def example_of(group: Group) -> TrackingCall | None:
        return _example(group, source, from_export)

    findings, _unmatched = judged_groups(groups, example_of, plan, config, selection)
    judge_calls(leftovers, plan, config, selection, findings)
    result.diagnostics = findings.counted()
    return result


def _plan_of(
    plan: Plan | Config | str | os.PathLike[str], config: Config | None
) -> tuple[Config, Plan]:
    if isinstance(plan, Plan):
        return config or Config.from_data({}, Path.cwd()), plan
    if isinstance(plan, Config):
        return plan, load_plan(plan)
    path = Path(plan)
    if path.is_dir():
        config = load_config(start=path)
    elif path.suffix == ".toml":
        config = load_config(path)
    else:
        config = Config.from_data({"plan": [path.name]}, path.parent.resolve())
    return config, load_plan(config)


def _normalised(payloads: DataFrame) -> DataFrame:
    """``payloads`` as (line, event, properties as JSON text, example, note)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import MapType, StringType, StructType

    missing = {"event", "properties"} - set(payloads.columns)
    if missing:
        raise ValueError(f"payloads need the columns event and properties; missing {missing}")
    kind = payloads.schema["properties"].dataType
    if isinstance(kind, StructType | MapType):
        properties = F.to_json("properties")
    elif isinstance(kind, StringType):
        properties = F.col("properties")
    else:
        raise ValueError(f"properties: a JSON string, a struct or a map, not {kind.simpleString()}")

    def optional(name: str, default: Any) -> Any:
        return F.col(name) if name in payloads.columns else default

    return payloads.select(
        optional("line", F.monotonically_increasing_id()).cast("long").alias("line"),
        F.col("event").cast("string").alias("event"),
        properties.alias("properties"),
        # Without a record as written, the example is the properties' text.
        optional("example", properties).cast("string").alias("example"),
        optional("note", F.lit(None)).cast("string").alias("note"),
    )


def _count_notes(
    frame: DataFrame, noted: bool, source: str, result: Validation
) -> list[TrackingCall]:
    """Count the payloads and, for an export, the lines that are none in ``result``, in
    one pass; return the payloads to judge in Python."""
    from pyspark.sql import functions as F

    if not noted:
        result.payloads = frame.count()
        return []
    note = F.col("note")
    # The lines of the notes, and the text of the few payloads judged in Python only.
    example = F.when(note == IN_PYTHON, F.col("example"))
    listed = F.when(note.isin(NOT_UNDERSTOOD, TOO_LONG, IN_PYTHON), F.struct("line", example))
    counts = frame.groupBy("note").agg(F.count(F.lit(1)), F.sort_array(F.collect_list(listed)))
    leftovers: list[TrackingCall] = []
    for kind, count, lines in counts.collect():
        if kind is None:
            result.payloads += count
        elif kind == IN_PYTHON:
            result.payloads += count
            calls = (example_call(example, source, line) for line, example in lines)
            leftovers.extend(call for call in calls if call is not None)
        elif kind in (NOT_UNDERSTOOD, TOO_LONG):
            listing = result.not_understood if kind == NOT_UNDERSTOOD else result.too_long
            listing.extend(line for line, _example in lines)
        elif kind != BLANK:
            result.skipped[kind] += count
    return leftovers


def _example(group: Group, source: str, from_export: bool) -> TrackingCall | None:
    """The first payload of a finding as a tracking call, for the rules to judge again."""
    if not isinstance(group.example, str):
        return None
    if from_export:
        return example_call(group.example, source, group.at)
    payload = Payload(group.event, json.loads(group.example), DATAFRAME_SHAPE)
    return payload_call(payload, source, group.at, group.example)
