"""The plan as an OpenTelemetry Weaver registry (``evdict export --format weaver``).

One file, ``registry.yaml``, in Weaver's version 2 definition syntax
(``file_format: definition/2``): top-level ``attributes`` (one per property name, keyed
by it) and ``events`` whose ``attributes`` are ``ref``s to them. A shared plan property
is its attribute; an event's own property defines the attribute where it first appears
(events by name) and refines it elsewhere, as Weaver allows: ``brief`` (the description),
``examples`` and ``requirement_level: required``.

What an attribute holds: a scalar type (``string``, ``int``, ``double``, ``boolean``),
an array of one (``string[]``), or an enum of strings or integers (``members``, each value
with an ``id``; a ``const`` is an enum of one member); a description and examples. A type Weaver has no word for (``object``, ``null``, several
types) is ``any``; format, pattern, bounds and lengths have no place; an event's own
property that types a name differently from its attribute cannot: each is a note.
An event's ``stability`` is its ``stability:`` tag (``development`` without one); a
deprecation is ``renamed`` (with ``renamed_to``) when it names a replacement, else
``obsoleted``, its reason the ``note``. Category, owner and other tags have no place.
"""

from __future__ import annotations

import re
from typing import Any

from evdict.commands.draft import yaml_key
from evdict.commands.import_plan import yaml_value
from evdict.plan.model import PROPERTY_META_KEYS, Event, Plan, Property

REGISTRY_FILE = "registry.yaml"
HEADER = "# Written by `evdict export --format weaver`."
DEFAULT_STABILITY = "development"
_SCALARS = {"string": "string", "integer": "int", "number": "double", "boolean": "boolean"}
# A property's keys an attribute holds (with the plan's own keys); the rest is noted.
_HELD = frozenset({"type", "enum", "const", "items", *PROPERTY_META_KEYS})
_MEMBER_ID = re.compile(r"[^a-z0-9]+")


def weaver_registry(plan: Plan) -> tuple[dict[str, bytes], list[str]]:
    """The registry's files (path -> content) and the notes on what was not exported."""
    notes: list[str] = []
    attributes: dict[str, dict[str, Any]] = {}
    for name, prop in sorted(plan.properties.items()):
        attributes[name] = _attribute(name, prop, notes)
    events = [
        _event(event, attributes, notes)
        for event in sorted(plan.events.values(), key=lambda event: event.name)
    ]
    document = {
        "file_format": "definition/2",
        "attributes": list(attributes.values()),
        "events": events,
    }
    lines = [HEADER]
    _block(document, 0, lines)
    return {REGISTRY_FILE: "\n".join(lines).encode() + b"\n"}, notes


def _block(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    """``data`` in YAML's block style: mappings, and lists of mappings, one entry a line
    (a 2,000-event export takes 2.0 s, 43 s with ruamel's emitter); scalars and lists
    of them as :func:`yaml_value` writes them."""
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{yaml_key(key)}:")
            _block(value, indent + 2, lines)
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines.append(f"{pad}{yaml_key(key)}:")
            for item in value:
                entry: list[str] = []
                _block(item, indent + 4, entry)
                entry[0] = f"{pad}  - {entry[0].lstrip()}"
                lines.extend(entry)
        else:
            lines.append(f"{pad}{yaml_key(key)}: {yaml_value(value)}")


def _event(event: Event, attributes: dict[str, dict[str, Any]], notes: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": event.name,
        "brief": event.description or "",
        "stability": _stability(event),
    }
    if event.status == "deprecated":
        entry["deprecated"] = _deprecation(event)
    uses = []
    for name, prop in event.properties.items():
        own = _attribute(name, prop, notes)
        known = attributes.setdefault(name, own)
        if known["type"] != own["type"]:
            notes.append(
                f"{_where(prop)}: property {name!r}: its type is not kept: attribute {name!r} is "
                "typed where first defined (a Weaver event refines an attribute, never retypes it)"
            )
        use: dict[str, Any] = {"ref": name}
        if own["brief"] != known["brief"]:
            use["brief"] = own["brief"]
        if own.get("examples", []) != known.get("examples", []):
            use["examples"] = own.get("examples", [])
        if prop.required:
            use["requirement_level"] = "required"
        uses.append(use)
    if uses:
        entry["attributes"] = uses
    return entry


def _attribute(name: str, prop: Property, notes: list[str]) -> dict[str, Any]:
    """The attribute ``prop`` defines; what it cannot hold of the property's own keys (a
    shared definition's are noted once, where written) is added to ``notes``."""
    effective = prop.effective
    kind = _type(effective)
    attribute: dict[str, Any] = {
        "key": name,
        "type": "any" if kind is None else kind,
        "brief": prop.description or "",
        "stability": DEFAULT_STABILITY,
    }
    if isinstance(effective.get("examples"), list) and effective["examples"]:
        attribute["examples"] = effective["examples"]
    lost = [key for key in prop.spec if key not in _HELD]
    if lost:
        notes.append(
            f"{_where(prop)}: property {name!r}: {', '.join(lost)} not kept "
            "(a Weaver attribute has none)"
        )
    if kind is None and "type" in prop.spec:
        notes.append(
            f"{_where(prop)}: property {name!r}: {_shown_type(prop.spec)} has no "
            "Weaver type: written as `any`"
        )
    return attribute


def _shown_type(spec: dict[str, Any]) -> str:
    words = [f"{key} {spec[key]!r}" for key in ("type", "enum", "const", "items") if key in spec]
    return ", ".join(words)


def _where(prop: Property) -> str:
    location = prop.origin.location()
    return f"{location.path}:{location.line}:{location.column}"


def _type(schema: dict[str, Any]) -> str | dict[str, Any] | None:
    """The Weaver type of a property schema; None when Weaver has no word for it."""
    kind = schema.get("type")
    values = [schema["const"]] if "const" in schema else schema.get("enum")
    if isinstance(values, list) and values:
        if kind == "string" and all(isinstance(value, str) for value in values):
            return {"members": _members(values)}
        if kind == "integer" and all(
            isinstance(value, int) and not isinstance(value, bool) for value in values
        ):
            return {"members": _members(values)}
        return None
    if isinstance(kind, str) and kind in _SCALARS:
        return _SCALARS[kind]
    items = schema.get("items")
    if kind == "array" and isinstance(items, dict) and set(items) == {"type"}:
        item = items["type"]
        return f"{_SCALARS[item]}[]" if isinstance(item, str) and item in _SCALARS else None
    return None


def _members(values: list[Any]) -> list[dict[str, Any]]:
    """Enum members, each value with an ``id`` of lowercase letters, digits and ``_``
    made from it (unique, ``value_2`` when two values give the same)."""
    members = []
    seen: set[str] = set()
    for value in values:
        base = _MEMBER_ID.sub("_", str(value).lower()).strip("_") or "value"
        if base[0].isdigit():
            base = f"value_{base}"
        member_id, number = base, 1
        while member_id in seen:
            number += 1
            member_id = f"{base}_{number}"
        seen.add(member_id)
        members.append({"id": member_id, "value": value, "stability": DEFAULT_STABILITY})
    return members


def _stability(event: Event) -> str:
    tags = event.spec.get("tags")
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, str) and tag.startswith("stability:") and tag[10:]:
            return tag[10:]
    return DEFAULT_STABILITY


def _deprecation(event: Event) -> dict[str, Any]:
    replaced_by = event.replaced_by
    result: dict[str, Any] = (
        {"reason": "renamed", "renamed_to": replaced_by} if replaced_by else {"reason": "obsoleted"}
    )
    reason = event.deprecated.get("reason")
    if isinstance(reason, str) and reason.strip():
        result["note"] = reason
    return result
