"""The plan as a Snowplow Iglu registry (``evdict export --format iglu --vendor V``).

Each event is a self-describing schema at ``schemas/<vendor>/<event>/jsonschema/1-0-0``
(Iglu's static registry layout): ``$schema`` Iglu's meta-schema, ``self`` its vendor,
name, format and version, then the event's properties object as the JSON Schema export
writes it (closed, ``required``, descriptions and examples), in the Draft 4 that Iglu
validates with: ``const`` is a one-value ``enum``, an exclusive bound is ``minimum`` or
``maximum`` with ``exclusiveMinimum``/``exclusiveMaximum: true``.

An Iglu name is letters, digits, ``_`` and ``-`` (the meta-schema's pattern): an event
named otherwise (``Cart Viewed``) has no schema path and is not exported (a note).
Category, owner, tags and a deprecation's date and replacement have no place in a
schema; a deprecated event is marked ``deprecated: true``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from evdict.commands.export import event_schema
from evdict.errors import UsageError
from evdict.plan.model import Plan

META_SCHEMA = (
    "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#"
)
FIRST_VERSION = "1-0-0"
# The patterns of Iglu's self-describing meta-schema for `self.vendor` and `self.name`.
_VENDOR = re.compile(r"[a-zA-Z0-9_.-]+")
_NAME = re.compile(r"[a-zA-Z0-9_-]+")
# Draft 2020-12's numeric exclusive bound -> Draft 4's inclusive key, and which bound is
# the stricter (the larger minimum, the smaller maximum).
_BOUNDS = {"exclusiveMinimum": ("minimum", max), "exclusiveMaximum": ("maximum", min)}


def check_vendor(vendor: str) -> None:
    """Raise :class:`UsageError` unless ``vendor`` is an Iglu vendor (a folder name)."""
    if not _VENDOR.fullmatch(vendor) or not vendor.strip("."):
        raise UsageError(
            f"--vendor {vendor!r} is not an Iglu vendor: letters, digits, '_', '-' and '.', "
            "in reverse domain order such as com.example"
        )


def iglu_registry(plan: Plan, vendor: str) -> tuple[dict[str, bytes], list[str]]:
    """The registry's files (path -> content) and the notes on what was not exported."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    for event in sorted(plan.events.values(), key=lambda event: event.name):
        if not _NAME.fullmatch(event.name):
            location = event.origin.location()
            notes.append(
                f"{location.path}:{location.line}:{location.column}: event {event.name!r} "
                "is not exported: an Iglu schema name is letters, digits, '_' and '-'"
            )
            continue
        body = event_schema(event)
        del body["title"]
        if not body["required"]:
            del body["required"]  # Draft 4 wants a `required` of one name or more
        body["properties"] = {name: draft4(sub) for name, sub in body["properties"].items()}
        schema = {
            "$schema": META_SCHEMA,
            "self": {
                "vendor": vendor,
                "name": event.name,
                "format": "jsonschema",
                "version": FIRST_VERSION,
            },
            **body,
        }
        text = json.dumps(schema, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        files[f"schemas/{vendor}/{event.name}/jsonschema/{FIRST_VERSION}"] = text.encode()
    return files, notes


def draft4(schema: dict[str, Any]) -> dict[str, Any]:
    """A property schema in Draft 4's words (``const`` and numeric exclusive bounds)."""
    result = dict(schema)
    if "const" in result:
        result["enum"] = [result.pop("const")]
    for exclusive, (inclusive, stricter) in _BOUNDS.items():
        bound = result.pop(exclusive, None)
        if not isinstance(bound, (int, float)) or isinstance(bound, bool):
            continue
        current = result.get(inclusive)
        if isinstance(current, (int, float)) and stricter(current, bound) != bound:
            continue  # the inclusive bound is the stricter one: it alone holds
        result[inclusive] = bound
        result[exclusive] = True
    if isinstance(result.get("items"), dict):
        result["items"] = draft4(result["items"])
    return result
