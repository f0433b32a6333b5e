"""An event's JSON Schema (its properties object) as plan properties.

What a plan property holds (type, enum, const, format, pattern, bounds, items,
description, examples, required) is kept as written; local ``$ref`` pointers are
followed; anything else (a nested object's own properties, ``default``, ``anyOf``,
a ``$ref`` to another document...) is a note at its JSON pointer.
"""

from __future__ import annotations

from typing import Any

from evdict.importers.model import Imported, pointer

JSON_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})
# The keys of a plan property that mean the same in JSON Schema.
KEPT = (
    "type",
    "description",
    "enum",
    "const",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "items",
    "examples",
)
# Keys of an event's schema that the plan entry itself says (or that only say what
# JSON Schema dialect or document this is).
EVENT_KEYS = frozenset(
    {
        "$schema",
        "$id",
        "self",
        "title",
        "description",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "$defs",
        "definitions",
        "deprecated",
    }
)
_MAX_REF_HOPS = 32


class SchemaReader:
    """Reads the schemas of one document (``root``, for its ``$ref`` pointers), shown as
    ``shown`` in notes."""

    def __init__(self, root: Any, shown: str, imported: Imported) -> None:
        self.root = root
        self.shown = shown
        self.imported = imported

    def where(self, path: tuple[str | int, ...]) -> str:
        return f"{self.shown}#{pointer(*path)}"

    def note(self, path: tuple[str | int, ...], message: str) -> None:
        self.imported.note(self.where(path), message)

    def resolve(self, schema: Any, path: tuple[str | int, ...]) -> Any:
        """``schema`` with its local ``$ref`` followed (None when it points nowhere)."""
        for _ in range(_MAX_REF_HOPS):
            if not isinstance(schema, dict) or "$ref" not in schema:
                return schema
            ref = schema["$ref"]
            target = self._target(ref) if isinstance(ref, str) else None
            if target is None:
                self.note((*path, "$ref"), f"unknown $ref {ref!r}: the property is kept untyped")
                return None
            rest = {key: value for key, value in schema.items() if key != "$ref"}
            schema = {**target, **rest} if isinstance(target, dict) else target
        self.note(path, "$ref pointers loop: the property is kept untyped")
        return None

    def _target(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node = self.root
        for raw in ref[1:].split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def event_properties(
        self, schema: Any, path: tuple[str | int, ...], skip: frozenset[str] = frozenset()
    ) -> dict[str, dict[str, Any]]:
        """The plan properties of the object ``schema`` (at ``path``), less ``skip``."""
        schema = self.resolve(schema, path)
        if not isinstance(schema, dict):
            return {}
        properties = schema.get("properties") or {}
        listed = schema.get("required") or []
        required = [n for n in listed if isinstance(n, str)] if isinstance(listed, list) else []
        if required != listed:
            self.note((*path, "required"), "not a list of names: read as the names it holds")
        if not isinstance(properties, dict):
            self.note((*path, "properties"), "not an object: no property read")
            return {}
        result: dict[str, dict[str, Any]] = {}
        for name, sub in properties.items():
            if name in skip:
                continue
            where = (*path, "properties", name)
            if name == "":
                self.note(where, "an empty property name (a plan name has a character): skipped")
                continue
            spec = self.property_spec(sub, where)
            if name in required:
                spec["required"] = True
            result[name] = spec
        for name in required:
            if name not in properties:
                self.note((*path, "required"), f"{name!r} is required but not defined")
        return result

    def property_spec(self, schema: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        """The plan property for the property schema at ``path``."""
        schema = self.resolve(schema, path)
        if schema is True or schema is None:
            return {}
        if not isinstance(schema, dict):
            self.note(path, "not a schema object: the property is kept untyped")
            return {}
        spec: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "type":
                kept = self._type(value, (*path, "type"))
                if kept is not None:
                    spec["type"] = kept
            elif key in KEPT:
                spec[key] = value
            elif key in ("anyOf", "oneOf"):
                self._alternatives(spec, key, value, (*path, key))
            elif key == "properties" and isinstance(value, dict):
                names = ", ".join(map(repr, value)) or "none"
                self.note(
                    (*path, key),
                    f"the nested object's own properties ({names}) are not kept: "
                    "a plan property holds no sub-properties",
                )
            else:
                self.note((*path, key), f"{key!r} is not kept (a plan property has no {key})")
        _draft4_bounds(spec)
        return spec

    def _type(self, value: Any, path: tuple[str | int, ...]) -> str | list[str] | None:
        types = value if isinstance(value, list) else [value]
        if types and all(isinstance(item, str) and item in JSON_TYPES for item in types):
            return value if isinstance(value, str) else list(dict.fromkeys(value))
        self.note(path, f"type {value!r} is not a JSON type: the property is kept untyped")
        return None

    def _alternatives(
        self, spec: dict[str, Any], key: str, value: Any, path: tuple[str | int, ...]
    ) -> None:
        """``anyOf`` of plain types (``[{type: string}, {type: null}]``) is a type list."""
        options = value if isinstance(value, list) else []
        types = [o.get("type") for o in options if isinstance(o, dict) and set(o) == {"type"}]
        if options and len(types) == len(options) and all(t in JSON_TYPES for t in types):
            spec["type"] = list(dict.fromkeys(types))
            return
        self.note(path, f"{key!r} of schemas is not kept: a plan property has one schema")

    def event_extras(self, schema: dict[str, Any], path: tuple[str | int, ...]) -> None:
        """Note the keys of an event's schema the plan entry does not hold."""
        for key in schema:
            if key not in EVENT_KEYS:
                self.note((*path, key), f"{key!r} is not kept (a plan event has no {key})")


def _draft4_bounds(spec: dict[str, Any]) -> None:
    """Draft 4's ``exclusiveMinimum: true`` (Iglu's schemas) makes its ``minimum``
    exclusive: the plan's numeric ``exclusiveMinimum``; ``false`` says nothing."""
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(spec.get(exclusive), bool) and spec.pop(exclusive) and inclusive in spec:
            spec[exclusive] = spec.pop(inclusive)
