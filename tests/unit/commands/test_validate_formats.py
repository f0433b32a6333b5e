"""Parquet and CSV exports as NDJSON: each row written as the JSON object of its columns,
byte for byte what ``to_json`` of a map of them wrote (the reference kept here)."""

from __future__ import annotations

import gzip
import io
import json
import threading
from pathlib import Path

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evdict.commands.validate_formats import (
    Column,
    columns,
    judge_export,
    record_sql,
    value_sql,
)
from evdict.commands.validate_shapes import SHAPES
from evdict.commands.validate_sql import sql_string
from tests.conftest import RunCli, WriteFiles
from tests.unit.commands.test_validate import PLAN


def reference_record(table: list[Column]) -> str:
    """The expression evdict wrote each row with before: ``to_json`` of a map of the
    columns that are not NULL (nor JSON's ``null``)."""
    entries = [f"{{'k': {sql_string(column.name)}, 'v': {value_sql(column)}}}" for column in table]
    return (
        f"to_json(map_from_entries(list_filter([{', '.join(entries)}], "
        # a lambda parameter no column is named (names are at most 8 characters): DuckDB
        # would read `e.v` as column `E`'s field
        "lambda evdict_entry: evdict_entry.v IS NOT NULL AND evdict_entry.v <> 'null')))"
    )


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# Names to escape (a quote, a backslash, control characters, a line break, non-ASCII)
# and every kind of value: text read as JSON or not, nested, NaN, binary.
TYPES = {
    "type": "VARCHAR",
    "event": "VARCHAR",
    "properties": "VARCHAR",
    "event_properties": "VARCHAR",
    'say "hi"': "VARCHAR",
    "two\nlines": "INTEGER",
    "back\\slash\t/": "DOUBLE",
    "\x01\x1f\x7f": "BOOLEAN",
    "é中\u2028😀": "VARCHAR",
    "nested": 'STRUCT(a INTEGER, "b""\n" VARCHAR[])',
    "list": "INTEGER[]",
    "map": "MAP(VARCHAR, DOUBLE)",
    "payload": "JSON",
    "when": "TIMESTAMP",
    "amount": "DECIMAL(9, 2)",
    "bytes": "BLOB",
}
ROWS = [
    # Every column set; text properties spaced out (read as JSON: written compact).
    "'track', 'report_exported', '{\"format\":  \"csv\", \"n\": [1, 2]}', '{not json', "
    "'x\"y\\z' || chr(10), 7, 'NaN', true, 'ü' || chr(1), "
    "row(1, ['x', NULL]), [1, NULL, 3], MAP {'k\"': 1.5, 'n': NULL}, "
    "'{\"a\": null}', TIMESTAMP '2026-01-02 03:04:05.5', 12.5, '\\xFF\\x00'::BLOB",
    # No column set: an empty object.
    ", ".join(["NULL"] * len(TYPES)),
    # JSON's null left out (text that holds it, a JSON column); empty nests kept.
    "'identify', NULL, 'null', '\"just text\"', '', -1, 'Infinity', false, '', "
    "row(NULL, []), [], MAP {}, 'null', NULL, -0.01, ''::BLOB",
    "NULL, 'e', '', '  [1, {\"b\": null}] ', NULL, NULL, -0.0, NULL, NULL, NULL, [NULL], "
    "NULL, '[]', NULL, NULL, NULL",
]


def write_table(connection: duckdb.DuckDBPyConnection) -> None:
    definition = ", ".join(f"{identifier(name)} {kind}" for name, kind in TYPES.items())
    connection.execute(f"CREATE TABLE t ({definition})")
    for row in ROWS:
        connection.execute(f"INSERT INTO t VALUES ({row})")


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_each_row_is_written_as_to_json_of_a_map_wrote_it(tmp_path: Path, kind: str) -> None:
    connection = duckdb.connect()
    write_table(connection)
    source = tmp_path / f"export.{kind}"
    connection.execute(f"COPY t TO {sql_string(str(source))} (FORMAT {kind})")
    reader = (
        f"read_parquet({sql_string(str(source))})"
        if kind == "parquet"
        else f"read_csv({sql_string(str(source))}, all_varchar = true, header = true)"
    )
    table = columns(connection, reader)
    assert [column.name for column in table] == list(TYPES)
    expected = connection.execute(f"SELECT {reference_record(table)} FROM {reader}").fetchall()
    folder = tmp_path / "work"
    folder.mkdir()
    written = judge_export(source, kind, folder, lambda rows: rows.read())
    assert written == "".join(f"{text}\n" for (text,) in expected).encode()
    lines = written.decode().split("\n")
    assert lines[1] == "{}"
    # Keys escaped; text properties read as the JSON they hold, or kept as text.
    for member in [
        '"properties":{"format":"csv","n":[1,2]},"event_properties":"{not json",',
        '"say \\"hi\\"":',
        '"two\\nlines":',
        '"back\\\\slash\\t/":',
        '"\\u0001\\u001F\x7f":',
        '"é中\u2028😀":',
    ]:
        assert member in lines[0]
    assert '"properties"' not in lines[2]
    assert '"event_properties":"just text"' in lines[2]  # the JSON string it holds


def test_a_table_of_no_columns_is_an_empty_object() -> None:
    assert duckdb.sql(f"SELECT {record_sql([])}, {reference_record([])}").fetchall() == [
        ("{}", "{}")
    ]


# What a Parquet or CSV file can hold: UTF-8 (no lone surrogate), and no NUL.
TEXT_CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")
NAMES = st.one_of(
    st.sampled_from([shape.properties for shape in SHAPES]),
    st.text(TEXT_CHARACTERS, min_size=1, max_size=8),
)
JSON_TEXTS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
).map(json.dumps)
VALUES = {
    "VARCHAR": st.one_of(JSON_TEXTS, st.text(TEXT_CHARACTERS)),
    "BIGINT": st.integers(-(2**63), 2**63 - 1),
    "DOUBLE": st.floats(),
    "JSON": JSON_TEXTS,
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, str], list[list[object]]]:
    names = draw(st.lists(NAMES, min_size=1, max_size=6, unique_by=(str.lower, str.casefold)))
    kinds = {name: draw(st.sampled_from(sorted(VALUES))) for name in names}
    rows = draw(
        st.lists(
            st.tuples(*(st.none() | VALUES[kind] for kind in kinds.values())).map(list),
            min_size=1,
            max_size=4,
        )
    )
    return kinds, rows


@settings(max_examples=60, deadline=None)
@given(table=tables())
@example(table=({"E": "BIGINT"}, [[None]]))  # a column named as the reference's lambda once was
def test_any_table_is_written_as_to_json_of_a_map_wrote_it(
    table: tuple[dict[str, str], list[list[object]]],
) -> None:
    kinds, rows = table
    connection = duckdb.connect()
    definition = ", ".join(f"{identifier(name)} {kind}" for name, kind in kinds.items())
    connection.execute(f"CREATE TABLE t ({definition})")
    connection.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(kinds))})", rows)
    described = columns(connection, "t")
    assert (
        connection.execute(f"SELECT {record_sql(described)} FROM t").fetchall()
        == connection.execute(f"SELECT {reference_record(described)} FROM t").fetchall()
    )


def test_an_export_cut_short_is_a_usage_error_though_its_start_was_read(
    write: WriteFiles, run: RunCli
) -> None:
    # DuckDB finds the end missing once the engine judges the rows written before it.
    rows = "".join(f'track,report_exported,u{n},"{{""format"": ""pdf""}}"\n' for n in range(10**5))
    data = gzip.compress(f"type,event,userId,properties\n{rows}".encode())
    root = write(**{"events.yaml": PLAN})
    (root / "export.csv.gz").write_bytes(data[: len(data) // 2])
    for engine in ("python", "duckdb"):
        result = run("validate", "export.csv.gz", "--engine", engine)
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            "evdict: error: cannot read export.csv.gz: IO Error: Unexpected end of GZIP "
            "stream: export.csv.gz\n",
        )


def test_a_judge_interrupted_stops_the_writing(tmp_path: Path) -> None:
    source = tmp_path / "export.parquet"
    duckdb.execute(
        "COPY (SELECT 'track' AS type, 'e' || range AS event FROM range(1000000)) "
        f"TO {sql_string(str(source))}"
    )

    def interrupted(rows: io.BufferedIOBase) -> None:
        rows.read(1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        judge_export(source, "parquet", tmp_path, interrupted)
    assert "evdict-export" not in [thread.name for thread in threading.enumerate()]
    # Stopped, not left to write its 1,000,000 rows (35 MB).
    assert (tmp_path / "export.ndjson").stat().st_size < 10 * 2**20
