"""The plan's payload checks as one SQL query (``evdict validate --sql``, ``--engine duckdb``).

The query reads a table of payloads with the columns ``line`` (where the payload is),
``event`` (its name), ``properties`` (a JSON object) and ``example`` (the payload as
written), and returns one row per (rule, event, property or missing set): how many
payloads break it, the first and the last line, and the first payload as an example.
It is written in DuckDB's dialect and transpiled by sqlglot to the warehouse's.

Compiled: EV601 undeclared event, EV603 undeclared property, EV604 missing required
properties, EV605 for schemas of ``type`` and string ``enum``/``const`` only, EV607
deprecated event. A property whose schema uses anything else (pattern, bounds,
format, non-string enums) yields its distinct values as ``EV605?`` candidates, for
the caller to judge in Python: exact, and bounded by the values' cardinality.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from evdict.plan.model import Event, Plan, Property

DIALECTS = ("duckdb", "bigquery", "snowflake", "postgres", "clickhouse", "spark")
COMPILED_CODES = ("EV601", "EV603", "EV604", "EV605", "EV607")
CANDIDATE = "EV605?"
# ``table``, ``schema.table`` or ``project.dataset.table``: never SQL of its own.
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}")
# Keys that describe a value but never reject one.
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment", "deprecated"})
# JSON Schema types as DuckDB's json_each names them; integer also takes 1.0.
JSON_TYPES = {
    "string": "p.type = 'VARCHAR'",
    "boolean": "p.type = 'BOOLEAN'",
    "null": "p.type = 'NULL'",
    "array": "p.type = 'ARRAY'",
    "object": "p.type = 'OBJECT'",
    "number": "p.type IN ('BIGINT', 'UBIGINT', 'DOUBLE')",
    "integer": (
        "(p.type IN ('BIGINT', 'UBIGINT') OR (p.type = 'DOUBLE'"
        " AND isfinite(TRY_CAST(p.value AS DOUBLE))"
        " AND floor(TRY_CAST(p.value AS DOUBLE)) = TRY_CAST(p.value AS DOUBLE)))"
    ),
}


def sql_string(text: str) -> str:
    """``text`` as a DuckDB string literal, quoted by sqlglot."""
    from sqlglot import exp

    return exp.Literal.string(text).sql(dialect="duckdb")


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return sql_string(str(value))


def _values(rows: Iterable[tuple[object, ...]], columns: str, empty: str) -> str:
    body = ", ".join("(" + ", ".join(_literal(cell) for cell in row) + ")" for row in rows)
    if not body:  # a plan without events or properties: a typed table with no rows
        return f"SELECT {empty} WHERE FALSE"
    return f"SELECT * FROM (VALUES {body}) AS t({columns})"


def value_check(prop: Property) -> str | None:
    """A SQL condition that holds when the value (``p.type``, ``p.value`` of json_each)
    fits the property's schema, or None when the schema needs more than SQL can say."""
    schema = {key: value for key, value in prop.json_schema().items() if key not in ANNOTATIONS}
    checks: list[str] = []
    declared = schema.pop("type", None)
    if declared is not None:
        types = [declared] if isinstance(declared, str) else declared
        if not isinstance(types, list) or not all(t in JSON_TYPES for t in types):
            return None
        checks.append("(" + " OR ".join(JSON_TYPES[t] for t in types) + ")")
    for key in ("enum", "const"):
        if key not in schema:
            continue
        allowed = schema.pop(key)
        allowed = allowed if key == "enum" else [allowed]
        if not isinstance(allowed, list) or not all(isinstance(v, str) for v in allowed):
            return None
        listed = ", ".join(_literal(v) for v in allowed) or "NULL"
        checks.append(f"(p.type = 'VARCHAR' AND (p.value ->> '$') IN ({listed}))")
    if schema:
        return None
    return " AND ".join(checks) or "TRUE"


def _property_rows(event: Event) -> Iterable[tuple[object, ...]]:
    for position, (name, prop) in enumerate(event.properties.items()):
        yield (event.name, name, bool(prop.required), position)


def build_query(plan: Plan, codes: Iterable[str], table: str = "payloads") -> str:
    """The checks of ``codes`` (of :data:`COMPILED_CODES`) on ``table``, DuckDB SQL."""
    wanted = set(codes)
    events = _values(
        ((e.name, e.status == "deprecated") for e in plan.events.values()),
        "event, deprecated",
        "'' AS event, FALSE AS deprecated",
    )
    props = _values(
        (row for e in plan.events.values() for row in _property_rows(e)),
        "event, property, required, position",
        "'' AS event, '' AS property, FALSE AS required, 0 AS position",
    )
    parts: list[str] = []
    aggregate = "count(*) AS n, min(p.line) AS first, max(p.line) AS last, arg_min(p.example, p.line) AS example"
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
            "FROM sent AS p WHERE p.event IN (SELECT event FROM plan_events) "
            "AND NOT EXISTS (SELECT 1 FROM plan_properties AS d "
            "WHERE d.event = p.event AND d.property = p.key) GROUP BY p.event, p.key"
        )
    if "EV604" in wanted:
        parts.append(
            f"SELECT 'EV604' AS code, p.event, NULL AS property, p.missing AS detail, {aggregate} "
            "FROM (SELECT s.line, s.event, s.example, "
            "string_agg(d.property, ', ' ORDER BY d.position) AS missing FROM src AS s "
            "JOIN required AS d ON d.event = s.event "
            "WHERE json_type(s.properties, '$.' || to_json(d.property)) IS NULL "
            "GROUP BY s.line, s.event, s.example) AS p GROUP BY p.event, p.missing"
        )
    if "EV605" in wanted:
        checks, candidates = [], []
        for event in plan.events.values():
            for name, prop in event.properties.items():
                match = f"(p.event = {_literal(event.name)} AND p.key = {_literal(name)})"
                check = value_check(prop)
                if check is None:
                    candidates.append(match)
                elif check != "TRUE":
                    checks.append(f"WHEN {match} THEN NOT ({check})")
        if checks:
            parts.append(
                f"SELECT 'EV605' AS code, p.event, p.key AS property, NULL AS detail, {aggregate} "
                f"FROM sent AS p WHERE CASE {' '.join(checks)} ELSE FALSE END GROUP BY p.event, p.key"
            )
        if candidates:
            parts.append(
                f"SELECT '{CANDIDATE}' AS code, p.event, p.key AS property, "
                f"CAST(p.value AS VARCHAR) AS detail, {aggregate} FROM sent AS p "
                f"WHERE {' OR '.join(candidates)} GROUP BY p.event, p.key, p.value"
            )
    if not parts:
        parts.append(
            "SELECT NULL AS code, NULL AS event, NULL AS property, NULL AS detail, "
            "0 AS n, 0 AS first, 0 AS last, NULL AS example WHERE FALSE"
        )
    return (
        f"WITH plan_events AS ({events}), plan_properties AS ({props}), "
        "required AS (SELECT * FROM plan_properties WHERE required), "
        f"src AS (SELECT line, event, CAST(properties AS JSON) AS properties, example FROM {table}), "
        "sent AS (SELECT s.line, s.event, s.example, e.key, e.value, e.type "
        "FROM src AS s, json_each(s.properties) AS e) "
        + " UNION ALL ".join(parts)
        + " ORDER BY first, code"
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
