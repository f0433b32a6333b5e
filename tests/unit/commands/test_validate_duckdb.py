"""``evdict validate --engine duckdb`` and ``--sql``: the same findings as the Python engine."""

from __future__ import annotations

import gzip
import io
import json
import random
import threading
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlglot import exp

from evdict.api import load_plan
from evdict.checker import Selection
from evdict.cli import validate as cli_validate
from evdict.commands import (
    validate,
    validate_duckdb,
    validate_ingest,
    validate_pipeline,
    validate_results,
)
from evdict.commands.validate import Validation, bounded_lines, validate_lines
from evdict.commands.validate_duckdb import validate_stream_duckdb
from evdict.commands.validate_sql import (
    DIALECTS,
    JSON_TYPES,
    build_query,
    sql_string,
    value_rule,
)
from evdict.config import Config
from evdict.diagnostics import Diagnostic
from evdict.plan.model import Plan
from tests.conftest import RunCli, WriteFiles
from tests.unit.commands.test_validate import PLAN, line

RICH_PLAN = (
    PLAN
    + """\
  order_placed:
    description: An order was paid.
    category: revenue
    owner: team-shop
    properties:
      total: {type: number, minimum: 0, required: true, description: Amount paid.}
      items: {type: integer, required: true, description: How many items.}
      coupon: {type: [string, "null"], description: A coupon code.}
      express: {type: boolean, description: Express delivery.}
      currency: {type: string, const: EUR, description: Always euros.}
      tags: {type: array, description: Labels.}
      sku: {type: string, pattern: "^SKU-[0-9]{3}$", description: The first item.}
      channel: {enum: [web, 1, null], description: Where it was placed.}
"""
)


def plan_of(write: WriteFiles, text: str) -> tuple[Config, Plan]:
    root = write(**{"events.yaml": text})
    config = Config.from_data({}, root)
    return config, load_plan(config)


def both(config: Config, plan: Plan, data: bytes) -> tuple[Validation, Validation]:
    selection = Selection.build(config.rules)
    python = validate_lines(
        bounded_lines(io.BytesIO(data)), "export.ndjson", plan, config, selection
    )
    duck = validate_stream_duckdb(io.BytesIO(data), "export.ndjson", plan, config, selection)
    return python, duck


def assert_agree(python: Validation, duck: Validation) -> None:
    assert [str(d) for d in duck.diagnostics] == [str(d) for d in python.diagnostics]
    assert duck.diagnostics == python.diagnostics
    assert duck.notes() == python.notes()


HEX = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
# The payloads of test_validate.py's fixtures, each an export of its own.
FIXTURES = [
    line({"event": "report_exported", "properties": {"format": "pdf", "report_id": "rep_1"}})
    + line({"event": "report_exported", "properties": {"format": "pdf"}})
    + line({"event": "report_exportd", "properties": {"format": "csv"}})
    + "\n"
    + line({"event": "legacy_export_done", "properties": {}})
    + line({"event": "report_exported", "properties": {"format": "csv", "mail": "a@b.io"}})
    + line({"type": "identify", "userId": "u1"})
    + "{not json\n",
    line({"event_type": "report_exported", "event_properties": {"email_hash": "ana@x.io"}}),
    line({"event": "report_exportd", "properties": {"format": "pdf"}})
    + line({"event": "report_exported", "properties": {"format": "csv"}}),
    '{"event": "report_exported", "properties": {"format": "\xff"}}\n',
    # personal data: by name, by value (and values reserved for documentation), unhashed
    line({"event": "report_exported", "properties": {"format": "csv", "userEmail": "x"}})
    + line(
        {"event": "report_exportd", "properties": {"e_mail": 1, "phone_number": "+1 415 555 2671"}}
    )
    + line(
        {"event": "report_exported", "properties": {"format": "csv", "note": " jo@gmail.com\u2003"}}
    )
    + line({"event": "report_exported", "properties": {"format": "csv", "ip": "203.0.113.9"}})
    + line({"event": "report_exported", "properties": {"format": "csv", "card": 4539148803436467}})
    + line({"event": "report_exported", "properties": {"format": "csv", "email_hash": HEX}})
    + line({"event": "report_exported", "properties": {"format": "csv", "email_hash": f" {HEX} "}})
    + line({"event": "report_exported", "properties": {"format": "csv", "email_hash": 42}})
    + line({"event": "report_exported", "properties": {"format": "csv", "email_hash": "ann@x.io"}}),
    line({"event": "report_exported", "properties": {"format": "csv", "report_id": "x"}})
    + line({"event": "report_exported", "properties": {"format": "csv", "report_id": "y"}}),
    "",
]


@pytest.mark.parametrize("export", FIXTURES)
def test_both_engines_agree_on_the_fixtures(write: WriteFiles, export: str) -> None:
    config, plan = plan_of(write, PLAN)
    python, duck = both(config, plan, export.encode("utf-8", "surrogateescape"))
    assert_agree(python, duck)


def generated_export(seed: int, count: int) -> bytes:
    """``count`` payloads, right and wrong, in every shape, with hostile lines among them."""
    pick = random.Random(seed)
    events = ["report_exported", "order_placed", "legacy_export_done", "report_exportd"]
    values: list[object] = [
        "csv", "xlsx", "pdf", "EUR", "usd", "rep_12", "SKU-123", "SKU-1", 0, 1, 2.5, -3,
        1.0, True, None, [], ["a"], {"k": 1}, "web", 10**30, "é\u2028",
        # personal data, documentation values, hashes and near misses of each
        "ana@x.io", "see ana@x.io!", "jo@example.com", "+1 415 555 2671", "(415) 555-0142",
        "192.168.1.7", "192.0.2.1", "::1", "2001:db8::1", "fe80::1%eth0", 4539148803436467,
        "4539 1488 0343 6467", 4539148803436468, "2024-01-02", "1.2.3", HEX, HEX.upper(),
        f" {HEX}", "sha256:" + HEX, "Sha256:" + HEX, "\u017fha256:" + HEX, "$2b$12$" + "a" * 53, "q83vEjRWeJCrze8SNFZ4mg==",
        "q83vEjRWeJCrze8SNFZ4mgXX", "x" * 400, "\u00a0+44 7911 123456\u3000",
    ]  # fmt: skip
    keys = ["format", "report_id", "total", "items", "coupon", "express", "currency", "tags"]
    keys += ["sku", "channel", "mail", "é", 'a"b\\\\c', "x.y", "", "email_hash", "userEmail"]
    keys += ["ip_address", "E-Mail", "phone_numbers", "has_email", "server_ip", "name"]
    out: list[bytes] = []
    for number in range(count):
        props = {key: pick.choice(values) for key in pick.sample(keys, pick.randint(0, 6))}
        event = pick.choice(events)
        shape = pick.randrange(4)
        if shape == 0:
            record: object = {"type": "track", "event": event, "properties": props, "userId": "u"}
        elif shape == 1:
            record = {"event_type": event, "event_properties": props}
        elif shape == 2:
            record = {"event": event, "properties": {**props, "$lib": "web", "time": 1}}
        else:
            record = {"event": event, "properties": {**props, "time": 1, "distinct_id": "d"}}
        out.append(json.dumps(record, ensure_ascii=pick.random() < 0.5).encode())
        if number % 97 == 0:
            out.append(pick.choice([b"{oops", b"\xff\xfe\x00", b"[1, 2]", b"", b"   ", b"null"]))
        if number % 331 == 0:
            deep = b'{"event": "order_placed", "properties": {"tags": ' + b"[" * 400
            out.append(deep + b"]" * 400 + b"}}")
            out.append(b"[" * 5000 + b"]" * 5000)
        if number % 503 == 0:
            out.append(b'{"event": "order_placed", "properties": {"total": NaN}}')
            out.append(b'{"event": "order_placed", "properties": {"coupon": "\\ud800"}}')
    return b"\n".join(out) + b"\n"


@pytest.mark.parametrize("chunk", [validate_ingest.CHUNK, 4096])
def test_both_engines_agree_on_a_generated_export(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Small chunks: about 100 of them, judged two at a time, their aggregates added up;
    # then the findings' first payloads judged again in batches of 7.
    if chunk != validate_ingest.CHUNK:
        monkeypatch.setattr(validate_results, "BATCH", 7)
    monkeypatch.setattr(validate_ingest, "CHUNK", chunk)
    config, plan = plan_of(write, RICH_PLAN)
    python, duck = both(config, plan, generated_export(seed=19, count=3000))
    assert python.payloads > 2900 and len(python.not_understood) > 20
    assert {d.code for d in python.diagnostics} >= {
        *("EV301", "EV302", "EV303", "EV601", "EV603", "EV604", "EV605", "EV607")
    }
    assert_agree(python, duck)


def test_duckdb_engine_through_the_cli_with_a_gzipped_export(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"events.yaml": PLAN, "export.ndjson": FIXTURES[0]})
    Path("export.ndjson.gz").write_bytes(gzip.compress(FIXTURES[0].encode()))
    python = run("validate", "export.ndjson", "--engine", "python")
    duck = run("validate", "export.ndjson.gz", "--engine", "duckdb")
    assert duck.exit_code == 1
    assert "export.ndjson:3:11: EV601 [error] event `report_exportd`" in python.output
    assert duck.output.replace("export.ndjson.gz", "export.ndjson") == python.output


def test_a_truncated_gzip_export_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "export.ndjson.gz": gzip.compress(FIXTURES[0].encode())[:40]})
    result = run("validate", "export.ndjson.gz")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: cannot read export.ndjson.gz: ")


def test_value_rules_compile_what_sql_can_say(write: WriteFiles) -> None:
    _config, plan = plan_of(write, RICH_PLAN + "      code: {type: string, format: email}\n")
    props = plan.events["order_placed"].properties
    assert value_rule(props["express"]) == {"types": ",BOOLEAN,"}
    assert value_rule(props["items"]) == {"types": ",BIGINT,UBIGINT,INTEGRAL,"}
    assert value_rule(props["currency"]) == {"types": ",VARCHAR,", "allowed": '["EUR"]'}
    assert value_rule(props["total"]) == {"types": ",BIGINT,UBIGINT,DOUBLE,", "minimum": 0.0}
    assert value_rule(props["sku"]) == {"types": ",VARCHAR,", "pattern": "^SKU-[0-9]{3}$"}
    assert value_rule(props["channel"]) is None  # an enum not all strings: judged in Python
    assert value_rule(props["code"]) is None  # a format: judged in Python


@pytest.mark.parametrize("dialect", DIALECTS)
def test_sql_for_each_dialect_parses_back(write: WriteFiles, run: RunCli, dialect: str) -> None:
    write(**{"events.yaml": RICH_PLAN})
    result = run("validate", "--sql", dialect, "--table", "analytics.payloads")
    assert result.exit_code == 0, result.output
    query = sqlglot.parse_one(result.output, read=dialect)
    assert "analytics.payloads" in query.sql(dialect=dialect)
    assert "'EV601' AS code" in result.output


def test_the_duckdb_sql_runs_on_a_table_of_payloads(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    sql = run("validate", "--sql", "duckdb", "--table", "payloads").output
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE payloads (line BIGINT, event VARCHAR, properties JSON, example VARCHAR)"
    )
    rows = [
        (1, "report_exportd", {}),
        (2, "report_exported", {"format": "pdf", "mail": "x"}),
        (3, "legacy_export_done", {}),
        (4, "report_exported", {"format": "pdf"}),
    ]
    for number, event, props in rows:
        connection.execute(
            "INSERT INTO payloads VALUES (?, ?, ?, ?)", [number, event, json.dumps(props), ""]
        )
    found = connection.execute(sql).fetchall()
    assert [
        (code, event, prop, detail, n, first, last)
        for code, event, prop, detail, n, first, last, _ in found
    ] == [
        ("EV601", "report_exportd", None, None, 1, 1, 1),
        ("EV603", "report_exported", "mail", None, 1, 2, 2),
        ("EV605", "report_exported", "format", None, 2, 2, 4),
        ("EV607", "legacy_export_done", None, None, 1, 3, 3),
    ]


def test_sql_options_go_together_and_the_table_is_a_name(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    alone = run("validate", "--sql", "duckdb")
    assert alone.exit_code == 2
    assert "--sql and --table go together" in alone.output
    both_ways = run("validate", "export.ndjson", "--sql", "duckdb", "--table", "t")
    assert both_ways.exit_code == 2
    assert "--sql prints the query for --table: it reads no EXPORT" in both_ways.output
    bad = run("validate", "--sql", "postgres", "--table", "x; DROP TABLE y")
    assert bad.exit_code == 2
    assert bad.output == "evdict: error: --table: not a table name: 'x; DROP TABLE y'\n"


def test_an_empty_plan_compiles_to_a_query_that_runs() -> None:
    query = build_query(Plan(events={}), ("EV601", "EV603", "EV604", "EV605", "EV607"))
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE payloads AS SELECT 1::BIGINT AS line, 'a' AS event, "
        "'{\"k\": 1}'::JSON AS properties, '' AS example"
    )
    assert connection.execute(query).fetchall() == [("EV601", "a", None, None, 1, 1, 1, "")]


@pytest.mark.parametrize(
    "plan_text", ["events: {}\n", "events:\n  report_exported:\n    description: Exported.\n"]
)
def test_both_engines_agree_on_a_plan_without_properties(write: WriteFiles, plan_text: str) -> None:
    # The DuckDB engine's plan tables then have no rows to fill: typed, empty, joined.
    config, plan = plan_of(write, plan_text)
    export = line({"event": "report_exported", "properties": {"format": "csv"}})
    python, duck = both(config, plan, export.encode())
    assert [d.code for d in python.diagnostics] == ["EV603" if plan.events else "EV601"]
    assert_agree(python, duck)


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_lines_across_chunks_keep_their_numbers(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(validate_ingest, "CHUNK", chunk)
    monkeypatch.setattr(validate, "MAX_LINE", 60)  # some lines are too long, across chunks
    config, plan = plan_of(write, PLAN)
    data = "".join(FIXTURES).encode() + b'\xff\xfe\n{"event": "x"}'
    python, duck = both(config, plan, data)
    assert python.too_long == [1, 2, 6, 9, 11, *range(13, 24)]
    assert python.not_understood == [8, 24]
    assert_agree(python, duck)


def test_an_overlong_line_is_noted_by_both_engines(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "MAX_LINE", 200)
    config, plan = plan_of(write, PLAN)
    long = line({"event": "report_exportd", "properties": {"note": "x" * 1000}})
    python, duck = both(config, plan, (long + FIXTURES[2] + long).encode())
    assert python.too_long == [1, 4]
    assert_agree(python, duck)


HOSTILE = [
    b'{"event": "report_exported", "properties": {"format": "pdf", "format": "csv"}}',
    b'{"event": "report_exportd", "event": "report_exported", "properties": {"format": "csv"}}',
    b'{"event": "report_exported", "properties": {"format": "csv\\u0000"}}',
    b'{"event": "report_exported", "properties": {"format": "csv"}}\r',
    b'{"event": "report_exported",\r"properties": {"format": "csv"}}',
    b"\x0b\x0c",
    b'{"event": "report_exported", "type": 5, "properties": {}}',
    b'{"event": "report_exported", "type": null, "properties": {"format": "x"}}',
    b'{"event": "report_exported", "type": "identify"}',
    b'{"type": "page"}',
    b'{"type": "page", "event": 3}',
    b'{"event": 3, "properties": {}}',
    b'{"event": "$pageview", "properties": "x"}',
    b'{"event": "report_exported", "properties": "x"}',
    b'{"event": "report_exported", "properties": null}',
    b'{"event": "report_exported", "properties": []}',
    b'{"event_type": "report_exported", "event_properties": {"$lib": 1, "format": "csv"}}',
    b'{"event": "report_exported", "properties": {"time": 1, "distinct_id": "d", "mp_x": 1}}',
    b'{"event": "report_exported", "properties": {"$set": {}, "token": "t", "format": "csv"}}',
    b'{"event": "report_exported", "properties": {"format": "csv", "n": 1e400}}',
    b'{"event": "report_exported", "properties": {"format": "csv", "n": -Infinity}}',
    b'{"event": "report_exported", "properties": {"format": "csv"},}',
    b'{"event": "report_exported", "properties": {"format": "csv" /* c */}}',
    b'{"event": "report_exported", "properties": {"format": "csv", "tags": [1,]}}',
    b'{"event": "report_exported", "properties": {"format": "csv"}} // done',
    b'{"event": "report_exported", "properties": {"format": "csv"}} {}',
    b'"just a string"',
    b'\xef\xbb\xbf{"event": "report_exported"}',
    b'{"event": "report_exported", "properties": {"format": "\t"}}',
    b'{"event": "report_exported", "properties": {"format": "\\ud83d\\ude00"}}',
    b'{"event": "r\\u00e9port", "properties": {"\\u00e9": 1}}',
]


def test_both_engines_agree_on_hostile_lines(write: WriteFiles) -> None:
    config, plan = plan_of(write, RICH_PLAN)
    python, duck = both(config, plan, b"\n".join(HOSTILE) + b"\n")
    assert python.payloads == 14
    assert_agree(python, duck)


TRACK = b'{"type": "track", '
# Segment track calls, the lines the engine reads without the shapes' tests, and the
# near misses that must take those tests: each hostile line as a track call too.
TRACK_CALLS = [
    TRACK + b'"event": "report_exported", "properties": {"format": "csv"}}',
    TRACK + b'"event": "report_exported"}',
    TRACK + b'"event": "report_exported", "properties": {"format": "x"}, "userId": "u"}',
    TRACK + b'"event": "$pageview", "properties": {"format": "csv"}}',
    TRACK + b'"event": "[Amplitude] Start", "properties": {}}',
    TRACK + b'"event": "\\u0024pageview", "properties": {}}',
    TRACK + b'"event_type": "report_exported", "event": "order_placed", "properties": {}}',
    TRACK + b'"event_type": null, "event": "order_placed", "properties": {}}',
    TRACK + b'"event_type": 3, "event": "order_placed", "properties": {}}',
    b'{"type": "tr\\u0061ck", "event": "report_exported", "properties": {"format": "x"}}',
    TRACK + b'"type": "identify", "event": "report_exported", "properties": {}}',
    TRACK + b'"event": "report_exported", "userId": "a", "userId": 2, "properties": {}}',
    TRACK + b'"context": {}, "event": "report_exported", "context": 1, "properties": {}}',
    b'{"type": "identify", "type": "track", "event": "report_exported", "properties": {}}',
    b' \t{"type": "track", "event": "report_exported", "properties": {"format": "x"}}',
    b'\xef\xbb\xbf{"type": "track", "event": "report_exported", "properties": {}}',
    *(line.replace(b'{"event"', TRACK + b'"event"', 1) for line in HOSTILE),
]


def test_both_engines_agree_on_track_calls_and_their_near_misses(write: WriteFiles) -> None:
    config, plan = plan_of(write, RICH_PLAN)
    python, duck = both(config, plan, b"\n".join(TRACK_CALLS) + b"\n")
    assert python.payloads == 25
    assert_agree(python, duck)


def _keys(count: int) -> str:
    return "".join(f'"k{index}": {index}, ' for index in range(count))


# A key twice, in lists of keys short and long (each is searched its own way).
MANY_KEYS = [
    TRACK.decode()
    + f'"event": "report_exported", "properties": {{{_keys(n)}"format": "csv", "format": "x"}}}}'
    for n in (0, 40)
] + [
    TRACK.decode()
    + f'{_keys(n)}"event": "report_exportd", "event": "report_exported", "properties": {{}}}}'
    for n in (0, 40)
]
# No key a shape reads twice: judged by DuckDB.
MANY_KEYS_ONCE = [
    TRACK.decode() + f'"event": "report_exported", "properties": {{{_keys(n)}"format": "x"}}}}'
    for n in (0, 40)
] + [TRACK.decode() + f'{_keys(n)}"k1": 2, "event": "report_exported"}}' for n in (2, 40)]


def test_a_key_twice_leaves_duckdb_however_many_keys_the_line_has(write: WriteFiles) -> None:
    lines = [line.encode() for line in MANY_KEYS + MANY_KEYS_ONCE]
    connection = duckdb.connect()
    verdicts = connection.execute(
        f"WITH {validate_ingest.records_sql()} SELECT verdict FROM records ORDER BY line",
        [1, "\n".join(MANY_KEYS + MANY_KEYS_ONCE)],
    ).fetchall()
    assert verdicts == [("python",)] * len(MANY_KEYS) + [(None,)] * len(MANY_KEYS_ONCE)
    config, plan = plan_of(write, RICH_PLAN)
    python, duck = both(config, plan, b"\n".join(lines) + b"\n")
    assert python.payloads == 8
    assert_agree(python, duck)


def test_a_progress_bar_on_a_terminal_only(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(**{"events.yaml": PLAN, "export\x1b.ndjson": FIXTURES[0]})
    piped = run("validate", "export\x1b.ndjson", "--engine", "duckdb")
    assert piped.stderr == ""
    monkeypatch.setattr(cli_validate, "stderr_is_terminal", lambda: True)
    shown = run("validate", "export\x1b.ndjson", "--engine", "duckdb")
    assert shown.stderr == "\revdict: reading export?.ndjson: 0 MB\x1b[K\r\x1b[K"
    assert shown.stdout == piped.stdout


def test_duckdb_is_the_default_engine(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(**{"events.yaml": PLAN, "export.ndjson": FIXTURES[0]})
    assert "[default: duckdb]" in " ".join(run("validate", "--help").stdout.split())
    monkeypatch.setattr(cli_validate, "stderr_is_terminal", lambda: True)
    # Only the DuckDB engine draws a progress line.
    assert run("validate", "export.ndjson").stderr.startswith("\revdict: reading export.ndjson")
    assert run("validate", "export.ndjson", "--engine", "python").stderr == ""


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_several_exports_and_globs_each_judged_and_named(
    write: WriteFiles, run: RunCli, engine: str
) -> None:
    write(
        **{
            "events.yaml": PLAN,
            "a.ndjson": FIXTURES[2],
            "day/1.ndjson": FIXTURES[5],
            "day/2.ndjson": "{not json\n",
        }
    )
    Path("day/3.ndjson.gz").write_bytes(gzip.compress(FIXTURES[2].encode()))
    result = run("validate", "a.ndjson", "day/*.ndjson*", "--engine", engine)
    assert result.exit_code == 1
    assert result.stdout == (
        "a.ndjson:1:11: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?)\n"
        "day/1.ndjson:1:62: EV605 [error] value of property `report_id` of event "
        "`report_exported` breaks its schema: 'x' does not match '^rep_[0-9]+$' "
        "(first of 2 payloads)\n"
        "day/3.ndjson.gz:1:11: EV601 [error] event `report_exportd` is not declared in the "
        "plan (did you mean `report_exported`?)\n"
        "note: a.ndjson: validated 2 payloads\n"
        "note: day/1.ndjson: validated 2 payloads\n"
        "note: day/2.ndjson: validated 0 payloads\n"
        "note: day/2.ndjson: 1 line is not an event of a known export shape (Segment, "
        "PostHog, Mixpanel, Amplitude): line 1\n"
        "note: day/3.ndjson.gz: validated 2 payloads\n"
        "4 files: 3 errors\n"
    )


def test_a_glob_that_matches_nothing_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    result = run("validate", "exports/*.ndjson")
    assert result.exit_code == 2
    assert result.stderr == "evdict: error: no file matches exports/*.ndjson\n"


# A Segment export as a table: a header, then a payload a row (an identify, one not JSON).
CSV_EXPORT = (
    "type,event,userId,properties\n"
    'track,report_exported,u1,"{""format"": ""pdf"", ""report_id"": ""rep_1"", '
    '""note"": ""ana@x.io""}"\n'
    'track,report_exportd,u2,"{""format"": ""csv""}"\n'
    "identify,,u3,\n"
    "track,legacy_export_done,u4,\n"
    'track,"report\nexported",u5,{not json\n'
)


def write_formats(root: Path) -> None:
    duckdb.execute(
        f"COPY (SELECT * FROM read_csv('{root / 'export.csv'}', all_varchar = true)) "
        f"TO '{root / 'export.parquet'}' (FORMAT parquet)"
    )
    array = [json.loads(text) for text in FIXTURES[2].splitlines()] + [5, {"event": None}]
    (root / "export.json.gz").write_bytes(gzip.compress(json.dumps(array).encode()))


@pytest.mark.parametrize("name", ["export.csv", "export.parquet", "export.json.gz"])
def test_both_engines_read_csv_parquet_and_json_arrays(
    write: WriteFiles, run: RunCli, name: str
) -> None:
    root = write(**{"events.yaml": PLAN, "export.csv": CSV_EXPORT})
    write_formats(root)
    python = run("validate", name, "--engine", "python")
    duck = run("validate", name, "--engine", "duckdb")
    assert duck.stdout == python.stdout
    assert python.exit_code == 1
    if name == "export.json.gz":  # element numbers
        assert python.stdout == (
            "export.json.gz:1:11: EV601 [error] event `report_exportd` is not declared in the "
            "plan (did you mean `report_exported`?)\n"
            "note: validated 2 payloads\n"
            "note: 2 lines are not an event of a known export shape (Segment, PostHog, "
            "Mixpanel, Amplitude): line 3, 4\n"
            "1 file: 1 error\n"
        )
        return
    # Row numbers, the header not counted; an empty column is no key (row 3: an identify).
    assert python.stdout == (
        f"{name}:1:71: EV605 [error] value of property `format` of event `report_exported` "
        "breaks its schema: 'pdf' is not one of ['csv', 'xlsx']\n"
        f"{name}:1:106: EV302 [error] payload sends a literal personal-data value "
        "'a***@x.io' (contact: email address) as property `note` of event `report_exported`\n"
        f"{name}:1:106: EV603 [warning] property `note` is not declared for event "
        "`report_exported`\n"
        f"{name}:2:25: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?)\n"
        f"{name}:4:25: EV607 [warning] event `legacy_export_done` is deprecated since "
        "2026-01: track `report_exported` instead\n"
        "note: validated 3 payloads\n"
        "note: skipped 1 record: Segment identify calls\n"
        "note: 1 line is not an event of a known export shape (Segment, PostHog, Mixpanel, "
        "Amplitude): line 5\n"
        "1 file: 3 errors, 2 warnings\n"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("broken.parquet", b"PAR1 not really"), ("broken.json", b"[{1: 2}")],
)
def test_a_table_duckdb_cannot_read_is_a_usage_error(
    write: WriteFiles, run: RunCli, name: str, content: bytes
) -> None:
    root = write(**{"events.yaml": PLAN})
    (root / name).write_bytes(content)
    result = run("validate", name)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"evdict: error: cannot read {name}: ")
    assert "Traceback" not in result.output


def test_a_type_is_among_a_schemas_types_when_its_name_is_in_their_text() -> None:
    # The query tests contains(types, type): no JSON type's name is part of another
    # name a schema's types may hold without it (BIGINT of UBIGINT: always together).
    names = {name for kinds in JSON_TYPES.values() for name in kinds}
    for kinds in JSON_TYPES.values():
        text = ",".join(kinds)
        for name in names:
            assert (name in text) == (name in kinds), (name, kinds)
    assert all(("BIGINT" in kinds) == ("UBIGINT" in kinds) for kinds in JSON_TYPES.values())


@pytest.mark.parametrize(
    ("size", "workers", "expected"),
    [
        (1050, 2, 88),
        (1050, 3, 88),
        (1000, 2, 100),
        (101, 2, 51),
        (100, 2, 100),  # one chunk: not cut
        (0, 2, 100),
    ],
)
def test_a_file_is_cut_into_a_multiple_of_the_workers_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, workers: int, expected: int
) -> None:
    # 1,050 bytes in chunks of at most 100 and 2 workers: 12 chunks of 88 (the last
    # one 82), not 10 of 100 and an eleventh of 50 judged alone.
    monkeypatch.setattr(validate_ingest, "CHUNK", 100)
    export = tmp_path / "export.ndjson"
    export.write_bytes(b"x" * size)
    with export.open("rb") as stream:
        assert validate_ingest.chunk_size(stream, workers) == expected


def test_a_stream_of_unknown_length_is_cut_in_whole_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_ingest, "CHUNK", 100)
    export = tmp_path / "export.ndjson.gz"
    export.write_bytes(gzip.compress(b"x" * 1000))
    with export.open("rb") as raw, gzip.GzipFile(fileobj=raw) as unzipped:
        assert validate_ingest.chunk_size(unzipped, 2) == 100
    assert validate_ingest.chunk_size(io.BytesIO(b"x" * 1000), 2) == 100


def test_lines_over_the_limit_are_noted_and_skipped_across_chunks() -> None:
    result = Validation()
    long = b"x" * (validate.MAX_LINE * 2 + 5)
    stream = io.BytesIO(long + b"\n" + b'{"a": 1}\n' + b"y" * (validate.MAX_LINE + 1))
    chunks = list(validate_ingest.line_chunks(stream, result))
    assert chunks == [validate_ingest.Chunk(2, 1, '{"a": 1}')]
    assert result.too_long == [1, 3]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from([b"", b"a", b"bb\xff", b"c" * 7, b"d" * 12, b"e\xc3\xa9"])),
    size=st.integers(1, 16),
    last=st.booleans(),
)
def test_chunks_hold_each_line_at_its_number(lines: list[bytes], size: int, last: bool) -> None:
    """Chunks of any size give each line at its number (and say how many they hold),
    the last with or without its newline; a line too long (over 10 bytes here) is there whole or noted, one that is
    not UTF-8 noted and its place kept empty."""
    data = b"\n".join(lines) + (b"\n" if last and lines else b"")
    result = Validation()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "MAX_LINE", 10)
        chunks = list(validate_ingest.line_chunks(io.BytesIO(data), result, size=size))
    assert [chunk.lines for chunk in chunks] == [chunk.text.count("\n") + 1 for chunk in chunks]
    got = {
        number: text
        for chunk in chunks
        for number, text in enumerate(chunk.text.split("\n"), start=chunk.first)
    }
    wanted = dict(enumerate(data.removesuffix(b"\n").split(b"\n") if data else [], start=1))
    assert result.not_understood == [n for n, text in wanted.items() if text == b"bb\xff"]
    for number, text in wanted.items():
        if number in result.too_long:
            assert len(text) > 10 and number not in got
        else:
            assert got.pop(number) == ("" if text == b"bb\xff" else text.decode())
    assert not got


def test_both_engines_agree_on_a_generated_export_as_a_json_array(
    write: WriteFiles, run: RunCli
) -> None:
    elements = []
    for text in generated_export(seed=7, count=1000).splitlines():
        try:
            json.loads(text, parse_constant=lambda _: 1 / 0)  # no NaN: not JSON to DuckDB
        except (ValueError, RecursionError, ZeroDivisionError):
            continue
        # Elements DuckDB's own reader takes (test_validate_arrays: those it refuses).
        if b"\\ud800" not in text and b"[[[" not in text:
            elements.append(text)
    write(
        **{
            "events.yaml": RICH_PLAN,
            "export.json": "[" + ",".join(e.decode() for e in elements) + "]",
        }
    )
    python = run("validate", "export.json", "--engine", "python")
    duck = run("validate", "export.json", "--engine", "duckdb")
    assert python.exit_code == 1
    assert python.stdout.endswith(
        "note: validated 1000 payloads\n"
        "note: 3 lines are not an event of a known export shape (Segment, PostHog, "
        "Mixpanel, Amplitude): line 293, 585, 974\n"
        "1 file: 108 errors, 78 warnings\n"
    )
    assert duck.stdout == python.stdout


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_a_string_literal_is_what_sqlglot_writes_and_duckdb_reads_back(text: str) -> None:
    assert sql_string(text) == exp.Literal.string(text).sql(dialect="duckdb")
    if "\x00" not in text:  # DuckDB's strings hold no NUL
        assert duckdb.sql(f"SELECT {sql_string(text)}").fetchall() == [(text,)]


def test_a_plan_without_hashed_properties_leaves_ev303_out_of_the_query(
    write: WriteFiles,
) -> None:
    _config, plan = plan_of(write, PLAN)
    assert "'EV303?'" in build_query(plan, ("EV302", "EV303"))
    unhashed = PLAN.replace("pii: hashed, ", "")
    assert unhashed != PLAN
    _config, plan = plan_of(write, unhashed)
    assert "'EV303?'" not in build_query(plan, ("EV302", "EV303"))
    assert "'EV302?'" in build_query(plan, ("EV302", "EV303"))


def test_personal_data_candidates_are_only_what_the_detectors_might_find(
    write: WriteFiles,
) -> None:
    config, plan = plan_of(write, PLAN)
    query = build_query(plan, ("EV301", "EV302", "EV303"), config=config)
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE payloads (line BIGINT, event VARCHAR, properties JSON, example VARCHAR)"
    )
    sent = {
        "format": "csv",
        "report_id": "rep_1",
        "userEmail": "x",
        "ticket_count": 3,
        "email_hash": HEX,
        "note": "a@b.io",
        "ref": "+1 415 555 2671",
        "order": 12,
    }
    connection.execute("INSERT INTO payloads VALUES (1, 'report_exported', ?, '')", [sent])
    connection.execute(
        "INSERT INTO payloads VALUES (2, 'report_exported', ?, '')",
        [{"email_hash": "sha256:" + HEX.upper(), "ref": 4539148803436467}],
    )
    connection.execute(
        "INSERT INTO payloads VALUES (3, 'report_exported', ?, '')", [{"email_hash": " a "}]
    )
    # RE2 would fold U+017F to s in (?i:sha256); looks_hashed does not take it for a prefix
    connection.execute(
        "INSERT INTO payloads VALUES (4, 'report_exported', ?, '')",
        [{"email_hash": "\u017fha256:" + HEX}],
    )
    rows = connection.execute(query).fetchall()
    # The hashes and the values no detector takes are not candidates; `note` (holding
    # `no`, as in `phone_no`) is, and Python judges it no personal-data name.
    assert sorted((code, prop, detail, first) for code, _, prop, detail, _, first, *_ in rows) == [
        ("EV301?", "note", None, 1),
        ("EV301?", "userEmail", None, 1),
        ("EV302?", "note", '"a@b.io"', 1),
        ("EV302?", "ref", '"+1 415 555 2671"', 1),
        ("EV302?", "ref", "4539148803436467", 2),
        ("EV303?", "email_hash", '" a "', 3),
        ("EV303?", "email_hash", f'"\u017fha256:{HEX}"', 4),
    ]


def shown(found: Diagnostic) -> str:
    where = found.location
    return f"{where.path}:{where.line}:{where.column}: {found.code} [{found.severity.value}] {found.message}"


def test_undeclared_events_worded_without_judging_their_payloads(write: WriteFiles) -> None:
    # DuckDB's EV601 groups are worded by the rule from the event and its line's text:
    # a rename, a "did you mean", a severity from the config, a count, and an event
    # first written as a property key (its column is where it is first written).
    root = write(
        **{
            "events.yaml": PLAN.replace(
                "    category: retention\n",
                "    category: retention\n    renamed_from: [report_downloaded]\n",
                1,
            )
        }
    )
    config = Config.from_data({"rules": {"severity": {"EV601": "warning"}}}, root)
    plan = load_plan(config)
    data = (
        line({"event": "report_downloaded", "properties": {"format": "csv"}})
        + line({"event": "report_exportd", "properties": {"format": "csv"}})
        + line({"properties": {"signup": 1}, "event": "signup"})
        + line({"event": "report_exportd", "properties": {}})
    ).encode()
    python, duck = both(config, plan, data)
    assert_agree(python, duck)
    assert [shown(d) for d in duck.diagnostics] == [
        "export.ndjson:1:11: EV601 [warning] event `report_downloaded` was renamed to "
        "`report_exported`: track `report_exported`",
        "export.ndjson:2:11: EV601 [warning] event `report_exportd` is not declared in the "
        "plan (did you mean `report_exported`?) (first of 2 payloads)",
        "export.ndjson:3:17: EV601 [warning] event `signup` is not declared in the plan",
    ]


def test_a_payload_of_many_properties_is_read_once(write: WriteFiles) -> None:
    # 4,000 undeclared properties on one 90 KB line: the query returned the line once per
    # finding (360 MB, over DuckDB's memory), and each finding parsed it again.
    config, plan = plan_of(write, PLAN)
    properties = {f"property_{index:05}": index for index in range(4000)}
    data = line({"event": "report_exported", "properties": {"format": "csv", **properties}})
    python, duck = both(config, plan, data.encode())
    assert_agree(python, duck)
    assert len(duck.diagnostics) == 4000
    column = data.index('"property_03999"') + 1
    assert shown(duck.diagnostics[-1]) == (
        f"export.ndjson:1:{column}: EV603 [warning] property "
        "`property_03999` is not declared for event `report_exported`"
    )


# The plan as DuckDB receives it (one JSON text): names with quotes and non-ASCII
# letters, infinite bounds, enums of such strings, an event without properties.
AWKWARD_PLAN = """\
events:
  "it's \\"done\\"":
    description: Quoted.
    properties:
      "größe": {type: number, minimum: -.inf, maximum: .inf, required: true}
      'say "é"': {type: string, enum: ["é", "it's", "\\"q\\""]}
  bare_event:
    description: No properties.
    status: deprecated
"""


def test_a_plan_of_awkward_names_and_bounds_is_read_by_duckdb_as_by_python(
    write: WriteFiles,
) -> None:
    config, plan = plan_of(write, AWKWARD_PLAN)
    event = json.dumps('it\'s "done"')
    lines = [
        f'{{"event": {event}, "properties": {{"größe": 1e300, "say \\"é\\"": "é"}}}}',
        f'{{"event": {event}, "properties": {{"größe": "1", "say \\"é\\"": "it\'s"}}}}',
        f'{{"event": {event}, "properties": {{"say \\"é\\"": "\\"q\\"", "x": 1}}}}',
        f'{{"event": {event}, "properties": {{"größe": 2, "say \\"é\\"": "e"}}}}',
        '{"event": "bare_event", "properties": {"a": 1}}',
    ]
    python, duck = both(config, plan, "\n".join(lines).encode())
    assert [(d.code, d.location.line) for d in python.diagnostics] == [
        ("EV605", 2),
        ("EV604", 3),
        ("EV603", 3),
        ("EV605", 4),
        ("EV607", 5),
        ("EV603", 5),
    ]
    assert_agree(python, duck)


def test_a_finding_on_a_line_too_long_to_carry_is_located_from_the_chunk(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lines longer than the example DuckDB carries (64 KiB, 20 bytes here): their text
    # is read from the chunk.
    monkeypatch.setattr(validate_pipeline, "EXAMPLE_LIMIT", 20)
    config, plan = plan_of(write, PLAN)
    lines = [
        '{"event": "report_exported", "properties": {"format": "csv"}}',
        '{"event": "report_exported", "properties": {"format": "x", "rows": 1}}',
        '{"event": "report_exportd"}',
        '{"event": "report_exported", "properties": {"colour": "red"}}',
    ]
    python, duck = both(config, plan, ("\n".join(lines) + "\n").encode())
    assert [(d.code, d.location.line) for d in python.diagnostics] == [
        ("EV605", 2),
        ("EV603", 2),
        ("EV601", 3),
        ("EV604", 4),
        ("EV603", 4),
    ]
    assert_agree(python, duck)


REQUIRED_PLAN = """\
events:
  none_required:
    description: No property required.
    properties:
      a: {type: string}
  one_required:
    description: One property required.
    properties:
      a: {type: string, required: true}
      b: {type: string}
  three_required:
    description: Three properties required.
    properties:
      a: {type: string, required: true}
      b: {type: string}
      c: {type: string, required: true}
      d: {type: string, required: true}
"""


@pytest.mark.parametrize(
    ("event", "keys", "missing"),
    [
        ("none_required", "", None),
        ("one_required", '"a": "x"', None),
        ("one_required", '"b": "x"', "`a`"),
        ("one_required", "", "`a`"),
        ("three_required", '"d": "x", "a": "x", "c": "x"', None),
        ("three_required", '"a": "x", "b": "x"', "`c`, `d`"),
        ("three_required", "", "`a`, `c`, `d`"),
    ],
)
def test_missing_required_properties_however_many_an_event_requires(
    write: WriteFiles, event: str, keys: str, missing: str | None
) -> None:
    config, plan = plan_of(write, REQUIRED_PLAN)
    line = f'{{"event": "{event}", "properties": {{{keys}}}}}\n'
    python, duck = both(config, plan, line.encode())
    found = [d.message for d in python.diagnostics if d.code == "EV604"]
    assert len(found) == (missing is not None)
    assert missing is None or missing in found[0]
    assert_agree(python, duck)


class _InterruptedExport(io.BytesIO):
    """An export whose reading is interrupted (Ctrl-C) at its sixth read."""

    reads = 0

    def readinto(self, buffer: Any) -> int:
        self.reads += 1
        if self.reads == 6:
            raise KeyboardInterrupt
        return super().readinto(buffer)


def test_an_interrupted_run_drops_the_chunks_read_ahead(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five chunks read (two lines each): the first two judged, the next ones being
    # judged or waiting when Ctrl-C comes. The fifth (at line 9) is never judged.
    monkeypatch.setattr(validate_ingest, "CHUNK", 64)
    monkeypatch.setattr(validate_duckdb, "WORKERS", 2)
    judged: list[int] = []
    original = validate_duckdb.Worker.judge

    def slow_judge(self: validate_duckdb.Worker, chunk: validate_ingest.Chunk) -> Any:
        judged.append(chunk.first)
        threading.Event().wait(0.3)  # long enough for the others to wait
        return original(self, chunk)

    monkeypatch.setattr(validate_duckdb.Worker, "judge", slow_judge)
    config, plan = plan_of(write, PLAN)
    export = _InterruptedExport(b'{"event": "report_exported"}\n' * 40)
    with pytest.raises(KeyboardInterrupt):
        validate_stream_duckdb(export, "x.ndjson", plan, config, Selection.build(config.rules))
    assert export.reads == 6
    assert judged[:3] == [1, 3, 5]
    assert 9 not in judged
