"""The plan's payload checks as one SQL query (``evdict validate --sql``, ``--engine duckdb``).

The query reads a table of payloads with the columns ``line`` (where the payload is),
``event`` (its name), ``properties`` (a JSON object) and ``example`` (the payload as
written), and returns one row per (rule, event, property or missing set): how many
payloads break it, the first and the last line, and the first payload as an example.
It is written in DuckDB's dialect and transpiled by sqlglot to the warehouse's.

Compiled: EV301/EV302/EV303 personal data (a name, a value, a value not hashed),
EV601 undeclared event, EV603 undeclared property, EV604 missing required
properties, EV605 for schemas of ``type``, string ``enum``/``const``, ``pattern`` (RE2,
as DuckDB and evdict match it; a warehouse's own regex flavour may differ) and the
numeric bounds, EV607 deprecated event. The plan is data in the query (two VALUES
tables), so a 500-event plan is a join, not 3,000 branches. A property whose schema
uses anything else (format, lengths, items, non-string enums) yields its distinct
values as ``EV605?`` candidates, for the caller to judge in Python: exact, and
bounded by the values' cardinality. Personal data is found the same way: the SQL keeps
what evdict's detectors (:mod:`evdict.pii`) might take for personal data, by patterns
that are wider than theirs, and returns it as ``EV301?`` (undeclared names), ``EV302?``
and ``EV303?`` (distinct values) candidates, which the detectors then judge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evdict.config import Config
from evdict.linear_regex import UnsupportedPattern, compile_linear
from evdict.pii.hashes import (
    BASE64,
    DIGEST_BYTES,
    HEX_LENGTHS,
    HEX_PREFIXES,
    MAX_HASH,
    PASSWORD_HASH,
)
from evdict.pii.names import NameClassifier
from evdict.plan.model import Event, Plan, Property

DIALECTS = ("duckdb", "bigquery", "snowflake", "postgres", "clickhouse", "spark")
COMPILED_CODES = ("EV301", "EV302", "EV303", "EV601", "EV603", "EV604", "EV605", "EV607")
# A row coded ``EVxxx?`` is a candidate, for Python to judge: ``candidate("EV605")``.
CANDIDATE_MARK = "?"
# The name of the view over a tool's warehouse schema (``--shape``).
SHAPED = "shaped_payloads"
# ``table``, ``schema.table`` or ``project.dataset.table``: never SQL of its own.
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}")
# Keys that describe a value but never reject one.
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment", "deprecated"})
# JSON Schema types as DuckDB's json_type names them; INTEGRAL: 1.0 is an integer too. No
# name is part of another but BIGINT of UBIGINT, which go together: a type is among a
# schema's types when its name is in their text (no commas added around it for each
# value: 3 % of a chunk's time).
JSON_TYPES = {
    "string": ("VARCHAR",),
    "boolean": ("BOOLEAN",),
    "null": ("NULL",),
    "array": ("ARRAY",),
    "object": ("OBJECT",),
    "number": ("BIGINT", "UBIGINT", "DOUBLE"),
    "integer": ("BIGINT", "UBIGINT", "INTEGRAL"),
}
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
# The columns of plan_properties, typed so a column of NULLs is still of its type.
PROPERTY_COLUMNS = (
    ("event", "VARCHAR"),
    ("property", "VARCHAR"),
    ("required", "BOOLEAN"),
    ("position", "INTEGER"),
    ("compiled", "BOOLEAN"),
    ("hashed", "BOOLEAN"),
    ("types", "VARCHAR"),
    ("allowed", "JSON"),
    ("pattern", "VARCHAR"),
    *((bound, "DOUBLE") for bound in BOUNDS),
)
# A value (p.type, p.value, p.number, p.text of sent) that breaks the compiled schema
# beside it (its row of plan_properties, or of plan_rules in the DuckDB engine): one
# keyword it does not hold, each tested only on the values it applies to. Written as a
# disjunction of conjunctions (the negation of "every keyword holds" pushed inwards:
# the same in SQL's three-valued logic), so that a filter tests each term only on the
# rows the previous ones left.
NUMBER = "p.number"
NUMERIC = "p.type IN ('BIGINT', 'UBIGINT', 'DOUBLE')"
BREAKS = f"""(
  (p.types IS NOT NULL AND NOT contains(p.types, p.type)
   AND (p.type <> 'DOUBLE' OR NOT contains(p.types, 'INTEGRAL')
        OR NOT isfinite({NUMBER}) OR floor({NUMBER}) <> {NUMBER}))
  OR (p.allowed IS NOT NULL AND (p.type <> 'VARCHAR' OR NOT json_contains(p.allowed, p.value)))
  OR (p.pattern IS NOT NULL AND p.type = 'VARCHAR' AND NOT {{matches}})
  OR (p.minimum IS NOT NULL AND {NUMERIC} AND {NUMBER} < p.minimum)
  OR (p.maximum IS NOT NULL AND {NUMERIC} AND {NUMBER} > p.maximum)
  OR (p.exclusiveMinimum IS NOT NULL AND {NUMERIC} AND {NUMBER} <= p.exclusiveMinimum)
  OR (p.exclusiveMaximum IS NOT NULL AND {NUMERIC} AND {NUMBER} >= p.exclusiveMaximum))"""

# Python's str.strip() whitespace, in RE2.
SPACE = r"[\t-\r\x{1c}-\x{1f}\x{85}\pZ]"
# Wider than evdict.pii.values' card (13-19 digits, spaces, dashes), IP address (and
# zone) and phone (6-30 of digits, spaces, ().-, a leading +) patterns, whole once stripped.
MAYBE_PERSONAL = (
    rf"^{SPACE}*(?:[0-9 ().+-]{{6,37}}|[0-9a-fA-F:.]{{2,45}}(?:%[\w.-]{{1,20}})?){SPACE}*$"
)
# looks_hashed's ``(?i:sha256)``, ASCII only: RE2 folds case in Unicode (U+017F is ``s``).
ANY_CASE_PREFIX = (
    "(?:(?:"
    + "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in prefix)
        for prefix in HEX_PREFIXES
    )
    + ")[:$])"
)
HEX_HASH = (
    rf"^{ANY_CASE_PREFIX}?(?:"
    + "|".join(f"[0-9a-f]{{{n}}}|[0-9A-F]{{{n}}}" for n in sorted(HEX_LENGTHS))
    + ")$"
)
# The lengths of base64 text (padding stripped) of the digests looks_hashed knows.
BASE64_LENGTHS = ", ".join(str((4 * n + 2) // 3) for n in sorted(DIGEST_BYTES))


def _hashed() -> str:
    """Whether string ``p.text`` is certainly hashed as evdict.pii.hashes.looks_hashed
    says; any other (one with spaces around it too) is a candidate for looks_hashed."""
    digest = f"regexp_replace(p.text, {_literal('^' + ANY_CASE_PREFIX)}, '')"
    return f"""(length(p.text) <= {MAX_HASH} AND (
  (regexp_matches(p.text, {_literal(HEX_HASH)})
   AND regexp_matches({digest}, '[0-9]') AND regexp_matches({digest}, '[a-fA-F]'))
  OR regexp_matches(p.text, {_literal("^(?:" + PASSWORD_HASH.pattern + ")$")})
  OR (regexp_matches(p.text, {_literal("^" + BASE64.pattern + "$")})
      AND length(rtrim(p.text, '=')) IN ({BASE64_LENGTHS})
      AND regexp_matches(p.text, '[A-Z]') AND regexp_matches(p.text, '[a-z]')
      AND regexp_matches(p.text, '[0-9+/_-]'))))"""


def candidate(code: str) -> str:
    """The code of ``code``'s candidate rows."""
    return code + CANDIDATE_MARK


CANDIDATES = tuple(candidate(code) for code in ("EV301", "EV302", "EV303", "EV605"))


def sql_string(text: str) -> str:
    """``text`` as a DuckDB string literal: its quotes doubled, DuckDB's strings have no
    escapes (what sqlglot writes too; importing sqlglot costs the DuckDB engine 0.12 s)."""
    return "'" + text.replace("'", "''") + "'"


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
    """Whether the value matches ``p.pattern``: one constant regex per distinct pattern
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
    return f"CASE p.pattern {branches} END" if branches else "TRUE"


def property_rows(event: Event) -> Iterable[tuple[object, ...]]:
    """The event's properties as rows of the columns of :data:`PROPERTY_COLUMNS`."""
    for position, (name, prop) in enumerate(event.properties.items()):
        rule = value_rule(prop)
        yield (
            event.name,
            name,
            bool(prop.required),
            position,
            rule is not None,
            prop.pii == "hashed",
            *((rule or {}).get(column) for column, _kind in PROPERTY_COLUMNS[6:]),
        )


@dataclass(frozen=True, slots=True)
class Check:
    """One rule's test of a property sent (a row ``p`` of ``sent``): its findings are
    grouped by (event, property), and by value too for a candidate ``by_value``."""

    code: str
    condition: str
    by_value: bool = False


def property_checks(
    plan: Plan,
    wanted: set[str],
    config: Config | None,
    *,
    known: str,
    native: bool,
    breaks: str = "p.breaks",
) -> dict[str, Check]:
    """The tests of the codes ``wanted`` that read one property sent, by code (the
    personal-data ones as candidates); ``known``: whether ``p.event`` is declared,
    ``breaks``: whether the value breaks its compiled schema (:func:`breaks_sql`)."""
    pii = config.pii if config is not None else None
    classifier = NameClassifier(pii.extra_names, pii.safe_names) if pii else NameClassifier()
    checks: list[Check] = []
    if "EV301" in wanted:
        # A name's words are ASCII letters and digits: one of the fragments shows in its
        # letters, whatever separates them (`e_mail`, `E-Mail`).
        fragments = sorted(classifier.name_fragments())
        if native:
            # The separators removed first: a plain alternation, which RE2 compiles in a
            # millisecond, not ten (once a query, so once a chunk); sqlglot does not
            # transpile regexp_replace's 'g' for every dialect.
            letters = "regexp_replace(lower(p.key), '[^a-z0-9]+', '', 'g')"
            pattern = "|".join(fragments)
        else:
            letters, pattern = "lower(p.key)", "|".join("[^a-z0-9]*".join(f) for f in fragments)
        condition = f"NOT p.declared AND regexp_matches({letters}, {_literal(pattern)})"
        checks.append(Check(candidate("EV301"), condition))
    if "EV302" in wanted:
        condition = (
            "NOT coalesce(p.hashed, FALSE) AND ("
            "(p.type IN ('BIGINT', 'UBIGINT') AND p.number >= 1e12 AND p.number < 1e19) OR "
            f"(p.type = 'VARCHAR' AND (contains(p.text, '@') "
            f"OR regexp_matches(p.text, {_literal(MAYBE_PERSONAL)}))))"
        )
        checks.append(Check(candidate("EV302"), condition, by_value=True))
    if "EV303" in wanted and any(
        p.pii == "hashed" for e in plan.events.values() for p in e.properties.values()
    ):  # else nothing to find: its regexes not compiled, once per query
        condition = (
            "p.hashed AND p.type NOT IN ('NULL', 'BOOLEAN') "
            f"AND NOT coalesce(p.type = 'VARCHAR' AND {_hashed()}, FALSE)"
        )
        checks.append(Check(candidate("EV303"), condition, by_value=True))
    if "EV603" in wanted:
        checks.append(Check("EV603", f"NOT p.declared AND {known}"))
    if "EV605" in wanted:
        checks.append(Check("EV605", breaks))
        checks.append(Check(candidate("EV605"), "p.declared AND NOT p.compiled", by_value=True))
    return {check.code: check for check in checks}


def breaks_sql(plan: Plan, wanted: set[str]) -> str:
    """Whether a property sent (``p``, with its schema's columns) breaks its compiled
    schema (:data:`BREAKS`), FALSE when EV605 is not wanted."""
    if "EV605" not in wanted:
        return "FALSE"
    return f"p.compiled AND {BREAKS.format(matches=_matches(plan))}"


EVENT_COLUMNS = (("event", "VARCHAR"), ("deprecated", "BOOLEAN"))
# The required properties, a table of the plan's too (EV604 joins each payload to them).
REQUIRED = "SELECT * FROM plan_properties WHERE required"
Rows = list[tuple[object, ...]]


def _plan_rows(plan: Plan) -> dict[str, tuple[tuple[tuple[str, str], ...], Rows]]:
    """The plan's tables as rows: name: (columns, rows)."""
    events: Rows = [(e.name, e.status == "deprecated") for e in plan.events.values()]
    props = [row for e in plan.events.values() for row in property_rows(e)]
    return {"plan_events": (EVENT_COLUMNS, events), "plan_properties": (PROPERTY_COLUMNS, props)}


def plan_tables(plan: Plan) -> dict[str, str]:
    """The plan as the tables the query reads (name: its SELECT), in dependency order."""
    tables = {name: _values(rows, columns) for name, (columns, rows) in _plan_rows(plan).items()}
    return {**tables, "required": REQUIRED}


def build_query(
    plan: Plan,
    codes: Iterable[str],
    table: str = "payloads",
    *,
    config: Config | None = None,
    view: str | None = None,
    example: str = "x.example",
    ignored_keys: str | None = None,
) -> str:
    """The checks of ``codes`` (of :data:`COMPILED_CODES`) on ``table``, DuckDB SQL for
    sqlglot to transpile (``--sql``, Spark).

    ``config`` gives the project's personal-data names; ``view`` is a query defining
    ``table`` (a tool's warehouse schema as the columns the checks read), ``example``
    the first payload of a finding as SQL over its row ``x`` of ``table``, and
    ``ignored_keys`` a condition on ``key`` naming properties that are not the
    product's (an SDK's ``$`` keys, a warehouse's own columns)."""
    wanted = set(codes)
    aggregate = "count(*) AS n, min(p.line) AS first, max(p.line) AS last"
    known = "p.event IN (SELECT event FROM plan_events)"
    checks = property_checks(plan, wanted, config, known=known, native=False)

    def grouped(code: str) -> str:
        check = checks[code]
        detail = "CAST(p.value AS VARCHAR)" if check.by_value else "NULL"
        return (
            f"SELECT '{code}' AS code, p.event, p.key AS property, {detail} AS detail, "
            f"{aggregate} FROM sent AS p WHERE {check.condition} "
            f"GROUP BY p.event, p.key{', p.value' if check.by_value else ''}"
        )

    personal = [candidate(code) for code in ("EV301", "EV302", "EV303")]
    parts = [grouped(code) for code in personal if code in checks]
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
    if "EV603" in checks:
        parts.append(grouped("EV603"))
    if "EV604" in wanted:
        # NULLS FIRST (positions are never NULL): DuckDB's default, NULLS LAST, is no
        # option of BigQuery's STRING_AGG, and sqlglot warns on stderr for it.
        parts.append(
            f"SELECT 'EV604' AS code, p.event, NULL AS property, p.missing AS detail, {aggregate} "
            "FROM (SELECT s.line, s.event, "
            "string_agg(d.property, ', ' ORDER BY d.position NULLS FIRST) AS missing FROM src AS s "
            "JOIN required AS d ON d.event = s.event "
            "WHERE json_type(s.properties, '$.' || to_json(d.property)) IS NULL "
            "GROUP BY s.line, s.event) AS p GROUP BY p.event, p.missing"
        )
    parts += [grouped(code) for code in ("EV605", candidate("EV605")) if code in checks]
    if not parts:
        parts.append(
            "SELECT NULL AS code, NULL AS event, NULL AS property, NULL AS detail, "
            "0 AS n, 0 AS first, 0 AS last WHERE FALSE"
        )
    # The example is fetched for the findings' first lines only: carried through the
    # joins, the payloads' text would be copied once per property sent.
    keys = f" WHERE NOT ({ignored_keys})" if ignored_keys else ""
    plan_columns = ", ".join(f"d.{name}" for name, _kind in PROPERTY_COLUMNS[4:])
    shaped = f"{table} AS ({view}), " if view else ""
    inline = "".join(f"{name} AS ({select}), " for name, select in plan_tables(plan).items())
    return (
        f"WITH {shaped}{inline}"
        f"src AS (SELECT line, event, CAST(properties AS JSON) AS properties FROM {table}), "
        # Each property sent beside its plan_properties row (joined once for all checks).
        "sent AS MATERIALIZED (SELECT p.line, p.event, p.key, p.value, p.type, p.number, "
        f"p.text, p.declared, p.compiled, p.hashed, {breaks_sql(plan, wanted)} AS breaks FROM ("
        "SELECT v.line, v.event, v.key, v.value, "
        f"{TYPED} AS type, {NUMBER_OF} AS number, {TEXT_OF} AS text, "
        f"d.property IS NOT NULL AS declared, {plan_columns} "
        f"FROM (SELECT * FROM ({_properties_sent()}) AS k{keys}) AS v "
        "LEFT JOIN plan_properties AS d ON d.event = v.event AND d.property = v.key) AS p), "
        f"findings AS ({' UNION ALL '.join(parts)}) "
        f"SELECT f.*, {example} AS example FROM findings AS f JOIN {table} AS x "
        "ON x.line = f.first "
        "ORDER BY f.first, f.code"
    )


# A value sent (``v.value``): its JSON type as :data:`JSON_TYPES` names it, its number
# (for the bounds) and its text (for patterns and personal data).
TYPED = "json_type(v.value)"
NUMBER_OF = (
    "CASE WHEN json_type(v.value) IN ('BIGINT', 'UBIGINT', 'DOUBLE') "
    "THEN TRY_CAST(v.value AS DOUBLE) END"
)
TEXT_OF = "CASE WHEN json_type(v.value) = 'VARCHAR' THEN v.value ->> '$' END"


def _properties_sent() -> str:
    """(line, event, key, value) of each property sent, from ``src``: json_keys and a
    JSON pointer per key, 6x faster than json_each in DuckDB 1.x."""
    return (
        "SELECT line, event, key, json_extract(properties, '/' || "
        "replace(replace(key, '~', '~0'), '/', '~1')) AS value "
        "FROM (SELECT line, event, properties, unnest(json_keys(properties)) AS key FROM src) AS u"
    )


def transpile(
    plan: Plan,
    codes: Iterable[str],
    table: str,
    dialect: str,
    *,
    config: Config | None = None,
    view: Callable[[Plan, str], str] | None = None,
    example: str = "x.example",
    ignored_keys: str | None = None,
) -> str:
    """The checks as ``dialect``'s SQL over ``table`` (a name, ``schema.table`` too),
    pretty-printed; ValueError when ``table`` is not a plain (dotted) name. ``view``
    builds the query that gives ``table`` the columns the checks read, ``example`` the
    first payload of a finding from its row ``x`` of it."""
    import sqlglot
    from sqlglot import exp

    if TABLE_NAME.fullmatch(table) is None:
        raise ValueError(f"not a table name: {table!r}")
    name = exp.to_table(table, dialect=dialect).sql(dialect="duckdb")
    if view is None:
        sql = build_query(plan, codes, name, config=config)
    else:
        sql = build_query(
            plan,
            codes,
            SHAPED,
            config=config,
            view=view(plan, name),
            example=example,
            ignored_keys=ignored_keys,
        )
    return sqlglot.parse_one(sql, read="duckdb").sql(dialect=dialect, pretty=True)
