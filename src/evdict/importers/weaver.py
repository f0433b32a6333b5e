"""OpenTelemetry semantic-convention registries (OTel Weaver), in both file formats:

* definition/1: ``groups[]``; ``type: attribute_group`` (or any group) defines
  attributes by ``id``; ``type: event`` groups are events (``name``), whose
  ``attributes`` are ``ref``s to those (or defined inline);
* definition/2 (``version: "2"``, or ``file_format: definition/2``): top-level
  ``attributes[]`` by ``key`` and ``events[]`` by ``name``, attributes by ``ref``.

An attribute's type maps to a JSON type (``int`` integer, ``double`` number,
``string[]`` an array of strings), enum ``members`` to an ``enum`` of their values;
``brief`` and ``note`` make the description; ``requirement_level: required`` makes a
property required; ``stability`` is a tag; ``deprecated`` with ``renamed_to`` on an
event is its ``replaced_by``. What a plan has no room for (template attributes,
conditions, a deprecated attribute) is a note at its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.model import Imported
from evdict.importers.yaml_files import Located, read_yaml_files
from evdict.yamlsource import PathKey

_EVENT_KEYS = frozenset(
    {"id", "type", "name", "stability", "brief", "note", "attributes", "deprecated", "body"}
)
_ATTRIBUTE_KEYS = frozenset(
    {
        "id",
        "key",
        "ref",
        "type",
        "brief",
        "note",
        "examples",
        "requirement_level",
        "stability",
        "deprecated",
    }
)
_SCALARS = {"string": "string", "int": "integer", "double": "number", "boolean": "boolean"}


def read(sources: list[Path], imported: Imported) -> None:
    documents = read_yaml_files(sources, imported)
    attributes: dict[str, tuple[Located, PathKey, dict[str, Any]]] = {}
    events: list[tuple[Located, PathKey, str, dict[str, Any]]] = []
    for located in documents:
        data = located.document.data
        if data.get("version") == "2" or data.get("file_format") == "definition/2":
            _collect_v2(located, data, attributes, events)
        elif isinstance(data.get("groups"), list):
            _collect_v1(located, data["groups"], attributes, events)
        else:
            located.note((), "neither `groups` (definition/1) nor version 2: skipped")
    for located, path, name, event in events:
        _read_event(located, path, name, event, attributes)


def _collect_v1(
    located: Located,
    groups: list[Any],
    attributes: dict[str, tuple[Located, PathKey, dict[str, Any]]],
    events: list[tuple[Located, PathKey, str, dict[str, Any]]],
) -> None:
    for index, group in enumerate(groups):
        path: PathKey = ("groups", index)
        if not isinstance(group, dict):
            located.note(path, "not a group: skipped")
            continue
        for number, attribute in enumerate(group.get("attributes") or []):
            if isinstance(attribute, dict) and isinstance(attribute.get("id"), str):
                attributes.setdefault(
                    attribute["id"], (located, (*path, "attributes", number), attribute)
                )
        if group.get("type") == "event":
            name = group.get("name") or str(group.get("id", "")).removeprefix("event.")
            events.append((located, path, str(name), group))


def _collect_v2(
    located: Located,
    data: dict[str, Any],
    attributes: dict[str, tuple[Located, PathKey, dict[str, Any]]],
    events: list[tuple[Located, PathKey, str, dict[str, Any]]],
) -> None:
    for index, attribute in enumerate(data.get("attributes") or []):
        if isinstance(attribute, dict) and isinstance(attribute.get("key"), str):
            attributes.setdefault(attribute["key"], (located, ("attributes", index), attribute))
    for index, event in enumerate(data.get("events") or []):
        if isinstance(event, dict) and isinstance(event.get("name"), str):
            events.append((located, ("events", index), event["name"], event))
        else:
            located.note(("events", index), "an event without a `name`: skipped")


def _read_event(
    located: Located,
    path: PathKey,
    name: str,
    event: dict[str, Any],
    attributes: dict[str, tuple[Located, PathKey, dict[str, Any]]],
) -> None:
    spec: dict[str, Any] = {}
    description = _description(event)
    if description:
        spec["description"] = description
    if isinstance(event.get("stability"), str):
        spec["tags"] = [f"stability:{event['stability']}"]
    deprecated = event.get("deprecated")
    if deprecated:
        spec["deprecated"] = _deprecation(deprecated)
    for field_name in event:
        if field_name not in _EVENT_KEYS:
            located.note(
                (*path, field_name),
                f"{field_name!r} is not kept (a plan event has no {field_name})",
            )
    if event.get("body"):
        located.note((*path, "body"), "the event body's fields are not kept (properties only)")
    properties: dict[str, dict[str, Any]] = {}
    for index, use in enumerate(event.get("attributes") or []):
        where = (*path, "attributes", index)
        if not isinstance(use, dict):
            located.note(where, "not an attribute reference: skipped")
            continue
        key = use.get("ref") or use.get("id") or use.get("key")
        if not isinstance(key, str) or not key:
            located.note(where, "an attribute without a name: skipped")
            continue
        if "ref" in use and use["ref"] not in attributes:
            located.note((*where, "ref"), f"unknown attribute {key!r}: kept untyped")
            definition: dict[str, Any] = {}
            at, at_path = located, where
        elif "ref" in use:
            at, at_path, definition = attributes[use["ref"]]
        else:
            at, at_path, definition = located, where, {}
        merged = {**definition, **{k: v for k, v in use.items() if k != "ref"}}
        if merged.get("stability", event.get("stability")) != event.get("stability"):
            located.note(
                where, f"{key!r} is {merged['stability']!r}: not kept (the event's tag is)"
            )
        properties[key] = _property(at, at_path, merged, located, where)
    if properties:
        spec["properties"] = properties
    located.imported.add_event(name, spec, located.where(path))


def _property(
    at: Located, at_path: PathKey, attribute: dict[str, Any], used: Located, where: PathKey
) -> dict[str, Any]:
    prop: dict[str, Any] = {}
    kind = attribute.get("type")
    if isinstance(kind, dict) and isinstance(kind.get("members"), list):
        values = [m.get("value") for m in kind["members"] if isinstance(m, dict)]
        types = {
            "integer" if isinstance(v, int) else "number" if isinstance(v, float) else "string"
            for v in values
        }
        prop["type"] = types.pop() if len(types) == 1 else sorted(types)
        prop["enum"] = values
        if kind.get("allow_custom_values"):
            at.note(
                (*at_path, "type"), "custom values beside the members are not kept (a closed enum)"
            )
    elif isinstance(kind, str) and kind in _SCALARS:
        prop["type"] = _SCALARS[kind]
    elif isinstance(kind, str) and kind.endswith("[]") and kind[:-2] in _SCALARS:
        prop["type"] = "array"
        prop["items"] = {"type": _SCALARS[kind[:-2]]}
    elif kind is not None:
        at.note((*at_path, "type"), f"type {kind!r} has no JSON type: kept untyped")
    description = _description(attribute)
    if description:
        prop["description"] = description
    examples = attribute.get("examples")
    if examples not in (None, []):  # an event's `examples: []` clears its attribute's
        prop["examples"] = examples if isinstance(examples, list) else [examples]
    level = attribute.get("requirement_level")
    if level == "required":
        prop["required"] = True
    elif isinstance(level, dict) or level == "opt_in":
        used.note(
            (*where, "requirement_level"), f"requirement level {level!r} is not kept (optional)"
        )
    for key in attribute:
        if key not in _ATTRIBUTE_KEYS:
            at.note((*at_path, key), f"{key!r} is not kept (a plan property has no {key})")
    if attribute.get("deprecated"):
        at.note(
            (*at_path, "deprecated"),
            "a deprecated attribute: not marked (a plan property has no deprecation)",
        )
    return prop


def _description(entry: dict[str, Any]) -> str:
    parts = [entry.get(key) for key in ("brief", "note")]
    return "\n\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def _deprecation(deprecated: Any) -> dict[str, Any]:
    if isinstance(deprecated, str):
        return {"reason": deprecated.strip()}
    result: dict[str, Any] = {}
    if isinstance(deprecated, dict):
        if isinstance(deprecated.get("renamed_to"), str):
            result["replaced_by"] = deprecated["renamed_to"]
        reason = deprecated.get("note") or deprecated.get("reason")
        if isinstance(reason, str):
            result["reason"] = reason.strip()
    return result
