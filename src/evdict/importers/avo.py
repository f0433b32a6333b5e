"""Avo tracking plans, in the shapes Avo documents for getting a plan out:

* the JSON Schema export (the Export API ``GET /workspaces/{id}/branches/{id}/export/v1``,
  the webhook's default "Json Schema" payload, the dashboard's Export JSON):
  ``events[]`` of ``{name, description, tags, categories, sources,
  stakeholderDomains, rules}``, ``rules.properties.properties`` the event's
  properties as JSON Schema, ``categories`` by id;
* the same API's ``payloadFormat=snowplowSchemas``: ``eventSchemas[]`` of Iglu
  self-describing schemas, each read as :mod:`evdict.importers.json_schema` reads one;
* the tracking plan CSV (Avo's "Ultimate Tracking Plan Template"): see
  :mod:`evdict.importers.avo_csv`.

An event's first category (by name) is its category, its owning stakeholder domain
its owner, its tags and sources (``source:<name>``) its tags; a property's ``pii``
(Avo Governance) is ``pii: allowed`` with the PII type as reason, or ``pii: none``.
Avo's bookkeeping (ids, indexes, ``isSystemProperty``) is dropped; what a plan has no
room for (variants, triggers, name mappings, user and group properties, metrics) is a
note at its JSON pointer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.avo_csv import read_avo_table
from evdict.importers.csv_table import table_and_json_files
from evdict.importers.json_schema import read_event
from evdict.importers.model import Imported, read_json
from evdict.importers.schema_map import SchemaReader

Pointer = tuple[str | int, ...]
_EVENT_KEYS = frozenset(
    {
        "id",
        "name",
        "description",
        "eventType",
        "tags",
        "categories",
        "sources",
        "stakeholderDomains",
        "rules",
        "triggers",
        "actions",
        "customFields",
        "pii",  # computed from the properties' (Avo ignores it on import)
    }
)
_BOOKKEEPING = ("id", "index", "isSystemProperty")
_PROPERTY_EXTRAS = ("tags", "stakeholderDomains", "customFields", "operations", "groupTypeId")
_PLAN_EXTRAS = ("metrics", "propertyGroups", "removedEvents")


def read(sources: list[Path], imported: Imported) -> None:
    for path in table_and_json_files(sources, imported):
        shown = path.as_posix()
        if path.suffix.lower() == ".csv":
            read_avo_table(path, shown, imported)
            continue
        document = read_json(path, shown, imported)
        if document is None:
            continue
        reader = SchemaReader(document, shown, imported)
        if isinstance(document, dict) and isinstance(document.get("events"), list):
            _read_export(reader, document)
        elif isinstance(document, dict) and isinstance(document.get("eventSchemas"), list):
            _read_snowplow(reader, document)
        else:
            reader.note((), "no `events` (JSON Schema export) or `eventSchemas` list: skipped")


def _read_export(reader: SchemaReader, document: dict[str, Any]) -> None:
    categories = {
        key: value["name"]
        for key, value in _mapping(document.get("categories")).items()
        if isinstance(value, dict) and isinstance(value.get("name"), str)
    }
    for index, event in enumerate(document["events"]):
        _read_event(reader, event, ("events", index), categories)
    for key in _PLAN_EXTRAS:
        value = document.get(key)
        if value:
            count = len(value) if isinstance(value, (list, dict)) else 1
            reader.note((key,), f"{count} {key} not kept (an evdict plan has no {key})")


def _read_event(
    reader: SchemaReader, event: Any, path: Pointer, categories: dict[str, str]
) -> None:
    name = event.get("name") if isinstance(event, dict) else None
    if not isinstance(event, dict) or not isinstance(name, str) or name == "":
        reader.note(path, "an event without a name: skipped")
        return
    if event.get("eventType") == "variant" or "variantName" in event:
        reader.note(
            path,
            f"variant {event.get('variantName')!r} of {name!r} is not imported "
            "(a plan has no event variants)",
        )
        return
    spec: dict[str, Any] = {}
    if isinstance(event.get("description"), str) and event["description"]:
        spec["description"] = event["description"]
    spec.update(_category(reader, event.get("categories"), categories, path))
    spec.update(_owner(reader, event.get("stakeholderDomains"), path))
    tags = [str(tag) for tag in _list(event.get("tags"))] + [
        f"source:{source['name']}"
        for source in _list(event.get("sources"))
        if isinstance(source, dict) and isinstance(source.get("name"), str)
    ]
    if tags:
        spec["tags"] = tags
    triggers = _list(event.get("triggers"))
    if triggers:
        reader.note((*path, "triggers"), f"{len(triggers)} trigger(s) not kept")
    actions = _list(event.get("actions"))
    if actions and actions != ["logEvent"]:
        reader.note((*path, "actions"), f"actions {actions} not kept (how Avo sends the event)")
    for key in event:
        if key not in _EVENT_KEYS or (key == "customFields" and event[key]):
            reader.note((*path, key), f"{key!r} is not kept (a plan event has no {key})")
    properties = _rules(reader, event.get("rules"), (*path, "rules"))
    if properties:
        spec["properties"] = properties
    reader.imported.add_event(name, spec, reader.where(path))


def _category(
    reader: SchemaReader, ids: Any, categories: dict[str, str], path: Pointer
) -> dict[str, Any]:
    names = []
    for index, category in enumerate(_list(ids)):
        if isinstance(category, str) and category in categories:
            names.append(categories[category])
        else:
            reader.note(
                (*path, "categories", index),
                f"category {category!r} is not in the plan's `categories`: not kept",
            )
    if len(names) > 1:
        reader.note(
            (*path, "categories"), f"categories {names[1:]} not kept (a plan event has one)"
        )
    return {"category": names[0]} if names else {}


def _owner(reader: SchemaReader, domains: Any, path: Pointer) -> dict[str, Any]:
    named = [d for d in _list(domains) if isinstance(d, dict) and isinstance(d.get("name"), str)]
    owners = [d["name"] for d in named if d.get("isOwner") is True]
    others = [d["name"] for d in named if d["name"] not in owners[:1]]
    if others:
        reader.note(
            (*path, "stakeholderDomains"),
            f"stakeholder(s) {others} not kept (a plan event has one owner)",
        )
    return {"owner": owners[0]} if owners else {}


def _rules(reader: SchemaReader, rules: Any, path: Pointer) -> dict[str, dict[str, Any]]:
    """The event's properties from its ``rules`` (the whole call as JSON Schema)."""
    rules = reader.resolve(rules, path)
    if not isinstance(rules, dict):
        if rules is not None:
            reader.note(path, "not a schema object: the event has no properties")
        return {}
    if rules.get("nameMapping") or rules.get("nameMappings"):
        reader.note(path, "the event's name mappings are not kept (a plan has one name)")
    call = _mapping(rules.get("properties"))
    for key, sub in call.items():
        names = list(_mapping(_mapping(sub).get("properties")))
        if key != "properties" and names:
            reader.note(
                (*path, "properties", key),
                f"{key} ({', '.join(map(repr, names))}) not kept: a plan event holds "
                "the event's own properties",
            )
    where = (*path, "properties", "properties")
    schema, marks = _without_bookkeeping(reader, call.get("properties"), where)
    properties = reader.event_properties(schema, where)
    for name, mark in marks.items():
        if name in properties:
            properties[name].update(mark)
    return properties


def _without_bookkeeping(
    reader: SchemaReader, schema: Any, path: Pointer
) -> tuple[Any, dict[str, dict[str, str]]]:
    """``schema`` without Avo's own keys on each property (those that say something are
    noted), and the personal-data marks its ``pii`` objects give."""
    properties = _mapping(schema).get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return schema, {}
    cleaned: dict[str, Any] = {}
    marks: dict[str, dict[str, str]] = {}
    for name, prop in properties.items():
        if isinstance(prop, dict):
            prop = {key: value for key, value in prop.items() if key not in _BOOKKEEPING}
            where = (*path, "properties", name)
            for key in ("nameMapping", "nameMappings"):
                if prop.pop(key, None):
                    reader.note((*where, key), "name mappings are not kept (a plan has one name)")
            for key in _PROPERTY_EXTRAS:
                if prop.pop(key, None):
                    reader.note((*where, key), f"{key!r} is not kept (a plan property has none)")
            pii = prop.pop("pii", None)
            if isinstance(pii, dict) and isinstance(pii.get("isPii"), bool):
                marks[name] = _pii_mark(pii)
        cleaned[name] = prop
    return {**schema, "properties": cleaned}, marks


def _pii_mark(pii: dict[str, Any]) -> dict[str, str]:
    if not pii["isPii"]:
        return {"pii": "none"}
    kind = pii.get("piiType")
    reason = f"Avo PII type {kind}" if isinstance(kind, str) and kind else "Avo marks it PII"
    return {"pii": "allowed", "pii_reason": reason}


def _read_snowplow(reader: SchemaReader, document: dict[str, Any]) -> None:
    for index, schema in enumerate(document["eventSchemas"]):
        own = _mapping(_mapping(schema).get("self")).get("name")
        if not isinstance(own, str) or own == "":
            reader.note(("eventSchemas", index), "a schema without a `self.name`: skipped")
            continue
        read_event(reader, schema, ("eventSchemas", index), own)
    contexts = _list(document.get("contextSchemas"))
    if contexts:
        reader.note(("contextSchemas",), f"{len(contexts)} context schema(s) not kept (not events)")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
