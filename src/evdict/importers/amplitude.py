"""Amplitude Data tracking plans, in the two shapes Amplitude documents:

* the CSV of events and event properties (Data > Events > export, ``amp tracking-plan
  export``, ``GET /v1/projects/{id}/tracking-plan/export``): a row of ``Object Type``
  ``Event`` (or ``Property Group``) and ``Object Name``, then one row per property
  (``Event Property Name``, ``Property Value Type``, ``Property Required``, ``Enum
  Values``, ``Property Regex``, bounds...); an event takes the properties of the
  groups it names in ``Property Group Names``;
* the Taxonomy API's JSON (``GET /api/2/taxonomy/event`` and ``.../event-property``,
  ``{"success": true, "data": [...]}``): event types (``event_type``, ``category``,
  ``tags``, ``owner``) and event properties (``event_property``, ``type``,
  ``enum_values``, ``regex``, ``is_array_type``, ``is_required``,
  ``classifications``), a property joining the event its ``event_type`` names.

Value types: ``string``, ``number`` (``integer`` when ``Number Is Integer``),
``boolean``, ``any`` (untyped), ``enum`` (strings), ``const``; an array property is
``type: array`` with those as its ``items``. ``Event Source`` is kept as
``source:<name>`` tags; a property classified ``PII`` or ``SENSITIVE`` is marked
``pii: allowed`` with the classification as reason. The Ampli CLI's ``ampli.json``
holds its settings (workspace, source, branch), not the plan: it is a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.csv_table import (
    Row,
    Table,
    as_array,
    bounds,
    column_key,
    flag,
    join_groups,
    read_table,
    split_list,
    table_and_json_files,
    usable,
)
from evdict.importers.model import Imported, pointer, read_json

_SCALAR_TYPES = {"string": "string", "number": "number", "boolean": "boolean"}
_VALUE_TYPES = "string, number, boolean, any, enum, const"
_BOUNDS = (
    ("Number Property Value Min", "minimum"),
    ("Number Property Value Max", "maximum"),
    ("String Property Value Min Length", "minLength"),
    ("String Property Value Max Length", "maxLength"),
)
_ARRAY_BOUNDS = (("Array Min Items", "minItems"), ("Array Max Items", "maxItems"))
# The columns read (Amplitude's .CSV file schema reference); the export's first/last
# seen dates and volumes are usage figures, not plan: they are in the unknown note.
_COLUMNS = frozenset(
    column_key(name)
    for name in (
        "Action",
        "Object Type",
        "Object Name",
        "Object Owner",
        "Object Description",
        "Event Display Name",
        "Event Category",
        "Event Activity",
        "Event Hidden From Dropdowns",
        "Event Hidden From Persona Results",
        "Event Hidden From Pathfinder",
        "Event Hidden From Timeline",
        "Event Source",
        "Tags",
        "Property Type",
        "Property Group Names",
        "Event Property Name",
        "Property Description",
        "Property Value Type",
        "Property Required",
        "Property Visibility",
        "Property Is Array",
        "Enum Values",
        "Const Value",
        "Property Regex",
        "Number Is Integer",
        "Array Unique Items",
        *(column for column, _ in _BOUNDS + _ARRAY_BOUNDS),
    )
)
_REQUIRED = ("Object Type", "Object Name", "Event Property Name")
_HIDDEN = ("Dropdowns", "Persona Results", "Pathfinder", "Timeline")
_PII_CLASSES = ("PII", "SENSITIVE")
_AMPLI_SETTINGS = ("OrgId", "WorkspaceId", "SourceId", "Runtime", "Branch")


def read(sources: list[Path], imported: Imported) -> None:
    for path in table_and_json_files(sources, imported):
        shown = path.as_posix()
        if path.suffix.lower() == ".csv":
            table = read_table(path, shown, imported)
            if (
                table is not None
                and not _user_properties(table, imported)
                and usable(table, _REQUIRED, _COLUMNS, imported)
            ):
                _read_table(table, imported)
        else:
            document = read_json(path, shown, imported)
            if document is not None:
                _read_taxonomy(document, shown, imported)


def _user_properties(table: Table, imported: Imported) -> bool:
    """The user properties export (``Property Name``, no objects): noted, not read."""
    if table.has("Property Name") and not table.has("Object Type"):
        imported.note(
            f"{table.shown}:1",
            "the user properties export: a plan event holds event properties: skipped",
        )
        return True
    return False


def value_schema(
    value_type: str, imported: Imported, where: str, *, integer: bool = False
) -> dict[str, Any]:
    """The plan schema of an Amplitude value type (``enum``/``const`` values are added
    by the caller)."""
    kind = value_type.strip().lower()
    if kind in _SCALAR_TYPES:
        return {"type": "integer" if kind == "number" and integer else _SCALAR_TYPES[kind]}
    if kind in ("enum", "const"):
        return {"type": "string"}
    if kind not in ("any", ""):
        imported.note(
            where, f"value type {value_type!r} is not one of {_VALUE_TYPES}: kept untyped"
        )
    return {}


def _read_table(table: Table, imported: Imported) -> None:
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    uses: list[tuple[dict[str, Any], list[str], str]] = []
    event: dict[str, Any] | None = None  # the plan entry of the event being read
    properties: dict[str, dict[str, Any]] | None = None  # where its rows' properties go
    for row in table.rows:
        kind, name = row.get("Object Type").strip(), row.get("Object Name")
        if kind:
            event, properties = _table_object(row, kind, name, groups, imported)
        names = split_list(row.get("Property Group Names"))
        if names and event is not None:
            uses.append((event, names, row.where))
        prop = row.get("Event Property Name")
        if not prop and (kind or names):
            continue
        if properties is None:
            imported.note(row.where, f"property {prop!r} follows no event: skipped")
        elif prop == "":
            imported.note(
                row.where, "an empty property name (a plan name has a character): skipped"
            )
        elif prop in properties:
            imported.note(row.where, f"property {prop!r} is listed again: the first is kept")
        else:
            properties[prop] = _table_property(row, imported)
    join_groups(imported, groups, uses, "property group")
    for spec in imported.events.values():
        if spec.get("properties") == {}:
            del spec["properties"]


def _table_object(
    row: Row,
    kind: str,
    name: str,
    groups: dict[str, dict[str, dict[str, Any]]],
    imported: Imported,
) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]] | None]:
    """The event (and where its properties go) or property group a row starts."""
    if name == "":
        imported.note(row.where, f"an {kind} without an Object Name: skipped")
    elif kind.lower() == "event":
        spec = _table_event(row, imported)
        if name in imported.events:
            imported.add_event(name, spec, row.where)  # noted: the first is kept
            return None, None
        imported.add_event(name, spec, row.where)
        return spec, spec.setdefault("properties", {})
    elif kind.lower() == "property group":
        return None, groups.setdefault(name, {})
    else:
        imported.note(row.where, f"Object Type {kind!r} is not an Event: skipped")
    return None, None


def _table_event(row: Row, imported: Imported) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    for column, key in (
        ("Object Description", "description"),
        ("Event Category", "category"),
        ("Object Owner", "owner"),
    ):
        if row.get(column).strip():
            spec[key] = row.get(column)
    tags = split_list(row.get("Tags")) + [
        f"source:{source}" for source in split_list(row.get("Event Source"))
    ]
    if tags:
        spec["tags"] = tags
    display = row.get("Event Display Name")
    if display.strip():
        imported.note(row.where, f"display name {display!r} is not kept (a plan has none)")
    if row.get("Event Activity").strip().lower() == "inactive":
        imported.note(
            row.where, "Event Activity 'Inactive' is not kept (a plan has no activity flag)"
        )
    hidden = [place for place in _HIDDEN if flag(row, f"Event Hidden From {place}", imported)]
    if hidden:
        imported.note(row.where, f"hidden from {', '.join(hidden)}: not kept")
    _note_action(row, imported)
    return spec


def _table_property(row: Row, imported: Imported) -> dict[str, Any]:
    value_type = row.get("Property Value Type")
    item = value_schema(
        value_type,
        imported,
        row.where,
        integer=flag(row, "Number Is Integer", imported),
    )
    kind = value_type.strip().lower()
    if kind == "enum":
        item["enum"] = split_list(row.get("Enum Values"))
    if kind == "const":
        item["const"] = row.get("Const Value")
    if row.get("Property Regex"):
        item["pattern"] = row.get("Property Regex")
    item.update(bounds(row, _BOUNDS, imported))
    spec = item
    if flag(row, "Property Is Array", imported):
        spec = as_array(item)
        spec.update(bounds(row, _ARRAY_BOUNDS, imported))
        if row.get("Array Unique Items").strip().upper() == "TRUE":
            imported.note(row.where, "unique items is not kept (a plan property has none)")
    if row.get("Property Description").strip():
        spec["description"] = row.get("Property Description")
    if flag(row, "Property Required", imported):
        spec["required"] = True
    if row.get("Property Visibility").strip().upper() == "HIDDEN":
        imported.note(row.where, "hidden in charts: not kept")
    _note_action(row, imported)
    return spec


def _note_action(row: Row, imported: Imported) -> None:
    action = row.get("Action").strip()
    if action:
        imported.note(
            row.where,
            f"Action {action!r} (unexpected, blocked, deleted or to remove in Amplitude) "
            "is not kept: imported as defined",
        )


def _read_taxonomy(document: Any, shown: str, imported: Imported) -> None:
    if isinstance(document, dict) and any(key in document for key in _AMPLI_SETTINGS):
        imported.note(
            shown,
            "the Ampli CLI's settings (ampli.json) name a workspace and branch, "
            "not events: skipped (export the plan as CSV)",
        )
        return
    items = document.get("data") if isinstance(document, dict) else None
    if not isinstance(items, list):
        imported.note(shown, "no Taxonomy API `data` list: skipped")
        return
    for index, item in enumerate(items):
        where = f"{shown}#{pointer('data', index)}"
        if not isinstance(item, dict):
            imported.note(where, "not an object: skipped")
        elif "event_property" in item:
            _taxonomy_property(item, where, imported)
        elif "event_type" in item:
            _taxonomy_event(item, where, imported)
        else:
            imported.note(where, "neither an event_type nor an event_property: skipped")


_TAXONOMY_EVENT_KEYS = frozenset(
    {"event_type", "category", "description", "display_name", "tags", "owner", "is_active"}
)
_TAXONOMY_PROPERTY_KEYS = frozenset(
    {
        "event_property",
        "event_type",
        "description",
        "type",
        "regex",
        "enum_values",
        "is_array_type",
        "is_required",
        "is_hidden",
        "classifications",
    }
)


def _taxonomy_event(item: dict[str, Any], where: str, imported: Imported) -> None:
    name = item["event_type"]
    if not isinstance(name, str) or not name:
        imported.note(f"{where}/event_type", "not an event name: skipped")
        return
    spec: dict[str, Any] = {}
    if isinstance(item.get("description"), str) and item["description"]:
        spec["description"] = item["description"]
    category = item.get("category")
    category = category.get("name") if isinstance(category, dict) else category
    if isinstance(category, str) and category:
        spec["category"] = category
    if isinstance(item.get("owner"), str) and item["owner"]:
        spec["owner"] = item["owner"]
    tags = item.get("tags")
    tags = split_list(tags) if isinstance(tags, str) else tags
    if isinstance(tags, list) and tags:
        spec["tags"] = [str(tag) for tag in tags]
    if isinstance(item.get("display_name"), str) and item["display_name"]:
        imported.note(
            f"{where}/display_name",
            f"display name {item['display_name']!r} is not kept (a plan has none)",
        )
    if item.get("is_active") is False:
        imported.note(f"{where}/is_active", "is_active false is not kept")
    _note_extras(item, _TAXONOMY_EVENT_KEYS, where, imported)
    existing = imported.events.get(name)
    if existing is not None and set(existing) <= {"properties"}:
        # made by its properties read first: the event's own fields go before them
        imported.events[name] = {**spec, **existing}
    else:
        imported.add_event(name, spec, where)


def _taxonomy_property(item: dict[str, Any], where: str, imported: Imported) -> None:
    name, event = item["event_property"], item.get("event_type")
    if not isinstance(name, str) or not name.strip():
        imported.note(f"{where}/event_property", "an empty property name: skipped")
        return
    if not isinstance(event, str) or not event:
        imported.note(where, f"{name!r} is a shared property of no event: not imported")
        return
    value_type = item.get("type")
    spec = value_schema(value_type if isinstance(value_type, str) else "", imported, where)
    values = item.get("enum_values")
    values = split_list(values) if isinstance(values, str) else values
    if isinstance(values, list) and values:
        spec["enum"] = [str(value) for value in values]
    if isinstance(item.get("regex"), str) and item["regex"]:
        spec["pattern"] = item["regex"]
    if item.get("is_array_type") is True:
        spec = as_array(spec)
    if isinstance(item.get("description"), str) and item["description"]:
        spec["description"] = item["description"]
    if item.get("is_required") is True:
        spec["required"] = True
    classes = item.get("classifications")
    classes = [str(c) for c in classes] if isinstance(classes, list) else []
    personal = [c for c in classes if c.upper() in _PII_CLASSES]
    if personal:
        spec["pii"] = "allowed"
        spec["pii_reason"] = f"Amplitude classification {', '.join(personal)}"
    others = [c for c in classes if c not in personal]
    if others:
        imported.note(f"{where}/classifications", f"classification(s) {others} not kept")
    if item.get("is_hidden") is True:
        imported.note(f"{where}/is_hidden", "hidden from chart dropdowns: not kept")
    _note_extras(item, _TAXONOMY_PROPERTY_KEYS, where, imported)
    properties = imported.events.setdefault(event, {}).setdefault("properties", {})
    if name in properties:
        imported.note(where, f"{name!r} of {event!r} is defined again: the first is kept")
    else:
        properties[name] = spec


def _note_extras(
    item: dict[str, Any], known: frozenset[str], where: str, imported: Imported
) -> None:
    for key, value in item.items():
        if key in known or value in (None, False, [], ""):
            continue
        imported.note(f"{where}{pointer(key)}", f"{key!r} is not kept")
