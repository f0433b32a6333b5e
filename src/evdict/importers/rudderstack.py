"""RudderStack tracking plans as code: the YAML project files of rudder-cli (rudder-iac).

Each file is ``{version, kind, metadata: {name}, spec}``, version ``rudder/v1`` (kinds
``events``, ``properties``, ``categories``, ``custom-types``, ``tracking-plan``; references
``#event:<id>``, ``#property:<id>``, ``#category:<id>``, ``#custom-type:<id>``) or the
earlier ``rudder/0.1`` (kind ``tp`` for a tracking plan; references
``#/<kind>/<metadata.name>/<id>``, as ``$ref`` or as a string). References resolve across
all the files read.

Every ``track`` event of the catalog is an event, named by its ``name``; its category is
its category's name; the ``event_rule``s of the tracking plans give it properties (the
property's ``name``, ``required``) and a ``tracking-plan:<id>`` tag. A property's type,
``types``, item types and ``config`` (``enum``, bounds, lengths, ``pattern``, ``format``)
are kept, a custom type's resolved into it. Nested properties, variants, other event types
(identify, page...), and what a plan property has no place for are notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evdict.importers.model import Imported
from evdict.importers.yaml_files import Located, read_yaml_files
from evdict.yamlsource import PathKey

_VERSIONS = frozenset({"rudder/v1", "rudder/0.1", "rudder/v0.1"})
# Kind of file -> kind of reference (v1's ``#<kind>:<id>``) and the list its spec holds.
_KINDS = {
    "events": ("event", "events"),
    "properties": ("property", "properties"),
    "categories": ("category", "categories"),
    "custom-types": ("custom-type", "types"),
}
_TRACKING_PLAN_KINDS = frozenset({"tracking-plan", "tp"})
_LEGACY_REF = re.compile(r"#/(events|properties|categories|custom-types)/([^/]+)/([^/]+)")
_REF = re.compile(r"#(event|property|category|custom-type):(.+)")
_PRIMITIVES = frozenset({"string", "number", "integer", "boolean", "null", "array", "object"})
# A config key (v1 snake_case, 0.1 camelCase) -> the plan property's key.
_CONFIG = {
    "enum": "enum",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusiveMinimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
    "exclusiveMaximum": "exclusiveMaximum",
    "min_length": "minLength",
    "minLength": "minLength",
    "max_length": "maxLength",
    "maxLength": "maxLength",
    "min_items": "minItems",
    "minItems": "minItems",
    "max_items": "maxItems",
    "maxItems": "maxItems",
    "pattern": "pattern",
    "format": "format",
}
_ITEM_TYPES = ("item_types", "itemTypes")
_EVENT_KEYS = frozenset({"id", "name", "event_type", "description", "category"})
_PROPERTY_KEYS = frozenset(
    {
        "id",
        "name",
        "description",
        "type",
        "types",
        "item_type",
        "item_types",
        "config",
        "propConfig",
    }
)
_RULE_KEYS = frozenset(
    {"type", "id", "event", "properties", "identity_section", "additional_properties"}
)
_MAX_TYPE_HOPS = 8


@dataclass(frozen=True)
class _Entry:
    """A catalog entry and where it is."""

    kind: str  # "event", "property", "category", "custom-type" or "tracking-plan"
    located: Located
    path: PathKey
    data: dict[str, Any]

    def note(self, key: str | int | tuple[str | int, ...], message: str) -> None:
        keys = key if isinstance(key, tuple) else (key,)
        self.located.note((*self.path, *keys), message)


@dataclass
class _Catalog:
    """The entries read, by reference (both spellings), and the tracking plans."""

    entries: dict[tuple[str, ...], _Entry] = field(default_factory=dict)
    events: list[_Entry] = field(default_factory=list)
    plans: list[_Entry] = field(default_factory=list)
    # Each catalog property as a plan property, read (and its notes given) once.
    properties: dict[int, dict[str, Any]] = field(default_factory=dict)
    noted_types: set[int] = field(default_factory=set)

    def add(self, kind: str, group: str, entry: _Entry) -> None:
        ident = entry.data.get("id")
        if not isinstance(ident, str) or not ident:
            entry.note((), f"no `id` on this {kind}: it cannot be referenced")
        elif (kind, ident) in self.entries:
            entry.note("id", f"{kind} id {ident!r} is defined again: the first is kept")
            return
        else:
            self.entries[(kind, ident)] = entry
            self.entries[(kind, group, ident)] = entry
        if kind == "event":
            self.events.append(entry)

    def resolve(self, ref: Any, kind: str) -> _Entry | None:
        """The ``kind`` entry ``ref`` names (a string, or ``{$ref: ...}``), if any."""
        text = ref.get("$ref") if isinstance(ref, dict) else ref
        if not isinstance(text, str):
            return None
        legacy = _LEGACY_REF.fullmatch(text)
        if legacy is not None:
            file_kind, group, ident = legacy.groups()
            found = self.entries.get((_KINDS[file_kind][0], group, ident))
        else:
            current = _REF.fullmatch(text)
            found = self.entries.get((current[1], current[2])) if current else None
        return found if found is not None and found.kind == kind else None


def read(sources: list[Path], imported: Imported) -> None:
    catalog = _Catalog()
    versions: dict[str, str] = {}
    for located in read_yaml_files(sources, imported, suffix=(".yaml", ".yml")):
        version = _read_file(located, catalog)
        if version:
            versions.setdefault(version, located.document.path)
    if len(versions) > 1:
        used = "; ".join(f"{path} uses {version}" for version, path in versions.items())
        imported.note(
            ", ".join(str(s) for s in sources), f"mixed spec versions ({used}): all read alike"
        )
    events: dict[int, tuple[str, dict[str, Any]]] = {}
    for entry in catalog.events:
        named = _event(catalog, entry)
        if named is not None:
            events[id(entry)] = named
    for plan in catalog.plans:
        _tracking_plan(catalog, plan, events)
    for entry in catalog.events:
        if id(entry) in events:
            name, spec = events[id(entry)]
            imported.add_event(name, spec, entry.located.where(entry.path))


def _read_file(located: Located, catalog: _Catalog) -> str | None:
    """Index the file's entries; its spec version (None when it is not a rudder spec)."""
    data = located.document.data
    version, kind = data.get("version"), data.get("kind")
    if not isinstance(version, str) or version not in _VERSIONS:
        located.note(
            ("version",) if "version" in data else (),
            f"not a RudderStack spec (version {version!r}): skipped",
        )
        return None
    metadata = data.get("metadata")
    group = metadata.get("name") if isinstance(metadata, dict) else None
    spec = data.get("spec")
    if not isinstance(spec, dict):
        located.note(("spec",) if "spec" in data else (), "no `spec` mapping: skipped")
        return version
    if not isinstance(kind, str):
        located.note(("kind",) if "kind" in data else (), f"kind {kind!r} is not a name: skipped")
        return version
    if kind in _TRACKING_PLAN_KINDS:
        if (kind == "tp") != (version != "rudder/v1"):
            located.note(("kind",), f"kind {kind!r} under version {version!r}: read all the same")
        catalog.plans.append(_Entry("tracking-plan", located, ("spec",), spec))
        return version
    if kind not in _KINDS:
        located.note(("kind",), f"kind {kind!r} is not part of a tracking plan: skipped")
        return version
    ref_kind, plural = _KINDS[kind]
    items = spec.get(plural)
    if not isinstance(items, list):
        held = ", ".join(map(repr, spec)) or "nothing"
        located.note(
            ("spec",), f"a file of kind {kind!r} without `spec.{plural}` (it holds {held}): skipped"
        )
        return version
    for index, item in enumerate(items):
        path = ("spec", plural, index)
        if not isinstance(item, dict):
            located.note(path, f"not a {ref_kind} definition: skipped")
            continue
        catalog.add(ref_kind, str(group), _Entry(ref_kind, located, path, item))
    return version


def _event(catalog: _Catalog, entry: _Entry) -> tuple[str, dict[str, Any]] | None:
    data = entry.data
    event_type = data.get("event_type", "track")
    if event_type != "track":
        entry.note("event_type", f"an event of type {event_type!r}, not track: not imported")
        return None
    name = data.get("name", data.get("id"))
    if "name" not in data:
        entry.note((), f"a track event without a `name`: named by its id {name!r}")
    if not isinstance(name, str) or not name:
        entry.note((), "an event without a name (a plan name has a character): skipped")
        return None
    spec: dict[str, Any] = {}
    if isinstance(data.get("description"), str) and data["description"]:
        spec["description"] = data["description"]
    if "category" in data:
        category = catalog.resolve(data["category"], "category")
        if category is None:
            entry.note("category", f"unknown category {_shown(data['category'])}: not kept")
        elif isinstance(category.data.get("name"), str):
            spec["category"] = category.data["name"]
    _note_extras(entry, _EVENT_KEYS, "event")
    return name, spec


def _tracking_plan(
    catalog: _Catalog, plan: _Entry, events: dict[int, tuple[str, dict[str, Any]]]
) -> None:
    plan_id = plan.data.get("id")
    rules = plan.data.get("rules") or []
    if not isinstance(rules, list):
        plan.note("rules", "not a list of rules: skipped")
        rules = []
    for index, data in enumerate(rules):
        rule = _Entry("rule", plan.located, (*plan.path, "rules", index), _mapping(data))
        if rule.data.get("type") != "event_rule":
            rule.note((), "not an event_rule: skipped")
            continue
        event = catalog.resolve(rule.data.get("event"), "event")
        if event is None:
            rule.note("event", f"unknown event {_shown(rule.data.get('event'))}: skipped")
            continue
        if id(event) not in events:
            continue  # not a track event, or nameless: noted where it is defined
        name, spec = events[id(event)]
        if isinstance(plan_id, str) and plan_id:
            tags = spec.setdefault("tags", [])
            if f"tracking-plan:{plan_id}" not in tags:
                tags.append(f"tracking-plan:{plan_id}")
        _rule_extras(rule)
        properties = spec.setdefault("properties", {})
        for position, use in enumerate(_list(rule.data.get("properties"))):
            at = (*rule.path, "properties", position)
            _rule_property(
                catalog, _Entry("use", rule.located, at, _mapping(use)), name, properties
            )
        if not properties:
            del spec["properties"]


def _rule_extras(rule: _Entry) -> None:
    """Note what an event rule says that a plan event cannot."""
    data = rule.data
    event = _mapping(data.get("event"))
    unplanned = "unplanned properties are allowed: not kept (a plan lists its properties)"
    if event.get("allow_unplanned") is True:
        rule.note(("event", "allow_unplanned"), unplanned)
    if data.get("additional_properties") is True:
        rule.note("additional_properties", unplanned)
    for where in (("event", "identity_section"), ("identity_section",)):
        if (event if len(where) == 2 else data).get("identity_section"):
            rule.note(where, "the identity section (traits) is not kept")
    for key in data:
        if key == "variants":
            rule.note(key, "variants (properties by a discriminator's value) are not kept")
        elif key == "includes":
            rule.note(key, "rules included from another tracking plan are not resolved")
        elif key not in _RULE_KEYS:
            rule.note(key, f"{key!r} is not kept")


def _rule_property(
    catalog: _Catalog, use: _Entry, event: str, properties: dict[str, dict[str, Any]]
) -> None:
    ref = use.data.get("property", use.data)
    found = catalog.resolve(ref, "property")
    if found is None:
        use.note((), f"unknown property {_shown(ref)}: skipped")
        return
    name = found.data.get("name")
    if not isinstance(name, str) or not name:
        use.note((), "a property without a name (a plan name has a character): skipped")
        return
    prop = _property(catalog, found)
    if use.data.get("required") is True:
        prop["required"] = True
    nested = [_shown(_mapping(p).get("property", p)) for p in _list(use.data.get("properties"))]
    if nested:
        use.note(
            "properties",
            f"the nested properties ({', '.join(nested)}) are not kept: a plan property holds none",
        )
    if name in properties and properties[name] != prop:
        use.note((), f"{name!r} of {event!r} is defined differently by another rule: first kept")
        return
    properties.setdefault(name, prop)


def _property(catalog: _Catalog, entry: _Entry) -> dict[str, Any]:
    """The plan property of a catalog property (its custom type resolved into it)."""
    if id(entry) not in catalog.properties:
        prop: dict[str, Any] = {}
        _type_into(catalog, entry, prop, 0)
        if isinstance(entry.data.get("description"), str) and entry.data["description"]:
            prop["description"] = entry.data["description"]
        _note_extras(entry, _PROPERTY_KEYS, "property")
        catalog.properties[id(entry)] = prop
    return dict(catalog.properties[id(entry)])


def _type_into(catalog: _Catalog, entry: _Entry, prop: dict[str, Any], hops: int) -> None:
    """Set the type, item types and config of ``entry`` (a property or a custom type)."""
    data = entry.data
    kind = data.get("types", data.get("type"))
    if isinstance(kind, str) and kind.startswith("#"):
        custom = catalog.resolve(kind, "custom-type")
        if custom is None or hops >= _MAX_TYPE_HOPS:
            entry.note("type", f"unknown custom type {kind!r}: kept untyped")
        else:
            _type_into(catalog, custom, prop, hops + 1)
            if id(custom) not in catalog.noted_types:  # noted once, however many use it
                catalog.noted_types.add(id(custom))
                if custom.data.get("properties"):
                    custom.note(
                        "properties",
                        "the custom type's own properties are not kept: a plan property holds none",
                    )
                if custom.data.get("variants"):
                    custom.note("variants", "variants are not kept")
    elif kind is not None:
        types = [t.strip() for t in kind.split(",")] if isinstance(kind, str) else kind
        if isinstance(types, list) and types and all(_primitive(t) for t in types):
            prop["type"] = types[0] if len(types) == 1 else types
        else:
            entry.note(
                "types" if "types" in data else "type",
                f"type {kind!r} is not a JSON type: kept untyped",
            )
    config = data.get("config", data.get("propConfig"))
    items = data.get("item_types", data.get("item_type"))
    if isinstance(config, dict):
        for key, value in config.items():
            if key in _CONFIG:
                prop[_CONFIG[key]] = value
            elif key in _ITEM_TYPES:
                items = value
            else:
                entry.note(
                    ("config" if "config" in data else "propConfig", key),
                    f"{key!r} is not kept (a plan property has no {key})",
                )
    if isinstance(items, str):
        items = [items]
    if isinstance(items, list) and items and all(_primitive(t) for t in items):
        prop["items"] = {"type": items[0] if len(items) == 1 else items}


def _primitive(value: Any) -> bool:
    return isinstance(value, str) and value in _PRIMITIVES


def _note_extras(entry: _Entry, known: frozenset[str], what: str) -> None:
    for key in entry.data:
        if key not in known:
            entry.note(key, f"{key!r} is not kept (a plan {what} has no {key})")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _shown(ref: Any) -> str:
    return repr(ref.get("$ref") if isinstance(ref, dict) else ref)
