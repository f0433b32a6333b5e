"""The DuckDB engine's query over one chunk of an export: its lines read
(:mod:`evdict.commands.validate_ingest`) and judged in one pass, without a table.

Each payload is joined once to its event's row of ``plan_events`` (declared,
deprecated, its required properties), then becomes one row for itself and one per
property sent, each joined to its row of ``plan_rules`` (its compiled schema), the
hash tables built on the plan's side. The rows that break a check, and the lines that
are no payload, become finding rows grouped by (code, event, property, detail): a
count, the first and last line, and the first line's text as the example. The tests of
a property are :func:`evdict.commands.validate_sql.property_checks`, the warehouse
query's own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from evdict.commands.validate_ingest import records_sql
from evdict.commands.validate_sql import (
    NUMBER_OF,
    PROPERTY_COLUMNS,
    TEXT_OF,
    TYPED,
    breaks_sql,
    property_checks,
    property_rows,
    sql_string,
)
from evdict.config import Config
from evdict.plan.model import Plan

if TYPE_CHECKING:
    import duckdb

# The code of a line that is no payload: ``line:`` and its verdict (validate_ingest).
LINE = "line:"
# Verdicts whose lines are listed, one row each (the line's number is its detail).
LISTED = ("long", "none", "python")
# A first line longer than this is not carried as an example: one line with 100,000
# findings would be copied 100,000 times; the caller reads it from the chunk.
EXAMPLE_LIMIT = 2**16
# The columns of a property's compiled schema in ``plan_rules`` (compiled onwards).
RULE_COLUMNS = tuple(name for name, _kind in PROPERTY_COLUMNS[4:])


def create_plan_tables(connection: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """The plan as two tables: ``plan_events`` (each event, whether it is deprecated,
    its required properties in the plan's order) and ``plan_rules`` (each property and
    its compiled schema, :func:`evdict.commands.validate_sql.property_rows`). Each is
    handed to DuckDB as one JSON text: 47 ms for 3,000 properties, against 53 ms as
    lists of Python values."""
    events: list[dict[str, object]] = []
    rules: list[dict[str, object]] = []
    for event in plan.events.values():
        rows = list(property_rows(event))
        required = [row[1] for row in rows if row[2]]
        events.append(
            {"event": event.name, "deprecated": event.status == "deprecated", "required": required}
        )
        for row in rows:
            rule = dict(zip(RULE_COLUMNS, row[4:], strict=True))
            if rule["allowed"] is not None:  # the enum's JSON text, kept as JSON
                rule["allowed"] = json.loads(str(rule["allowed"]))
            rules.append({"event": event.name, "property": row[1], **rule})
    kinds: dict[str, object] = {"event": "VARCHAR", "property": "VARCHAR"}
    shapes = {
        "plan_events": {"event": "VARCHAR", "deprecated": "BOOLEAN", "required": ["VARCHAR"]},
        "plan_rules": kinds | dict(PROPERTY_COLUMNS[4:]),
    }
    for (name, shape), rows_of in zip(shapes.items(), (events, rules), strict=True):
        connection.execute(
            f"CREATE TABLE {name} AS SELECT unnest(from_json(?, "
            f"{sql_string(json.dumps([shape]))}), recursive := true)",
            [json.dumps(rows_of, ensure_ascii=False)],
        )


def _listed(findings: list[tuple[str, str, str]]) -> str:
    """The findings (code, condition, detail) that hold, as a list of structs."""
    items = ", ".join(
        f"CASE WHEN {condition} THEN {{'code': '{code}', 'detail': CAST({detail} AS VARCHAR)}} END"
        for code, condition, detail in findings
    )
    return f"list_filter([{items}], lambda found: found IS NOT NULL)"


def _any_of(findings: list[tuple[str, str, str]]) -> str:
    return " OR ".join(f"({condition})" for _code, condition, _detail in findings) or "FALSE"


def chunk_query(plan: Plan, codes: list[str], config: Config) -> str:
    """The query judging one chunk ($1 its first line's number, $2 its text): rows of
    (code, event, property, detail, count, first, last, example) for the checks of
    ``codes`` and, coded ``line:<verdict>``, for the lines that are no payload."""
    wanted = set(codes)
    # The schema's keywords tested in the filter, where each is tested only on the rows
    # the previous ones left, not on every value as a column.
    breaks = breaks_sql(plan, wanted)
    checks = property_checks(plan, wanted, config, known="p.known", native=True, breaks=breaks)
    per_payload = [
        (code, condition, detail)
        for code, condition, detail in (
            ("EV601", "NOT p.known", "NULL"),
            ("EV607", "p.deprecated", "NULL"),
            ("EV604", "p.missing IS NOT NULL", "p.missing"),
        )
        if code in wanted
    ]
    per_property = [
        (check.code, check.condition, "p.value" if check.by_value else "NULL")
        for check in checks.values()
    ]
    verdict = (
        f"{{'code': '{LINE}' || p.verdict, 'detail': CASE WHEN p.verdict IN "
        f"({', '.join(map(sql_string, LISTED))}) THEN CAST(p.line AS VARCHAR) END}}"
    )
    rules = ", ".join(f"d.{name}" for name in RULE_COLUMNS)
    return f"""
WITH {records_sql()},
payloads AS (
  SELECT r.line, r.verdict, r.event, r.properties, r.keys, r.text,
    e.event IS NOT NULL AS known, coalesce(e.deprecated, FALSE) AS deprecated,
    -- None or one required, the common plans, without list_has_all's set (4 % a chunk).
    CASE WHEN CASE len(e.required) WHEN 0 THEN TRUE
        WHEN 1 THEN list_contains(r.keys, e.required[1])
        ELSE list_has_all(r.keys, e.required) END THEN NULL
      ELSE array_to_string(
        list_filter(e.required, lambda name: NOT list_contains(r.keys, name)), ', ') END
      AS missing
  FROM records AS r LEFT JOIN plan_events AS e ON e.event = r.event),
each_sent AS (
  SELECT line, verdict, event, text AS example, known, deprecated, missing,
    -- A row for the payload itself (key NULL), first; one for a line that is none.
    unnest(list_concat([NULL], keys)) AS key,
    unnest(list_concat([NULL::JSON], json_extract(properties, '$.*'))) AS value
  FROM payloads),
typed AS (
  SELECT v.*, {TYPED} AS type, {NUMBER_OF} AS number, {TEXT_OF} AS text,
    d.event IS NOT NULL AS declared, {rules}
  FROM each_sent AS v LEFT JOIN plan_rules AS d ON d.event = v.event AND d.property = v.key),
found AS (
  SELECT line, event, key, example, CASE
    WHEN verdict IS NOT NULL THEN [{verdict}]
    WHEN key IS NULL THEN {_listed(per_payload)}
    ELSE {_listed(per_property)} END AS found
  FROM typed AS p
  -- Plain AND and OR, no CASE: a filter's conditions are tested row by row only on
  -- the rows the previous ones left (a regex on a few keys, not on every key).
  WHERE verdict IS NOT NULL OR (key IS NULL AND ({_any_of(per_payload)}))
    OR (key IS NOT NULL AND ({_any_of(per_property)})))
SELECT found.code, event, key AS property, found.detail, count(*), min(line), max(line),
  -- In a struct: arg_min skips a row whose value is NULL, not one whose field is.
  arg_min({{'text': CASE WHEN strlen(example) <= {EXAMPLE_LIMIT}
    OR found.code = '{LINE}python' THEN example END}}, line).text
FROM (SELECT line, event, key, example, unnest(found) AS found FROM found)
GROUP BY found.code, event, key, found.detail
"""
