"""A folder of JSON Schemas, one per event (and evdict's own export: one document
whose ``$defs`` hold a schema per event).

An event's name is the one value (``const``, or an ``enum`` of one) of an event-name
property (``event``, ``event_name``, ``eventName``), which is then not a property
of its own; else the schema's file name. Files of one folder written in different
JSON Schema dialects (``$schema``) are noted: they are read alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.model import Imported, read_json, source_files
from evdict.importers.schema_map import SchemaReader

EVENT_NAME_PROPERTIES = ("event", "event_name", "eventName")


def read_schema(path: Path, shown: str, imported: Imported) -> dict[str, Any] | None:
    """The JSON Schema object at ``path``; None (noted) when it is not JSON or no object."""
    document = read_json(path, shown, imported)
    if document is not None and not isinstance(document, dict):
        imported.note(shown, "not a JSON Schema object: skipped")
        return None
    return document


def read(sources: list[Path], imported: Imported) -> None:
    dialects: dict[Path, dict[str, str]] = {}
    for path in source_files(sources, imported):
        shown = path.as_posix()
        document = read_schema(path, shown, imported)
        if document is None:
            continue
        dialect = document.get("$schema")
        if isinstance(dialect, str):
            dialects.setdefault(path.parent, {}).setdefault(dialect, shown)
        reader = SchemaReader(document, shown, imported)
        defs = document.get("$defs")
        if isinstance(defs, dict) and "properties" not in document:
            for name, schema in defs.items():
                read_event(reader, schema, ("$defs", name), name)
        else:
            read_event(reader, document, (), path.stem)
    for folder, found in dialects.items():
        if len(found) > 1:
            listed = "; ".join(f"{shown} uses {dialect}" for dialect, shown in found.items())
            imported.note(
                folder.as_posix(), f"mixed JSON Schema dialects ({listed}): all read alike"
            )


def read_event(
    reader: SchemaReader, schema: Any, path: tuple[str | int, ...], fallback: str
) -> list[str]:
    """Add the event of the object ``schema``: named by its event-name property, else
    ``fallback``; one for each name when that property lists several. The names added."""
    schema = reader.resolve(schema, path)
    if not isinstance(schema, dict):
        reader.note(path, "not a schema object: skipped")
        return []
    names, name_property = event_names(reader, schema, path)
    spec: dict[str, Any] = {}
    description = schema.get("description")
    if isinstance(description, str) and description:
        spec["description"] = description
    if schema.get("deprecated") is True:
        spec["status"] = "deprecated"
    reader.event_extras(schema, path)
    title = schema.get("title")
    if isinstance(title, str) and title not in (names or [fallback]):
        reader.note(
            (*path, "title"), f"title {title!r} is not kept (the event is named by its name)"
        )
    if schema.get("additionalProperties", False) is not False:
        reader.note(
            (*path, "additionalProperties"),
            "not kept: a plan event is closed (a property it does not declare is EV603)",
        )
    skip = frozenset({name_property}) if name_property else frozenset()
    properties = reader.event_properties(schema, path, skip)
    if properties:
        spec["properties"] = properties
    added = []
    for name in names or [fallback]:
        if name not in reader.imported.events:
            added.append(name)
        reader.imported.add_event(name, dict(spec), reader.where(path))
    return added


def event_names(
    reader: SchemaReader, schema: dict[str, Any], path: tuple[str | int, ...]
) -> tuple[list[str], str | None]:
    """The names an event-name property allows (``const``, or ``enum`` of strings)."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return [], None
    for key in EVENT_NAME_PROPERTIES:
        sub = reader.resolve(properties.get(key), (*path, "properties", key))
        if not isinstance(sub, dict):
            continue
        if isinstance(sub.get("const"), str):
            return [sub["const"]], key
        values = sub.get("enum")
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return list(values), key
    return [], None
