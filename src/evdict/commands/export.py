"""The plan in other tools' formats (``evdict export``).

* ``jsonschema``: one JSON Schema (Draft 2020-12) document holding a schema per event
  under ``$defs``: what a pipeline validates payloads with (``#/$defs/signup_completed``).
* ``segment``: a Segment Protocols tracking plan (the Config API shape: ``display_name``
  and ``rules.events``, each event's rule a Draft-07 JSON Schema of the whole call whose
  ``properties`` key holds the event's properties), to import into Protocols.
* ``segment-protocols``: the Public API's shape (``rules[]`` of TRACK rules with ``key``,
  ``version``, ``jsonSchema`` of the whole call, ``labels`` holding the category and
  owner, ``deprecatedAt`` the date of a deprecation).

``evdict import`` reads each of them back to the same events (what the format holds).

An event's schema is closed (``additionalProperties: false``) as the plan is: a property
the plan does not declare is a finding (EV603). Descriptions and examples travel as the
schema annotations they are; deprecated events are marked ``deprecated``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from evdict.checker import config_for, lint, load_plan
from evdict.config import Config, Options
from evdict.plan.model import Event, Plan
from evdict.result import CheckResult

ExportFormat = Literal["jsonschema", "segment", "segment-protocols"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonschema", "segment", "segment-protocols")
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Keys that annotate a value and mean the same in JSON Schema: kept in an export.
_ANNOTATIONS = ("description", "examples")


def export_plan(plan: Plan, fmt: ExportFormat, title: str) -> dict[str, Any]:
    """The plan as a document of format ``fmt`` (events sorted by name)."""
    events = sorted(plan.events.values(), key=lambda event: event.name)
    if fmt == "segment-protocols":
        return {"rules": [_public_api_rule(event) for event in events]}
    if fmt == "segment":
        return {
            "display_name": title,
            "rules": {
                "events": [
                    {
                        "name": event.name,
                        "description": event.description or "",
                        "version": 1,
                        "rules": _segment_rule(event),
                    }
                    for event in events
                ]
            },
        }
    return {
        "$schema": DRAFT_2020_12,
        "title": title,
        "$defs": {event.name: event_schema(event) for event in events},
    }


def event_schema(event: Event) -> dict[str, Any]:
    """The JSON Schema of an event's properties object."""
    schema: dict[str, Any] = {"title": event.name}
    if event.description:
        schema["description"] = event.description
    if event.status == "deprecated":
        schema["deprecated"] = True
    schema["type"] = "object"
    schema["properties"] = {
        name: {
            **{key: prop.effective[key] for key in _ANNOTATIONS if key in prop.effective},
            **prop.json_schema(),
        }
        for name, prop in event.properties.items()
    }
    schema["required"] = sorted(name for name, prop in event.properties.items() if prop.required)
    schema["additionalProperties"] = False
    return schema


def _segment_rule(event: Event) -> dict[str, Any]:
    properties = event_schema(event)
    del properties["title"]
    properties.pop("description", None)
    properties.pop("deprecated", None)
    return {
        "$schema": DRAFT_07,
        "type": "object",
        "properties": {"context": {}, "traits": {}, "properties": properties},
        "required": ["properties"],
    }


def _public_api_rule(event: Event) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": "TRACK", "key": event.name, "version": 1}
    schema = _segment_rule(event)
    if event.description:
        schema = {"description": event.description, **schema}
    rule["jsonSchema"] = schema
    labels = {
        key: value for key, value in (("category", event.category), ("owner", event.owner)) if value
    }
    if labels:
        rule["labels"] = labels
    since = event.deprecated.get("since")
    if isinstance(since, str):
        rule["deprecatedAt"] = since
    return rule


def export(
    options: Options, fmt: ExportFormat, config: Config | None = None
) -> tuple[dict[str, Any] | None, CheckResult]:
    """The plan in format ``fmt`` (``evdict export``), with the structure findings
    (EV0xx); no document when one of them is an error: a broken plan is not exported."""
    config = config or config_for(options)
    structure = lint(replace(options, select=("EV0",), ignore=()), config)
    if structure.exit_code:
        return None, structure
    plan = load_plan(config, use_cache=options.use_cache)
    title = f"{config.root.name} tracking plan" if config.root.name else "Tracking plan"
    return export_plan(plan, fmt, title), structure
