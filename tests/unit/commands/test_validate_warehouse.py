"""``evdict validate --sql ... --shape TOOL`` over each tool's warehouse tables, and
``--from-results``: the same findings as the Python engine on the same payloads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable

import duckdb
import pytest
import sqlglot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.cli import validate as cli_validate
from evdict.commands.validate_sql import DIALECTS
from evdict.commands.validate_warehouse import SHAPES, event_table
from tests.conftest import RunCli, WriteFiles
from tests.unit.commands.test_validate import PLAN
from tests.unit.commands.test_validate_duckdb import HEX

Payload = tuple[str, dict[str, object]]
# Properties named as Segment and RudderStack name columns (snake_case), none null:
# their tables cannot tell a null from a property not sent.
PAYLOADS: list[Payload] = [
    ("report_exported", {"format": "csv", "report_id": "rep_1"}),
    ("report_exported", {"format": "pdf", "mail": "a@b.io"}),
    ("report_exported", {"format": "csv", "user_email": "x", "count": 2}),
    ("report_exported", {"email_hash": "ann@x.io"}),
    ("report_exported", {"format": "csv", "email_hash": HEX}),
    ("legacy_export_done", {}),
    ("report_exportd", {}),
    ("$pageview", {}),
    ("report_exported", {"format": "xlsx", "ip_address": "192.168.1.7", "tags": [1, "a"]}),
    ("report_exported", {"format": "pdf", "report_id": "nope", "mail": "b@c.io"}),
]
# An undeclared event's table is unknown to the Segment and RudderStack views.
UNDECLARED: list[Payload] = [("report_exportd", {"phone": "+1 415 555 2671", "n": 1.5})]


def export_line(shape: str, event: str, props: dict[str, object]) -> dict[str, object]:
    """The payload as the tool's export (read by the Python engine) writes it."""
    if shape in ("segment", "rudderstack"):
        return {"type": "track", "event": event, "properties": props, "userId": "u1"}
    if shape == "amplitude":
        return {"event_type": event, "event_properties": props, "user_id": "u1"}
    sdk = {"$lib": "web", "token": "t"} if shape == "posthog" else {"time": 1, "mp_lib": "web"}
    return {"event": event, "properties": {**props, **sdk, "distinct_id": "d1"}}


def load_tracks(db: duckdb.DuckDBPyConnection, payloads: list[Payload]) -> None:
    """Segment's and RudderStack's schema: ``tracks`` and a table per event, a column
    per property, the tool's own columns besides."""
    db.execute("CREATE SCHEMA seg")
    db.execute(
        "CREATE TABLE seg.tracks (id VARCHAR, event VARCHAR, event_text VARCHAR, "
        "user_id VARCHAR, received_at TIMESTAMP, context_library_name VARCHAR)"
    )
    for number, (event, _props) in enumerate(payloads):
        db.execute(
            "INSERT INTO seg.tracks VALUES (?, ?, ?, 'u1', TIMESTAMP '2026-01-01', 'web')",
            [f"m{number:03}", event_table(event), event],
        )
    for event in ("report_exported", "legacy_export_done"):
        columns = sorted({key for name, props in payloads if name == event for key in props})
        typed = "".join(f", {column} JSON" for column in columns)
        db.execute(
            f"CREATE TABLE seg.{event_table(event)} (id VARCHAR, user_id VARCHAR, "
            f"received_at TIMESTAMP, context_library_name VARCHAR{typed})"
        )
        for number, (name, props) in enumerate(payloads):
            if name == event:
                values = [
                    json.dumps(props[column]) if column in props else None for column in columns
                ]
                marks = "".join(", ?" for _ in columns)
                db.execute(
                    f"INSERT INTO seg.{event_table(event)} VALUES "
                    f"(?, 'u1', TIMESTAMP '2026-01-01', 'web'{marks})",
                    [f"m{number:03}", *values],
                )


def load_events(shape: str) -> Callable[[duckdb.DuckDBPyConnection, list[Payload]], None]:
    """PostHog's, Mixpanel's or Amplitude's events table, the properties as JSON."""
    line, event, properties = {
        "posthog": ("uuid", "event", "properties"),
        "mixpanel": ("insert_id", "event_name", "properties"),
        "amplitude": ("uuid", "event_type", "event_properties"),
    }[shape]

    def load(db: duckdb.DuckDBPyConnection, payloads: list[Payload]) -> None:
        db.execute("CREATE SCHEMA seg")
        db.execute(
            f"CREATE TABLE seg.tracks ({line} VARCHAR, {event} VARCHAR, {properties} VARCHAR, "
            "distinct_id VARCHAR)"
        )
        for number, (name, props) in enumerate(payloads):
            record = export_line(shape, name, props)
            sent = record.get("properties", record.get("event_properties"))
            db.execute(
                "INSERT INTO seg.tracks VALUES (?, ?, ?, 'd1')",
                [f"m{number:03}", name, json.dumps(sent)],
            )

    return load


def findings(output: str) -> list[tuple[str, str]]:
    return sorted((d["code"], d["message"]) for d in json.loads(output)["diagnostics"])


def test_the_cli_lists_the_shapes_and_dialects_it_does_not_import() -> None:
    assert cli_validate.SHAPES == SHAPES
    assert cli_validate.DIALECTS == DIALECTS


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_sql_of_each_shape_parses_back(
    write: WriteFiles, run: RunCli, dialect: str, shape: str
) -> None:
    write(**{"events.yaml": PLAN})
    result = run("validate", "--sql", dialect, "--table", "seg.tracks", "--shape", shape)
    assert result.exit_code == 0, result.output
    query = sqlglot.parse_one(result.output, read=dialect)
    assert "seg.tracks" in query.sql(dialect=dialect)
    if shape in ("segment", "rudderstack"):
        assert "seg.report_exported" in result.output
        assert "EVDICT_ROW_JSON" not in result.output
    # The example is built after the join to the findings, for their first rows only:
    # the view over the tool's tables (the first CTE) builds none.
    view = query.find(sqlglot.exp.CTE)
    assert view is not None and view.alias == "shaped_payloads"
    assert view.find(sqlglot.exp.JSONObject) is None
    assert "example" not in view.this.named_selects


@pytest.mark.parametrize("results_format", ["ndjson", "csv", "json"])
@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_run_in_duckdb_reports_the_python_engines_findings(
    write: WriteFiles, run: RunCli, shape: str, results_format: str
) -> None:
    tracks = shape in ("segment", "rudderstack")
    payloads = PAYLOADS if tracks else PAYLOADS + UNDECLARED
    export = "".join(json.dumps(export_line(shape, *p)) + "\n" for p in payloads)
    write(**{"events.yaml": PLAN, "export.ndjson": export})
    python = run("validate", "export.ndjson", "--engine", "python", "--format", "json")
    sql = run("validate", "--sql", "duckdb", "--table", "seg.tracks", "--shape", shape).output
    db = duckdb.connect()
    (load_tracks if tracks else load_events(shape))(db, payloads)
    cursor = db.execute(sql)
    columns = [column[0] for column in cursor.description or ()]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert {row["code"] for row in rows} >= {"EV301?", "EV302?", "EV303?", "EV601", "EV605"}
    if results_format == "ndjson":
        text = "".join(json.dumps(row, default=str) + "\n" for row in rows)
    elif results_format == "json":  # a warehouse's upper-case column names
        text = json.dumps([{k.upper(): v for k, v in row.items()} for row in rows], default=str)
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        writer.writerows(rows)
        text = out.getvalue()
    write(**{f"results.{results_format}": text})
    result = run("validate", "--from-results", f"results.{results_format}", "--format", "json")
    assert result.exit_code == 1, result.output
    expected = findings(python.output)
    assert {code for code, _ in expected} >= {"EV301", "EV302", "EV303", "EV601", "EV603"}
    assert findings(result.output) == expected


BAD_RESULTS = (
    "".join(
        json.dumps(row) + "\n"
        for row in [
            {"code": "EV601", "event": "report_exportd", "n": 3, "first": "m1", "last": "m9"},
            {"code": "EV604", "event": "report_exported", "detail": "format", "n": "2"},
            {"code": "EV605", "event": "report_exported", "property": "format", "n": 4},
            {
                "code": "EV605?",
                "event": "report_exported",
                "property": "gone",
                "detail": "1",
                "n": 1,
            },
            {"code": "EV302?", "event": "report_exported", "property": "x", "detail": "{", "n": 1},
            {"code": "EV999", "event": "e", "n": 1},
            {"code": "EV601", "event": "e", "n": "many"},
            {"event": "e", "n": 1},
            [1, 2],
        ]
    )
    + "{not json\n"
)


def test_rows_without_an_example_are_worded_by_the_rule_and_bad_rows_are_notes(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"events.yaml": PLAN, "results.ndjson": BAD_RESULTS})
    result = run("validate", "--from-results", "results.ndjson")
    assert result.exit_code == 1
    assert result.output == (
        "results.ndjson:1:1: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?) (first of 3 payloads)\n"
        "results.ndjson:2:1: EV604 [error] event `report_exported` is missing required "
        "property `format` (first of 2 payloads)\n"
        "results.ndjson:3:1: EV605 [error] A property value that breaks the property's schema: "
        "event `report_exported`, property `format` (first of 4 payloads)\n"
        "note: read 10 result rows\n"
        "note: 7 result rows were not understood: row 4 (EV605? of event `report_exported`: "
        "no property of the plan, or no value), row 5 (EV302? of event `report_exported`: "
        "no property of the plan, or no value), row 6 ('EV999' is no rule the query "
        "reports), row 7 (n is not a count of payloads: 'many'), row 8 (no code) and 2 more\n"
        "1 file: 3 errors\n"
    )


@pytest.mark.parametrize("report", ["json", "sarif", "markdown", "github", "text"])
def test_from_results_reports_in_every_format(write: WriteFiles, run: RunCli, report: str) -> None:
    write(**{"events.yaml": PLAN, "results.ndjson": BAD_RESULTS})
    result = run("validate", "--from-results", "results.ndjson", "--format", report)
    assert result.exit_code == 1
    assert "report_exportd" in result.output


def test_from_results_usage_errors(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "binary.csv": b"\xff\xfe\x00"})
    missing = run("validate", "--from-results", "nowhere.csv")
    assert missing.exit_code == 2
    assert missing.output.startswith("evdict: error: cannot read nowhere.csv: ")
    binary = run("validate", "--from-results", "binary.csv")
    assert binary.exit_code == 2
    assert binary.output.startswith("evdict: error: cannot read binary.csv: not CSV, NDJSON")
    both = run("validate", "export.ndjson", "--from-results", "binary.csv")
    assert both.exit_code == 2
    assert "--from-results reads the rows of a --sql query: no EXPORT" in both.output
    shape = run("validate", "--shape", "segment")
    assert shape.exit_code == 2
    assert "--shape goes with --sql and --table" in shape.output


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.text(max_size=30),
    st.sampled_from(["EV601", "EV605?", "EV302?", "EV303?", "EV301?", "EV604", "report_exported"]),
    st.sampled_from(["format", "email_hash", '"a@b.io"', "{", "[[[", "1e999", "NaN"]),
)
ROWS = st.lists(
    st.dictionaries(
        st.sampled_from([*("code", "event", "property", "detail", "n", "first"), "example"]),
        CELLS,
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, as_csv=st.booleans(), junk=st.binary(max_size=40))
def test_any_results_file_is_a_report_or_a_usage_error(
    write: WriteFiles, run: RunCli, rows: list[dict[str, object]], as_csv: bool, junk: bytes
) -> None:
    if as_csv:
        out = io.StringIO()
        writer = csv.DictWriter(
            out, ["code", "event", "property", "detail", "n", "example"], extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
        data = out.getvalue().encode() + junk
    else:
        data = "".join(json.dumps(row) + "\n" for row in rows).encode() + junk
    write(**{"events.yaml": PLAN, "results.txt": data})
    result = run("validate", "--from-results", "results.txt")
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


def test_sql_and_from_results_in_real_processes(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN, "results.ndjson": BAD_RESULTS})
    evdict = [sys.executable, "-m", "evdict", "validate"]
    sql = subprocess.run(
        [*evdict, "--sql", "bigquery", "--table", "seg.tracks", "--shape", "segment"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sql.returncode == 0, sql.stderr
    assert sql.stderr == ""  # no sqlglot warning on a terminal
    assert "JSON_STRIP_NULLS(TO_JSON(r))" in sql.stdout
    done = subprocess.run(
        [*evdict, "--from-results", "results.ndjson", "--format", "sarif"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["EV601", "EV604", "EV605"]
