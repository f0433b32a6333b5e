"""The plan's payload checks as one SQL query (``evdict validate --sql``, ``--engine duckdb``).

The query reads a table of payloads with the columns ``line`` (where the payload is),
``event`` (its name), ``properties`` (a JSON object) and ``example`` (the payload as
written), and returns one row per (rule, event, property or missing set): how many
payloads break it, the first and the last line, and the first payload as an example.
It is written in DuckDB's dialect and transpiled by sqlglot to the warehouse's.

Compiled: EV601 undeclared event, EV603 undeclared property, EV604 missing required
properties, EV605 for schemas of ``type``, string ``enum``/``const``, ``pattern`` (RE2,
as DuckDB and evdict match it; a warehouse's own regex flavour may differ) and the
numeric bounds, EV607 deprecated event. The plan is data in the query (two VALUES
tables), so a 500-event plan is a join, not 3,000 branches. A property whose schema
uses anything else (format, lengths, items, non-string enums) yields its distinct
values as ``EV605?`` candidates, for the caller to judge in Python: exact, and
bounded by the values' cardinality.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from evdict.linear_regex import UnsupportedPattern, compile_linear
from evdict.plan.model import Event, Plan, Property

DIALECTS = ("duckdb", "bigquery", "snowflake", "postgres", "clickhouse", "spark")
COMPILED_CODES = ("EV601", "EV603", "EV604", "EV605", "EV607")
CANDIDATE = "EV605?"
# ``table``, ``schema.table`` or ``project.dataset.table``: never SQL of its own.
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}")
# Keys that describe a value but never reject one.
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment", "deprecated"})
# JSON Schema types as DuckDB's json_each names them; INTDOUBLE: 1.0 is an integer too.
JSON_TYPES = {
    "string": ("VARCHAR",),
    "boolean": ("BOOLEAN",),
    "null": ("NULL",),
    "array": ("ARRAY",),
    "object": ("OBJECT",),
    "number": ("BIGINT", "UBIGINT", "DOUBLE"),
    "integer": ("BIGINT", "UBIGINT", "INTDOUBLE"),
}
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
# The columns of plan_properties, typed so a column of NULLs is still of its type.
PROPERTY_COLUMNS = (
    ("event", "VARCHAR"),
    ("property", "VARCHAR"),
    ("required", "BOOLEAN"),
    ("position", "INTEGER"),
    ("compiled", "BOOLEAN"),
    ("types", "VARCHAR"),
    ("allowed", "JSON"),
    ("pattern", "VARCHAR"),
    *((bound, "DOUBLE") for bound in BOUNDS),
)
# A value (p.type, p.value of json_each) that breaks the compiled schema of d (a row
# of plan_properties): each keyword holds or does not apply to the value's type.
NUMBER = "p.number"
NUMERIC = "p.type IN ('BIGINT', 'UBIGINT', 'DOUBLE')"
BREAKS = f"""NOT (
  (d.types IS NULL OR contains(d.types, ',' || p.type || ',')
   OR (p.type = 'DOUBLE' AND contains(d.types, ',INTDOUBLE,')
       AND isfinite({NUMBER}) AND floor({NUMBER}) = {NUMBER}))
  AND (d.allowed IS NULL OR (p.type = 'VARCHAR' AND json_contains(d.allowed, p.value)))
  AND (d.pattern IS NULL OR p.type <> 'VARCHAR' OR {{matches}})
  AND (d.minimum IS NULL OR NOT {NUMERIC} OR {NUMBER} >= d.minimum)
  AND (d.maximum IS NULL OR NOT {NUMERIC} OR {NUMBER} <= d.maximum)
  AND (d.exclusiveMinimum IS NULL OR NOT {NUMERIC} OR {NUMBER} > d.exclusiveMinimum)
  AND (d.exclusiveMaximum IS NULL OR NOT {NUMERIC} OR {NUMBER} < d.exclusiveMaximum))"""


def sql_string(text: str) -> str:
    """``text`` as a DuckDB string literal, quoted by sqlglot."""
    from sqlglot import exp

    return exp.Literal.string(text).sql(dialect="duckdb")


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return sql_string(str(value))


def _values(rows: Iterable[tuple[object, ...]], columns: Iterable[tuple[str, str]]) -> str:
    """``rows`` as a typed table; a plan without events or properties has no rows."""
    typed = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in columns)
    names = ", ".join(name for name, _kind in columns)
    body = ", ".join("(" + ", ".join(_literal(cell) for cell in row) + ")" for row in rows)
    if not body:
        nulls = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in columns)
        return f"SELECT {nulls} WHERE FALSE"
    return f"SELECT {typed} FROM (VALUES {body}) AS t({names})"


def value_rule(prop: Property) -> dict[str, object] | None:
    """The property's schema as the columns of :data:`BREAKS` (types, allowed, pattern,
    bounds), or None when it needs more than they say (judged in Python then)."""
    schema = {key: value for key, value in prop.json_schema().items() if key not in ANNOTATIONS}
    rule: dict[str, object] = {}
    declared = schema.pop("type", None)
    if declared is not None:
        types = [declared] if isinstance(declared, str) else declared
        if not isinstance(types, list) or not all(t in JSON_TYPES for t in types):
            return None
        rule["types"] = "," + ",".join(k for t in types for k in JSON_TYPES[t]) + ","
    if "enum" in schema and "const" in schema:
        return None
    if "enum" in schema or "const" in schema:
        allowed = schema.pop("enum") if "enum" in schema else [schema.pop("const")]
        if not isinstance(allowed, list) or not all(isinstance(v, str) for v in allowed):
            return None
        rule["allowed"] = json.dumps(allowed, ensure_ascii=False)
    if "pattern" in schema:
        pattern = schema.pop("pattern")
        if not isinstance(pattern, str):
            return None
        try:
            compile_linear(pattern)  # DuckDB's regexp_matches is RE2's search too
        except UnsupportedPattern:
            return None
        rule["pattern"] = pattern
    for bound in BOUNDS:
        if bound in schema:
            value = schema.pop(bound)
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            rule[bound] = float(value)
    return None if schema else rule


def _matches(plan: Plan) -> str:
    """Whether the value matches ``d.pattern``: one constant regex per distinct pattern
    (a pattern read from a column is compiled again for every row)."""
    patterns = {
        rule["pattern"]
        for event in plan.events.values()
        for prop in event.properties.values()
        if (rule := value_rule(prop)) is not None and "pattern" in rule
    }
    branches = " ".join(
        f"WHEN {_literal(pattern)} THEN regexp_matches(p.text, {_literal(pattern)})"
        for pattern in sorted(patterns, key=str)
    )
    return f"CASE d.pattern {branches} END" if branches else "TRUE"


def _property_rows(event: Event) -> Iterable[tuple[object, ...]]:
    for position, (name, prop) in enumerate(event.properties.items()):
        rule = value_rule(prop)
        yield (
            event.name,
            name,
            bool(prop.required),
            position,
            rule is not None,
            *((rule or {}).get(column) for column, _kind in PROPERTY_COLUMNS[5:]),
        )


def plan_tables(plan: Plan) -> dict[str, str]:
    """The plan as the tables the query reads (name: its SELECT), in dependency order."""
    events = _values(
        ((e.name, e.status == "deprecated") for e in plan.events.values()),
        (("event", "VARCHAR"), ("deprecated", "BOOLEAN")),
    )
    props = _values(
        (row for e in plan.events.values() for row in _property_rows(e)), PROPERTY_COLUMNS
    )
    return {
        "plan_events": events,
        "plan_properties": props,
        "required": "SELECT * FROM plan_properties WHERE required",
    }


def build_query(
    plan: Plan, codes: Iterable[str], table: str = "payloads", *, with_plan: bool = True
) -> str:
    """The checks of ``codes`` (of :data:`COMPILED_CODES`) on ``table``, DuckDB SQL;
    ``with_plan=False`` leaves out :func:`plan_tables`, for a caller that made them
    tables (planning a query with the plan inline costs a second, per query)."""
    wanted = set(codes)
    parts: list[str] = []
    aggregate = "count(*) AS n, min(p.line) AS first, max(p.line) AS last"
    if "EV601" in wanted:
        parts.append(
            f"SELECT 'EV601' AS code, p.event, NULL AS property, NULL AS detail, {aggregate} "
            "FROM src AS p WHERE p.event NOT IN (SELECT event FROM plan_events) GROUP BY p.event"
        )
    if "EV607" in wanted:
        parts.append(
            f"SELECT 'EV607' AS code, p.event, NULL AS property, NULL AS detail, {aggregate} "
            "FROM src AS p JOIN plan_events AS d ON d.event = p.event AND d.deprecated "
            "GROUP BY p.event"
        )
    if "EV603" in wanted:
        parts.append(
            f"SELECT 'EV603' AS code, p.event, p.key AS property, NULL AS detail, {aggregate} "
            "FROM sent AS p LEFT JOIN plan_properties AS d "
            "ON d.event = p.event AND d.property = p.key "
            "WHERE d.property IS NULL AND p.event IN (SELECT event FROM plan_events) "
            "GROUP BY p.event, p.key"
        )
    if "EV604" in wanted:
        parts.append(
            f"SELECT 'EV604' AS code, p.event, NULL AS property, p.missing AS detail, {aggregate} "
            "FROM (SELECT s.line, s.event, "
            "string_agg(d.property, ', ' ORDER BY d.position) AS missing FROM src AS s "
            "JOIN required AS d ON d.event = s.event "
            "WHERE json_type(s.properties, '$.' || to_json(d.property)) IS NULL "
            "GROUP BY s.line, s.event) AS p GROUP BY p.event, p.missing"
        )
    if "EV605" in wanted:
        parts.append(
            f"SELECT 'EV605' AS code, p.event, p.key AS property, NULL AS detail, {aggregate} "
            "FROM sent AS p JOIN plan_properties AS d ON d.event = p.event AND d.property = p.key "
            f"WHERE d.compiled AND {BREAKS.format(matches=_matches(plan))} "
            "GROUP BY p.event, p.key"
        )
        parts.append(
            f"SELECT '{CANDIDATE}' AS code, p.event, p.key AS property, "
            f"CAST(p.value AS VARCHAR) AS detail, {aggregate} FROM sent AS p "
            "JOIN plan_properties AS d ON d.event = p.event AND d.property = p.key "
            "WHERE NOT d.compiled GROUP BY p.event, p.key, p.value"
        )
    if not parts:
        parts.append(
            "SELECT NULL AS code, NULL AS event, NULL AS property, NULL AS detail, "
            "0 AS n, 0 AS first, 0 AS last WHERE FALSE"
        )
    # The example is fetched for the findings' first lines only: carried through the
    # joins, the payloads' text would be copied once per property sent.
    tables = plan_tables(plan) if with_plan else {}
    inline = "".join(f"{name} AS ({select}), " for name, select in tables.items())
    return (
        f"WITH {inline}"
        f"src AS (SELECT line, event, CAST(properties AS JSON) AS properties FROM {table}), "
        # json_keys and a JSON pointer per key: 6x faster than json_each in DuckDB 1.x
        "sent AS MATERIALIZED (SELECT line, event, key, value, json_type(value) AS type, "
        "CASE WHEN json_type(value) IN ('BIGINT', 'UBIGINT', 'DOUBLE') "
        "THEN TRY_CAST(value AS DOUBLE) END AS number, "
        "CASE WHEN json_type(value) = 'VARCHAR' THEN value ->> '$' END AS text "
        "FROM (SELECT line, event, key, json_extract(properties, '/' || "
        "replace(replace(key, '~', '~0'), '/', '~1')) AS value "
        "FROM (SELECT line, event, properties, unnest(json_keys(properties)) AS key "
        "FROM src) AS k) AS v), "
        f"findings AS ({' UNION ALL '.join(parts)}) "
        f"SELECT f.*, x.example FROM findings AS f JOIN {table} AS x ON x.line = f.first "
        "ORDER BY f.first, f.code"
    )


def transpile(plan: Plan, codes: Iterable[str], table: str, dialect: str) -> str:
    """The checks as ``dialect``'s SQL over ``table`` (a name, ``schema.table`` too),
    pretty-printed; ValueError when ``table`` is not a plain (dotted) name."""
    import sqlglot
    from sqlglot import exp

    if TABLE_NAME.fullmatch(table) is None:
        raise ValueError(f"not a table name: {table!r}")
    name = exp.to_table(table, dialect=dialect)
    query = sqlglot.parse_one(build_query(plan, codes, name.sql(dialect="duckdb")), read="duckdb")
    return query.sql(dialect=dialect, pretty=True)
