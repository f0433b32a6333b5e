"""``evdict validate --sql DIALECT --table NAME --shape TOOL``: the checks over a tool's
own warehouse tables, through a view giving them the columns the query reads (``line``,
``event``, ``properties``, ``example``).

- ``segment``, ``rudderstack``: ``--table`` names the ``tracks`` table (``event_text``,
  ``id``); the properties are the columns of the event's own table in the same schema,
  named as the tool names it (snake_case), the tool's own columns (``id``,
  ``received_at``, ``context_*``...) left out, a NULL column taken as not sent.
- ``posthog``: the ``events`` table (``uuid``, ``event``, ``properties`` as JSON text).
- ``mixpanel``: the JSON pipeline's events table (``insert_id``, ``event_name``,
  ``properties`` JSON).
- ``amplitude``: the export's events table (``uuid``, ``event_type``,
  ``event_properties`` JSON).

Each view skips the SDKs' automatic events and leaves out the keys the export reader
(:func:`evdict.commands.validate_shapes.read_payload`) leaves out, so the findings are the
Python engine's on the same payloads. The ``example`` is the payload as that reader
reads it, for ``--from-results``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from evdict.commands.validate_shapes import (
    SDK_PROPERTY_KEYS,
    SDK_PROPERTY_PREFIXES,
    automatic_sql,
)
from evdict.commands.validate_sql import sql_string, transpile
from evdict.config import Config
from evdict.names.case import split_words, to_case
from evdict.plan.model import Plan

# The columns Segment and RudderStack write on every event table besides its properties.
WAREHOUSE_COLUMNS = frozenset(
    {"id", "anonymous_id", "user_id", "event", "event_text", "channel", "received_at"}
    | {"sent_at", "timestamp", "original_timestamp", "uuid_ts", "loaded_at"}
)
# Marks an example whose properties still hold those columns (read back by --from-results).
WAREHOUSE_KEY = "evdict_warehouse"
# Placed where a row of an event table becomes a JSON object of its non-NULL columns,
# which only each dialect's own functions say: replaced after transpiling.
ROW_JSON = "EVDICT_ROW_JSON()"
ROW_JSON_SQL = {
    "duckdb": "to_json(map_from_entries(list_filter(map_entries(CAST(to_json(r) AS "
    "MAP(VARCHAR, JSON))), lambda x: json_type(x.value) <> 'NULL')))",
    "bigquery": "JSON_STRIP_NULLS(TO_JSON(r))",
    "snowflake": "OBJECT_CONSTRUCT(*)",
    "postgres": "jsonb_strip_nulls(to_jsonb(r))",
    # ClickHouse writes NULL columns too: there a NULL is sent as null.
    "clickhouse": "formatRowNoNewline('JSONEachRow', *)",
    "spark": "to_json(struct(*))",
}


@dataclass(frozen=True, slots=True)
class Shape:
    """A tool's warehouse schema: the view over it, the example (SQL over the view's row
    ``x``) and the keys that are not properties."""

    view: Callable[[Plan, str], str]
    example: str
    ignored_keys: frozenset[str] = frozenset()
    ignored_prefixes: tuple[str, ...] = ()

    def ignored_sql(self) -> str | None:
        """The condition on ``key`` naming keys that are not the product's properties."""
        tests = [f"starts_with(key, {sql_string(prefix)})" for prefix in self.ignored_prefixes]
        if self.ignored_keys:
            listed = ", ".join(map(sql_string, sorted(self.ignored_keys)))
            tests.insert(0, f"key IN ({listed})")
        return " OR ".join(tests) or None


def _example(fields: Iterable[tuple[str, str]]) -> str:
    """The payload as the export reader reads it, built from the view's row ``x`` after
    the join to the findings: for their first rows only, not for every row (a fifth of
    the query's time in DuckDB on 1,000,000 PostHog events)."""
    pairs = ", ".join(f"{sql_string(name)}, {value}" for name, value in fields)
    return f"CAST(json_object({pairs}) AS VARCHAR)"


def _own_events(event: str) -> str:
    """Not an event the SDKs send by themselves (read_payload skips them)."""
    return f"{event} IS NOT NULL AND NOT ({automatic_sql(event)})"


def event_table(name: str) -> str:
    """The table Segment and RudderStack write an event's calls to: its snake_case name."""
    return to_case(split_words(name), "snake_case")


def _tracks(plan: Plan, table: str) -> str:
    """``tracks`` joined to the plan's event tables (an undeclared event has none known)."""
    schema = table.rpartition(".")[0]
    rows = " UNION ALL ".join(
        f"SELECT r.id, {ROW_JSON} AS properties "
        f"FROM {f'{schema}.' if schema else ''}{event_table(event)} AS r"
        for event in plan.events
    )
    joined = f" LEFT JOIN ({rows}) AS e ON e.id = t.id" if rows else ""
    props = "coalesce(e.properties, CAST('{}' AS JSON))" if rows else "CAST('{}' AS JSON)"
    return (
        f"SELECT t.id AS line, t.event_text AS event, {props} AS properties "
        f"FROM {table} AS t{joined} WHERE {_own_events('t.event_text')}"
    )


def _tracks_shape(tool: str) -> Shape:
    fields = (("type", "'track'"), ("event", "x.event"), ("properties", "x.properties"))
    example = _example((*fields, (WAREHOUSE_KEY, sql_string(tool))))
    return Shape(_tracks, example, WAREHOUSE_COLUMNS, ("context_",))


def _events_shape(
    line: str, event: str, properties: str, keys: tuple[str, str], *, sdk_keys: bool = True
) -> Shape:
    """A table of one row per event, its properties a JSON column; ``keys`` name the
    event and its properties in the example, as the tool's export writes them;
    ``sdk_keys``: the SDK's own keys are among the properties, left out."""

    def view(_plan: Plan, table: str) -> str:
        return (
            f"SELECT {line} AS line, {event} AS event, CAST({properties} AS JSON) AS properties "
            f"FROM {table} WHERE {_own_events(event)}"
        )

    example = _example(((keys[0], "x.event"), (keys[1], "x.properties")))
    if not sdk_keys:
        return Shape(view, example)
    return Shape(view, example, SDK_PROPERTY_KEYS, SDK_PROPERTY_PREFIXES)


SHAPE_OF: Mapping[str, Shape] = {
    "segment": _tracks_shape("segment"),
    "posthog": _events_shape("uuid", "event", "properties", ("event", "properties")),
    "mixpanel": _events_shape("insert_id", "event_name", "properties", ("event", "properties")),
    "amplitude": _events_shape(
        "uuid", "event_type", "event_properties", ("event_type", "event_properties"), sdk_keys=False
    ),
    "rudderstack": _tracks_shape("rudderstack"),
}
SHAPES = tuple(SHAPE_OF)


def warehouse_properties(record: Mapping[str, object]) -> Mapping[str, object]:
    """An example's record with the warehouse's own columns left out of its properties,
    when the example says it was built from them (Segment's and RudderStack's tables)."""
    properties = record.get("properties")
    if record.get(WAREHOUSE_KEY) not in SHAPE_OF or not isinstance(properties, Mapping):
        return record
    shape = SHAPE_OF[str(record[WAREHOUSE_KEY])]
    kept = {
        key: value
        for key, value in properties.items()
        if key not in shape.ignored_keys and not key.startswith(shape.ignored_prefixes)
    }
    return {**record, "properties": kept}


def shaped_query(
    plan: Plan, codes: Iterable[str], table: str, dialect: str, shape: str, config: Config
) -> str:
    """The checks as ``dialect``'s SQL over ``table`` in ``shape``'s warehouse schema."""
    found = SHAPE_OF[shape]
    sql = transpile(
        plan,
        codes,
        table,
        dialect,
        config=config,
        view=found.view,
        example=found.example,
        ignored_keys=found.ignored_sql(),
    )
    return sql.replace(ROW_JSON, ROW_JSON_SQL[dialect])
