"""Avo's tracking plan CSV, the "Ultimate Tracking Plan Template" Avo's importer and
Import API read: one row per event and property (``Event Name``, ``Property Name``;
rows with a blank ``Event Name`` belong to the event above), with the event's
``Event Description``, ``Event Category``, ``Event Tags`` (``;``-separated),
``Sources``, ``Owner`` and the property's ``Property Value Type`` (``string``,
``int``, ``float``, ``bool``, ``object``, ``any``), ``Is Property Required?``, ``Is
Property Array?``, ``Property Enumeration Options``, ``Pinned Value`` (a ``const``),
``Property Regex`` and its sample string (an example). Property bundles (``Property
Bundle Name`` rows, then their properties) give their properties to the events that
name them in ``Event Property Bundle Name``. User properties and event variants are
not an event's own: each is a note.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evdict.importers.csv_table import (
    Row,
    Table,
    as_array,
    column_key,
    flag,
    join_groups,
    read_table,
    split_list,
    usable,
)
from evdict.importers.model import Imported

_TYPES = {
    "string": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "object": "object",
}
_COLUMNS = frozenset(
    column_key(name)
    for name in (
        "Event Name",
        "Event Description",
        "Event Category",
        "Sources",
        "Event Tags",
        "Owner",
        "Stakeholder Domains",
        "Event Variant Name",
        "Event Property Bundle Name",
        "Property Bundle Name",
        "Property Bundle Description",
        "Property Name",
        "Property Description",
        "Property Value Type",
        "Property Type",
        "Is Property Required?",
        "Is Property Array?",
        "Property Enumeration Options",
        "Pinned Value",
        "Property Regex",
        "Property Regex Sample String",
    )
)
_REQUIRED = ("Event Name", "Property Name")
_PROPERTY_COLUMNS = (
    "Property Description",
    "Property Value Type",
    "Property Enumeration Options",
    "Pinned Value",
    "Property Regex",
)


def read_avo_table(path: Path, shown: str, imported: Imported) -> None:
    table = read_table(path, shown, imported)
    if table is not None and usable(table, _REQUIRED, _COLUMNS, imported):
        _read_rows(table, imported)


def _read_rows(table: Table, imported: Imported) -> None:
    bundles: dict[str, dict[str, dict[str, Any]]] = {}
    uses: list[tuple[dict[str, Any], list[str], str]] = []
    own: dict[str, dict[str, dict[str, Any]]] = {}  # the properties of each event read
    current = ""  # the event (or bundle) the rows below belong to
    properties: dict[str, dict[str, Any]] | None = None
    for row in table.rows:
        event, bundle = row.get("Event Name"), row.get("Property Bundle Name")
        if event and event != current:
            current, properties = event, _event(row, event, own, imported)
        elif bundle and not event:
            current, properties = "", bundles.setdefault(bundle, {})
            if row.get("Property Bundle Description").strip():
                imported.note(row.where, f"the description of bundle {bundle!r} is not kept")
        if event in own:
            _event_fields(row, imported.events[event], uses, imported)
        if row.get("Event Variant Name").strip():
            imported.note(
                row.where,
                f"variant {row.get('Event Variant Name')!r} of {event or current!r} and its "
                "properties are not imported (a plan has no event variants)",
            )
            properties = None
            continue
        prop = row.get("Property Name")
        if not prop:
            if any(row.get(column).strip() for column in _PROPERTY_COLUMNS):
                imported.note(row.where, "a property without a Property Name: skipped")
            elif not event and not bundle:
                imported.note(row.where, "a row without an event or property name: skipped")
            continue
        kind = row.get("Property Type").strip().lower()
        if kind == "user":
            imported.note(row.where, f"user property {prop!r} is not kept (not the event's)")
        elif kind not in ("", "event", "system"):
            imported.note(row.where, f"Property Type {kind!r} is not Event, User or System")
        elif properties is None:
            imported.note(row.where, f"property {prop!r} follows no event: skipped")
        elif prop in properties:
            imported.note(row.where, f"property {prop!r} is listed again: the first is kept")
        else:
            properties[prop] = _property(row, imported)
    for name, found in own.items():
        if found:
            imported.events[name]["properties"] = found
    join_groups(imported, bundles, uses, "property bundle")


def _event(
    row: Row, name: str, own: dict[str, dict[str, dict[str, Any]]], imported: Imported
) -> dict[str, dict[str, Any]] | None:
    """Where the properties of the event a row names go (None when another file
    defined it: noted)."""
    if name not in own:
        if name in imported.events:
            imported.add_event(name, {}, row.where)  # noted: the first is kept
            return None
        imported.add_event(name, {}, row.where)
        own[name] = {}
    return own[name]


def _event_fields(
    row: Row,
    spec: dict[str, Any],
    uses: list[tuple[dict[str, Any], list[str], str]],
    imported: Imported,
) -> None:
    """What an event row says of the event (the first saying of each is kept)."""
    for column, key in (
        ("Event Description", "description"),
        ("Event Category", "category"),
        ("Owner", "owner"),
    ):
        value = row.get(column)
        if value.strip() and key not in spec:
            spec[key] = value
    tags = split_list(row.get("Event Tags"), ";") + [
        f"source:{source}" for source in split_list(row.get("Sources"))
    ]
    if tags:
        known = spec.setdefault("tags", [])
        known.extend(tag for tag in tags if tag not in known)
    stakeholders = [
        name for name in split_list(row.get("Stakeholder Domains")) if name != spec.get("owner")
    ]
    if stakeholders:
        imported.note(row.where, f"stakeholder(s) {stakeholders} not kept (one owner)")
    bundles = split_list(row.get("Event Property Bundle Name"))
    if bundles:
        uses.append((spec, bundles, row.where))


def _property(row: Row, imported: Imported) -> dict[str, Any]:
    value_type = row.get("Property Value Type").strip().lower()
    item: dict[str, Any] = {}
    if value_type in _TYPES:
        item["type"] = _TYPES[value_type]
    elif value_type not in ("any", ""):
        imported.note(
            row.where,
            f"value type {row.get('Property Value Type')!r} is not one of string, int, float, "
            "bool, object, any: kept untyped",
        )
    options = split_list(row.get("Property Enumeration Options"))
    if options:
        item["enum"] = [_typed(option, item, row, imported) for option in options]
    pinned = row.get("Pinned Value")
    if pinned:
        item["const"] = _typed(pinned, item, row, imported)
    if row.get("Property Regex"):
        item["pattern"] = row.get("Property Regex")
    sample = row.get("Property Regex Sample String")
    if sample:
        item["examples"] = [sample]
    spec = as_array(item) if flag(row, "Is Property Array?", imported) else item
    if row.get("Property Description").strip():
        spec["description"] = row.get("Property Description")
    if flag(row, "Is Property Required?", imported):
        spec["required"] = True
    return spec


def _typed(value: str, item: dict[str, Any], row: Row, imported: Imported) -> Any:
    """A value written in a cell, as the property's type reads it (a number for a
    number property); kept as text when it is not one."""
    kind = item.get("type")
    if kind not in ("integer", "number", "boolean"):
        return value
    try:
        parsed = json.loads(value.lower() if kind == "boolean" else value)
    except (ValueError, RecursionError):
        parsed = None
    if isinstance(parsed, bool) == (kind == "boolean") and (
        isinstance(parsed, int) if kind == "integer" else isinstance(parsed, (int, float))
    ):
        return parsed
    imported.note(row.where, f"value {value!r} is not of type {kind}: kept as text")
    return value
