"""Mixpanel Lexicon: its CSV export and its Schemas API JSON, told apart by content.

* The CSV export (Lexicon -> Export, "Events & Properties"): a row per event (``Entity
  Type`` ``event``, ``Entity Name``, ``Entity Description``, ``Event Tags``, ``Event
  Hidden``, ``Event Dropped``) followed by a row per property of that event (``Property
  Name``, ``Property Description``, ``Property Type``, ``Property Example Values``,
  ``Property Required``, ``Property Sensitive``, ``Property Hidden``, ``Property Dropped``).
* The Schemas API (``GET /api/app/projects/{id}/schemas``: ``results[]``, or the
  ``entries[]`` of a batch upload) of ``{entityType, name, schemaJson}``, ``schemaJson`` a
  JSON Schema whose ``metadata["com.mixpanel"]`` holds ``tags``, ``hidden``, ``dropped``,
  ``displayName``, ``contacts`` and ``teamContacts``.

The first tag is the category, the others tags; a hidden event is tagged ``hidden``; a
dropped event is deprecated (Mixpanel discards it at ingestion); the first team contact
(else contact) is the owner; a sensitive property is ``pii: allowed``. Profile entities are
not events; display names, hidden and dropped properties have no place in a plan: notes.
Usage figures (volumes, query counts) describe the project, not the plan: not read.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from evdict.importers.csv_table import (
    Row,
    column_key,
    flag,
    parse_table,
    split_list,
    table_and_json_files,
    usable,
)
from evdict.importers.model import Imported, parse_json, read_text
from evdict.importers.schema_map import SchemaReader

_DROPPED = {"reason": "Dropped at ingestion by Mixpanel Lexicon."}
_SENSITIVE = "Mixpanel Lexicon classifies it sensitive"
_EVENT_META = frozenset(
    {"tags", "hidden", "dropped", "displayName", "contacts", "teamContacts", "$source"}
)

# The columns of Lexicon's CSV export (its "CSV Import" format), and those it must have.
_COLUMNS = frozenset(
    column_key(name)
    for name in (
        "Entity Type",
        "Entity Name",
        "Entity Display Name",
        "Entity Description",
        "Event Volume",
        "Event Query Volume",
        "Event Tags",
        "Event Hidden",
        "Event Dropped",
        "Property Name",
        "Property Display Name",
        "Property Description",
        "Property Volume",
        "Property Query Volume",
        "Property Type",
        "Property Example Values",
        "Property Hidden",
        "Property Dropped",
        "Property Required",
        "Property Sensitive",
    )
)
_REQUIRED_COLUMNS = ("Entity Type", "Entity Name", "Property Name")
_CSV_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "number": {"type": "number"},
    "numeric": {"type": "number"},
    "boolean": {"type": "boolean"},
    "list": {"type": "array"},
    "object": {"type": "object"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date-time"},
}
_UNTYPED = frozenset({"", "unknown"})
# Why a property's Lexicon flag is a note.
_PROPERTY_FLAGS = {
    "hidden": "hidden in Mixpanel: not kept (a plan property has no visibility)",
    "dropped": "dropped at ingestion by Mixpanel: not kept (a plan property has no deprecation)",
}
_INTEGER = re.compile(r"-?[0-9]+")


def read(sources: list[Path], imported: Imported) -> None:
    for path in table_and_json_files(sources, imported):
        shown = path.as_posix()
        text = read_text(path, shown, imported)
        if text is None:
            continue
        if text.lstrip()[:1] in ("{", "["):
            document = parse_json(text, shown, imported)
            if document is not None:
                _read_schemas(SchemaReader(document, shown, imported), document)
        else:
            _read_csv(text, shown, imported)


def _event_fields(
    tags: list[str], hidden: bool, dropped: bool, owners: list[str], note: Callable[[str], None]
) -> dict[str, Any]:
    """What a Lexicon event's tags, flags and contacts give its plan entry."""
    spec: dict[str, Any] = {}
    if tags:
        spec["category"] = tags[0]
    if owners:
        spec["owner"] = owners[0]
        if len(owners) > 1:
            note(f"contacts not kept (one owner): {', '.join(owners[1:])}")
    kept_tags = tags[1:] + (["hidden"] if hidden else [])
    if kept_tags:
        spec["tags"] = kept_tags
    if dropped:
        spec["deprecated"] = dict(_DROPPED)
    return spec


# The Schemas API


def _read_schemas(reader: SchemaReader, document: Any) -> None:
    entries = list(_schema_entries(document))
    if not entries:
        reader.note(
            (), "no Lexicon schemas (`results` or `entries` of entityType, name, schemaJson)"
        )
    for entry, path in entries:
        _schema_entry(reader, entry, path)


def _schema_entries(document: Any) -> Iterator[tuple[Any, tuple[str | int, ...]]]:
    """Each schema entry with its path: a list, ``results`` (a list, or one entry),
    ``entries``, or one entry alone."""
    if isinstance(document, dict):
        for key in ("results", "entries"):
            found = document.get(key)
            if isinstance(found, list):
                yield from ((entry, (key, index)) for index, entry in enumerate(found))
                return
            if isinstance(found, dict):
                yield found, (key,)
                return
        if "entityType" in document or "schemaJson" in document:
            yield document, ()
    elif isinstance(document, list):
        yield from ((entry, (index,)) for index, entry in enumerate(document))


def _schema_entry(reader: SchemaReader, entry: Any, path: tuple[str | int, ...]) -> None:
    if not isinstance(entry, dict):
        reader.note(path, "not a schema entry (entityType, name, schemaJson): skipped")
        return
    name = entry.get("name")
    kind = entry.get("entityType")
    if kind != "event":
        reader.note(path, f"a {kind!r} schema ({name!r}), not an event: not imported")
        return
    if not isinstance(name, str) or not name:
        reader.note(path, "an event without a name (a plan name has a character): skipped")
        return
    schema_path = (*path, "schemaJson")
    schema = entry.get("schemaJson")
    if not isinstance(schema, dict):
        reader.note(schema_path, "not a schema object: the event has no properties")
        schema = {}
    spec: dict[str, Any] = {}
    if isinstance(schema.get("description"), str) and schema["description"]:
        spec["description"] = schema["description"]
    meta = _mixpanel_metadata(reader, schema.get("metadata"), (*schema_path, "metadata"))
    spec.update(_schema_event_fields(reader, meta, (*schema_path, "metadata", "com.mixpanel")))
    reader.event_extras({k: v for k, v in schema.items() if k != "metadata"}, schema_path)
    properties = reader.event_properties(
        _without_metadata(reader, schema, schema_path), schema_path
    )
    if properties:
        spec["properties"] = properties
    reader.imported.add_event(name, spec, reader.where(path))


def _mixpanel_metadata(
    reader: SchemaReader, metadata: Any, path: tuple[str | int, ...]
) -> dict[str, Any]:
    """The ``com.mixpanel`` metadata (other vendors' noted)."""
    if not isinstance(metadata, dict):
        return {}
    for vendor in metadata:
        if vendor != "com.mixpanel":
            reader.note((*path, vendor), f"{vendor!r} metadata is not kept")
    found = metadata.get("com.mixpanel")
    return found if isinstance(found, dict) else {}


def _schema_event_fields(
    reader: SchemaReader, meta: dict[str, Any], path: tuple[str | int, ...]
) -> dict[str, Any]:
    for key, value in meta.items():
        if key == "displayName" and value:
            reader.note(
                (*path, key), f"display name {value!r} is not kept (the event is named by its name)"
            )
        elif key == "$source" and value:
            reader.note((*path, key), f"source {value!r} is not kept")
        elif key not in _EVENT_META:
            reader.note((*path, key), f"{key!r} is not kept (a plan event has no {key})")
    owners = [*_strings(meta.get("teamContacts")), *_strings(meta.get("contacts"))]
    return _event_fields(
        _strings(meta.get("tags")),
        meta.get("hidden") is True,
        meta.get("dropped") is True,
        owners,
        lambda message: reader.note((*path, "contacts"), message),
    )


def _without_metadata(
    reader: SchemaReader, schema: dict[str, Any], path: tuple[str | int, ...]
) -> dict[str, Any]:
    """``schema`` with each property's Mixpanel metadata taken out (and noted)."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return schema
    cleaned: dict[str, Any] = {}
    for name, prop in properties.items():
        if isinstance(prop, dict) and "metadata" in prop:
            where = (*path, "properties", name, "metadata")
            meta = _mixpanel_metadata(reader, prop["metadata"], where)
            for key, value in meta.items():
                at = (*where, "com.mixpanel", key)
                if key == "displayName" and value:
                    reader.note(
                        at, f"display name {value!r} is not kept (a plan property has none)"
                    )
                elif key in ("hidden", "dropped") and value is True:
                    reader.note(at, _PROPERTY_FLAGS[key])
                elif key not in ("displayName", "hidden", "dropped"):
                    reader.note(at, f"{key!r} is not kept (a plan property has no {key})")
            prop = {k: v for k, v in prop.items() if k != "metadata"}
        cleaned[name] = prop
    return {**schema, "properties": cleaned}


def _strings(value: Any) -> list[str]:
    return [str(item) for item in value if item != ""] if isinstance(value, list) else []


# The CSV export


class _CsvEvent:
    """An event row of the CSV and the property rows read after it."""

    def __init__(self, name: str, spec: dict[str, Any], where: str) -> None:
        self.name = name
        self.spec = spec
        self.where = where
        self.properties: dict[str, dict[str, Any]] = {}


def _read_csv(text: str, shown: str, imported: Imported) -> None:
    table = parse_table(text, shown, imported)
    if table is None or not usable(table, _REQUIRED_COLUMNS, _COLUMNS, imported):
        return
    event: _CsvEvent | None = None
    skipping = False  # the rows of an entity not imported (noted once, at its row)
    for row in table.rows:
        kind = row.get("Entity Type").strip()
        if kind:
            _add_csv_event(imported, event)
            event = _csv_event(imported, row, kind)
            skipping = event is None
        if event is not None and (row.get("Property Name") != "" or not kind):
            _csv_property(imported, event, row)
        elif event is None and not skipping:
            imported.note(row.where, "a property row before any event row: skipped")
    _add_csv_event(imported, event)


def _add_csv_event(imported: Imported, event: _CsvEvent | None) -> None:
    if event is not None:
        if event.properties:
            event.spec["properties"] = event.properties
        imported.add_event(event.name, event.spec, event.where)


def _csv_event(imported: Imported, row: Row, kind: str) -> _CsvEvent | None:
    name = row.get("Entity Name")
    if kind != "event":
        imported.note(
            row.where, f"a {kind!r} entity ({name!r}), not an event: its rows are not imported"
        )
        return None
    if name == "":
        imported.note(
            row.where, "an event row without an Entity Name: it and its properties are skipped"
        )
        return None
    display = row.get("Entity Display Name").strip()
    if display and display != name:
        imported.note(
            row.where, f"display name {display!r} is not kept (the event is named by its name)"
        )
    spec: dict[str, Any] = {}
    description = row.get("Entity Description").strip()
    if description:
        spec["description"] = description
    hidden = flag(row, "Event Hidden", imported)
    dropped = flag(row, "Event Dropped", imported)
    tags = split_list(row.get("Event Tags"))
    spec.update(_event_fields(tags, hidden, dropped, [], lambda message: None))
    return _CsvEvent(name, spec, row.where)


def _csv_property(imported: Imported, event: _CsvEvent, row: Row) -> None:
    name = row.get("Property Name")
    if name == "":
        imported.note(row.where, "an empty property name (a plan name has a character): skipped")
        return
    if name in event.properties:
        imported.note(row.where, f"property {name!r} of {event.name!r} again: the first is kept")
        return
    kind = row.get("Property Type").strip()
    prop: dict[str, Any] = dict(_CSV_TYPES.get(kind.lower(), {}))
    if not prop and kind.lower() not in _UNTYPED:
        imported.note(
            row.where, f"property type {kind!r} has no JSON type: {name!r} is kept untyped"
        )
    description = row.get("Property Description").strip()
    if description:
        prop["description"] = description
    example = row.get("Property Example Values").strip()
    if example:
        value = _example(example, prop.get("type"))
        if value is None:
            imported.note(row.where, f"example {example!r} of {name!r} is not a {kind}: not kept")
        else:
            prop["examples"] = [value]
    display = row.get("Property Display Name").strip()
    if display and display != name:
        imported.note(
            row.where,
            f"display name {display!r} of {name!r} is not kept (a plan property has none)",
        )
    for name_of_flag in ("hidden", "dropped"):
        if flag(row, f"Property {name_of_flag.title()}", imported):
            imported.note(row.where, f"{name!r}: {_PROPERTY_FLAGS[name_of_flag]}")
    if flag(row, "Property Required", imported):
        prop["required"] = True
    if flag(row, "Property Sensitive", imported):
        prop["pii"] = "allowed"
        prop["pii_reason"] = _SENSITIVE
    event.properties[name] = prop


def _example(text: str, json_type: Any) -> Any:
    """The example value ``text`` as the property's type; None when it is not one."""
    if json_type == "number":
        try:
            number = int(text) if _INTEGER.fullmatch(text) else float(text)
        except ValueError:  # not a number, or more digits than int() reads
            return None
        return number if math.isfinite(number) else None
    if json_type == "boolean":
        return {"true": True, "false": False}.get(text.lower())
    if json_type in ("array", "object"):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return None
        return value if isinstance(value, list if json_type == "array" else dict) else None
    return text
