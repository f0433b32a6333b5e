"""The plan in other tools' formats (``evdict export``).

* ``jsonschema``: one JSON Schema (Draft 2020-12) document holding a schema per event
  under ``$defs``: what a pipeline validates payloads with (``#/$defs/signup_completed``).
* ``segment``: a Segment Protocols tracking plan (the Config API shape: ``display_name``
  and ``rules.events``, each event's rule a Draft-07 JSON Schema of the whole call whose
  ``properties`` key holds the event's properties), to import into Protocols.
* ``segment-protocols``: the Public API's shape (``rules[]`` of TRACK rules with ``key``,
  ``version``, ``jsonSchema`` of the whole call, ``labels`` holding the category and
  owner, ``deprecatedAt`` the date of a deprecation).
* ``iglu`` and ``weaver``: a folder, a Snowplow Iglu registry
  (:mod:`evdict.commands.export_iglu`) or an OpenTelemetry Weaver registry
  (:mod:`evdict.commands.export_weaver`), written by :func:`export_folder`.

``evdict import`` reads each of them back to the same events (what the format holds).

An event's schema is closed (``additionalProperties: false``) as the plan is: a property
the plan does not declare is a finding (EV603). Descriptions and examples travel as the
schema annotations they are; deprecated events are marked ``deprecated``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from evdict.checker import config_for, lint, load_plan
from evdict.config import Config, Options
from evdict.errors import UsageError
from evdict.plan.model import Event, Plan
from evdict.result import CheckResult

ExportFormat = Literal["jsonschema", "segment", "segment-protocols", "iglu", "weaver"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    "jsonschema",
    "segment",
    "segment-protocols",
    "iglu",
    "weaver",
)
# The formats that are a folder of files (--out DIR), not one document.
FOLDER_FORMATS: frozenset[ExportFormat] = frozenset({"iglu", "weaver"})
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
    plan, structure = _checked_plan(options, config)
    if plan is None:
        return None, structure
    return export_plan(plan, fmt, _title(config)), structure


@dataclass(frozen=True)
class FolderExport:
    """What ``evdict export --out DIR`` did: the files written (none when the plan is
    broken, ``structure`` says why, or when no event can be exported in the format) and
    the notes on what the format cannot hold."""

    structure: CheckResult
    broken: bool
    written: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()


def export_folder(
    options: Options, fmt: ExportFormat, out: Path, vendor: str | None = None
) -> FolderExport:
    """Write the plan as the registry folder ``fmt`` (iglu needs ``vendor``) under
    ``out``, all files or none; a usage error before anything is read when the vendor
    is missing or not one."""
    # Imported here: the writers reuse this module's event_schema.
    from evdict.commands.export_folder import write_folder
    from evdict.commands.export_iglu import check_vendor, iglu_registry
    from evdict.commands.export_weaver import weaver_registry

    if fmt == "iglu":
        if vendor is None:
            raise UsageError("--format iglu needs --vendor, the schemas' vendor (com.example)")
        check_vendor(vendor)
    config = config_for(options)
    plan, structure = _checked_plan(options, config)
    if plan is None:
        return FolderExport(structure, broken=True)
    if fmt == "iglu":
        assert vendor is not None
        files, notes = iglu_registry(plan, vendor)
    else:
        files, notes = weaver_registry(plan)
    if files:
        write_folder(out, files)
    return FolderExport(structure, False, tuple(out / name for name in files), tuple(notes))


def _checked_plan(options: Options, config: Config) -> tuple[Plan | None, CheckResult]:
    """The plan, and its structure findings (EV0xx): no plan when one is an error."""
    structure = lint(replace(options, select=("EV0",), ignore=()), config)
    if structure.exit_code:
        return None, structure
    return load_plan(config, use_cache=options.use_cache), structure


def _title(config: Config) -> str:
    return f"{config.root.name} tracking plan" if config.root.name else "Tracking plan"
