"""Segment Protocols tracking plans.

Three documented shapes, told apart by their ``rules``:

* the Public API's (``GET /tracking-plans/{id}/rules``, also wrapped in ``data``):
  ``rules[]`` of ``{key, type, version, jsonSchema, labels, deprecatedAt}``, the
  ``jsonSchema`` of a TRACK rule being the whole call, its ``properties.properties``
  the event's properties;
* Typewriter's ``plan.json`` (legacy Config API): ``rules.events[]`` of
  ``{name, description, version, rules}``, ``rules`` the whole call as above;
* Typewriter's newer ``plan.json``: ``rules[]`` whose ``jsonSchema`` is the
  properties object itself (flat).

Labels ``category`` and ``owner`` (or ``team``) set the event's category and owner;
other labels become tags (``key:value``). Identify, group, page and screen rules
(traits, common properties) are not events: each is a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.model import Imported, read_json, source_files
from evdict.importers.schema_map import SchemaReader

_LABEL_FIELDS = {"category": "category", "owner": "owner", "team": "owner"}


def read(sources: list[Path], imported: Imported) -> None:
    for path in source_files(sources, imported):
        shown = path.as_posix()
        document = read_json(path, shown, imported)
        if document is None:
            continue
        reader = SchemaReader(document, shown, imported)
        root: tuple[str | int, ...] = ()
        if isinstance(document, dict) and isinstance(document.get("data"), dict):
            document, root = document["data"], ("data",)
        rules = document.get("rules") if isinstance(document, dict) else None
        if isinstance(rules, dict) and isinstance(rules.get("events"), list):
            for index, rule in enumerate(rules["events"]):
                _legacy_event(reader, rule, (*root, "rules", "events", index))
            for kind, rule in rules.items():
                if kind != "events" and rule:
                    reader.note(
                        (*root, "rules", kind), f"{kind} rules are not events: not imported"
                    )
        elif isinstance(rules, list):
            newest = _newest_rules(reader, rules, (*root, "rules"))
            for index, rule in newest:
                _rule_event(reader, rule, (*root, "rules", index))
        else:
            reader.note(root, "no `rules` list (Public API) or `rules.events` (Typewriter)")


def _newest_rules(
    reader: SchemaReader, rules: list[Any], path: tuple[str | int, ...]
) -> list[tuple[int, dict[str, Any]]]:
    """The newest version of each rule (the others noted), in the order read."""
    newest: dict[tuple[Any, Any], tuple[int, dict[str, Any]]] = {}
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("key"), str):
            reader.note((*path, index), "a rule without a `key` string: skipped")
            continue
        if rule["key"] == "":
            reader.note(
                (*path, index), "an empty event name (a plan name has a character): skipped"
            )
            continue
        identity = (rule.get("type", "TRACK"), rule["key"])
        kept = newest.get(identity)
        if kept is not None and _version(kept[1]) >= _version(rule):
            older = index
        else:
            older = kept[0] if kept is not None else -1
            newest[identity] = (index, rule)
        if older >= 0:
            reader.note((*path, older), f"an older version of {rule['key']!r}: not imported")
    return sorted(newest.values(), key=lambda item: item[0])


def _version(rule: dict[str, Any]) -> float:
    version = rule.get("version", 0)
    return version if isinstance(version, (int, float)) else 0


def _rule_event(reader: SchemaReader, rule: dict[str, Any], path: tuple[str | int, ...]) -> None:
    kind = rule.get("type", "TRACK")
    if kind != "TRACK":
        reader.note(path, f"{rule['key']!r} is a rule of type {kind}, not an event: not imported")
        return
    schema = reader.resolve(rule.get("jsonSchema"), (*path, "jsonSchema"))
    spec: dict[str, Any] = {}
    if not isinstance(schema, dict):
        reader.note((*path, "jsonSchema"), "not a schema object: the event has no properties")
        schema = {}
    description = rule.get("description", schema.get("description"))
    if isinstance(description, str) and description:
        spec["description"] = description
    spec.update(_labels(reader, rule.get("labels", schema.get("labels")), path))
    deprecated_at = rule.get("deprecatedAt")
    if isinstance(deprecated_at, str) and deprecated_at:
        spec["deprecated"] = {"since": deprecated_at[:10]}
    call = _mapping(schema.get("properties")).get("properties")
    if isinstance(call, dict) and call.get("type") == "object":  # the whole call
        _note_call_extras(reader, schema, (*path, "jsonSchema"))
        properties = reader.event_properties(
            call, (*path, "jsonSchema", "properties", "properties")
        )
    else:  # flat: the properties object itself
        properties = reader.event_properties(schema, (*path, "jsonSchema"))
    if properties:
        spec["properties"] = properties
    reader.imported.add_event(rule["key"], spec, reader.where(path))


def _legacy_event(reader: SchemaReader, rule: Any, path: tuple[str | int, ...]) -> None:
    if not isinstance(rule, dict) or not isinstance(rule.get("name"), str):
        reader.note(path, "an event without a `name` string: skipped")
        return
    spec: dict[str, Any] = {}
    if isinstance(rule.get("description"), str) and rule["description"]:
        spec["description"] = rule["description"]
    schema = reader.resolve(rule.get("rules"), (*path, "rules"))
    if isinstance(schema, dict):
        _note_call_extras(reader, schema, (*path, "rules"))
        call = _mapping(schema.get("properties")).get("properties")
        properties = reader.event_properties(call, (*path, "rules", "properties", "properties"))
        if properties:
            spec["properties"] = properties
    reader.imported.add_event(rule["name"], spec, reader.where(path))


def _note_call_extras(
    reader: SchemaReader, schema: dict[str, Any], path: tuple[str | int, ...]
) -> None:
    """The call's context and traits rules are not the event's: noted when not empty."""
    for part in ("context", "traits"):
        sub = _mapping(schema.get("properties")).get(part)
        if sub:
            reader.note((*path, "properties", part), f"the call's {part} rules are not kept")


def _labels(reader: SchemaReader, labels: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    """Labels as a mapping or as ``[{key, value}]``: category, owner and tags."""
    pairs: list[tuple[str, str]] = []
    if isinstance(labels, dict):
        pairs = [(str(key), str(value)) for key, value in labels.items()]
    elif isinstance(labels, list):
        for item in labels:
            if isinstance(item, dict) and "key" in item:
                pairs.append((str(item["key"]), str(item.get("value", ""))))
            elif isinstance(item, str):
                key, _, value = item.partition(":")
                pairs.append((key, value))
            else:
                reader.note((*path, "labels"), f"label {item!r} is not a key and value: skipped")
    spec: dict[str, Any] = {}
    tags = []
    for key, value in pairs:
        field_name = _LABEL_FIELDS.get(key.lower())
        if field_name and field_name not in spec:
            spec[field_name] = value
        else:
            tags.append(f"{key}:{value}" if value else key)
    if tags:
        spec["tags"] = tags
    return spec


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
