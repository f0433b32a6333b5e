"""``mixpanel-lexicon``: Lexicon's CSV export and its Schemas API JSON (fixtures written
from Mixpanel's documentation), bad input, and arbitrary CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import parse_document

HERE = Path(__file__).resolve().parent
HEADER = (
    "Entity Type,Entity Name,Entity Display Name,Entity Description,Event Volume,"
    "Event Query Volume,Event Tags,Event Hidden,Event Dropped,Property Name,"
    "Property Display Name,Property Description,Property Volume,Property Query Volume,"
    "Property Type,Property Example Values,Property Hidden,Property Dropped,"
    "Property Required,Property Sensitive\n"
)
NOTES = [
    "fixtures/mixpanel/lexicon-export.csv:2: display name 'Song played' is not kept "
    "(the event is named by its name)",
    "fixtures/mixpanel/lexicon-export.csv:5: display name 'Duration (s)' of 'duration_s' is "
    "not kept (a plan property has none)",
    "fixtures/mixpanel/lexicon-export.csv:10: display name 'Operating System' of '$os' is not "
    "kept (a plan property has none)",
    "fixtures/mixpanel/lexicon-export.csv:10: '$os': hidden in Mixpanel: not kept (a plan "
    "property has no visibility)",
    "fixtures/mixpanel/lexicon-export.csv:13: example 'a dozen' of 'track_count' is not a "
    "number: not kept",
    "fixtures/mixpanel/lexicon-export.csv:14: 'visibility': dropped at ingestion by Mixpanel: "
    "not kept (a plan property has no deprecation)",
    "fixtures/mixpanel/schemas.json#/results/0/schemaJson/metadata/com.mixpanel/displayName: "
    "display name 'Add to cart' is not kept (the event is named by its name)",
    "fixtures/mixpanel/schemas.json#/results/0/schemaJson/metadata/com.mixpanel/contacts: "
    "contacts not kept (one owner): ana@example.com",
    "fixtures/mixpanel/schemas.json#/results/0/schemaJson/properties/item_category/metadata/"
    "com.mixpanel/displayName: display name 'Category' is not kept (a plan property has none)",
    "fixtures/mixpanel/schemas.json#/results/0/schemaJson/properties/warehouse_code/metadata/"
    "com.mixpanel/hidden: hidden in Mixpanel: not kept (a plan property has no visibility)",
    "fixtures/mixpanel/schemas.json#/results/2: a 'profile' schema ('$user'), not an event: "
    "not imported",
]


@pytest.fixture(autouse=True)
def in_fixtures() -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(HERE)
    try:
        yield
    finally:
        os.chdir(previous)


def _notes(path: Path) -> list[str]:
    return [str(note) for note in read_plan("mixpanel-lexicon", [path]).notes]


def test_the_csv_export_and_the_schemas_api_give_the_expected_plan() -> None:
    imported = read_plan("mixpanel-lexicon", [Path("fixtures/mixpanel")])
    text = render_plan(imported.events)
    assert text == (HERE / "fixtures/mixpanel.expected.yaml").read_text(encoding="utf-8")
    assert [str(note) for note in imported.notes] == NOTES
    assert imported.files_read == 2
    document, problems = parse_document(text, "events.yaml")
    assert problems == []
    assert document.data == {"events": imported.events}


def test_names_are_kept_exactly() -> None:
    imported = read_plan("mixpanel-lexicon", [Path("fixtures/mixpanel/lexicon-export.csv")])
    assert list(imported.events) == ["Song Played", "Legacy Login", "Playlist Created "]


def test_a_csv_without_the_lexicon_columns_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Event,Description\nSong Played,x\n", encoding="utf-8")
    assert _notes(path) == [
        f"{path.as_posix()}:1: no 'Entity Type', 'Entity Name', 'Property Name' column: skipped"
    ]


def test_bad_rows_are_notes_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Entity Type,Entity Name,Property Name,Property Type,Property Required,Owner\n"
        ",,orphan,string,FALSE,\n"
        "event,,lost,string,FALSE,\n"
        "event,Signed Up,,,,growth\n"
        ",,,string,FALSE,\n"
        ",,plan,currency,maybe,\n"
        ",,plan,string,TRUE,\n"
        "profile,$user,$email,string,FALSE,\n"
        ",,$name,string,FALSE,\n"
        "event,Signed Up,again,string,FALSE,\n",
        encoding="utf-8",
    )
    imported = read_plan("mixpanel-lexicon", [path])
    assert imported.events == {"Signed Up": {"properties": {"plan": {}}}}
    shown = path.as_posix()
    assert [str(note) for note in imported.notes] == [
        f"{shown}:1: column(s) 'Owner' not kept (a plan has none)",
        f"{shown}:2: a property row before any event row: skipped",
        f"{shown}:3: an event row without an Entity Name: it and its properties are skipped",
        f"{shown}:5: an empty property name (a plan name has a character): skipped",
        f"{shown}:6: property type 'currency' has no JSON type: 'plan' is kept untyped",
        f"{shown}:6: Property Required 'maybe' is neither True nor False: read as False",
        f"{shown}:7: property 'plan' of 'Signed Up' again: the first is kept",
        f"{shown}:8: a 'profile' entity ('$user'), not an event: its rows are not imported",
        f"{shown}:10: event 'Signed Up' is defined again: the first definition is kept",
    ]


def test_invalid_json_and_unknown_shapes_are_notes(tmp_path: Path) -> None:
    broken = tmp_path / "a.json"
    broken.write_text('{"results": [],}', encoding="utf-8")
    other = tmp_path / "b.json"
    other.write_text(json.dumps({"status": "ok"}), encoding="utf-8")
    nameless = tmp_path / "c.json"
    nameless.write_text(
        json.dumps(
            [{"entityType": "event", "name": ""}, "x", {"entityType": "event", "name": "E"}]
        ),
        encoding="utf-8",
    )
    imported = read_plan("mixpanel-lexicon", [tmp_path])
    assert imported.events == {"E": {}}
    assert [str(note) for note in imported.notes] == [
        f"{broken.as_posix()}:1:16: invalid JSON (Expecting property name enclosed in double "
        "quotes): skipped",
        f"{other.as_posix()}#: no Lexicon schemas (`results` or `entries` of entityType, "
        "name, schemaJson)",
        f"{nameless.as_posix()}#/0: an event without a name (a plan name has a character): skipped",
        f"{nameless.as_posix()}#/1: not a schema entry (entityType, name, schemaJson): skipped",
        f"{nameless.as_posix()}#/2/schemaJson: not a schema object: the event has no properties",
    ]


def test_a_batch_upload_body_is_read(tmp_path: Path) -> None:
    path = tmp_path / "upload.json"
    entry = {"entityType": "event", "name": "Opened", "schemaJson": {"description": "App."}}
    path.write_text(json.dumps({"entries": [entry], "truncate": False}), encoding="utf-8")
    assert read_plan("mixpanel-lexicon", [path]).events == {"Opened": {"description": "App."}}


_CELL = st.sampled_from(["event", "profile", "TRUE", "false", "list", "number", "", "1e999"])
_ROW = st.lists(_CELL | st.text(max_size=5), max_size=22)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ROW, max_size=8), st.booleans())
def test_any_csv_imports_without_raising(rows: list[list[str]], quoted: bool) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL).writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_text(HEADER + buffer.getvalue(), encoding="utf-8")
        imported = read_plan("mixpanel-lexicon", [path])
        _, problems = parse_document(render_plan(imported.events), "events.yaml")
        assert all(problem.kind == "schema" for problem in problems), problems


def test_a_field_past_the_csv_limit_is_a_note(  # as for the other CSV formats
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Entity Type,Entity Name,Property Name\nevent,Opened,\n"
        f',,"{"x" * 200_000}"\nevent,Closed,\n',
        encoding="utf-8",
    )
    imported = read_plan("mixpanel-lexicon", [path])
    assert imported.events == {}
    assert [str(note) for note in imported.notes] == [
        f"{path.as_posix()}:3: not CSV (field larger than field limit (131072)): skipped"
    ]


_KEYS = st.sampled_from(
    [
        "results",
        "entries",
        "entityType",
        "name",
        "schemaJson",
        "properties",
        "metadata",
        "com.mixpanel",
        "tags",
        "hidden",
        "dropped",
        "contacts",
        "teamContacts",
        "displayName",
        "required",
        "type",
        "event",
        "",
    ]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | _KEYS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(_KEYS, _JSON, max_size=4), max_size=3))
def test_any_schemas_document_imports_without_raising(entries: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schemas.json"
        event_entries = [{**entry, "entityType": "event", "name": "e"} for entry in entries]
        path.write_text(json.dumps({"results": entries + event_entries}), encoding="utf-8")
        imported = read_plan("mixpanel-lexicon", [path])
        _, problems = parse_document(render_plan(imported.events), "events.yaml")
        assert all(problem.kind == "schema" for problem in problems), problems
