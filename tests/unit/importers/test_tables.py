"""The spreadsheet exports (Avo's tracking plan CSV, Amplitude's events CSV) and the
JSON both vendors export, given bad input: each problem is a note at its file and
line (or JSON pointer), the rest is read; arbitrary tables and bytes never raise."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import parse_document

AMPLITUDE_HEADER = "Object Type,Object Name,Event Property Name,Property Value Type\n"
AVO_HEADER = "Event Name,Property Name,Property Value Type\n"


def _notes(fmt: str, path: Path) -> tuple[dict[str, Any], list[str]]:
    imported = read_plan(fmt, [path])
    return imported.events, [str(note) for note in imported.notes]


def test_a_csv_without_the_columns_it_needs_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Object Type,Event Property Name\nEvent,x\n", encoding="utf-8")
    events, notes = _notes("amplitude", path)
    assert events == {}
    assert notes == [f"{path.as_posix()}:1: no 'Object Name' column: skipped"]
    events, notes = _notes("avo", path)
    assert notes == [f"{path.as_posix()}:1: no 'Event Name', 'Property Name' column: skipped"]


def test_header_names_match_in_any_case_and_spacing(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "OBJECT TYPE,object  name,Event property NAME,property value type\n"
        "Event,Signed Up,,\n,,plan,string\n",
        encoding="utf-8",
    )
    assert _notes("amplitude", path) == (
        {"Signed Up": {"properties": {"plan": {"type": "string"}}}},
        [],
    )


def test_the_amplitude_user_properties_export_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "user-properties.csv"
    path.write_text("Property Type,Property Name\nUser Property,plan\n", encoding="utf-8")
    assert _notes("amplitude", path) == (
        {},
        [
            f"{path.as_posix()}:1: the user properties export: a plan event holds event "
            "properties: skipped"
        ],
    )


def test_rows_are_numbered_by_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        AMPLITUDE_HEADER + 'Event,"Song\nPlayed",,\n,,,string\n,,genre,text\n', encoding="utf-8"
    )
    events, notes = _notes("amplitude", path)
    assert events == {"Song\nPlayed": {"properties": {"genre": {}}}}
    assert notes == [
        f"{path.as_posix()}:4: an empty property name (a plan name has a character): skipped",
        f"{path.as_posix()}:5: value type 'text' is not one of string, number, boolean, any, "
        "enum, const: kept untyped",
    ]


def test_a_property_before_any_event_and_an_unknown_group(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Object Type,Object Name,Event Property Name,Property Group Names\n"
        ",,orphan,\nEvent,A,,Missing Group\nWidget,B,,\n,,lost,\nEvent,,,\nEvent,A,,\n",
        encoding="utf-8",
    )
    shown = path.as_posix()
    assert _notes("amplitude", path) == (
        {"A": {}},
        [
            f"{shown}:2: property 'orphan' follows no event: skipped",
            f"{shown}:4: Object Type 'Widget' is not an Event: skipped",
            f"{shown}:5: property 'lost' follows no event: skipped",
            f"{shown}:6: an Event without an Object Name: skipped",
            f"{shown}:7: event 'A' is defined again: the first definition is kept",
            f"{shown}:3: property group 'Missing Group' is not defined in the file: not kept",
        ],
    )


def test_a_file_that_is_not_csv_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(AVO_HEADER + 'A,b,string\nB,c,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    events, notes = _notes("avo", path)
    assert events == {}
    assert notes == [
        f"{path.as_posix()}:3: not CSV (field larger than field limit (131072)): skipped"
    ]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _notes("amplitude", empty) == (
        {},
        [f"{empty.as_posix()}: empty (no header row): skipped"],
    )


def test_a_row_longer_than_its_header_and_a_header_named_twice(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Event Name,Property Name,Event Name\nA,b,C,extra\n", encoding="utf-8")
    shown = path.as_posix()
    assert _notes("avo", path) == (
        {"A": {"properties": {"b": {}}}},
        [
            f"{shown}:1: column 'Event Name' is named twice: the first is read",
            f"{shown}:2: 4 cells, the header names 3: the cells past the last column are not kept",
        ],
    )


def test_invalid_json_and_unknown_shapes_are_notes(tmp_path: Path) -> None:
    broken = tmp_path / "export.json"
    broken.write_text('{"events": [{"name": "a",}]}', encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"rules": []}', encoding="utf-8")
    imported = read_plan("avo", [broken, other])
    assert [str(note) for note in imported.notes] == [
        f"{broken.as_posix()}:1:26: invalid JSON (Expecting property name enclosed in double "
        "quotes): skipped",
        f"{other.as_posix()}#: no `events` (JSON Schema export) or `eventSchemas` list: skipped",
    ]
    imported = read_plan("amplitude", [other])
    assert [str(note) for note in imported.notes] == [
        f"{other.as_posix()}: no Taxonomy API `data` list: skipped"
    ]


def test_avo_events_without_names_and_properties_with_empty_names(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    rules = {"properties": {"properties": {"type": "object", "properties": {"": {}, "ok": {}}}}}
    path.write_text(
        json.dumps({"events": [{"name": ""}, 7, {"name": "A", "rules": rules}]}),
        encoding="utf-8",
    )
    shown = path.as_posix()
    assert _notes("avo", path) == (
        {"A": {"properties": {"ok": {}}}},
        [
            f"{shown}#/events/0: an event without a name: skipped",
            f"{shown}#/events/1: an event without a name: skipped",
            f"{shown}#/events/2/rules/properties/properties/properties/: an empty property "
            "name (a plan name has a character): skipped",
        ],
    )


_AVO_COLUMNS = [
    "Event Name",
    "Property Name",
    "Property Value Type",
    "Is Property Required?",
    "Is Property Array?",
    "Property Enumeration Options",
    "Pinned Value",
    "Property Type",
    "Event Variant Name",
    "Property Bundle Name",
    "Event Property Bundle Name",
    "Event Tags",
]
_AMPLITUDE_COLUMNS = [
    "Object Type",
    "Object Name",
    "Event Property Name",
    "Property Value Type",
    "Property Group Names",
    "Property Is Array",
    "Number Is Integer",
    "Number Property Value Min",
    "Enum Values",
    "Const Value",
    "Property Required",
    "Action",
]
_CELLS = st.sampled_from(
    [
        "",
        "Event",
        "Property Group",
        "A",
        "B",
        "x",
        "true",
        "TRUE",
        "False",
        "maybe",
        "string",
        "int",
        "number",
        "enum",
        "const",
        "any",
        "User",
        "1e999",
        "NaN",
        "[[[",
        "a, b",
        " ",
    ]
) | st.text(max_size=5)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _imports_cleanly(fmt: str, name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        imported = read_plan(fmt, [path])
        _, problems = parse_document(render_plan(imported.events), "events.yaml")
        assert all(problem.kind == "schema" for problem in problems), problems


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=12, max_size=13), max_size=8))
def test_any_avo_table_imports_without_raising(rows: list[list[str]]) -> None:
    _imports_cleanly("avo", "plan.csv", _table(_AVO_COLUMNS, rows).encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=12, max_size=13), max_size=8))
def test_any_amplitude_table_imports_without_raising(rows: list[list[str]]) -> None:
    _imports_cleanly("amplitude", "plan.csv", _table(_AMPLITUDE_COLUMNS, rows).encode("utf-8"))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["avo", "amplitude"]))
def test_any_bytes_import_without_raising(content: bytes, fmt: str) -> None:
    _imports_cleanly(fmt, "plan.csv", content)
    _imports_cleanly(fmt, "plan.json", content)


_VOCABULARY = st.sampled_from(
    [
        "events",
        "name",
        "description",
        "rules",
        "properties",
        "categories",
        "stakeholderDomains",
        "isOwner",
        "sources",
        "pii",
        "isPii",
        "piiType",
        "eventSchemas",
        "self",
        "variantName",
        "eventType",
        "nameMapping",
        "userProperties",
        "data",
        "event_type",
        "event_property",
        "type",
        "enum_values",
        "classifications",
        "is_array_type",
        "tags",
        "category",
        "$ref",
        "",
    ]
) | st.text(max_size=4)
_VENDOR_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6) | _VOCABULARY,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_VOCABULARY, children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=80, deadline=None)
@given(_VENDOR_JSON, st.sampled_from(["avo", "amplitude"]))
def test_any_vendor_shaped_json_imports_without_raising(document: Any, fmt: str) -> None:
    _imports_cleanly(fmt, "plan.json", json.dumps(document).encode("utf-8"))
    _imports_cleanly(fmt, "plan.json", json.dumps({"events": [document]}).encode("utf-8"))
    _imports_cleanly(fmt, "plan.json", json.dumps({"data": [document]}).encode("utf-8"))
